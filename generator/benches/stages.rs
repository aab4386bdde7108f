//! Criterion benchmarks of the pipeline's stages over the bench input
//! (`cargo bench -p mdmodels --bench stages`): parse (with throughput in
//! bytes), resolve, and emit (every file of the crate written as text).

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mdmodels::{parse, read, resolve, Options};

fn stages(c: &mut Criterion) {
    let input = corpus::bench_input();
    println!("input: {}: {} pages, {:.1} MB", input.label, input.pages, input.bytes as f64 / 1e6);
    let pages = read::read_inputs(std::slice::from_ref(&input.path), &read::PageFilter::all()).pages;
    let bytes: usize = pages.iter().map(|page| page.text.len()).sum();
    // One input set, as the CLI makes of a folder: both passes and the vote.
    let inputs: Vec<parse::PageInput<'_>> = pages
        .iter()
        .map(|page| parse::PageInput {
            file: &page.file,
            page: &page.page,
            text: &page.text,
            set: "",
            language: None,
        })
        .collect();
    let one_thread = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let parse_all = || -> Vec<parse::PageModel> {
        one_thread.install(|| {
            parse::parse_pages(&inputs, &parse::ParseOptions::default())
                .pages
                .into_iter()
                .filter_map(|page| match page.outcome {
                    parse::PageOutcome::Model(model) => Some(model),
                    _ => None,
                })
                .collect()
        })
    };
    let options = Options::default();

    let mut group = c.benchmark_group(format!("stages/{}", input.label));
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse (one thread)", |b| b.iter(parse_all));
    group.throughput(Throughput::Elements(pages.len() as u64));
    let models = parse_all();
    group.bench_function("resolve", |b| {
        b.iter(|| resolve::resolve(models.clone(), &[], &options, &mut Vec::new()))
    });
    let schema = resolve::resolve(models.clone(), &[], &options, &mut Vec::new());
    group.bench_function("emit (all cores)", |b| {
        b.iter(|| mdmodels::emit::crate_files(&schema, &options))
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

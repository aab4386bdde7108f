//! Parsed models -> a schema ready to emit: duplicate checks, Rust and wire
//! names, references without a page, the fields to box (on cycles, and for
//! size: `size.rs`), derivable defaults.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::config::{Options, Selector};
use crate::diagnostics::{self, Diagnostic, DiagnosticKind};
use crate::naming;
use crate::schema::{EnumType, FailedModel, Model, ModelKind, Schema, SourceLocation, TypeExpr, UnresolvedModel, WireSource};

/// Resolves parsed models into a schema; problems are pushed to `diagnostics`.
/// `failed` are the model pages that did not parse (their errors already
/// reported): references to them are not missing pages.
pub fn resolve(models: Vec<Model>, failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Schema {
    let models = dedup_models(models, diagnostics);
    check_selectors(&models, failed, options, diagnostics);
    let models = keep_roots(models, failed, options, diagnostics);
    let mut replaced = replaced_models(options);
    for model in models.iter().filter(|model| model.kind == ModelKind::Enum) {
        if !options.enum_enabled(&Selector::model(&model.name)) {
            replaced.entry(model.name.clone()).or_insert_with(|| "::std::string::String".to_string());
        }
    }
    let mut models: Vec<Model> = models
        .into_iter()
        .filter(|model| !replaced.contains_key(&model.name))
        .collect();
    // Each model on its own (in parallel); diagnostics in model order.
    let named: Vec<Vec<Diagnostic>> = models
        .par_iter_mut()
        .map(|model| {
            let found = name_fields(model, options);
            drop_disabled_enums(model, options);
            found
        })
        .collect();
    diagnostics.extend(named.into_iter().flatten());
    let mut unresolved = unresolved_references(&models, failed, &replaced, diagnostics);
    name_types(&mut models, &mut unresolved, diagnostics);
    mark_boxed_fields(&mut models);
    let layouts = size::box_large_fields(&mut models, options, &replaced);
    for (model, layout) in models.iter_mut().zip(layouts) {
        model.size = layout.size;
    }
    mark_default_derivable(&mut models, &replaced, options);
    Schema {
        models,
        unresolved,
        replaced,
        inputs: Vec::new(),
    }
}

/// Models the configuration replaces with a Rust type (`LocalDateTime`).
fn replaced_models(options: &Options) -> BTreeMap<String, String> {
    options
        .selectors
        .iter()
        .filter(|(selector, _)| selector.field.is_none())
        .filter_map(|(selector, settings)| Some((selector.model.clone(), settings.rust_type.clone()?)))
        .collect()
}

/// Every selector of the configuration must name a model (with a page, or
/// referenced by one) or a field of a model page: a typo is an error, not a
/// setting that silently does nothing.
fn check_selectors(models: &[Model], failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) {
    if options.selectors.is_empty() {
        return;
    }
    let by_name: HashMap<&str, &Model> = models.iter().map(|model| (model.name.as_str(), model)).collect();
    // A page that failed has its own errors; settings for it are not typos.
    let failed: HashSet<&str> = failed.iter().map(|model| model.name.as_str()).collect();
    let referenced: BTreeSet<&str> = models
        .iter()
        .flat_map(|model| &model.fields)
        .filter_map(|field| field.ty.referenced_model())
        .collect();
    for (selector, settings) in &options.selectors {
        if failed.contains(selector.model.as_str()) {
            continue;
        }
        let model = by_name.get(selector.model.as_str());
        let found = match &selector.field {
            None => model.is_some() || referenced.contains(selector.model.as_str()),
            Some(field) => model.is_some_and(|model| model.fields.iter().any(|f| &f.doc_name == field)),
        };
        let wrong_kind = match &selector.field {
            None => settings.wire_name.is_some(),
            Some(_) => !settings.derives.is_empty(),
        };
        let has_enum = match &selector.field {
            None => by_name.get(selector.model.as_str()).is_some_and(|model| model.kind == ModelKind::Enum),
            Some(field) => by_name
                .get(selector.model.as_str())
                .and_then(|model| model.fields.iter().find(|f| &f.doc_name == field))
                .is_some_and(|field| field.ty.referenced_enum().is_some()),
        };
        let problem = if !found {
            // The nearest name, for a typo: of a model, or of a field of the model.
            let missing = match (&selector.field, model) {
                (Some(field), Some(model)) => {
                    let near = diagnostics::nearest(field, model.fields.iter().map(|f| f.doc_name.as_str()));
                    format!("no field `{field}` in model `{}`{}", selector.model, did_you_mean(near))
                }
                (Some(_), None) if referenced.contains(selector.model.as_str()) => {
                    format!("model `{}` has no page in the input, so it has no fields", selector.model)
                }
                _ => {
                    let names = by_name.keys().copied().chain(referenced.iter().copied());
                    let near = diagnostics::nearest(&selector.model, names);
                    format!("no model `{}`{}", selector.model, did_you_mean(near))
                }
            };
            Some((
                format!("the config names `{selector}`: {missing}"),
                "selectors use the names the pages write: `Model` or `Model.field`",
            ))
        } else if settings.enum_.is_some() && !has_enum {
            Some((
                format!("the config sets `enum` on `{selector}`, which has no enum"),
                "`enum` applies to fields whose page declares their values, and to enum pages",
            ))
        } else if wrong_kind {
            let other = if selector.field.is_some() { "model" } else { "field" };
            Some((
                format!("the config sets something on `{selector}` that only applies to a {other}"),
                "wire names are set on fields, derives on models",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            let mut diagnostic = Diagnostic::error(DiagnosticKind::Config, message).with_help(help);
            if let Some(location) = &settings.location {
                diagnostic = diagnostic.at(location.clone());
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// With roots (`--root`), only the roots and the models they reference,
/// transitively, in name order; a root that names no model page is an error
/// with the nearest name (unless its page failed to parse: that page has its
/// own errors). A field the config gives a Rust type references
/// nothing.
fn keep_roots(models: Vec<Model>, failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Vec<Model> {
    if options.roots.is_empty() {
        return models;
    }
    let by_name: HashMap<&str, usize> = models.iter().enumerate().map(|(index, model)| (model.name.as_str(), index)).collect();
    let mut keep = vec![false; models.len()];
    let mut stack = Vec::new();
    for root in &options.roots {
        match by_name.get(root.name.as_str()) {
            Some(&index) => stack.push(index),
            // A page that failed to parse has its own errors.
            None if failed.iter().any(|model| model.name == root.name) => {}
            None => {
                let mut help = "a root is a model name as its page writes it (`mdmodels list` shows them)".to_string();
                if let Some(near) = diagnostics::nearest(&root.name, models.iter().map(|model| model.name.as_str())) {
                    help = format!("did you mean `{near}`? {help}");
                }
                let mut diagnostic = Diagnostic::error(
                    DiagnosticKind::Config,
                    format!("the root `{}` names no model page of the input", root.name),
                )
                .with_help(help);
                if let Some(location) = &root.location {
                    diagnostic = diagnostic.at(location.clone());
                }
                diagnostics.push(diagnostic);
            }
        }
    }
    while let Some(index) = stack.pop() {
        if std::mem::replace(&mut keep[index], true) {
            continue;
        }
        let model = &models[index];
        for field in &model.fields {
            let configured = options.field_settings(&model.name, &field.doc_name).is_some_and(|s| s.rust_type.is_some());
            if configured {
                continue;
            }
            if let Some(&target) = field.ty.referenced_model().and_then(|name| by_name.get(name)) {
                if !keep[target] {
                    stack.push(target);
                }
            }
        }
    }
    models.into_iter().zip(keep).filter_map(|(model, keep)| keep.then_some(model)).collect()
}

fn did_you_mean(near: Option<&str>) -> String {
    near.map(|near| format!("; did you mean `{near}`?")).unwrap_or_default()
}

/// Sorts models by name and drops the second page defining the same model.
fn dedup_models(mut models: Vec<Model>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Model> {
    models.sort_by(|a, b| (&a.name, &a.source).cmp(&(&b.name, &b.source)));
    let mut kept: Vec<Model> = Vec::with_capacity(models.len());
    for model in models {
        match kept.last() {
            Some(previous) if previous.name == model.name => diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::Duplicate,
                    format!(
                        "model `{}` is defined twice: here and at {}:{}:{}",
                        model.name, previous.source.file, previous.source.line, previous.source.column
                    ),
                )
                .at(model.source.clone())
                .with_help("remove one of the two pages, or exclude one from the input"),
            ),
            _ => kept.push(model),
        }
    }
    kept
}

/// Gives each field its wire and Rust names. A field listed twice, or two
/// fields with one JSON name, is an error; two doc names that become one Rust
/// name (`url`, `URL`) are told apart with a suffix and a warning. Returns the
/// diagnostics, in row order.
fn name_fields(model: &mut Model, options: &Options) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let fields = &model.fields;
    // The wire name of each field where it is not the one the page gave
    // (`[wire-names]` in the config).
    let new_wire_names: Vec<Option<&str>> = fields
        .iter()
        .map(|field| options.wire_name_override(&model.name, &field.doc_name))
        .collect();
    let wire_name = |index: usize| new_wire_names[index].unwrap_or(&fields[index].wire_name);
    let mut first_rows: HashMap<&str, usize> = HashMap::with_capacity(fields.len());
    let mut wire_owners: HashMap<&str, usize> = HashMap::with_capacity(fields.len());
    // Rust name -> the row that has it (`None`: the map of unknown fields).
    let mut rust_names: HashMap<String, Option<usize>> = HashMap::with_capacity(fields.len() + 1);
    if options.keep_unknown_fields {
        rust_names.insert("additional_properties".to_string(), None);
    }
    let mut duplicates = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        if let Some(&first) = first_rows.get(field.doc_name.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::Duplicate,
                    format!(
                        "field `{}` of model `{}` is listed twice (first at line {})",
                        field.doc_name, model.name, fields[first].source.line
                    ),
                )
                .at(field.source.clone())
                .with_help("remove one of the two rows"),
            );
            duplicates.push(index);
            continue;
        }
        first_rows.insert(&field.doc_name, index);
        let wire = wire_name(index);
        if let Some(other) = wire_owners.insert(wire, index) {
            diagnostics.push(
                Diagnostic::error(
                    DiagnosticKind::NameCollision,
                    format!(
                        "fields `{}` and `{}` of model `{}` both have the JSON name `{wire}`",
                        fields[other].doc_name, field.doc_name, model.name
                    ),
                )
                .at(field.source.clone())
                .with_help(format!(
                    "give one of them its real JSON name with a wire-name override for `{}.{}`",
                    model.name, field.doc_name
                )),
            );
        }
        let base = naming::field_name(&field.doc_name);
        let rust_name = match rust_names.get(&base) {
            None => base,
            Some(&owner) => {
                let rust_name = naming::distinct_field_name(&base, |candidate| rust_names.contains_key(candidate));
                let owner = owner.map_or("(unknown fields)", |row| fields[row].doc_name.as_str());
                diagnostics.push(
                    Diagnostic::warning(
                        DiagnosticKind::NameCollision,
                        format!(
                            "fields `{owner}` and `{}` of model `{}` both become the Rust field `{base}`; this one is named `{rust_name}`",
                            field.doc_name, model.name
                        ),
                    )
                    .at(field.source.clone()),
                );
                rust_name
            }
        };
        rust_names.insert(rust_name, Some(index));
    }

    let mut new_rust_names: Vec<Option<String>> = vec![None; fields.len()];
    for (rust_name, row) in rust_names {
        if let Some(row) = row {
            new_rust_names[row] = Some(rust_name);
        }
    }
    let mut new_wire_names: Vec<Option<String>> = new_wire_names.into_iter().map(|name| name.map(str::to_string)).collect();
    for (index, field) in model.fields.iter_mut().enumerate() {
        // Listed twice: removed below.
        let Some(rust_name) = new_rust_names[index].take() else { continue };
        if let Some(settings) = options.field_settings(&model.name, &field.doc_name) {
            field.rust_type.clone_from(&settings.rust_type);
        }
        if let Some(wire_name) = new_wire_names[index].take() {
            field.wire_name = wire_name;
            field.wire_source = WireSource::Config;
        }
        field.rust_name = rust_name;
    }
    for index in duplicates.into_iter().rev() {
        model.fields.remove(index);
    }
    diagnostics
}

/// Fields whose enum the configuration turns off become `String`s; enums no
/// field uses any more are dropped.
fn drop_disabled_enums(model: &mut Model, options: &Options) {
    if model.kind == ModelKind::Enum {
        return;
    }
    for field in &mut model.fields {
        if field.ty.referenced_enum().is_some() && !options.enum_enabled(&Selector::field(&model.name, &field.doc_name)) {
            field.ty = std::mem::replace(&mut field.ty, TypeExpr::Object).without_enums();
        }
    }
    let used: HashSet<&str> = model
        .fields
        .iter()
        .filter(|field| field.rust_type.is_none())
        .filter_map(|field| field.ty.referenced_enum())
        .collect();
    let used: HashSet<String> = used.into_iter().map(str::to_string).collect();
    model.enums.retain(|e| used.contains(&e.name));
}

/// Every model name some field references without a page, warned about
/// once each, at the first reference's type cell. A name whose page exists
/// but failed to parse is said once, at that page's heading.
fn unresolved_references(
    models: &[Model],
    failed: &[FailedModel],
    replaced: &BTreeMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<UnresolvedModel> {
    let defined: HashSet<&str> = models.iter().map(|model| model.name.as_str()).collect();
    let mut first_reference: BTreeMap<&str, SourceLocation> = BTreeMap::new();
    for model in models {
        for field in model.fields.iter().filter(|field| field.rust_type.is_none()) {
            if let Some(name) = field.ty.referenced_model() {
                if !defined.contains(name) && !replaced.contains_key(name) {
                    let at = field.type_source();
                    match first_reference.get_mut(name) {
                        Some(location) if at < *location => *location = at,
                        Some(_) => {}
                        None => {
                            first_reference.insert(name, at);
                        }
                    }
                }
            }
        }
    }
    let mut failed_pages: Vec<&FailedModel> = failed.iter().collect();
    failed_pages.sort_by(|a, b| (&a.name, &a.source).cmp(&(&b.name, &b.source)));
    failed_pages.dedup_by(|a, b| a.name == b.name);
    for page in failed_pages {
        if let Some(location) = first_reference.remove(page.name.as_str()) {
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::UnresolvedReference,
                    format!(
                        "model `{}` failed to parse (see the errors in its page), so the references to it (the first at {}:{}:{}) cannot be resolved",
                        page.name, location.file, location.line, location.column
                    ),
                )
                .at(page.source.clone())
                .with_help(format!("fix the errors of the page of `{}`", page.name)),
            );
        }
    }
    first_reference
        .into_iter()
        .map(|(name, location)| {
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::UnresolvedReference,
                    format!("`{name}` has no page in the input; it is emitted as an opaque JSON value"),
                )
                .at(location.clone())
                .with_help(format!(
                    "add the page for `{name}` to the input, or map it to a Rust type in the config's [types]"
                )),
            );
            UnresolvedModel {
                name: name.to_string(),
                rust_name: String::new(),
                module_name: String::new(),
                first_reference: location.clone(),
            }
        })
        .collect()
}

/// Gives every model and unresolved name a distinct Rust type and module name,
/// in name order so the result never depends on the order pages were found.
fn name_types(models: &mut [Model], unresolved: &mut [UnresolvedModel], diagnostics: &mut Vec<Diagnostic>) {
    let mut names: Vec<(&str, bool, usize)> = models
        .iter()
        .enumerate()
        .map(|(index, model)| (model.name.as_str(), true, index))
        .chain(unresolved.iter().enumerate().map(|(index, model)| (model.name.as_str(), false, index)))
        .collect();
    names.sort();
    // The names each would get without a collision, worked out in parallel
    // (heck's case conversion is most of the cost); collisions below, in order.
    let bases: Vec<(String, String)> = names
        .par_iter()
        .map(|&(name, _, _)| {
            let type_base = naming::type_name(name);
            let module_base = naming::module_name(&type_base);
            (type_base, module_base)
        })
        .collect();
    let mut types = HashSet::new();
    let mut modules = HashSet::new();
    let mut assigned = Vec::with_capacity(names.len());
    let mut first_owner: HashMap<String, &str> = HashMap::new();
    for (&(name, is_model, index), (type_base, module_of_base)) in names.iter().zip(bases) {
        let rust_name = naming::disambiguate(&type_base, "", |n| types.contains(n));
        if rust_name != type_base {
            let location = if is_model { &models[index].source } else { &unresolved[index].first_reference };
            diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::NameCollision,
                    format!(
                        "models `{}` and `{name}` both become the Rust type `{type_base}`; this one is named `{rust_name}`",
                        first_owner.get(&type_base).copied().unwrap_or("?")
                    ),
                )
                .at(location.clone()),
            );
        }
        let module_base = if rust_name == type_base {
            module_of_base
        } else {
            naming::module_name(&rust_name)
        };
        first_owner.entry(type_base).or_insert(name);
        types.insert(rust_name.clone());
        let module = naming::disambiguate(&module_base, "_", |n| modules.contains(n));
        modules.insert(module.clone());
        assigned.push((rust_name, module));
    }
    let order: Vec<(bool, usize)> = names.iter().map(|&(_, is_model, index)| (is_model, index)).collect();
    for ((is_model, index), (rust_name, module)) in order.into_iter().zip(assigned) {
        if is_model {
            models[index].rust_name = rust_name;
            models[index].module_name = module;
        } else {
            unresolved[index].rust_name = rust_name;
            unresolved[index].module_name = module;
        }
    }
    // Enums come after every model, so a model never loses its name to one.
    for model in models.iter_mut() {
        for declared in &mut model.enums {
            declared.rust_name = match model.kind {
                ModelKind::Enum => model.rust_name.clone(),
                ModelKind::Struct => {
                    let name = naming::field_enum_name(&model.rust_name, declared.field.as_deref(), |n| types.contains(n));
                    types.insert(name.clone());
                    name
                }
            };
            name_variants(declared);
        }
    }
}

/// Variant names from the values (`in-progress` -> `InProgress`), told
/// apart by a number, and a name for the variant that keeps unknown values.
fn name_variants(declared: &mut EnumType) {
    let mut taken = HashSet::new();
    for value in &mut declared.values {
        let base = naming::variant_name(&value.value, value.name.as_deref());
        let name = naming::disambiguate(&base, "", |n| taken.contains(n));
        taken.insert(name.clone());
        value.rust_name = name;
    }
    declared.other_variant = naming::other_variant_name(|n| taken.contains(n));
}

/// Boxes the fields that would otherwise give a struct infinite size: those
/// that close a cycle of models held inline (not behind a list or map).
///
/// Within each strongly connected component, a depth-first walk boxes its
/// back edges, which leaves no cycle. The walk is tried from every model of the
/// component and the root that boxes the fewest fields wins (ties: name order),
/// so two models pointing at each other through several fields box the side
/// with one.
fn mark_boxed_fields(models: &mut [Model]) {
    let index_of: HashMap<&str, usize> = models
        .iter()
        .enumerate()
        .map(|(index, model)| (model.name.as_str(), index))
        .collect();
    let edges: Vec<Vec<(usize, usize)>> = models
        .iter()
        .map(|model| {
            model
                .fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.rust_type.is_none())
                .filter_map(|(field, f)| {
                    f.ty.inline_model()
                        .and_then(|name| index_of.get(name))
                        .map(|&target| (field, target))
                })
                .collect()
        })
        .collect();

    let mut boxed: BTreeSet<(usize, usize)> = BTreeSet::new();
    for component in strongly_connected_components(&edges) {
        let cyclic = component.len() > 1 || edges[component[0]].iter().any(|&(_, target)| target == component[0]);
        if !cyclic {
            continue;
        }
        let best = component
            .iter()
            .map(|&root| back_edges(&edges, &component, root))
            .min_by_key(|set| set.len())
            .unwrap_or_default();
        boxed.extend(best);
    }
    for (model, field) in boxed {
        models[model].fields[field].boxed = true;
    }
}

/// The back edges `(model, field)` of a depth-first walk from `root` that
/// stays inside `component`.
fn back_edges(edges: &[Vec<(usize, usize)>], component: &[usize], root: usize) -> BTreeSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut state: HashMap<usize, State> = component.iter().map(|&node| (node, State::New)).collect();
    let mut found = BTreeSet::new();
    let mut stack = vec![(root, 0usize)];
    state.insert(root, State::OnStack);
    while let Some(top) = stack.last_mut() {
        let node = top.0;
        if let Some(&(field, target)) = edges[node].get(top.1) {
            top.1 += 1;
            match state.get(&target) {
                Some(State::New) => {
                    state.insert(target, State::OnStack);
                    stack.push((target, 0));
                }
                Some(State::OnStack) => {
                    found.insert((node, field));
                }
                Some(State::Done) | None => {}
            }
        } else {
            state.insert(node, State::Done);
            stack.pop();
        }
    }
    found
}

/// Tarjan's algorithm, iterative (no recursion however long a chain of
/// models is); each component's members sorted, components in a fixed order.
fn strongly_connected_components(edges: &[Vec<(usize, usize)>]) -> Vec<Vec<usize>> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = Vec::new();
    for start in 0..count {
        if index[start] != UNVISITED {
            continue;
        }
        let mut work = vec![(start, 0usize)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if let Some(&(_, target)) = edges[node].get(*next) {
                *next += 1;
                if index[target] == UNVISITED {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    components
}

/// `Default` is derivable when every required field's type has a default:
/// the least fixed point, so required fields that form a cycle never recurse.
fn mark_default_derivable(models: &mut [Model], replaced: &BTreeMap<String, String>, options: &Options) {
    let index_of: HashMap<String, usize> = models
        .iter()
        .enumerate()
        .map(|(index, model)| (model.name.clone(), index))
        .collect();
    let mut derivable = vec![false; models.len()];
    loop {
        let mut changed = false;
        for (index, model) in models.iter().enumerate() {
            if derivable[index] {
                continue;
            }
            // Types from the configuration may lack a default: assume they do.
            let all_defaults = model.kind == ModelKind::Struct && model.fields.iter().all(|field| {
                !field.required
                    || (field.rust_type.is_none()
                        && match &field.ty {
                            TypeExpr::Model(name) if replaced.contains_key(name) => false,
                            // Enums have no natural default value.
                            TypeExpr::Enum(_) => false,
                            // `time`'s date types have no `Default`.
                            ty if ty.holds_time() => options.datetime != crate::config::DateTimeBackend::Time,
                            // Unresolved names are opaque JSON values, which have a default.
                            TypeExpr::Model(name) => index_of.get(name).is_none_or(|&i| derivable[i]),
                            _ => true,
                        })
            });
            if all_defaults {
                derivable[index] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (model, derivable) in models.iter_mut().zip(derivable) {
        model.derive_default = derivable;
    }
}

pub mod size;
#[cfg(test)]
mod tests;

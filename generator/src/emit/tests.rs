//! The printer (`text.rs`): every file it writes parses with syn, and the
//! layout of the items (structs, enums, `mod` and `use` lines) is the one
//! prettyplease gives them: printing the parsed file again with prettyplease
//! gives the same text. prettyplease is the oracle here, not a second printer.

use std::borrow::Cow;

use super::docs::{doc_lines, markdown_link_at, push_doc_safe, url_at};
use super::items::{EnumDef, FieldDef, Fields, Item, ModDecl, SerdeArg, StructDef, Ty, UseDecl, VariantDef};
use super::{text, ENUM_DERIVES};
use crate::config::{MapType, Options, SerdeImpls};
use crate::schema::{Field, FieldType, Model, ModelKind, Schema, SourceLocation, TypeRef};

/// The printer's text of a file.
fn text_of(inner_docs: &[String], items: &[Item]) -> String {
    let mut out = String::new();
    text::write_file(&mut out, inner_docs, items);
    out
}

/// Parses a generated file with syn, or fails the test with the text.
fn parse(text: &str) -> syn::File {
    syn::parse_file(text).unwrap_or_else(|error| panic!("the printer wrote what syn does not parse ({error}):\n{text}"))
}

/// Asserts that the printer writes a file of `//! {inner_doc}` and `item`
/// that parses, laid out as prettyplease lays it out; returns whether the
/// layout was compared (a doc value that is not a `///` line is printed as
/// a `#[doc]` attribute, which prettyplease writes another way).
fn check(inner_doc: Option<&str>, item: &Item) -> bool {
    let docs: Vec<String> = inner_doc.iter().map(|doc| doc.to_string()).collect();
    check_file(&docs, std::slice::from_ref(item))
}

fn check_file(inner_docs: &[String], items: &[Item]) -> bool {
    let text = text_of(inner_docs, items);
    let file = parse(&text);
    if text.contains("doc = ") {
        return false;
    }
    let reference = prettyplease::unparse(&file);
    if text != reference {
        let diff = similar::TextDiff::from_lines(&reference, &text)
            .unified_diff()
            .header("prettyplease", "text")
            .to_string();
        panic!("the printer's layout differs from prettyplease's for {items:#?}:\n{diff}");
    }
    true
}

fn path(path: &'static str) -> Ty {
    Ty::Path(Cow::Borrowed(path))
}

fn generic(path: &'static str, args: Vec<Ty>) -> Ty {
    Ty::Generic(path, args)
}

fn field(name: &str, ty: Ty) -> FieldDef {
    FieldDef {
        docs: Vec::new(),
        serde: Vec::new(),
        attributes: Vec::new(),
        name: name.to_string(),
        ty,
    }
}

fn model_struct(name: &str, fields: Vec<FieldDef>) -> StructDef {
    StructDef {
        docs: Vec::new(),
        derives: vec!["Debug".into(), "Clone".into(), "PartialEq".into()],
        serde: Vec::new(),
        attributes: Vec::new(),
        name: name.to_string(),
        fields: Fields::Named(fields),
    }
}

/// A small deterministic generator (xorshift), so the varied cases are the
/// same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn name(&mut self, min: usize, max: usize) -> String {
        let len = min + self.below(max - min + 1);
        let mut name = String::from("x");
        while name.len() < len {
            name.push(self.pick(&['a', 'b', '_', 'q', '7', 'z']));
        }
        name.replace("__", "_a")
    }

    fn ty(&mut self, depth: usize) -> Ty {
        let leaf = depth == 0 || self.below(3) == 0;
        if leaf {
            return match self.below(7) {
                0 => path("::std::string::String"),
                1 => path("i64"),
                2 => path("::serde_json::Value"),
                3 => Ty::Model(self.name(1, 60).replacen('x', "X", 1)),
                4 => Ty::Configured(self.pick(&["chrono::NaiveDateTime", "::uuid::Uuid", "u8", "Vec<u8>", "crate::Thing"]).to_string()),
                5 => generic("::chrono::DateTime", vec![path("::chrono::Utc")]),
                _ => path("bool"),
            };
        }
        match self.below(4) {
            0 => generic("::std::vec::Vec", vec![self.ty(depth - 1)]),
            1 => generic("::std::option::Option", vec![self.ty(depth - 1)]),
            2 => generic("::std::boxed::Box", vec![self.ty(depth - 1)]),
            _ => generic(
                self.pick(&["::std::collections::BTreeMap", "::std::collections::HashMap"]),
                vec![path("::std::string::String"), self.ty(depth - 1)],
            ),
        }
    }

    fn doc(&mut self) -> String {
        let pieces = [
            "text", " ", "  ", "\\", "\"", "*/", "/*", "'", "é", "\u{301}", "\t", "\0", "\u{7f}", "`code`", "<",
            "\u{2028}", "#", "{", "}", "word ", "https://example.com/a?b=c",
        ];
        let mut doc = String::from(" ");
        for _ in 0..self.below(12) {
            let piece = self.pick(&pieces);
            doc.push_str(piece);
        }
        if self.below(4) == 0 {
            doc.push(' ');
        }
        doc
    }
}

#[test]
fn the_text_printer_writes_what_prettyplease_prints() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written = 0;
    let cases = 3000;
    for case in 0..cases {
        let mut fields = Vec::new();
        for _ in 0..rng.below(6) {
            let name = rng.name(1, 70);
            let depth = 1 + rng.below(6);
            let mut field = field(&name, rng.ty(depth));
            for _ in 0..rng.below(3) {
                field.docs.push(rng.doc());
            }
            if rng.below(2) == 0 {
                let mut args = Vec::new();
                if rng.below(2) == 0 {
                    let wire = match rng.below(4) {
                        0 => "wire\"quoted\\ñ\u{0}7".to_string(),
                        _ => rng.name(1, 60),
                    };
                    args.push(SerdeArg::Rename(wire));
                }
                if rng.below(2) == 0 {
                    args.push(SerdeArg::Default);
                    args.push(SerdeArg::SkipSerializingIfNone);
                }
                if rng.below(5) == 0 {
                    args.push(SerdeArg::Flatten);
                }
                if rng.below(4) == 0 {
                    args.push(SerdeArg::With(["::time::serde::rfc3339::option", "super::__mdmodels::time_format"][rng.below(2)]));
                }
                field.serde = args;
            }
            if rng.below(40) == 0 {
                field.attributes.push("#[doc(alias = \"other\")]".to_string());
            }
            fields.push(field);
        }
        let mut def = model_struct(&rng.name(1, 80).replacen('x', "X", 1), fields);
        for _ in 0..rng.below(3) {
            def.docs.push(rng.doc());
        }
        if rng.below(3) == 0 {
            def.derives.push("Default".into());
        }
        if rng.below(3) == 0 {
            def.derives.push("::serde::Serialize".into());
            def.derives.push("::serde::Deserialize".into());
        }
        if rng.below(6) == 0 {
            let extra = ["Eq", "Hash", "::std::hash::Hash", "PartialOrd", "serde :: Serialize", "Ord", "a_long_derive::Path"];
            for _ in 0..1 + rng.below(5) {
                def.derives.push(Cow::Borrowed(rng.pick(&extra)));
            }
        }
        if rng.below(30) == 0 {
            def.attributes.push("#[non_exhaustive]".to_string());
        }
        if rng.below(10) == 0 {
            def.fields = Fields::Opaque;
            def.serde = if rng.below(2) == 0 { vec![SerdeArg::Transparent] } else { Vec::new() };
        }
        let doc = match case % 4 {
            0 => None,
            1 => Some(" The `Model` model, from the page `Model.md`.".to_string()),
            _ => Some(rng.doc()),
        };
        if check(doc.as_deref(), &Item::Struct(def)) {
            written += 1;
        }
    }
    // A doc value with a line break is a `#[doc]` attribute, whose layout
    // is not compared; most cases have none.
    assert!(written > cases / 2, "the layout was compared in only {written} of {cases} cases");
}

/// A doc value that cannot be a `///` line (`doc_lines` never makes one)
/// is a `#[doc]` attribute that keeps it.
#[test]
fn odd_doc_values_are_doc_attributes() {
    for doc in [" a\nb", " a\rb", "/slash", " a\r\n\"b\""] {
        let mut def = model_struct("S", vec![field("a", path("i64"))]);
        def.docs = vec![doc.to_string()];
        if let Fields::Named(fields) = &mut def.fields {
            fields[0].docs = vec![doc.to_string()];
        }
        let text = text_of(&[doc.to_string()], &[Item::Struct(def)]);
        let file = parse(&text);
        let docs: Vec<String> = file
            .attrs
            .iter()
            .chain(&file.items.iter().find_map(|item| if let syn::Item::Struct(s) = item { Some(s) } else { None }).unwrap().attrs)
            .filter_map(|attribute| match &attribute.meta {
                syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
                    syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(value), .. }) => Some(value.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        assert_eq!(docs, [doc, doc], "{text}");
    }
}

/// String literals are escaped as proc-macro2 escapes them (what the
/// output held when it was printed from tokens), and read back as written.
#[test]
fn literals_read_back_as_written() {
    for value in ["id", "self", "a b-c.d/e", "quote\"d", "back\\slash", "tab\t", "nul\0", "nul\u{0}7", "del\u{7f}", "é", "\u{301}", "'", "", "~ !", "\r\n"] {
        let written = text::literal(value).to_string();
        assert_eq!(written, proc_macro2::Literal::string(value).to_string(), "{value:?}");
        assert_eq!(syn::parse_str::<syn::LitStr>(&written).unwrap().value(), value, "{value:?}");
    }
}

#[test]
fn long_types_break_like_prettyplease_at_every_width() {
    let mut map_of_lists = generic(
        "::std::collections::BTreeMap",
        vec![path("::std::string::String"), generic("::std::vec::Vec", vec![Ty::Model("X".to_string())])],
    );
    for _ in 0..4 {
        map_of_lists = generic("::std::option::Option", vec![map_of_lists]);
        for width in 1..90 {
            let name = "f".repeat(width);
            let mut def = model_struct("Wide", vec![field(&name, map_of_lists.clone())]);
            if let Fields::Named(fields) = &mut def.fields {
                fields.push(field(&format!("{name}_2"), generic("::std::vec::Vec", vec![map_of_lists.clone()])));
                fields[0].serde = vec![SerdeArg::Rename(name.clone()), SerdeArg::Default, SerdeArg::SkipSerializingIfNone];
            }
            assert!(check(None, &Item::Struct(def)), "width {width}");
        }
    }
}

/// Past 29 columns of indentation, prettyplease still gives a line 60
/// columns: nested types that break at every level reach that depth.
#[test]
fn deep_types_reach_the_least_line_width() {
    for length in 20..75 {
        let mut ty = Ty::Model("A".repeat(length));
        for depth in 0..12 {
            ty = if depth % 2 == 0 {
                generic("::std::vec::Vec", vec![ty])
            } else {
                generic("::std::collections::HashMap", vec![path("::std::string::String"), ty])
            };
            let def = model_struct("Deep", vec![field("value", ty.clone())]);
            assert!(check(None, &Item::Struct(def)), "depth {depth}, length {length}");
        }
    }
}

#[test]
fn enums_empty_structs_and_opaque_wrappers() {
    let variants = |count: usize| -> Vec<VariantDef> {
        (0..count)
            .map(|index| VariantDef {
                docs: doc_lines(&format!("`value-{index}` \\ \"quoted\" */")),
                name: format!("Value{index}"),
            })
            .collect()
    };
    for other in ["Other", "Unknown", "Other2", &"O".repeat(60), &"O".repeat(61), &"O".repeat(62)] {
        let def = EnumDef {
            docs: doc_lines("An enum.<br>Two lines, [brackets] and <tags>."),
            derives: ENUM_DERIVES.iter().map(|derive| Cow::Borrowed(*derive)).collect(),
            name: "State".to_string(),
            variants: variants(3),
            other: other.to_string(),
        };
        check(Some(" The `State` enum, from the page `State.md`."), &Item::Enum(def.clone()));
        assert!(check(None, &Item::Enum(def)), "{other}");
    }
    let empty = EnumDef {
        docs: Vec::new(),
        derives: ["Debug", "Clone", "PartialEq", "Eq", "Hash", "PartialOrd", "Ord", "::std::marker::Copy"].map(Cow::Borrowed).to_vec(),
        name: "Empty".to_string(),
        variants: Vec::new(),
        other: "Other".to_string(),
    };
    assert!(check(None, &Item::Enum(empty)));
    assert!(check(Some(" Empty."), &Item::Struct(model_struct("Empty", Vec::new()))));
    for length in 30..100 {
        let name = "N".repeat(length);
        let mut def = model_struct(&name, Vec::new());
        def.fields = Fields::Opaque;
        def.docs = vec![format!(" `{name}` has no page.")];
        assert!(check(None, &Item::Struct(def)), "{length}");
    }
}

/// A schema of every type expression, with and without a page, optional and
/// boxed, emitted under each output setting: every module goes through the
/// text printer and equals the reference.
#[test]
fn every_module_of_a_varied_schema_is_written_as_text() {
    let location = SourceLocation {
        file: "M.md".to_string(),
        line: 1,
        column: 1,
    };
    let reference = |name: &str, module: &str| TypeRef {
        name: name.to_string(),
        rust_name: name.to_string(),
        module: module.to_string(),
    };
    let scalars = [
        FieldType::String,
        FieldType::Integer,
        FieldType::Int32,
        FieldType::Float,
        FieldType::Float32,
        FieldType::Bool,
        FieldType::DateTime,
        FieldType::Date,
        FieldType::Object,
        FieldType::Model(reference("Other", "other")),
        FieldType::Opaque(reference("NoPage", "no_page")),
    ];
    let mut types = Vec::new();
    for scalar in &scalars {
        types.push(scalar.clone());
        types.push(FieldType::List(Box::new(scalar.clone())));
        types.push(FieldType::Map(Box::new(scalar.clone())));
        types.push(FieldType::Map(Box::new(FieldType::List(Box::new(FieldType::Map(Box::new(scalar.clone())))))));
    }
    let fields: Vec<Field> = types
        .iter()
        .enumerate()
        .map(|(index, ty)| Field {
            doc_name: format!("field{index}"),
            wire_name: if index % 3 == 0 { format!("field{index}") } else { format!("fieldNumber{index}") },
            wire_source: crate::schema::WireSource::Rule,
            rust_name: format!("field{index}"),
            ty: ty.clone(),
            description: (index % 2 == 0).then(|| format!("Field {index}: see https://example.com/{index}.<br>[x] <y> \\ \"z\"")),
            required: index % 4 == 0,
            default: (index % 5 == 0).then(|| "a `b`".to_string()),
            readonly: index % 7 == 0,
            boxed: index % 6 == 0,
            type_column: 12,
            source: location.clone(),
        })
        .collect();
    let model = |name: &str, fields: Vec<Field>| Model {
        name: name.to_string(),
        rust_name: name.to_string(),
        module_name: name.to_lowercase(),
        description: Some(format!("The {name} model.")),
        page: format!("{name}.md"),
        source: location.clone(),
        kind: ModelKind::Struct,
        fields,
        enums: Vec::new(),
        derive_default: name == "Other",
        size: 0,
    };
    let schema = Schema {
        models: vec![model("Everything", fields), model("Other", Vec::new())],
        unresolved: vec![crate::schema::UnresolvedModel {
            name: "NoPage".to_string(),
            rust_name: "NoPage".to_string(),
            module_name: "no_page".to_string(),
            first_reference: location.clone(),
        }],
        replaced: Default::default(),
        inputs: Vec::new(),
    };
    for (serde, keep, map, datetime) in [
        (SerdeImpls::Lean, false, MapType::BTree, crate::DateTimeBackend::Chrono),
        (SerdeImpls::Derive, false, MapType::BTree, crate::DateTimeBackend::Chrono),
        (SerdeImpls::Lean, true, MapType::Hash, crate::DateTimeBackend::Time),
        (SerdeImpls::Derive, true, MapType::Hash, crate::DateTimeBackend::String),
        (SerdeImpls::Derive, false, MapType::BTree, crate::DateTimeBackend::Time),
    ] {
        let options = Options {
            serde_impls: serde,
            keep_unknown_fields: keep,
            map,
            datetime,
            ..Options::default()
        };
        let context = super::types::Context::new(&schema, &options);
        for model in &schema.models {
            let (doc, item) = super::models::model_item(model, &context);
            assert!(check(Some(&doc), &item), "{} was not laid out as prettyplease does", model.name);
            for declared in &model.enums {
                let item = Item::Enum(super::models::field_enum_def(model, declared, &context));
                assert!(check(None, &item), "{} was not laid out as prettyplease does", declared.name);
            }
        }
        for unresolved in &schema.unresolved {
            let (doc, item) = super::models::unresolved_item(unresolved, &context);
            assert!(check(Some(&doc), &item), "{} was not laid out as prettyplease does", unresolved.name);
        }
        every_file_parses(&schema, &options);
    }
    // Configured attributes, derives and types, printed from their text.
    let options = Options {
        attributes: vec!["#[non_exhaustive]".to_string(), "#[doc(alias = \"x\")]  ".to_string()],
        derives: vec!["Eq".to_string(), "::std :: hash :: Hash".to_string()],
        ..Options::default()
    };
    every_file_parses(&schema, &options);
    let files = super::crate_files(&schema, &options);
    let everything = &files["src/everything.rs"];
    assert!(everything.contains("#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n#[non_exhaustive]\n#[doc(alias = \"x\")]\npub struct"), "{everything}");
}

/// Every Rust file of the crate, and the single-file layout, parse.
fn every_file_parses(schema: &Schema, options: &Options) {
    for (path, text) in super::crate_files(schema, options) {
        if path.ends_with(".rs") {
            parse(&text);
        }
    }
    parse(&super::module_file(schema, options));
}

/// The support module, for every set of helpers it may hold, parses.
#[test]
fn every_support_module_parses() {
    use super::needs::Needs;
    for bits in 0..64u32 {
        let needs = Needs {
            any_model: bits & 1 != 0,
            named_field: bits & 2 != 0,
            keep_unknown_fields: bits & 6 == 6,
            required_field: bits & 8 != 0,
            optional_field: bits & 16 != 0,
            time: bits & 32 != 0,
            ..Needs::default()
        };
        let text = super::lean_serde::support_text(&needs);
        parse(&text);
        assert!(!text.contains("\n\n\n") && (text.ends_with("}\n") || !text.contains("\n\n")), "{text}");
    }
    parse(&super::lean_serde::derive_support_text());
}

#[test]
fn lib_declarations_and_reexports() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut items = vec![Item::Mod(ModDecl {
        name: "__mdmodels".to_string(),
        hidden: true,
        gated: false,
    })];
    for index in 0..400 {
        let module = format!("m{index}_{}", rng.name(0, 80));
        let gated = index % 3 == 0;
        items.push(Item::Mod(ModDecl {
            name: module.clone(),
            hidden: false,
            gated,
        }));
        let count = 1 + rng.below(if index % 2 == 0 { 3 } else { 12 });
        let names = (0..count).map(|_| rng.name(1, 70).replacen('x', "X", 1)).collect();
        items.push(Item::Use(UseDecl { module, names, gated }));
    }
    let docs = vec![" Rust types.".to_string(), String::new(), " More: `x`.".to_string()];
    assert!(check_file(&docs, &items));
    assert!(check_file(&[], &items[1..]));
}

#[test]
fn the_header_starts_with_the_generated_marker() {
    assert!(super::HEADER.starts_with(super::GENERATED_MARKER));
    assert!(super::HEADER.ends_with(".\n\n"));
    assert!(super::MANIFEST_HEADER.starts_with(super::MANIFEST_MARKER));
    assert_eq!(super::HEADER[2..], format!("{}\n", &super::MANIFEST_HEADER[1..]));
}

/// `push_doc_safe` as it was first written, one character at a time: the
/// reference for the faster scan.
fn doc_safe_line_reference(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    if rest.starts_with("```") || rest.starts_with("~~~") {
        out.push('\\');
    }
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        if let Some(link_len) = markdown_link_at(rest) {
            out.push_str(&rest[..link_len]);
            rest = &rest[link_len..];
            continue;
        }
        let c = rest.chars().next().expect("rest is not empty");
        match c {
            '[' | ']' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[test]
fn doc_lines_escape_as_the_character_by_character_reference() {
    let pieces = [
        "h", "http", "http://", "https://", "https://example.com/a?b=c", "http://x.y.", "[", "]", "(", ")", "<", ">", "\\",
        "[label](https://example.com)", "[label](http://x)", "[](https://x)", "[a[b]](https://x)", "```", "~~~", "ü", "é",
        " ", "word", ".", ",", "`", "|", "{", "}", "'", "\"",
    ];
    let mut rng = Rng(0xdead_beef_cafe_f00d);
    for _ in 0..20_000 {
        let mut line = String::new();
        for _ in 0..rng.below(10) {
            line.push_str(rng.pick(&pieces));
        }
        let mut fast = String::new();
        push_doc_safe(&mut fast, &line);
        assert_eq!(fast, doc_safe_line_reference(&line), "{line:?}");
    }
    assert_eq!(
        doc_lines("  See https://example.com/x.<br>[a] <b> \\ `c`\r\n```rust<br />[link](https://example.com) "),
        [" See <https://example.com/x>.", r" \[a\] \<b\> \\ `c`", r" \```rust", " [link](https://example.com)"]
    );
}

//! Parsed pages (`parse::PageModel`) -> a schema ready to emit: duplicate
//! checks, Rust and wire names, references without a page, every field's
//! type resolved to its target (`schema::FieldType`: a generated model or
//! enum, an opaque name, a configured Rust type), the fields to box (on
//! cycles, and for size: `size.rs`), derivable defaults. Which Rust paths
//! those targets are written as is emit's business.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::config::{Options, Selector};
use crate::diagnostics::{self, Diagnostic, DiagnosticKind};
use crate::naming;
use crate::parse::{PageEnum, PageField, PageModel};
use crate::schema::{
    EnumType, EnumValue, FailedModel, Field, FieldType, Model, ModelKind, Schema, SourceLocation, TypeExpr, TypeRef,
    UnresolvedModel, WireSource,
};

/// Resolves parsed models into a schema; problems are pushed to `diagnostics`.
/// `failed` are the model pages that did not parse (their errors already
/// reported): references to them are not missing pages.
pub fn resolve(models: Vec<PageModel>, failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Schema {
    let models = dedup_models(models, diagnostics);
    check_selectors(&models, failed, options, diagnostics);
    let models = keep_roots(models, failed, options, diagnostics);
    let replaced = replaced_models(options);
    // Enum pages the config turns off (a `[types]` entry wins).
    let enums_off: BTreeSet<String> = models
        .iter()
        .filter(|model| model.kind == ModelKind::Enum && !replaced.contains_key(&model.name))
        .filter(|model| !options.enum_enabled(&Selector::model(&model.name)))
        .map(|model| model.name.clone())
        .collect();
    let mut models: Vec<PageModel> = models
        .into_iter()
        .filter(|model| !replaced.contains_key(&model.name) && !enums_off.contains(&model.name))
        .collect();
    // Each model on its own (in parallel); diagnostics in model order.
    let named: Vec<(Vec<FieldNames>, Vec<Diagnostic>)> = models
        .par_iter_mut()
        .map(|model| {
            let found = name_fields(model, options);
            drop_disabled_enums(model, options);
            found
        })
        .collect();
    let (field_names, found): (Vec<Vec<FieldNames>>, Vec<Vec<Diagnostic>>) = named.into_iter().unzip();
    diagnostics.extend(found.into_iter().flatten());
    let unresolved = unresolved_references(&models, failed, &replaced, &enums_off, options, diagnostics);
    let mut names = name_types(&models, &unresolved, diagnostics);
    let unresolved: Vec<UnresolvedModel> = unresolved
        .into_iter()
        .zip(std::mem::take(&mut names.unresolved))
        .map(|((name, first_reference), (rust_name, module_name))| UnresolvedModel {
            name,
            rust_name,
            module_name,
            first_reference,
        })
        .collect();
    let targets = targets(&models, &names, &unresolved, &replaced, &enums_off);
    let mut models = resolved_models(models, field_names, names, &targets, failed, options, diagnostics);
    mark_boxed_fields(&mut models);
    let layouts = size::box_large_fields(&mut models, options);
    for (model, layout) in models.iter_mut().zip(layouts) {
        model.size = layout.size;
    }
    mark_default_derivable(&mut models, options);
    Schema {
        models,
        unresolved,
        replaced,
        inputs: Vec::new(),
    }
}

/// The Rust type the configuration gives a field in place of its page's, if any.
fn configured_type<'o>(options: &'o Options, model: &str, field: &str) -> Option<&'o String> {
    options.field_settings(model, field).and_then(|settings| settings.rust_type.as_ref())
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
fn check_selectors(models: &[PageModel], failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) {
    if options.selectors.is_empty() {
        return;
    }
    let by_name: HashMap<&str, &PageModel> = models.iter().map(|model| (model.name.as_str(), model)).collect();
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
fn keep_roots(models: Vec<PageModel>, failed: &[FailedModel], options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Vec<PageModel> {
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
            if configured_type(options, &model.name, &field.doc_name).is_some() {
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
fn dedup_models(mut models: Vec<PageModel>, diagnostics: &mut Vec<Diagnostic>) -> Vec<PageModel> {
    models.sort_by(|a, b| (&a.name, &a.source).cmp(&(&b.name, &b.source)));
    let mut kept: Vec<PageModel> = Vec::with_capacity(models.len());
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
/// name (`url`, `URL`) are told apart with a suffix and a warning. A row
/// listed twice is dropped. Returns the names of the remaining rows, and the
/// diagnostics, in row order.
fn name_fields(model: &mut PageModel, options: &Options) -> (Vec<FieldNames>, Vec<Diagnostic>) {
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
    let mut names = Vec::with_capacity(fields.len());
    for (index, rust_name) in new_rust_names.into_iter().enumerate() {
        // Listed twice: removed below.
        let Some(rust_name) = rust_name else { continue };
        names.push(FieldNames {
            rust_name,
            wire_name: new_wire_names[index].map(str::to_string),
        });
    }
    for index in duplicates.into_iter().rev() {
        model.fields.remove(index);
    }
    (names, diagnostics)
}

/// A field's names, as `name_fields` gives them.
struct FieldNames {
    rust_name: String,
    /// The JSON name from `[wire-names]`, if the config gives one.
    wire_name: Option<String>,
}

/// Fields whose enum the configuration turns off become `String`s; enums no
/// field uses any more are dropped.
fn drop_disabled_enums(model: &mut PageModel, options: &Options) {
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
        .filter(|field| configured_type(options, &model.name, &field.doc_name).is_none())
        .filter_map(|field| field.ty.referenced_enum())
        .collect();
    let used: HashSet<String> = used.into_iter().map(str::to_string).collect();
    model.enums.retain(|e| used.contains(&e.name));
}

/// Every model name some field references without a page, warned about
/// once each, at the first reference's type cell, with that place. A name
/// whose page exists but failed to parse is said once, at that page's heading.
fn unresolved_references(
    models: &[PageModel],
    failed: &[FailedModel],
    replaced: &BTreeMap<String, String>,
    enums_off: &BTreeSet<String>,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, SourceLocation)> {
    let defined: HashSet<&str> = models.iter().map(|model| model.name.as_str()).collect();
    let mut first_reference: BTreeMap<&str, SourceLocation> = BTreeMap::new();
    for model in models {
        let fields = model.fields.iter().filter(|field| configured_type(options, &model.name, &field.doc_name).is_none());
        for field in fields {
            if let Some(name) = field.ty.referenced_model() {
                if !defined.contains(name) && !replaced.contains_key(name) && !enums_off.contains(name) {
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
            (name.to_string(), location)
        })
        .collect()
}

/// The Rust names `name_types` gives, by index of the models and of the
/// unresolved names.
struct TypeNames {
    /// Each model's type and module names.
    models: Vec<(String, String)>,
    /// Each unresolved name's type and module names.
    unresolved: Vec<(String, String)>,
    /// The type name of each enum of each model (an enum page's is the model's).
    enums: Vec<Vec<String>>,
}

/// Gives every model and unresolved name a distinct Rust type and module name,
/// in name order so the result never depends on the order pages were found.
fn name_types(models: &[PageModel], unresolved: &[(String, SourceLocation)], diagnostics: &mut Vec<Diagnostic>) -> TypeNames {
    let mut names: Vec<(&str, bool, usize)> = models
        .iter()
        .enumerate()
        .map(|(index, model)| (model.name.as_str(), true, index))
        .chain(unresolved.iter().enumerate().map(|(index, (name, _))| (name.as_str(), false, index)))
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
            let location = if is_model { &models[index].source } else { &unresolved[index].1 };
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
    // Back in the order of the models, then of the unresolved names.
    let mut by_index: Vec<((bool, usize), (String, String))> =
        names.iter().map(|&(_, is_model, index)| (!is_model, index)).zip(assigned).collect();
    by_index.sort_unstable_by_key(|&(key, _)| key);
    let unresolved_names = by_index.split_off(models.len()).into_iter().map(|(_, names)| names).collect();
    let model_names: Vec<(String, String)> = by_index.into_iter().map(|(_, names)| names).collect();
    // Enums come after every model, so a model never loses its name to one.
    let enums = models
        .iter()
        .zip(&model_names)
        .map(|(model, (model_type, _))| {
            model
                .enums
                .iter()
                .map(|declared| match model.kind {
                    ModelKind::Enum => model_type.clone(),
                    ModelKind::Struct => {
                        let name = naming::field_enum_name(model_type, declared.field.as_deref(), |n| types.contains(n));
                        types.insert(name.clone());
                        name
                    }
                })
                .collect()
        })
        .collect();
    TypeNames {
        models: model_names,
        unresolved: unresolved_names,
        enums,
    }
}

/// An enum with its Rust names: variant names from the values
/// (`in-progress` -> `InProgress`), told apart by a number, and a name for
/// the variant that keeps unknown values.
fn named_enum(declared: PageEnum, rust_name: String) -> EnumType {
    let mut taken = HashSet::new();
    let values = declared
        .values
        .into_iter()
        .map(|value| {
            let base = naming::variant_name(&value.value, value.name.as_deref());
            let rust_name = naming::disambiguate(&base, "", |n| taken.contains(n));
            taken.insert(rust_name.clone());
            EnumValue {
                name: value.name,
                value: value.value,
                rust_name,
            }
        })
        .collect();
    EnumType {
        name: declared.name,
        field: declared.field,
        rust_name,
        description: declared.description,
        values,
        other_variant: naming::other_variant_name(|n| taken.contains(n)),
        source: declared.source,
    }
}

/// Every name a field's type can refer to, and what it becomes.
fn targets(
    pages: &[PageModel],
    names: &TypeNames,
    unresolved: &[UnresolvedModel],
    replaced: &BTreeMap<String, String>,
    enums_off: &BTreeSet<String>,
) -> HashMap<String, FieldType> {
    let mut targets = HashMap::with_capacity(pages.len() + unresolved.len() + replaced.len() + enums_off.len());
    for (page, (rust_name, module)) in pages.iter().zip(&names.models) {
        let target = TypeRef {
            name: page.name.clone(),
            rust_name: rust_name.clone(),
            module: module.clone(),
        };
        targets.insert(page.name.clone(), FieldType::Model(target));
    }
    for model in unresolved {
        let target = TypeRef {
            name: model.name.clone(),
            rust_name: model.rust_name.clone(),
            module: model.module_name.clone(),
        };
        targets.insert(model.name.clone(), FieldType::Opaque(target));
    }
    for (name, rust_type) in replaced {
        let replacement = FieldType::Replaced {
            name: name.clone(),
            rust_type: rust_type.clone(),
        };
        targets.insert(name.clone(), replacement);
    }
    for name in enums_off {
        targets.insert(name.clone(), FieldType::EnumOff { name: name.clone() });
    }
    targets
}

/// The schema's models, from the pages and the names given to them: every
/// field's type resolved to its target.
fn resolved_models(
    pages: Vec<PageModel>,
    field_names: Vec<Vec<FieldNames>>,
    names: TypeNames,
    targets: &HashMap<String, FieldType>,
    failed: &[FailedModel],
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Model> {
    let failed: HashSet<&str> = failed.iter().map(|model| model.name.as_str()).collect();
    let mut unknown = Vec::new();
    let models = pages
        .into_iter()
        .zip(field_names)
        .zip(names.models.into_iter().zip(names.enums))
        .map(|((page, field_names), ((rust_name, module_name), enum_names))| {
            // The page's own enums, by the name its fields' types give them.
            let enums: HashMap<&str, TypeRef> = page
                .enums
                .iter()
                .zip(&enum_names)
                .map(|(declared, enum_name)| {
                    let target = TypeRef {
                        name: declared.name.clone(),
                        rust_name: enum_name.clone(),
                        module: module_name.clone(),
                    };
                    (declared.name.as_str(), target)
                })
                .collect();
            let mut fields = Vec::with_capacity(page.fields.len());
            for (field, names) in page.fields.into_iter().zip(field_names) {
                let ty = match configured_type(options, &page.name, &field.doc_name) {
                    Some(rust_type) => FieldType::Configured {
                        rust_type: rust_type.clone(),
                        written: field.ty.to_string(),
                    },
                    None => resolved_type(&field.ty, targets, &enums, &mut |name| {
                        if !failed.contains(name) {
                            unknown.push((name.to_string(), field.type_source()));
                        }
                    }),
                };
                fields.push(resolved_field(field, names, ty));
            }
            drop(enums);
            Model {
                enums: page.enums.into_iter().zip(enum_names).map(|(declared, name)| named_enum(declared, name)).collect(),
                name: page.name,
                rust_name,
                module_name,
                description: page.description,
                page: page.page,
                source: page.source,
                kind: page.kind,
                fields,
                derive_default: false,
                size: 0,
            }
        })
        .collect();
    // A name resolve has no target for would be a bug of mdmodels: said, never guessed.
    for (name, location) in unknown {
        diagnostics.push(
            Diagnostic::warning(
                DiagnosticKind::UnresolvedReference,
                format!("`{name}` could not be resolved; it is emitted as an opaque JSON value (`serde_json::Value`)"),
            )
            .at(location)
            .with_help("this is a bug of mdmodels: please report it with the page"),
        );
    }
    models
}

/// A type with every name replaced by what it refers to; a name of no
/// target (a page that failed to parse) is reported to `unknown` and held
/// as a JSON value.
fn resolved_type(
    ty: &TypeExpr,
    targets: &HashMap<String, FieldType>,
    enums: &HashMap<&str, TypeRef>,
    unknown: &mut impl FnMut(&str),
) -> FieldType {
    match ty {
        TypeExpr::String => FieldType::String,
        TypeExpr::Integer => FieldType::Integer,
        TypeExpr::Int32 => FieldType::Int32,
        TypeExpr::Float => FieldType::Float,
        TypeExpr::Float32 => FieldType::Float32,
        TypeExpr::Bool => FieldType::Bool,
        TypeExpr::DateTime => FieldType::DateTime,
        TypeExpr::Date => FieldType::Date,
        TypeExpr::Object => FieldType::Object,
        TypeExpr::List(inner) => FieldType::List(Box::new(resolved_type(inner, targets, enums, unknown))),
        TypeExpr::Map(inner) => FieldType::Map(Box::new(resolved_type(inner, targets, enums, unknown))),
        TypeExpr::Model(name) => targets.get(name.as_str()).cloned().unwrap_or_else(|| {
            unknown(name);
            FieldType::Object
        }),
        TypeExpr::Enum(name) => match enums.get(name.as_str()) {
            Some(target) => FieldType::Enum(target.clone()),
            None => {
                unknown(name);
                FieldType::Object
            }
        },
    }
}

/// A row with its names and its resolved type; not boxed yet.
fn resolved_field(field: PageField, names: FieldNames, ty: FieldType) -> Field {
    let (wire_name, wire_source) = match names.wire_name {
        Some(wire_name) => (wire_name, WireSource::Config),
        None => (field.wire_name, field.wire_source),
    };
    Field {
        doc_name: field.doc_name,
        wire_name,
        wire_source,
        rust_name: names.rust_name,
        ty,
        description: field.description,
        required: field.required,
        default: field.default,
        readonly: field.readonly,
        boxed: false,
        source: field.source,
        type_column: field.type_column,
    }
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
fn mark_default_derivable(models: &mut [Model], options: &Options) {
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
            let all_defaults = model.kind == ModelKind::Struct && model.fields.iter().all(|field| {
                !field.required
                    || match &field.ty {
                        // Types from the configuration may lack a default: assume they do.
                        FieldType::Configured { .. } | FieldType::Replaced { .. } | FieldType::EnumOff { .. } => false,
                        // Enums have no natural default value.
                        FieldType::Enum(_) => false,
                        // `time`'s date types have no `Default`.
                        ty if ty.holds_time() => options.datetime != crate::config::DateTimeBackend::Time,
                        FieldType::Model(target) => index_of.get(&target.name).is_none_or(|&i| derivable[i]),
                        // Opaque names are JSON values, which have a default.
                        _ => true,
                    }
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

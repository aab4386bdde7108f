//! A model's module: its items (the struct or enum, the enums its page
//! declares, the opaque wrapper of a name without a page) and their impls.

use std::borrow::Cow;

use super::docs::doc_lines;
use super::items::{self, EnumDef, FieldDef, Fields, Item, SerdeArg, StructDef, Ty, VariantDef};
use super::types::{map_type, rust_type, Context, STRING};
use super::{lean_serde, ENUM_DERIVES, HEADER};
use crate::config::{Selector, SerdeImpls};
use crate::schema::{EnumType, Field, Model, ModelKind, UnresolvedModel};

/// A model's module file: the header, the struct (or enum), its impls, its enums.
pub(super) fn model_file(model: &Model, context: &Context) -> String {
    let (module_doc, item) = model_item(model, context);
    let mut file = String::with_capacity(4096);
    file.push_str(HEADER);
    items::write_file_text(&mut file, &[module_doc], &[item]);
    let options = context.options;
    if model.kind == ModelKind::Enum {
        file.push('\n');
        file.push_str(&lean_serde::enum_impls(&model.enums[0]));
        return file;
    }
    if options.serde_impls == SerdeImpls::Lean {
        file.push('\n');
        if model.fields.is_empty() {
            file.push_str(&lean_serde::opaque_impls(&model.rust_name));
        } else {
            file.push_str(&lean_serde::model_impls(model, options));
        }
    }
    // Each enum follows the struct and its impls, formatted on its own.
    for declared in &model.enums {
        file.push('\n');
        items::write_file_text(&mut file, &[], &[Item::Enum(field_enum_def(model, declared, context))]);
        file.push('\n');
        file.push_str(&lean_serde::enum_impls(declared));
    }
    file
}

/// A model's module doc and its item: the struct, or an enum page's enum.
pub(super) fn model_item(model: &Model, context: &Context) -> (String, Item) {
    if model.kind == ModelKind::Enum {
        let module_doc = format!(" The `{}` enum, from the page `{}`.", model.name, model.page);
        let declared = &model.enums[0];
        let derives = context.derives.of(&model.name);
        return (module_doc, Item::Enum(enum_def(declared, declared.description.as_deref().unwrap_or(""), derives)));
    }
    let options = context.options;
    let module_doc = format!(" The `{}` model, from the page `{}`.", model.name, model.page);
    let settings = options.settings(&Selector::model(&model.name));
    let mut fields: Vec<FieldDef> = model
        .fields
        .iter()
        .map(|field| field_def(&model.name, field, context))
        .collect();
    let derive_serde = options.serde_impls == SerdeImpls::Derive;
    if options.keep_unknown_fields {
        fields.push(FieldDef {
            docs: vec![" JSON fields this model's page does not list, kept as received.".to_string()],
            serde: if derive_serde { vec![SerdeArg::Flatten] } else { Vec::new() },
            attributes: Vec::new(),
            name: "additional_properties".to_string(),
            ty: Ty::Generic(map_type(options), vec![Ty::Path(STRING.into()), Ty::Path("::serde_json::Value".into())]),
        });
    }
    let mut derives: Vec<Cow<'static, str>> = vec!["Debug".into(), "Clone".into(), "PartialEq".into()];
    if model.derive_default {
        derives.push("Default".into());
    }
    if derive_serde {
        derives.push("::serde::Serialize".into());
        derives.push("::serde::Deserialize".into());
    }
    derives.extend(context.derives.of(&model.name).iter().map(|derive| Cow::Owned(derive.to_string())));
    let attributes = options
        .attributes
        .iter()
        .chain(settings.iter().flat_map(|s| &s.attributes))
        .cloned()
        .collect();
    let mut docs = doc_lines(model.description.as_deref().unwrap_or(""));
    if model.fields.is_empty() {
        // A page without properties says nothing of the shape (Genesys'
        // `ArrayNode`, the enum models of Ruby, PHP and pydantic docs): the
        // value is kept as sent, whatever JSON it is.
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.push(" Its page lists no properties, so it holds the JSON value as received.".to_string());
        let serde = if derive_serde { vec![SerdeArg::Transparent] } else { Vec::new() };
        let item = Item::Struct(StructDef {
            docs,
            derives,
            serde,
            attributes,
            name: model.rust_name.clone(),
            fields: Fields::Opaque,
        });
        return (module_doc, item);
    }
    let item = Item::Struct(StructDef {
        docs,
        derives,
        serde: Vec::new(),
        attributes,
        name: model.rust_name.clone(),
        fields: Fields::Named(fields),
    });
    (module_doc, item)
}

/// An enum a model's page declares for one of its fields.
pub(super) fn field_enum_def(model: &Model, declared: &EnumType, context: &Context) -> EnumDef {
    let field = declared.field.as_deref().unwrap_or_default();
    let description = format!("The values of the `{field}` field of `{}`.", model.name);
    enum_def(declared, &description, context.derives.of(&declared.name))
}

/// An enum: a variant per value the page lists, and one that keeps any
/// other value, so a value added to the API later does not fail the payload.
/// The impls (`as_str`, `From<&str>`, `FromStr`, `Display`, serde) are text,
/// written by `lean_serde::enum_impls` in both serde modes.
pub(super) fn enum_def(declared: &EnumType, description: &str, configured: &[&str]) -> EnumDef {
    let mut docs = doc_lines(description);
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(format!(
        " A value this crate does not list is kept in `{}`, as sent.",
        declared.other_variant
    ));
    let variants = declared
        .values
        .iter()
        .map(|value| VariantDef {
            docs: doc_lines(&format!("`{}`", value.value.replace('`', "'"))),
            name: value.rust_name.clone(),
        })
        .collect();
    let derives = ENUM_DERIVES
        .iter()
        .map(|derive| Cow::Borrowed(*derive))
        .chain(configured.iter().map(|derive| Cow::Owned(derive.to_string())))
        .collect();
    EnumDef {
        docs,
        derives,
        name: declared.rust_name.clone(),
        variants,
        other: declared.other_variant.clone(),
    }
}

pub(super) fn field_def(model: &str, field: &Field, context: &Context) -> FieldDef {
    let mut docs = doc_lines(field.description.as_deref().unwrap_or(""));
    let derive_serde = context.options.serde_impls == SerdeImpls::Derive;
    let mut notes = Vec::new();
    // With the derive, the `rename` attribute says it.
    if !derive_serde && field.wire_name != field.rust_name {
        notes.push(format!("JSON: `{}`.", field.wire_name.replace('`', "'")));
    }
    if let Some(default) = &field.default {
        notes.push(format!("Defaults to `{}`.", default.replace('`', "'")));
    }
    if field.readonly {
        notes.push("Read-only: set by the server.".to_string());
    }
    if !notes.is_empty() {
        if !docs.is_empty() {
            docs.push(String::new());
        }
        docs.extend(doc_lines(&notes.join(" ")));
    }

    let mut ty = rust_type(&field.ty, context.options);
    if field.boxed {
        ty = Ty::Generic("::std::boxed::Box", vec![ty]);
    }
    let mut serde = Vec::new();
    if derive_serde && field.wire_name != field.rust_name {
        serde.push(SerdeArg::Rename(field.wire_name.clone()));
    }
    if !field.required {
        ty = Ty::Generic("::std::option::Option", vec![ty]);
        if derive_serde {
            serde.push(SerdeArg::Default);
            serde.push(SerdeArg::SkipSerializingIfNone);
        }
    }
    if let Some(with) = derive_serde.then(|| lean_serde::time_with(field, context.options)).flatten() {
        serde.push(SerdeArg::With(with));
    }
    let attributes = context
        .options
        .field_settings(model, &field.doc_name)
        .into_iter()
        .flat_map(|settings| settings.attributes.iter().cloned())
        .collect();
    FieldDef {
        docs,
        serde,
        attributes,
        name: field.rust_name.clone(),
        ty,
    }
}

/// The module file of a name without a page.
pub(super) fn unresolved_file(model: &UnresolvedModel, context: &Context) -> String {
    let options = context.options;
    let (module_doc, item) = unresolved_item(model, context);
    let mut file = String::with_capacity(1024);
    file.push_str(HEADER);
    items::write_file_text(&mut file, &[module_doc], &[item]);
    if options.serde_impls == SerdeImpls::Lean {
        file.push('\n');
        file.push_str(&lean_serde::opaque_impls(&model.rust_name));
    }
    file
}

/// The module doc and the opaque wrapper of a name without a page.
pub(super) fn unresolved_item(model: &UnresolvedModel, context: &Context) -> (String, Item) {
    let options = context.options;
    let module_doc = format!(
        " `{}`: referenced by the input, which has no page for it.",
        model.name
    );
    let doc = format!(
        " `{}` has no page in the input, so its shape is unknown: it holds the JSON value as received.",
        model.name
    );
    let mut derives: Vec<Cow<'static, str>> = vec!["Debug".into(), "Clone".into(), "PartialEq".into(), "Default".into()];
    let mut serde = Vec::new();
    if options.serde_impls == SerdeImpls::Derive {
        derives.push("::serde::Serialize".into());
        derives.push("::serde::Deserialize".into());
        serde.push(SerdeArg::Transparent);
    }
    derives.extend(context.derives.of(&model.name).iter().map(|derive| Cow::Owned(derive.to_string())));
    let item = Item::Struct(StructDef {
        docs: vec![doc],
        derives,
        serde,
        attributes: Vec::new(),
        name: model.rust_name.clone(),
        fields: Fields::Opaque,
    });
    (module_doc, item)
}

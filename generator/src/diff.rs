//! What changed between two resolved schemas (`mdmodels diff`), and what
//! each change does to users of the generated crate.
//!
//! Models are matched by the name their page gives, fields by the name in
//! the table's first column, enum values by their wire value. A type is
//! compared as the pages write it (parsed, so `list[str]` and `List<String>`
//! are one type). Whether a change is breaking follows Cargo's SemVer rules
//! for the crate `generate` writes with the options in force (see the
//! README, "diff").

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::config::{Options, Selector};
use crate::schema::{EnumType, Field, FieldType, Model, ModelKind, Schema, SourceLocation};

/// Every change between two schemas, with the lists tools read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SchemaDiff {
    /// Model names with a page in NEW only.
    pub models_added: Vec<String>,
    /// Model names with a page in OLD only.
    pub models_removed: Vec<String>,
    /// Models that became an enum page or a struct page.
    pub models_kind_changed: Vec<String>,
    /// `[model, field]` pairs.
    pub fields_added: Vec<[String; 2]>,
    pub fields_removed: Vec<[String; 2]>,
    /// The type as the page writes it differs.
    pub fields_retyped: Vec<[String; 2]>,
    /// `[optional]` added or removed.
    pub fields_required_changed: Vec<[String; 2]>,
    /// The JSON key differs (from the page's name or the config's wire names).
    pub wire_names_changed: Vec<[String; 2]>,
    /// The field is boxed (`Box<T>`) in one and not the other, because a
    /// reference cycle appeared or went.
    pub fields_boxing_changed: Vec<[String; 2]>,
    /// `[enum, value]` pairs; the enum as fields' types name it
    /// (`Call.StateEnum`, or the model name of an enum page).
    pub enum_values_added: Vec<[String; 2]>,
    pub enum_values_removed: Vec<[String; 2]>,
    /// Whether a crate generated from NEW breaks code written against one
    /// generated from OLD.
    pub breaking: bool,
    /// The version part to bump: `major` (breaking), `minor` (additions
    /// only), `none` (no change).
    pub semver: Bump,
    /// The crate version after the bump, from the NEW side's crate version
    /// (`0.x` versions bump minor for a breaking change, patch for
    /// additions); absent when that version is not `MAJOR.MINOR.PATCH`.
    pub next_version: Option<String>,
    /// Every change, in the order the sections list them.
    pub changes: Vec<Change>,
}

/// How much a release changes its API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    None,
    Minor,
    Major,
}

/// The kinds of change, in the order the human output lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    ModelRemoved,
    ModelAdded,
    ModelKindChanged,
    FieldRemoved,
    FieldAdded,
    FieldRetyped,
    FieldRequiredChanged,
    WireNameChanged,
    FieldBoxingChanged,
    EnumValueRemoved,
    EnumValueAdded,
}

impl ChangeKind {
    fn title(self) -> &'static str {
        match self {
            ChangeKind::ModelRemoved => "Models removed",
            ChangeKind::ModelAdded => "Models added",
            ChangeKind::ModelKindChanged => "Models that changed kind (struct <-> enum)",
            ChangeKind::FieldRemoved => "Fields removed",
            ChangeKind::FieldAdded => "Fields added",
            ChangeKind::FieldRetyped => "Fields that changed type",
            ChangeKind::FieldRequiredChanged => "Fields that changed between optional and required",
            ChangeKind::WireNameChanged => "Wire names changed",
            ChangeKind::FieldBoxingChanged => "Fields boxed or unboxed (a reference cycle appeared or went)",
            ChangeKind::EnumValueRemoved => "Enum values removed",
            ChangeKind::EnumValueAdded => "Enum values added",
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    /// The model, or for enum values the enum (`Call.StateEnum`).
    pub model: String,
    /// The field (field changes) or the wire value (enum value changes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// What it was and what it is (types, wire names, `optional`/`required`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// Where it is in NEW; in OLD for what was removed.
    pub location: SourceLocation,
    pub breaking: bool,
    /// What it does to code that uses the generated crate.
    pub effect: String,
}

/// Compares two resolved schemas; `options` are NEW's (the generated
/// crate's attributes decide whether an added field breaks struct literals).
pub fn diff(old: &Schema, new: &Schema, options: &Options) -> SchemaDiff {
    let old_models: BTreeMap<&str, &Model> = old.models.iter().map(|model| (model.name.as_str(), model)).collect();
    let new_models: BTreeMap<&str, &Model> = new.models.iter().map(|model| (model.name.as_str(), model)).collect();
    let mut changes = Vec::new();
    for (name, model) in &old_models {
        if !new_models.contains_key(name) {
            changes.push(model_change(ChangeKind::ModelRemoved, model, true, format!("code that names `{}` no longer compiles", model.rust_name)));
        }
    }
    for (name, model) in &new_models {
        match old_models.get(name) {
            None => changes.push(model_change(ChangeKind::ModelAdded, model, false, "none: a new type".to_string())),
            Some(before) if before.kind != model.kind => {
                let mut change = model_change(
                    ChangeKind::ModelKindChanged,
                    model,
                    true,
                    format!("`{}` is now a different kind of type; code that builds or matches it no longer compiles", model.rust_name),
                );
                change.old = Some(kind_name(before.kind).to_string());
                change.new = Some(kind_name(model.kind).to_string());
                changes.push(change);
            }
            Some(before) => {
                compare_fields(before, model, options, &mut changes);
                compare_enums(before, model, &mut changes);
            }
        }
    }
    changes.sort_by(|a, b| (a.kind, &a.model, &a.member).cmp(&(b.kind, &b.model, &b.member)));
    summarize(changes, &options.crate_version)
}

fn kind_name(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct => "struct",
        ModelKind::Enum => "enum",
    }
}

fn model_change(kind: ChangeKind, model: &Model, breaking: bool, effect: String) -> Change {
    Change {
        kind,
        model: model.name.clone(),
        member: None,
        old: None,
        new: None,
        location: model.source.clone(),
        breaking,
        effect,
    }
}

/// Whether the generated struct of `model` carries `#[non_exhaustive]`
/// (from `[output] attributes` or the model's own).
fn non_exhaustive(model: &str, options: &Options) -> bool {
    let is_it = |attribute: &String| attribute.replace(' ', "").contains("non_exhaustive");
    options.attributes.iter().any(is_it)
        || options
            .settings(&Selector::model(model))
            .is_some_and(|settings| settings.attributes.iter().any(is_it))
}

/// The Rust type a field gets, as far as a change of it matters: the
/// configured type, or the page's.
fn effective_type(field: &Field) -> String {
    match &field.ty {
        FieldType::Configured { rust_type, .. } => rust_type.clone(),
        ty => ty.to_string(),
    }
}

/// A field's type as it matters to a diff: as the page writes it, and the
/// Rust type the config gives the field, if any (not the names resolve
/// gave, which a change elsewhere can move).
fn written_type(field: &Field) -> (String, Option<&str>) {
    let configured = match &field.ty {
        FieldType::Configured { rust_type, .. } => Some(rust_type.as_str()),
        _ => None,
    };
    (field.ty.to_string(), configured)
}

fn compare_fields(old: &Model, new: &Model, options: &Options, changes: &mut Vec<Change>) {
    let old_fields: BTreeMap<&str, &Field> = old.fields.iter().map(|field| (field.doc_name.as_str(), field)).collect();
    let new_fields: BTreeMap<&str, &Field> = new.fields.iter().map(|field| (field.doc_name.as_str(), field)).collect();
    let change = |kind, field: &Field, breaking, effect: String| Change {
        kind,
        model: new.name.clone(),
        member: Some(field.doc_name.clone()),
        old: None,
        new: None,
        location: field.source.clone(),
        breaking,
        effect,
    };
    for (name, field) in &old_fields {
        if !new_fields.contains_key(name) {
            changes.push(change(
                ChangeKind::FieldRemoved,
                field,
                true,
                format!("code that reads or sets `{}.{}` no longer compiles", new.rust_name, field.rust_name),
            ));
        }
    }
    let sealed = non_exhaustive(&new.name, options);
    for (name, field) in &new_fields {
        let Some(before) = old_fields.get(name) else {
            let (breaking, effect) = if sealed {
                (false, format!("none: `{}` is #[non_exhaustive]", new.rust_name))
            } else {
                (
                    true,
                    format!(
                        "a struct literal that lists every field of `{}` no longer compiles (it is not #[non_exhaustive])",
                        new.rust_name
                    ),
                )
            };
            let mut added = change(ChangeKind::FieldAdded, field, breaking, effect);
            added.new = Some(field.ty.to_string());
            changes.push(added);
            continue;
        };
        if written_type(before) != written_type(field) {
            let breaking = effective_type(before) != effective_type(field);
            let effect = if breaking {
                format!("`{}.{}` has another Rust type; code that uses it may no longer compile", new.rust_name, field.rust_name)
            } else {
                "none: the config gives the field the same Rust type".to_string()
            };
            let mut retyped = change(ChangeKind::FieldRetyped, field, breaking, effect);
            retyped.old = Some(before.ty.to_string());
            retyped.new = Some(field.ty.to_string());
            changes.push(retyped);
        }
        if before.required != field.required {
            let presence = |required: bool| if required { "required" } else { "optional" };
            let mut required = change(
                ChangeKind::FieldRequiredChanged,
                field,
                true,
                format!(
                    "`{}.{}` is {} an `Option`; code that reads or sets it no longer compiles",
                    new.rust_name,
                    field.rust_name,
                    if field.required { "no longer" } else { "now" }
                ),
            );
            required.old = Some(presence(before.required).to_string());
            required.new = Some(presence(field.required).to_string());
            changes.push(required);
        }
        if before.wire_name != field.wire_name {
            let mut wire = change(
                ChangeKind::WireNameChanged,
                field,
                true,
                format!("JSON written with `{}` is no longer read into `{}`, and is no longer written", before.wire_name, field.rust_name),
            );
            wire.old = Some(before.wire_name.clone());
            wire.new = Some(field.wire_name.clone());
            changes.push(wire);
        }
        if before.boxed != field.boxed && before.ty == field.ty {
            let boxing = |boxed: bool| if boxed { "boxed" } else { "not boxed" };
            let mut boxed = change(
                ChangeKind::FieldBoxingChanged,
                field,
                true,
                format!("`{}.{}` is {} a `Box`; code that builds or moves it no longer compiles", new.rust_name, field.rust_name, if field.boxed { "now" } else { "no longer" }),
            );
            boxed.old = Some(boxing(before.boxed).to_string());
            boxed.new = Some(boxing(field.boxed).to_string());
            changes.push(boxed);
        }
    }
}

fn compare_enums(old: &Model, new: &Model, changes: &mut Vec<Change>) {
    let old_enums: BTreeMap<&str, &EnumType> = old.enums.iter().map(|e| (e.name.as_str(), e)).collect();
    for declared in &new.enums {
        let Some(before) = old_enums.get(declared.name.as_str()) else { continue };
        let values = |e: &EnumType| e.values.iter().map(|value| value.value.clone()).collect::<std::collections::BTreeSet<String>>();
        let (old_values, new_values) = (values(before), values(declared));
        for value in old_values.difference(&new_values) {
            changes.push(Change {
                kind: ChangeKind::EnumValueRemoved,
                model: declared.name.clone(),
                member: Some(value.clone()),
                old: None,
                new: None,
                location: before.source.clone(),
                breaking: true,
                effect: format!("code that names its variant no longer compiles; `{value}` is read into `{}`", declared.other_variant),
            });
        }
        for value in new_values.difference(&old_values) {
            changes.push(Change {
                kind: ChangeKind::EnumValueAdded,
                model: declared.name.clone(),
                member: Some(value.clone()),
                old: None,
                new: None,
                location: declared.source.clone(),
                breaking: true,
                effect: format!(
                    "a `match` on `{}` that lists every variant no longer compiles (generated enums are not #[non_exhaustive]), and `{value}` is no longer read into `{}`",
                    declared.rust_name, declared.other_variant
                ),
            });
        }
    }
}

fn summarize(changes: Vec<Change>, version: &str) -> SchemaDiff {
    let names = |kind: ChangeKind| changes.iter().filter(|c| c.kind == kind).map(|c| c.model.clone()).collect::<Vec<_>>();
    let pairs = |kind: ChangeKind| {
        changes
            .iter()
            .filter(|c| c.kind == kind)
            .map(|c| [c.model.clone(), c.member.clone().unwrap_or_default()])
            .collect::<Vec<_>>()
    };
    let breaking = changes.iter().any(|change| change.breaking);
    let semver = if breaking {
        Bump::Major
    } else if changes.is_empty() {
        Bump::None
    } else {
        Bump::Minor
    };
    SchemaDiff {
        models_added: names(ChangeKind::ModelAdded),
        models_removed: names(ChangeKind::ModelRemoved),
        models_kind_changed: names(ChangeKind::ModelKindChanged),
        fields_added: pairs(ChangeKind::FieldAdded),
        fields_removed: pairs(ChangeKind::FieldRemoved),
        fields_retyped: pairs(ChangeKind::FieldRetyped),
        fields_required_changed: pairs(ChangeKind::FieldRequiredChanged),
        wire_names_changed: pairs(ChangeKind::WireNameChanged),
        fields_boxing_changed: pairs(ChangeKind::FieldBoxingChanged),
        enum_values_added: pairs(ChangeKind::EnumValueAdded),
        enum_values_removed: pairs(ChangeKind::EnumValueRemoved),
        breaking,
        semver,
        next_version: next_version(version, semver),
        changes,
    }
}

/// `version` bumped by Cargo's rules: before 1.0.0, a breaking change bumps
/// the minor part and an addition the patch part.
pub fn next_version(version: &str, bump: Bump) -> Option<String> {
    let core = version.split(['-', '+']).next()?;
    let parts: Vec<u64> = core.split('.').map(|part| part.parse().ok()).collect::<Option<_>>()?;
    let [major, minor, patch] = parts[..] else { return None };
    Some(match (bump, major) {
        (Bump::None, _) => format!("{major}.{minor}.{patch}"),
        (Bump::Major, 0) => format!("0.{}.0", minor + 1),
        (Bump::Major, _) => format!("{}.0.0", major + 1),
        (Bump::Minor, 0) => format!("0.{minor}.{}", patch + 1),
        (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
    })
}

/// `1588` -> `1,588`.
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl SchemaDiff {
    /// The counts in one line: `131 models removed, 1,588 added; 916 fields
    /// added, 29 removed, 82 changed type; breaking`.
    pub fn summary(&self) -> String {
        let n = |list: usize| thousands(list);
        let mut line = format!(
            "{} models removed, {} added; {} fields added, {} removed, {} changed type",
            n(self.models_removed.len()),
            n(self.models_added.len()),
            n(self.fields_added.len()),
            n(self.fields_removed.len()),
            n(self.fields_retyped.len()),
        );
        let more = [
            (self.fields_required_changed.len(), "changed between optional and required"),
            (self.wire_names_changed.len(), "changed wire name"),
            (self.fields_boxing_changed.len(), "boxed or unboxed"),
        ];
        for (count, what) in more.into_iter().filter(|(count, _)| *count > 0) {
            let _ = write!(line, ", {} {what}", n(count));
        }
        if !self.enum_values_added.is_empty() || !self.enum_values_removed.is_empty() {
            let _ = write!(
                line,
                "; {} enum values added, {} removed",
                n(self.enum_values_added.len()),
                n(self.enum_values_removed.len())
            );
        }
        if !self.models_kind_changed.is_empty() {
            let _ = write!(line, "; {} models changed kind", n(self.models_kind_changed.len()));
        }
        line.push_str(if self.breaking { "; breaking" } else { "; not breaking" });
        line
    }

    /// The human report: the summary, the semver bump, then one section per
    /// kind of change, each entry with its location and (where it breaks
    /// code) what it does.
    pub fn render(&self) -> String {
        let mut out = self.summary();
        out.push('\n');
        let bump = match self.semver {
            Bump::Major => "a breaking release",
            Bump::Minor => "additions only",
            Bump::None => "no change",
        };
        match &self.next_version {
            Some(next) => {
                let _ = writeln!(out, "semver: {bump}; next crate version {next}");
            }
            None => {
                let _ = writeln!(out, "semver: {bump}");
            }
        }
        let mut kinds: Vec<ChangeKind> = self.changes.iter().map(|change| change.kind).collect();
        kinds.dedup();
        for kind in kinds {
            let section: Vec<&Change> = self.changes.iter().filter(|change| change.kind == kind).collect();
            let _ = writeln!(out, "\n{} ({}):", kind.title(), thousands(section.len()));
            for change in section {
                let mut entry = change.model.clone();
                if let Some(member) = &change.member {
                    if matches!(kind, ChangeKind::EnumValueAdded | ChangeKind::EnumValueRemoved) {
                        let _ = write!(entry, " `{member}`");
                    } else {
                        let _ = write!(entry, ".{member}");
                    }
                }
                match (&change.old, &change.new) {
                    (Some(old), Some(new)) => {
                        let _ = write!(entry, ": {old} -> {new}");
                    }
                    (None, Some(new)) => {
                        let _ = write!(entry, ": {new}");
                    }
                    _ => {}
                }
                let at = &change.location;
                let _ = write!(out, "  {entry}  ({}:{}:{})", at.file, at.line, at.column);
                if change.breaking {
                    let _ = write!(out, "\n      breaks: {}", change.effect);
                }
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_cargo_rules() {
        assert_eq!(next_version("0.1.0", Bump::Major).as_deref(), Some("0.2.0"));
        assert_eq!(next_version("0.1.3", Bump::Minor).as_deref(), Some("0.1.4"));
        assert_eq!(next_version("257.1.0", Bump::Major).as_deref(), Some("258.0.0"));
        assert_eq!(next_version("257.1.0", Bump::Minor).as_deref(), Some("257.2.0"));
        assert_eq!(next_version("1.2.3-rc.1", Bump::None).as_deref(), Some("1.2.3"));
        assert_eq!(next_version("1.2", Bump::Major), None);
    }

    fn pet(rows: &str) -> crate::Generator {
        let page = format!("# Pet\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n{rows}");
        crate::Generator::new().page("Pet.md", page)
    }

    #[test]
    fn wire_names_and_boxes_are_changes_that_break() {
        let old = pet("| **owner_id** | str | | |\n| **parent** | list[Pet] | | [optional] |\n");
        let new = pet("| **owner_id** | str | | |\n| **parent** | Pet | | [optional] |\n").wire_name("Pet", "owner_id", "ownerID");
        let diff = crate::Generator::diff(&old, &new).unwrap();
        assert_eq!(diff.wire_names_changed, [["Pet".to_string(), "owner_id".to_string()]]);
        let wire = diff.changes.iter().find(|c| c.kind == ChangeKind::WireNameChanged).unwrap();
        assert_eq!((wire.old.as_deref(), wire.new.as_deref()), (Some("ownerId"), Some("ownerID")));
        assert_eq!(diff.fields_retyped, [["Pet".to_string(), "parent".to_string()]]);
        assert!(diff.fields_boxing_changed.is_empty(), "a retyped field is not also reported as boxed");
        assert!(diff.breaking);

        // `Pet.owner` unchanged on its page, but `Owner` now references
        // `Pet` back: the cycle is broken by boxing one of the two fields.
        let page = |name: &str, rows: &str| (format!("{name}.md"), format!("# {name}\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n{rows}"));
        let build = |pages: [(String, String); 2]| pages.into_iter().fold(crate::Generator::new(), |g, (name, text)| g.page(name, text));
        let old = build([page("Pet", "| **owner** | Owner | | [optional] |\n"), page("Owner", "| **name** | str | | |\n")]);
        let new = build([page("Pet", "| **owner** | Owner | | [optional] |\n"), page("Owner", "| **name** | str | | |\n| **pet** | Pet | | [optional] |\n")]);
        let diff = crate::Generator::diff(&old, &new).unwrap();
        assert_eq!(diff.fields_added, [["Owner".to_string(), "pet".to_string()]]);
        assert_eq!(diff.fields_boxing_changed.len(), 1, "{:#?}", diff.changes);
        assert_eq!(diff.semver, Bump::Major);
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1588), "1,588");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}

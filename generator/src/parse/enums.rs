//! Enum sections: `## Enum: StateEnum` with a `| Name | Value |` table
//! (Java, Kotlin), or `## Enum` with bullets on an enum page
//! (`` * `ALERTING` (value: `"alerting"`) ``), and the fields that use them.

use crate::schema::{SourceLocation, TypeExpr};

use super::page::{PageEnum, PageField, PageValue};

use super::cells::{decode_entities, inline_text, unescape};

/// An enum section as the page writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumSection {
    /// The name after `Enum:` (`StateEnum`), if any.
    pub name: Option<String>,
    /// The values in page order: (name, value as written, quoted or not).
    pub values: Vec<RawValue>,
    pub source: SourceLocation,
}

/// A value as written: `ALERTING | &quot;alerting&quot;`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawValue {
    pub name: Option<String>,
    pub value: String,
    /// Whether the page quotes the value (`"alerting"`): a string.
    pub quoted: bool,
}

/// What the values of a section are.
#[derive(Debug, Clone, PartialEq)]
pub enum SectionValues {
    /// Strings: an enum.
    Strings(Vec<PageValue>),
    /// Unquoted numbers (`NUMBER_1 | 1`), or no value at all: the field
    /// keeps a plain type (a number, or `String`).
    Plain(TypeExpr),
}

/// The section name in an `Enum: StateEnum` heading; `List<TypesEnum>`
/// names `TypesEnum`. `None` for a bare `Enum` heading.
pub fn section_name(heading: &str) -> Option<Option<String>> {
    let heading = decode_entities(heading.trim());
    let rest = heading.strip_prefix("Enum")?;
    if rest.trim().is_empty() {
        return Some(None);
    }
    let rest = rest.trim_start().strip_prefix(':')?.trim();
    let inner = match (rest.rfind('<'), rest.find('>')) {
        (Some(open), Some(close)) if open < close => &rest[open + 1..close],
        _ => rest,
    };
    let name = inner.trim().trim_matches('`').trim();
    Some((!name.is_empty()).then(|| name.to_string()))
}

/// One bullet of an enum page: `` `ALERTING` (value: `"alerting"`) ``, or
/// just `` `alerting` ``.
pub fn bullet_value(item: &str) -> Option<RawValue> {
    let item = item.trim().trim_start_matches(['*', '-', '+']).trim();
    let spans = code_spans(item);
    let (name, value) = match item.find("(value:") {
        Some(at) => {
            let value = code_spans(&item[at..]).into_iter().next().map(str::to_string).unwrap_or_else(|| {
                item[at + "(value:".len()..].trim().trim_end_matches(')').trim().to_string()
            });
            let name = spans.first().filter(|_| item[..at].contains('`')).map(|s| s.to_string());
            (name, value)
        }
        None => (None, spans.first().map(|s| s.to_string()).unwrap_or_else(|| item.to_string())),
    };
    let (value, quoted) = unquote(&unescape(&decode_entities(&value)));
    (!value.is_empty() || quoted).then_some(RawValue { name, value, quoted })
}

/// A row of an enum table: the Name and Value cells.
pub fn table_value(name_cell: &str, value_cell: &str) -> RawValue {
    let name = inline_text(name_cell).0;
    let value = unescape(&decode_entities(value_cell.trim()));
    let value = value.trim().trim_matches('`');
    let (value, quoted) = unquote(value);
    RawValue {
        name: (!name.is_empty()).then(|| name.into_owned()),
        value,
        quoted,
    }
}

/// `"alerting"` or `'alerting'` -> (`alerting`, true).
fn unquote(text: &str) -> (String, bool) {
    let text = text.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|rest| rest.strip_suffix(quote)) {
            return (inner.to_string(), true);
        }
    }
    (text.to_string(), false)
}

fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Client-side values SDKs add to every enum for "a value this SDK version
/// does not know" (`OUTDATEDSDKVERSION`, `OutdatedSdkVersion`): not API values.
pub fn is_sdk_sentinel(value: &RawValue) -> bool {
    let normal = |text: &str| text.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    normal(&value.value) == "outdatedsdkversion" || value.name.as_deref().is_some_and(|name| normal(name) == "outdatedsdkversion")
}

/// Classifies a section's values. Kotlin writes one row naming the field
/// with every value, comma-separated and unquoted (`| state | a, b |`).
pub fn section_values(section: &EnumSection) -> SectionValues {
    let values: Vec<&RawValue> = section.values.iter().filter(|value| !is_sdk_sentinel(value)).collect();
    let quoted = values.iter().any(|value| value.quoted);
    let mut strings: Vec<(Option<String>, String)> = Vec::new();
    if !quoted {
        let kotlin_row = values.len() == 1
            && values[0].value.contains(',')
            && values[0].name.as_deref().zip(section.name.as_deref()).is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
        if kotlin_row {
            strings = values[0]
                .value
                .split(',')
                .map(|value| (None, value.trim().to_string()))
                .filter(|(_, value)| !value.is_empty())
                .collect();
        } else if !values.is_empty() && values.iter().all(|value| value.value.parse::<i64>().is_ok()) {
            return SectionValues::Plain(TypeExpr::Integer);
        } else if !values.is_empty() && values.iter().all(|value| value.value.parse::<f64>().is_ok()) {
            return SectionValues::Plain(TypeExpr::Float);
        }
    }
    if strings.is_empty() {
        strings = values.iter().map(|value| (value.name.clone(), value.value.clone())).collect();
    }
    if strings.is_empty() {
        return SectionValues::Plain(TypeExpr::String);
    }
    SectionValues::Strings(distinct_values(strings))
}

/// Enum values in page order, a value listed twice kept once.
fn distinct_values(values: impl IntoIterator<Item = (Option<String>, String)>) -> Vec<PageValue> {
    let mut seen = std::collections::HashSet::new();
    values
        .into_iter()
        .filter(|(_, value)| seen.insert(value.clone()))
        .map(|(name, value)| PageValue { name, value })
        .collect()
}

/// Points the fields' types at the page's enum sections and returns the
/// enums some field uses, plus the names of sections no field uses.
///
/// A type names a section by its name (`StateEnum`, `List<StateEnum>`), or,
/// as Kotlin writes it, `inline` with the link (`#State`) or the field name
/// naming the section.
pub fn link_fields(
    model: &str,
    fields: &mut [PageField],
    links: &[Option<String>],
    sections: &[EnumSection],
) -> (Vec<PageEnum>, Vec<usize>) {
    if sections.is_empty() {
        // Most pages: nothing to point at (and no type to rebuild).
        return (Vec::new(), Vec::new());
    }
    let classified: Vec<SectionValues> = sections.iter().map(section_values).collect();
    let mut used_by: Vec<Option<String>> = vec![None; sections.len()];
    let find = |wanted: &str| sections.iter().position(|s| s.name.as_deref() == Some(wanted));
    // Kotlin's `inline` names its section by link anchor or field name,
    // whose case may differ (`#State`, `## Enum: state`).
    let find_loosely = |wanted: &str| {
        let wanted = wanted.trim_start_matches('#').trim_start_matches("Enum--");
        sections.iter().position(|s| s.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(wanted)))
    };
    for (field, link) in fields.iter_mut().zip(links) {
        let ty = std::mem::replace(&mut field.ty, TypeExpr::Object);
        field.ty = ty.map_models(&mut |name| {
            let section = if name.eq_ignore_ascii_case("inline") {
                link.as_deref().and_then(find_loosely).or_else(|| find_loosely(&field.doc_name))
            } else {
                find(&name)
            };
            match section {
                None => TypeExpr::Model(name),
                Some(index) => match &classified[index] {
                    SectionValues::Plain(number) => number.clone(),
                    SectionValues::Strings(_) => {
                        used_by[index].get_or_insert_with(|| field.doc_name.clone());
                        TypeExpr::Enum(qualified_name(model, sections[index].name.as_deref().unwrap_or(&field.doc_name)))
                    }
                },
            }
        });
    }
    let mut enums = Vec::new();
    let mut unused = Vec::new();
    for (index, (section, values)) in sections.iter().zip(classified).enumerate() {
        match (values, used_by[index].take()) {
            (SectionValues::Strings(values), Some(field)) => enums.push(PageEnum {
                name: qualified_name(model, section.name.as_deref().unwrap_or(&field)),
                field: Some(field),
                description: None,
                values,
                source: section.source.clone(),
            }),
            (SectionValues::Strings(_), None) => unused.push(index),
            (SectionValues::Plain(_), _) => {}
        }
    }
    (enums, unused)
}

/// The values of an inline enum type, `Enum [ 'interact', 'hold' ]`
/// (SailPoint's pydantic docs).
pub fn inline_values(type_text: &str) -> Option<Vec<String>> {
    let list = type_text.trim().strip_prefix("Enum")?.trim().strip_prefix('[')?.strip_suffix(']')?;
    let values: Vec<String> = list
        .split(',')
        .map(|value| unquote(&unescape(value)).0)
        .filter(|value| !value.is_empty())
        .collect();
    Some(values)
}

/// The enum of a field typed `Enum [ ... ]`, named after the field.
pub fn inline_enum(model: &str, field: &PageField, values: Vec<String>) -> PageEnum {
    PageEnum {
        name: qualified_name(model, &field.doc_name),
        field: Some(field.doc_name.clone()),
        description: None,
        values: distinct_values(values.into_iter().map(|value| (None, value))),
        source: field.source.clone(),
    }
}

/// `Call.StateEnum`: how field types name an enum of a page.
pub fn qualified_name(model: &str, section: &str) -> String {
    format!("{model}.{section}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(name: Option<&str>, value: &str, quoted: bool) -> RawValue {
        RawValue {
            name: name.map(str::to_string),
            value: value.to_string(),
            quoted,
        }
    }

    #[test]
    fn section_names() {
        assert_eq!(section_name("Enum: StateEnum"), Some(Some("StateEnum".into())));
        assert_eq!(section_name("Enum: List&lt;TypesEnum&gt;"), Some(Some("TypesEnum".into())));
        assert_eq!(section_name("Enum"), Some(None));
        assert_eq!(section_name("Enum:state"), Some(Some("state".into())));
        assert_eq!(section_name("Enumerations"), None);
        assert_eq!(section_name("Example"), None);
    }

    #[test]
    fn bullets_of_every_language() {
        assert_eq!(bullet_value(r#"`ALERTING` (value: `"alerting"`)"#), Some(raw(Some("ALERTING"), "alerting", true)));
        assert_eq!(bullet_value("`INBOUND` (value: `'inbound'`)"), Some(raw(Some("INBOUND"), "inbound", true)));
        assert_eq!(bullet_value("`alerting`"), Some(raw(None, "alerting", false)));
        assert_eq!(bullet_value(r#"`NUMBER_1` (value: `1`)"#), Some(raw(Some("NUMBER_1"), "1", false)));
        assert_eq!(bullet_value(""), None);
    }

    #[test]
    fn table_rows_decode_entities_and_quotes() {
        assert_eq!(table_value("ALERTING", " &quot;alerting&quot; "), raw(Some("ALERTING"), "alerting", true));
        assert_eq!(table_value("**EMPTY**", r#"\"\""#), raw(Some("EMPTY"), "", true));
        assert_eq!(table_value("state", "alerting, dialing"), raw(Some("state"), "alerting, dialing", false));
    }

    fn section(name: &str, values: Vec<RawValue>) -> EnumSection {
        EnumSection {
            name: Some(name.to_string()),
            values,
            source: SourceLocation { file: "P.md".into(), line: 1, column: 1 },
        }
    }

    fn wire_values(values: &SectionValues) -> Vec<&str> {
        match values {
            SectionValues::Strings(values) => values.iter().map(|v| v.value.as_str()).collect(),
            SectionValues::Plain(_) => panic!("plain"),
        }
    }

    #[test]
    fn sentinels_are_dropped_and_duplicates_merged() {
        let values = section_values(&section(
            "StateEnum",
            vec![
                raw(Some("ALERTING"), "alerting", true),
                raw(Some("OUTDATEDSDKVERSION"), "OutdatedSdkVersion", true),
                raw(Some("ALERTING2"), "alerting", true),
            ],
        ));
        assert_eq!(wire_values(&values), ["alerting"]);
        let only_sentinel = section("StateEnum", vec![raw(Some("OUTDATEDSDKVERSION"), "outdatedsdkversion", true)]);
        assert_eq!(section_values(&only_sentinel), SectionValues::Plain(TypeExpr::String));
    }

    #[test]
    fn kotlin_rows_list_every_value() {
        let values = section_values(&section("state", vec![raw(Some("state"), "alerting, dialing", false)]));
        assert_eq!(wire_values(&values), ["alerting", "dialing"]);
    }

    #[test]
    fn unquoted_numbers_keep_a_number_type() {
        let values = section_values(&section("CodeEnum", vec![raw(Some("NUMBER_1"), "1", false), raw(Some("NUMBER_2"), "2", false)]));
        assert_eq!(values, SectionValues::Plain(TypeExpr::Integer));
        let values = section_values(&section("RatioEnum", vec![raw(Some("A"), "0.5", false)]));
        assert_eq!(values, SectionValues::Plain(TypeExpr::Float));
    }
}

//! Every naming rule in one place: Rust identifiers from doc names, keyword
//! escapes, and the wire (JSON) names the pages leave unsaid.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict, reserved and edition-reserved keywords. Escaped with a trailing `_`
/// (typify's convention), because `self`, `Self`, `super` and `crate` cannot be
/// raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// The JSON key for a doc name, when no override says otherwise.
///
/// The pages give the SDK's snake_case attribute names; the API's JSON is
/// lowerCamelCase (`social_media_id` -> `socialMediaId`). The SDK prefixes
/// names that are reserved in its language with `pc` (`pcSelf` is `self`,
/// `pcFrom` is `from`); the prefix is not on the wire.
pub fn wire_name(doc_name: &str) -> String {
    let name = strip_reserved_prefix(doc_name);
    let leading = name.len() - name.trim_start_matches('_').len();
    let mut out = String::with_capacity(name.len());
    out.push_str(&name[..leading]);
    for (index, segment) in name[leading..].split('_').filter(|s| !s.is_empty()).enumerate() {
        if index == 0 {
            out.push_str(segment);
        } else {
            let mut chars = segment.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
    }
    if out.is_empty() {
        doc_name.to_string()
    } else {
        out
    }
}

/// `pcSelf` -> `self`: the SDK's escape of reserved words, undone.
fn strip_reserved_prefix(doc_name: &str) -> std::borrow::Cow<'_, str> {
    match doc_name.strip_prefix("pc") {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => {
            let mut chars = rest.chars();
            let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
            std::borrow::Cow::Owned(format!("{first}{}", chars.as_str()))
        }
        _ => std::borrow::Cow::Borrowed(doc_name),
    }
}

/// The Rust field name for a doc name: snake_case, a valid identifier, not a keyword.
pub fn field_name(doc_name: &str) -> String {
    let base = strip_reserved_prefix(doc_name);
    let snake = if is_snake_identifier(&base) {
        base.into_owned()
    } else {
        sanitize(&base.to_snake_case(), '_')
    };
    let snake = if snake.is_empty() || snake == "_" {
        "field".to_string()
    } else if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("field_{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// The Rust type name for a model name: the doc name itself when it is already
/// an UpperCamelCase identifier (so `generated::Call` is the page's `Call`).
pub fn type_name(model_name: &str) -> String {
    let name = if is_camel_identifier(model_name) {
        model_name.to_string()
    } else {
        sanitize(&model_name.to_upper_camel_case(), '\0')
    };
    let name = if name.is_empty() {
        "Model".to_string()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Model{name}")
    } else {
        name
    };
    escape_keyword(name)
}

/// File stems under `src/` that cargo gives a meaning of their own: a model
/// module named so would overwrite the crate root (`lib`) or turn the crate
/// into a binary (`main`). Escaped like keywords.
const RESERVED_MODULES: &[&str] = &["lib", "main"];

/// The module (and file stem) for a model: its snake_case name.
pub fn module_name(type_name: &str) -> String {
    let snake = escape_keyword(sanitize(&type_name.to_snake_case(), '_'));
    if RESERVED_MODULES.contains(&snake.as_str()) {
        snake + "_"
    } else {
        snake
    }
}

/// Appends `2`, `3`... (after `separator`) until `taken` says the name is free.
pub fn disambiguate(base: &str, separator: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free name")
}

fn escape_keyword(name: String) -> String {
    if is_keyword(&name) {
        name + "_"
    } else {
        name
    }
}

fn is_snake_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
}

fn is_camel_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Keeps ASCII letters, digits and `_`; anything else becomes `replacement`
/// (dropped when it is `'\0'`), without doubled or trailing underscores.
fn sanitize(name: &str, replacement: char) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if replacement != '\0' && !out.ends_with(replacement) && !out.is_empty() {
            out.push(replacement);
        }
    }
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    out.trim_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_are_lower_camel_case() {
        assert_eq!(wire_name("social_media_id"), "socialMediaId");
        assert_eq!(wire_name("id"), "id");
        assert_eq!(wire_name("address_2"), "address2");
        assert_eq!(wire_name("e164_number"), "e164Number");
        assert_eq!(wire_name("alreadyCamel"), "alreadyCamel");
    }

    #[test]
    fn reserved_word_prefixes_are_not_on_the_wire() {
        assert_eq!(wire_name("pcSelf"), "self");
        assert_eq!(wire_name("pcFrom"), "from");
        assert_eq!(wire_name("pcProperty"), "property");
        assert_eq!(wire_name("pcGlobal"), "global");
        assert_eq!(wire_name("pcAnd"), "and");
        assert_eq!(wire_name("pcOr"), "or");
        assert_eq!(wire_name("pcNot"), "not");
        assert_eq!(wire_name("pcIn"), "in");
        // Not a prefix: a word that starts with "pc".
        assert_eq!(wire_name("pcm_mode"), "pcmMode");
    }

    #[test]
    fn field_names_are_snake_case_and_escaped() {
        assert_eq!(field_name("social_media_id"), "social_media_id");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("pcSelf"), "self_");
        assert_eq!(field_name("match"), "match_");
        assert_eq!(field_name("ref"), "ref_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("selfUri"), "self_uri");
        assert_eq!(field_name("org-id"), "org_id");
        assert_eq!(field_name("$ref"), "ref_");
        assert_eq!(field_name("1st_place"), "field_1st_place");
        assert_eq!(field_name("$"), "field");
    }

    #[test]
    fn type_names_keep_the_doc_name() {
        assert_eq!(type_name("Call"), "Call");
        assert_eq!(type_name("ADFS"), "ADFS");
        assert_eq!(type_name("Box"), "Box");
        assert_eq!(type_name("call_record"), "CallRecord");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("3Things"), "Model3things");
    }

    #[test]
    fn module_names_are_snake_case() {
        assert_eq!(module_name("ChatMediaParticipant"), "chat_media_participant");
        assert_eq!(module_name("ADFS"), "adfs");
        assert_eq!(module_name("Type"), "type_");
        assert_eq!(module_name("Self_"), "self_");
        assert_eq!(module_name("Lib"), "lib_", "src/lib.rs is the crate root");
        assert_eq!(module_name("Main"), "main_", "src/main.rs would make a binary");
        assert_eq!(module_name("Library"), "library");
    }

    #[test]
    fn disambiguation_is_deterministic() {
        let taken = ["a", "a_2"];
        assert_eq!(disambiguate("a", "_", |n| taken.contains(&n)), "a_3");
        assert_eq!(disambiguate("b", "_", |n| taken.contains(&n)), "b");
        assert_eq!(disambiguate("A", "", |n| n == "A"), "A2");
    }
}

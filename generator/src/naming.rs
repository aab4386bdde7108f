//! Every naming rule in one place: Rust identifiers from doc names, keyword
//! escapes, and the wire (JSON) names the pages leave unsaid.

use std::borrow::Cow;

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
    // Keywords are 2 to 8 letters: most names are ruled out without a search.
    (2..=8).contains(&name.len()) && name.bytes().all(|byte| byte.is_ascii_alphabetic()) && KEYWORDS.contains(&name)
}

/// Words that some SDK generator escapes when a field is named like them,
/// because they are reserved in its language (Python, Java, Kotlin, C#, Go,
/// Swift, TypeScript, Ruby, PHP) or in its base classes (pydantic's `schema`,
/// `json`...). Only these lose a `_self`, `var_schema` or `Type_` escape: a
/// leading or trailing `_` on another word may be part of the real JSON key.
const SDK_RESERVED: &[&str] = &[
    "abstract", "and", "any", "array", "as", "assert", "async", "await", "base", "bool", "boolean",
    "break", "byte", "case", "catch", "char", "class", "clone", "const", "construct", "continue",
    "copy", "date", "def", "default", "defer", "del", "delete", "description", "dict", "do",
    "double", "echo", "elif", "else", "empty", "end", "enum", "eval", "event", "except", "exit",
    "extends", "extern", "false", "fields", "final", "finally", "float", "for", "foreach", "from",
    "fun", "func", "function", "global", "go", "goto", "hash", "if", "implements", "import", "in",
    "include", "instanceof", "int", "interface", "internal", "is", "isset", "json", "lambda",
    "let", "list", "lock", "long", "map", "match", "module", "namespace", "new", "next", "nil",
    "none", "nonlocal", "not", "null", "object", "operator", "or", "out", "override", "package",
    "params", "pass", "print", "private", "property", "protected", "protocol", "public", "raise",
    "range", "ref", "require", "rescue", "return", "schema", "select", "self", "short", "static",
    "string", "struct", "super", "switch", "then", "this", "throw", "throws", "trait", "true",
    "try", "type", "typeof", "unless", "unset", "until", "use", "val", "validate", "var", "void",
    "when", "where", "while", "with", "yield",
];

fn is_sdk_reserved(word: &str) -> bool {
    SDK_RESERVED.contains(&word.to_ascii_lowercase().as_str())
}

/// The doc name with the SDK's escape of a reserved word undone: `pcSelf`
/// (Genesys), `_self`, `var_schema`, `Type_` and `from_` name the fields
/// `self`, `schema`, `Type` and `from`.
pub fn unescaped_doc_name(doc_name: &str) -> Cow<'_, str> {
    if let Some(rest) = doc_name.strip_prefix("pc") {
        if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            let mut chars = rest.chars();
            let first = chars.next().map(|c| c.to_ascii_lowercase()).unwrap_or_default();
            return Cow::Owned(format!("{first}{}", chars.as_str()));
        }
    }
    let escaped = [
        doc_name.strip_prefix("var_"),
        doc_name.strip_prefix('_').filter(|rest| !rest.starts_with('_')),
        doc_name.strip_suffix('_').filter(|rest| !rest.ends_with('_')),
    ];
    match escaped.into_iter().flatten().find(|word| is_sdk_reserved(word)) {
        Some(word) => Cow::Borrowed(word),
        None => Cow::Borrowed(doc_name),
    }
}

/// The JSON key for a doc name, when no override says otherwise.
///
/// Most SDKs print the name of the field in their language, not the JSON
/// key, which the API writes in lowerCamelCase: snake_case names are joined
/// (`social_media_id` -> `socialMediaId`, Python and Ruby), PascalCase names
/// lose their capital (`SelfUri` -> `selfUri`, C# and Go), camelCase names
/// are the key (Java, Swift, PHP). Reserved-word escapes are undone first
/// (see [`unescaped_doc_name`]). Where the pages print the key itself
/// (TypeScript), the caller keeps the doc name verbatim instead.
pub fn wire_name(doc_name: &str) -> String {
    let name = unescaped_doc_name(doc_name);
    let leading = name.len() - name.trim_start_matches('_').len();
    let body = &name[leading..];
    let mut out = String::with_capacity(name.len());
    out.push_str(&name[..leading]);
    if body.contains('_') {
        for (index, segment) in body.split('_').filter(|s| !s.is_empty()).enumerate() {
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
    } else if is_pascal_case(body) {
        let mut chars = body.chars();
        out.extend(chars.next().map(|c| c.to_ascii_lowercase()));
        out.push_str(chars.as_str());
    } else {
        out.push_str(body);
    }
    if out.is_empty() {
        doc_name.to_string()
    } else {
        out
    }
}

/// `SelfUri`, `Id`: a capital then a lower-case letter. `URL` and `ID` are
/// not (an all-caps name is printed as the API spells it).
fn is_pascal_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.next().is_some_and(|c| c.is_ascii_lowercase())
}

/// The Rust field name for a doc name: snake_case, a valid identifier, not a keyword.
///
/// Leading underscores are dropped (`_id` -> `id`, `_links` -> `links`): in
/// Rust they would mark the field unused.
pub fn field_name(doc_name: &str) -> String {
    let unescaped = unescaped_doc_name(doc_name);
    let base = unescaped.trim_start_matches('_');
    let snake = if is_snake_identifier(base) {
        base.to_string()
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

/// The Rust variant name for an enum value: UpperCamelCase of the value
/// (`in-progress` -> `InProgress`), or of the page's name for it when the
/// value gives none (`+1`, empty), never starting with a digit.
pub fn variant_name(value: &str, page_name: Option<&str>) -> String {
    let camel = |text: &str| sanitize(&text.to_upper_camel_case(), '\0');
    let usable = |name: &String| name.starts_with(|c: char| c.is_ascii_alphabetic());
    let from_value = camel(value);
    let name = if usable(&from_value) {
        from_value
    } else {
        match page_name.map(camel).filter(usable) {
            Some(name) => name,
            None if from_value.is_empty() => "Empty".to_string(),
            None => format!("V{from_value}"),
        }
    };
    escape_keyword(name)
}

/// File stems under `src/` that cargo gives a meaning of their own: a model
/// module named so would overwrite the crate root (`lib`) or turn the crate
/// into a binary (`main`). Escaped like keywords.
const RESERVED_MODULES: &[&str] = &["lib", "main"];

/// The longest module name (and file stem, in bytes) before it is shortened.
/// File names may have 255 bytes on nearly every file system; this leaves
/// room for `.rs` and a disambiguating `_2`... suffix.
pub const MAX_MODULE_NAME: usize = 200;

/// The module (and file stem) for a model: its snake_case name. A name
/// longer than [`MAX_MODULE_NAME`] keeps its start and ends with a hash of
/// the whole name (`aaaa..._3f2a9c0d11e4b7a6`): stable across runs and
/// machines, so the file name does not change while the model does not.
pub fn module_name(type_name: &str) -> String {
    let snake = escape_keyword(sanitize(&type_name.to_snake_case(), '_'));
    let snake = if RESERVED_MODULES.contains(&snake.as_str()) {
        snake + "_"
    } else {
        snake
    };
    if snake.len() <= MAX_MODULE_NAME {
        return snake;
    }
    // `sanitize` leaves ASCII only, so any byte is a character boundary.
    let hash = format!("_{:016x}", fnv1a(snake.as_bytes()));
    let kept = snake[..MAX_MODULE_NAME - hash.len()].trim_end_matches('_');
    format!("{kept}{hash}")
}

/// FNV-1a (64 bits): a hash whose value is fixed by its definition, unlike
/// std's `DefaultHasher`, so shortened module names never change between
/// Rust versions.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
    fn every_sdk_flavor_of_names_gets_its_json_key() {
        // PascalCase (C#, Go) loses its capital; all-caps names are kept.
        assert_eq!(wire_name("SelfUri"), "selfUri");
        assert_eq!(wire_name("Id"), "id");
        assert_eq!(wire_name("URL"), "URL");
        assert_eq!(wire_name("ID"), "ID");
        // camelCase (Java, Swift, PHP) is the key.
        assert_eq!(wire_name("startTime"), "startTime");
        // Reserved-word escapes of other generators.
        assert_eq!(wire_name("_self"), "self");
        assert_eq!(wire_name("_from"), "from");
        assert_eq!(wire_name("var_schema"), "schema");
        assert_eq!(wire_name("Type_"), "type");
        assert_eq!(wire_name("from_"), "from");
        assert_eq!(wire_name("Self"), "self");
        // Not escapes: the underscore is part of a key that is not a reserved word.
        assert_eq!(wire_name("_links"), "_links");
        assert_eq!(wire_name("var_name"), "varName");
        assert_eq!(wire_name("__self"), "__self");
    }

    #[test]
    fn escaped_doc_names_give_the_same_rust_field() {
        for name in ["pcSelf", "_self", "self_", "Self"] {
            assert_eq!(field_name(name), "self_", "{name}");
        }
        assert_eq!(field_name("var_schema"), "schema");
        assert_eq!(field_name("Type_"), "type_");
        assert_eq!(field_name("SelfUri"), "self_uri");
        assert_eq!(field_name("_id"), "id");
        assert_eq!(field_name("_links"), "links");
        assert_eq!(field_name("__self"), "self_");
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
    fn variant_names_come_from_the_values() {
        assert_eq!(variant_name("alerting", Some("ALERTING")), "Alerting");
        assert_eq!(variant_name("in-progress", None), "InProgress");
        assert_eq!(variant_name("application/json", None), "ApplicationJson");
        assert_eq!(variant_name("+1", Some("PLUS_ONE")), "PlusOne");
        assert_eq!(variant_name("2fa", None), "V2fa");
        assert_eq!(variant_name("", None), "Empty");
        assert_eq!(variant_name("", Some("NONE")), "None");
        assert_eq!(variant_name("self", None), "Self_");
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
    fn long_module_names_are_shortened_with_a_stable_hash() {
        let long = format!("A{}", "a".repeat(599));
        let name = module_name(&long);
        assert_eq!(name.len(), MAX_MODULE_NAME);
        assert!(name.starts_with(&"a".repeat(150)), "{name}");
        // FNV-1a of the 600-byte snake_case name: fixed by the algorithm.
        assert_eq!(&name[name.len() - 17..], format!("_{:016x}", fnv1a("a".repeat(600).as_bytes())));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c, "the published FNV-1a test vector");
        // Two long names that share their start stay apart.
        assert_ne!(module_name(&format!("{long}B")), module_name(&format!("{long}C")));
        // Up to the bound, a name is kept whole.
        let at_bound = format!("A{}", "a".repeat(MAX_MODULE_NAME - 1));
        assert_eq!(module_name(&at_bound), "a".repeat(MAX_MODULE_NAME));
        assert!(module_name(&format!("{at_bound}a")).len() <= MAX_MODULE_NAME);
    }

    #[test]
    fn keywords_are_recognised_by_the_quick_check() {
        for keyword in KEYWORDS {
            assert!(is_keyword(keyword), "{keyword}");
        }
        for name in ["", "a", "types", "self_", "r#type", "Type", "selfish", "overrides", "type2"] {
            assert!(!is_keyword(name), "{name}");
        }
    }

    #[test]
    fn disambiguation_is_deterministic() {
        let taken = ["a", "a_2"];
        assert_eq!(disambiguate("a", "_", |n| taken.contains(&n)), "a_3");
        assert_eq!(disambiguate("b", "_", |n| taken.contains(&n)), "b");
        assert_eq!(disambiguate("A", "", |n| n == "A"), "A2");
    }
}

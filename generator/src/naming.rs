//! Every naming rule in one place: Rust identifiers from doc names, keyword
//! escapes, and the wire (JSON) names the pages leave unsaid.

use std::borrow::Cow;
use std::collections::BTreeMap;

use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

use crate::parse::type_expr::Language;
use crate::schema::WireSource;

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

/// How a configured wire case spells every key (`[input] wire-case`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireCase {
    /// `user_code`
    Snake,
    /// `userCode`
    Camel,
    /// `UserCode`
    Pascal,
    /// `user-code`
    Kebab,
    /// The name as the page writes it (reserved-word escapes undone).
    AsWritten,
}

impl WireCase {
    pub const NAMES: &'static str = "\"snake_case\", \"camelCase\", \"PascalCase\", \"kebab-case\" or \"as-written\"";

    pub fn as_str(self) -> &'static str {
        match self {
            WireCase::Snake => "snake_case",
            WireCase::Camel => "camelCase",
            WireCase::Pascal => "PascalCase",
            WireCase::Kebab => "kebab-case",
            WireCase::AsWritten => "as-written",
        }
    }

    /// The key for a name (escapes already undone); leading `_` are kept
    /// (`_links`).
    pub fn apply(self, name: &str) -> String {
        let leading = name.len() - name.trim_start_matches('_').len();
        let (prefix, body) = name.split_at(leading);
        let body = match self {
            WireCase::Snake => body.to_snake_case(),
            WireCase::Camel => body.to_lower_camel_case(),
            WireCase::Pascal => body.to_upper_camel_case(),
            WireCase::Kebab => body.to_kebab_case(),
            WireCase::AsWritten => body.to_string(),
        };
        if body.is_empty() {
            return name.to_string();
        }
        format!("{prefix}{body}")
    }
}

impl std::str::FromStr for WireCase {
    type Err = String;

    fn from_str(text: &str) -> Result<WireCase, String> {
        Ok(match text {
            "snake_case" => WireCase::Snake,
            "camelCase" => WireCase::Camel,
            "PascalCase" => WireCase::Pascal,
            "kebab-case" => WireCase::Kebab,
            "as-written" => WireCase::AsWritten,
            _ => return Err(format!("`{text}` is not a wire case (expected {})", WireCase::NAMES)),
        })
    }
}

/// Where a set's wire case comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseSource {
    /// `[input] wire-case`, `--wire-case` or `Generator::wire_case`.
    Configured,
    /// The pages' descriptions quote keys in that case.
    Quoted,
}

impl CaseSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSource::Configured => "configured",
            CaseSource::Quoted => "learnt from keys the descriptions quote",
        }
    }
}

/// The acronyms an input set's identifiers spell in capitals (`CIDR` of
/// `V1ServerAddressByClientCIDR`, `NA` of a quoted `markedNA`), less those
/// it also spells as plain words somewhere (`Id` of `AppleOpaqueId` beside
/// `ID` of `DIDNumber`...): where an API spells a word both ways, only a
/// field's own quoted key can tell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcronymVocabulary {
    /// By lower-case form, [`packed`]: `cidr` -> `CIDR`.
    acronyms: BTreeMap<u64, String>,
    /// The length of the longest acronym, plural (once settled).
    longest: usize,
}

/// Acronyms are 2 to 6 capitals; longer runs are words in capitals.
const ACRONYM_LENGTH: std::ops::RangeInclusive<usize> = 2..=6;

/// Up to 8 ASCII letters as one number, in small letters: how acronyms are
/// looked up, so naming a field allocates nothing to try a word.
fn packed<'w>(words: impl IntoIterator<Item = &'w str>) -> Option<u64> {
    let mut packed = 0u64;
    let mut length = 0;
    for byte in words.into_iter().flat_map(str::bytes) {
        length += 1;
        if length > 8 {
            return None;
        }
        packed = packed << 8 | u64::from(byte.to_ascii_lowercase());
    }
    Some(packed)
}

/// What an identifier spells, word by word: `V1ServerAddressByClientCIDR`
/// spells the acronym `CIDR` and the plain words `Server`, `Address`...;
/// `CIDRs` is the plural of `CIDR`; `V1CSINode` spells `CSI` then `Node`.
fn spelled_words(identifier: &str, mut acronym: impl FnMut(&str), mut plain: impl FnMut(&str)) {
    let bytes = identifier.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_uppercase() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_uppercase() {
            at += 1;
        }
        let run = &identifier[start..at];
        let next_lower = at < bytes.len() && bytes[at].is_ascii_lowercase();
        if run.len() == 1 {
            if next_lower {
                let end = (at..bytes.len()).find(|&i| !bytes[i].is_ascii_lowercase()).unwrap_or(bytes.len());
                plain(&identifier[start..end]);
                at = end;
            }
        } else if !next_lower {
            acronym(run);
        } else if bytes[at] == b's' && bytes.get(at + 1).is_none_or(|b| !b.is_ascii_lowercase()) {
            // `CIDRs`: a plural acronym.
            acronym(run);
            at += 1;
        } else {
            // `CSINode`: the last capital starts the next word.
            acronym(&run[..run.len() - 1]);
            at -= 1;
        }
    }
}

impl AcronymVocabulary {
    /// Learns the acronyms an identifier spells (as `spelled_words` splits it).
    pub fn learn(&mut self, identifier: &str) {
        spelled_words(
            identifier,
            |run| {
                if let Some(key) = packed([run]).filter(|_| ACRONYM_LENGTH.contains(&run.len())) {
                    self.acronyms.entry(key).or_insert_with(|| run.to_string());
                }
            },
            |_| {},
        );
    }

    /// Forgets the acronyms an identifier spells as plain words (`Id` of
    /// `AppleOpaqueId`, `Ids` of `UserIds`): the set spells them both ways.
    pub fn forget_plain_words(&mut self, identifier: &str) {
        if self.acronyms.is_empty() {
            return;
        }
        spelled_words(identifier, |_| {}, |word| {
            if !ACRONYM_LENGTH.contains(&word.len()) {
                return;
            }
            self.acronyms.remove(&packed([word]).unwrap_or_default());
            if let Some(singular) = word.strip_suffix('s') {
                self.acronyms.remove(&packed([singular]).unwrap_or_default());
            }
        });
    }

    pub fn merge(&mut self, other: &AcronymVocabulary) {
        for (&key, spelling) in &other.acronyms {
            self.acronyms.entry(key).or_insert_with(|| spelling.clone());
        }
    }

    /// Ready to name fields, once every plain word is forgotten.
    pub fn settle(&mut self) {
        self.longest = self.acronyms.values().map(String::len).max().map_or(0, |longest| longest + 1);
    }

    /// The spelling of an acronym the set always writes in capitals.
    pub fn spelling(&self, word: &str) -> Option<&str> {
        self.spelling_of([word])
    }

    /// The acronym the words spell together (`cid` + `r`), if any.
    fn spelling_of<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Option<&str> {
        self.acronyms.get(&packed(words)?).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.acronyms.is_empty()
    }

    /// Whether every acronym an identifier spells is one the set always
    /// writes in capitals (`markedNA` in a set with no plain `Na`; not
    /// `sourceID` in a set full of `conversationId`).
    fn spells_settled_acronyms(&self, identifier: &str) -> bool {
        let mut settled = true;
        spelled_words(
            identifier,
            |run| settled &= self.spelling(run).is_some(),
            |_| {},
        );
        settled
    }

    /// `server_address_by_client_cid_rs` -> `serverAddressByClientCIDRs`
    /// where the vocabulary has `CIDR`: snake words are joined into the
    /// acronyms they spell (`cid` + `rs` is `CIDRs`, as a snake_case
    /// converter splits it), the others capitalised. The first word is the
    /// key's start, in small letters. `None` when no acronym is found.
    fn join_snake(&self, name: &str) -> Option<String> {
        if self.acronyms.is_empty() || !name.contains('_') || name.contains(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        // The longest acronym, plural: longer windows cannot spell one.
        let longest = self.longest;
        if name.split('_').skip(1).all(|word| word.len() > longest) {
            return None;
        }
        let words: Vec<&str> = name.split('_').collect();
        if words.iter().any(|word| word.is_empty()) {
            return None;
        }
        let mut out = String::with_capacity(name.len());
        out.push_str(words[0]);
        let mut found = false;
        let mut index = 1;
        'words: while index < words.len() {
            for width in (1..=3.min(words.len() - index)).rev() {
                let window = &words[index..index + width];
                let length: usize = window.iter().map(|word| word.len()).sum();
                if length > longest {
                    continue;
                }
                // `cidrs`: the plural of `CIDR`, its last letter dropped.
                let spelled = match self.spelling_of(window.iter().copied()) {
                    Some(spelling) => Some((spelling, "")),
                    None if window[width - 1].ends_with('s') => {
                        let last = window[width - 1];
                        let stem = window[..width - 1].iter().copied().chain([&last[..last.len() - 1]]);
                        self.spelling_of(stem).map(|spelling| (spelling, "s"))
                    }
                    None => None,
                };
                if let Some((spelling, plural)) = spelled {
                    out.push_str(spelling);
                    out.push_str(plural);
                    found = true;
                    index += width;
                    continue 'words;
                }
            }
            let mut chars = words[index].chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            index += 1;
        }
        found.then_some(out)
    }
}

/// What naming a field's JSON key needs to know beyond its doc name.
#[derive(Debug, Clone, Copy)]
pub struct WireContext<'a> {
    /// The SDK language the page was read in.
    pub language: Language,
    /// The model's name (C# renames a property named like its class).
    pub model: &'a str,
    /// The acronyms of the page's input set.
    pub vocabulary: &'a AcronymVocabulary,
    /// The identifiers the model's page quotes in its descriptions.
    pub quoted: &'a [String],
    /// The field's own description.
    pub description: Option<&'a str>,
    /// The case every key is spelled in, configured or learnt.
    pub wire_case: Option<(WireCase, CaseSource)>,
}

/// The doc name with its SDK language's own escapes undone: Swift's `_id`
/// (a leading `_` on every name that clashes with something), C#'s
/// `_AgentAction` in model `AgentAction` (swagger-codegen renames a
/// property named like its class).
pub fn sdk_unescaped<'a>(doc_name: &'a str, language: Language, model: &str) -> &'a str {
    match language {
        Language::Swift if doc_name.starts_with('_') && !doc_name.starts_with("__") => &doc_name[1..],
        Language::CSharp => match doc_name.strip_prefix('_') {
            Some(rest) if rest == model => rest,
            _ => doc_name,
        },
        _ => doc_name,
    }
}

/// A field's JSON key, and where it comes from, before the config's
/// `[wire-names]` (which `resolve` applies). In order: a configured wire
/// case; the key itself where the page prints it (TypeScript); the key the
/// model's descriptions quote for it (`If markedNA is true`); a case the
/// set's quotes show; the language's rule with the set's acronyms joined
/// (`hostIP`); the rule ([`wire_name`]).
///
/// A quote that only changes the case of the rule's letters (`sourceID`
/// for `source_id`) is taken from the field's own description, or where
/// the set spells its acronyms in capitals only: Genesys' docs say "the
/// sourceID field" of a key the API spells `sourceId`, like thousands of
/// other `...Id` keys.
pub fn field_wire_name(doc_name: &str, context: &WireContext<'_>) -> (String, WireSource) {
    let (key, source) = wire_name_by_rules(doc_name, context);
    if key.is_empty() {
        // Only an escape (Swift's `_`) and nothing after it: the doc name's rule.
        return (wire_name(doc_name), source);
    }
    (key, source)
}

fn wire_name_by_rules(doc_name: &str, context: &WireContext<'_>) -> (String, WireSource) {
    let name = unescaped_doc_name(sdk_unescaped(doc_name, context.language, context.model));
    if let Some((case, CaseSource::Configured)) = context.wire_case {
        return (case.apply(&name), WireSource::WireCase);
    }
    if context.language == Language::TypeScript {
        return (doc_name.to_string(), WireSource::AsWritten);
    }
    let rule = wire_name(&name);
    // The field's own description, Go-style, names it first: "HostIP is
    // the IP address...", "ContainerID is the ID of...".
    let own_words = || context.description.into_iter().flat_map(|own| own.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')));
    let named_first = context.description.and_then(|own| {
        let first = own.split(|c: char| !c.is_ascii_alphanumeric()).next()?;
        let camel = first.as_bytes().windows(2).any(|pair| pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase());
        (camel && first.starts_with(|c: char| c.is_ascii_uppercase()) && first.eq_ignore_ascii_case(&rule)).then(|| {
            let mut key = first[..1].to_ascii_lowercase();
            key.push_str(&first[1..]);
            key
        })
    });
    if let Some(key) = named_first.filter(|key| *key != rule) {
        return (key, WireSource::Description);
    }
    let trusted = |quote: &str| {
        !quote.eq_ignore_ascii_case(&rule) || own_words().any(|word| word == quote) || context.vocabulary.spells_settled_acronyms(quote)
    };
    if let Some(quote) = quoted_key_for(&name, context.quoted).filter(|quote| *quote != rule && trusted(quote)) {
        return (quote.to_string(), WireSource::Description);
    }
    if let Some((case, CaseSource::Quoted)) = context.wire_case {
        return (case.apply(&name), WireSource::QuotedCase);
    }
    match context.vocabulary.join_snake(&name) {
        Some(joined) if joined != rule => (joined, WireSource::Acronym),
        _ => (rule, WireSource::Rule),
    }
}

/// Whether a word of a description looks like a quoted key: a small letter
/// first, then a capital after a small letter (`markedNA`, `recordingId`)
/// or an `_` between letters (`user_code`). Plain words say nothing.
pub fn is_quoted_key(token: &str) -> bool {
    let bytes = token.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_lowercase) || bytes.len() < 3 {
        return false;
    }
    bytes.windows(2).any(|pair| {
        (pair[0].is_ascii_lowercase() && pair[1].is_ascii_uppercase()) || (pair[0] == b'_' && pair[1].is_ascii_alphabetic())
    })
}

/// The quoted key that spells `name` (the same letters, ignoring case and
/// `_`), when it is not the name itself: a page's own evidence of the key.
pub fn quoted_key_for<'q>(name: &str, quoted: &'q [String]) -> Option<&'q str> {
    let letters = |text: &'q str| text.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase());
    quoted.iter().map(String::as_str).find(|quote| {
        *quote != name && {
            let mut wanted = name.bytes().filter(|b| *b != b'_').map(|b| b.to_ascii_lowercase());
            letters(quote).all(|b| wanted.next() == Some(b)) && wanted.next().is_none()
        }
    })
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

/// The Rust type name of an enum a struct page declares for its field
/// `field` (doc name; `value` when no field names it): the model's type name
/// and the field's (`Call` + `state` -> `CallState`), or with an `Enum`
/// suffix (and a number) when `taken` has that name (`CallStateEnum`).
pub fn field_enum_name(model_type: &str, field: Option<&str>, mut taken: impl FnMut(&str) -> bool) -> String {
    let field = field.unwrap_or("value");
    let base = format!("{model_type}{}", type_name(&field_name(field)).trim_end_matches('_'));
    if !taken(&base) {
        return base;
    }
    disambiguate(&format!("{base}Enum"), "", taken)
}

/// The name of the variant that keeps a value the page does not list:
/// `Other`, else `Unknown`, else `Other2`... (`taken`: the values' variants).
pub fn other_variant_name(mut taken: impl FnMut(&str) -> bool) -> String {
    ["Other", "Unknown"]
        .into_iter()
        .find(|name| !taken(name))
        .map(str::to_string)
        .unwrap_or_else(|| disambiguate("Other", "", taken))
}

/// A Rust field name distinct from those `taken` has, for a field whose
/// name `base` another field of the model already has: `url_2`, or `type_2`
/// for an escaped keyword (`type_`).
pub fn distinct_field_name(base: &str, taken: impl FnMut(&str) -> bool) -> String {
    let separator = if base.ends_with('_') { "" } else { "_" };
    disambiguate(base, separator, taken)
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
    fn every_sdk_language_of_names_gets_its_json_key() {
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

    fn vocabulary(identifiers: &[&str]) -> AcronymVocabulary {
        let mut vocabulary = AcronymVocabulary::default();
        for identifier in identifiers {
            vocabulary.learn(identifier);
        }
        for identifier in identifiers {
            vocabulary.forget_plain_words(identifier);
        }
        vocabulary.settle();
        vocabulary
    }

    fn context<'a>(language: Language, model: &'a str, vocabulary: &'a AcronymVocabulary, quoted: &'a [String]) -> WireContext<'a> {
        WireContext { language, model, vocabulary, quoted, description: None, wire_case: None }
    }

    #[test]
    fn acronyms_are_learnt_from_identifiers() {
        let learnt = vocabulary(&["V1ServerAddressByClientCIDR", "V1CSINode", "V1HostIP", "ADFS", "markedNA", "podIPs", "OAuthClient"]);
        for (lower, spelling) in [("cidr", "CIDR"), ("csi", "CSI"), ("ip", "IP"), ("adfs", "ADFS"), ("na", "NA")] {
            assert_eq!(learnt.spelling(lower), Some(spelling), "{lower}");
        }
        // `OAuth` is no acronym, `V1` no word, `Node` plain.
        assert_eq!(learnt.spelling("oa"), None);
        assert_eq!(learnt.spelling("v"), None);
        assert_eq!(learnt.spelling("node"), None);
    }

    #[test]
    fn snake_words_join_into_the_acronyms_of_the_vocabulary() {
        let learnt = vocabulary(&["V1ServerAddressByClientCIDR", "V1HostIP", "V1CSIDriver", "V1IngressTLS"]);
        assert_eq!(learnt.join_snake("server_address_by_client_cid_rs").as_deref(), Some("serverAddressByClientCIDRs"));
        assert_eq!(learnt.join_snake("host_ip").as_deref(), Some("hostIP"));
        assert_eq!(learnt.join_snake("pod_i_ps").as_deref(), Some("podIPs"));
        assert_eq!(learnt.join_snake("allowed_csi_drivers").as_deref(), Some("allowedCSIDrivers"));
        assert_eq!(learnt.join_snake("insecure_skip_tls_verify").as_deref(), Some("insecureSkipTLSVerify"));
        // The first word is the key's start; words that spell nothing known stay.
        assert_eq!(learnt.join_snake("ip_family"), None);
        assert_eq!(learnt.join_snake("container_id"), None);
        assert_eq!(learnt.join_snake("hostIP"), None, "not snake_case");
    }

    #[test]
    fn an_acronym_also_spelled_plainly_is_left_to_direct_evidence() {
        // Genesys: `DIDNumber` and `sourceID`, but `AppleOpaqueId` and thousands of `...Id`.
        let learnt = vocabulary(&["DIDNumber", "sourceID", "AppleOpaqueId", "conversationId", "markedNA"]);
        assert_eq!(learnt.spelling("id"), None);
        assert_eq!(learnt.spelling("na"), Some("NA"));
        let quoted = vec!["sourceID".to_string(), "markedNA".to_string()];
        let cx = context(Language::Python, "UserPresence", &learnt, &quoted);
        assert_eq!(field_wire_name("source_id", &cx), ("sourceId".to_string(), WireSource::Rule), "a sibling's quote of an ambiguous acronym");
        assert_eq!(field_wire_name("marked_na", &cx), ("markedNA".to_string(), WireSource::Description));
        assert_eq!(field_wire_name("default_answers_to_na", &cx), ("defaultAnswersToNA".to_string(), WireSource::Acronym));
        // The field's own description naming the key is direct evidence.
        let own = WireContext { description: Some("The sourceID of the presence."), ..cx };
        assert_eq!(field_wire_name("source_id", &own), ("sourceID".to_string(), WireSource::Description));
    }

    #[test]
    fn go_style_descriptions_name_their_field_first() {
        let empty = AcronymVocabulary::default();
        let cx = WireContext { description: Some("ContainerID is the ID of the container."), ..context(Language::Python, "V1ContainerStatus", &empty, &[]) };
        assert_eq!(field_wire_name("container_id", &cx), ("containerID".to_string(), WireSource::Description));
        let cx = WireContext { description: Some("RestartCount holds the number of restarts."), ..cx };
        assert_eq!(field_wire_name("restart_count", &cx), ("restartCount".to_string(), WireSource::Rule));
    }

    #[test]
    fn sdk_escapes_of_swift_and_csharp_are_undone_in_their_language_only() {
        let empty = AcronymVocabulary::default();
        let swift = context(Language::Swift, "Entity", &empty, &[]);
        assert_eq!(field_wire_name("_id", &swift).0, "id");
        assert_eq!(field_wire_name("__v", &swift).0, "__v");
        let csharp = context(Language::CSharp, "AgentAction", &empty, &[]);
        assert_eq!(field_wire_name("_AgentAction", &csharp).0, "agentAction");
        assert_eq!(field_wire_name("_Other", &csharp).0, "_other", "only the class's own name loses its `_`");
        let java = context(Language::Java, "AgentAction", &empty, &[]);
        assert_eq!(field_wire_name("_AgentAction", &java).0, "_agentAction");
        assert_eq!(field_wire_name("_id", &java).0, "_id", "a real `_id` key elsewhere");
        let typescript = context(Language::TypeScript, "Entity", &empty, &[]);
        assert_eq!(field_wire_name("snake_key", &typescript), ("snake_key".to_string(), WireSource::AsWritten));
    }

    #[test]
    fn wire_cases_spell_every_key() {
        assert_eq!(WireCase::Snake.apply("UserCode"), "user_code");
        assert_eq!(WireCase::Snake.apply("hostIP"), "host_ip");
        assert_eq!(WireCase::Camel.apply("user_code"), "userCode");
        assert_eq!(WireCase::Pascal.apply("user_code"), "UserCode");
        assert_eq!(WireCase::Kebab.apply("edgeId"), "edge-id");
        assert_eq!(WireCase::AsWritten.apply("UserCode"), "UserCode");
        assert_eq!(WireCase::Snake.apply("_links"), "_links", "a leading `_` is kept");
        for case in [WireCase::Snake, WireCase::Camel, WireCase::Pascal, WireCase::Kebab, WireCase::AsWritten] {
            assert_eq!(case.as_str().parse::<WireCase>(), Ok(case));
        }
        assert!("snake".parse::<WireCase>().unwrap_err().contains("\"snake_case\""));
        let empty = AcronymVocabulary::default();
        let cx = WireContext { wire_case: Some((WireCase::Snake, CaseSource::Configured)), ..context(Language::Php, "Order", &empty, &[]) };
        assert_eq!(field_wire_name("createdAt", &cx), ("created_at".to_string(), WireSource::WireCase));
    }

    #[test]
    fn quoted_keys_are_identifiers_with_inner_capitals_or_underscores() {
        for key in ["markedNA", "recordingId", "user_code", "podIPs"] {
            assert!(is_quoted_key(key), "{key}");
        }
        for word in ["the", "URI", "WebRTC", "Id", "_x", "a_"] {
            assert!(!is_quoted_key(word), "{word}");
        }
        let quoted = vec!["user_code".to_string(), "markedNA".to_string()];
        assert_eq!(quoted_key_for("UserCode", &quoted), Some("user_code"));
        assert_eq!(quoted_key_for("marked_na", &quoted), Some("markedNA"));
        assert_eq!(quoted_key_for("user_code", &quoted), None, "the name itself is no evidence");
    }

    #[test]
    fn disambiguation_is_deterministic() {
        let taken = ["a", "a_2"];
        assert_eq!(disambiguate("a", "_", |n| taken.contains(&n)), "a_3");
        assert_eq!(disambiguate("b", "_", |n| taken.contains(&n)), "b");
        assert_eq!(disambiguate("A", "", |n| n == "A"), "A2");
    }

    #[test]
    fn names_derived_from_other_names() {
        // A page's enum: model and field, then an `Enum` suffix if taken.
        assert_eq!(field_enum_name("Call", Some("state"), |_| false), "CallState");
        assert_eq!(field_enum_name("Call", Some("type"), |_| false), "CallType", "the keyword escape is not kept");
        assert_eq!(field_enum_name("Call", None, |_| false), "CallValue");
        assert_eq!(field_enum_name("Call", Some("state"), |n| n == "CallState"), "CallStateEnum");
        let taken = ["CallState", "CallStateEnum"];
        assert_eq!(field_enum_name("Call", Some("state"), |n| taken.contains(&n)), "CallStateEnum2");
        // The variant for unknown values.
        assert_eq!(other_variant_name(|_| false), "Other");
        assert_eq!(other_variant_name(|n| n == "Other"), "Unknown");
        assert_eq!(other_variant_name(|n| n == "Other" || n == "Unknown"), "Other2");
        // Two fields with one Rust name.
        assert_eq!(distinct_field_name("url", |n| n == "url"), "url_2");
        assert_eq!(distinct_field_name("type_", |n| n == "type_"), "type_2");
    }

    #[test]
    fn a_key_left_empty_by_an_escape_falls_back_to_the_rule() {
        let vocabulary = AcronymVocabulary::default();
        let context = WireContext {
            language: Language::Swift,
            model: "Thing",
            vocabulary: &vocabulary,
            quoted: &[],
            description: None,
            wire_case: None,
        };
        assert_eq!(field_wire_name("_id", &context).0, "id", "Swift's escape undone");
        assert_eq!(field_wire_name("_", &context).0, wire_name("_"), "nothing after the escape");
        assert!(!field_wire_name("_", &context).0.is_empty());
    }
}

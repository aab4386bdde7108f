//! The type grammar of the pages, for every SDK language that ships them.
//!
//! Each generator writes the same OpenAPI types in its own language: Python's
//! `list[Segment]` is Java's `List<Segment>`, Go's `[]Segment`, Swift's
//! `[Segment]` and PHP's `\Vendor\Model\Segment[]`. The syntax of every
//! language is accepted on every page, since no two languages spell a
//! collection the same way. Only a few names mean different things in
//! different languages (`Integer`, `Date`, `int`, `float`, `Int`); the page's
//! [`Language`] decides those. [`Language::Unknown`] takes the widest meaning
//! (`Integer` is an `i64`), and leaves words that could as well name a model
//! (`Data`, `File`, `Time`, `Number`) as model references, which hold any JSON.

use std::fmt;

use super::cells::trimmed;
use crate::schema::TypeExpr;

/// How deep `list[list[...]]` may nest before the type is rejected. Real pages
/// nest two levels; the limit keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// A type cell the grammar cannot parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeError {
    /// Byte offset in the type text where the problem is.
    pub offset: usize,
    pub message: String,
}

/// The SDK language a page was written for. It decides the few type names
/// whose meaning differs between languages (`Integer`, `Date`, `int`, `float`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// Not known: ambiguous names take their widest meaning.
    #[default]
    Unknown,
    Python,
    Ruby,
    /// Java and Kotlin.
    Java,
    CSharp,
    Swift,
    Go,
    /// TypeScript and JavaScript.
    TypeScript,
    Php,
}

impl Language {
    /// Whether the language's one date type holds dates and date-times alike
    /// (Swift `Date`, PHP `\DateTime`, C# `DateTime`, Java's and
    /// TypeScript's `Date`), so the description must tell them apart.
    pub fn has_ambiguous_dates(self) -> bool {
        matches!(self, Language::Swift | Language::Php | Language::CSharp | Language::Java | Language::TypeScript)
    }

    const KNOWN: [Language; 8] = [
        Language::Python,
        Language::Ruby,
        Language::Java,
        Language::CSharp,
        Language::Swift,
        Language::Go,
        Language::TypeScript,
        Language::Php,
    ];

    /// Guesses the language from a page's field names and type texts (markup
    /// already stripped): the winner of their [`Scores`].
    pub fn detect<'a>(doc_names: impl IntoIterator<Item = &'a str>, type_texts: impl IntoIterator<Item = &'a str>) -> Language {
        Scores::of_page(doc_names, type_texts).winner()
    }

    /// The name `language = "..."` takes and `mdmodels schema` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Unknown => "unknown",
            Language::Python => "python",
            Language::Ruby => "ruby",
            Language::Java => "java",
            Language::CSharp => "csharp",
            Language::Swift => "swift",
            Language::Go => "go",
            Language::TypeScript => "typescript",
            Language::Php => "php",
        }
    }

    /// The names `language = "..."` accepts, for help texts.
    pub const NAMES: &'static str =
        "python, ruby, java (or kotlin), csharp, swift, go, typescript (or javascript), php";
}

impl std::str::FromStr for Language {
    type Err = String;

    /// A language as a user names it: `swift`, `kotlin` (read as Java),
    /// `c#`, `javascript`...
    fn from_str(name: &str) -> Result<Language, String> {
        Ok(match name.to_ascii_lowercase().as_str() {
            "python" => Language::Python,
            "ruby" => Language::Ruby,
            "java" | "kotlin" => Language::Java,
            "csharp" | "c#" | "dotnet" | ".net" => Language::CSharp,
            "swift" => Language::Swift,
            "go" | "golang" => Language::Go,
            "typescript" | "javascript" | "ts" | "js" => Language::TypeScript,
            "php" => Language::Php,
            _ => return Err(format!("`{name}` is not a language mdmodels knows (expected one of: {})", Language::NAMES)),
        })
    }
}

impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The votes of pages for each language.
///
/// Every name and type votes for the languages that write it that way: a
/// type only one language writes (`str`, `kotlin.Int`, `Pointer to T`)
/// weighs 3, one several languages share (`String`, `int`) weighs 1, and
/// the case of a name (`snake_case`, `camelCase`, `PascalCase`) weighs 1.
/// No votes, or a tie, is `Unknown`: a page that cannot tell Java's
/// `Integer` from Ruby's is read with the meaning that fits both. The votes
/// of a set of pages add up ([`Scores::add`]), so a folder decides once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores([u32; Language::KNOWN.len()]);

impl Scores {
    pub fn of_page<'a>(doc_names: impl IntoIterator<Item = &'a str>, type_texts: impl IntoIterator<Item = &'a str>) -> Scores {
        let mut scores = Scores::default();
        let mut vote = |languages: &[Language], weight: u32| {
            for language in languages {
                scores.0[language.index()] += weight;
            }
        };
        for name in doc_names {
            vote(name_case_languages(name), 1);
        }
        for text in type_texts {
            type_signals(text, |languages| vote(languages, if languages.len() == 1 { 3 } else { 1 }));
        }
        scores
    }

    pub fn add(&mut self, other: &Scores) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = mine.saturating_add(theirs);
        }
    }

    /// The language with the most votes; `Unknown` without votes or on a tie.
    pub fn winner(&self) -> Language {
        let best = self.0.iter().copied().max().unwrap_or(0);
        let mut leaders = Language::KNOWN.iter().zip(self.0).filter(|&(_, score)| score == best);
        match (best, leaders.next(), leaders.next()) {
            (1.., Some((&language, _)), None) => language,
            _ => Language::Unknown,
        }
    }

    /// The votes for `language` (none for `Unknown`).
    pub fn of(&self, language: Language) -> u32 {
        match language {
            Language::Unknown => 0,
            language => self.0[language.index()],
        }
    }

    /// The languages with votes, most first: `python 1203, ruby 402`.
    pub fn summary(&self, at_most: usize) -> String {
        let mut ranked: Vec<(Language, u32)> = Language::KNOWN.iter().copied().zip(self.0).filter(|&(_, n)| n > 0).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.index().cmp(&b.0.index())));
        ranked
            .iter()
            .take(at_most)
            .map(|(language, votes)| format!("{} {votes}", language.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Language {
    fn index(self) -> usize {
        Language::KNOWN.iter().position(|known| *known == self).unwrap_or(0)
    }
}

/// The languages whose SDKs write field names in this case: Python and Ruby
/// snake_case them, Java, Kotlin, Swift and TypeScript camelCase them, C# and
/// Go PascalCase them. PHP keeps the API's own names, so case says nothing.
fn name_case_languages(name: &str) -> &'static [Language] {
    use Language::*;
    let name = name.trim_start_matches('_');
    let has_upper = name.chars().any(char::is_uppercase);
    let has_lower = name.chars().any(char::is_lowercase);
    match name.chars().next() {
        Some(first) if first.is_lowercase() && name.contains('_') && !has_upper => &[Python, Ruby],
        Some(first) if first.is_lowercase() && has_upper && !name.contains('_') => &[Java, Swift, TypeScript],
        Some(first) if first.is_uppercase() && has_lower && !name.contains('_') => &[CSharp, Go],
        _ => &[],
    }
}

/// What a type text says about the language that wrote it: `signal` is
/// called once per clue with the languages that write types that way.
fn type_signals(text: &str, mut signal: impl FnMut(&'static [Language])) {
    use Language::*;
    let text = trimmed(text);
    // Most type texts are one plain word (`str`, `Segment`): only words count.
    let plain = !text.contains(['[', '(', '<', '{', '\\', '?', '*', ' ']);
    if plain {
        signal_words(text, &mut signal);
        return;
    }
    let python_generics = ["list[", "dict(", "List[", "Dict[", "Optional[", "Union[", "Set["];
    let syntax: &[(bool, &'static [Language])] = &[
        (text.starts_with("Pointer to ") || text.starts_with('*') || text.starts_with("[]"), &[Go]),
        (text.contains("map[string]") || text.contains("interface{}"), &[Go]),
        (text.contains("map[string,") || text.contains('\\') || text.contains("array<"), &[Php]),
        (text.contains("[key: string]") || text.contains("{String:"), &[TypeScript]),
        (text.contains("{str:") || text.contains("none_type"), &[Python]),
        (python_generics.iter().any(|generic| text.contains(generic)), &[Python]),
        (text.ends_with('?') || text.contains("?>") || text.contains("?,"), &[CSharp]),
        (text.contains("Dictionary<"), &[CSharp]),
        (text.contains("Hash<"), &[Ruby]),
        (text.contains("[String:"), &[Swift]),
        (text.starts_with('[') && !text.starts_with("[]") && !text.contains("[String:"), &[Swift, TypeScript]),
        (text.ends_with("[]") && !text.starts_with("[]") && !text.starts_with("byte"), &[TypeScript, Php]),
        (text.contains("List<"), &[Java, CSharp]),
        (text.contains("Array<"), &[Ruby, TypeScript]),
    ];
    for &(present, languages) in syntax {
        if present {
            signal(languages);
        }
    }
    if text.contains("Map<") && !text.contains("HashMap<") {
        signal(&[Java]);
    }
    signal_words(text, &mut signal);
}

fn signal_words(text: &str, signal: &mut impl FnMut(&'static [Language])) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) {
        if let Some(languages) = word_languages(word) {
            signal(languages);
        }
    }
}

/// The languages that write this word as a type.
fn word_languages(word: &str) -> Option<&'static [Language]> {
    use Language::*;
    if word.starts_with("kotlin.") || word.starts_with("java.") {
        return Some(&[Java]);
    }
    if word.starts_with("System.") {
        return Some(&[CSharp]);
    }
    if word.starts_with("Strict") && word.len() > "Strict".len() {
        return Some(&[Python]);
    }
    if word.starts_with("Nullable") && word.len() > "Nullable".len() {
        return Some(&[Go]);
    }
    Some(match word {
        "str" | "datetime" | "date" | "bytearray" | "bytes" | "none_type" | "decimal.Decimal" => &[Python],
        "int" | "bool" => &[Python, CSharp, Go, Php],
        "float" => &[Python, CSharp, Php],
        "object" => &[Python, TypeScript, Php],
        "string" => &[CSharp, Go, TypeScript, Php],
        "String" => &[Java, Ruby, Swift, TypeScript],
        "Integer" => &[Java, Ruby],
        "Boolean" => &[Java, Ruby, TypeScript],
        "Object" => &[Java, Ruby, CSharp, TypeScript],
        "Date" => &[Java, Ruby, Swift, TypeScript],
        "Float" => &[Java, Ruby, Swift],
        "Double" => &[Java, Swift],
        "DateTime" => &[Ruby, CSharp],
        "File" => &[Java, Ruby],
        "UUID" => &[Java, Swift, Python],
        "Long" | "OffsetDateTime" | "LocalDate" | "BigDecimal" | "URI" => &[Java],
        "BOOLEAN" | "Time" => &[Ruby],
        "long" | "double" | "decimal" | "Guid" | "DateTimeOffset" => &[CSharp],
        "Int" | "Int32" | "Int64" | "Bool" | "AnyCodable" | "Data" | "URL" | "JSONValue" => &[Swift],
        "int32" | "int64" | "float32" | "float64" | "time.Time" | "os.File" => &[Go],
        "number" | "boolean" | "any" | "Blob" | "Number" => &[TypeScript],
        "mixed" => &[Php],
        _ => return None,
    })
}

/// Parses a type as written in a Type cell (markup already stripped).
pub fn parse_type(text: &str, language: Language) -> Result<TypeExpr, TypeError> {
    // A null name alone is no type: it names a model (a page may define `None`).
    if matches!(trimmed(text), "None" | "nil" | "Nil") {
        return Ok(TypeExpr::Model(text.trim().to_string()));
    }
    let mut parser = TypeParser { text, pos: 0, language };
    let ty = parser.union(0, Commas::Separate)?;
    let end = parser.pos;
    parser.skip_spaces();
    if parser.pos < text.len() {
        // The type as the page writes it, not as the IR prints it.
        return Err(parser.error(format!(
            "unexpected `{}` after the type `{}`",
            parser.rest_preview(),
            text[..end].trim()
        )));
    }
    Ok(ty)
}

/// Whether `,` separates the members of a union (`str, none_type`,
/// Python's `Union[A, B]`) where a union is being parsed, or ends it (the
/// arguments of `dict(str, T)`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Commas {
    Separate,
    End,
}

/// A type constructor that takes type arguments.
enum Generic {
    /// `List<T>`, `list[T]`, `Set<T>`, `Array<T>`...
    List,
    /// `Map<String, T>`, `dict(str, T)`, `Dictionary<string, T>`...
    Map,
    /// `Optional[T]`, `Nullable<T>`: the type itself (fields are optional anyway).
    Nullable,
    /// PHP's `array<T>` (a list) and `array<string, T>` (a map).
    PhpArray,
    /// `Union[A, B]`: any JSON unless all but one member are null.
    Union,
    /// `Tuple[A, B]`: a JSON array.
    Tuple,
    /// pydantic's `conlist(T, min_length=1)`: a list, constraints ignored.
    ConstrainedList,
    /// pydantic's `constr(...)`, `conint(...)`: the type, constraints ignored.
    Constrained(TypeExpr),
}

/// Constructors written `Name<...>`, by the last segment of the name.
fn angle_generic(name: &str) -> Option<Generic> {
    Some(match name {
        "List" | "Array" | "Set" | "Collection" | "ArrayList" | "LinkedList" | "IList" | "ICollection"
        | "IEnumerable" | "IReadOnlyList" | "IReadOnlyCollection" | "HashSet" | "ISet" | "SortedSet"
        | "LinkedHashSet" | "MutableList" | "MutableSet" | "BuiltList" | "BuiltSet" | "Vec" => Generic::List,
        "Map" | "HashMap" | "LinkedHashMap" | "TreeMap" | "SortedMap" | "MutableMap" | "BuiltMap"
        | "Dictionary" | "IDictionary" | "IReadOnlyDictionary" | "SortedDictionary" | "Hash" | "Record"
        | "BTreeMap" => Generic::Map,
        "Optional" | "Option" | "Nullable" | "JsonNullable" => Generic::Nullable,
        "array" => Generic::PhpArray,
        _ => return None,
    })
}

/// Constructors written `Name[...]` (Python's typing, Go and PHP's `map[...]`).
fn bracket_generic(name: &str) -> Option<Generic> {
    Some(match name {
        "list" | "List" | "Set" | "FrozenSet" | "Sequence" => Generic::List,
        "dict" | "Dict" | "Mapping" => Generic::Map,
        "Optional" => Generic::Nullable,
        "Union" => Generic::Union,
        "Tuple" => Generic::Tuple,
        _ => return None,
    })
}

/// Constructors written `name(...)` (Python).
fn call_generic(name: &str) -> Option<Generic> {
    Some(match name {
        "dict" => Generic::Map,
        "conlist" | "conset" | "confrozenset" => Generic::ConstrainedList,
        "constr" | "conbytes" => Generic::Constrained(TypeExpr::String),
        "conint" => Generic::Constrained(TypeExpr::Integer),
        "confloat" | "condecimal" => Generic::Constrained(TypeExpr::Float),
        "condate" => Generic::Constrained(TypeExpr::Date),
        _ => return None,
    })
}

struct TypeParser<'a> {
    text: &'a str,
    pos: usize,
    language: Language,
}

impl<'a> TypeParser<'a> {
    /// Members separated by `|` (TypeScript, `string | null`) or, where
    /// `commas` allows, by `,` (Python's `str, none_type`). Null members drop
    /// out; one member left is the type, more are any JSON value.
    fn union(&mut self, depth: usize, commas: Commas) -> Result<TypeExpr, TypeError> {
        let first = self.member(depth)?;
        let mut others = Vec::new();
        loop {
            self.skip_spaces();
            match self.peek() {
                Some('|') => self.pos += 1,
                Some(',') if commas == Commas::Separate => {
                    self.pos += 1;
                    self.skip_spaces();
                    // `(str,)`: Python's one-member tuple.
                    if self.peek() == Some(')') {
                        break;
                    }
                }
                _ => break,
            }
            others.push(self.member(depth)?);
        }
        if others.is_empty() {
            // Most types are one member: nothing to collapse.
            return Ok(first.unwrap_or(TypeExpr::Object));
        }
        others.insert(0, first);
        Ok(collapse(others))
    }

    /// One type, with its prefixes (`*T`, `Pointer to T`, `[]T`) and
    /// suffixes (`T?`, `T[]`). `None` is a null type (`none_type`, `null`).
    fn member(&mut self, depth: usize) -> Result<Option<TypeExpr>, TypeError> {
        if depth > MAX_NESTING {
            return Err(self.error(format!(
                "the type nests deeper than {MAX_NESTING} levels"
            )));
        }
        // Go's pointers say the field may be absent, as do the docs' `Pointer to`.
        loop {
            self.skip_spaces();
            if self.peek() == Some('*') {
                self.pos += 1;
            } else if self.rest().starts_with("Pointer to")
                && self.rest()["Pointer to".len()..].starts_with(char::is_whitespace)
            {
                self.pos += "Pointer to".len();
            } else {
                break;
            }
        }
        let mut ty = match self.peek() {
            Some('[') => Some(self.bracketed(depth)?),
            Some('{') => Some(self.braced(depth)?),
            Some('(') => Some(self.group(depth)?),
            _ => self.named(depth)?,
        };
        // `T?` (C#, Kotlin) is nullable; `T[]` (TypeScript, PHP, Java) a list.
        let mut lists = 0;
        loop {
            let before = self.pos;
            self.skip_spaces();
            if self.peek() == Some('?') {
                self.pos += 1;
            } else if self.at_empty_brackets() {
                lists += 1;
                if depth + lists > MAX_NESTING {
                    return Err(self.error(format!(
                        "the type nests deeper than {MAX_NESTING} levels"
                    )));
                }
                self.skip_empty_brackets();
                ty = Some(TypeExpr::List(Box::new(ty.unwrap_or(TypeExpr::Object))));
            } else {
                self.pos = before;
                return Ok(ty);
            }
        }
    }

    /// `[T]` (Swift, JavaScript), `[String: T]` (Swift), `[]T` (Go).
    fn bracketed(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        if self.at_empty_brackets() {
            self.skip_empty_brackets();
            self.skip_spaces();
            // Go marshals `[]byte` as base64 text.
            if self.eat_word("byte") {
                return Ok(TypeExpr::String);
            }
            let element = self.member(depth + 1)?;
            return Ok(TypeExpr::List(Box::new(element.unwrap_or(TypeExpr::Object))));
        }
        self.pos += 1;
        let key_at = self.skip_spaces_to_next();
        let first = self.union(depth + 1, Commas::End)?;
        self.skip_spaces();
        if self.peek() == Some(':') {
            self.pos += 1;
            self.check_key(&first, key_at)?;
            let value = self.union(depth + 1, Commas::End)?;
            self.skip_spaces();
            self.expect(']', "to close `[String: T]`")?;
            return Ok(TypeExpr::Map(Box::new(value)));
        }
        if self.peek() != Some(']') {
            return Err(self.found("expected `]` to close `[T]`, or `:` between the types of `[String: T]`"));
        }
        self.pos += 1;
        Ok(TypeExpr::List(Box::new(first)))
    }

    /// `{ [key: string]: T; }` (TypeScript), `{String: T}` (JavaScript),
    /// `{str: (T,)}` (Python), `{}` (any object).
    fn braced(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        self.pos += 1;
        self.skip_spaces();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(TypeExpr::Object);
        }
        let key_at;
        let key;
        if self.peek() == Some('[') {
            // An index signature names its key: `[key: string]`.
            self.pos += 1;
            self.skip_spaces();
            let _key_name = self.qualified_name();
            self.skip_spaces();
            self.expect(':', "after the key's name in `{ [key: string]: T }`")?;
            key_at = self.skip_spaces_to_next();
            key = self.union(depth + 1, Commas::End)?;
            self.skip_spaces();
            self.expect(']', "to close `[key: string]`")?;
        } else {
            key_at = self.pos;
            key = self.union(depth + 1, Commas::End)?;
        }
        self.check_key(&key, key_at)?;
        self.skip_spaces();
        self.expect(':', "between the key and value types of `{K: V}`")?;
        let value = self.union(depth + 1, Commas::End)?;
        self.skip_spaces();
        if self.peek() == Some(';') {
            self.pos += 1;
            self.skip_spaces();
        }
        self.expect('}', "to close `{K: V}`")?;
        Ok(TypeExpr::Map(Box::new(value)))
    }

    /// `(A, B,)` (Python's tuple of allowed types), `(string | number)`.
    fn group(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        self.pos += 1;
        let ty = self.union(depth + 1, Commas::Separate)?;
        self.skip_spaces();
        self.expect(')', "to close `(`")?;
        Ok(ty)
    }

    /// A name, possibly qualified, and its type arguments if it takes any.
    fn named(&mut self, depth: usize) -> Result<Option<TypeExpr>, TypeError> {
        let start = self.pos;
        let name = self.qualified_name();
        if name.is_empty() {
            return Err(if self.pos >= self.text.len() {
                self.error("expected a type name, found the end of the cell".to_string())
            } else {
                self.found("expected a type name (such as `str` or `Segment`), `[`, `{`, `(` or `*`")
            });
        }
        let last = last_segment(name);
        // `byte[]` (Java, C#) is base64 text, not a list of numbers.
        if matches!(name, "byte" | "Byte") && self.at_empty_brackets() {
            self.skip_empty_brackets();
            return Ok(Some(TypeExpr::String));
        }
        let before_spaces = self.pos;
        self.skip_spaces();
        match self.peek() {
            Some('<') => {
                let Some(generic) = angle_generic(last) else {
                    return Err(unknown_generic(start, name, '<'));
                };
                self.pos += 1;
                self.arguments(generic, name, '<', '>', depth).map(Some)
            }
            Some('[') if !self.at_empty_brackets() => {
                if name == "map" {
                    return self.go_or_php_map(depth).map(Some);
                }
                let Some(generic) = bracket_generic(last) else {
                    return Err(unknown_generic(start, name, '['));
                };
                self.pos += 1;
                self.arguments(generic, name, '[', ']', depth).map(Some)
            }
            Some('(') => {
                let Some(generic) = call_generic(last) else {
                    return Err(unknown_generic(start, name, '('));
                };
                self.pos += 1;
                self.arguments(generic, name, '(', ')', depth).map(Some)
            }
            Some('{') if name == "interface" => {
                self.pos += 1;
                self.skip_spaces();
                self.expect('}', "to close `interface{`")?;
                Ok(Some(TypeExpr::Object))
            }
            _ => {
                self.pos = before_spaces;
                Ok(self.leaf(name, last))
            }
        }
    }

    /// The arguments of a generic, after its opening bracket.
    fn arguments(
        &mut self,
        generic: Generic,
        name: &str,
        open: char,
        close: char,
        depth: usize,
    ) -> Result<TypeExpr, TypeError> {
        let closing = ToClose { name, open };
        let ty = match generic {
            Generic::List | Generic::Nullable | Generic::PhpArray => {
                let first_at = self.skip_spaces_to_next();
                let first = self.union(depth + 1, Commas::End)?;
                self.skip_spaces();
                if matches!(generic, Generic::PhpArray) && self.peek() == Some(',') {
                    self.pos += 1;
                    self.check_key(&first, first_at)?;
                    let value = self.union(depth + 1, Commas::End)?;
                    self.skip_spaces();
                    TypeExpr::Map(Box::new(value))
                } else if matches!(generic, Generic::Nullable) {
                    first
                } else {
                    TypeExpr::List(Box::new(first))
                }
            }
            Generic::Map => {
                let key_at = self.skip_spaces_to_next();
                let key = self.union(depth + 1, Commas::End)?;
                self.check_key(&key, key_at)?;
                self.skip_spaces();
                self.expect(',', format_args!("between the key and value types of `{name}{open}`"))?;
                let value = self.union(depth + 1, Commas::End)?;
                self.skip_spaces();
                TypeExpr::Map(Box::new(value))
            }
            Generic::Union => self.union(depth + 1, Commas::Separate)?,
            Generic::Tuple => TypeExpr::List(Box::new(self.union(depth + 1, Commas::Separate)?)),
            Generic::ConstrainedList => {
                let element = self.union(depth + 1, Commas::End)?;
                self.skip_constraints(close, &closing)?;
                TypeExpr::List(Box::new(element))
            }
            Generic::Constrained(ty) => {
                self.skip_constraints(close, &closing)?;
                ty
            }
        };
        self.skip_spaces();
        self.expect(close, &closing)?;
        Ok(ty)
    }

    /// Go's `map[string]T` and PHP's `map[string,T]`, after `map`.
    fn go_or_php_map(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        self.pos += 1;
        let key_at = self.skip_spaces_to_next();
        let key = self.union(depth + 1, Commas::End)?;
        self.check_key(&key, key_at)?;
        self.skip_spaces();
        match self.peek() {
            Some(']') => {
                self.pos += 1;
                let value = self.member(depth + 1)?;
                Ok(TypeExpr::Map(Box::new(value.unwrap_or(TypeExpr::Object))))
            }
            Some(',') => {
                self.pos += 1;
                let value = self.union(depth + 1, Commas::End)?;
                self.skip_spaces();
                self.expect(']', "to close `map[string,`")?;
                Ok(TypeExpr::Map(Box::new(value)))
            }
            _ => Err(self.found("expected `]` after the key type of `map[string]T`, or `,` in `map[string,T]`")),
        }
    }

    /// Skips pydantic's constraints (`, min_length=1)`) up to the closing
    /// bracket, which is left for the caller.
    fn skip_constraints(&mut self, close: char, closing: &ToClose<'_>) -> Result<(), TypeError> {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for (index, c) in self.rest().char_indices() {
            match (quote, c) {
                (Some(_), _) if escaped => escaped = false,
                (Some(_), '\\') => escaped = true,
                (Some(open), c) if c == open => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(' | '[' | '{') => depth += 1,
                (None, ')' | ']' | '}') if depth > 0 => depth -= 1,
                (None, c) if c == close => {
                    self.pos += index;
                    return Ok(());
                }
                _ => {}
            }
        }
        self.pos = self.text.len();
        Err(self.error(format!("expected `{close}` {closing}, found the end of the cell")))
    }

    /// The type a name stands for: a primitive, a null, or a model.
    fn leaf(&self, name: &str, last: &str) -> Option<TypeExpr> {
        if matches!(name, "None" | "none_type" | "NoneType" | "null" | "undefined" | "nil") {
            return None;
        }
        if name.len() == last.len() {
            return Some(primitive(name, self.language).unwrap_or_else(|| TypeExpr::Model(name.to_string())));
        }
        // Qualified: a language's own namespace names a primitive, any other
        // (`ININ.PureCloudApi.Model.Call`, `\Vendor\Model\Call`) a model.
        let primitive = qualified_primitive(name)
            .or_else(|| language_namespace(name).and_then(|language| primitive(last, language)));
        Some(primitive.unwrap_or_else(|| TypeExpr::Model(last.to_string())))
    }

    /// `key` must be a string: JSON object keys are strings.
    fn check_key(&self, key: &TypeExpr, key_at: usize) -> Result<(), TypeError> {
        // `String` is a model on a Python page, but not as a map key.
        let string_model = matches!(key, TypeExpr::Model(name) if name == "String");
        if *key == TypeExpr::String || string_model {
            return Ok(());
        }
        Err(TypeError {
            offset: key_at,
            message: format!(
                "map keys must be strings (`str`, `string`, `String`), since JSON object keys are; found `{key}`"
            ),
        })
    }

    /// A name with its qualifiers: `Segment`, `time.Time`, `PureCloud::Call`,
    /// `\Vendor\Model\Call`. Empty when no name starts here.
    fn qualified_name(&mut self) -> &'a str {
        let text = self.text;
        let start = self.pos;
        let mut pos = start + usize::from(text[start..].starts_with('\\'));
        loop {
            let segment = identifier_len(&text[pos..]);
            if segment == 0 {
                return "";
            }
            pos += segment;
            let rest = &text[pos..];
            let separator = if rest.starts_with("::") {
                2
            } else {
                usize::from(rest.starts_with(['.', '\\']))
            };
            if separator == 0 || identifier_len(&rest[separator..]) == 0 {
                self.pos = pos;
                return &text[start..pos];
            }
            pos += separator;
        }
    }

    /// Consumes `word` if it is a whole identifier here.
    fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        if rest.starts_with(word) && identifier_len(&rest[word.len()..]) == 0 {
            let after = &rest[word.len()..];
            if !after.starts_with(['.', '<', '[', '(']) {
                self.pos += word.len();
                return true;
            }
        }
        false
    }

    /// Whether `[]` (spaces allowed inside) starts here.
    fn at_empty_brackets(&self) -> bool {
        self.rest()
            .strip_prefix('[')
            .is_some_and(|inside| inside.trim_start().starts_with(']'))
    }

    fn skip_empty_brackets(&mut self) {
        if let Some(close) = self.rest().find(']') {
            self.pos += close + 1;
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Skips spaces and returns where the next token starts.
    fn skip_spaces_to_next(&mut self) -> usize {
        self.skip_spaces();
        self.pos
    }

    /// `why` is written only into an error.
    fn expect(&mut self, wanted: char, why: impl fmt::Display) -> Result<(), TypeError> {
        if self.peek() == Some(wanted) {
            self.pos += wanted.len_utf8();
            Ok(())
        } else {
            Err(self.found(&format!("expected `{wanted}` {why}")))
        }
    }

    /// An error here: `expected`, then what is here instead.
    fn found(&self, expected: &str) -> TypeError {
        if self.pos >= self.text.len() {
            self.error(format!("{expected}, found the end of the cell"))
        } else {
            self.error(format!("{expected}, found `{}`", self.rest_preview()))
        }
    }

    fn rest_preview(&self) -> String {
        self.rest().chars().take(20).collect()
    }

    fn error(&self, message: String) -> TypeError {
        TypeError {
            offset: self.pos,
            message,
        }
    }
}

fn identifier_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len())
}

/// `Call` of `ININ.PureCloudApi.Model.Call`, `PureCloud::Call`, `\Vendor\Model\Call`.
fn last_segment(name: &str) -> &str {
    name.rsplit(['.', ':', '\\']).next().unwrap_or(name)
}

fn unknown_generic(offset: usize, name: &str, open: char) -> TypeError {
    let expected = match open {
        '<' => {
            "`List<T>`, `Set<T>`, `Array<T>`, `Map<String, T>`, `Dictionary<string, T>`, \
             `Hash<String, T>` or `Optional<T>`"
        }
        '[' => "`list[T]`, `List[T]`, `Set[T]`, `Dict[str, T]`, `Optional[T]`, `Union[A, B]` or `map[string]T`",
        _ => "`dict(str, T)`, `conlist(T)` or `constr(...)`",
    };
    TypeError {
        offset,
        message: format!("`{name}{open}` is not a known generic type (expected {expected})"),
    }
}

/// `to close `List<``, the end of the message when a generic is not closed;
/// written only then.
struct ToClose<'a> {
    name: &'a str,
    open: char,
}

impl fmt::Display for ToClose<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "to close `{}{}`", self.name, self.open)
    }
}

/// Null members drop out of a union; one member left is the type, none or
/// several are any JSON value (no guessing which member a value is).
fn collapse(members: Vec<Option<TypeExpr>>) -> TypeExpr {
    let mut types: Vec<TypeExpr> = members.into_iter().flatten().collect();
    types.sort();
    types.dedup();
    match <[TypeExpr; 1]>::try_from(types) {
        Ok([only]) => only,
        Err(_) => TypeExpr::Object,
    }
}

/// The primitive an unqualified name stands for on a page of `language`: first
/// the language's own meaning, then the meaning every language agrees on.
fn primitive(name: &str, language: Language) -> Option<TypeExpr> {
    // On a Python page a capitalised name is a class, so a model (a page may
    // define `String` or `Date`), but for the typing module's names.
    let common = |name: &str| match language {
        Language::Python if name.starts_with(|c: char| c.is_ascii_uppercase()) && !PYTHON_TYPING.contains(&name) => None,
        _ => common_primitive(name),
    };
    language_primitive(name, language)
        .or_else(|| common(name))
        .or_else(|| {
            // pydantic's strict types: `StrictStr`, `StrictInt`, `StrictBytes`...
            let inner = name.strip_prefix("Strict")?.to_ascii_lowercase();
            language_primitive(&inner, Language::Python).or_else(|| common_primitive(&inner))
        })
}

/// Capitalised names Python docs use for types that are no model.
const PYTHON_TYPING: &[&str] = &["Any", "UUID", "Decimal", "NoneType"];

/// Names whose meaning is the language's own: the ambiguous ones, and words
/// that name a model on other languages' pages (`Data`, `File`, `Time`).
fn language_primitive(name: &str, language: Language) -> Option<TypeExpr> {
    use Language::*;
    use TypeExpr::*;
    Some(match (language, name) {
        (Python, "file") => String,
        (Ruby, "Date") => Date,
        (Ruby, "Time") => DateTime,
        (Ruby, "File") => String,
        (Java, "Integer" | "Int" | "Short" | "Byte") => Int32,
        // 32-bit in Java, Kotlin and Swift (a double in Ruby): the width is kept.
        (Java | Swift, "Float") => Float32,
        (Java, "Instant") => DateTime,
        (Java, "File" | "URI" | "URL" | "ByteArray") => String,
        (CSharp, "int" | "short" | "ushort" | "byte" | "sbyte") => Int32,
        (CSharp, "float" | "Single") => Float32,
        (CSharp, "Stream" | "FileParameter" | "Uri") => String,
        (Swift, "Data" | "URL") => String,
        (Swift, "Decimal") => Float,
        (Swift, "JSON") => Object,
        (TypeScript, "Number") => Float,
        (TypeScript, "Blob" | "File" | "Buffer") => String,
        (Php, "SplFileObject") => String,
        (Php, "stdClass") => Object,
        _ => return None,
    })
}

/// Names every language reads the same way, and `Unknown`'s meaning of the
/// ambiguous ones: the widest (`Integer` is 64-bit, `float` is `f64`).
/// Words that could as well be a model's name (`Data`, `File`, `Number`) are
/// left to the languages that use them.
fn common_primitive(name: &str) -> Option<TypeExpr> {
    use TypeExpr::*;
    Some(match name {
        "str" | "string" | "String" | "UUID" | "Guid" | "bytearray" | "bytes" | "NullableString" => String,
        "int" | "Int" | "Integer" | "integer" | "long" | "Long" | "int64" | "Int64" | "uint" | "UInt"
        | "uint32" | "UInt32" | "uint64" | "UInt64" | "ulong" | "BigInteger" | "NullableInt"
        | "NullableInt64" | "i64" | "u32" | "u64" => Integer,
        "int32" | "Int32" | "int8" | "Int8" | "int16" | "Int16" | "uint8" | "UInt8" | "uint16" | "UInt16"
        | "short" | "byte" | "NullableInt32" | "i8" | "i16" | "i32" | "u8" | "u16" => Int32,
        "float" | "Float" | "double" | "Double" | "float64" | "number" | "decimal" | "BigDecimal"
        | "NullableFloat64" | "f64" => Float,
        "float32" | "NullableFloat32" | "f32" => Float32,
        "bool" | "boolean" | "Boolean" | "BOOLEAN" | "Bool" | "NullableBool" => Bool,
        "datetime" | "DateTime" | "Date" | "OffsetDateTime" | "ZonedDateTime" | "DateTimeOffset"
        | "NullableTime" => DateTime,
        "date" | "LocalDate" | "DateOnly" | "OpenAPIDateWithoutTime" => Date,
        "object" | "Object" | "any" | "Any" | "AnyCodable" | "AnyType" | "JSONValue" | "mixed" | "unknown"
        | "array" => Object,
        "dict" => Map(Box::new(Object)),
        "list" => List(Box::new(Object)),
        _ => return None,
    })
}

/// Qualified names of primitives outside the Java, Kotlin and .NET namespaces.
fn qualified_primitive(name: &str) -> Option<TypeExpr> {
    use TypeExpr::*;
    Some(match name {
        "time.Time" => DateTime,
        "os.File" | "uuid.UUID" => String,
        "json.RawMessage" | "serde_json::Value" => Object,
        "decimal.Decimal" => Float,
        "datetime.datetime" => DateTime,
        "datetime.date" => Date,
        _ => return None,
    })
}

/// The language whose standard library a qualified name is from, so its last
/// segment is read as that language reads it (`kotlin.Int` is an `i32`).
fn language_namespace(name: &str) -> Option<Language> {
    if ["kotlin.", "java.", "javax."].iter().any(|prefix| name.starts_with(prefix)) {
        Some(Language::Java)
    } else if name.starts_with("System.") {
        Some(Language::CSharp)
    } else if name.starts_with("Swift.") || name.starts_with("Foundation.") {
        Some(Language::Swift)
    } else if name.starts_with('\\') && name[1..].find(['\\', '.', ':']).is_none() {
        // `\DateTime`, `\SplFileObject`: PHP's global namespace.
        Some(Language::Php)
    } else {
        None
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    fn parse_type_(text: &str) -> Result<TypeExpr, TypeError> {
        parse_type(text, Language::Unknown)
    }

    fn model(name: &str) -> TypeExpr {
        TypeExpr::Model(name.to_string())
    }

    fn list(inner: TypeExpr) -> TypeExpr {
        TypeExpr::List(Box::new(inner))
    }

    fn map(inner: TypeExpr) -> TypeExpr {
        TypeExpr::Map(Box::new(inner))
    }

    #[test]
    fn primitives() {
        assert_eq!(parse_type_("str"), Ok(TypeExpr::String));
        assert_eq!(parse_type_("int"), Ok(TypeExpr::Integer));
        assert_eq!(parse_type_("float"), Ok(TypeExpr::Float));
        assert_eq!(parse_type_("bool"), Ok(TypeExpr::Bool));
        assert_eq!(parse_type_("datetime"), Ok(TypeExpr::DateTime));
        assert_eq!(parse_type_("date"), Ok(TypeExpr::Date));
        assert_eq!(parse_type_("object"), Ok(TypeExpr::Object));
    }

    #[test]
    fn unknown_names_are_model_references() {
        assert_eq!(parse_type_("Segment"), Ok(model("Segment")));
        assert_eq!(parse_type_(" LocalDateTime "), Ok(model("LocalDateTime")));
    }

    #[test]
    fn collections_nest_to_any_depth() {
        assert_eq!(parse_type_("list[Segment]"), Ok(list(model("Segment"))));
        assert_eq!(parse_type_("dict(str, str)"), Ok(map(TypeExpr::String)));
        assert_eq!(parse_type_("dict(str,int)"), Ok(map(TypeExpr::Integer)));
        assert_eq!(
            parse_type_("dict(str, list[Segment])"),
            Ok(map(list(model("Segment"))))
        );
        assert_eq!(
            parse_type_("list[dict(str, object)]"),
            Ok(list(map(TypeExpr::Object)))
        );
        assert_eq!(
            parse_type_("list[list[list[str]]]"),
            Ok(list(list(list(TypeExpr::String))))
        );
    }

    #[test]
    fn display_round_trips() {
        for text in ["list[dict(str, list[Segment])]", "dict(str, object)", "int"] {
            assert_eq!(parse_type_(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn unbalanced_types_are_errors_with_offsets() {
        let err = parse_type_("list[").unwrap_err();
        assert_eq!(err.offset, 5);
        assert!(err.message.contains("end of the cell"), "{}", err.message);

        let err = parse_type_("dict(str").unwrap_err();
        assert_eq!(err.offset, 8);
        assert!(err.message.contains("`,`"), "{}", err.message);

        let err = parse_type_("list[str").unwrap_err();
        assert!(err.message.contains("`]`"), "{}", err.message);

        let err = parse_type_("list[str]]").unwrap_err();
        assert_eq!(err.offset, 9);
    }

    #[test]
    fn non_string_keys_and_unknown_generics_are_errors() {
        assert!(parse_type_("dict(int, str)").unwrap_err().message.contains("map keys"));
        assert!(parse_type_("set[str]").unwrap_err().message.contains("not a known generic"));
        assert!(parse_type_("").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = "list[".repeat(10_000) + "str" + &"]".repeat(10_000);
        let err = parse_type_(&text).unwrap_err();
        assert!(err.message.contains("deeper than"), "{}", err.message);
        let ok = "list[".repeat(MAX_NESTING) + "str" + &"]".repeat(MAX_NESTING);
        assert!(parse_type_(&ok).is_ok());
    }

    use TypeExpr::{Bool, Date, DateTime, Float, Float32, Int32, Integer, Object, String as Str};

    /// Parses every text under `language` and compares with the expected type.
    fn check_table(language: Language, table: &[(&str, TypeExpr)]) {
        for (text, expected) in table {
            assert_eq!(
                parse_type(text, language).as_ref(),
                Ok(expected),
                "`{text}` on a {language:?} page"
            );
        }
    }

    #[test]
    fn python_types() {
        check_table(
            Language::Python,
            &[
                ("str", Str),
                ("int", Integer),
                ("float", Float),
                ("bool", Bool),
                ("datetime", DateTime),
                ("date", Date),
                ("object", Object),
                ("list[Segment]", list(model("Segment"))),
                ("dict(str, list[Segment])", map(list(model("Segment")))),
                // pydantic
                ("List[Segment]", list(model("Segment"))),
                ("Dict[str, object]", map(Object)),
                ("Dict[str, List[int]]", map(list(Integer))),
                ("Optional[str]", Str),
                ("Optional[List[Segment]]", list(model("Segment"))),
                ("Union[str, int]", Object),
                ("Union[str, None]", Str),
                ("Any", Object),
                ("bytearray", Str),
                ("bytes", Str),
                ("StrictBytes", Str),
                ("StrictStr", Str),
                ("StrictInt", Integer),
                ("StrictFloat", Float),
                ("StrictBool", Bool),
                ("Set[str]", list(Str)),
                ("Tuple[int, int]", list(Integer)),
                ("Tuple[int, str]", list(Object)),
                ("decimal.Decimal", Float),
                ("UUID", Str),
                ("conlist(StrictStr, min_length=1, max_length=10)", list(Str)),
                ("conlist(Segment)", list(model("Segment"))),
                ("constr(strict=True, max_length=255, pattern=r'^[a-z)]+$')", Str),
                ("conint(ge=0)", Integer),
                ("file", Str),
                // python-prior (openapi-generator 5)
                ("[str]", list(Str)),
                ("{str: (str,)}", map(Str)),
                ("str, none_type", Str),
                ("{str: (bool, date, datetime, dict, float, int, list, str, none_type)}, none_type", map(Object)),
                ("bool, date, datetime, dict, float, int, list, str, none_type", Object),
                ("dict", map(Object)),
                ("Data", model("Data")),
                ("Number", model("Number")),
            ],
        );
    }

    #[test]
    fn java_and_kotlin_types() {
        check_table(
            Language::Java,
            &[
                ("String", Str),
                ("Integer", Int32),
                ("Long", Integer),
                ("Float", Float32),
                ("Double", Float),
                ("BigDecimal", Float),
                ("Boolean", Bool),
                ("Date", DateTime),
                ("OffsetDateTime", DateTime),
                ("LocalDate", Date),
                ("UUID", Str),
                ("URI", Str),
                ("Object", Object),
                ("byte[]", Str),
                ("File", Str),
                ("List<Segment>", list(model("Segment"))),
                ("Set<String>", list(Str)),
                ("Map<String, List<Segment>>", map(list(model("Segment")))),
                ("Map<String,Object>", map(Object)),
                ("List<StateEnum>", list(model("StateEnum"))),
                ("StateEnum", model("StateEnum")),
                ("kotlin.String", Str),
                ("kotlin.Int", Int32),
                ("kotlin.Long", Integer),
                ("kotlin.Boolean", Bool),
                ("kotlin.Double", Float),
                ("kotlin.Float", Float32),
                ("kotlin.Any", Object),
                ("kotlin.ByteArray", Str),
                ("kotlin.collections.List<kotlin.String>", list(Str)),
                ("kotlin.collections.Map<kotlin.String, kotlin.Any>", map(Object)),
                ("kotlin.collections.Set<Segment>", list(model("Segment"))),
                ("java.time.OffsetDateTime", DateTime),
                ("java.time.LocalDate", Date),
                ("java.math.BigDecimal", Float),
                ("java.util.UUID", Str),
                ("java.util.Date", DateTime),
                ("java.io.File", Str),
                ("java.net.URI", Str),
                ("kotlin.String?", Str),
            ],
        );
    }

    #[test]
    fn csharp_types() {
        check_table(
            Language::CSharp,
            &[
                ("string", Str),
                ("int", Int32),
                ("int?", Int32),
                ("long", Integer),
                ("long?", Integer),
                ("double?", Float),
                ("float?", Float32),
                ("decimal?", Float),
                ("bool?", Bool),
                ("DateTime", DateTime),
                ("DateTime?", DateTime),
                ("DateTimeOffset", DateTime),
                ("Guid", Str),
                ("Guid?", Str),
                ("Object", Object),
                ("byte[]", Str),
                ("System.IO.Stream", Str),
                ("System.DateTime", DateTime),
                ("Dictionary<string, Object>", map(Object)),
                ("Dictionary<string, List<Segment>>", map(list(model("Segment")))),
                ("List<Segment>", list(model("Segment"))),
                ("List<UpdateRequest.EventsEnum>", list(model("EventsEnum"))),
                ("StateEnum?", model("StateEnum")),
                ("ININ.PureCloudApi.Model.Call", model("Call")),
            ],
        );
    }

    #[test]
    fn swift_types() {
        check_table(
            Language::Swift,
            &[
                ("String", Str),
                ("Int", Integer),
                ("Int32", Int32),
                ("Int64", Integer),
                ("Double", Float),
                ("Float", Float32),
                ("Bool", Bool),
                ("Date", DateTime),
                ("JSON", Object),
                ("AnyCodable", Object),
                ("Data", Str),
                ("UUID", Str),
                ("URL", Str),
                ("[Segment]", list(model("Segment"))),
                ("[String]", list(Str)),
                ("[String:String]", map(Str)),
                ("[String: [Segment]]", map(list(model("Segment")))),
                ("[String: AnyCodable]", map(Object)),
                ("[[Int]]", list(list(Integer))),
            ],
        );
    }

    #[test]
    fn go_types() {
        check_table(
            Language::Go,
            &[
                ("string", Str),
                ("int32", Int32),
                ("int64", Integer),
                ("int", Integer),
                ("float32", Float32),
                ("float64", Float),
                ("bool", Bool),
                ("time.Time", DateTime),
                ("interface{}", Object),
                ("map[string]interface{}", map(Object)),
                ("[]Segment", list(model("Segment"))),
                ("[]string", list(Str)),
                ("[][]int32", list(list(Int32))),
                ("map[string]Segment", map(model("Segment"))),
                ("map[string][]string", map(list(Str))),
                ("*Segment", model("Segment")),
                ("*[]Segment", list(model("Segment"))),
                ("Pointer to Segment", model("Segment")),
                ("Pointer to int64", Integer),
                ("Pointer to []map[string]interface{}", list(map(Object))),
                ("Pointer to *os.File", Str),
                ("*os.File", Str),
                ("os.File", Str),
                ("[]byte", Str),
                ("NullableString", Str),
                ("NullableInt32", Int32),
                ("NullableInt64", Integer),
                ("NullableFloat32", Float32),
                ("NullableFloat64", Float),
                ("NullableBool", Bool),
                ("NullableTime", DateTime),
                ("NullableSegment", model("NullableSegment")),
                ("[]map[string]interface{}", list(map(Object))),
            ],
        );
    }

    #[test]
    fn typescript_and_javascript_types() {
        check_table(
            Language::TypeScript,
            &[
                ("string", Str),
                ("number", Float),
                ("boolean", Bool),
                ("Date", DateTime),
                ("any", Object),
                ("object", Object),
                ("Blob", Str),
                ("Array<Segment>", list(model("Segment"))),
                ("Segment[]", list(model("Segment"))),
                ("string[][]", list(list(Str))),
                ("Set<string>", list(Str)),
                ("{ [key: string]: Segment; }", map(model("Segment"))),
                ("{ [key: string]: Array<string>; }", map(list(Str))),
                ("{[key: string]: any}", map(Object)),
                ("{ [key: string]: string | null; }", map(Str)),
                ("{ [key: string]: any | undefined; }", map(Object)),
                ("(string | number)[]", list(Object)),
                // JavaScript
                ("Number", Float),
                ("String", Str),
                ("Boolean", Bool),
                ("[Segment]", list(model("Segment"))),
                ("{String: Segment}", map(model("Segment"))),
                ("{String: [String]}", map(list(Str))),
            ],
        );
    }

    #[test]
    fn ruby_types() {
        check_table(
            Language::Ruby,
            &[
                ("String", Str),
                ("Integer", Integer),
                ("Float", Float),
                ("BOOLEAN", Bool),
                ("Boolean", Bool),
                ("DateTime", DateTime),
                ("Time", DateTime),
                ("Date", Date),
                ("Object", Object),
                ("File", Str),
                ("Array<Segment>", list(model("Segment"))),
                ("Array<String>", list(Str)),
                ("Hash<String, Segment>", map(model("Segment"))),
                ("Hash<String, Array<Integer>>", map(list(Integer))),
                ("PureCloud::Call", model("Call")),
            ],
        );
    }

    #[test]
    fn php_types() {
        check_table(
            Language::Php,
            &[
                ("string", Str),
                ("int", Integer),
                ("float", Float),
                ("bool", Bool),
                ("\\DateTime", DateTime),
                ("object", Object),
                ("mixed", Object),
                ("array", Object),
                ("\\SplFileObject", Str),
                ("string[]", list(Str)),
                ("\\Vendor\\Model\\Call", model("Call")),
                ("\\Vendor\\Model\\Call[]", list(model("Call"))),
                ("map[string,string]", map(Str)),
                ("map[string,\\Vendor\\Model\\Call]", map(model("Call"))),
                ("array<string,string>", map(Str)),
                ("array<string,array<string,\\Fastly\\Model\\Measurements>>", map(map(model("Measurements")))),
                ("array<string,array>", map(Object)),
                ("array<Segment>", list(model("Segment"))),
            ],
        );
    }

    #[test]
    fn ambiguous_names_follow_the_language() {
        use Language::*;
        let cases: &[(&str, Language, TypeExpr)] = &[
            ("Integer", Unknown, Integer),
            ("Integer", Ruby, Integer),
            ("Integer", Java, Int32),
            ("Date", Unknown, DateTime),
            ("Date", Ruby, Date),
            ("Date", Java, DateTime),
            ("Date", TypeScript, DateTime),
            ("Date", Swift, DateTime),
            ("date", Python, Date),
            ("date", Unknown, Date),
            ("int", Unknown, Integer),
            ("int", Python, Integer),
            ("int", Go, Integer),
            ("int", Php, Integer),
            ("int", CSharp, Int32),
            ("float", Unknown, Float),
            ("float", Python, Float),
            ("float", CSharp, Float32),
            ("Int", Unknown, Integer),
            ("Int", Swift, Integer),
            ("Int", Java, Int32),
            // Words that name models on other languages' pages.
            ("Data", Unknown, model("Data")),
            ("Data", Swift, Str),
            ("File", Python, model("File")),
            ("File", Ruby, Str),
            ("Time", Unknown, model("Time")),
            ("Time", Ruby, DateTime),
            ("Number", Unknown, model("Number")),
            ("Number", TypeScript, Float),
        ];
        for (text, language, expected) in cases {
            assert_eq!(parse_type(text, *language).as_ref(), Ok(expected), "`{text}` on a {language:?} page");
        }
    }

    #[test]
    fn qualified_names_reduce_to_their_last_segment_after_known_primitives() {
        check_table(
            Language::Unknown,
            &[
                ("time.Time", DateTime),
                ("System.DateTime", DateTime),
                ("\\DateTime", DateTime),
                ("java.time.OffsetDateTime", DateTime),
                ("PureCloud::Call", model("Call")),
                ("ININ.PureCloudApi.Model.Call", model("Call")),
                ("\\Vendor\\Model\\Date", model("Date")),
                ("java.time.LocalDateTime", model("LocalDateTime")),
                ("models::Tag", model("Tag")),
                ("serde_json::Value", Object),
            ],
        );
    }

    #[test]
    fn every_syntax_is_read_on_every_page() {
        for language in std::iter::once(Language::Unknown).chain(Language::KNOWN) {
            for (text, expected) in [
                ("list[Segment]", list(model("Segment"))),
                ("List<Segment>", list(model("Segment"))),
                ("[]Segment", list(model("Segment"))),
                ("[Segment]", list(model("Segment"))),
                ("Segment[]", list(model("Segment"))),
                ("Array<Segment>", list(model("Segment"))),
                ("dict(str, Segment)", map(model("Segment"))),
                ("Map<String, Segment>", map(model("Segment"))),
                ("map[string]Segment", map(model("Segment"))),
                ("[String: Segment]", map(model("Segment"))),
                ("{ [key: string]: Segment; }", map(model("Segment"))),
            ] {
                assert_eq!(parse_type(text, language), Ok(expected), "`{text}` on a {language:?} page");
            }
        }
    }

    #[test]
    fn errors_point_at_the_problem_and_say_what_was_expected() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "expected a type name, found the end of the cell"),
            ("   ", 3, "found the end of the cell"),
            ("List<", 5, "expected a type name, found the end of the cell"),
            ("List<String", 11, "expected `>` to close `List<`"),
            ("List<A, B>", 6, "expected `>` to close `List<`, found `, B>`"),
            ("map[int]Segment", 4, "map keys must be strings"),
            ("Map<Integer, String>", 4, "map keys must be strings"),
            ("Dict[int, str]", 5, "map keys must be strings"),
            ("[Int: String]", 1, "map keys must be strings"),
            ("{ [key: number]: string }", 8, "map keys must be strings"),
            ("[String:", 8, "expected a type name, found the end of the cell"),
            ("[String", 7, "expected `]` to close `[T]`, or `:`"),
            ("str int", 4, "unexpected `int` after the type `str`"),
            ("Foo<Bar>", 0, "`Foo<` is not a known generic type (expected `List<T>`"),
            ("Frob[Bar]", 0, "`Frob[` is not a known generic type"),
            ("frob(str)", 0, "`frob(` is not a known generic type"),
            ("map[string", 10, "expected `]` after the key type of `map[string]T`"),
            ("{ [key: string]: string", 23, "expected `}` to close `{K: V}`"),
            ("conlist(str, min_length=1", 25, "expected `)` to close `conlist(`"),
            ("interface{", 10, "expected `}` to close `interface{`"),
            (")", 0, "expected a type name (such as `str` or `Segment`)"),
            ("str,", 4, "found the end of the cell"),
            ("Segment.", 7, "unexpected `.`"),
            ("\\", 0, "expected a type name"),
        ];
        for (text, offset, message) in cases {
            let err = parse_type_(text).unwrap_err();
            assert!(err.message.contains(message), "`{text}`: {}", err.message);
            assert_eq!(err.offset, *offset, "`{text}`: {}", err.message);
        }
    }

    #[test]
    fn postfix_and_prefix_nesting_is_bounded_too() {
        for text in [
            "Segment".to_string() + &"[]".repeat(10_000),
            "[]".repeat(10_000) + "str",
            "[".repeat(10_000),
            "{".repeat(10_000),
            "(".repeat(10_000),
            "Map<String, ".repeat(10_000),
        ] {
            let err = parse_type_(&text).unwrap_err();
            assert!(err.message.contains("deeper than"), "{}", err.message);
        }
        assert!(parse_type_(&("*".repeat(10_000) + "str")).is_ok());
        assert!(parse_type_(&("Pointer to ".repeat(10_000) + "str")).is_ok());
        assert!(parse_type_(&("str".to_string() + &"?".repeat(10_000))).is_ok());
    }

    #[test]
    fn detects_each_language() {
        use Language::*;
        let cases: &[(&[&str], &[&str], Language)] = &[
            (&["self_uri", "segments", "id"], &["str", "list[Segment]", "int"], Python),
            (&["id", "name"], &["StrictStr", "Optional[StrictInt]"], Python),
            (&["self_uri", "segments", "version"], &["String", "Array<Segment>", "Integer"], Ruby),
            (&["is_active"], &["BOOLEAN"], Ruby),
            (&["selfUri", "segments", "version"], &["String", "List<Segment>", "Integer"], Java),
            (&["id", "tags"], &["kotlin.String", "kotlin.collections.List<Tag>"], Java),
            (&["SelfUri", "Segments", "Version"], &["string", "List<Segment>", "int?"], CSharp),
            (&["Attributes"], &["Dictionary<string, string>"], CSharp),
            (&["selfUri", "segments", "version"], &["String", "[Segment]", "Int"], Swift),
            (&["attributes"], &["[String: String]"], Swift),
            (&["SelfUri", "Segments", "Version"], &["Pointer to string", "[]Segment", "int32"], Go),
            (&["Id"], &["*string"], Go),
            (&["selfUri", "segments", "version"], &["string", "Array<Segment>", "number"], TypeScript),
            (&["attributes"], &["{ [key: string]: string; }"], TypeScript),
            (&["self_uri", "segments"], &["string", "\\Vendor\\Model\\Segment[]"], Php),
            (&["attributes"], &["map[string,string]"], Php),
        ];
        for (names, types, expected) in cases {
            assert_eq!(Language::detect(names.iter().copied(), types.iter().copied()), *expected, "{names:?} {types:?}");
        }
    }

    #[test]
    fn detection_without_a_clear_signal_is_unknown() {
        use Language::*;
        let cases: &[(&[&str], &[&str])] = &[
            // Nothing at all.
            (&[], &[]),
            // One-word names say nothing about case; only models.
            (&["id", "call"], &["Call", "Segment"]),
            // Java and Ruby both write `Integer` and `String`.
            (&["id", "name"], &["Integer", "String"]),
            // C# and Go both write `string` and `int` with PascalCase names.
            (&["Id", "Count"], &["string", "int"]),
        ];
        for (names, types) in cases {
            assert_eq!(Language::detect(names.iter().copied(), types.iter().copied()), Unknown, "{names:?} {types:?}");
        }
        // Case decides between languages that write the same types.
        assert_eq!(Language::detect(["first_name", "age"], ["String", "Integer"]), Ruby);
        assert_eq!(Language::detect(["firstName", "age"], ["String", "Integer"]), Java);
        // One type only one language writes outweighs a name's case.
        assert_eq!(Language::detect(["firstName", "lastName"], ["str", "str"]), Python);
    }
}

#[cfg(test)]
mod model_name_tests {
    use super::*;

    #[test]
    fn capitalised_names_on_python_pages_are_models() {
        let model = |name: &str| TypeExpr::Model(name.to_string());
        assert_eq!(parse_type("list[String]", Language::Python), Ok(TypeExpr::List(Box::new(model("String")))));
        assert_eq!(parse_type("Date", Language::Python), Ok(model("Date")));
        assert_eq!(parse_type("Any", Language::Python), Ok(TypeExpr::Object));
        assert_eq!(parse_type("StrictStr", Language::Python), Ok(TypeExpr::String));
        assert_eq!(parse_type("String", Language::Java), Ok(TypeExpr::String));
        assert_eq!(parse_type("None", Language::Python), Ok(model("None")));
        assert_eq!(parse_type("Optional[None]", Language::Python), Ok(TypeExpr::Object));
    }
}

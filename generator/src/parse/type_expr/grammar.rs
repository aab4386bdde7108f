//! The type syntax of every SDK language: Python's `list[T]` and
//! `dict(str, T)`, Java's `List<T>`, Go's `[]T` and `map[string]T`, Swift's
//! `[T]` and `[String: T]`, TypeScript's `Array<T>` and `{ [key: string]: T; }`,
//! C#'s `Dictionary<string, T>`, PHP's `\Vendor\Model\T[]`... A name
//! means what the [`vocabulary`](super::vocabulary) says, or names a model.

use std::fmt;

use super::{vocabulary, Language};
use crate::parse::cells::trimmed;
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
            return Some(vocabulary::meaning(name, self.language).unwrap_or_else(|| TypeExpr::Model(name.to_string())));
        }
        // Qualified: a language's own namespace names a primitive, any other
        // (`ININ.PureCloudApi.Model.Call`, `\Vendor\Model\Call`) a model.
        Some(vocabulary::qualified_meaning(name, last).unwrap_or_else(|| TypeExpr::Model(last.to_string())))
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

#[cfg(test)]
mod tests {
    use super::super::testing::{list, map, model};
    use super::*;

    fn parse_type_(text: &str) -> Result<TypeExpr, TypeError> {
        parse_type(text, Language::Unknown)
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

}

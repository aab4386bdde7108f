//! The type words of the pages, one row each: what a word means on the
//! pages of each language, and which languages write it. The grammar reads
//! the meanings ([`meaning`]), the detection the votes ([`row`]), so a word
//! added here is both read and counted.

use super::Language;
use crate::schema::TypeExpr;

/// What a word can stand for: a [`TypeExpr`] without a model name, so that
/// the table is a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Primitive {
    String,
    Integer,
    Int32,
    Float,
    Float32,
    Bool,
    DateTime,
    Date,
    Object,
    /// `dict`: a map of any JSON values.
    AnyMap,
    /// `list`: a list of any JSON values.
    AnyList,
}

impl Primitive {
    fn type_expr(self) -> TypeExpr {
        match self {
            Primitive::String => TypeExpr::String,
            Primitive::Integer => TypeExpr::Integer,
            Primitive::Int32 => TypeExpr::Int32,
            Primitive::Float => TypeExpr::Float,
            Primitive::Float32 => TypeExpr::Float32,
            Primitive::Bool => TypeExpr::Bool,
            Primitive::DateTime => TypeExpr::DateTime,
            Primitive::Date => TypeExpr::Date,
            Primitive::Object => TypeExpr::Object,
            Primitive::AnyMap => TypeExpr::Map(Box::new(TypeExpr::Object)),
            Primitive::AnyList => TypeExpr::List(Box::new(TypeExpr::Object)),
        }
    }
}

/// One word of the vocabulary.
#[derive(Debug)]
pub(super) struct Word {
    pub text: &'static str,
    /// What it means on `Unknown` pages and those of every language `own`
    /// does not name: the widest meaning (`Integer` is 64-bit, `float` is
    /// `f64`). `None`: there it names a model, as words that could as well
    /// be a model's name do (`Data`, `File`, `Number`).
    pub meaning: Option<Primitive>,
    /// The languages that read it their own way (Java's `Integer` is 32-bit).
    pub own: &'static [(Language, Primitive)],
    /// The languages whose SDKs write it: a type only one of them writes
    /// (`str`) tells the language, one several share (`String`) narrows it.
    pub votes: &'static [Language],
}

const fn word(
    text: &'static str,
    meaning: Option<Primitive>,
    own: &'static [(Language, Primitive)],
    votes: &'static [Language],
) -> Word {
    Word { text, meaning, own, votes }
}

/// Every word, sorted by its bytes (so that a first byte's rows are together).
/// Qualified words (`time.Time`) are looked up whole, before their
/// namespace is (see [`qualified_meaning`]). `Any` and `UUID` have a Python
/// meaning because on Python pages other capitalised words name classes.
#[rustfmt::skip]
static WORDS: &[Word] = {
    use Language::*;
    use Primitive::*;
    &[
        //   word,                   elsewhere,      own meanings,                                            written by
        word("Any",                    Some(Object),   &[(Python, Object)],                                     &[]),
        word("AnyCodable",             Some(Object),   &[],                                                     &[Swift]),
        word("AnyType",                Some(Object),   &[],                                                     &[]),
        word("BOOLEAN",                Some(Bool),     &[],                                                     &[Ruby]),
        word("BigDecimal",             Some(Float),    &[],                                                     &[Java]),
        word("BigInteger",             Some(Integer),  &[],                                                     &[]),
        word("Blob",                   None,           &[(TypeScript, String)],                                 &[TypeScript]),
        word("Bool",                   Some(Bool),     &[],                                                     &[Swift]),
        word("Boolean",                Some(Bool),     &[],                                                     &[Java, Ruby, TypeScript]),
        word("Buffer",                 None,           &[(TypeScript, String)],                                 &[]),
        word("Byte",                   None,           &[(Java, Int32)],                                        &[]),
        word("ByteArray",              None,           &[(Java, String)],                                       &[]),
        word("Data",                   None,           &[(Swift, String)],                                      &[Swift]),
        word("Date",                   Some(DateTime), &[(Ruby, Date)],                                         &[Java, Ruby, Swift, TypeScript]),
        word("DateOnly",               Some(Date),     &[],                                                     &[]),
        word("DateTime",               Some(DateTime), &[],                                                     &[Ruby, CSharp]),
        word("DateTimeOffset",         Some(DateTime), &[],                                                     &[CSharp]),
        word("Decimal",                None,           &[(Swift, Float)],                                       &[]),
        word("Double",                 Some(Float),    &[],                                                     &[Java, Swift]),
        word("File",                   None,           &[(Ruby, String), (Java, String), (TypeScript, String)], &[Java, Ruby]),
        word("FileParameter",          None,           &[(CSharp, String)],                                     &[]),
        word("Float",                  Some(Float),    &[(Java, Float32), (Swift, Float32)],                    &[Java, Ruby, Swift]),
        word("Guid",                   Some(String),   &[],                                                     &[CSharp]),
        word("Instant",                None,           &[(Java, DateTime)],                                     &[]),
        word("Int",                    Some(Integer),  &[(Java, Int32)],                                        &[Swift]),
        word("Int16",                  Some(Int32),    &[],                                                     &[]),
        word("Int32",                  Some(Int32),    &[],                                                     &[Swift]),
        word("Int64",                  Some(Integer),  &[],                                                     &[Swift]),
        word("Int8",                   Some(Int32),    &[],                                                     &[]),
        word("Integer",                Some(Integer),  &[(Java, Int32)],                                        &[Java, Ruby]),
        word("JSON",                   None,           &[(Swift, Object)],                                      &[]),
        word("JSONValue",              Some(Object),   &[],                                                     &[Swift]),
        word("LocalDate",              Some(Date),     &[],                                                     &[Java]),
        word("Long",                   Some(Integer),  &[],                                                     &[Java]),
        word("NullableBool",           Some(Bool),     &[],                                                     &[Go]),
        word("NullableFloat32",        Some(Float32),  &[],                                                     &[Go]),
        word("NullableFloat64",        Some(Float),    &[],                                                     &[Go]),
        word("NullableInt",            Some(Integer),  &[],                                                     &[Go]),
        word("NullableInt32",          Some(Int32),    &[],                                                     &[Go]),
        word("NullableInt64",          Some(Integer),  &[],                                                     &[Go]),
        word("NullableString",         Some(String),   &[],                                                     &[Go]),
        word("NullableTime",           Some(DateTime), &[],                                                     &[Go]),
        word("Number",                 None,           &[(TypeScript, Float)],                                  &[TypeScript]),
        word("Object",                 Some(Object),   &[],                                                     &[Java, Ruby, CSharp, TypeScript]),
        word("OffsetDateTime",         Some(DateTime), &[],                                                     &[Java]),
        word("OpenAPIDateWithoutTime", Some(Date),     &[],                                                     &[]),
        word("Short",                  None,           &[(Java, Int32)],                                        &[]),
        word("Single",                 None,           &[(CSharp, Float32)],                                    &[]),
        word("SplFileObject",          None,           &[(Php, String)],                                        &[]),
        word("Stream",                 None,           &[(CSharp, String)],                                     &[]),
        word("String",                 Some(String),   &[],                                                     &[Java, Ruby, Swift, TypeScript]),
        word("Time",                   None,           &[(Ruby, DateTime)],                                     &[Ruby]),
        word("UInt",                   Some(Integer),  &[],                                                     &[]),
        word("UInt16",                 Some(Int32),    &[],                                                     &[]),
        word("UInt32",                 Some(Integer),  &[],                                                     &[]),
        word("UInt64",                 Some(Integer),  &[],                                                     &[]),
        word("UInt8",                  Some(Int32),    &[],                                                     &[]),
        word("URI",                    None,           &[(Java, String)],                                       &[Java]),
        word("URL",                    None,           &[(Java, String), (Swift, String)],                      &[Swift]),
        word("UUID",                   Some(String),   &[(Python, String)],                                     &[Java, Swift, Python]),
        word("Uri",                    None,           &[(CSharp, String)],                                     &[]),
        word("ZonedDateTime",          Some(DateTime), &[],                                                     &[]),
        word("any",                    Some(Object),   &[],                                                     &[TypeScript]),
        word("array",                  Some(Object),   &[],                                                     &[]),
        word("bool",                   Some(Bool),     &[],                                                     &[Python, CSharp, Go, Php]),
        word("boolean",                Some(Bool),     &[],                                                     &[TypeScript]),
        word("byte",                   Some(Int32),    &[],                                                     &[]),
        word("bytearray",              Some(String),   &[],                                                     &[Python]),
        word("bytes",                  Some(String),   &[],                                                     &[Python]),
        word("date",                   Some(Date),     &[],                                                     &[Python]),
        word("datetime",               Some(DateTime), &[],                                                     &[Python]),
        word("datetime.date",          Some(Date),     &[],                                                     &[]),
        word("datetime.datetime",      Some(DateTime), &[],                                                     &[]),
        word("decimal",                Some(Float),    &[],                                                     &[CSharp]),
        word("decimal.Decimal",        Some(Float),    &[],                                                     &[Python]),
        word("dict",                   Some(AnyMap),   &[],                                                     &[]),
        word("double",                 Some(Float),    &[],                                                     &[CSharp]),
        word("f32",                    Some(Float32),  &[],                                                     &[]),
        word("f64",                    Some(Float),    &[],                                                     &[]),
        word("file",                   None,           &[(Python, String)],                                     &[]),
        word("float",                  Some(Float),    &[(CSharp, Float32)],                                    &[Python, CSharp, Php]),
        word("float32",                Some(Float32),  &[],                                                     &[Go]),
        word("float64",                Some(Float),    &[],                                                     &[Go]),
        word("i16",                    Some(Int32),    &[],                                                     &[]),
        word("i32",                    Some(Int32),    &[],                                                     &[]),
        word("i64",                    Some(Integer),  &[],                                                     &[]),
        word("i8",                     Some(Int32),    &[],                                                     &[]),
        word("int",                    Some(Integer),  &[(CSharp, Int32)],                                      &[Python, CSharp, Go, Php]),
        word("int16",                  Some(Int32),    &[],                                                     &[]),
        word("int32",                  Some(Int32),    &[],                                                     &[Go]),
        word("int64",                  Some(Integer),  &[],                                                     &[Go]),
        word("int8",                   Some(Int32),    &[],                                                     &[]),
        word("integer",                Some(Integer),  &[],                                                     &[]),
        word("json.RawMessage",        Some(Object),   &[],                                                     &[]),
        word("list",                   Some(AnyList),  &[],                                                     &[]),
        word("long",                   Some(Integer),  &[],                                                     &[CSharp]),
        word("mixed",                  Some(Object),   &[],                                                     &[Php]),
        word("none_type",              None,           &[],                                                     &[Python]),
        word("number",                 Some(Float),    &[],                                                     &[TypeScript]),
        word("object",                 Some(Object),   &[],                                                     &[Python, TypeScript, Php]),
        word("os.File",                Some(String),   &[],                                                     &[Go]),
        word("sbyte",                  None,           &[(CSharp, Int32)],                                      &[]),
        word("serde_json::Value",      Some(Object),   &[],                                                     &[]),
        word("short",                  Some(Int32),    &[],                                                     &[]),
        word("stdClass",               None,           &[(Php, Object)],                                        &[]),
        word("str",                    Some(String),   &[],                                                     &[Python]),
        word("string",                 Some(String),   &[],                                                     &[CSharp, Go, TypeScript, Php]),
        word("time.Time",              Some(DateTime), &[],                                                     &[Go]),
        word("u16",                    Some(Int32),    &[],                                                     &[]),
        word("u32",                    Some(Integer),  &[],                                                     &[]),
        word("u64",                    Some(Integer),  &[],                                                     &[]),
        word("u8",                     Some(Int32),    &[],                                                     &[]),
        word("uint",                   Some(Integer),  &[],                                                     &[]),
        word("uint16",                 Some(Int32),    &[],                                                     &[]),
        word("uint32",                 Some(Integer),  &[],                                                     &[]),
        word("uint64",                 Some(Integer),  &[],                                                     &[]),
        word("uint8",                  Some(Int32),    &[],                                                     &[]),
        word("ulong",                  Some(Integer),  &[],                                                     &[]),
        word("unknown",                Some(Object),   &[],                                                     &[]),
        word("ushort",                 None,           &[(CSharp, Int32)],                                      &[]),
        word("uuid.UUID",              Some(String),   &[],                                                     &[]),
    ]
};

/// The row of `word`, if the vocabulary has one.
pub(super) fn row(word: &str) -> Option<&'static Word> {
    // Most words asked for are model names that have no row: comparing
    // lengths among the few rows of their first byte turns them down
    // without a string comparison.
    let (start, end) = *BY_FIRST_BYTE.get(usize::from(*word.as_bytes().first()?))?;
    WORDS[usize::from(start)..usize::from(end)].iter().find(|row| row.text == word)
}

/// For each ASCII first byte, the range of `WORDS` whose words start with
/// it: they are together, since the rows are sorted.
static BY_FIRST_BYTE: [(u8, u8); 128] = by_first_byte(WORDS);

const fn by_first_byte(words: &[Word]) -> [(u8, u8); 128] {
    assert!(words.len() <= u8::MAX as usize, "the ranges are bytes");
    let mut ranges = [(0, 0); 128];
    let mut at = 0;
    while at < words.len() {
        let first = words[at].text.as_bytes()[0] as usize;
        if ranges[first].1 == 0 {
            ranges[first].0 = at as u8;
        }
        ranges[first].1 = at as u8 + 1;
        at += 1;
    }
    ranges
}

/// The primitive an unqualified name stands for on a page of `language`:
/// the language's own meaning, else the common one. `None`: a model.
pub(super) fn meaning(name: &str, language: Language) -> Option<TypeExpr> {
    word_meaning(name, language).or_else(|| {
        // pydantic's strict types: `StrictStr`, `StrictInt`, `StrictBytes`...
        let inner = name.strip_prefix("Strict")?.to_ascii_lowercase();
        word_meaning(&inner, Language::Python)
    })
}

fn word_meaning(name: &str, language: Language) -> Option<TypeExpr> {
    let row = row(name)?;
    if let Some(&(_, own)) = row.own.iter().find(|(reader, _)| *reader == language) {
        return Some(own.type_expr());
    }
    // On a Python page a capitalised name is a class, so a model (a page may
    // define `String` or `Date`), but for the typing module's names, which
    // have Python rows (`Any`, `UUID`).
    if language == Language::Python && name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    row.meaning.map(Primitive::type_expr)
}

/// The primitive a qualified name stands for: the vocabulary's row of the
/// whole name (`time.Time`, `decimal.Decimal`), else its `last` segment as
/// the language of its namespace reads it (`kotlin.Int` is an `i32`).
/// `None`: a model (`ININ.PureCloudApi.Model.Call`, `\Vendor\Model\Call`).
pub(super) fn qualified_meaning(name: &str, last: &str) -> Option<TypeExpr> {
    if let Some(row) = row(name) {
        return row.meaning.map(Primitive::type_expr);
    }
    language_namespace(name).and_then(|language| meaning(last, language))
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
    use super::super::{parse_type, TypeError};
    use super::super::testing::{list, map, model};
    use super::*;

    #[test]
    fn every_word_has_exactly_one_row() {
        for pair in WORDS.windows(2) {
            assert!(
                pair[0].text < pair[1].text,
                "`{}` then `{}`: the rows must be sorted by their bytes, one per word",
                pair[0].text,
                pair[1].text
            );
        }
        for word in WORDS {
            assert!(std::ptr::eq(row(word.text).unwrap(), word), "`{}` is not found at its row", word.text);
            let readers: Vec<Language> = word.own.iter().map(|(reader, _)| *reader).collect();
            for (at, reader) in readers.iter().enumerate() {
                assert!(*reader != Language::Unknown && !readers[..at].contains(reader), "`{}`: {reader:?} twice", word.text);
            }
            let says_something = word.meaning.is_some() || !word.own.is_empty() || !word.votes.is_empty();
            assert!(says_something, "`{}` neither means nor votes", word.text);
        }
    }

    fn parse_type_(text: &str) -> Result<TypeExpr, TypeError> {
        parse_type(text, Language::Unknown)
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

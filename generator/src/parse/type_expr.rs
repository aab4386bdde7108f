//! The type grammar of the pages: `str`, `int`, `list[T]`, `dict(str, T)`, model names.

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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Family {
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
    TypeScript,
    Php,
}

impl Family {
    /// Whether the family's one date type holds dates and date-times alike
    /// (Swift `Date`, PHP `\DateTime`, C# `DateTime`, Java's and
    /// TypeScript's `Date`), so the description must tell them apart.
    pub fn has_ambiguous_dates(self) -> bool {
        matches!(self, Family::Swift | Family::Php | Family::CSharp | Family::Java | Family::TypeScript)
    }

    /// Guesses the family from a page's field names and type texts.
    pub fn detect(_doc_names: &[&str], _type_texts: &[&str]) -> Family {
        Family::Unknown
    }
}

/// Parses a type as written in a Type cell (markup already stripped).
pub fn parse_type(text: &str, _family: Family) -> Result<TypeExpr, TypeError> {
    let mut parser = TypeParser { text, pos: 0 };
    parser.skip_spaces();
    let ty = parser.parse(0)?;
    parser.skip_spaces();
    if parser.pos < text.len() {
        return Err(parser.error(format!(
            "unexpected `{}` after the type `{ty}`",
            parser.rest_preview()
        )));
    }
    Ok(ty)
}

struct TypeParser<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> TypeParser<'a> {
    fn parse(&mut self, depth: usize) -> Result<TypeExpr, TypeError> {
        if depth > MAX_NESTING {
            return Err(self.error(format!(
                "the type nests deeper than {MAX_NESTING} levels"
            )));
        }
        let start = self.pos;
        let name = self.identifier();
        if name.is_empty() {
            return Err(if self.pos >= self.text.len() {
                self.error("expected a type name, found the end of the cell".to_string())
            } else {
                self.error(format!("expected a type name, found `{}`", self.rest_preview()))
            });
        }
        self.skip_spaces();
        match (name, self.peek()) {
            ("list", Some('[')) => {
                self.pos += 1;
                self.skip_spaces();
                let inner = self.parse(depth + 1)?;
                self.skip_spaces();
                self.expect(']', "to close `list[`")?;
                Ok(TypeExpr::List(Box::new(inner)))
            }
            ("dict", Some('(')) => {
                self.pos += 1;
                self.skip_spaces();
                let key_at = self.pos;
                let key = self.parse(depth + 1)?;
                if key != TypeExpr::String {
                    return Err(TypeError {
                        offset: key_at,
                        message: format!(
                            "map keys must be `str` (JSON object keys are strings), found `{key}`"
                        ),
                    });
                }
                self.skip_spaces();
                self.expect(',', "between the key and value types of `dict(`")?;
                self.skip_spaces();
                let value = self.parse(depth + 1)?;
                self.skip_spaces();
                self.expect(')', "to close `dict(`")?;
                Ok(TypeExpr::Map(Box::new(value)))
            }
            (_, Some(open @ ('[' | '('))) => Err(TypeError {
                offset: start,
                message: format!("`{name}{open}` is not a known generic type (expected `list[T]` or `dict(str, T)`)"),
            }),
            _ => Ok(primitive(name).unwrap_or_else(|| TypeExpr::Model(name.to_string()))),
        }
    }

    fn identifier(&mut self) -> &'a str {
        let start = self.pos;
        let text = self.text;
        let rest = &text[start..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        self.pos += len;
        &text[start..start + len]
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn skip_spaces(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn expect(&mut self, wanted: char, why: &str) -> Result<(), TypeError> {
        if self.peek() == Some(wanted) {
            self.pos += wanted.len_utf8();
            Ok(())
        } else if self.pos >= self.text.len() {
            Err(self.error(format!("expected `{wanted}` {why}, found the end of the cell")))
        } else {
            Err(self.error(format!("expected `{wanted}` {why}, found `{}`", self.rest_preview())))
        }
    }

    fn rest_preview(&self) -> String {
        self.text[self.pos..].chars().take(20).collect()
    }

    fn error(&self, message: String) -> TypeError {
        TypeError {
            offset: self.pos,
            message,
        }
    }
}

fn primitive(name: &str) -> Option<TypeExpr> {
    Some(match name {
        "str" => TypeExpr::String,
        "int" => TypeExpr::Integer,
        "float" => TypeExpr::Float,
        "bool" => TypeExpr::Bool,
        "datetime" => TypeExpr::DateTime,
        "date" => TypeExpr::Date,
        "object" => TypeExpr::Object,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_type_(text: &str) -> Result<TypeExpr, TypeError> {
        parse_type(text, Family::Unknown)
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
}

//! The types of the pages, for every SDK language that ships them.
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
//!
//! - `vocabulary.rs`: the type words, one row each: what a word means in each
//!   language, and which languages write it.
//! - `grammar.rs`: the type syntax of every language (`list[T]`, `List<T>`,
//!   `[]T`, `[T]`, `Array<T>`, `map[string]T`, `Dictionary<string, T>`...),
//!   which reads the words' meanings from the vocabulary.
//! - `detect.rs`: the votes a page's names and types give for each language,
//!   its words' votes read from the vocabulary.

mod detect;
mod grammar;
mod vocabulary;

pub use detect::Scores;
pub use grammar::{parse_type, TypeError, MAX_NESTING};

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

    /// Its place in `KNOWN`, and in [`Scores`].
    fn index(self) -> usize {
        Language::KNOWN.iter().position(|known| *known == self).unwrap_or(0)
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

/// Types for the tests of the three parts.
#[cfg(test)]
mod testing {
    use crate::schema::TypeExpr;

    pub fn model(name: &str) -> TypeExpr {
        TypeExpr::Model(name.to_string())
    }

    pub fn list(inner: TypeExpr) -> TypeExpr {
        TypeExpr::List(Box::new(inner))
    }

    pub fn map(inner: TypeExpr) -> TypeExpr {
        TypeExpr::Map(Box::new(inner))
    }
}

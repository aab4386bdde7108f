//! Which SDK language wrote a page: the votes its field names and type
//! texts give. A type word votes as its [`vocabulary`](super::vocabulary)
//! row says; the syntax around the words (`[]T`, `Dictionary<`, `T?`) votes
//! here.

use super::vocabulary;
use super::Language;
use crate::parse::cells::trimmed;

impl Language {
    /// Guesses the language from a page's field names and type texts (markup
    /// already stripped): the winner of their [`Scores`].
    pub fn detect<'a>(doc_names: impl IntoIterator<Item = &'a str>, type_texts: impl IntoIterator<Item = &'a str>) -> Language {
        Scores::of_page(doc_names, type_texts).winner()
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

/// The languages that write this word as a type: those of its vocabulary
/// row, or for words the vocabulary does not list, those whose names look
/// like it (`kotlin.Int`, `System.IO.Stream`, `StrictStr`, `NullableSegment`).
fn word_languages(word: &str) -> Option<&'static [Language]> {
    use Language::*;
    if let Some(row) = vocabulary::row(word) {
        return (!row.votes.is_empty()).then_some(row.votes);
    }
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
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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

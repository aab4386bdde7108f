//! What an input set's pages say together: the SDK language (a vote of all
//! its pages, SDK footers first), the acronyms its identifiers spell, and a
//! wire case its descriptions show by quoting keys.
//!
//! Each page's signals are collected in the first pass of the parse (see
//! `parse_pages`); `decide` sums them per set; the second pass reads each
//! page with its set's decision.

use std::collections::BTreeMap;

use super::type_expr::{Language, Scores};
use super::{Draft, PageInput};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::naming::{self, AcronymVocabulary, CaseSource, WireCase};
use crate::schema::{InputSet, SourceLocation};

use super::ParseOptions;

/// What one page tells about its set.
#[derive(Debug, Default)]
pub(super) struct PageSignals {
    /// Its rows' votes (names and types).
    pub scores: Scores,
    /// The SDK footer it ends with, if one names a language, and where.
    pub footer: Option<(Footer, usize)>,
    /// The navigation footer of swagger-codegen and openapi-generator docs
    /// (`[[Back to Model list]]` and `[[Back to API list]]`), which names
    /// the generator, not the language.
    pub generator_footer: bool,
    /// Identifiers its descriptions quote (`markedNA`, `user_code`): keys
    /// of the API as it spells them, for its own fields.
    pub quoted: Vec<String>,
    /// What its identifiers (model name, type names, quoted keys) spell.
    pub vocabulary: AcronymVocabulary,
}

/// An SDK footer that names the language that wrote the docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Footer {
    pub language: Language,
    /// The footer as written, for the reason `mdmodels schema` shows.
    pub text: String,
    /// What kind of footer it is.
    pub kind: &'static str,
}

impl PageSignals {
    /// The signals of the page's text alone: its footer.
    pub fn of_text(text: &str) -> PageSignals {
        let mut signals = PageSignals::default();
        // Footers are the page's last lines: look at the last few only.
        let tail_start = text.len().saturating_sub(400);
        let tail_start = (tail_start..text.len()).find(|&at| text.is_char_boundary(at)).unwrap_or(text.len());
        let tail = &text[tail_start..];
        for (line_start, line) in lines_with_offsets(tail) {
            let line = line.trim();
            if line.starts_with("[[Back to Model list]]") && line.contains("[[Back to API list]]") {
                signals.generator_footer = true;
            } else if let Some(footer) = footer(line) {
                signals.footer = Some((footer, tail_start + line_start));
            }
        }
        signals
    }

    pub fn learn_identifier(&mut self, identifier: &str) {
        self.vocabulary.learn(identifier);
    }

    /// The model names in a type cell (`list[V1PodIP]`, `\Vendor\Model\DID`).
    pub fn learn_type(&mut self, type_text: &str) {
        for_each_type_name(type_text, |name| self.vocabulary.learn(name));
    }

    /// Identifiers a description quotes: `markedNA`, `recordingId`,
    /// `user_code` (a small letter first, then a capital after a small
    /// letter or an `_` between letters; a plain word says nothing). They
    /// are keys for the page's fields, and teach the set's acronyms.
    /// Capitalised words (`WebRTC`, `iOS`) are prose, not keys.
    pub fn learn_description(&mut self, description: &str) {
        // One pass over the bytes for the rare places a key can be (a
        // capital after a small letter, a letter after `_`); only there is
        // the word around them cut out.
        let bytes = description.as_bytes();
        let is_word = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_';
        let mut at = 1;
        while at < bytes.len() {
            let (before, here) = (bytes[at - 1], bytes[at]);
            if !((before.is_ascii_lowercase() && here.is_ascii_uppercase()) || (before == b'_' && here.is_ascii_alphabetic())) {
                at += 1;
                continue;
            }
            let start = (0..at).rev().take_while(|&i| is_word(bytes[i])).last().unwrap_or(at - 1);
            let end = (at..bytes.len()).find(|&i| !is_word(bytes[i])).unwrap_or(bytes.len());
            // Word bytes are ASCII, so both ends are character boundaries.
            let token = &description[start..end];
            if naming::is_quoted_key(token) {
                if !token.contains('_') {
                    self.vocabulary.learn(token);
                }
                if !self.quoted.iter().any(|known| known == token) {
                    self.quoted.push(token.to_string());
                }
            }
            at = end + 1;
        }
    }
}

/// The capitalised words of a type cell: `V1PodIP` of `list[V1PodIP]`.
fn for_each_type_name(type_text: &str, mut name: impl FnMut(&str)) {
    let bytes = type_text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at..bytes.len()).find(|&i| !bytes[i].is_ascii_alphanumeric()).unwrap_or(bytes.len());
        if end > at + 1 && bytes[at].is_ascii_uppercase() {
            // Alphanumeric bytes are ASCII: both ends are boundaries.
            name(&type_text[at..end]);
        }
        at = end + 1;
    }
}

/// `_PureCloudPlatformClientV2@201.0.0_` (a CocoaPods pod, Swift) or
/// `_com.mypurecloud.sdk.v2.guest:purecloud-guest-chat-client:16.0.0_` (a
/// Maven coordinate, Java).
fn footer(line: &str) -> Option<Footer> {
    let inner = line.strip_prefix('_')?.strip_suffix('_')?;
    if inner.is_empty() || inner.contains(char::is_whitespace) {
        return None;
    }
    let starts_with_digit = |text: &str| text.starts_with(|c: char| c.is_ascii_digit());
    if let Some((name, version)) = inner.split_once('@') {
        if !name.is_empty() && starts_with_digit(version) {
            return Some(Footer {
                language: Language::Swift,
                text: line.to_string(),
                kind: "a CocoaPods pod and version (Swift)",
            });
        }
    }
    let parts: Vec<&str> = inner.split(':').collect();
    if parts.len() >= 3 && parts[0].contains('.') && parts.iter().all(|part| !part.is_empty()) && starts_with_digit(parts[parts.len() - 1]) {
        return Some(Footer {
            language: Language::Java,
            text: line.to_string(),
            kind: "a Maven coordinate (Java)",
        });
    }
    None
}

fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |line| {
        let start = offset;
        offset += line.len() + 1;
        (start, line)
    })
}

/// What a set decided, for the second pass.
#[derive(Debug, Default)]
pub(super) struct SetDecision {
    /// The language of every page; `None` when the set is mixed, so each
    /// page is read in its own.
    pub language: Option<Language>,
    pub vocabulary: AcronymVocabulary,
    /// The wire case every field is spelled in (configured, or learnt from
    /// quoted keys), unless a field has a better source.
    pub wire_case: Option<(WireCase, CaseSource)>,
}

impl SetDecision {
    pub fn language_of(&self, page: &PageSignals) -> Language {
        self.language.unwrap_or_else(|| page.scores.winner())
    }
}

/// A page contradicts its set's language when its own votes for another
/// language beat the set's by at least this: a type only that language writes.
const CONTRADICTION: u32 = 3;

/// Decides each set's language, vocabulary and wire case.
pub(super) fn decide<'a>(
    pages: &[PageInput<'a>],
    drafts: &[(Draft<'_>, PageSignals)],
    options: &ParseOptions,
) -> (BTreeMap<&'a str, SetDecision>, Vec<InputSet>, Vec<Diagnostic>) {
    let mut sets: BTreeMap<&'a str, Vec<usize>> = BTreeMap::new();
    for (index, page) in pages.iter().enumerate() {
        sets.entry(page.set).or_default().push(index);
    }
    let mut decisions = BTreeMap::new();
    let mut inputs = Vec::new();
    let mut diagnostics = Vec::new();
    for (set, members) in sets {
        let mut scores = Scores::default();
        let mut vocabulary = AcronymVocabulary::default();
        let mut footers: BTreeMap<Language, (usize, &Footer)> = BTreeMap::new();
        let mut model_pages = 0;
        let mut generator_footers = 0;
        let voters = || members.iter().filter(|&&index| pages[index].language.is_none()).map(|&index| &drafts[index].1);
        let configured_pages = members.len() - voters().count();
        for page in voters() {
            scores.add(&page.scores);
            vocabulary.merge(&page.vocabulary);
            if page.scores != Scores::default() {
                model_pages += 1;
            }
            generator_footers += usize::from(page.generator_footer);
            if let Some((footer, _)) = &page.footer {
                footers.entry(footer.language).or_insert((0, footer)).0 += 1;
            }
        }
        if !vocabulary.is_empty() {
            // Plain spellings, only now that the acronyms are known: the
            // same identifiers the pages learnt acronyms from.
            for &index in &members {
                let (draft, signals) = &drafts[index];
                match draft {
                    Draft::Pending(pending) => {
                        vocabulary.forget_plain_words(&pending.model.name);
                        for row in &pending.rows {
                            for_each_type_name(&row.type_text, |name| vocabulary.forget_plain_words(name));
                        }
                    }
                    Draft::Done(parsed) => {
                        if let super::PageOutcome::Model(model) = &parsed.outcome {
                            vocabulary.forget_plain_words(&model.name);
                        }
                    }
                }
                for quote in signals.quoted.iter().filter(|quote| !quote.contains('_')) {
                    vocabulary.forget_plain_words(quote);
                }
            }
        }
        vocabulary.settle();
        let voted = scores.winner();
        let (language, mut reason) = match (options.language, footers.len()) {
            (Some(language), _) => (language, format!("configured (`language = \"{}\"`)", language.as_str())),
            (None, 1) => {
                let (&language, &(count, footer)) = footers.iter().next().expect("one footer language");
                (language, format!("the SDK footer `{}`, {}, on {count} page(s)", footer.text, footer.kind))
            }
            (None, _) => (
                voted,
                match voted {
                    Language::Unknown if model_pages == 0 => "no model page to vote".to_string(),
                    Language::Unknown => format!("the vote of {model_pages} model page(s) is a tie ({})", scores.summary(3)),
                    _ => format!("the vote of {model_pages} model page(s): {}", scores.summary(3)),
                },
            ),
        };
        if configured_pages > 0 {
            reason.push_str(&format!("; {configured_pages} page(s) in the language `[input.languages]` gives them"));
        }
        if generator_footers > 0 {
            reason.push_str(&format!(
                "; {generator_footers} page(s) end with the `[[Back to Model list]]` footer of swagger-codegen and openapi-generator docs"
            ));
        }
        // Pages whose own types say another language: the set is mixed
        // (two SDKs' docs in one folder) unless the user said the language.
        let contradicting: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&index| pages[index].language.is_none())
            .filter(|&index| {
                let own = drafts[index].1.scores;
                let page_language = own.winner();
                language != Language::Unknown
                    && page_language != Language::Unknown
                    && page_language != language
                    && own.of(page_language) >= own.of(language) + CONTRADICTION
            })
            .collect();
        let mixed = options.language.is_none() && footers.len() != 1 && !contradicting.is_empty() && contradicting.len() * 10 >= model_pages.max(1);
        let set_label = if set.is_empty() { "(pages given in memory)".to_string() } else { set.to_string() };
        if mixed {
            let first = contradicting[0];
            let own = drafts[first].1.scores.winner();
            reason = format!(
                "mixed: {} of {model_pages} model page(s) read as another language (such as {}, {}), so each page is read in the language of its own types; {reason}",
                contradicting.len(),
                pages[first].file,
                own.as_str()
            );
            diagnostics.push(
                Diagnostic::note(
                    DiagnosticKind::Malformed,
                    format!(
                        "the pages of `{set_label}` are not all in one SDK language ({} of {model_pages} read as another than {}), so each page is read in its own",
                        contradicting.len(),
                        language.as_str()
                    ),
                )
                .at(SourceLocation {
                    file: pages[first].file.to_string(),
                    line: 1,
                    column: 1,
                })
                .with_help("set `[input] language` (or `--language`) if the folder is one SDK's docs"),
            );
        }
        if !mixed && !contradicting.is_empty() {
            reason.push_str(&format!(
                "; {} page(s) whose own types say another language (such as {}) are read as {} with their folder",
                contradicting.len(),
                pages[contradicting[0]].file,
                language.as_str()
            ));
        }
        let decided_language = if mixed || language == Language::Unknown { None } else { Some(language) };
        let wire_case = match options.wire_case {
            Some(case) => Some((case, CaseSource::Configured)),
            None => learnt_case(pages, drafts, &members, decided_language, &set_label, &mut diagnostics),
        };
        inputs.push(InputSet {
            input: set_label,
            pages: members.len(),
            language: if mixed { Language::Unknown } else { language },
            reason,
            wire_case: wire_case.map(|(case, source)| format!("{} ({})", case.as_str(), source.as_str())),
        });
        decisions.insert(
            set,
            SetDecision {
                language: decided_language,
                vocabulary,
                wire_case,
            },
        );
    }
    (decisions, inputs, diagnostics)
}

/// A wire case the pages show: descriptions that quote sibling fields'
/// keys in snake_case (`"device_code" and "user_code"` on a Go page whose
/// fields are `DeviceCode`, `UserCode`). At least two quotes, none in
/// another case, on a set whose names are not snake_case already.
fn learnt_case(
    pages: &[PageInput<'_>],
    drafts: &[(Draft<'_>, PageSignals)],
    members: &[usize],
    language: Option<Language>,
    set_label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(WireCase, CaseSource)> {
    if matches!(language, Some(Language::Python | Language::Ruby | Language::TypeScript)) {
        return None;
    }
    let mut snake: Vec<(String, usize)> = Vec::new();
    let mut other = 0;
    for &index in members {
        let (Draft::Pending(pending), signals) = &drafts[index] else { continue };
        if signals.quoted.is_empty() {
            continue;
        }
        for row in &pending.rows {
            let Some(quote) = naming::quoted_key_for(&row.doc_name, &signals.quoted) else { continue };
            if quote.contains('_') && !quote.contains(|c: char| c.is_ascii_uppercase()) {
                snake.push((quote.to_string(), index));
            } else {
                other += 1;
            }
        }
    }
    if snake.len() < 2 || other > 0 {
        return None;
    }
    let examples: Vec<&str> = snake.iter().take(3).map(|(quote, _)| quote.as_str()).collect();
    diagnostics.push(
        Diagnostic::note(
            DiagnosticKind::Malformed,
            format!(
                "the pages of `{set_label}` quote {} JSON keys in snake_case (`{}`), so every field's JSON name is snake_case",
                snake.len(),
                examples.join("`, `")
            ),
        )
        .at(SourceLocation {
            file: pages[snake[0].1].file.to_string(),
            line: 1,
            column: 1,
        })
        .with_help("set `[input] wire-case` (or `--wire-case`) to say otherwise"),
    );
    Some((WireCase::Snake, CaseSource::Quoted))
}

#[cfg(test)]
mod tests {
    use super::super::{parse_pages, PageOutcome, ParsedPages};
    use super::*;
    use crate::parse::PageModel as Model;
    use crate::schema::TypeExpr;

    fn page(name: &str, rows: &str, footer: &str) -> String {
        format!("# {name}\n\n## Properties\n\n|Name | Type | Description | Notes|\n|---|---|---|---|\n{rows}\n\n{footer}\n")
    }

    fn parse(pages: &[(&str, String)], options: ParseOptions) -> ParsedPages {
        let inputs: Vec<PageInput<'_>> = pages
            .iter()
            .map(|(file, text)| PageInput { file, page: file, text, set: "docs/", language: None })
            .collect();
        parse_pages(&inputs, &options)
    }

    fn model<'p>(parsed: &'p ParsedPages, name: &str) -> &'p Model {
        parsed
            .pages
            .iter()
            .find_map(|page| match &page.outcome {
                PageOutcome::Model(model) if model.name == name => Some(model),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no model {name}"))
    }

    const STRINGS_ONLY: &str = "| **_id** | **String** | | [optional] |\n| **selfUri** | **String** | | [optional] |";
    const SWIFT_TYPES: &str = "| **_id** | **String** | | [optional] |\n| **held** | **Bool** | | [optional] |\n| **count** | **Int** | | [optional] |";

    #[test]
    fn the_folder_votes_for_a_page_that_cannot_tell() {
        let pages = [("Ref.md", page("Ref", STRINGS_ONLY, "")), ("Call.md", page("Call", SWIFT_TYPES, ""))];
        let parsed = parse(&pages, ParseOptions::default());
        assert_eq!(model(&parsed, "Ref").fields[0].wire_name, "id", "read as Swift with its folder");
        assert_eq!(parsed.inputs[0].language, Language::Swift);
        assert!(parsed.inputs[0].reason.starts_with("the vote of 2 model page(s): swift"), "{}", parsed.inputs[0].reason);
        // Alone, the page is a tie of Java and Swift, and `_id` stays.
        let alone = parse(&pages[..1], ParseOptions::default());
        assert_eq!(model(&alone, "Ref").fields[0].wire_name, "_id");
    }

    #[test]
    fn sdk_footers_decide_before_the_vote() {
        let pages = [("Ref.md", page("Ref", STRINGS_ONLY, "_PureCloudPlatformClientV2@201.0.0_"))];
        let parsed = parse(&pages, ParseOptions::default());
        assert_eq!(parsed.inputs[0].language, Language::Swift);
        assert!(parsed.inputs[0].reason.contains("`_PureCloudPlatformClientV2@201.0.0_`"), "{}", parsed.inputs[0].reason);
        assert_eq!(model(&parsed, "Ref").fields[0].wire_name, "id");

        let maven = [("Ref.md", page("Ref", STRINGS_ONLY, "_com.mypurecloud.sdk.v2.guest:purecloud-guest-chat-client:16.0.0_"))];
        assert_eq!(parse(&maven, ParseOptions::default()).inputs[0].language, Language::Java);
    }

    #[test]
    fn footers_are_told_apart() {
        assert_eq!(footer("_PureCloudPlatformClientV2@201.0.0_").map(|f| f.language), Some(Language::Swift));
        assert_eq!(footer("_com.mypurecloud.sdk.v2:platform-client-v2:220.0.0_").map(|f| f.language), Some(Language::Java));
        // Python's and .NET's name a package, not a language.
        assert_eq!(footer("_PureCloudPlatformClientV2 257.1.0_"), None);
        assert_eq!(footer("_optional_"), None);
        let signals = PageSignals::of_text("# A\n\n[[Back to Model list]](../README.md#documentation-for-models) [[Back to API list]](../README.md#documentation-for-api-endpoints) [[Back to README]](../README.md)\n");
        assert!(signals.generator_footer && signals.footer.is_none());
    }

    #[test]
    fn a_configured_language_wins() {
        let pages = [("Ref.md", page("Ref", STRINGS_ONLY, "_com.example:sdk:1.0.0_"))];
        let parsed = parse(&pages, ParseOptions { language: Some(Language::Swift), wire_case: None });
        assert_eq!(parsed.inputs[0].language, Language::Swift);
        assert_eq!(parsed.inputs[0].reason, "configured (`language = \"swift\"`)");
        assert_eq!(model(&parsed, "Ref").fields[0].wire_name, "id");
    }

    #[test]
    fn a_mixed_folder_reads_each_page_in_its_own_language_and_says_so() {
        let python = page("Py", "| **start_time** | **datetime** | | |\n| **count** | **int** | | |\n| **name** | **str** | | |", "");
        let php = page("Php", "| **startTime** | [**\\DateTime**] | | |\n| **tags** | **\\Vendor\\Model\\Tag[]** | | |", "");
        let pages = [("Py.md", python.clone()), ("Py2.md", python.replace("# Py", "# Py2")), ("Php.md", php)];
        let parsed = parse(&pages, ParseOptions::default());
        assert_eq!(parsed.inputs[0].language, Language::Unknown);
        assert!(parsed.inputs[0].reason.starts_with("mixed: 1 of 3"), "{}", parsed.inputs[0].reason);
        assert!(parsed.diagnostics.iter().any(|d| d.message.contains("not all in one SDK language")), "{:?}", parsed.diagnostics);
        // The PHP page keeps PHP's reading: brackets round a whole type are a link.
        assert_eq!(model(&parsed, "Php").fields[0].ty, TypeExpr::DateTime);
    }

    #[test]
    fn a_php_folder_reads_link_brackets_as_links() {
        let php = page("Segment", "| **start_time** | [**\\DateTime**] | | [optional] |\n| **ids** | **string[]** | | |", "");
        let parsed = parse(&[("Segment.md", php)], ParseOptions::default());
        assert_eq!(parsed.inputs[0].language, Language::Php);
        let fields = &model(&parsed, "Segment").fields;
        assert_eq!(fields[0].ty, TypeExpr::DateTime);
        assert_eq!(fields[1].ty, TypeExpr::List(Box::new(TypeExpr::String)));
    }
}

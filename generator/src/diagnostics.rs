//! Errors and warnings as values, each with the place in the input it is about.
//!
//! Stages collect diagnostics instead of printing them; the front-ends (CLI,
//! build.rs API) decide how to show them.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::schema::SourceLocation;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Informational: a page skipped because it is not a model page.
    Note,
}

/// What a diagnostic is about, so a run can group warnings by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticKind {
    /// A page that is not a model page (no `## Properties` table).
    NotAModelPage,
    /// A file that could not be read (or written).
    Io,
    /// A page that is not valid UTF-8.
    Encoding,
    /// A page whose structure is broken (no name, bad table).
    Malformed,
    /// A type cell the grammar cannot parse.
    BadType,
    /// A field references a model that has no page.
    UnresolvedReference,
    /// Two pages or rows that define the same thing.
    Duplicate,
    /// Two names that would become the same Rust identifier.
    NameCollision,
    /// A problem in the configuration.
    Config,
    /// The inputs hold no model page at all (an empty folder, API pages only).
    NoModels,
    /// An output file mdmodels did not write (no `@generated` marker): never replaced.
    NotGenerated,
    /// A configured derive not applied where the types cannot have it.
    Derive,
}

impl DiagnosticKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::NotAModelPage => "not-a-model-page",
            DiagnosticKind::Io => "io",
            DiagnosticKind::Encoding => "encoding",
            DiagnosticKind::Malformed => "malformed",
            DiagnosticKind::BadType => "bad-type",
            DiagnosticKind::UnresolvedReference => "unresolved-reference",
            DiagnosticKind::Duplicate => "duplicate",
            DiagnosticKind::NameCollision => "name-collision",
            DiagnosticKind::Config => "config",
            DiagnosticKind::NoModels => "no-models",
            DiagnosticKind::NotGenerated => "not-generated",
            DiagnosticKind::Derive => "derive",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: DiagnosticKind,
    /// Where; `None` only for problems with no place in the input (an output folder).
    pub location: Option<SourceLocation>,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The text of the offending line, for the caret display.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            kind,
            location: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn error(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, kind, message)
    }

    pub fn warning(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, kind, message)
    }

    pub fn note(kind: DiagnosticKind, message: impl Into<String>) -> Self {
        Self::new(Severity::Note, kind, message)
    }

    pub fn at(mut self, location: SourceLocation) -> Self {
        self.location = Some(location);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_source_line(mut self, line: impl Into<String>) -> Self {
        self.source_line = Some(line.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column: severity[kind]: message`, then the offending line
    /// with a caret under the column and the help, drawn by annotate-snippets.
    ///
    /// The first line stands alone (`cargo:warning` shows only it, editors
    /// jump to it), so it carries the location in the compiler's short form.
    pub fn render(&self) -> String {
        let mut out = self.headline();
        let snippet = self.snippet();
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group = Group::with_level(level.clone());
        if let (Some(location), Some(snippet)) = (&self.location, &snippet) {
            let caret = char_span(&snippet.line, snippet.caret);
            group = group.element(
                Snippet::source(snippet.line.as_str())
                    .line_start(location.line as usize)
                    .annotation(AnnotationKind::Primary.span(caret)),
            );
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        if snippet.is_some() || self.help.is_some() {
            let body = Renderer::plain().render(&[group]);
            out.push('\n');
            out.push_str(body.trim_end_matches('\n'));
        }
        out
    }

    /// The first line of [`render`](Self::render): `file:line:column: severity[kind]: message`.
    pub fn headline(&self) -> String {
        let mut out = String::new();
        if let Some(location) = &self.location {
            out.push_str(&format!("{}:{}:{}: ", location.file, location.line, location.column));
        }
        out.push_str(&format!("{}[{}]: {}", self.severity.as_str(), self.kind.as_str(), self.message));
        out
    }

    /// The offending line cut to a window around the column, so a page with a
    /// 50 MB line still gets a readable (and small) snippet.
    pub fn snippet(&self) -> Option<SourceSnippet> {
        let line = self.source_line.as_deref()?;
        let column = self.location.as_ref().map_or(1, |location| location.column.max(1) as usize);
        Some(SourceSnippet::window(line, column))
    }

    /// One JSON object (for `--format json`): flat, every key always present
    /// (`null` when unknown) so consumers need no schema.
    pub fn to_json(&self) -> serde_json::Value {
        let location = self.location.as_ref();
        let snippet = self.snippet();
        serde_json::json!({
            "type": "diagnostic",
            "severity": self.severity.as_str(),
            "kind": self.kind.as_str(),
            "file": location.map(|l| l.file.as_str()),
            "line": location.map(|l| l.line),
            "column": location.map(|l| l.column),
            "message": self.message,
            "help": self.help,
            "source_line": snippet.as_ref().map(|s| s.line.as_str()),
            "caret": snippet.as_ref().map(|s| s.caret),
            "rendered": self.render(),
        })
    }
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A line of the input as shown under a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSnippet {
    /// The line, or a window of it (cut ends marked with `…`).
    pub line: String,
    /// The 1-based character column of the caret in `line`.
    pub caret: u32,
}

impl SourceSnippet {
    /// Characters kept on each side of the caret when a line is too long.
    const CONTEXT: usize = 80;

    fn window(line: &str, column: usize) -> SourceSnippet {
        let length = line.chars().count();
        let column = column.min(length + 1);
        if length <= 2 * Self::CONTEXT {
            return SourceSnippet {
                line: line.to_string(),
                caret: column as u32,
            };
        }
        let start = column.saturating_sub(Self::CONTEXT + 1);
        let end = (column + Self::CONTEXT).min(length);
        let mut window = String::new();
        let mut caret = column - start;
        if start > 0 {
            window.push('…');
            caret += 1;
        }
        window.extend(line.chars().skip(start).take(end - start));
        if end < length {
            window.push('…');
        }
        SourceSnippet {
            line: window,
            caret: caret as u32,
        }
    }
}

/// The byte range of the character at 1-based `column` (empty past the end).
fn char_span(line: &str, column: u32) -> std::ops::Range<usize> {
    let index = column.saturating_sub(1) as usize;
    match line.char_indices().nth(index) {
        Some((start, c)) => start..start + c.len_utf8(),
        None => line.len()..line.len(),
    }
}

/// The candidate nearest to `word` when it is near enough to be a typo of
/// it: for "did you mean" suggestions. Case, `-` and `_` aside, a few
/// edits away (a swap of two letters is one) or a shortening of it.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    fn plain(text: &str) -> String {
        text.chars().filter(|c| !matches!(c, '-' | '_')).flat_map(char::to_lowercase).collect()
    }
    let plain_word = plain(word);
    let limit = (plain_word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| *candidate != word)
        .filter_map(|candidate| {
            let plain_candidate = plain(candidate);
            let distance = strsim::osa_distance(&plain_word, &plain_candidate);
            let shortened = plain_word.chars().count() >= 4 && plain_candidate.starts_with(&plain_word);
            (distance <= limit || shortened).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// Fills in the source line of each located diagnostic that has none, from
/// the text of its file (`texts`: file name -> text), so every diagnostic
/// shows its line and a caret.
pub fn fill_source_lines<'a>(diagnostics: &mut [Diagnostic], text_of: impl Fn(&str) -> Option<&'a str>) {
    for diagnostic in diagnostics.iter_mut().filter(|d| d.source_line.is_none()) {
        let Some(location) = &diagnostic.location else { continue };
        let Some(text) = text_of(&location.file) else { continue };
        if let Some(line) = text.split('\n').nth(location.line.saturating_sub(1) as usize) {
            diagnostic.source_line = Some(line.strip_suffix('\r').unwrap_or(line).to_string());
        }
    }
}

/// Sorts diagnostics so output is the same whatever order pages were read in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(line: u32, column: u32, source: &str) -> Diagnostic {
        Diagnostic::error(DiagnosticKind::BadType, "cannot parse the type `dict(str`")
            .at(SourceLocation {
                file: "docs/Broken.md".to_string(),
                line,
                column,
            })
            .with_source_line(source)
            .with_help("fix the type")
    }

    #[test]
    fn render_puts_the_location_first_and_a_caret_under_the_column() {
        let rendered = located(8, 21, "| **bad** | dict(str | Oops | |").render();
        let lines: Vec<&str> = rendered.lines().collect();
        assert_eq!(lines[0], "docs/Broken.md:8:21: error[bad-type]: cannot parse the type `dict(str`");
        let code = lines.iter().position(|l| l.starts_with("8 | ")).expect(&rendered);
        assert_eq!(lines[code], "8 | | **bad** | dict(str | Oops | |");
        let caret = lines[code + 1];
        assert_eq!(caret.find('^'), Some("8 | ".len() + 20), "{rendered}");
        assert!(lines.last().unwrap().ends_with("= help: fix the type"), "{rendered}");
    }

    #[test]
    fn carets_count_characters_not_bytes() {
        let rendered = located(1, 4, "größe | x").render();
        let code = rendered.lines().position(|l| l.starts_with("1 | ")).unwrap();
        let caret_line = rendered.lines().nth(code + 1).unwrap();
        assert_eq!(caret_line.find('^'), Some("1 | ".len() + 3), "{rendered}");
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_caret() {
        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        let diagnostic = located(3, 100_001, &line);
        let snippet = diagnostic.snippet().unwrap();
        assert!(snippet.line.chars().count() <= 2 * SourceSnippet::CONTEXT + 3);
        assert_eq!(snippet.line.chars().nth(snippet.caret as usize - 1), Some('X'));
        assert!(snippet.line.starts_with('…') && snippet.line.ends_with('…'));
        let rendered = diagnostic.render();
        assert!(rendered.len() < 1000, "{} bytes", rendered.len());
        assert!(rendered.starts_with("docs/Broken.md:3:100001: error[bad-type]"));
    }

    #[test]
    fn a_caret_past_the_end_of_the_line_is_drawn_after_it() {
        let rendered = located(2, 9, "list[str").render();
        let code = rendered.lines().position(|l| l.starts_with("2 | ")).unwrap();
        let caret_line = rendered.lines().nth(code + 1).unwrap();
        assert_eq!(caret_line.find('^'), Some("2 | ".len() + 8), "{rendered}");
    }

    #[test]
    fn typos_get_the_nearest_name_and_far_words_none() {
        let keys = ["derives", "attributes", "enum"];
        assert_eq!(nearest("derive", keys), Some("derives"));
        assert_eq!(nearest("Attributes", keys), Some("attributes"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(nearest("Partcipant", ["Participant", "Part", "Partition"]), Some("Participant"));
        assert_eq!(nearest("Egde", ["Edge", "Call"]), Some("Edge"));
        assert_eq!(nearest("keep_unknown", ["keep-unknown-fields", "enums"]), Some("keep-unknown-fields"));
    }

    #[test]
    fn source_lines_are_filled_in_from_the_file() {
        let text = "# M\r\n\r\n| **a** | Missing |\r\n";
        let mut diagnostics = vec![
            Diagnostic::warning(DiagnosticKind::UnresolvedReference, "no page").at(SourceLocation {
                file: "M.md".to_string(),
                line: 3,
                column: 11,
            }),
            Diagnostic::error(DiagnosticKind::Io, "unlocated"),
        ];
        fill_source_lines(&mut diagnostics, |file| (file == "M.md").then_some(text));
        assert_eq!(diagnostics[0].source_line.as_deref(), Some("| **a** | Missing |"));
        assert_eq!(diagnostics[1].source_line, None);
    }

    #[test]
    fn json_is_flat_with_the_location_and_the_caret() {
        let json = located(8, 21, "| **bad** | dict(str | Oops | |").to_json();
        assert_eq!(json["severity"], "error");
        assert_eq!(json["kind"], "bad-type");
        assert_eq!(json["file"], "docs/Broken.md");
        assert_eq!((json["line"].as_u64(), json["column"].as_u64()), (Some(8), Some(21)));
        assert_eq!(json["caret"], 21);
        assert_eq!(json["help"], "fix the type");
        let unlocated = Diagnostic::error(DiagnosticKind::Io, "cannot write").to_json();
        assert!(unlocated["file"].is_null() && unlocated["line"].is_null());
        assert_eq!(unlocated["rendered"], "error[io]: cannot write");
    }
}

//! Errors and warnings as values, each with the place in the input it is about.
//!
//! Stages collect diagnostics instead of printing them; the front-ends (CLI,
//! build.rs API) decide how to show them.

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
    /// A file that could not be read.
    Io,
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
}

impl DiagnosticKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::NotAModelPage => "not-a-model-page",
            DiagnosticKind::Io => "io",
            DiagnosticKind::Malformed => "malformed",
            DiagnosticKind::BadType => "bad-type",
            DiagnosticKind::UnresolvedReference => "unresolved-reference",
            DiagnosticKind::Duplicate => "duplicate",
            DiagnosticKind::NameCollision => "name-collision",
            DiagnosticKind::Config => "config",
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

    /// `file:line:column: severity: message`, the line with a caret, and the help.
    pub fn render(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let mut out = String::new();
        if let Some(location) = &self.location {
            out.push_str(&format!(
                "{}:{}:{}: ",
                location.file, location.line, location.column
            ));
        }
        out.push_str(&format!("{severity}[{}]: {}", self.kind.as_str(), self.message));
        if let (Some(location), Some(line)) = (&self.location, &self.source_line) {
            let number = location.line.to_string();
            let gutter = " ".repeat(number.len());
            let caret_pad: String = line
                .chars()
                .take(location.column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(
                "\n{gutter} |\n{number} | {line}\n{gutter} | {caret_pad}^"
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("\n  = help: {help}"));
        }
        out
    }
}

/// Sorts diagnostics so output is the same whatever order pages were read in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
    });
}

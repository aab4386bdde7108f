//! Markdown model pages -> models of the schema (names, types, notes).
//!
//! `outline` finds the structure (front matter, headings, paragraphs, tables)
//! with pulldown-cmark; rows are split from their source text (see `cells`), so
//! a row with an unescaped `|` in its description keeps its Notes cell.

pub mod cells;
pub mod enums;
mod headings;
mod outline;
pub mod page;
mod table_body;
pub mod type_expr;

mod language;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::naming::{self, WireCase, WireContext};
use crate::schema::{FailedModel, InputSet, ModelKind, SourceLocation, TypeExpr};
use cells::{decode_entities, has_outer_pipes, inline_text, shown_text, split_row, trimmed, Cell};
use enums::{EnumSection, RawValue};
use language::{PageSignals, SetDecision};
use outline::{EnumOutline, PageOutline};
pub use page::{PageEnum, PageField, PageModel, PageValue};
use type_expr::{Language, Scores};

/// What a page turned out to be.
#[derive(Debug)]
pub enum PageOutcome {
    /// A model page, as it is written (`resolve` names it).
    Model(PageModel),
    /// Not a model page (no `## Properties` table); the note says why.
    Skipped(Diagnostic),
    /// A model page too broken to use; the errors are in the diagnostics.
    /// The model's name and heading, when the page got as far as naming it,
    /// so that references to it are not reported as missing pages.
    Failed(Option<FailedModel>),
}

/// A parsed page and what was found wrong with it.
#[derive(Debug)]
pub struct ParsedPage {
    pub outcome: PageOutcome,
    pub diagnostics: Vec<Diagnostic>,
}

/// One page to parse.
#[derive(Debug, Clone, Copy)]
pub struct PageInput<'a> {
    /// How diagnostics name the page.
    pub file: &'a str,
    /// Its path relative to the input folder, which the generated docs name
    /// (stable across machines).
    pub page: &'a str,
    pub text: &'a str,
    /// The input set it belongs to (its input folder): the pages of a set
    /// decide their SDK language and acronyms together.
    pub set: &'a str,
    /// Its SDK language, when the configuration says it for this page
    /// (`[input.languages]`): it then does not vote.
    pub language: Option<Language>,
}

/// What the parse of a set of pages needs from the options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// The SDK language of every page, instead of the vote.
    pub language: Option<Language>,
    /// How every field's JSON name is spelled, instead of the language's rule.
    pub wire_case: Option<WireCase>,
}

/// Every page parsed, and what was decided for each input set.
#[derive(Debug)]
pub struct ParsedPages {
    /// In the order of the input.
    pub pages: Vec<ParsedPage>,
    /// Each input set's language and why, sorted by set.
    pub inputs: Vec<InputSet>,
    /// Notes about the sets (a mixed set, a wire case learnt from quotes).
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses the pages, in two passes over what each page's outline gave:
/// every page's rows are split and its language signals, quoted keys and
/// acronyms collected (in parallel); each input set then decides its SDK
/// language by a vote of all its pages; then every page's types and wire
/// names are read with its set's decision (in parallel). No page is read
/// twice: the second pass works on the rows the first one split.
pub fn parse_pages(pages: &[PageInput<'_>], options: &ParseOptions) -> ParsedPages {
    let drafts: Vec<(Draft<'_>, PageSignals)> = pages
        .par_iter()
        .map(|input| PageParser::new(input.file, input.text).draft(input.page))
        .collect();
    let (decisions, inputs, diagnostics) = language::decide(pages, &drafts, options);
    let pages = drafts
        .into_par_iter()
        .zip(pages.par_iter())
        .map(|((draft, signals), input)| {
            let decision = &decisions[input.set];
            match draft {
                Draft::Done(page) => page,
                Draft::Pending(pending) => {
                    let language = input.language.unwrap_or_else(|| decision.language_of(&signals));
                    pending.finish(language, decision, &signals)
                }
            }
        })
        .collect();
    ParsedPages { pages, inputs, diagnostics }
}

/// Parses one page, as an input set of its own.
pub fn parse_page(file: &str, page: &str, text: &str) -> ParsedPage {
    let input = PageInput { file, page, text, set: "", language: None };
    parse_pages(&[input], &ParseOptions::default()).pages.pop().expect("one page in, one page out")
}

/// A page after the first pass.
enum Draft<'a> {
    /// Nothing depends on the set: not a model page, an enum page, broken.
    Done(ParsedPage),
    /// A struct whose rows are split, their types not yet read.
    Pending(Pending<'a>),
}

/// What the first pass makes of a page.
enum Step<'a> {
    Struct(Pending<'a>),
    Other(PageOutcome),
}

/// A struct page between the passes.
struct Pending<'a> {
    parser: PageParser<'a>,
    model: PageModel,
    rows: Vec<Row<'a>>,
    sections: Vec<EnumSection>,
}

/// The columns of a properties table, found by header name.
#[derive(Debug, Clone, Copy)]
struct Columns {
    name: usize,
    ty: usize,
    description: Option<usize>,
    notes: Option<usize>,
    count: usize,
}

struct PageParser<'a> {
    file: &'a str,
    text: &'a str,
    lines: std::cell::Cell<LineCursor>,
    diagnostics: Vec<Diagnostic>,
}

/// How far into a page lines have been counted, so that locations, asked
/// for mostly in page order, cost the distance from the last one; a page
/// that is no model page needs only its first line.
#[derive(Clone, Copy, Default)]
struct LineCursor {
    /// Lines are counted up to here.
    offset: usize,
    /// The index of the line `offset` is on, and where that line starts.
    line: usize,
    line_start: usize,
}

impl LineCursor {
    /// The index of the line `offset` is on, and the line's start.
    fn line_of(&mut self, text: &str, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = LineCursor::default();
        }
        let passed = &text.as_bytes()[self.offset..offset];
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            self.line += memchr::memchr_iter(b'\n', passed).count();
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        (self.line, self.line_start)
    }
}

/// A properties row reduced to text, before its type is parsed (the page's
/// SDK language, which the type grammar needs, is known from all the rows).
struct Row<'a> {
    doc_name: String,
    name_at: usize,
    type_text: Cow<'a, str>,
    /// Where the Type cell is in the page, as written.
    type_cell: std::ops::Range<usize>,
    link: Option<String>,
    description: Option<String>,
    /// The Notes cell; `None` when the table has no Notes column.
    notes: Option<Cow<'a, str>>,
}

impl<'a> PageParser<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        PageParser {
            file,
            text,
            lines: Default::default(),
            diagnostics: Vec::new(),
        }
    }

    /// The first pass: the page's outline, its rows split, its signals.
    fn draft(mut self, page: &str) -> (Draft<'a>, PageSignals) {
        let outline = outline::outline(self.text);
        let mut signals = PageSignals::of_text(self.text);
        match self.model(page, outline, &mut signals) {
            Step::Struct(pending) => (Draft::Pending(pending), signals),
            Step::Other(outcome) => (Draft::Done(self.done(outcome)), signals),
        }
    }

    fn done(mut self, outcome: PageOutcome) -> ParsedPage {
        // In page order, though types are read after every row is split.
        self.diagnostics.sort_by(|a, b| {
            let at = |d: &Diagnostic| d.location.as_ref().map(|l| (l.line, l.column));
            at(a).cmp(&at(b))
        });
        ParsedPage {
            outcome,
            diagnostics: self.diagnostics,
        }
    }

    /// A struct page's model and rows, or the outcome of any other page.
    fn model(
        &mut self,
        page: &str,
        outline: Option<PageOutline>,
        signals: &mut PageSignals,
    ) -> Step<'a> {
        if self.text.trim().is_empty() {
            // A truncated download or a failed export, most likely: say so
            // louder than the note every non-model page gets.
            return Step::Other(PageOutcome::Skipped(
                Diagnostic::warning(DiagnosticKind::Malformed, "the page is empty; skipped")
                    .at(self.location(0))
                    .with_help("delete the file, or restore its content"),
            ));
        }
        let Some(mut outline) = outline else {
            return Step::Other(self.not_a_model_page());
        };
        let enum_page = outline.properties_heading.is_none() && !outline.enum_sections.is_empty();
        let Some(body_at) = outline
            .properties_heading
            .or_else(|| enum_page.then(|| outline.enum_sections[0].heading_at))
        else {
            return Step::Other(self.not_a_model_page());
        };
        let Some((raw_name, name_at)) = outline.title.take().or(outline.first_heading.take()) else {
            self.error_at(
                body_at,
                DiagnosticKind::Malformed,
                "the page has a `## Properties` table but no heading or `title:` naming the model",
                "add a heading with the model name, such as `# Call`, before `## Properties`",
            );
            return Step::Other(PageOutcome::Failed(None));
        };
        let name = model_name(&decode_entities(&raw_name));
        if !is_model_name(&name) {
            self.error_at(
                name_at,
                DiagnosticKind::Malformed,
                &format!("`{name}` is not a usable model name"),
                "model names are letters, digits and `_`, starting with a letter",
            );
            return Step::Other(PageOutcome::Failed(Some(FailedModel {
                name,
                source: self.location(name_at),
            })));
        }
        signals.learn_identifier(&name);
        let description = Some(outline.description.join("\n\n"))
            .filter(|text| !text.is_empty())
            .map(|text| shown_text(&text));
        let sections: Vec<EnumSection> = outline.enum_sections.iter().map(|section| self.enum_section(section)).collect();
        let model = PageModel {
            name,
            description,
            page: page.to_string(),
            source: self.location(name_at),
            kind: ModelKind::Struct,
            fields: Vec::new(),
            enums: Vec::new(),
        };
        if let Some(description) = &model.description {
            signals.learn_description(description);
        }
        if enum_page {
            return Step::Other(self.enum_page(model, &sections[0]));
        }

        let mut rows = Vec::new();
        match &outline.table_head {
            None => self.diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::Malformed,
                    format!("model `{}` has a `## Properties` heading but no table; it gets no fields", model.name),
                )
                .at(self.location(body_at))
                .with_source_line(self.line_text(body_at)),
            ),
            Some(head) => {
                if let Some(columns) = self.columns(head.clone()) {
                    let outer_pipes = has_outer_pipes(&self.text[head.clone()]);
                    for row in &outline.table_rows {
                        if let Some(row) = self.row(row.start, columns, outer_pipes) {
                            rows.push(row);
                        }
                    }
                }
            }
        }
        signals.scores = Scores::of_page(
            rows.iter().map(|row| row.doc_name.as_str()),
            rows.iter().map(|row| &*row.type_text),
        );
        for row in &rows {
            signals.learn_type(&row.type_text);
            if let Some(description) = &row.description {
                signals.learn_description(description);
            }
        }
        let fresh = PageParser::new(self.file, self.text);
        Step::Struct(Pending {
            parser: std::mem::replace(self, fresh),
            model,
            rows,
            sections,
        })
    }

    fn not_a_model_page(&self) -> PageOutcome {
        PageOutcome::Skipped(
            Diagnostic::note(
                DiagnosticKind::NotAModelPage,
                "not a model page: it has no `## Properties` table; skipped",
            )
            .at(self.location(0)),
        )
    }

    /// A page that declares an enum and no properties: a model that is an enum.
    fn enum_page(&mut self, mut model: PageModel, section: &EnumSection) -> PageOutcome {
        match enums::section_values(section) {
            enums::SectionValues::Strings(values) => {
                model.kind = ModelKind::Enum;
                model.enums.push(PageEnum {
                    name: model.name.clone(),
                    field: None,
                    description: model.description.clone(),
                    values,
                    source: section.source.clone(),
                });
                PageOutcome::Model(model)
            }
            enums::SectionValues::Plain(_) => PageOutcome::Skipped(
                Diagnostic::warning(
                    DiagnosticKind::Malformed,
                    format!("`{}` is an enum of numbers or of no value, which mdmodels does not generate; skipped", model.name),
                )
                .at(section.source.clone())
                .with_help(format!("fields of type `{}` hold the JSON value as sent", model.name)),
            ),
        }
    }

    /// The values an enum section lists, from its table or its bullets.
    fn enum_section(&self, section: &EnumOutline) -> EnumSection {
        let mut values: Vec<RawValue> = Vec::new();
        if let Some(head) = &section.table_head {
            let header = first_line(&self.text[head.clone()]);
            let outer_pipes = has_outer_pipes(header);
            let names = column_names(header, outer_pipes);
            let find = |wanted: &str| names.iter().position(|name| name.eq_ignore_ascii_case(wanted));
            let name_column = find("name").unwrap_or(0);
            let value_column = find("value").unwrap_or(1);
            for row in &section.table_rows {
                let row = first_line(&self.text[row.start..]);
                let cells = split_row(row, outer_pipes);
                if let Some(value) = cells.get(value_column) {
                    let name = cells.get(name_column).map_or("", |cell| cell.text);
                    values.push(enums::table_value(name, value.text));
                }
            }
        }
        for item in &section.items {
            let text = self.text[item.clone()].lines().map(str::trim).collect::<Vec<_>>().join(" ");
            values.extend(enums::bullet_value(&text));
        }
        for block in &section.code_blocks {
            let bullets = self.text[block.clone()].lines().map(str::trim).filter(|line| line.starts_with(['*', '-']));
            values.extend(bullets.filter_map(enums::bullet_value));
        }
        EnumSection {
            name: section.name.clone(),
            values,
            source: self.location(section.heading_at),
        }
    }
    /// Finds the columns by header name; the order may vary.
    fn columns(&mut self, head: std::ops::Range<usize>) -> Option<Columns> {
        let header = first_line(&self.text[head.clone()]);
        let names = column_names(header, has_outer_pipes(header));
        let find = |wanted: &str| names.iter().position(|name| name.eq_ignore_ascii_case(wanted));
        let (name, ty) = (find("name"), find("type"));
        let (Some(name), Some(ty)) = (name, ty) else {
            let missing = if name.is_none() { "Name" } else { "Type" };
            self.error_at(
                head.start,
                DiagnosticKind::Malformed,
                &format!("the properties table has no `{missing}` column"),
                "the header must name the columns `Name`, `Type`, `Description` and `Notes`",
            );
            return None;
        };
        Some(Columns {
            name,
            ty,
            description: find("description"),
            notes: find("notes"),
            count: names.len(),
        })
    }

    /// One row of the properties table as text, or `None` for a decoration row.
    fn row(&mut self, row_start: usize, columns: Columns, outer_pipes: bool) -> Option<Row<'a>> {
        let text = self.text;
        let row = first_line(&text[row_start..]);
        // A line without a `|` under a table is a GFM "lazy" row, not a field
        // (SailPoint pages close their table with a stray `}`).
        if is_decoration(trimmed(row)) || !row.contains('|') {
            return None;
        }
        let row_cells = split_row(row, outer_pipes);
        let Some(cells) = assign_cells(&row_cells, columns) else {
            self.error_at(
                row_start,
                DiagnosticKind::Malformed,
                &format!(
                    "this row has {} cells but the table has {} columns, so it has no {}",
                    row_cells.len(),
                    columns.count,
                    if row_cells.len() <= columns.name { "Name cell" } else { "Type cell" },
                ),
                "each row needs a Name and a Type cell; check for a missing `|`",
            );
            return None;
        };
        if let Some(missing) = columns.count.checked_sub(row_cells.len()).filter(|&missing| missing > 0) {
            self.diagnostics.push(
                Diagnostic::warning(
                    DiagnosticKind::Malformed,
                    format!(
                        "this row has {} cells but the table has {} columns; the last {missing} are taken as empty",
                        row_cells.len(),
                        columns.count
                    ),
                )
                .at(self.location(row_start + row.len()))
                .with_source_line(row)
                .with_help("add the missing cells (`| |`), or a Notes cell such as `[optional]` is read from the wrong column"),
            );
        }
        let name_cell = cells.name;
        let doc_name = inline_text(name_cell.text).0.into_owned();
        if doc_name.contains('\u{fffd}') {
            self.error_at(
                row_start + cell_start(&name_cell),
                DiagnosticKind::Encoding,
                &format!("the field name `{doc_name}` holds U+FFFD, which stands for bytes that are not UTF-8"),
                "re-encode the page as UTF-8: the field's JSON name cannot be known from it",
            );
            return None;
        }
        if doc_name.is_empty() {
            self.error_at(
                row_start + cell_start(&name_cell),
                DiagnosticKind::Malformed,
                "this row has an empty Name cell",
                "write the field name in the first cell, e.g. `**id**`",
            );
            return None;
        }
        let type_cell = cells.ty;
        let type_at = row_start + cell_start(&type_cell);
        let (type_text, link) = inline_text(type_cell.text);
        let type_text = without_unclosed_link(type_text);
        if type_text.is_empty() {
            self.error_at(
                type_at,
                DiagnosticKind::Malformed,
                &format!("field `{doc_name}` has an empty Type cell"),
                "write the field's type, e.g. `str` or `list[Segment]`",
            );
            return None;
        }
        let notes = cells.notes.map(|cell| decode_entities(trimmed(cell)));
        let description = cells
            .description
            .map(|text| shown_text(trimmed(&text)))
            .filter(|text| !text.is_empty());
        Some(Row {
            doc_name,
            name_at: row_start + cell_start(&name_cell),
            type_text,
            type_cell: row_start + type_cell.offset..row_start + type_cell.offset + type_cell.text.len(),
            link,
            description,
            notes,
        })
    }

    /// A field from a row, its type read in the grammar of the page's
    /// language, and the values of an inline enum type (`Enum [ 'a', 'b' ]`),
    /// which the field's type names (`finish` makes the enum).
    fn field(
        &mut self,
        row: Row<'_>,
        language: Language,
        context: &WireContext<'_>,
    ) -> Option<(PageField, Option<Vec<String>>)> {
        let Row { doc_name, name_at, type_text, type_cell: cell_range, link: _, description, notes } = row;
        let type_cell = &self.text[cell_range.clone()];
        let type_at = cell_range.start + (type_cell.len() - type_cell.trim_start().len());
        // swagger-codegen's PHP docs write a link they never finish around
        // a whole type, `[**\DateTime**]`: PHP writes lists `T[]`.
        let type_text = match language {
            Language::Php => without_link_brackets(type_text),
            _ => type_text,
        };
        let inline = enums::inline_values(&type_text);
        let parsed = match inline {
            Some(_) => Ok(TypeExpr::Enum(enums::qualified_name(context.model, &doc_name))),
            None => type_expr::parse_type(&type_text, language),
        };
        let ty = match parsed {
            Ok(ty) => ty,
            Err(error) => {
                // Point into the type where the cell spells it out as written
                // (inside `**...**` or a link too); else at the cell.
                let at = match type_cell.find(&*type_text) {
                    Some(position) => cell_range.start + position + error.offset,
                    None => type_at,
                };
                self.error_at(
                    at,
                    DiagnosticKind::BadType,
                    &format!("cannot parse the type `{type_text}` of field `{doc_name}`: {}", error.message),
                    "types are those of the page's SDK language (`str`, `list[T]`, `dict(str, T)`, `List<T>`, `Map<String, T>`, `[]T`, `map[string]T`, `[T]`, `Array<T>`...) or a model name",
                );
                return None;
            }
        };
        let ty = match &description {
            Some(text) if language.has_ambiguous_dates() && says_date_only(text) => ty.dates_only(),
            _ => ty,
        };
        // A reference is reported at the name it refers to, where the cell
        // spells it out; else at the cell's text.
        let named = match inline {
            Some(_) => Some(&*type_text),
            None => ty.referenced_model(),
        };
        let type_at = match named.and_then(|name| type_cell.find(name)) {
            Some(position) => cell_range.start + position,
            None => type_at,
        };
        let context = WireContext { description: description.as_deref(), ..*context };
        let (wire_name, wire_source) = naming::field_wire_name(&doc_name, &context);
        let field = PageField {
            wire_name,
            wire_source,
            doc_name,
            ty,
            description,
            // A table without a Notes column (typescript-fetch) says
            // nothing of presence: optional accepts every payload.
            required: notes.as_deref().is_some_and(|notes| !has_note(notes, "[optional]")),
            default: notes.as_deref().and_then(default_note),
            readonly: notes.as_deref().is_some_and(|notes| has_note(notes, "[readonly]")),
            type_column: self.column(type_at),
            source: self.location(name_at),
        };
        Some((field, inline))
    }

    fn error_at(&mut self, offset: usize, kind: DiagnosticKind, message: &str, help: &str) {
        let diagnostic = Diagnostic::error(kind, message)
            .at(self.location(offset))
            .with_source_line(self.line_text(offset))
            .with_help(help);
        self.diagnostics.push(diagnostic);
    }

    fn line_of(&self, offset: usize) -> (usize, usize) {
        let mut lines = self.lines.get();
        let line = lines.line_of(self.text, offset);
        self.lines.set(lines);
        line
    }

    /// The 1-based character column of `offset` on its line.
    fn column(&self, offset: usize) -> u32 {
        let (_, line_start) = self.line_of(offset);
        (self.text[line_start..offset].chars().count() + 1) as u32
    }

    fn location(&self, offset: usize) -> SourceLocation {
        let (line, line_start) = self.line_of(offset);
        let column = self.text[line_start..offset].chars().count() + 1;
        SourceLocation {
            file: self.file.to_string(),
            line: (line + 1) as u32,
            column: column as u32,
        }
    }

    fn line_text(&self, offset: usize) -> String {
        let (_, line_start) = self.line_of(offset);
        first_line(&self.text[line_start..]).to_string()
    }
}

impl<'a> Pending<'a> {
    /// The second pass: types read in the language decided for the page,
    /// wire names named with its set's acronyms and quoted keys.
    fn finish(self, language: Language, decision: &SetDecision, signals: &PageSignals) -> ParsedPage {
        let Pending { mut parser, mut model, rows, sections } = self;
        let context = WireContext {
            language,
            model: &model.name,
            vocabulary: &decision.vocabulary,
            quoted: &signals.quoted,
            description: None,
            wire_case: decision.wire_case,
        };
        let mut fields = Vec::with_capacity(rows.len());
        let mut links = Vec::with_capacity(rows.len());
        let mut inline_enums = Vec::new();
        for mut row in rows {
            let link = row.link.take();
            if let Some((field, inline)) = parser.field(row, language, &context) {
                if let Some(values) = inline {
                    inline_enums.push(enums::inline_enum(&model.name, &field, values));
                }
                fields.push(field);
                links.push(link);
            }
        }
        model.fields = fields;
        if parser.diagnostics.iter().any(Diagnostic::is_error) {
            return parser.done(PageOutcome::Failed(Some(FailedModel {
                name: model.name,
                source: model.source,
            })));
        }
        let (mut enums, unused) = enums::link_fields(&model.name, &mut model.fields, &links, &sections);
        enums.extend(inline_enums);
        for index in unused {
            let section = &sections[index];
            let name = section.name.as_deref().unwrap_or("Enum");
            // A note: TypeScript pages document enums their `string` fields
            // do not name.
            parser.diagnostics.push(
                Diagnostic::note(
                    DiagnosticKind::Malformed,
                    format!("the enum `{name}` of model `{}` is used by no field, so it is not emitted", model.name),
                )
                .at(section.source.clone())
                .with_help(format!("a field whose type is `{name}` uses it")),
            );
        }
        model.enums = enums;
        parser.done(PageOutcome::Model(model))
    }
}


/// A row's cells assigned to the table's columns.
struct RowCells<'a> {
    name: Cell<'a>,
    ty: Cell<'a>,
    /// The description, rejoined when an unescaped `|` split it.
    description: Option<Cow<'a, str>>,
    notes: Option<&'a str>,
}

/// Assigns cells to columns. Extra cells come from unescaped `|` in the
/// description: the columns before the description take cells from the
/// start, those after it from the end, and the description the rest.
fn assign_cells<'a>(cells: &[Cell<'a>], columns: Columns) -> Option<RowCells<'a>> {
    let extra = cells.len().saturating_sub(columns.count);
    let index_of = |column: usize| match columns.description {
        Some(description) if column > description => column + extra,
        _ => column,
    };
    let name = cells.get(index_of(columns.name))?.clone();
    let ty = cells.get(index_of(columns.ty))?.clone();
    let description = columns.description.and_then(|column| {
        match cells.get(column..=column + extra)? {
            [part] => Some(Cow::Borrowed(part.text)),
            parts => Some(Cow::Owned(parts.iter().map(|cell| cell.text).collect::<Vec<_>>().join("|"))),
        }
    });
    let notes = columns
        .notes
        .and_then(|column| cells.get(index_of(column)))
        .map(|cell| cell.text);
    Some(RowCells {
        name,
        ty,
        description,
        notes,
    })
}

/// Offset of a cell's first non-blank character in its row.
/// For a blank cell, the first space after its opening `|`.
fn cell_start(cell: &Cell<'_>) -> usize {
    if trimmed(cell.text).is_empty() {
        cell.offset
    } else {
        cell.offset + (cell.text.len() - cell.text.trim_start().len())
    }
}

fn first_line(text: &str) -> &str {
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// Lines that decorate a page without meaning anything: kramdown attribute
/// lists (`{: class="table"}`), the SDK footer (`_PureCloudPlatformClientV2 1.0_`),
/// navigation links (`[[Back to Model list]](...)`).
fn is_decoration(text: &str) -> bool {
    text.starts_with("{:")
        || text.starts_with("[[Back to")
        || (text.starts_with('_') && text.ends_with('_') && !text.contains('\n'))
}

/// The model name a heading gives: `ININ.PureCloudApi.Model.Call` and
/// `PureCloud::Call` name the model `Call`.
fn model_name(heading: &str) -> String {
    // PHP's template writes `# # Call`.
    let heading = heading.trim().trim_start_matches('#').trim();
    let last = heading.rsplit("::").next().unwrap_or(heading);
    last.rsplit('.').next().unwrap_or(last).trim().to_string()
}

fn is_model_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The value of a `[default to X]` note.
fn default_note(notes: &str) -> Option<String> {
    let start = note_at(notes, "[default to ")? + "[default to ".len();
    let end = notes[start..].rfind(']')? + start;
    // TypeScript docs say `[default to undefined]` of every field.
    Some(notes[start..end].trim().to_string()).filter(|value| value != "undefined")
}

/// Whether the Notes cell has a note (`[optional]`).
fn has_note(notes: &str, note: &str) -> bool {
    note_at(notes, note).is_some()
}

/// Where a note that starts with `[` first is in the Notes cell. Notes are
/// short and have few brackets: looking at each is cheaper than a substring
/// search.
fn note_at(notes: &str, note: &str) -> Option<usize> {
    notes.match_indices('[').map(|(at, _)| at).find(|&at| notes[at..].starts_with(note))
}

/// The shown text of each cell of a header row.
fn column_names(header: &str, outer_pipes: bool) -> Vec<Cow<'_, str>> {
    split_row(header, outer_pipes).iter().map(|cell| inline_text(cell.text).0).collect()
}

/// `Pointer to [time.Time`: an older Go template opens a link it never
/// closes. A `[` before a name, with no `]` anywhere, is that bracket.
fn without_unclosed_link(type_text: Cow<'_, str>) -> Cow<'_, str> {
    if type_text.contains(']') {
        return type_text;
    }
    match type_text.find('[') {
        Some(at)
            if (at == 0 || type_text[..at].ends_with(' '))
                && type_text[at + 1..].starts_with(|c: char| c.is_alphabetic())
                && type_text[at + 1..].chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | ' ')) =>
        {
            Cow::Owned(format!("{}{}", &type_text[..at], &type_text[at + 1..]))
        }
        _ => type_text,
    }
}

/// `[\DateTime]`: on a PHP page, brackets around a whole type are a link
/// the template never finished (PHP lists are `T[]`, maps `map[string,T]`).
fn without_link_brackets(type_text: Cow<'_, str>) -> Cow<'_, str> {
    match type_text.trim().strip_prefix('[').and_then(|inner| inner.strip_suffix(']')) {
        Some(inner) if !inner.is_empty() && !inner.contains(['[', ']', ':']) => Cow::Owned(inner.trim().to_string()),
        _ => type_text,
    }
}

/// Whether a description gives a date-only format (`yyyy-MM-dd`, not
/// `yyyy-MM-ddTHH:mm:ss`): the clue that tells a date from a date-time in
/// SDKs whose one type holds both (Swift `Date`, PHP `\DateTime`, C#
/// `DateTime`, Java's `Date`).
fn says_date_only(description: &str) -> bool {
    let mut found = false;
    for (at, pattern) in description.match_indices("yyyy-MM-dd") {
        let next = description[at + pattern.len()..].chars().next();
        if matches!(next, Some('T' | '\'' | '"')) || description[at + pattern.len()..].starts_with(" HH") {
            return false;
        }
        found = true;
    }
    found
}

#[cfg(test)]
mod tests;

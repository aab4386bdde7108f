//! Where a page's parts are: title, description, properties table, enum
//! sections, found from pulldown-cmark's events.
//!
//! Most of a model page is its properties table, whose rows `cells` splits
//! from source anyway. So pulldown-cmark reads the page only up to the end of
//! the table's delimiter row (and its events only up to the table's head),
//! `table_body` collects the rows by the rule pulldown-cmark ends a GFM table
//! with, and pulldown-cmark reads the rest of the page only if the outline
//! still needs it (enum sections). That outline is the one of the whole page
//! read by pulldown-cmark (`full_outline`, which the tests compare it with);
//! when the cheap way cannot be sure of it, the whole page is read.

use std::ops::{ControlFlow, Range};

use memchr::memmem;
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{enums, headings, is_decoration, table_body};

const OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);

#[derive(Debug, Default, PartialEq)]
pub(super) struct PageOutline {
    pub title: Option<(String, usize)>,
    pub first_heading: Option<(String, usize)>,
    pub description: Vec<String>,
    pub properties_heading: Option<usize>,
    /// Source ranges of the properties table's head and rows.
    pub table_head: Option<Range<usize>>,
    pub table_rows: Vec<Range<usize>>,
    /// `## Enum` and `## Enum: Name` sections, in page order.
    pub enum_sections: Vec<EnumOutline>,
}

/// Where an enum section's parts are.
#[derive(Debug, PartialEq)]
pub(super) struct EnumOutline {
    pub name: Option<String>,
    pub heading_at: usize,
    pub table_head: Option<Range<usize>>,
    pub table_rows: Vec<Range<usize>>,
    pub items: Vec<Range<usize>>,
    /// Indented code blocks, whose lines may be bullets (Kotlin).
    pub code_blocks: Vec<Range<usize>>,
}

/// The outline of a page that may be a model page; `None` for a page with
/// no heading that a model page has (`Properties`, `Enum`), which is no
/// model page whatever else it holds.
pub(super) fn outline(text: &str) -> Option<PageOutline> {
    if !headings::may_have_model_heading(text) {
        return None;
    }
    Some(outline_around_table(text).unwrap_or_else(|| full_outline(text)))
}

/// The outline from pulldown-cmark's reading of the whole page.
pub(super) fn full_outline(text: &str) -> PageOutline {
    let mut builder = OutlineBuilder::new(text);
    let _ = builder.events(Parser::new_ext(text, OPTIONS).into_offset_iter(), 0);
    builder.outline
}

/// The outline read in three parts: pulldown-cmark up to the head of the
/// properties table, the table's body scanned, pulldown-cmark after it.
/// `None` when the parts might not read as the whole page does.
pub(super) fn outline_around_table(text: &str) -> Option<PageOutline> {
    // A link reference definition anywhere changes how brackets read
    // everywhere (a heading's text), so each part would need the others.
    if memmem::find(text.as_bytes(), b"]:").is_some() {
        return None;
    }
    let delimiter_row = table_body::properties_delimiter_row(text)?;
    let body_start = delimiter_row.end;
    let mut builder = OutlineBuilder::new(text);
    let mut events = Parser::new_ext(&text[..body_start], OPTIONS).into_offset_iter();
    // The events up to the table that reaches the cut. Its range is the
    // whole table, and its head's cells are not needed.
    let mut open = 0usize;
    let (table, columns) = loop {
        let (event, range) = events.next()?;
        if may_open_front_matter(text, &event, &range) {
            return None;
        }
        let table_at_cut = match &event {
            Event::Start(Tag::Table(alignments)) if range.end == body_start => Some(alignments.len()),
            _ => None,
        };
        let at = range.clone();
        match event {
            Event::Start(_) => open += 1,
            Event::End(_) => open -= 1,
            _ => {}
        }
        if builder.event(event, range).is_break() {
            return Some(builder.outline);
        }
        if let Some(columns) = table_at_cut {
            break (at, columns);
        }
    };
    // Outside any container (whose lines its rows would have to continue),
    // and starting at the row above the delimiter row: no rows before it.
    let (Event::Start(Tag::TableHead), head) = events.next()? else {
        return None;
    };
    if open > 1 || head.end != delimiter_row.start {
        return None;
    }
    let _ = builder.event(Event::Start(Tag::TableHead), head);
    let body = table_body::scan(text, body_start)?;
    if !fills_few_cells(columns, body.rows.len()) {
        return None;
    }
    let _ = builder.body_and_rest(&body, table.start);
    Some(builder.outline)
}

/// Blocks before the table read the same when the page is cut after its
/// delimiter row, since a block's end does not depend on what follows it;
/// all but one kind: `---` followed, anywhere later, by a closing `---` or
/// `...` is front matter to pulldown-cmark (wherever it is), not a rule.
fn may_open_front_matter(text: &str, event: &Event<'_>, range: &Range<usize>) -> bool {
    matches!(event, Event::Rule) && text[range.clone()].trim() == "---"
}

/// pulldown-cmark stops filling the missing cells of short rows after
/// 2^18 of them, and ends the table there; far from any real table, so
/// a table that could reach it is read whole.
fn fills_few_cells(columns: usize, body_rows: usize) -> bool {
    const MAX_FILLED_CELLS: usize = 1 << 18;
    columns.saturating_mul(body_rows + 2) < MAX_FILLED_CELLS
}

/// The section of the page the events are in.
#[derive(Clone, Copy, PartialEq)]
enum Section {
    /// Before the first heading, or under the model's heading(s).
    Head,
    Properties,
    /// The enum section with this index.
    Enum(usize),
    /// Any other section (`## Example`, `## Methods`...): ignored.
    Other,
}

/// Builds the outline from the page's events, in page order. Of a table's
/// body it reads only where each row starts.
struct OutlineBuilder<'a> {
    text: &'a str,
    outline: PageOutline,
    heading: Option<(String, usize)>,
    in_metadata: bool,
    section: Section,
    in_table: bool,
    table_done: bool,
    in_admonition: bool,
    list_depth: usize,
}

impl<'a> OutlineBuilder<'a> {
    fn new(text: &'a str) -> Self {
        OutlineBuilder {
            text,
            outline: PageOutline::default(),
            heading: None,
            in_metadata: false,
            section: Section::Head,
            in_table: false,
            table_done: false,
            in_admonition: false,
            list_depth: 0,
        }
    }

    /// The rows of a table's body, the table's end, and pulldown-cmark's
    /// events of the rest of the page.
    fn body_and_rest(&mut self, body: &table_body::TableBody, table_start: usize) -> ControlFlow<()> {
        for row in &body.rows {
            self.event(Event::Start(Tag::TableRow), row.clone())?;
        }
        self.event(Event::End(TagEnd::Table), table_start..body.end)?;
        // Where a table ends, no block is open: the rest reads as a page
        // of its own would.
        let rest = &self.text[body.end..];
        self.events(Parser::new_ext(rest, OPTIONS).into_offset_iter(), body.end)
    }

    /// Events whose ranges are relative to `offset` in the page.
    fn events<'e>(&mut self, events: impl IntoIterator<Item = (Event<'e>, Range<usize>)>, offset: usize) -> ControlFlow<()> {
        for (event, range) in events {
            self.event(event, range.start + offset..range.end + offset)?;
        }
        ControlFlow::Continue(())
    }

    /// Takes one event; `Break` when nothing after it is used.
    fn event(&mut self, event: Event<'_>, range: Range<usize>) -> ControlFlow<()> {
        let outline = &mut self.outline;
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => self.in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_metadata = false,
            Event::Text(text) if self.in_metadata => {
                for line in text.lines() {
                    if let Some(title) = line.trim().strip_prefix("title:") {
                        let title = title.trim().trim_matches(|c| c == '"' || c == '\'');
                        outline.title = Some((title.to_string(), range.start));
                    }
                }
            }
            Event::Start(Tag::Heading { .. }) => self.heading = Some((String::new(), range.start)),
            Event::Text(text) | Event::Code(text) if self.heading.is_some() => {
                if let Some((buffer, _)) = self.heading.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((text, start)) = self.heading.take() else {
                    return ControlFlow::Continue(());
                };
                let text = text.trim();
                self.table_done = false;
                self.section = if text.eq_ignore_ascii_case("properties") {
                    if outline.properties_heading.is_some() {
                        Section::Other
                    } else {
                        outline.properties_heading = Some(start);
                        Section::Properties
                    }
                } else if let Some(name) = enums::section_name(text) {
                    outline.enum_sections.push(EnumOutline {
                        name,
                        heading_at: start,
                        table_head: None,
                        table_rows: Vec::new(),
                        items: Vec::new(),
                        code_blocks: Vec::new(),
                    });
                    Section::Enum(outline.enum_sections.len() - 1)
                } else if self.section == Section::Head && !text.is_empty() {
                    if outline.first_heading.is_none() {
                        outline.first_heading = Some((text.to_string(), start));
                    }
                    Section::Head
                } else {
                    Section::Other
                };
            }
            Event::Start(Tag::Paragraph) if self.section == Section::Head && outline.first_heading.is_some() => {
                let paragraph = self.text[range].trim();
                // Admonitions (`:::error` ... `:::`) are decoration.
                let closes = paragraph.lines().count() > 1 && paragraph.lines().last().map(str::trim) == Some(":::");
                if self.in_admonition {
                    self.in_admonition = !(closes || paragraph == ":::");
                    return ControlFlow::Continue(());
                }
                if paragraph.starts_with(":::") {
                    self.in_admonition = !closes;
                    return ControlFlow::Continue(());
                }
                if !is_decoration(paragraph) {
                    outline.description.push(paragraph.to_string());
                }
            }
            Event::Start(Tag::Table(_)) if !self.table_done && matches!(self.section, Section::Properties | Section::Enum(_)) => {
                self.in_table = true;
            }
            Event::End(TagEnd::Table) if self.in_table => {
                self.in_table = false;
                self.table_done = true;
                // Nothing after the properties table but enum sections is
                // used: a page with a long appendix (or a 50 MB tail)
                // costs no more than its table.
                if self.section == Section::Properties && !self.text[range.end..].contains("Enum") {
                    return ControlFlow::Break(());
                }
            }
            Event::Start(Tag::TableHead) if self.in_table => match self.section {
                Section::Enum(index) => outline.enum_sections[index].table_head = Some(range),
                _ => outline.table_head = Some(range),
            },
            Event::Start(Tag::TableRow) if self.in_table => match self.section {
                Section::Enum(index) => outline.enum_sections[index].table_rows.push(range),
                _ => outline.table_rows.push(range),
            },
            Event::Start(Tag::List(_)) => self.list_depth += 1,
            Event::End(TagEnd::List(_)) => self.list_depth = self.list_depth.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => {
                if let Section::Enum(index) = self.section {
                    outline.enum_sections[index].code_blocks.push(range);
                }
            }
            Event::Start(Tag::Item) if self.list_depth == 1 => {
                if let Section::Enum(index) = self.section {
                    outline.enum_sections[index].items.push(range);
                }
            }
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

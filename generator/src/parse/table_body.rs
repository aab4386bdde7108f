//! The body of a GFM table outside any container, found line by line the
//! way pulldown-cmark 0.13 finds it (`FirstPass::parse_table_row`), without
//! building the tree of every cell.
//!
//! After the delimiter row, each line is a row until a blank line, a line
//! that starts another block (heading, fence, block quote, list item,
//! thematic break, HTML block) or a line of a lone `|`. A line without a `|`
//! is a row too (GFM's "lazy" row). Lines that would need more of
//! CommonMark to classify make the scan give up.

use std::ops::Range;

use memchr::{memchr, memchr2, memmem};

/// The rows of a table body and where the table ends.
#[derive(Debug, PartialEq)]
pub struct TableBody {
    /// Each row from its first non-blank byte through its line ending, as
    /// pulldown-cmark's `TableRow` events range.
    pub rows: Vec<Range<usize>>,
    /// The start of the line that ends the table, or the end of the text.
    pub end: usize,
}

/// A guess at the properties table's delimiter row (`|---|---|`), line
/// ending included: the first under a row with a `|`, below the first
/// mention of `Properties`. `None` when there is no such row, or nothing
/// after it.
pub fn properties_delimiter_row(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mention = memmem::find(bytes, b"Properties")?;
    let mut at = mention + memchr(b'\n', &bytes[mention..])? + 1;
    let mut above_has_pipe = false;
    while at < bytes.len() {
        let end = memchr(b'\n', &bytes[at..]).map(|index| at + index + 1)?;
        let line = &bytes[at..end];
        if above_has_pipe && is_delimiter_row(line) {
            return (end < bytes.len()).then_some(at..end);
        }
        above_has_pipe = memchr(b'|', line).is_some();
        at = end;
    }
    None
}

/// `|------ | :---: |`: dashes, colons and spaces between pipes.
fn is_delimiter_row(line: &[u8]) -> bool {
    let line = line.trim_ascii();
    line.contains(&b'-') && line.contains(&b'|') && line.iter().all(|byte| matches!(byte, b'|' | b'-' | b':' | b' '))
}

/// The body of the table whose delimiter row ends at `body_start`; `None`
/// when a line is one this scan does not classify.
pub fn scan(text: &str, body_start: usize) -> Option<TableBody> {
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut at = body_start;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (content, line_ending) = match memchr2(b'\n', b'\r', rest) {
            Some(end) if rest[end] == b'\n' => (end, 1),
            Some(end) if rest.get(end + 1) == Some(&b'\n') => (end, 2),
            // A lone CR ends a line too.
            Some(_) => return None,
            None => (rest.len(), 0),
        };
        let line = &rest[..content];
        match body_line(line) {
            BodyLine::Row { indent } => rows.push(at + indent..at + content + line_ending),
            BodyLine::End => return Some(TableBody { rows, end: at }),
            BodyLine::Unsure => return None,
        }
        at += content + line_ending;
    }
    Some(TableBody { rows, end: bytes.len() })
}

/// What a line under a table is.
#[derive(Debug, PartialEq)]
enum BodyLine {
    /// A row, starting after `indent` bytes of spaces and tabs.
    Row { indent: usize },
    /// Not a row: the table ends before it.
    End,
    /// A line this scan leaves to pulldown-cmark: an HTML block may start
    /// here, or an odd blank.
    Unsure,
}

/// Classifies one line (without its line ending) under a table.
fn body_line(line: &[u8]) -> BodyLine {
    let indent = line.iter().take_while(|&&byte| byte == b' ' || byte == b'\t').count();
    let rest = &line[indent..];
    let Some(&first) = rest.first() else {
        return BodyLine::End;
    };
    let row = BodyLine::Row { indent };
    let ends_table = match first {
        // A lone `|` is a row without cells, which ends the table.
        b'|' => rest[1..].iter().all(|&byte| is_blank(byte)),
        b'>' => true,
        b'*' | b'-' | b'_' | b'+' => is_thematic_break(rest) || (first != b'_' && is_list_marker_end(rest.get(1))),
        b'0'..=b'9' => {
            let digits = rest.iter().take(9).take_while(|byte| byte.is_ascii_digit()).count();
            matches!(rest.get(digits), Some(b'.' | b')')) && is_list_marker_end(rest.get(digits + 1))
        }
        b'#' => opens_atx_heading(rest),
        b'`' | b'~' => opens_code_fence(rest),
        b'<' | 0x0b | 0x0c => return BodyLine::Unsure,
        _ => false,
    };
    if ends_table {
        BodyLine::End
    } else {
        row
    }
}

/// Space, tab, vertical tab or form feed.
fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | 0x0b | 0x0c)
}

/// A list marker is followed by a space, a tab or the line's end.
fn is_list_marker_end(next: Option<&u8>) -> bool {
    next.is_none_or(|&byte| byte == b' ' || byte == b'\t')
}

/// `***`, `- - -`, `___`: three or more of one of `*-_`, and spaces or tabs.
fn is_thematic_break(rest: &[u8]) -> bool {
    let mark = rest[0];
    matches!(mark, b'*' | b'-' | b'_')
        && rest.iter().all(|&byte| byte == mark || byte == b' ' || byte == b'\t')
        && rest.iter().filter(|&&byte| byte == mark).count() >= 3
}

/// `#` to `######`, then a blank or the line's end.
fn opens_atx_heading(rest: &[u8]) -> bool {
    let level = rest.iter().take_while(|&&byte| byte == b'#').count();
    level <= 6 && rest.get(level).is_none_or(|&byte| is_blank(byte))
}

/// Three or more backticks (with no backtick after them on the line), or tildes.
fn opens_code_fence(rest: &[u8]) -> bool {
    let mark = rest[0];
    let run = rest.iter().take_while(|&&byte| byte == mark).count();
    run >= 3 && (mark == b'~' || !rest[run..].contains(&b'`'))
}

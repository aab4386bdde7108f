//! Table rows split into cells, and cells reduced to the text they show.
//!
//! Rows are split from their source text rather than taken from the Markdown
//! parser's cells, because GFM drops the cells past the header's count, and a
//! description with an unescaped `|` makes exactly such a row.

/// A cell: its text as written and its byte offset in the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    pub text: &'a str,
    pub offset: usize,
}

/// Splits one table row on unescaped `|`.
///
/// `outer_pipes` says whether the table's header starts with `|`. With outer
/// pipes, the leading and trailing pipes are delimiters; without them, a
/// trailing `| ` still closes an (empty) last cell.
pub fn split_row(row: &str, outer_pipes: bool) -> Vec<Cell<'_>> {
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (index, byte) in row.bytes().enumerate() {
        match byte {
            b'\\' if !escaped => escaped = true,
            b'|' if !escaped => {
                cells.push(Cell { text: &row[start..index], offset: start });
                start = index + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(Cell { text: &row[start..], offset: start });

    if outer_pipes {
        if cells.len() > 1 && cells[0].text.trim().is_empty() {
            cells.remove(0);
        }
        if cells.len() > 1 && cells.last().is_some_and(|cell| cell.text.trim().is_empty()) {
            cells.pop();
        }
    }
    cells
}

/// Whether a header row uses outer pipes (`|Name | Type |`).
pub fn has_outer_pipes(header: &str) -> bool {
    header.trim_start().starts_with('|')
}

/// The text a Name or Type cell shows, and the target of its link if any:
/// `[**list[Segment]**](Segment.html)` -> (`list[Segment]`, `Segment.html`).
pub fn inline_text(cell: &str) -> (String, Option<String>) {
    let without_html = strip_html(cell);
    let mut text = strip_emphasis(without_html.trim());
    let mut link = None;
    if let Some((label, target)) = split_link(&text) {
        link = Some(target.to_string());
        text = strip_emphasis(label.trim());
    }
    (unescape(&decode_entities(text.trim())), link)
}

/// Decodes HTML entities (`&#39;`, `&quot;`, `&lt;`, `&#x3D;`).
pub fn decode_entities(text: &str) -> String {
    if text.contains('&') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_string()
    }
}

/// Removes Markdown backslash escapes (`\|` -> `|`, `\_` -> `_`).
pub fn unescape(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Drops HTML comments (`<!---->`) and tags (`<a name="X"></a>`).
fn strip_html(text: &str) -> String {
    if !text.contains('<') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        if let Some(body) = after.strip_prefix("<!--") {
            match body.find("-->") {
                Some(end) => rest = &body[end + 3..],
                None => return out,
            }
        } else if after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            match after.find('>') {
                Some(end) => rest = &after[end + 1..],
                None => {
                    out.push_str(after);
                    return out;
                }
            }
        } else {
            out.push('<');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Removes emphasis and code markers around a cell: `**x**`, `__x__`, `*x*`, `` `x` ``.
fn strip_emphasis(text: &str) -> String {
    let mut current = text;
    loop {
        let stripped = ["**", "__", "*", "_", "`"].iter().find_map(|marker| {
            current
                .strip_prefix(marker)
                .and_then(|rest| rest.strip_suffix(marker))
                .filter(|inner| !inner.is_empty())
        });
        match stripped {
            Some(inner) => current = inner.trim(),
            None => return current.to_string(),
        }
    }
}

/// Splits `[label](target)` covering the whole text; brackets may nest in the label.
fn split_link(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix('[')?;
    let mut depth = 0usize;
    for (index, c) in rest.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth > 0 => depth -= 1,
            ']' => {
                let after = &rest[index + 1..];
                let target = after.strip_prefix('(')?.strip_suffix(')')?;
                return Some((&rest[..index], target));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(cells: &[Cell<'a>]) -> Vec<&'a str> {
        cells.iter().map(|cell| cell.text.trim()).collect()
    }

    #[test]
    fn rows_with_outer_pipes() {
        let row = "| **id** | **str** | The id. | [optional] |";
        assert_eq!(
            texts(&split_row(row, true)),
            ["**id**", "**str**", "The id.", "[optional]"]
        );
    }

    #[test]
    fn rows_without_outer_pipes_keep_an_empty_last_cell() {
        assert_eq!(
            texts(&split_row("**id** | **str** | | [optional]", false)),
            ["**id**", "**str**", "", "[optional]"]
        );
        assert_eq!(
            texts(&split_row("**id** | **str** | The id. | ", false)),
            ["**id**", "**str**", "The id.", ""]
        );
    }

    #[test]
    fn escaped_pipes_do_not_split() {
        let row = r"| **a** | str | one \| two | |";
        assert_eq!(texts(&split_row(row, true)), ["**a**", "str", r"one \| two", ""]);
    }

    #[test]
    fn cell_offsets_point_into_the_row() {
        let row = "| **id** | str |";
        let cells = split_row(row, true);
        assert_eq!(&row[cells[1].offset..cells[1].offset + cells[1].text.len()], " str ");
    }

    #[test]
    fn inline_text_of_the_page_variants() {
        assert_eq!(inline_text("**state**"), ("state".to_string(), None));
        assert_eq!(inline_text(" str "), ("str".to_string(), None));
        assert_eq!(inline_text("**list[str]**"), ("list[str]".to_string(), None));
        assert_eq!(
            inline_text("[**list[Segment]**](Segment.html)"),
            ("list[Segment]".to_string(), Some("Segment.html".to_string()))
        );
        assert_eq!(
            inline_text("[list[Segment]](Segment)"),
            ("list[Segment]".to_string(), Some("Segment".to_string()))
        );
        assert_eq!(
            inline_text("**[ErrorBody](ErrorBody.md)**"),
            ("ErrorBody".to_string(), Some("ErrorBody.md".to_string()))
        );
        assert_eq!(
            inline_text("<!---->[**X**](X.md)<!---->"),
            ("X".to_string(), Some("X.md".to_string()))
        );
        assert_eq!(inline_text("`dict(str, str)`"), ("dict(str, str)".to_string(), None));
        assert_eq!(inline_text("List&lt;String&gt;"), ("List<String>".to_string(), None));
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(decode_entities("can&#39;t &quot;x&quot; a&#x3D;b"), "can't \"x\" a=b");
        assert_eq!(unescape(r"a\_b \| c \q"), r"a_b | c \q");
    }
}

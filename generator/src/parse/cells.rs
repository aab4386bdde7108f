//! Table rows split into cells, and cells reduced to the text they show.
//!
//! Rows are split from their source text rather than taken from the Markdown
//! parser's cells, because GFM drops the cells past the header's count, and a
//! description with an unescaped `|` makes exactly such a row.

use std::borrow::Cow;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

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
    let bytes = row.as_bytes();
    // Rows have a handful of cells: one allocation for most.
    let mut cells = Vec::with_capacity(8);
    let mut start = 0;
    for index in memchr::memchr_iter(b'|', bytes) {
        // A pipe after an odd number of backslashes is escaped.
        let backslashes = bytes[..index].iter().rev().take_while(|&&byte| byte == b'\\').count();
        if backslashes % 2 == 0 {
            cells.push(Cell { text: &row[start..index], offset: start });
            start = index + 1;
        }
    }
    cells.push(Cell { text: &row[start..], offset: start });

    if outer_pipes {
        if cells.len() > 1 && trimmed(cells[0].text).is_empty() {
            cells.remove(0);
        }
        if cells.len() > 1 && cells.last().is_some_and(|cell| trimmed(cell.text).is_empty()) {
            cells.pop();
        }
    }
    cells
}

/// `str::trim`, without decoding characters at the ends when they are ASCII
/// that is no whitespace, as in nearly every cell. (`trim_ascii` keeps a
/// vertical tab, which `trim` removes, so it is checked for.)
pub fn trimmed(text: &str) -> &str {
    let ascii = text.trim_ascii();
    let plain_end = |byte: Option<&u8>| byte.is_none_or(|&byte| byte.is_ascii() && byte != 0x0b);
    if plain_end(ascii.as_bytes().first()) && plain_end(ascii.as_bytes().last()) {
        ascii
    } else {
        text.trim()
    }
}

/// Whether a header row uses outer pipes (`|Name | Type |`).
pub fn has_outer_pipes(header: &str) -> bool {
    header.trim_start().starts_with('|')
}

/// The text a Name or Type cell shows, and the target of its first link if
/// any: `[**list[Segment]**](Segment.html)` -> (`list[Segment]`, `Segment.html`),
/// `Pointer to [**Call**](Call.md)` -> (`Pointer to Call`, `Call.md`).
///
/// The cell is read as CommonMark inline content, the way a Markdown viewer
/// shows it: emphasis, code spans, links, entities and backslash escapes
/// anywhere in the cell. So `***os.File**` is `*os.File`, `[]T`, `[T]` and
/// `[String:T]` (brackets with no `(target)`) stay as written, and `_` inside
/// a word (`self_uri`) is not emphasis. HTML comments and tags (`<!---->`,
/// `<a name="X"></a>`) are dropped, except that `<Call>` and `<string>`, which
/// are no HTML element, are kept: they are the type arguments of an unescaped
/// `List<Call>`. The link target is only a hint; generators write it in many
/// ways (`X.md`, `#X`, `v1.ObjectMeta.md` for `V1ObjectMeta`, or empty).
///
/// Where generators and CommonMark disagree, the generators' meaning wins:
/// `]*T` (Go's `map[string]*T`) is a pointer, not the start of emphasis;
/// `\&quot;` is an escaped `"`; and a name in backticks that were written as
/// entities (Kotlin's `&#x60;object&#x60;`) is the name without them.
/// A cell that shows its text as written is returned as a slice of it.
pub fn inline_text(cell: &str) -> (Cow<'_, str>, Option<String>) {
    let cell = trimmed(cell);
    // Most cells are `str` or `**self_uri**`: no Markdown to read.
    let bold = unbolded(cell);
    if let Some(plain) = [Some(cell), bold].into_iter().flatten().find(|text| is_plain(text)) {
        return (Cow::Borrowed(trimmed(plain)), None);
    }
    // Nor do most links: `[**list[Segment]**](Segment)`.
    if let Some((label, target)) = simple_link(cell) {
        return (Cow::Borrowed(label), target);
    }
    let (text, link) = markdown_text(cell);
    (Cow::Owned(text), link)
}

/// The text and first link target of a cell, read by CommonMark.
fn markdown_text(cell: &str) -> (String, Option<String>) {
    // The prefix makes the cell the inside of a paragraph, so one that starts
    // like a block (`# `, `- `, `***`, `<!--`) stays inline. Its space counts
    // as the start of a line does for the rules of emphasis.
    const PREFIX: &str = "x ";
    let mut source = String::with_capacity(PREFIX.len() + cell.len() + 8);
    source.push_str(PREFIX);
    let mut previous = None;
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' => source.push(' '),
            // `\&quot;` is how generators write an escaped `"`; CommonMark
            // would show the entity's name.
            '\\' if chars.peek() == Some(&'&') => {}
            // Go's `map[string]*T`, `[]*T`: a pointer, not emphasis.
            '*' if previous == Some(']')
                && chars.peek().is_some_and(|&next| next.is_alphanumeric() || next == '_') =>
            {
                source.push_str("\\*");
            }
            _ => source.push(c),
        }
        previous = Some(c);
    }
    let mut text = String::with_capacity(source.len());
    let mut link = None;
    let mut in_autolink = false;
    for event in Parser::new_ext(&source, Options::empty()) {
        match event {
            Event::Text(shown) | Event::Code(shown) => text.push_str(&shown),
            Event::InlineHtml(html) | Event::Html(html) if !is_html_markup(&html) => text.push_str(&html),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // `<models::Tag>` of `Vec<models::Tag>` reads as a URI to CommonMark.
            Event::Start(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => {
                in_autolink = true;
                text.push('<');
            }
            Event::End(TagEnd::Link) if in_autolink => {
                in_autolink = false;
                text.push('>');
            }
            Event::Start(Tag::Link { dest_url, .. }) if link.is_none() && !dest_url.is_empty() => {
                link = Some(dest_url.into_string());
            }
            _ => {}
        }
    }
    let shown = text.strip_prefix(PREFIX).unwrap_or(&text).trim();
    // Kotlin quotes names that are keywords: `**&#x60;object&#x60;**`.
    let shown = shown
        .strip_prefix('`')
        .and_then(|inner| inner.strip_suffix('`'))
        .filter(|inner| !inner.is_empty())
        .unwrap_or(shown);
    (shown.to_string(), link)
}

/// `**x**` -> `x`.
fn unbolded(text: &str) -> Option<&str> {
    text.strip_prefix("**")
        .and_then(|inner| inner.strip_suffix("**"))
        .filter(|inner| !inner.is_empty())
}

/// A cell that is one link whose label is plain text, maybe bold, with
/// balanced brackets (`[**list[Segment]**](Segment.md)`), and whose target
/// is a bare path: what CommonMark would show, without running it.
fn simple_link(cell: &str) -> Option<(&str, Option<String>)> {
    // Brackets and the other markup looked for are ASCII: bytes will do.
    let rest = cell.strip_prefix('[')?;
    let mut depth = 0usize;
    let close = rest.bytes().enumerate().find_map(|(index, byte)| match byte {
        b'[' => {
            depth += 1;
            None
        }
        b']' if depth > 0 => {
            depth -= 1;
            None
        }
        b']' => Some(index),
        _ => None,
    })?;
    let target = rest[close + 1..].strip_prefix('(')?.strip_suffix(')')?;
    let markup = |byte: &u8| matches!(byte, b'(' | b')' | b'[' | b']' | b' ' | b'<' | b'>' | b'\\' | b'&' | b'"' | b'\'' | b'`' | b'*');
    if target.as_bytes().iter().any(markup) {
        return None;
    }
    let label = rest[..close].trim();
    let label = unbolded(label).unwrap_or(label);
    let balanced = label.bytes().try_fold(0usize, |depth, byte| match byte {
        b'[' => Some(depth + 1),
        b']' => depth.checked_sub(1),
        _ => Some(depth),
    }) == Some(0);
    let plain = if label.contains(['[', ']']) { is_plain(&label.replace(['[', ']'], "")) } else { is_plain(label) };
    if !(balanced && plain) || label.trim().is_empty() || has_link_target(label) {
        return None;
    }
    Some((label.trim(), (!target.is_empty()).then(|| target.to_string())))
}

/// Whether `](` is in the text: a link's label ends there.
fn has_link_target(text: &str) -> bool {
    text.as_bytes().windows(2).any(|pair| pair == b"](")
}

/// Whether Markdown shows `text` as written: no markup characters, `_` only
/// inside words, where it is not emphasis, and brackets only where they
/// make no link.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut brackets = false;
    let plain = bytes.iter().enumerate().all(|(index, &byte)| match byte {
        b'*' | b'`' | b'\\' | b'<' | b'&' => false,
        b'[' => {
            brackets = true;
            true
        }
        b'_' => {
            let word = |at: Option<&u8>| at.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
            index > 0 && word(bytes.get(index - 1)) && word(bytes.get(index + 1))
        }
        _ => true,
    });
    // Brackets make a link only before `(target)` (a cell has no reference
    // definitions): `list[str]`, `[String: T]` show as written.
    plain && !(brackets && (has_link_target(text) || text.contains(['\n', '\r'])))
}

/// Whether inline HTML is markup to drop (a comment, or a tag of an HTML
/// element as pages write them, in lowercase) rather than text that looks
/// like a tag (`<Call>` of `List<Call>`).
fn is_html_markup(html: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a", "abbr", "b", "big", "br", "code", "del", "div", "em", "font", "hr", "i", "img", "ins", "kbd",
        "mark", "p", "pre", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "wbr",
    ];
    let Some(inside) = html.strip_prefix('<') else {
        return false;
    };
    if inside.starts_with(['!', '?']) {
        return true;
    }
    let name = inside.strip_prefix('/').unwrap_or(inside);
    let end = name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len());
    ELEMENTS.contains(&&name[..end])
}

/// Decodes HTML entities (`&#39;`, `&quot;`, `&lt;`, `&#x3D;`); most texts
/// have none and are returned as they are.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if text.contains('&') {
        html_escape::decode_html_entities(text)
    } else {
        Cow::Borrowed(text)
    }
}

/// The text a description shows: entities decoded, backslash escapes removed
/// (one copy of the text when it has neither).
pub fn shown_text(text: &str) -> String {
    let decoded = decode_entities(text);
    if decoded.contains('\\') {
        unescape(&decoded)
    } else {
        decoded.into_owned()
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
        let row = r"| a\\| b\\\| c |\|";
        assert_eq!(texts(&split_row(row, true)), [r"a\\", r"b\\\| c", r"\|"]);
    }

    #[test]
    fn cell_offsets_point_into_the_row() {
        let row = "| **id** | str |";
        let cells = split_row(row, true);
        assert_eq!(&row[cells[1].offset..cells[1].offset + cells[1].text.len()], " str ");
    }

    #[test]
    fn inline_text_of_the_page_variants() {
        assert_eq!(shown("**state**"), ("state".to_string(), None));
        assert_eq!(shown(" str "), ("str".to_string(), None));
        assert_eq!(shown("**list[str]**"), ("list[str]".to_string(), None));
        assert_eq!(
            shown("[**list[Segment]**](Segment.html)"),
            ("list[Segment]".to_string(), Some("Segment.html".to_string()))
        );
        assert_eq!(
            shown("[list[Segment]](Segment)"),
            ("list[Segment]".to_string(), Some("Segment".to_string()))
        );
        assert_eq!(
            shown("**[ErrorBody](ErrorBody.md)**"),
            ("ErrorBody".to_string(), Some("ErrorBody.md".to_string()))
        );
        assert_eq!(
            shown("<!---->[**X**](X.md)<!---->"),
            ("X".to_string(), Some("X.md".to_string()))
        );
        assert_eq!(shown("`dict(str, str)`"), ("dict(str, str)".to_string(), None));
        assert_eq!(shown("List&lt;String&gt;"), ("List<String>".to_string(), None));
    }

    fn shown(cell: &str) -> (String, Option<String>) {
        let (text, link) = inline_text(cell);
        (text.into_owned(), link)
    }

    fn text_and_link(text: &str, link: Option<&str>) -> (String, Option<String>) {
        (text.to_string(), link.map(str::to_string))
    }

    #[test]
    fn links_anywhere_in_the_cell() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("Pointer to [**Call**](Call.md)", "Pointer to Call", Some("Call.md")),
            ("[**List&lt;Call&gt;**](Call.md)", "List<Call>", Some("Call.md")),
            ("**[Call](Call.md)**", "Call", Some("Call.md")),
            ("[**Call**](Call)", "Call", Some("Call")),
            ("[**Call**](Call.html)", "Call", Some("Call.html")),
            ("[**StateEnum**](#Enum--StateEnum)", "StateEnum", Some("#Enum--StateEnum")),
            ("[**StateEnum**](#StateEnum)", "StateEnum", Some("#StateEnum")),
            ("[**Call**]()", "Call", None),
            ("[**Call**]([Call])", "Call", Some("[Call]")),
            ("[**V1ObjectMeta**](v1.ObjectMeta.md)", "V1ObjectMeta", Some("v1.ObjectMeta.md")),
            ("[**[]Segment**](Segment.md)", "[]Segment", Some("Segment.md")),
            ("[**[Tag]**](Tag.md)", "[Tag]", Some("Tag.md")),
            ("Option<[**Vec<models::Tag>**](Tag.md)>", "Option<Vec<models::Tag>>", Some("Tag.md")),
            ("[**A**](A.md) or [**B**](B.md)", "A or B", Some("A.md")),
            ("[**java.util.UUID**](java.util.UUID)", "java.util.UUID", Some("java.util.UUID")),
            ("[**inline**](#&#x60;Object&#x60;)", "inline", Some("#`Object`")),
        ];
        for (cell, text, link) in cases {
            assert_eq!(shown(cell), text_and_link(text, *link), "{cell}");
        }
    }

    #[test]
    fn brackets_without_a_target_and_go_pointers_are_kept() {
        let cases: &[(&str, &str)] = &[
            ("[]Segment", "[]Segment"),
            ("**[]string**", "[]string"),
            ("[Segment]", "[Segment]"),
            ("[String:String]", "[String:String]"),
            ("[String: [Segment]]", "[String: [Segment]]"),
            ("**[String: AnyCodable]**", "[String: AnyCodable]"),
            ("*string", "*string"),
            ("***os.File**", "*os.File"),
            ("Pointer to ***os.File**", "Pointer to *os.File"),
            ("**map[string]*Segment**", "map[string]*Segment"),
            ("*[]*Segment", "*[]*Segment"),
            ("list[Segment]", "list[Segment]"),
            ("**{ [key: string]: Segment; }**", "{ [key: string]: Segment; }"),
        ];
        for (cell, text) in cases {
            assert_eq!(shown(cell), text_and_link(text, None), "{cell}");
        }
    }

    #[test]
    fn emphasis_code_html_entities_and_escapes_anywhere() {
        let cases: &[(&str, &str)] = &[
            ("__state__", "state"),
            ("*state*", "state"),
            ("_state_", "state"),
            ("**self_uri**", "self_uri"),
            ("**__typename**", "__typename"),
            ("**_links**", "_links"),
            ("**a__b__c**", "a__b__c"),
            ("snake_case_name", "snake_case_name"),
            ("Pointer to **int64**", "Pointer to int64"),
            ("`List<String>`", "List<String>"),
            ("Pointer to `string`", "Pointer to string"),
            ("<a name=\"state\"></a>**state**", "state"),
            ("**state**<a name=\"state\"></a>", "state"),
            ("<!-- x -->**state**<!---->", "state"),
            ("<!---->", ""),
            ("Map&lt;String, Object&gt;", "Map<String, Object>"),
            ("**&quot;quoted&quot;** a&#x3D;b &#39;x&#39;", "\"quoted\" a=b 'x'"),
            ("**&#x60;object&#x60;**", "object"),
            (r"\[optional\]", "[optional]"),
            (r"**self\_uri**", "self_uri"),
            (r#"\"x\" \| y"#, "\"x\" | y"),
            ("List<Call>", "List<Call>"),
            ("Array<string>", "Array<string>"),
            ("Map<String, List<String>>", "Map<String, List<String>>"),
            ("a<br>b", "ab"),
            // Cells that start like a block stay inline.
            ("# Call", "# Call"),
            ("- item", "- item"),
            ("1. item", "1. item"),
            ("***", "***"),
            ("---", "---"),
            ("> quote", "> quote"),
        ];
        for (cell, text) in cases {
            assert_eq!(shown(cell), text_and_link(text, None), "{cell}");
        }
    }

    #[test]
    fn plain_text_reads_as_commonmark_reads_it() {
        const PIECES: &[&str] = &[
            "[", "]", "(", ")", "!", "a", "Z", "1", " ", ",", ":", ".", "|", "#", "-", "+", "=", "~", "^", "$", "{",
            "}", "\"", "'", "/", "?", "%", "@", "é", "_", "\t", ">", "\r", "list", "str", "String",
        ];
        let mut seed = 0x853c_49e6_748f_ea9bu64;
        let mut plain = 0;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut cell = String::new();
            let mut pieces = seed;
            for _ in 0..1 + seed % 9 {
                cell.push_str(PIECES[(pieces % PIECES.len() as u64) as usize]);
                pieces /= PIECES.len() as u64;
            }
            if is_plain(&cell) && cell.contains('[') && !cell.contains('\r') {
                plain += 1;
                assert_eq!(markdown_text(&cell), (trimmed(&cell).to_string(), None), "{cell:?}");
            }
        }
        assert!(plain > 10_000, "{plain}");
    }

    #[test]
    fn simple_links_read_as_commonmark_reads_them() {
        let cells = [
            "[**list[Segment]**](Segment)",
            "[list[Segment]](Segment.html)",
            "[**Segment**](Segment.md)",
            "[**kotlin.Any**]()",
            "[**dict(str, list[Segment])**](Segment)",
            "[**StateEnum**](#StateEnum)",
            "[**a_b_c**](x)",
        ];
        for cell in cells {
            let (label, target) = simple_link(cell).unwrap_or_else(|| panic!("{cell} takes the fast path"));
            let fast = (label.to_string(), target);
            // The same cell behind a space takes CommonMark's path.
            assert_eq!(shown(&format!("{cell}<!---->")), fast, "{cell}");
        }
        for cell in ["[**x**](a b)", "[**x** y](a)", "[*x*](a)", "[x](a)(b)", "[a]b](c)", "[**[Segment]**]([Segment])"] {
            assert_eq!(simple_link(cell), None, "{cell}");
        }
    }

    #[test]
    fn trimmed_is_str_trim() {
        let pieces = ["", " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{3000}", "a", "é", "**x**", "\u{1f}"];
        for first in pieces {
            for middle in pieces {
                for last in pieces {
                    let text = format!("{first}{middle}{last}");
                    assert_eq!(trimmed(&text), text.trim(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(decode_entities("can&#39;t &quot;x&quot; a&#x3D;b"), "can't \"x\" a=b");
        assert_eq!(unescape(r"a\_b \| c \q"), r"a_b | c \q");
    }
}

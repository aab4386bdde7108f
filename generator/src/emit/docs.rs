//! Doc-comment text: descriptions made into `#[doc]` lines rustdoc reads
//! without warnings.

use std::borrow::Cow;

/// `#[doc]` values for a description, one per line, made safe for rustdoc:
/// brackets escaped (no broken intra-doc links), `<` escaped (no stray HTML
/// tags), bare URLs wrapped in `<...>`, code fences defused.
pub(super) fn doc_lines(text: &str) -> Vec<String> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    // Most descriptions have neither: they are not copied.
    let text: Cow<str> = if text.contains("<br") || text.contains('\r') {
        let text = text
            .replace("<br>", "\n")
            .replace("<br/>", "\n")
            .replace("<br />", "\n")
            .replace('\r', "");
        Cow::Owned(text)
    } else {
        Cow::Borrowed(text)
    };
    text.lines()
        .map(|line| {
            let line = line.trim();
            let mut doc = String::with_capacity(line.len() + 8);
            doc.push(' ');
            push_doc_safe(&mut doc, line);
            doc.truncate(doc.trim_end().len());
            doc
        })
        .collect()
}

/// Appends one line of a description, made safe for rustdoc (see `doc_lines`).
pub(super) fn push_doc_safe(out: &mut String, line: &str) {
    if line.starts_with("```") || line.starts_with("~~~") {
        out.push('\\');
    }
    let mut rest = line;
    // Only these can start what changes: a URL (`http`), a link or bracket,
    // `<`, `>`, `\`; the text between them is copied as it is.
    let next = |rest: &str| {
        let bytes = rest.as_bytes();
        (0..bytes.len()).find(|&at| match bytes[at] {
            b'[' | b']' | b'<' | b'>' | b'\\' => true,
            b'h' => bytes[at..].starts_with(b"http"),
            _ => false,
        })
    };
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        if let Some(link_len) = markdown_link_at(rest) {
            out.push_str(&rest[..link_len]);
            rest = &rest[link_len..];
            continue;
        }
        let byte = rest.as_bytes()[0];
        if byte != b'h' {
            out.push('\\');
        }
        out.push(char::from(byte));
        rest = &rest[1..];
    }
    out.push_str(rest);
}

/// The length of a Markdown link to a web page, `[label](https://...)`, at
/// the start of `text`: kept as written, since rustdoc renders it as a link.
pub(super) fn markdown_link_at(text: &str) -> Option<usize> {
    let label_end = text.strip_prefix('[')?.find(']')? + 1;
    let label = &text[1..label_end];
    if label.is_empty() || label.contains(['[', '<', '>', '\\']) {
        return None;
    }
    let after = text[label_end + 1..].strip_prefix('(')?;
    let url_len = url_at(after)?;
    after[url_len..].starts_with(')').then_some(label_end + 1 + 1 + url_len + 1)
}

/// The length of a bare URL starting at the beginning of `text`, if any.
pub(super) fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`' | '[' | ']' | '(' | ')' | '{' | '}' | '|'))
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    (url.len() > "https://".len()).then_some(url.len())
}

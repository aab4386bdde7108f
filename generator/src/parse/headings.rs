//! Whether a page may have a heading the outline looks for (`Properties`, or
//! one that starts with `Enum`), answered from its lines without reading it
//! as Markdown: an SDK's API pages (`CallsApi.md`), most of its folder's
//! bytes, have neither and need no more than this scan.
//!
//! The answer errs towards "may". A heading is an ATX line (`## Properties`,
//! maybe after `>` and list markers) or the paragraph above an `===` or
//! `---` underline: any line that could be such an underline answers "may".
//! An ATX heading shows every letter of its line, except in inline HTML or
//! an autolink (`<`), an entity (`&`, which may stand for a letter) and
//! links (`](`, or a reference defined anywhere on the page, `]:`), which
//! also answer "may".

use memchr::{memchr, memchr2, memmem};

/// Whether some heading of the page may read `Properties` (in any case) or
/// start with `Enum`.
pub fn may_have_model_heading(text: &str) -> bool {
    let bytes = text.as_bytes();
    // CommonMark ends a line at a CR as well as at a LF; most pages have no CR.
    let line_end: fn(&[u8]) -> Option<usize> = if memchr(b'\r', bytes).is_some() {
        |rest| memchr2(b'\n', b'\r', rest)
    } else {
        |rest| memchr(b'\n', rest)
    };
    let mut at = 0;
    while at < bytes.len() {
        let end = line_end(&bytes[at..]).map_or(bytes.len(), |index| at + index);
        let line = &bytes[at..end];
        if may_underline_a_heading(line) || may_be_model_heading(line) {
            return true;
        }
        at = end + 1;
    }
    // A link reference definition anywhere makes links of brackets in any heading.
    memmem::find(bytes, b"]:").is_some()
}

/// `===`, `---`, `-`: only `=`, `-` and blanks after block quote markers.
fn may_underline_a_heading(line: &[u8]) -> bool {
    let content = trim_start(line, |byte| matches!(byte, b' ' | b'\t' | b'>'));
    !content.is_empty() && content.iter().all(|byte| matches!(byte, b'=' | b'-' | b' ' | b'\t'))
}

/// An ATX heading whose letters may read `Properties` or start with `Enum`.
fn may_be_model_heading(line: &[u8]) -> bool {
    let content = without_container_markers(line);
    if content.first() != Some(&b'#') {
        return false;
    }
    if content.contains(&b'<') || content.contains(&b'&') || content.windows(2).any(|pair| pair == b"](") {
        return true;
    }
    let mut letters = content.iter().copied().filter(u8::is_ascii_alphabetic);
    let properties = letters.clone().map(|byte| byte.to_ascii_lowercase()).eq(b"properties".iter().copied());
    properties || letters.by_ref().take(4).eq(b"Enum".iter().copied())
}

/// The line after any blanks, `>` and list markers (`-`, `*`, `+`, `1.`,
/// `1)` followed by a blank or the line's end).
fn without_container_markers(mut line: &[u8]) -> &[u8] {
    loop {
        line = trim_start(line, |byte| matches!(byte, b' ' | b'\t' | b'>'));
        let marker = match line.first() {
            Some(b'-' | b'*' | b'+') => 1,
            Some(byte) if byte.is_ascii_digit() => {
                let digits = line.iter().take(9).take_while(|byte| byte.is_ascii_digit()).count();
                match line.get(digits) {
                    Some(b'.' | b')') => digits + 1,
                    _ => return line,
                }
            }
            _ => return line,
        };
        match line.get(marker) {
            None => return &[],
            Some(b' ' | b'\t') => line = &line[marker..],
            Some(_) => return line,
        }
    }
}

fn trim_start(line: &[u8], strip: impl Fn(u8) -> bool) -> &[u8] {
    let start = line.iter().take_while(|&&byte| strip(byte)).count();
    &line[start..]
}

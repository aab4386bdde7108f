//! The printer: every item of the generated crate is written here as text,
//! in the layout prettyplease 0.3 gives its tokens (89 columns, indent 4), so
//! the output reads like formatted Rust without a formatter pass.
//!
//! For the items mdmodels emits, that layout follows a few rules:
//!
//! - `#[doc = "x"]` is the line `///x` (`//!x` for the module doc), trailing
//!   spaces trimmed;
//! - every attribute, field and variant starts a line of its own;
//! - a group (the `<...>` of a generic type, the `(...)` of an attribute) is
//!   printed flat when it fits, together with the text after it up to the next
//!   place a line could break, in what is left of its line (89 columns minus
//!   the indentation, at least 60). The text after a field's type is its `,`;
//!   after a generic argument, its `,`, except after the last one, whose comma
//!   is only printed when the group breaks.
//! - a group that does not fit puts each element on a line of its own,
//!   indented 4 more, followed by a comma (in `<...>`; in an attribute the
//!   last has none), and its closing delimiter on a line of its own. The
//!   elements' own groups are then laid out on their lines the same way.
//!
//! What the configuration adds is printed from its text, which
//! `Options::validate` has parsed with syn: a derive path without its spaces
//! (`serde :: Serialize` is `serde::Serialize`), a Rust type with each run of
//! whitespace made one space (and kept on one line), an attribute as written.
//! The tests parse every file with syn and check the layout of the items
//! against prettyplease (`emit/tests.rs`).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use super::items::{EnumDef, FieldDef, Fields, Item, ModDecl, SerdeArg, StructDef, Ty, UseDecl, OTHER_VARIANT_DOC};
use super::types::STRING;

/// prettyplease's line width, indentation step and least width of a line.
const MARGIN: isize = 89;
const INDENT: usize = 4;
const MIN_SPACE: isize = 60;

/// How much text fits on a line that starts at `indent`.
fn line_space(indent: usize) -> isize {
    (MARGIN - indent as isize).max(MIN_SPACE)
}

/// Writes `//!` lines and items.
pub fn write_file(out: &mut String, inner_docs: &[String], items: &[Item]) {
    for doc in inner_docs {
        if doc_needs_attribute(doc) {
            // A line break in a doc value: the attribute keeps it.
            let _ = writeln!(out, "#![doc = {}]", literal(doc));
            continue;
        }
        out.push_str("//!");
        out.push_str(doc.trim_end_matches(' '));
        out.push('\n');
    }
    for item in items {
        match item {
            Item::Struct(def) => write_struct(out, def),
            Item::Enum(def) => write_enum(out, def),
            Item::Mod(decl) => write_mod(out, decl),
            Item::Use(decl) => write_use(out, decl),
        }
    }
}

fn write_struct(out: &mut String, def: &StructDef) {
    write_docs(out, 0, &def.docs);
    write_derives(out, 0, &def.derives);
    write_serde_attribute(out, 0, &def.serde);
    write_configured_attributes(out, 0, &def.attributes);
    match &def.fields {
        Fields::Named(fields) if fields.is_empty() => {
            let _ = writeln!(out, "pub struct {} {{}}", def.name);
        }
        Fields::Named(fields) => {
            let _ = writeln!(out, "pub struct {} {{", def.name);
            for field in fields {
                write_field(out, field);
            }
            out.push_str("}\n");
        }
        Fields::Opaque => {
            let _ = write!(out, "pub struct {}(", def.name);
            write_tuple_fields(out, 0, "pub ::serde_json::Value", (def.name.len() + "pub struct ();".len()) as isize);
            out.push_str(";\n");
        }
    }
}

/// The one field of a tuple struct or variant, after its `(`: on the line
/// when it fits, with `used` columns of it taken; else on a line of its own
/// with a trailing comma, and `)` on the next.
fn write_tuple_fields(out: &mut String, indent: usize, field: &str, used: isize) {
    if used + field.len() as isize <= line_space(indent) {
        out.push_str(field);
    } else {
        out.push('\n');
        push_indent(out, indent + INDENT);
        out.push_str(field);
        out.push_str(",\n");
        push_indent(out, indent);
    }
    out.push(')');
}

fn write_field(out: &mut String, field: &FieldDef) {
    write_docs(out, INDENT, &field.docs);
    write_serde_attribute(out, INDENT, &field.serde);
    write_configured_attributes(out, INDENT, &field.attributes);
    let _ = write!(out, "    pub {}: ", field.name);
    let mut space = line_space(INDENT) - ("pub : ".len() + field.name.len()) as isize;
    write_type(out, &field.ty, INDENT, &mut space, 1);
    out.push_str(",\n");
}

fn write_enum(out: &mut String, def: &EnumDef) {
    write_docs(out, 0, &def.docs);
    write_derives(out, 0, &def.derives);
    let _ = writeln!(out, "pub enum {} {{", def.name);
    for variant in &def.variants {
        write_docs(out, INDENT, &variant.docs);
        let _ = writeln!(out, "    {},", variant.name);
    }
    let _ = writeln!(out, "    ///{OTHER_VARIANT_DOC}");
    let _ = write!(out, "    {}(", def.other);
    write_tuple_fields(out, INDENT, STRING, (def.other.len() + "(),".len()) as isize);
    out.push_str(",\n}\n");
}

fn write_mod(out: &mut String, decl: &ModDecl) {
    if decl.hidden {
        out.push_str("#[doc(hidden)]\n");
    }
    if decl.gated {
        write_feature_gate(out, &decl.name);
    }
    let _ = writeln!(out, "pub mod {};", decl.name);
}

/// `pub use module::{A, B};`: on one line when it fits; else the names
/// between `{` and `};` lines, as many to a line as fit, indented 4.
fn write_use(out: &mut String, decl: &UseDecl) {
    if decl.gated {
        write_feature_gate(out, &decl.module);
    }
    let _ = write!(out, "pub use {}::", decl.module);
    if let [name] = decl.names.as_slice() {
        out.push_str(name);
        out.push_str(";\n");
        return;
    }
    let space = line_space(0) - ("pub use ::".len() + decl.module.len()) as isize;
    let flat = decl.names.iter().map(String::len).sum::<usize>() + ", ".len() * decl.names.len().saturating_sub(1);
    if (flat + "{};".len()) as isize <= space {
        out.push('{');
        out.push_str(&decl.names.join(", "));
        out.push_str("};\n");
        return;
    }
    out.push_str("{\n");
    push_indent(out, INDENT);
    let line = line_space(INDENT);
    if flat as isize <= line {
        out.push_str(&decl.names.join(", "));
    } else {
        // Filled: a name stays on the line when it fits there with its comma
        // (the last one's comma only shows when the line breaks after it).
        let mut space = line;
        for (index, name) in decl.names.iter().enumerate() {
            if index > 0 {
                out.push(',');
                space -= 1;
                let comma = if index + 1 < decl.names.len() { 1 } else { 0 };
                if (1 + name.len() + comma) as isize <= space {
                    out.push(' ');
                    space -= 1;
                } else {
                    out.push('\n');
                    push_indent(out, INDENT);
                    space = line;
                }
            }
            out.push_str(name);
            space -= name.len() as isize;
        }
    }
    out.push_str(",\n};\n");
}

/// `#[cfg(feature = "module")]`.
fn write_feature_gate(out: &mut String, module: &str) {
    let feature = format!("feature = {}", literal(module));
    write_attribute(out, 0, "cfg", &[&feature]);
}

/// Whether a doc value cannot be a `///` line: it holds a line break, or
/// starts with `/` (`////` is a plain comment).
fn doc_needs_attribute(doc: &str) -> bool {
    doc.contains(['\n', '\r']) || doc.starts_with('/')
}

/// `///` lines (`doc_lines` makes every description's; a value that cannot
/// be one is a `#[doc = "..."]`).
fn write_docs(out: &mut String, indent: usize, docs: &[String]) {
    for doc in docs {
        push_indent(out, indent);
        if doc_needs_attribute(doc) {
            let _ = writeln!(out, "#[doc = {}]", literal(doc));
            continue;
        }
        out.push_str("///");
        out.push_str(doc.trim_end_matches(' '));
        out.push('\n');
    }
}

/// `#[derive(...)]`: the paths mdmodels writes, then the configured ones,
/// without the spaces a configuration may put in a path.
fn write_derives(out: &mut String, indent: usize, derives: &[Cow<'static, str>]) {
    let derives: Vec<Cow<str>> = derives
        .iter()
        .map(|derive| match derive.contains(char::is_whitespace) {
            true => Cow::Owned(derive.split_whitespace().collect()),
            false => Cow::Borrowed(&**derive),
        })
        .collect();
    let derives: Vec<&str> = derives.iter().map(|derive| &**derive).collect();
    write_attribute(out, indent, "derive", &derives);
}

/// Configured attributes, each on a line of its own, as written.
fn write_configured_attributes(out: &mut String, indent: usize, attributes: &[String]) {
    for attribute in attributes {
        push_indent(out, indent);
        out.push_str(attribute.trim());
        out.push('\n');
    }
}

fn write_serde_attribute(out: &mut String, indent: usize, args: &[SerdeArg]) {
    if args.is_empty() {
        return;
    }
    let args: Vec<String> = args.iter().map(serde_arg_text).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    write_attribute(out, indent, "serde", &args)
}

fn serde_arg_text(arg: &SerdeArg) -> String {
    match arg {
        SerdeArg::Rename(wire) => format!("rename = {}", literal(wire)),
        SerdeArg::Default => "default".to_string(),
        SerdeArg::SkipSerializingIfNone => "skip_serializing_if = \"::std::option::Option::is_none\"".to_string(),
        SerdeArg::Flatten => "flatten".to_string(),
        SerdeArg::Transparent => "transparent".to_string(),
        SerdeArg::With(path) => format!("with = {}", literal(path)),
    }
}

/// `#[name(a, b)]` on a line starting at `indent`; when that line would be
/// too long, one argument per line.
fn write_attribute(out: &mut String, indent: usize, name: &str, args: &[&str]) {
    push_indent(out, indent);
    out.push_str("#[");
    out.push_str(name);
    out.push('(');
    let space = line_space(indent) - ("#[(".len() + name.len()) as isize;
    let flat = args.iter().map(|arg| arg.len()).sum::<usize>() + 2 * args.len().saturating_sub(1);
    if (flat + ")]".len()) as isize <= space {
        out.push_str(&args.join(", "));
    } else {
        for (index, arg) in args.iter().enumerate() {
            out.push('\n');
            push_indent(out, indent + INDENT);
            out.push_str(arg);
            if index + 1 < args.len() {
                out.push(',');
            }
        }
        out.push('\n');
        push_indent(out, indent);
    }
    out.push_str(")]\n");
}

/// A type whose line starts at `indent` and has `space` columns left, with
/// `trail` columns of text after it before the line could break.
fn write_type(out: &mut String, ty: &Ty, indent: usize, space: &mut isize, trail: isize) {
    let Ty::Generic(path, args) = ty else {
        write_flat(out, ty);
        *space -= flat_len(ty) as isize;
        return;
    };
    out.push_str(path);
    out.push('<');
    *space -= path.len() as isize + 1;
    let flat = args.iter().map(flat_len).sum::<usize>() + 2 * args.len().saturating_sub(1);
    if flat as isize + 1 + trail <= *space {
        for (index, arg) in args.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            write_flat(out, arg);
        }
        *space -= flat as isize;
    } else {
        let inner = indent + INDENT;
        for (index, arg) in args.iter().enumerate() {
            out.push('\n');
            push_indent(out, inner);
            let mut arg_space = line_space(inner);
            let last = index + 1 == args.len();
            write_type(out, arg, inner, &mut arg_space, if last { 0 } else { 1 });
            out.push(',');
        }
        out.push('\n');
        push_indent(out, indent);
        *space = line_space(indent);
    }
    out.push('>');
    *space -= 1;
}

/// The length of a type printed on one line.
fn flat_len(ty: &Ty) -> usize {
    match ty {
        Ty::Path(path) => path.len(),
        Ty::Model(name) => "super::".len() + name.len(),
        Ty::Configured(path) => configured_type(path).len(),
        Ty::Generic(path, args) => {
            let inner = args.iter().map(flat_len).sum::<usize>();
            path.len() + "<".len() + inner + ", ".len() * args.len().saturating_sub(1) + ">".len()
        }
    }
}

/// A type on one line.
fn write_flat(out: &mut String, ty: &Ty) {
    match ty {
        Ty::Path(path) => out.push_str(path),
        Ty::Model(name) => {
            out.push_str("super::");
            out.push_str(name);
        }
        Ty::Configured(path) => out.push_str(&configured_type(path)),
        Ty::Generic(path, args) => {
            out.push_str(path);
            out.push('<');
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_flat(out, arg);
            }
            out.push('>');
        }
    }
}

/// A configured Rust type, on one line: each run of whitespace one space.
fn configured_type(path: &str) -> Cow<'_, str> {
    let path = path.trim();
    if path.contains(|c: char| c.is_whitespace() && c != ' ') || path.contains("  ") {
        Cow::Owned(path.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(path)
    }
}

/// A Rust string literal for `text`, escaped as proc-macro2 writes one
/// (`char::escape_debug`, but `'` as it is, and a NUL before a digit `\x00`):
/// wire names, enum values, feature names.
pub fn literal(text: &str) -> Literal<'_> {
    Literal(text)
}

/// See [`literal`]. Text that needs no escape is written as it is.
#[derive(Clone, Copy)]
pub struct Literal<'a>(&'a str);

impl fmt::Display for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        if self.0.bytes().all(|byte| matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\') {
            f.write_str(self.0)?;
        } else {
            let mut chars = self.0.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '\0' if chars.peek().is_some_and(|next| ('0'..='7').contains(next)) => f.write_str("\\x00")?,
                    '\'' => f.write_char(c)?,
                    _ => write!(f, "{}", c.escape_debug())?,
                }
            }
        }
        f.write_char('"')
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

//! Items written as text, byte for byte as prettyplease prints their tokens.
//!
//! prettyplease is an Oppen pretty-printer (89 columns, indent 4). For the
//! items mdmodels emits, its output follows a few rules, reproduced here:
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
//! What these rules do not cover returns `None`, and the caller prints the
//! tokens instead: a doc line holding a newline or starting with `/`,
//! configured attributes, configured types and derives that are not plain
//! paths, and the rare one-line items (an opaque wrapper, an enum's `Other`
//! variant) whose names are too long for their line.

use std::fmt::Write as _;

use super::items::{EnumDef, FieldDef, Fields, Item, ModDecl, SerdeArg, StructDef, Ty, UseDecl, OTHER_VARIANT_DOC};
use crate::naming;

/// prettyplease's line width, indentation step and least width of a line.
const MARGIN: isize = 89;
const INDENT: usize = 4;
const MIN_SPACE: isize = 60;

/// How much text fits on a line that starts at `indent`.
fn line_space(indent: usize) -> isize {
    (MARGIN - indent as isize).max(MIN_SPACE)
}

/// Writes `//!` lines and items as prettyplease prints them, or returns
/// `None` (with `out` partly written) for what it does not model.
pub fn write_file(out: &mut String, inner_docs: &[String], items: &[Item]) -> Option<()> {
    for doc in inner_docs {
        if doc.contains('\n') {
            return None;
        }
        out.push_str("//!");
        out.push_str(doc.trim_end_matches(' '));
        out.push('\n');
    }
    for item in items {
        match item {
            Item::Struct(def) => write_struct(out, def)?,
            Item::Enum(def) => write_enum(out, def)?,
            Item::Mod(decl) => write_mod(out, decl)?,
            Item::Use(decl) => write_use(out, decl)?,
        }
    }
    Some(())
}

fn write_struct(out: &mut String, def: &StructDef) -> Option<()> {
    if !def.attributes.is_empty() || !is_plain_ident(&def.name) || !def.derives.iter().all(|derive| is_plain_path(derive)) {
        return None;
    }
    write_docs(out, 0, &def.docs)?;
    let derives: Vec<&str> = def.derives.iter().map(|derive| &**derive).collect();
    write_attribute(out, 0, "derive", &derives)?;
    write_serde_attribute(out, 0, &def.serde)?;
    match &def.fields {
        Fields::Named(fields) if fields.is_empty() => {
            let _ = writeln!(out, "pub struct {} {{}}", def.name);
        }
        Fields::Named(fields) => {
            let _ = writeln!(out, "pub struct {} {{", def.name);
            for field in fields {
                write_field(out, field)?;
            }
            out.push_str("}\n");
        }
        Fields::Opaque => {
            let line = format!("pub struct {}(pub ::serde_json::Value);", def.name);
            if line.len() as isize > line_space(0) {
                return None;
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
    Some(())
}

fn write_field(out: &mut String, field: &FieldDef) -> Option<()> {
    if !field.attributes.is_empty() || !is_plain_ident(&field.name) {
        return None;
    }
    write_docs(out, INDENT, &field.docs)?;
    write_serde_attribute(out, INDENT, &field.serde)?;
    let _ = write!(out, "    pub {}: ", field.name);
    let mut space = line_space(INDENT) - ("pub : ".len() + field.name.len()) as isize;
    write_type(out, &field.ty, INDENT, &mut space, 1)?;
    out.push_str(",\n");
    Some(())
}

fn write_enum(out: &mut String, def: &EnumDef) -> Option<()> {
    // `Other(::std::string::String),` must fit after the variant name.
    if (def.other.len() + "(::std::string::String),".len()) as isize > line_space(INDENT)
        || !is_plain_ident(&def.name)
        || !is_plain_ident(&def.other)
        || !def.variants.iter().all(|variant| is_plain_ident(&variant.name))
        || !def.derives.iter().all(|derive| is_plain_path(derive))
    {
        return None;
    }
    write_docs(out, 0, &def.docs)?;
    let derives: Vec<&str> = def.derives.iter().map(|derive| &**derive).collect();
    write_attribute(out, 0, "derive", &derives)?;
    let _ = writeln!(out, "pub enum {} {{", def.name);
    for variant in &def.variants {
        write_docs(out, INDENT, &variant.docs)?;
        let _ = writeln!(out, "    {},", variant.name);
    }
    let _ = writeln!(out, "    ///{OTHER_VARIANT_DOC}");
    let _ = writeln!(out, "    {}(::std::string::String),", def.other);
    out.push_str("}\n");
    Some(())
}

fn write_mod(out: &mut String, decl: &ModDecl) -> Option<()> {
    if !is_plain_ident(&decl.name) {
        return None;
    }
    if decl.hidden {
        out.push_str("#[doc(hidden)]\n");
    }
    if decl.gated {
        write_feature_gate(out, &decl.name)?;
    }
    let _ = writeln!(out, "pub mod {};", decl.name);
    Some(())
}

/// `pub use module::{A, B};`: on one line when it fits; else the names
/// between `{` and `};` lines, as many to a line as fit, indented 4.
fn write_use(out: &mut String, decl: &UseDecl) -> Option<()> {
    if !is_plain_ident(&decl.module) || decl.names.is_empty() || !decl.names.iter().all(|name| is_plain_ident(name)) {
        return None;
    }
    if decl.gated {
        write_feature_gate(out, &decl.module)?;
    }
    let _ = write!(out, "pub use {}::", decl.module);
    if let [name] = decl.names.as_slice() {
        out.push_str(name);
        out.push_str(";\n");
        return Some(());
    }
    let space = line_space(0) - ("pub use ::".len() + decl.module.len()) as isize;
    let flat = decl.names.iter().map(String::len).sum::<usize>() + ", ".len() * (decl.names.len() - 1);
    if (flat + "{};".len()) as isize <= space {
        out.push('{');
        out.push_str(&decl.names.join(", "));
        out.push_str("};\n");
        return Some(());
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
    Some(())
}

/// `#[cfg(feature = "module")]`.
fn write_feature_gate(out: &mut String, module: &str) -> Option<()> {
    let feature = format!("feature = {}", proc_macro2::Literal::string(module));
    write_attribute(out, 0, "cfg", &[&feature])
}

/// `///` lines. prettyplease prints a doc holding a newline, or starting with
/// `/`, another way.
fn write_docs(out: &mut String, indent: usize, docs: &[String]) -> Option<()> {
    for doc in docs {
        if doc.contains('\n') || doc.starts_with('/') {
            return None;
        }
        push_indent(out, indent);
        out.push_str("///");
        out.push_str(doc.trim_end_matches(' '));
        out.push('\n');
    }
    Some(())
}

fn write_serde_attribute(out: &mut String, indent: usize, args: &[SerdeArg]) -> Option<()> {
    if args.is_empty() {
        return Some(());
    }
    let args: Vec<String> = args.iter().map(serde_arg_text).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    write_attribute(out, indent, "serde", &args)
}

fn serde_arg_text(arg: &SerdeArg) -> String {
    match arg {
        // The literal as quote makes it and prettyplease prints it.
        SerdeArg::Rename(wire) => format!("rename = {}", proc_macro2::Literal::string(wire)),
        SerdeArg::Default => "default".to_string(),
        SerdeArg::SkipSerializingIfNone => "skip_serializing_if = \"::std::option::Option::is_none\"".to_string(),
        SerdeArg::Flatten => "flatten".to_string(),
        SerdeArg::Transparent => "transparent".to_string(),
        SerdeArg::With(path) => format!("with = {}", proc_macro2::Literal::string(path)),
    }
}

/// `#[name(a, b)]` on a line starting at `indent`; when that line would be
/// too long, one argument per line.
fn write_attribute(out: &mut String, indent: usize, name: &str, args: &[&str]) -> Option<()> {
    if args.is_empty() {
        return None;
    }
    push_indent(out, indent);
    out.push_str("#[");
    out.push_str(name);
    out.push('(');
    let space = line_space(indent) - ("#[(".len() + name.len()) as isize;
    let flat = args.iter().map(|arg| arg.len()).sum::<usize>() + 2 * (args.len() - 1);
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
    Some(())
}

/// A type whose line starts at `indent` and has `space` columns left, with
/// `trail` columns of text after it before the line could break.
fn write_type(out: &mut String, ty: &Ty, indent: usize, space: &mut isize, trail: isize) -> Option<()> {
    match ty {
        Ty::Path(path) => {
            out.push_str(path);
            *space -= path.len() as isize;
        }
        Ty::Model(name) => {
            if !is_plain_ident(name) {
                return None;
            }
            out.push_str("super::");
            out.push_str(name);
            *space -= ("super::".len() + name.len()) as isize;
        }
        Ty::Configured(path) => {
            if !is_plain_path(path) {
                return None;
            }
            out.push_str(path);
            *space -= path.len() as isize;
        }
        Ty::Generic(path, args) => {
            if args.is_empty() {
                return None;
            }
            out.push_str(path);
            out.push('<');
            *space -= path.len() as isize + 1;
            let flat = args.iter().map(flat_len).sum::<Option<usize>>()? + 2 * (args.len() - 1);
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
                    write_type(out, arg, inner, &mut arg_space, if last { 0 } else { 1 })?;
                    out.push(',');
                }
                out.push('\n');
                push_indent(out, indent);
                *space = line_space(indent);
            }
            out.push('>');
            *space -= 1;
        }
    }
    Some(())
}

/// The length of a type printed on one line; `None` if it is not printable here.
fn flat_len(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::Path(path) => Some(path.len()),
        Ty::Model(name) => is_plain_ident(name).then_some("super::".len() + name.len()),
        Ty::Configured(path) => is_plain_path(path).then_some(path.len()),
        Ty::Generic(path, args) if !args.is_empty() => {
            let inner = args.iter().map(flat_len).sum::<Option<usize>>()?;
            Some(path.len() + "<".len() + inner + ", ".len() * (args.len() - 1) + ">".len())
        }
        Ty::Generic(..) => None,
    }
}

/// A type on one line (`flat_len` has accepted it).
fn write_flat(out: &mut String, ty: &Ty) {
    match ty {
        Ty::Path(path) => out.push_str(path),
        Ty::Model(name) => {
            out.push_str("super::");
            out.push_str(name);
        }
        Ty::Configured(path) => out.push_str(path),
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

/// `a::b::C` or `::a::B`, plain identifiers only: printed exactly as written.
fn is_plain_path(path: &str) -> bool {
    let path = path.strip_prefix("::").unwrap_or(path);
    !path.is_empty() && path.split("::").all(is_plain_ident)
}

fn is_plain_ident(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && word != "_"
        && !naming::is_keyword(word)
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

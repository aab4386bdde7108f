//! Hand-written serde impls (`serde = "lean"`, for very large APIs): one line
//! per field each way, over a small support module emitted once per crate
//! (`__mdmodels`). Also what both modes share: the enum impls, and the `time`
//! adapters (the derive reaches them through `#[serde(with)]`).
//!
//! `#[derive(Deserialize)]` expands every struct into a field enum, a field
//! visitor with three match tables and a visitor with both `visit_seq` and
//! `visit_map`; for the 6,220-model corpus that was about 90% of the crate's
//! `cargo check` time. These impls read a JSON object only (the one shape
//! the API sends), match keys as strings, ignore unknown keys (or keep them,
//! with `keep-unknown-fields`) and report a missing required field as serde
//! does (``missing field `id` ``). A key sent twice keeps its last value.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::config::{DateTimeBackend, Options};
use super::needs::Needs;
use super::text::literal;
use crate::schema::{EnumType, Field, Model, FieldType};

/// Whether a field holds `time` values (`datetime = "time"`).
fn uses_time(field: &Field, options: &Options) -> bool {
    options.datetime == DateTimeBackend::Time && field.ty.holds_time()
}

/// The support module's `#[serde(with)]` adapter for `time` values.
pub const TIME_ADAPTER: &str = "super::__mdmodels::time_format";

/// The `#[serde(with = ...)]` module of a field holding `time` values, for
/// the derive (whose `time` serde format is not RFC 3339): time's own
/// `rfc3339` for a date-time (`rfc3339::option` when optional), and the
/// support module's adapter for dates and for collections of either, which
/// time has no `with` module for.
pub fn time_with(field: &Field, options: &Options) -> Option<&'static str> {
    if !uses_time(field, options) {
        return None;
    }
    Some(match (&field.ty, field.required) {
        (FieldType::DateTime, true) => "::time::serde::rfc3339",
        (FieldType::DateTime, false) => "::time::serde::rfc3339::option",
        _ => TIME_ADAPTER,
    })
}

/// The module every model's impls call into.
pub const SUPPORT_MODULE: &str = "__mdmodels";

/// The support module in derive mode: the `time` adapter.
pub fn derive_support_text() -> String {
    let docs = [
        " Serde support shared by the generated models: what `#[serde(with)]`",
        " needs that the `time` crate does not offer.",
    ];
    module_text(&docs, &[TIME_SHAPE, TIME_FORMAT])
}

/// The support module in `serde = "lean"`: what the models' impls call.
pub fn support_text(needs: &Needs) -> String {
    let docs = [
        " Serde support shared by every generated model: the code each model's",
        " impls would otherwise repeat.",
    ];
    let key = needs.named_field.then(|| match needs.keep_unknown_fields {
        true => [KEY, "\n", INTO_STRING, KEY_REST].concat(),
        false => [KEY, KEY_REST].concat(),
    });
    let items: Vec<&str> = [
        needs.any_model.then_some(MODEL_VISITOR),
        key.as_deref(),
        needs.required_field.then_some(REQUIRED),
        needs.optional_field.then_some(OPTIONAL),
        needs.time.then_some(TIME_SHAPE),
    ]
    .into_iter()
    .flatten()
    .collect();
    module_text(&docs, &items)
}

/// `//!` lines, then items, a blank line between each.
fn module_text(docs: &[&str], items: &[&str]) -> String {
    let mut out = String::with_capacity(items.iter().map(|item| item.len() + 1).sum::<usize>() + 256);
    for doc in docs {
        out.push_str("//!");
        out.push_str(doc);
        out.push('\n');
    }
    for item in items {
        out.push('\n');
        out.push_str(item);
    }
    out
}

// The support module's items, as text (checked by the tests: they parse,
// and the crates that use them compile under `deny(warnings)`).

/// `FromMap`, `deserialize` and the visitor of a model (lean).
const MODEL_VISITOR: &str = r##"/// A model read from a JSON object.
pub trait FromMap: ::std::marker::Sized {
    /// The model's name, for error messages.
    const NAME: &'static str;

    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> ::std::result::Result<Self, A::Error>;
}

/// Deserializes any model from a JSON object.
pub fn deserialize<'de, D: ::serde::Deserializer<'de>, T: FromMap>(deserializer: D) -> ::std::result::Result<T, D::Error> {
    deserializer.deserialize_map(ModelVisitor(::std::marker::PhantomData))
}

struct ModelVisitor<T>(::std::marker::PhantomData<T>);

impl<'de, T: FromMap> ::serde::de::Visitor<'de> for ModelVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        ::std::write!(formatter, "struct {}", T::NAME)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::std::result::Result<T, A::Error> {
        T::from_map(map)
    }
}
"##;

/// `Key`, an object key, up to the end of `as_str` (lean).
const KEY: &str = r##"/// An object key, borrowed from the input when it can be.
pub struct Key<'de>(::std::borrow::Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
"##;

/// `Key::into_string`, for unknown keys kept (lean).
const INTO_STRING: &str = r##"    pub fn into_string(self) -> ::std::string::String {
        self.0.into_owned()
    }
"##;

/// The end of `impl Key`, `Key`'s `Deserialize` and its visitor (lean).
const KEY_REST: &str = r##"}

impl<'de> ::serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> ::serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(self, value: &'de str) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Borrowed(value)))
    }

    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value.to_string())))
    }

    fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::std::result::Result<Key<'de>, E> {
        ::std::result::Result::Ok(Key(::std::borrow::Cow::Owned(value)))
    }
}
"##;

/// `required`: the value of a required field (lean).
const REQUIRED: &str = r##"/// The value of a required field, or serde's "missing field" error.
pub fn required<T, E: ::serde::de::Error>(value: ::std::option::Option<T>, field: &'static str) -> ::std::result::Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}
"##;

/// `optional`: an optional field serialized only when set (lean).
const OPTIONAL: &str = r##"/// Serializes an optional field only when it is set.
pub fn optional<M: ::serde::ser::SerializeMap, T: ::serde::Serialize>(
    map: &mut M,
    key: &'static str,
    value: &::std::option::Option<T>,
) -> ::std::result::Result<(), M::Error> {
    match value {
        ::std::option::Option::Some(value) => map.serialize_entry(key, value),
        ::std::option::Option::None => ::std::result::Result::Ok(()),
    }
}
"##;

/// `TimeShape` and its impls: RFC 3339 and `YYYY-MM-DD` text for `time` values, also inside `Option`, `Vec` and maps.
const TIME_SHAPE: &str = r##"/// A `time` value, or an `Option`, `Vec` or map of them, in its JSON form.
pub trait TimeShape: ::std::marker::Sized {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>;

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error>;
}

/// Serializes a time shape.
pub struct TimeSer<'a, T>(pub &'a T);

impl<T: TimeShape> ::serde::Serialize for TimeSer<'_, T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        self.0.serialize_time(serializer)
    }
}

/// Deserializes a time shape.
pub struct TimeDe<T>(pub T);

impl<'de, T: TimeShape> ::serde::Deserialize<'de> for TimeDe<T> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        T::deserialize_time(deserializer).map(TimeDe)
    }
}

impl TimeShape for ::time::OffsetDateTime {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        let text = self
            .format(&::time::format_description::well_known::Rfc3339)
            .map_err(<S::Error as ::serde::ser::Error>::custom)?;
        serializer.serialize_str(&text)
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let text: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        ::time::OffsetDateTime::parse(&text, &::time::format_description::well_known::Rfc3339)
            .map_err(<D::Error as ::serde::de::Error>::custom)
    }
}

impl TimeShape for ::time::Date {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        let text = ::std::format!("{:04}-{:02}-{:02}", self.year(), u8::from(self.month()), self.day());
        serializer.serialize_str(&text)
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let text: ::std::borrow::Cow<'de, str> = ::serde::Deserialize::deserialize(deserializer)?;
        let invalid = || <D::Error as ::serde::de::Error>::custom(::std::format!("invalid date `{text}`, expected YYYY-MM-DD"));
        let mut parts = text.splitn(3, '-');
        let mut number = || parts.next().and_then(|part| part.parse::<i32>().ok());
        let (year, month, day) = match (number(), number(), number()) {
            (::std::option::Option::Some(year), ::std::option::Option::Some(month), ::std::option::Option::Some(day)) => (year, month, day),
            _ => return ::std::result::Result::Err(invalid()),
        };
        let month = u8::try_from(month).ok().and_then(|month| ::time::Month::try_from(month).ok()).ok_or_else(invalid)?;
        let day = u8::try_from(day).map_err(|_| invalid())?;
        ::time::Date::from_calendar_date(year, month, day).map_err(|_| invalid())
    }
}

impl<T: TimeShape> TimeShape for ::std::option::Option<T> {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        match self {
            ::std::option::Option::Some(value) => serializer.serialize_some(&TimeSer(value)),
            ::std::option::Option::None => serializer.serialize_none(),
        }
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let value: ::std::option::Option<TimeDe<T>> = ::serde::Deserialize::deserialize(deserializer)?;
        ::std::result::Result::Ok(value.map(|value| value.0))
    }
}

impl<T: TimeShape> TimeShape for ::std::vec::Vec<T> {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(TimeSer))
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let values: ::std::vec::Vec<TimeDe<T>> = ::serde::Deserialize::deserialize(deserializer)?;
        ::std::result::Result::Ok(values.into_iter().map(|value| value.0).collect())
    }
}

impl<T: TimeShape> TimeShape for ::std::collections::BTreeMap<::std::string::String, T> {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, TimeSer(value))))
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let values: ::std::collections::BTreeMap<::std::string::String, TimeDe<T>> = ::serde::Deserialize::deserialize(deserializer)?;
        ::std::result::Result::Ok(values.into_iter().map(|(key, value)| (key, value.0)).collect())
    }
}

impl<T: TimeShape> TimeShape for ::std::collections::HashMap<::std::string::String, T> {
    fn serialize_time<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, TimeSer(value))))
    }

    fn deserialize_time<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
        let values: ::std::collections::HashMap<::std::string::String, TimeDe<T>> = ::serde::Deserialize::deserialize(deserializer)?;
        ::std::result::Result::Ok(values.into_iter().map(|(key, value)| (key, value.0)).collect())
    }
}
"##;

/// `#[serde(with)]` for dates and collections of `time` values (derive mode).
const TIME_FORMAT: &str = r##"/// `#[serde(with)]` for a `time::Date` (`YYYY-MM-DD`), and for an `Option`,
/// `Vec` or map of `time` values.
pub mod time_format {
    pub fn serialize<T: super::TimeShape, S: ::serde::Serializer>(value: &T, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
        value.serialize_time(serializer)
    }

    pub fn deserialize<'de, T: super::TimeShape, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<T, D::Error> {
        T::deserialize_time(deserializer)
    }
}
"##;

/// `Serialize`, `Deserialize` and `FromMap` for one model, as Rust text.
///
/// Written as text, already formatted, rather than tokens run through the
/// formatter: the impls are formulaic and formatting them cost ~70% of the
/// corpus' emission time. Every emitted file is still parsed by syn in the
/// tests. Wire names are Rust string literals (`text::literal`).
pub fn model_impls(model: &Model, options: &Options) -> String {
    let keep_unknown = options.keep_unknown_fields;
    let name = &model.rust_name;
    let support = SUPPORT_MODULE;
    let mut out = String::with_capacity(256 + model.fields.len() * 200);
    // A model without fields is an opaque value (`opaque_impls`).
    debug_assert!(!model.fields.is_empty());

    // Serialize
    let _ = writeln!(out, "impl ::serde::Serialize for {name} {{");
    out.push_str("    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {\n");
    out.push_str("        use ::serde::ser::SerializeMap as _;\n");
    out.push_str("        let mut map = serializer.serialize_map(::std::option::Option::None)?;\n");
    for field in &model.fields {
        let (rust, wire) = (&field.rust_name, literal(&field.wire_name));
        match (field.required, uses_time(field, options)) {
            (true, false) => {
                let _ = writeln!(out, "        map.serialize_entry({wire}, &self.{rust})?;");
            }
            (false, false) => {
                let _ = writeln!(out, "        super::{support}::optional(&mut map, {wire}, &self.{rust})?;");
            }
            (true, true) => {
                let _ = writeln!(out, "        map.serialize_entry({wire}, &super::{support}::TimeSer(&self.{rust}))?;");
            }
            (false, true) => {
                let _ = writeln!(
                    out,
                    "        super::{support}::optional(&mut map, {wire}, &self.{rust}.as_ref().map(super::{support}::TimeSer))?;"
                );
            }
        }
    }
    if keep_unknown {
        out.push_str("        for (key, value) in &self.additional_properties {\n");
        out.push_str("            map.serialize_entry(key, value)?;\n");
        out.push_str("        }\n");
    }
    out.push_str("        map.end()\n");
    out.push_str("    }\n}\n\n");

    // Deserialize
    let _ = writeln!(out, "impl<'de> ::serde::Deserialize<'de> for {name} {{");
    out.push_str("    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {\n");
    let _ = writeln!(out, "        super::{support}::deserialize(deserializer)");
    out.push_str("    }\n}\n\n");

    // FromMap
    let _ = writeln!(out, "impl super::{support}::FromMap for {name} {{");
    let _ = writeln!(out, "    const NAME: &'static str = {};\n", literal(&model.name));
    out.push_str("    fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut __map: A) -> ::std::result::Result<Self, A::Error> {\n");
    for field in &model.fields {
        let _ = writeln!(out, "        let mut {} = ::std::option::Option::None;", field.rust_name);
    }
    if keep_unknown {
        out.push_str("        let mut __additional = ::std::default::Default::default();\n");
    }
    let _ = writeln!(
        out,
        "        while let ::std::option::Option::Some(__key) = __map.next_key::<super::{support}::Key<'de>>()? {{"
    );
    out.push_str("            match __key.as_str() {\n");
    for field in &model.fields {
        let (rust, wire) = (&field.rust_name, literal(&field.wire_name));
        let value: Cow<str> = if uses_time(field, options) {
            Cow::Owned(format!("__map.next_value::<super::{support}::TimeDe<_>>()?.0"))
        } else {
            Cow::Borrowed("__map.next_value()?")
        };
        if field.required {
            let _ = writeln!(out, "                {wire} => {rust} = ::std::option::Option::Some({value}),");
        } else {
            let _ = writeln!(out, "                {wire} => {rust} = {value},");
        }
    }
    if keep_unknown {
        out.push_str("                _ => {\n");
        out.push_str("                    let __value = __map.next_value()?;\n");
        out.push_str("                    ::std::iter::Extend::extend(&mut __additional, [(__key.into_string(), __value)]);\n");
        out.push_str("                }\n");
    } else {
        out.push_str("                _ => {\n");
        out.push_str("                    __map.next_value::<::serde::de::IgnoredAny>()?;\n");
        out.push_str("                }\n");
    }
    out.push_str("            }\n        }\n");
    let _ = writeln!(out, "        ::std::result::Result::Ok({name} {{");
    for field in &model.fields {
        let (rust, wire) = (&field.rust_name, literal(&field.wire_name));
        if field.required {
            let _ = writeln!(out, "            {rust}: super::{support}::required({rust}, {wire})?,");
        } else {
            let _ = writeln!(out, "            {rust},");
        }
    }
    if keep_unknown {
        out.push_str("            additional_properties: __additional,\n");
    }
    out.push_str("        })\n");
    out.push_str("    }\n}\n");
    out
}

/// `as_str`, `From<&str>`, `FromStr`, `Display`, `Serialize` and
/// `Deserialize` for an enum, as Rust text (in both serde modes: the derive
/// cannot keep an unknown value in a variant without buffering).
pub fn enum_impls(declared: &EnumType) -> String {
    let name = &declared.rust_name;
    let other = &declared.other_variant;
    let mut out = String::with_capacity(1024 + declared.values.len() * 80);
    let _ = writeln!(out, "impl {name} {{");
    out.push_str("    /// The value as sent on the wire.\n");
    out.push_str("    pub fn as_str(&self) -> &str {\n        match self {\n");
    for value in &declared.values {
        let _ = writeln!(out, "            Self::{} => {},", value.rust_name, literal(&value.value));
    }
    let _ = writeln!(out, "            Self::{other}(value) => value,");
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(out, "impl ::std::convert::From<&str> for {name} {{");
    out.push_str("    fn from(value: &str) -> Self {\n        match value {\n");
    for value in &declared.values {
        let _ = writeln!(out, "            {} => Self::{},", literal(&value.value), value.rust_name);
    }
    let _ = writeln!(out, "            _ => Self::{other}(::std::borrow::ToOwned::to_owned(value)),");
    out.push_str("        }\n    }\n}\n\n");

    let _ = writeln!(
        out,
        "impl ::std::str::FromStr for {name} {{
    type Err = ::std::convert::Infallible;

    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {{
        ::std::result::Result::Ok(Self::from(value))
    }}
}}

impl ::std::fmt::Display for {name} {{
    fn fmt(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{
        formatter.write_str(self.as_str())
    }}
}}

impl ::serde::Serialize for {name} {{
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {{
        serializer.serialize_str(self.as_str())
    }}
}}

impl<'de> ::serde::Deserialize<'de> for {name} {{
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {{
        let value: ::std::string::String = ::serde::Deserialize::deserialize(deserializer)?;
        ::std::result::Result::Ok(Self::from(value.as_str()))
    }}
}}"
    );
    out
}

/// `Serialize` and `Deserialize` for an opaque wrapper of a JSON value.
pub fn opaque_impls(name: &str) -> String {
    format!(
        "impl ::serde::Serialize for {name} {{
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {{
        ::serde::Serialize::serialize(&self.0, serializer)
    }}
}}

impl<'de> ::serde::Deserialize<'de> for {name} {{
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {{
        ::serde::Deserialize::deserialize(deserializer).map({name})
    }}
}}
"
    )
}

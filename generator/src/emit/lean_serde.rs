//! Hand-written serde impls, the default: one line per field each way, over
//! a small support module emitted once per crate (`__mdmodels`).
//!
//! `#[derive(Deserialize)]` expands every struct into a field enum, a field
//! visitor with three match tables and a visitor with both `visit_seq` and
//! `visit_map`; for the 6,220-model corpus that was about 90% of the crate's
//! `cargo check` time. These impls read a JSON object only (the one shape
//! the API sends), match keys as strings, ignore unknown keys (or keep them,
//! with `keep-unknown-fields`) and report a missing required field as serde
//! does (``missing field `id` ``). A key sent twice keeps its last value.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, Context};
use crate::schema::{Model, Schema};

/// The module every model's impls call into.
pub const SUPPORT_MODULE: &str = "__mdmodels";

/// What the support module must provide (unused helpers would be dead code).
#[derive(Debug, Default, Clone, Copy)]
pub struct SupportNeeds {
    any_model: bool,
    required_field: bool,
    optional_field: bool,
    named_field: bool,
    keep_unknown_fields: bool,
}

impl SupportNeeds {
    pub fn of(schema: &Schema, keep_unknown_fields: bool) -> SupportNeeds {
        let fields = || schema.models.iter().flat_map(|model| &model.fields);
        SupportNeeds {
            any_model: !schema.models.is_empty(),
            required_field: fields().any(|field| field.required),
            optional_field: fields().any(|field| !field.required),
            named_field: keep_unknown_fields || fields().next().is_some(),
            keep_unknown_fields,
        }
    }

    pub fn any(self) -> bool {
        self.any_model
    }
}

/// The items of the support module.
pub fn support_items(needs: SupportNeeds) -> TokenStream {
    let required = needs.required_field.then(|| {
        quote! {
            /// The value of a required field, or serde's "missing field" error.
            pub fn required<T, E: ::serde::de::Error>(value: ::std::option::Option<T>, field: &'static str) -> ::std::result::Result<T, E> {
                value.ok_or_else(|| E::missing_field(field))
            }
        }
    });
    let optional = needs.optional_field.then(|| {
        quote! {
            /// Serializes an optional field only when it is set.
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
        }
    });
    let into_string = needs.keep_unknown_fields.then(|| {
        quote! {
            pub fn into_string(self) -> ::std::string::String {
                self.0.into_owned()
            }
        }
    });
    let key = needs.named_field.then(|| {
        quote! {
            /// An object key, borrowed from the input when it can be.
            pub struct Key<'de>(::std::borrow::Cow<'de, str>);

            impl Key<'_> {
                pub fn as_str(&self) -> &str {
                    &self.0
                }

                #into_string
            }

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
        }
    });
    let structs = needs.any_model.then(|| {
        quote! {
            /// A model read from a JSON object.
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
        }
    });
    quote! {
        #![doc = " Serde support shared by every generated model: the code each model's"]
        #![doc = " impls would otherwise repeat."]
        #structs
        #key
        #required
        #optional
    }
}

/// `Serialize`, `Deserialize` and `FromMap` for one model.
pub fn model_impls(model: &Model, context: &Context) -> TokenStream {
    let name = ident(&model.rust_name);
    let support = ident(SUPPORT_MODULE);
    let model_name = &model.name;
    let keep_unknown = context.options.keep_unknown_fields;

    let serialize_fields = model.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        if field.required {
            quote! { map.serialize_entry(#wire, &self.#rust)?; }
        } else {
            quote! { super::#support::optional(&mut map, #wire, &self.#rust)?; }
        }
    });
    let serialize_unknown = keep_unknown.then(|| {
        quote! {
            for (key, value) in &self.additional_properties {
                map.serialize_entry(key, value)?;
            }
        }
    });
    let has_entries = !model.fields.is_empty() || keep_unknown;
    let serialize_body = if has_entries {
        quote! {
            use ::serde::ser::SerializeMap as _;
            let mut map = serializer.serialize_map(::std::option::Option::None)?;
            #(#serialize_fields)*
            #serialize_unknown
            map.end()
        }
    } else {
        quote! {
            use ::serde::ser::SerializeMap as _;
            serializer.serialize_map(::std::option::Option::Some(0))?.end()
        }
    };

    let locals = model.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        quote! { let mut #rust = ::std::option::Option::None; }
    });
    let arms = model.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        if field.required {
            quote! { #wire => #rust = ::std::option::Option::Some(__map.next_value()?), }
        } else {
            quote! { #wire => #rust = __map.next_value()?, }
        }
    });
    let inits = model.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        if field.required {
            quote! { #rust: super::#support::required(#rust, #wire)?, }
        } else {
            quote! { #rust, }
        }
    });
    let (unknown_local, unknown_arm, unknown_init) = if keep_unknown {
        (
            quote! { let mut __additional = ::std::default::Default::default(); },
            quote! {
                _ => {
                    let __value = __map.next_value()?;
                    ::std::iter::Extend::extend(&mut __additional, [(__key.into_string(), __value)]);
                }
            },
            quote! { additional_properties: __additional, },
        )
    } else {
        (
            quote! {},
            quote! { _ => { __map.next_value::<::serde::de::IgnoredAny>()?; } },
            quote! {},
        )
    };
    let from_map_body = if has_entries {
        quote! {
            #(#locals)*
            #unknown_local
            while let ::std::option::Option::Some(__key) = __map.next_key::<super::#support::Key<'de>>()? {
                match __key.as_str() {
                    #(#arms)*
                    #unknown_arm
                }
            }
            ::std::result::Result::Ok(#name {
                #(#inits)*
                #unknown_init
            })
        }
    } else {
        quote! {
            while __map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                __map.next_value::<::serde::de::IgnoredAny>()?;
            }
            ::std::result::Result::Ok(#name {})
        }
    };

    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                #serialize_body
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                super::#support::deserialize(deserializer)
            }
        }

        impl super::#support::FromMap for #name {
            const NAME: &'static str = #model_name;

            fn from_map<'de, A: ::serde::de::MapAccess<'de>>(mut __map: A) -> ::std::result::Result<Self, A::Error> {
                #from_map_body
            }
        }
    }
}

/// `Serialize` and `Deserialize` for an opaque wrapper of a JSON value.
pub fn opaque_impls(rust_name: &str) -> TokenStream {
    let name = ident(rust_name);
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                ::serde::Deserialize::deserialize(deserializer).map(#name)
            }
        }
    }
}

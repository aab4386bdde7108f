//! How large each generated struct is, estimated over the schema, and the
//! nested models to box so that none exceeds `Options::max_struct_size`.
//!
//! A deserializer keeps the struct it is building on the stack (in an
//! unoptimized build, several copies of it: the field locals of `from_map`
//! or serde's `visit_map`, the `Result` each call returns), once per level of
//! JSON nesting. Models held inline make a struct as large as everything it
//! nests (Genesys' `CallHistoryParticipant` reached 69 KB); boxing the large
//! nested fields bounds what one level costs, so a payload nested as deep
//! as real ones are fits a 2 MiB thread stack.
//!
//! The estimate follows rustc's layout of the types emit writes: fields
//! are reordered by alignment, so a struct is the sum of its fields rounded
//! up to its alignment; `Option<T>` costs nothing more when `T` has a niche
//! (a value it never holds: `String`'s capacity, `Box`'s null, `bool`'s 2),
//! else one more alignment unit. `tests/sizes.rs` compares it with `size_of`.

use std::collections::HashMap;

use crate::config::{DateTimeBackend, MapType, Options};
use crate::schema::{Field, FieldType, Model, ModelKind};

/// A type's size and alignment in bytes, and its niche: how many values of
/// its bytes it never holds, which an `Option` around it uses as `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub size: u32,
    pub align: u32,
    pub niche: u32,
}

/// A niche too large to run out (`String`'s capacity above `isize::MAX`).
const WIDE: u32 = u32::MAX;

impl Layout {
    const fn new(size: u32, align: u32, niche: u32) -> Layout {
        Layout { size, align, niche }
    }

    /// `String`, `Vec<T>`: a capacity never above `isize::MAX`, a pointer, a length.
    const STRING: Layout = Layout::new(24, 8, WIDE);
    /// `Box<T>`: one niche, null.
    const BOX: Layout = Layout::new(8, 8, 1);
    /// `serde_json::Value` (without `preserve_order`): a tag of six values and a `String`'s worth.
    const JSON_VALUE: Layout = Layout::new(32, 8, 250);
    /// A generated enum: unit variants and `Other(String)`, which lends them
    /// its capacity's niche.
    const ENUM: Layout = Layout::new(24, 8, WIDE);
    const BOOL: Layout = Layout::new(1, 1, 254);

    /// `Option<Self>`: `None` is a niche value, or a tag byte is added (with
    /// 254 values to spare), padded to the alignment.
    fn optional(self) -> Layout {
        if self.niche > 0 {
            Layout::new(self.size, self.align, self.niche.saturating_sub(1))
        } else {
            Layout::new(self.size + self.align, self.align, 254)
        }
    }
}

/// The layout of a struct with fields of these layouts.
fn struct_layout(fields: impl IntoIterator<Item = Layout>) -> Layout {
    let (mut size, mut align, mut niche) = (0, 1, 0);
    for field in fields {
        size += field.size;
        align = align.max(field.align);
        niche = niche.max(field.niche);
    }
    Layout::new(size.div_ceil(align) * align, align, niche)
}

/// chrono 0.4's dates are a `NonZeroI32` (one niche); a date-time adds a time of day.
const CHRONO_DATE: Layout = Layout::new(4, 4, 1);
const CHRONO_DATE_TIME: Layout = Layout::new(12, 4, 1);
/// time 0.3's fields are ranged integers: values to spare.
const TIME_DATE: Layout = Layout::new(4, 4, WIDE);
const TIME_DATE_TIME: Layout = Layout::new(16, 4, WIDE);

/// The layout of a type from the configuration (`[types]`), which mdmodels
/// cannot see: the common ones are known, any other is taken to be as large
/// as a `String` (what most such types wrap).
fn configured_layout(path: &str) -> Layout {
    match path.trim_start_matches("::") {
        "chrono::NaiveDateTime" | "chrono::DateTime<chrono::Utc>" => CHRONO_DATE_TIME,
        "chrono::NaiveDate" => CHRONO_DATE,
        "time::Date" => TIME_DATE,
        "time::OffsetDateTime" => TIME_DATE_TIME,
        "serde_json::Value" => Layout::JSON_VALUE,
        "uuid::Uuid" => Layout::new(16, 1, 0),
        "i64" | "u64" | "f64" => Layout::new(8, 8, 0),
        "i32" | "u32" | "f32" => Layout::new(4, 4, 0),
        "bool" => Layout::BOOL,
        _ => Layout::STRING,
    }
}

/// Estimates layouts of the schema's types under the output options.
pub struct Estimator<'a> {
    options: &'a Options,
    /// The layout of each model by doc name, once known.
    models: HashMap<&'a str, Layout>,
}

impl<'a> Estimator<'a> {
    pub fn new(options: &'a Options) -> Self {
        Estimator {
            options,
            models: HashMap::new(),
        }
    }

    /// The layout of a field's type; a model not yet estimated counts as an
    /// opaque JSON value.
    pub fn type_layout(&self, ty: &FieldType) -> Layout {
        match ty {
            FieldType::String | FieldType::EnumOff { .. } => Layout::STRING,
            FieldType::Integer | FieldType::Float => Layout::new(8, 8, 0),
            FieldType::Int32 | FieldType::Float32 => Layout::new(4, 4, 0),
            FieldType::Bool => Layout::BOOL,
            FieldType::DateTime => match self.options.datetime {
                DateTimeBackend::Chrono => CHRONO_DATE_TIME,
                DateTimeBackend::Time => TIME_DATE_TIME,
                DateTimeBackend::String => Layout::STRING,
            },
            FieldType::Date => match self.options.datetime {
                DateTimeBackend::Chrono => CHRONO_DATE,
                DateTimeBackend::Time => TIME_DATE,
                DateTimeBackend::String => Layout::STRING,
            },
            FieldType::Object | FieldType::Opaque(_) => Layout::JSON_VALUE,
            FieldType::List(_) => Layout::STRING,
            FieldType::Map(_) => self.map_layout(),
            FieldType::Enum(_) => Layout::ENUM,
            FieldType::Model(target) => self.models.get(target.name.as_str()).copied().unwrap_or(Layout::JSON_VALUE),
            FieldType::Replaced { rust_type, .. } | FieldType::Configured { rust_type, .. } => configured_layout(rust_type),
        }
    }

    /// `BTreeMap` has no niche (`Option<BTreeMap>` is 32 bytes); std's
    /// `HashMap` (a table and its `RandomState`) has one, a null pointer.
    fn map_layout(&self) -> Layout {
        match self.options.map {
            MapType::BTree => Layout::new(24, 8, 0),
            MapType::Hash => Layout::new(48, 8, 1),
        }
    }

    /// The layout of a field as emitted: its type, `Box`, `Option`.
    pub fn field_layout(&self, field: &Field) -> Layout {
        let inner = if field.boxed { Layout::BOX } else { self.type_layout(&field.ty) };
        if field.required {
            inner
        } else {
            inner.optional()
        }
    }

    /// The layout of a model's type, from its fields' layouts.
    pub fn model_layout(&self, model: &Model) -> Layout {
        if model.kind == ModelKind::Enum {
            return Layout::ENUM;
        }
        if model.fields.is_empty() {
            return Layout::JSON_VALUE;
        }
        let unknown = self.options.keep_unknown_fields.then(|| self.map_layout());
        struct_layout(model.fields.iter().map(|field| self.field_layout(field)).chain(unknown))
    }

    /// Records a model's layout, for the models that hold it inline.
    pub fn record(&mut self, name: &'a str, layout: Layout) {
        self.models.insert(name, layout);
    }
}

/// Boxes nested model fields, largest first, in every struct larger than
/// `options.max_struct_size`, until it fits or only fields of at most
/// `SMALL_FIELD` bytes are left (boxing those saves little and costs an
/// allocation each). Models are visited so that each comes after the models it
/// holds inline (cycles are already broken by boxes), so a struct's size
/// counts what its nested models keep after their own boxing.
///
/// Returns each model's estimated layout, by index.
pub fn box_large_fields(models: &mut [Model], options: &Options) -> Vec<Layout> {
    let order = inline_order(models);
    let mut layouts = vec![Layout::JSON_VALUE; models.len()];
    let mut to_box: Vec<(usize, usize)> = Vec::new();
    {
        let mut estimator = Estimator::new(options);
        for &index in &order {
            let model = &models[index];
            let mut field_layouts: Vec<Layout> = model.fields.iter().map(|field| estimator.field_layout(field)).collect();
            let mut layout = estimator.model_layout(model);
            if layout.size > options.max_struct_size {
                // Candidates: fields holding a generated struct inline, largest first.
                let mut candidates: Vec<usize> = (0..model.fields.len())
                    .filter(|&field| {
                        let field = &model.fields[field];
                        !field.boxed && field.ty.inline_model().is_some()
                    })
                    .filter(|&field| field_layouts[field].size > SMALL_FIELD)
                    .collect();
                candidates.sort_by_key(|&field| std::cmp::Reverse(field_layouts[field].size));
                for field in candidates {
                    if layout.size <= options.max_struct_size {
                        break;
                    }
                    field_layouts[field] = if model.fields[field].required { Layout::BOX } else { Layout::BOX.optional() };
                    to_box.push((index, field));
                    let unknown = options.keep_unknown_fields.then(|| estimator.map_layout());
                    layout = struct_layout(field_layouts.iter().copied().chain(unknown));
                }
            }
            layouts[index] = layout;
            estimator.record(&model.name, layout);
        }
    }
    for (model, field) in to_box {
        models[model].fields[field].boxed = true;
    }
    layouts
}

/// Fields this small are never boxed for size.
const SMALL_FIELD: u32 = 64;

/// Model indexes in an order where every model comes after the models its
/// fields hold inline without a box (a post-order of that acyclic graph),
/// ties in index (name) order; iterative, however long a chain is.
fn inline_order(models: &[Model]) -> Vec<usize> {
    let index_of: HashMap<&str, usize> = models.iter().enumerate().map(|(index, model)| (model.name.as_str(), index)).collect();
    let edges: Vec<Vec<usize>> = models
        .iter()
        .map(|model| {
            model
                .fields
                .iter()
                .filter(|field| !field.boxed)
                .filter_map(|field| index_of.get(field.ty.inline_model()?).copied())
                .collect()
        })
        .collect();
    let mut visited = vec![false; models.len()];
    let mut order = Vec::with_capacity(models.len());
    for start in 0..models.len() {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some(top) = stack.last_mut() {
            let node = top.0;
            if let Some(&target) = edges[node].get(top.1) {
                top.1 += 1;
                if !visited[target] {
                    visited[target] = true;
                    stack.push((target, 0));
                }
            } else {
                order.push(node);
                stack.pop();
            }
        }
    }
    order
}

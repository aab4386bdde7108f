//! The model reference graph of a resolved schema: `mdmodels graph` (DOT or
//! Mermaid) and the referenced-by counts of `mdmodels list`.
//!
//! Nodes are the models with a page (structs, and enum pages), the enums a
//! page declares for its fields (`Call.StateEnum`), the names without a page
//! (opaque JSON values) and the names the config replaces with a Rust type.
//! Edges are fields, labelled with the field's name as the page writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::schema::{FieldType, ModelKind, Schema};

/// What a node is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A struct (a page with a properties table).
    Model,
    /// An enum page, or an enum a page declares for its fields.
    Enum,
    /// Referenced but without a page: an opaque JSON value.
    Opaque,
    /// Replaced by the config's `[types]` with a Rust type.
    Replaced,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The name as the pages write it (`Call`, `Call.StateEnum`).
    pub name: String,
    pub kind: NodeKind,
}

/// How a field holds its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// The value itself (or an `Option` of it).
    One,
    /// `list[T]` (at any depth).
    List,
    /// `dict(str, T)` (at any depth).
    Map,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Index into [`Graph::nodes`].
    pub from: usize,
    pub to: usize,
    /// The field's name as the page writes it.
    pub field: String,
    pub holding: Holding,
    /// The field is boxed: the edge that breaks a reference cycle.
    pub boxed: bool,
}

/// Nodes in name order (models, then enums, opaque and replaced names);
/// edges in model and field order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The reference graph of `schema`. A field the config gives a Rust type
/// references nothing.
pub fn graph(schema: &Schema) -> Graph {
    let mut kinds: BTreeMap<&str, NodeKind> = BTreeMap::new();
    for model in &schema.models {
        let kind = if model.kind == ModelKind::Enum { NodeKind::Enum } else { NodeKind::Model };
        kinds.insert(&model.name, kind);
        if model.kind == ModelKind::Struct {
            for declared in &model.enums {
                kinds.insert(&declared.name, NodeKind::Enum);
            }
        }
    }
    for unresolved in &schema.unresolved {
        kinds.entry(&unresolved.name).or_insert(NodeKind::Opaque);
    }
    // Names the config maps to a Rust type (an enum page turned off, a `String`).
    for field in schema.models.iter().flat_map(|model| &model.fields) {
        if let FieldType::Replaced { name, .. } | FieldType::EnumOff { name } = field.ty.innermost() {
            kinds.entry(name).or_insert(NodeKind::Replaced);
        }
    }
    // Only nodes some edge or page gives.
    let mut used: BTreeSet<&str> = schema.models.iter().map(|model| model.name.as_str()).collect();
    let mut pending = Vec::new();
    for model in &schema.models {
        for field in &model.fields {
            let Some((to, _)) = target(&field.ty) else { continue };
            if kinds.contains_key(to) {
                used.insert(to);
                pending.push((model.name.as_str(), to, field));
            }
        }
    }
    let mut nodes: Vec<Node> = kinds
        .iter()
        .filter(|(name, _)| used.contains(*name))
        .map(|(name, kind)| Node {
            name: name.to_string(),
            kind: *kind,
        })
        .collect();
    nodes.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
    let index: BTreeMap<&str, usize> = nodes.iter().enumerate().map(|(i, node)| (node.name.as_str(), i)).collect();
    let edges = pending
        .into_iter()
        .map(|(from, to, field)| Edge {
            from: index[from],
            to: index[to],
            field: field.doc_name.clone(),
            holding: target(&field.ty).map_or(Holding::One, |(_, holding)| holding),
            boxed: field.boxed,
        })
        .collect();
    Graph { nodes, edges }
}

/// The model or enum a type names, and whether through a list or a map.
fn target(ty: &FieldType) -> Option<(&str, Holding)> {
    match ty {
        FieldType::List(inner) => target(inner).map(|(name, holding)| (name, if holding == Holding::Map { Holding::Map } else { Holding::List })),
        FieldType::Map(inner) => target(inner).map(|(name, _)| (name, Holding::Map)),
        other => other.referenced_name().map(|name| (name, Holding::One)),
    }
}

/// For each node, how many other models reference it (each model once, a
/// model's reference to itself not counted).
pub fn referenced_by(graph: &Graph) -> Vec<usize> {
    let pairs: BTreeSet<(usize, usize)> = graph.edges.iter().filter(|e| e.from != e.to).map(|e| (e.to, e.from)).collect();
    let mut counts = vec![0; graph.nodes.len()];
    for (to, _) in pairs {
        counts[to] += 1;
    }
    counts
}

fn edge_label(edge: &Edge) -> String {
    let mut label = edge.field.clone();
    match edge.holding {
        Holding::One => {}
        Holding::List => label.push_str(" [list]"),
        Holding::Map => label.push_str(" [map]"),
    }
    if edge.boxed {
        label.push_str(" (Box)");
    }
    label
}

/// Graphviz DOT: structs as boxes, enums as rounded filled boxes, opaque
/// names dashed, replaced names grey; boxed (cycle-breaking) edges dashed.
pub fn to_dot(graph: &Graph) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::from("digraph models {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for node in &graph.nodes {
        let style = match node.kind {
            NodeKind::Model => "",
            NodeKind::Enum => " [style=\"rounded,filled\", fillcolor=\"#e8f0fe\"]",
            NodeKind::Opaque => " [style=dashed]",
            NodeKind::Replaced => " [style=filled, fillcolor=\"#eeeeee\"]",
        };
        let _ = writeln!(out, "  {}{style};", quote(&node.name));
    }
    for edge in &graph.edges {
        let style = if edge.boxed { ", style=dashed" } else { "" };
        let _ = writeln!(
            out,
            "  {} -> {} [label={}{style}];",
            quote(&graph.nodes[edge.from].name),
            quote(&graph.nodes[edge.to].name),
            quote(&edge_label(edge))
        );
    }
    out.push_str("}\n");
    out
}

/// A Mermaid flowchart (GitHub renders it in a ```mermaid block): structs
/// as boxes, enums as stadiums, opaque names dashed, replaced names grey;
/// boxed (cycle-breaking) edges dotted.
pub fn to_mermaid(graph: &Graph) -> String {
    // Mermaid's entity codes: `#quot;` inside a quoted label.
    let text = |text: &str| text.replace('"', "#quot;");
    let mut out = String::from("flowchart LR\n");
    for (index, node) in graph.nodes.iter().enumerate() {
        let name = text(&node.name);
        let _ = match node.kind {
            NodeKind::Model => writeln!(out, "  n{index}[\"{name}\"]"),
            NodeKind::Enum => writeln!(out, "  n{index}([\"{name}\"]):::enumeration"),
            NodeKind::Opaque => writeln!(out, "  n{index}[\"{name}\"]:::opaque"),
            NodeKind::Replaced => writeln!(out, "  n{index}[\"{name}\"]:::replaced"),
        };
    }
    for edge in &graph.edges {
        let arrow = if edge.boxed { "-.->" } else { "-->" };
        let _ = writeln!(out, "  n{} {arrow}|\"{}\"| n{}", edge.from, text(&edge_label(edge)), edge.to);
    }
    let kinds: BTreeSet<NodeKind> = graph.nodes.iter().map(|node| node.kind).collect();
    if kinds.contains(&NodeKind::Enum) {
        out.push_str("  classDef enumeration fill:#e8f0fe\n");
    }
    if kinds.contains(&NodeKind::Opaque) {
        out.push_str("  classDef opaque stroke-dasharray: 4 4\n");
    }
    if kinds.contains(&NodeKind::Replaced) {
        out.push_str("  classDef replaced fill:#eeeeee\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Generator;

    fn page(name: &str, rows: &str) -> (String, String) {
        (
            format!("{name}.md"),
            format!("# {name}\n\n## Properties\n\n| Name | Type | Description | Notes |\n|--|--|--|--|\n{rows}"),
        )
    }

    fn schema() -> Schema {
        let pages = [
            page("Node", "| **parent** | Node | | [optional] |\n| **children** | list[Node] | | [optional] |\n| **tags** | dict(str, Tag) | | [optional] |\n"),
            page("Tag", "| **label** | str | | |\n| **owner** | Owner | | [optional] |\n"),
        ];
        let generator = pages.into_iter().fold(Generator::new(), |generator, (name, text)| generator.page(name, text));
        generator.load().unwrap().schema
    }

    #[test]
    fn fields_are_labelled_edges_and_cycles_are_marked() {
        let graph = graph(&schema());
        let names: Vec<(&str, NodeKind)> = graph.nodes.iter().map(|node| (node.name.as_str(), node.kind)).collect();
        assert_eq!(names, [("Node", NodeKind::Model), ("Tag", NodeKind::Model), ("Owner", NodeKind::Opaque)]);
        assert_eq!(
            to_dot(&graph),
            "digraph models {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n  \
             \"Node\";\n  \"Tag\";\n  \"Owner\" [style=dashed];\n  \
             \"Node\" -> \"Node\" [label=\"parent (Box)\", style=dashed];\n  \
             \"Node\" -> \"Node\" [label=\"children [list]\"];\n  \
             \"Node\" -> \"Tag\" [label=\"tags [map]\"];\n  \
             \"Tag\" -> \"Owner\" [label=\"owner\"];\n}\n"
        );
        assert_eq!(
            to_mermaid(&graph),
            "flowchart LR\n  n0[\"Node\"]\n  n1[\"Tag\"]\n  n2[\"Owner\"]:::opaque\n  \
             n0 -.->|\"parent (Box)\"| n0\n  n0 -->|\"children [list]\"| n0\n  n0 -->|\"tags [map]\"| n1\n  n1 -->|\"owner\"| n2\n  \
             classDef opaque stroke-dasharray: 4 4\n"
        );
        assert_eq!(referenced_by(&graph), [0, 1, 1], "a model's references to itself do not count");
    }
}

use super::*;
use crate::diagnostics::Severity;
use crate::schema::{ModelKind, TypeExpr};
use super::PageModel as Model;

fn parse(text: &str) -> ParsedPage {
    parse_page("Page.md", "Page.md", text)
}

fn model(text: &str) -> Model {
    match parse(text).outcome {
        PageOutcome::Model(model) => model,
        other => panic!("expected a model, got {other:?}"),
    }
}

/// A field's doc name, type, required flag and description.
type FieldEssence = (String, String, bool, Option<String>);

/// The parts of a model that must not depend on the page variant.
fn essence(model: &Model) -> (String, Vec<FieldEssence>) {
    let fields = model
        .fields
        .iter()
        .map(|f| (f.doc_name.clone(), f.ty.to_string(), f.required, f.description.clone()))
        .collect();
    (model.name.clone(), fields)
}

const FRONT_MATTER_BOLD: &str = "---
title: Call
---
## Call

## Properties

|Name | Type | Description | Notes|
|------------ | ------------- | ------------- | -------------|
| **state** | **str** | The connection state. | [optional] |
| **segments** | [**list[Segment]**](Segment.html) | The participant&#39;s segments. | [optional] |
| **version** | **int** |  | |
{: class=\"table table-striped\"}
";

const HEADINGS_PLAIN: &str = "# Call

## Call

## Properties

|Name | Type | Description | Notes|
|------------ | ------------- | ------------- | -------------|
| **state** | str | The connection state. | [optional] |
| **segments** | [list[Segment]](Segment) | The participant&#39;s segments. | [optional] |
| **version** | int |  | |



_PureCloudPlatformClientV2 213.0.0_
";

const NO_OUTER_PIPES: &str = "# Call

## Properties
Name | Type | Description | Notes
------------ | ------------- | ------------- | -------------
**state** | **str** | The connection state. | [optional]
**segments** | [**list[Segment]**](Segment.md) | The participant&#39;s segments. | [optional]
**version** | **int** | | 
";

#[test]
fn all_page_variants_parse_to_the_same_model() {
    let expected = essence(&model(FRONT_MATTER_BOLD));
    assert_eq!(expected.0, "Call");
    assert_eq!(
        expected.1,
        vec![
            ("state".into(), "str".into(), false, Some("The connection state.".into())),
            ("segments".into(), "list[Segment]".into(), false, Some("The participant's segments.".into())),
            ("version".into(), "int".into(), true, None),
        ]
    );
    assert_eq!(essence(&model(HEADINGS_PLAIN)), expected);
    assert_eq!(essence(&model(NO_OUTER_PIPES)), expected);
}

#[test]
fn the_seed_pages_parse() {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs-input");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(seeds).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let page = parse_page("seed.md", "seed.md", &text);
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        let PageOutcome::Model(model) = page.outcome else { panic!("{path:?} is a model page") };
        assert!(!model.fields.is_empty());
        assert_eq!(format!("{}.md", model.name), path.file_name().unwrap().to_str().unwrap());
        names.push(model.name);
    }
    names.sort();
    assert_eq!(names, ["Call", "Callback", "ChatMediaParticipant", "Participant", "SocialExpression"]);
}

#[test]
fn locations_point_at_the_row() {
    let model = model(FRONT_MATTER_BOLD);
    assert_eq!(model.source.line, 2, "the title line names the model");
    let segments = &model.fields[1];
    assert_eq!((segments.source.line, segments.source.column), (11, 3));
    assert_eq!(segments.source.file, "Page.md");
}

#[test]
fn text_before_the_table_is_the_description() {
    let model = model(
        "# Call\n\nA phone call.\nIt has &quot;segments&quot;.\n\nSecond paragraph.\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **id** | str | | [optional] |\n",
    );
    assert_eq!(
        model.description.as_deref(),
        Some("A phone call.\nIt has \"segments\".\n\nSecond paragraph.")
    );
}

#[test]
fn notes_carry_required_default_and_readonly() {
    let model = model(
        "# M\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n\
         | **a** | str | | [optional] [default to &#39;x&#39;] |\n\
         | **b** | int | | [readonly] |\n\
         | **c** | bool | | [optional] [readonly] |\n",
    );
    let [a, b, c] = &model.fields[..] else { panic!() };
    assert!(!a.required);
    assert_eq!(a.default.as_deref(), Some("'x'"));
    assert!(!a.readonly);
    assert!(b.required && b.readonly);
    assert!(!c.required && c.readonly);
}

#[test]
fn pipes_in_descriptions_are_rejoined() {
    let model = model(
        "# M\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n\
         | **sep** | str | Use &#39;|&#39; or &#39;,&#39; | as a delimiter. | [optional] |\n",
    );
    let field = &model.fields[0];
    assert_eq!(field.description.as_deref(), Some("Use '|' or ',' | as a delimiter."));
    assert!(!field.required, "the Notes cell is the last one");
}

#[test]
fn columns_are_found_by_header_name() {
    let model = model(
        "# M\n## Properties\n| Type | Name | Notes | Description |\n|--|--|--|--|\n\
         | int | **count** | [optional] | How many. |\n",
    );
    let field = &model.fields[0];
    assert_eq!(field.doc_name, "count");
    assert_eq!(field.ty, TypeExpr::Integer);
    assert!(!field.required);
    assert_eq!(field.description.as_deref(), Some("How many."));
}

#[test]
fn empty_tables_give_empty_models() {
    let model = model("# Empty\n\n## Properties\n\n|Name | Type | Description | Notes|\n|------------ | ------------- | ------------- | -------------|\n\n_footer 1.0_\n");
    assert_eq!(model.name, "Empty");
    assert!(model.fields.is_empty());
}

#[test]
fn namespaced_headings_name_the_last_segment() {
    for heading in ["## ININ.PureCloudApi.Model.Call", "## PureCloud::Call"] {
        let text = format!("{heading}\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **id** | str | | |\n");
        assert_eq!(model(&text).name, "Call");
    }
}

#[test]
fn pages_without_properties_are_skipped_with_a_note() {
    let page = parse("# CallsApi\n\nMethod | HTTP request\n--|--\n[get](#get) | GET /calls\n");
    let PageOutcome::Skipped(note) = page.outcome else { panic!("{:?}", page.outcome) };
    assert_eq!(note.severity, Severity::Note);
    assert!(note.message.contains("## Properties"));
    assert!(page.diagnostics.is_empty());
}

#[test]
fn bad_rows_are_located_errors() {
    let page = parse("# M\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **a** | list[ | x | |\n| | str | x | |\n| **c** |  | x | |\n");
    assert!(matches!(page.outcome, PageOutcome::Failed(_)));
    let found: Vec<(u32, u32, DiagnosticKind)> = page
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            (at.line, at.column, d.kind)
        })
        .collect();
    assert_eq!(
        found,
        [(5, 16, DiagnosticKind::BadType), (6, 2, DiagnosticKind::Malformed), (7, 10, DiagnosticKind::Malformed)]
    );
    assert!(page.diagnostics[0].message.contains("`list[`"));
    assert_eq!(page.diagnostics[0].source_line.as_deref(), Some("| **a** | list[ | x | |"));
}

#[test]
fn a_table_without_a_type_column_is_an_error() {
    let page = parse("# M\n## Properties\n|Name | Description |\n|--|--|\n| **a** | x |\n");
    assert!(matches!(page.outcome, PageOutcome::Failed(_)));
    assert!(page.diagnostics[0].message.contains("`Type` column"));
    assert_eq!(page.diagnostics[0].location.as_ref().unwrap().line, 3);
}

#[test]
fn crlf_line_endings_parse_like_lf() {
    let crlf = FRONT_MATTER_BOLD.replace('\n', "\r\n");
    assert_eq!(essence(&model(&crlf)), essence(&model(FRONT_MATTER_BOLD)));
}

const JAVA_WITH_ENUMS: &str = "# Call

A call.

:::error
Deprecated: use Conversation.
:::

## Properties

| Name | Type | Description | Notes |
|------------ | ------------- | ------------- | -------------|
|**state** | [**StateEnum**](#StateEnum) | The state. |  [optional] |
|**kinds** | [**List&lt;KindsEnum&gt;**](#List<KindsEnum>) |  |  [optional] |
|**code** | [**CodeEnum**](#CodeEnum) |  |  [optional] |

<a name=\"StateEnum\"></a>
## Enum: StateEnum

| Name | Value |
|---- | -----|
| ALERTING | &quot;alerting&quot; |
| IN_PROGRESS | &quot;in-progress&quot; |
| OUTDATEDSDKVERSION | &quot;outdatedsdkversion&quot; |

## Enum: List&lt;KindsEnum&gt;

Name | Value
---- | -----
A | &quot;a&quot;

<a name=\"CodeEnum\"></a>
## Enum: CodeEnum

| Name | Value |
|---- | -----|
| NUMBER_1 | 1 |
| NUMBER_2 | 2 |

## Enum: UnusedEnum

| Name | Value |
|---- | -----|
| X | &quot;x&quot; |

## Example

| Name | Type |
|--|--|
| **not_a_field** | str |
";

fn wire_values(model: &Model, index: usize) -> Vec<&str> {
    model.enums[index].values.iter().map(|v| v.value.as_str()).collect()
}

#[test]
fn enum_sections_type_the_fields_that_name_them() {
    let page = parse(JAVA_WITH_ENUMS);
    let PageOutcome::Model(model) = page.outcome else { panic!("{:?}", page.diagnostics) };
    assert_eq!(model.description.as_deref(), Some("A call."), "admonitions are not description");
    let types: Vec<String> = model.fields.iter().map(|f| f.ty.to_string()).collect();
    assert_eq!(types, ["Call.StateEnum", "list[Call.KindsEnum]", "int"]);
    assert_eq!(model.enums.len(), 2, "the integer enum keeps `int`; the unused one is dropped");
    assert_eq!(wire_values(&model, 0), ["alerting", "in-progress"], "the SDK sentinel is dropped");
    assert_eq!(model.enums[0].field.as_deref(), Some("state"));
    assert_eq!(wire_values(&model, 1), ["a"]);
    let unused: Vec<&Diagnostic> = page.diagnostics.iter().filter(|d| d.message.contains("UnusedEnum")).collect();
    assert_eq!(unused.len(), 1, "{:?}", page.diagnostics);
    assert_eq!(unused[0].severity, Severity::Note, "TypeScript pages document enums no type names");
    assert_eq!(unused[0].location.as_ref().unwrap().line, 40);
}

#[test]
fn kotlin_inline_enums_are_found_by_link_and_field_name() {
    let page = "# Call\n\n## Properties\n| Name | Type | Description | Notes |\n| ------------ | ------------- | ------------- | ------------- |\n| **state** | [**inline**](#State) |  |  [optional] |\n| **mode** | [**inline**](#) |  |  [optional] |\n\n<a id=\"State\"></a>\n## Enum: state\n| Name | Value |\n| ---- | ----- |\n| state | alerting, dialing |\n\n<a id=\"Mode\"></a>\n## Enum: mode\n| Name | Value |\n| ---- | ----- |\n| mode | a, b |\n";
    let model = model(page);
    let types: Vec<String> = model.fields.iter().map(|f| f.ty.to_string()).collect();
    assert_eq!(types, ["Call.state", "Call.mode"]);
    assert_eq!(wire_values(&model, 0), ["alerting", "dialing"]);
    assert_eq!(wire_values(&model, 1), ["a", "b"]);
}

#[test]
fn enum_pages_are_enum_models() {
    let page = "# CallDirection\n\nWhich way the call goes.\n\n## Enum\n\n* `INBOUND` (value: `\"inbound\"`)\n\n* `OUTBOUND` (value: `\"outbound\"`)\n\n* `OUTDATED_SDK_VERSION` (value: `\"OutdatedSdkVersion\"`)\n\n[[Back to Model list]](../README.md#documentation-for-models)\n";
    let model = model(page);
    assert_eq!(model.kind, ModelKind::Enum);
    assert_eq!(model.name, "CallDirection");
    assert_eq!(model.enums[0].name, "CallDirection");
    assert_eq!(model.enums[0].description.as_deref(), Some("Which way the call goes."));
    assert_eq!(wire_values(&model, 0), ["inbound", "outbound"]);
    let numbers = parse("# Code\n\n## Enum\n\n* `NUMBER_1` (value: `1`)\n");
    assert!(matches!(numbers.outcome, PageOutcome::Skipped(ref d) if d.severity == Severity::Warning), "{numbers:?}");
}

#[test]
fn prose_values_stay_strings() {
    let page = "# Call\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **state** | **str** | Values can be: &#39;alerting&#39;, &#39;dialing&#39; | [optional] |\n";
    let model = model(page);
    assert_eq!(model.fields[0].ty, TypeExpr::String);
    assert!(model.enums.is_empty());
}

#[test]
fn sections_after_the_table_are_not_fields() {
    let page = "# Call\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **id** | **str** | | |\n\n## Methods\n\n### GetId\n\n| Name | Type | Description | Notes|\n|--|--|--|--|\n| **other** | **str** | | |\n\n## Implemented Interfaces\n\n* Entity\n";
    let model = model(page);
    assert_eq!(model.fields.len(), 1);
    assert!(model.enums.is_empty());
}

#[test]
fn a_link_bracket_the_template_never_closed_is_dropped() {
    let page = "# Segment\n## Properties\nName | Type | Description | Notes\n------------ | ------------- | ------------- | -------------\n**StartTime** | Pointer to [**time.Time** | When. | [optional] \n**Open** | list[ | x | \n";
    let parsed = parse(page);
    let errors: Vec<&str> = parsed.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("`list[`"), "an unclosed generic is still an error: {errors:?}");
    let page = page.lines().take(5).collect::<Vec<_>>().join("\n");
    assert_eq!(model(&page).fields[0].ty, TypeExpr::DateTime);
}

#[test]
fn descriptions_lose_markdown_backslash_escapes() {
    let page = "# M\n\nSay \\\"hi\\\".\n\n## Properties\n|Name | Type | Description | Notes|\n|--|--|--|--|\n| **a** | str | Choosing \\\"eventTime\\\" uses \\| the \\_event\\_ time. C:\\Users | |\n";
    let model = model(page);
    assert_eq!(model.description.as_deref(), Some("Say \"hi\"."));
    assert_eq!(model.fields[0].description.as_deref(), Some("Choosing \"eventTime\" uses | the _event_ time. C:\\Users"));
}

#[test]
fn without_a_notes_column_fields_are_optional() {
    let no_notes = model("# M\n## Properties\n| Name | Type | Description |\n|--|--|--|\n| **count** | number | How many. |\n");
    assert!(!no_notes.fields[0].required, "nothing says the field is always sent");
    let empty_notes = model("# M\n## Properties\n| Name | Type | Description | Notes |\n|--|--|--|--|\n| **count** | int | How many. | |\n");
    assert!(empty_notes.fields[0].required, "an empty Notes cell means required");
}

/// The outline read around the properties table, which must be taken and
/// equal pulldown-cmark's reading of the whole page.
fn outline_around_table_of(page: &str) -> outline::PageOutline {
    let split = outline::outline_around_table(page).unwrap_or_else(|| panic!("the table is scanned: {page:?}"));
    assert_eq!(split, outline::full_outline(page), "{page:?}");
    split
}

/// A page the scan leaves to pulldown-cmark, whose outline is still the full one.
fn outline_of_whole(page: &str) {
    assert_eq!(outline::outline_around_table(page), None, "{page:?}");
    assert_outline_is_full(page);
}

/// The outline of a page is that of pulldown-cmark's reading of it all;
/// or there is none, and pulldown-cmark finds no heading of a model page.
fn assert_outline_is_full(page: &str) {
    let full = outline::full_outline(page);
    match outline::outline(page) {
        Some(outline) => assert_eq!(outline, full, "{page:?}"),
        None => assert!(full.properties_heading.is_none() && full.enum_sections.is_empty(), "{page:?}"),
    }
}

const TABLE: &str = "# Call\n\nA call.\n\n## Properties\n\n|Name | Type | Description | Notes|\n|------------ | ------------- | ------------- | -------------|\n| **id** | str | The id. | [optional] |\n| **kind** | str | A \\| B | |\n";

#[test]
fn the_table_body_ends_where_pulldown_ends_it() {
    let enders = [
        "\n_footer 1.0_\n",
        "   \nafter\n",
        "## Example\n\n| Name | Type |\n|--|--|\n| **not_a_field** | str |\n",
        "#\n",
        "###### Six\n",
        "```\ncode\n```\n",
        "~~~\ncode\n",
        "> quoted\n",
        "- item\n",
        "* item\n",
        "+ item\n",
        "-\n",
        "1. item\n",
        "2) item\n",
        "***\n",
        "- - -\n",
        "___\n",
        "|\n",
        "  |  \t\n",
        "\t> quoted\n",
    ];
    for ender in enders {
        let page = format!("{TABLE}{ender}| **lost** | str | | |\n");
        let outline = outline_around_table_of(&page);
        assert_eq!(outline.table_rows.len(), 2, "{ender:?}");
    }
}

#[test]
fn lazy_and_odd_lines_are_rows() {
    let rows = [
        "{: class=\"table table-striped\"}",
        "}",
        "**a** | str | | |",
        "#hashtag | str",
        "####### seven",
        "-x | y",
        "--",
        "+x",
        "*x*",
        "_x_ | y",
        "__",
        "1 | x",
        "1234567890. x",
        "1.x",
        "```a`b",
        "``",
        "    | **indented** | str | | |",
        "\t| **tabbed** | str | | |",
        "||",
        "| x",
        "=====",
        "[^note] x",
        ": x",
    ];
    for row in rows {
        let page = format!("{TABLE}{row}\n| **last** | str | | |\n");
        let outline = outline_around_table_of(&page);
        assert_eq!(outline.table_rows.len(), 4, "{row:?}");
    }
}

#[test]
fn tables_the_scan_leaves_to_pulldown() {
    let pages = [
        // An HTML block may start here.
        format!("{TABLE}<a name=\"x\"></a>\n"),
        // Blanks CommonMark reads as blank, or a lone CR ending a line.
        format!("{TABLE}\u{b}\n"),
        format!("{TABLE}| **a** | str |\r| **b** | str |\n"),
        // Inside a container, rows must continue it.
        "# Call\n\n> ## Properties\n> |Name | Type |\n> |--|--|\n> | **id** | str |\n| **lazy** | str |\n".to_string(),
        "# Call\n\n## Properties\n\n- |Name | Type |\n  |--|--|\n  | **id** | str |\n".to_string(),
        // A link reference definition changes headings before it.
        format!("# [Call]\n\n{}\n[Call]: Call.md\n", &TABLE["# Call\n".len()..]),
        // `---` with a closing line after it is front matter.
        "# Call\n\n---\n\n## Properties\n|Name | Type |\n|--|--|\n| **id** | str |\n\n---\n".to_string(),
        // The first delimiter row below `Properties` is a row of a table
        // that started above it.
        "# M\n\n## properties\n\n|Name | Type |\n|--|--|\n| **Properties** | str |\n| **a** | str |\n|--|--|\n| **b** | str |\n".to_string(),
        // No delimiter row, or nothing after it.
        "# Call\n\n## Properties\n\n|Name | Type |\n".to_string(),
        "# Call\n\n## Properties\n\n|Name | Type |\n|--|--|".to_string(),
    ];
    for page in &pages {
        outline_of_whole(page);
    }
}

#[test]
fn a_table_whose_short_rows_fill_too_many_cells_is_read_whole() {
    // pulldown-cmark ends the table once it has filled 2^18 missing cells.
    let columns = 300;
    let mut page = format!("# M\n## Properties\n|Name | Type |{}\n|--|--|{}\n", " x |".repeat(columns - 2), "--|".repeat(columns - 2));
    page.push_str(&"| **a** |\n".repeat(1000));
    let whole = outline::full_outline(&page);
    assert!(whole.table_rows.len() < 1000, "{}", whole.table_rows.len());
    outline_of_whole(&page);
}

#[test]
fn every_page_variant_reads_alike_around_its_table() {
    let crlf = TABLE.replace('\n', "\r\n");
    let no_trailing_newline = TABLE.trim_end();
    let front_matter_and_rule = format!("---\ntitle: Call\n---\n\n***\n\n{TABLE}");
    let table_in_description = format!("# Call\n\n|a|b|\n|-|-|\n| x | y |\n\nProperties follow.\n\n{}", &TABLE["# Call\n".len()..]);
    let pages = [
        FRONT_MATTER_BOLD,
        HEADINGS_PLAIN,
        NO_OUTER_PIPES,
        JAVA_WITH_ENUMS,
        TABLE,
        &crlf,
        no_trailing_newline,
        &front_matter_and_rule,
        &table_in_description,
    ];
    for page in pages {
        outline_around_table_of(page);
    }
    let enums = outline_around_table_of(JAVA_WITH_ENUMS);
    assert_eq!(enums.enum_sections.len(), 4, "the enum sections after the table are read");
    let crlf = outline_around_table_of(&crlf);
    assert!(TABLE.len() < crlf.table_rows[1].end, "the rows keep their CRLF");
}

/// Pages made of lines that start or end blocks, tables among them.
#[test]
fn random_pages_read_alike_around_their_table() {
    const LINES: &[&str] = &[
        "",
        "## Properties",
        "## Enum: StateEnum",
        "Properties",
        "|Name | Type | Description | Notes|",
        "|--|--|--|--|",
        "Name | Type",
        "--|--",
        "| **id** | str | x | |",
        "**id** | str",
        "| **a** | list[",
        "text",
        "> quote",
        "- item",
        "  - nested",
        "1. item",
        "```",
        "~~~",
        "    code",
        "---",
        "***",
        "===",
        "<a name=\"x\"></a>",
        "<!-- comment",
        "-->",
        "|",
        "{: class=\"table\"}",
        "| ALERTING | &quot;alerting&quot; |",
        "* `A` (value: `\"a\"`)",
        ":::error",
        ":::",
        "title: T",
        "\t| tabbed |",
        "####### seven",
        "# Enum",
        "```a`b",
        "~~~~",
        "2) x",
        "- - -",
        "| \\| |",
    ];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let mut split = 0;
    for _ in 0..4000 {
        let count = 4 + next(24);
        let mut page = String::from("# M\n\n## Properties\n\n|Name | Type | Description | Notes|\n|--|--|--|--|\n");
        for _ in 0..count {
            page.push_str(LINES[next(LINES.len())]);
            page.push_str(["\n", "\r\n", "\n\n"][next(3)]);
        }
        if next(2) == 0 {
            // A line break anywhere in the page's first half.
            page.insert(next(page.len() / 2), '\n');
        }
        let whole = outline::full_outline(&page);
        if let Some(outline) = outline::outline_around_table(&page) {
            split += 1;
            assert_eq!(outline, whole, "{page:?}");
        }
    }
    assert!(split > 2000, "most pages take the scan: {split}");
}

/// The pages of the repository (and the SDK folder beside it, when there).
#[test]
fn real_pages_read_alike_around_their_table() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut folders = vec![format!("{root}/docs-input"), format!("{root}/../shared/corpus/genesys-python-257.1.0")];
    for entry in std::fs::read_dir(format!("{root}/tests/snapshots")).unwrap() {
        folders.push(entry.unwrap().path().display().to_string());
    }
    let mut pages = 0;
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|extension| extension != "md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            assert_outline_is_full(&text);
            pages += 1;
        }
    }
    assert!(pages > 40, "{pages}");
}

#[test]
fn pages_without_a_model_heading_are_not_read() {
    let api_page = "# CallsApi\n\n## get_call\n\n> get_call(id)\n\n### Example\n\n```python\n# Get a call\n```\n\n|Name | Type |\n|--|--|\n| **id** | str |\n\n## Properties of a call\n";
    assert!(outline::outline(api_page).is_none());
    assert_outline_is_full(api_page);
    let headings = [
        "# Properties",
        "##properties",
        "# PROPERTIES #",
        "> - # Properties",
        "+\t# Enum",
        "12) # Properties",
        "# Pro*per*ties",
        "# `Properties`",
        "# Prop<b>erties</b>",
        "# [Prop](x)erties",
        "# &#80;roperties",
        "# Enum",
        "## Enum: StateEnum",
        "# **Enum**: State",
        "# En`um`",
        "Properties\n===",
        "Prop\nerties\n---",
        "> Enum\n> -",
        "Properties\r-",
        "text\r# Properties",
        "# [Prop][x]\n\n[x]: y",
    ];
    for heading in headings {
        let page = format!("# CallsApi\n\n{heading}\n\ntext\n");
        assert!(outline::outline(&page).is_some(), "{page:?}");
    }
}

/// Pages made of lines that make headings or hide letters from them.
#[test]
fn random_pages_without_a_model_heading_have_none() {
    const LINES: &[&str] = &[
        "", "text", "Properties", "Prop", "erties", "Enum", "E", "num", "# Properties", "## properties", "# Prop",
        "# Enum: X", "# Enumeration", "# 1Enum", "# Example", "#Properties", "# Pro*per*ties", "# `Enum`",
        "# <b>x</b>", "# [x](y)", "# &amp;", "===", "---", "-", "- ", "* * *", "> ", ">", "> # Enum", "- # Enum",
        "1. # Properties", "   ", "    # Properties", "```", "~~~", "<h1>Properties</h1>", "<!--", "-->", "\\",
        "| a | b |", "|--|--|", "Name | Type", "[x]", "[x]: Properties", "*", "_", "**", "`",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    let mut screened = 0;
    for _ in 0..20_000 {
        let mut page = String::new();
        for _ in 0..1 + next(6) {
            page.push_str(LINES[next(LINES.len())]);
            if next(3) == 0 {
                page.push_str(LINES[next(LINES.len())]);
            }
            page.push_str(["\n", "\r\n", "\r", "\n\n"][next(4)]);
        }
        if outline::outline(&page).is_none() {
            screened += 1;
        }
        assert_outline_is_full(&page);
    }
    assert!(screened > 4000, "many pages are screened out: {screened}");
}

#[test]
fn line_starts_are_found_in_any_order_of_offsets() {
    let text = "# M\r\n\n## Properties\n|a|b|\n\nlast";
    let naive = |offset: usize| {
        let line = text[..offset].matches('\n').count();
        (line, text[..offset].rfind('\n').map_or(0, |index| index + 1))
    };
    let mut lines = LineCursor::default();
    let offsets = [7, 0, 30, 30, 12, 4, 5, text.len(), 1, 29, 6];
    for offset in offsets {
        assert_eq!(lines.line_of(text, offset), naive(offset), "{offset}");
    }
}

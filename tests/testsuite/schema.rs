//! The JSON Schemas of front-matter and `site.yaml` are made from the types careleaf
//! reads them with: every key has a description, and the authors' side (README's
//! reference tables, the `new condition` scaffold, docs/theming.md) names every key,
//! so a new field that any of them leaves out fails here.

use std::process::Command;

use serde_json::Value;

use crate::common::*;

fn schema(which: &str) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["schema", which])
        .output()
        .unwrap();
    assert!(output.status.success());
    serde_json::from_slice(&output.stdout).unwrap()
}

fn table(which: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args(["schema", which, "--table"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// Every property, at any depth (through `$ref`s), without a description: as
/// `path.key`.
fn undescribed(schema: &Value) -> Vec<String> {
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut missing = Vec::new();
    let mut seen = Vec::new();
    walk(schema, "", &defs, &mut seen, &mut missing);
    missing
}

fn walk(node: &Value, path: &str, defs: &Value, seen: &mut Vec<String>, missing: &mut Vec<String>) {
    let Some(object) = node.as_object() else {
        return;
    };
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        for (key, value) in properties {
            let here = format!("{path}.{key}");
            if value
                .get("description")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                missing.push(here.clone());
            }
            walk(value, &here, defs, seen, missing);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = object.get(key) {
            walk(inner, &format!("{path}[]"), defs, seen, missing);
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for inner in object
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(inner, path, defs, seen, missing);
        }
    }
    if let Some(name) = object
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        && !seen.iter().any(|s| s == name)
    {
        seen.push(name.to_string());
        walk(&defs[name], name, defs, seen, missing);
    }
}

fn top_level_keys(schema: &Value) -> Vec<String> {
    schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_key_of_both_schemas_has_a_description() {
    for which in ["front-matter", "site"] {
        let schema = schema(which);
        assert_eq!(undescribed(&schema), Vec::<String>::new(), "{which}");
        assert_eq!(
            schema["additionalProperties"],
            Value::Bool(false),
            "{which}: unknown keys are marked"
        );
    }
    // The judge finds a key without one.
    let bare = serde_json::json!({ "properties": { "a": { "type": "string" }, "b": { "description": "B", "type": "string" } } });
    assert_eq!(undescribed(&bare), [".a"]);
}

#[test]
fn the_readme_tables_are_the_schemas() {
    let readme = read(&repo_root().join("README.md"));
    for (which, start, end) in [
        (
            "front-matter",
            "<!-- front-matter keys: careleaf schema front-matter --table -->\n",
            "<!-- end of front-matter keys -->",
        ),
        (
            "site",
            "<!-- site keys: careleaf schema site --table -->\n",
            "<!-- end of site keys -->",
        ),
    ] {
        let from = readme.find(start).unwrap_or_else(|| panic!("{start}")) + start.len();
        let to = from + readme[from..].find(end).unwrap();
        assert_eq!(
            &readme[from..to],
            table(which),
            "README's {which} table is out of date: paste `careleaf schema {which} --table` between its markers"
        );
    }
}

#[test]
fn the_new_condition_scaffold_and_the_theming_guide_name_every_front_matter_key() {
    let site = example_site();
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .args([
            "new",
            "condition",
            "early-pregnancy-bleeding/subchorionic-haematoma",
            "--site",
        ])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let scaffold = read(
        &site
            .path()
            .join("content/early-pregnancy-bleeding/subchorionic-haematoma.md"),
    );
    assert!(
        scaffold.starts_with(
            "---\n# yaml-language-server: $schema=../../schemas/front-matter.schema.json\n"
        ),
        "{scaffold}"
    );
    let written: Value =
        serde_json::from_str(&read(&site.path().join("schemas/front-matter.schema.json"))).unwrap();
    assert_eq!(written, schema("front-matter"));
    let theming = read(&repo_root().join("docs/theming.md"));
    // What only careleaf reads (not a template value) need not be in the guide.
    let not_for_templates = ["triage", "weight", "template", "urgency"];
    for key in top_level_keys(&schema("front-matter")) {
        let written = scaffold.lines().any(|l| {
            let l = l.trim_start_matches("# ");
            l.starts_with(&format!("{key}:"))
        });
        assert!(
            written,
            "`new condition` does not write `{key}`:\n{scaffold}"
        );
        if !not_for_templates.contains(&key.as_str()) {
            assert!(
                theming.contains(&format!("page.{key}")) || theming.contains(&format!("`.{key}`")),
                "docs/theming.md does not say where `{key}` is in templates"
            );
        }
    }
}

#[test]
fn init_points_site_yaml_at_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_careleaf"))
        .arg("init")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let config = read(&dir.path().join("site.yaml"));
    assert!(config.starts_with("# yaml-language-server: $schema=schemas/site.schema.json\n"));
    let written: Value =
        serde_json::from_str(&read(&dir.path().join("schemas/site.schema.json"))).unwrap();
    assert_eq!(written, schema("site"));
    build(dir.path()).unwrap_or_else(|d| panic!("{}", rendered(&d)));
}

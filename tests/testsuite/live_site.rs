//! The live preview's incremental rebuilds give exactly what a full build gives: after
//! every edit (a body, a title, a new file, a deleted file, a renamed file, a topic's
//! title, a template), the preview's folder equals a fresh build of the same files.
//! An edit with errors changes nothing that is served.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use careleaf::LiveSite;

const BASE: &str = "http://127.0.0.1:1111/careleaf/";

fn assert_same_as_full_build(live: &mut LiveSite, site: &Path, preview: &Path) {
    live.refresh_search()
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let fresh = site.join("fresh");
    careleaf::build(&careleaf::BuildOptions {
        site: site.into(),
        output: Some(fresh.clone()),
        base_url: Some(BASE.into()),
        drafts: false,
    })
    .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let (a, b) = (files(preview), files(&fresh));
    let a_names: Vec<&String> = a.keys().collect();
    let b_names: Vec<&String> = b.keys().collect();
    assert_eq!(a_names, b_names, "the same files");
    for (name, bytes) in &a {
        if bytes != &b[name] {
            let (x, y) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&b[name]),
            );
            for (l1, l2) in x.lines().zip(y.lines()) {
                if l1 != l2 {
                    eprintln!("PREVIEW: {l1}\nFULL:    {l2}");
                    break;
                }
            }
        }
        assert!(bytes == &b[name], "{name} differs from a full build");
    }
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} in {rel}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = example_site();
    let root = site.path();
    let preview = root.join("preview");
    let (mut live, first) =
        LiveSite::load(root, &preview, BASE, false).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(first.pages > 5);
    assert_same_as_full_build(&mut live, root, &preview);

    // A topic edit that breaks the rule of a condition the preview has not read since
    // it started (first, before an edit makes it read every page): the error quotes
    // the condition's line, from the front-matter the preview keeps of every page.
    let topic = "content/early-pregnancy-bleeding/_index.md";
    let p = edit(
        root,
        topic,
        "        none: { label: \"No pain\", sign: \"no pain\" }",
        "        no_pain: { label: \"No pain\", sign: \"no pain\" }",
    );
    let before = files(&preview);
    let errors = live
        .apply(std::slice::from_ref(&p))
        .expect_err("a rule names an answer that is gone");
    let errors = rendered(&errors);
    assert!(errors.contains("implantation-bleeding.md:16:"), "{errors}");
    assert!(
        errors.contains("- { weeks: early, bleeding: spotting, pain: [none, cramps] }"),
        "{errors}"
    );
    assert!(files(&preview) == before);
    edit(
        root,
        topic,
        "        no_pain: { label: \"No pain\", sign: \"no pain\" }",
        "        none: { label: \"No pain\", sign: \"no pain\" }",
    );
    live.apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // A body edit renders one page.
    let p = edit(
        root,
        "content/early-pregnancy-bleeding/miscarriage.md",
        "Miscarriage is common.",
        "Miscarriage is very common.",
    );
    let r = live
        .apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(r.pages, 1, "a body edit renders only its page");
    assert_same_as_full_build(&mut live, root, &preview);

    // A title edit renders its page, the topic page and the home page.
    let p = edit(
        root,
        "content/early-pregnancy-bleeding/molar-pregnancy.md",
        "title: Molar pregnancy",
        "title: Molar pregnancy (hydatidiform mole)",
    );
    let r = live
        .apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert!(r.pages <= 3, "{} pages for a title edit", r.pages);
    assert_same_as_full_build(&mut live, root, &preview);

    // A new condition, linked from nowhere, with its own rule.
    let new = root.join("content/early-pregnancy-bleeding/subchorionic-haematoma.md");
    let text = fs::read_to_string(root.join("content/early-pregnancy-bleeding/cervical-causes.md"))
        .unwrap()
        .replace(
            "title: Bleeding from the cervix",
            "title: Subchorionic haematoma",
        )
        .replace(
            "    - { after_sex: yes }",
            "    - { after_sex: yes, weeks: later }",
        );
    fs::write(&new, &text).unwrap();
    // The Chinese tree must have every condition the English one has (a translation
    // cannot change care), so the new condition comes with its translation.
    let new_zh = root.join("content/early-pregnancy-bleeding/subchorionic-haematoma.zh.md");
    fs::write(&new_zh, &text).unwrap();
    live.apply(&[new.clone(), new_zh])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // Deleting a file that other pages link to is an error, and nothing served changes.
    let linked = root.join("content/early-pregnancy-bleeding/ectopic-pregnancy.md");
    let kept = fs::read(&linked).unwrap();
    let before = files(&preview);
    fs::remove_file(&linked).unwrap();
    let errors = live
        .apply(std::slice::from_ref(&linked))
        .expect_err("links to it break");
    assert!(rendered(&errors).contains("@/early-pregnancy-bleeding/ectopic-pregnancy.md"));
    assert!(files(&preview) == before, "a failed edit writes nothing");
    fs::write(&linked, kept).unwrap();
    live.apply(&[linked])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // Deleting and renaming files nobody links to.
    let new_zh = root.join("content/early-pregnancy-bleeding/subchorionic-haematoma.zh.md");
    fs::remove_file(&new).unwrap();
    fs::remove_file(&new_zh).unwrap();
    live.apply(&[new, new_zh])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);
    let from = root.join("content/about.md");
    let to = root.join("content/about-this-site.md");
    fs::rename(&from, &to).unwrap();
    edit(
        root,
        "content/_index.md",
        "@/about.md",
        "@/about-this-site.md",
    );
    live.apply(&[from, to, root.join("content/_index.md")])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // A topic's title is in every page's navigation.
    let p = edit(
        root,
        "content/early-pregnancy-bleeding/_index.md",
        "title: Bleeding in early pregnancy",
        "title: Bleeding in the first weeks",
    );
    let r = live
        .apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(r.pages, 16, "every page, in both languages");
    assert_same_as_full_build(&mut live, root, &preview);

    // A rule change recompiles the tree (in both languages: a translation has the
    // original's rules).
    let rule = |file: &str| {
        edit(
            root,
            file,
            "    - { tissue: grapes }",
            "    - { tissue: grapes }\n    - { bleeding: period, weeks: later }",
        )
    };
    let p = rule("content/early-pregnancy-bleeding/molar-pregnancy.md");
    let p_zh = rule("content/early-pregnancy-bleeding/molar-pregnancy.zh.md");
    live.apply(&[p, p_zh])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // An invalid edit, then its fix.
    let p = edit(
        root,
        "content/early-pregnancy-bleeding/miscarriage.md",
        "urgency: urgent",
        "urgency: urgnt",
    );
    let before = files(&preview);
    assert!(live.apply(std::slice::from_ref(&p)).is_err());
    assert!(files(&preview) == before);
    edit(
        root,
        "content/early-pregnancy-bleeding/miscarriage.md",
        "urgency: urgnt",
        "urgency: urgent",
    );
    live.apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);

    // A template edit rebuilds everything.
    let p = edit(
        root,
        "themes/default/templates/partials/footer.html",
        "<p>{{ t.privacy }}</p>",
        "<p>{{ t.privacy }}</p>\n    <p>Preview</p>",
    );
    let r = live
        .apply(&[p])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_eq!(r.pages, 16, "every page, in both languages");
    assert_same_as_full_build(&mut live, root, &preview);

    // A topic folder renamed: the links to it break (the last good site stays
    // served); once they are fixed, the preview follows, as a full build would.
    let (old_dir, new_dir) = (
        root.join("content/early-pregnancy-bleeding"),
        root.join("content/bleeding"),
    );
    fs::rename(&old_dir, &new_dir).unwrap();
    assert!(
        live.apply(&[old_dir, new_dir]).is_err(),
        "the links to it are broken"
    );
    let mut fixed = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let path = entry.unwrap().into_path();
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        if text.contains("@/early-pregnancy-bleeding/") {
            fs::write(
                &path,
                text.replace("@/early-pregnancy-bleeding/", "@/bleeding/"),
            )
            .unwrap();
            fixed.push(path);
        }
    }
    live.apply(&fixed)
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);
}

/// The preview reads a page's Markdown again when it renders the page again for what
/// it lists: a file that is gone by then is an error (its own change is on its way),
/// never a page written without its text.
#[test]
fn a_page_to_render_again_whose_file_is_gone_is_an_error() {
    let site = example_site();
    let root = site.path();
    let preview = root.join("preview");
    let (mut live, _) =
        LiveSite::load(root, &preview, BASE, false).unwrap_or_else(|d| panic!("{}", rendered(&d)));
    let topic = root.join("content/early-pregnancy-bleeding/_index.md");
    let kept = fs::read(&topic).unwrap();
    fs::remove_file(&topic).unwrap();
    // The topic page lists this title, so it is rendered again.
    let p = edit(
        root,
        "content/early-pregnancy-bleeding/molar-pregnancy.md",
        "title: Molar pregnancy",
        "title: Molar pregnancy (hydatidiform mole)",
    );
    let before = files(&preview);
    let errors = live
        .apply(std::slice::from_ref(&p))
        .expect_err("the topic's file is gone");
    let errors = rendered(&errors);
    assert!(
        errors.contains("early-pregnancy-bleeding/_index.md"),
        "{errors}"
    );
    assert!(errors.contains("cannot read this file"), "{errors}");
    assert!(files(&preview) == before, "a failed edit writes nothing");
    // Once the file is back, the preview follows, as a full build would.
    fs::write(&topic, kept).unwrap();
    live.apply(&[p, topic])
        .unwrap_or_else(|d| panic!("{}", rendered(&d)));
    assert_same_as_full_build(&mut live, root, &preview);
}

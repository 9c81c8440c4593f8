//! Unit tests of `output`.

use super::*;

#[test]
fn refuses_root_site_and_content() {
    let site = Path::new("/tmp/careleaf-site");
    assert!(refuse_dangerous(site, Path::new("/")).is_err());
    assert!(refuse_dangerous(site, site).is_err());
    assert!(refuse_dangerous(site, Path::new("/tmp")).is_err());
    assert!(refuse_dangerous(site, &site.join("content/x")).is_err());
    assert!(refuse_dangerous(site, &site.join("public-does-not-exist")).is_ok());
}

#[test]
fn a_file_is_never_an_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    fs::write(site.join("site.yaml"), b"title: A\n").unwrap();
    fs::write(site.join("notes.txt"), b"my notes").unwrap();
    for (name, why) in [
        (
            "site.yaml",
            "it is one of the site's own files, not a folder",
        ),
        (
            "notes.txt",
            "it is one of the site's own files, not a folder",
        ),
    ] {
        let target = site.join(name);
        let error = Output::prepare(site, &target).unwrap_err();
        assert!(error.message.ends_with(why), "{name}: {}", error.message);
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("report.pdf");
    fs::write(&file, b"pdf").unwrap();
    let error = Output::prepare(site, &file).unwrap_err();
    assert!(
        error.message.ends_with("it is a file, not a folder"),
        "{}",
        error.message
    );
    assert_eq!(fs::read(site.join("site.yaml")).unwrap(), b"title: A\n");
    assert_eq!(fs::read(site.join("notes.txt")).unwrap(), b"my notes");
    assert_eq!(fs::read(&file).unwrap(), b"pdf");
    let beside: Vec<_> = fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside.len(), 2, "nothing was moved aside: {beside:?}");
}

#[test]
fn dropped_output_leaves_target_alone() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    fs::create_dir(&target).unwrap();
    fs::write(target.join(MARKER), b"").unwrap();
    fs::write(target.join("index.html"), b"old").unwrap();
    let out = Output::prepare(dir.path(), &target).unwrap();
    out.write("index.html", b"new").unwrap();
    drop(out);
    assert_eq!(fs::read(target.join("index.html")).unwrap(), b"old");
    assert!(!dir.path().join(".public.careleaf-new").exists());
}

#[test]
fn the_replaced_site_is_kept_for_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let old = dir.path().join(".public.careleaf-old");
    for round in 0..3 {
        let out = Output::prepare(dir.path(), &target).unwrap();
        out.write("index.html", format!("build {round}").as_bytes())
            .unwrap();
        out.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            format!("build {round}")
        );
        if round > 0 {
            assert_eq!(
                fs::read_to_string(old.join("index.html")).unwrap(),
                format!("build {}", round - 1)
            );
        }
    }
}

/// Every file under `dir`, relative and sorted.
fn files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

fn build(dir: &Path, files: &[(&str, &str)]) {
    let out = Output::prepare(dir, &dir.join("public")).unwrap();
    for (rel, text) in files {
        out.write(rel, text.as_bytes()).unwrap();
    }
    out.commit().unwrap();
}

#[test]
fn a_reused_folder_holds_exactly_the_files_of_this_build() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let rounds: [&[(&str, &str)]; 4] = [
        &[
            ("a/index.html", "a"),
            ("b/index.html", "b"),
            ("b/c/d.txt", "d"),
            ("x.css", "x"),
        ],
        &[("a/index.html", "a"), ("e/index.html", "e")],
        &[("a/index.html", "a2"), ("b/index.html", "b")],
        &[
            ("a/index.html", "a2"),
            ("b/index.html", "b"),
            ("b/c/d.txt", "d"),
        ],
    ];
    for written in rounds {
        build(dir.path(), written);
        let mut expected: Vec<String> = written.iter().map(|(f, _)| f.to_string()).collect();
        expected.push(MARKER.to_string());
        expected.sort();
        assert_eq!(files(&target), expected);
        for (rel, text) in written {
            assert_eq!(fs::read_to_string(target.join(rel)).unwrap(), *text);
        }
    }
    assert!(!target.join("e").exists(), "a folder left empty is removed");
}

#[cfg(unix)]
#[test]
fn an_unchanged_file_is_not_written_again() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("public/a/index.html");
    build(dir.path(), &[("a/index.html", "same"), ("b.txt", "one")]);
    let first = fs::metadata(&page).unwrap().ino();
    build(dir.path(), &[("a/index.html", "same"), ("b.txt", "one")]);
    // The third build writes over the first one's folder.
    build(dir.path(), &[("a/index.html", "same"), ("b.txt", "two")]);
    assert_eq!(fs::metadata(&page).unwrap().ino(), first);
    assert_eq!(
        fs::read_to_string(dir.path().join("public/b.txt")).unwrap(),
        "two"
    );
}

#[cfg(unix)]
#[test]
fn writing_over_a_folder_never_reaches_outside_it() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("keep.txt"), "mine").unwrap();
    build(dir.path(), &[("a/index.html", "a"), ("b/index.html", "b")]);
    build(dir.path(), &[("a/index.html", "a"), ("b/index.html", "b")]);
    // Someone replaces a folder of the kept site with a link to their own folder,
    // and hard-links one of its files to a file of theirs.
    let old = dir.path().join(".public.careleaf-old");
    fs::remove_dir_all(old.join("a")).unwrap();
    std::os::unix::fs::symlink(&outside, old.join("a")).unwrap();
    fs::remove_file(old.join("b/index.html")).unwrap();
    fs::hard_link(outside.join("keep.txt"), old.join("b/index.html")).unwrap();
    build(
        dir.path(),
        &[("a/index.html", "new a"), ("b/index.html", "new b")],
    );
    assert_eq!(files(&outside), vec!["keep.txt"]);
    assert_eq!(
        fs::read_to_string(outside.join("keep.txt")).unwrap(),
        "mine"
    );
    let public = dir.path().join("public");
    assert_eq!(
        fs::read_to_string(public.join("a/index.html")).unwrap(),
        "new a"
    );
    assert_eq!(
        fs::read_to_string(public.join("b/index.html")).unwrap(),
        "new b"
    );
    assert!(fs::symlink_metadata(public.join("a")).unwrap().is_dir());
}

#[test]
fn a_file_can_become_a_folder_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    build(dir.path(), &[("x", "file")]);
    build(dir.path(), &[("y", "file")]);
    build(dir.path(), &[("x/index.html", "page")]);
    assert_eq!(
        fs::read_to_string(public.join("x/index.html")).unwrap(),
        "page"
    );
    build(dir.path(), &[("y", "file")]);
    build(dir.path(), &[("x", "file again")]);
    assert_eq!(fs::read_to_string(public.join("x")).unwrap(), "file again");
}

#[test]
fn a_failed_build_leaves_its_folder_to_be_reused() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    build(dir.path(), &[("a.txt", "1")]);
    build(dir.path(), &[("a.txt", "2")]);
    let out = Output::prepare(dir.path(), &target).unwrap();
    out.write("a.txt", b"half").unwrap();
    drop(out);
    assert_eq!(fs::read_to_string(target.join("a.txt")).unwrap(), "2");
    build(dir.path(), &[("b.txt", "3")]);
    assert_eq!(
        files(&target),
        vec![MARKER.to_string(), "b.txt".to_string()]
    );
}

#[test]
fn commit_swaps_in_the_new_site() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let out = Output::prepare(dir.path(), &target).unwrap();
    out.write("a/index.html", b"new").unwrap();
    out.commit().unwrap();
    assert_eq!(fs::read(target.join("a/index.html")).unwrap(), b"new");
    assert!(target.join(MARKER).exists());
}

#[test]
fn hidden_and_backup_static_files_are_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let stat = site.join("static");
    for (rel, text) in [
        ("logo.svg", "<svg/>"),
        (".env", "SECRET=1"),
        (".git/config", "[core]"),
        ("css/.site.css.swp", "swap"),
        ("css/site.css~", "backup"),
        ("css/site.css", "body{}"),
        (".well-known/security.txt", "Contact: x"),
        ("docs/.well-known/x", "nested: hidden"),
    ] {
        let path = stat.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let out = Output::prepare(&site, &site.join("public")).unwrap();
    assert_eq!(out.copy_dir(&stat, false).unwrap(), 3);
    out.commit().unwrap();
    assert_eq!(
        files(&site.join("public")),
        [
            ".nojekyll",
            ".well-known/security.txt",
            "css/site.css",
            "logo.svg"
        ]
    );
}

#[test]
fn a_full_disk_is_one_error_naming_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("public");
    let out = Output::prepare(dir.path(), &target).unwrap();
    let full = io::Error::from(io::ErrorKind::StorageFull);
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    for rel in ["index.html", "a/index.html", "b/index.html"] {
        diagnostics.push(out.cannot_write(rel, &full));
    }
    let said = diagnostics.into_sorted();
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0].file, target);
    assert!(
        said[0].message.starts_with("the disk is full"),
        "{}",
        said[0].message
    );
}

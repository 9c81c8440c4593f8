//! The default theme, built into the binary: a site without a `themes/default/` folder
//! uses it, and `careleaf init` writes it out. A test keeps this list equal to the
//! files in `themes/default/`.

/// (path inside the theme folder, contents)
pub(crate) const DEFAULT_THEME: &[(&str, &str)] = &[
    (
        "i18n/ar.yaml",
        include_str!("../../themes/default/i18n/ar.yaml"),
    ),
    (
        "i18n/en.yaml",
        include_str!("../../themes/default/i18n/en.yaml"),
    ),
    (
        "i18n/zh.yaml",
        include_str!("../../themes/default/i18n/zh.yaml"),
    ),
    (
        "static/favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
    (
        "static/not-found.js",
        include_str!("../../themes/default/static/not-found.js"),
    ),
    (
        "static/search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "static/style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "static/triage.js",
        include_str!("../../themes/default/static/triage.js"),
    ),
    (
        "templates/404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "templates/base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "templates/checker.html",
        include_str!("../../themes/default/templates/checker.html"),
    ),
    (
        "templates/checker_review.html",
        include_str!("../../themes/default/templates/checker_review.html"),
    ),
    (
        "templates/condition.html",
        include_str!("../../themes/default/templates/condition.html"),
    ),
    (
        "templates/editorial.html",
        include_str!("../../themes/default/templates/editorial.html"),
    ),
    (
        "templates/index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "templates/page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "templates/partials/care_card.html",
        include_str!("../../themes/default/templates/partials/care_card.html"),
    ),
    (
        "templates/partials/footer.html",
        include_str!("../../themes/default/templates/partials/footer.html"),
    ),
    (
        "templates/partials/header.html",
        include_str!("../../themes/default/templates/partials/header.html"),
    ),
    (
        "templates/partials/review.html",
        include_str!("../../themes/default/templates/partials/review.html"),
    ),
    (
        "templates/partials/sources.html",
        include_str!("../../themes/default/templates/partials/sources.html"),
    ),
    (
        "templates/search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "templates/topic.html",
        include_str!("../../themes/default/templates/topic.html"),
    ),
    (
        "theme.yaml",
        include_str!("../../themes/default/theme.yaml"),
    ),
];
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_is_the_themes_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<(String, String)> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let name = e
                    .path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (name, std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<(String, String)> = DEFAULT_THEME
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        assert_eq!(
            built_in, on_disk,
            "add new theme files to src/render/builtin.rs"
        );
    }

    /// Every language file has every interface string of `en.yaml`, and no other:
    /// a missing one would show English in the middle of a translated page.
    #[test]
    fn every_language_has_every_interface_string() {
        use std::collections::BTreeMap;
        let keys = |text: &str| -> Vec<String> {
            let strings: BTreeMap<String, String> =
                serde_saphyr::from_str(text).expect("an i18n file is a map of strings");
            strings.into_keys().collect()
        };
        let english = DEFAULT_THEME
            .iter()
            .find(|(name, _)| *name == "i18n/en.yaml")
            .map(|(_, text)| keys(text))
            .expect("en.yaml");
        let others: Vec<&(&str, &str)> = DEFAULT_THEME
            .iter()
            .filter(|(name, _)| name.starts_with("i18n/") && *name != "i18n/en.yaml")
            .collect();
        assert!(!others.is_empty(), "at least one translation");
        for (name, text) in others {
            let theirs = keys(text);
            let missing: Vec<&String> = english.iter().filter(|k| !theirs.contains(k)).collect();
            let extra: Vec<&String> = theirs.iter().filter(|k| !english.contains(k)).collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{name} has keys en.yaml does not: {extra:?}"
            );
        }
    }
}

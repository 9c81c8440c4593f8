//! The example site built into the binary, for `careleaf init`. A test keeps this list
//! equal to the repository's own example (`site.yaml`, `content/`, `static/`).

/// (path inside the site, contents)
pub const EXAMPLE_SITE: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../../site.yaml")),
    ("content/_index.md", include_str!("../../content/_index.md")),
    (
        "content/_index.zh.md",
        include_str!("../../content/_index.zh.md"),
    ),
    ("content/about.md", include_str!("../../content/about.md")),
    (
        "content/about.zh.md",
        include_str!("../../content/about.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/_index.md",
        include_str!("../../content/early-pregnancy-bleeding/_index.md"),
    ),
    (
        "content/early-pregnancy-bleeding/_index.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/_index.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/cervical-causes.md",
        include_str!("../../content/early-pregnancy-bleeding/cervical-causes.md"),
    ),
    (
        "content/early-pregnancy-bleeding/cervical-causes.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/cervical-causes.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/ectopic-pregnancy.md",
        include_str!("../../content/early-pregnancy-bleeding/ectopic-pregnancy.md"),
    ),
    (
        "content/early-pregnancy-bleeding/ectopic-pregnancy.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/ectopic-pregnancy.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/implantation-bleeding.md",
        include_str!("../../content/early-pregnancy-bleeding/implantation-bleeding.md"),
    ),
    (
        "content/early-pregnancy-bleeding/implantation-bleeding.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/implantation-bleeding.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/miscarriage.md",
        include_str!("../../content/early-pregnancy-bleeding/miscarriage.md"),
    ),
    (
        "content/early-pregnancy-bleeding/miscarriage.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/miscarriage.zh.md"),
    ),
    (
        "content/early-pregnancy-bleeding/molar-pregnancy.md",
        include_str!("../../content/early-pregnancy-bleeding/molar-pregnancy.md"),
    ),
    (
        "content/early-pregnancy-bleeding/molar-pregnancy.zh.md",
        include_str!("../../content/early-pregnancy-bleeding/molar-pregnancy.zh.md"),
    ),
    ("static/logo.svg", include_str!("../../static/logo.svg")),
];

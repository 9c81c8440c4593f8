//! The theme: Tera templates with same-name overrides from the site's `templates/`,
//! interface strings from `i18n/LANG.yaml`, and the folder of static files.
//!
//! Template errors become diagnostics that name the template file, line and column,
//! whether they are syntax errors found at load time or errors found while rendering.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

use crate::content::{Page, PageKind};
use crate::diagnostics::{Diagnostic, Diagnostics, Failed, Location, relative_to};
use crate::markdown::CardLabels;
use crate::render::builtin;
use crate::text;
use crate::yaml::{self, YamlSource};

/// The templates every theme must provide, one per kind of page.
pub(crate) const REQUIRED: [&str; 9] = [
    "index.html",
    "topic.html",
    "condition.html",
    "page.html",
    "404.html",
    "checker.html",
    "checker_review.html",
    "search.html",
    "editorial.html",
];

/// `theme.yaml`: what a theme says about itself.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeInfo {
    pub name: Option<String>,
    pub description: Option<String>,
    pub license: Option<String>,
}

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: Tera,
    pub info: ThemeInfo,
    /// Interface strings in the site's language (falling back to English).
    pub strings: BTreeMap<String, String>,
    pub labels: CardLabels,
    /// The strings and card labels of the site's other languages.
    translated: BTreeMap<String, Translated>,
    /// Theme static files first, then the site's: later ones win.
    pub static_dirs: Vec<PathBuf>,
    /// The built-in theme's static files (written before `static_dirs` are copied).
    pub static_files: Vec<(&'static str, &'static str)>,
    /// Template name → its file and text, for diagnostics.
    sources: HashMap<String, (PathBuf, String)>,
}

impl Theme {
    /// Loads theme `name` from `root/themes/NAME`, with overrides from `root/templates`.
    pub fn load(
        root: &Path,
        name: &str,
        languages: &[String],
        errors: &mut Diagnostics,
    ) -> Result<Theme, Failed> {
        let theme_dir = root.join("themes").join(name);
        let source = if theme_dir.is_dir() {
            ThemeSource::Folder(theme_dir)
        } else if name == "default" {
            ThemeSource::BuiltIn
        } else {
            return Err(errors.fail(
                Diagnostic::error(
                    "site.yaml",
                    format!("the theme `{name}` is not in themes/{name}/"),
                )
                .with_help("set `theme: default` (built in), or copy a theme folder into themes/"),
            ));
        };
        let before = errors.errors();
        let mut sources = HashMap::new();
        source.templates(root, &mut sources, errors);
        read_templates(root, &root.join("templates"), &mut sources, errors);
        if matches!(source, ThemeSource::BuiltIn) {
            // The site's copies of built-in templates that have changed since.
            let overrides = sources
                .iter()
                .filter(|(_, (file, _))| file.starts_with("templates"))
                .map(|(name, (file, text))| (name.as_str(), file.as_path(), text.as_str()));
            crate::render::eject::check_stale(overrides, errors);
        }
        for required in REQUIRED {
            if !sources.contains_key(required) {
                errors.push(
                    Diagnostic::error(
                        source.display(root, "templates"),
                        format!("the template `{required}` is missing"),
                    )
                    .with_help(format!(
                        "add `{required}` to the theme's templates/ or the site's templates/"
                    )),
                );
            }
        }
        let info = source
            .read(root, "theme.yaml")
            .map(|(file, text)| parse_yaml(&file, &text, errors))
            .unwrap_or_default();
        // Each language's strings over English, so a missing one reads in English.
        let mut english = BTreeMap::new();
        if let Some((file, text)) = source.read(root, "i18n/en.yaml") {
            english = parse_yaml::<BTreeMap<String, String>>(&file, &text, errors);
        }
        let mut by_lang = BTreeMap::new();
        for lang in languages {
            let mut strings = english.clone();
            if let Some((file, text)) = source.read(root, &format!("i18n/{lang}.yaml")) {
                strings.extend(parse_yaml::<BTreeMap<String, String>>(&file, &text, errors));
            }
            by_lang.insert(lang.clone(), strings);
        }
        errors.check_since(before)?;
        let tera = compile(&sources, errors)?;
        let default_lang = languages.first().map_or("en", String::as_str);
        let strings = by_lang.remove(default_lang).unwrap_or(english);
        let labels = card_labels(&strings);
        let translated: BTreeMap<String, Translated> = by_lang
            .into_iter()
            .map(|(lang, strings)| {
                let labels = card_labels(&strings);
                (lang, Translated { strings, labels })
            })
            .collect();
        let (static_dirs, static_files) = match &source {
            ThemeSource::Folder(dir) => (vec![dir.join("static"), root.join("static")], Vec::new()),
            ThemeSource::BuiltIn => (vec![root.join("static")], builtin_static()),
        };
        Ok(Theme {
            tera,
            info,
            strings,
            labels,
            translated,
            static_dirs,
            static_files,
            sources,
        })
    }

    /// Whether `file` (a path under the site's root, like `img/scan.png`) is one of the
    /// static files a build publishes: the built-in theme's, the theme's or the site's.
    pub fn has_static(&self, file: &str) -> bool {
        self.static_files.iter().any(|(name, _)| *name == file)
            || self.static_dirs.iter().any(|dir| dir.join(file).is_file())
    }

    /// The interface strings in `lang` (the site's language when it has no others).
    pub fn strings_for(&self, lang: &str) -> &BTreeMap<String, String> {
        self.translated
            .get(lang)
            .map_or(&self.strings, |t| &t.strings)
    }

    /// The care cards' labels in `lang`.
    pub fn labels_for(&self, lang: &str) -> &CardLabels {
        self.translated
            .get(lang)
            .map_or(&self.labels, |t| &t.labels)
    }

    /// Every other language's card labels, for Markdown.
    pub fn translated_labels(&self) -> BTreeMap<String, CardLabels> {
        self.translated
            .iter()
            .map(|(lang, t)| (lang.clone(), t.labels.clone()))
            .collect()
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The template a page renders with: the one its front-matter names, or its kind's.
    pub fn template_for<'p>(&self, page: &'p Page) -> &'p str {
        page.template.as_ref().map_or(
            match page.kind {
                PageKind::Home => "index.html",
                PageKind::Topic => "topic.html",
                PageKind::Condition => "condition.html",
                PageKind::Plain => "page.html",
            },
            |(name, _)| name.as_str(),
        )
    }

    /// Reports each page whose template does not exist (once per page, at its
    /// `template:` line when it names one).
    pub fn check_templates<'p>(
        &self,
        pages: impl IntoIterator<Item = &'p Page>,
        diagnostics: &mut Diagnostics,
    ) {
        for page in pages {
            let name = self.template_for(page);
            if self.has_template(name) {
                continue;
            }
            let mut diagnostic = Diagnostic::error(
                &page.source,
                format!("the template `{name}` does not exist"),
            )
            .with_help(format!(
                "create templates/{name}, or remove `template:` to use the theme's default"
            ));
            if let Some((_, location)) = &page.template {
                diagnostic = diagnostic.at(location.clone());
            }
            diagnostics.push(diagnostic);
        }
    }

    /// Turns an error from rendering into a diagnostic at the template line.
    pub fn render_error(&self, error: &tera::Error, page: &Path) -> Diagnostic {
        match error.kind() {
            ErrorKind::RenderingError(report) | ErrorKind::SyntaxError(report) => self
                .located(report, report.message().to_string())
                .while_rendering(page),
            other => Diagnostic::error(page, format!("cannot render this page: {other}"))
                .with_help("check the template named in the message"),
        }
    }

    fn located(&self, report: &tera::ReportError, message: String) -> Diagnostic {
        locate(&self.sources, report, message)
    }
}

fn locate(
    sources: &HashMap<String, (PathBuf, String)>,
    report: &tera::ReportError,
    message: String,
) -> Diagnostic {
    let help = "see the Tera template syntax: https://keats.github.io/tera/docs/";
    match sources.get(report.filename()) {
        Some((path, text)) => {
            let span = report.span();
            let length = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            Diagnostic::error(path, message)
                .at(Location::in_text(
                    text,
                    span.start_line,
                    span.start_col + 1,
                    length,
                ))
                .with_help(help)
        }
        None => {
            Diagnostic::error(format!("templates/{}", report.filename()), message).with_help(help)
        }
    }
}

fn read_templates(
    root: &Path,
    dir: &Path,
    sources: &mut HashMap<String, (PathBuf, String)>,
    errors: &mut Diagnostics,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if relative_to(path, dir).to_str().is_none() {
            errors.push(text::not_utf8_name(&relative_to(path, root)));
            continue;
        }
        let name = relative_to(path, dir)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        // Hidden files, backups and the folder's README (a note for people, which
        // `careleaf init` writes) are not templates.
        if name.starts_with('.') || name.ends_with('~') || name == "README.md" {
            continue;
        }
        let rel = relative_to(path, root);
        match text::read(path, &rel) {
            Ok(text) => {
                sources.insert(name, (rel, text));
            }
            Err(e) => errors.push(e),
        }
    }
}

/// Parses every template on its own first so that all syntax errors are reported in
/// one run, then loads them together (which checks `extends` and `include`).
fn compile(
    sources: &HashMap<String, (PathBuf, String)>,
    errors: &mut Diagnostics,
) -> Result<Tera, Failed> {
    let mut names: Vec<&String> = sources.keys().collect();
    names.sort();
    let before = errors.errors();
    for name in &names {
        let mut scratch = Tera::new();
        if let Err(e) = scratch.add_raw_template(name, &sources[*name].1)
            && let ErrorKind::SyntaxError(report) = e.kind()
        {
            errors.push(locate(sources, report, report.message().to_string()));
        }
    }
    errors.check_since(before)?;
    let mut tera = Tera::new();
    tera.add_raw_templates(names.iter().map(|n| (n.as_str(), sources[*n].1.as_str())))
        .map_err(|e| {
            let diagnostic = match e.kind() {
                ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                    locate(sources, report, report.message().to_string())
                }
                ErrorKind::MissingParent { current, parent } => {
                    let file = sources
                        .get(current)
                        .map_or_else(|| PathBuf::from("templates"), |s| s.0.clone());
                    Diagnostic::error(
                        file,
                        format!("this template extends `{parent}`, which does not exist"),
                    )
                    .with_help(format!(
                        "create templates/{parent}, or extend one of the theme's templates"
                    ))
                }
                other => Diagnostic::error("templates", other.to_string()),
            };
            errors.fail(diagnostic)
        })?;
    Ok(tera)
}

/// Where a theme's files come from: a folder, or the default theme built into careleaf.
enum ThemeSource {
    Folder(PathBuf),
    BuiltIn,
}

impl ThemeSource {
    /// `rel` (like `i18n/en.yaml`) as (path for diagnostics, text), if the theme has it.
    fn read(&self, root: &Path, rel: &str) -> Option<(PathBuf, String)> {
        let text = match self {
            ThemeSource::Folder(dir) => std::fs::read_to_string(dir.join(rel)).ok()?,
            ThemeSource::BuiltIn => builtin::DEFAULT_THEME
                .iter()
                .find(|(name, _)| *name == rel)?
                .1
                .to_string(),
        };
        Some((self.display(root, rel), text::normalize(text)))
    }

    fn display(&self, root: &Path, rel: &str) -> PathBuf {
        match self {
            ThemeSource::Folder(dir) => relative_to(&dir.join(rel), root),
            ThemeSource::BuiltIn => PathBuf::from(format!("(built-in default theme)/{rel}")),
        }
    }

    fn templates(
        &self,
        root: &Path,
        sources: &mut HashMap<String, (PathBuf, String)>,
        errors: &mut Diagnostics,
    ) {
        match self {
            ThemeSource::Folder(dir) => {
                read_templates(root, &dir.join("templates"), sources, errors)
            }
            ThemeSource::BuiltIn => {
                for (name, text) in builtin::DEFAULT_THEME {
                    if let Some(template) = name.strip_prefix("templates/") {
                        sources.insert(
                            template.to_string(),
                            (self.display(root, name), text.to_string()),
                        );
                    }
                }
            }
        }
    }
}

/// A language's strings and the care cards' labels made of them.
struct Translated {
    strings: BTreeMap<String, String>,
    labels: CardLabels,
}

fn card_labels(strings: &BTreeMap<String, String>) -> CardLabels {
    CardLabels {
        emergency: string(strings, "card_emergency", "Immediate action required"),
        urgent: string(strings, "card_urgent", "Urgent advice"),
        information: string(strings, "card_information", "Information"),
        call: string(strings, "call", "Call"),
        hours: string(strings, "service_hours", "{name} is open {hours}."),
        closed: string(strings, "service_closed", "Closed now? Call {name}:"),
        bracket_open: string(strings, "bracket_open", " ("),
        bracket_close: string(strings, "bracket_close", ")"),
        space: string(strings, "sentence_space", " "),
    }
}

fn builtin_static() -> Vec<(&'static str, &'static str)> {
    builtin::DEFAULT_THEME
        .iter()
        .filter_map(|(name, text)| name.strip_prefix("static/").map(|rel| (rel, *text)))
        .collect()
}

fn parse_yaml<T: serde::de::DeserializeOwned + Default>(
    file: &Path,
    text: &str,
    errors: &mut Diagnostics,
) -> T {
    let source = YamlSource {
        file,
        text,
        file_text: text,
        first_line: 1,
    };
    yaml::parse(&source).unwrap_or_else(|d| {
        errors.push(d);
        T::default()
    })
}

fn string(strings: &BTreeMap<String, String>, key: &str, default: &str) -> String {
    strings
        .get(key)
        .cloned()
        .unwrap_or_else(|| default.to_string())
}

//! Pages: the validated form of each content file.
//!
//! A file's place and front-matter decide its kind: `content/_index.md` is the home
//! page, `content/TOPIC/_index.md` a topic, a page with `urgency` a condition, anything
//! else a plain page. Here the raw front-matter becomes a [`Page`] whose fields can be
//! trusted: a condition always has a summary, a review and a source; dates are real
//! dates. Later stages do not check again.

use std::path::PathBuf;

use serde::Serialize;
use serde_saphyr::Spanned;

use crate::care::CareLevel;
use crate::content::frontmatter::triage::RawTriage;
use crate::content::frontmatter::{self, RawFrontMatter, RawReview, RawSource};
use crate::content::walk::SourceFile;
use crate::dates;
use crate::diagnostics::{Diagnostic, Diagnostics, Failed, Location};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Home,
    Topic,
    Condition,
    Plain,
}

/// One page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    /// Path of the source relative to the site root, for diagnostics.
    pub source: PathBuf,
    /// The source path as `@/` links write it (relative to `content/`).
    pub content_path: String,
    pub lang: String,
    /// The URL path relative to the site's base path: `""` for the home page,
    /// `early-pregnancy-bleeding/miscarriage/` for a condition.
    pub url_path: String,
    /// The topic folder this page belongs to (`early-pregnancy-bleeding`), if any.
    pub topic: Option<String>,
    pub title: String,
    /// Where `title:` is, for diagnostics about the page as a whole.
    pub title_at: Option<crate::yaml::Spot>,
    pub summary: Option<String>,
    pub draft: bool,
    pub weight: i64,
    /// The template named in front-matter, with where it is named.
    pub template: Option<(String, Location)>,
    pub reviewed: Option<Review>,
    pub sources: Vec<Source>,
    pub condition: Option<Condition>,
    /// For a topic: its questions and `otherwise`; for a condition: its `when` rules.
    pub triage: Option<Spanned<RawTriage>>,
    /// The whole source text and where the Markdown body starts in it.
    pub text: String,
    pub body_start: usize,
    pub body_line: usize,
    /// How much of the file `text` still holds.
    pub text_state: TextState,
}

/// How much of its file a page still holds in `text`: a build releases it once the
/// page is written, the preview only the body (read again when the page must be
/// rendered again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextState {
    /// The whole file: front-matter and body.
    #[default]
    Whole,
    /// The front-matter only ([`Page::release_body`]; [`Page::reload_body`] reads
    /// the body again).
    FrontMatter,
    /// Nothing ([`Page::release_text`]): diagnostics about the page quote no line.
    Released,
}

/// What a condition page adds to a page.
#[derive(Debug, Clone, Serialize)]
pub struct Condition {
    pub urgency: CareLevel,
    pub also_called: Vec<String>,
    pub symptoms: Vec<String>,
    pub red_flags: Vec<String>,
    pub tests: Vec<String>,
}

/// Who last reviewed a page and when it is next due, as `YYYY-MM-DD`.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub by: String,
    pub on: String,
    /// `on` for people: `1 November 2026`.
    pub on_text: String,
    pub due: Option<String>,
    pub due_text: Option<String>,
    /// Where `on:` and `due:` are (from the parser's spans), for diagnostics.
    #[serde(skip)]
    pub on_at: Option<crate::yaml::Spot>,
    #[serde(skip)]
    pub due_at: Option<crate::yaml::Spot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub url: String,
    /// The source's language when it is not the page's (`en` for an NHS page cited
    /// on a Chinese one): for `lang` and `hreflang`, so a screen reader reads it right.
    pub lang: Option<String>,
    /// Where its `url:` is, for diagnostics.
    #[serde(skip)]
    pub url_at: Option<crate::yaml::Spot>,
}

impl Page {
    /// What a page and its translations share: its file without the language and
    /// `.md` (`topic/ectopic.zh.md` and `topic/ectopic.md` → `topic/ectopic`).
    pub fn translation_key(&self) -> &str {
        let stem = self
            .content_path
            .strip_suffix(".md")
            .unwrap_or(&self.content_path);
        stem.strip_suffix(self.lang.as_str())
            .and_then(|s| s.strip_suffix('.'))
            .unwrap_or(stem)
    }

    /// The Markdown body (empty once the text or the body is released).
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or_default()
    }

    /// Frees the page's source text, once a build has rendered the page and has no
    /// more use for it (a large site's text is most of what a build holds).
    pub fn release_text(&mut self) {
        self.text = String::new();
        self.body_start = 0;
        self.text_state = TextState::Released;
    }

    /// Frees the page's Markdown body but keeps its front-matter, which diagnostics
    /// about the page's decision-tree rules quote: the live preview does this once a
    /// page is rendered, and reads the body again ([`Page::reload_body`]) when the
    /// page must be rendered again. At 10,000 pages the bodies are about 30 MB.
    pub fn release_body(&mut self) {
        self.text.truncate(self.body_start);
        self.text.shrink_to_fit();
        if self.text_state == TextState::Whole {
            self.text_state = TextState::FrontMatter;
        }
    }

    /// Whether the body was released and must be read again to render the page.
    pub fn body_released(&self) -> bool {
        self.text_state != TextState::Whole
    }

    /// Reads the page's file at `path` again for its body, after
    /// [`Page::release_body`]. The page takes the file's text as it is now: if the
    /// file changed since the page was read, a change of the file is on its way to
    /// the preview, which reads the page whole again.
    pub fn reload_body(&mut self, path: &std::path::Path) -> Result<(), Diagnostic> {
        let file = SourceFile {
            text: crate::text::read(path, &self.source)?,
            path: self.source.clone(),
            content_path: self.content_path.clone(),
        };
        let split = frontmatter::split(&file)?;
        let (body_start, body_line) = (file.text.len() - split.body.len(), split.body_line);
        self.text = file.text;
        self.body_start = body_start;
        self.body_line = body_line;
        self.text_state = TextState::Whole;
        Ok(())
    }
}

/// Reads and validates one content file. `languages` are the site's languages, the
/// default first; a file named `x.LANG.md` is the `LANG` translation of `x.md`.
pub fn load(
    file: SourceFile,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Result<Page, Failed> {
    let split = frontmatter::split(&file).map_err(|d| diagnostics.fail(d))?;
    // A value YAML lost to a comment is the cause of what checking it would say.
    let before = diagnostics.errors();
    diagnostics.extend(frontmatter::lint(&file, &split));
    let linted = diagnostics.check_since(before);
    let raw = frontmatter::parse(&file, &split).map_err(|d| diagnostics.fail(d))?;
    linted?;
    let body_start = file.text.len() - split.body.len();
    let body_line = split.body_line;
    let place = Place::of(&file.content_path, languages);
    let mut errors = Diagnostics::default();
    let page = validate(raw, &file, &place, &mut errors);
    let failed = errors.check();
    diagnostics.append(errors);
    failed?;
    // The page keeps the file's text (moved, not copied: a site's text is large).
    Ok(Page {
        body_start,
        body_line,
        text_state: TextState::Whole,
        text: file.text,
        ..page
    })
}

/// The URL path (under the base path) of the file at `content_path`.
pub(crate) fn url_path(content_path: &str, languages: &[String]) -> String {
    Place::of(content_path, languages).path
}

/// Where a file sits: its language, URL path, topic and whether it is an index.
struct Place {
    lang: String,
    /// The site's first language, which translations are of.
    original: String,
    path: String,
    topic: Option<String>,
    is_index: bool,
    depth: usize,
}

impl Place {
    fn of(content_path: &str, languages: &[String]) -> Place {
        let (dir, file) = content_path.rsplit_once('/').unwrap_or(("", content_path));
        let stem = file.strip_suffix(".md").unwrap_or(file);
        let (stem, lang) = match stem.rsplit_once('.') {
            Some((s, l)) if languages.iter().skip(1).any(|x| x == l) => (s, l.to_string()),
            _ => (
                stem,
                languages.first().cloned().unwrap_or_else(|| "en".into()),
            ),
        };
        let is_default_lang = languages.first().is_none_or(|d| *d == lang);
        let mut path = if is_default_lang {
            String::new()
        } else {
            format!("{lang}/")
        };
        for segment in dir.split('/').filter(|s| !s.is_empty()) {
            path.push_str(&slugify(segment));
            path.push('/');
        }
        let is_index = stem == "_index";
        if !is_index {
            path.push_str(&slugify(stem));
            path.push('/');
        }
        let topic = dir.split('/').find(|s| !s.is_empty()).map(str::to_string);
        let depth = dir.split('/').filter(|s| !s.is_empty()).count();
        Place {
            original: languages.first().cloned().unwrap_or_else(|| "en".into()),
            lang,
            path,
            topic,
            is_index,
            depth,
        }
    }
}

/// `Ectopic Pregnancy` → `ectopic-pregnancy`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    };
    for c in text.chars() {
        // ASCII (most headings) needs no Unicode case tables.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

fn validate(
    raw: RawFrontMatter,
    file: &SourceFile,
    place: &Place,
    errors: &mut Diagnostics,
) -> Page {
    let text = &file.text;
    let err = |message: String| Diagnostic::error(&file.path, message);
    // Locations are worked out only for a diagnostic (finding a line costs a scan).
    let title_loc = || frontmatter::location(text, &raw.title);

    let kind = match (place.is_index, place.depth, &raw.urgency) {
        (true, 0, _) => PageKind::Home,
        (true, _, _) => PageKind::Topic,
        (false, _, Some(_)) => PageKind::Condition,
        (false, _, None) => PageKind::Plain,
    };
    if let Some(urgency) = &raw.urgency {
        note_capitalised(urgency, file, errors);
    }
    if let Some(urgency) = &raw.urgency
        && place.is_index
    {
        errors.push(
            err("a home or topic page cannot have an `urgency`".into())
                .at(frontmatter::location(text, urgency))
                .with_help("move the condition into its own file next to `_index.md`"),
        );
    }
    if raw.title.value.trim().is_empty() {
        errors.push(
            err("the title is empty".into())
                .at(title_loc())
                .with_help("write the page's title after `title:`"),
        );
    }

    let reviewed = raw
        .reviewed
        .as_ref()
        .and_then(|r| review(r, file, &place.lang, raw.draft, errors));
    let sources: Vec<Source> = raw
        .sources
        .iter()
        .filter_map(|s| source(s, file, place, errors))
        .collect();
    let condition = raw.urgency.as_ref().map(|u| Condition {
        urgency: u.value,
        also_called: raw.also_called.clone(),
        symptoms: raw.symptoms.clone(),
        red_flags: raw.red_flags.clone(),
        tests: raw.tests.clone(),
    });

    if kind == PageKind::Condition {
        check_condition_fields(&raw, file, errors);
    }
    check_triage_shape(&raw, kind, file, errors);

    Page {
        kind,
        source: file.path.clone(),
        content_path: file.content_path.clone(),
        lang: place.lang.clone(),
        url_path: place.path.clone(),
        topic: place.topic.clone(),
        title: raw.title.value.trim().to_string(),
        title_at: Some(frontmatter::spot(&raw.title)),
        summary: raw.summary,
        draft: raw.draft,
        weight: raw.weight.unwrap_or(0),
        template: raw
            .template
            .map(|t| (t.value.clone(), frontmatter::location(text, &t))),
        reviewed,
        sources,
        condition,
        triage: match kind {
            PageKind::Topic | PageKind::Condition => raw.triage,
            PageKind::Home | PageKind::Plain => None,
        },
        // The file's text is moved in by `load`, once the page is valid.
        text: String::new(),
        body_start: 0,
        body_line: 0,
        text_state: TextState::Whole,
    }
}

/// `urgency: Urgent` is read as `urgent`, with a note to write it so.
fn note_capitalised(urgency: &Spanned<CareLevel>, file: &SourceFile, errors: &mut Diagnostics) {
    let at = frontmatter::location(&file.text, urgency);
    if at
        .source_line
        .chars()
        .nth(at.column - 1)
        .is_some_and(char::is_uppercase)
    {
        errors.push(
            Diagnostic::warning(
                &file.path,
                format!("care levels are written in lower case: `{}`", urgency.value),
            )
            .at(at)
            .with_help(format!(
                "write `urgency: {}` (careleaf read it that way)",
                urgency.value
            )),
        );
    }
}

/// What a condition must have besides its `urgency`: a summary, a review and a source.
fn check_condition_fields(raw: &RawFrontMatter, file: &SourceFile, errors: &mut Diagnostics) {
    let missing = [
        (
            "summary",
            raw.summary.is_none(),
            "summary: One plain sentence that says what this is.",
        ),
        (
            "reviewed",
            raw.reviewed.is_none(),
            "reviewed: { by: \"Name, role\", on: 2026-11-01, due: 2027-11-01 }",
        ),
        (
            "sources",
            raw.sources.is_empty(),
            "sources:\n  - { title: \"…\", publisher: NHS, url: \"https://…\" }",
        ),
    ];
    for (key, is_missing, example) in missing {
        if is_missing {
            errors.push(
                Diagnostic::error(&file.path, format!("a condition needs `{key}`"))
                    .at(frontmatter::location(&file.text, &raw.title))
                    .with_help(format!(
                        "add it to the front-matter, for example:\n{example}"
                    )),
            );
        }
    }
}

/// A topic's `triage` declares questions, outcomes and `otherwise`; a condition's
/// declares its rules, keyed by care level or as `when` (not both).
fn check_triage_shape(
    raw: &RawFrontMatter,
    kind: PageKind,
    file: &SourceFile,
    errors: &mut Diagnostics,
) {
    let Some(triage) = &raw.triage else { return };
    let t = &triage.value;
    let topic_keys = t.title.is_some()
        || t.questions.is_some()
        || t.outcomes.is_some()
        || t.otherwise.is_some()
        || t.reviewed.is_some();
    let problem = match kind {
        PageKind::Topic if t.has_rules() => Some((
            "a topic's `triage` declares `questions`, `outcomes` and `otherwise`, not rules",
            "move the rules into the condition they point to, or make them a topic outcome under `outcomes:`",
        )),
        PageKind::Condition if topic_keys => Some((
            "a condition's `triage` has only rules, keyed by care level (or `when`)",
            "declare `title`, `questions`, `outcomes`, `otherwise` and the tree's `reviewed` in the topic's `_index.md`",
        )),
        PageKind::Condition if t.when.is_some() && !t.by_level().is_empty() => Some((
            "`when` cannot be mixed with rules keyed by care level",
            "`when` is shorthand for rules at the page's `urgency`: move its entries under that level's key",
        )),
        PageKind::Home | PageKind::Plain => Some((
            "only a topic's `_index.md` and its conditions can have `triage`",
            "move this block to the topic's `_index.md`, or add an `urgency` to make this page a condition",
        )),
        _ => None,
    };
    if let Some((message, help)) = problem {
        errors.push(
            Diagnostic::error(&file.path, message)
                .at(frontmatter::location(&file.text, triage))
                .with_help(help),
        );
    }
}

fn review(
    raw: &RawReview,
    file: &SourceFile,
    lang: &str,
    draft: bool,
    errors: &mut Diagnostics,
) -> Option<Review> {
    // `careleaf new condition` leaves `by` empty: the page is not published until
    // someone who reviewed it is named (a draft may wait).
    let by = raw.by.value.trim();
    if !draft && (by.is_empty() || by == PLACEHOLDER_REVIEWER) {
        errors.push(
            Diagnostic::error(&file.path, "`reviewed: by:` does not name who reviewed this page")
                .at(frontmatter::location(&file.text, &raw.by))
                .with_help("write the name and role of the clinician who checked it, like `by: \"Dr A. Jones, obstetrician\"`, and the date they did in `on:`; until then keep `draft: true`"),
        );
    }
    let on = date(&raw.on, file, errors);
    let due = raw.due.as_ref().and_then(|d| date(d, file, errors));
    if let (Some(on), Some(due_date), Some(due_span)) = (&on, &due, &raw.due)
        && due_date <= on
    {
        errors.push(
            Diagnostic::error(
                &file.path,
                format!("the review is due ({due_date}) before it was done ({on})"),
            )
            .at(frontmatter::location(&file.text, due_span))
            .with_help("`due` is the date of the next review, after `on`"),
        );
    }
    let on = on?;
    Some(Review {
        by: by.to_string(),
        on_text: dates::for_people(&on, lang),
        due_text: due.as_deref().map(|d| dates::for_people(d, lang)),
        on_at: Some(frontmatter::spot(&raw.on)),
        due_at: raw.due.as_ref().map(frontmatter::spot),
        on,
        due,
    })
}

fn source(
    raw: &RawSource,
    file: &SourceFile,
    place: &Place,
    errors: &mut Diagnostics,
) -> Option<Source> {
    let url = raw.url.value.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        errors.push(
            Diagnostic::error(&file.path, format!("`{url}` is not a web address"))
                .at(frontmatter::location(&file.text, &raw.url))
                .with_help("give the full address of the source, starting with https://"),
        );
        return None;
    }
    // Unsaid, a source in Latin letters cited on a page in another script (Chinese,
    // Arabic) is taken to be in the site's first language.
    let lang = match &raw.lang {
        Some(lang) => (lang.value.trim() != place.lang).then(|| lang.value.trim().to_string()),
        None => (place.lang != place.original
            && !crate::text::is_latin_script(&place.lang)
            && raw.title.is_ascii())
        .then(|| place.original.clone()),
    };
    Some(Source {
        title: raw.title.clone(),
        publisher: raw.publisher.clone(),
        url: url.to_string(),
        lang,
        url_at: Some(frontmatter::spot(&raw.url)),
    })
}

/// What `careleaf new condition` wrote in `reviewed: by:` before it left it empty.
const PLACEHOLDER_REVIEWER: &str = "Name, role";

/// Checks a `YYYY-MM-DD` date.
fn date(raw: &Spanned<String>, file: &SourceFile, errors: &mut Diagnostics) -> Option<String> {
    let value = raw.value.trim();
    if is_valid_date(value) {
        return Some(value.to_string());
    }
    errors.push(
        Diagnostic::error(&file.path, format!("`{value}` is not a valid date"))
            .at(frontmatter::location(&file.text, raw))
            .with_help("write dates as YYYY-MM-DD, like 2026-11-01"),
    );
    None
}

pub(crate) fn is_valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "zh".into()]
    }

    #[test]
    fn places_give_pretty_paths() {
        let p = Place::of("early-pregnancy-bleeding/ectopic-pregnancy.md", &langs());
        assert_eq!(p.path, "early-pregnancy-bleeding/ectopic-pregnancy/");
        assert_eq!(p.topic.as_deref(), Some("early-pregnancy-bleeding"));
        let home = Place::of("_index.md", &langs());
        assert_eq!(
            (home.path.as_str(), home.is_index, home.depth),
            ("", true, 0)
        );
        let zh = Place::of("early-pregnancy-bleeding/ectopic-pregnancy.zh.md", &langs());
        assert_eq!(
            (zh.path.as_str(), zh.lang.as_str()),
            ("zh/early-pregnancy-bleeding/ectopic-pregnancy/", "zh")
        );
    }

    #[test]
    fn a_released_body_is_read_again_from_the_file_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("about.md");
        let text = "---\ntitle: About\n---\nFirst words.\n";
        std::fs::write(&path, text).unwrap();
        let file = SourceFile {
            path: "content/about.md".into(),
            content_path: "about.md".into(),
            text: text.into(),
        };
        let mut page = load(file, &langs(), &mut Diagnostics::default()).unwrap();
        assert!(!page.body_released());
        page.release_body();
        assert!(page.body_released());
        assert_eq!(page.text_state, TextState::FrontMatter);
        assert_eq!(page.body(), "");
        assert_eq!(
            page.text, "---\ntitle: About\n---\n",
            "the front-matter is kept"
        );
        page.reload_body(&path).unwrap();
        assert_eq!(page.text_state, TextState::Whole);
        assert_eq!(page.body(), "First words.\n");
        // Saved since with a longer front-matter: the body is found again, not cut at
        // the old offset.
        std::fs::write(&path, "---\ntitle: About\nweight: 2\n---\nNew words.\n").unwrap();
        page.release_body();
        page.reload_body(&path).unwrap();
        assert_eq!((page.body(), page.body_line), ("New words.\n", 5));
        std::fs::remove_file(&path).unwrap();
        page.release_body();
        let gone = page.reload_body(&path).unwrap_err();
        assert!(
            gone.message.contains("cannot read this file"),
            "{}",
            gone.message
        );
        page.release_text();
        assert_eq!(
            (page.text_state, page.text.as_str()),
            (TextState::Released, "")
        );
        page.release_body();
        assert_eq!(
            page.text_state,
            TextState::Released,
            "released stays released"
        );
    }

    #[test]
    fn dates_are_checked_for_real() {
        assert!(is_valid_date("2028-02-29"));
        assert!(!is_valid_date("2027-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("1/11/2026"));
    }

    #[test]
    fn slugify_makes_url_safe_names() {
        assert_eq!(slugify("About Us!"), "about-us");
        assert_eq!(slugify("What happens next?"), "what-happens-next");
        assert_eq!(
            slugify("Ärztliche Hilfe – SOFORT"),
            "ärztliche-hilfe-sofort"
        );
        // U+0130 lower-cases to `i` and a combining dot, which is not a letter.
        assert_eq!(slugify("İstanbul, 2 días"), "i-stanbul-2-días");
    }
}

//! What search engines read: schema.org JSON-LD on condition pages (with the review
//! date and reviewer), `sitemap.xml` and `robots.txt`.

use serde::Serialize;

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::html::escape;

/// JSON-LD for a condition page: a `MedicalWebPage` about a `MedicalCondition`.
/// Safe to put inside `<script type="application/ld+json">`: `<` is escaped.
pub(crate) fn json_ld(page: &Page, config: &Config) -> Option<String> {
    let condition = page.condition.as_ref()?;
    let data = MedicalWebPage {
        context: "https://schema.org",
        kind: "MedicalWebPage",
        about: MedicalCondition {
            kind: "MedicalCondition",
            alternate_name: &condition.also_called,
            name: &page.title,
            sign_or_symptom: condition
                .symptoms
                .iter()
                .map(|name| Named::new("MedicalSignOrSymptom", name))
                .collect(),
        },
        citation: page.sources.iter().map(|s| s.url.as_str()).collect(),
        description: page.summary.as_deref(),
        in_language: &page.lang,
        last_reviewed: page.reviewed.as_ref().map(|r| r.on.as_str()),
        name: &page.title,
        publisher: Named::new("Organization", &config.brand.name),
        reviewed_by: page.reviewed.as_ref().map(|r| Named::new("Person", &r.by)),
        url: config.permalink(&page.url_path),
    };
    let json = serde_json::to_string(&data).ok()?;
    Some(json.replace('<', "\\u003c"))
}

// The JSON-LD's shape. Fields are in the order of their names, as the published
// output has always had them.

#[derive(Serialize)]
struct MedicalWebPage<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    about: MedicalCondition<'a>,
    citation: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<&'a str>,
    name: &'a str,
    publisher: Named<'a>,
    #[serde(rename = "reviewedBy", skip_serializing_if = "Option::is_none")]
    reviewed_by: Option<Named<'a>>,
    url: String,
}

#[derive(Serialize)]
struct MedicalCondition<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName", skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    name: &'a str,
    #[serde(rename = "signOrSymptom", skip_serializing_if = "Vec::is_empty")]
    sign_or_symptom: Vec<Named<'a>>,
}

/// A schema.org thing with only a type and a name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

impl<'a> Named<'a> {
    fn new(kind: &'static str, name: &'a str) -> Named<'a> {
        Named { kind, name }
    }
}

/// `sitemap.xml` listing every page, in path order.
pub(crate) fn sitemap(pages: &[Page], config: &Config) -> String {
    let mut entries: Vec<&Page> = pages
        .iter()
        .filter(|p| p.kind != PageKind::Plain || !p.url_path.is_empty())
        .collect();
    entries.sort_by(|a, b| a.url_path.cmp(&b.url_path));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in entries {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&config.permalink(&page.url_path)));
        xml.push_str("</loc>");
        if let Some(review) = &page.reviewed {
            xml.push_str("<lastmod>");
            xml.push_str(&review.on);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(crate) fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        config.base_url
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_points_to_the_sitemap() {
        let config = Config::from_yaml("title: A\nbase_url: https://x.org/site/\n");
        assert_eq!(
            robots(&config),
            "User-agent: *\nAllow: /\nSitemap: https://x.org/site/sitemap.xml\n"
        );
    }
}

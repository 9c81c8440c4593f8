//! What search engines read: schema.org JSON-LD on condition pages (with the review
//! date and reviewer), `sitemap.xml` and `robots.txt`.

use serde_json::{Value, json};

use crate::config::Config;
use crate::content::{Page, PageKind};
use crate::html::escape;

/// JSON-LD for a condition page: a `MedicalWebPage` about a `MedicalCondition`.
/// Safe to put inside `<script type="application/ld+json">`: `<` is escaped.
pub fn json_ld(page: &Page, config: &Config) -> Option<String> {
    let condition = page.condition.as_ref()?;
    let mut about = json!({
        "@type": "MedicalCondition",
        "name": page.title,
    });
    if !condition.also_called.is_empty() {
        about["alternateName"] = json!(condition.also_called);
    }
    if !condition.symptoms.is_empty() {
        about["signOrSymptom"] = Value::Array(
            condition
                .symptoms
                .iter()
                .map(|s| json!({ "@type": "MedicalSignOrSymptom", "name": s }))
                .collect(),
        );
    }
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": format!("{}{}", config.base_url, page.path),
        "inLanguage": page.lang,
        "about": about,
        "publisher": { "@type": "Organization", "name": config.brand.name },
        "citation": page.sources.iter().map(|s| s.url.as_str()).collect::<Vec<_>>(),
    });
    if let Some(summary) = &page.summary {
        data["description"] = json!(summary);
    }
    if let Some(review) = &page.reviewed {
        data["lastReviewed"] = json!(review.on);
        data["reviewedBy"] = json!({ "@type": "Person", "name": review.by });
    }
    Some(data.to_string().replace('<', "\\u003c"))
}

/// `sitemap.xml` listing every page, in path order.
pub fn sitemap(pages: &[Page], config: &Config) -> String {
    let mut entries: Vec<&Page> = pages
        .iter()
        .filter(|p| p.kind != PageKind::Plain || !p.path.is_empty())
        .collect();
    entries.sort_by(|a, b| a.path.cmp(&b.path));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in entries {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(&format!("{}{}", config.base_url, page.path)));
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

pub fn robots(config: &Config) -> String {
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
        let config = Config::parse("title: A\nbase_url: https://x.org/site/\n").unwrap();
        assert_eq!(
            robots(&config),
            "User-agent: *\nAllow: /\nSitemap: https://x.org/site/sitemap.xml\n"
        );
    }
}

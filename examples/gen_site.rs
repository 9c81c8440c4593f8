//! Generates a synthetic careleaf site for benchmarks:
//! `cargo run --release --example gen_site -- PAGES DIR [--zola] [--per-topic N]`.
//!
//! With `--zola` the same content is written for Zola (bench/compare): `title` stays
//! at the top of the front-matter and every other key moves under `extra:`, where
//! Zola keeps a page's own keys.
//!
//! Pages are spread over topics of up to 100 conditions each. Every condition has the
//! full front-matter (symptoms, red flags, tests, triage rule, review, sources) and
//! about 4 KB of Markdown with headings, lists, a table, a care card and internal links;
//! every topic declares a 3-question triage. It uses careleaf's built-in default theme.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const LEVELS: [&str; 4] = ["emergency", "urgent", "soon", "routine"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_site PAGES DIR [--zola] [--per-topic N]";
    let pages: usize = args.next().ok_or(usage)?.parse()?;
    let dir = PathBuf::from(args.next().ok_or(usage)?);
    let (mut flavour, mut per_topic) = (Flavour::Careleaf, 100);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--zola" => flavour = Flavour::Zola,
            "--per-topic" => per_topic = args.next().ok_or(usage)?.parse()?,
            _ => return Err(usage.into()),
        }
    }
    if per_topic == 0 {
        return Err(usage.into());
    }
    generate(pages, &dir, flavour, per_topic)?;
    println!("wrote {pages} condition pages to {}", dir.display());
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
pub enum Flavour {
    Careleaf,
    Zola,
}

pub fn generate(
    pages: usize,
    dir: &Path,
    flavour: Flavour,
    per_topic: usize,
) -> std::io::Result<()> {
    let content = dir.join("content");
    fs::create_dir_all(&content)?;
    if flavour == Flavour::Careleaf {
        fs::write(
            dir.join("site.yaml"),
            "title: Synthetic health site\nbase_url: https://example.github.io/bench/\nbrand: { name: Bench Clinic }\n",
        )?;
    }
    let write = |path: PathBuf, text: String| match flavour {
        Flavour::Careleaf => fs::write(path, text),
        Flavour::Zola => fs::write(path, for_zola(&text)),
    };
    write(
        content.join("_index.md"),
        "---\ntitle: Home\n---\nA synthetic site for benchmarks.\n".to_string(),
    )?;
    let topics = pages.div_ceil(per_topic);
    for t in 0..topics {
        let topic_dir = content.join(format!("topic-{t:03}"));
        fs::create_dir_all(&topic_dir)?;
        write(topic_dir.join("_index.md"), topic(t))?;
        let count = per_topic.min(pages - t * per_topic);
        for c in 0..count {
            write(
                topic_dir.join(format!("condition-{c:03}.md")),
                condition(t, c, count),
            )?;
        }
    }
    Ok(())
}

/// The same page for Zola: `title` stays on top, every other key moves under
/// `extra:` (indenting a YAML block keeps its structure).
fn for_zola(text: &str) -> String {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text.to_string();
    };
    let Some((front, body)) = rest.split_once("\n---\n") else {
        return text.to_string();
    };
    let (mut top, mut extra) = (String::new(), String::new());
    for line in front.lines() {
        if line.starts_with("title:") {
            top.push_str(line);
            top.push('\n');
        } else {
            extra.push_str("  ");
            extra.push_str(line);
            extra.push('\n');
        }
    }
    if extra.is_empty() {
        format!("---\n{top}---\n{body}")
    } else {
        format!("---\n{top}extra:\n{extra}---\n{body}")
    }
}

fn topic(t: usize) -> String {
    format!(
        r#"---
title: Topic {t}
summary: Everything about topic {t}, and when to get help.
triage:
  title: Topic {t} — what should I do?
  questions:
    - id: faint
      ask: Have you fainted, or do you feel very dizzy?
      answers: [yes, no]
    - id: pain
      ask: Do you have pain in your tummy?
      answers: {{ none: "No pain", cramps: "Cramps", severe: "Severe pain" }}
    - id: bleeding
      ask: How much are you bleeding?
      answers: {{ spotting: "Spotting", light: "Light", heavy: "Heavy" }}
  otherwise: {{ urgency: soon, advice: "Any bleeding should be checked." }}
---
This topic has many conditions. They are listed below, the most serious first.
"#
    )
}

fn condition(t: usize, c: usize, count: usize) -> String {
    let level = LEVELS[c % LEVELS.len()];
    // The more bleeding, the more urgent, so that every question can change the care
    // level (a question that cannot is a warning).
    let answer = match level {
        "urgent" => "heavy",
        "soon" => "light",
        _ => "spotting",
    };
    // Emergency conditions come with red flags; the others with a kind of bleeding.
    let when = if level == "emergency" {
        "    - { faint: yes }\n    - { pain: severe }\n".to_string()
    } else {
        format!("    - {{ bleeding: {answer} }}\n    - {{ pain: cramps, bleeding: {answer} }}\n")
    };
    let next = (c + 1) % count;
    let mut body = String::new();
    for section in 0..6 {
        let _ = write!(
            body,
            "## Section {section} of condition {c}\n\nThis is plain, calm text about condition {c} in topic {t}. \
It explains what happens, why it happens, and what you can do about it. Most people feel \
better within a few days, but some need to see a midwife or doctor. See [the next condition](@/topic-{t:03}/condition-{next:03}.md) \
and the [topic overview](@/topic-{t:03}/_index.md).\n\n- The first thing to know about section {section}\n- The second thing, with *emphasis* and **strong** words\n- A third point that is a little longer than the others, to make a realistic list\n\n"
        );
        if section == 2 {
            body.push_str("| When | What to do |\n|---|---|\n| Light bleeding | Call your midwife |\n| Heavy bleeding | Call 911 |\n\n");
        }
        if section == 4 {
            body.push_str(
                "> [!WARNING]\n> Call the Early Pregnancy Unit now if the pain gets worse.\n\n",
            );
        }
    }
    format!(
        r#"---
title: Condition {c} of topic {t}
summary: A short summary of condition {c}, in one plain sentence.
urgency: {level}
also_called: [Other name {c}, Second name {c}]
symptoms:
  - Bleeding from the vagina, light or heavy
  - Pain low down in your tummy
  - Feeling tired or unwell
red_flags:
  - Heavy bleeding, soaking a pad in an hour
  - Feeling faint or dizzy
tests: [Ultrasound scan, hCG blood test]
triage:
  when:
{when}reviewed: {{ by: "A. Author, midwife", on: 2026-11-01, due: 2027-11-01 }}
sources:
  - {{ title: "Source one", publisher: NHS, url: "https://www.nhs.uk/conditions/" }}
  - {{ title: "Source two", publisher: ACOG, url: "https://www.acog.org/womens-health" }}
---
{body}"#
    )
}

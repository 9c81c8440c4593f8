//! A random triage protocol at the scale of real triage, for the benchmarks.

use careleaf::CareLevel;
use careleaf::tree::{Otherwise, Question, Rule, Triage, TriageCondition};

/// A random protocol shaped like real triage: `questions` questions of 2–5 answers, the
/// first quarter yes/no red flags; `conditions` conditions of 1–3 rules, each naming
/// 1–4 questions and one or two of their answers (a red flag's "yes"), at levels from
/// emergency (rare) to self care. The same for a seed, run after run.
pub fn protocol(questions: usize, conditions: usize, seed: u64) -> Triage {
    protocol_within(questions, conditions, seed, questions)
}

/// [`protocol`] whose every rule names questions within `window` of each other, as
/// real protocols do (a condition's signs are asked together: "pain" then "where is
/// the pain"), not scattered over the whole list.
pub fn protocol_within(questions: usize, conditions: usize, seed: u64, window: usize) -> Triage {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |below: usize| {
        // xorshift64*: enough for shapes, and no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % below
    };
    let flags = questions / 4;
    let sizes: Vec<usize> = (0..questions)
        .map(|q| if q < flags { 2 } else { 2 + next(4) })
        .collect();
    let names = ["a", "b", "c", "d", "e"];
    let questions_list = sizes
        .iter()
        .enumerate()
        .map(|(q, &n)| Question::simple(&format!("q{q}"), &names[..n]))
        .collect();
    // Of 20 rules: 2 emergency, 5 urgent, 6 soon, 4 routine, 3 self care.
    let weights = [2, 5, 6, 4, 3];
    let conditions = (0..conditions)
        .map(|c| {
            let rules: Vec<Rule> = (0..1 + next(3))
                .map(|_| {
                    let mut pick = next(20);
                    let mut level = 0;
                    while pick >= weights[level] {
                        pick -= weights[level];
                        level += 1;
                    }
                    let mut when = Vec::new();
                    // Scattered protocols draw no base, so each seed stays the protocol it was.
                    let base = if window < questions {
                        next(questions)
                    } else {
                        0
                    };
                    for _ in 0..1 + next(4) {
                        let q = if window >= questions {
                            next(questions)
                        } else {
                            (base + next(window)).min(questions - 1)
                        };
                        if when.iter().any(|&(named, _)| named == q) {
                            continue;
                        }
                        let allowed = if q < flags {
                            1
                        } else {
                            let one = 1u64 << next(sizes[q]);
                            if sizes[q] > 2 && next(10) < 3 {
                                one | 1u64 << next(sizes[q])
                            } else {
                                one
                            }
                        };
                        when.push((q, allowed));
                    }
                    when.sort_unstable();
                    Rule {
                        line: 0,
                        level: CareLevel::ALL[level],
                        when,
                    }
                })
                .collect();
            TriageCondition::simple(&format!("c{c}"), rules)
        })
        .collect();
    Triage {
        topic: "topic".into(),
        lang: "en".into(),
        title: "Protocol".into(),
        source: "topic/_index.md".into(),
        questions: questions_list,
        conditions,
        outcomes: Vec::new(),
        otherwise: Otherwise {
            line: 0,
            level: CareLevel::Soon,
            advice: "Get checked.".into(),
        },
    }
}

/// Two versions of a topic of `conditions` conditions whose questions (`questions`
/// each) are all different: [`protocol`] with seed 1, and with seed 2 and every
/// question renamed. What a diff meets when a topic's questions are rewritten.
#[allow(dead_code)]
pub fn rewritten(questions: usize, conditions: usize) -> (Triage, Triage) {
    let old = protocol(questions, conditions, 1);
    let mut new = protocol(questions, conditions, 2);
    for q in &mut new.questions {
        q.id = format!("new_{}", q.id);
    }
    (old, new)
}

/// Writes `t` as a site in `dir`: its questions in `content/protocol/_index.md`, each
/// condition a page with its rules. For the review page of a large tree.
#[allow(dead_code)]
pub fn write_site(t: &Triage, dir: &std::path::Path) -> std::io::Result<()> {
    use std::fmt::Write;
    let topic = dir.join("content/protocol");
    std::fs::create_dir_all(&topic)?;
    std::fs::write(dir.join("site.yaml"), "title: Protocol\n")?;
    std::fs::write(
        dir.join("content/_index.md"),
        "---\ntitle: Home\n---\nA generated protocol.\n",
    )?;
    let mut index =
        String::from("---\ntitle: Protocol\ntriage:\n  title: What should I do?\n  questions:\n");
    for q in &t.questions {
        let answers: Vec<String> = q
            .answers
            .iter()
            .map(|a| format!("{}: Answer {}", a.id, a.id))
            .collect();
        let _ = writeln!(
            index,
            "    - {{ id: {}, ask: \"Question {}?\", answers: {{ {} }} }}",
            q.id,
            q.id,
            answers.join(", ")
        );
    }
    index.push_str("  otherwise: { urgency: soon, advice: Get checked. }\n---\nThe protocol.\n");
    std::fs::write(topic.join("_index.md"), index)?;
    for c in &t.conditions {
        let mut text = format!(
            "---\ntitle: Condition {}\nsummary: A generated condition.\nurgency: {}\ntriage:\n",
            c.title,
            c.urgency.id()
        );
        for level in careleaf::CareLevel::ALL {
            let rules: Vec<&Rule> = c.rules.iter().filter(|r| r.level == level).collect();
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(text, "  {}:", level.id());
            for r in rules {
                let entry: Vec<String> = r
                    .when
                    .iter()
                    .map(|&(q, allowed)| {
                        let question = &t.questions[q];
                        let ids: Vec<&str> = question
                            .answers
                            .iter()
                            .enumerate()
                            .filter(|(a, _)| allowed & (1 << a) != 0)
                            .map(|(_, a)| a.id.as_str())
                            .collect();
                        format!("{}: [{}]", question.id, ids.join(", "))
                    })
                    .collect();
                let _ = writeln!(text, "    - {{ {} }}", entry.join(", "));
            }
        }
        text.push_str("reviewed: { by: A, on: 2026-11-01 }\nsources:\n  - { title: Source, publisher: NHS, url: \"https://www.nhs.uk/\" }\n---\nText.\n");
        std::fs::write(topic.join(format!("{}.md", c.title)), text)?;
    }
    Ok(())
}

//! Unit tests of `readability`.

use super::*;

/// The readability of a Markdown body, as a page's render pass counts it.
fn of_markdown(markdown: &str) -> Option<Readability> {
    let mut counter = Counter::default();
    for event in pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_GFM) {
        counter.event(&event);
    }
    counter.finish()
}

/// The readability of plain text.
fn of_text(text: &str) -> Option<Readability> {
    let mut counter = Counter::default();
    counter.text(text);
    counter.finish()
}

#[test]
fn syllables_by_rule_of_thumb() {
    for (word, n) in [
        ("bleeding", 2),
        ("pregnancy", 3),
        ("the", 1),
        ("miscarriage", 3),
        ("simple", 2),
        ("tube", 1),
        ("checked", 1),
        ("needed", 2),
        ("ultrasound", 3),
        ("period", 3),
        ("heavier", 3),
        ("special", 2),
        ("station", 2),
        ("region", 2),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

// Grades computed by hand: 0.39 × words/sentences + 11.8 × syllables/words − 15.59.

#[test]
fn grade_of_a_very_plain_text() {
    // "The cat sat on the mat. It was a big cat." 11 words, 2 sentences,
    // 11 syllables: 0.39 × 5.5 + 11.8 × 1 − 15.59 = −1.65.
    let r = of_text("The cat sat on the mat. It was a big cat.").unwrap();
    assert_eq!((r.words, r.sentences, r.syllables), (11, 2, 11));
    assert!((r.grade - (-1.65)).abs() < 0.5, "{}", r.grade);
}

#[test]
fn grade_of_a_patient_sentence() {
    // "Call your midwife if the bleeding gets heavier." 8 words, 1 sentence;
    // syllables: call 1, your 1, midwife 2, if 1, the 1, bleeding 2, gets 1,
    // heavier 3 = 12: 0.39 × 8 + 11.8 × 1.5 − 15.59 = 5.23.
    let r = of_text("Call your midwife if the bleeding gets heavier.").unwrap();
    assert_eq!((r.words, r.sentences, r.syllables), (8, 1, 12));
    assert!((r.grade - 5.23).abs() < 0.5, "{}", r.grade);
}

#[test]
fn grade_of_a_hard_sentence() {
    // "Gestational trophoblastic disease necessitates specialist surveillance."
    // 7 words, 1 sentence; syllables: gestational 4, trophoblastic 4, disease 2,
    // necessitates 4, specialist 3, surveillance 3 ... counted by the rules:
    // ges-ta-tio-nal 4, tro-pho-blas-tic 4, di-sea-se→disease 2, ne-ces-si-tates 4,
    // spe-cia-list 3, sur-veil-lan-ce→3 = 20 over 6 words:
    // 0.39 × 6 + 11.8 × 20/6 − 15.59 = 26.08.
    let r =
        of_text("Gestational trophoblastic disease necessitates specialist surveillance.").unwrap();
    assert_eq!((r.words, r.sentences), (6, 1));
    assert!(
        (r.grade - 26.08).abs() < 0.5,
        "{} ({} syllables)",
        r.grade,
        r.syllables
    );
}

/// The scanner as first written, char by char and with every word on the general
/// path: the fast scanner must count exactly what this counts.
fn reference_counter(text: &str, mut counter: Counter) -> Counter {
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                counter.unicode_word(&text[from..i]);
                start = None;
            }
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | ';') {
            counter.end_sentence();
        }
    }
    if let Some(from) = start {
        counter.unicode_word(&text[from..]);
    }
    counter
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn fast_scanner_counts_like_the_reference(
        text in proptest::prop_oneof![
            // Any mix of the characters that matter.
            "[a-zA-Z0-9 '’\\-.,;!?éÉßİ“”—\n\t\u{a0}\u{2003}]{0,80}",
            // Word-shaped: words, numbers, and words with apostrophes, hyphens
            // and accents, between spaces and punctuation.
            "((?:[a-zA-Z]{1,9}|[0-9]{1,5}|[a-zA-Z0-9'’éÉßİ-]{1,9})[ .,;!?“”—\n'-]{1,2}){0,14}",
        ]
    ) {
        for fresh in [Counter::collecting_words, Counter::default] {
            let mut fast = fresh();
            let runs = fast.text(&text);
            proptest::prop_assert_eq!(runs, text.split_whitespace().count());
            proptest::prop_assert_eq!(fast, reference_counter(&text, fresh()));
        }
    }
}

#[test]
fn words_of_mixed_text() {
    let mut counter = Counter::collecting_words();
    counter.text("Don’t PANIC: well-being, naïve café. Ectopic!");
    assert_eq!((counter.words, counter.sentences), (6, 2));
    assert_eq!(
        counter.distinct_words(),
        "being café don ectopic naïve panic well"
    );
}

#[test]
fn list_items_end_sentences() {
    let r = of_markdown("- Bleeding\n- Pain in your tummy\n\nCall us.\n").unwrap();
    assert_eq!(r.sentences, 3);
}

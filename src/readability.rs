//! How hard a page is to read: the Flesch-Kincaid grade level, and SMOG where the text
//! has the 30 sentences SMOG needs. Patient pages should read at grade 6 to 8.
//!
//! Those grades are for English. Chinese and Japanese are written without spaces and
//! have no syllables to count, so for them the measure is the average sentence
//! length in characters (`。`, `！`, `？` and `；` end a sentence too).
//!
//! Text comes from the Markdown (paragraphs, list items, headings and table cells each
//! end a sentence, so a list of short items is not one huge sentence). Syllables are
//! counted with the usual English rules of thumb (vowel groups, a silent final e).

use pulldown_cmark::{Event, TagEnd};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch-Kincaid grade level.
    pub grade: f64,
    /// SMOG grade, when there are at least 30 sentences.
    pub smog: Option<f64>,
    /// Chinese characters and kana: the letters of a language written without spaces.
    pub characters: usize,
}

impl Readability {
    /// The average sentence length in Chinese characters (or kana).
    pub fn characters_per_sentence(&self) -> f64 {
        self.characters as f64 / self.sentences.max(1) as f64
    }
}

/// How a page in the language `lang` is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// Flesch-Kincaid and SMOG: English.
    Grade,
    /// Average sentence length in characters: Chinese, Japanese.
    SentenceCharacters,
    /// No measure that means anything is known for the language.
    None,
}

impl Measure {
    pub(crate) fn for_language(lang: &str) -> Measure {
        match lang.split('-').next().unwrap_or(lang) {
            "en" => Measure::Grade,
            "zh" | "ja" => Measure::SentenceCharacters,
            _ => Measure::None,
        }
    }
}

/// Counts words, sentences and syllables as text goes by, so the Markdown renderer
/// can measure a page in the same pass that renders it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counter {
    words: usize,
    sentences: usize,
    syllables: usize,
    polysyllables: usize,
    characters: usize,
    /// Words since the last sentence end.
    open: usize,
    /// Distinct lower-case words (UTF-8) of three letters or more, each with its
    /// syllables, when collecting them.
    distinct: Option<Distinct>,
}

/// Distinct words, each with its syllables. A word of up to 16 bytes (nearly every
/// word) is kept as one number, which hashes and compares in a few instructions; this
/// runs for every word of a site. Longer words are kept as bytes.
#[derive(Debug, Default, Clone, PartialEq)]
struct Distinct {
    short: rustc_hash::FxHashMap<u128, usize>,
    long: rustc_hash::FxHashMap<Vec<u8>, usize>,
}

impl Distinct {
    /// `word` as a number: its bytes, then zeros (no byte of a word is zero).
    fn short_key(word: &[u8]) -> Option<u128> {
        let mut bytes = [0u8; 16];
        bytes.get_mut(..word.len())?.copy_from_slice(word);
        Some(u128::from_le_bytes(bytes))
    }

    /// The syllables of `word` (lower-case), counted with `count` the first time.
    fn syllables(&mut self, word: &[u8], count: impl FnOnce(&[u8]) -> usize) -> usize {
        match Distinct::short_key(word) {
            Some(key) => self.short_syllables(key, || count(word)),
            None => match self.long.get(word) {
                Some(&n) => n,
                None => {
                    let n = count(word);
                    self.long.insert(word.to_vec(), n);
                    n
                }
            },
        }
    }

    /// [`Distinct::syllables`] of a word given as its [`Distinct::short_key`].
    fn short_syllables(&mut self, key: u128, count: impl FnOnce() -> usize) -> usize {
        if let Some(&n) = self.short.get(&key) {
            return n;
        }
        let n = count();
        self.short.insert(key, n);
        n
    }

    /// The words, sorted (UTF-8 sorts by bytes in the order of its characters) and
    /// space-separated.
    fn sorted(&self) -> String {
        let short: Vec<[u8; 16]> = self.short.keys().map(|k| k.to_le_bytes()).collect();
        let mut words: Vec<&[u8]> = short
            .iter()
            .map(|b| &b[..b.iter().position(|&x| x == 0).unwrap_or(b.len())])
            .chain(self.long.keys().map(Vec::as_slice))
            .collect();
        words.sort_unstable();
        String::from_utf8(words.join(&b' '))
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

impl Counter {
    /// Feeds a Markdown event: text is counted; the end of a paragraph, list item,
    /// heading or table cell ends a sentence.
    pub fn event(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                self.text(t);
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => self.end_sentence(),
            _ => {}
        }
    }

    /// Counts the words of `text`. A word is a run of letters, digits, apostrophes
    /// (`'` or `’`) and hyphens; `.`, `!`, `?` and `;` end a sentence. Returns how
    /// many runs of anything but white space `text` has (what a word count shows).
    ///
    /// This runs over every word of a site, so it walks bytes and decodes a character
    /// only where a byte is not ASCII; an all-ASCII word (nearly all of them, even in
    /// text with curly quotes) is counted without any Unicode tables or allocation.
    pub fn text(&mut self, text: &str) -> usize {
        let bytes = text.as_bytes();
        let mut start = None;
        let (mut runs, mut in_run) = (0, false);
        // What the word so far has: a letter; anything but ASCII letters and digits.
        let mut kinds = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let ascii_kind = BYTE_KINDS.get(usize::from(b)).copied();
            if let Some(kind) = ascii_kind.filter(|k| k & IN_WORD != 0) {
                // The bytes of a word, ASCII letters and digits above all, in one go.
                if start.is_none() {
                    start = Some(i);
                    kinds = 0;
                }
                runs += usize::from(!in_run);
                in_run = true;
                kinds |= kind;
                i += 1;
                while let Some(&kind) = bytes
                    .get(i)
                    .and_then(|&b| BYTE_KINDS.get(usize::from(b)))
                    .filter(|k| *k & IN_WORD != 0)
                {
                    kinds |= kind;
                    i += 1;
                }
                continue;
            }
            let mut ends = ascii_kind.is_some_and(|k| k & END != 0);
            let (kind, width) = if let Some(kind) = ascii_kind {
                (kind, 1)
            } else {
                let c = text[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                if is_spaceless_letter(c) {
                    self.characters += 1;
                }
                ends = matches!(c, '。' | '！' | '？' | '；');
                let kind = if c.is_alphanumeric() || c == '’' {
                    IN_WORD | OTHER
                } else if c.is_whitespace() {
                    SPACE
                } else {
                    0
                };
                (kind, c.len_utf8())
            };
            if kind & SPACE == 0 {
                runs += usize::from(!in_run);
                in_run = true;
            } else {
                in_run = false;
            }
            match (kind & IN_WORD != 0, start) {
                (true, None) => {
                    start = Some(i);
                    kinds = kind;
                }
                (true, Some(_)) => kinds |= kind,
                (false, Some(from)) => {
                    self.word(&text[from..i], kinds);
                    start = None;
                }
                (false, None) => {}
            }
            if ends {
                self.end_sentence();
            }
            i += width;
        }
        if let Some(from) = start {
            self.word(&text[from..], kinds);
        }
        runs
    }

    /// Counts one word; `kinds` says what the scanner saw in it.
    fn word(&mut self, word: &str, kinds: u8) {
        if kinds & OTHER == 0 {
            // Only ASCII letters and digits: nothing to trim or split.
            if kinds & LETTER != 0 {
                self.plain_word(word.as_bytes());
            }
        } else if word.is_ascii() {
            self.ascii_word(word.as_bytes());
        } else {
            self.unicode_word(word);
        }
    }

    /// A word of ASCII letters and digits, with at least one letter.
    fn plain_word(&mut self, word: &[u8]) {
        let Some(distinct) = self.distinct.as_mut().filter(|_| word.len() >= 3) else {
            self.count_word(ascii_syllables(word));
            return;
        };
        // Most words come many times in a page, so a word's syllables are counted
        // once and then looked up with it (`ascii_syllables` reads any case).
        let n = if word.len() <= 16 {
            let mut lower = [0u8; 16];
            for (to, from) in lower.iter_mut().zip(word) {
                *to = from.to_ascii_lowercase();
            }
            distinct.short_syllables(u128::from_le_bytes(lower), || ascii_syllables(word))
        } else {
            distinct.syllables(&word.to_ascii_lowercase(), ascii_syllables)
        };
        self.count_word(n);
    }

    /// [`Counter::unicode_word`] for ASCII, on bytes.
    fn ascii_word(&mut self, word: &[u8]) {
        let Some(first) = word.iter().position(u8::is_ascii_alphanumeric) else {
            return;
        };
        let last = word
            .iter()
            .rposition(u8::is_ascii_alphanumeric)
            .unwrap_or(first);
        let word = &word[first..=last];
        if !word.iter().any(u8::is_ascii_alphabetic) {
            return;
        }
        // A hyphenated word counts as one word with the syllables of its parts.
        let n: usize = word
            .split(|&b| b == b'-')
            .filter(|p| !p.is_empty())
            .map(ascii_syllables)
            .sum();
        self.count_word(n);
        if let Some(distinct) = &mut self.distinct {
            // The parts between apostrophes and hyphens.
            for part in word.split(|b| !b.is_ascii_alphanumeric()) {
                if part.len() >= 3 {
                    let mut buffer = [0u8; 64];
                    let lower = lower_ascii(part, &mut buffer);
                    distinct.syllables(&lower, ascii_syllables);
                }
            }
        }
    }

    /// Counts one word that may have any letters.
    fn unicode_word(&mut self, word: &str) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !word.chars().any(char::is_alphabetic) {
            return;
        }
        // A hyphenated word counts as one word with the syllables of its parts.
        let n: usize = word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(syllables)
            .sum();
        self.count_word(n);
        if let Some(distinct) = &mut self.distinct {
            // Two Chinese characters are often a whole word (出血, bleeding).
            for part in word.split(|c: char| !c.is_alphanumeric()).filter(|p| {
                let mut chars = p.chars();
                let first = chars.next();
                let n = 1 + chars.count();
                n >= 3 || (n == 2 && first.is_some_and(is_spaceless_letter))
            }) {
                let lower = part.to_lowercase();
                distinct.syllables(lower.as_bytes(), ascii_syllables);
            }
        }
    }

    fn count_word(&mut self, syllables: usize) {
        self.words += 1;
        self.open += 1;
        self.syllables += syllables.max(1);
        if syllables >= 3 {
            self.polysyllables += 1;
        }
    }

    /// A counter that also collects the distinct words (three letters or more,
    /// lower-case) for the search index.
    pub fn collecting_words() -> Counter {
        Counter {
            distinct: Some(Default::default()),
            ..Counter::default()
        }
    }

    /// The distinct words seen, sorted and space-separated.
    pub fn distinct_words(&self) -> String {
        self.distinct
            .as_ref()
            .map(Distinct::sorted)
            .unwrap_or_default()
    }

    fn end_sentence(&mut self) {
        if self.open > 0 {
            self.sentences += 1;
            self.open = 0;
        }
    }

    pub fn finish(mut self) -> Option<Readability> {
        self.end_sentence();
        if self.words == 0 {
            return None;
        }
        let (w, s, y) = (
            self.words as f64,
            self.sentences as f64,
            self.syllables as f64,
        );
        let grade = 0.39 * (w / s) + 11.8 * (y / w) - 15.59;
        let smog = (self.sentences >= 30)
            .then(|| 1.0430 * (self.polysyllables as f64 * 30.0 / s).sqrt() + 3.1291);
        Some(Readability {
            words: self.words,
            sentences: self.sentences,
            syllables: self.syllables,
            grade,
            smog,
            characters: self.characters,
        })
    }
}

/// A letter of a script written without spaces between words: Chinese characters
/// (CJK unified ideographs and extension A) and Japanese kana.
fn is_spaceless_letter(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3040}'..='\u{30FF}')
}

/// A byte is part of a word.
const IN_WORD: u8 = 1;
/// A byte is a letter.
const LETTER: u8 = 2;
/// A byte of a word that is not an ASCII letter or digit (`'`, `-`, `’`, `é`…).
const OTHER: u8 = 4;
/// White space (as `char::is_whitespace` has it).
const SPACE: u8 = 8;
/// A byte that ends a sentence: `.`, `!`, `?` or `;`.
const END: u8 = 16;

/// What each ASCII byte is: letters and digits are in words, and so are `'` and `-`.
const BYTE_KINDS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            IN_WORD | LETTER
        } else if c.is_ascii_digit() {
            IN_WORD
        } else if c == b'\'' || c == b'-' {
            IN_WORD | OTHER
        } else if (c as char).is_whitespace() {
            SPACE
        } else if matches!(c, b'.' | b'!' | b'?' | b';') {
            END
        } else {
            0
        };
        b += 1;
    }
    table
};

/// `word` lower-cased: in `buffer` when it fits (nearly always), else on the heap.
fn lower_ascii<'b>(word: &[u8], buffer: &'b mut [u8; 64]) -> std::borrow::Cow<'b, [u8]> {
    match buffer.get_mut(..word.len()) {
        Some(lower) => {
            for (to, from) in lower.iter_mut().zip(word) {
                *to = from.to_ascii_lowercase();
            }
            std::borrow::Cow::Borrowed(lower)
        }
        None => std::borrow::Cow::Owned(word.to_ascii_lowercase()),
    }
}

/// Syllables in an English word, by rule of thumb: groups of vowels, less a silent
/// final `e` (but not `-le`), at least one. Numbers count as one.
pub(crate) fn syllables(word: &str) -> usize {
    ascii_syllables(word.as_bytes())
}

/// [`syllables`] of the ASCII letters in `word` (other bytes are skipped).
fn ascii_syllables(word: &[u8]) -> usize {
    // Lower-case ASCII letters only, on the stack: this runs for every word of a site.
    let mut buffer = [0u8; 48];
    let mut len = 0;
    for &b in word.iter().filter(|b| b.is_ascii_alphabetic()) {
        if len < buffer.len() {
            buffer[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    let word = &buffer[..len];
    if word.len() <= 3 {
        return 1;
    }
    let ends = |suffix: &[u8]| word.ends_with(suffix);
    let trimmed = if ends(b"es") || ends(b"ed") {
        let keep = [b"ted", b"ded", b"ses", b"zes", b"ces", b"ges"]
            .iter()
            .any(|s| ends(&s[..]));
        if keep { word } else { &word[..word.len() - 2] }
    } else if ends(b"e") && !ends(b"le") {
        &word[..word.len() - 1]
    } else {
        word
    };
    let chars = trimmed;
    let mut count = 0;
    let mut in_vowels = false;
    for (i, &c) in chars.iter().enumerate() {
        let vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if vowel && !in_vowels {
            count += 1;
        }
        // Two syllables in one vowel group: peri-od, heavi-er, di-et; but not in
        // -tion, -sion, -cial, -gion (one syllable) or -iage (carriage, marriage).
        let before = i.checked_sub(1).map(|j| chars[j]);
        let split = c == b'i'
            && !in_vowels
            && match chars.get(i + 1) {
                Some(b'a' | b'o' | b'u') => {
                    !matches!(before, Some(b'c' | b's' | b't' | b'g'))
                        && chars.get(i + 2) != Some(&b'g')
                }
                Some(b'e') => matches!(chars.get(i + 2), Some(b'r' | b't')),
                _ => false,
            };
        if split {
            count += 1;
        }
        in_vowels = vowel;
    }
    count.max(1)
}

#[cfg(test)]
mod tests;

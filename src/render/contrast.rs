//! Brand colours against the default theme's text: the header puts white text on
//! `primary`, and the keyboard focus puts dark text (#212b32) on `accent`. A colour
//! that gives less than WCAG AA's 4.5:1 is a build warning that says the ratio.

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

const WHITE: &str = "#ffffff";
const TEXT: &str = "#212b32";
const AA: f64 = 4.5;

/// Warnings for brand colours that fail AA contrast with the text the theme puts on them.
pub(crate) fn brand_warnings(config: &Config, warnings: &mut Diagnostics) {
    let site_yaml = &config.text;
    let checks = [
        (
            "primary",
            &config.brand.primary,
            WHITE,
            "the white header text",
        ),
        (
            "accent",
            &config.brand.accent,
            TEXT,
            "the dark text of the keyboard focus",
        ),
    ];
    for (key, colour, text, what) in checks {
        let Some(ratio) = contrast(colour, text) else {
            continue;
        };
        if ratio >= AA {
            continue;
        }
        let mut warning = Diagnostic::warning(
            CONFIG_FILE,
            format!("the brand colour `{key}` {colour} has a contrast of {ratio:.2}:1 with {what} ({text}); WCAG AA needs 4.5:1"),
        )
        .with_help(if key == "primary" { "choose a darker primary colour" } else { "choose a lighter accent colour" });
        if let Some((line, column)) = find(site_yaml, colour) {
            warning = warning.at(Location::in_text(site_yaml, line, column, colour.len() + 2));
        }
        warnings.push(warning);
    }
}

/// The WCAG contrast ratio of two `#rrggbb` (or `#rgb`) colours.
pub(crate) fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    Some((light + 0.05) / (dark + 0.05))
}

fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_string()
    };
    if full.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(full.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// Line and column (1-based) of the quoted colour in site.yaml.
fn find(text: &str, colour: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let lower = line.to_lowercase();
        lower
            .find(colour)
            .map(|at| (i + 1, lower[..at].chars().count()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_ratios() {
        assert!((contrast("#000000", "#ffffff").unwrap() - 21.0).abs() < 0.01);
        assert!((contrast("#005eb8", "#ffffff").unwrap() - 6.38).abs() < 0.01);
        assert!((contrast("#777", "#fff").unwrap() - 4.48).abs() < 0.01);
    }

    #[test]
    fn a_pale_primary_is_a_warning() {
        let config = Config::from_yaml("title: A\nbrand:\n  colors: { primary: \"#ffcc00\" }\n");
        let mut diagnostics = Diagnostics::default();
        brand_warnings(&config, &mut diagnostics);
        let warnings = diagnostics.into_sorted();
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0]
                .message
                .contains(":1 with the white header text"),
            "{}",
            warnings[0].message
        );
    }
}

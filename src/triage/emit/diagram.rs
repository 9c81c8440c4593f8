//! The reviewers' diagram of a decision tree as an SVG drawing: a layered layout
//! (rust-sugiyama: ranks, crossing reduction, Brandes–Köpf coordinates) in which every
//! question box, outcome box and answer label is a vertex of its measured size, so the
//! layout keeps them apart: no label over another, no text outside its box.
//!
//! Each question box says the question's text and each outcome box its care level and
//! action, wrapped and shortened to fit; the answers that lead from a question to the
//! same page share one label. A tree of more than [`MAX_NODES`] pages is drawn to its
//! first questions (in order of first visit from the start), each question whose next
//! page is not drawn pointing at a box that says where the rest is listed.

use std::fmt::Write;

use rust_sugiyama::configure::{Config, CrossingMinimization, RankingType};

use crate::care::CareLevel;
use crate::html::escape;
use crate::triage::CompiledTriage;
use crate::triage::compile::NodeKind;

/// The most pages of the tree drawn; past it the diagram shows the first ones.
pub const MAX_NODES: usize = 40;

/// The font size of every text, in pixels.
const FONT: f64 = 12.0;
/// The height of a line of text.
const LINE: f64 = 15.0;
/// Padding inside a box.
const PAD: f64 = 8.0;
/// The widest a box's text may be, in pixels.
const TEXT_WIDTH: f64 = 190.0;
/// The most lines a box shows.
const MAX_LINES: usize = 3;
/// Space around the drawing.
const MARGIN: f64 = 20.0;

/// What a vertex of the layout is.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Question,
    /// An outcome, with its care level's id.
    Outcome(&'static str),
    /// The label of the answers on an edge; dashed when it is "I'm not sure".
    Label {
        unsure: bool,
    },
    /// Where the pages not drawn are.
    More,
}

/// One vertex as drawn: its shape, its lines of text and its box (centre, size).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub shape: Shape,
    pub lines: Vec<String>,
    pub title: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Placed {
    /// Whether this box and `other` overlap (touching is not overlapping).
    pub fn overlaps(&self, other: &Placed) -> bool {
        (self.x - other.x).abs() * 2.0 < self.width + other.width
            && (self.y - other.y).abs() * 2.0 < self.height + other.height
    }
}

/// The diagram laid out: its vertices, and its edges as (from, to) vertex indices.
#[derive(Debug, Clone)]
pub struct Layout {
    pub placed: Vec<Placed>,
    pub edges: Vec<(usize, usize)>,
    pub width: f64,
    pub height: f64,
}

/// Care labels and the words the diagram needs, in the page's language.
pub struct Words<'a> {
    /// A care level's label.
    pub level: &'a dyn Fn(CareLevel) -> String,
    pub unsure: &'a str,
    /// The box that stands for the pages not drawn.
    pub more: &'a str,
    /// The language's colon and brackets (`：`, `（`, `）` in Chinese).
    pub colon: &'a str,
    pub bracket_open: &'a str,
    pub bracket_close: &'a str,
}

/// The diagram as SVG.
pub fn svg(compiled: &CompiledTriage, words: &Words, more_href: &str) -> String {
    let layout = layout(compiled, words);
    draw(&layout, &compiled.triage.title, more_href)
}

/// Lays the diagram out.
pub fn layout(compiled: &CompiledTriage, words: &Words) -> Layout {
    let t = &compiled.triage;
    let d = &compiled.diagram;
    let drawn = drawn_nodes(compiled);
    let mut vertex_of = vec![usize::MAX; d.nodes.len()];
    let mut placed = Vec::new();
    for &node in &drawn {
        vertex_of[node] = placed.len();
        let (shape, text) = node_box(compiled, node, words);
        placed.push(boxed(shape, &text));
    }
    let mut edges = Vec::new();
    for &node in &drawn {
        let NodeKind::Question {
            question,
            answers,
            unsure,
        } = &d.node(node).kind
        else {
            continue;
        };
        let q = &t.questions[*question];
        // The answers that lead to the same page share a label.
        let mut by_child: Vec<(usize, Vec<&str>, bool)> = Vec::new();
        let labelled = q
            .answers
            .iter()
            .map(|a| (a.label.as_str(), false))
            .zip(answers.iter().copied())
            .chain(unsure.map(|c| ((words.unsure, true), c)));
        for ((label, is_unsure), child) in labelled {
            match by_child
                .iter_mut()
                .find(|(c, _, u)| *c == child && *u == is_unsure)
            {
                Some((_, labels, _)) => labels.push(label),
                None => by_child.push((child, vec![label], is_unsure)),
            }
        }
        for (child, labels, is_unsure) in by_child {
            let to = if vertex_of[child] == usize::MAX {
                placed.push(boxed(Shape::More, words.more));
                placed.len() - 1
            } else {
                vertex_of[child]
            };
            let label = placed.len();
            placed.push(boxed(
                Shape::Label { unsure: is_unsure },
                &labels.join(" / "),
            ));
            edges.push((vertex_of[node], label));
            edges.push((label, to));
        }
    }
    let (width, height) = position(&mut placed, &edges);
    Layout {
        placed,
        edges,
        width,
        height,
    }
}

/// The pages drawn: the first [`MAX_NODES`] in order of first visit from the start.
fn drawn_nodes(compiled: &CompiledTriage) -> Vec<usize> {
    let d = &compiled.diagram;
    let mut order = Vec::new();
    let mut seen = vec![false; d.nodes.len()];
    let mut queue = std::collections::VecDeque::from([d.root]);
    while let Some(node) = queue.pop_front() {
        if seen[node] {
            continue;
        }
        seen[node] = true;
        order.push(node);
        if let NodeKind::Question {
            answers, unsure, ..
        } = &d.node(node).kind
        {
            queue.extend(answers.iter().chain(unsure));
        }
    }
    order.truncate(MAX_NODES);
    order
}

/// A node's box: a question's words, or an outcome's level (with a topic outcome's
/// action, and whether "I'm not sure" made it more cautious).
fn node_box(compiled: &CompiledTriage, node: usize, words: &Words) -> (Shape, String) {
    let t = &compiled.triage;
    match &compiled.diagram.node(node).kind {
        NodeKind::Question { question, .. } => {
            (Shape::Question, t.questions[*question].ask.clone())
        }
        NodeKind::Outcome(o) => {
            let action = o
                .action
                .and_then(|a| t.outcomes[a].action.as_ref())
                .map(|a| format!("{}{}", words.colon, a.text))
                .unwrap_or_default();
            let cautious = if o.cautious {
                format!(
                    "{}{}{}",
                    words.bracket_open, words.unsure, words.bracket_close
                )
            } else {
                String::new()
            };
            (
                Shape::Outcome(o.level.id()),
                format!("{}{action}{cautious}", (words.level)(o.level)),
            )
        }
    }
}

/// Places the boxes in layers (Sugiyama: ranks, fewer crossings, Brandes–Köpf
/// coordinates), shifted so that all is in view; returns the drawing's size.
fn position(placed: &mut [Placed], edges: &[(usize, usize)]) -> (f64, f64) {
    let vertices: Vec<(u32, (f64, f64))> = placed
        .iter()
        .enumerate()
        .map(|(i, p)| (i as u32, (p.width, p.height)))
        .collect();
    let edge_ids: Vec<(u32, u32)> = edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    let config = Config {
        minimum_length: 1,
        vertex_spacing: 14.0,
        dummy_vertices: true,
        dummy_size: 1.0,
        ranking_type: RankingType::MinimizeEdgeLength,
        c_minimization: CrossingMinimization::Barycenter,
        transpose: true,
    };
    // One component: the tree is connected from its start.
    for (coordinates, _, _) in rust_sugiyama::from_vertices_and_edges(&vertices, &edge_ids, &config)
    {
        for (id, (x, y)) in coordinates {
            if let Some(p) = placed.get_mut(id) {
                // Positions are the vertices' centres.
                p.x = x;
                p.y = y;
            }
        }
    }
    let min_x = placed
        .iter()
        .map(|p| p.x - p.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    let min_y = placed
        .iter()
        .map(|p| p.y - p.height / 2.0)
        .fold(f64::INFINITY, f64::min);
    let (mut width, mut height): (f64, f64) = (0.0, 0.0);
    for p in placed.iter_mut() {
        p.x += MARGIN - min_x;
        p.y += MARGIN - min_y;
        width = width.max(p.x + p.width / 2.0 + MARGIN);
        height = height.max(p.y + p.height / 2.0 + MARGIN);
    }
    (width, height)
}

/// A vertex of `text`, wrapped and shortened to fit its box.
fn boxed(shape: Shape, text: &str) -> Placed {
    let max = if matches!(shape, Shape::Label { .. }) {
        TEXT_WIDTH * 0.7
    } else {
        TEXT_WIDTH
    };
    let lines = wrap(text, max);
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    Placed {
        shape,
        title: text.to_string(),
        width: widest + 2.0 * PAD,
        height: lines.len() as f64 * LINE + 2.0 * PAD - 4.0,
        lines,
        x: 0.0,
        y: 0.0,
    }
}

/// How wide `text` is drawn at [`FONT`]: an upper bound for a sans-serif face (wide
/// Latin letters 0.62 em, CJK and other wide characters 1 em), so text never runs out
/// of its box.
pub fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                if c.is_ascii_uppercase() || matches!(c, 'm' | 'w' | 'M' | 'W' | '@') {
                    0.8
                } else {
                    0.62
                }
            } else if is_wide(c) {
                1.0
            } else {
                0.7
            }
        })
        .sum::<f64>()
        * FONT
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

/// `text` in at most [`MAX_LINES`] lines of at most `max` pixels, broken at spaces (or
/// anywhere in text without them), the last line ending in "…" when it was cut.
fn wrap(text: &str, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    let pieces: Vec<String> = if text.contains(' ') {
        text.split(' ').map(str::to_string).collect()
    } else {
        text.chars().map(String::from).collect()
    };
    let spaced = text.contains(' ');
    for piece in pieces {
        let candidate = if line.is_empty() {
            piece.clone()
        } else if spaced {
            format!("{line} {piece}")
        } else {
            format!("{line}{piece}")
        };
        if text_width(&candidate) <= max || line.is_empty() && text_width(&piece) <= max {
            line = candidate;
            continue;
        }
        if lines.len() + 1 == MAX_LINES {
            cut = true;
            break;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        line = piece;
        // A word wider than a line is cut to fit.
        while text_width(&line) > max {
            line.pop();
            cut = true;
        }
    }
    if cut {
        while !line.is_empty() && text_width(&format!("{line}…")) > max {
            line.pop();
        }
        line.push('…');
    }
    lines.push(line);
    lines
}

/// The layout as SVG: edges first, then boxes over them, so no line hides a text.
fn draw(layout: &Layout, title: &str, more_href: &str) -> String {
    let (w, h) = (layout.width.ceil(), layout.height.ceil());
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"{FONT}\">\n<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        escape(title)
    );
    for &(from, to) in &layout.edges {
        let (a, b) = (&layout.placed[from], &layout.placed[to]);
        let (x1, y1) = (a.x, a.y + a.height / 2.0);
        let (x2, y2) = (b.x, b.y - b.height / 2.0);
        let mid = (y1 + y2) / 2.0;
        let dash = match (&a.shape, &b.shape) {
            (Shape::Label { unsure: true }, _) | (_, Shape::Label { unsure: true }) => {
                " stroke-dasharray=\"5 4\""
            }
            _ => "",
        };
        let _ = writeln!(
            svg,
            "<path d=\"M{x1:.1} {y1:.1} C{x1:.1} {mid:.1} {x2:.1} {mid:.1} {x2:.1} {y2:.1}\" fill=\"none\" stroke=\"#4c6272\"{dash}/>"
        );
    }
    for p in &layout.placed {
        let (fill, stroke, rx) = match &p.shape {
            Shape::Question => ("#ffffff", "#212b32", 6),
            Shape::Outcome("emergency") => ("#f6d5d1", "#212b32", 6),
            Shape::Outcome("urgent") => ("#fbe6c2", "#212b32", 6),
            Shape::Outcome("soon") => ("#d2e4f5", "#212b32", 6),
            Shape::Outcome(_) => ("#d5ecdf", "#212b32", 6),
            Shape::Label { .. } => ("#f0f4f5", "#f0f4f5", 3),
            Shape::More => ("#ffffff", "#4c6272", 6),
        };
        let (x, y) = (p.x - p.width / 2.0, p.y - p.height / 2.0);
        let mut text = String::new();
        for (i, line) in p.lines.iter().enumerate() {
            let _ = write!(
                text,
                "<tspan x=\"{:.1}\" y=\"{:.1}\">{}</tspan>",
                x + PAD,
                y + PAD + 11.0 + i as f64 * LINE,
                escape(line)
            );
        }
        let group = format!(
            "<g class=\"{}\"><title>{}</title><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"{rx}\" fill=\"{fill}\" stroke=\"{stroke}\"/><text fill=\"#212b32\">{text}</text></g>",
            match p.shape {
                Shape::Label { .. } => "label",
                Shape::More => "more",
                _ => "node",
            },
            escape(&p.title),
            p.width,
            p.height,
        );
        if p.shape == Shape::More {
            let _ = writeln!(svg, "<a href=\"{}\">{group}</a>", escape(more_href));
        } else {
            let _ = writeln!(svg, "{group}");
        }
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_and_is_cut_to_fit() {
        let lines = wrap(
            "Is the bleeding heavy — soaking a pad in an hour or less, or with large clots, or more than that ever?",
            190.0,
        );
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines.iter().all(|l| text_width(l) <= 190.0), "{lines:?}");
        assert!(lines[2].ends_with('…'));
        let chinese = wrap(
            "您有没有晕倒，或者感到非常头晕、快要晕倒？您有没有晕倒，或者感到非常头晕",
            190.0,
        );
        assert!(
            chinese.iter().all(|l| text_width(l) <= 190.0),
            "{chinese:?}"
        );
    }
}

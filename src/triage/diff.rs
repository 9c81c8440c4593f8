//! What a change to a topic's rules does to patients, in their words: every group of
//! answers whose care (level, action and number), listed conditions or topic advice
//! differ between two versions of a decision tree, with the rule that made the
//! difference, and the wording of questions and answers that changed.
//!
//! The two versions are compared over every full set of answers to the questions of
//! either: a question only one version asks is ignored by the other, and an answer
//! only one version has (added, or removed) is an answer set the other cannot be
//! given. An answer whose id changed but whose label did not is the same answer.
//!
//! Answer sets are never gone through one by one (a tree of 40 questions has more than
//! could be). Each thing a patient is told is a decision diagram ([`Mdd`]) over the
//! questions of both versions: the care, each condition's listing and each topic
//! outcome's advice. Each is compared on its own, the two versions' diagrams walked
//! side by side ([`Walk`]), so the work grows with the diagrams' sizes, not with how
//! many ways they differ: two versions that ask entirely different questions compare
//! in moments. The differences are a diagram too; its paths are groups of answers,
//! merged into as few as a clinician can read and listed up to [`MAX_LISTED`] per
//! change, while the answer sets each change touches, and whether any care got lower,
//! are counted exactly.

pub(crate) mod report;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::care::CareLevel;
use crate::triage::mdd::{self, FAILS, HOLDS, LEAVES, Mdd, NodeId};
use crate::triage::model::{Alternative, Evaluation, Question, TopicOutcome, Triage};
use crate::triage::translation::untranslated;

/// The most steps (diagram nodes made, and states of the side-by-side walk) a diff
/// takes; past it, it says at once that the versions are too large to compare.
pub(crate) const MAX_STEPS: usize = 4_000_000;

/// The most groups of answers listed per change (after merging); the rest are counted.
pub(crate) const MAX_LISTED: usize = 200;

/// The most paths of the differences enumerated per change before merging.
const MAX_PATHS: usize = 5_000;

/// What one version tells a patient to do: the care level, its action and the number
/// the action's button dials.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Said {
    pub level: CareLevel,
    /// How the site names the level ("Urgent").
    pub label: String,
    /// What to do ("Call 111 now").
    pub action: String,
    /// The number its button dials and when the service answers, if it calls one.
    pub phone: Option<String>,
    pub hours: Option<String>,
    /// Where the action's words are written: `site.yaml` for a level's own action, the
    /// topic's file for a topic outcome's.
    #[serde(skip)]
    pub written: Place,
}

/// Where something is written: a file under the site's folder and a line (0: the
/// file as a whole).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

impl Place {
    fn content(key: &str, line: usize) -> Place {
        Place {
            file: format!("content/{key}"),
            line,
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}", self.file),
            line => write!(f, "{}:{line}", self.file),
        }
    }
}

/// One version of a topic's tree, with what each of its care levels and actions says
/// in words (from that version's `site.yaml`).
pub struct Side<'a> {
    pub triage: &'a Triage,
    /// By care diagram leaf ([`mdd::care_leaf`]).
    said: Vec<Option<Said>>,
}

impl<'a> Side<'a> {
    /// `triage`, whose level `level` with topic outcome `action`'s action (or the
    /// level's own) says `said(level, action)`.
    pub fn new(
        triage: &'a Triage,
        said: impl Fn(CareLevel, Option<&TopicOutcome>) -> Said,
    ) -> Side<'a> {
        let mut table = vec![None; LEAVES as usize];
        for level in CareLevel::ALL {
            table[mdd::care_leaf(triage, level, None) as usize] = Some(said(level, None));
            for o in triage.actions_at(level) {
                table[mdd::care_leaf(triage, level, Some(o)) as usize] =
                    Some(said(level, Some(&triage.outcomes[o])));
            }
        }
        Side {
            triage,
            said: table,
        }
    }

    /// `triage` whose levels say their id and call no one: for tests and benchmarks.
    pub fn plain(triage: &'a Triage) -> Side<'a> {
        Side::new(triage, |level, action| Said {
            level,
            label: level.id().to_string(),
            action: action.map_or_else(
                || level.id().to_string(),
                |o| o.action.as_ref().map_or(String::new(), |a| a.text.clone()),
            ),
            phone: None,
            hours: None,
            written: Place::default(),
        })
    }

    fn said(&self, leaf: NodeId) -> Option<&Said> {
        self.said.get(leaf as usize).and_then(Option::as_ref)
    }
}

/// A group of answer sets that changed the same way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The questions the group is narrowed by, as (question text, answer labels), in
    /// the order of the questions; empty for "every set of answers".
    pub answers: Vec<(String, Vec<String>)>,
    /// Per question of [`TopicDiff::questions`], the group's answers as a bit mask.
    #[serde(skip)]
    pub masks: Vec<u64>,
    #[serde(serialize_with = "as_text")]
    pub answer_sets: u128,
    /// What gave these answers their care before and now, where it is written.
    pub before: Option<Place>,
    pub now: Option<Place>,
}

/// The groups of one change: the first [`MAX_LISTED`], and how many answer sets are in
/// all of them and in those not listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Groups {
    #[serde(serialize_with = "as_text")]
    pub answer_sets: u128,
    pub groups: Vec<Group>,
    #[serde(serialize_with = "as_text")]
    pub not_listed: u128,
}

/// Answers whose care changed: what the patient was told and is told now (`None`:
/// that version cannot be given these answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CareChange {
    pub before: Option<Said>,
    pub now: Option<Said>,
    /// The care level got lower: it needs a clinician's sign-off.
    pub lower: bool,
    #[serde(flatten)]
    pub groups: Groups,
}

/// Answers for which a condition is listed now and was not, or was and is not now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingChange {
    pub condition: String,
    pub listed_now: bool,
    #[serde(flatten)]
    pub groups: Groups,
}

/// Answers for which a topic outcome's advice is given now and was not, was and is
/// not now, or reads differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceChange {
    pub outcome: String,
    pub before: Option<String>,
    pub now: Option<String>,
    #[serde(flatten)]
    pub groups: Groups,
}

/// A question of both versions (the new version's text where it has it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JointQuestion {
    pub id: String,
    pub ask: String,
    pub answers: Vec<String>,
}

/// How a topic's tree changed for patients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicDiff {
    /// Every full set of answers compared.
    #[serde(serialize_with = "as_text")]
    pub answer_sets: u128,
    pub questions: Vec<JointQuestion>,
    pub care: Vec<CareChange>,
    pub listing: Vec<ListingChange>,
    pub advice: Vec<AdviceChange>,
    /// Questions, answers and advice whose words changed, in words.
    pub wording: Vec<String>,
}

impl TopicDiff {
    /// Some answers now get a lower care level.
    pub fn is_lower(&self) -> bool {
        self.care.iter().any(|c| c.lower)
    }

    /// Nothing a patient is told changed.
    pub fn is_empty(&self) -> bool {
        self.care.is_empty()
            && self.listing.is_empty()
            && self.advice.is_empty()
            && self.wording.is_empty()
    }
}

/// One answer of a joint question: its id in each version that has it, and its label.
#[derive(Debug, Clone)]
struct JointAnswer {
    old: Option<String>,
    new: Option<String>,
    label: String,
}

/// One question of both versions and where it is in each.
struct Joint {
    id: String,
    ask: String,
    answers: Vec<JointAnswer>,
    /// Per version (old, new): the question's index there and, per joint answer, that
    /// answer's index there; `None` when that version does not ask it.
    place: [Option<(usize, Vec<Option<usize>>)>; 2],
}

/// Compares two versions of a topic's tree, or says at once why it cannot.
pub fn diff(old: &Side, new: &Side) -> Result<TopicDiff, String> {
    let joint = joint_questions(old.triage, new.triage);
    let sizes: Vec<usize> = joint.iter().map(|q| q.answers.len()).collect();
    let answer_sets = sizes
        .iter()
        .try_fold(1u128, |n, &s| n.checked_mul(s as u128))
        .unwrap_or(u128::MAX);
    let mut store = Mdd::new(sizes.clone(), MAX_STEPS);
    let sides = [old, new];
    let versions = [
        on_joint(old.triage, &joint, 0),
        on_joint(new.triage, &joint, 1),
    ];
    let mut care = [0; 2];
    for v in 0..2 {
        care[v] = store.care_level(&versions[v]).map_err(too_large)?;
    }
    let mut walk = Walk::new(&joint, &sizes);
    let mut result = TopicDiff {
        answer_sets,
        questions: joint
            .iter()
            .map(|q| JointQuestion {
                id: q.id.clone(),
                ask: q.ask.clone(),
                answers: q.answers.iter().map(|a| a.label.clone()).collect(),
            })
            .collect(),
        care: Vec::new(),
        listing: Vec::new(),
        advice: Vec::new(),
        wording: wording(old.triage, new.triage, &joint),
    };

    let mut cx = Compared {
        joint: &joint,
        sides,
        versions: &versions,
        store: &mut store,
        walk: &mut walk,
        care,
    };
    result.care = cx.care_changes()?;
    result.listing = cx.listing_changes()?;
    result.advice = cx.advice_changes()?;
    Ok(result)
}

/// Each thing of either version by its key (`keys` gives a version's, in its order),
/// with where it is in each: (key, [index in the old, index in the new]).
fn paired(
    versions: &[Triage; 2],
    keys: impl Fn(&Triage) -> Vec<String>,
) -> Vec<(String, [Option<usize>; 2])> {
    let mut found: Vec<(String, [Option<usize>; 2])> = Vec::new();
    for (v, version) in versions.iter().enumerate() {
        for (i, key) in keys(version).into_iter().enumerate() {
            match found.iter_mut().find(|(k, _)| *k == key) {
                Some((_, at)) => at[v] = Some(i),
                None => {
                    let mut at = [None, None];
                    at[v] = Some(i);
                    found.push((key, at));
                }
            }
        }
    }
    found
}

/// The message for a comparison over its budget of steps.
fn too_large<E>(_: E) -> String {
    format!("the two versions' rules are too large to compare (more than {MAX_STEPS} steps)")
}

/// The two versions, on the questions they share, and the diagrams they are compared
/// on: what each kind of change ([`Compared::care_changes`], …) walks.
struct Compared<'c, 'a> {
    joint: &'c [Joint],
    sides: [&'c Side<'a>; 2],
    versions: &'c [Triage; 2],
    store: &'c mut Mdd,
    walk: &'c mut Walk<'c>,
    /// Each version's care level, as a diagram in `store`.
    care: [NodeId; 2],
}

impl Compared<'_, '_> {
    /// Where the care changes: a leaf's class is what it says (level, action, number); lowered care first.
    fn care_changes(&mut self) -> Result<Vec<CareChange>, String> {
        let mut changes = Vec::new();
        // Care: a leaf's class is what it says (level, action, number).
        let mut said: Vec<Said> = Vec::new();
        let mut class_of_said = |s: Option<&Said>| -> u32 {
            match s {
                None => NONE,
                Some(s) => match said.iter().position(|x| x == s) {
                    Some(i) => i as u32,
                    None => {
                        said.push(s.clone());
                        (said.len() - 1) as u32
                    }
                },
            }
        };
        let care_classes = [0, 1].map(|v| {
            (0..LEAVES)
                .map(|leaf| class_of_said(self.sides[v].said(leaf)))
                .collect::<Vec<u32>>()
        });
        let said_classes: Vec<&Said> = said.iter().collect();
        let found = self
            .walk
            .compare(&*self.store, self.care, &care_classes, true)?;
        for (change, groups) in found {
            let (before, now) = (
                class(&said_classes, change.0).cloned(),
                class(&said_classes, change.1).cloned(),
            );
            let lower = matches!((&before, &now), (Some(b), Some(n)) if b.level.is_more_urgent_than(n.level));
            let same_level = matches!((&before, &now), (Some(b), Some(n)) if b.level == n.level);
            let groups = describe_groups(self.joint, groups, |answers| {
                let deciding = |v: usize| {
                    let own = own_answers(self.sides[v].triage, self.joint, answers, v)?;
                    let evaluation = self.sides[v].triage.evaluate(&own);
                    if same_level {
                        // Only the action's words or number changed: where they are written.
                        let leaf = mdd::care_leaf(
                            self.sides[v].triage,
                            evaluation.level,
                            evaluation.action,
                        );
                        self.sides[v].said(leaf).map(|s| s.written.clone())
                    } else {
                        Some(deciding_place(self.sides[v].triage, &evaluation, &own))
                    }
                };
                (deciding(0), deciding(1))
            });
            changes.push(CareChange {
                before,
                now,
                lower,
                groups,
            });
        }
        // Lowered care first, then by how urgent the new advice is.
        changes.sort_by_key(|c| {
            (
                !c.lower,
                c.now.as_ref().map(|s| s.level),
                c.before.as_ref().map(|s| s.level),
            )
        });

        Ok(changes)
    }

    /// Where a condition is listed or no longer listed.
    fn listing_changes(&mut self) -> Result<Vec<ListingChange>, String> {
        let mut changes = Vec::new();
        // Listing: each condition (by file) is listed where one of its rules holds.
        let conditions = paired(self.versions, |version| {
            version
                .conditions
                .iter()
                .map(|c| untranslated(&c.key, &version.lang))
                .collect()
        });
        // Class 1: listed; 0: not.
        let listed = [0, 1].map(|_| {
            let mut classes = vec![NONE; LEAVES as usize];
            classes[HOLDS as usize] = 1;
            classes[FAILS as usize] = 0;
            classes
        });
        for (_, at) in &conditions {
            let mut roots = [FAILS; 2];
            for v in 0..2 {
                if let Some(i) = at[v] {
                    let rules = self.versions[v].conditions[i].rules.iter().map(|r| &r.when);
                    roots[v] = self.store.matches(rules).map_err(too_large)?;
                }
            }
            for (change, groups) in self.walk.compare(&*self.store, roots, &listed, false)? {
                let listed_now = change.1 == 1;
                let v = usize::from(listed_now);
                let Some(i) = at[v] else { continue };
                let condition = &self.sides[v].triage.conditions[i];
                let groups = describe_groups(self.joint, groups, |answers| {
                    let place =
                        own_answers(self.sides[v].triage, self.joint, answers, v).and_then(|own| {
                            condition
                                .rules
                                .iter()
                                .find(|r| holds_for(&r.when, &own))
                                .map(|r| Place::content(&condition.key, r.line))
                        });
                    if listed_now {
                        (None, place)
                    } else {
                        (place, None)
                    }
                });
                changes.push(ListingChange {
                    condition: condition.title.clone(),
                    listed_now,
                    groups,
                });
            }
        }

        Ok(changes)
    }

    /// Where a topic outcome's advice is given, no longer given, or says other words.
    fn advice_changes(&mut self) -> Result<Vec<AdviceChange>, String> {
        let mut changes = Vec::new();
        // Advice: a topic outcome's advice is given where it holds at the level given.
        let outcomes = paired(self.versions, |version| {
            version.outcomes.iter().map(|o| o.id.clone()).collect()
        });
        for (id, at) in &outcomes {
            let mut roots = [FAILS; 2];
            let texts = [0, 1].map(|v| at[v].map(|i| self.versions[v].outcomes[i].advice.clone()));
            for v in 0..2 {
                if let Some(i) = at[v] {
                    let o = &self.versions[v].outcomes[i];
                    let holds = self.store.matches(o.when.iter()).map_err(too_large)?;
                    let at_level = mdd::leaves_at(o.level);
                    let given_level = |leaf: NodeId| {
                        if at_level & (1 << leaf) != 0 {
                            HOLDS
                        } else {
                            FAILS
                        }
                    };
                    let level = self
                        .store
                        .map_leaves(self.care[v], &given_level, &mut FxHashMap::default())
                        .map_err(too_large)?;
                    roots[v] = self.store.max(holds, level).map_err(too_large)?;
                }
            }
            // Where given, the class is the advice's words: so changed words are a change.
            let same_words = texts[0] == texts[1];
            let classes = [0, 1].map(|v| {
                let mut classes = vec![NONE; LEAVES as usize];
                classes[HOLDS as usize] = if same_words { 1 } else { 1 + v as u32 };
                classes[FAILS as usize] = 0;
                classes
            });
            for (change, groups) in self.walk.compare(&*self.store, roots, &classes, false)? {
                let given = |class: u32, v: usize| (class != 0).then(|| texts[v].clone()).flatten();
                let (before, now) = (given(change.0, 0), given(change.1, 1));
                let groups = describe_groups(self.joint, groups, |_| {
                    let place = |v: usize| {
                        at[v].map(|i| {
                            Place::content(
                                &self.sides[v].triage.source,
                                self.sides[v].triage.outcomes[i].line,
                            )
                        })
                    };
                    (before.as_ref().and(place(0)), now.as_ref().and(place(1)))
                });
                changes.push(AdviceChange {
                    outcome: id.clone(),
                    before,
                    now,
                    groups,
                });
            }
        }
        Ok(changes)
    }
}

/// A count as text in JSON: answer sets pass the 64 bits a JSON number can carry.
fn as_text<S: serde::Serializer>(n: &u128, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&n.to_string())
}

/// No class: where a version cannot be given the answers, or a leaf that means nothing.
const NONE: u32 = u32::MAX;
/// In the walk: a version that cannot be given the answers so far.
const NOT_GIVEN: NodeId = NodeId::MAX;

fn class<'s>(classes: &[&'s Said], class: u32) -> Option<&'s Said> {
    classes.get(class as usize).copied()
}

/// A node of a diagram of differences: a leaf (how the answers that reach it changed,
/// as (old class, new class), or `None` for no change), or a question with a child
/// per joint answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Node {
    Leaf(Option<(u32, u32)>),
    Question(usize, Vec<u32>),
}

/// Walks two versions' diagrams of one thing a patient is told side by side, over the
/// joint questions, into a diagram of where they differ.
struct Walk<'a> {
    joint: &'a [Joint],
    sizes: &'a [usize],
    /// Per joint question, the first question at or after it that one version cannot
    /// be given every answer of.
    next_missing: Vec<usize>,
    steps: usize,
}

/// How answers changed: (the old version's class, the new version's).
type ChangeKey = (u32, u32);

/// The answer sets of one change, as the cubes of the paths listed (answers per joint
/// question, as masks) and how many answer sets it touches in all.
struct Found {
    cubes: Vec<Vec<u64>>,
    answer_sets: u128,
}

impl<'a> Walk<'a> {
    fn new(joint: &'a [Joint], sizes: &'a [usize]) -> Walk<'a> {
        let mut next_missing = vec![joint.len(); joint.len() + 1];
        for q in (0..joint.len()).rev() {
            let missing = joint[q].place.iter().any(|p| {
                p.as_ref()
                    .is_some_and(|(_, map)| map.iter().any(Option::is_none))
            });
            next_missing[q] = if missing { q } else { next_missing[q + 1] };
        }
        Walk {
            joint,
            sizes,
            next_missing,
            steps: 0,
        }
    }

    /// Where `roots` (the old and new version's diagram) differ, with leaf `v` of
    /// version `i` read as `classes[i][v]`: each change with its answer sets. With
    /// `given_matters`, answers only one version can be given are a change (care);
    /// otherwise they are left out (listings and advice).
    fn compare(
        &mut self,
        store: &Mdd,
        roots: [NodeId; 2],
        classes: &[Vec<u32>; 2],
        given_matters: bool,
    ) -> Result<Vec<(ChangeKey, Found)>, String> {
        let mut state = WalkState {
            store,
            classes,
            given_matters,
            nodes: Vec::new(),
            interned: FxHashMap::default(),
            memo: FxHashMap::default(),
        };
        let root = self.node(&mut state, 0, roots)?;
        Ok(self.changes(&state, root))
    }

    fn node(&mut self, state: &mut WalkState, q: usize, at: [NodeId; 2]) -> Result<u32, String> {
        let n = self.joint.len();
        let first = |node: NodeId| {
            if node == NOT_GIVEN {
                n
            } else {
                state.store.question_of(node).min(n)
            }
        };
        let q = first(at[0]).min(first(at[1])).min(self.next_missing[q]);
        if q == n {
            let class = |v: usize| match at[v] {
                NOT_GIVEN => NONE,
                leaf => state.classes[v][leaf as usize],
            };
            let (old, new) = (class(0), class(1));
            let change = (old != new && (state.given_matters || (old != NONE && new != NONE)))
                .then_some((old, new));
            return Ok(state.intern(Node::Leaf(change)));
        }
        if let Some(&done) = state.memo.get(&(q as u32, at[0], at[1])) {
            return Ok(done);
        }
        self.steps += 1;
        if self.steps > MAX_STEPS {
            return Err(format!(
                "the two versions' rules leave more than {MAX_STEPS} different states to compare"
            ));
        }
        let mut kids = Vec::with_capacity(self.sizes[q]);
        for answer in 0..self.sizes[q] {
            let next = [0, 1].map(|v| {
                let has = self.joint[q].place[v]
                    .as_ref()
                    .is_none_or(|(_, map)| map[answer].is_some());
                match at[v] {
                    NOT_GIVEN => NOT_GIVEN,
                    _ if !has => NOT_GIVEN,
                    node => state.store.child(node, q, answer),
                }
            });
            kids.push(self.node(state, q + 1, next)?);
        }
        let done = if kids.iter().all(|&k| k == kids[0]) {
            kids[0]
        } else {
            state.intern(Node::Question(q, kids))
        };
        state.memo.insert((q as u32, at[0], at[1]), done);
        Ok(done)
    }

    /// Every change in the diagram from `root`, with its answer sets counted and its
    /// first paths listed, in the order of the changes.
    fn changes(&self, state: &WalkState, root: u32) -> Vec<(ChangeKey, Found)> {
        let n = self.joint.len();
        // Per node: how many answer sets (to its question and those after) reach each
        // change. Nodes are made children first.
        let mut counts: Vec<Vec<((u32, u32), u128)>> = Vec::with_capacity(state.nodes.len());
        let question = |node: u32| match state.nodes[node as usize] {
            Node::Question(q, _) => q,
            Node::Leaf(_) => n,
        };
        for node in &state.nodes {
            let mut here: BTreeMap<(u32, u32), u128> = BTreeMap::new();
            match node {
                Node::Leaf(Some(change)) => {
                    here.insert(*change, 1);
                }
                Node::Leaf(None) => {}
                Node::Question(q, kids) => {
                    for &kid in kids {
                        let skipped = self.product(q + 1, question(kid));
                        for &(change, count) in &counts[kid as usize] {
                            let total = here.entry(change).or_default();
                            *total = total.saturating_add(count.saturating_mul(skipped));
                        }
                    }
                }
            }
            counts.push(here.into_iter().collect());
        }
        let before_root = self.product(0, question(root));
        let mut found: BTreeMap<(u32, u32), Found> = counts[root as usize]
            .iter()
            .map(|&(change, count)| {
                let found = Found {
                    cubes: Vec::new(),
                    answer_sets: count.saturating_mul(before_root),
                };
                (change, found)
            })
            .collect();
        let mut cube: Vec<u64> = self.sizes.iter().map(|&s| full(s)).collect();
        collect_paths(state, &counts, root, &mut cube, &mut found);
        found.into_iter().collect()
    }

    /// How many ways there are to answer questions `from..to`.
    fn product(&self, from: usize, to: usize) -> u128 {
        self.sizes[from.min(to)..to]
            .iter()
            .fold(1u128, |n, &s| n.saturating_mul(s as u128))
    }
}

/// One comparison's diagram of differences as it is built.
struct WalkState<'s> {
    store: &'s Mdd,
    classes: &'s [Vec<u32>; 2],
    given_matters: bool,
    nodes: Vec<Node>,
    interned: FxHashMap<Node, u32>,
    memo: FxHashMap<(u32, NodeId, NodeId), u32>,
}

impl WalkState<'_> {
    fn intern(&mut self, node: Node) -> u32 {
        if let Some(&index) = self.interned.get(&node) {
            return index;
        }
        self.nodes.push(node.clone());
        let index = (self.nodes.len() - 1) as u32;
        self.interned.insert(node, index);
        index
    }
}

/// Lists the paths from `node` to each change (answers of one question that lead to
/// the same node are one path) until the change has [`MAX_PATHS`]; subtrees with no
/// change that still wants paths are not entered.
fn collect_paths(
    state: &WalkState,
    counts: &[Vec<((u32, u32), u128)>],
    node: u32,
    cube: &mut [u64],
    found: &mut BTreeMap<(u32, u32), Found>,
) {
    let wanted = counts[node as usize]
        .iter()
        .any(|(change, _)| found.get(change).is_some_and(|f| f.cubes.len() < MAX_PATHS));
    if !wanted {
        return;
    }
    match &state.nodes[node as usize] {
        Node::Leaf(None) => {}
        Node::Leaf(Some(change)) => {
            if let Some(f) = found.get_mut(change) {
                f.cubes.push(cube.to_vec());
            }
        }
        Node::Question(q, kids) => {
            let mut by_kid: BTreeMap<u32, u64> = BTreeMap::new();
            for (a, &kid) in kids.iter().enumerate() {
                *by_kid.entry(kid).or_default() |= 1 << a;
            }
            let all = cube[*q];
            for (kid, answers) in by_kid {
                cube[*q] = answers;
                collect_paths(state, counts, kid, cube, found);
            }
            cube[*q] = all;
        }
    }
}

/// A change's paths merged into groups, described in the questions' words, the first
/// [`MAX_LISTED`] listed; `places` says, for a group's first answer set, what decided
/// it before and now.
fn describe_groups(
    joint: &[Joint],
    found: Found,
    places: impl Fn(&[usize]) -> (Option<Place>, Option<Place>),
) -> Groups {
    let mut groups = Vec::new();
    let mut listed = 0u128;
    for cube in merge(found.cubes, joint.len()).into_iter().take(MAX_LISTED) {
        let answer_sets = cube
            .iter()
            .fold(1u128, |n, m| n.saturating_mul(u128::from(m.count_ones())));
        listed = listed.saturating_add(answer_sets);
        let first: Vec<usize> = cube.iter().map(|m| m.trailing_zeros() as usize).collect();
        let (before, now) = places(&first);
        let answers = cube
            .iter()
            .zip(joint)
            .filter(|(mask, q)| mask.count_ones() as usize != q.answers.len())
            .map(|(mask, q)| {
                let labels = (0..q.answers.len())
                    .filter(|a| mask & (1 << a) != 0)
                    .map(|a| q.answers[a].label.clone())
                    .collect();
                (q.ask.clone(), labels)
            })
            .collect();
        groups.push(Group {
            answers,
            masks: cube,
            answer_sets,
            before,
            now,
        });
    }
    Groups {
        answer_sets: found.answer_sets,
        groups,
        not_listed: found.answer_sets.saturating_sub(listed),
    }
}

/// Whether `when` holds for one full set of a version's own answers.
fn holds_for(when: &Alternative, answers: &[usize]) -> bool {
    when.iter()
        .all(|&(q, allowed)| allowed & (1 << answers[q]) != 0)
}

/// Where the rule that gives `evaluation` (of the version's own `answers`) its care
/// is written: the topic outcome whose action it gives, else the first rule at its
/// level that holds, else `otherwise`.
fn deciding_place(triage: &Triage, evaluation: &Evaluation, answers: &[usize]) -> Place {
    if let Some(o) = evaluation.action {
        return Place::content(&triage.source, triage.outcomes[o].line);
    }
    for &c in &evaluation.conditions {
        let condition = &triage.conditions[c];
        let rule = condition
            .rules
            .iter()
            .find(|r| r.level == evaluation.level && holds_for(&r.when, answers));
        if let Some(rule) = rule {
            return Place::content(&condition.key, rule.line);
        }
    }
    if let Some(&o) = evaluation.advice.first() {
        return Place::content(&triage.source, triage.outcomes[o].line);
    }
    Place::content(&triage.source, triage.otherwise.line)
}

/// A version's own answers (per its question) for `answers` (per joint question), or
/// `None` when one of them is not an answer that version has.
fn own_answers(
    triage: &Triage,
    joint: &[Joint],
    answers: &[usize],
    v: usize,
) -> Option<Vec<usize>> {
    let mut own = vec![0usize; triage.questions.len()];
    for (q, &a) in joint.iter().zip(answers) {
        if let Some((qi, map)) = &q.place[v] {
            own[*qi] = map[a]?;
        }
    }
    Some(own)
}

/// Every answer of a question of `n` answers, as a bit mask.
fn full(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

/// `triage` with its questions, answers and rules on the joint questions (version `v`
/// of them): question `q` is joint question `q` (a question it does not ask is one no
/// rule names), and an answer is its joint answer.
fn on_joint(triage: &Triage, joint: &[Joint], v: usize) -> Triage {
    // Per own question: its joint index, and per own answer its joint answer.
    let mut own: Vec<(usize, Vec<usize>)> = vec![(0, Vec::new()); triage.questions.len()];
    for (j, q) in joint.iter().enumerate() {
        if let Some((qi, map)) = &q.place[v] {
            let mut answers = vec![0; triage.questions[*qi].answers.len()];
            for (joint_answer, own_answer) in map.iter().enumerate() {
                if let Some(a) = own_answer {
                    answers[*a] = joint_answer;
                }
            }
            own[*qi] = (j, answers);
        }
    }
    let remap = |when: &Alternative| -> Alternative {
        when.iter()
            .map(|&(q, allowed)| {
                let (j, answers) = &own[q];
                let mask = answers
                    .iter()
                    .enumerate()
                    .filter(|(a, _)| allowed & (1 << a) != 0)
                    .fold(0u64, |mask, (_, &joint_answer)| mask | 1 << joint_answer);
                (*j, mask)
            })
            .collect()
    };
    let mut on_joint = triage.clone();
    on_joint.questions = joint
        .iter()
        .map(|q| {
            let labels: Vec<&str> = q.answers.iter().map(|a| a.label.as_str()).collect();
            Question::simple(&q.id, &labels)
        })
        .collect();
    for c in &mut on_joint.conditions {
        for r in &mut c.rules {
            r.when = remap(&r.when);
        }
    }
    for o in &mut on_joint.outcomes {
        o.when = o.when.iter().map(remap).collect();
    }
    on_joint
}

/// The questions of both versions, the new version's first. An answer only the old
/// version has by its id is the new version's answer of the same label, when that
/// answer's id is new: a renamed id, not a different answer.
fn joint_questions(old: &Triage, new: &Triage) -> Vec<Joint> {
    let mut joint: Vec<Joint> = Vec::new();
    for (v, question) in new
        .questions
        .iter()
        .map(|q| (1, q))
        .chain(old.questions.iter().map(|q| (0, q)))
    {
        let at = match joint.iter().position(|j| j.id == question.id) {
            Some(at) => at,
            None => {
                joint.push(Joint {
                    id: question.id.clone(),
                    ask: question.ask.clone(),
                    answers: Vec::new(),
                    place: [None, None],
                });
                joint.len() - 1
            }
        };
        let answers = &mut joint[at].answers;
        for answer in &question.answers {
            let id = Some(answer.id.clone());
            if v == 1 {
                answers.push(JointAnswer {
                    old: None,
                    new: id,
                    label: answer.label.clone(),
                });
                continue;
            }
            let same_id = answers.iter().position(|a| a.new == id);
            let other_side_has = |a: &JointAnswer| {
                a.new
                    .as_ref()
                    .is_some_and(|n| question.answers.iter().any(|o| o.id == *n))
            };
            let same_label = answers
                .iter()
                .position(|a| a.old.is_none() && a.label == answer.label && !other_side_has(a));
            match same_id.or(same_label) {
                Some(i) => answers[i].old = id,
                None => answers.push(JointAnswer {
                    old: id,
                    new: None,
                    label: answer.label.clone(),
                }),
            }
        }
    }
    for j in &mut joint {
        let ids = |v: usize, a: &JointAnswer| if v == 0 { a.old.clone() } else { a.new.clone() };
        for (v, triage) in [old, new].into_iter().enumerate() {
            j.place[v] = triage
                .questions
                .iter()
                .position(|q| q.id == j.id)
                .map(|qi| {
                    let question = &triage.questions[qi];
                    let map = j
                        .answers
                        .iter()
                        .map(|a| {
                            ids(v, a)
                                .and_then(|id| question.answers.iter().position(|x| x.id == id))
                        })
                        .collect();
                    (qi, map)
                });
        }
    }
    joint
}

/// The words that changed, apart from what the rules give: questions asked and no
/// longer asked, their text, answers added, removed and relabelled, and the advice when
/// no rule applies.
fn wording(old: &Triage, new: &Triage, joint: &[Joint]) -> Vec<String> {
    let mut said = Vec::new();
    for q in joint {
        let asked = [0, 1].map(|v| {
            q.place[v]
                .as_ref()
                .map(|(qi, _)| &[old, new][v].questions[*qi])
        });
        match asked {
            [None, Some(n)] => said.push(format!("A new question: “{}”", n.ask)),
            [Some(o), None] => said.push(format!("No longer asked: “{}”", o.ask)),
            [Some(o), Some(n)] => {
                if o.ask != n.ask {
                    said.push(format!("“{}” now reads “{}”", o.ask, n.ask));
                }
                for a in &q.answers {
                    let label = |v: usize, id: &Option<String>| {
                        let question = [o, n][v];
                        id.as_ref()
                            .and_then(|id| question.answers.iter().find(|x| x.id == *id))
                            .map(|x| x.label.as_str())
                    };
                    match (label(0, &a.old), label(1, &a.new)) {
                        (None, Some(l)) => said.push(format!("“{}”: a new answer “{l}”", n.ask)),
                        (Some(l), None) => {
                            said.push(format!("“{}”: the answer “{l}” was removed", n.ask))
                        }
                        (Some(before), Some(now)) if before != now => said.push(format!(
                            "“{}”: the answer “{before}” now reads “{now}”",
                            n.ask
                        )),
                        _ => {}
                    }
                }
                if o.unsure != n.unsure {
                    said.push(format!(
                        "“{}”: “I'm not sure” is {}",
                        n.ask,
                        if n.unsure {
                            "now offered"
                        } else {
                            "no longer offered"
                        }
                    ));
                }
            }
            [None, None] => {}
        }
    }
    if old.otherwise.advice != new.otherwise.advice {
        said.push(format!(
            "The advice when no rule applies now reads “{}” (it was “{}”)",
            new.otherwise.advice, old.otherwise.advice
        ));
    }
    said
}

/// For tests: what every full set of answers (an answer index per question of
/// [`TopicDiff::questions`]) changed, found by trying each one, in the words
/// [`changed_by_groups`] uses for a diff's groups. Only for small trees.
pub fn changes_by_enumeration(old: &Side, new: &Side) -> BTreeMap<Vec<usize>, Vec<String>> {
    let joint = joint_questions(old.triage, new.triage);
    let sides = [old, new];
    let mut changes = BTreeMap::new();
    let mut answers = vec![0usize; joint.len()];
    loop {
        let told = [0, 1].map(|v| {
            own_answers(sides[v].triage, &joint, &answers, v)
                .map(|own| sides[v].triage.evaluate(&own))
        });
        let mut changed = Vec::new();
        let said = |v: usize| {
            told[v]
                .as_ref()
                .and_then(|e| sides[v].said(mdd::care_leaf(sides[v].triage, e.level, e.action)))
        };
        if said(0) != said(1) {
            changed.push(care_words(said(0), said(1)));
        }
        if let [Some(before), Some(now)] = &told {
            let keys = |v: usize, e: &Evaluation| -> Vec<(String, String)> {
                let t = sides[v].triage;
                e.conditions
                    .iter()
                    .map(|&c| {
                        (
                            untranslated(&t.conditions[c].key, &t.lang),
                            t.conditions[c].title.clone(),
                        )
                    })
                    .collect()
            };
            let (b, n) = (keys(0, before), keys(1, now));
            for (key, title) in &n {
                if !b.iter().any(|(k, _)| k == key) {
                    changed.push(format!("listed {title}"));
                }
            }
            for (key, title) in &b {
                if !n.iter().any(|(k, _)| k == key) {
                    changed.push(format!("not listed {title}"));
                }
            }
            let advice = |v: usize, e: &Evaluation| -> Vec<(String, String)> {
                let t = sides[v].triage;
                e.advice
                    .iter()
                    .map(|&o| (t.outcomes[o].id.clone(), t.outcomes[o].advice.clone()))
                    .collect()
            };
            let (b, n) = (advice(0, before), advice(1, now));
            let all: std::collections::BTreeSet<&String> =
                b.iter().chain(&n).map(|(id, _)| id).collect();
            for id in all {
                let text = |list: &[(String, String)]| {
                    list.iter().find(|(i, _)| i == id).map(|(_, t)| t.clone())
                };
                let (tb, tn) = (text(&b), text(&n));
                if tb != tn {
                    changed.push(advice_words(id, tb.as_deref(), tn.as_deref()));
                }
            }
        }
        if !changed.is_empty() {
            changed.sort();
            changes.insert(answers.clone(), changed);
        }
        let mut more = false;
        for q in (0..answers.len()).rev() {
            answers[q] += 1;
            if answers[q] < joint[q].answers.len() {
                more = true;
                break;
            }
            answers[q] = 0;
        }
        if !more {
            return changes;
        }
    }
}

/// For tests: what a diff says changed for each answer set its groups list, in the
/// words of [`changes_by_enumeration`]; an answer set listed twice for the same kind
/// of change is an error.
pub fn changed_by_groups(diff: &TopicDiff) -> Result<BTreeMap<Vec<usize>, Vec<String>>, String> {
    let mut changes: BTreeMap<Vec<usize>, Vec<String>> = BTreeMap::new();
    let mut add = |groups: &Groups, words: String| -> Result<(), String> {
        if groups.not_listed > 0 {
            return Err(format!(
                "{words}: {} answer sets not listed",
                groups.not_listed
            ));
        }
        let mut count = 0u128;
        for group in &groups.groups {
            for set in expand(&group.masks) {
                count += 1;
                let list = changes.entry(set.clone()).or_default();
                if list.contains(&words) {
                    return Err(format!("{set:?} is listed twice as {words}"));
                }
                list.push(words.clone());
            }
        }
        if count != groups.answer_sets {
            return Err(format!(
                "{words}: {count} answer sets listed, {} counted",
                groups.answer_sets
            ));
        }
        Ok(())
    };
    for c in &diff.care {
        add(&c.groups, care_words(c.before.as_ref(), c.now.as_ref()))?;
    }
    for l in &diff.listing {
        let words = if l.listed_now {
            "listed "
        } else {
            "not listed "
        };
        add(&l.groups, format!("{words}{}", l.condition))?;
    }
    for a in &diff.advice {
        add(
            &a.groups,
            advice_words(&a.outcome, a.before.as_deref(), a.now.as_deref()),
        )?;
    }
    for list in changes.values_mut() {
        list.sort();
    }
    Ok(changes)
}

fn care_words(before: Option<&Said>, now: Option<&Said>) -> String {
    let words = |s: Option<&Said>| {
        s.map_or("-".to_string(), |s| {
            format!("{} {} {:?}", s.label, s.action, s.phone)
        })
    };
    format!("care {} > {}", words(before), words(now))
}

fn advice_words(id: &str, before: Option<&str>, now: Option<&str>) -> String {
    format!("advice {id} {before:?} > {now:?}")
}

/// Every full answer set in a group's masks.
fn expand(masks: &[u64]) -> Vec<Vec<usize>> {
    let mut sets = vec![Vec::new()];
    for &mask in masks {
        sets = sets
            .into_iter()
            .flat_map(|set| {
                (0..64)
                    .filter(move |a| mask & (1u64 << a) != 0)
                    .map(move |a| {
                        let mut s = set.clone();
                        s.push(a);
                        s
                    })
            })
            .collect();
    }
    sets
}

/// Merges answer sets into groups: sets that differ in only one question become one
/// set with the answers of both to that question, question by question until nothing
/// merges. The groups come in order of their masks, so a report reads the same run
/// after run.
pub(crate) fn merge(mut cubes: Vec<Vec<u64>>, questions: usize) -> Vec<Vec<u64>> {
    loop {
        let before = cubes.len();
        for q in 0..questions {
            // The groups by all but question `q`, in the order first seen.
            let mut index: FxHashMap<Vec<u64>, usize> = FxHashMap::default();
            let mut merged: Vec<Vec<u64>> = Vec::with_capacity(cubes.len());
            for mut cube in cubes {
                let answers = std::mem::take(&mut cube[q]);
                match index.get(&cube) {
                    Some(&at) => merged[at][q] |= answers,
                    None => {
                        index.insert(cube.clone(), merged.len());
                        cube[q] = answers;
                        merged.push(cube);
                    }
                }
            }
            cubes = merged;
        }
        if cubes.len() == before {
            cubes.sort_unstable();
            return cubes;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::model::{Otherwise, Question, Rule, TriageCondition};

    /// `n` yes/no questions named `{prefix}{i}`; one condition, at `level` when the
    /// last is answered yes.
    fn long(n: usize, level: CareLevel, prefix: &str) -> Triage {
        Triage {
            topic: "t".into(),
            lang: "en".into(),
            title: "T".into(),
            source: "t/_index.md".into(),
            questions: (0..n)
                .map(|i| Question::simple(&format!("{prefix}{i}"), &["yes", "no"]))
                .collect(),
            conditions: vec![TriageCondition::simple(
                "c",
                vec![Rule {
                    level,
                    when: vec![(n - 1, 0b01)],
                    line: 9,
                }],
            )],
            outcomes: Vec::new(),
            otherwise: Otherwise {
                level: CareLevel::SelfCare,
                advice: "Rest.".into(),
                line: 4,
            },
        }
    }

    #[test]
    fn more_answer_sets_than_could_be_tried_are_compared() {
        // 2^40 answer sets: compared diagram by diagram, in a moment.
        let (old, new) = (
            long(40, CareLevel::Urgent, "q"),
            long(40, CareLevel::Routine, "q"),
        );
        let d = diff(&Side::plain(&old), &Side::plain(&new)).unwrap();
        assert_eq!(d.answer_sets, 1 << 40);
        assert_eq!(d.care.len(), 1, "{d:?}");
        let change = &d.care[0];
        assert!(change.lower && d.is_lower());
        assert_eq!(change.groups.answer_sets, 1 << 39);
        let group = &change.groups.groups[0];
        assert_eq!(
            group.answers,
            vec![("q39?".to_string(), vec!["yes".to_string()])]
        );
        assert_eq!(group.before, Some(Place::content("c.md", 9)));
        assert_eq!(group.now, Some(Place::content("c.md", 9)));
        assert!(d.listing.is_empty() && d.advice.is_empty() && d.wording.is_empty());
    }

    #[test]
    fn versions_that_ask_different_questions_compare_at_once() {
        // Every answer set of 60 questions changes: counted, a few groups listed.
        let (old, new) = (
            long(30, CareLevel::Urgent, "old"),
            long(30, CareLevel::Emergency, "new"),
        );
        let d = diff(&Side::plain(&old), &Side::plain(&new)).unwrap();
        assert_eq!(d.answer_sets, 1 << 60);
        let touched: u128 = d.care.iter().map(|c| c.groups.answer_sets).sum();
        // All but the quarter that answers no to both versions' last question.
        assert_eq!(touched, (1 << 60) - (1 << 58));
        assert_eq!(d.care.len(), 3);
        assert!(
            d.is_lower(),
            "yes to the old last question, no to the new one"
        );
        assert_eq!(
            d.wording.len(),
            60,
            "30 new questions and 30 no longer asked"
        );
    }
}

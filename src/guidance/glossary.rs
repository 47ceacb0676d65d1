//! The glossary: which thing the guides name a question describes without naming it ("the thing
//! that packs an app so it runs the same on any machine" is Docker). Built from the authored
//! `glosses.toml` of each role, its descriptions embedded once per content version (cached on
//! disk like the passages' vectors) and kept in the `Library`.
//!
//! A question is read as naming a thing when one of that thing's descriptions is at least
//! [`DESCRIBED`] close to it in meaning and the question does not already use the name. A rung's
//! authored duties ("nobody checks every line you write anymore") are read only where a question
//! asks which level something is, or what someone it describes earns ([`Glossary::rung_described`]),
//! never to name a thing elsewhere. Without the model nothing is described.

use crate::content::model::Level;
use crate::content::Catalog;
use crate::error::Result;
use crate::search::SearchIndex;
use crate::semantic::cosine;

/// How close a question must come to one of a thing's descriptions to be read as naming it.
pub const DESCRIBED: f32 = 0.6;
/// A question whole at least this close to a description may describe a thing in one of its
/// parts, which are then compared one by one.
pub const PARTS_WORTH_READING: f32 = 0.45;

/// How close a question that asks about a move must come to one of a role's descriptions to be
/// read as asking about moving into that role ("could I end up training prediction models
/// instead of writing APIs?"): lower than [`DESCRIBED`], since the question already says it
/// asks about a move, so only the roles are candidates.
pub const MOVE_DESCRIBED: f32 = 0.45;
/// As [`MOVE_DESCRIBED`], for a question whose words also point at a part of the guides
/// ("protecting apps from hackers" names security skills): the role must come closer to win.
pub const MOVE_DESCRIBED_OVER_WORDS: f32 = 0.5;

/// How close a question that asks for a level, or for the pay of someone it describes, must
/// come to a rung's descriptions to be read as naming that rung ("the stage where someone
/// checks all your work, what's it called?"): lower than [`DESCRIBED`], since only the rungs
/// are candidates. Its closeness is the mean of its [`RUNG_DESCRIPTIONS_AVERAGED`] closest
/// descriptions, read from the question whole or from one of its clauses, whichever is closer.
pub const RUNG_DESCRIBED: f32 = 0.3;
/// How many of a rung's closest descriptions its closeness averages: one description alone
/// is heard in a single shared word ("run" in "run the team" and "run complex projects"); two
/// agreeing descriptions are the rung's meaning.
pub const RUNG_DESCRIPTIONS_AVERAGED: usize = 2;
/// How much closer the closest rung must come than any other level's, so that a description
/// between two rungs names neither.
pub const RUNG_MARGIN: f32 = 0.01;

/// One glossed thing: its name as the guides spell it, its kind, the ladder level it names (a
/// rung's gloss) and its descriptions' and duties' vectors.
struct Glossed {
    name: String,
    kind: String,
    level: Option<Level>,
    vectors: Vec<Vec<f32>>,
    /// A rung's duties' vectors, read only by [`Glossary::rung_described`].
    duties: Vec<Vec<f32>>,
}

/// Every role's glossed things, with their vectors (empty without the model).
#[derive(Default)]
pub struct Glossary {
    things: Vec<Glossed>,
}

/// The thing a question describes, and how close the closest description came.
#[derive(Debug, Clone, PartialEq)]
pub struct Described<'a> {
    pub name: &'a str,
    pub closeness: f32,
}

impl Glossary {
    /// Embeds every description of every role's glosses (from the cache where unchanged).
    pub fn of(catalog: &Catalog, search: &SearchIndex) -> Result<Glossary> {
        let glosses: Vec<_> = catalog.roles.iter().flat_map(|r| &r.glosses).collect();
        let texts: Vec<&str> = glosses
            .iter()
            .flat_map(|g| g.says.iter().chain(&g.duties).map(String::as_str))
            .collect();
        let Some(vectors) = search.embed_content(&texts)? else {
            return Ok(Glossary::default());
        };
        let mut vectors = vectors.into_iter();
        let things = glosses
            .iter()
            .map(|gloss| Glossed {
                name: gloss.name.clone(),
                kind: gloss.kind.clone(),
                level: level_titled(catalog, &gloss.name),
                vectors: vectors.by_ref().take(gloss.says.len()).collect(),
                duties: vectors.by_ref().take(gloss.duties.len()).collect(),
            })
            .collect();
        Ok(Glossary { things })
    }

    /// The thing closest to `question` by one of its descriptions, whatever its closeness.
    pub fn closest(&self, question: &[f32]) -> Option<Described<'_>> {
        self.closest_of(question, |_| true)
    }

    /// The role among `roles` (as words, lowercased: "security engineer") whose description
    /// comes closest to `question`, when `at_least` that close ([`MOVE_DESCRIBED`] or
    /// [`MOVE_DESCRIBED_OVER_WORDS`]): the move a question about moving on describes by the
    /// other job's work.
    pub fn move_described(
        &self,
        question: &[f32],
        roles: &[String],
        at_least: f32,
    ) -> Option<Described<'_>> {
        let among_roles = |thing: &Glossed| {
            let name = thing.name.to_lowercase().replace('-', " ");
            thing.kind == "role" && roles.contains(&name)
        };
        self.closest_of(question, among_roles)
            .filter(|d| d.closeness >= at_least)
    }

    /// The rung whose descriptions come closest to one of `readings` (a question whole and its
    /// clauses), when `at_least` that close and [`RUNG_MARGIN`] closer than any other level's:
    /// the level a question describes by its duties.
    pub fn rung_described(&self, readings: &[Vec<f32>], at_least: f32) -> Option<Level> {
        let closest = self.rungs_by_closeness(readings);
        let runner_up = closest.get(1).map_or(f32::MIN, |(_, closeness)| *closeness);
        let (level, closeness) = *closest.first()?;
        (closeness >= at_least && closeness - runner_up >= RUNG_MARGIN).then_some(level)
    }

    /// Each level a rung's gloss names, with its closeness to the closest of `readings`: the
    /// mean of its [`RUNG_DESCRIPTIONS_AVERAGED`] closest descriptions and duties. Closest first.
    /// "which level is it where you stop coding, run the team and sit in on hiring?" is heard
    /// whole as the senior rung (it runs complex projects), and clause by clause as the lead.
    pub fn rungs_by_closeness(&self, readings: &[Vec<f32>]) -> Vec<(Level, f32)> {
        let mut descriptions: Vec<(Level, Vec<&Vec<f32>>)> = Vec::new();
        for thing in &self.things {
            let Some(level) = thing.level else { continue };
            let vectors = thing.vectors.iter().chain(&thing.duties);
            match descriptions.iter_mut().find(|(l, _)| *l == level) {
                Some((_, kept)) => kept.extend(vectors),
                None => descriptions.push((level, vectors.collect())),
            }
        }
        let mut closest: Vec<(Level, f32)> = (descriptions.into_iter())
            .map(|(level, vectors)| {
                let closeness = (readings.iter())
                    .map(|reading| mean_of_closest(&vectors, reading))
                    .fold(f32::MIN, f32::max);
                (level, closeness)
            })
            .collect();
        closest.sort_by(|a, b| b.1.total_cmp(&a.1));
        closest
    }

    fn closest_of(
        &self,
        question: &[f32],
        keep: impl Fn(&Glossed) -> bool,
    ) -> Option<Described<'_>> {
        self.things
            .iter()
            .filter(|thing| keep(thing))
            .map(|thing| Described {
                name: &thing.name,
                closeness: closeness(&thing.vectors, question),
            })
            .max_by(|a, b| a.closeness.total_cmp(&b.closeness))
    }

    /// The name of the thing `question` (its vector and its text) describes without naming it.
    pub fn described(&self, vector: &[f32], text: &str) -> Option<&str> {
        self.closest(vector)?.unnamed_in(text)
    }
}

/// The closeness of `question` to the closest of `vectors` (`f32::MIN` for none).
fn closeness<'v>(vectors: impl IntoIterator<Item = &'v Vec<f32>>, question: &[f32]) -> f32 {
    (vectors.into_iter())
        .map(|v| cosine(question, v))
        .fold(f32::MIN, f32::max)
}

/// The mean closeness of `question` to the [`RUNG_DESCRIPTIONS_AVERAGED`] closest of `vectors`.
fn mean_of_closest(vectors: &[&Vec<f32>], question: &[f32]) -> f32 {
    let mut closeness: Vec<f32> = vectors.iter().map(|v| cosine(question, v)).collect();
    closeness.sort_by(|a, b| b.total_cmp(a));
    closeness.truncate(RUNG_DESCRIPTIONS_AVERAGED);
    closeness.iter().sum::<f32>() / closeness.len().max(1) as f32
}

/// The level of the rung a ladder titles `name`: exactly ("Backend Engineer" is the path
/// guide's 2–5 year rung), or else within a longer title ("Principal Engineer" in "Principal
/// Engineer or Engineering Manager"). None for a name no rung's title holds.
fn level_titled(catalog: &Catalog, name: &str) -> Option<Level> {
    let name = name.to_lowercase();
    let steps = || {
        (catalog.roles.iter())
            .flat_map(|role| &role.guides)
            .flat_map(|guide| &guide.ladder)
    };
    let titled = |exact: bool| {
        steps().find(|step| {
            let title = step.title.to_lowercase();
            if exact {
                title == name
            } else {
                title.contains(&name)
            }
        })
    };
    let step = titled(true).or_else(|| titled(false))?;
    step.levels.first().copied()
}

impl<'a> Described<'a> {
    /// Its name, when it is close enough to be described and `text` does not already name it.
    pub fn unnamed_in(&self, text: &str) -> Option<&'a str> {
        let named = text.to_lowercase().contains(&self.name.to_lowercase());
        (self.closeness >= DESCRIBED && !named).then_some(self.name)
    }
}

//! Choosing the questions of a session from the bank: filtered by kind and difficulty, never
//! repeated within a session, weighted towards what the user has not seen, their weak topics and
//! the questions whose rubric points they missed (spaced repetition), and drawn with an injected
//! random source so a seed reproduces a session exactly.
//!
//! Weight of a candidate question (explainable, and shown as the reason in the question embed):
//!
//! ```text
//! base   = 4                                  never seen
//!        = 0.1 + 2.9 × share of points missed seen (last attempt; a skip misses them all)
//!          × 0.25 if seen less than REVIEW_AFTER ago (too fresh to review)
//! topic  = 1 + 1.5 × (1 − average score of the kind / 100)   kind with history
//!        = 1.5                                               kind never practised
//! weight = base × topic
//! ```
//!
//! The draw is weighted sampling without replacement (Efraimidis–Spirakis: each candidate gets
//! the key u^(1/weight) for a uniform u, the highest keys win), which keeps every candidate
//! possible while favouring the heavy ones.

use std::collections::HashMap;

use rand::Rng;

use crate::content::model::{Difficulty, QuestionFile, QuestionKind};
use crate::store::TurnRecord;

/// A seen question is due for review after this long.
pub const REVIEW_AFTER: i64 = 12 * 60 * 60;

/// What the user did with one question, last time.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionHistory {
    pub attempts: usize,
    pub last_at: i64,
    /// Share of rubric points missed on the last attempt (1.0 for a skip).
    pub last_missed_share: f64,
    /// The rubric points missed on the last attempt, by their text.
    pub last_missed: Vec<String>,
}

/// A user's practice history, as question choice needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub questions: HashMap<String, QuestionHistory>,
    /// Average score per kind (skipped questions count as 0).
    pub kind_average: HashMap<QuestionKind, f64>,
}

impl History {
    /// Builds the history from turns, oldest first.
    pub fn from_turns(turns: &[TurnRecord]) -> History {
        let mut history = History::default();
        let mut kind_scores: HashMap<QuestionKind, Vec<f64>> = HashMap::new();
        for turn in turns {
            let points = turn.covered.len() + turn.missed.len();
            let missed_share = if points == 0 {
                1.0
            } else {
                turn.missed.len() as f64 / points as f64
            };
            let entry =
                history
                    .questions
                    .entry(turn.question_id.clone())
                    .or_insert(QuestionHistory {
                        attempts: 0,
                        last_at: turn.at,
                        last_missed_share: missed_share,
                        last_missed: Vec::new(),
                    });
            entry.attempts += 1;
            if turn.at >= entry.last_at {
                entry.last_at = turn.at;
                entry.last_missed_share = missed_share;
                entry.last_missed = turn.missed.clone();
            }
            if let Some(kind) = QuestionKind::parse(&turn.kind) {
                kind_scores
                    .entry(kind)
                    .or_default()
                    .push(f64::from(turn.score.unwrap_or(0)));
            }
        }
        history.kind_average = kind_scores
            .into_iter()
            .map(|(kind, scores)| (kind, scores.iter().sum::<f64>() / scores.len() as f64))
            .collect();
        history
    }

    /// Kinds with history, weakest first (ties by the kind's order, for determinism).
    pub fn weak_kinds(&self) -> Vec<(QuestionKind, f64)> {
        let mut kinds: Vec<(QuestionKind, f64)> =
            self.kind_average.iter().map(|(k, a)| (*k, *a)).collect();
        kinds.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        kinds
    }
}

/// Why a question carries its weight (shown to the user).
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    New,
    /// Seen before; these points were missed last time.
    Review {
        missed: Vec<String>,
    },
    /// Seen before and answered well, or too recently to review.
    Seen,
}

/// The weight of one question for this user now, and why.
pub fn weight(question: &QuestionFile, history: &History, now: i64) -> (f64, Why) {
    let (base, why) = match history.questions.get(&question.id) {
        None => (4.0, Why::New),
        Some(seen) => {
            let mut base = 0.1 + 2.9 * seen.last_missed_share;
            let fresh = now - seen.last_at < REVIEW_AFTER;
            if fresh {
                base *= 0.25;
            }
            let why = if !fresh && !seen.last_missed.is_empty() {
                Why::Review {
                    missed: seen.last_missed.clone(),
                }
            } else {
                Why::Seen
            };
            (base, why)
        }
    };
    let topic = match history.kind_average.get(&question.kind) {
        Some(average) => 1.0 + 1.5 * (1.0 - average.clamp(0.0, 100.0) / 100.0),
        None => 1.5,
    };
    (base * topic, why)
}

/// The bank questions that fit the filters, in bank order.
pub fn candidates(
    bank: &[QuestionFile],
    kind: Option<QuestionKind>,
    difficulty: Option<Difficulty>,
) -> Vec<&QuestionFile> {
    bank.iter()
        .filter(|q| kind.is_none_or(|k| q.kind == k))
        .filter(|q| difficulty.is_none_or(|d| q.difficulty == d))
        .collect()
}

/// Draws up to `count` distinct question ids from `candidates`, skipping `exclude`.
pub fn choose(
    candidates: &[&QuestionFile],
    exclude: &[String],
    history: &History,
    now: i64,
    count: usize,
    rng: &mut impl Rng,
) -> Vec<String> {
    let mut keyed: Vec<(f64, usize)> = Vec::with_capacity(candidates.len());
    for (index, question) in candidates.iter().enumerate() {
        if exclude.contains(&question.id) {
            continue;
        }
        let (weight, _) = weight(question, history, now);
        // Drawn for every candidate, in bank order, so the sequence depends only on the seed.
        let u: f64 = rng.random_range(f64::MIN_POSITIVE..1.0);
        keyed.push((u.powf(1.0 / weight.max(1e-6)), index));
    }
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<String> = Vec::with_capacity(count);
    for (_, index) in keyed {
        let id = &candidates[index].id;
        if chosen.len() == count {
            break;
        }
        // The bank's ids are unique (checked on load); guard anyway so a plan never repeats.
        if !chosen.contains(id) {
            chosen.push(id.clone());
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::testing::catalog;
    use crate::store::TurnOutcome;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn bank() -> &'static [QuestionFile] {
        &catalog().roles[0].bank.as_ref().unwrap().questions
    }

    fn turn(question: &QuestionFile, score: u8, covered: usize, at: i64) -> TurnRecord {
        let names: Vec<String> = question.points.iter().map(|p| p.point.clone()).collect();
        TurnRecord {
            session_id: 1,
            position: 0,
            question_id: question.id.clone(),
            kind: question.kind.as_str().into(),
            outcome: TurnOutcome::Answered,
            score: Some(score),
            answer: None,
            covered: names[..covered].to_vec(),
            missed: names[covered..].to_vec(),
            hints_used: 0,
            at,
        }
    }

    #[test]
    fn a_seed_reproduces_the_plan_and_a_plan_never_repeats() {
        let all = candidates(bank(), None, None);
        let history = History::default();
        let draw = |seed| choose(&all, &[], &history, 0, 10, &mut StdRng::seed_from_u64(seed));
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8), "different seeds give different plans");
        for seed in 0..50 {
            let plan = draw(seed);
            assert_eq!(plan.len(), 10);
            let mut unique = plan.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(
                unique.len(),
                10,
                "seed {seed} repeated a question: {plan:?}"
            );
        }
    }

    #[test]
    fn filters_and_exclusions_hold() {
        let coding = candidates(bank(), Some(QuestionKind::Coding), Some(Difficulty::Medium));
        assert!(!coding.is_empty());
        assert!(coding
            .iter()
            .all(|q| q.kind == QuestionKind::Coding && q.difficulty == Difficulty::Medium));
        let exclude = vec![coding[0].id.clone()];
        let plan = choose(
            &coding,
            &exclude,
            &History::default(),
            0,
            10,
            &mut StdRng::seed_from_u64(1),
        );
        assert_eq!(
            plan.len(),
            coding.len() - 1,
            "asks for more than exist: gets all the rest"
        );
        assert!(!plan.contains(&exclude[0]));
    }

    #[test]
    fn unseen_questions_are_preferred() {
        let all = candidates(bank(), None, None);
        // Everything but five questions was answered perfectly two days ago.
        let now = 10 * 86_400;
        let turns: Vec<TurnRecord> = all[5..]
            .iter()
            .map(|q| turn(q, 95, q.points.len(), now - 2 * 86_400))
            .collect();
        let history = History::from_turns(&turns);
        let unseen: Vec<&String> = all[..5].iter().map(|q| &q.id).collect();
        let mut hits = 0;
        for seed in 0..40 {
            let plan = choose(
                &all,
                &[],
                &history,
                now,
                3,
                &mut StdRng::seed_from_u64(seed),
            );
            hits += plan.iter().filter(|id| unseen.contains(id)).count();
        }
        // 5 of 57 questions: a uniform draw would give about 10 of 120 picks.
        assert!(hits >= 70, "only {hits} of 120 picks were unseen questions");
    }

    #[test]
    fn weak_topics_and_missed_points_come_back() {
        let now = 30 * 86_400;
        let security: Vec<&QuestionFile> = bank()
            .iter()
            .filter(|q| q.kind == QuestionKind::Security)
            .collect();
        let design: Vec<&QuestionFile> = bank()
            .iter()
            .filter(|q| q.kind == QuestionKind::SystemDesign)
            .collect();
        // Security went badly, system design well, both a week ago.
        let mut turns = vec![turn(security[0], 15, 1, now - 7 * 86_400)];
        turns.push(turn(
            design[0],
            90,
            design[0].points.len(),
            now - 7 * 86_400,
        ));
        let history = History::from_turns(&turns);
        assert_eq!(history.weak_kinds()[0].0, QuestionKind::Security);
        // A fresh security question outweighs a fresh system-design one…
        assert!(weight(security[1], &history, now).0 > weight(design[1], &history, now).0);
        // …the missed security question is due for review, with its missed points…
        let (review, why) = weight(security[0], &history, now);
        let Why::Review { missed } = why else {
            panic!("expected a review, got {why:?}")
        };
        assert_eq!(missed.len(), security[0].points.len() - 1);
        // …and outweighs the design question answered perfectly.
        assert!(review > weight(design[0], &history, now).0 * 3.0);
        // Too fresh to review an hour after the attempt.
        let recent = History::from_turns(&[turn(security[0], 15, 1, now - 3600)]);
        assert_eq!(weight(security[0], &recent, now).1, Why::Seen);
        // Across many seeds, security questions are drawn more than their share.
        let all = candidates(bank(), None, None);
        let mut security_picks = 0;
        for seed in 0..60 {
            let plan = choose(
                &all,
                &[],
                &history,
                now,
                5,
                &mut StdRng::seed_from_u64(seed),
            );
            security_picks += plan
                .iter()
                .filter(|id| security.iter().any(|q| &&q.id == id))
                .count();
        }
        let fair = 300.0 * security.len() as f64 / all.len() as f64;
        assert!(
            security_picks as f64 > 1.3 * fair,
            "{security_picks} security picks of 300, fair share {fair:.0}"
        );
    }
}

//! What a user's turns add up to: the summary at the end of a session (per-question scores,
//! overall score, strongest and weakest topics, what to practise next) and the practice history
//! of `/interview stats` (sessions, average score by topic over time, weakest topics, most-missed
//! rubric points). Pure functions over stored records.
//!
//! Skipped questions are kept apart from answered ones: a session's overall score counts them as
//! 0 (and says so), but topic averages, strongest and weakest topics and the most-missed points
//! are computed over answered questions only, with the skips counted beside them. Ties are broken
//! by what the user did most recently, never by the alphabet.

use std::collections::{BTreeMap, HashMap};

use crate::content::model::{QuestionFile, QuestionKind};
use crate::store::{SessionRecord, SessionStatus, TurnRecord};

/// One asked question in a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub question_id: String,
    /// The prompt, or the id when the bank no longer has the question.
    pub prompt: String,
    pub kind: Option<QuestionKind>,
    /// None when skipped.
    pub score: Option<u8>,
    pub missed: Vec<String>,
}

/// A topic and its average score.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub name: String,
    pub average: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub results: Vec<QuestionResult>,
    /// Mean over asked questions, skipped ones as 0.
    pub overall: u8,
    pub skipped: usize,
    /// Planned questions never reached (the session ended early).
    pub not_reached: usize,
    pub strongest: Option<Topic>,
    pub weakest: Option<Topic>,
    /// Missed rubric points worth practising, with the question they belong to.
    pub practise: Vec<(String, String)>,
    /// The kind to practise next, if the session had a clearly weakest kind.
    pub next_kind: Option<QuestionKind>,
}

fn find<'a>(bank: &'a [QuestionFile], id: &str) -> Option<&'a QuestionFile> {
    bank.iter().find(|q| q.id == id)
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// The summary of one session's turns.
pub fn summarize(turns: &[TurnRecord], planned: usize, bank: &[QuestionFile]) -> Summary {
    let results: Vec<QuestionResult> = turns
        .iter()
        .map(|turn| {
            let question = find(bank, &turn.question_id);
            QuestionResult {
                question_id: turn.question_id.clone(),
                prompt: question.map_or_else(|| turn.question_id.clone(), |q| q.prompt.clone()),
                kind: question
                    .map(|q| q.kind)
                    .or_else(|| QuestionKind::parse(&turn.kind)),
                score: turn.score,
                missed: turn.missed.clone(),
            }
        })
        .collect();
    let scores: Vec<f64> = results
        .iter()
        .map(|r| f64::from(r.score.unwrap_or(0)))
        .collect();
    let overall = mean(&scores).round() as u8;
    let skipped = results.iter().filter(|r| r.score.is_none()).count();

    // Topics are the question kinds, over answered questions; a one-kind session compares its
    // answered questions instead.
    let mut by_kind: BTreeMap<QuestionKind, Vec<f64>> = BTreeMap::new();
    for result in &results {
        if let (Some(kind), Some(score)) = (result.kind, result.score) {
            by_kind.entry(kind).or_default().push(f64::from(score));
        }
    }
    let mut topics: Vec<Topic> = if by_kind.len() >= 2 {
        by_kind
            .iter()
            .map(|(kind, scores)| Topic {
                name: kind.label().to_string(),
                average: mean(scores),
            })
            .collect()
    } else {
        results
            .iter()
            .filter_map(|r| {
                Some(Topic {
                    name: r.prompt.clone(),
                    average: f64::from(r.score?),
                })
            })
            .collect()
    };
    // Stable sort keeps the session order among equal averages.
    topics.sort_by(|a, b| b.average.total_cmp(&a.average));
    // With one topic there is nothing to compare.
    let (strongest, weakest) = if topics.len() >= 2 {
        (topics.first().cloned(), topics.last().cloned())
    } else {
        (None, None)
    };
    // The weakest kind; among equals, the one asked last in the session.
    let last_asked = |kind: QuestionKind| results.iter().rposition(|r| r.kind == Some(kind));
    let next_kind = if by_kind.len() >= 2 {
        by_kind
            .iter()
            .min_by(|a, b| {
                mean(a.1)
                    .total_cmp(&mean(b.1))
                    .then_with(|| last_asked(*b.0).cmp(&last_asked(*a.0)))
            })
            .map(|(k, _)| *k)
    } else {
        by_kind
            .keys()
            .next()
            .copied()
            .or_else(|| results.iter().find_map(|r| r.kind))
    };
    // The weakest answered questions' missed points first, then what skipped questions cover;
    // equal scores keep the session order.
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|a, b| {
        let key = |i: usize| (results[i].score.is_none(), results[i].score);
        key(*a).cmp(&key(*b))
    });
    let mut practise = Vec::new();
    for index in order {
        let result = &results[index];
        for point in result.missed.iter().take(2) {
            practise.push((point.clone(), result.prompt.clone()));
        }
    }
    practise.truncate(4);
    Summary {
        overall,
        skipped,
        not_reached: planned.saturating_sub(results.len()),
        results,
        strongest,
        weakest,
        practise,
        next_kind,
    }
}

/// One topic's scores over time, over answered questions; skips are counted beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicTrend {
    pub kind: QuestionKind,
    /// Mean score of the answered questions (None when every question of it was skipped).
    pub average: Option<f64>,
    pub answers: usize,
    pub skipped: usize,
    /// Average per session with an answer of this kind, oldest first (at most the last six).
    pub by_session: Vec<u8>,
    /// When the topic was last answered, for ties.
    last_answered: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionLine {
    pub id: i64,
    pub started_at: i64,
    pub status: SessionStatus,
    pub completed: bool,
    pub questions: usize,
    /// Mean over the answered questions.
    pub average: Option<u8>,
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub sessions: usize,
    pub completed: usize,
    pub ended_early: usize,
    pub expired: usize,
    pub in_progress: usize,
    pub answered: usize,
    pub skipped: usize,
    /// Mean over answered questions.
    pub average: Option<u8>,
    pub topics: Vec<TopicTrend>,
    /// Weakest first, at most three, answered topics only.
    pub weakest: Vec<TopicTrend>,
    /// Rubric points missed most often in answered questions, with counts.
    pub missed_points: Vec<(String, usize)>,
    /// Most recent first, at most five.
    pub recent: Vec<SessionLine>,
}

/// The practice history of a user.
pub fn stats(sessions: &[SessionRecord], turns: &[TurnRecord]) -> Stats {
    let mut per_session: HashMap<i64, Vec<&TurnRecord>> = HashMap::new();
    for turn in turns {
        per_session.entry(turn.session_id).or_default().push(turn);
    }
    let answered_scores = |its: &[&TurnRecord]| -> Vec<f64> {
        its.iter().filter_map(|t| t.score.map(f64::from)).collect()
    };
    let lines: Vec<SessionLine> = sessions
        .iter()
        .map(|s| {
            let its = per_session
                .get(&s.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let scores = answered_scores(its);
            SessionLine {
                id: s.id,
                started_at: s.started_at,
                status: s.status,
                completed: its.len() >= s.plan.len(),
                questions: its.len(),
                average: (!scores.is_empty()).then(|| mean(&scores).round() as u8),
                skipped: its.iter().filter(|t| t.score.is_none()).count(),
            }
        })
        .collect();
    let count = |f: &dyn Fn(&SessionLine) -> bool| lines.iter().filter(|l| f(l)).count();

    // Per kind: answered scores grouped by session, sessions in the order they started.
    let session_order: HashMap<i64, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    #[derive(Default)]
    struct KindTurns {
        by_session: BTreeMap<usize, Vec<f64>>,
        skipped: usize,
        last_answered: i64,
    }
    let mut by_kind: BTreeMap<QuestionKind, KindTurns> = BTreeMap::new();
    for turn in turns {
        let (Some(kind), Some(order)) = (
            QuestionKind::parse(&turn.kind),
            session_order.get(&turn.session_id),
        ) else {
            continue;
        };
        let entry = by_kind.entry(kind).or_default();
        match turn.score {
            Some(score) => {
                entry
                    .by_session
                    .entry(*order)
                    .or_default()
                    .push(f64::from(score));
                entry.last_answered = entry.last_answered.max(turn.at);
            }
            None => entry.skipped += 1,
        }
    }
    let topics: Vec<TopicTrend> = by_kind
        .into_iter()
        .map(|(kind, turns)| {
            let all: Vec<f64> = turns.by_session.values().flatten().copied().collect();
            let by_session: Vec<u8> = turns
                .by_session
                .values()
                .map(|s| mean(s).round() as u8)
                .collect();
            let keep = by_session.len().saturating_sub(6);
            TopicTrend {
                kind,
                average: (!all.is_empty()).then(|| mean(&all)),
                answers: all.len(),
                skipped: turns.skipped,
                by_session: by_session[keep..].to_vec(),
                last_answered: turns.last_answered,
            }
        })
        .collect();
    // Weakest first; among equal averages, the topic whose latest session went worse, then the
    // one practised longest ago (it is due).
    let mut weakest: Vec<TopicTrend> = topics
        .iter()
        .filter(|t| t.average.is_some())
        .cloned()
        .collect();
    weakest.sort_by(|a, b| {
        a.average
            .unwrap_or(0.0)
            .total_cmp(&b.average.unwrap_or(0.0))
            .then_with(|| a.by_session.last().cmp(&b.by_session.last()))
            .then_with(|| a.last_answered.cmp(&b.last_answered))
    });
    weakest.truncate(3);

    // Missed points of answered questions; among equal counts, the most recently missed first,
    // then the order they were first missed in (the rubric's order).
    let mut missed: HashMap<&str, (usize, i64, usize)> = HashMap::new();
    let mut seen = 0;
    for turn in turns.iter().filter(|t| t.score.is_some()) {
        for point in &turn.missed {
            let entry = missed.entry(point.as_str()).or_insert_with(|| {
                seen += 1;
                (0, turn.at, seen)
            });
            entry.0 += 1;
            entry.1 = entry.1.max(turn.at);
        }
    }
    let mut ranked: Vec<(&str, (usize, i64, usize))> = missed.into_iter().collect();
    ranked.sort_by(|(_, a), (_, b)| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let missed_points: Vec<(String, usize)> = ranked
        .into_iter()
        .take(5)
        .map(|(p, (n, _, _))| (p.to_string(), n))
        .collect();

    let all_scores: Vec<f64> = turns
        .iter()
        .filter_map(|t| t.score.map(f64::from))
        .collect();
    let mut recent = lines.clone();
    recent.reverse();
    recent.truncate(5);
    Stats {
        sessions: lines.len(),
        completed: count(&|l| l.completed),
        ended_early: count(&|l| l.status == SessionStatus::Ended && !l.completed),
        expired: count(&|l| l.status == SessionStatus::Expired),
        in_progress: count(&|l| l.status == SessionStatus::Active),
        answered: turns.iter().filter(|t| t.score.is_some()).count(),
        skipped: turns.iter().filter(|t| t.score.is_none()).count(),
        average: (!all_scores.is_empty()).then(|| mean(&all_scores).round() as u8),
        topics,
        weakest,
        missed_points,
        recent,
    }
}

/// `YYYY-MM-DD` (UTC) of a Unix time, without a date library.
pub fn date(seconds: i64) -> String {
    crate::content::dates::Date::from_days(seconds.div_euclid(86_400)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::TurnOutcome;

    fn turn(
        session: i64,
        position: usize,
        kind: QuestionKind,
        score: Option<u8>,
        at: i64,
    ) -> TurnRecord {
        TurnRecord {
            session_id: session,
            position,
            question_id: format!("q-{session}-{position}"),
            kind: kind.as_str().into(),
            outcome: if score.is_some() {
                TurnOutcome::Answered
            } else {
                TurnOutcome::Skipped
            },
            score,
            answer: None,
            covered: vec![],
            missed: vec![format!("point of {}", kind.as_str())],
            hints_used: 0,
            at,
        }
    }

    fn session(id: i64, planned: usize, status: SessionStatus, at: i64) -> SessionRecord {
        SessionRecord {
            id,
            user_id: "7".into(),
            channel_id: String::new(),
            role: "backend-engineer".into(),
            kind: None,
            difficulty: None,
            plan: (0..planned).map(|i| format!("q-{id}-{i}")).collect(),
            position: planned,
            hints_shown: 0,
            status,
            started_at: at,
            last_active_at: at,
            ended_at: None,
        }
    }

    #[test]
    fn summary_counts_skips_as_zero_and_names_topics() {
        let turns = [
            turn(1, 0, QuestionKind::Security, Some(30), 10),
            turn(1, 1, QuestionKind::Databases, Some(80), 20),
            turn(1, 2, QuestionKind::Security, None, 30),
        ];
        let summary = summarize(&turns, 5, &[]);
        assert_eq!(summary.overall, 37, "(30 + 80 + 0) / 3");
        assert_eq!(summary.skipped, 1);
        assert_eq!(summary.not_reached, 2);
        assert_eq!(summary.strongest.unwrap().name, "Databases");
        assert_eq!(summary.weakest.unwrap().name, "Security");
        assert_eq!(summary.next_kind, Some(QuestionKind::Security));
        assert_eq!(summary.practise[0].0, "point of security");
    }

    #[test]
    fn stats_trend_by_topic_over_sessions() {
        let sessions = [
            session(1, 2, SessionStatus::Ended, 100),
            session(2, 2, SessionStatus::Expired, 200),
            session(3, 3, SessionStatus::Ended, 300),
        ];
        let turns = [
            turn(1, 0, QuestionKind::Coding, Some(40), 110),
            turn(1, 1, QuestionKind::Security, Some(20), 120),
            turn(2, 0, QuestionKind::Coding, Some(60), 210),
            turn(3, 0, QuestionKind::Coding, Some(80), 310),
            turn(3, 1, QuestionKind::Security, None, 320),
        ];
        let stats = stats(&sessions, &turns);
        assert_eq!(stats.sessions, 3);
        assert_eq!(
            (stats.completed, stats.ended_early, stats.expired),
            (1, 1, 1)
        );
        assert_eq!((stats.answered, stats.skipped), (4, 1));
        let coding = stats
            .topics
            .iter()
            .find(|t| t.kind == QuestionKind::Coding)
            .unwrap();
        assert_eq!(coding.by_session, [40, 60, 80]);
        assert_eq!(coding.average, Some(60.0));
        let security = stats
            .topics
            .iter()
            .find(|t| t.kind == QuestionKind::Security)
            .unwrap();
        // The skip is kept apart: security's average is its one answer, not (20 + 0) / 2.
        assert_eq!(
            (security.average, security.answers, security.skipped),
            (Some(20.0), 1, 1)
        );
        assert_eq!(security.by_session, [20]);
        assert_eq!(stats.weakest[0].kind, QuestionKind::Security);
        assert_eq!(stats.missed_points[0], ("point of coding".to_string(), 3));
        // The skipped security question's points are not "missed".
        assert_eq!(stats.missed_points[1], ("point of security".to_string(), 1));
        assert_eq!(stats.recent[0].id, 3);
        assert_eq!(
            (stats.recent[0].average, stats.recent[0].skipped),
            (Some(80), 1)
        );
        assert_eq!(
            stats.average,
            Some(50),
            "(40 + 20 + 60 + 80) / 4, the skip apart"
        );
    }

    #[test]
    fn a_topic_only_skipped_has_no_average_and_is_not_weakest() {
        let sessions = [session(1, 2, SessionStatus::Ended, 100)];
        let turns = [
            turn(1, 0, QuestionKind::Coding, Some(70), 110),
            turn(1, 1, QuestionKind::Security, None, 120),
        ];
        let stats = stats(&sessions, &turns);
        let security = stats
            .topics
            .iter()
            .find(|t| t.kind == QuestionKind::Security)
            .unwrap();
        assert_eq!((security.average, security.skipped), (None, 1));
        assert_eq!(stats.weakest.len(), 1);
        assert_eq!(stats.weakest[0].kind, QuestionKind::Coding);
        assert_eq!(stats.missed_points.len(), 1);
    }

    /// Equal averages and counts are ordered by what happened most recently, not by name: the
    /// table's topics and points are named so that the alphabet would give the other order.
    #[test]
    fn ties_follow_recency_not_the_alphabet() {
        let sessions = [
            session(1, 2, SessionStatus::Ended, 100),
            session(2, 2, SessionStatus::Ended, 200),
        ];
        let mut turns = vec![
            // Both kinds average 50; security's latest session went worse (40 against 60).
            turn(1, 0, QuestionKind::Security, Some(60), 110),
            turn(1, 1, QuestionKind::Coding, Some(40), 120),
            turn(2, 0, QuestionKind::Coding, Some(60), 210),
            turn(2, 1, QuestionKind::Security, Some(40), 220),
        ];
        turns[0].missed = vec!["zebra point".into()];
        turns[1].missed = vec!["alpha point".into()];
        turns[2].missed = vec!["alpha point".into()];
        turns[3].missed = vec!["zebra point".into()];
        let stats = stats(&sessions, &turns);
        assert_eq!(
            stats.weakest[0].kind,
            QuestionKind::Security,
            "{:?}",
            stats.weakest
        );
        // Both points missed twice; zebra most recently.
        assert_eq!(stats.missed_points[0].0, "zebra point");
        assert_eq!(stats.missed_points[1].0, "alpha point");
    }

    #[test]
    fn summary_topics_leave_skips_apart() {
        let turns = [
            turn(1, 0, QuestionKind::Security, Some(90), 10),
            turn(1, 1, QuestionKind::Databases, Some(80), 20),
            turn(1, 2, QuestionKind::Databases, None, 30),
        ];
        let summary = summarize(&turns, 3, &[]);
        assert_eq!(
            summary.overall, 57,
            "the session score still counts the skip as 0"
        );
        assert_eq!(
            summary.weakest.unwrap().average,
            80.0,
            "databases over its answer only"
        );
        assert_eq!(
            summary.practise[0].0, "point of databases",
            "answered misses first"
        );
    }

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_767_225_599), "2025-12-31");
    }
}

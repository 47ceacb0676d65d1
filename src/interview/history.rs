//! What a user's turns add up to: the summary at the end of a session (per-question scores,
//! overall score, strongest and weakest topics, what to practise next) and the practice history
//! of `/interview stats` (sessions, average score by topic over time, weakest topics, most-missed
//! rubric points). Pure functions over stored records; skipped questions count as 0 everywhere,
//! and every reply says so.

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

    // Topics are the question kinds; a one-kind session compares its questions instead.
    let mut by_kind: BTreeMap<QuestionKind, Vec<f64>> = BTreeMap::new();
    for (result, score) in results.iter().zip(&scores) {
        if let Some(kind) = result.kind {
            by_kind.entry(kind).or_default().push(*score);
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
            .zip(&scores)
            .map(|(r, s)| Topic {
                name: r.prompt.clone(),
                average: *s,
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
    let next_kind = if by_kind.len() >= 2 {
        by_kind
            .iter()
            .min_by(|a, b| mean(a.1).total_cmp(&mean(b.1)))
            .map(|(k, _)| *k)
    } else {
        by_kind.keys().next().copied()
    };
    // The weakest questions' missed points first.
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|a, b| scores[*a].total_cmp(&scores[*b]));
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

/// One topic's scores over time.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicTrend {
    pub kind: QuestionKind,
    pub average: f64,
    pub answers: usize,
    /// Average per session, oldest first (at most the last six sessions).
    pub by_session: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionLine {
    pub id: i64,
    pub started_at: i64,
    pub status: SessionStatus,
    pub completed: bool,
    pub questions: usize,
    pub average: Option<u8>,
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
    pub average: Option<u8>,
    pub topics: Vec<TopicTrend>,
    /// Weakest first, at most three.
    pub weakest: Vec<TopicTrend>,
    /// Rubric points missed most often, with counts.
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
    let score = |t: &TurnRecord| f64::from(t.score.unwrap_or(0));
    let lines: Vec<SessionLine> = sessions
        .iter()
        .map(|s| {
            let its = per_session
                .get(&s.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            let scores: Vec<f64> = its.iter().map(|t| score(t)).collect();
            SessionLine {
                id: s.id,
                started_at: s.started_at,
                status: s.status,
                completed: its.len() >= s.plan.len(),
                questions: its.len(),
                average: (!scores.is_empty()).then(|| mean(&scores).round() as u8),
            }
        })
        .collect();
    let count = |f: &dyn Fn(&SessionLine) -> bool| lines.iter().filter(|l| f(l)).count();

    // Per kind: scores grouped by session, sessions in the order they started.
    let session_order: HashMap<i64, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut by_kind: BTreeMap<QuestionKind, BTreeMap<usize, Vec<f64>>> = BTreeMap::new();
    for turn in turns {
        let (Some(kind), Some(order)) = (
            QuestionKind::parse(&turn.kind),
            session_order.get(&turn.session_id),
        ) else {
            continue;
        };
        by_kind
            .entry(kind)
            .or_default()
            .entry(*order)
            .or_default()
            .push(score(turn));
    }
    let topics: Vec<TopicTrend> = by_kind
        .into_iter()
        .map(|(kind, sessions)| {
            let all: Vec<f64> = sessions.values().flatten().copied().collect();
            let by_session: Vec<u8> = sessions.values().map(|s| mean(s).round() as u8).collect();
            let keep = by_session.len().saturating_sub(6);
            TopicTrend {
                kind,
                average: mean(&all),
                answers: all.len(),
                by_session: by_session[keep..].to_vec(),
            }
        })
        .collect();
    let mut weakest = topics.clone();
    weakest.sort_by(|a, b| a.average.total_cmp(&b.average).then(a.kind.cmp(&b.kind)));
    weakest.truncate(3);

    let mut missed: BTreeMap<&str, usize> = BTreeMap::new();
    for turn in turns {
        for point in &turn.missed {
            *missed.entry(point.as_str()).or_default() += 1;
        }
    }
    let mut missed_points: Vec<(String, usize)> = missed
        .into_iter()
        .filter(|(_, n)| *n >= 1)
        .map(|(p, n)| (p.to_string(), n))
        .collect();
    missed_points.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    missed_points.truncate(5);

    let all_scores: Vec<f64> = turns.iter().map(score).collect();
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
    // Howard Hinnant's civil-from-days.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
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
        assert_eq!(coding.average, 60.0);
        assert_eq!(stats.weakest[0].kind, QuestionKind::Security);
        assert_eq!(stats.missed_points[0], ("point of coding".to_string(), 3));
        assert_eq!(stats.recent[0].id, 3);
        assert_eq!(stats.average, Some(40));
    }

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(951_782_400), "2000-02-29");
        assert_eq!(date(1_767_225_599), "2025-12-31");
    }
}

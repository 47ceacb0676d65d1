//! Shared by the crash-safety and concurrency tests: running `careerbot exec` for a user over one
//! data dir (the clean-environment command of `support/bot.rs`), and reading interview replies
//! (text, buttons, scores, the question being asked) out of Discord's response JSON.
#![allow(dead_code)]

#[path = "../support/bot.rs"]
mod bot;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

pub use bot::careerbot;

/// The seed every test process runs with: the same question plan for the same history.
pub const SEED: &str = "42";

/// Three easy reliability questions: `questions:3` always asks exactly these, in a seeded order.
pub const START: &str = "/interview start kind:reliability difficulty:easy questions:3";

/// An answer that covers much of every question of `START`.
pub const STRONG: &str = "For health checks I would separate liveness, which only says the process is alive \
and should be restarted if not, from readiness, which checks dependencies like the database before the load balancer \
sends traffic. For observability I use logs for detailed events, metrics for counters and latency percentiles with \
alerts on dashboards, and distributed traces with spans to follow a request across services. Every outbound call \
gets a timeout, a retry with exponential backoff and jitter, and a circuit breaker, so a slow dependency cannot \
exhaust threads or the connection pool.";

/// An answer that covers little.
pub const WEAK: &str =
    "I am not sure. I would look at the logs and ask a colleague what they usually do here.";

/// One `careerbot exec --format json` for `user`, over `dir/data` (index in `dir/index`).
pub fn exec(dir: &Path, user: &str) -> Command {
    let mut command = careerbot(dir);
    command.args(["--seed", SEED, "exec", "--format", "json", "--user", user]);
    command
}

/// What one `exec` printed.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub body: Value,
    pub stderr: String,
}

impl Run {
    pub fn of(mut command: Command) -> Run {
        let output = command.output().expect("the binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        Run {
            code: output.status.code(),
            body: serde_json::from_str(stdout.trim()).unwrap_or(Value::Null),
            stderr: String::from_utf8_lossy(&output.stderr).to_string(),
        }
    }

    pub fn text(&self) -> String {
        text_of(&self.body)
    }

    /// Asserts a clean run: exit 0, a JSON reply, nothing on stderr (no locked database).
    pub fn ok(self) -> Run {
        assert_eq!(self.code, Some(0), "{}", self.stderr);
        assert!(
            self.body.is_object(),
            "no JSON reply; stderr: {}",
            self.stderr
        );
        assert!(self.stderr.trim().is_empty(), "stderr: {}", self.stderr);
        self
    }
}

pub fn line(dir: &Path, user: &str, slash: &str) -> Run {
    let mut command = exec(dir, user);
    command.arg("--").arg(slash);
    Run::of(command)
}

pub fn click(dir: &Path, user: &str, custom_id: &str) -> Run {
    let mut command = exec(dir, user);
    command.args(["--click", custom_id]);
    Run::of(command)
}

pub fn submit(dir: &Path, user: &str, custom_id: &str, answer: &str) -> Run {
    let mut command = exec(dir, user);
    command
        .args(["--submit", custom_id, "--field"])
        .arg(format!("answer={answer}"));
    Run::of(command)
}

/// Every text a user would see in an interaction response: content, embed titles,
/// descriptions and fields.
pub fn text_of(body: &Value) -> String {
    let data = &body["data"];
    let mut out = vec![data["content"].as_str().unwrap_or_default().to_string()];
    for embed in data["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.push(embed[key].as_str().unwrap_or_default().to_string());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            out.push(field["name"].as_str().unwrap_or_default().to_string());
            out.push(field["value"].as_str().unwrap_or_default().to_string());
        }
    }
    out.join("\n")
}

/// The custom ids of every button of a response.
pub fn buttons_of(body: &Value) -> Vec<String> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect()
}

/// The custom id of the `iv:<action>:…` button.
pub fn button_of(body: &Value, action: &str) -> String {
    buttons_of(body)
        .into_iter()
        .find(|id| id.starts_with(&format!("iv:{action}:")))
        .unwrap_or_else(|| panic!("no {action} button in {body}"))
}

/// `(session id, owner, position)` of an interview custom id.
pub fn parse_id(custom_id: &str) -> (i64, String, usize) {
    let parts: Vec<&str> = custom_id.split(':').collect();
    assert_eq!(parts.len(), 5, "{custom_id}");
    (
        parts[2].parse().unwrap(),
        parts[3].to_string(),
        parts[4].parse().unwrap(),
    )
}

/// The number before `/100` after `label` (`Score: `, `Overall: `).
pub fn number_after(text: &str, label: &str) -> Option<u32> {
    let at = text.find(label)? + label.len();
    let digits: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    text[at + digits.len()..]
        .starts_with("/100")
        .then(|| digits.parse().ok())
        .flatten()
}

pub fn score_of(body: &Value) -> Option<u32> {
    number_after(&text_of(body), "Score: ")
}

pub fn overall_of(body: &Value) -> Option<u32> {
    number_after(&text_of(body), "Overall: ")
}

/// The prompt of the question a response asks (the `Question N of M` embed), if any.
pub fn prompt_of(body: &Value) -> Option<String> {
    body["data"]["embeds"]
        .as_array()?
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Question "))
        })
        .and_then(|e| e["description"].as_str())
        .and_then(|d| d.lines().next())
        .map(|l| l.trim_matches('*').to_string())
}

/// `Question N of M` of the question a response asks.
pub fn heading_of(body: &Value) -> Option<String> {
    body["data"]["embeds"]
        .as_array()?
        .iter()
        .filter_map(|e| e["title"].as_str())
        .find(|t| t.starts_with("Question "))
        .map(|t| t.split(" · ").next().unwrap_or(t).to_string())
}

/// One turn as the database holds it.
#[derive(Debug, Clone)]
pub struct StoredTurn {
    pub position: usize,
    pub question_id: String,
    /// `answered` or `skipped`.
    pub outcome: String,
    pub score: Option<i64>,
    pub answer: Option<String>,
}

/// One session as the database holds it, with its turns in position order.
#[derive(Debug, Clone)]
pub struct StoredSession {
    pub id: i64,
    pub user_id: String,
    pub channel_id: String,
    pub status: String,
    pub position: usize,
    pub plan: Vec<String>,
    pub ended_at: Option<i64>,
    pub turns: Vec<StoredTurn>,
}

/// Opens the database a (possibly killed) bot left, checks it is whole and fully migrated and
/// that every session is consistent with its turns, and returns the sessions.
pub fn check_database(db: &Path) -> Vec<StoredSession> {
    let connection = rusqlite::Connection::open(db).expect("the database opens");
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let broken_keys: i64 = connection
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken_keys, 0, "turns without their session");
    let version: usize = connection
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, careerbot::store::sqlite::MIGRATIONS.len());
    let mut statement = connection
        .prepare(
            "SELECT id, user_id, channel_id, status, position, plan, ended_at \
             FROM sessions ORDER BY id",
        )
        .unwrap();
    let mut sessions: Vec<StoredSession> = statement
        .query_map([], |r| {
            let plan: String = r.get(5)?;
            Ok(StoredSession {
                id: r.get(0)?,
                user_id: r.get(1)?,
                channel_id: r.get(2)?,
                status: r.get(3)?,
                position: usize::try_from(r.get::<_, i64>(4)?)
                    .expect("a position is never negative"),
                plan: serde_json::from_str(&plan).expect("the plan is JSON"),
                ended_at: r.get(6)?,
                turns: Vec::new(),
            })
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut active = std::collections::HashSet::new();
    for session in &mut sessions {
        let mut statement = connection
            .prepare(
                "SELECT position, question_id, outcome, score, answer FROM turns \
                 WHERE session_id = ?1 ORDER BY position",
            )
            .unwrap();
        session.turns = statement
            .query_map([session.id], |r| {
                Ok(StoredTurn {
                    position: r.get::<_, i64>(0)? as usize,
                    question_id: r.get(1)?,
                    outcome: r.get(2)?,
                    score: r.get(3)?,
                    answer: r.get(4)?,
                })
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let StoredSession {
            id,
            status,
            position,
            plan,
            turns,
            ..
        } = &*session;
        let position = *position;
        let context = format!("session {id} ({status}, position {position}): {turns:?}");
        // Every recorded turn advanced the session by one, and nothing else moves it.
        assert_eq!(turns.len(), position, "{context}");
        for (n, turn) in turns.iter().enumerate() {
            assert_eq!(turn.position, n, "{context}");
            assert_eq!(Some(&turn.question_id), plan.get(n), "{context}");
            match turn.outcome.as_str() {
                "answered" => assert!(turn.score.is_some() && turn.answer.is_some(), "{context}"),
                "skipped" => assert!(turn.score.is_none() && turn.answer.is_none(), "{context}"),
                other => panic!("outcome {other}: {context}"),
            }
        }
        assert!(position <= plan.len(), "{context}");
        match status.as_str() {
            "active" => {
                assert!(position < plan.len(), "{context}");
                assert!(session.ended_at.is_none(), "{context}");
                assert!(
                    active.insert((session.user_id.clone(), session.channel_id.clone())),
                    "two active sessions for {}",
                    session.user_id
                );
            }
            "ended" | "expired" => assert!(session.ended_at.is_some(), "{context}"),
            other => panic!("status {other}: {context}"),
        }
    }
    sessions
}

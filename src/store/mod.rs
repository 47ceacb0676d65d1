//! Persistence of interview sessions and practice history behind the `Store` trait. The core
//! only talks to the trait (`Arc<dyn Store>`); `open` picks the implementation from settings:
//! the embedded SQLite file in the data dir (`sqlite`, one host) by default, or a PostgreSQL
//! server shared by many instances (`postgres`) when `store.url` / `DATABASE_URL` is set. Both
//! keep the same semantics, checked by one contract suite (`tests/store_contract.rs`).
//!
//! Operations are coarse and each is atomic: recording an answer checks that the session is still
//! active and still on the question being answered, writes the turn and advances the session in
//! one transaction. Two answers racing for the same question therefore end with exactly one
//! recorded and the other told `Recorded::AlreadyAnswered`.
//!
//! Deliveries are idempotent (`delivery`): while a command runs inside a `delivery::Scope`, the
//! first write that changes something also records the delivery's id, in the same transaction.
//! A second delivery of the same id (a transport's retry or replay, in this process or another
//! sharing the database) cannot record it again, so its change is rolled back and it gets the
//! first delivery's stored reply instead.

pub mod delivery;
pub mod postgres;
pub mod sqlite;

pub use postgres::{PoolOptions, PostgresStore};
pub use sqlite::SqliteStore;

use std::sync::Arc;

use crate::error::Result;
use crate::settings::Settings;

/// The store the settings name: PostgreSQL at `store.url` (connected and migrated), else the
/// SQLite file in the data dir.
pub fn open(settings: &Settings) -> Result<Arc<dyn Store>> {
    match &settings.store.url {
        Some(url) => Ok(Arc::new(PostgresStore::open(
            url.expose(),
            PoolOptions {
                max_connections: settings.store.max_connections,
                timeout: settings.store.timeout,
            },
        )?)),
        None => Ok(Arc::new(SqliteStore::open(
            &settings.data_dir.join("careerbot.sqlite3"),
        )?)),
    }
}

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionStatus {
    Active,
    /// Ended by the user or by answering the last question.
    Ended,
    /// Closed after the idle timeout; its turns are kept.
    Expired,
}

impl SessionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStatus::Active => "active",
            SessionStatus::Ended => "ended",
            SessionStatus::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<SessionStatus> {
        [
            SessionStatus::Active,
            SessionStatus::Ended,
            SessionStatus::Expired,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// One interview session as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub id: i64,
    pub user_id: String,
    /// The channel the session runs in ("" on the console: one session per user there).
    pub channel_id: String,
    pub role: String,
    /// The kind and difficulty the user asked for, if any (shown in summaries).
    pub kind: Option<String>,
    pub difficulty: Option<String>,
    /// Question ids in the order they are asked; chosen when the session starts.
    pub plan: Vec<String>,
    /// Index into `plan` of the question being asked.
    pub position: usize,
    /// Hints shown for the question at `position`.
    pub hints_shown: u32,
    pub status: SessionStatus,
    pub started_at: i64,
    pub last_active_at: i64,
    pub ended_at: Option<i64>,
}

impl SessionRecord {
    /// The id of the question being asked, if the session has one left.
    pub fn current_question(&self) -> Option<&str> {
        self.plan.get(self.position).map(String::as_str)
    }
}

/// What starting a session needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub user_id: String,
    pub channel_id: String,
    pub role: String,
    pub kind: Option<String>,
    pub difficulty: Option<String>,
    pub plan: Vec<String>,
    pub now: i64,
}

/// The result of trying to start a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    Started(SessionRecord),
    /// The user already has an active session in this channel; nothing was created.
    AlreadyActive(SessionRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnOutcome {
    Answered,
    Skipped,
}

impl TurnOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            TurnOutcome::Answered => "answered",
            TurnOutcome::Skipped => "skipped",
        }
    }

    fn parse(text: &str) -> Option<TurnOutcome> {
        match text {
            "answered" => Some(TurnOutcome::Answered),
            "skipped" => Some(TurnOutcome::Skipped),
            _ => None,
        }
    }
}

/// One asked question: answered with a score, or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnRecord {
    pub session_id: i64,
    pub position: usize,
    pub question_id: String,
    /// The question's kind (`system-design`, …): the topic history is grouped by.
    pub kind: String,
    pub outcome: TurnOutcome,
    /// 0-100 for an answered question, None when skipped.
    pub score: Option<u8>,
    pub answer: Option<String>,
    /// Rubric points covered and missed, by their text (robust to reordering of the bank).
    pub covered: Vec<String>,
    pub missed: Vec<String>,
    pub hints_used: u32,
    pub at: i64,
}

/// The result of recording a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// Recorded; `finished` when it was the last question (the session is now ended).
    Recorded { finished: bool },
    /// The session has moved past this question already (a double submit or a race).
    AlreadyAnswered,
    /// The session is no longer active (ended or expired).
    NotActive,
}

/// Everything the interview core needs from a database.
pub trait Store: Send + Sync {
    /// Starts a session unless the user already has an active one in the channel.
    fn create_session(&self, new: &NewSession) -> Result<Created>;
    /// The user's active session in the channel, whatever its idle time.
    fn active_session(&self, user_id: &str, channel_id: &str) -> Result<Option<SessionRecord>>;
    fn session(&self, id: i64) -> Result<Option<SessionRecord>>;
    /// Records a turn for the session's current question and advances it, atomically. Ends the
    /// session when the turn was for its last question.
    fn record_turn(&self, turn: &TurnRecord) -> Result<Recorded>;
    /// Counts one more hint shown for the question at `position`; returns how many have been
    /// shown, or None when the session is not active or not on that question.
    fn record_hint(&self, session_id: i64, position: usize, now: i64) -> Result<Option<u32>>;
    /// Marks activity (repeat, resume), so the idle timeout counts from now.
    fn touch(&self, session_id: i64, now: i64) -> Result<()>;
    /// Ends an active session; false when it was not active.
    fn end_session(&self, session_id: i64, now: i64) -> Result<bool>;
    /// Expires an active session that has been idle since `idle_since` or earlier; false when
    /// it was not active or saw activity after that (the race goes to the activity).
    fn expire_session(&self, session_id: i64, idle_since: i64, now: i64) -> Result<bool>;
    /// The turns of one session, in order.
    fn turns(&self, session_id: i64) -> Result<Vec<TurnRecord>>;
    /// Every session of a user, oldest first.
    fn user_sessions(&self, user_id: &str) -> Result<Vec<SessionRecord>>;
    /// Every turn of a user, oldest first.
    fn user_turns(&self, user_id: &str) -> Result<Vec<TurnRecord>>;
    /// How many sessions are active and have seen activity at or after `active_since` (idle
    /// ones are expired lazily, so they are left out here rather than counted as running).
    fn count_active_sessions(&self, active_since: i64) -> Result<u64>;
    /// Whether a delivery id was recorded (by a change it caused), and the reply saved for it.
    fn delivery(&self, id: &str) -> Result<Option<HandledDelivery>>;
    /// Saves the reply to a delivery recorded earlier, for its repeats.
    fn save_delivery_reply(&self, id: &str, reply: &str) -> Result<()>;
    // ---- Community features (issue 15). Plain SQL: one upsert or insert-once each.

    /// Counts one asking of a question the content does not answer (no user id is kept).
    fn record_gap(&self, guild_id: &str, question: &str, now: i64) -> Result<()>;
    /// The most asked unanswered questions of a guild (every guild with None), most asked first.
    fn gaps(&self, guild_id: Option<&str>, limit: usize) -> Result<Vec<Gap>>;
    /// Adds a staff entry; `false` (nothing changed) when the guild has one with the same key.
    fn add_staff_entry(&self, entry: &StaffEntry) -> Result<bool>;
    /// A guild's staff entries, oldest first.
    fn staff_entries(&self, guild_id: &str) -> Result<Vec<StaffEntry>>;
    /// Removes the guild's entry with this key; `false` when there was none.
    fn remove_staff_entry(&self, guild_id: &str, key: &str) -> Result<bool>;
    /// Sets (or replaces) a guild's daily question schedule.
    fn set_daily(&self, schedule: &DailySchedule) -> Result<()>;
    /// Stops a guild's daily question; `false` when none was set.
    fn remove_daily(&self, guild_id: &str) -> Result<bool>;
    /// Every guild's daily schedule.
    fn daily_schedules(&self) -> Result<Vec<DailySchedule>>;
    /// Claims the post of `day` for a guild: `true` for exactly one caller across every process
    /// sharing the store (insert-once), so the question is posted once.
    fn claim_daily_post(&self, post: &DailyPost) -> Result<bool>;
    /// Records where the day's post went (after it was sent).
    fn set_daily_post_message(&self, guild_id: &str, day: i64, message_id: &str) -> Result<()>;
    /// The post of `day` in a guild, if it was claimed.
    fn daily_post(&self, guild_id: &str, day: i64) -> Result<Option<DailyPost>>;
    /// Records a member's scored answer to a day's question; `false` when they already answered.
    fn record_daily_answer(&self, answer: &DailyAnswer) -> Result<bool>;
    /// A guild's daily answers (of one user with Some), oldest day first.
    fn daily_answers(&self, guild_id: &str, user_id: Option<&str>) -> Result<Vec<DailyAnswer>>;
    /// Joins (`true`) or leaves the guild's leaderboard; returns whether anything changed.
    fn set_leaderboard(&self, guild_id: &str, user_id: &str, joined: bool) -> Result<bool>;
    /// Who joined a guild's leaderboard.
    fn leaderboard_members(&self, guild_id: &str) -> Result<Vec<String>>;
    /// The database file, for stores that keep one (readiness checks it is still there).
    fn location(&self) -> Option<std::path::PathBuf> {
        None
    }
    /// Which database this is, for logs and readiness (never a password).
    fn describe(&self) -> String {
        match self.location() {
            Some(path) => format!("sqlite {}", path.display()),
            None => "in memory".to_string(),
        }
    }
}

/// A delivery that changed something, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandledDelivery {
    pub at: i64,
    /// The reply (serialized), once the first delivery has saved it.
    pub reply: Option<String>,
}

/// An unanswered question as counted ("" is no server: DMs and the console without `--guild`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub guild_id: String,
    /// Normalized: lowercase, single spaces, no punctuation at the ends.
    pub question: String,
    pub count: u64,
    pub first_at: i64,
    pub last_at: i64,
}

/// A question and answer a server's staff added for their server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffEntry {
    pub guild_id: String,
    /// The normalized question: what duplicates and removal compare.
    pub key: String,
    pub question: String,
    pub answer: String,
    pub added_at: i64,
}

/// When and where a guild's daily question goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailySchedule {
    pub guild_id: String,
    pub channel_id: String,
    /// Local minutes after midnight (HH*60+MM).
    pub minute: u32,
    /// The time zone as given (`UTC`, `UTC+02:00`) and its offset from UTC in minutes.
    pub timezone: String,
    pub offset_minutes: i32,
}

/// One day's post in one guild. `day` counts local days since 1970-01-01.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyPost {
    pub guild_id: String,
    pub day: i64,
    pub question_id: String,
    pub channel_id: String,
    pub message_id: Option<String>,
    pub posted_at: i64,
}

/// A member's scored answer to a day's question (the answer text is not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyAnswer {
    pub guild_id: String,
    pub day: i64,
    pub user_id: String,
    pub score: u8,
    pub at: i64,
}

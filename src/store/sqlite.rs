//! The embedded SQLite store: one file under the data dir, in WAL mode (readers never block the
//! writer, and every `careerbot exec` process can open it at once), with a busy timeout so
//! concurrent processes wait rather than fail, and versioned schema migrations tracked in
//! `PRAGMA user_version`. Every write that reads before it writes runs in an IMMEDIATE
//! transaction, which takes the write lock up front: two writers are serialised, never
//! interleaved.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use super::delivery::{self, Claim};
use super::{
    Created, DailyAnswer, DailyPost, DailySchedule, Gap, HandledDelivery, NewSession, Recorded,
    SessionRecord, SessionStatus, StaffEntry, Store, TurnOutcome, TurnRecord,
};
use crate::error::{Error, Result};

/// The schema, one step per version: step `i` takes the database from version `i` to `i + 1`.
/// Never edit a step that has shipped; add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: sessions and their turns.
    "CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        role TEXT NOT NULL,
        kind TEXT,
        difficulty TEXT,
        plan TEXT NOT NULL,
        position INTEGER NOT NULL DEFAULT 0,
        hints_shown INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('active', 'ended', 'expired')),
        started_at INTEGER NOT NULL,
        last_active_at INTEGER NOT NULL,
        ended_at INTEGER
    );
    CREATE UNIQUE INDEX sessions_one_active ON sessions (user_id, channel_id)
        WHERE status = 'active';
    CREATE INDEX sessions_by_user ON sessions (user_id, started_at);
    CREATE TABLE turns (
        session_id INTEGER NOT NULL REFERENCES sessions (id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'skipped')),
        score INTEGER CHECK (score BETWEEN 0 AND 100),
        answer TEXT,
        covered TEXT NOT NULL,
        missed TEXT NOT NULL,
        hints_used INTEGER NOT NULL DEFAULT 0,
        at INTEGER NOT NULL,
        PRIMARY KEY (session_id, position)
    );",
    // 2: deliveries that changed something, recorded with their change (idempotent repeats).
    "CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        reply TEXT
    );
    CREATE INDEX deliveries_by_time ON deliveries (at);",
    // 3: questions nobody answered, staff entries, the daily question and its leaderboard.
    "CREATE TABLE gaps (
        guild_id TEXT NOT NULL,
        question TEXT NOT NULL,
        count INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, question)
    );
    CREATE TABLE staff_entries (
        guild_id TEXT NOT NULL,
        key TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, key)
    );
    CREATE TABLE daily_schedules (
        guild_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        minute INTEGER NOT NULL,
        timezone TEXT NOT NULL,
        offset_minutes INTEGER NOT NULL
    );
    CREATE TABLE daily_posts (
        guild_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        message_id TEXT,
        posted_at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, day)
    );
    CREATE TABLE daily_answers (
        guild_id TEXT NOT NULL,
        day INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        score INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (guild_id, day, user_id)
    );
    CREATE TABLE leaderboard_members (
        guild_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        PRIMARY KEY (guild_id, user_id)
    );",
];

/// rusqlite's errors become the crate's store-neutral `Error::Store`; a busy or locked file (a
/// writer in another process held it past the busy timeout) is worth retrying.
impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        let unavailable = matches!(
            error.sqlite_error_code(),
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        );
        Error::store(unavailable, error)
    }
}

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct SqliteStore {
    connection: Mutex<Connection>,
    /// None in memory.
    path: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database file, checks it is whole (`PRAGMA quick_check`),
    /// switches it to WAL and migrates it. The folder is made 0700 and the file 0600 whatever
    /// the umask: it holds users' answers.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(format!("creating {}", parent.display()), e))?;
            private(parent, 0o700)?;
        }
        create_private_file(path)?;
        let mut connection = Connection::open(path)?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        retry_while_busy(|| check_whole(&connection, path))?;
        let mode: String =
            retry_while_busy(|| {
                Ok(connection
                    .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?)
            })?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Config(format!(
                "{} could not be switched to WAL mode (got {mode})",
                path.display()
            )));
        }
        // WAL with NORMAL sync is durable across application crashes, which is what matters here.
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        retry_while_busy(|| migrate(&mut connection, MIGRATIONS))?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
            path: Some(path.to_path_buf()),
        })
    }

    /// A private in-memory database (tests and benches).
    pub fn in_memory() -> Result<SqliteStore> {
        let mut connection = Connection::open_in_memory()?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        migrate(&mut connection, MIGRATIONS)?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
            path: None,
        })
    }

    fn with<T>(&self, work: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        // A panic while holding the lock cannot leave SQLite half-written (the transaction rolls
        // back on drop), so a poisoned lock is safe to take over.
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        work(&mut connection)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        self.with(|c| Ok(c.pragma_query_value(None, "user_version", |row| row.get(0))?))
    }

    /// The journal mode of the open database (`wal` for a file).
    pub fn journal_mode(&self) -> Result<String> {
        self.with(|c| Ok(c.pragma_query_value(None, "journal_mode", |row| row.get(0))?))
    }
}

/// Runs one step of opening again while another opener holds the file. The busy timeout does
/// not cover these steps: when two connections would deadlock (both read the file, both want to
/// write it, as in the switch to WAL or a first migration), SQLite refuses one at once rather
/// than wait. So a few processes started together (`careerbot exec` twice) each get through, in
/// turn, instead of one failing with "database is locked".
fn retry_while_busy<T>(mut step: impl FnMut() -> Result<T>) -> Result<T> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    let mut pause = Duration::from_millis(2);
    loop {
        match step() {
            Err(error) if error.is_store_unavailable() && std::time::Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            outcome => return outcome,
        }
    }
}

/// Sets `path`'s permission bits (owner only); a file we do not own is left as it is.
#[cfg(unix)]
fn private(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let current =
        std::fs::metadata(path).map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
    if current.permissions().mode() & 0o777 == mode {
        return Ok(());
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .map_err(|e| Error::io(format!("making {} private", path.display()), e))
}

#[cfg(not(unix))]
fn private(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Creates the database file 0600 before SQLite does (it would use the umask), and tightens an
/// existing one. SQLite gives the -wal and -shm files the database file's permissions.
fn create_private_file(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
    private(path, 0o600)
}

/// Refuses a database whose pages are damaged, before anyone's answer is written into it.
fn check_whole(connection: &Connection, path: &Path) -> Result<()> {
    let corrupt = |detail: String| {
        Error::Config(format!(
            "the database {} is damaged ({detail}); restore it from a backup or move it aside to start afresh",
            path.display()
        ))
    };
    // A file another opener holds is busy, not damaged: that error is the store's own, and
    // retried by the caller.
    let damaged_unless_busy = |error: rusqlite::Error| {
        let error = Error::from(error);
        if error.is_store_unavailable() {
            error
        } else {
            corrupt(error.to_string())
        }
    };
    let findings: Vec<String> = connection
        .prepare("PRAGMA quick_check")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(damaged_unless_busy)?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(());
    }
    Err(corrupt(
        findings
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join("; "),
    ))
}

/// Brings the database up to `migrations.len()`, one transaction per step, so a crash leaves it
/// at a whole version. Refuses a database written by a newer careerbot.
pub fn migrate(connection: &mut Connection, migrations: &[&str]) -> Result<u32> {
    let target = migrations.len() as u32;
    loop {
        let tx = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read inside the write lock: another process may have migrated meanwhile.
        let version: u32 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if version > target {
            return Err(Error::Config(format!(
                "the database has schema version {version}, newer than this careerbot knows ({target}); upgrade careerbot"
            )));
        }
        if version == target {
            tx.commit()?;
            return Ok(version);
        }
        tx.execute_batch(migrations[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn from_json(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

const SESSION_COLUMNS: &str = "id, user_id, channel_id, role, kind, difficulty, plan, position, \
     hints_shown, status, started_at, last_active_at, ended_at";

fn session_from_row(row: &Row) -> rusqlite::Result<SessionRecord> {
    let status: String = row.get(9)?;
    let plan: String = row.get(6)?;
    let position: i64 = row.get(7)?;
    let hints: i64 = row.get(8)?;
    Ok(SessionRecord {
        id: row.get(0)?,
        user_id: row.get(1)?,
        channel_id: row.get(2)?,
        role: row.get(3)?,
        kind: row.get(4)?,
        difficulty: row.get(5)?,
        plan: from_json(&plan),
        position: position.max(0) as usize,
        hints_shown: hints.max(0) as u32,
        status: SessionStatus::parse(&status).unwrap_or(SessionStatus::Ended),
        started_at: row.get(10)?,
        last_active_at: row.get(11)?,
        ended_at: row.get(12)?,
    })
}

const TURN_COLUMNS: &str =
    "session_id, position, question_id, kind, outcome, score, answer, covered, missed, hints_used, at";

fn turn_from_row(row: &Row) -> rusqlite::Result<TurnRecord> {
    let position: i64 = row.get(1)?;
    let outcome: String = row.get(4)?;
    let score: Option<i64> = row.get(5)?;
    let covered: String = row.get(7)?;
    let missed: String = row.get(8)?;
    let hints: i64 = row.get(9)?;
    Ok(TurnRecord {
        session_id: row.get(0)?,
        position: position.max(0) as usize,
        question_id: row.get(2)?,
        kind: row.get(3)?,
        outcome: TurnOutcome::parse(&outcome).unwrap_or(TurnOutcome::Skipped),
        score: score.map(|s| s.clamp(0, 100) as u8),
        answer: row.get(6)?,
        covered: from_json(&covered),
        missed: from_json(&missed),
        hints_used: hints.max(0) as u32,
        at: row.get(10)?,
    })
}

fn load_session(connection: &Connection, id: i64) -> rusqlite::Result<Option<SessionRecord>> {
    connection
        .query_row(
            &format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?1"),
            params![id],
            session_from_row,
        )
        .optional()
}

fn load_active(
    connection: &Connection,
    user_id: &str,
    channel_id: &str,
) -> rusqlite::Result<Option<SessionRecord>> {
    connection
        .query_row(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions \
                 WHERE user_id = ?1 AND channel_id = ?2 AND status = 'active'"
            ),
            params![user_id, channel_id],
            session_from_row,
        )
        .optional()
}

/// Records the current delivery (if any) in `tx`, the transaction of the change it caused. A
/// delivery already recorded is a repeat: the error rolls the change back.
fn claim_delivery(tx: &Connection) -> Result<()> {
    let Claim::Record {
        id,
        now,
        keep_since,
    } = delivery::claim()
    else {
        return Ok(());
    };
    tx.execute("DELETE FROM deliveries WHERE at < ?1", params![keep_since])?;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO deliveries (id, at) VALUES (?1, ?2)",
        params![id, now],
    )?;
    delivery::recorded(inserted == 1);
    if inserted == 1 {
        Ok(())
    } else {
        Err(Error::AlreadyDelivered(id))
    }
}

impl Store for SqliteStore {
    fn create_session(&self, new: &NewSession) -> Result<Created> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(existing) = load_active(&tx, &new.user_id, &new.channel_id)? {
                return Ok(Created::AlreadyActive(existing));
            }
            tx.execute(
                "INSERT INTO sessions (user_id, channel_id, role, kind, difficulty, plan, \
                 position, hints_shown, status, started_at, last_active_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 0, 'active', ?7, ?7)",
                params![
                    new.user_id,
                    new.channel_id,
                    new.role,
                    new.kind,
                    new.difficulty,
                    to_json(&new.plan),
                    new.now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let session = load_session(&tx, id)?
                .ok_or_else(|| Error::Config("a session vanished right after insert".into()))?;
            claim_delivery(&tx)?;
            tx.commit()?;
            Ok(Created::Started(session))
        })
    }

    fn active_session(&self, user_id: &str, channel_id: &str) -> Result<Option<SessionRecord>> {
        self.with(|c| Ok(load_active(c, user_id, channel_id)?))
    }

    fn session(&self, id: i64) -> Result<Option<SessionRecord>> {
        self.with(|c| Ok(load_session(c, id)?))
    }

    fn record_turn(&self, turn: &TurnRecord) -> Result<Recorded> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let Some(session) = load_session(&tx, turn.session_id)? else {
                return Ok(Recorded::NotActive);
            };
            if session.status != SessionStatus::Active {
                return Ok(Recorded::NotActive);
            }
            if session.position != turn.position {
                return Ok(Recorded::AlreadyAnswered);
            }
            tx.execute(
                &format!(
                    "INSERT INTO turns ({TURN_COLUMNS}) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                ),
                params![
                    turn.session_id,
                    turn.position as i64,
                    turn.question_id,
                    turn.kind,
                    turn.outcome.as_str(),
                    turn.score.map(i64::from),
                    turn.answer,
                    to_json(&turn.covered),
                    to_json(&turn.missed),
                    i64::from(turn.hints_used),
                    turn.at
                ],
            )?;
            let next = turn.position + 1;
            let finished = next >= session.plan.len();
            tx.execute(
                "UPDATE sessions SET position = ?2, hints_shown = 0, last_active_at = ?3, \
                 status = CASE WHEN ?4 THEN 'ended' ELSE status END, \
                 ended_at = CASE WHEN ?4 THEN ?3 ELSE ended_at END \
                 WHERE id = ?1",
                params![turn.session_id, next as i64, turn.at, finished],
            )?;
            claim_delivery(&tx)?;
            tx.commit()?;
            Ok(Recorded::Recorded { finished })
        })
    }

    fn record_hint(&self, session_id: i64, position: usize, now: i64) -> Result<Option<u32>> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = tx.execute(
                "UPDATE sessions SET hints_shown = hints_shown + 1, last_active_at = ?3 \
                 WHERE id = ?1 AND position = ?2 AND status = 'active'",
                params![session_id, position as i64, now],
            )?;
            let shown = if changed == 1 {
                claim_delivery(&tx)?;
                load_session(&tx, session_id)?.map(|s| s.hints_shown)
            } else {
                None
            };
            tx.commit()?;
            Ok(shown)
        })
    }

    fn touch(&self, session_id: i64, now: i64) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE sessions SET last_active_at = MAX(last_active_at, ?2) \
                 WHERE id = ?1 AND status = 'active'",
                params![session_id, now],
            )?;
            Ok(())
        })
    }

    fn end_session(&self, session_id: i64, now: i64) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = tx.execute(
                "UPDATE sessions SET status = 'ended', ended_at = ?2, last_active_at = ?2 \
                 WHERE id = ?1 AND status = 'active'",
                params![session_id, now],
            )?;
            if changed == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(changed == 1)
        })
    }

    fn record_gap(&self, guild_id: &str, question: &str, now: i64) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT INTO gaps (guild_id, question, count, first_at, last_at) \
                 VALUES (?1, ?2, 1, ?3, ?3) \
                 ON CONFLICT (guild_id, question) DO UPDATE SET count = count + 1, last_at = ?3",
                params![guild_id, question, now],
            )?;
            claim_delivery(&tx)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn gaps(&self, guild_id: Option<&str>, limit: usize) -> Result<Vec<Gap>> {
        self.with(|c| {
            let mut statement = c.prepare(
                "SELECT guild_id, question, count, first_at, last_at FROM gaps \
                 WHERE ?1 IS NULL OR guild_id = ?1 \
                 ORDER BY count DESC, last_at DESC, question LIMIT ?2",
            )?;
            let rows = statement.query_map(params![guild_id, limit as i64], |row| {
                Ok(Gap {
                    guild_id: row.get(0)?,
                    question: row.get(1)?,
                    count: row.get::<_, i64>(2)? as u64,
                    first_at: row.get(3)?,
                    last_at: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn add_staff_entry(&self, entry: &StaffEntry) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let inserted = tx.execute(
                "INSERT INTO staff_entries (guild_id, key, question, answer, added_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (guild_id, key) DO NOTHING",
                params![
                    entry.guild_id,
                    entry.key,
                    entry.question,
                    entry.answer,
                    entry.added_at
                ],
            )?;
            if inserted == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(inserted == 1)
        })
    }

    fn staff_entries(&self, guild_id: &str) -> Result<Vec<StaffEntry>> {
        self.with(|c| {
            let mut statement = c.prepare(
                "SELECT guild_id, key, question, answer, added_at FROM staff_entries \
                 WHERE guild_id = ?1 ORDER BY added_at, key",
            )?;
            let rows = statement.query_map(params![guild_id], |row| {
                Ok(StaffEntry {
                    guild_id: row.get(0)?,
                    key: row.get(1)?,
                    question: row.get(2)?,
                    answer: row.get(3)?,
                    added_at: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn remove_staff_entry(&self, guild_id: &str, key: &str) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let removed = tx.execute(
                "DELETE FROM staff_entries WHERE guild_id = ?1 AND key = ?2",
                params![guild_id, key],
            )?;
            if removed == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(removed == 1)
        })
    }

    fn set_daily(&self, schedule: &DailySchedule) -> Result<()> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute(
                "INSERT INTO daily_schedules (guild_id, channel_id, minute, timezone, offset_minutes) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (guild_id) DO UPDATE SET \
                 channel_id = ?2, minute = ?3, timezone = ?4, offset_minutes = ?5",
                params![
                    schedule.guild_id,
                    schedule.channel_id,
                    schedule.minute,
                    schedule.timezone,
                    schedule.offset_minutes
                ],
            )?;
            claim_delivery(&tx)?;
            tx.commit()?;
            Ok(())
        })
    }

    fn remove_daily(&self, guild_id: &str) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let removed = tx.execute(
                "DELETE FROM daily_schedules WHERE guild_id = ?1",
                params![guild_id],
            )?;
            if removed == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(removed == 1)
        })
    }

    fn daily_schedules(&self) -> Result<Vec<DailySchedule>> {
        self.with(|c| {
            let mut statement = c.prepare(
                "SELECT guild_id, channel_id, minute, timezone, offset_minutes \
                 FROM daily_schedules ORDER BY guild_id",
            )?;
            let rows = statement.query_map([], |row| {
                Ok(DailySchedule {
                    guild_id: row.get(0)?,
                    channel_id: row.get(1)?,
                    minute: row.get(2)?,
                    timezone: row.get(3)?,
                    offset_minutes: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn claim_daily_post(&self, post: &DailyPost) -> Result<bool> {
        self.with(|c| {
            let inserted = c.execute(
                "INSERT INTO daily_posts (guild_id, day, question_id, channel_id, message_id, posted_at) \
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5) ON CONFLICT (guild_id, day) DO NOTHING",
                params![
                    post.guild_id,
                    post.day,
                    post.question_id,
                    post.channel_id,
                    post.posted_at
                ],
            )?;
            Ok(inserted == 1)
        })
    }

    fn set_daily_post_message(&self, guild_id: &str, day: i64, message_id: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE daily_posts SET message_id = ?3 WHERE guild_id = ?1 AND day = ?2",
                params![guild_id, day, message_id],
            )?;
            Ok(())
        })
    }

    fn daily_post(&self, guild_id: &str, day: i64) -> Result<Option<DailyPost>> {
        self.with(|c| {
            Ok(c.query_row(
                "SELECT guild_id, day, question_id, channel_id, message_id, posted_at \
                 FROM daily_posts WHERE guild_id = ?1 AND day = ?2",
                params![guild_id, day],
                |row| {
                    Ok(DailyPost {
                        guild_id: row.get(0)?,
                        day: row.get(1)?,
                        question_id: row.get(2)?,
                        channel_id: row.get(3)?,
                        message_id: row.get(4)?,
                        posted_at: row.get(5)?,
                    })
                },
            )
            .optional()?)
        })
    }

    fn record_daily_answer(&self, answer: &DailyAnswer) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let inserted = tx.execute(
                "INSERT INTO daily_answers (guild_id, day, user_id, score, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (guild_id, day, user_id) DO NOTHING",
                params![
                    answer.guild_id,
                    answer.day,
                    answer.user_id,
                    i64::from(answer.score),
                    answer.at
                ],
            )?;
            if inserted == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(inserted == 1)
        })
    }

    fn daily_answers(&self, guild_id: &str, user_id: Option<&str>) -> Result<Vec<DailyAnswer>> {
        self.with(|c| {
            let mut statement = c.prepare(
                "SELECT guild_id, day, user_id, score, at FROM daily_answers \
                 WHERE guild_id = ?1 AND (?2 IS NULL OR user_id = ?2) ORDER BY day, user_id",
            )?;
            let rows = statement.query_map(params![guild_id, user_id], |row| {
                Ok(DailyAnswer {
                    guild_id: row.get(0)?,
                    day: row.get(1)?,
                    user_id: row.get(2)?,
                    score: row.get::<_, i64>(3)?.clamp(0, 100) as u8,
                    at: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn set_leaderboard(&self, guild_id: &str, user_id: &str, joined: bool) -> Result<bool> {
        self.with(|c| {
            let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let changed = if joined {
                tx.execute(
                    "INSERT INTO leaderboard_members (guild_id, user_id) VALUES (?1, ?2) \
                     ON CONFLICT (guild_id, user_id) DO NOTHING",
                    params![guild_id, user_id],
                )?
            } else {
                tx.execute(
                    "DELETE FROM leaderboard_members WHERE guild_id = ?1 AND user_id = ?2",
                    params![guild_id, user_id],
                )?
            };
            if changed == 1 {
                claim_delivery(&tx)?;
            }
            tx.commit()?;
            Ok(changed == 1)
        })
    }

    fn leaderboard_members(&self, guild_id: &str) -> Result<Vec<String>> {
        self.with(|c| {
            let mut statement = c.prepare(
                "SELECT user_id FROM leaderboard_members WHERE guild_id = ?1 ORDER BY user_id",
            )?;
            let rows = statement.query_map(params![guild_id], |row| row.get(0))?;
            Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
        })
    }

    fn delivery(&self, id: &str) -> Result<Option<HandledDelivery>> {
        self.with(|c| {
            Ok(c.query_row(
                "SELECT at, reply FROM deliveries WHERE id = ?1",
                params![id],
                |row| {
                    Ok(HandledDelivery {
                        at: row.get(0)?,
                        reply: row.get(1)?,
                    })
                },
            )
            .optional()?)
        })
    }

    fn location(&self) -> Option<std::path::PathBuf> {
        self.path.clone()
    }

    fn save_delivery_reply(&self, id: &str, reply: &str) -> Result<()> {
        self.with(|c| {
            c.execute(
                "UPDATE deliveries SET reply = ?2 WHERE id = ?1",
                params![id, reply],
            )?;
            Ok(())
        })
    }

    fn expire_session(&self, session_id: i64, idle_since: i64, now: i64) -> Result<bool> {
        self.with(|c| {
            let changed = c.execute(
                "UPDATE sessions SET status = 'expired', ended_at = ?3 \
                 WHERE id = ?1 AND status = 'active' AND last_active_at <= ?2",
                params![session_id, idle_since, now],
            )?;
            Ok(changed == 1)
        })
    }

    fn count_active_sessions(&self, active_since: i64) -> Result<u64> {
        self.with(|c| {
            let count: i64 = c.query_row(
                "SELECT COUNT(*) FROM sessions WHERE status = 'active' AND last_active_at >= ?1",
                params![active_since],
                |row| row.get(0),
            )?;
            Ok(count.max(0) as u64)
        })
    }

    fn turns(&self, session_id: i64) -> Result<Vec<TurnRecord>> {
        self.with(|c| {
            let mut statement = c.prepare(&format!(
                "SELECT {TURN_COLUMNS} FROM turns WHERE session_id = ?1 ORDER BY position"
            ))?;
            let rows = statement.query_map(params![session_id], turn_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn user_sessions(&self, user_id: &str) -> Result<Vec<SessionRecord>> {
        self.with(|c| {
            let mut statement = c.prepare(&format!(
                "SELECT {SESSION_COLUMNS} FROM sessions WHERE user_id = ?1 ORDER BY started_at, id"
            ))?;
            let rows = statement.query_map(params![user_id], session_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    fn user_turns(&self, user_id: &str) -> Result<Vec<TurnRecord>> {
        self.with(|c| {
            let columns = TURN_COLUMNS
                .split(", ")
                .map(|column| format!("t.{column}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut statement = c.prepare(&format!(
                "SELECT {columns} FROM turns t JOIN sessions s ON s.id = t.session_id \
                 WHERE s.user_id = ?1 ORDER BY t.at, t.session_id, t.position"
            ))?;
            let rows = statement.query_map(params![user_id], turn_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};

    fn new_session(user: &str, plan: &[&str], now: i64) -> NewSession {
        NewSession {
            user_id: user.into(),
            channel_id: String::new(),
            role: "backend-engineer".into(),
            kind: None,
            difficulty: None,
            plan: plan.iter().map(|s| s.to_string()).collect(),
            now,
        }
    }

    fn started(store: &dyn Store, new: &NewSession) -> SessionRecord {
        match store.create_session(new).unwrap() {
            Created::Started(session) => session,
            Created::AlreadyActive(_) => panic!("a session was already active"),
        }
    }

    fn answer(session: &SessionRecord, position: usize, score: u8, at: i64) -> TurnRecord {
        TurnRecord {
            session_id: session.id,
            position,
            question_id: session.plan[position].clone(),
            kind: "databases".into(),
            outcome: TurnOutcome::Answered,
            score: Some(score),
            answer: Some(format!("answer {position}")),
            covered: vec!["a point".into()],
            missed: vec!["another point".into()],
            hints_used: 0,
            at,
        }
    }

    #[test]
    fn a_file_database_is_wal_and_fully_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/careerbot.sqlite3");
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.journal_mode().unwrap().to_lowercase(), "wal");
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as u32);
        drop(store);
        // Opening again is a no-op migration and keeps the data.
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as u32);
    }

    #[test]
    fn migrations_run_step_by_step_and_refuse_a_newer_database() {
        let mut connection = Connection::open_in_memory().unwrap();
        let steps = [
            "CREATE TABLE a (x INTEGER);",
            "ALTER TABLE a ADD COLUMN y TEXT;",
        ];
        assert_eq!(migrate(&mut connection, &steps[..1]).unwrap(), 1);
        connection
            .execute("INSERT INTO a (x) VALUES (1)", [])
            .unwrap();
        assert_eq!(migrate(&mut connection, &steps).unwrap(), 2);
        let y: Option<String> = connection
            .query_row("SELECT y FROM a WHERE x = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(y, None, "old rows survive the new step");
        let error = migrate(&mut connection, &steps[..1]).unwrap_err();
        assert!(error.to_string().contains("newer"), "{error}");
        // A failing step leaves the database at the last whole version.
        let broken = [
            "CREATE TABLE a (x INTEGER);",
            "ALTER TABLE a ADD COLUMN y TEXT;",
            "NOT SQL",
        ];
        assert!(migrate(&mut connection, &broken).is_err());
        let version: u32 = connection
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
    }

    #[test]
    fn active_sessions_are_counted_while_recently_used() {
        let store = SqliteStore::in_memory().unwrap();
        assert_eq!(store.count_active_sessions(0).unwrap(), 0);
        let old = started(&store, &new_session("1", &["q1"], 100));
        started(&store, &new_session("2", &["q1"], 200));
        let ended = started(&store, &new_session("3", &["q1"], 300));
        assert!(store.end_session(ended.id, 301).unwrap());
        assert_eq!(
            store.count_active_sessions(0).unwrap(),
            2,
            "ended ones are not"
        );
        assert_eq!(
            store.count_active_sessions(150).unwrap(),
            1,
            "idle since before the cut-off are not"
        );
        store.touch(old.id, 400).unwrap();
        assert_eq!(
            store.count_active_sessions(150).unwrap(),
            2,
            "activity counts"
        );
    }

    #[test]
    fn one_active_session_per_user_and_channel() {
        let store = SqliteStore::in_memory().unwrap();
        let first = started(&store, &new_session("7", &["q1", "q2"], 100));
        match store
            .create_session(&new_session("7", &["q3"], 101))
            .unwrap()
        {
            Created::AlreadyActive(existing) => assert_eq!(existing.id, first.id),
            Created::Started(_) => panic!("two active sessions"),
        }
        // Another channel, or another user, is independent.
        let mut elsewhere = new_session("7", &["q3"], 102);
        elsewhere.channel_id = "chan".into();
        started(&store, &elsewhere);
        started(&store, &new_session("8", &["q3"], 103));
        assert!(store.end_session(first.id, 110).unwrap());
        assert!(!store.end_session(first.id, 111).unwrap(), "ends once");
        started(&store, &new_session("7", &["q4"], 112));
        assert_eq!(store.user_sessions("7").unwrap().len(), 3);
    }

    #[test]
    fn turns_advance_the_session_and_the_last_one_ends_it() {
        let store = SqliteStore::in_memory().unwrap();
        let session = started(&store, &new_session("7", &["q1", "q2"], 100));
        assert_eq!(store.record_hint(session.id, 0, 101).unwrap(), Some(1));
        assert_eq!(store.record_hint(session.id, 0, 102).unwrap(), Some(2));
        assert_eq!(store.record_hint(session.id, 1, 102).unwrap(), None);
        assert_eq!(
            store.record_turn(&answer(&session, 0, 70, 110)).unwrap(),
            Recorded::Recorded { finished: false }
        );
        let now = store.session(session.id).unwrap().unwrap();
        assert_eq!(
            (now.position, now.hints_shown, now.last_active_at),
            (1, 0, 110)
        );
        assert_eq!(
            store.record_turn(&answer(&session, 0, 10, 111)).unwrap(),
            Recorded::AlreadyAnswered
        );
        assert_eq!(
            store.record_turn(&answer(&session, 1, 40, 120)).unwrap(),
            Recorded::Recorded { finished: true }
        );
        let now = store.session(session.id).unwrap().unwrap();
        assert_eq!(now.status, SessionStatus::Ended);
        assert_eq!(now.ended_at, Some(120));
        let turns = store.turns(session.id).unwrap();
        assert_eq!(
            turns.iter().map(|t| t.score).collect::<Vec<_>>(),
            [Some(70), Some(40)]
        );
        assert_eq!(turns[0].covered, ["a point"]);
        assert_eq!(store.user_turns("7").unwrap().len(), 2);
        assert!(store.user_turns("8").unwrap().is_empty());
    }

    #[test]
    fn expiry_keeps_history_and_loses_to_recent_activity() {
        let store = SqliteStore::in_memory().unwrap();
        let session = started(&store, &new_session("7", &["q1", "q2"], 100));
        store.record_turn(&answer(&session, 0, 55, 200)).unwrap();
        // Activity at 200 is after the idle cut-off of 150: not expired.
        assert!(!store.expire_session(session.id, 150, 300).unwrap());
        assert!(store.expire_session(session.id, 250, 300).unwrap());
        let now = store.session(session.id).unwrap().unwrap();
        assert_eq!(now.status, SessionStatus::Expired);
        assert_eq!(
            store.record_turn(&answer(&session, 1, 90, 301)).unwrap(),
            Recorded::NotActive
        );
        assert_eq!(store.turns(session.id).unwrap().len(), 1, "history kept");
        assert!(store.active_session("7", "").unwrap().is_none());
    }

    /// Two processes (two connections to one file) answer the same question at the same moment:
    /// exactly one answer is recorded, the other is told the question was already answered.
    #[test]
    fn concurrent_answers_record_exactly_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("careerbot.sqlite3");
        let setup = SqliteStore::open(&path).unwrap();
        let session = started(&setup, &new_session("7", &["q1", "q2", "q3"], 100));
        for round in 0..5 {
            let barrier = Arc::new(Barrier::new(2));
            let handles: Vec<_> = (0..2)
                .map(|n| {
                    let barrier = barrier.clone();
                    let path = path.clone();
                    let mut turn = answer(&session, 0, 50 + n, 200);
                    turn.position = round.min(2);
                    turn.question_id = session.plan[turn.position].clone();
                    std::thread::spawn(move || {
                        let store = SqliteStore::open(&path).unwrap();
                        barrier.wait();
                        store.record_turn(&turn).unwrap()
                    })
                })
                .collect();
            let outcomes: Vec<Recorded> = handles.into_iter().map(|h| h.join().unwrap()).collect();
            if round < 3 {
                let recorded = outcomes
                    .iter()
                    .filter(|o| matches!(o, Recorded::Recorded { .. }))
                    .count();
                assert_eq!(recorded, 1, "round {round}: {outcomes:?}");
                assert!(
                    outcomes.contains(&Recorded::AlreadyAnswered)
                        || (round == 2 && outcomes.contains(&Recorded::NotActive)),
                    "round {round}: {outcomes:?}"
                );
            } else {
                assert!(
                    outcomes.iter().all(|o| *o == Recorded::NotActive),
                    "{outcomes:?}"
                );
            }
        }
        let turns = setup.turns(session.id).unwrap();
        assert_eq!(turns.len(), 3);
        assert_eq!(
            setup.session(session.id).unwrap().unwrap().status,
            SessionStatus::Ended
        );
    }

    /// A delivery's id is recorded with the first change it causes; the same id again (another
    /// connection: another process sharing the file) cannot change anything a second time, and
    /// old records are pruned.
    #[test]
    fn a_delivery_changes_things_once_across_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("careerbot.sqlite3");
        let first = SqliteStore::open(&path).unwrap();
        let second = SqliteStore::open(&path).unwrap();
        let session = started(&first, &new_session("7", &["q1", "q2"], 100));

        let scope = delivery::Scope::enter("111", 200, 0);
        assert_eq!(first.record_hint(session.id, 0, 200).unwrap(), Some(1));
        // A second write of the same delivery is part of it, not a repeat.
        assert_eq!(first.record_hint(session.id, 0, 200).unwrap(), Some(2));
        assert_eq!(scope.finish(), delivery::Outcome::Claimed);
        first.save_delivery_reply("111", "the reply").unwrap();

        type Write<'a> = Box<dyn Fn(&SqliteStore) -> Result<()> + 'a>;
        let cases: [(&str, Write); 3] = [
            (
                "hint",
                Box::new(|s: &SqliteStore| s.record_hint(session.id, 0, 201).map(|_| ())),
            ),
            (
                "skip",
                Box::new(|s: &SqliteStore| {
                    let mut skip = answer(&session, 0, 0, 201);
                    skip.outcome = TurnOutcome::Skipped;
                    s.record_turn(&skip).map(|_| ())
                }),
            ),
            (
                "end",
                Box::new(|s: &SqliteStore| s.end_session(session.id, 201).map(|_| ())),
            ),
        ];
        for (name, write) in &cases {
            let scope = delivery::Scope::enter("111", 201, 0);
            let error = write(&second).unwrap_err();
            assert!(
                matches!(error, Error::AlreadyDelivered(_)),
                "{name}: {error}"
            );
            assert_eq!(scope.finish(), delivery::Outcome::Duplicate, "{name}");
        }
        let now = first.session(session.id).unwrap().unwrap();
        assert_eq!(
            (now.position, now.hints_shown, now.status),
            (0, 2, SessionStatus::Active),
            "nothing changed twice"
        );
        assert_eq!(
            second.delivery("111").unwrap(),
            Some(HandledDelivery {
                at: 200,
                reply: Some("the reply".into())
            })
        );

        // Outside a scope nothing is recorded; a record older than the retention is pruned by
        // the next claim.
        first.end_session(session.id, 300).unwrap();
        let other = started(&first, &new_session("8", &["q1"], 400));
        let scope = delivery::Scope::enter("222", 5000, 1000);
        first.record_hint(other.id, 0, 5000).unwrap();
        assert_eq!(scope.finish(), delivery::Outcome::Claimed);
        assert_eq!(first.delivery("111").unwrap(), None, "pruned");
        assert!(first.delivery("222").unwrap().is_some());
    }

    /// The store folder and file are private whatever the umask; damaged pages are refused at
    /// open with a clear message.
    #[test]
    fn the_database_is_private_and_checked_whole_at_open() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = data.join("careerbot.sqlite3");
        let store = SqliteStore::open(&path).unwrap();
        let session = started(&store, &new_session("7", &["q1", "q2"], 100));
        store.record_turn(&answer(&session, 0, 70, 110)).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&path), 0o600);
        drop(store);

        // Random bytes over every page after the first (the header stays readable).
        let mut bytes = std::fs::read(&path).unwrap();
        assert!(bytes.len() > 4096, "{} bytes", bytes.len());
        let mut state = 0x2545_f491_u32;
        for byte in &mut bytes[4096..] {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            *byte = state as u8;
        }
        std::fs::write(&path, &bytes).unwrap();
        let _ = std::fs::remove_file(data.join("careerbot.sqlite3-wal"));
        let _ = std::fs::remove_file(data.join("careerbot.sqlite3-shm"));
        let error = SqliteStore::open(&path).unwrap_err().to_string();
        assert!(error.contains("damaged"), "{error}");
        assert!(error.contains("backup"), "{error}");
    }

    /// The same race inside one process, through one shared store.
    #[test]
    fn concurrent_answers_through_one_store() {
        let store = Arc::new(SqliteStore::in_memory().unwrap());
        let session = started(&*store, &new_session("7", &["q1", "q2"], 100));
        let barrier = Arc::new(Barrier::new(8));
        let handles: Vec<_> = (0..8)
            .map(|n| {
                let store = store.clone();
                let barrier = barrier.clone();
                let turn = answer(&session, 0, n, 200);
                std::thread::spawn(move || {
                    barrier.wait();
                    store.record_turn(&turn).unwrap()
                })
            })
            .collect();
        let outcomes: Vec<Recorded> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == Recorded::Recorded { finished: false })
                .count(),
            1,
            "{outcomes:?}"
        );
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| **o == Recorded::AlreadyAnswered)
                .count(),
            7
        );
        assert_eq!(store.turns(session.id).unwrap().len(), 1);
    }
}

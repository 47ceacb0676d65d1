//! One contract for every `Store`: each case below is a function over a `Fixture` (a fresh
//! database that several store handles can open, as several processes or instances would), run
//! once against SQLite (a file in a temporary folder) and once against PostgreSQL (a fresh schema
//! on `DATABASE_URL`). The PostgreSQL half is skipped, with the reason printed, when no
//! `DATABASE_URL` is set, and fails under `CI=true` (see `pg_support`).
//!
//! It covers every trait method, `record_turn` atomicity under concurrent writers (threads, each
//! with its own handle), the idempotency records of deliveries, and expiry.

mod pg_support;

use std::sync::{Arc, Barrier};
use std::time::Duration;

use careerbot::error::Error;
use careerbot::store::{
    delivery, Created, DailyAnswer, DailyPost, DailySchedule, HandledDelivery, NewSession,
    PoolOptions, PostgresStore, Recorded, SessionRecord, SessionStatus, SqliteStore, StaffEntry,
    Store, TurnOutcome, TurnRecord,
};

/// A fresh, empty database; `open` gives another handle onto the same one.
trait Fixture: Sync {
    fn open(&self) -> Arc<dyn Store>;
}

struct Sqlite(tempfile::TempDir);

impl Fixture for Sqlite {
    fn open(&self) -> Arc<dyn Store> {
        Arc::new(SqliteStore::open(&self.0.path().join("careerbot.sqlite3")).unwrap())
    }
}

struct Postgres(pg_support::Schema);

impl Fixture for Postgres {
    fn open(&self) -> Arc<dyn Store> {
        let options = PoolOptions {
            max_connections: 4,
            timeout: Duration::from_secs(10),
        };
        Arc::new(PostgresStore::open(&self.0.url, options).unwrap())
    }
}

/// Each case once per store: `sqlite::NAME` and `postgres::NAME`.
macro_rules! contract {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $case() {
                    super::$case(&super::Sqlite(tempfile::tempdir().unwrap()));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $case() {
                    let name = concat!("postgres::", stringify!($case));
                    let Some(url) = super::pg_support::database_url(name) else { return };
                    let schema = super::pg_support::Schema::fresh(&url, stringify!($case));
                    super::$case(&super::Postgres(schema));
                }
            )*
        }
    };
}

contract!(
    community_tables_count_isolate_and_claim_once,
    sessions_start_once_per_user_and_channel,
    sessions_read_back_whole,
    turns_advance_the_session_and_the_last_one_ends_it,
    hints_count_for_the_current_question_only,
    touch_only_moves_activity_forward,
    expiry_keeps_history_and_loses_to_recent_activity,
    active_sessions_are_counted_while_recently_used,
    deliveries_change_things_once_across_handles,
    a_repeated_start_creates_nothing,
    old_deliveries_are_pruned,
    concurrent_answers_to_one_question_record_exactly_one,
    concurrent_starts_make_one_session,
    concurrent_users_lose_no_turn,
    twin_deliveries_at_once_change_state_once,
    unusual_text_is_stored_without_failing,
);

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
        Created::AlreadyActive(s) => panic!("a session was already active: {s:?}"),
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
        covered: vec!["a point".into(), "a second point".into()],
        missed: vec!["another point".into()],
        hints_used: 1,
        at,
    }
}

fn sessions_start_once_per_user_and_channel(fx: &dyn Fixture) {
    let store = fx.open();
    let first = started(&*store, &new_session("7", &["q1", "q2"], 100));
    match store
        .create_session(&new_session("7", &["q3"], 101))
        .unwrap()
    {
        Created::AlreadyActive(existing) => assert_eq!(existing, first),
        Created::Started(s) => panic!("two active sessions: {s:?}"),
    }
    // Another channel, or another user, is independent.
    let mut elsewhere = new_session("7", &["q3"], 102);
    elsewhere.channel_id = "chan".into();
    let other_channel = started(&*store, &elsewhere);
    started(&*store, &new_session("8", &["q3"], 103));
    assert_eq!(store.active_session("7", "").unwrap(), Some(first.clone()));
    assert_eq!(
        store.active_session("7", "chan").unwrap(),
        Some(other_channel)
    );
    assert_eq!(store.active_session("9", "").unwrap(), None);
    assert!(store.end_session(first.id, 110).unwrap());
    assert!(!store.end_session(first.id, 111).unwrap(), "ends once");
    assert!(!store.end_session(999_999, 111).unwrap(), "unknown id");
    assert_eq!(store.active_session("7", "").unwrap(), None);
    let again = started(&*store, &new_session("7", &["q4"], 112));
    assert_ne!(again.id, first.id);
    let ids: Vec<i64> = store
        .user_sessions("7")
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(ids[0], first.id, "oldest first");
    assert_eq!(ids[2], again.id);
    let ended = store.session(first.id).unwrap().unwrap();
    assert_eq!(
        (ended.status, ended.ended_at, ended.last_active_at),
        (SessionStatus::Ended, Some(110), 110)
    );
}

fn sessions_read_back_whole(fx: &dyn Fixture) {
    let store = fx.open();
    let new = NewSession {
        user_id: "123456789012345678".into(),
        channel_id: "876543210987654321".into(),
        role: "site-reliability-engineer".into(),
        kind: Some("system-design".into()),
        difficulty: Some("hard".into()),
        plan: vec!["a".into(), "b".into(), "c".into()],
        now: 1_700_000_000,
    };
    let session = started(&*store, &new);
    let expected = SessionRecord {
        id: session.id,
        user_id: new.user_id.clone(),
        channel_id: new.channel_id.clone(),
        role: new.role.clone(),
        kind: new.kind.clone(),
        difficulty: new.difficulty.clone(),
        plan: new.plan.clone(),
        position: 0,
        hints_shown: 0,
        status: SessionStatus::Active,
        started_at: new.now,
        last_active_at: new.now,
        ended_at: None,
    };
    assert_eq!(session, expected);
    assert_eq!(store.session(session.id).unwrap(), Some(expected.clone()));
    assert_eq!(
        fx.open().session(session.id).unwrap(),
        Some(expected),
        "another handle reads the same"
    );
    assert_eq!(store.session(0).unwrap(), None);
    assert_eq!(store.session(-5).unwrap(), None);
    assert!(store.turns(session.id).unwrap().is_empty());
    assert!(store.user_turns("nobody").unwrap().is_empty());
    assert!(store.user_sessions("nobody").unwrap().is_empty());
}

fn turns_advance_the_session_and_the_last_one_ends_it(fx: &dyn Fixture) {
    let store = fx.open();
    let session = started(&*store, &new_session("7", &["q1", "q2", "q3"], 100));
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
        Recorded::AlreadyAnswered,
        "the same question again"
    );
    assert_eq!(
        store.record_turn(&answer(&session, 2, 10, 111)).unwrap(),
        Recorded::AlreadyAnswered,
        "a question not yet asked"
    );
    let mut skip = answer(&session, 1, 0, 120);
    skip.outcome = TurnOutcome::Skipped;
    skip.score = None;
    skip.answer = None;
    skip.covered.clear();
    skip.missed.clear();
    skip.hints_used = 0;
    assert_eq!(
        store.record_turn(&skip).unwrap(),
        Recorded::Recorded { finished: false }
    );
    assert_eq!(
        store.record_turn(&answer(&session, 2, 40, 130)).unwrap(),
        Recorded::Recorded { finished: true }
    );
    let now = store.session(session.id).unwrap().unwrap();
    assert_eq!(now.status, SessionStatus::Ended);
    assert_eq!(now.ended_at, Some(130));
    assert_eq!(
        store.record_turn(&answer(&session, 2, 40, 131)).unwrap(),
        Recorded::NotActive
    );
    let mut unknown = answer(&session, 0, 40, 131);
    unknown.session_id = 999_999;
    assert_eq!(store.record_turn(&unknown).unwrap(), Recorded::NotActive);

    let turns = store.turns(session.id).unwrap();
    assert_eq!(
        turns,
        vec![
            answer(&session, 0, 70, 110),
            skip,
            answer(&session, 2, 40, 130)
        ]
    );
    // A second session of the same user, and another user's: user_turns is per user, by time.
    let second = started(&*store, &new_session("7", &["q9"], 90));
    store.record_turn(&answer(&second, 0, 99, 105)).unwrap();
    let other = started(&*store, &new_session("8", &["q1"], 100));
    store.record_turn(&answer(&other, 0, 50, 100)).unwrap();
    let mine: Vec<(i64, i64)> = store
        .user_turns("7")
        .unwrap()
        .iter()
        .map(|t| (t.session_id, t.at))
        .collect();
    assert_eq!(
        mine,
        vec![
            (second.id, 105),
            (session.id, 110),
            (session.id, 120),
            (session.id, 130)
        ]
    );
    assert_eq!(store.user_turns("8").unwrap().len(), 1);
}

fn hints_count_for_the_current_question_only(fx: &dyn Fixture) {
    let store = fx.open();
    let session = started(&*store, &new_session("7", &["q1", "q2"], 100));
    assert_eq!(store.record_hint(session.id, 0, 101).unwrap(), Some(1));
    assert_eq!(store.record_hint(session.id, 0, 102).unwrap(), Some(2));
    assert_eq!(store.record_hint(session.id, 1, 103).unwrap(), None);
    assert_eq!(store.record_hint(999_999, 0, 103).unwrap(), None);
    let now = store.session(session.id).unwrap().unwrap();
    assert_eq!((now.hints_shown, now.last_active_at), (2, 102));
    store.record_turn(&answer(&session, 0, 70, 110)).unwrap();
    assert_eq!(
        store.session(session.id).unwrap().unwrap().hints_shown,
        0,
        "hints reset with the next question"
    );
    assert_eq!(store.record_hint(session.id, 1, 111).unwrap(), Some(1));
    assert!(store.end_session(session.id, 112).unwrap());
    assert_eq!(store.record_hint(session.id, 1, 113).unwrap(), None);
}

fn touch_only_moves_activity_forward(fx: &dyn Fixture) {
    let store = fx.open();
    let session = started(&*store, &new_session("7", &["q1"], 100));
    store.touch(session.id, 200).unwrap();
    assert_eq!(
        store.session(session.id).unwrap().unwrap().last_active_at,
        200
    );
    store.touch(session.id, 150).unwrap();
    assert_eq!(
        store.session(session.id).unwrap().unwrap().last_active_at,
        200,
        "never backwards"
    );
    store.touch(999_999, 300).unwrap();
    store.end_session(session.id, 250).unwrap();
    store.touch(session.id, 400).unwrap();
    assert_eq!(
        store.session(session.id).unwrap().unwrap().last_active_at,
        250,
        "an ended session is left alone"
    );
}

fn expiry_keeps_history_and_loses_to_recent_activity(fx: &dyn Fixture) {
    let store = fx.open();
    let session = started(&*store, &new_session("7", &["q1", "q2"], 100));
    store.record_turn(&answer(&session, 0, 55, 200)).unwrap();
    // Activity at 200 is after the idle cut-off of 150: not expired.
    assert!(!store.expire_session(session.id, 150, 300).unwrap());
    assert!(store.expire_session(session.id, 250, 300).unwrap());
    assert!(!store.expire_session(session.id, 250, 301).unwrap(), "once");
    let now = store.session(session.id).unwrap().unwrap();
    assert_eq!(
        (now.status, now.ended_at, now.last_active_at),
        (SessionStatus::Expired, Some(300), 200)
    );
    assert_eq!(
        store.record_turn(&answer(&session, 1, 90, 301)).unwrap(),
        Recorded::NotActive
    );
    assert!(!store.end_session(session.id, 302).unwrap());
    assert_eq!(store.turns(session.id).unwrap().len(), 1, "history kept");
    assert!(store.active_session("7", "").unwrap().is_none());
    started(&*store, &new_session("7", &["q1"], 400));
    // An ended session does not expire.
    let ended = started(&*store, &new_session("8", &["q1"], 100));
    store.end_session(ended.id, 110).unwrap();
    assert!(!store.expire_session(ended.id, 1000, 1000).unwrap());
    assert_eq!(
        store.session(ended.id).unwrap().unwrap().status,
        SessionStatus::Ended
    );
}

fn active_sessions_are_counted_while_recently_used(fx: &dyn Fixture) {
    let store = fx.open();
    assert_eq!(store.count_active_sessions(0).unwrap(), 0);
    let old = started(&*store, &new_session("1", &["q1"], 100));
    started(&*store, &new_session("2", &["q1"], 200));
    let ended = started(&*store, &new_session("3", &["q1"], 300));
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
    assert_eq!(
        fx.open().count_active_sessions(150).unwrap(),
        2,
        "every handle counts the shared database"
    );
}

/// A delivery's id is recorded with the first change it causes; the same id again (another
/// handle: another process or instance) cannot change anything a second time.
fn deliveries_change_things_once_across_handles(fx: &dyn Fixture) {
    let first = fx.open();
    let second = fx.open();
    let session = started(&*first, &new_session("7", &["q1", "q2"], 100));
    assert_eq!(first.delivery("111").unwrap(), None);

    let scope = delivery::Scope::enter("111", 200, 0);
    assert_eq!(first.record_hint(session.id, 0, 200).unwrap(), Some(1));
    // A second write of the same delivery is part of it, not a repeat.
    assert_eq!(first.record_hint(session.id, 0, 200).unwrap(), Some(2));
    assert_eq!(scope.finish(), delivery::Outcome::Claimed);
    assert_eq!(
        second.delivery("111").unwrap(),
        Some(HandledDelivery {
            at: 200,
            reply: None
        }),
        "recorded before its reply is saved"
    );
    first.save_delivery_reply("111", "the reply").unwrap();

    type Write<'a> = Box<dyn Fn(&dyn Store) -> careerbot::error::Result<()> + 'a>;
    let cases: [(&str, Write); 4] = [
        (
            "hint",
            Box::new(|s: &dyn Store| s.record_hint(session.id, 0, 201).map(|_| ())),
        ),
        (
            "answer",
            Box::new(|s: &dyn Store| s.record_turn(&answer(&session, 0, 10, 201)).map(|_| ())),
        ),
        (
            "end",
            Box::new(|s: &dyn Store| s.end_session(session.id, 201).map(|_| ())),
        ),
        (
            "start elsewhere",
            Box::new(|s: &dyn Store| {
                s.create_session(&new_session("9", &["q1"], 201))
                    .map(|_| ())
            }),
        ),
    ];
    for (name, write) in &cases {
        let scope = delivery::Scope::enter("111", 201, 0);
        let error = write(&*second).unwrap_err();
        assert!(
            matches!(error, Error::AlreadyDelivered(ref id) if id == "111"),
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
    assert!(first.turns(session.id).unwrap().is_empty());
    assert!(first.user_sessions("9").unwrap().is_empty());
    assert_eq!(
        second.delivery("111").unwrap(),
        Some(HandledDelivery {
            at: 200,
            reply: Some("the reply".into())
        })
    );

    // A scope whose command changes nothing records nothing; outside a scope nothing is recorded.
    let scope = delivery::Scope::enter("222", 300, 0);
    assert_eq!(first.record_hint(session.id, 5, 300).unwrap(), None);
    assert_eq!(scope.finish(), delivery::Outcome::Untouched);
    assert_eq!(first.delivery("222").unwrap(), None);
    first.record_hint(session.id, 0, 301).unwrap();
    assert_eq!(first.delivery("").unwrap(), None);
    // Saving a reply for a delivery never recorded changes nothing.
    first.save_delivery_reply("333", "orphan").unwrap();
    assert_eq!(first.delivery("333").unwrap(), None);
}

/// A start that is a repeat of a recorded delivery creates no session.
fn a_repeated_start_creates_nothing(fx: &dyn Fixture) {
    let store = fx.open();
    let scope = delivery::Scope::enter("start-1", 100, 0);
    let session = started(&*store, &new_session("7", &["q1"], 100));
    assert_eq!(scope.finish(), delivery::Outcome::Claimed);
    store.end_session(session.id, 110).unwrap();
    let scope = delivery::Scope::enter("start-1", 120, 0);
    let error = fx
        .open()
        .create_session(&new_session("7", &["q1"], 120))
        .unwrap_err();
    assert!(matches!(error, Error::AlreadyDelivered(_)), "{error}");
    assert_eq!(scope.finish(), delivery::Outcome::Duplicate);
    assert_eq!(store.user_sessions("7").unwrap().len(), 1);
    assert!(store.active_session("7", "").unwrap().is_none());
}

/// Records older than the scope's retention are pruned by the next claim.
fn old_deliveries_are_pruned(fx: &dyn Fixture) {
    let store = fx.open();
    let a = started(&*store, &new_session("7", &["q1"], 100));
    let b = started(&*store, &new_session("8", &["q1"], 100));
    let scope = delivery::Scope::enter("old", 200, 0);
    store.record_hint(a.id, 0, 200).unwrap();
    assert_eq!(scope.finish(), delivery::Outcome::Claimed);
    let scope = delivery::Scope::enter("new", 5000, 1000);
    store.record_hint(b.id, 0, 5000).unwrap();
    assert_eq!(scope.finish(), delivery::Outcome::Claimed);
    assert_eq!(store.delivery("old").unwrap(), None, "pruned");
    assert!(store.delivery("new").unwrap().is_some());
}

/// Eight writers (each its own handle: separate processes or instances) answer the same question
/// at the same moment, round after round: exactly one answer per question is recorded.
fn concurrent_answers_to_one_question_record_exactly_one(fx: &dyn Fixture) {
    const WRITERS: usize = 8;
    let setup = fx.open();
    let session = started(&*setup, &new_session("7", &["q1", "q2", "q3"], 100));
    let handles: Vec<Arc<dyn Store>> = (0..WRITERS).map(|_| fx.open()).collect();
    for round in 0..4 {
        let barrier = Arc::new(Barrier::new(WRITERS));
        let outcomes: Vec<Recorded> = std::thread::scope(|scope| {
            let threads: Vec<_> = handles
                .iter()
                .enumerate()
                .map(|(n, store)| {
                    let barrier = barrier.clone();
                    let position = round.min(2);
                    let turn = answer(&session, position, n as u8, 200 + round as i64);
                    scope.spawn(move || {
                        barrier.wait();
                        store.record_turn(&turn).unwrap()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let recorded = outcomes
            .iter()
            .filter(|o| matches!(o, Recorded::Recorded { .. }))
            .count();
        if round < 3 {
            assert_eq!(recorded, 1, "round {round}: {outcomes:?}");
            let expected_other = if round == 2 {
                Recorded::NotActive
            } else {
                Recorded::AlreadyAnswered
            };
            assert_eq!(
                outcomes.iter().filter(|o| **o == expected_other).count(),
                WRITERS - 1,
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
    assert_eq!(
        turns.iter().map(|t| t.position).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    assert_eq!(
        setup.session(session.id).unwrap().unwrap().status,
        SessionStatus::Ended
    );
}

/// The same user starts a session from eight handles at once: one starts it, seven are shown it.
fn concurrent_starts_make_one_session(fx: &dyn Fixture) {
    const WRITERS: usize = 8;
    let handles: Vec<Arc<dyn Store>> = (0..WRITERS).map(|_| fx.open()).collect();
    let barrier = Barrier::new(WRITERS);
    let outcomes: Vec<Created> = std::thread::scope(|scope| {
        let threads: Vec<_> = handles
            .iter()
            .enumerate()
            .map(|(n, store)| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    store
                        .create_session(&new_session("7", &["q1"], 100 + n as i64))
                        .unwrap()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let winners: Vec<&SessionRecord> = outcomes
        .iter()
        .filter_map(|o| match o {
            Created::Started(s) => Some(s),
            Created::AlreadyActive(_) => None,
        })
        .collect();
    assert_eq!(winners.len(), 1, "{outcomes:?}");
    for outcome in &outcomes {
        if let Created::AlreadyActive(existing) = outcome {
            assert_eq!(existing.id, winners[0].id);
        }
    }
    assert_eq!(handles[0].user_sessions("7").unwrap().len(), 1);
}

/// Eight users answer their own sessions at once, each through its own handle, every question:
/// every turn is recorded once, in order, nobody's writes touch anybody else's.
fn concurrent_users_lose_no_turn(fx: &dyn Fixture) {
    const USERS: usize = 8;
    const QUESTIONS: usize = 5;
    let plan: Vec<String> = (0..QUESTIONS).map(|n| format!("q{n}")).collect();
    let plan_refs: Vec<&str> = plan.iter().map(String::as_str).collect();
    let barrier = Barrier::new(USERS);
    std::thread::scope(|scope| {
        for user in 0..USERS {
            let barrier = &barrier;
            let plan_refs = &plan_refs;
            scope.spawn(move || {
                // Opened after the barrier: the handles open at once too, and a failed open
                // fails the test instead of leaving the others waiting at the barrier.
                barrier.wait();
                let store = fx.open();
                let session = started(&*store, &new_session(&format!("u{user}"), plan_refs, 100));
                for position in 0..QUESTIONS {
                    let turn = answer(&session, position, (user * 10 + position) as u8, 200);
                    let outcome = store.record_turn(&turn).unwrap();
                    assert_eq!(
                        outcome,
                        Recorded::Recorded {
                            finished: position + 1 == QUESTIONS
                        },
                        "user {user} question {position}"
                    );
                }
            });
        }
    });
    let store = fx.open();
    for user in 0..USERS {
        let turns = store.user_turns(&format!("u{user}")).unwrap();
        let scores: Vec<Option<u8>> = turns.iter().map(|t| t.score).collect();
        let expected: Vec<Option<u8>> = (0..QUESTIONS)
            .map(|p| Some((user * 10 + p) as u8))
            .collect();
        assert_eq!(scores, expected, "user {user}");
    }
    assert_eq!(store.count_active_sessions(0).unwrap(), 0, "all finished");
}

/// Eight processes open a new SQLite file at the same moment (`careerbot exec` run twice at
/// once), round after round: each opens it, none is told the database is locked or damaged.
/// SQLite refuses, rather than waits for, the second of two connections switching a file to WAL
/// or migrating it; one round in about thirty failed that way before the store retried.
#[test]
fn sqlite_files_opened_by_many_at_once_all_open() {
    const OPENERS: usize = 8;
    for round in 0..60 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("careerbot.sqlite3");
        let barrier = Barrier::new(OPENERS);
        let opened: Vec<Result<u32, String>> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..OPENERS)
                .map(|_| {
                    let (barrier, path) = (&barrier, &path);
                    scope.spawn(move || {
                        barrier.wait();
                        SqliteStore::open(path)
                            .and_then(|store| store.schema_version())
                            .map_err(|e| e.to_string())
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        let latest = careerbot::store::sqlite::MIGRATIONS.len() as u32;
        assert!(
            opened.iter().all(|o| *o == Ok(latest)),
            "round {round}: {opened:?}"
        );
    }
}

/// The same delivery arrives at two handles at once (a retry racing the original across two
/// instances): the state changes once, and the loser is told it is a repeat or finds the work
/// already done.
fn twin_deliveries_at_once_change_state_once(fx: &dyn Fixture) {
    let setup = fx.open();
    let session = started(&*setup, &new_session("7", &["q1", "q2", "q3", "q4"], 100));
    // Even rounds answer the current question, odd ones ask a hint for the next.
    for round in 0..6 {
        let id = format!("twin-{round}");
        let position = session_position(&*setup, session.id);
        let handles = [fx.open(), fx.open()];
        let barrier = Barrier::new(2);
        let outcomes: Vec<(delivery::Outcome, Result<Recorded, String>)> =
            std::thread::scope(|scope| {
                let threads: Vec<_> = handles
                    .iter()
                    .map(|store| {
                        let barrier = &barrier;
                        let id = &id;
                        let turn = answer(&session, position, 60, 300 + round);
                        scope.spawn(move || {
                            let scope = delivery::Scope::enter(id, 300 + round, 0);
                            barrier.wait();
                            let result = if round % 2 == 0 {
                                store.record_turn(&turn).map_err(|e| e.to_string())
                            } else {
                                store
                                    .record_hint(turn.session_id, position, 300 + round)
                                    .map(|_| Recorded::NotActive)
                                    .map_err(|e| e.to_string())
                            };
                            (scope.finish(), result)
                        })
                    })
                    .collect();
                threads.into_iter().map(|t| t.join().unwrap()).collect()
            });
        let claimed = outcomes
            .iter()
            .filter(|(o, _)| *o == delivery::Outcome::Claimed)
            .count();
        assert_eq!(claimed, 1, "round {round}: {outcomes:?}");
        if round % 2 == 0 {
            // The loser either lost the claim or found the question already answered.
            assert!(
                outcomes
                    .iter()
                    .any(|(o, r)| *o == delivery::Outcome::Duplicate
                        && r.as_ref().is_err_and(|e| e.contains("already handled"))
                        || *o == delivery::Outcome::Untouched
                            && *r == Ok(Recorded::AlreadyAnswered)),
                "round {round}: {outcomes:?}"
            );
        } else {
            assert_eq!(
                setup.session(session.id).unwrap().unwrap().hints_shown,
                1,
                "round {round}: one hint"
            );
        }
    }
    assert_eq!(
        setup.turns(session.id).unwrap().len(),
        3,
        "one turn per answered question"
    );
}

fn session_position(store: &dyn Store, id: i64) -> usize {
    store.session(id).unwrap().unwrap().position
}

/// Text a user may type (and Discord may carry) is stored and read back: quotes, SQL, emoji,
/// right-to-left marks, a NUL character (PostgreSQL's text cannot hold one: it is stored as
/// U+FFFD there), and a long answer.
fn unusual_text_is_stored_without_failing(fx: &dyn Fixture) {
    let store = fx.open();
    let user = "o'brien\"; DROP TABLE sessions; --";
    let session = started(&*store, &new_session(user, &["q1", "q2"], 100));
    let texts = [
        "naïve café 🚀 \u{202e}evil\u{202c} 'quoted' \"double\" \\ backslash".to_string(),
        "with a NUL \u{0} inside".to_string(),
    ];
    for (position, text) in texts.iter().enumerate() {
        let mut turn = answer(&session, position, 50, 200);
        turn.answer = Some(text.clone());
        turn.covered = vec![text.clone()];
        assert!(matches!(
            store.record_turn(&turn).unwrap(),
            Recorded::Recorded { .. }
        ));
    }
    let turns = store.user_turns(user).unwrap();
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0].answer.as_deref(), Some(texts[0].as_str()));
    assert_eq!(turns[0].covered, [texts[0].clone()]);
    let nul = turns[1].answer.as_deref().unwrap();
    assert!(
        nul == texts[1] || nul == texts[1].replace('\u{0}', "\u{fffd}"),
        "{nul:?}"
    );
    assert_eq!(turns[1].covered, [texts[1].clone()], "lists keep it (JSON)");

    let long = "x".repeat(100_000);
    let other = started(&*store, &new_session("long", &["q1"], 100));
    let mut turn = answer(&other, 0, 50, 200);
    turn.answer = Some(long.clone());
    store.record_turn(&turn).unwrap();
    assert_eq!(store.turns(other.id).unwrap()[0].answer, Some(long));
}

/// PostgreSQL only: four migrators at once on an empty schema all succeed and apply each step
/// once; a rerun changes nothing; a database from a newer careerbot is refused; and none of it
/// needs a superuser (the CI server's role is not one).
#[test]
fn postgres_migrations_race_rerun_and_need_no_superuser() {
    let Some(url) = pg_support::database_url("postgres_migrations") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "migrations");
    let options = PoolOptions {
        max_connections: 1,
        timeout: Duration::from_secs(10),
    };
    let barrier = Barrier::new(4);
    let versions: Vec<u32> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let barrier = &barrier;
                let url = &schema.url;
                scope.spawn(move || {
                    // Unwrapped after the barrier, so a failed connection cannot strand the others.
                    let store = PostgresStore::connect(url, options);
                    barrier.wait();
                    store.unwrap().migrate().unwrap()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let latest = careerbot::store::postgres::MIGRATIONS.len() as u32;
    assert_eq!(versions, vec![latest; 4]);

    let mut client = schema.client();
    let snapshot = |client: &mut ::postgres::Client| -> Vec<String> {
        let mut rows: Vec<String> = client
            .query(
                "SELECT version::text || ' ' || applied_at::text FROM careerbot_schema ORDER BY version",
                &[],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        rows.extend(
            client
                .query(
                    "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n \
                     ON n.oid = c.relnamespace WHERE n.nspname = current_schema() ORDER BY 1",
                    &[],
                )
                .unwrap()
                .iter()
                .map(|r| r.get::<_, String>(0)),
        );
        rows
    };
    let before = snapshot(&mut client);
    assert_eq!(
        before.iter().filter(|r| r.contains(' ')).count(),
        latest as usize,
        "one row per step: {before:?}"
    );
    for table in ["sessions", "turns", "deliveries"] {
        assert!(before.iter().any(|r| r == table), "{table}: {before:?}");
    }
    let store = PostgresStore::connect(&schema.url, options).unwrap();
    assert_eq!(store.migrate().unwrap(), latest);
    assert_eq!(store.schema_version().unwrap(), latest);
    assert_eq!(snapshot(&mut client), before, "a rerun changes nothing");

    let superuser: bool = client
        .query_one(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .unwrap()
        .get(0);
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(
            !superuser,
            "CI's role must not be a superuser, to prove none is needed"
        );
    } else if superuser {
        eprintln!("note: DATABASE_URL's role is a superuser; scripts/pg-test-server's is not");
    }

    client
        .execute(
            "INSERT INTO careerbot_schema (version) VALUES ($1)",
            &[&(latest as i32 + 1)],
        )
        .unwrap();
    let error = store.migrate().unwrap_err().to_string();
    assert!(error.contains("newer"), "{error}");
}

/// The community tables (issue 15): gaps counted per server, staff entries refusing duplicates,
/// the daily schedule, the daily post claimed once across handles, answers once per member and
/// day, and the opt-in leaderboard.
fn community_tables_count_isolate_and_claim_once(fx: &dyn Fixture) {
    let (first, second) = (fx.open(), fx.open());

    // Gaps: one row per server and question, counted, most asked first.
    for (guild, question, at) in [
        ("1", "kafka", 10),
        ("1", "kafka", 20),
        ("1", "rust", 15),
        ("2", "kafka", 30),
    ] {
        first.record_gap(guild, question, at).unwrap();
    }
    let gaps = second.gaps(Some("1"), 10).unwrap();
    let seen: Vec<(&str, u64, i64, i64)> = gaps
        .iter()
        .map(|g| (g.question.as_str(), g.count, g.first_at, g.last_at))
        .collect();
    assert_eq!(seen, [("kafka", 2, 10, 20), ("rust", 1, 15, 15)]);
    assert_eq!(second.gaps(None, 10).unwrap().len(), 3);

    // Staff entries: a duplicate key changes nothing; per server.
    let entry = |guild: &str, answer: &str| StaffEntry {
        guild_id: guild.into(),
        key: "what is kafka".into(),
        question: "What is Kafka?".into(),
        answer: answer.into(),
        added_at: 5,
    };
    assert!(first.add_staff_entry(&entry("1", "a log")).unwrap());
    assert!(!second.add_staff_entry(&entry("1", "other")).unwrap());
    assert!(second.add_staff_entry(&entry("2", "b")).unwrap());
    assert_eq!(first.staff_entries("1").unwrap()[0].answer, "a log");
    assert!(first.remove_staff_entry("1", "what is kafka").unwrap());
    assert!(!first.remove_staff_entry("1", "what is kafka").unwrap());
    assert_eq!(first.staff_entries("2").unwrap().len(), 1);

    // The daily post: exactly one claim per server and day across connections.
    let post = DailyPost {
        guild_id: "1".into(),
        day: 20_454,
        question_id: "q".into(),
        channel_id: "9".into(),
        message_id: None,
        posted_at: 1,
    };
    let claims = std::thread::scope(|scope| {
        let a = scope.spawn(|| first.claim_daily_post(&post).unwrap());
        let b = scope.spawn(|| second.claim_daily_post(&post).unwrap());
        [a.join().unwrap(), b.join().unwrap()]
    });
    assert_eq!(claims.iter().filter(|c| **c).count(), 1, "{claims:?}");
    first.set_daily_post_message("1", 20_454, "77").unwrap();
    assert_eq!(
        second
            .daily_post("1", 20_454)
            .unwrap()
            .unwrap()
            .message_id
            .as_deref(),
        Some("77")
    );

    // Answers: once per member and day; the leaderboard is opt-in.
    let answer = DailyAnswer {
        guild_id: "1".into(),
        day: 20_454,
        user_id: "u".into(),
        score: 80,
        at: 2,
    };
    assert!(first.record_daily_answer(&answer).unwrap());
    assert!(!second
        .record_daily_answer(&DailyAnswer {
            score: 10,
            ..answer.clone()
        })
        .unwrap());
    assert_eq!(first.daily_answers("1", Some("u")).unwrap()[0].score, 80);
    assert!(first.set_leaderboard("1", "u", true).unwrap());
    assert!(!first.set_leaderboard("1", "u", true).unwrap());
    assert_eq!(second.leaderboard_members("1").unwrap(), ["u"]);
    assert!(second.set_leaderboard("1", "u", false).unwrap());
    assert!(first.leaderboard_members("1").unwrap().is_empty());

    // The schedule: set, replaced, listed, removed once.
    let schedule = |channel: &str, minute| DailySchedule {
        guild_id: "1".into(),
        channel_id: channel.into(),
        minute,
        timezone: "UTC+02:00".into(),
        offset_minutes: 120,
    };
    first.set_daily(&schedule("9", 540)).unwrap();
    second.set_daily(&schedule("10", 600)).unwrap();
    assert_eq!(first.daily_schedules().unwrap(), [schedule("10", 600)]);
    assert!(first.remove_daily("1").unwrap());
    assert!(!second.remove_daily("1").unwrap());
    assert!(second.daily_schedules().unwrap().is_empty());
}

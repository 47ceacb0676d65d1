//! Interview benchmarks: scoring an answer against its rubric (short, typical, long, off-topic
//! and gibberish answers to every question in the real bank), and the session store's writes to a
//! real SQLite file in WAL mode and, when `DATABASE_URL` names a server, to PostgreSQL over
//! loopback (starting a session; recording an answer, which is one transaction per turn with its
//! delivery id, and the write every answer waits on).
//!
//! `cargo bench --bench interview` runs criterion and then the percentile loops whose p99 figures
//! BENCHMARKS.md compares with the targets. A name filter (`-- store`) applies to both.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/measure.rs"]
mod measure;

use std::time::Duration;

use criterion::Criterion;

use careerbot::content::Catalog;
use careerbot::interview::score::ScoringBank;
use careerbot::search::SearchIndex;
use careerbot::store::{
    delivery, NewSession, PoolOptions, PostgresStore, SqliteStore, Store, TurnOutcome, TurnRecord,
};
use measure::{Percentiles, Report};

/// Answers of the lengths and kinds candidates send (the text is ours, written for the bench).
fn answers() -> Vec<String> {
    let typical = "I would start by clarifying requirements and expected load, then sketch an API \
        in front of a stateless service tier behind a load balancer. Reads go through a cache \
        such as Redis with a TTL, writes go to PostgreSQL with an index on the lookup key, and a \
        queue absorbs spikes. I would monitor latency and error rates, and scale horizontally \
        when p99 grows. The trade-off is consistency against availability during a partition.";
    vec![
        "use a cache".to_string(),
        typical.to_string(),
        // A long answer near the 4,000-character limit.
        typical.repeat(9).chars().take(3_990).collect(),
        "My favourite recipe is a lemon cake with poppy seeds and a light glaze.".to_string(),
        "asdf qwer zxcv hjkl uiop asdf qwer zxcv hjkl uiop".to_string(),
    ]
}

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut report = Report::new("interview");

    let catalog = Catalog::load(&corpus::real_content_dir()).expect("real content loads");
    let index = SearchIndex::in_memory(&catalog).expect("index");
    let bank = catalog
        .roles
        .iter()
        .find_map(|r| r.bank.as_ref())
        .expect("the real content has a question bank");
    let scoring = ScoringBank::new(index.analyzer(), &bank.questions);
    let answers = answers();
    let cases: Vec<(&str, &str)> = bank
        .questions
        .iter()
        .flat_map(|q| answers.iter().map(move |a| (q.id.as_str(), a.as_str())))
        .collect();
    let assess = |i: usize| {
        let (question, answer) = cases[i % cases.len()];
        scoring.assess(question, answer).expect("a known question")
    };

    criterion.bench_function("interview scoring", |b| {
        let mut i = 0;
        b.iter(|| {
            i += 1;
            assess(i)
        })
    });
    let name = "interview scoring, one answer (real bank)";
    if report.wants(name) {
        let p = Percentiles::measure(name, cases.len(), cases.len() * 20, assess);
        report.timing(&p, "");
    }
    let name = "scoring bank build (real bank)";
    if report.wants(name) {
        let p = Percentiles::measure(name, 5, 100, |_| {
            ScoringBank::new(index.analyzer(), &bank.questions)
        });
        report.timing(&p, "");
    }

    // The store on a file, as in production (WAL, synchronous=NORMAL).
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let sqlite = SqliteStore::open(&scratch.path().join("careerbot.sqlite3")).expect("store");
    assert_eq!(sqlite.journal_mode().expect("journal mode"), "wal");
    let plan: Vec<String> = bank
        .questions
        .iter()
        .take(10)
        .map(|q| q.id.clone())
        .collect();
    store_writes(
        &mut criterion,
        &mut report,
        &sqlite,
        "WAL file",
        &plan,
        &answers[1],
    );

    // The same writes to PostgreSQL over loopback, in a schema of their own, when DATABASE_URL
    // names a server (scripts/pg-test-server starts one).
    match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(url) => {
            let schema = format!("bench_{}", std::process::id());
            let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("DATABASE_URL");
            admin
                .batch_execute(&format!("CREATE SCHEMA {schema}"))
                .expect("create the bench schema");
            let separator = if url.contains('?') { '&' } else { '?' };
            let scoped = format!("{url}{separator}options=-c%20search_path%3D{schema}");
            let store = PostgresStore::open(&scoped, PoolOptions::default()).expect("PostgreSQL");
            store_writes(
                &mut criterion,
                &mut report,
                &store,
                "PostgreSQL, loopback",
                &plan,
                &answers[1],
            );
            drop(store);
            let _ = admin.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
        None => eprintln!("no DATABASE_URL: the PostgreSQL store rows are not measured"),
    }
    criterion.final_summary();
    report.finish();
}

/// Starting a session and recording an answer on `store` (`label` names it in the rows). Each
/// answer is the delivery of an interaction, as in production: the delivery id is recorded in
/// the same transaction.
fn store_writes(
    criterion: &mut Criterion,
    report: &mut Report,
    store: &dyn Store,
    label: &str,
    plan: &[String],
    answer: &str,
) {
    let start = |user: usize| {
        let new = NewSession {
            user_id: format!("user-{user}"),
            channel_id: "bench".into(),
            role: "backend-engineer".into(),
            kind: None,
            difficulty: None,
            plan: plan.to_vec(),
            now: user as i64,
        };
        match store.create_session(&new).expect("create") {
            careerbot::store::Created::Started(record) => record,
            careerbot::store::Created::AlreadyActive(record) => record,
        }
    };
    let turn = |session_id: i64, position: usize| TurnRecord {
        session_id,
        position,
        question_id: plan[position].clone(),
        kind: "system-design".into(),
        outcome: TurnOutcome::Answered,
        score: Some(72),
        answer: Some(answer.to_string()),
        covered: vec!["Clarifies requirements".into(), "Caches reads".into()],
        missed: vec!["Plans for failure".into()],
        hints_used: 1,
        at: position as i64,
    };
    let record = |session_id: i64, position: usize, delivery_id: usize| {
        let scope = delivery::Scope::enter(&format!("d{delivery_id}"), position as i64, 0);
        let recorded = store
            .record_turn(&turn(session_id, position))
            .expect("write");
        assert_eq!(scope.finish(), delivery::Outcome::Claimed);
        recorded
    };

    // Each sample is a new user's session answered to the end: every write is a real insert.
    let mut next_user = 0;
    let mut next_delivery = 0;
    criterion.bench_function(&format!("store: record an answer ({label})"), |b| {
        let mut session = start(999_999);
        let mut position = plan.len();
        b.iter(|| {
            if position == plan.len() {
                next_user += 1;
                session = start(1_000_000 + next_user);
                position = 0;
            }
            next_delivery += 1;
            let recorded = record(session.id, position, next_delivery);
            position += 1;
            recorded
        })
    });
    let name = format!("store: start a session ({label})");
    if report.wants(&name) {
        let p = Percentiles::measure(&name, 20, 2_000, |i| start(2_000_000 + i));
        report.timing(&p, "≤ 1 ms");
    }
    let name = format!("store: record an answer ({label})");
    if report.wants(&name) {
        let sessions: Vec<i64> = (0..400).map(|i| start(3_000_000 + i).id).collect();
        let p = Percentiles::measure(&name, 0, sessions.len() * plan.len(), |i| {
            let recorded = record(sessions[i / plan.len()], i % plan.len(), 10_000_000 + i);
            assert!(matches!(
                recorded,
                careerbot::store::Recorded::Recorded { .. }
            ));
        });
        report.timing(&p, "≤ 1 ms");
    }
}

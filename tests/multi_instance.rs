//! Several `careerbot http` instances on one PostgreSQL database, through the real binary, as
//! separate hosts would run them: each instance has its own data dir and index, and they share
//! nothing but `DATABASE_URL` (a fresh schema per test). An interview continues across instances,
//! concurrent users lose and double no turn, a SIGKILLed instance loses nothing it acknowledged,
//! the same interaction delivered to two instances at once changes state once, and a database
//! restart costs interview commands a "try again" while guidance keeps answering.
//!
//! Skipped with a printed reason without `DATABASE_URL`; failing under `CI=true` (`pg_support`).

mod interview_support;
mod pg_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};

use careerbot::adapters::http::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use interview_support::*;

/// Generous: the machine running the tests may be busy building.
const WAIT: Duration = Duration::from_secs(60);
const INTERNAL_ERROR: &str = "Something went wrong on our side";
const CHANNEL: &str = "645027906669510667";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn key() -> SigningKey {
    SigningKey::from_bytes(&[9u8; 32])
}

/// A new interaction id each time, as Discord's are.
fn next_interaction_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 % 1_000_000_000)
        .unwrap_or(0);
    (1_190_000_000_000_000_000u64 + nanos * 1000 + n).to_string()
}

fn interaction(user: &str, kind: u64, data: Value) -> Value {
    json!({
        "id": next_interaction_id(),
        "application_id": "1180000000000000000",
        "type": kind,
        "data": data,
        "guild_id": "290926798626357250",
        "channel_id": CHANNEL,
        "member": { "user": { "id": user, "username": format!("user{user}") }, "roles": [] },
        "token": "aW50ZXJhY3Rpb246MTE4MDAwMDAwMDAwMDAwMDAwMTp0ZXN0",
        "version": 1
    })
}

fn interview_command(user: &str, name: &str, options: Value) -> Value {
    interaction(
        user,
        2,
        json!({ "id": "1", "name": "interview", "type": 1,
                "options": [{ "name": name, "type": 1, "options": options }] }),
    )
}

fn start(user: &str) -> Value {
    interview_command(
        user,
        "start",
        json!([
            { "name": "kind", "type": 3, "value": "reliability" },
            { "name": "difficulty", "type": 3, "value": "easy" },
            { "name": "questions", "type": 4, "value": 3 }
        ]),
    )
}

fn answer(user: &str, text: &str) -> Value {
    interview_command(
        user,
        "answer",
        json!([{ "name": "text", "type": 3, "value": text }]),
    )
}

fn click(user: &str, custom_id: &str) -> Value {
    interaction(
        user,
        3,
        json!({ "custom_id": custom_id, "component_type": 2 }),
    )
}

fn submit(user: &str, custom_id: &str, text: &str) -> Value {
    interaction(
        user,
        5,
        json!({ "custom_id": custom_id, "components": [{ "type": 1, "components": [
            { "type": 4, "custom_id": "answer", "value": text }
        ] }] }),
    )
}

fn ask(user: &str, query: &str) -> Value {
    interaction(
        user,
        2,
        json!({ "id": "2", "name": "ask", "type": 1,
                "options": [{ "name": "query", "type": 3, "value": query }] }),
    )
}

/// The answer to a question of `START`, chosen by its prompt (strong, so scores are non-zero).
fn answer_for(prompt: &str) -> String {
    if prompt.contains("liveness") {
        "Liveness says whether the process is alive and should be restarted; readiness says whether it can \
         take traffic now, so it checks the database and the load balancer stops routing while it fails."
    } else if prompt.contains("logs, metrics and traces") {
        "Logs are structured events for one request, metrics are counters and histograms for dashboards and \
         alerts on latency percentiles, and traces follow one request across services as spans."
    } else if prompt.contains("timeout") {
        "Without a timeout a slow dependency holds threads and connections until the pool is exhausted; I \
         choose it from the p99 latency and add retries with exponential backoff, jitter and a circuit breaker."
    } else {
        panic!("a question outside kind:reliability difficulty:easy: {prompt}")
    }
    .to_string()
}

/// One signed POST /interactions over a fresh connection: the JSON answer, or why there was none
/// (the instance is gone, the connection was cut).
fn try_post(address: &str, body: &Value) -> Result<Value, String> {
    let body = body.to_string();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let signature = hex(&key()
        .sign(&[timestamp.as_bytes(), body.as_bytes()].concat())
        .to_bytes());
    let mut stream = TcpStream::connect(address).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(WAIT))
        .map_err(|e| e.to_string())?;
    write!(
        stream,
        "POST /interactions HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n{SIGNATURE_HEADER}: {signature}\r\n{TIMESTAMP_HEADER}: {timestamp}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .map_err(|e| e.to_string())?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("not HTTP: {response:?}"))?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("not a 200: {response}"));
    }
    serde_json::from_str(body).map_err(|e| format!("{e}: {response}"))
}

fn post(address: &str, body: &Value) -> Value {
    try_post(address, body).unwrap_or_else(|e| panic!("POST to {address}: {e}"))
}

/// A plain GET (the operator routes are not signed): status code and body.
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Asserts what a user must never see, and returns the reply's text.
fn checked(reply: &Value) -> String {
    let text = text_of(reply);
    assert!(!text.contains(INTERNAL_ERROR), "{text}");
    text
}

/// "Feedback · question N of 3" → N.
fn feedback_number(reply: &Value) -> Option<usize> {
    let text = text_of(reply);
    let at = text.find("Feedback · question ")? + "Feedback · question ".len();
    text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// One `careerbot http` instance: its own temporary folder (data dir, index), the shared
/// database. Killed when dropped.
struct Instance {
    child: Child,
    address: String,
    dir: tempfile::TempDir,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Instance {
    fn start(database_url: &str, extra: &[(&str, &str)]) -> Instance {
        let dir = tempfile::tempdir().unwrap();
        let mut command = careerbot(dir.path());
        command
            .args(["--seed", SEED, "http", "--listen", "127.0.0.1:0"])
            .env("DATABASE_URL", database_url)
            .env("DISCORD_PUBLIC_KEY", hex(key().verifying_key().as_bytes()))
            .env("CAREERBOT_LOG_FORMAT", "json")
            // Never defer: a deferred reply would go to Discord's REST API, not to the test.
            .env("CAREERBOT_DISCORD_DEFER_AFTER_MS", "60000")
            .envs(extra.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("careerbot http starts");
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let kept = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                kept.lock().unwrap().push(line.clone());
                let _ = sender.send(line);
            }
        });
        let deadline = Instant::now() + WAIT;
        let mut address = String::new();
        while address.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = receiver.recv_timeout(left).unwrap_or_else(|e| {
                panic!(
                    "the instance did not start ({e}): {:#?}",
                    log.lock().unwrap()
                )
            });
            if let Ok(entry) = serde_json::from_str::<Value>(&line) {
                if let Some(found) = entry["fields"]["address"].as_str() {
                    address = found.to_string();
                }
            }
        }
        Instance {
            child,
            address,
            dir,
            log,
        }
    }

    fn kill(&mut self) {
        // Child::kill is SIGKILL: no shutdown code runs.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    fn logs(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }
}

/// A session as PostgreSQL holds it: its status and its turns as (position, score).
type StoredSession = (String, Vec<(i64, Option<i64>)>);

/// A user's sessions, oldest first.
fn stored(schema: &pg_support::Schema, user: &str) -> Vec<StoredSession> {
    let mut client = schema.client();
    let sessions = client
        .query(
            "SELECT id, status FROM sessions WHERE user_id = $1 ORDER BY id",
            &[&user],
        )
        .unwrap();
    sessions
        .iter()
        .map(|row| {
            let id: i64 = row.get(0);
            let turns = client
                .query(
                    "SELECT position, score FROM turns WHERE session_id = $1 ORDER BY position",
                    &[&id],
                )
                .unwrap()
                .iter()
                .map(|t| (t.get(0), t.get(1)))
                .collect();
            (row.get(1), turns)
        })
        .collect()
}

/// Two `careerbot migrate` at once on an empty schema both succeed; then an interview moves
/// between two instances step by step (slash command, button, form), and neither instance
/// writes a database file of its own.
#[test]
fn an_interview_started_through_one_instance_continues_through_the_other() {
    let Some(url) = pg_support::database_url("an_interview_started_through_one_instance") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "continues");
    let scratch = tempfile::tempdir().unwrap();
    let migrators: Vec<Child> = (0..2)
        .map(|_| {
            careerbot(scratch.path())
                .arg("migrate")
                .env("DATABASE_URL", &schema.url)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for migrator in migrators {
        let output = migrator.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{stdout} {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout.contains(&format!(
                "database schema at version {} (postgresql ",
                careerbot::store::postgres::MIGRATIONS.len()
            )),
            "{stdout}"
        );
        assert!(!stdout.contains("careerbot@"), "no credentials: {stdout}");
    }

    let a = Instance::start(&schema.url, &[]);
    let b = Instance::start(&schema.url, &[]);
    for instance in [&a, &b] {
        let (status, body) = get(&instance.address, "/readyz");
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("postgresql"), "{body}");
    }
    let user = "700000000000000001";
    let started = post(&a.address, &start(user));
    checked(&started);
    assert_eq!(heading_of(&started).as_deref(), Some("Question 1 of 3"));
    let (session, _, _) = parse_id(&button_of(&started, "hint"));

    // Question 1 through B (slash command).
    let prompt = prompt_of(&started).unwrap();
    let first = post(&b.address, &answer(user, &answer_for(&prompt)));
    checked(&first);
    assert_eq!(feedback_number(&first), Some(1), "{}", text_of(&first));
    // Question 2: the button through A, the form through B.
    let form = post(&a.address, &click(user, &button_of(&first, "answer")));
    assert_eq!(form["type"], 9, "{form}");
    let custom_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    assert_eq!(parse_id(&custom_id).0, session);
    let second = post(
        &b.address,
        &submit(user, &custom_id, &answer_for(&prompt_of(&first).unwrap())),
    );
    checked(&second);
    assert_eq!(feedback_number(&second), Some(2), "{}", text_of(&second));
    // Question 3 through A ends it; B shows the history.
    let third = post(
        &a.address,
        &answer(user, &answer_for(&prompt_of(&second).unwrap())),
    );
    checked(&third);
    assert_eq!(feedback_number(&third), Some(3), "{}", text_of(&third));
    assert!(overall_of(&third).is_some(), "{}", text_of(&third));
    let stats = post(&b.address, &interview_command(user, "stats", json!([])));
    let shown = checked(&stats);
    assert!(shown.contains("**3 answered**, 0 skipped"), "{shown}");
    assert!(shown.contains(&format!("#{session} · ")), "{shown}");

    let sessions = stored(&schema, user);
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].0, "ended");
    assert_eq!(
        sessions[0].1.iter().map(|t| t.0).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    for instance in [&a, &b] {
        assert!(
            !instance.dir.path().join("data/careerbot.sqlite3").exists(),
            "an instance on PostgreSQL wrote an SQLite file"
        );
    }
}

/// What one user was acknowledged: question number → score shown.
type Acked = BTreeMap<usize, u32>;

/// Runs one user's interview across `addresses`, alternating instance at every step and moving
/// to the next instance when one does not answer (it is gone): resending the same answer is safe
/// (a recorded answer sent again shows its feedback, nothing is recorded twice).
fn interview_across(user: &str, addresses: &[String], offset: usize) -> Acked {
    let mut turn = offset;
    let mut send = |body: &dyn Fn() -> Value| -> Value {
        for _ in 0..(addresses.len() * 20) {
            let address = &addresses[turn % addresses.len()];
            turn += 1;
            match try_post(address, &body()) {
                Ok(reply) => return reply,
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
        panic!("user {user}: no instance answered");
    };
    let started = send(&|| start(user));
    checked(&started);
    let mut prompt = prompt_of(&started).unwrap_or_else(|| panic!("{started}"));
    let mut acked = Acked::new();
    loop {
        let text = answer_for(&prompt);
        let reply = send(&|| answer(user, &text));
        let shown = checked(&reply);
        let number = feedback_number(&reply).unwrap_or_else(|| panic!("user {user}: {shown}"));
        let score = score_of(&reply).unwrap_or_else(|| panic!("user {user}: {shown}"));
        if let Some(before) = acked.insert(number, score) {
            assert_eq!(before, score, "user {user}: question {number} scored twice");
        }
        match prompt_of(&reply) {
            Some(next) => prompt = next,
            None => {
                assert_eq!(number, 3, "user {user}: {shown}");
                return acked;
            }
        }
    }
}

/// Every acknowledged answer is in the database with the score shown, every session has its
/// three turns exactly once, and nothing else was recorded.
fn check_acknowledged(schema: &pg_support::Schema, user: &str, acked: &Acked) {
    let sessions = stored(schema, user);
    assert_eq!(sessions.len(), 1, "user {user}: {sessions:?}");
    let (status, turns) = &sessions[0];
    assert_eq!(status, "ended", "user {user}");
    assert_eq!(
        turns.iter().map(|t| t.0).collect::<Vec<_>>(),
        [0, 1, 2],
        "user {user}: one turn per question"
    );
    for (number, score) in acked {
        let stored = turns[number - 1].1;
        assert_eq!(
            stored,
            Some(i64::from(*score)),
            "user {user}: question {number} acknowledged with {score}"
        );
    }
}

/// Eight users answer at once, every step on the other instance than the last.
#[test]
fn eight_users_across_two_instances_lose_and_double_no_turn() {
    let Some(url) = pg_support::database_url("eight_users_across_two_instances") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "eight");
    let a = Instance::start(&schema.url, &[]);
    let b = Instance::start(&schema.url, &[]);
    let addresses = vec![a.address.clone(), b.address.clone()];
    let barrier = Barrier::new(8);
    let results: Vec<(String, Acked)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let barrier = &barrier;
                let addresses = &addresses;
                scope.spawn(move || {
                    let user = format!("71000000000000000{n}");
                    barrier.wait();
                    let acked = interview_across(&user, addresses, n);
                    (user, acked)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for (user, acked) in &results {
        assert_eq!(acked.len(), 3, "user {user}: {acked:?}");
        check_acknowledged(&schema, user, acked);
    }
    for instance in [&a, &b] {
        let (_, metrics) = get(&instance.address, "/metrics");
        assert!(
            metrics.contains("careerbot_errors_total{kind=\"command\"} 0"),
            "{metrics}"
        );
    }
}

/// Eight users answer across two instances; one instance is SIGKILLed mid-load. Users whose
/// request it swallowed resend to the other. Everything acknowledged before or after the kill is
/// in the database, once.
#[test]
fn kill_9_of_an_instance_mid_load_loses_nothing_acknowledged() {
    let Some(url) = pg_support::database_url("kill_9_of_an_instance") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "kill");
    let mut a = Instance::start(&schema.url, &[]);
    let b = Instance::start(&schema.url, &[]);
    let addresses = vec![a.address.clone(), b.address.clone()];
    let acknowledged = AtomicUsize::new(0);
    let barrier = Barrier::new(9);
    let results: Vec<(String, Acked)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|n| {
                let barrier = &barrier;
                let addresses = &addresses;
                let acknowledged = &acknowledged;
                scope.spawn(move || {
                    let user = format!("72000000000000000{n}");
                    barrier.wait();
                    let acked = interview_across(&user, addresses, n);
                    acknowledged.fetch_add(acked.len(), Ordering::Relaxed);
                    (user, acked)
                })
            })
            .collect();
        barrier.wait();
        // Mid-load: once requests are flowing to both instances.
        let deadline = Instant::now() + WAIT;
        loop {
            let served = a.logs().matches("\"command\":\"interview").count();
            if served >= 6 || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        a.kill();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    eprintln!(
        "killed instance A after it logged {} interview commands",
        a.logs().matches("\"command\":\"interview").count()
    );
    for (user, acked) in &results {
        check_acknowledged(&schema, user, acked);
    }
    // B kept serving: it is ready, and what A had recorded is readable through it.
    let (status, body) = get(&b.address, "/readyz");
    assert_eq!(status, 200, "{body}");
}

/// The same interaction (one id, one body) delivered to both instances at the same moment, for
/// a slash-command answer and for a form: the state changes once, and both deliveries are
/// answered with the feedback of that one change.
#[test]
fn the_same_interaction_at_two_instances_at_once_changes_state_once() {
    let Some(url) = pg_support::database_url("the_same_interaction_at_two_instances") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "twice");
    let a = Instance::start(&schema.url, &[]);
    let b = Instance::start(&schema.url, &[]);
    let user = "730000000000000001";
    let started = post(&a.address, &start(user));
    let mut prompt = prompt_of(&started).unwrap();
    let mut asking = started;
    for number in 1..=3 {
        let text = answer_for(&prompt);
        let delivery = if number == 2 {
            // The form, opened through one instance.
            let form = post(&b.address, &click(user, &button_of(&asking, "answer")));
            let custom_id = form["data"]["custom_id"].as_str().unwrap().to_string();
            submit(user, &custom_id, &text)
        } else {
            answer(user, &text)
        };
        let barrier = Barrier::new(2);
        let replies: Vec<Value> = std::thread::scope(|scope| {
            let threads: Vec<_> = [&a.address, &b.address]
                .into_iter()
                .map(|address| {
                    let barrier = &barrier;
                    let delivery = &delivery;
                    scope.spawn(move || {
                        barrier.wait();
                        post(address, delivery)
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        for reply in &replies {
            checked(reply);
            assert_eq!(
                feedback_number(reply),
                Some(number),
                "both deliveries show the one change: {}",
                text_of(reply)
            );
        }
        assert_eq!(
            score_of(&replies[0]),
            score_of(&replies[1]),
            "the repeat gets the first reply"
        );
        let turns = &stored(&schema, user)[0].1;
        assert_eq!(turns.len(), number, "question {number}: {turns:?}");
        asking = replies[0].clone();
        if let Some(next) = prompt_of(&asking) {
            prompt = next;
        }
    }
    let repeats: usize = [&a, &b]
        .iter()
        .map(|i| {
            let (_, metrics) = get(&i.address, "/metrics");
            metrics
                .lines()
                .find(|l| l.starts_with("careerbot_repeated_deliveries_total"))
                .and_then(|l| l.split_whitespace().last())
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(0.0) as usize
        })
        .sum();
    assert!(
        repeats >= 1,
        "at least one delivery was recognised as a repeat"
    );
}

/// The database stops and starts again under a running instance (a restart, a failover):
/// readiness reports 503 while it is down, guidance keeps answering, interview commands ask to
/// try again, and once it is back everything works without restarting careerbot.
#[test]
fn a_database_restart_costs_interviews_a_retry_and_nothing_else() {
    let Some(server) = pg_support::PrivateServer::start("a_database_restart") else {
        return;
    };
    let instance = Instance::start(&server.url, &[("CAREERBOT_STORE_TIMEOUT_MS", "1000")]);
    let user = "740000000000000001";
    let started = post(&instance.address, &start(user));
    let prompt = prompt_of(&started).unwrap();
    assert_eq!(get(&instance.address, "/readyz").0, 200);

    server.stop();
    let (status, body) = get(&instance.address, "/readyz");
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("database"), "{body}");
    let guidance = post(&instance.address, &ask(user, "what is a backend engineer"));
    let shown = checked(&guidance);
    assert!(shown.contains("Source"), "guidance still answers: {shown}");
    let refused = post(&instance.address, &answer(user, &answer_for(&prompt)));
    let shown = text_of(&refused);
    assert!(shown.contains("try again"), "{shown}");
    assert_eq!(refused["data"]["flags"], 64, "privately: {refused}");

    server.start_again();
    let deadline = Instant::now() + WAIT;
    while get(&instance.address, "/readyz").0 != 200 {
        assert!(
            Instant::now() < deadline,
            "not ready again after the database came back: {}",
            instance.logs()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let recorded = post(&instance.address, &answer(user, &answer_for(&prompt)));
    checked(&recorded);
    assert_eq!(
        feedback_number(&recorded),
        Some(1),
        "{}",
        text_of(&recorded)
    );
}

/// Not a check but a measurement (BENCHMARKS.md): interview writes per second through the real
/// binary, 16 users at once for 10 s each run, on one instance with SQLite, one instance on
/// PostgreSQL, and two instances on one PostgreSQL (users spread over both). Each user loops
/// start, hint, skip, skip, skip: every request is a store write with its delivery record, and
/// none runs the scoring model, so the figures are about the endpoint and the store.
///
///     cargo test --test multi_instance -- --ignored --nocapture throughput
#[test]
#[ignore = "a measurement, run by hand for BENCHMARKS.md"]
fn throughput_of_interview_writes_on_one_and_two_instances() {
    let Some(url) = pg_support::database_url("throughput") else {
        return;
    };
    const USERS: usize = 16;
    const RUN: Duration = Duration::from_secs(10);
    let schemas = [
        pg_support::Schema::fresh(&url, "throughput_one"),
        pg_support::Schema::fresh(&url, "throughput_two"),
    ];
    let configurations: [(&str, &str, usize); 3] = [
        ("1 instance, SQLite", "", 1),
        ("1 instance, PostgreSQL", &schemas[0].url, 1),
        ("2 instances, one PostgreSQL", &schemas[1].url, 2),
    ];
    println!("| configuration | requests | requests/s | p50 | p99 | max |");
    println!("|---|---|---|---|---|---|");
    for (round, (label, database, count)) in configurations.into_iter().enumerate() {
        let instances: Vec<Instance> = (0..count).map(|_| Instance::start(database, &[])).collect();
        let addresses: Vec<String> = instances.iter().map(|i| i.address.clone()).collect();
        let barrier = Barrier::new(USERS);
        let latencies: Vec<Duration> = std::thread::scope(|scope| {
            let threads: Vec<_> = (0..USERS)
                .map(|n| {
                    let barrier = &barrier;
                    let address = addresses[n % addresses.len()].clone();
                    scope.spawn(move || {
                        let user = format!("75{round}0000000000000{n:02}");
                        let mut timed = Vec::new();
                        let mut send = |body: Value| {
                            let started = Instant::now();
                            let reply = post(&address, &body);
                            timed.push(started.elapsed());
                            assert!(!text_of(&reply).contains(INTERNAL_ERROR), "{reply}");
                        };
                        barrier.wait();
                        let until = Instant::now() + RUN;
                        while Instant::now() < until {
                            send(start(&user));
                            send(interview_command(&user, "hint", json!([])));
                            for _ in 0..3 {
                                send(interview_command(&user, "skip", json!([])));
                            }
                        }
                        timed
                    })
                })
                .collect();
            threads
                .into_iter()
                .flat_map(|t| t.join().unwrap())
                .collect()
        });
        let mut sorted = latencies.clone();
        sorted.sort();
        let at =
            |q: f64| sorted[((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1];
        println!(
            "| {label} | {} | {:.0} | {:.1} ms | {:.1} ms | {:.1} ms |",
            sorted.len(),
            sorted.len() as f64 / RUN.as_secs_f64(),
            at(0.50).as_secs_f64() * 1000.0,
            at(0.99).as_secs_f64() * 1000.0,
            sorted[sorted.len() - 1].as_secs_f64() * 1000.0
        );
        drop(instances);
    }
}

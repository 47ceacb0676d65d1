//! Many users at once, through the real binary: separate `careerbot exec` processes sharing one
//! data dir (SQLite in WAL mode with a busy timeout), and concurrent signed requests to one
//! `careerbot http` server. Each user must see only their own session, nobody may see a locked
//! database or an internal error, and each user's scores must be exactly what the same answers
//! score when that user runs alone. A user cannot act on another user's buttons or forms.

mod interview_support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};

use careerbot::adapters::http::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use interview_support::*;

const USERS: usize = 8;
/// Generous: the machine running the tests may be busy building.
const WAIT: Duration = Duration::from_secs(60);
const INTERNAL_ERROR: &str = "Something went wrong on our side";

/// What a user does; each transport turns it into its own input.
enum Step {
    Start,
    Answer(String),
    Click(String),
    Submit(String, String),
    Stats,
}

/// Answers chosen by the question they answer (the questions of `START` come in a seeded order
/// that depends on what else the process did), so a user's scores do not depend on that order.
fn answer_for(prompt: &str, strong: bool) -> String {
    let topic = if prompt.contains("liveness") {
        0
    } else if prompt.contains("logs, metrics and traces") {
        1
    } else if prompt.contains("timeout") {
        2
    } else {
        panic!("a question outside kind:reliability difficulty:easy: {prompt}")
    };
    let strong_answers = [
        "Liveness says whether the process is alive and should be restarted; it must stay cheap and never check \
         dependencies, or one slow database restarts every instance. Readiness says whether the instance can take \
         traffic now, so it checks the database connection and warm-up, and the load balancer stops routing to it \
         while it fails, for example during start-up or shutdown.",
        "Logs are structured events with a request id for debugging one request. Metrics are cheap counters, gauges \
         and histograms aggregated over time for dashboards and alerts on rate, errors and latency percentiles. \
         Traces follow one request across services as spans, to find where latency comes from. I connect them with \
         trace ids in the logs and keep metric label cardinality bounded.",
        "Without a timeout a slow dependency holds threads and connections until the pool is exhausted and the \
         failure cascades to callers. I choose the value from the dependency's p99 latency plus headroom, keep it \
         inside the caller's own deadline budget, and combine it with limited retries with exponential backoff and \
         jitter and a circuit breaker.",
    ];
    // Each covers a point or so, so that a weak answer scored against the wrong question
    // would show too.
    let weak_answers = [
        "Liveness means the process is alive; if the liveness check fails the orchestrator restarts it.",
        "Metrics are numbers like request rate and latency that we put on dashboards and alerts.",
        "Without a timeout a slow dependency can hold all our threads, so every call needs one.",
    ];
    if strong {
        strong_answers[topic].to_string()
    } else {
        weak_answers[topic].to_string()
    }
}

/// What one user's interview showed them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    /// Score by question prompt.
    scores: BTreeMap<String, u32>,
    overall: u32,
}

/// Runs `START`, three answers (slash command, form, slash command) and `/interview stats` for
/// `user` through `send`, checking every reply on the way. Returns the session id and what the
/// user was shown. `between` runs after the start (the place for a barrier).
fn interview(
    user: &str,
    strong: bool,
    send: &dyn Fn(Step) -> Value,
    between: &dyn Fn(&Value),
) -> (i64, Outcome) {
    let check = |reply: &Value| {
        let text = text_of(reply);
        assert!(!text.contains(INTERNAL_ERROR), "user {user}: {text}");
        assert!(!text.contains("locked"), "user {user}: {text}");
        text
    };
    let started = send(Step::Start);
    check(&started);
    assert_eq!(
        heading_of(&started).as_deref(),
        Some("Question 1 of 3"),
        "{started}"
    );
    let (session, owner, _) = parse_id(&button_of(&started, "hint"));
    assert_eq!(owner, user, "the buttons belong to their user");
    between(&started);

    let mut scores = BTreeMap::new();
    let mut asking = started;
    let mut overall = None;
    for n in 0..3 {
        let prompt =
            prompt_of(&asking).unwrap_or_else(|| panic!("user {user}: no question in {asking}"));
        let text = answer_for(&prompt, strong);
        let reply = if n == 1 {
            let form = send(Step::Click(button_of(&asking, "answer")));
            assert_eq!(form["type"], 9, "user {user}: {form}");
            let custom_id = form["data"]["custom_id"].as_str().unwrap().to_string();
            assert_eq!(parse_id(&custom_id), (session, user.to_string(), n));
            send(Step::Submit(custom_id, text))
        } else {
            send(Step::Answer(text))
        };
        let shown = check(&reply);
        assert!(
            shown.contains(&format!("Feedback · question {} of 3", n + 1)),
            "user {user}: {shown}"
        );
        let score = score_of(&reply).unwrap_or_else(|| panic!("user {user}: no score in {shown}"));
        scores.insert(prompt, score);
        if n < 2 {
            assert_eq!(
                parse_id(&button_of(&reply, "hint")),
                (session, user.to_string(), n + 1),
                "user {user}: the next question of their own session"
            );
        } else {
            overall = overall_of(&reply);
            assert!(buttons_of(&reply).is_empty(), "{reply}");
        }
        asking = reply;
    }
    let stats = send(Step::Stats);
    let shown = check(&stats);
    assert!(
        shown.contains("**1 session** (1 completed"),
        "user {user}: {shown}"
    );
    assert!(
        shown.contains("**3 answered**, 0 skipped"),
        "user {user}: {shown}"
    );
    assert!(
        shown.contains(&format!("#{session} · ")),
        "user {user}: {shown}"
    );
    let overall = overall.unwrap_or_else(|| panic!("user {user}: no summary"));
    (session, Outcome { scores, overall })
}

/// One `exec` process per step.
fn exec_step(dir: &Path, user: &str, step: Step) -> Value {
    let run = match step {
        Step::Start => line(dir, user, START),
        Step::Answer(text) => line(dir, user, &format!("/interview answer text:{text}")),
        Step::Click(id) => click(dir, user, &id),
        Step::Submit(id, text) => submit(dir, user, &id, &text),
        Step::Stats => line(dir, user, "/interview stats"),
    };
    // `ok` also asserts an empty stderr: no "database is locked", no logged error.
    run.ok().body
}

fn strong(user: usize) -> bool {
    user.is_multiple_of(2)
}

/// The outcome of each kind of user (strong, weak answers) running alone, through `exec`.
fn alone_through_exec() -> [Outcome; 2] {
    let dir = tempfile::tempdir().unwrap();
    [true, false].map(|strong| {
        let user = if strong { "alone-strong" } else { "alone-weak" };
        interview(
            user,
            strong,
            &|step| exec_step(dir.path(), user, step),
            &|_| {},
        )
        .1
    })
}

#[test]
fn many_users_at_once_through_separate_exec_processes() {
    let alone = alone_through_exec();
    assert_ne!(
        alone[0], alone[1],
        "the two kinds of answer must score differently"
    );
    eprintln!("alone: {alone:?}");

    let dir = tempfile::tempdir().unwrap();
    // The index only; the database is created by the concurrent processes themselves.
    let indexed = careerbot(dir.path()).arg("index").output().unwrap();
    assert!(indexed.status.success(), "{indexed:?}");
    assert!(!dir.path().join("data").exists());

    let barrier = Arc::new(Barrier::new(USERS));
    let started = Instant::now();
    let handles: Vec<_> = (0..USERS)
        .map(|n| {
            let dir = dir.path().to_path_buf();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let user = format!("{}", 1000 + n);
                barrier.wait();
                interview(
                    &user,
                    strong(n),
                    &|step| exec_step(&dir, &user, step),
                    &|_| {},
                )
            })
        })
        .collect();
    let outcomes: Vec<(i64, Outcome)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    eprintln!("{USERS} users through exec in {:?}", started.elapsed());

    let mut sessions: Vec<i64> = outcomes.iter().map(|(s, _)| *s).collect();
    sessions.sort_unstable();
    sessions.dedup();
    assert_eq!(sessions.len(), USERS, "one session each: {outcomes:?}");
    for (n, (_, outcome)) in outcomes.iter().enumerate() {
        let expected = &alone[usize::from(!strong(n))];
        assert_eq!(outcome, expected, "user {n} scored differently than alone");
    }
    let stored = check_database(&dir.path().join("data").join("careerbot.sqlite3"));
    assert_eq!(stored.len(), USERS);
    for session in &stored {
        let n: usize = session.user_id.parse::<usize>().unwrap() - 1000;
        assert_eq!(session.status, "ended");
        assert_eq!(session.turns.len(), 3);
        for turn in &session.turns {
            let answer = turn.answer.as_deref().unwrap();
            let ours = ["liveness", "logs, metrics and traces", "timeout"]
                .iter()
                .any(|p| answer_for(p, strong(n)) == answer);
            assert!(ours, "user {n} has an answer that is not theirs: {answer}");
        }
    }
}

// ---- the HTTP endpoint ----

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

const CHANNEL: &str = "645027906669510667";

/// A new interaction id each time, as Discord's are (a repeated id is a repeated delivery, and
/// is answered without a second change).
fn next_interaction_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    (1_180_000_000_000_000_000u64 + n).to_string()
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

fn payload(user: &str, step: Step) -> Value {
    let sub = |name: &str, options: Value| {
        interaction(
            user,
            2,
            json!({ "id": "1", "name": "interview", "type": 1,
                    "options": [{ "name": name, "type": 1, "options": options }] }),
        )
    };
    match step {
        Step::Start => sub(
            "start",
            json!([
                { "name": "kind", "type": 3, "value": "reliability" },
                { "name": "difficulty", "type": 3, "value": "easy" },
                { "name": "questions", "type": 4, "value": 3 }
            ]),
        ),
        Step::Answer(text) => sub(
            "answer",
            json!([{ "name": "text", "type": 3, "value": text }]),
        ),
        Step::Stats => sub("stats", json!([])),
        Step::Click(id) => interaction(user, 3, json!({ "custom_id": id, "component_type": 2 })),
        Step::Submit(id, text) => interaction(
            user,
            5,
            json!({ "custom_id": id, "components": [{ "type": 1, "components": [
                { "type": 4, "custom_id": "answer", "value": text }
            ] }] }),
        ),
    }
}

/// One signed POST /interactions over a fresh connection; the JSON answer (always a 200).
fn post(address: &str, body: &Value) -> Value {
    let body = body.to_string();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let signature = hex(&key()
        .sign(&[timestamp.as_bytes(), body.as_bytes()].concat())
        .to_bytes());
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "POST /interactions HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n{SIGNATURE_HEADER}: {signature}\r\n{TIMESTAMP_HEADER}: {timestamp}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("not HTTP: {response}"));
    assert!(head.starts_with("HTTP/1.1 200"), "{response}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {response}"))
}

/// `careerbot http` on a port it chose, killed when the test ends however it ends.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut command = careerbot(dir);
        command
            .args(["--seed", SEED, "http", "--listen", "127.0.0.1:0"])
            .env("DISCORD_PUBLIC_KEY", hex(key().verifying_key().as_bytes()))
            .env("CAREERBOT_LOG_FORMAT", "json")
            // Never defer: a deferred reply would go to Discord's REST API, not to the test.
            .env("CAREERBOT_DISCORD_DEFER_AFTER_MS", "60000")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("careerbot http starts");
        let stderr = child.stderr.take().unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        // Keep reading the log so the server never blocks on a full pipe; send every line.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
        };
        let deadline = Instant::now() + WAIT;
        let mut seen = Vec::new();
        // The log line that says where it listens, once it does.
        while server.address.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = receiver
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("the server did not start ({e}): {seen:#?}"));
            if let Ok(entry) = serde_json::from_str::<Value>(&line) {
                if let Some(address) = entry["fields"]["address"].as_str() {
                    server.address = address.to_string();
                }
            }
            seen.push(line);
        }
        server
    }
}

#[test]
fn many_users_at_once_through_the_http_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path());
    let address = server.address.clone();

    // Alone first, one after the other, to know what each kind of answer scores.
    let alone = [true, false].map(|strong| {
        let user = if strong { "900001" } else { "900002" };
        interview(
            user,
            strong,
            &|step| post(&address, &payload(user, step)),
            &|_| {},
        )
        .1
    });
    assert_ne!(alone[0], alone[1]);

    // Then everyone at once. Between starting and answering, each user tries the buttons and
    // form of the next user's session: as they are, and with their own id put in as owner.
    let barrier = Arc::new(Barrier::new(USERS));
    let published: Arc<Mutex<BTreeMap<usize, Value>>> = Arc::default();
    let started = Instant::now();
    let handles: Vec<_> = (0..USERS)
        .map(|n| {
            let address = address.clone();
            let barrier = barrier.clone();
            let published = published.clone();
            std::thread::spawn(move || {
                let user = format!("{}", 53_908_232_506_183_000u64 + n as u64);
                let send = |step| post(&address, &payload(&user, step));
                let meddle = |mine: &Value| {
                    published.lock().unwrap().insert(n, mine.clone());
                    barrier.wait();
                    // A failed check is raised after the second barrier, so it fails the test
                    // instead of leaving the other users waiting there.
                    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let theirs = published.lock().unwrap()[&((n + 1) % USERS)].clone();
                        let skip = button_of(&theirs, "skip");
                        let (session, owner, _) = parse_id(&skip);
                        assert_ne!(owner, user);
                        let forged = format!("iv:skip:{session}:{user}:0");
                        let form = format!("iv:modal:{session}:{owner}:0");
                        for step in [
                            Step::Click(skip.clone()),
                            Step::Click(button_of(&theirs, "hint")),
                            Step::Click(button_of(&theirs, "answer")),
                            Step::Click(forged),
                            Step::Submit(form, "my answer to your question".into()),
                        ] {
                            let refused = send(step);
                            assert_eq!(refused["data"]["flags"], 64, "{refused}");
                            assert!(
                                text_of(&refused).contains("belongs to someone else"),
                                "user {user}: {refused}"
                            );
                        }
                    }));
                    barrier.wait();
                    if let Err(failure) = checked {
                        std::panic::resume_unwind(failure);
                    }
                };
                interview(&user, strong(n), &send, &meddle)
            })
        })
        .collect();
    let outcomes: Vec<(i64, Outcome)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    eprintln!("{USERS} users through http in {:?}", started.elapsed());

    let mut sessions: Vec<i64> = outcomes.iter().map(|(s, _)| *s).collect();
    sessions.sort_unstable();
    sessions.dedup();
    assert_eq!(sessions.len(), USERS, "one session each: {outcomes:?}");
    for (n, (_, outcome)) in outcomes.iter().enumerate() {
        assert_eq!(
            outcome,
            &alone[usize::from(!strong(n))],
            "user {n} scored differently than alone"
        );
    }
    // Nobody's meddling left a mark: no hints, no skips, nothing but their own three answers.
    let stored = check_database(&dir.path().join("data").join("careerbot.sqlite3"));
    assert_eq!(stored.len(), USERS + 2);
    for session in &stored {
        assert_eq!(session.status, "ended", "{session:?}");
        assert!(
            session.turns.iter().all(|t| t.outcome == "answered"),
            "{session:?}"
        );
    }
    let metrics = post_free_get(&server.address, "/metrics");
    assert!(
        metrics.contains("careerbot_errors_total{kind=\"command\"} 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("careerbot_errors_total{kind=\"panic\"} 0"),
        "{metrics}"
    );
}

/// A plain GET (the operator routes are not signed).
fn post_free_get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

//! The interactions endpoint end to end: signed requests for every interaction type, every way a
//! request is refused, the operator routes, and the real binary answering like the console.

use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::Router;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{json, Value};
use tower::ServiceExt;

use careerbot::adapters::http;
use careerbot::adapters::render;
use careerbot::clock::ManualClock;
use careerbot::commands::parse_focused;
use careerbot::content::model::SynonymsFile;
use careerbot::content::Catalog;
use careerbot::metrics::SignatureFailure;
use careerbot::search::SearchIndex;
use careerbot::{App, Caller, Command, Reply, Settings};

const NOW: i64 = 1_700_000_000;
const BODY_LIMIT: usize = 8 * 1024;
const FAQ: &str = "What is a backend engineer?";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn public_key() -> String {
    hex(key().verifying_key().as_bytes())
}

fn signature(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    hex(&key.sign(&[timestamp.as_bytes(), body].concat()).to_bytes())
}

fn app_with(catalog: Catalog) -> Arc<App> {
    let mut settings = Settings::defaults_in(root());
    settings.discord.public_key = Some(public_key());
    settings.http.body_limit_bytes = BODY_LIMIT;
    let search = SearchIndex::in_memory(&catalog).unwrap();
    Arc::new(App::from_parts(
        settings,
        catalog,
        search,
        Arc::new(ManualClock::new(NOW)),
        Arc::new(careerbot::store::SqliteStore::in_memory().unwrap()),
    ))
}

fn app() -> Arc<App> {
    app_with(Catalog::load(&root().join("content")).unwrap())
}

/// An interaction as Discord sends it from a guild channel.
/// A new interaction id each time, as Discord's are (a repeated id is a repeated delivery).
fn next_interaction_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    (1_180_000_000_000_000_000u64 + n).to_string()
}

fn interaction(kind: u64, data: Value) -> Value {
    json!({
        "id": next_interaction_id(),
        "application_id": "1180000000000000000",
        "type": kind,
        "data": data,
        "guild_id": "290926798626357250",
        "channel_id": "645027906669510667",
        "member": { "user": { "id": "53908232506183680", "username": "mason" }, "roles": [] },
        "token": "aW50ZXJhY3Rpb246MTE4MDAwMDAwMDAwMDAwMDAwMTp0ZXN0",
        "version": 1
    })
}

fn faq_command() -> Value {
    interaction(
        2,
        json!({ "id": "1", "name": "faq", "type": 1, "options": [{ "name": "question", "type": 3, "value": FAQ }] }),
    )
}

fn post(body: Vec<u8>, headers: &[(&str, String)]) -> Request<Body> {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/interactions")
        .header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    request.body(Body::from(body)).unwrap()
}

fn signed_at(body: &[u8], timestamp: i64) -> Request<Body> {
    let timestamp = timestamp.to_string();
    let signature = signature(&key(), &timestamp, body);
    post(
        body.to_vec(),
        &[
            (http::SIGNATURE_HEADER, signature),
            (http::TIMESTAMP_HEADER, timestamp),
        ],
    )
}

fn signed(payload: &Value) -> Request<Body> {
    signed_at(payload.to_string().as_bytes(), NOW)
}

async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, body.to_vec())
}

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

fn assert_private_notice(body: &Value) {
    assert_eq!(body["type"], 4, "{body}");
    assert_eq!(body["data"]["flags"], 64, "{body}");
    assert!(
        !body["data"]["content"]
            .as_str()
            .unwrap_or_default()
            .is_empty(),
        "{body}"
    );
}

#[tokio::test]
async fn every_interaction_type_is_answered_by_the_core_and_the_renderer() {
    let app = app();
    let router = http::router(app.clone()).unwrap();
    let caller = Caller {
        user_id: "53908232506183680".into(),
        channel_id: Some("645027906669510667".into()),
        guild_id: None,
        permissions: None,
    };
    let faq_expected = render::interaction_response(&app.handle(
        &caller,
        Command::Faq {
            question: FAQ.into(),
        },
    ))
    .body;
    let focused = parse_focused("/faq question:sal").unwrap().unwrap();
    let suggestions = render::interaction_response(&Reply::Choices(
        app.autocomplete(&careerbot::Caller::user("test"), &focused),
    ))
    .body;
    type Check = Box<dyn Fn(&Value)>;
    let cases: Vec<(&str, Value, Check)> = vec![
        (
            "ping",
            json!({ "id": "1", "application_id": "1", "type": 1, "token": "t", "version": 1 }),
            Box::new(|body| assert_eq!(body, &json!({ "type": 1 }))),
        ),
        (
            "slash command",
            faq_command(),
            Box::new(move |body| {
                assert_eq!(body, &faq_expected);
                assert_eq!(body["type"], 4);
                let footer = body["data"]["embeds"][0]["footer"]["text"]
                    .as_str()
                    .unwrap();
                assert!(!footer.is_empty(), "the answer cites its source");
            }),
        ),
        (
            "autocomplete",
            interaction(
                4,
                json!({ "id": "1", "name": "faq", "type": 1, "options": [{ "name": "question", "type": 3, "value": "sal", "focused": true }] }),
            ),
            Box::new(move |body| {
                assert_eq!(body, &suggestions);
                assert_eq!(body["type"], 8);
                assert!(body["data"]["choices"].is_array());
            }),
        ),
        (
            "autocomplete of a command no longer declared",
            interaction(
                4,
                json!({ "id": "1", "name": "gone", "type": 1, "options": [{ "name": "x", "type": 3, "value": "a", "focused": true }] }),
            ),
            Box::new(|body| assert_eq!(body, &json!({ "type": 8, "data": { "choices": [] } }))),
        ),
        (
            "button click",
            interaction(
                3,
                json!({ "custom_id": "iv:hint:1:7", "component_type": 2 }),
            ),
            Box::new(assert_private_notice),
        ),
        (
            "modal submit",
            interaction(
                5,
                json!({ "custom_id": "iv:modal:1:7", "components": [{ "type": 1, "components": [{ "type": 4, "custom_id": "answer", "value": "I would add a queue" }] }] }),
            ),
            Box::new(assert_private_notice),
        ),
        (
            "a value the declaration refuses",
            interaction(
                2,
                json!({ "id": "1", "name": "salary", "type": 1, "options": [{ "name": "years", "type": 4, "value": 99 }] }),
            ),
            Box::new(|body| {
                assert_private_notice(body);
                assert!(body["data"]["content"].as_str().unwrap().contains("years"));
            }),
        ),
    ];
    for (name, payload, check) in cases {
        let (status, body) = send(&router, signed(&payload)).await;
        assert_eq!(
            status,
            StatusCode::OK,
            "{name}: {}",
            String::from_utf8_lossy(&body)
        );
        check(&json_of(&body));
    }
    assert_eq!(
        app.metrics.commands("faq", careerbot::metrics::Outcome::Ok),
        2,
        "the expected answer and the endpoint's"
    );
}

#[tokio::test]
async fn bad_requests_are_refused_with_the_right_status() {
    let app = app();
    let router = http::router(app.clone()).unwrap();
    let body = faq_command().to_string().into_bytes();
    let now = NOW.to_string();
    let good = signature(&key(), &now, &body);
    let mut tampered = body.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x01;
    let stranger = signature(&SigningKey::from_bytes(&[9u8; 32]), &now, &body);
    let oversized = {
        let mut payload = faq_command();
        payload["padding"] = json!("x".repeat(BODY_LIMIT));
        payload.to_string().into_bytes()
    };
    let mut no_token = faq_command();
    no_token.as_object_mut().unwrap().remove("token");
    let mut no_user = faq_command();
    no_user.as_object_mut().unwrap().remove("member");
    let sig = |v: &str| (http::SIGNATURE_HEADER, v.to_string());
    let ts = |v: &str| (http::TIMESTAMP_HEADER, v.to_string());
    let cases: Vec<(&str, Request<Body>, StatusCode)> = vec![
        (
            "unsigned",
            post(body.clone(), &[]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "signature without timestamp",
            post(body.clone(), &[sig(&good)]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "timestamp without signature",
            post(body.clone(), &[ts(&now)]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "tampered body",
            post(tampered, &[sig(&good), ts(&now)]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "another key's signature",
            post(body.clone(), &[sig(&stranger), ts(&now)]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "signature that is not hex",
            post(body.clone(), &[sig(&"zz".repeat(64)), ts(&now)]),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "stale timestamp",
            signed_at(&body, NOW - 301),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "timestamp from the future",
            signed_at(&body, NOW + 301),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "oldest accepted timestamp",
            signed_at(&body, NOW - 300),
            StatusCode::OK,
        ),
        (
            "oversized body",
            signed_at(&oversized, NOW),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
        (
            "malformed JSON",
            signed_at(b"{\"type\": 2,", NOW),
            StatusCode::BAD_REQUEST,
        ),
        (
            "JSON that is not an interaction",
            signed_at(b"[1, 2, 3]", NOW),
            StatusCode::BAD_REQUEST,
        ),
        (
            "unknown interaction type",
            signed(&interaction(99, json!({}))),
            StatusCode::BAD_REQUEST,
        ),
        (
            "command without a user",
            signed(&no_user),
            StatusCode::BAD_REQUEST,
        ),
        (
            "command without a token",
            signed(&no_token),
            StatusCode::BAD_REQUEST,
        ),
        (
            "GET",
            Request::get("/interactions").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ];
    for (name, request, expected) in cases {
        let (status, body) = send(&router, request).await;
        assert_eq!(
            status,
            expected,
            "{name}: {}",
            String::from_utf8_lossy(&body)
        );
    }
    let counted = [
        (SignatureFailure::Missing, 3),
        (SignatureFailure::Invalid, 3),
        (SignatureFailure::Stale, 2),
    ];
    for (failure, count) in counted {
        assert_eq!(
            app.metrics.signature_failures(failure),
            count,
            "{failure:?}"
        );
    }
    assert_eq!(
        app.metrics
            .errors(careerbot::metrics::ErrorKind::BadRequest),
        5
    );
}

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = app();
    let router = http::router(app.clone()).unwrap();
    let get = |path: &str| Request::get(path).body(Body::empty()).unwrap();
    let (status, body) = send(&router, get("/healthz")).await;
    assert_eq!(
        (status, json_of(&body)),
        (StatusCode::OK, json!({ "status": "ok" }))
    );
    let (status, body) = send(&router, get("/readyz")).await;
    let report = json_of(&body);
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["ready"], true);
    assert_eq!(report["checks"]["index"]["ok"], true);

    send(&router, signed(&faq_command())).await;
    send(&router, post(b"{}".to_vec(), &[])).await;
    // One interview started: the sessions gauge is read from the store at scrape time.
    let start = interaction(
        2,
        json!({ "id": "2", "name": "interview", "type": 1,
                "options": [{ "name": "start", "type": 1, "options": [] }] }),
    );
    let (status, body) = send(&router, signed(&start)).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let response = router.clone().oneshot(get("/metrics")).await.unwrap();
    assert_eq!(
        response.headers()["content-type"],
        careerbot::metrics::CONTENT_TYPE
    );
    let text = String::from_utf8(
        axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    for line in [
        "careerbot_commands_total{command=\"faq\",outcome=\"ok\"} 1",
        "careerbot_command_duration_seconds_count{command=\"faq\"} 1",
        "careerbot_signature_failures_total{reason=\"missing\"} 1",
        "careerbot_errors_total{kind=\"bad_request\"} 0",
        "careerbot_commands_total{command=\"interview.start\",outcome=\"ok\"} 1",
        "careerbot_active_interview_sessions 1",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "{line} missing from:\n{text}"
        );
    }
}

#[tokio::test]
async fn readiness_fails_without_an_index_and_says_why() {
    let empty = Catalog {
        roles: Vec::new(),
        synonyms: SynonymsFile::default(),
        scope: Default::default(),
        fingerprint: 0,
    };
    let router = http::router(app_with(empty)).unwrap();
    let (status, body) = send(
        &router,
        Request::get("/readyz").body(Body::empty()).unwrap(),
    )
    .await;
    let report = json_of(&body);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{report}");
    assert_eq!(report["ready"], false);
    assert_eq!(report["checks"]["index"]["ok"], false);
    assert!(report["checks"]["index"]["detail"]
        .as_str()
        .unwrap()
        .contains("index"));
}

#[test]
fn the_endpoint_needs_a_public_key() {
    let mut app = Arc::try_unwrap(app()).unwrap();
    app.settings.discord.public_key = None;
    let error = http::router(Arc::new(app)).unwrap_err().to_string();
    assert!(error.contains("DISCORD_PUBLIC_KEY"), "{error}");
}

/// The binary, killed when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn careerbot(dir: &Path) -> Process {
    let mut process = Process::new(env!("CARGO_BIN_EXE_careerbot"));
    process
        .current_dir(dir)
        .arg("--content-dir")
        .arg(root().join("content"))
        .arg("--index-dir")
        .arg(dir.join("index"))
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env_remove("DISCORD_PUBLIC_KEY")
        .env_remove("CAREERBOT_DISCORD_PUBLIC_KEY")
        .env_remove("CAREERBOT_HTTP_LISTEN")
        // Its own SQLite file, even where DATABASE_URL is set for the PostgreSQL tests.
        .env_remove("DATABASE_URL")
        .env_remove("CAREERBOT_STORE_URL");
    process
}

#[tokio::test]
async fn the_binary_answers_signed_requests_like_the_console_and_refuses_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let console = careerbot(dir.path())
        .args(["exec", "--format", "json", "--"])
        .arg(format!("/faq question:{FAQ}"))
        .output()
        .unwrap();
    assert!(console.status.success(), "{console:?}");
    let console_json = String::from_utf8(console.stdout).unwrap();

    let port = free_port();
    let log: PathBuf = dir.path().join("server.log");
    let mut server = careerbot(dir.path());
    server
        .args(["http", "--listen", &format!("127.0.0.1:{port}")])
        .env("DISCORD_PUBLIC_KEY", public_key())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let _server = Server(server.spawn().unwrap());
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();

    let started = Instant::now();
    loop {
        match client.get(format!("{base}/healthz")).send().await {
            Ok(response) if response.status().is_success() => break,
            _ if started.elapsed() > Duration::from_secs(60) => panic!(
                "the server did not come up: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            ),
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }

    let send = |body: Vec<u8>, signed_with: Option<&SigningKey>| {
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            .to_string();
        let mut request = client
            .post(format!("{base}/interactions"))
            .header("content-type", "application/json");
        if let Some(key) = signed_with {
            request = request
                .header(http::SIGNATURE_HEADER, signature(key, &timestamp, &body))
                .header(http::TIMESTAMP_HEADER, timestamp);
        }
        request.body(body).send()
    };
    let ping = br#"{"type":1}"#.to_vec();
    let response = send(ping.clone(), Some(&key())).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.unwrap(), r#"{"type":1}"#);
    let response = send(ping.clone(), None).await.unwrap();
    assert_eq!(response.status(), 401);
    let response = send(ping, Some(&SigningKey::from_bytes(&[9u8; 32])))
        .await
        .unwrap();
    assert_eq!(response.status(), 401);

    let response = send(faq_command().to_string().into_bytes(), Some(&key()))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "a JSON response"
    );
    assert_eq!(
        response.text().await.unwrap(),
        console_json.trim_end(),
        "the endpoint answers exactly what the console prints"
    );

    let metrics = client
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("careerbot_commands_total{command=\"faq\",outcome=\"ok\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("careerbot_signature_failures_total{reason=\"invalid\"} 1"),
        "{metrics}"
    );
    let ready = client.get(format!("{base}/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
}

fn interview(sub: &str) -> Value {
    interaction(
        2,
        json!({ "id": "2", "name": "interview", "type": 1,
                "options": [{ "name": sub, "type": 1, "options": [] }] }),
    )
}

/// Discord retries a delivery it thinks failed, and a captured request can be replayed inside
/// the timestamp window: the same signed interaction twice must change things once and get the
/// same answer both times.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_signed_delivery_changes_nothing_twice() {
    let app = app();
    let router = http::router(app.clone()).unwrap();
    let (status, body) = send(&router, signed(&interview("start"))).await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    let active = || {
        app.store
            .active_session("53908232506183680", "645027906669510667")
            .unwrap()
            .expect("an active session")
    };
    // (subcommand, what one delivery changes)
    let cases = [
        ("hint", (0, 1)),
        ("hint", (0, 2)),
        ("skip", (1, 0)),
        ("skip", (2, 0)),
    ];
    for (sub, expected) in cases {
        let request = interview(sub);
        let (first_status, first) = send(&router, signed(&request)).await;
        let (second_status, second) = send(&router, signed(&request)).await;
        assert_eq!(
            (first_status, second_status),
            (StatusCode::OK, StatusCode::OK)
        );
        assert_eq!(
            json_of(&second),
            json_of(&first),
            "{sub}: the repeat gets the first reply"
        );
        let session = active();
        assert_eq!(
            (session.position, session.hints_shown),
            expected,
            "{sub} applied once"
        );
    }
    assert_eq!(app.metrics.repeated_deliveries(), 4);
}

/// Slowloris through the real binary: hundreds of connections that each send half a request
/// header and then hold still. `/healthz` keeps answering while they hold, the header-read
/// timeout closes every one of them, an oversized header is refused, and the metric counts it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_cannot_starve_the_endpoint_and_get_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const HOLDERS: usize = 300;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log: PathBuf = dir.path().join("server.log");
    let mut server = careerbot(dir.path());
    server
        .args(["http", "--listen", &format!("127.0.0.1:{port}")])
        .env("DISCORD_PUBLIC_KEY", public_key())
        .env("CAREERBOT_HTTP_HEADER_READ_TIMEOUT_MS", "2000")
        .env("CAREERBOT_HTTP_MAX_HEADER_BYTES", "16384")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let _server = Server(server.spawn().unwrap());
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    while !matches!(client.get(format!("{base}/healthz")).send().await, Ok(r) if r.status().is_success())
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not come up"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Resident memory of the server, from /proc (Linux).
    let pid = _server.0.id();
    let resident_kib = || -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let before = resident_kib();
    assert!(before > 0, "cannot read the server's memory use");
    // Each holder sends 12 KB of an unfinished header (under the 16 KB limit), then holds.
    let filler = vec![b'a'; 12 * 1024];
    let mut holders = Vec::new();
    for _ in 0..HOLDERS {
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        stream
            .write_all(b"POST /interactions HTTP/1.1\r\nHost: bot\r\nX-Slow: ")
            .await
            .unwrap();
        stream.write_all(&filler).await.unwrap();
        holders.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let holding = resident_kib();
    assert!(
        holding.saturating_sub(before) < 64 * 1024,
        "memory grew from {before} KiB to {holding} KiB under slowloris"
    );
    eprintln!("resident memory: {before} KiB before, {holding} KiB holding {HOLDERS} slow clients");
    let asked = Instant::now();
    let health = client.get(format!("{base}/healthz")).send().await.unwrap();
    assert!(health.status().is_success());
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "/healthz took {:?} under slowloris",
        asked.elapsed()
    );

    // Every held connection is closed by the server once the header-read timeout passes.
    for (n, stream) in holders.iter_mut().enumerate() {
        let mut buffer = [0u8; 256];
        let closed = tokio::time::timeout(Duration::from_secs(10), async {
            loop {
                match stream.read(&mut buffer).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => continue,
                }
            }
        })
        .await;
        assert!(closed.is_ok(), "connection {n} is still open");
    }

    // A header larger than the limit is refused, not buffered.
    let mut big = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    let mut request = b"GET /healthz HTTP/1.1\r\nHost: bot\r\nX-Big: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 64 * 1024));
    let _ = big.write_all(&request).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), big.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );

    // The server counts the refusal when its connection task ends, which on a loaded machine
    // can come after the client has seen the close: wait for it (the connection stays open).
    let fetch = || async {
        client
            .get(format!("{base}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let refused = |metrics: &str| {
        metrics
            .lines()
            .find_map(|l| {
                l.strip_prefix("careerbot_http_limit_hits_total{limit=\"header_too_large\"} ")
            })
            .is_some_and(|count| count != "0")
    };
    let mut metrics = fetch().await;
    let waited = Instant::now();
    while !refused(&metrics) && waited.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(200)).await;
        metrics = fetch().await;
    }
    drop(big);
    let count = |limit: &str| -> u64 {
        let series = format!("careerbot_http_limit_hits_total{{limit=\"{limit}\"}} ");
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(&series))
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("{series} missing:\n{metrics}"))
    };
    assert!(count("header_timeout") >= HOLDERS as u64, "{metrics}");
    assert!(count("header_too_large") >= 1, "{metrics}");
    let logs = std::fs::read_to_string(&log).unwrap();
    assert!(
        logs.contains("WARN") && logs.contains("header_timeout"),
        "{logs}"
    );
}

/// Damaged database pages refuse start-up with a clear error (not "Something went wrong" for
/// every user later); a data dir deleted under a running server turns readiness red; the data
/// dir and the database are private whatever the umask.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_checks_the_database_and_readiness_notices_a_vanished_data_dir() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let started = careerbot(dir.path())
        .args(["exec", "--", "/interview start"])
        .output()
        .unwrap();
    assert!(started.status.success(), "{started:?}");
    let data = dir.path().join("data");
    let database = data.join("careerbot.sqlite3");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&data), mode(&database)), (0o700, 0o600));

    // A running server whose data dir vanishes is no longer ready.
    let port = free_port();
    let log: PathBuf = dir.path().join("server.log");
    let mut server = careerbot(dir.path());
    server
        .args(["http", "--listen", &format!("127.0.0.1:{port}")])
        .env("DISCORD_PUBLIC_KEY", public_key())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let server = Server(server.spawn().unwrap());
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let ready = format!("http://127.0.0.1:{port}/readyz");
    let started = Instant::now();
    while !matches!(client.get(&ready).send().await, Ok(r) if r.status().is_success()) {
        assert!(started.elapsed() < Duration::from_secs(60), "never ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let moved = dir.path().join("data-moved");
    std::fs::rename(&data, &moved).unwrap();
    let response = client.get(&ready).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 503);
    let report: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(report["checks"]["data_dir"]["ok"], false, "{report}");
    drop(server);
    std::fs::rename(&moved, &data).unwrap();

    // Random bytes over every page after the header: start-up refuses, naming the file.
    let _ = std::fs::remove_file(data.join("careerbot.sqlite3-wal"));
    let _ = std::fs::remove_file(data.join("careerbot.sqlite3-shm"));
    let mut bytes = std::fs::read(&database).unwrap();
    let mut state = 0x1234_5678_u32;
    for byte in bytes.iter_mut().skip(4096) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *byte = state as u8;
    }
    std::fs::write(&database, &bytes).unwrap();
    let refused = careerbot(dir.path())
        .args(["http", "--listen", &format!("127.0.0.1:{}", free_port())])
        .env("DISCORD_PUBLIC_KEY", public_key())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "{stderr}");
    assert!(
        stderr.contains("damaged") && stderr.contains("careerbot.sqlite3"),
        "{stderr}"
    );
}

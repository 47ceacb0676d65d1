//! What one `POST /interactions` costs inside the endpoint, without TCP: the real router
//! (`adapters::http::router`, real content, on-disk index, the model when it is fetched, Ed25519
//! verification on) is called in-process, one request at a time, under a counting global
//! allocator. For each request it records the wall time, the allocations and the bytes
//! allocated; it also times the signature check alone, so what is left is the work after
//! verification: decode, handle (a reply-cache hit for a repeated `/faq`), render, respond.
//!
//!     cargo run --release --example http_request_cost -- --requests 20000
//!     cargo run --release --example http_request_cost -- --requests 20000 --log
//!
//! `--log` installs the `info` access log the binary writes (formatted, then discarded), `--dm`
//! sends DM interactions instead of a server's (no server entries to read from the store).
//! Figures and how to read them: BENCHMARKS.md, "HTTP interactions endpoint".

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Request;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::json;
use tower::ServiceExt;

use careerbot::adapters::http::{self, RenderedResponses, RequestAuth};
use careerbot::adapters::interaction::{self, Envelope, Incoming};
use careerbot::adapters::render;
use careerbot::{App, Caller, Command, Settings};
use serde_json::Value;

/// Counts every allocation (and reallocation) of every thread.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MAX_REQUESTS: usize = 1_000_000;
const WARM_UP: usize = 2_000;

struct Options {
    requests: usize,
    log: bool,
    guild: bool,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        requests: 20_000,
        log: false,
        guild: true,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--requests" => {
                let text = args.next().ok_or("--requests needs a number")?;
                options.requests = match text.parse::<usize>() {
                    Ok(n) if (1..=MAX_REQUESTS).contains(&n) => n,
                    _ => {
                        return Err(format!(
                            "--requests takes 1 to {MAX_REQUESTS}, got {text:?}"
                        ))
                    }
                };
            }
            "--log" => options.log = true,
            "--dm" => options.guild = false,
            other => {
                return Err(format!(
                    "unknown argument {other:?}; use --requests N [--log] [--dm]"
                ))
            }
        }
    }
    Ok(options)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> String {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string()
}

/// A signed `/faq` interaction as Discord sends it: (body, signature, timestamp).
fn signed(
    key: &SigningKey,
    serial: usize,
    question: &str,
    guild: bool,
) -> (Vec<u8>, String, String) {
    let mut body = json!({
        "id": format!("{}", 1_300_000_000_000_000_000u64 + serial as u64),
        "application_id": "1180000000000000000",
        "type": 2,
        "token": format!("cost-{serial}"),
        "version": 1,
        "channel_id": "645027906669510667",
        "data": { "id": "1", "name": "faq", "type": 1, "options": [
            { "name": "question", "type": 3, "value": question }
        ] }
    });
    let user = json!({ "id": format!("{}", 80_000 + serial % 97), "username": "member" });
    if guild {
        body["guild_id"] = json!("290926798626357999");
        body["member"] = json!({ "user": user, "permissions": "2048" });
    } else {
        body["user"] = user;
    }
    let body = body.to_string().into_bytes();
    let timestamp = now();
    let signature = hex(&key
        .sign(&[timestamp.as_bytes(), body.as_slice()].concat())
        .to_bytes());
    (body, signature, timestamp)
}

fn request((body, signature, timestamp): (Vec<u8>, String, String)) -> Request<Body> {
    Request::post("/interactions")
        .header("content-type", "application/json")
        .header(http::SIGNATURE_HEADER, signature)
        .header(http::TIMESTAMP_HEADER, timestamp)
        .body(Body::from(body))
        .unwrap_or_default()
}

/// Process CPU time (every thread), in microseconds.
fn process_cpu_us() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let us = |t: libc::timeval| t.tv_sec as f64 * 1e6 + t.tv_usec as f64;
    us(usage.ru_utime) + us(usage.ru_stime)
}

fn percentile<T: Copy + Ord>(sorted: &[T], p: f64) -> T {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

struct Sample {
    wall: Duration,
    allocations: u64,
    bytes: u64,
}

fn report(label: &str, samples: &[Sample], cpu_us: f64) {
    let n = samples.len();
    let mut walls: Vec<Duration> = samples.iter().map(|s| s.wall).collect();
    walls.sort();
    let mut allocations: Vec<u64> = samples.iter().map(|s| s.allocations).collect();
    allocations.sort();
    let bytes: u64 = samples.iter().map(|s| s.bytes).sum();
    println!(
        "{label}: {n} requests; wall p50 {}, p99 {}, max {}; process CPU {:.1} µs/request; \
         allocations p50 {}, p99 {}, mean {:.1}; bytes allocated mean {:.0}",
        us(percentile(&walls, 50.0)),
        us(percentile(&walls, 99.0)),
        us(percentile(&walls, 100.0)),
        cpu_us / n as f64,
        percentile(&allocations, 50.0),
        percentile(&allocations, 99.0),
        allocations.iter().sum::<u64>() as f64 / n as f64,
        bytes as f64 / n as f64,
    );
}

/// Times `work` on every body, one after another, with the allocations it makes.
fn stage<T>(
    label: &str,
    bodies: &[(Vec<u8>, String, String)],
    mut work: impl FnMut(&(Vec<u8>, String, String)) -> Result<T, String>,
) -> Result<(), String> {
    let mut samples = Vec::with_capacity(bodies.len());
    let cpu = process_cpu_us();
    for body in bodies {
        let (a, b) = counters();
        let started = Instant::now();
        let kept = work(body)?;
        let wall = started.elapsed();
        let (a2, b2) = counters();
        drop(kept);
        samples.push(Sample {
            wall,
            allocations: a2 - a,
            bytes: b2 - b,
        });
    }
    report(label, &samples, process_cpu_us() - cpu);
    Ok(())
}

/// The steps after verification, each alone, on the same bodies: what they cost without the
/// HTTP server, the task hand-offs and the channel between them.
fn stages(app: &App, bodies: &[(Vec<u8>, String, String)]) -> Result<(), String> {
    let parse = |body: &[u8]| serde_json::from_slice::<Value>(body).map_err(|e| e.to_string());
    stage(
        "  parse the body (serde_json::Value)",
        bodies,
        |(body, _, _)| parse(body),
    )?;
    let payloads: Vec<Value> = bodies
        .iter()
        .map(|(body, _, _)| parse(body))
        .collect::<Result<_, _>>()?;
    let mut next = payloads.iter();
    stage("  decode (interaction::decode + Envelope)", bodies, |_| {
        let payload = next.next().ok_or("no payload")?;
        let incoming = interaction::decode(payload).map_err(|e| e.to_string())?;
        Ok((incoming, Envelope::from_json(payload)))
    })?;
    let decoded: Vec<(Caller, Command, String)> = payloads
        .iter()
        .map(|payload| match interaction::decode(payload) {
            Ok(Incoming::Command { caller, command }) => {
                let id = payload["id"].as_str().unwrap_or_default().to_string();
                Ok((caller, command, id))
            }
            _ => Err("not a command".to_string()),
        })
        .collect::<Result<_, _>>()?;
    let mut next = decoded.into_iter();
    let mut replies = Vec::with_capacity(bodies.len());
    stage("  App::handle_delivery (reply cache hit)", bodies, |_| {
        let (caller, command, id) = next.next().ok_or("no command")?;
        replies.push(app.handle_delivery(&id, &caller, command));
        Ok(())
    })?;
    let mut next = replies.iter();
    stage(
        "  render and serialize (a reply sent the first time)",
        bodies,
        |_| {
            let rendered = render::interaction_response(next.next().ok_or("no reply")?);
            serde_json::to_vec(&rendered.body).map_err(|e| e.to_string())
        },
    )?;
    let memo = RenderedResponses::default();
    let mut next = replies.iter();
    stage(
        "  RenderedResponses::get (a reply sent before: digest, compare, share)",
        bodies,
        |_| Ok(memo.get(next.next().ok_or("no reply")?)),
    )?;
    Ok(())
}

/// The task hand-offs a request makes: the lifecycle's own task and the blocking thread the
/// command runs on, each timed as a round trip that does nothing.
async fn handoffs(requests: usize) -> Result<(), String> {
    for blocking in [false, true] {
        let mut samples = Vec::with_capacity(requests);
        let cpu = process_cpu_us();
        for _ in 0..requests {
            let (a, b) = counters();
            let started = Instant::now();
            let done = if blocking {
                tokio::task::spawn_blocking(|| ()).await
            } else {
                tokio::spawn(async {}).await
            };
            let wall = started.elapsed();
            let (a2, b2) = counters();
            done.map_err(|e| e.to_string())?;
            samples.push(Sample {
                wall,
                allocations: a2 - a,
                bytes: b2 - b,
            });
        }
        let label = if blocking {
            "  spawn_blocking round trip (empty)"
        } else {
            "  tokio::spawn round trip (empty)"
        };
        report(label, &samples, process_cpu_us() - cpu);
    }
    Ok(())
}

fn counters() -> (u64, u64) {
    (
        ALLOCATIONS.load(Ordering::Relaxed),
        BYTES.load(Ordering::Relaxed),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    if options.log {
        // The binary's access log at `info`, formatted as it would be, written nowhere.
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("info"))
            .with_writer(std::io::sink)
            .init();
    }
    // One worker, as `careerbot http` has when it is pinned to one core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    runtime.block_on(run(options))
}

async fn run(options: Options) -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir()?;
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let public_key = hex(key.verifying_key().as_bytes());
    let mut settings = Settings::defaults_in(root);
    settings.data_dir = scratch.path().join("data");
    settings.discord.public_key = Some(public_key.clone());
    let app = Arc::new(App::new(settings)?);
    let router = http::router(app.clone())?;
    let questions: Vec<String> = app
        .library()
        .catalog
        .roles
        .iter()
        .flat_map(|r| &r.guides)
        .flat_map(|g| &g.faq)
        .map(|f| f.question.clone())
        .collect();
    if questions.is_empty() {
        return Err("the content has no FAQ questions to ask".into());
    }
    let bodies: Vec<_> = (0..options.requests + WARM_UP)
        .map(|i| signed(&key, i, &questions[i % questions.len()], options.guild))
        .collect();

    // The signature check alone, on the same bodies.
    let auth = RequestAuth::new(&public_key, Duration::from_secs(300))?;
    let clock: i64 = now().parse().unwrap_or(0);
    let mut samples = Vec::with_capacity(options.requests);
    let cpu = process_cpu_us();
    for (body, signature, timestamp) in bodies.iter().skip(WARM_UP) {
        let (a, b) = counters();
        let started = Instant::now();
        let checked = auth.check(Some(signature), Some(timestamp), body, clock);
        let wall = started.elapsed();
        let (a2, b2) = counters();
        if checked.is_err() {
            return Err("a body signed by the key was refused".into());
        }
        samples.push(Sample {
            wall,
            allocations: a2 - a,
            bytes: b2 - b,
        });
    }
    report("signature check alone", &samples, process_cpu_us() - cpu);

    stages(&app, &bodies[WARM_UP..])?;
    handoffs(options.requests).await?;

    // Whole requests through the router.
    let mut bodies = bodies.into_iter();
    for body in bodies.by_ref().take(WARM_UP) {
        let response = router.clone().oneshot(request(body)).await?;
        axum::body::to_bytes(response.into_body(), 1 << 20).await?;
    }
    let mut samples = Vec::with_capacity(options.requests);
    let mut failures = 0usize;
    let cpu = process_cpu_us();
    for body in bodies {
        let request = request(body);
        let (a, b) = counters();
        let started = Instant::now();
        let response = router.clone().oneshot(request).await?;
        let status = response.status();
        let answer = axum::body::to_bytes(response.into_body(), 1 << 20).await?;
        let wall = started.elapsed();
        let (a2, b2) = counters();
        drop(answer);
        failures += usize::from(!status.is_success());
        samples.push(Sample {
            wall,
            allocations: a2 - a,
            bytes: b2 - b,
        });
    }
    report(
        &format!(
            "POST /interactions /faq in-process ({}, repeated questions{})",
            if options.guild { "server" } else { "DM" },
            if options.log { ", access log" } else { "" }
        ),
        &samples,
        process_cpu_us() - cpu,
    );
    println!(
        "reply cache: {} hits, {} misses",
        app.replies.hits(),
        app.replies.misses()
    );
    if failures > 0 {
        return Err(format!("{failures} request(s) were not answered 2xx").into());
    }
    Ok(())
}

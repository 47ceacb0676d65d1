//! A bounded loopback load test of the interactions endpoint: starts the endpoint in-process on
//! 127.0.0.1 (real content, on-disk index, signature verification on), sends signed `/faq`
//! interactions over several keep-alive connections and prints requests per second and latency
//! percentiles. It never talks to anything but the server it started.
//!
//!     cargo run --release --example http_load -- --requests 20000 --connections 16
//!
//! Every question is one of the guides' own FAQ questions, so each request runs a real search.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::{Signer, SigningKey};
use serde_json::json;

use careerbot::adapters::http;
use careerbot::content::Catalog;
use careerbot::{App, Settings};

const MAX_REQUESTS: usize = 200_000;
const MAX_CONNECTIONS: usize = 64;
const WARM_UP: usize = 200;

struct Options {
    requests: usize,
    connections: usize,
}

fn options() -> Result<Options, String> {
    let mut options = Options {
        requests: 5_000,
        connections: 8,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = |max: usize| -> Result<usize, String> {
            let text = args.next().ok_or(format!("{flag} needs a number"))?;
            match text.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(format!(
                    "{flag} takes a number from 1 to {max}, got {text:?}"
                )),
            }
        };
        match flag.as_str() {
            "--requests" => options.requests = value(MAX_REQUESTS)?,
            "--connections" => options.connections = value(MAX_CONNECTIONS)?,
            other => {
                return Err(format!(
                    "unknown argument {other:?}; use --requests N --connections K"
                ))
            }
        }
    }
    Ok(options)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Signed bodies, ready to send: signing is the client's cost, not the server's.
fn signed_requests(
    key: &SigningKey,
    questions: &[String],
    count: usize,
) -> Vec<(Vec<u8>, String, String)> {
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .to_string();
    (0..count)
        .map(|i| {
            let body = json!({
                "id": format!("{}", 1_000_000 + i),
                "application_id": "1180000000000000000",
                "type": 2,
                "token": format!("load-{i}"),
                "version": 1,
                "channel_id": "645027906669510667",
                "member": { "user": { "id": format!("{}", 10_000 + i % 97) } },
                "data": { "id": "1", "name": "faq", "type": 1, "options": [
                    { "name": "question", "type": 3, "value": questions[i % questions.len()] }
                ] }
            })
            .to_string()
            .into_bytes();
            let signature = hex(&key
                .sign(&[timestamp.as_bytes(), body.as_slice()].concat())
                .to_bytes());
            (body, signature, timestamp.clone())
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let options = options()?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir()?;
    let key = SigningKey::from_bytes(&[7u8; 32]);
    let mut settings = Settings::defaults_in(root);
    settings.index_dir = scratch.path().join("index");
    settings.data_dir = scratch.path().join("data");
    settings.discord.public_key = Some(hex(key.verifying_key().as_bytes()));
    let catalog = Catalog::load(&settings.content_dir)?;
    let questions: Vec<String> = catalog
        .roles
        .iter()
        .flat_map(|r| &r.guides)
        .flat_map(|g| &g.faq)
        .map(|f| f.question.clone())
        .collect();
    if questions.is_empty() {
        return Err("the content has no FAQ questions to ask".into());
    }
    let app = Arc::new(App::new(settings)?);
    let router = http::router(app.clone())?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/interactions", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });

    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(options.connections)
        .build()?;
    let send = |client: reqwest::Client, url: String, (body, signature, timestamp)| async move {
        let started = Instant::now();
        let response = client
            .post(&url)
            .header("content-type", "application/json")
            .header(http::SIGNATURE_HEADER, signature)
            .header(http::TIMESTAMP_HEADER, timestamp)
            .body(body)
            .send()
            .await;
        let ok = match response {
            Ok(response) if response.status().is_success() => {
                response.bytes().await.is_ok_and(|body| {
                    serde_json::from_slice::<serde_json::Value>(&body)
                        .is_ok_and(|answer| answer["type"] == 4)
                })
            }
            _ => false,
        };
        (started.elapsed(), ok)
    };

    for request in signed_requests(&key, &questions, WARM_UP) {
        send(client.clone(), url.clone(), request).await;
    }

    let requests = signed_requests(&key, &questions, options.requests);
    let per_connection = options.requests.div_ceil(options.connections);
    let mut chunks: Vec<Vec<_>> = Vec::new();
    let mut rest = requests.into_iter();
    for _ in 0..options.connections {
        chunks.push(rest.by_ref().take(per_connection).collect());
    }
    let started = Instant::now();
    let workers: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let mut results = Vec::with_capacity(chunk.len());
                for request in chunk {
                    results.push(send(client.clone(), url.clone(), request).await);
                }
                results
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(options.requests);
    let mut failures = 0;
    for worker in workers {
        for (latency, ok) in worker.await? {
            latencies.push(latency);
            failures += usize::from(!ok);
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    println!(
        "POST /interactions (/faq, Ed25519 verified) on 127.0.0.1: {} requests over {} connections in {:.2} s",
        latencies.len(),
        options.connections,
        elapsed.as_secs_f64()
    );
    println!(
        "throughput {:.0} req/s; latency p50 {}, p90 {}, p99 {}, max {}; failures {failures}",
        latencies.len() as f64 / elapsed.as_secs_f64(),
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 90.0)),
        ms(percentile(&latencies, 99.0)),
        ms(percentile(&latencies, 100.0)),
    );
    if failures > 0 {
        return Err(format!("{failures} request(s) failed").into());
    }
    Ok(())
}

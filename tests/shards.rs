//! Gateway shards split across processes, as a deployment: two `careerbot serve` processes with
//! the same `DATABASE_URL`, each against its own loopback Discord stand-in, each identifying only
//! its own shard of two; an interview started through one continues through the other, and each
//! process names its shard (id and count) in its metrics and logs.
//!
//! Skipped with a printed reason without `DATABASE_URL`; failing under `CI=true` (`pg_support`).

mod pg_support;
mod support;

use serde_json::{json, Value};

use support::bot::{Bot, FAKE_TOKEN};
use support::discord_standin::{Handshake, Options, Recorded, StandIn, APPLICATION_ID};
use support::payloads::{self, integer, text, MASON};

/// Every text the user sees in a message: content, embed titles, descriptions, fields.
fn shown(data: &Value) -> String {
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

/// The reply's data: the bot is told never to defer, so it is the initial response.
fn reply_data(callback: &Recorded) -> Value {
    let body = callback.json();
    assert_eq!(body["type"], 4, "answered at once: {body}");
    body["data"].clone()
}

/// The first line of the question a message asks.
fn prompt(data: &Value) -> String {
    data["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Question "))
        })
        .and_then(|e| e["description"].as_str())
        .and_then(|d| d.lines().next())
        .map(|l| l.trim_matches('*').to_string())
        .unwrap_or_else(|| panic!("no question in {data:#}"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain GET of the ops routes.
async fn get(address: String, path: &'static str) -> String {
    tokio::task::spawn_blocking(move || {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    })
    .await
    .unwrap()
}

/// One gateway process running `range` of 2 shards against its own stand-in.
fn gateway(standin: &StandIn, database_url: &str, range: &str, ops: &str) -> Bot {
    Bot::spawn(&[
        ("DISCORD_TOKEN", FAKE_TOKEN),
        ("CAREERBOT_DISCORD_API_URL", standin.api_url.as_str()),
        ("CAREERBOT_DISCORD_APPLICATION_ID", APPLICATION_ID),
        ("CAREERBOT_DISCORD_SHARDS", "2"),
        ("CAREERBOT_DISCORD_SHARD_RANGE", range),
        ("CAREERBOT_HTTP_OPS_LISTEN", ops),
        ("CAREERBOT_INTERVIEW_SEED", "42"),
        ("CAREERBOT_LOG_FORMAT", "json"),
        // Never defer: every reply is the initial response the stand-in records.
        ("CAREERBOT_DISCORD_DEFER_AFTER_MS", "60000"),
        ("DATABASE_URL", database_url),
    ])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_gateway_processes_run_their_own_shards_on_one_database() {
    let Some(url) = pg_support::database_url("two_gateway_processes") else {
        return;
    };
    let schema = pg_support::Schema::fresh(&url, "shards");
    let options = || Options {
        recommended_shards: 2,
        ..Options::default()
    };
    let (first, second) = (
        StandIn::start(options()).await,
        StandIn::start(options()).await,
    );
    let ops = [
        format!("127.0.0.1:{}", free_port()),
        format!("127.0.0.1:{}", free_port()),
    ];
    let zero = gateway(&first, &schema.url, "0..0", &ops[0]);
    let one = gateway(&second, &schema.url, "1..1", &ops[1]);

    for (standin, shard) in [(&first, 0), (&second, 1)] {
        let Handshake::Identify(identify) = standin.wait_handshake(1).await else {
            panic!("the first handshake is an IDENTIFY")
        };
        assert_eq!(identify["shard"], json!([shard, 2]));
    }
    // Only the process with shard 0 registers the commands.
    first
        .wait_request(
            "PUT",
            &format!("/api/v10/applications/{APPLICATION_ID}/commands"),
        )
        .await;
    assert!(!second.requests().iter().any(|r| r.method == "PUT"));

    // Started through shard 0's process…
    let started = reply_data(
        &first
            .interact(payloads::subcommand(
                MASON,
                "interview",
                "start",
                json!([
                    text("kind", "reliability"),
                    text("difficulty", "easy"),
                    integer("questions", 2)
                ]),
            ))
            .await,
    );
    assert!(shown(&started).contains("Question 1 of 2"), "{started:#}");
    let question = prompt(&started);
    // …answered through shard 1's.
    let answered = reply_data(
        &second
            .interact(payloads::subcommand(
                MASON,
                "interview",
                "answer",
                json!([text(
                    "text",
                    "Timeouts, retries with exponential backoff and jitter, a circuit breaker, health checks for liveness and readiness, and metrics, logs and traces."
                )]),
            ))
            .await,
    );
    let text_shown = shown(&answered);
    assert!(
        text_shown.contains("Feedback · question 1 of 2"),
        "{text_shown}"
    );
    assert_ne!(prompt(&answered), question, "on to question 2");
    // And the history through shard 0's again.
    let stats = reply_data(
        &first
            .interact(payloads::subcommand(MASON, "interview", "stats", json!([])))
            .await,
    );
    let text_shown = shown(&stats);
    assert!(text_shown.contains("**1 answered**"), "{text_shown}");
    assert_eq!(schema.count("SELECT COUNT(*) FROM turns"), 1);

    // Each process names its own shard in its metrics and its logs.
    for (n, (bot, other)) in [(&zero, 1), (&one, 0)].into_iter().enumerate() {
        let metrics = get(ops[n].clone(), "/metrics").await;
        assert!(
            metrics.contains(&format!(
                "careerbot_gateway_shard_up{{shard=\"{n}\",shard_count=\"2\"}} 1"
            )),
            "{metrics}"
        );
        assert!(
            !metrics.contains(&format!("shard=\"{other}\"")),
            "only its own shard: {metrics}"
        );
        let interactions = if n == 0 { 2 } else { 1 };
        assert!(
            metrics.contains(&format!(
                "careerbot_gateway_shard_interactions_total{{shard=\"{n}\",shard_count=\"2\"}} {interactions}"
            )),
            "{metrics}"
        );
        let ready = get(ops[n].clone(), "/readyz").await;
        assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
        assert!(ready.contains("postgresql"), "{ready}");
        // The READY line, and every line logged while an interaction is handled (its span).
        let logs = bot.logs();
        let named = |message: &str| {
            logs.lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter(|l| l["fields"]["message"] == message)
                .any(|l| {
                    let fields = if l["fields"]["shard"].is_null() {
                        &l["span"]
                    } else {
                        &l["fields"]
                    };
                    fields["shard"] == n && fields["shard_count"] == 2
                })
        };
        assert!(named("connected to the Discord gateway"), "{logs}");
        assert!(named("interaction received"), "{logs}");
        assert!(
            !bot.data_dir().join("careerbot.sqlite3").exists(),
            "a process on PostgreSQL wrote an SQLite file"
        );
    }
    assert_eq!(first.handshakes().len(), 1);
    assert_eq!(second.handshakes().len(), 1);
}

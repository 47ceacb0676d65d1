//! `careerbot serve` end to end with no internet: the real binary and the real serenity client
//! against the Discord stand-in on loopback (`support::discord_standin`). Registration,
//! every kind of interaction, the answers compared with what the console gives for the same
//! input (one core, one renderer), heartbeats, a dropped and resumed gateway session, sharding
//! settings, token handling (never logged) and graceful shutdown on SIGTERM.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use tempfile::TempDir;

use careerbot::adapters::console::{self, Input, Outcome};
use careerbot::adapters::interaction::registration_payload;
use careerbot::{App, Caller, Settings};

use support::bot::{careerbot, content_dir, Bot, FAKE_TOKEN};
use support::discord_standin::{Handshake, Options, Recorded, StandIn, APPLICATION_ID, WAIT};
use support::payloads::{self, integer, text, Member, CHANNEL_ID, GUILD_ID, MASON, ROBIN};

/// The core in this process, to compare the bot's answers with the console's.
struct Core {
    app: App,
    _dir: TempDir,
}

fn core() -> Core {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::defaults_in(dir.path());
    settings.content_dir = content_dir();
    let app = App::new(settings).expect("the core starts");
    Core { app, _dir: dir }
}

fn caller(member: Member) -> Caller {
    // As the payloads describe the member: in the guild, with every permission.
    Caller {
        user_id: member.id.to_string(),
        channel_id: Some(CHANNEL_ID.to_string()),
        guild_id: Some(GUILD_ID.to_string()),
        permissions: Some(2_147_483_647),
    }
}

impl Core {
    fn run(&self, member: Member, input: Input) -> Value {
        match console::run(&self.app, &caller(member), input) {
            Outcome::Replied(rendered) => rendered.body,
            Outcome::Unknown(message) => panic!("the console refused the line: {message}"),
        }
    }

    fn line(&self, member: Member, line: &str) -> Value {
        self.run(member, Input::Line(line.into()))
    }

    fn click(&self, member: Member, custom_id: &str) -> Value {
        self.run(member, Input::Click(custom_id.into()))
    }

    fn submit(&self, member: Member, custom_id: &str, fields: &[(&str, &str)]) -> Value {
        let fields = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.run(
            member,
            Input::Submit {
                custom_id: custom_id.into(),
                fields,
            },
        )
    }

    fn complete(&self, line: &str) -> Value {
        json!({ "type": 8, "data": console::complete(&self.app, &caller(MASON), line).unwrap() })
    }
}

fn bot_env<'a>(standin: &'a StandIn, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("DISCORD_TOKEN", FAKE_TOKEN),
        ("CAREERBOT_DISCORD_API_URL", standin.api_url.as_str()),
        ("CAREERBOT_DISCORD_APPLICATION_ID", APPLICATION_ID),
    ];
    env.extend_from_slice(extra);
    env
}

/// Waits for the process to exit without blocking the runtime the stand-in runs on.
async fn exit_of(mut bot: Bot) -> (Option<std::process::ExitStatus>, String) {
    tokio::task::spawn_blocking(move || {
        let status = bot.wait_exit(WAIT);
        (status, bot.logs())
    })
    .await
    .unwrap()
}

fn assert_no_token(logs: &str) {
    for secret in [FAKE_TOKEN, FAKE_TOKEN.rsplit('.').next().unwrap()] {
        assert!(
            !logs.contains(secret),
            "the logs contain the token:\n{logs}"
        );
    }
}

/// The message the user ends up with: the initial response's data, or — when the bot deferred
/// — the edit of the original response or the ephemeral follow-up that replaced it.
async fn final_message(standin: &StandIn, callback: &Recorded) -> (Value, Recorded) {
    let body = callback.json();
    if body["type"] != 5 {
        return (body["data"].clone(), callback.clone());
    }
    let token = callback.path.split('/').nth(4).unwrap().to_string();
    let edit = format!("/api/v10/webhooks/{APPLICATION_ID}/{token}/messages/@original");
    let follow_up = format!("/api/v10/webhooks/{APPLICATION_ID}/{token}");
    let last = standin
        .wait_for("the deferred answer", |s| {
            s.requests().into_iter().find(|r| {
                (r.method == "PATCH" && r.path == edit)
                    || (r.method == "POST" && r.path == follow_up)
            })
        })
        .await;
    (last.json(), last)
}

/// Everything a user reads in a message: content, embed titles, descriptions, fields, footers.
fn message_text(data: &Value) -> String {
    let mut out = data["content"].as_str().unwrap_or_default().to_string();
    for embed in data["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            out.push('\n');
            out.push_str(embed[key].as_str().unwrap_or_default());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            out.push_str(&format!(
                "\n{}\n{}",
                field["name"].as_str().unwrap_or_default(),
                field["value"].as_str().unwrap_or_default()
            ));
        }
        out.push('\n');
        out.push_str(embed["footer"]["text"].as_str().unwrap_or_default());
    }
    out
}

fn is_ephemeral(data: &Value) -> bool {
    data["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_registers_answers_every_kind_of_interaction_resumes_and_stops_cleanly() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(&standin, &[("CAREERBOT_LOG_LEVEL", "trace")]));
    let core = tokio::task::spawn_blocking(core).await.unwrap();

    // The commands are registered globally from the one declaration, authenticated as the bot.
    let put = standin
        .wait_request(
            "PUT",
            &format!("/api/v10/applications/{APPLICATION_ID}/commands"),
        )
        .await;
    assert_eq!(put.json(), registration_payload());
    assert_eq!(
        put.authorization.as_deref(),
        Some(format!("Bot {FAKE_TOKEN}").as_str())
    );

    // Autosharding asks Discord how many shards; the bot identifies with no intents at all.
    let Handshake::Identify(identify) = standin.wait_handshake(1).await else {
        panic!("the first handshake is an IDENTIFY")
    };
    assert!(standin
        .requests()
        .iter()
        .any(|r| r.method == "GET" && r.path == "/api/v10/gateway/bot"));
    assert_eq!(identify["intents"], 0, "{identify:#}");
    assert_eq!(identify["shard"], json!([0, 1]));
    assert!(identify["token"].as_str().unwrap().ends_with(FAKE_TOKEN));

    // An application command: the very answer the console gives, public, with its sources.
    let faq_line = "/faq question:how much does a backend engineer earn";
    let faq = || {
        payloads::command(
            MASON,
            "faq",
            json!([text("question", "how much does a backend engineer earn")]),
        )
    };
    let answer = standin.interact(faq()).await.json();
    assert_eq!(answer, core.line(MASON, faq_line));
    assert_eq!(answer["type"], 4);
    assert!(!is_ephemeral(&answer["data"]));
    assert_eq!(answer["data"]["allowed_mentions"], json!({ "parse": [] }));
    let footer = answer["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap_or_default();
    assert!(footer.contains("Source"), "{answer:#}");

    let help = standin
        .interact(payloads::command(MASON, "help", json!([])))
        .await
        .json();
    assert_eq!(help, core.line(MASON, "/help"));

    // Autocomplete: the core's suggestions, as an autocomplete result.
    let suggestions = standin
        .interact(payloads::autocomplete(MASON, "faq", "question", "sal"))
        .await
        .json();
    assert_eq!(suggestions, core.complete("/faq question:sal"));
    assert!(suggestions["data"]["choices"].is_array());

    // A value the declaration refuses gets a private, clear answer.
    let refused = standin
        .interact(payloads::command(
            MASON,
            "salary",
            json!([integer("years", 99)]),
        ))
        .await
        .json();
    assert_eq!(refused["type"], 4);
    assert!(is_ephemeral(&refused["data"]), "{refused:#}");
    assert!(
        message_text(&refused["data"]).contains("years"),
        "{refused:#}"
    );

    // A command Discord still shows but the bot no longer declares (a stale registration).
    let stale = standin
        .interact(payloads::command(MASON, "gone", json!([])))
        .await
        .json();
    assert!(is_ephemeral(&stale["data"]), "{stale:#}");

    // A button click and a modal submit: the same answers as the console's --click/--submit.
    let message = payloads::message_from(&help["data"]);
    let custom_id = format!("iv:hint:{}", MASON.id);
    let click = standin
        .interact(payloads::button(MASON, &custom_id, message))
        .await
        .json();
    assert_eq!(click, core.click(MASON, &custom_id));
    let fields = [("answer", "I would add a queue in front of the writes.")];
    let modal_id = format!("iv:modal:{}", MASON.id);
    let submitted = standin
        .interact(payloads::modal_submit(MASON, &modal_id, &fields))
        .await
        .json();
    assert_eq!(submitted, core.submit(MASON, &modal_id, &fields));

    // The bot heartbeats and the stand-in acknowledges.
    standin
        .wait_for("a heartbeat", |s| {
            (!s.heartbeats().is_empty()).then_some(())
        })
        .await;

    // Discord drops the connection: the bot resumes its session (no new IDENTIFY) from the
    // last event it saw, and answers the next interaction.
    let last_seq = standin.last_seq();
    standin.close_gateway(4000).await;
    let Handshake::Resume(resume) = standin.wait_handshake(2).await else {
        panic!("the bot re-identified instead of resuming")
    };
    assert_eq!(resume["session_id"], "standin-session-1");
    assert_eq!(resume["seq"], last_seq);
    let after = standin.interact(faq()).await.json();
    assert_eq!(after, core.line(MASON, faq_line));

    // SIGTERM: the gateway is closed normally and the process exits 0, promptly.
    bot.terminate();
    let (status, logs) = exit_of(bot).await;
    let status = status.unwrap_or_else(|| panic!("no exit within {WAIT:?} of SIGTERM:\n{logs}"));
    assert!(status.success(), "exit {status:?}:\n{logs}");
    assert!(standin.closes_from_bot().contains(&Some(1000)));
    for line in [
        "slash commands registered",
        "connected to the Discord gateway",
        "gateway session resumed",
        "shutting down",
        "careerbot stopped",
        // serenity's own debug lines around IDENTIFY and RESUME are in the log too, so the
        // check below covers them.
        "Identifying",
        "Sending resume",
    ] {
        assert!(logs.contains(line), "missing {line:?} in:\n{logs}");
    }
    assert_no_token(&logs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guild_registration_with_the_application_id_from_discord_and_a_token_file() {
    let standin = StandIn::start(Options::default()).await;
    let secrets = tempfile::tempdir().unwrap();
    let token_file = secrets.path().join("discord_token");
    std::fs::write(&token_file, format!("{FAKE_TOKEN}\n")).unwrap();
    let token_file = token_file.to_str().unwrap();
    let bot = Bot::spawn(&[
        ("CAREERBOT_DISCORD_TOKEN_FILE", token_file),
        ("CAREERBOT_DISCORD_API_URL", standin.api_url.as_str()),
        ("CAREERBOT_DISCORD_GUILD_ID", GUILD_ID),
    ]);
    let lookup = standin
        .wait_request("GET", "/api/v10/oauth2/applications/@me")
        .await;
    assert_eq!(
        lookup.authorization.as_deref(),
        Some(format!("Bot {FAKE_TOKEN}").as_str())
    );
    let put = standin
        .wait_request(
            "PUT",
            &format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"),
        )
        .await;
    assert_eq!(put.json(), registration_payload());
    standin.wait_handshake(1).await;
    let help = standin
        .interact(payloads::command(ROBIN, "help", json!([])))
        .await
        .json();
    assert_eq!(help["type"], 4);
    assert!(
        !standin
            .requests()
            .iter()
            .any(|r| r.path == format!("/api/v10/applications/{APPLICATION_ID}/commands")),
        "registered globally as well"
    );
    drop(bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_serves_health_readiness_and_metrics_on_the_ops_address() {
    let standin = StandIn::start(Options::default()).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let ops = format!("127.0.0.1:{port}");
    let bot = Bot::spawn(&bot_env(&standin, &[("CAREERBOT_HTTP_OPS_LISTEN", &ops)]));
    standin.wait_handshake(1).await;
    let help = standin
        .interact(payloads::command(ROBIN, "help", json!([])))
        .await
        .json();
    assert_eq!(help["type"], 4);
    let started = standin
        .interact(payloads::subcommand(MASON, "interview", "start", json!([])))
        .await
        .json();
    assert_eq!(started["type"], 4, "{started}");

    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let get = |path: &str| client.get(format!("http://{ops}{path}")).send();
    let health = get("/healthz").await.expect("the ops address answers");
    assert_eq!(health.status(), 200);
    let ready = get("/readyz").await.unwrap();
    assert_eq!(ready.status(), 200);
    let report: Value = serde_json::from_str(&ready.text().await.unwrap()).unwrap();
    assert_eq!(report["checks"]["database"]["ok"], true, "{report}");
    let metrics = get("/metrics").await.unwrap().text().await.unwrap();
    for line in [
        "careerbot_commands_total{command=\"help\",outcome=\"ok\"} 1",
        "careerbot_commands_total{command=\"interview.start\",outcome=\"ok\"} 1",
        "careerbot_active_interview_sessions 1",
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "{line} missing from:\n{metrics}"
        );
    }

    // The ops server stops with the bot and does not keep the app (and its database) alive.
    bot.terminate();
    let (status, logs) = exit_of(bot).await;
    let status = status.unwrap_or_else(|| panic!("no exit within {WAIT:?} of SIGTERM:\n{logs}"));
    assert!(status.success(), "exit {status:?}:\n{logs}");
    assert!(logs.contains("careerbot stopped"), "{logs}");
    assert!(!logs.contains("still in use"), "{logs}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shard_range_runs_only_its_shards_and_leaves_registration_to_shard_zero() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(
        &standin,
        &[
            ("CAREERBOT_DISCORD_SHARDS", "2"),
            ("CAREERBOT_DISCORD_SHARD_RANGE", "1..1"),
        ],
    ));
    let Handshake::Identify(identify) = standin.wait_handshake(1).await else {
        panic!("the first handshake is an IDENTIFY")
    };
    assert_eq!(identify["shard"], json!([1, 2]));
    // Registration would have happened before connecting.
    assert!(
        !standin.requests().iter().any(|r| r.method == "PUT"),
        "a process without shard 0 registered the commands"
    );
    let help = standin
        .interact(payloads::command(MASON, "help", json!([])))
        .await
        .json();
    assert_eq!(help["type"], 4);
    assert_eq!(standin.handshakes().len(), 1, "only one shard connected");
    drop(bot);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_rejects_is_a_clear_error_that_never_shows_the_token() {
    let standin = StandIn::start(Options {
        reject_token: true,
        ..Options::default()
    })
    .await;
    let bot = Bot::spawn(&bot_env(&standin, &[("CAREERBOT_LOG_LEVEL", "debug")]));
    let (status, logs) = exit_of(bot).await;
    let status = status.expect("the bot gives up");
    assert!(!status.success());
    assert!(logs.contains("rejected the token"), "{logs}");
    assert_no_token(&logs);
    assert_eq!(
        standin.connections(),
        0,
        "it connected to the gateway anyway"
    );

    // A process that registers nothing (no shard 0) finds out just as early.
    let bot = Bot::spawn(&bot_env(
        &standin,
        &[
            ("CAREERBOT_DISCORD_SHARDS", "2"),
            ("CAREERBOT_DISCORD_SHARD_RANGE", "1..1"),
        ],
    ));
    let (status, logs) = exit_of(bot).await;
    assert!(!status.expect("the bot gives up").success());
    assert!(logs.contains("rejected the token"), "{logs}");
    assert_eq!(
        standin.connections(),
        0,
        "it connected to the gateway anyway"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_that_refuses_the_token_stops_the_bot_with_a_clear_error() {
    let standin = StandIn::start(Options {
        close_on_identify: Some(4004),
        ..Options::default()
    })
    .await;
    let bot = Bot::spawn(&bot_env(&standin, &[("CAREERBOT_LOG_LEVEL", "debug")]));
    let (status, logs) = exit_of(bot).await;
    let status = status.unwrap_or_else(|| panic!("still running after a 4004 close:\n{logs}"));
    assert!(!status.success(), "{logs}");
    assert!(logs.contains("gateway rejected the token"), "{logs}");
    assert_eq!(
        standin.handshakes().len(),
        1,
        "it tried again with a rejected token"
    );
    assert_no_token(&logs);
}

#[test]
fn a_missing_or_malformed_token_is_refused_before_connecting() {
    let not_a_token = "this is not a token";
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[], "DISCORD_TOKEN"),
        (&[("DISCORD_TOKEN", not_a_token)], "malformed"),
        (&[("DISCORD_TOKEN", "abc.def")], "malformed"),
    ];
    for (env, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let output = careerbot(dir.path())
            .envs(env.iter().copied())
            // Nothing may be contacted: a request here would fail loudly.
            .env("CAREERBOT_DISCORD_API_URL", "http://127.0.0.1:9")
            .arg("serve")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{env:?}: {stderr}");
        assert!(stderr.contains(expected), "{env:?}: {stderr}");
        assert!(!stderr.contains(not_a_token), "{stderr}");
        assert!(
            !dir.path().join("index").exists(),
            "{env:?}: work started before the token was checked"
        );
    }
}

/// A whole mock interview through buttons and the modal, with the gateway dropped in the
/// middle. Custom ids are read from the bot's replies: `iv:answer:` buttons open a modal
/// `iv:modal:` with a text input `answer`; the feedback is ephemeral with `Score: N/100`; End
/// (an `iv:end:` button, or the button labelled End) gives the summary.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_interview_through_buttons_and_the_modal_survives_a_dropped_gateway() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(&standin, &[("CAREERBOT_INTERVIEW_SEED", "7")]));
    standin.wait_handshake(1).await;

    let start = standin
        .interact(payloads::subcommand(MASON, "interview", "start", json!([])))
        .await;
    let (question, _) = final_message(&standin, &start).await;
    let answer_id = payloads::buttons(&question)
        .into_iter()
        .map(|(id, _)| id)
        .find(|id| id.starts_with("iv:answer:"))
        .unwrap_or_else(|| panic!("no Answer button in {question:#}"));

    // Someone else's click is refused politely, in private, and opens no form.
    let intruder = standin
        .interact(payloads::button(
            ROBIN,
            &answer_id,
            payloads::message_from(&question),
        ))
        .await
        .json();
    assert_eq!(intruder["type"], 4, "{intruder:#}");
    assert!(is_ephemeral(&intruder["data"]), "{intruder:#}");

    // Answer opens the modal.
    let modal = standin
        .interact(payloads::button(
            MASON,
            &answer_id,
            payloads::message_from(&question),
        ))
        .await
        .json();
    assert_eq!(modal["type"], 9, "{modal:#}");
    let modal_id = modal["data"]["custom_id"].as_str().unwrap().to_string();
    assert!(modal_id.starts_with("iv:modal:"), "{modal_id}");
    let inputs: Vec<&str> = modal["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().unwrap())
        .filter_map(|c| c["custom_id"].as_str())
        .collect();
    assert!(inputs.contains(&"answer"), "{modal:#}");

    // The gateway drops while the user types; the bot resumes.
    standin.close_gateway(4000).await;
    assert!(matches!(
        standin.wait_handshake(2).await,
        Handshake::Resume(_)
    ));

    let answer = "I would clarify the requirements and the expected load first, then design the \
        API, pick a relational database with replication and indexes, put a cache in front of \
        hot reads and a queue in front of slow writes, and monitor latency, errors and saturation.";
    let submitted = standin
        .interact(payloads::modal_submit(
            MASON,
            &modal_id,
            &[("answer", answer)],
        ))
        .await;
    let (feedback, _) = final_message(&standin, &submitted).await;
    assert!(is_ephemeral(&feedback), "{feedback:#}");
    let text = message_text(&feedback);
    let score = text
        .split("Score: ")
        .nth(1)
        .and_then(|rest| rest.split("/100").next())
        .and_then(|n| n.trim().parse::<u32>().ok())
        .unwrap_or_else(|| panic!("no `Score: N/100` in {text}"));
    assert!(score <= 100);
    let further = payloads::buttons(&feedback);
    assert!(!further.is_empty(), "{feedback:#}");

    let end_id = further
        .iter()
        .chain(payloads::buttons(&question).iter())
        .find(|(id, label)| id.starts_with("iv:end:") || label == "End")
        .map(|(id, _)| id.clone())
        .unwrap_or_else(|| panic!("no End button in {feedback:#} or {question:#}"));
    let ended = standin
        .interact(payloads::button(
            MASON,
            &end_id,
            payloads::message_from(&feedback),
        ))
        .await;
    let (summary, _) = final_message(&standin, &ended).await;
    assert!(
        !message_text(&summary).trim().is_empty(),
        "an empty summary: {summary:#}"
    );
    drop(bot);
}

/// `/salary` answers with a chart uploaded as an attachment (a PNG the embed shows), whether
/// the bot answered at once or deferred first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salary_answers_with_the_chart_as_an_attachment() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(&standin, &[]));
    standin.wait_handshake(1).await;
    let callback = standin
        .interact(payloads::command(MASON, "salary", json!([])))
        .await;
    let (data, carrier) = final_message(&standin, &callback).await;
    let files = carrier.files();
    assert_eq!(files.len(), 1, "{data:#}");
    let file = &files[0];
    let filename = file.filename.clone().unwrap();
    assert!(filename.ends_with(".png"), "{filename}");
    assert!(file.data.starts_with(b"\x89PNG"), "not a PNG");
    assert_eq!(data["attachments"][0]["filename"], filename.as_str());
    let shown = data["embeds"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["image"]["url"] == format!("attachment://{filename}"));
    assert!(shown, "no embed shows the chart: {data:#}");
    assert_eq!(data["allowed_mentions"], json!({ "parse": [] }));
    drop(bot);
}

/// A duplicated INTERACTION_CREATE (a resumed session replaying an event, a second process on
/// the same shard) changes the interview once, and both deliveries answer the user the same way.
/// Runs at trace level: neither the bot token nor an interaction token may reach the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicated_interaction_changes_things_once_and_no_token_reaches_trace_logs() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(&standin, &[("RUST_LOG", "trace")]));
    standin.wait_handshake(1).await;
    let start = standin
        .interact(payloads::subcommand(MASON, "interview", "start", json!([])))
        .await;
    final_message(&standin, &start).await;

    for (round, sub) in ["hint", "skip"].into_iter().enumerate() {
        let payload = payloads::subcommand(MASON, "interview", sub, json!([]));
        let callback = format!(
            "/api/v10/interactions/{}/{}/callback",
            payload["id"].as_str().unwrap(),
            payload["token"].as_str().unwrap()
        );
        standin
            .dispatch("INTERACTION_CREATE", payload.clone())
            .await;
        standin
            .dispatch("INTERACTION_CREATE", payload.clone())
            .await;
        let answers = standin
            .wait_for("both deliveries answered", |s| {
                let answers: Vec<Value> = s
                    .requests()
                    .into_iter()
                    .filter(|r| r.method == "POST" && r.path == callback)
                    .map(|r| r.json())
                    .collect();
                (answers.len() == 2).then_some(answers)
            })
            .await;
        assert_eq!(
            answers[0], answers[1],
            "{sub}: the repeat gets the first reply"
        );
        use careerbot::store::Store;
        let store =
            careerbot::store::SqliteStore::open(&bot.data_dir().join("careerbot.sqlite3")).unwrap();
        let session = store
            .active_session(MASON.id, payloads::CHANNEL_ID)
            .unwrap()
            .expect("the interview is still going");
        let expected = if round == 0 { (0, 1) } else { (1, 0) };
        assert_eq!(
            (session.position, session.hints_shown),
            expected,
            "{sub} applied once"
        );
    }

    let token = payloads::command(MASON, "help", json!([]));
    let interaction_token = token["token"].as_str().unwrap().to_string();
    standin.interact(token).await;
    let logs = bot.logs();
    // RUST_LOG took effect: the default (info) would show no DEBUG line.
    assert!(
        logs.contains("DEBUG"),
        "RUST_LOG=trace was ignored:\n{logs}"
    );
    assert_no_token(&logs);
    assert!(
        !logs.contains(&interaction_token) && !logs.contains("unique-interaction-token"),
        "an interaction token reached the log"
    );
}

/// Which transport a shutdown case runs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Transport {
    Gateway,
    Http,
}

/// Starts `careerbot http` against the stand-in and returns it with its base URL.
async fn http_endpoint(
    standin: &StandIn,
    extra: &[(&str, &str)],
) -> (Bot, String, ed25519_dalek::SigningKey) {
    let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let public: String = key
        .verifying_key()
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let mut env = vec![
        ("DISCORD_PUBLIC_KEY", public.as_str()),
        ("CAREERBOT_DISCORD_API_URL", standin.api_url.as_str()),
        ("CAREERBOT_DISCORD_APPLICATION_ID", APPLICATION_ID),
        ("CAREERBOT_HTTP_LISTEN", listen.as_str()),
    ];
    env.extend_from_slice(extra);
    let bot = Bot::spawn_command("http", &env);
    let base = format!("http://{listen}");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let started = std::time::Instant::now();
    while !matches!(client.get(format!("{base}/healthz")).send().await, Ok(r) if r.status().is_success())
    {
        assert!(
            started.elapsed() < WAIT,
            "the endpoint did not come up:\n{}",
            bot.logs()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (bot, base, key)
}

/// SIGTERM while deferred replies are still on their way to Discord (the stand-in holds every
/// webhook call): within the grace period each is delivered before the process exits; past it,
/// each one given up is logged with its interaction id. Both transports, the same lifecycle.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_delivers_deferred_replies_within_the_grace_period() {
    use ed25519_dalek::Signer;
    const PENDING: usize = 5;
    // (transport, grace seconds, webhook delay ms, delivered)
    let cases = [
        (Transport::Gateway, "10", 1500, true),
        (Transport::Http, "10", 1500, true),
        (Transport::Gateway, "1", 6000, false),
        (Transport::Http, "1", 6000, false),
    ];
    for (transport, grace, delay, delivered) in cases {
        let case = format!("{transport:?}, grace {grace} s, webhook delay {delay} ms");
        let standin = StandIn::start(Options {
            webhook_delay_ms: delay,
            ..Options::default()
        })
        .await;
        // Replies take 300 ms longer (`src/fault.rs`), so each is certainly deferred: a reply
        // ready in a millisecond could beat the 1 ms timer on a loaded machine.
        let settings = [
            ("CAREERBOT_DISCORD_DEFER_AFTER_MS", "1"),
            ("CAREERBOT_DISCORD_SHUTDOWN_GRACE_SECONDS", grace),
            (careerbot::fault::ENV, careerbot::fault::SLOW_REPLIES),
        ];
        let mut ids = Vec::new();
        let bot = match transport {
            Transport::Gateway => {
                let bot = Bot::spawn(&bot_env(&standin, &settings));
                standin.wait_handshake(1).await;
                for n in 0..PENDING {
                    // Different years each: a repeated command would come from the reply cache
                    // before the deferral is due.
                    let years = json!([{"name": "years", "type": 4, "value": n + 1}]);
                    let payload = payloads::command(MASON, "salary", years);
                    ids.push(payload["id"].as_str().unwrap().to_string());
                    let first = standin.interact(payload).await.json();
                    assert_eq!(first["type"], 5, "{case}: deferred");
                }
                bot
            }
            Transport::Http => {
                let (bot, base, key) = http_endpoint(&standin, &settings).await;
                let client = reqwest::Client::builder().no_proxy().build().unwrap();
                for n in 0..PENDING {
                    let years = json!([{"name": "years", "type": 4, "value": n + 1}]);
                    let mut payload = payloads::command(MASON, "salary", years);
                    payload["token"] = json!(format!("shutdown-token-{n}"));
                    ids.push(payload["id"].as_str().unwrap().to_string());
                    let body = payload.to_string();
                    let timestamp = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap()
                        .as_secs()
                        .to_string();
                    let signature: String = key
                        .sign(&[timestamp.as_bytes(), body.as_bytes()].concat())
                        .to_bytes()
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect();
                    let answer = client
                        .post(format!("{base}/interactions"))
                        .header("content-type", "application/json")
                        .header("X-Signature-Ed25519", signature)
                        .header("X-Signature-Timestamp", timestamp)
                        .body(body)
                        .send()
                        .await
                        .unwrap()
                        .text()
                        .await
                        .unwrap();
                    let first: Value = serde_json::from_str(&answer)
                        .unwrap_or_else(|e| panic!("{case}: {e}: {answer}"));
                    assert_eq!(first["type"], 5, "{case}: deferred");
                }
                bot
            }
        };
        bot.terminate();
        let (status, logs) = exit_of(bot).await;
        assert!(
            status.is_some_and(|s| s.success()),
            "{case}: {status:?}\n{logs}"
        );
        let edits = standin
            .requests()
            .iter()
            .filter(|r| r.method == "PATCH" && r.path.contains("/messages/@original"))
            .count();
        assert_eq!(edits, PENDING, "{case}: every deferred reply was sent");
        if delivered {
            assert!(
                logs.contains("every interaction in flight was answered"),
                "{case}\n{logs}"
            );
            assert!(!logs.contains("abandoned"), "{case}\n{logs}");
        } else {
            for id in &ids {
                assert!(
                    logs.lines()
                        .any(|line| line.contains("abandoned") && line.contains(id.as_str())),
                    "{case}: {id} not logged as abandoned\n{logs}"
                );
            }
        }
    }
}

/// Issue 15 against the stand-in: `/admin` refused to a member without Manage Server (whatever
/// the client shows) and allowed to one with it; a staff entry then answers `/faq` cited as
/// staff; the message command's private answer and its public post; the registration's
/// contexts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_permissions_staff_entries_and_the_message_command() {
    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn(&bot_env(&standin, &[]));
    let put = standin
        .wait_request(
            "PUT",
            &format!("/api/v10/applications/{APPLICATION_ID}/commands"),
        )
        .await;
    let registered = put.json();
    for command in registered.as_array().unwrap() {
        let admin = command["name"] == "admin";
        assert_eq!(
            command["contexts"],
            if admin { json!([0]) } else { json!([0, 1, 2]) },
            "{command}"
        );
        assert_eq!(
            command["integration_types"],
            if admin { json!([0]) } else { json!([0, 1]) }
        );
    }
    let admin = registered
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "admin")
        .unwrap();
    assert_eq!(admin["default_member_permissions"], "32");
    assert!(registered
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["type"] == 3 && c["name"] == "Answer from the guides"));
    standin.wait_handshake(1).await;

    let add = || {
        payloads::grouped(
            ROBIN,
            "admin",
            "faq",
            "add",
            json!([
                text("question", "Where do we meet for mock interviews?"),
                text(
                    "answer",
                    "Thursdays 18:00 UTC in the #mock-interviews voice channel."
                )
            ]),
        )
    };
    // The client hides /admin from members without Manage Server, but a payload can still
    // arrive (a stale client, a crafted request): the bot checks the permissions itself.
    for bits in ["0", "2048"] {
        let refused = standin
            .interact(payloads::with_permissions(add(), bits))
            .await
            .json();
        assert!(is_ephemeral(&refused["data"]), "{refused:#}");
        assert!(
            message_text(&refused["data"]).contains("needs the Manage Server permission"),
            "{refused:#}"
        );
    }
    let faq = || {
        payloads::command(
            MASON,
            "faq",
            json!([text("question", "where do we meet for mock interviews")]),
        )
    };
    let (before, _) = final_message(&standin, &standin.interact(faq()).await).await;
    assert!(!message_text(&before).contains("Thursdays"), "{before:#}");

    let added = standin
        .interact(payloads::with_permissions(add(), "32"))
        .await
        .json();
    assert!(
        message_text(&added["data"]).starts_with("Added."),
        "{added:#}"
    );
    let (answer, _) = final_message(&standin, &standin.interact(faq()).await).await;
    let shown = message_text(&answer);
    // User text is escaped for markdown (`18\:00`); Discord shows it as typed.
    assert!(shown.contains("Thursdays 18\\:00 UTC"), "{answer:#}");
    assert!(
        shown.contains("*Added by this server's staff*"),
        "{answer:#}"
    );
    assert_eq!(answer["allowed_mentions"], json!({ "parse": [] }));

    // The message command: private, cited, with a button that posts the same answer publicly.
    let asked = standin
        .interact(payloads::message_command(
            MASON,
            "Answer from the guides",
            "what certifications should a backend engineer get?",
        ))
        .await;
    let (private, _) = final_message(&standin, &asked).await;
    assert!(is_ephemeral(&private), "{private:#}");
    assert!(message_text(&private).contains("Source:"), "{private:#}");
    let buttons = payloads::buttons(&private);
    let (share_id, label) = buttons.first().cloned().expect("a Post publicly button");
    assert_eq!(label, "Post publicly");
    let shared = standin
        .interact(payloads::button(
            MASON,
            &share_id,
            payloads::message_from(&private),
        ))
        .await;
    let (public, _) = final_message(&standin, &shared).await;
    assert!(!is_ephemeral(&public), "{public:#}");
    assert_eq!(public["embeds"], private["embeds"]);
    assert_eq!(public["allowed_mentions"], json!({ "parse": [] }));
    drop(bot);
}

/// The daily question at a faked clock time: the gateway bot runs in this process with a manual
/// clock, so the test moves time instead of waiting for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_daily_question_posts_once_at_its_time_and_answers_build_a_streak() {
    use careerbot::clock::ManualClock;
    use std::sync::Arc;

    let standin = StandIn::start(Options::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = Settings::defaults_in(dir.path());
    settings.content_dir = content_dir();
    settings.discord.api_url = Some(standin.api_url.clone());
    settings.discord.application_id = Some(APPLICATION_ID.parse().unwrap());
    let token = settings
        .discord_token(&|name| (name == "DISCORD_TOKEN").then(|| FAKE_TOKEN.to_string()))
        .unwrap();
    // 2026-01-01 08:58 UTC.
    let clock = Arc::new(ManualClock::new(1_767_225_600 + 8 * 3600 + 58 * 60));
    let catalog = careerbot::content::Catalog::load(&content_dir()).unwrap();
    let search = careerbot::search::SearchIndex::in_memory(&catalog).unwrap();
    let store = careerbot::store::SqliteStore::open(&dir.path().join("careerbot.sqlite3")).unwrap();
    let app = App::from_parts(settings, catalog, search, clock.clone(), Arc::new(store));
    let bot = tokio::spawn(careerbot::adapters::discord::serve(app, token));
    standin.wait_handshake(1).await;

    let daily_channel = "645027906669510999";
    let configured = standin
        .interact(payloads::with_permissions(
            payloads::subcommand(
                ROBIN,
                "admin",
                "daily",
                json!([
                    { "name": "channel", "type": 7, "value": daily_channel },
                    text("time", "09:00"),
                    text("timezone", "UTC")
                ]),
            ),
            "32",
        ))
        .await
        .json();
    assert!(
        message_text(&configured["data"]).contains("at 09:00 (UTC+00:00)"),
        "{configured:#}"
    );
    let posts = |s: &StandIn| {
        s.requests()
            .into_iter()
            .filter(|r| {
                r.method == "POST"
                    && r.path == format!("/api/v10/channels/{daily_channel}/messages")
            })
            .count()
    };
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(posts(&standin), 0, "not before its time");

    clock.advance(2 * 60);
    let post = standin
        .wait_request(
            "POST",
            &format!("/api/v10/channels/{daily_channel}/messages"),
        )
        .await
        .json();
    insta::assert_json_snapshot!("daily_post", post);
    assert_eq!(
        post["allowed_mentions"],
        json!({ "parse": [] }),
        "nobody is pinged"
    );
    let thread = standin
        .wait_request(
            "POST",
            &format!("/api/v10/channels/{daily_channel}/messages/900000000000000001/threads"),
        )
        .await
        .json();
    assert_eq!(thread["name"], "Daily question 2026-01-01");
    // Later the same day: nothing more.
    clock.advance(60);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(posts(&standin), 1, "posted once");

    // Answer it: a private form, a private score, a streak; the leaderboard is opt-in.
    let (answer_id, _) = payloads::buttons(&post).into_iter().next().unwrap();
    let mut posted = payloads::message_from(&post);
    posted["channel_id"] = json!(daily_channel);
    let form = standin
        .interact(payloads::button(MASON, &answer_id, posted))
        .await
        .json();
    assert_eq!(form["type"], 9, "{form:#}");
    let modal_id = form["data"]["custom_id"].as_str().unwrap().to_string();
    let scored = standin
        .interact(payloads::modal_submit(
            MASON,
            &modal_id,
            &[("answer", "I would start from the requirements and the read/write ratio, put a load balancer in front of stateless services, cache hot reads in Redis, and shard the database by key as it grows, with replicas for reads.")],
        ))
        .await;
    let (scored, _) = final_message(&standin, &scored).await;
    assert!(is_ephemeral(&scored), "{scored:#}");
    let shown = message_text(&scored);
    assert!(
        shown.contains("Recorded. Your streak: 1 day."),
        "{scored:#}"
    );
    assert!(shown.contains("Score:"), "{scored:#}");

    let show = || payloads::grouped(ROBIN, "interview", "leaderboard", "show", json!([]));
    let (empty, _) = final_message(&standin, &standin.interact(show()).await).await;
    assert!(
        message_text(&empty).contains("Nobody has joined"),
        "{empty:#}"
    );
    standin
        .interact(payloads::grouped(
            MASON,
            "interview",
            "leaderboard",
            "join",
            json!([]),
        ))
        .await;
    let (board, _) = final_message(&standin, &standin.interact(show()).await).await;
    let board_text = message_text(&board);
    assert!(
        board_text.contains(&format!("1. <@{}> — streak 1, 1 answered", MASON.id)),
        "{board:#}"
    );
    assert_eq!(
        board["allowed_mentions"],
        json!({ "parse": [] }),
        "named, not pinged"
    );
    bot.abort();
}

/// SIGHUP reloads `content/` in a running bot: a broken guide is refused (logged, the old
/// content keeps answering); a fixed one is taken and answers use it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_reloads_content_and_keeps_the_old_on_failure() {
    let copy = tempfile::tempdir().unwrap();
    let content = copy.path().join("content");
    copy_dir(&content_dir(), &content);
    let guide = content.join("backend-engineer/guides/career-guide.toml");
    let original = std::fs::read_to_string(&guide).unwrap();

    let standin = StandIn::start(Options::default()).await;
    let bot = Bot::spawn_with_content("serve", &content, &bot_env(&standin, &[]));
    standin.wait_handshake(1).await;
    let ask = || {
        payloads::command(
            MASON,
            "faq",
            json!([text("question", "what is a backend engineer")]),
        )
    };
    let (before, _) = final_message(&standin, &standin.interact(ask()).await).await;

    std::fs::write(&guide, format!("{original}\n[[broken\n")).unwrap();
    bot.signal("HUP");
    let logs = wait_for_log(&bot, "reload on SIGHUP failed").await;
    assert!(
        logs.contains("career-guide.toml"),
        "the report names the file:\n{logs}"
    );
    let (during, _) = final_message(&standin, &standin.interact(ask()).await).await;
    assert_eq!(
        during["embeds"], before["embeds"],
        "the old content still answers"
    );

    std::fs::write(
        &guide,
        original.replacen(
            "A backend engineer focuses on server-side development",
            "A backend engineer (reloaded) focuses on server-side development",
            1,
        ),
    )
    .unwrap();
    bot.signal("HUP");
    wait_for_log(&bot, "content reloaded on SIGHUP").await;
    let (after, _) = final_message(&standin, &standin.interact(ask()).await).await;
    assert!(message_text(&after).contains("(reloaded)"), "{after:#}");
    drop(bot);
}

async fn wait_for_log(bot: &Bot, text: &str) -> String {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let logs = bot.logs();
        if logs.contains(text) {
            return logs;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no {text:?} in the logs:\n{logs}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

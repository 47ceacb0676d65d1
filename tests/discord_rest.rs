//! The gateway adapter's REST side in-process, through serenity's real HTTP client pointed at
//! the stand-in with `discord.api_url`: what goes over the wire for a reply answered at once,
//! one answered after deferring (an edit of the original, with the chart as a multipart upload),
//! a personal reply that came late (never shown in the channel), registration, and a rejected
//! token.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use serenity::all::InteractionId;
use tokio::sync::oneshot;

use careerbot::adapters::discord::{http_client, register_commands, SerenityResponder};
use careerbot::adapters::interaction::registration_payload;
use careerbot::adapters::lifecycle::{Delivered, Exchange, Timing};
use careerbot::adapters::render;
use careerbot::reply::{Attachment, Embed, Message, Reply};
use careerbot::Settings;

use support::bot::FAKE_TOKEN;
use support::discord_standin::{Options, Recorded, StandIn, APPLICATION_ID};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n-not-really-a-chart";

fn http_for(standin: &StandIn) -> Arc<serenity::all::Http> {
    let api_url = standin.api_url.clone();
    let settings = Settings::from_toml_str("", Path::new(""), &move |name| match name {
        "CAREERBOT_DISCORD_API_URL" => Some(api_url.clone()),
        "CAREERBOT_DISCORD_APPLICATION_ID" => Some(APPLICATION_ID.to_string()),
        _ => None,
    })
    .unwrap();
    let token = settings
        .discord_token(&|name| (name == "DISCORD_TOKEN").then(|| FAKE_TOKEN.to_string()))
        .unwrap();
    Arc::new(http_client(&token, &settings.discord))
}

fn exchange(http: &Arc<serenity::all::Http>, id: u64, token: &str) -> Exchange<SerenityResponder> {
    Exchange::new(SerenityResponder {
        http: http.clone(),
        interaction_id: InteractionId::new(id),
        token: token.to_string(),
    })
}

fn chart(ephemeral: bool) -> Reply {
    Reply::Message(Message {
        embeds: vec![Embed {
            image: Some("salary.png".into()),
            ..Embed::new("Backend engineer salaries").footer("Source: a guide")
        }],
        attachments: vec![Attachment {
            filename: "salary.png".into(),
            description: "Salary ranges by level".into(),
            bytes: PNG.to_vec(),
        }],
        ephemeral,
        slow: true,
        ..Message::default()
    })
}

fn assert_carries_the_chart(request: &Recorded) {
    let files = request.files();
    assert_eq!(files.len(), 1, "{request:?}");
    assert_eq!(files[0].name, "files[0]");
    assert_eq!(files[0].filename.as_deref(), Some("salary.png"));
    assert_eq!(files[0].data, PNG);
}

fn timing() -> Timing {
    Timing {
        defer_after: Duration::from_millis(100),
        ..Timing::default()
    }
}

/// Delivers `reply` so late that the exchange defers: the work is only released once the
/// stand-in has recorded the deferred response.
async fn deliver_late(
    standin: &StandIn,
    exchange: &Exchange<SerenityResponder>,
    callback_path: &str,
    reply: Reply,
    private: bool,
) -> Delivered {
    let (release, released) = oneshot::channel::<()>();
    let work = async move {
        released.await.unwrap();
        reply
    };
    let timing = timing();
    let (delivered, deferred) = tokio::join!(exchange.deliver(work, private, &timing), async {
        let deferred = standin.wait_request("POST", callback_path).await;
        release.send(()).unwrap();
        deferred
    });
    assert_eq!(deferred.json()["type"], 5);
    let flags = deferred.json()["data"]["flags"].as_u64().unwrap_or(0);
    assert_eq!(flags & 64 != 0, private, "the deferral's visibility");
    delivered.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_ready_in_time_is_the_initial_response_with_the_chart_uploaded() {
    let standin = StandIn::start(Options::default()).await;
    let http = http_for(&standin);
    let reply = chart(false);
    let delivered = exchange(&http, 11, "token-11")
        .deliver(std::future::ready(reply.clone()), false, &timing())
        .await
        .unwrap();
    assert_eq!(delivered, Delivered::Immediately);
    let callback = standin
        .wait_request("POST", "/api/v10/interactions/11/token-11/callback")
        .await;
    assert_eq!(callback.json(), render::interaction_response(&reply).body);
    assert_eq!(
        callback.json()["data"]["attachments"][0]["filename"],
        "salary.png"
    );
    assert_carries_the_chart(&callback);
    assert_eq!(
        callback.authorization.as_deref(),
        Some(format!("Bot {FAKE_TOKEN}").as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_reply_is_deferred_then_edited_in_with_its_chart() {
    let standin = StandIn::start(Options::default()).await;
    let http = http_for(&standin);
    let reply = chart(false);
    let exchange = exchange(&http, 12, "token-12");
    let delivered = deliver_late(
        &standin,
        &exchange,
        "/api/v10/interactions/12/token-12/callback",
        reply.clone(),
        false,
    )
    .await;
    assert_eq!(delivered, Delivered::EditedAfterDeferring);
    let edit = standin
        .wait_request(
            "PATCH",
            &format!("/api/v10/webhooks/{APPLICATION_ID}/token-12/messages/@original"),
        )
        .await;
    let (data, _) = render::message_data(reply.as_message().unwrap());
    assert_eq!(edit.json(), data);
    assert_carries_the_chart(&edit);
}

/// A command known to reply privately (an interview answer) is deferred privately, and its reply
/// edited into that private placeholder: nothing shows in the channel at any moment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_reply_known_to_be_personal_is_deferred_privately() {
    let standin = StandIn::start(Options::default()).await;
    let http = http_for(&standin);
    let exchange = exchange(&http, 14, "token-14");
    let delivered = deliver_late(
        &standin,
        &exchange,
        "/api/v10/interactions/14/token-14/callback",
        Reply::notice("Your score: 72."),
        true,
    )
    .await;
    assert_eq!(delivered, Delivered::EditedAfterDeferring);
    let edit = standin
        .wait_request(
            "PATCH",
            &format!("/api/v10/webhooks/{APPLICATION_ID}/token-14/messages/@original"),
        )
        .await;
    assert_eq!(edit.json()["flags"], 64);
    assert_eq!(edit.json()["content"], "Your score: 72.");
}

/// A reply personal against the odds (an error notice to a public command) replaces the public
/// placeholder with a private follow-up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_personal_reply_replaces_the_public_placeholder_privately() {
    let standin = StandIn::start(Options::default()).await;
    let http = http_for(&standin);
    let exchange = exchange(&http, 13, "token-13");
    let delivered = deliver_late(
        &standin,
        &exchange,
        "/api/v10/interactions/13/token-13/callback",
        Reply::notice("Only you can see your score."),
        false,
    )
    .await;
    assert_eq!(delivered, Delivered::PrivatelyAfterDeferring);
    let original = format!("/api/v10/webhooks/{APPLICATION_ID}/token-13/messages/@original");
    standin.wait_request("DELETE", &original).await;
    let follow_up = standin
        .wait_request(
            "POST",
            &format!("/api/v10/webhooks/{APPLICATION_ID}/token-13"),
        )
        .await;
    let body: Value = follow_up.json();
    assert_eq!(body["flags"], 64);
    assert_eq!(body["content"], "Only you can see your score.");
    assert_eq!(body["allowed_mentions"], json!({ "parse": [] }));
    assert!(
        !standin
            .requests()
            .iter()
            .any(|r| r.method == "PATCH" && r.path == original),
        "the personal reply was edited into the public message"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_sends_the_declaration_and_a_rejected_token_says_so() {
    let standin = StandIn::start(Options::default()).await;
    let http = http_for(&standin);
    let count = register_commands(&http, Some(290926798626357999))
        .await
        .unwrap();
    let put = standin
        .wait_request(
            "PUT",
            &format!("/api/v10/applications/{APPLICATION_ID}/guilds/290926798626357999/commands"),
        )
        .await;
    assert_eq!(put.json(), registration_payload());
    assert_eq!(count, registration_payload().as_array().unwrap().len());

    let rejecting = StandIn::start(Options {
        reject_token: true,
        ..Options::default()
    })
    .await;
    let message = register_commands(&http_for(&rejecting), None)
        .await
        .unwrap_err()
        .to_string();
    assert!(message.contains("rejected the token"), "{message}");
    assert!(!message.contains(FAKE_TOKEN), "{message}");
}

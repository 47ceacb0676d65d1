//! The HTTP side of the lifecycle, which no command in the core reaches on demand: the
//! `HttpResponder` is driven through `Exchange` with hand-made work, the first response is read
//! from the channel the request waits on, and the REST calls land on a loopback stand-in for
//! Discord that records them.

use std::path::Path;
use std::time::Duration;

use axum::extract::State;
use axum::http::Method;

use super::*;
use crate::adapters::lifecycle::deferral;
use crate::clock::SystemClock;
use crate::content::Catalog;
use crate::reply::{Attachment, Message};
use crate::search::SearchIndex;
use crate::settings::Settings;

#[derive(Debug, Clone)]
struct Recorded {
    method: Method,
    path: String,
    content_type: String,
    body: Vec<u8>,
}

type Log = Arc<Mutex<Vec<Recorded>>>;

/// A stand-in for Discord's REST API on 127.0.0.1 that answers every request with `status`.
async fn stand_in(status: StatusCode) -> (String, Log) {
    let log: Log = Arc::default();
    let record = |State((log, status)): State<(Log, StatusCode)>, request: Request| async move {
        let (parts, body) = request.into_parts();
        let body = axum::body::to_bytes(body, 1 << 20)
            .await
            .unwrap_or_default();
        log.lock().unwrap().push(Recorded {
            method: parts.method,
            path: parts.uri.path().to_string(),
            content_type: header(&parts.headers, "content-type")
                .unwrap_or_default()
                .to_string(),
            body: body.to_vec(),
        });
        (status, "{}")
    };
    let router = Router::new()
        .fallback(record)
        .with_state((log.clone(), status));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}"), log)
}

fn endpoint(api_url: &str) -> Arc<Endpoint> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let settings = Settings::defaults_in(root);
    let catalog = Catalog::load(&root.join("content")).unwrap();
    let search = SearchIndex::in_memory(&catalog).unwrap();
    let app = App::from_parts(
        settings,
        catalog,
        search,
        Arc::new(SystemClock),
        Arc::new(crate::store::SqliteStore::in_memory().unwrap()),
    );
    Arc::new(Endpoint {
        auth: RequestAuth::new(&"11".repeat(32), Duration::from_secs(300)).unwrap(),
        followup: Followup::new(Some(api_url)).unwrap(),
        timing: Timing::default(),
        app: Arc::new(app),
        rendered: Arc::default(),
    })
}

/// An exchange over the HTTP responder, and the first response as the request would get it.
fn exchange(endpoint: &Endpoint) -> (Exchange<HttpResponder>, oneshot::Receiver<First>) {
    let (first, first_sent) = oneshot::channel();
    let exchange = Exchange::new(HttpResponder {
        first: Mutex::new(Some(first)),
        followup: endpoint.followup.clone(),
        delivery: delivery(),
        app: endpoint.app.clone(),
        rendered: endpoint.rendered.clone(),
    });
    (exchange, first_sent)
}

fn timing(defer_after_ms: u64) -> Timing {
    Timing {
        defer_after: Duration::from_millis(defer_after_ms),
        ..Timing::default()
    }
}

fn delivery() -> Delivery {
    Delivery {
        application_id: "123".into(),
        token: "tok.en".into(),
    }
}

fn chart(ephemeral: bool) -> Reply {
    Reply::Message(Message {
        content: Some("the chart".into()),
        attachments: vec![Attachment {
            filename: "chart.png".into(),
            description: "a chart".into(),
            bytes: b"\x89PNG fake".to_vec(),
        }],
        ephemeral,
        slow: true,
        ..Message::default()
    })
}

/// Waits (bounded) until the stand-in has seen `count` requests.
async fn recorded(log: &Log, count: usize) -> Vec<Recorded> {
    for _ in 0..200 {
        if log.lock().unwrap().len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    log.lock().unwrap().clone()
}

const EDIT_PATH: &str = "/api/v10/webhooks/123/tok.en/messages/@original";

async fn late(reply: Reply) -> Reply {
    tokio::time::sleep(Duration::from_millis(300)).await;
    reply
}

#[tokio::test]
async fn a_late_reply_is_deferred_then_edited_in_with_its_file() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let (exchange, first) = exchange(&endpoint);
    let delivered = exchange
        .deliver(late(chart(false)), false, &timing(20))
        .await
        .unwrap();
    assert_eq!(delivered, lifecycle::Delivered::EditedAfterDeferring);
    let first = first.await.unwrap();
    assert!(first.deferred);
    assert_eq!(first.value(), deferral(false));
    let requests = recorded(&log, 1).await;
    assert_eq!(requests.len(), 1, "exactly one edit");
    let edit = &requests[0];
    assert_eq!(
        (edit.method.clone(), edit.path.as_str()),
        (Method::PATCH, EDIT_PATH)
    );
    assert!(
        edit.content_type.starts_with("multipart/form-data"),
        "{}",
        edit.content_type
    );
    let body = String::from_utf8_lossy(&edit.body);
    let expected = render::interaction_response(&chart(false)).body["data"].to_string();
    assert!(body.contains("name=\"payload_json\""), "{body}");
    assert!(
        body.contains(&expected),
        "payload_json is the rendered data: {body}"
    );
    assert!(
        body.contains("name=\"files[0]\"; filename=\"chart.png\""),
        "{body}"
    );
    assert!(body.contains("\u{89}PNG fake") || edit.body.windows(8).any(|w| w == b"PNG fake"));
}

/// The privacy finding: a slow personal reply (as `/interview answer` can be) is deferred
/// ephemerally, so not even the "thinking…" placeholder shows in the channel.
#[tokio::test]
async fn a_late_personal_reply_is_deferred_privately_and_edited_in_privately() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let (exchange, first) = exchange(&endpoint);
    exchange
        .deliver(late(Reply::notice("your score: 72")), true, &timing(20))
        .await
        .unwrap();
    let first = first.await.unwrap().value();
    assert_eq!(first, deferral(true));
    assert_eq!(first["data"]["flags"], 64);
    let requests = recorded(&log, 1).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, EDIT_PATH);
    let data: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(data["flags"], 64);
}

#[tokio::test]
async fn a_reply_with_files_defers_even_when_on_time_and_keeps_it_private() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let (exchange, first) = exchange(&endpoint);
    exchange
        .deliver(std::future::ready(chart(true)), false, &timing(5000))
        .await
        .unwrap();
    let first = first.await.unwrap().value();
    assert_eq!(first, deferral(true));
    assert_eq!(first["data"]["flags"], 64);
    let requests = recorded(&log, 1).await;
    assert_eq!(requests[0].path, EDIT_PATH);
}

#[tokio::test]
async fn an_on_time_reply_without_files_is_answered_directly() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let (exchange, first) = exchange(&endpoint);
    let reply = Reply::notice("quick");
    let expected = render::interaction_response(&reply).body;
    exchange
        .deliver(std::future::ready(reply), true, &timing(5000))
        .await
        .unwrap();
    let first = first.await.unwrap();
    assert!(!first.deferred);
    assert_eq!(first.value(), expected);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(log.lock().unwrap().is_empty(), "no REST call");
}

#[tokio::test]
async fn a_late_modal_becomes_a_notice_as_json() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let (exchange, _first) = exchange(&endpoint);
    let modal = Reply::Modal(crate::reply::Modal {
        custom_id: "iv:modal:1".into(),
        title: "Answer".into(),
        inputs: Vec::new(),
    });
    exchange
        .deliver(late(modal), true, &timing(10))
        .await
        .unwrap();
    let requests = recorded(&log, 1).await;
    assert_eq!(requests[0].content_type, "application/json");
    let data: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(data["content"], lifecycle::FORM_TOO_SLOW);
}

#[tokio::test]
async fn a_refused_edit_is_counted_as_a_delivery_error() {
    let (api, log) = stand_in(StatusCode::NOT_FOUND).await;
    let endpoint = endpoint(&api);
    let (exchange, _first) = exchange(&endpoint);
    let outcome = exchange
        .deliver(std::future::ready(chart(false)), false, &timing(5000))
        .await;
    assert!(outcome.is_err());
    assert_eq!(endpoint.app.metrics.errors(ErrorKind::Delivery), 1);
    assert_eq!(log.lock().unwrap().len(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn a_server_error_is_retried() {
    let (api, log) = stand_in(StatusCode::BAD_GATEWAY).await;
    let followup = Followup::new(Some(&api)).unwrap();
    let result = followup
        .edit_original(&delivery(), &json!({ "content": "x" }), &[])
        .await;
    assert!(result.unwrap_err().contains("502"));
    assert_eq!(log.lock().unwrap().len(), 3, "three attempts");
}

#[tokio::test]
async fn a_repeated_reply_is_sent_as_the_bytes_rendered_the_first_time() {
    let endpoint = endpoint("http://127.0.0.1:9");
    let reply = Reply::Message(Message {
        embeds: vec![crate::reply::Embed::new("What is a backend engineer?")
            .description("Server-side development.")
            .footer("Source: a guide")],
        ..Message::default()
    });
    let expected = render::interaction_response(&reply).body;
    let mut sent = Vec::new();
    for _ in 0..2 {
        let (exchange, first) = exchange(&endpoint);
        let delivered = exchange
            .deliver(std::future::ready(reply.clone()), false, &timing(5000))
            .await
            .unwrap();
        assert_eq!(delivered, lifecycle::Delivered::Immediately);
        sent.push(first.await.unwrap().json);
    }
    assert_eq!(sent[0], sent[1]);
    assert_eq!(serde_json::from_slice::<Value>(&sent[0]).unwrap(), expected);
    assert_eq!(endpoint.rendered.len(), 1, "rendered once, kept");
}

#[tokio::test]
async fn the_lifecycle_runs_in_the_request_until_its_first_response_then_on_its_own() {
    // A panic before any response: no first response, and the request knows why.
    let (first, first_sent) = oneshot::channel::<First>();
    let mut exploded = Inline::new(async move {
        let _never_sent = first;
        panic!("boom")
    });
    let answer = tokio::time::timeout(Duration::from_secs(10), exploded.first(first_sent)).await;
    assert!(answer.unwrap().is_none());
    assert!(exploded.panicked);

    // Answers first, then has more to do (as a deferred reply's edit has): the request gets
    // the first response, and the rest still runs once the request is done with it.
    let (first, first_sent) = oneshot::channel::<First>();
    let (go_on, gone_on) = oneshot::channel::<()>();
    let (finished, done) = oneshot::channel::<&'static str>();
    let mut lifecycle = Inline::new(async move {
        let _ = first.send(First {
            json: Bytes::from_static(b"{\"type\":5}"),
            deferred: true,
        });
        let _ = gone_on.await;
        let _ = finished.send("edited");
    });
    let answer = tokio::time::timeout(Duration::from_secs(10), lifecycle.first(first_sent)).await;
    assert!(answer.unwrap().unwrap().deferred && !lifecycle.panicked);
    drop(lifecycle);
    go_on.send(()).unwrap();
    let finished = tokio::time::timeout(Duration::from_secs(10), done).await;
    assert_eq!(finished.unwrap().unwrap(), "edited");

    // Ends without answering: the request is told, not left waiting.
    let (first, first_sent) = oneshot::channel::<First>();
    let mut silent = Inline::new(async move { drop(first) });
    let answer = tokio::time::timeout(Duration::from_secs(10), silent.first(first_sent)).await;
    assert!(answer.unwrap().is_none());
    assert!(!silent.panicked);
}

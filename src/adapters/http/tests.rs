//! The deferred path, which no command in the core reaches on demand: `settle` is driven with
//! hand-made work, and the REST edit lands on a loopback stand-in for Discord that records it.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::State;
use axum::http::Method;

use super::*;
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
        app: Arc::new(app),
    })
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

async fn body_json(response: Response) -> Value {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
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

#[tokio::test]
async fn a_late_reply_is_deferred_then_edited_in_with_its_file() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let work = tokio::task::spawn_blocking(|| {
        std::thread::sleep(Duration::from_millis(300));
        chart(false)
    });
    let deadline = Instant::now() + Duration::from_millis(20);
    let (response, deferred) = endpoint.settle(work, delivery(), deadline).await;
    assert!(deferred);
    assert_eq!(body_json(response).await, json!({ "type": 5 }));
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

#[tokio::test]
async fn a_reply_with_files_defers_even_when_on_time_and_keeps_it_private() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let work = tokio::task::spawn_blocking(|| chart(true));
    let deadline = Instant::now() + Duration::from_secs(5);
    let (response, deferred) = endpoint.settle(work, delivery(), deadline).await;
    assert!(deferred);
    assert_eq!(
        body_json(response).await,
        json!({ "type": 5, "data": { "flags": 64 } })
    );
    let requests = recorded(&log, 1).await;
    assert_eq!(requests[0].path, EDIT_PATH);
}

#[tokio::test]
async fn an_on_time_reply_without_files_is_answered_directly() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let reply = Reply::notice("quick");
    let expected = render::interaction_response(&reply).body;
    let work = tokio::task::spawn_blocking(move || reply);
    let deadline = Instant::now() + Duration::from_secs(5);
    let (response, deferred) = endpoint.settle(work, delivery(), deadline).await;
    assert!(!deferred);
    assert_eq!(body_json(response).await, expected);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(log.lock().unwrap().is_empty(), "no REST call");
}

#[tokio::test]
async fn a_late_modal_becomes_a_notice_as_json() {
    let (api, log) = stand_in(StatusCode::OK).await;
    let endpoint = endpoint(&api);
    let work = tokio::task::spawn_blocking(|| {
        std::thread::sleep(Duration::from_millis(200));
        Reply::Choices(Vec::new())
    });
    let deadline = Instant::now() + Duration::from_millis(10);
    let (_, deferred) = endpoint.settle(work, delivery(), deadline).await;
    assert!(deferred);
    let requests = recorded(&log, 1).await;
    assert_eq!(requests[0].content_type, "application/json");
    let data: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(data["content"], TOO_LATE);
}

#[tokio::test]
async fn a_refused_edit_is_counted_as_a_delivery_error() {
    let (api, log) = stand_in(StatusCode::NOT_FOUND).await;
    let endpoint = endpoint(&api);
    let work = tokio::task::spawn_blocking(|| chart(false));
    let deadline = Instant::now() + Duration::from_secs(5);
    let _ = endpoint.settle(work, delivery(), deadline).await;
    recorded(&log, 1).await;
    for _ in 0..200 {
        if endpoint.app.metrics.errors(ErrorKind::Delivery) > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
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

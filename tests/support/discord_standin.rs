//! A Discord stand-in on loopback: the REST routes the bot calls (recorded for assertions) and a
//! websocket gateway speaking HELLO, IDENTIFY, READY, heartbeat, dispatch, RESUME and close
//! codes. Everything listens on 127.0.0.1 only; every wait is bounded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use serenity::futures::{SinkExt, StreamExt};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

/// Generous: the machine running the tests may be busy building.
pub const WAIT: Duration = Duration::from_secs(30);

/// The application the stand-in answers for when asked (`GET /oauth2/applications/@me`).
pub const APPLICATION_ID: &str = "290926444748734465";
/// The bot user in READY.
pub const BOT_USER_ID: &str = "290926444748734465";

/// One part of a multipart request.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone)]
pub enum Body {
    Empty,
    Json(Value),
    Multipart(Vec<Part>),
    Other(Vec<u8>),
}

/// A REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Without the query string.
    pub path: String,
    pub authorization: Option<String>,
    pub body: Body,
}

impl Recorded {
    /// The JSON of the request: the body, or the `payload_json` part of a multipart body.
    pub fn json(&self) -> Value {
        match &self.body {
            Body::Json(value) => value.clone(),
            Body::Multipart(parts) => parts
                .iter()
                .find(|p| p.name == "payload_json")
                .map(|p| serde_json::from_slice(&p.data).expect("payload_json is JSON"))
                .unwrap_or(Value::Null),
            Body::Empty | Body::Other(_) => Value::Null,
        }
    }

    /// Uploaded files: multipart parts that carry a file name.
    pub fn files(&self) -> Vec<Part> {
        match &self.body {
            Body::Multipart(parts) => parts
                .iter()
                .filter(|p| p.filename.is_some())
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// How a gateway connection was opened by the bot.
#[derive(Debug, Clone)]
pub enum Handshake {
    Identify(Value),
    Resume(Value),
}

enum Out {
    Dispatch {
        event: String,
        data: Value,
        sent: oneshot::Sender<u64>,
    },
    Close(u16),
}

#[derive(Default)]
struct GatewayState {
    handshakes: Vec<Handshake>,
    heartbeats: Vec<Value>,
    /// Close frames the bot sent (its code, if any).
    closes_from_bot: Vec<Option<u16>>,
    /// The last sequence number of each session.
    sessions: HashMap<String, u64>,
    /// The newest connection that finished its handshake.
    live: Option<mpsc::UnboundedSender<Out>>,
    connections: usize,
    /// The sequence number of the last dispatch sent.
    last_seq: u64,
}

#[derive(Default)]
struct Shared {
    requests: Mutex<Vec<Recorded>>,
    gateway: Mutex<GatewayState>,
    ws_url: Mutex<String>,
    reject_token: bool,
    recommended_shards: u32,
    heartbeat_interval_ms: u64,
    close_on_identify: Option<u16>,
    webhook_delay_ms: u64,
}

pub struct Options {
    /// Hold every webhook call (edits and follow-ups of deferred replies) this long before
    /// answering it, so a test can stop the bot while replies are on their way.
    pub webhook_delay_ms: u64,
    /// Answer every REST request with 401, as Discord does for a revoked token.
    pub reject_token: bool,
    pub recommended_shards: u32,
    pub heartbeat_interval_ms: u64,
    /// Answer IDENTIFY by closing with this code (4004: authentication failed).
    pub close_on_identify: Option<u16>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            reject_token: false,
            recommended_shards: 1,
            heartbeat_interval_ms: 1500,
            close_on_identify: None,
            webhook_delay_ms: 0,
        }
    }
}

pub struct StandIn {
    /// The REST base to give the bot as `discord.api_url`.
    pub api_url: String,
    shared: Arc<Shared>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl StandIn {
    pub async fn start(options: Options) -> StandIn {
        let shared = Arc::new(Shared {
            reject_token: options.reject_token,
            recommended_shards: options.recommended_shards,
            heartbeat_interval_ms: options.heartbeat_interval_ms,
            close_on_identify: options.close_on_identify,
            webhook_delay_ms: options.webhook_delay_ms,
            ..Shared::default()
        });
        let rest = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let gateway = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let api_url = format!("http://{}", rest.local_addr().unwrap());
        *shared.ws_url.lock().unwrap() = format!("ws://{}", gateway.local_addr().unwrap());

        let router = axum::Router::new()
            .fallback(rest_route)
            .with_state(shared.clone());
        let rest_task = tokio::spawn(async move {
            axum::serve(rest, router).await.unwrap();
        });
        let gateway_shared = shared.clone();
        let gateway_task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = gateway.accept().await else {
                    continue;
                };
                let shared = gateway_shared.clone();
                tokio::spawn(async move {
                    if let Ok(ws) = tokio_tungstenite::accept_async(stream).await {
                        connection(shared, ws).await;
                    }
                });
            }
        });
        StandIn {
            api_url,
            shared,
            tasks: vec![rest_task, gateway_task],
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    pub fn handshakes(&self) -> Vec<Handshake> {
        self.shared.gateway.lock().unwrap().handshakes.clone()
    }

    pub fn heartbeats(&self) -> Vec<Value> {
        self.shared.gateway.lock().unwrap().heartbeats.clone()
    }

    pub fn closes_from_bot(&self) -> Vec<Option<u16>> {
        self.shared.gateway.lock().unwrap().closes_from_bot.clone()
    }

    pub fn connections(&self) -> usize {
        self.shared.gateway.lock().unwrap().connections
    }

    /// Polls `probe` until it yields, or panics after `WAIT` naming `what` and showing the
    /// requests seen so far.
    pub async fn wait_for<T>(&self, what: &str, probe: impl Fn(&StandIn) -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(found) = probe(self) {
                return found;
            }
            if Instant::now() > deadline {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!(
                    "timed out after {WAIT:?} waiting for {what}; requests: {seen:#?}; handshakes: {}",
                    self.handshakes().len()
                );
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The first request matching `method` and `path`.
    pub async fn wait_request(&self, method: &str, path: &str) -> Recorded {
        self.wait_for(&format!("{method} {path}"), |s| {
            s.requests()
                .into_iter()
                .find(|r| r.method == method && r.path == path)
        })
        .await
    }

    /// Waits until the bot has completed `count` handshakes and returns the last one.
    pub async fn wait_handshake(&self, count: usize) -> Handshake {
        self.wait_for(&format!("gateway handshake #{count}"), |s| {
            let handshakes = s.handshakes();
            (handshakes.len() >= count).then(|| handshakes[count - 1].clone())
        })
        .await
    }

    /// Sends a dispatch on the live connection; returns its sequence number.
    pub async fn dispatch(&self, event: &str, data: Value) -> u64 {
        let live = self
            .wait_for("a live gateway connection", |s| {
                s.shared.gateway.lock().unwrap().live.clone()
            })
            .await;
        let (sent, seq) = oneshot::channel();
        live.send(Out::Dispatch {
            event: event.into(),
            data,
            sent,
        })
        .expect("the connection is open");
        let seq = tokio::time::timeout(WAIT, seq)
            .await
            .expect("dispatch sent in time")
            .expect("the connection took the dispatch");
        self.shared.gateway.lock().unwrap().last_seq = seq;
        seq
    }

    /// The sequence number of the last dispatch sent.
    pub fn last_seq(&self) -> u64 {
        self.shared.gateway.lock().unwrap().last_seq
    }

    /// Dispatches an INTERACTION_CREATE and returns the bot's initial response to it.
    pub async fn interact(&self, payload: Value) -> Recorded {
        // The payload must be one serenity accepts, or the bot would never see it.
        if let Err(error) = serde_json::from_value::<serenity::all::Interaction>(payload.clone()) {
            panic!("the test's interaction payload is not one Discord would send: {error}\n{payload:#}");
        }
        let path = format!(
            "/api/v10/interactions/{}/{}/callback",
            payload["id"].as_str().unwrap(),
            payload["token"].as_str().unwrap()
        );
        self.dispatch("INTERACTION_CREATE", payload).await;
        self.wait_request("POST", &path).await
    }

    /// Closes the live gateway connection with `code`, as Discord does when it drops a session.
    pub async fn close_gateway(&self, code: u16) {
        let live = self
            .wait_for("a live gateway connection", |s| {
                s.shared.gateway.lock().unwrap().live.take()
            })
            .await;
        live.send(Out::Close(code)).expect("the connection is open");
    }
}

fn session_id_for(count: usize) -> String {
    format!("standin-session-{count}")
}

async fn connection(
    shared: Arc<Shared>,
    ws: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
) {
    let (mut sink, mut stream) = ws.split();
    let (outbox, mut inbox) = mpsc::unbounded_channel::<Out>();
    shared.gateway.lock().unwrap().connections += 1;
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": shared.heartbeat_interval_ms } });
    if sink.send(Message::Text(hello.to_string())).await.is_err() {
        return;
    }
    let mut session: Option<String> = None;
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let text = match incoming {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Close(frame))) => {
                        shared.gateway.lock().unwrap().closes_from_bot.push(frame.map(|f| u16::from(f.code)));
                        break;
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(_)) | None => break,
                };
                let Ok(message) = serde_json::from_str::<Value>(&text) else { continue };
                let reply = match message["op"].as_u64() {
                    Some(1) => {
                        shared.gateway.lock().unwrap().heartbeats.push(message["d"].clone());
                        Some(json!({ "op": 11 }))
                    }
                    Some(2) if shared.close_on_identify.is_some() => {
                        shared.gateway.lock().unwrap().handshakes.push(Handshake::Identify(message["d"].clone()));
                        let code = shared.close_on_identify.unwrap_or(4004);
                        let _ = sink
                            .send(Message::Close(Some(CloseFrame {
                                code: CloseCode::from(code),
                                reason: "Authentication failed.".into(),
                            })))
                            .await;
                        break;
                    }
                    Some(2) => {
                        let mut gateway = shared.gateway.lock().unwrap();
                        gateway.handshakes.push(Handshake::Identify(message["d"].clone()));
                        let id = session_id_for(gateway.handshakes.len());
                        gateway.sessions.insert(id.clone(), 1);
                        gateway.live = Some(outbox.clone());
                        session = Some(id.clone());
                        let ws_url = shared.ws_url.lock().unwrap().clone();
                        let mut ready = json!({
                            "v": 10,
                            "user": { "id": BOT_USER_ID, "username": "careerbot", "discriminator": "0000", "avatar": null, "bot": true },
                            "guilds": [{ "id": "290926798626357999", "unavailable": true }],
                            "session_id": id,
                            "resume_gateway_url": ws_url,
                            "application": { "id": APPLICATION_ID, "flags": 0 },
                        });
                        if message["d"]["shard"].is_array() {
                            ready["shard"] = message["d"]["shard"].clone();
                        }
                        Some(json!({ "op": 0, "t": "READY", "s": 1, "d": ready }))
                    }
                    Some(6) => {
                        let mut gateway = shared.gateway.lock().unwrap();
                        gateway.handshakes.push(Handshake::Resume(message["d"].clone()));
                        let id = message["d"]["session_id"].as_str().unwrap_or_default().to_string();
                        match gateway.sessions.get_mut(&id) {
                            Some(seq) => {
                                *seq += 1;
                                let resumed = json!({ "op": 0, "t": "RESUMED", "s": *seq, "d": {} });
                                gateway.live = Some(outbox.clone());
                                session = Some(id);
                                Some(resumed)
                            }
                            // Unknown session: "invalid session, not resumable".
                            None => Some(json!({ "op": 9, "d": false })),
                        }
                    }
                    _ => None,
                };
                if let Some(reply) = reply {
                    if sink.send(Message::Text(reply.to_string())).await.is_err() {
                        break;
                    }
                }
            }
            out = inbox.recv() => match out {
                Some(Out::Dispatch { event, data, sent }) => {
                    let seq = {
                        let mut gateway = shared.gateway.lock().unwrap();
                        let id = session.clone().expect("dispatch after the handshake");
                        let seq = gateway.sessions.get_mut(&id).expect("a known session");
                        *seq += 1;
                        *seq
                    };
                    let frame = json!({ "op": 0, "t": event, "s": seq, "d": data });
                    if sink.send(Message::Text(frame.to_string())).await.is_err() {
                        break;
                    }
                    let _ = sent.send(seq);
                }
                Some(Out::Close(code)) => {
                    let _ = sink
                        .send(Message::Close(Some(CloseFrame {
                            code: CloseCode::from(code),
                            reason: "stand-in closed the session".into(),
                        })))
                        .await;
                    break;
                }
                None => break,
            },
        }
    }
}

async fn rest_route(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = if body.is_empty() {
        Body::Empty
    } else if content_type.starts_with("application/json") {
        serde_json::from_slice(&body)
            .map(Body::Json)
            .unwrap_or_else(|_| Body::Other(body.to_vec()))
    } else if let Some(boundary) = content_type.split("boundary=").nth(1) {
        Body::Multipart(parse_multipart(&body, boundary.trim_matches('"')))
    } else {
        Body::Other(body.to_vec())
    };
    let recorded = Recorded {
        method: method.to_string(),
        path: uri.path().to_string(),
        authorization: headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
        body,
    };
    shared.requests.lock().unwrap().push(recorded.clone());
    if shared.webhook_delay_ms > 0 && recorded.path.contains("/webhooks/") {
        tokio::time::sleep(std::time::Duration::from_millis(shared.webhook_delay_ms)).await;
    }

    if shared.reject_token {
        return (
            StatusCode::UNAUTHORIZED,
            json_body(&json!({ "message": "401: Unauthorized", "code": 0 })),
        )
            .into_response();
    }
    let path = recorded
        .path
        .strip_prefix("/api/v10")
        .unwrap_or(&recorded.path);
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let ws_url = shared.ws_url.lock().unwrap().clone();
    match (recorded.method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => ok(json!({ "url": ws_url })),
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": ws_url,
            "shards": shared.recommended_shards,
            "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1 }
        })),
        ("GET", ["oauth2", "applications", "@me"]) => ok(json!({
            "id": APPLICATION_ID,
            "name": "careerbot",
            "icon": null,
            "description": "Career guidance for backend engineers",
            "bot_public": true,
            "bot_require_code_grant": false,
            "verify_key": "0".repeat(64),
            "team": null,
            "owner": null
        })),
        ("PUT", ["applications", app, "commands"])
        | ("PUT", ["applications", app, "guilds", _, "commands"]) => {
            let commands: Vec<Value> = recorded
                .json()
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, mut command)| {
                    command["id"] = json!(format!("{}", 1_100_000_000_000_000_000u64 + i as u64));
                    command["application_id"] = json!(app);
                    command["version"] = json!("1");
                    command["default_member_permissions"] = Value::Null;
                    command
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) => {
            ok(message_object(&recorded.json()))
        }
        ("DELETE", ["webhooks", _, _, "messages", "@original"]) => {
            StatusCode::NO_CONTENT.into_response()
        }
        ("POST", ["webhooks", _, _]) => ok(message_object(&recorded.json())),
        // A message the bot posts itself (the daily question), and the thread started from it.
        ("POST", ["channels", channel, "messages"]) => {
            let mut message = message_object(&recorded.json());
            message["channel_id"] = json!(channel);
            message["id"] = json!("900000000000000001");
            ok(message)
        }
        ("POST", ["channels", channel, "messages", message, "threads"]) => ok(json!({
            "id": message,
            "type": 11,
            "guild_id": super::payloads::GUILD_ID,
            "parent_id": channel,
            "owner_id": BOT_USER_ID,
            "name": recorded.json()["name"],
            "position": 0,
            "permission_overwrites": [],
            "rate_limit_per_user": 0,
            "flags": 0,
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "thread_metadata": {
                "archived": false,
                "auto_archive_duration": 1440,
                "archive_timestamp": "2026-01-01T09:00:00.000000+00:00",
                "locked": false
            }
        })),
        _ => (
            StatusCode::NOT_FOUND,
            json_body(&json!({ "message": "404: Not Found", "code": 0 })),
        )
            .into_response(),
    }
}

fn json_body(value: &Value) -> ([(&'static str, &'static str); 1], String) {
    ([("content-type", "application/json")], value.to_string())
}

fn ok(value: Value) -> Response {
    (StatusCode::OK, json_body(&value)).into_response()
}

/// The message Discord returns for a webhook edit or follow-up, built from what was sent.
pub fn message_object(data: &Value) -> Value {
    json!({
        "id": "844397162624450620",
        "type": 0,
        "channel_id": "645027906669510667",
        "author": { "id": BOT_USER_ID, "username": "careerbot", "discriminator": "0000", "avatar": null, "bot": true },
        "content": data["content"].as_str().unwrap_or_default(),
        "timestamp": "2021-05-19T02:12:51.710000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": data["embeds"].as_array().cloned().unwrap_or_default(),
        "components": data["components"].as_array().cloned().unwrap_or_default(),
        "pinned": false,
        "flags": data["flags"].as_u64().unwrap_or(0),
        "application_id": APPLICATION_ID,
        "webhook_id": APPLICATION_ID
    })
}

/// Splits a multipart/form-data body into its parts.
fn parse_multipart(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = body;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        if rest.starts_with(b"--") {
            break;
        }
        rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
        let Some(headers_end) = find(rest, b"\r\n\r\n") else {
            break;
        };
        let headers = String::from_utf8_lossy(&rest[..headers_end]).to_string();
        let disposition = headers
            .lines()
            .find(|line| line.to_ascii_lowercase().starts_with("content-disposition"))
            .unwrap_or_default()
            .to_string();
        let content = &rest[headers_end + 4..];
        let end = find(content, format!("\r\n{delimiter}").as_bytes()).unwrap_or(content.len());
        let attribute = |key: &str| {
            disposition
                .split(';')
                .map(str::trim)
                .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
                .map(|v| v.trim_matches('"').to_string())
        };
        parts.push(Part {
            name: attribute("name").unwrap_or_default(),
            filename: attribute("filename"),
            data: content[..end].to_vec(),
        });
        rest = &content[end..];
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

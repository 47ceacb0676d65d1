//! The HTTP transport: Discord's interactions endpoint (`POST /interactions`) plus the operator
//! routes (`/healthz`, `/readyz`, `/metrics`). Every request is verified (Ed25519 signature and
//! replay window), decoded by `adapters::interaction` and answered through the shared
//! `adapters::lifecycle`, exactly as the gateway answers: the first response is this HTTP
//! response, later ones go over Discord's webhook REST API (`followup`).
//!
//! Nothing is kept in memory between requests but the serialized responses of replies sent
//! before (`rendered`, a memo of a pure function); any state lives in `App`'s stores, so
//! several instances can serve one application behind a load balancer.

mod followup;
mod ops;
pub mod rendered;
pub mod server;
mod signature;

use std::future::Future;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock};
use std::task::Poll;
use std::time::Instant as StdInstant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{header as headers, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use serenity::all::{CreateInteractionResponse, InteractionType};
use tokio::sync::oneshot;
use tokio::time::{timeout_at, Instant};

pub use followup::{Delivery, Followup};
pub use ops::{ops_router, readiness, ReadinessCheck, READINESS_CHECKS};
pub use rendered::RenderedResponses;
pub use signature::{RequestAuth, SIGNATURE_HEADER, TIMESTAMP_HEADER};

use crate::adapters::interaction::{self, Envelope, Incoming};
use crate::adapters::lifecycle::{self, Exchange, Files, Responder, Timing};
use crate::adapters::render;
use crate::app::App;
use crate::error::{Error, Result};
use crate::metrics::ErrorKind;
use crate::reply::Reply;
use ops::json_response;

/// The endpoint's shared, read-only parts.
#[derive(Debug)]
struct Endpoint {
    app: Arc<App>,
    auth: RequestAuth,
    followup: Followup,
    timing: Timing,
    rendered: Arc<RenderedResponses>,
}

/// The whole HTTP application: `/interactions` and the operator routes. Needs
/// `discord.public_key`.
pub fn router(app: Arc<App>) -> Result<Router> {
    let public_key = app.settings.discord.public_key.as_deref().ok_or_else(|| {
        Error::Config(
            "the interactions endpoint needs the application's public key: set DISCORD_PUBLIC_KEY or `discord.public_key`".into(),
        )
    })?;
    let endpoint = Endpoint {
        auth: RequestAuth::new(public_key, app.settings.http.replay_window)?,
        followup: Followup::new(app.settings.discord.api_url.as_deref())?,
        timing: Timing::from_settings(&app.settings),
        rendered: Arc::default(),
        app: app.clone(),
    };
    Ok(interactions_router(Arc::new(endpoint)).merge(ops_router(app)))
}

fn interactions_router(endpoint: Arc<Endpoint>) -> Router {
    let limit = endpoint.app.settings.http.body_limit_bytes;
    Router::new()
        .route("/interactions", post(interactions))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(endpoint)
}

/// Serves `router(app)` on `listen` until Ctrl-C or SIGTERM: then stops accepting, lets requests
/// in flight finish and delivers deferred replies, within `discord.shutdown_grace_seconds`.
pub async fn serve(app: Arc<App>, listen: SocketAddr) -> Result<()> {
    let router = router(app.clone())?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::io(format!("listening on {listen}"), e))?;
    let address = listener.local_addr().unwrap_or(listen);
    tracing::info!(%address, "interactions endpoint listening on POST /interactions");
    let grace = app.settings.discord.shutdown_grace;
    let hangups = crate::adapters::reload::spawn_on_sighup(app.clone());
    let signalled_at = Arc::new(OnceLock::new());
    let signalled = signalled_at.clone();
    let stopping = async move {
        shutdown_signal().await;
        let _ = signalled.set(tokio::time::Instant::now());
        tracing::info!(
            in_flight = lifecycle::in_flight().count(),
            "shutting down: no new connections; finishing interactions in flight"
        );
    };
    server::serve(
        listener,
        router,
        app.settings.http.limits.clone(),
        app.metrics.clone(),
        stopping,
        grace,
    )
    .await;
    // The connections are closed; deferred replies may still be on their way over REST.
    let left = signalled_at
        .get()
        .map_or(grace, |at| grace.saturating_sub(at.elapsed()));
    lifecycle::finish_in_flight(&app, left).await;
    hangups.abort();
    let _ = hangups.await;
    tracing::info!("interactions endpoint stopped");
    Ok(())
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM (what container runtimes send).
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}

#[cfg(test)]
fn header<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A 200 with a JSON body serialized before.
fn json_bytes(json: Bytes) -> Response {
    (
        StatusCode::OK,
        [(headers::CONTENT_TYPE, "application/json")],
        json,
    )
        .into_response()
}

/// The response type of a deferral ("careerbot is thinking…").
const DEFERRED: u64 = 5;

/// The first response to an interaction, as the waiting request sends it.
#[derive(Debug)]
struct First {
    json: Bytes,
    deferred: bool,
}

impl First {
    #[cfg(test)]
    fn value(&self) -> Value {
        serde_json::from_slice(&self.json).unwrap_or(Value::Null)
    }
}

/// The lifecycle of one interaction, run in its request's task until the first response is
/// out (no task of its own for a reply that is ready in time). What is left of it then (a
/// deferred reply's edit over REST), or all of it if the request goes away first, goes on in a
/// task of its own: dropping this hands it over.
struct Inline<F: Future<Output = ()> + Send + 'static> {
    lifecycle: Option<Pin<Box<F>>>,
    panicked: bool,
}

impl<F: Future<Output = ()> + Send + 'static> Inline<F> {
    fn new(lifecycle: F) -> Inline<F> {
        Inline {
            lifecycle: Some(Box::pin(lifecycle)),
            panicked: false,
        }
    }

    /// Drives the lifecycle until it sends the first response; `None` if it ended (or
    /// panicked) without one.
    async fn first(&mut self, mut first_sent: oneshot::Receiver<First>) -> Option<First> {
        std::future::poll_fn(|cx| {
            if let Some(lifecycle) = self.lifecycle.as_mut() {
                match std::panic::catch_unwind(AssertUnwindSafe(|| lifecycle.as_mut().poll(cx))) {
                    Ok(Poll::Pending) => {}
                    Ok(Poll::Ready(())) => self.lifecycle = None,
                    Err(_) => {
                        self.panicked = true;
                        self.lifecycle = None;
                    }
                }
            }
            // Dropping the lifecycle dropped its sender: then this is ready too.
            Pin::new(&mut first_sent).poll(cx).map(Result::ok)
        })
        .await
    }
}

impl<F: Future<Output = ()> + Send + 'static> Drop for Inline<F> {
    fn drop(&mut self) {
        let Some(rest) = self.lifecycle.take() else {
            return;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                runtime.spawn(rest);
            }
            Err(_) => tracing::error!("an interaction's lifecycle was dropped outside the runtime"),
        }
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

/// What one request was, for the access log.
struct Handled {
    response: Response,
    kind: &'static str,
    command: Option<&'static str>,
    deferred: bool,
}

impl Handled {
    fn new(response: Response, kind: &'static str) -> Handled {
        Handled {
            response,
            kind,
            command: None,
            deferred: false,
        }
    }
}

/// `POST /interactions`. The body must arrive within `http.request_timeout`; the answer comes
/// from the lifecycle, which defers a reply not ready within `discord.defer_after_ms`.
async fn interactions(State(endpoint): State<Arc<Endpoint>>, request: Request) -> Response {
    let started = StdInstant::now();
    let deadline = Instant::now() + endpoint.app.settings.http.request_timeout;
    let handled = endpoint.handle(request, deadline).await;
    let status = handled.response.status().as_u16();
    tracing::info!(
        interaction = handled.kind,
        command = handled.command.unwrap_or("-"),
        status,
        deferred = handled.deferred,
        elapsed_ms = started.elapsed().as_secs_f64() * 1000.0,
        "interaction"
    );
    handled.response
}

impl Endpoint {
    async fn handle(self: &Arc<Self>, request: Request, deadline: Instant) -> Handled {
        let mut request = request;
        // Taken out of the request (no copy): the body extractor below consumes it.
        let signature = request.headers_mut().remove(SIGNATURE_HEADER);
        let timestamp = request.headers_mut().remove(TIMESTAMP_HEADER);
        // The body limit comes from `DefaultBodyLimit`: over it, the rejection is a 413.
        let body = match timeout_at(deadline, Bytes::from_request(request, &())).await {
            Ok(Ok(body)) => body,
            Ok(Err(rejection)) => return Handled::new(rejection.into_response(), "unreadable"),
            Err(_) => {
                self.app.metrics.limit_hit("request_timeout");
                tracing::warn!("a request body did not arrive within http.request_timeout_ms");
                return Handled::new(
                    plain(StatusCode::REQUEST_TIMEOUT, "request body too slow"),
                    "unreadable",
                );
            }
        };
        let now = self.app.clock.now();
        if let Err(failure) = self.auth.check(
            signature.as_ref().and_then(|v| v.to_str().ok()),
            timestamp.as_ref().and_then(|v| v.to_str().ok()),
            &body,
            now,
        ) {
            self.app.metrics.signature_failure(failure);
            tracing::warn!(reason = failure.label(), "rejected an interaction request");
            return Handled::new(
                plain(StatusCode::UNAUTHORIZED, "invalid request signature"),
                "rejected",
            );
        }
        let payload: Value = match serde_json::from_slice(&body) {
            Ok(payload) => payload,
            Err(error) => {
                return self.bad_request(format!("the body is not JSON: {error}"), "malformed")
            }
        };
        self.answer(&payload).await
    }

    fn bad_request(&self, message: String, kind: &'static str) -> Handled {
        self.app.metrics.error(ErrorKind::BadRequest);
        tracing::warn!(%message, "bad interaction request");
        Handled::new(
            json_response(StatusCode::BAD_REQUEST, &json!({ "error": message })),
            kind,
        )
    }

    async fn answer(self: &Arc<Self>, payload: &Value) -> Handled {
        let incoming = match interaction::decode(payload) {
            Ok(incoming) => incoming,
            // A stale registration's autocomplete: no suggestions rather than an error.
            Err(_) if interaction::json_kind(payload) == Some(InteractionType::Autocomplete) => {
                return Handled::new(
                    self.rendered_now(&Reply::Choices(Vec::new())),
                    "autocomplete",
                )
            }
            Err(error) => return self.bad_request(error.user_message(), "undecodable"),
        };
        if incoming == Incoming::Ping {
            // serenity's PONG, without the `"data": null` it adds: `{"type":1}`, as documented.
            let mut pong =
                serde_json::to_value(CreateInteractionResponse::Pong).unwrap_or(Value::Null);
            if let Some(map) = pong.as_object_mut() {
                map.retain(|_, value| !value.is_null());
            }
            return Handled::new(json_response(StatusCode::OK, &pong), "ping");
        }
        let delivery = Envelope::from_json(payload).and_then(|envelope| {
            Delivery::new(&envelope, self.app.settings.discord.application_id)
                .map(|delivery| (envelope, delivery))
        });
        let Some((envelope, delivery)) = delivery else {
            return self.bad_request(
                "the interaction has no usable id, token or application id".into(),
                "undecodable",
            );
        };
        let (kind, command) = match &incoming {
            Incoming::Command { command, .. } => ("command", Some(command.metric_name())),
            Incoming::Autocomplete { .. } => ("autocomplete", None),
            Incoming::Refused { .. } => ("refused", None),
            Incoming::Ping => ("ping", None),
        };
        let (first, first_sent) = oneshot::channel();
        let exchange = Exchange::new(HttpResponder {
            first: Mutex::new(Some(first)),
            followup: self.followup.clone(),
            delivery,
            app: self.app.clone(),
            rendered: self.rendered.clone(),
        });
        let app = self.app.clone();
        let timing = self.timing;
        // The lifecycle outlives this request when it defers: it finishes over REST.
        let mut lifecycle = Inline::new(async move {
            let outcome = lifecycle::answer(app, &envelope, incoming, &exchange, &timing).await;
            if let Err(error) = &outcome {
                tracing::error!(%error, "could not finish an interaction");
                exchange.responder().app.metrics.error(ErrorKind::Delivery);
            }
        });
        match lifecycle.first(first_sent).await {
            Some(First { json, deferred }) => Handled {
                response: json_bytes(json),
                kind,
                command,
                deferred,
            },
            None => {
                // The lifecycle ended without a first response: it panicked.
                let panicked = lifecycle.panicked;
                tracing::error!(panicked, "an interaction got no first response");
                self.app.metrics.error(ErrorKind::Panic);
                Handled::new(
                    self.rendered_now(&Reply::notice(Error::Config(String::new()).user_message())),
                    "failed",
                )
            }
        }
    }

    fn rendered_now(&self, reply: &Reply) -> Response {
        json_response(StatusCode::OK, &render::interaction_response(reply).body)
    }
}

/// The HTTP transport's side of the lifecycle: the first response is handed to the waiting
/// request; everything after it goes over the webhook API.
struct HttpResponder {
    first: Mutex<Option<oneshot::Sender<First>>>,
    followup: Followup,
    delivery: Delivery,
    app: Arc<App>,
    rendered: Arc<RenderedResponses>,
}

impl HttpResponder {
    fn failed(&self, what: &str, reason: String) -> Error {
        self.app.metrics.error(ErrorKind::Delivery);
        Error::Discord(format!("{what}: {reason}"))
    }

    /// Hands the first response to the waiting request.
    fn send_first(&self, first: First) -> crate::error::Result<()> {
        let sender = self
            .first
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        match sender {
            Some(sender) => sender
                .send(first)
                .map_err(|_| Error::Discord("the request went away before its answer".into())),
            None => Err(Error::Discord("a second initial response".into())),
        }
    }
}

/// The lifecycle defers replies with files here (`files_in_initial_response`).
fn no_files() -> Error {
    Error::Discord("files cannot travel in the HTTP response".into())
}

impl Responder for HttpResponder {
    async fn respond(&self, body: &Value, files: Files) -> crate::error::Result<()> {
        if !files.is_empty() {
            return Err(no_files());
        }
        self.send_first(First {
            json: Bytes::from(serde_json::to_vec(body)?),
            deferred: body["type"].as_u64() == Some(DEFERRED),
        })
    }

    /// From the endpoint's rendered responses: a repeated reply is not rendered again.
    async fn respond_reply(&self, reply: &Reply) -> crate::error::Result<()> {
        if reply
            .as_message()
            .is_some_and(|message| !message.attachments.is_empty())
        {
            return Err(no_files());
        }
        self.send_first(First {
            json: self.rendered.get(reply),
            deferred: false,
        })
    }

    async fn edit_original(&self, data: &Value, files: Files) -> crate::error::Result<()> {
        self.followup
            .edit_original(&self.delivery, data, &files)
            .await
            .map_err(|reason| self.failed("editing the original response", reason))?;
        tracing::info!("deferred reply delivered");
        Ok(())
    }

    async fn delete_original(&self) -> crate::error::Result<()> {
        self.followup
            .delete_original(&self.delivery)
            .await
            .map_err(|reason| self.failed("deleting the original response", reason))
    }

    async fn follow_up(&self, data: &Value, files: Files) -> crate::error::Result<()> {
        self.followup
            .follow_up(&self.delivery, data, &files)
            .await
            .map_err(|reason| self.failed("follow-up message", reason))?;
        tracing::info!("deferred reply delivered as a follow-up");
        Ok(())
    }

    fn files_in_initial_response(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests;

//! The HTTP transport: Discord's interactions endpoint (`POST /interactions`) plus the operator
//! routes (`/healthz`, `/readyz`, `/metrics`). Every request is verified (Ed25519 signature and
//! replay window), decoded by `adapters::interaction`, answered by `App` and rendered by
//! `adapters::render`: the same core and renderer as the gateway and the console.
//!
//! Nothing is kept in memory between requests (any state lives in `App`'s stores), so several
//! instances can serve one application behind a load balancer.

mod followup;
mod ops;
mod signature;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant as StdInstant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use tokio::task::JoinHandle;
use tokio::time::{timeout_at, Instant};

pub use followup::{Delivery, Followup};
pub use ops::{ops_router, readiness, ReadinessCheck, READINESS_CHECKS};
pub use signature::{RequestAuth, SIGNATURE_HEADER, TIMESTAMP_HEADER};

use crate::adapters::interaction::{self, Incoming};
use crate::adapters::render::{self, callback, Rendered, EPHEMERAL};
use crate::app::App;
use crate::error::{Error, Result};
use crate::metrics::ErrorKind;
use crate::reply::Reply;
use ops::json_response;

/// What a late reply becomes when Discord no longer accepts its kind (a modal or suggestions can
/// only be the first response, and the first response was the deferral).
const TOO_LATE: &str = "That took too long to prepare. Please try again.";

/// The endpoint's shared, read-only parts.
#[derive(Debug)]
struct Endpoint {
    app: Arc<App>,
    auth: RequestAuth,
    followup: Followup,
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

/// Serves `router(app)` on `listen` until Ctrl-C or SIGTERM, then lets requests in flight finish.
pub async fn serve(app: Arc<App>, listen: SocketAddr) -> Result<()> {
    let router = router(app)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| Error::io(format!("listening on {listen}"), e))?;
    let address = listener.local_addr().unwrap_or(listen);
    tracing::info!(%address, "interactions endpoint listening on POST /interactions");
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| Error::io("serving HTTP", e))?;
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

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, text).into_response()
}

fn deferred(ephemeral: bool) -> Response {
    let body = if ephemeral {
        json!({ "type": callback::DEFERRED_MESSAGE, "data": { "flags": EPHEMERAL } })
    } else {
        json!({ "type": callback::DEFERRED_MESSAGE })
    };
    json_response(StatusCode::OK, &body)
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

/// `POST /interactions`. Answers within `http.request_timeout`: a reply not ready by then is
/// deferred and finished over REST.
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
        let signature = header(request.headers(), SIGNATURE_HEADER).map(str::to_string);
        let timestamp = header(request.headers(), TIMESTAMP_HEADER).map(str::to_string);
        // The body limit comes from `DefaultBodyLimit`: over it, the rejection is a 413.
        let body = match timeout_at(deadline, Bytes::from_request(request, &())).await {
            Ok(Ok(body)) => body,
            Ok(Err(rejection)) => return Handled::new(rejection.into_response(), "unreadable"),
            Err(_) => {
                return Handled::new(
                    plain(StatusCode::REQUEST_TIMEOUT, "request body too slow"),
                    "unreadable",
                )
            }
        };
        let now = self.app.clock.now();
        if let Err(failure) =
            self.auth
                .check(signature.as_deref(), timestamp.as_deref(), &body, now)
        {
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
        self.answer(&payload, deadline).await
    }

    fn bad_request(&self, message: String, kind: &'static str) -> Handled {
        self.app.metrics.error(ErrorKind::BadRequest);
        tracing::warn!(%message, "bad interaction request");
        Handled::new(
            json_response(StatusCode::BAD_REQUEST, &json!({ "error": message })),
            kind,
        )
    }

    async fn answer(self: &Arc<Self>, payload: &Value, deadline: Instant) -> Handled {
        let incoming = match interaction::decode(payload) {
            Ok(incoming) => incoming,
            // A stale registration's autocomplete: no suggestions rather than an error.
            Err(_) if payload["type"].as_u64() == Some(interaction::kind::AUTOCOMPLETE) => {
                return Handled::new(self.choices(Vec::new()), "autocomplete")
            }
            Err(error) => return self.bad_request(error.user_message(), "undecodable"),
        };
        match incoming {
            Incoming::Ping => {
                Handled::new(json_response(StatusCode::OK, &json!({ "type": 1 })), "ping")
            }
            Incoming::Refused { message, .. } => Handled::new(
                self.rendered_now(&render::interaction_response(&Reply::notice(message))),
                "refused",
            ),
            Incoming::Autocomplete { focused, .. } => {
                let app = self.app.clone();
                let work = tokio::task::spawn_blocking(move || app.autocomplete(&focused));
                let choices = match timeout_at(deadline, work).await {
                    Ok(Ok(choices)) => choices,
                    _ => {
                        tracing::warn!("autocomplete did not finish in time");
                        Vec::new()
                    }
                };
                Handled::new(self.choices(choices), "autocomplete")
            }
            Incoming::Command { caller, command } => {
                let name = command.metric_name();
                let Some(delivery) =
                    Delivery::from_payload(payload, self.app.settings.discord.application_id)
                else {
                    return self.bad_request(
                        "the interaction has no usable token or application id".into(),
                        "undecodable",
                    );
                };
                let app = self.app.clone();
                let work = tokio::task::spawn_blocking(move || app.handle(&caller, command));
                let (response, deferred) = self.settle(work, delivery, deadline).await;
                Handled {
                    response,
                    kind: "command",
                    command: Some(name),
                    deferred,
                }
            }
        }
    }

    fn choices(&self, choices: Vec<crate::reply::Choice>) -> Response {
        self.rendered_now(&render::interaction_response(&Reply::Choices(choices)))
    }

    fn rendered_now(&self, rendered: &Rendered) -> Response {
        json_response(StatusCode::OK, &rendered.body)
    }

    /// Turns the core's work into the HTTP answer: the rendered reply if it is ready before the
    /// deadline and has no files; otherwise a deferral, with the reply delivered over REST when
    /// it is ready. Returns the response and whether it deferred.
    async fn settle(
        self: &Arc<Self>,
        mut work: JoinHandle<Reply>,
        delivery: Delivery,
        deadline: Instant,
    ) -> (Response, bool) {
        match timeout_at(deadline, &mut work).await {
            Ok(joined) => {
                let reply = self.reply_of(joined);
                match &reply {
                    // Files cannot ride in the HTTP response: defer, then upload with the edit.
                    Reply::Message(message) if !message.attachments.is_empty() => {
                        let ephemeral = message.ephemeral;
                        let rendered = render::interaction_response(&reply);
                        let this = self.clone();
                        tokio::spawn(async move { this.deliver(&delivery, &rendered).await });
                        (deferred(ephemeral), true)
                    }
                    _ => (
                        self.rendered_now(&render::interaction_response(&reply)),
                        false,
                    ),
                }
            }
            Err(_) => {
                // Whether the late reply is private is not known yet; the deferral decides it.
                let this = self.clone();
                tokio::spawn(async move {
                    let reply = match this.reply_of(work.await) {
                        reply @ Reply::Message(_) => reply,
                        _ => Reply::notice(TOO_LATE),
                    };
                    this.deliver(&delivery, &render::interaction_response(&reply))
                        .await;
                });
                (deferred(false), true)
            }
        }
    }

    /// `App::handle` never panics outward; a join error means the runtime is shutting down.
    fn reply_of(&self, joined: std::result::Result<Reply, tokio::task::JoinError>) -> Reply {
        joined.unwrap_or_else(|error| {
            tracing::error!(%error, "the command's task did not finish");
            self.app.metrics.error(ErrorKind::Panic);
            Reply::notice(Error::Config(String::new()).user_message())
        })
    }

    async fn deliver(&self, delivery: &Delivery, rendered: &Rendered) {
        match self
            .followup
            .edit_original(delivery, &rendered.body["data"], &rendered.files)
            .await
        {
            Ok(()) => tracing::info!("deferred reply delivered"),
            Err(reason) => {
                self.app.metrics.error(ErrorKind::Delivery);
                tracing::error!(%reason, "could not deliver a deferred reply");
            }
        }
    }
}

#[cfg(test)]
mod tests;

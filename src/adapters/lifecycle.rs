//! The one lifecycle of a Discord interaction, shared by the gateway (`careerbot serve`) and the
//! HTTP endpoint (`careerbot http`): decode → decide to answer now or defer → handle → respond,
//! edit the original, or follow up. The transports differ only in how an interaction arrives
//! (typed from serenity, or signed JSON) and in how the first response travels (a REST call, or
//! the HTTP response); both are behind `Responder`.
//!
//! Discord drops an interaction that gets no initial response within 3 seconds. The core is
//! synchronous and some replies are slow (a chart, scoring a long answer), so the reply is
//! computed while a timer runs (`Timing::defer_after`, the only place that rule lives): ready in
//! time, it is the initial response; otherwise a deferral ("careerbot is thinking…") goes out
//! first and the reply replaces it. Whether the reply is private is known *before* deferring
//! (`App::replies_privately`), so the deferral itself is ephemeral for a personal reply and
//! nothing personal ever shows in the channel. Should the reply turn out to differ in visibility
//! from its deferral (an error notice to a public command), the placeholder is deleted and the
//! reply sent as a follow-up with its own visibility.
//!
//! Every command runs through `App::handle_delivery` with the interaction's id, so a repeated
//! delivery (Discord's retry, a replay, a duplicated gateway event) gets the stored reply instead
//! of a second change. `Exchange` remembers how far the conversation about one interaction got,
//! so after a panic the user still hears that something went wrong.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::sync::Notify;

use serde_json::Value;
use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage};

use crate::adapters::interaction::{Envelope, Incoming};
use crate::adapters::render;
use crate::app::App;
use crate::error::{Error, Result};
use crate::metrics::ErrorKind;
use crate::reply::{Choice, Message, Reply};

/// Files to upload with a message: (file name, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// What can be sent about one interaction. Implemented over serenity's REST client (gateway),
/// over the HTTP response plus webhook calls (HTTP endpoint), and by recorders in tests.
pub trait Responder: Send + Sync {
    /// The initial response (`POST /interactions/{id}/{token}/callback`, or the HTTP response).
    fn respond(&self, body: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
    /// Replaces the original response (`PATCH /webhooks/{app}/{token}/messages/@original`).
    fn edit_original(&self, data: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
    /// Deletes the original response.
    fn delete_original(&self) -> impl Future<Output = Result<()>> + Send;
    /// A further message (`POST /webhooks/{app}/{token}`); may be ephemeral.
    fn follow_up(&self, data: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
    /// Whether the initial response can carry files. An HTTP response body cannot: a reply with
    /// files is deferred, and the files go with the edit.
    fn files_in_initial_response(&self) -> bool {
        true
    }
    /// The initial response that answers with `reply` itself. Rendered with `adapters::render`
    /// and sent with `respond`, unless the transport keeps renders of replies it sent before
    /// (the HTTP endpoint does: a repeated question's reply is the same bytes again).
    fn respond_reply(&self, reply: &Reply) -> impl Future<Output = Result<()>> + Send {
        async move {
            let rendered = render::interaction_response(reply);
            self.respond(&rendered.body, rendered.files).await
        }
    }
}

/// Discord's deadline for the initial response.
pub const DISCORD_DEADLINE: Duration = Duration::from_secs(3);

/// How long the bot waits before it defers, and how long autocomplete may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Past this, send a deferred response and edit it later. Well under `DISCORD_DEADLINE` so
    /// the deferral itself still arrives in time over a slow network.
    pub defer_after: Duration,
    /// Autocomplete cannot be deferred: past this, answer with no suggestions.
    pub autocomplete_budget: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            defer_after: Duration::from_millis(1500),
            autocomplete_budget: Duration::from_millis(2200),
        }
    }
}

impl Timing {
    /// `discord.defer_after_ms` from the settings; autocomplete keeps its own budget, never past
    /// Discord's deadline.
    pub fn from_settings(settings: &crate::settings::Settings) -> Timing {
        Timing {
            defer_after: settings.discord.defer_after,
            ..Timing::default()
        }
    }
}

/// How far the exchange about one interaction got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Nothing sent yet.
    Open,
    /// A deferred response was sent; the original must still be edited (or replaced).
    Deferred,
    /// The user has their answer.
    Answered,
}

/// How a reply reached the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivered {
    /// As the initial response.
    Immediately,
    /// By editing the deferred response (same visibility as the deferral).
    EditedAfterDeferring,
    /// As an ephemeral follow-up, the public deferred placeholder deleted.
    PrivatelyAfterDeferring,
    /// As a public follow-up, the private deferred placeholder deleted.
    PubliclyAfterDeferring,
}

/// A responder plus the stage the exchange reached.
pub struct Exchange<R> {
    responder: R,
    stage: AtomicU8,
    /// Whether the deferral (if one was sent) is ephemeral.
    deferred_privately: AtomicBool,
}

const OPEN: u8 = 0;
const DEFERRED: u8 = 1;
const ANSWERED: u8 = 2;

/// Shown when a modal was computed too late to be the initial response (a modal can only ever
/// be the initial response).
pub const FORM_TOO_SLOW: &str =
    "That took too long to open the form. Please click the button again.";

/// The deferred response ("careerbot is thinking…"), ephemeral when the reply will be.
pub fn deferral(private: bool) -> Value {
    let response = CreateInteractionResponse::Defer(
        CreateInteractionResponseMessage::new().ephemeral(private),
    );
    serde_json::to_value(response).unwrap_or(Value::Null)
}

impl<R: Responder> Exchange<R> {
    pub fn new(responder: R) -> Exchange<R> {
        Exchange {
            responder,
            stage: AtomicU8::new(OPEN),
            deferred_privately: AtomicBool::new(false),
        }
    }

    pub fn responder(&self) -> &R {
        &self.responder
    }

    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Acquire) {
            OPEN => Stage::Open,
            DEFERRED => Stage::Deferred,
            _ => Stage::Answered,
        }
    }

    fn reach(&self, stage: u8) {
        self.stage.store(stage, Ordering::Release);
    }

    async fn respond(&self, body: &Value, files: Files) -> Result<()> {
        self.responder.respond(body, files).await?;
        self.reach(ANSWERED);
        Ok(())
    }

    async fn defer(&self, private: bool) -> Result<()> {
        self.responder
            .respond(&deferral(private), Vec::new())
            .await?;
        self.deferred_privately.store(private, Ordering::Release);
        self.reach(DEFERRED);
        Ok(())
    }

    /// Sends `message` as the final answer of a deferred exchange.
    async fn finish_deferred(&self, message: &Message) -> Result<Delivered> {
        let (data, files) = render::message_data(message);
        let deferred_privately = self.deferred_privately.load(Ordering::Acquire);
        let delivered = if message.ephemeral == deferred_privately {
            self.responder.edit_original(&data, files).await?;
            Delivered::EditedAfterDeferring
        } else {
            // Editing cannot change a message's visibility: replace the placeholder.
            self.responder.delete_original().await?;
            self.responder.follow_up(&data, files).await?;
            if message.ephemeral {
                Delivered::PrivatelyAfterDeferring
            } else {
                Delivered::PubliclyAfterDeferring
            }
        };
        self.reach(ANSWERED);
        Ok(delivered)
    }

    /// Answers with the reply `work` computes, deferring first (privately when `private`) if it
    /// takes longer than `timing.defer_after`.
    pub async fn deliver(
        &self,
        work: impl Future<Output = Reply>,
        private: bool,
        timing: &Timing,
    ) -> Result<Delivered> {
        let mut work = std::pin::pin!(work);
        match tokio::time::timeout(timing.defer_after, &mut work).await {
            Ok(Reply::Message(message))
                if !message.attachments.is_empty()
                    && !self.responder.files_in_initial_response() =>
            {
                self.defer(message.ephemeral).await?;
                self.finish_deferred(&message).await
            }
            Ok(reply) => {
                self.responder.respond_reply(&reply).await?;
                self.reach(ANSWERED);
                Ok(Delivered::Immediately)
            }
            Err(_) => {
                self.defer(private).await?;
                let message = match work.await {
                    Reply::Message(message) => message,
                    Reply::Modal(_) => notice(FORM_TOO_SLOW),
                    Reply::Choices(_) => {
                        // The core answers commands with messages; choices here are a bug.
                        tracing::error!("a command was answered with autocomplete choices");
                        notice(&Error::Discord(String::new()).user_message())
                    }
                };
                self.finish_deferred(&message).await
            }
        }
    }

    /// Answers an autocomplete request. There is no deferring autocomplete: suggestions that are
    /// not ready within the budget are replaced by none.
    pub async fn deliver_choices(
        &self,
        work: impl Future<Output = Vec<Choice>>,
        timing: &Timing,
    ) -> Result<()> {
        let choices = match tokio::time::timeout(timing.autocomplete_budget, work).await {
            Ok(choices) => choices,
            Err(_) => {
                tracing::warn!("autocomplete took too long; answered with no suggestions");
                Vec::new()
            }
        };
        let rendered = render::interaction_response(&Reply::Choices(choices));
        self.respond(&rendered.body, rendered.files).await
    }

    /// After the handling went wrong (a panic): tells the user, however far the exchange got.
    /// Does nothing if they already have their answer.
    pub async fn recover(&self, autocomplete: bool) -> Result<()> {
        let sorry = notice(&Error::Discord(String::new()).user_message());
        match self.stage() {
            Stage::Answered => Ok(()),
            Stage::Open if autocomplete => {
                let rendered = render::interaction_response(&Reply::Choices(Vec::new()));
                self.respond(&rendered.body, rendered.files).await
            }
            Stage::Open => {
                let rendered = render::interaction_response(&Reply::Message(sorry));
                self.respond(&rendered.body, rendered.files).await
            }
            Stage::Deferred => self.finish_deferred(&sorry).await.map(|_| ()),
        }
    }
}

fn notice(text: &str) -> Message {
    match Reply::notice(text) {
        Reply::Message(message) => message,
        _ => unreachable!("a notice is a message"),
    }
}

/// What one interaction was, for the transport's log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered {
    pub kind: &'static str,
    pub command: Option<&'static str>,
    pub delivered: Option<Delivered>,
}

/// The whole lifecycle after decoding: handle the interaction and get the answer to the user.
/// `envelope` identifies the delivery (its id makes a repeat idempotent).
pub async fn answer<R: Responder>(
    app: Arc<App>,
    envelope: &Envelope,
    incoming: Incoming,
    exchange: &Exchange<R>,
    timing: &Timing,
) -> Result<Answered> {
    let _in_flight = in_flight().enter(&envelope.id);
    match incoming {
        Incoming::Ping => Ok(Answered {
            kind: "ping",
            command: None,
            delivered: None,
        }),
        Incoming::Autocomplete { caller, focused } => {
            tracing::debug!(user = %caller.user_id, option = focused.option.name, "autocomplete");
            let metrics = app.metrics.clone();
            let work = tokio::task::spawn_blocking(move || app.autocomplete(&caller, &focused));
            exchange
                .deliver_choices(
                    async move {
                        work.await.unwrap_or_else(|_| {
                            tracing::error!("autocomplete panicked");
                            metrics.error(ErrorKind::Panic);
                            Vec::new()
                        })
                    },
                    timing,
                )
                .await?;
            Ok(Answered {
                kind: "autocomplete",
                command: None,
                delivered: Some(Delivered::Immediately),
            })
        }
        Incoming::Command { caller, command } => {
            let name = command.metric_name();
            let private = App::replies_privately(&command);
            tracing::debug!(user = %caller.user_id, command = name, private, "interaction");
            if let Some(reply) = app.answer_at_once(&envelope.id, &caller, &command) {
                let delivered = exchange
                    .deliver(std::future::ready(reply), private, timing)
                    .await?;
                return Ok(Answered {
                    kind: "command",
                    command: Some(name),
                    delivered: Some(delivered),
                });
            }
            let id = envelope.id.clone();
            let metrics = app.metrics.clone();
            let work =
                tokio::task::spawn_blocking(move || app.handle_delivery(&id, &caller, command));
            let delivered = exchange
                .deliver(
                    async move {
                        work.await.unwrap_or_else(|_| {
                            tracing::error!(command = name, "command panicked");
                            metrics.error(ErrorKind::Panic);
                            Reply::notice(Error::Discord(String::new()).user_message())
                        })
                    },
                    private,
                    timing,
                )
                .await?;
            Ok(Answered {
                kind: "command",
                command: Some(name),
                delivered: Some(delivered),
            })
        }
        Incoming::Refused { caller, message } => {
            tracing::debug!(user = %caller.user_id, "refused an invalid command");
            let delivered = exchange
                .deliver(std::future::ready(Reply::notice(message)), true, timing)
                .await?;
            Ok(Answered {
                kind: "refused",
                command: None,
                delivered: Some(delivered),
            })
        }
    }
}

/// The interactions this process is answering (up to and including a deferred reply's delivery),
/// so shutdown can wait for them and name the ones it gives up on.
#[derive(Default)]
pub struct InFlight {
    next: AtomicU64,
    open: Mutex<BTreeMap<u64, String>>,
    idle: Notify,
}

/// Held while one interaction is being answered.
pub struct InFlightGuard {
    tracker: &'static InFlight,
    key: u64,
}

/// The process's one `InFlight`: both transports and shutdown share it.
pub fn in_flight() -> &'static InFlight {
    static IN_FLIGHT: OnceLock<InFlight> = OnceLock::new();
    IN_FLIGHT.get_or_init(InFlight::default)
}

impl InFlight {
    /// Marks interaction `id` as being answered until the guard drops.
    pub fn enter(&'static self, id: &str) -> InFlightGuard {
        let key = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(key, id.to_string());
        InFlightGuard { tracker: self, key }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, String>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn count(&self) -> usize {
        self.lock().len()
    }

    /// The interaction ids still being answered.
    pub fn open_ids(&self) -> Vec<String> {
        self.lock().values().cloned().collect()
    }

    /// Waits until nothing is in flight; false if `limit` passed first.
    pub async fn wait_idle(&self, limit: Duration) -> bool {
        tokio::time::timeout(limit, async {
            loop {
                let idle = self.idle.notified();
                let mut idle = std::pin::pin!(idle);
                idle.as_mut().enable();
                if self.count() == 0 {
                    return;
                }
                idle.await;
            }
        })
        .await
        .is_ok()
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let mut open = self.tracker.lock();
        open.remove(&self.key);
        if open.is_empty() {
            self.tracker.idle.notify_waiters();
        }
    }
}

/// At shutdown, after the transport stopped taking new interactions: waits up to `grace` for
/// those in flight (deferred replies included) and logs each one given up on.
pub async fn finish_in_flight(app: &App, grace: Duration) -> bool {
    let tracker = in_flight();
    if tracker.wait_idle(grace).await {
        tracing::info!("every interaction in flight was answered");
        return true;
    }
    for id in tracker.open_ids() {
        app.metrics.abandoned_reply();
        tracing::error!(
            interaction = %id,
            "shutting down: abandoned a reply not delivered within the grace period"
        );
    }
    false
}

#[cfg(test)]
mod tests;

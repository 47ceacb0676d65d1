//! Answering one interaction within Discord's deadlines, independent of how the answer travels.
//!
//! Discord drops an interaction that gets no initial response within 3 seconds. The core is
//! synchronous and some replies are slow (a chart, a rebuild), and which ones only shows once the
//! reply exists (`Message::slow`). So instead of guessing, the reply is computed while a timer
//! runs: if it is ready within `Timing::defer_after` it is sent as the initial response;
//! otherwise a deferred response (type 5, "careerbot is thinking…") goes out first and the reply
//! replaces it when ready. A deferred response is public; if the late reply turns out to be
//! personal (ephemeral), the public placeholder is deleted and the reply sent as an ephemeral
//! follow-up, so nothing personal is ever shown to the channel.
//!
//! `Exchange` remembers how far the conversation about one interaction got, so that after a
//! panic the user still hears that something went wrong instead of "The application did not
//! respond".

use std::future::Future;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use serde_json::{json, Value};

use crate::adapters::render::{self, callback};
use crate::error::{Error, Result};
use crate::reply::{Choice, Message, Reply};

/// Files to upload with a message: (file name, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// What can be sent about one interaction. Implemented over serenity's REST client for the
/// gateway, and by recorders in tests.
pub trait Responder: Send + Sync {
    /// The initial response (`POST /interactions/{id}/{token}/callback`).
    fn respond(&self, body: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
    /// Replaces the original response (`PATCH /webhooks/{app}/{token}/messages/@original`).
    fn edit_original(&self, data: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
    /// Deletes the original response.
    fn delete_original(&self) -> impl Future<Output = Result<()>> + Send;
    /// A further message (`POST /webhooks/{app}/{token}`); may be ephemeral.
    fn follow_up(&self, data: &Value, files: Files) -> impl Future<Output = Result<()>> + Send;
}

/// How long the bot waits before it defers, and how long autocomplete may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Past this, send a deferred response and edit it later. Well under Discord's 3 s so the
    /// deferral itself still arrives in time over a slow network.
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
    /// By editing the deferred response.
    EditedAfterDeferring,
    /// As an ephemeral follow-up, the deferred placeholder deleted.
    PrivatelyAfterDeferring,
}

/// A responder plus the stage the exchange reached.
pub struct Exchange<R> {
    responder: R,
    stage: AtomicU8,
}

const OPEN: u8 = 0;
const DEFERRED: u8 = 1;
const ANSWERED: u8 = 2;

/// Shown when a modal was computed too late to be the initial response (a modal can only ever
/// be the initial response).
const FORM_TOO_SLOW: &str = "That took too long to open the form. Please click the button again.";

impl<R: Responder> Exchange<R> {
    pub fn new(responder: R) -> Exchange<R> {
        Exchange {
            responder,
            stage: AtomicU8::new(OPEN),
        }
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
        let deferred = body["type"].as_u64() == Some(u64::from(callback::DEFERRED_MESSAGE));
        self.reach(if deferred { DEFERRED } else { ANSWERED });
        Ok(())
    }

    /// Sends `message` as the final answer of a deferred exchange.
    async fn finish_deferred(&self, message: &Message) -> Result<Delivered> {
        let (data, files) = render::message_data(message);
        if message.ephemeral {
            // Editing cannot make the public placeholder private: replace it.
            self.responder.delete_original().await?;
            self.responder.follow_up(&data, files).await?;
            self.reach(ANSWERED);
            Ok(Delivered::PrivatelyAfterDeferring)
        } else {
            self.responder.edit_original(&data, files).await?;
            self.reach(ANSWERED);
            Ok(Delivered::EditedAfterDeferring)
        }
    }

    /// Answers with the reply `work` computes, deferring first if it takes longer than
    /// `timing.defer_after`.
    pub async fn deliver(
        &self,
        work: impl Future<Output = Reply>,
        timing: &Timing,
    ) -> Result<Delivered> {
        let mut work = std::pin::pin!(work);
        match tokio::time::timeout(timing.defer_after, &mut work).await {
            Ok(reply) => {
                let rendered = render::interaction_response(&reply);
                self.respond(&rendered.body, rendered.files).await?;
                Ok(Delivered::Immediately)
            }
            Err(_) => {
                self.respond(&json!({ "type": callback::DEFERRED_MESSAGE }), Vec::new())
                    .await?;
                let reply = work.await;
                let message = match reply {
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tokio::sync::{oneshot, Notify};

    use super::*;
    use crate::reply::{Attachment, Embed, Modal, TextInput};

    /// One recorded call: its name, the JSON sent, the names of the files sent.
    type Call = (&'static str, Value, Vec<String>);

    /// Records every call; tells the test when the initial response went out.
    #[derive(Default, Clone)]
    struct Recorder {
        calls: Arc<Mutex<Vec<Call>>>,
        responded: Arc<Notify>,
    }

    impl Recorder {
        fn record(&self, name: &'static str, body: &Value, files: &Files) {
            let names = files.iter().map(|(name, _)| name.clone()).collect();
            self.calls.lock().unwrap().push((name, body.clone(), names));
        }

        fn calls(&self) -> Vec<Call> {
            self.calls.lock().unwrap().clone()
        }
    }

    impl Responder for Recorder {
        async fn respond(&self, body: &Value, files: Files) -> Result<()> {
            self.record("respond", body, &files);
            self.responded.notify_one();
            Ok(())
        }
        async fn edit_original(&self, data: &Value, files: Files) -> Result<()> {
            self.record("edit_original", data, &files);
            Ok(())
        }
        async fn delete_original(&self) -> Result<()> {
            self.record("delete_original", &Value::Null, &Vec::new());
            Ok(())
        }
        async fn follow_up(&self, data: &Value, files: Files) -> Result<()> {
            self.record("follow_up", data, &files);
            Ok(())
        }
    }

    fn timing() -> Timing {
        Timing {
            defer_after: Duration::from_millis(100),
            autocomplete_budget: Duration::from_millis(100),
        }
    }

    fn chart_reply(ephemeral: bool) -> Reply {
        Reply::Message(Message {
            embeds: vec![Embed::new("Salary").footer("Source: a guide")],
            attachments: vec![Attachment {
                filename: "salary.png".into(),
                description: "chart".into(),
                bytes: vec![0x89, b'P', b'N', b'G'],
            }],
            ephemeral,
            slow: true,
            ..Message::default()
        })
    }

    /// Runs `deliver` with a reply that is only released once the deferred response went out,
    /// so the slow path is taken without depending on how busy the machine is.
    async fn deliver_late(reply: Reply) -> (Recorder, Delivered) {
        let recorder = Recorder::default();
        let exchange = Exchange::new(recorder.clone());
        let (release, released) = oneshot::channel::<()>();
        let responded = recorder.responded.clone();
        let releaser = tokio::spawn(async move {
            responded.notified().await;
            release.send(()).unwrap();
        });
        let work = async move {
            released.await.unwrap();
            reply
        };
        let delivered = exchange.deliver(work, &timing()).await.unwrap();
        releaser.await.unwrap();
        assert_eq!(exchange.stage(), Stage::Answered);
        (recorder, delivered)
    }

    #[tokio::test]
    async fn a_ready_reply_is_the_initial_response_exactly_as_rendered() {
        let recorder = Recorder::default();
        let exchange = Exchange::new(recorder.clone());
        let reply = chart_reply(false);
        let delivered = exchange
            .deliver(std::future::ready(reply.clone()), &timing())
            .await
            .unwrap();
        assert_eq!(delivered, Delivered::Immediately);
        let rendered = render::interaction_response(&reply);
        assert_eq!(
            recorder.calls(),
            vec![("respond", rendered.body, vec!["salary.png".to_string()])]
        );
        assert_eq!(exchange.stage(), Stage::Answered);
    }

    #[tokio::test]
    async fn a_slow_public_reply_defers_then_edits_the_original_with_its_files() {
        let reply = chart_reply(false);
        let (recorder, delivered) = deliver_late(reply.clone()).await;
        assert_eq!(delivered, Delivered::EditedAfterDeferring);
        let (data, _) = render::message_data(reply.as_message().unwrap());
        assert_eq!(
            recorder.calls(),
            vec![
                ("respond", json!({ "type": 5 }), vec![]),
                ("edit_original", data, vec!["salary.png".to_string()]),
            ]
        );
    }

    #[tokio::test]
    async fn a_slow_personal_reply_never_shows_in_the_channel() {
        let reply = chart_reply(true);
        let (recorder, delivered) = deliver_late(reply.clone()).await;
        assert_eq!(delivered, Delivered::PrivatelyAfterDeferring);
        let calls = recorder.calls();
        let names: Vec<&str> = calls.iter().map(|c| c.0).collect();
        assert_eq!(names, ["respond", "delete_original", "follow_up"]);
        assert_eq!(calls[2].1["flags"], json!(64));
        assert_eq!(calls[2].2, ["salary.png"]);
    }

    #[tokio::test]
    async fn a_late_modal_becomes_a_polite_ephemeral_notice() {
        let modal = Reply::Modal(Modal {
            custom_id: "iv:modal:1".into(),
            title: "Your answer".into(),
            inputs: vec![TextInput {
                custom_id: "answer".into(),
                label: "Answer".into(),
                paragraph: true,
                min_length: 1,
                max_length: 4000,
                required: true,
                placeholder: None,
            }],
        });
        let (recorder, _) = deliver_late(modal).await;
        let calls = recorder.calls();
        assert_eq!(calls.last().unwrap().0, "follow_up");
        assert_eq!(calls.last().unwrap().1["content"], FORM_TOO_SLOW);
        assert_eq!(calls.last().unwrap().1["flags"], json!(64));
    }

    #[tokio::test]
    async fn slow_autocomplete_answers_with_no_suggestions_in_time() {
        let recorder = Recorder::default();
        let exchange = Exchange::new(recorder.clone());
        let never = std::future::pending::<Vec<Choice>>();
        exchange.deliver_choices(never, &timing()).await.unwrap();
        assert_eq!(
            recorder.calls(),
            vec![(
                "respond",
                json!({ "type": 8, "data": { "choices": [] } }),
                vec![]
            )]
        );
    }

    fn explode() -> Reply {
        panic!("a bug in a handler")
    }

    #[tokio::test]
    async fn a_panicking_handler_still_gets_the_user_an_answer() {
        // The work panics inside its own task, as the gateway handler runs it.
        let recorder = Recorder::default();
        let exchange = Arc::new(Exchange::new(recorder.clone()));
        let inner = exchange.clone();
        let outcome =
            tokio::spawn(async move { inner.deliver(async { explode() }, &timing()).await }).await;
        assert!(outcome.unwrap_err().is_panic());
        assert_eq!(exchange.stage(), Stage::Open);
        exchange.recover(false).await.unwrap();
        let calls = recorder.calls();
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].1["type"], 4);
        assert_eq!(calls[0].1["data"]["flags"], json!(64));

        // After a deferral the notice replaces the placeholder; once answered, nothing is sent.
        let recorder = Recorder::default();
        let exchange = Exchange::new(recorder.clone());
        exchange
            .respond(&json!({ "type": 5 }), Vec::new())
            .await
            .unwrap();
        exchange.recover(false).await.unwrap();
        exchange.recover(false).await.unwrap();
        let names: Vec<&str> = recorder.calls().iter().map(|c| c.0).collect();
        assert_eq!(names, ["respond", "delete_original", "follow_up"]);
    }
}

//! The gateway's event handler: every `INTERACTION_CREATE` becomes JSON (serenity's model
//! serializes to Discord's shape), goes through `interaction::decode` — the same conversion the
//! HTTP endpoint uses — to the core on a blocking thread (the core is synchronous and touches
//! SQLite), and the rendered reply goes back through serenity's raw REST methods.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use serenity::all::{
    Context, CreateAttachment, EventHandler, Http, Interaction, InteractionId, Ready, ResumedEvent,
};

use super::respond::{Exchange, Files, Responder, Timing};
use super::InFlight;
use crate::adapters::interaction::{self, Incoming};
use crate::app::App;
use crate::error::{Error, Result};
use crate::reply::Reply;

/// A REST call that has not finished in this long is abandoned, so a stuck proxy cannot hold
/// an interaction (and shutdown) forever.
const REST_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Handler {
    app: Arc<App>,
    in_flight: InFlight,
    timing: Timing,
}

impl Handler {
    pub fn new(app: Arc<App>, in_flight: InFlight, timing: Timing) -> Handler {
        Handler {
            app,
            in_flight,
            timing,
        }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, _ctx: Context, ready: Ready) {
        tracing::info!(
            user = %ready.user.name,
            shard = ?ready.shard.map(|s| (s.id.0, s.total)),
            guilds = ready.guilds.len(),
            "connected to the Discord gateway"
        );
    }

    async fn resume(&self, _ctx: Context, _event: ResumedEvent) {
        tracing::info!("gateway session resumed");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _in_flight = self.in_flight.enter();
        let autocomplete = matches!(interaction, Interaction::Autocomplete(_));
        let exchange = Arc::new(Exchange::new(SerenityResponder {
            http: ctx.http.clone(),
            interaction_id: interaction.id(),
            token: interaction.token().to_string(),
        }));
        let payload = payload_of(&interaction);
        // Its own task, so that a panic anywhere in the handling is contained and reported here.
        let task = tokio::spawn(answer(
            self.app.clone(),
            payload,
            exchange.clone(),
            self.timing,
        ));
        if let Err(error) = task.await {
            tracing::error!(
                panicked = error.is_panic(),
                interaction = %interaction.id(),
                "handling an interaction failed; telling the user"
            );
            if let Err(error) = exchange.recover(autocomplete).await {
                tracing::warn!(%error, "could not tell the user about the failure");
            }
        }
    }
}

/// The interaction as Discord's JSON. serenity serializes the interaction kinds without their
/// `type` (it selects the Rust variant), so it is put back.
pub fn payload_of(interaction: &Interaction) -> Value {
    let mut payload = serde_json::to_value(interaction).unwrap_or_else(|error| {
        tracing::error!(%error, "an interaction did not serialize");
        Value::Null
    });
    if let Value::Object(map) = &mut payload {
        map.insert("type".into(), u8::from(interaction.kind()).into());
    }
    payload
}

async fn answer<R: Responder + 'static>(
    app: Arc<App>,
    payload: Value,
    exchange: Arc<Exchange<R>>,
    timing: Timing,
) {
    let kind = payload["type"].as_u64();
    let outcome = match interaction::decode(&payload) {
        Ok(Incoming::Ping) => Ok(()),
        Ok(Incoming::Autocomplete { caller, focused }) => {
            tracing::debug!(user = %caller.user_id, option = focused.option.name, "autocomplete");
            let work = tokio::task::spawn_blocking(move || app.autocomplete(&focused));
            exchange
                .deliver_choices(
                    async move {
                        work.await.unwrap_or_else(|_| {
                            tracing::error!("autocomplete panicked");
                            Vec::new()
                        })
                    },
                    &timing,
                )
                .await
        }
        Ok(Incoming::Command { caller, command }) => {
            let name = command.metric_name();
            tracing::debug!(user = %caller.user_id, command = name, "interaction");
            let work = tokio::task::spawn_blocking(move || app.handle(&caller, command));
            exchange
                .deliver(
                    async move {
                        work.await.unwrap_or_else(|_| {
                            tracing::error!(command = name, "command panicked");
                            Reply::notice(Error::Discord(String::new()).user_message())
                        })
                    },
                    &timing,
                )
                .await
                .map(|delivered| tracing::debug!(command = name, ?delivered, "answered"))
        }
        Ok(Incoming::Refused { caller, message }) => {
            tracing::debug!(user = %caller.user_id, "refused an invalid command");
            exchange
                .deliver(std::future::ready(Reply::notice(message)), &timing)
                .await
                .map(|_| ())
        }
        Err(error) => {
            tracing::warn!(%error, kind, "could not understand an interaction");
            exchange
                .recover(kind == Some(interaction::kind::AUTOCOMPLETE))
                .await
        }
    };
    if let Err(error) = outcome {
        tracing::warn!(%error, "could not answer an interaction");
    }
}

/// Sends through serenity's raw REST methods, which take the renderer's JSON as it is.
pub struct SerenityResponder {
    pub http: Arc<Http>,
    pub interaction_id: InteractionId,
    pub token: String,
}

/// serenity names every uploaded file part `files[0]` when files are passed to the raw methods,
/// so only one file per message can be matched to its `attachments` entry. Replies carry at most
/// one (the chart); should one carry more, the extra files are dropped here, loudly, rather
/// than sent mismatched.
fn attachments(data: &mut Value, mut files: Files) -> Vec<CreateAttachment> {
    if files.len() > 1 {
        tracing::error!(
            files = files.len(),
            "a reply has more than one file; only the first is sent"
        );
        files.truncate(1);
        if let Some(list) = data.get_mut("attachments").and_then(Value::as_array_mut) {
            list.truncate(1);
        }
    }
    files
        .into_iter()
        .map(|(name, bytes)| CreateAttachment::bytes(bytes, name))
        .collect()
}

async fn bounded<T>(
    what: &str,
    call: impl std::future::Future<Output = serenity::Result<T>>,
) -> Result<()> {
    match tokio::time::timeout(REST_TIMEOUT, call).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) => Err(Error::Discord(format!("{what}: {error}"))),
        Err(_) => Err(Error::Discord(format!(
            "{what}: no answer within {REST_TIMEOUT:?}"
        ))),
    }
}

impl Responder for SerenityResponder {
    async fn respond(&self, body: &Value, files: Files) -> Result<()> {
        let mut body = body.clone();
        let files = match body.get_mut("data") {
            Some(data) => attachments(data, files),
            None => attachments(&mut Value::Null, files),
        };
        bounded(
            "interaction response",
            self.http
                .create_interaction_response(self.interaction_id, &self.token, &body, files),
        )
        .await
    }

    async fn edit_original(&self, data: &Value, files: Files) -> Result<()> {
        let mut data = data.clone();
        let files = attachments(&mut data, files);
        bounded(
            "editing the original response",
            self.http
                .edit_original_interaction_response(&self.token, &data, files),
        )
        .await
    }

    async fn delete_original(&self) -> Result<()> {
        bounded(
            "deleting the original response",
            self.http.delete_original_interaction_response(&self.token),
        )
        .await
    }

    async fn follow_up(&self, data: &Value, files: Files) -> Result<()> {
        let mut data = data.clone();
        let files = attachments(&mut data, files);
        bounded(
            "follow-up message",
            self.http.create_followup_message(&self.token, &data, files),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A component interaction shaped like Discord's documented example, with the fields
    /// serenity's model requires.
    fn button_click() -> Value {
        json!({
            "version": 1,
            "type": 3,
            "token": "unique_interaction_token",
            "id": "846462639134605312",
            "application_id": "290926444748734465",
            "guild_id": "290926798626357999",
            "channel_id": "345626669114982999",
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10485760,
            "member": {
                "user": { "id": "53908232506183680", "username": "Mason", "avatar": null, "discriminator": "1337", "public_flags": 131141 },
                "roles": [], "premium_since": null, "permissions": "2147483647", "pending": false,
                "nick": null, "mute": false, "deaf": false, "joined_at": "2017-03-13T19:19:14.040000+00:00",
                "flags": 0
            },
            "data": { "custom_id": "iv:hint:1", "component_type": 2 },
            "message": {
                "type": 0, "tts": false, "timestamp": "2021-05-19T02:12:51.710000+00:00", "pinned": false,
                "mentions": [], "mention_roles": [], "mention_everyone": false, "id": "844397162624450620",
                "flags": 0, "embeds": [], "edited_timestamp": null, "content": "A question",
                "components": [], "channel_id": "345626669114982999", "attachments": [],
                "author": { "id": "290926444748734465", "username": "careerbot", "avatar": null, "discriminator": "0000" }
            }
        })
    }

    #[test]
    fn serenitys_model_round_trips_to_what_decode_reads() {
        let interaction: Interaction = serde_json::from_value(button_click()).unwrap();
        let payload = payload_of(&interaction);
        assert_eq!(payload["type"], 3);
        let Incoming::Command { caller, command } = interaction::decode(&payload).unwrap() else {
            panic!("a click is a command")
        };
        assert_eq!(caller.user_id, "53908232506183680");
        assert_eq!(caller.channel_id.as_deref(), Some("345626669114982999"));
        assert_eq!(
            command,
            crate::Command::Component {
                custom_id: "iv:hint:1".into()
            }
        );
    }

    #[test]
    fn only_one_file_travels_per_message() {
        let mut data = json!({ "attachments": [{ "id": 0 }, { "id": 1 }] });
        let files = vec![
            ("a.png".to_string(), vec![1]),
            ("b.png".to_string(), vec![2]),
        ];
        let sent = attachments(&mut data, files);
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].filename, "a.png");
        assert_eq!(data["attachments"].as_array().unwrap().len(), 1);
    }
}

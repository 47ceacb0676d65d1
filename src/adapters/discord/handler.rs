//! The gateway's event handler: every `INTERACTION_CREATE` arrives as serenity's typed
//! `Interaction`, is decoded by `interaction::decode_interaction` (the same meaning the HTTP
//! endpoint gives its JSON), and goes through the shared `lifecycle`; the rendered reply goes
//! back through serenity's REST methods.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use serenity::all::{
    Context, CreateAttachment, EventHandler, Http, Interaction, InteractionId, Ready, ResumedEvent,
};

use crate::adapters::interaction::{self, Envelope};
use crate::adapters::lifecycle::{self, Exchange, Files, Responder, Timing};
use crate::app::App;
use crate::error::{Error, Result};

/// A REST call that has not finished in this long is abandoned, so a stuck proxy cannot hold
/// an interaction (and shutdown) forever.
const REST_TIMEOUT: Duration = Duration::from_secs(15);

pub struct Handler {
    app: Arc<App>,
    timing: Timing,
}

impl Handler {
    pub fn new(app: Arc<App>, timing: Timing) -> Handler {
        Handler { app, timing }
    }
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let (shard, shard_count) = ready
            .shard
            .map_or((ctx.shard_id.0, 1), |s| (s.id.0, s.total));
        self.app.metrics.shard_state(shard, shard_count, true);
        tracing::info!(
            user = %ready.user.name,
            shard,
            shard_count,
            guilds = ready.guilds.len(),
            "connected to the Discord gateway"
        );
    }

    async fn resume(&self, ctx: Context, _event: ResumedEvent) {
        let shard = ctx.shard_id.0;
        self.app.metrics.shard_state(shard, 0, true);
        tracing::info!(
            shard,
            shard_count = self.app.metrics.shard_count(shard),
            "gateway session resumed"
        );
    }

    async fn shard_stage_update(&self, _ctx: Context, event: serenity::all::ShardStageUpdateEvent) {
        let up = matches!(event.new, serenity::all::ConnectionStage::Connected);
        let shard = event.shard_id.0;
        if !up {
            self.app.metrics.shard_state(shard, 0, false);
        }
        tracing::debug!(shard, stage = %event.new, "gateway shard stage");
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let shard = ctx.shard_id.0;
        let shard_count = self.app.metrics.shard_count(shard);
        self.app.metrics.shard_interaction(shard);
        // Every line logged while this interaction is handled names its shard.
        let span = tracing::info_span!("gateway", shard, shard_count);
        tracing::info!(
            parent: &span,
            interaction = %interaction.id(),
            kind = interaction_kind(&interaction),
            "interaction received"
        );
        let autocomplete = matches!(interaction, Interaction::Autocomplete(_));
        let exchange = Arc::new(Exchange::new(SerenityResponder {
            http: ctx.http.clone(),
            interaction_id: interaction.id(),
            token: interaction.token().to_string(),
        }));
        let decoded = interaction::decode_interaction(&interaction);
        let envelope = Envelope::from_interaction(&interaction);
        // Its own task, so that a panic anywhere in the handling is contained and reported here.
        let app = self.app.clone();
        let timing = self.timing;
        let answering = exchange.clone();
        let task = tokio::spawn(tracing::Instrument::instrument(
            async move {
                let outcome = match (decoded, envelope) {
                    (Ok(incoming), Some(envelope)) => {
                        lifecycle::answer(app, &envelope, incoming, &answering, &timing)
                            .await
                            .map(|answered| tracing::debug!(?answered, "answered"))
                    }
                    (Ok(_), None) => {
                        tracing::warn!("an interaction without a usable token");
                        Ok(())
                    }
                    (Err(error), _) => {
                        tracing::warn!(%error, "could not understand an interaction");
                        answering.recover(autocomplete).await
                    }
                };
                if let Err(error) = outcome {
                    tracing::warn!(%error, "could not answer an interaction");
                }
            },
            span,
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

/// The interaction's type, for the log.
fn interaction_kind(interaction: &Interaction) -> &'static str {
    match interaction {
        Interaction::Ping(_) => "ping",
        Interaction::Command(_) => "command",
        Interaction::Autocomplete(_) => "autocomplete",
        Interaction::Component(_) => "component",
        Interaction::Modal(_) => "modal",
        _ => "other",
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
    fn serenitys_typed_model_decodes_like_the_json_it_came_from() {
        let payload = button_click();
        let interaction: Interaction = serde_json::from_value(payload.clone()).unwrap();
        let typed = interaction::decode_interaction(&interaction).unwrap();
        assert_eq!(typed, interaction::decode(&payload).unwrap());
        let interaction::Incoming::Command { caller, command } = typed else {
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
        let envelope = Envelope::from_interaction(&interaction).unwrap();
        assert_eq!(
            (envelope.id.as_str(), envelope.token.as_str()),
            ("846462639134605312", "unique_interaction_token")
        );
        assert_eq!(Envelope::from_json(&payload), Some(envelope));
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

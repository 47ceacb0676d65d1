//! The daily question's poster for the gateway bot: every [`TICK`] it asks the core which posts
//! are due (`daily::due`, which claims each one in the store, so several processes post it once)
//! and sends each: the message with its Answer button, then a thread started from it. Mentions
//! are off in every message the renderer builds, so nobody is pinged.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, Http, MessageId};

use crate::adapters::render;
use crate::app::App;
use crate::daily::{self, Due};

/// How often the schedule is checked. A post goes out within this of its minute.
pub const TICK: Duration = Duration::from_secs(1);

/// Runs until aborted.
pub async fn run(app: Arc<App>, http: Arc<Http>) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        let deciding = app.clone();
        let due = match tokio::task::spawn_blocking(move || daily::due(&deciding)).await {
            Ok(Ok(due)) => due,
            Ok(Err(error)) => {
                tracing::warn!(%error, "cannot read the daily schedules");
                continue;
            }
            Err(error) => {
                tracing::error!(%error, "the daily schedule check panicked");
                continue;
            }
        };
        for post in due {
            if let Err(error) = send(&app, &http, &post).await {
                // Claimed, so no other process posts it: at most once, logged.
                tracing::error!(guild = %post.guild_id, day = post.day, %error, "the daily question could not be posted");
            }
        }
    }
}

async fn send(app: &Arc<App>, http: &Http, post: &Due) -> Result<(), String> {
    let channel: u64 = post
        .channel_id
        .parse()
        .map_err(|_| format!("bad channel id {}", post.channel_id))?;
    let channel = ChannelId::new(channel.max(1));
    let rendered = render::interaction_response(&post.message);
    let body = &rendered.body["data"];
    let message = http
        .send_message(channel, Vec::new(), body)
        .await
        .map_err(|e| format!("sending the question: {e}"))?;
    tracing::info!(guild = %post.guild_id, day = post.day, message = %message.id, "daily question posted");
    let thread = serde_json::json!({ "name": post.thread_name, "auto_archive_duration": 1440 });
    if let Err(error) = http
        .create_thread_from_message(channel, MessageId::new(message.id.get()), &thread, None)
        .await
    {
        // The question is up; discussion can still happen in the channel.
        tracing::warn!(%error, "could not start the daily question's thread");
    }
    let store = app.store.clone();
    let (guild, day, id) = (post.guild_id.clone(), post.day, message.id.to_string());
    let saved =
        tokio::task::spawn_blocking(move || store.set_daily_post_message(&guild, day, &id)).await;
    if !matches!(saved, Ok(Ok(()))) {
        tracing::warn!("could not record the daily post's message id");
    }
    Ok(())
}

//! `careerbot serve`: the Discord gateway adapter. Builds serenity's REST client (optionally
//! through `discord.api_url`, a rate-limiting proxy or a local stand-in), registers the slash
//! commands from the one declaration, connects the shards this process runs with no privileged
//! intents (interactions need none), and shuts down gracefully on SIGINT/SIGTERM: the gateway is
//! closed first, interactions in flight finish and their deferred replies are delivered (within
//! `discord.shutdown_grace_seconds`; each one given up is logged), and the `App` (with its
//! database) is dropped last. Reconnecting and resuming a dropped gateway session is serenity's job; the end-to-end
//! tests prove it happens.

mod daily;
mod handler;

use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ApplicationId, ClientBuilder, GatewayIntents, GuildId, Http, HttpBuilder};
use tokio::sync::Notify;

pub use handler::SerenityResponder;

use crate::adapters::{interaction, lifecycle};
use crate::app::App;
use crate::error::{Error, Result};
use crate::settings::{DiscordSettings, Secret, Shards};

/// Which shards this process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardPlan {
    /// As many as Discord recommends (`GET /gateway/bot`), all in this process.
    Auto,
    /// Shards `first..=last` of `total`; `total` None means Discord's recommendation.
    Range {
        first: u32,
        last: u32,
        total: Option<u32>,
    },
}

impl ShardPlan {
    pub fn from_settings(discord: &DiscordSettings) -> Result<ShardPlan> {
        match (discord.shards, discord.shard_range) {
            (Shards::Auto, None) => Ok(ShardPlan::Auto),
            (Shards::Fixed(total), None) => Ok(ShardPlan::Range {
                first: 0,
                last: total - 1,
                total: Some(total),
            }),
            (Shards::Fixed(total), Some((_, last))) if last >= total => {
                Err(Error::Config(format!(
                    "`discord.shard_range` ends at shard {last}, but `discord.shards` is {total} (shard ids are 0..{})",
                    total - 1
                )))
            }
            (Shards::Fixed(total), Some((first, last))) => Ok(ShardPlan::Range {
                first,
                last,
                total: Some(total),
            }),
            (Shards::Auto, Some((first, last))) => Ok(ShardPlan::Range {
                first,
                last,
                total: None,
            }),
        }
    }

    /// The process that runs shard 0 registers the commands; in a multi-process deployment the
    /// others leave it to that one.
    pub fn registers_commands(&self) -> bool {
        match self {
            ShardPlan::Auto => true,
            ShardPlan::Range { first, .. } => *first == 0,
        }
    }
}

/// serenity's REST client. With `api_url`, every request goes there instead of
/// https://discord.com; serenity's own rate limiter would bypass that base, so it is turned off
/// and rate limiting is left to the proxy (which is what such a proxy is for).
pub fn http_client(token: &Secret, discord: &DiscordSettings) -> Http {
    let mut builder = HttpBuilder::new(token.expose());
    if let Some(id) = discord.application_id {
        builder = builder.application_id(ApplicationId::new(id));
    }
    if let Some(url) = &discord.api_url {
        builder = builder.proxy(url.clone()).ratelimiter_disabled(true);
    }
    builder.build()
}

/// Says what a REST failure means for someone starting the bot.
fn rest_error(what: &str, error: serenity::Error) -> Error {
    let unauthorized = matches!(
        &error,
        serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 401
    );
    if unauthorized {
        Error::Discord(format!(
            "{what}: Discord rejected the token (401 Unauthorized); check DISCORD_TOKEN or `discord.token_file`"
        ))
    } else {
        Error::Discord(format!("{what}: {error}"))
    }
}

/// Makes sure the REST client knows the application id: from settings, else from Discord.
async fn ensure_application_id(http: &Http) -> Result<ApplicationId> {
    if let Some(id) = http.application_id() {
        return Ok(id);
    }
    let info = http
        .get_current_application_info()
        .await
        .map_err(|e| rest_error("looking up the application id", e))?;
    http.set_application_id(info.id);
    tracing::info!(application_id = %info.id, "application id from Discord (set `discord.application_id` to skip this call)");
    Ok(info.id)
}

/// Overwrites the application's commands with the declaration: to one guild (updates show at
/// once; for development) or globally.
pub async fn register_commands(http: &Http, guild_id: Option<u64>) -> Result<usize> {
    let payload = interaction::registration_payload();
    let count = payload.as_array().map_or(0, Vec::len);
    match guild_id {
        Some(guild) => http
            .create_guild_commands(GuildId::new(guild), &payload)
            .await
            .map_err(|e| rest_error("registering the commands in the guild", e))?,
        None => http
            .create_global_commands(&payload)
            .await
            .map_err(|e| rest_error("registering the commands", e))?,
    };
    tracing::info!(commands = count, guild = ?guild_id, "slash commands registered");
    Ok(count)
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, naming the signal.
async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = terminate.recv() => "SIGTERM",
            },
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; Ctrl-C still stops the bot");
                let _ = tokio::signal::ctrl_c().await;
                "SIGINT"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

/// Runs the bot until a signal asks it to stop (Ok) or the gateway refuses it (Err).
pub async fn serve(app: App, token: Secret) -> Result<()> {
    let discord = app.settings.discord.clone();
    let plan = ShardPlan::from_settings(&discord)?;
    let http = http_client(&token, &discord);
    drop(token);
    if let Some(url) = &discord.api_url {
        tracing::info!(api_url = %url, "Discord REST requests go through the configured base");
    }
    ensure_application_id(&http).await?;
    if plan.registers_commands() {
        register_commands(&http, discord.guild_id).await?;
    }
    // serenity asks for the gateway address again, but silently falls back to Discord's public
    // gateway when that fails; asking first turns a bad token or an unreachable `api_url` into
    // a clear error even in a process that registers nothing.
    http.get_gateway()
        .await
        .map_err(|e| rest_error("asking Discord for the gateway address", e))?;

    let app = Arc::new(app);
    let ops = match app.settings.http.ops_listen {
        Some(address) => Some(OpsServer::start(address, app.clone()).await?),
        None => None,
    };
    let hangups = crate::adapters::reload::spawn_on_sighup(app.clone());
    let handler =
        handler::Handler::new(app.clone(), lifecycle::Timing::from_settings(&app.settings));
    // No intents at all: interactions arrive whatever the intents, and the bot reads nothing else.
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
        .event_handler(handler)
        .await
        .map_err(|e| Error::Discord(format!("building the gateway client: {e}")))?;
    let shard_manager = client.shard_manager.clone();
    // Every process runs the poster: the store decides which one posts (an insert-once claim).
    let poster = tokio::spawn(daily::run(app.clone(), client.http.clone()));

    let outcome = tokio::select! {
        result = start(&mut client, plan) => match result {
            Ok(()) => Ok(()),
            Err(serenity::Error::Gateway(serenity::gateway::GatewayError::InvalidAuthentication)) => Err(Error::Discord(
                "the gateway rejected the token; check DISCORD_TOKEN or `discord.token_file`".into(),
            )),
            Err(error) => Err(Error::Discord(format!("gateway: {error}"))),
        },
        signal = shutdown_signal() => {
            tracing::info!(signal, in_flight = lifecycle::in_flight().count(), "shutting down: closing the gateway");
            shard_manager.shutdown_all().await;
            Ok(())
        }
    };
    shard_manager.shutdown_all().await;
    poster.abort();
    hangups.abort();
    let _ = poster.await;
    let _ = hangups.await;
    // No new interactions arrive now; those in flight (deferred replies included) finish.
    lifecycle::finish_in_flight(&app, app.settings.discord.shutdown_grace).await;
    drop(client);
    if let Some(ops) = ops {
        ops.stop().await;
    }
    // The handler's and the ops server's tasks let go of the app as they wind down; once they
    // have, dropping it here closes the database cleanly.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while Arc::strong_count(&app) > 1 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    match Arc::try_unwrap(app) {
        Ok(app) => drop(app),
        Err(_) => tracing::warn!("the app is still in use at shutdown"),
    }
    tracing::info!("careerbot stopped");
    outcome
}

/// /healthz, /readyz and /metrics beside the gateway, for probes and Prometheus.
struct OpsServer {
    stop: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl OpsServer {
    async fn start(address: std::net::SocketAddr, app: Arc<App>) -> Result<OpsServer> {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| Error::io(format!("listening on {address} (`http.ops_listen`)"), e))?;
        let bound = listener.local_addr().unwrap_or(address);
        tracing::info!(address = %bound, "serving /healthz, /readyz and /metrics");
        let stop = Arc::new(Notify::new());
        let stopped = stop.clone();
        let limits = app.settings.http.limits.clone();
        let metrics = app.metrics.clone();
        let router = crate::adapters::http::ops_router(app);
        let task = tokio::spawn(crate::adapters::http::server::serve(
            listener,
            router,
            limits,
            metrics,
            async move { stopped.notified().await },
            Duration::from_secs(2),
        ));
        Ok(OpsServer { stop, task })
    }

    /// Stops accepting, lets open requests finish (briefly), and releases the app.
    async fn stop(self) {
        self.stop.notify_one();
        let mut task = self.task;
        if tokio::time::timeout(Duration::from_secs(2), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

async fn start(client: &mut serenity::Client, plan: ShardPlan) -> serenity::Result<()> {
    match plan {
        ShardPlan::Auto => client.start_autosharded().await,
        ShardPlan::Range { first, last, total } => {
            let total = match total {
                Some(total) => total,
                None => client.http.get_bot_gateway().await?.shards,
            };
            if last >= total {
                return Err(serenity::Error::Other(
                    "`discord.shard_range` goes past the number of shards Discord recommends; set `discord.shards`",
                ));
            }
            // serenity 0.12's start_shard_range treats `range.end` as inclusive.
            client.start_shard_range(first..last, total).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use std::path::Path;

    fn discord(shards: &str, range: Option<&str>) -> Result<DiscordSettings> {
        let mut text = format!("[discord]\nshards = \"{shards}\"\n");
        if let Some(range) = range {
            text.push_str(&format!("shard_range = \"{range}\"\n"));
        }
        Ok(Settings::from_toml_str(&text, Path::new(""), &|_| None)?.discord)
    }

    #[test]
    fn shard_plans_follow_the_settings() {
        let cases = [
            ("auto", None, Some(ShardPlan::Auto), true),
            (
                "4",
                None,
                Some(ShardPlan::Range {
                    first: 0,
                    last: 3,
                    total: Some(4),
                }),
                true,
            ),
            (
                "4",
                Some("2..3"),
                Some(ShardPlan::Range {
                    first: 2,
                    last: 3,
                    total: Some(4),
                }),
                false,
            ),
            (
                "auto",
                Some("0..1"),
                Some(ShardPlan::Range {
                    first: 0,
                    last: 1,
                    total: None,
                }),
                true,
            ),
            ("4", Some("2..4"), None, false),
        ];
        for (shards, range, expected, registers) in cases {
            let plan = ShardPlan::from_settings(&discord(shards, range).unwrap());
            match expected {
                Some(expected) => {
                    let plan = plan.unwrap();
                    assert_eq!(plan, expected, "{shards} {range:?}");
                    assert_eq!(plan.registers_commands(), registers, "{shards} {range:?}");
                }
                None => {
                    let message = plan.unwrap_err().to_string();
                    assert!(message.contains("discord.shard_range"), "{message}");
                }
            }
        }
    }
}

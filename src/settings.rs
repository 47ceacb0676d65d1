//! Configuration: the raw TOML (plus `CAREERBOT_*` environment overrides) is parsed into
//! `RawSettings`, then validated into the typed `Settings` every other module uses. A bad key is
//! an error that names the key and the form it expects. The one secret, the Discord token, never
//! comes from the config file, only from the environment or a file outside the repo (the
//! application's public key is not secret and may be in either).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};

/// Every key, its environment variable and its type: the single list that drives overrides.
const KEYS: &[(&str, KeyKind)] = &[
    ("content_dir", KeyKind::Str),
    ("index_dir", KeyKind::Str),
    ("data_dir", KeyKind::Str),
    ("model_dir", KeyKind::Str),
    ("log.level", KeyKind::Str),
    ("log.format", KeyKind::Str),
    ("interview.seed", KeyKind::Int),
    ("interview.idle_timeout_minutes", KeyKind::Int),
    ("interview.default_questions", KeyKind::Int),
    ("discord.application_id", KeyKind::Str),
    ("discord.public_key", KeyKind::Str),
    ("discord.guild_id", KeyKind::Str),
    ("discord.api_url", KeyKind::Str),
    ("discord.token_file", KeyKind::Str),
    ("discord.shards", KeyKind::Str),
    ("discord.shard_range", KeyKind::Str),
    ("discord.defer_after_ms", KeyKind::Int),
    ("http.listen", KeyKind::Str),
    ("http.ops_listen", KeyKind::Str),
    ("http.replay_window_seconds", KeyKind::Int),
    ("http.body_limit_bytes", KeyKind::Int),
    ("http.request_timeout_ms", KeyKind::Int),
    ("http.header_read_timeout_ms", KeyKind::Int),
    ("http.idle_timeout_seconds", KeyKind::Int),
    ("http.max_header_bytes", KeyKind::Int),
    ("http.max_connections", KeyKind::Int),
    ("discord.shutdown_grace_seconds", KeyKind::Int),
    ("store.url", KeyKind::Str),
    ("store.max_connections", KeyKind::Int),
    ("store.timeout_ms", KeyKind::Int),
];

/// Conventional variables (Discord's, and the `DATABASE_URL` every hosting platform sets),
/// applied over the file and under `CAREERBOT_*`.
const CONVENTIONAL_ENV: &[(&str, &str)] = &[
    ("DISCORD_APPLICATION_ID", "discord.application_id"),
    ("DISCORD_PUBLIC_KEY", "discord.public_key"),
    ("DATABASE_URL", "store.url"),
];

#[derive(Clone, Copy)]
enum KeyKind {
    Str,
    Int,
}

/// Every `CAREERBOT_*` variable careerbot reads, plus Discord's conventional ones.
pub fn known_env_vars() -> Vec<String> {
    KEYS.iter()
        .map(|(key, _)| env_var_for(key))
        .chain(CONVENTIONAL_ENV.iter().map(|(name, _)| name.to_string()))
        .collect()
}

/// The environment variable that overrides a dotted key: `discord.api_url` ->
/// `CAREERBOT_DISCORD_API_URL`.
pub fn env_var_for(key: &str) -> String {
    format!("CAREERBOT_{}", key.replace('.', "_").to_ascii_uppercase())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    content_dir: Option<String>,
    index_dir: Option<String>,
    data_dir: Option<String>,
    model_dir: Option<String>,
    #[serde(default)]
    log: RawLog,
    #[serde(default)]
    interview: RawInterview,
    #[serde(default)]
    discord: RawDiscord,
    #[serde(default)]
    http: RawHttp,
    #[serde(default)]
    store: RawStore,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStore {
    url: Option<String>,
    max_connections: Option<i64>,
    timeout_ms: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLog {
    level: Option<String>,
    format: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterview {
    seed: Option<i64>,
    idle_timeout_minutes: Option<i64>,
    default_questions: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiscord {
    application_id: Option<String>,
    public_key: Option<String>,
    guild_id: Option<String>,
    api_url: Option<String>,
    token_file: Option<String>,
    shards: Option<String>,
    shard_range: Option<String>,
    defer_after_ms: Option<i64>,
    shutdown_grace_seconds: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHttp {
    listen: Option<String>,
    ops_listen: Option<String>,
    replay_window_seconds: Option<i64>,
    body_limit_bytes: Option<i64>,
    request_timeout_ms: Option<i64>,
    header_read_timeout_ms: Option<i64>,
    idle_timeout_seconds: Option<i64>,
    max_header_bytes: Option<i64>,
    max_connections: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct LogSettings {
    pub level: String,
    pub format: LogFormat,
}

#[derive(Debug, Clone)]
pub struct InterviewSettings {
    /// Seed for question choice; None draws from the OS.
    pub seed: Option<u64>,
    pub idle_timeout: Duration,
    pub default_questions: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shards {
    Auto,
    Fixed(u32),
}

#[derive(Debug, Clone)]
pub struct DiscordSettings {
    pub application_id: Option<u64>,
    /// The application's Ed25519 public key (64 hex digits) that signs HTTP interactions.
    pub public_key: Option<String>,
    pub guild_id: Option<u64>,
    /// REST base that serenity's HTTP proxy setting points at (rate-limit proxy, local stand-in).
    pub api_url: Option<String>,
    pub token_file: Option<PathBuf>,
    pub shards: Shards,
    /// Inclusive range of shard ids this process runs (multi-process deployments).
    pub shard_range: Option<(u32, u32)>,
    /// How long a reply may take before the interaction is deferred (both transports).
    pub defer_after: Duration,
    /// How long shutdown waits for interactions in flight and deferred replies.
    pub shutdown_grace: Duration,
}

#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub listen: SocketAddr,
    /// Where the gateway transport (`serve`) serves /healthz, /readyz and /metrics; None serves
    /// none there (`http` always serves them beside /interactions).
    pub ops_listen: Option<SocketAddr>,
    pub replay_window: Duration,
    pub body_limit_bytes: usize,
    /// The whole request body must arrive within this.
    pub request_timeout: Duration,
    pub limits: HttpLimits,
}

/// What the HTTP server allows a connection (see `adapters::http::server`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpLimits {
    /// A request's headers must arrive within this (slowloris).
    pub header_read_timeout: Duration,
    /// A connection with no bytes moving for this long is closed (idle keep-alive, silence).
    pub idle_timeout: Duration,
    /// The most a connection may buffer for a request's headers.
    pub max_header_bytes: usize,
    /// Connections served at once; more are closed on arrival.
    pub max_connections: usize,
}

/// Where sessions and history live: the embedded SQLite file in the data dir, or a PostgreSQL
/// server shared by every instance.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    /// `postgres://…` (may hold a password, so it never prints); None keeps SQLite.
    pub url: Option<Secret>,
    /// Connections one process keeps at most (PostgreSQL).
    pub max_connections: u32,
    /// Connecting, and waiting for a free connection, give up after this (PostgreSQL).
    pub timeout: Duration,
}

/// Validated settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub content_dir: PathBuf,
    pub index_dir: PathBuf,
    pub data_dir: PathBuf,
    /// The sentence-embedding model's files; when absent the bot answers lexically only.
    pub model_dir: PathBuf,
    pub log: LogSettings,
    pub interview: InterviewSettings,
    pub discord: DiscordSettings,
    pub http: HttpSettings,
    pub store: StoreSettings,
}

/// Where the embedding model is by default: `models/all-MiniLM-L6-v2` beside the config, or, in
/// a development checkout run from elsewhere (tests start the binary in temporary folders), the
/// one `scripts/fetch-model` put in the checkout this binary was built from.
fn default_model_dir(base: &Path) -> PathBuf {
    const RELATIVE: &str = "models/all-MiniLM-L6-v2";
    let beside = base.join(RELATIVE);
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(RELATIVE);
    if beside.exists() || !checkout.exists() {
        beside
    } else {
        checkout
    }
}

/// A secret that never prints.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Settings {
    /// Defaults, with paths relative to `base`.
    pub fn defaults_in(base: &Path) -> Settings {
        Settings::from_toml_str("", base, &|_| None).expect("defaults are valid")
    }

    /// Loads `path` if given (or `careerbot.toml` in the current directory if it exists), then
    /// applies `CAREERBOT_*` overrides from the process environment.
    pub fn load(path: Option<&Path>) -> Result<Settings> {
        let (text, base) = match path {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
                let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                (text, base)
            }
            None => match std::fs::read_to_string("careerbot.toml") {
                Ok(text) => (text, PathBuf::new()),
                Err(_) => (String::new(), PathBuf::new()),
            },
        };
        Settings::from_toml_str(&text, &base, &|name| std::env::var(name).ok())
    }

    /// Parses and validates. `env` looks up an environment variable (injected for tests).
    pub fn from_toml_str(
        text: &str,
        base: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Settings> {
        let mut table: toml::Table = toml::from_str(text)
            .map_err(|e| Error::Config(format!("config file: {}", e.message().trim())))?;
        if table.contains_key("token")
            || table.get("discord").and_then(|d| d.get("token")).is_some()
        {
            return Err(Error::Config(
                "`discord.token` must not be in the config file: set DISCORD_TOKEN or `discord.token_file`".into(),
            ));
        }
        // Discord's own variable names, as the developer portal and hosting guides use them; the
        // CAREERBOT_* form (below) still wins over both them and the file.
        for (var, key) in CONVENTIONAL_ENV {
            if let Some(value) = env(var).filter(|v| !v.trim().is_empty()) {
                set_dotted(&mut table, key, toml::Value::String(value));
            }
        }
        for (key, kind) in KEYS {
            let var = env_var_for(key);
            let Some(value) = env(&var) else { continue };
            let value = match kind {
                KeyKind::Str => toml::Value::String(value),
                KeyKind::Int => toml::Value::Integer(value.trim().parse().map_err(|_| {
                    Error::Config(format!(
                        "{var} (`{key}`) must be a whole number, got {value:?}"
                    ))
                })?),
            };
            set_dotted(&mut table, key, value);
        }
        let raw: RawSettings = toml::Table::try_into(table).map_err(|e: toml::de::Error| {
            Error::Config(format!("config: {}", e.message().trim()))
        })?;
        raw.validate(base)
    }

    /// The bot token: `DISCORD_TOKEN`, else the first line of `discord.token_file`.
    pub fn discord_token(&self, env: &dyn Fn(&str) -> Option<String>) -> Result<Secret> {
        let token = match env("DISCORD_TOKEN").filter(|t| !t.trim().is_empty()) {
            Some(token) => token,
            None => match &self.discord.token_file {
                Some(path) => std::fs::read_to_string(path).map_err(|e| {
                    Error::Config(format!("discord.token_file {}: {e}", path.display()))
                })?,
                None => {
                    return Err(Error::Config(
                        "no Discord token: set DISCORD_TOKEN or `discord.token_file`".into(),
                    ))
                }
            },
        };
        let token = token.trim().trim_start_matches("Bot ").to_string();
        // A bot token is three base64url parts joined by dots; say so before connecting.
        let parts: Vec<&str> = token.split('.').collect();
        let well_formed = parts.len() == 3
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        if !well_formed {
            return Err(Error::Config(
                "the Discord token is malformed: expected three dot-separated parts as shown in the developer portal".into(),
            ));
        }
        Ok(Secret(token))
    }
}

fn set_dotted(table: &mut toml::Table, key: &str, value: toml::Value) {
    match key.split_once('.') {
        None => {
            table.insert(key.to_string(), value);
        }
        Some((section, rest)) => {
            let entry = table
                .entry(section.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(inner) = entry {
                set_dotted(inner, rest, value);
            }
        }
    }
}

fn positive(key: &str, value: Option<i64>, default: i64, max: i64) -> Result<u64> {
    let value = value.unwrap_or(default);
    if value < 1 || value > max {
        return Err(Error::Config(format!(
            "`{key}` must be between 1 and {max}, got {value}"
        )));
    }
    Ok(value as u64)
}

fn snowflake(key: &str, value: Option<String>) -> Result<Option<u64>> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim().parse::<u64>().map_err(|_| {
                Error::Config(format!(
                    "`{key}` must be a Discord id (digits only), got {v:?}"
                ))
            })
        })
        .transpose()
}

fn public_key(value: Option<String>) -> Result<Option<String>> {
    let Some(key) = value
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
    else {
        return Ok(None);
    };
    if key.len() != 64 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::Config(format!(
            "`discord.public_key` (DISCORD_PUBLIC_KEY) must be the 64 hex digits shown as the application's public key in the developer portal, got {} character(s)",
            key.chars().count()
        )));
    }
    Ok(Some(key))
}

impl RawSettings {
    fn validate(self, base: &Path) -> Result<Settings> {
        let path = |value: Option<String>, default: &str| {
            base.join(value.unwrap_or_else(|| default.to_string()))
        };
        let level = self.log.level.unwrap_or_else(|| "info".into());
        if tracing_subscriber::EnvFilter::try_new(&level).is_err() {
            return Err(Error::Config(format!(
                "`log.level` must be a level such as info or debug, got {level:?}"
            )));
        }
        let format = match self.log.format.as_deref().unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(Error::Config(format!(
                    "`log.format` must be \"text\" or \"json\", got {other:?}"
                )))
            }
        };
        let seed = match self.interview.seed {
            None => None,
            Some(seed) if seed >= 0 => Some(seed as u64),
            Some(seed) => {
                return Err(Error::Config(format!(
                    "`interview.seed` must be 0 or more, got {seed}"
                )))
            }
        };
        let idle = positive(
            "interview.idle_timeout_minutes",
            self.interview.idle_timeout_minutes,
            60,
            60 * 24 * 30,
        )?;
        let questions = positive(
            "interview.default_questions",
            self.interview.default_questions,
            5,
            10,
        )?;
        let shards = match self.discord.shards.as_deref().map(str::trim) {
            None | Some("auto") | Some("") => Shards::Auto,
            Some(n) => match n.parse::<u32>() {
                Ok(n) if n >= 1 => Shards::Fixed(n),
                _ => {
                    return Err(Error::Config(format!(
                        "`discord.shards` must be \"auto\" or a number of 1 or more, got {n:?}"
                    )))
                }
            },
        };
        let shard_range = match self
            .discord
            .shard_range
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(text) => {
                let parsed = text.split_once("..").and_then(|(a, b)| {
                    Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?))
                });
                match parsed {
                    Some((first, last)) if first <= last => Some((first, last)),
                    _ => {
                        return Err(Error::Config(format!(
                        "`discord.shard_range` must look like \"0..3\" (inclusive), got {text:?}"
                    )))
                    }
                }
            }
        };
        let api_url = match self.discord.api_url.filter(|u| !u.trim().is_empty()) {
            None => None,
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Some(url.trim_end_matches('/').to_string())
            }
            Some(url) => {
                return Err(Error::Config(format!(
                    "`discord.api_url` must start with http:// or https://, got {url:?}"
                )))
            }
        };
        let listen_text = self.http.listen.unwrap_or_else(|| "127.0.0.1:8080".into());
        let listen = listen_text.parse().map_err(|_| {
            Error::Config(format!(
                "`http.listen` must be an address such as 127.0.0.1:8080, got {listen_text:?}"
            ))
        })?;
        let ops_listen = match self.http.ops_listen.filter(|a| !a.trim().is_empty()) {
            None => None,
            Some(text) => Some(text.trim().parse().map_err(|_| {
                Error::Config(format!(
                    "`http.ops_listen` must be an address such as 127.0.0.1:9090, got {text:?}"
                ))
            })?),
        };
        let url = match self.store.url.map(|u| u.trim().to_string()) {
            None => None,
            Some(url) if url.is_empty() => None,
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Some(Secret(url))
            }
            // Never echo it: it may hold a password.
            Some(_) => {
                return Err(Error::Config(
                    "`store.url` (DATABASE_URL) must start with postgres:// or postgresql://; leave it unset for the embedded SQLite database".into(),
                ))
            }
        };
        let store = StoreSettings {
            url,
            max_connections: positive(
                "store.max_connections",
                self.store.max_connections,
                16,
                1000,
            )? as u32,
            timeout: Duration::from_millis(positive(
                "store.timeout_ms",
                self.store.timeout_ms,
                5_000,
                120_000,
            )?),
        };
        Ok(Settings {
            store,
            content_dir: path(self.content_dir, "content"),
            index_dir: path(self.index_dir, "index"),
            data_dir: path(self.data_dir, "data"),
            model_dir: match self.model_dir {
                Some(dir) => base.join(dir),
                None => default_model_dir(base),
            },
            log: LogSettings { level, format },
            interview: InterviewSettings {
                seed,
                idle_timeout: Duration::from_secs(idle * 60),
                default_questions: questions as u8,
            },
            discord: DiscordSettings {
                application_id: snowflake("discord.application_id", self.discord.application_id)?,
                public_key: public_key(self.discord.public_key)?,
                guild_id: snowflake("discord.guild_id", self.discord.guild_id)?,
                api_url,
                token_file: self.discord.token_file.map(|f| base.join(f)),
                shards,
                shard_range,
                defer_after: Duration::from_millis(positive(
                    "discord.defer_after_ms",
                    self.discord.defer_after_ms,
                    1500,
                    60_000,
                )?),
                shutdown_grace: Duration::from_secs(positive(
                    "discord.shutdown_grace_seconds",
                    self.discord.shutdown_grace_seconds,
                    10,
                    600,
                )?),
            },
            http: HttpSettings {
                listen,
                ops_listen,
                replay_window: Duration::from_secs(positive(
                    "http.replay_window_seconds",
                    self.http.replay_window_seconds,
                    300,
                    3600,
                )?),
                body_limit_bytes: positive(
                    "http.body_limit_bytes",
                    self.http.body_limit_bytes,
                    64 * 1024,
                    16 * 1024 * 1024,
                )? as usize,
                request_timeout: Duration::from_millis(positive(
                    "http.request_timeout_ms",
                    self.http.request_timeout_ms,
                    10_000,
                    300_000,
                )?),
                limits: HttpLimits {
                    header_read_timeout: Duration::from_millis(positive(
                        "http.header_read_timeout_ms",
                        self.http.header_read_timeout_ms,
                        5_000,
                        300_000,
                    )?),
                    idle_timeout: Duration::from_secs(positive(
                        "http.idle_timeout_seconds",
                        self.http.idle_timeout_seconds,
                        60,
                        3600,
                    )?),
                    max_header_bytes: positive(
                        "http.max_header_bytes",
                        self.http.max_header_bytes.map(|n| n.max(8192)),
                        16 * 1024,
                        1024 * 1024,
                    )? as usize,
                    max_connections: positive(
                        "http.max_connections",
                        self.http.max_connections,
                        1024,
                        1_000_000,
                    )? as usize,
                },
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, env: &[(&str, &str)]) -> Result<Settings> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_toml_str(text, Path::new(""), &move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn defaults_are_documented_values() {
        let s = parse("", &[]).unwrap();
        assert_eq!(s.content_dir, PathBuf::from("content"));
        assert_eq!(s.index_dir, PathBuf::from("index"));
        assert_eq!(s.interview.idle_timeout, Duration::from_secs(3600));
        assert_eq!(s.discord.shards, Shards::Auto);
        assert_eq!(s.http.listen.to_string(), "127.0.0.1:8080");
    }

    #[test]
    fn env_overrides_file() {
        let s = parse(
            "data_dir = \"from-file\"\n[discord]\napi_url = \"http://a\"\n",
            &[
                ("CAREERBOT_DATA_DIR", "from-env"),
                ("CAREERBOT_DISCORD_API_URL", "http://127.0.0.1:9/"),
            ],
        )
        .unwrap();
        assert_eq!(s.data_dir, PathBuf::from("from-env"));
        assert_eq!(s.discord.api_url.as_deref(), Some("http://127.0.0.1:9"));
    }

    #[test]
    fn bad_values_name_the_key() {
        let cases = [
            ("[log]\nformat = \"xml\"", "log.format"),
            (
                "[interview]\nidle_timeout_minutes = 0",
                "interview.idle_timeout_minutes",
            ),
            ("[discord]\nguild_id = \"abc\"", "discord.guild_id"),
            ("[discord]\nshards = \"many\"", "discord.shards"),
            ("[http]\nlisten = \"nowhere\"", "http.listen"),
            ("[http]\nops_listen = \"nowhere\"", "http.ops_listen"),
            ("[discord]\ntoken = \"x\"", "discord.token"),
            ("colour = 1", "colour"),
        ];
        for (text, key) in cases {
            let message = parse(text, &[]).unwrap_err().to_string();
            assert!(message.contains(key), "{text:?} gave {message:?}");
        }
        let message = parse("", &[("CAREERBOT_INTERVIEW_SEED", "x")])
            .unwrap_err()
            .to_string();
        assert!(message.contains("CAREERBOT_INTERVIEW_SEED"), "{message}");
    }

    #[test]
    fn discord_variables_fill_in_under_careerbot_ones() {
        let key = "AB".repeat(32);
        let s = parse(
            "[discord]\napplication_id = \"1\"\n",
            &[
                ("DISCORD_APPLICATION_ID", "2"),
                ("DISCORD_PUBLIC_KEY", &key),
            ],
        )
        .unwrap();
        assert_eq!(s.discord.application_id, Some(2));
        assert_eq!(s.discord.public_key, Some("ab".repeat(32)));
        let s = parse(
            "",
            &[
                ("DISCORD_APPLICATION_ID", "2"),
                ("CAREERBOT_DISCORD_APPLICATION_ID", "3"),
            ],
        )
        .unwrap();
        assert_eq!(s.discord.application_id, Some(3));
        let from_file = parse(&format!("[discord]\npublic_key = \"{key}\"\n"), &[]).unwrap();
        assert_eq!(from_file.discord.public_key, Some("ab".repeat(32)));
        let message = parse("", &[("DISCORD_PUBLIC_KEY", "abc")])
            .unwrap_err()
            .to_string();
        assert!(message.contains("discord.public_key"), "{message}");
    }

    #[test]
    fn the_store_url_comes_from_database_url_or_careerbot_store_url() {
        let s = parse("", &[]).unwrap();
        assert!(s.store.url.is_none(), "SQLite by default");
        assert_eq!(s.store.max_connections, 16);
        let url = "postgres://bot:pw@127.0.0.1:5432/careerbot";
        let s = parse("", &[("DATABASE_URL", url)]).unwrap();
        assert_eq!(s.store.url.as_ref().map(Secret::expose), Some(url));
        assert!(
            !format!("{s:?}").contains("pw@"),
            "the password never prints"
        );
        let s = parse(
            "[store]\nurl = \"postgres://file/db\"\n",
            &[
                ("DATABASE_URL", "postgres://conventional/db"),
                ("CAREERBOT_STORE_URL", "postgresql://careerbot/db"),
            ],
        )
        .unwrap();
        assert_eq!(
            s.store.url.as_ref().map(Secret::expose),
            Some("postgresql://careerbot/db")
        );
        let s = parse("[store]\nurl = \"postgres://file/db\"\n", &[]).unwrap();
        assert_eq!(
            s.store.url.as_ref().map(Secret::expose),
            Some("postgres://file/db")
        );
        let message = parse("", &[("DATABASE_URL", "mysql://u:hunter2@h/db")])
            .unwrap_err()
            .to_string();
        assert!(message.contains("store.url"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");
        let message = parse("[store]\nmax_connections = 0", &[])
            .unwrap_err()
            .to_string();
        assert!(message.contains("store.max_connections"), "{message}");
    }

    #[test]
    fn token_is_validated_and_never_printed() {
        let s = parse("", &[]).unwrap();
        let good = "MTA.Gx1-y_z.abc";
        let token = s
            .discord_token(&|n| (n == "DISCORD_TOKEN").then(|| good.to_string()))
            .unwrap();
        assert_eq!(token.expose(), good);
        assert!(!format!("{token:?}").contains("Gx1"));
        assert!(s
            .discord_token(&|n| (n == "DISCORD_TOKEN").then(|| "not a token".into()))
            .is_err());
        assert!(s.discord_token(&|_| None).is_err());
    }
}

#[cfg(test)]
mod example_config {
    use super::*;

    /// config.example.toml is the documentation of every key: it must parse, and every key of
    /// the override table must appear in it.
    #[test]
    fn example_config_documents_every_key() {
        let text = include_str!("../config.example.toml");
        Settings::from_toml_str(text, Path::new(""), &|_| None)
            .expect("config.example.toml is valid");
        for (key, _) in KEYS {
            let leaf = key.rsplit('.').next().unwrap();
            assert!(
                text.contains(&format!("{leaf} =")),
                "config.example.toml does not document `{key}`"
            );
        }
    }
}

//! The `careerbot` command line: parses arguments, loads settings, and starts the chosen adapter.
//! The only place `anyhow` is used.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use careerbot::adapters::console::{self, Format, Input, Outcome};
use careerbot::adapters::http;
use careerbot::content::Catalog;
use careerbot::search::SearchIndex;
use careerbot::settings::LogFormat;
use careerbot::{App, Caller, Settings};

#[derive(Parser)]
#[command(
    name = "careerbot",
    version,
    about = "Career guidance and mock interviews for backend engineers, from curated guides"
)]
struct Cli {
    /// Config file (default: ./careerbot.toml if present). CAREERBOT_* variables override it.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Where sessions and history are kept (overrides `data_dir`).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// The content folder (overrides `content_dir`).
    #[arg(long, global = true)]
    content_dir: Option<PathBuf>,
    /// The index folder (overrides `index_dir`).
    #[arg(long, global = true)]
    index_dir: Option<PathBuf>,
    /// Seed for random choices, for reproducible runs (overrides `interview.seed`).
    #[arg(long, global = true)]
    seed: Option<u64>,
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

impl From<FormatArg> for Format {
    fn from(value: FormatArg) -> Format {
        match value {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Who a console command runs as, the way Discord would describe them.
#[derive(clap::Args, Clone)]
struct As {
    /// The user the command runs as (interview sessions are per user).
    #[arg(long, default_value = "console")]
    user: String,
    /// Run in this server (a guild id), as a member of it; without it, as in a DM.
    #[arg(long)]
    guild: Option<String>,
    /// The member has Manage Server in --guild (what `/admin` needs).
    #[arg(long, requires = "guild")]
    admin: bool,
}

impl As {
    fn caller(&self) -> Caller {
        let caller = Caller::user(self.user.clone());
        match &self.guild {
            Some(guild) => {
                let bits = if self.admin {
                    careerbot::commands::spec::MANAGE_GUILD
                } else {
                    0
                };
                caller.in_guild(guild.clone(), bits)
            }
            None => caller,
        }
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Run one slash command and print the reply: careerbot exec -- '/ask query:what is a backend engineer'
    Exec {
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        #[command(flatten)]
        who: As,
        /// Click a button by its custom id instead of running a command.
        #[arg(long, conflicts_with = "submit")]
        click: Option<String>,
        /// Run the message command "Answer from the guides" on a message with this text.
        #[arg(long, conflicts_with_all = ["click", "submit"])]
        message: Option<String>,
        /// Submit a modal by its custom id, with --field input=value.
        #[arg(long)]
        submit: Option<String>,
        /// A modal field as input_id=value (with --submit).
        #[arg(long = "field", requires = "submit")]
        fields: Vec<String>,
        /// The slash command line, as Discord shows it.
        #[arg(last = true)]
        line: Vec<String>,
    },
    /// Interactive console (line editing, history); from a pipe, one command per line.
    Console {
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        #[command(flatten)]
        who: As,
    },
    /// Autocomplete the last option of a partly typed command: careerbot complete -- '/faq question:sal'
    Complete {
        #[command(flatten)]
        who: As,
        #[arg(last = true)]
        line: Vec<String>,
    },
    /// The questions nothing answered, most asked first (every server, or one with --guild).
    Gaps {
        #[arg(long)]
        guild: Option<String>,
        /// How many to show.
        #[arg(long, default_value_t = 25)]
        limit: usize,
    },
    /// Serve Discord's interactions endpoint (POST /interactions) with /healthz, /readyz and
    /// /metrics. Needs DISCORD_PUBLIC_KEY (or `discord.public_key`).
    Http {
        /// Address to listen on (overrides `http.listen`).
        #[arg(long)]
        listen: Option<SocketAddr>,
    },
    /// Run the Discord bot over the gateway (token from DISCORD_TOKEN or `discord.token_file`).
    Serve,
    /// Rebuild the search index from content/.
    Index,
    /// Validate content/ and report every problem; exits non-zero if there is one.
    Check,
    /// Bring the session database's schema up to date and exit (PostgreSQL at `store.url` /
    /// DATABASE_URL, else the SQLite file in the data dir). Safe to run from several hosts at
    /// once; servers also migrate when they start.
    Migrate,
}

/// Libraries whose spans carry Discord payloads (serenity instruments its gateway dispatch with
/// the whole event, interaction token included) and whose verbose events print raw payloads or
/// webhook URLs (which hold the token).
const PAYLOAD_LIBRARIES: &[&str] = &[
    "serenity",
    "tungstenite",
    "tokio_tungstenite",
    "reqwest",
    "hyper",
    "hyper_util",
    "rustls",
];

/// Whether a span or event may carry a token: every span of those libraries (at any level: an
/// event logged inside one prints the span's fields), and their trace-level events (raw frames
/// and payloads). Filtered whatever `RUST_LOG` asks for; their debug lines (IDENTIFY, RESUME)
/// stay, and carry no token.
fn may_carry_tokens(metadata: &tracing::Metadata<'_>) -> bool {
    let target = metadata.target();
    let library = PAYLOAD_LIBRARIES
        .iter()
        .any(|name| target == *name || target.starts_with(&format!("{name}::")));
    library && (metadata.is_span() || *metadata.level() == tracing::Level::TRACE)
}

/// The log filter: `RUST_LOG` when set, else `log.level` (`CAREERBOT_LOG_LEVEL`, its documented
/// alias); local commands keep it to warnings unless asked for more.
fn log_filter(settings: &Settings, quiet: bool, rust_log: Option<String>) -> String {
    match rust_log.filter(|value| !value.trim().is_empty()) {
        Some(value) => value,
        None if quiet && settings.log.level == "info" => "warn".to_string(),
        None => settings.log.level.clone(),
    }
}

fn init_logging(settings: &Settings, quiet: bool) {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::Layer;

    let level = log_filter(settings, quiet, std::env::var("RUST_LOG").ok());
    let filter = tracing_subscriber::EnvFilter::try_new(&level).unwrap_or_else(|_| "warn".into());
    let redact = tracing_subscriber::filter::filter_fn(|metadata| !may_carry_tokens(metadata));
    let layer = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let layer = match settings.log.format {
        LogFormat::Json => layer.json().boxed(),
        LogFormat::Text => layer.boxed(),
    };
    tracing_subscriber::registry()
        .with(layer.with_filter(filter).with_filter(redact))
        .init();
}

/// Servers hold a descriptor per connection: the soft limit (often 1024) goes up to the hard one.
fn raise_open_files_limit() {
    match http::server::raise_open_files_limit() {
        Some((before, now)) if now > before => {
            tracing::info!(before, now, "raised the open-files limit")
        }
        Some((_, now)) => tracing::debug!(limit = now, "open-files limit"),
        None => tracing::warn!("cannot read the open-files limit"),
    }
}

fn main() -> ExitCode {
    pin_model_threads();
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("careerbot: {error:#}");
            ExitCode::from(1)
        }
    }
}

/// candle asks how many threads to use on every matrix product, and without
/// `RAYON_NUM_THREADS` it finds out by reading /proc/cpuinfo each time (2% of a never-seen
/// question's time in `perf record`). Set once here, before any thread exists.
fn pin_model_threads() {
    if std::env::var_os("RAYON_NUM_THREADS").is_none() {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::env::set_var("RAYON_NUM_THREADS", threads.to_string());
    }
}

/// The content a one-shot command loaded, left to the operating system when the process exits
/// instead of freed piece by piece (hundreds of thousands of small allocations at thousands of
/// guides). Held apart from the `App`, so everything else — the session store above all — is
/// still dropped and closed as usual.
struct OnExitLeft(std::sync::Arc<careerbot::library::Library>);

impl Drop for OnExitLeft {
    fn drop(&mut self) {
        std::mem::forget(self.0.clone());
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let mut settings = Settings::load(cli.config.as_deref())?;
    if let Some(dir) = cli.data_dir {
        settings.data_dir = dir;
    }
    if let Some(dir) = cli.content_dir {
        settings.content_dir = dir;
    }
    if let Some(dir) = cli.index_dir {
        settings.index_dir = dir;
    }
    if let Some(seed) = cli.seed {
        settings.interview.seed = Some(seed);
    }
    let quiet = matches!(
        cli.command,
        Cmd::Exec { .. }
            | Cmd::Console { .. }
            | Cmd::Complete { .. }
            | Cmd::Check
            | Cmd::Migrate
            | Cmd::Gaps { .. }
    );
    init_logging(&settings, quiet);
    let attachments_dir = settings.data_dir.join("attachments");
    match cli.command {
        Cmd::Serve => {
            // A missing or malformed token is reported before anything is loaded or connected.
            let token = settings.discord_token(&|name| std::env::var(name).ok())?;
            raise_open_files_limit();
            let app = App::new(settings).context("starting careerbot")?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            let outcome = runtime.block_on(careerbot::adapters::discord::serve(app, token));
            runtime.shutdown_timeout(std::time::Duration::from_secs(5));
            outcome?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check => match Catalog::load(&settings.content_dir) {
            Ok(catalog) => {
                let questions: usize = catalog
                    .roles
                    .iter()
                    .filter_map(|r| r.bank.as_ref())
                    .map(|b| b.questions.len())
                    .sum();
                let guides: usize = catalog.roles.iter().map(|r| r.guides.len()).sum();
                println!(
                    "content OK: {} role(s), {guides} guide(s), {questions} interview question(s), {} synonym group(s)",
                    catalog.roles.len(),
                    catalog.synonyms.groups.len()
                );
                match careerbot::semantic::MiniLm::load(&settings.model_dir) {
                    Ok(Some(model)) => println!("embedding model OK: {model:?}"),
                    Ok(None) => println!(
                        "embedding model not found in {}: answers are by words only (run scripts/fetch-model)",
                        settings.model_dir.display()
                    ),
                    Err(error) => {
                        eprintln!("{error}");
                        return Ok(ExitCode::from(1));
                    }
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => {
                eprintln!("{error}");
                Ok(ExitCode::from(1))
            }
        },
        Cmd::Http { listen } => {
            if let Some(listen) = listen {
                settings.http.listen = listen;
            }
            let listen = settings.http.listen;
            raise_open_files_limit();
            let app = Arc::new(App::new(settings).context("starting careerbot")?);
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime.block_on(http::serve(app, listen))?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Migrate => {
            let (version, database) = match &settings.store.url {
                Some(url) => {
                    let store = careerbot::store::PostgresStore::connect(
                        url.expose(),
                        careerbot::store::PoolOptions {
                            max_connections: 1,
                            timeout: settings.store.timeout,
                        },
                    )?;
                    (store.migrate()?, careerbot::store::Store::describe(&store))
                }
                None => {
                    let path = settings.data_dir.join("careerbot.sqlite3");
                    let store = careerbot::store::SqliteStore::open(&path)?;
                    (
                        store.schema_version()?,
                        careerbot::store::Store::describe(&store),
                    )
                }
            };
            println!("database schema at version {version} ({database})");
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Index => {
            let catalog = Catalog::load(&settings.content_dir)?;
            let index = SearchIndex::open_or_build(&catalog, &settings.index_dir, true)?;
            println!(
                "indexed {} units into {}",
                index.len(),
                index
                    .path
                    .as_deref()
                    .unwrap_or(settings.index_dir.as_path())
                    .display()
            );
            // The vectors of the passages and the rubric are derived data too: made now (or read
            // from the cache beside the model), not by the first question after a start. No
            // database is opened: indexing touches derived data only.
            let index = careerbot::app::with_model(index, &settings.model_dir)?;
            careerbot::interview::session::embed_rubrics(&catalog, &index)?;
            index.flush_embeddings();
            if let Some(encoder) = index.encoder() {
                println!("embedded the content with {}", encoder.id());
            }
            // So the next start reads the content and its vocabulary from one file.
            if let Some(stamp) = careerbot::snapshot::Stamp::of(&settings.content_dir) {
                let library = careerbot::library::Library::new(catalog, index);
                careerbot::app::write_snapshot(&library, &settings.index_dir, stamp);
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Gaps { guild, limit } => {
            // The database only: no content, index or model is loaded.
            let store =
                careerbot::store::SqliteStore::open(&settings.data_dir.join("careerbot.sqlite3"))?;
            use careerbot::store::Store;
            let gaps = store.gaps(guild.as_deref(), limit)?;
            if gaps.is_empty() {
                println!("no unanswered questions recorded");
            }
            for gap in gaps {
                let server = if gap.guild_id.is_empty() {
                    "(no server)".to_string()
                } else {
                    gap.guild_id
                };
                println!("{:>5}  {server}  {}", gap.count, gap.question);
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exec {
            format,
            who,
            click,
            message,
            submit,
            fields,
            line,
        } => {
            let app = App::new(settings).context("starting careerbot")?;
            let _library = OnExitLeft(app.library());
            let input = match (click, submit) {
                _ if message.is_some() => Input::Message(message.unwrap_or_default()),
                (Some(custom_id), _) => Input::Click(custom_id),
                (None, Some(custom_id)) => {
                    let mut pairs = Vec::new();
                    for field in fields {
                        let (name, value) = field
                            .split_once('=')
                            .context("--field takes input_id=value")?;
                        pairs.push((name.to_string(), value.to_string()));
                    }
                    Input::Submit {
                        custom_id,
                        fields: pairs,
                    }
                }
                (None, None) => Input::Line(line.join(" ")),
            };
            match console::run(&app, &who.caller(), input) {
                Outcome::Replied(rendered) => {
                    let saved = console::save_files(&attachments_dir, &rendered)?;
                    console::print(
                        &mut std::io::stdout().lock(),
                        format.into(),
                        &rendered,
                        &saved,
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
                Outcome::Unknown(message) => {
                    eprintln!("{message}");
                    Ok(ExitCode::from(2))
                }
            }
        }
        Cmd::Console { format, who } => {
            let history = settings.data_dir.join("console_history.txt");
            let app = App::new(settings).context("starting careerbot")?;
            console::console(
                &app,
                &who.caller(),
                format.into(),
                &attachments_dir,
                Some(&history),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Complete { who, line } => {
            let app = App::new(settings).context("starting careerbot")?;
            match console::complete(&app, &who.caller(), &line.join(" ")) {
                Ok(choices) => {
                    println!("{choices}");
                    Ok(ExitCode::SUCCESS)
                }
                Err(message) => {
                    eprintln!("{message}");
                    Ok(ExitCode::from(2))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_log_wins_over_the_configured_level() {
        let settings = Settings::defaults_in(std::path::Path::new("."));
        let cases = [
            (Some("trace"), false, "trace"),
            (Some("debug,serenity=info"), true, "debug,serenity=info"),
            (Some(" "), false, "info"),
            (None, false, "info"),
            (None, true, "warn"),
        ];
        for (rust_log, quiet, expected) in cases {
            let got = log_filter(&settings, quiet, rust_log.map(str::to_string));
            assert_eq!(got, expected, "{rust_log:?} quiet {quiet}");
        }
    }

    /// Which spans and events are dropped whatever the filter, from their metadata alone.
    #[test]
    fn library_spans_that_may_carry_tokens_are_dropped_at_every_level() {
        use tracing::callsite::Identifier;
        use tracing::metadata::{Kind, Level, Metadata};
        struct Site;
        impl tracing::Callsite for Site {
            fn set_interest(&self, _: tracing::subscriber::Interest) {}
            fn metadata(&self) -> &Metadata<'_> {
                unreachable!()
            }
        }
        static SITE: Site = Site;
        let metadata = |target: &'static str, level: Level, kind: Kind| {
            Metadata::new(
                "m",
                target,
                level,
                None,
                None,
                None,
                tracing::field::FieldSet::new(&[], Identifier(&SITE)),
                kind,
            )
        };
        let cases = [
            ("serenity::gateway::shard", Level::INFO, Kind::SPAN, true),
            ("serenity::gateway::shard", Level::ERROR, Kind::SPAN, true),
            ("serenity::gateway::ws", Level::TRACE, Kind::EVENT, true),
            ("serenity::gateway::shard", Level::DEBUG, Kind::EVENT, false),
            ("reqwest::connect", Level::TRACE, Kind::EVENT, true),
            (
                "careerbot::adapters::lifecycle",
                Level::TRACE,
                Kind::EVENT,
                false,
            ),
            ("careerbot", Level::INFO, Kind::SPAN, false),
            ("serenitylike", Level::INFO, Kind::SPAN, false),
        ];
        for (target, level, kind, dropped) in cases {
            let span = kind.is_span();
            assert_eq!(
                may_carry_tokens(&metadata(target, level, kind)),
                dropped,
                "{target} {level} span {span}"
            );
        }
    }
}

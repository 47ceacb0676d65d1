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

#[derive(Subcommand)]
enum Cmd {
    /// Run one slash command and print the reply: careerbot exec -- '/ask query:what is a backend engineer'
    Exec {
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// The user the command runs as (interview sessions are per user).
        #[arg(long, default_value = "console")]
        user: String,
        /// Click a button by its custom id instead of running a command.
        #[arg(long, conflicts_with = "submit")]
        click: Option<String>,
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
        #[arg(long, default_value = "console")]
        user: String,
    },
    /// Autocomplete the last option of a partly typed command: careerbot complete -- '/faq question:sal'
    Complete {
        #[arg(last = true)]
        line: Vec<String>,
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
}

fn init_logging(settings: &Settings, quiet: bool) {
    // Local commands print replies on stdout; keep the log to warnings unless asked for more.
    let level = if quiet && settings.log.level == "info" {
        "warn".to_string()
    } else {
        settings.log.level.clone()
    };
    let filter = tracing_subscriber::EnvFilter::try_new(&level).unwrap_or_else(|_| "warn".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match settings.log.format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.init(),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("careerbot: {error:#}");
            ExitCode::from(1)
        }
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
        Cmd::Exec { .. } | Cmd::Console { .. } | Cmd::Complete { .. } | Cmd::Check
    );
    init_logging(&settings, quiet);
    let attachments_dir = settings.data_dir.join("attachments");
    match cli.command {
        Cmd::Serve => {
            // A missing or malformed token is reported before anything is loaded or connected.
            let token = settings.discord_token(&|name| std::env::var(name).ok())?;
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
            let app = Arc::new(App::new(settings).context("starting careerbot")?);
            let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
            runtime.block_on(http::serve(app, listen))?;
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
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Exec {
            format,
            user,
            click,
            submit,
            fields,
            line,
        } => {
            let app = App::new(settings).context("starting careerbot")?;
            let input = match (click, submit) {
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
            match console::run(&app, &Caller::user(user), input) {
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
        Cmd::Console { format, user } => {
            let history = settings.data_dir.join("console_history.txt");
            let app = App::new(settings).context("starting careerbot")?;
            console::console(
                &app,
                &Caller::user(user),
                format.into(),
                &attachments_dir,
                Some(&history),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Complete { line } => {
            let app = App::new(settings).context("starting careerbot")?;
            match console::complete(&app, &line.join(" ")) {
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

//! `App`: the one entry point every adapter calls. It owns the loaded content, the search index
//! and the seams (clock, random seed), and turns a `Command` from any transport into a `Reply`.
//! It knows nothing of Discord, HTTP or terminals.

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Arc, Mutex};

use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::clock::{Clock, SystemClock};
use crate::commands::{Command, Focused};
use crate::content::Catalog;
use crate::error::{Error, Result};
use crate::metrics::{ErrorKind, Metrics, Outcome};
use crate::reply::{Choice, Reply};
use crate::search::SearchIndex;
use crate::semantic::{EmbeddingCache, MiniLm};
use crate::settings::Settings;
use crate::store::{SqliteStore, Store};
use crate::{guidance, help, interview};

/// Who is asking: the user and, on Discord, the channel (one interview per user and channel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: String,
    pub channel_id: Option<String>,
}

impl Caller {
    pub fn user(id: impl Into<String>) -> Caller {
        Caller {
            user_id: id.into(),
            channel_id: None,
        }
    }
}

pub struct App {
    pub settings: Settings,
    pub catalog: Arc<Catalog>,
    pub search: Arc<SearchIndex>,
    pub clock: Arc<dyn Clock>,
    /// Random choices (interview questions); seeded from settings for reproducible runs.
    pub rng: Mutex<StdRng>,
    /// Interview sessions and practice history.
    pub store: Arc<dyn Store>,
    /// Counted here for every transport; adapters add what only they see.
    pub metrics: Arc<Metrics>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("roles", &self.catalog.roles.len())
            .field("search", &self.search)
            .finish()
    }
}

/// `search` with the embedding model's side added when the model is in `model_dir`; its vectors
/// are cached in `cache_dir` (the index folder). Unchanged when the model is absent.
pub fn with_model(search: SearchIndex, model_dir: &Path, cache_dir: &Path) -> Result<SearchIndex> {
    match MiniLm::load(model_dir)? {
        Some(model) => {
            let cache = EmbeddingCache::in_dir(cache_dir, &model);
            search.with_semantics(Arc::new(model), &cache)
        }
        None => Ok(search),
    }
}

impl App {
    /// Loads content, opens (or rebuilds) the index: everything the bot needs, from settings.
    pub fn new(settings: Settings) -> Result<App> {
        let catalog = Catalog::load(&settings.content_dir)?;
        let search = SearchIndex::open_or_build(&catalog, &settings.index_dir, false)?;
        if search.rebuilt {
            tracing::info!(path = ?search.path, documents = search.len(), "search index rebuilt from content");
        }
        let search = with_model(search, &settings.model_dir, &settings.index_dir)?;
        if !search.has_semantics() {
            tracing::warn!(
                model_dir = %settings.model_dir.display(),
                "embedding model not found: answering by words only (run scripts/fetch-model)"
            );
        }
        let store = SqliteStore::open(&settings.data_dir.join("careerbot.sqlite3"))?;
        Ok(App::from_parts(
            settings,
            catalog,
            search,
            Arc::new(SystemClock),
            Arc::new(store),
        ))
    }

    /// Assembles an app from parts already loaded (tests and benches inject their own).
    pub fn from_parts(
        settings: Settings,
        catalog: Catalog,
        search: SearchIndex,
        clock: Arc<dyn Clock>,
        store: Arc<dyn Store>,
    ) -> App {
        let rng = match settings.interview.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        App {
            settings,
            catalog: Arc::new(catalog),
            search: Arc::new(search),
            clock,
            rng: Mutex::new(rng),
            store,
            metrics: Arc::new(Metrics::new()),
        }
    }

    /// Answers a command. Never fails and never panics outward: a user's mistake gets a clear
    /// ephemeral reply, an internal error a generic one (its cause goes to the log).
    pub fn handle(&self, caller: &Caller, command: Command) -> Reply {
        let name = command.metric_name();
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| self.dispatch(caller, command)));
        let (reply, counted) = match outcome {
            Ok(Ok(reply)) => (reply, Outcome::Ok),
            Ok(Err(error @ (Error::Usage(_) | Error::Unknown(_)))) => {
                (Reply::notice(error.user_message()), Outcome::UserError)
            }
            Ok(Err(error)) => {
                tracing::error!(command = name, error = %error, "command failed");
                self.metrics.error(ErrorKind::Command);
                (Reply::notice(error.user_message()), Outcome::InternalError)
            }
            Err(_) => {
                tracing::error!(command = name, "command panicked");
                self.metrics.error(ErrorKind::Panic);
                (
                    Reply::notice(Error::Config(String::new()).user_message()),
                    Outcome::InternalError,
                )
            }
        };
        self.metrics
            .record_command(name, counted, started.elapsed());
        reply
    }

    fn dispatch(&self, caller: &Caller, command: Command) -> Result<Reply> {
        match command {
            Command::Help { command } => Ok(help::reply(command.as_deref())),
            Command::Ask { query } => guidance::ask(self, &query),
            Command::Faq { question } => guidance::faq(self, &question),
            Command::Salary { role, level, years } => {
                guidance::salary(self, role.as_deref(), level, years)
            }
            Command::Role { name, section } => {
                guidance::role(self, name.as_deref(), section.as_deref())
            }
            Command::Match {
                years,
                skills,
                role,
            } => guidance::matching(self, years, &skills, role.as_deref()),
            Command::Sources => guidance::sources(self),
            Command::Interview(command) => interview::handle(self, caller, command),
            Command::Component { custom_id } => match custom_id
                .split_once(':')
                .map(|(prefix, _)| prefix)
            {
                Some(interview::CUSTOM_ID_PREFIX) => interview::component(self, caller, &custom_id),
                _ => guidance::component(self, caller, &custom_id),
            },
            Command::ModalSubmit { custom_id, fields } => {
                interview::modal_submit(self, caller, &custom_id, &fields)
            }
        }
    }

    /// Suggestions for the option being typed (at most 25, names at most 100 characters).
    pub fn autocomplete(&self, focused: &Focused) -> Vec<Choice> {
        let outcome =
            std::panic::catch_unwind(AssertUnwindSafe(|| guidance::autocomplete(self, focused)));
        match outcome {
            Ok(Ok(choices)) => choices,
            Ok(Err(error)) => {
                tracing::error!(error = %error, "autocomplete failed");
                self.metrics.error(ErrorKind::Autocomplete);
                Vec::new()
            }
            Err(_) => {
                tracing::error!("autocomplete panicked");
                self.metrics.error(ErrorKind::Panic);
                Vec::new()
            }
        }
    }
}

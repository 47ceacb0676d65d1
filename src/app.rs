//! `App`: the one entry point every adapter calls. It owns the loaded content, the search index
//! and the seams (clock, random seed), and turns a `Command` from any transport into a `Reply`.
//! It knows nothing of Discord, HTTP or terminals.

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::clock::{Clock, SystemClock};
use crate::commands::spec::{ADMINISTRATOR, MANAGE_GUILD};
use crate::commands::{Command, Focused, InterviewCommand};
use crate::content::Catalog;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::metrics::{ErrorKind, Metrics, Outcome};
use crate::reply::{Choice, Reply};
use crate::reply_cache::{Key, ReplyCache};
use crate::search::SearchIndex;
use crate::semantic::{EmbeddingCache, MiniLm};
use crate::settings::Settings;
use crate::snapshot;
use crate::store::{delivery, HandledDelivery, Store};
use crate::{admin, daily, guidance, help, interview};

/// Whether answering counts a question nothing answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counting {
    Misses,
    /// A repeated delivery, counted the first time.
    Nothing,
}

/// How many guidance deliveries are remembered against a retry counting a miss twice.
const RECENT_DELIVERIES: std::num::NonZeroUsize = match std::num::NonZeroUsize::new(10_000) {
    Some(n) => n,
    None => unreachable!(),
};

/// Whether `command` is guidance: answered from the content alone (and the server's own
/// entries), the same for everyone who asks it.
fn is_guidance(command: &Command) -> bool {
    match command {
        Command::Help { .. }
        | Command::Ask { .. }
        | Command::Faq { .. }
        | Command::AnswerMessage { .. }
        | Command::Salary { .. }
        | Command::Role { .. }
        | Command::Match { .. }
        | Command::Sources => true,
        Command::Interview(_)
        | Command::Admin(_)
        | Command::Component { .. }
        | Command::ModalSubmit { .. } => false,
    }
}

/// Whether a button or menu belongs to an interview or the daily question (others show guidance).
fn stateful_component(custom_id: &str) -> bool {
    custom_id.split_once(':').is_some_and(|(prefix, _)| {
        prefix == interview::CUSTOM_ID_PREFIX || prefix == daily::CUSTOM_ID_PREFIX
    })
}

/// A question put to the guides, which a server's own entries may answer: its command's name
/// (for the gap report) and its text. None for every other command.
fn question_asked(command: &Command) -> Option<(&'static str, &String)> {
    match command {
        Command::Faq { question } => Some(("faq", question)),
        Command::Ask { query } => Some(("ask", query)),
        Command::AnswerMessage { text } => Some(("message", text)),
        _ => None,
    }
}

/// The reply of a pure guidance command (see `App::guidance`).
fn answer_guidance(
    lib: &Library,
    command: &Command,
    staff: &[crate::store::StaffEntry],
) -> Result<guidance::faq::Answered> {
    let reply = match command {
        Command::Faq { question } => return guidance::faq(lib, question, staff),
        Command::Ask { query } => return guidance::ask(lib, query, staff),
        Command::AnswerMessage { text } => return guidance::message::answer(lib, text, staff),
        Command::Help { command } => help::reply(command.as_deref()),
        Command::Salary { role, level, years } => {
            guidance::salary(lib, role.as_deref(), *level, *years)?
        }
        Command::Role { name, section } => {
            guidance::role(lib, name.as_deref(), section.as_deref())?
        }
        Command::Match {
            years,
            skills,
            role,
        } => guidance::matching(lib, *years, skills, role.as_deref())?,
        Command::Sources => guidance::sources(lib)?,
        other => {
            return Err(Error::Config(format!(
                "{} is not a guidance command",
                other.metric_name()
            )))
        }
    };
    Ok(guidance::faq::Answered {
        reply,
        missed: false,
    })
}

/// A digest of a server's own FAQ entries: replies cached before an entry was added, changed or
/// removed (by any process) are not served after.
fn entries_digest(staff: &[crate::store::StaffEntry]) -> u64 {
    use std::hash::{Hash, Hasher};
    if staff.is_empty() {
        return 0;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for entry in staff {
        (&entry.guild_id, &entry.key, &entry.question, &entry.answer).hash(&mut hasher);
    }
    hasher.finish()
}

/// How long a delivery that changed something is remembered, at least (longer when the HTTP
/// replay window is longer): an interaction token lives 15 minutes, so no repeat comes later.
const DELIVERY_RETENTION: std::time::Duration = std::time::Duration::from_secs(15 * 60);
/// How long a repeat waits for the first delivery's reply to be saved.
const REPEAT_WAIT: std::time::Duration = std::time::Duration::from_secs(2);
/// A repeat's answer when the first reply is not available.
const ALREADY_DONE: &str = "That was already done: this request arrived twice.";

/// An index another user built is unreadable here: tantivy writes `meta.json` readable by its
/// owner only. Says so, and what to do, instead of a bare "permission denied".
fn unreadable_index(index_dir: &std::path::Path, error: Error) -> Error {
    let text = error.to_string();
    if !text.to_lowercase().contains("permission denied") {
        return error;
    }
    Error::Config(format!(
        "cannot read the search index in {} ({text}); it was probably built by another user \
         (tantivy makes meta.json readable by its owner only): run `careerbot index` as this \
         user, or delete the folder and let careerbot rebuild it",
        index_dir.display()
    ))
}

/// Who is asking: the user and, on Discord, the channel (one interview per user and channel),
/// the server (None in DMs) and the member's permissions there as Discord computed them for the
/// interaction (never what a client claims: the field comes from Discord's payload).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub user_id: String,
    pub channel_id: Option<String>,
    pub guild_id: Option<String>,
    /// The member's permission bits in the channel (None outside a server).
    pub permissions: Option<u64>,
}

impl Caller {
    pub fn user(id: impl Into<String>) -> Caller {
        Caller {
            user_id: id.into(),
            channel_id: None,
            guild_id: None,
            permissions: None,
        }
    }

    /// In a server, with these permission bits.
    pub fn in_guild(mut self, guild_id: impl Into<String>, permissions: u64) -> Caller {
        self.guild_id = Some(guild_id.into());
        self.permissions = Some(permissions);
        self
    }

    /// Whether the member may manage the server (Manage Server, or Administrator).
    pub fn manages_guild(&self) -> bool {
        self.permissions
            .is_some_and(|bits| bits & (MANAGE_GUILD | ADMINISTRATOR) != 0)
    }
}

pub struct App {
    pub settings: Settings,
    /// The content and everything derived from it; a reload swaps it whole.
    library: RwLock<Arc<Library>>,
    pub clock: Arc<dyn Clock>,
    /// Random choices (interview questions); seeded from settings for reproducible runs.
    pub rng: Mutex<StdRng>,
    /// Interview sessions and practice history.
    pub store: Arc<dyn Store>,
    /// Counted here for every transport; adapters add what only they see.
    pub metrics: Arc<Metrics>,
    /// Guidance replies already given, for the same question asked again.
    pub replies: ReplyCache,
    /// Guidance deliveries seen lately, so a transport's retry is not counted as a second miss.
    guidance_deliveries: Mutex<lru::LruCache<String, ()>>,
    /// Each server's own entries as last read from the store (see [`App::answer_at_once`]).
    entries_seen: EntriesSeen,
}

/// How long a server's entries read from the store are trusted without reading them again, for
/// answering a repeated question at once: an entry added or removed in this process is seen at
/// once (the admin command forgets the server's digest); one changed by another process sharing
/// the database, within this long.
const ENTRIES_TRUSTED_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// Per server, a digest of its own entries and when they were read. Bounded: servers not asked
/// lately are forgotten first, and a forgotten server is read again.
struct EntriesSeen(Mutex<lru::LruCache<String, (std::time::Instant, u64)>>);

impl EntriesSeen {
    fn new() -> EntriesSeen {
        EntriesSeen(Mutex::new(lru::LruCache::new(RECENT_DELIVERIES)))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, lru::LruCache<String, (std::time::Instant, u64)>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn saw(&self, guild: &str, digest: u64) {
        self.lock()
            .put(guild.to_string(), (std::time::Instant::now(), digest));
    }

    /// The digest of `guild`'s entries when they were read less than `trusted_for` ago.
    fn recent(&self, guild: &str, trusted_for: std::time::Duration) -> Option<u64> {
        let (read_at, digest) = *self.lock().get(guild)?;
        (read_at.elapsed() < trusted_for).then_some(digest)
    }

    fn forget(&self, guild: &str) {
        self.lock().pop(guild);
    }
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("library", &self.library())
            .finish()
    }
}

/// `search` with the embedding model's side added when the model is in `model_dir`. Unchanged
/// when the model is absent. The vectors of content text are cached beside the model (in
/// `embeddings/`, keyed by model and text), so every index built with the model — each test's
/// temporary one included — reuses them.
pub fn with_model(search: SearchIndex, model_dir: &Path) -> Result<SearchIndex> {
    match MiniLm::load(model_dir)? {
        Some(model) => {
            let cache_dir = model_dir.parent().map_or_else(
                || Path::new("embeddings").to_path_buf(),
                |p| p.join("embeddings"),
            );
            let cache = EmbeddingCache::in_dir(&cache_dir, &model);
            search.with_semantics(Arc::new(model), &cache)
        }
        None => Ok(search),
    }
}

/// Loads and validates the content, opens (or builds, in staging) its index with the model's
/// vectors, and prepares the scoring banks: one complete library, or the error that stopped it.
pub fn load_library(settings: &Settings) -> Result<Library> {
    let started = std::time::Instant::now();
    let stamp = snapshot::Stamp::of(&settings.content_dir);
    let restored = stamp.and_then(|stamp| snapshot::read(&settings.index_dir, stamp));
    let (catalog, search, counted) = match restored {
        Some(restored) => {
            let search = SearchIndex::open_named(
                &restored.catalog,
                &settings.index_dir,
                &restored.index_name,
            );
            (restored.catalog, search, Some(restored.vocabulary))
        }
        None => {
            let catalog = Catalog::load(&settings.content_dir)?;
            let search = SearchIndex::open_or_build(&catalog, &settings.index_dir, false);
            (catalog, search, None)
        }
    };
    let search = search.map_err(|error| unreadable_index(&settings.index_dir, error))?;
    tracing::debug!(
        roles = catalog.roles.len(),
        from_snapshot = counted.is_some(),
        took = ?started.elapsed(),
        "content and index loaded"
    );
    if search.rebuilt {
        tracing::info!(path = ?search.path, documents = search.len(), "search index rebuilt from content");
    }
    let search = with_model(search, &settings.model_dir)?;
    if !search.has_semantics() {
        tracing::warn!(
            model_dir = %settings.model_dir.display(),
            "embedding model not found: answering by words only (run scripts/fetch-model)"
        );
    }
    let library = Library::new(catalog, search);
    let library = match (counted, stamp) {
        (Some(counted), _) => library.with_vocabulary(counted),
        (None, Some(stamp)) => {
            write_snapshot(&library, &settings.index_dir, stamp);
            library
        }
        (None, None) => library,
    };
    // The rubric's vectors are derived from content like the index's: made (or read from the
    // cache) now, not by whoever answers first.
    interview::session::prepare(&library);
    library.glossary();
    library.search.flush_embeddings();
    Ok(library)
}

/// Keeps the loaded content and its counted vocabulary beside the index for the next start.
/// Derived data: when it cannot be written (a read-only index folder) the bot runs on, and the
/// next start loads the content itself.
pub fn write_snapshot(library: &Library, index_dir: &Path, stamp: snapshot::Stamp) {
    let Some(index_name) = library.search.path.as_deref().and_then(Path::file_name) else {
        return;
    };
    let started = std::time::Instant::now();
    let written = snapshot::write(
        index_dir,
        stamp,
        &library.catalog,
        &index_name.to_string_lossy(),
        &library.vocabulary(),
    );
    match written {
        Ok(()) => tracing::debug!(took = ?started.elapsed(), "content snapshot written"),
        // Not a fault: an index folder may be read-only (a container image's, built elsewhere).
        Err(error) => {
            tracing::info!(%error, "content snapshot not written: the next start loads the content again")
        }
    }
}

impl App {
    /// Loads content, opens (or rebuilds) the index: everything the bot needs, from settings.
    pub fn new(settings: Settings) -> Result<App> {
        let library = load_library(&settings)?;
        let store = crate::store::open(&settings)?;
        tracing::info!(store = %store.describe(), "session store open");
        let app = App::with_library(settings, library, Arc::new(SystemClock), store);
        Ok(app)
    }

    /// Assembles an app from parts already loaded (tests and benches inject their own).
    pub fn from_parts(
        settings: Settings,
        catalog: Catalog,
        search: SearchIndex,
        clock: Arc<dyn Clock>,
        store: Arc<dyn Store>,
    ) -> App {
        App::with_library(settings, Library::new(catalog, search), clock, store)
    }

    fn with_library(
        settings: Settings,
        library: Library,
        clock: Arc<dyn Clock>,
        store: Arc<dyn Store>,
    ) -> App {
        let rng = match settings.interview.seed {
            Some(seed) => StdRng::seed_from_u64(seed),
            None => StdRng::from_os_rng(),
        };
        App {
            settings,
            library: RwLock::new(Arc::new(library)),
            clock,
            rng: Mutex::new(rng),
            store,
            metrics: Arc::new(Metrics::new()),
            replies: ReplyCache::default(),
            guidance_deliveries: Mutex::new(lru::LruCache::new(RECENT_DELIVERIES)),
            entries_seen: EntriesSeen::new(),
        }
    }

    /// The content being served now. A command takes it once and keeps it to the end, so a
    /// reload in the middle never mixes two versions.
    pub fn library(&self) -> Arc<Library> {
        self.library
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Reloads `content/`: validates it, builds its index (in a staging folder, renamed into
    /// place) and derived caches beside the running ones, then swaps the whole library. On any
    /// failure the old content keeps being served and the error says why.
    pub fn reload(&self) -> Result<Arc<Library>> {
        let library = Arc::new(load_library(&self.settings)?);
        *self
            .library
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = library.clone();
        // Keyed by content too, so none would be served; dropped to free the memory now.
        self.replies.clear();
        tracing::info!(
            fingerprint = library.catalog.fingerprint,
            "content reloaded"
        );
        Ok(library)
    }

    /// Answers a command. Never fails and never panics outward: a user's mistake gets a clear
    /// ephemeral reply, an internal error a generic one (its cause goes to the log).
    pub fn handle(&self, caller: &Caller, command: Command) -> Reply {
        self.respond(caller, command, Counting::Misses)
    }

    /// `handle`, counting unanswered questions or not (a repeated delivery was counted once).
    fn respond(&self, caller: &Caller, command: Command, counting: Counting) -> Reply {
        let name = command.metric_name();
        let started = std::time::Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            self.dispatch(caller, command, counting)
        }));
        let (reply, counted) = match outcome {
            Ok(Ok(reply)) => (reply, Outcome::Ok),
            Ok(Err(error @ (Error::Usage(_) | Error::Unknown(_)))) => {
                (Reply::notice(error.user_message()), Outcome::UserError)
            }
            // `handle_delivery` replaces this with the first delivery's reply.
            Ok(Err(Error::AlreadyDelivered(_))) => (Reply::notice(ALREADY_DONE), Outcome::Ok),
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

    /// The reply to a guidance command when it needs neither work nor the store: the same
    /// command answered before, for this content and this server's entries as read within
    /// [`ENTRIES_TRUSTED_FOR`], and not a question nothing answered (that is counted in the
    /// store). None otherwise: then `handle_delivery` answers it, on a thread that may block.
    /// FAQ traffic repeats itself, so transports try this first and most questions are answered
    /// without handing them to another thread.
    pub fn answer_at_once(
        &self,
        delivery_id: &str,
        caller: &Caller,
        command: &Command,
    ) -> Option<Reply> {
        if App::may_change_state(command) || crate::fault::slows_replies() {
            return None;
        }
        let started = std::time::Instant::now();
        let entries = match (&caller.guild_id, question_asked(command)) {
            (Some(guild), Some(_)) => self.entries_seen.recent(guild, ENTRIES_TRUSTED_FOR)?,
            _ => entries_digest(&[]),
        };
        let key = Key::new(self.library().catalog.fingerprint, entries, command);
        let cached = self.replies.get(&key).filter(|cached| !cached.missed)?;
        self.metrics.reply_cache_lookup(true);
        self.first_guidance_delivery(delivery_id);
        self.metrics
            .record_command(command.metric_name(), Outcome::Ok, started.elapsed());
        Some(Reply::clone(&cached.reply))
    }

    /// Remembers a guidance delivery; true when it was not seen before (a transport's retry
    /// is not counted as a second unanswered question).
    fn first_guidance_delivery(&self, delivery_id: &str) -> bool {
        self.guidance_deliveries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .put(delivery_id.to_string(), ())
            .is_none()
    }

    /// Answers one delivery of a command that may arrive more than once (a transport's retry or
    /// replay): `delivery_id` names it. The first delivery is handled; its change and the id are
    /// recorded together, and a repeat gets the stored reply instead of a second change.
    pub fn handle_delivery(&self, delivery_id: &str, caller: &Caller, command: Command) -> Reply {
        crate::fault::before_reply();
        // Guidance changes nothing, so a repeat can only answer the same again: it needs no
        // record, and must not wait on the session database (which may be down: guidance keeps
        // answering while interviews ask to try again).
        if !App::may_change_state(&command) {
            // A repeat reaching this process again is not counted again as unanswered.
            let counting = if self.first_guidance_delivery(delivery_id) {
                Counting::Misses
            } else {
                Counting::Nothing
            };
            return self.respond(caller, command, counting);
        }
        match self.store.delivery(delivery_id) {
            Ok(Some(_)) => return self.repeated_delivery(delivery_id),
            Ok(None) => {}
            // The claim inside the write still guards against a second change.
            Err(error) => tracing::warn!(%error, "cannot look up a delivery; handling it"),
        }
        let now = self.clock.now();
        let keep = self
            .settings
            .http
            .replay_window
            .max(DELIVERY_RETENTION)
            .as_secs() as i64;
        let scope = delivery::Scope::enter(delivery_id, now, now - keep);
        let reply = self.handle(caller, command);
        match scope.finish() {
            // Changed nothing, but a twin delivery may have claimed the id while this one ran
            // (and this one saw the state it left: "already answered"): answer as the twin did.
            delivery::Outcome::Untouched => match self.store.delivery(delivery_id) {
                Ok(Some(_)) => self.repeated_delivery(delivery_id),
                _ => reply,
            },
            delivery::Outcome::Claimed => {
                let saved = serde_json::to_string(&reply)
                    .map_err(Error::from)
                    .and_then(|text| self.store.save_delivery_reply(delivery_id, &text));
                if let Err(error) = saved {
                    tracing::warn!(%error, "cannot save a delivery's reply for its repeats");
                }
                reply
            }
            delivery::Outcome::Duplicate => self.repeated_delivery(delivery_id),
        }
    }

    /// The answer to a repeated delivery: the first delivery's reply once it is saved (it may
    /// still be on its way, in this process or another), else a notice that it was done.
    fn repeated_delivery(&self, delivery_id: &str) -> Reply {
        self.metrics.repeated_delivery();
        tracing::info!(
            delivery = delivery_id,
            "a repeated delivery: answering with the first reply"
        );
        let deadline = std::time::Instant::now() + REPEAT_WAIT;
        loop {
            if let Ok(Some(HandledDelivery {
                reply: Some(text), ..
            })) = self.store.delivery(delivery_id)
            {
                if let Ok(reply) = serde_json::from_str::<Reply>(&text) {
                    return reply;
                }
            }
            if std::time::Instant::now() >= deadline {
                return Reply::notice(ALREADY_DONE);
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// Whether replies to `command` are for the caller only. Known before the reply exists, so a
    /// transport that must acknowledge early (Discord's deferral) acknowledges with the right
    /// visibility. Interview, admin and daily-question replies are personal (feedback, scores);
    /// guidance is public, except the message command's answer, shown first to who asked.
    pub fn replies_privately(command: &Command) -> bool {
        match command {
            Command::AnswerMessage { .. } => true,
            Command::Component { custom_id } => stateful_component(custom_id),
            other => !is_guidance(other),
        }
    }

    /// Whether `command` may write to the store (interviews, admin, the daily question); guidance
    /// only reads content. Guidance only counts unanswered questions, which is a report, not
    /// state: it keeps answering while the store is down (a retry is not counted twice: see
    /// `handle_delivery`).
    pub fn may_change_state(command: &Command) -> bool {
        match command {
            Command::Component { custom_id } => stateful_component(custom_id),
            other => !is_guidance(other),
        }
    }

    /// A guidance command's reply, from the reply cache when the same command was answered
    /// before for the same content and the same server entries; None for other commands.
    fn guidance(
        &self,
        lib: &Library,
        caller: &Caller,
        command: &Command,
        counting: Counting,
    ) -> Result<Option<Reply>> {
        if !is_guidance(command) {
            return Ok(None);
        }
        let asked = question_asked(command);
        // Only questions can be answered by a server's own entries. Without the store (a
        // database restart) the guides still answer.
        let staff = match asked {
            Some(_) => self.staff_entries(caller).unwrap_or_else(|error| {
                tracing::warn!(%error, "cannot read the server's own entries; answering from the guides");
                Vec::new()
            }),
            None => Vec::new(),
        };
        let key = Key::new(lib.catalog.fingerprint, entries_digest(&staff), command);
        let cached = self.replies.get(&key);
        self.metrics.reply_cache_lookup(cached.is_some());
        let (reply, missed) = match cached {
            Some(cached) => (Reply::clone(&cached.reply), cached.missed),
            None => {
                let answered = answer_guidance(lib, command, &staff)?;
                self.replies
                    .put(key, answered.reply.clone(), answered.missed);
                (answered.reply, answered.missed)
            }
        };
        if let (Some((label, question)), Counting::Misses) = (asked, counting) {
            self.count_miss(caller, label, question, missed);
        }
        Ok(Some(reply))
    }

    fn dispatch(&self, caller: &Caller, command: Command, counting: Counting) -> Result<Reply> {
        let lib = self.library();
        if let Some(reply) = self.guidance(&lib, caller, &command, counting)? {
            return Ok(reply);
        }
        match command {
            Command::Help { .. }
            | Command::Ask { .. }
            | Command::Faq { .. }
            | Command::AnswerMessage { .. }
            | Command::Salary { .. }
            | Command::Role { .. }
            | Command::Match { .. }
            | Command::Sources => unreachable!("answered by `guidance`"),
            Command::Interview(
                command @ (InterviewCommand::Leaderboard
                | InterviewCommand::LeaderboardJoin
                | InterviewCommand::LeaderboardLeave),
            ) => daily::leaderboard(self, caller, command),
            Command::Interview(command) => interview::handle(self, caller, command),
            Command::Admin(command) => {
                admin::authorize(caller)?;
                // Its entries may change: the next question reads them again.
                if let Some(guild) = &caller.guild_id {
                    self.entries_seen.forget(guild);
                }
                admin::handle(self, caller, command)
            }
            Command::Component { custom_id } => match custom_id
                .split_once(':')
                .map(|(prefix, _)| prefix)
            {
                Some(interview::CUSTOM_ID_PREFIX) => interview::component(self, caller, &custom_id),
                Some(daily::CUSTOM_ID_PREFIX) => daily::component(self, caller, &custom_id),
                Some(guidance::message::CUSTOM_ID_PREFIX) => {
                    let staff = self.staff_entries(caller)?;
                    guidance::message::share(&lib, &custom_id, &staff)
                }
                _ => guidance::component(&lib, caller, &custom_id),
            },
            Command::ModalSubmit { custom_id, fields } => {
                match custom_id.split_once(':').map(|(prefix, _)| prefix) {
                    Some(daily::CUSTOM_ID_PREFIX) => {
                        daily::modal_submit(self, caller, &custom_id, &fields)
                    }
                    _ => interview::modal_submit(self, caller, &custom_id, &fields),
                }
            }
        }
    }

    /// The caller's server's own FAQ entries (none outside a server).
    fn staff_entries(&self, caller: &Caller) -> Result<Vec<crate::store::StaffEntry>> {
        match &caller.guild_id {
            Some(guild) => {
                let entries = self.store.staff_entries(guild)?;
                self.entries_seen.saw(guild, entries_digest(&entries));
                Ok(entries)
            }
            None => Ok(Vec::new()),
        }
    }

    /// Counts a question nothing answered, for the server's gap report and the metric. A
    /// failure to count is logged, never shown: the member still gets their answer.
    fn count_miss(&self, caller: &Caller, command: &'static str, question: &str, missed: bool) {
        if !missed {
            return;
        }
        self.metrics.unanswered(command);
        let normalized = guidance::staff::normalize(question);
        if normalized.is_empty() {
            return;
        }
        let guild = caller.guild_id.as_deref().unwrap_or("");
        if let Err(error) = self.store.record_gap(guild, &normalized, self.clock.now()) {
            match error {
                // A repeated delivery: the first one counted it.
                Error::AlreadyDelivered(_) => {}
                error => tracing::warn!(%error, "cannot record an unanswered question"),
            }
        }
    }

    /// Suggestions for the option being typed (at most 25, names at most 100 characters).
    pub fn autocomplete(&self, caller: &Caller, focused: &Focused) -> Vec<Choice> {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            // A server's own entries are suggested in that server only, and `/admin`'s only to
            // its staff.
            let staff = if focused.command.name == "admin" && !caller.manages_guild() {
                Vec::new()
            } else {
                self.staff_entries(caller)?
            };
            guidance::autocomplete(&self.library(), focused, &staff)
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_another_user_built_fails_with_what_to_do() {
        let denied = || {
            Error::io(
                "opening index/v3/meta.json",
                std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            )
        };
        let explained = unreadable_index(std::path::Path::new("/srv/index"), denied()).to_string();
        assert!(explained.contains("/srv/index"), "{explained}");
        assert!(explained.contains("another user"), "{explained}");
        assert!(explained.contains("careerbot index"), "{explained}");
        let other = Error::Config("something else".into());
        assert_eq!(
            unreadable_index(std::path::Path::new("/srv/index"), other).to_string(),
            "configuration: something else"
        );
    }

    /// An app over the real content (words only) with an in-memory store.
    fn app() -> App {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = Catalog::load(&root.join("content")).unwrap();
        let search = SearchIndex::in_memory(&catalog).unwrap();
        App::from_parts(
            Settings::defaults_in(root),
            catalog,
            search,
            Arc::new(crate::clock::ManualClock::new(1_000)),
            Arc::new(crate::store::SqliteStore::in_memory().unwrap()),
        )
    }

    #[test]
    fn a_miss_is_counted_once_per_delivery_per_server_without_who_asked() {
        let app = app();
        let member = Caller::user("42").in_guild("100", 0);
        let ask = || Command::Faq {
            question: "What is the best Kafka client library?".into(),
        };
        app.handle_delivery("9001", &member, ask());
        // Discord's retry of the same interaction: answered, not counted again.
        app.handle_delivery("9001", &member, ask());
        app.handle_delivery("9002", &member, ask());
        // A covered question is not a miss; neither is one outside this server.
        app.handle(
            &member,
            Command::Faq {
                question: "what is a backend engineer".into(),
            },
        );
        app.handle(&Caller::user("42"), ask());
        let gaps = app.store.gaps(Some("100"), 10).unwrap();
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert_eq!(
            (gaps[0].question.as_str(), gaps[0].count),
            ("what is the best kafka client library", 2)
        );
        assert!(!format!("{gaps:?}").contains("42"), "no user id is kept");
        assert_eq!(
            app.store.gaps(Some(""), 10).unwrap()[0].count,
            1,
            "DMs apart"
        );
        assert_eq!(app.metrics.unanswered_count("faq"), 3);
    }

    #[test]
    fn a_repeated_question_is_answered_at_once_and_a_new_server_entry_is_seen_at_once() {
        let app = app();
        let member = Caller::user("42").in_guild("100", 0);
        let staff = Caller::user("1").in_guild("100", MANAGE_GUILD);
        let faq = || Command::Faq {
            question: "what is a backend engineer".into(),
        };
        assert_eq!(
            app.answer_at_once("1", &member, &faq()),
            None,
            "not answered yet"
        );
        let first = app.handle_delivery("1", &member, faq());
        assert_eq!(
            app.answer_at_once("2", &member, &faq()),
            Some(first.clone())
        );
        // Another server's entries were never read here: its members take the slow path.
        let elsewhere = Caller::user("42").in_guild("200", 0);
        assert_eq!(app.answer_at_once("3", &elsewhere, &faq()), None);
        // Commands that change state never are.
        let start = Command::parse("/interview start").unwrap();
        assert_eq!(app.answer_at_once("4", &member, &start), None);

        let added = Command::Admin(crate::commands::AdminCommand::FaqAdd {
            question: "what is a backend engineer".into(),
            answer: "Our server's own answer: see the pinned post in #careers.".into(),
        });
        app.handle(&staff, added);
        assert_eq!(
            app.answer_at_once("5", &member, &faq()),
            None,
            "the entry added in this process is read before the next answer"
        );
        let with_entry = app.handle_delivery("5", &member, faq());
        assert_ne!(with_entry, first);
        assert!(
            format!("{with_entry:?}").contains("pinned post"),
            "{with_entry:?}"
        );
        assert_eq!(app.answer_at_once("6", &member, &faq()), Some(with_entry));
    }

    #[test]
    fn a_question_nothing_answered_is_never_answered_at_once_so_it_is_counted() {
        let app = app();
        let member = Caller::user("42").in_guild("100", 0);
        let ask = || Command::Faq {
            question: "What is the best Kafka client library?".into(),
        };
        app.handle_delivery("1", &member, ask());
        assert_eq!(app.answer_at_once("2", &member, &ask()), None);
        app.handle_delivery("2", &member, ask());
        assert_eq!(app.store.gaps(Some("100"), 10).unwrap()[0].count, 2);
    }

    #[test]
    fn entries_read_are_trusted_for_a_while_then_read_again() {
        let seen = EntriesSeen::new();
        assert_eq!(seen.recent("100", ENTRIES_TRUSTED_FOR), None);
        seen.saw("100", 7);
        assert_eq!(seen.recent("100", ENTRIES_TRUSTED_FOR), Some(7));
        assert_eq!(
            seen.recent("100", std::time::Duration::ZERO),
            None,
            "expired"
        );
        seen.forget("100");
        assert_eq!(seen.recent("100", ENTRIES_TRUSTED_FOR), None);
    }

    #[test]
    fn admin_needs_a_server_and_manage_server() {
        let app = app();
        let cases = [
            (Caller::user("1"), "only in a server"),
            (Caller::user("1").in_guild("100", 0), "Manage Server"),
            (Caller::user("1").in_guild("100", 1 << 11), "Manage Server"),
        ];
        for (caller, refusal) in cases {
            let reply = app.handle(&caller, Command::Admin(crate::commands::AdminCommand::Gaps));
            let text = reply.as_message().unwrap().content.clone().unwrap();
            assert!(text.contains(refusal), "{caller:?}: {text}");
        }
        for bits in [MANAGE_GUILD, ADMINISTRATOR] {
            let staff = Caller::user("1").in_guild("100", bits);
            let reply = app.handle(&staff, Command::Admin(crate::commands::AdminCommand::Gaps));
            let text = reply.as_message().unwrap().content.clone().unwrap();
            assert!(text.contains("No unanswered questions"), "{text}");
        }
    }

    #[test]
    fn interview_replies_are_known_private_before_they_exist() {
        let cases = [
            (Command::Sources, false),
            (Command::Help { command: None }, false),
            (
                Command::Component {
                    custom_id: format!("{}:hint:1", interview::CUSTOM_ID_PREFIX),
                },
                true,
            ),
            (
                Command::Component {
                    custom_id: "role:backend:skills".into(),
                },
                false,
            ),
            (
                Command::ModalSubmit {
                    custom_id: "iv:modal:1".into(),
                    fields: Vec::new(),
                },
                true,
            ),
        ];
        for (command, private) in cases {
            assert_eq!(App::replies_privately(&command), private, "{command:?}");
        }
    }
}

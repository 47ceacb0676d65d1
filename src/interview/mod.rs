//! Mock interviews: question choice, sessions, scoring against rubrics, summaries and history.
//!
//! - `choose`: which questions a session asks (seeded, weighted toward weak topics and missed
//!   points, never repeating);
//! - `score`: the pure, explainable scoring of one answer against its rubric;
//! - `session`: the state machine behind the commands, buttons and modal, over `crate::store`;
//! - `history`: summaries and practice statistics from stored turns;
//! - `feedback`: how all of it is shown.

pub mod choose;
pub mod feedback;
pub mod history;
pub mod score;
pub mod session;

use crate::app::{App, Caller};
use crate::commands::InterviewCommand;
use crate::error::Result;
use crate::reply::Reply;

/// Custom ids of interview buttons and modals start with this.
pub const CUSTOM_ID_PREFIX: &str = "iv";

pub fn handle(app: &App, caller: &Caller, command: InterviewCommand) -> Result<Reply> {
    match command {
        InterviewCommand::Start {
            role,
            kind,
            difficulty,
            questions,
            question,
        } => session::start(
            app,
            caller,
            session::StartOptions {
                role,
                kind,
                difficulty,
                questions,
                question,
            },
        ),
        InterviewCommand::Answer { text } => session::answer(app, caller, &text),
        InterviewCommand::Hint => session::hint(app, caller),
        InterviewCommand::Skip => session::skip(app, caller),
        InterviewCommand::Repeat => session::repeat(app, caller),
        InterviewCommand::End => session::end(app, caller),
        InterviewCommand::Stats => session::stats(app, caller),
        // The leaderboard is the daily question's (`App` routes it to `daily`).
        InterviewCommand::Leaderboard
        | InterviewCommand::LeaderboardJoin
        | InterviewCommand::LeaderboardLeave => crate::daily::leaderboard(app, caller, command),
    }
}

pub fn component(app: &App, caller: &Caller, custom_id: &str) -> Result<Reply> {
    session::component(app, caller, custom_id)
}

pub fn modal_submit(
    app: &App,
    caller: &Caller,
    custom_id: &str,
    fields: &[(String, String)],
) -> Result<Reply> {
    session::modal_submit(app, caller, custom_id, fields)
}

/// Shared fixtures for the interview tests: the real content, loaded once.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::Path;
    use std::sync::{Arc, OnceLock};

    use crate::app::App;
    use crate::clock::ManualClock;
    use crate::content::Catalog;
    use crate::search::SearchIndex;
    use crate::settings::Settings;
    use crate::store::SqliteStore;

    pub fn catalog() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))
                .expect("the shipped content loads")
        })
    }

    /// An app over the real content with an in-memory store, a manual clock and a fixed seed.
    pub fn app(seed: u64) -> (App, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(1_767_225_600));
        let mut settings = Settings::defaults_in(Path::new(env!("CARGO_MANIFEST_DIR")));
        settings.interview.seed = Some(seed);
        let app = App::from_parts(
            settings,
            catalog().clone(),
            SearchIndex::in_memory(catalog()).expect("the index builds"),
            clock.clone(),
            Arc::new(SqliteStore::in_memory().expect("in-memory store")),
        );
        (app, clock)
    }
}

//! Shared helpers of the guidance tests: an app over the repository's content with an in-memory
//! index, running a slash line through the same path as the console, and reading replies.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use careerbot::adapters::render::{interaction_response, Rendered};
use careerbot::clock::ManualClock;
use careerbot::content::Catalog;
use careerbot::reply::Reply;
use careerbot::search::SearchIndex;
use careerbot::{App, Caller, Command, Settings};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The app over `content/`, with an in-memory index (nothing is written).
pub fn app() -> App {
    let root = repo();
    let settings = Settings::defaults_in(Path::new(&root));
    let catalog = Catalog::load(&root.join("content")).expect("content loads");
    let search = with_model_required(SearchIndex::in_memory(&catalog).expect("index builds"));
    App::from_parts(
        settings,
        catalog,
        search,
        Arc::new(ManualClock::new(0)),
        Arc::new(careerbot::store::SqliteStore::in_memory().unwrap()),
    )
}

/// `search` with the embedding model, which these tests need: they fail, never skip, without it.
pub fn with_model_required(search: SearchIndex) -> SearchIndex {
    let root = repo();
    let search = careerbot::app::with_model(
        search,
        &root.join("models/all-MiniLM-L6-v2"),
        &root.join("index"),
    )
    .expect("the embedding model loads");
    assert!(
        search.has_semantics(),
        "the embedding model is missing: run scripts/fetch-model (scripts/dev test does it first)"
    );
    search
}

/// Runs a slash line as the console would and returns the reply.
pub fn run(app: &App, line: &str) -> Reply {
    let command = Command::parse(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    app.handle(&Caller::user("tester"), command)
}

/// The rendered Discord response of a slash line.
pub fn rendered(app: &App, line: &str) -> Rendered {
    interaction_response(&run(app, line))
}

/// What a reply shows first: the first embed's title and description, else its content.
pub fn top_answer(reply: &Reply) -> String {
    let message = reply.as_message().expect("a message");
    match message.embeds.first() {
        Some(embed) => format!(
            "{}\n{}",
            embed.title.clone().unwrap_or_default(),
            embed.description.clone().unwrap_or_default()
        ),
        None => message.content.clone().unwrap_or_default(),
    }
}

/// Every text of a rendered response, for "does it say X anywhere" checks.
pub fn all_text(rendered: &Rendered) -> String {
    rendered.body.to_string()
}

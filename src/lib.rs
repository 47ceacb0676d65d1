//! careerbot: a Discord bot that answers career questions about backend engineering from curated
//! guides (always citing them) and runs mock interviews with rubric-based feedback.
//!
//! The core (`App::handle(caller, command) -> Reply`) knows nothing of any transport; the
//! adapters (console, Discord gateway, HTTP interactions endpoint) turn their input into a
//! `Command` and render the `Reply` with the one renderer in `adapters::render`.

pub mod adapters;
pub mod admin;
pub mod app;
pub mod clock;
pub mod commands;
pub mod content;
pub mod daily;
pub mod error;
pub mod fault;
pub mod guidance;
pub mod help;
pub mod interview;
pub mod library;
pub mod metrics;
pub mod reply;
pub mod reply_cache;
pub mod search;
pub mod semantic;
pub mod settings;
pub mod snapshot;
pub mod store;

pub use app::{App, Caller};
pub use commands::Command;
pub use error::{Error, Result};
pub use reply::Reply;
pub use settings::Settings;

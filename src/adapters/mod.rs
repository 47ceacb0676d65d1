//! Adapters: the only code that knows a transport. Each turns its input into a `Command`, calls
//! `App::handle`, and renders the `Reply` with `render`. Only modules under here may import
//! serenity, axum or terminal crates.

pub mod console;
pub mod discord;
pub mod http;
pub mod interaction;
pub mod lifecycle;
pub mod reload;
pub mod render;

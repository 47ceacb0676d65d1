//! Discord interaction decoding with any bytes, and for payloads that decode to a command, the
//! whole path after it: `App::handle` on the real content, then the renderer. Decoding may refuse
//! a payload but never panic; every rendered message keeps mentions off and fits Discord's limits.

#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use careerbot::adapters::interaction::{self, Incoming};
use careerbot::adapters::render;
use careerbot::clock::SystemClock;
use careerbot::content::Catalog;
use careerbot::search::SearchIndex;
use careerbot::{App, Settings};
use libfuzzer_sys::fuzz_target;

fn app() -> &'static App {
    static APP: OnceLock<App> = OnceLock::new();
    APP.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = Catalog::load(&content).expect("the real content loads");
        let index = SearchIndex::in_memory(&catalog).expect("the index builds");
        let data = tempfile::tempdir().expect("temp dir").keep();
        let mut settings = Settings::defaults_in(&data);
        settings.interview.seed = Some(1);
        let store = careerbot::store::SqliteStore::in_memory().expect("store");
        App::from_parts(
            settings,
            catalog,
            index,
            Arc::new(SystemClock),
            Arc::new(store),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(payload) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(incoming) = interaction::decode(&payload) else {
        return;
    };
    let app = app();
    let reply = match incoming {
        Incoming::Ping => return,
        Incoming::Command { caller, command } => app.handle(&caller, command),
        Incoming::Refused { message, .. } => careerbot::Reply::notice(message),
        Incoming::Autocomplete { focused, .. } => {
            careerbot::Reply::Choices(app.autocomplete(&careerbot::Caller::user("test"), &focused))
        }
    };
    let rendered = render::interaction_response(&reply);
    let body = &rendered.body;
    if body["type"] == 4 {
        assert_eq!(body["data"]["allowed_mentions"]["parse"], serde_json::json!([]));
        if let Some(content) = body["data"]["content"].as_str() {
            assert!(content.chars().count() <= render::limits::CONTENT);
        }
    }
    if let Some(choices) = body["data"]["choices"].as_array() {
        assert!(choices.len() <= render::limits::CHOICES);
    }
    serde_json::to_string(body).expect("the response serializes");
});

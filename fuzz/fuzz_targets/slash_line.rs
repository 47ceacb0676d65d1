//! The console's slash-line parser with any text: parsing, typing and the autocomplete parse
//! must return a command or a user-facing error, never panic, and an error always has a message.

#![no_main]

use careerbot::commands::{self, Command};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let line = String::from_utf8_lossy(data);
    match Command::parse(&line) {
        Ok(command) => assert!(!command.metric_name().is_empty()),
        Err(error) => assert!(!error.user_message().trim().is_empty(), "{line:?}"),
    }
    if let Ok(Some(focused)) = commands::parse_focused(&line) {
        assert!(focused.option.autocomplete || !focused.option.choices.is_empty());
    }
});

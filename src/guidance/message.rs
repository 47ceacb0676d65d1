//! The message command, "Answer from the guides": the best cited answer to a message someone
//! posted, shown only to the member who asked, with a button that posts the same answer
//! publicly (the renderer sends every message with no mentions allowed, so nobody is pinged).
//!
//! The button must carry the question (a custom id is all Discord gives back, at most 100
//! characters), so the question is the message's first [`QUESTION_MAX`] characters, cut at a
//! word: the private answer and the public one are answers to the very same text.

use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{Button, ButtonStyle, Reply};
use crate::store::StaffEntry;

use super::faq::{answer_ask, Answered};

/// Custom ids of "Post publicly" buttons: `share:<question>`.
pub const CUSTOM_ID_PREFIX: &str = "share";
/// Discord's custom-id limit (100) less the prefix and its colon.
pub const QUESTION_MAX: usize = 100 - CUSTOM_ID_PREFIX.len() - 1;

/// The part of a message that is asked: its first [`QUESTION_MAX`] characters, cut at a word,
/// on one line.
pub fn question_of(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= QUESTION_MAX {
        return flat;
    }
    let cut: String = flat.chars().take(QUESTION_MAX).collect();
    match cut.rfind(' ') {
        Some(space) if space > QUESTION_MAX / 2 => cut[..space].to_string(),
        _ => cut,
    }
}

/// The private answer to a message's text, with the button that posts it publicly.
pub fn answer(lib: &Library, text: &str, staff: &[StaffEntry]) -> Result<Answered> {
    let question = question_of(text);
    if question.is_empty() {
        return Err(Error::Usage(
            "That message has no text to answer (only attachments or embeds).".into(),
        ));
    }
    let mut answered = answer_ask(lib, &question, staff)?;
    if let Reply::Message(message) = &mut answered.reply {
        message.ephemeral = true;
        if !message.embeds.is_empty() {
            message.buttons.push(vec![Button {
                custom_id: format!("{CUSTOM_ID_PREFIX}:{question}"),
                label: "Post publicly".into(),
                style: ButtonStyle::Primary,
                disabled: false,
            }]);
        }
    }
    Ok(answered)
}

/// The "Post publicly" button: the same answer, visible to the channel.
pub fn share(lib: &Library, custom_id: &str, staff: &[StaffEntry]) -> Result<Reply> {
    let question = custom_id
        .strip_prefix(CUSTOM_ID_PREFIX)
        .and_then(|rest| rest.strip_prefix(':'))
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| Error::Usage("That button is no longer active.".into()))?;
    let mut reply = answer_ask(lib, question, staff)?.reply;
    if let Reply::Message(message) = &mut reply {
        message.ephemeral = false;
        message.buttons.clear();
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_asked_by_its_first_words() {
        assert_eq!(
            question_of("  how much\n do juniors earn? "),
            "how much do juniors earn?"
        );
        let long = "word ".repeat(40);
        let question = question_of(&long);
        assert!(question.chars().count() <= QUESTION_MAX, "{question}");
        assert!(question.ends_with("word"), "{question}");
        assert!(format!("{CUSTOM_ID_PREFIX}:{question}").chars().count() <= 100);
    }
}

//! A server's own FAQ entries, added by its staff with `/admin faq add`: matched against a
//! question the way the guides' entries are (by words, and by meaning with the model), answered
//! in that server only and always cited as "added by this server's staff", never as a guide.
//! Also the one normalization of a question that entry keys and the gap report share.

use crate::content::model::FaqEntry;
use crate::error::Result;
use crate::library::Library;
use crate::reply::{colors, escape_user_text, with_source, Embed, Message, Reply};
use crate::store::StaffEntry;

use super::faq::{combined_fit, Understood, FIT_THRESHOLD};

/// The line every staff answer carries instead of a guide's citation.
pub const CITATION: &str = "*Added by this server's staff*";

/// A question as compared and counted: lowercase, words of letters and digits separated by
/// single spaces (so "What is Kafka?" and "what is  kafka" are one question).
pub fn normalize(question: &str) -> String {
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '+' && c != '#')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The staff entry that answers the question best, with its fit, if one fits.
pub fn best<'a>(
    lib: &Library,
    understood: &Understood,
    staff: &'a [StaffEntry],
) -> Result<Option<(&'a StaffEntry, f32)>> {
    let mut best: Option<(&StaffEntry, f32)> = None;
    for entry in staff {
        let as_faq = FaqEntry {
            question: entry.question.clone(),
            answer: entry.answer.clone(),
        };
        let lexical = super::faq::fit(
            lib.search.analyzer(),
            &understood.vocabulary,
            &understood.terms,
            &as_faq,
        );
        // An exact question (after normalization) is the entry, whatever the model says.
        if normalize(&understood.corrected) == entry.key
            || normalize(&understood.query) == entry.key
        {
            return Ok(Some((entry, 1.0)));
        }
        // One word carries too little meaning for the model to judge (as for the guides).
        let meaning = match (&understood.vector, understood.terms.len() > 1) {
            (Some(question), true) => lib
                .staff_vector(&entry.question)?
                .map(|v| crate::semantic::cosine(question, &v)),
            _ => None,
        };
        let fit = combined_fit(lexical, meaning);
        if fit >= FIT_THRESHOLD && best.is_none_or(|(_, b)| fit > b) {
            best = Some((entry, fit));
        }
    }
    Ok(best)
}

/// The reply for a staff entry: its answer as the staff wrote it (escaped: it is user text),
/// cited as theirs.
pub fn reply(entry: &StaffEntry) -> Reply {
    let embed = Embed::new(escape_user_text(&entry.question))
        .description(with_source(
            &escape_user_text(&entry.answer),
            CITATION,
            4096,
        ))
        .color(colors::ANSWER);
    Reply::Message(Message {
        embeds: vec![embed],
        ..Message::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_ignores_case_spacing_and_punctuation() {
        let cases = [
            ("What is Kafka?", "what is kafka"),
            ("  what   is kafka ", "what is kafka"),
            ("C++ or C#?", "c++ or c#"),
            ("¿Qué es?", "qué es"),
            ("?!", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(normalize(text), expected, "{text}");
        }
    }
}

//! What a message sets aside before it asks: an aside it dismisses ("my cat knocked my coffee
//! over lol. anyway, what do mids earn?", "I know the guides don't cover Europe, but …"), what
//! it says it does not want ("not the salary, the skills"), the part it asks the bot to play
//! ("pretend you're my mentor and tell me what to learn first"), and the form it asks of the
//! reply ("summarise … in 3 bullets", "eli5", "according to the guides"). None of these is the question:
//! searched, they pull the answer towards pay, the ladder or a gap the asker has already put
//! aside. [`what_is_asked`] keeps the rest.
//!
//! Matching is on ASCII-lowercased text, so byte offsets are the same as in the message.

/// Words after which the message turns to its real question; what comes before is an aside.
const TURNS: &[&str] = &[
    "anyway",
    "anyways",
    "anyhow",
    "more importantly",
    "moving on",
    "back to the question",
    "back to backend",
    "different problem)",
    "different question)",
    "on a serious note",
    "but seriously",
    "my real question",
    "my actual question",
    "real question:",
    "that aside",
];

/// Words that restate the sentence just ended ("Quel est le niveau après senior? I mean what comes
/// after senior in backend?"): the restatement is the question (added 2026-12-04, anticipated).
const RESTATEMENTS: &[&str] = &[
    "i mean",
    "i meant",
    "in other words",
    "what i mean is",
    "what i'm asking is",
    "what im asking is",
    "in english",
];

/// Openings that concede or wave away what follows up to "but" ("I know you can't say much
/// about Rust, but which languages do you recommend?").
const CONCEDING: &[&str] = &[
    "i know the guides",
    "i know the guide",
    "i know you",
    "i know this",
    "i know that",
    "i know it's",
    "i know its",
    "i realise",
    "i realize",
    "i get that",
    "i understand that",
    "i understand the guides",
    "i'm aware",
    "im aware",
    "idk if",
    "random but",
    "random question",
    "unrelated but",
    "off topic but",
    "off-topic but",
    "not related but",
];

/// Openings that grant something known before the question ("I know juniors start around
/// 105k, but what does the next level up pay?"), unless the question points back at it.
const KNOWING: &[&str] = &[
    "i know ",
    "i already know",
    "yeah i know",
    "ok i know",
    "okay i know",
    "i get it",
    "i've heard",
    "ive heard",
    "i hear ",
    "i've read",
    "ive read",
    "i read ",
];

/// Clause openings that say what the asker does not want.
const NOT_WANTED: &[&str] = &[
    "not the ",
    "not about ",
    "not asking about ",
    "not talking about ",
    "not interested in ",
    "not looking for ",
    "don't tell me",
    "dont tell me",
    "don't give me",
    "dont give me",
    "don't need",
    "dont need",
    "i don't need",
    "i dont need",
    "i don't want",
    "i dont want",
    "i don't care about",
    "i dont care about",
    "don't care about",
    "skip the ",
    "skip all the ",
    "forget the ",
    "forget about ",
    "never mind the ",
    "nevermind the ",
    "leave out ",
    "without the ",
];

/// Clause openings that cast the bot in a part.
const ROLE_PLAY: &[&str] = &[
    "pretend",
    "act as ",
    "act like ",
    "roleplay",
    "role-play",
    "role play",
    "imagine you're",
    "imagine you are",
    "imagine ur",
    "talk to me like",
    "talk to me as",
    "speak to me like",
    "speak as ",
    "be my ",
    "you are my ",
    "you're my ",
    "youre my ",
    "you're a ",
    "youre a ",
    "you are a ",
    "that's your character",
    "thats your character",
    "stay in character",
];

/// Filler that may open a clause before what matters ("ok so you're a senior now").
const OPENERS: &[&str] = &[
    "ok so ", "okay so ", "ok ", "okay ", "so ", "alright ", "right, ", "hey ",
];

/// Openings that ask for a form of reply rather than naming what is asked ("summarise the role",
/// "eli5 backend engineer", "list the levels"). Authored for careerbot.
const FORM_OPENINGS: &[&str] = &[
    "please summarise ",
    "please summarize ",
    "summarise ",
    "summarize ",
    "sum up ",
    "tl;dr ",
    "tldr ",
    "tl;dr: ",
    "eli5: ",
    "eli5 ",
    "eli5, ",
    "please list ",
    "list out ",
    "list all ",
    "list ",
    "give me a summary of ",
    "give me a rundown of ",
    "quick summary of ",
    "a quick summary of ",
    "summary of ",
    "rundown of ",
    "in short, ",
    "briefly, ",
];

/// Phrases anywhere that shape the reply ("in 3 bullets", "like I'm five", "according to the
/// guides"): the guides are always the source, and the form is the bot's. Authored for careerbot.
/// A phrase comes before any shorter one it starts with, so the whole phrase is set aside.
const FORM_PHRASES: &[&str] = &[
    "in one line",
    "in 1 line",
    "in a line",
    "in one sentence",
    "in 1 sentence",
    "in a sentence or two",
    "in a sentence",
    "in two sentences",
    "in 2 sentences",
    "in one paragraph",
    "in a paragraph",
    "in a few words",
    "in one word",
    "in bullets",
    "in bullet points",
    "as bullets",
    "as bullet points",
    "as a list",
    "in a list",
    "like i'm five",
    "like im five",
    "like i'm 5",
    "like im 5",
    "like i am five",
    "like i'm a five year old",
    "to a five year old",
    "in simple terms",
    "in plain english",
    "in plain words",
    "in layman's terms",
    "in laymans terms",
    "according to the guides",
    "according to the guide",
    "based on the guides",
    "based on the guide",
    "per the guides",
    "explain like",
];

/// The message without what it sets aside, or as written when nothing is (or when nothing
/// would be left).
pub fn what_is_asked(text: &str) -> String {
    // Each step keeps the text as written when too little would be left.
    without_reply_form(&without_set_aside_clauses(after_the_turn(text)))
}

/// The message without what it says about the reply's form: an opening such as "summarise" or
/// "eli5", and phrases such as "in 3 bullets" or "according to the guides". Kept as written
/// when fewer than two words would be left.
fn without_reply_form(text: &str) -> String {
    let mut kept = text.trim().to_string();
    let lower = kept.to_ascii_lowercase();
    if let Some(opening) = FORM_OPENINGS.iter().find(|o| lower.starts_with(*o)) {
        kept = kept[opening.len()..].to_string();
    }
    // The lowercased copy is blanked in step with `kept` (ASCII lowercasing keeps byte offsets).
    let mut lower = kept.to_ascii_lowercase();
    let mut blank = |from: usize, to: usize, lower: &mut String| {
        kept.replace_range(from..to, " ");
        lower.replace_range(from..to, " ");
    };
    // "in 3 bullets", "in five bullet points", "in 2 lines".
    while let Some((from, to)) = counted_form(&lower) {
        blank(from, to, &mut lower);
    }
    for phrase in FORM_PHRASES {
        while let Some(at) = lower.match_indices(phrase).map(|(at, _)| at).find(|&at| {
            starts_word(&lower, at)
                && !lower[at + phrase.len()..].starts_with(|c: char| c.is_alphanumeric())
        }) {
            blank(at, at + phrase.len(), &mut lower);
        }
    }
    let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let kept = kept.trim_start_matches([',', ':', ';', ' ']);
    if kept.split_whitespace().count() >= 2 {
        kept.to_string()
    } else {
        text.to_string()
    }
}

/// The byte range of an "in <n> bullets / bullet points / lines / sentences / words / points"
/// in `lower`, if any.
fn counted_form(lower: &str) -> Option<(usize, usize)> {
    const COUNTS: &[&str] = &[
        "2", "3", "4", "5", "two", "three", "four", "five", "a few", "few",
    ];
    const UNITS: &[&str] = &[
        "bullet points",
        "bullets",
        "lines",
        "sentences",
        "words",
        "points",
    ];
    lower.match_indices("in ").find_map(|(at, _)| {
        if !starts_word(lower, at) {
            return None;
        }
        let rest = &lower[at + 3..];
        let count = COUNTS.iter().find(|c| {
            rest.strip_prefix(**c)
                .is_some_and(|after| after.starts_with(' '))
        })?;
        let rest = &rest[count.len() + 1..];
        let unit = UNITS.iter().find(|u| rest.starts_with(**u))?;
        let end = at + 3 + count.len() + 1 + unit.len();
        (!lower[end..].starts_with(|c: char| c.is_alphanumeric())).then_some((at, end))
    })
}

/// Whether `at` in `lower` starts a word.
fn starts_word(lower: &str, at: usize) -> bool {
    lower[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The message from its last turn to the real question on, when at least three words follow.
fn after_the_turn(text: &str) -> &str {
    let lower = text.to_ascii_lowercase();
    let mut cut = None;
    for turn in TURNS {
        for (at, _) in lower.match_indices(turn) {
            let end = at + turn.len();
            let whole = starts_word(&lower, at)
                && lower[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
            if whole {
                cut = cut.max(Some(end));
            }
        }
    }
    for restatement in RESTATEMENTS {
        for (at, _) in lower.match_indices(restatement) {
            let after_a_sentence = lower[..at].trim_end().ends_with(['?', '.', '!']);
            if starts_word(&lower, at) && after_a_sentence {
                cut = cut.max(Some(at + restatement.len()));
            }
        }
    }
    if let Some(aside) = lower.find(" aside") {
        // "setting the visa question aside for now, which routes …"
        if let Some(comma) = lower[aside..].find([',', '.', ':']) {
            cut = cut.max(Some(aside + comma + 1));
        }
    }
    if CONCEDING.iter().any(|c| lower.starts_with(c)) {
        if let Some(but) = lower.find(" but ") {
            cut = cut.max(Some(but + " but".len()));
        }
    } else if KNOWING.iter().any(|c| lower.starts_with(c)) {
        // "I know the pay is decent, but is it worth starting now?": what the asker already
        // knows is granted, and the question follows "but", unless it points back at what was
        // granted ("I know Python, but is it any good?").
        if let Some(but) = lower.find(" but ") {
            let rest = &lower[but + " but ".len()..];
            // "I know Python but not Java, …" contrasts what is known; it grants nothing.
            if !rest.starts_with("not ") && !super::faq::points_back(rest) {
                cut = cut.max(Some(but + " but".len()));
            }
        }
    }
    let Some(cut) = cut else {
        return text;
    };
    let rest = text[cut..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let rest = rest
        .strip_prefix("but ")
        .or_else(|| rest.strip_prefix("But "))
        .unwrap_or(rest);
    if rest.split_whitespace().count() >= 3 {
        rest
    } else {
        text
    }
}

/// The clauses of `text` (split at , ; . ! ? and new lines), each with its byte range.
fn clauses(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let ends = matches!(c, ',' | ';' | '!' | '?' | '\n')
            || (c == '.' && text[at + 1..].starts_with(char::is_whitespace))
            || (c == '.' && at + 1 == text.len());
        if ends {
            out.push((start, at + c.len_utf8()));
            start = at + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// `text` without the clauses that say what is not wanted or cast the bot in a part, when a
/// clause of two words or more remains; a role-play clause joined by "and" keeps what follows
/// ("pretend you're my mentor and tell me what to learn first").
fn without_set_aside_clauses(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let parts = clauses(text);
    let mut kept = String::new();
    let mut dropped = false;
    for &(start, end) in &parts {
        let clause = lower[start..end].trim_start();
        let offset = start + (lower[start..end].len() - clause.len());
        let (clause, offset) = OPENERS
            .iter()
            .find_map(|o| clause.strip_prefix(o).map(|rest| (rest, offset + o.len())))
            .unwrap_or((clause, offset));
        // "no ladder please, just the median": a "no" asked politely declines something.
        let declined = clause.starts_with("no ")
            && ["please", "pls", "plz", "thanks", "thx"].iter().any(|p| {
                clause
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == *p)
            });
        if declined || NOT_WANTED.iter().any(|n| clause.starts_with(n)) {
            dropped = true;
            continue;
        }
        if ROLE_PLAY.iter().any(|r| clause.starts_with(r)) {
            dropped = true;
            if let Some(and) = clause.find(" and ") {
                kept.push_str(&text[offset + and + " and ".len()..end]);
                kept.push(' ');
            }
            continue;
        }
        kept.push_str(&text[start..end]);
    }
    let kept = kept.trim().to_string();
    if dropped && kept.split_whitespace().count() >= 2 {
        kept
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{what_is_asked, FORM_PHRASES};

    /// What the message says about the reply's form is not asked (authored cases).
    #[test]
    fn the_form_asked_for_is_not_the_question() {
        let cases = [
            ("summarise the pay ladder in 3 bullets", "the pay ladder"),
            (
                "eli5 what a staff engineer does",
                "what a staff engineer does",
            ),
            (
                "TL;DR: which certs do the guides list?",
                "which certs do the guides list?",
            ),
            (
                "list the entry routes, according to the guides",
                "the entry routes,",
            ),
            (
                "explain like I'm five what an API is",
                "explain what an API is",
            ),
            (
                "in two sentences, what does a junior do?",
                "what does a junior do?",
            ),
            (
                "what does a staff engineer do, in a sentence or two?",
                "what does a staff engineer do, ?",
            ),
            // Kept as written: nothing but the form, or words that only look like it.
            ("summarise", "summarise"),
            (
                "is a bullet list of projects enough?",
                "is a bullet list of projects enough?",
            ),
            (
                "what do seniors do in one year?",
                "what do seniors do in one year?",
            ),
        ];
        for (message, asked) in cases {
            assert_eq!(what_is_asked(message), asked, "{message}");
        }
    }

    #[test]
    fn a_form_phrase_comes_before_the_shorter_ones_it_starts_with() {
        for (at, phrase) in FORM_PHRASES.iter().enumerate() {
            for earlier in &FORM_PHRASES[..at] {
                assert!(
                    !phrase.starts_with(&format!("{earlier} ")),
                    "{phrase:?} comes after {earlier:?}, which would leave its tail"
                );
            }
        }
    }

    #[test]
    fn what_a_message_sets_aside_is_not_asked() {
        let cases = [
            // Dismissed asides.
            (
                "my cat just knocked my coffee over lol. anyway what do mid level backend devs earn",
                "what do mid level backend devs earn",
            ),
            (
                "I know the guides don't cover Europe, but what's the US median for backend?",
                "what's the US median for backend?",
            ),
            (
                "my refund is stuck (ugh) but more importantly, which projects should I build?",
                "which projects should I build?",
            ),
            (
                "setting the visa question aside for now, which entry routes do the guides list?",
                "which entry routes do the guides list?",
            ),
            // What the asker already knows, granted before the question.
            (
                "I know juniors start around 105k, but what does the next level up pay?",
                "what does the next level up pay?",
            ),
            (
                "i've heard the market is rough but which projects actually get callbacks?",
                "which projects actually get callbacks?",
            ),
            // …unless the question is about what was granted.
            (
                "I know Python, but is it any good for backend jobs?",
                "I know Python, but is it any good for backend jobs?",
            ),
            // A restatement after the sentence it restates.
            (
                "Wie viel verdient ein Senior? I mean how much does a senior earn?",
                "how much does a senior earn?",
            ),
            // What is not wanted.
            (
                "not the salary, the skills. what do i actually need to know",
                "the skills. what do i actually need to know",
            ),
            (
                "don't tell me about pay, what's the actual day like",
                "what's the actual day like",
            ),
            (
                "I don't need the pay bands, I need the interview prep bit",
                "I need the interview prep bit",
            ),
            (
                "no ladder please, just the single median number",
                "just the single median number",
            ),
            // A part to play.
            (
                "pretend you're my mentor and tell me what to learn first",
                "tell me what to learn first",
            ),
            (
                "roleplay as my career coach. where can backend take me long term?",
                "where can backend take me long term?",
            ),
            // Nothing set aside: as written.
            (
                "no experience, how do I land a first backend role",
                "no experience, how do I land a first backend role",
            ),
            (
                "not sure if I should learn Go or Java first?",
                "not sure if I should learn Go or Java first?",
            ),
            (
                "I know Python but not Java, can I get a backend job?",
                "I know Python but not Java, can I get a backend job?",
            ),
            ("not the salary", "not the salary"),
            ("anyway", "anyway"),
        ];
        for (message, asked) in cases {
            assert_eq!(what_is_asked(message), asked, "{message}");
        }
    }
}

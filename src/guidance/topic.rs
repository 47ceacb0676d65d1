//! What part of the guides a question is about, when its words say so more reliably than its
//! meaning: the next rung after a level ("what comes after senior?" is about the rung above, not
//! the senior one its words name), moving to another role, getting in, security, remote work,
//! jobs. Each topic names the sections (or rungs) that answer it; ranking puts those first.
//!
//! The cue phrases are authored for careerbot, matched as whole words after lowercasing.

use crate::content::model::Level;

/// Where the answer to a topic lives.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A guide section by its key (`next`, `entry`, `skills`…).
    Section(&'static str),
    /// The rungs covering a level.
    Rung(Level),
}

/// Words that, before a level, ask what comes after it.
const AFTER_LEVEL: &[&str] = &[
    "after",
    "beyond",
    "above",
    "past",
    "next after",
    "promotion from",
    "promoted from",
    "up from",
    "promotion after",
    "step up from",
    "grow from",
    "moving up from",
];
/// Words that ask for the next step without naming what comes first.
const NEXT_STEP: &[&str] = &[
    "next step",
    "next title",
    "next level",
    "next rung",
    "next role",
    "what comes after",
    "career progression",
    "promotion",
    "get promoted",
    "move up",
    "climb the ladder",
];
/// Leaving backend for a neighbouring role.
const PIVOT: &[&str] = &[
    "pivot",
    "pivots",
    "switch to",
    "switch into",
    "transition to",
    "transition into",
    "move into",
    "move to",
    "go into",
    "moving to",
    "moving into",
    "other roles",
    "other jobs",
    "career change",
    "change careers",
    "career switch",
    "carrer switch",
    "switch careers",
    "leave backend",
    "instead of backend",
    "branch out",
    "later on",
];
/// Getting a first backend job.
const ENTRY: &[&str] = &[
    "first job",
    "first role",
    "first backend",
    "break into",
    "get into backend",
    "get started",
    "no experience",
    "without experience",
    "without a degree",
    "no degree",
    "land a",
    "land my",
    "get hired",
    "getting hired",
    "self-taught",
    "self taught",
    "career changer",
    "from scratch",
    "how do i start",
    "how to start",
    "bootcamp",
];
const SECURITY: &[&str] = &[
    "security",
    "secure",
    "auth",
    "authentication",
    "authorization",
    "authorisation",
    "oauth",
    "jwt",
    "owasp",
    "appsec",
    "vulnerabilities",
    "encryption",
];
const JOBS: &[&str] = &[
    "hiring",
    "openings",
    "open positions",
    "job openings",
    "how many jobs",
    "job market",
    "who hires",
    "companies hire",
    "employers",
    "job postings",
];

fn level_named(word: &str) -> Option<Level> {
    Level::parse(word)
}

fn next_level(level: Level) -> Option<Level> {
    let at = Level::ALL.iter().position(|l| *l == level)?;
    Level::ALL.get(at + 1).copied()
}

/// The question as space-separated lowercase words with a space at each end.
fn words(text: &str) -> String {
    let cleaned: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    format!(
        " {} ",
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn has(question: &str, cues: &[&str]) -> bool {
    cues.iter()
        .any(|cue| question.contains(&format!(" {cue} ")))
}

/// The level a question asks to go beyond: "after senior", "promotion from mid".
fn level_after(question: &str) -> Option<Level> {
    let words: Vec<&str> = question.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let Some(level) = level_named(word) else {
            continue;
        };
        // A cue within the three words before the level ("after being a senior").
        let before = words[i.saturating_sub(4)..i].join(" ");
        let before = format!(" {before} ");
        if AFTER_LEVEL
            .iter()
            .any(|cue| before.contains(&format!(" {cue} ")))
        {
            return Some(level);
        }
    }
    None
}

/// Where the answer to a question lives, best first; empty when its words name no topic.
pub fn targets(question: &str) -> Vec<Target> {
    let question = words(question);
    let mut targets = Vec::new();
    if let Some(level) = level_after(&question) {
        if let Some(next) = next_level(level) {
            targets.push(Target::Rung(next));
        }
        targets.push(Target::Section("next"));
    } else if has(&question, NEXT_STEP) {
        targets.push(Target::Section("next"));
    }
    if has(&question, PIVOT) {
        targets.push(Target::Section("next"));
    }
    if has(&question, ENTRY) {
        targets.push(Target::Section("entry"));
    }
    if has(&question, SECURITY) {
        targets.push(Target::Section("skills"));
    }
    if has(&question, JOBS) {
        targets.push(Target::Section("positions"));
    }
    targets.dedup();
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_reach_the_part_that_answers_them() {
        let cases: &[(&str, &[Target])] = &[
            (
                "what's the next step after senior?",
                &[Target::Rung(Level::Lead), Target::Section("next")],
            ),
            (
                "promotion from mid level?",
                &[Target::Rung(Level::Senior), Target::Section("next")],
            ),
            ("could I pivot to SRE later on?", &[Target::Section("next")]),
            (
                "no experience, how do I land a first backend role",
                &[Target::Section("entry")],
            ),
            (
                "which auth/security topics matter?",
                &[Target::Section("skills")],
            ),
            (
                "who is hiring backend engineers?",
                &[Target::Section("positions")],
            ),
            ("what does a senior earn?", &[]),
            ("what is a backend engineer", &[]),
        ];
        for (question, expected) in cases {
            assert_eq!(targets(question), *expected, "{question}");
        }
    }
}

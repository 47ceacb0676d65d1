//! Autocomplete for every option whose values come from content or a fixed list: `/faq question`
//! (FAQ questions and guide headings), `/interview start question` (the bank's prompts), the
//! `role` and `name` options (role names and aliases) and fixed choices (level, section, kind,
//! difficulty, command).
//!
//! Matching is on the words as written, not the index's stems: what someone is typing is a
//! prefix of a word ("sal" of "salary"), which the index cannot see once "salary" is stemmed
//! and folded into its synonym group. Every finished word must match a word of the suggestion
//! (exactly, as the same analyzed term, e.g. "pay" for "salary", or within its typo budget);
//! the word being typed may be a prefix, with one typo from four letters. When no suggestion has
//! every word, those with the most words are offered. At most 25 (Discord's limit), names and
//! values at most 100 characters.

use std::collections::HashSet;

use crate::app::App;
use crate::commands::Focused;
use crate::error::Result;
use crate::reply::{truncate_chars, Choice};
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;

use super::vocabulary::words;

/// Discord's limits for autocomplete.
pub const MAX_CHOICES: usize = 25;
pub const MAX_NAME: usize = 100;

/// One thing that can be suggested.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// What the user sees.
    pub name: String,
    /// What the option receives.
    pub value: String,
    /// Other texts that should find it (a role's aliases).
    pub also: Vec<String>,
    /// Lower comes first among equally good matches (FAQ questions before headings).
    pub rank: u8,
}

impl Candidate {
    fn plain(text: &str, rank: u8) -> Candidate {
        let text = truncate_chars(text.trim(), MAX_NAME);
        Candidate {
            name: text.clone(),
            value: text,
            also: Vec::new(),
            rank,
        }
    }
}

/// FAQ questions (first), then guide headings: section headings and ladder rung titles.
pub fn faq_candidates(app: &App) -> Vec<Candidate> {
    let mut out = Vec::new();
    for role in &app.catalog.roles {
        for guide in &role.guides {
            out.extend(guide.faq.iter().map(|f| Candidate::plain(&f.question, 0)));
        }
    }
    for role in &app.catalog.roles {
        for guide in &role.guides {
            for section in guide.sections() {
                out.push(Candidate::plain(&section.heading, 1));
            }
            for step in &guide.ladder {
                out.push(Candidate::plain(&step.title, 2));
            }
        }
    }
    dedupe(out)
}

/// The interview bank's prompts.
pub fn question_candidates(app: &App) -> Vec<Candidate> {
    let mut out = Vec::new();
    for role in &app.catalog.roles {
        if let Some(bank) = &role.bank {
            out.extend(
                bank.questions
                    .iter()
                    .map(|q| Candidate::plain(&q.prompt, 0)),
            );
        }
    }
    dedupe(out)
}

/// Roles by name; aliases and ids find them too. The value is the role's id.
pub fn role_candidates(app: &App) -> Vec<Candidate> {
    app.catalog
        .roles
        .iter()
        .map(|role| Candidate {
            name: truncate_chars(&role.name, MAX_NAME),
            value: role.id.clone(),
            also: role
                .aliases
                .iter()
                .cloned()
                .chain([role.id.replace('-', " ")])
                .collect(),
            rank: 0,
        })
        .collect()
}

fn dedupe(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut seen = HashSet::new();
    candidates
        .into_iter()
        .filter(|c| !c.name.is_empty() && seen.insert(c.name.to_lowercase()))
        .collect()
}

/// How a candidate's words answer the typed words.
struct Words {
    raw: Vec<String>,
    terms: HashSet<String>,
}

impl Words {
    fn of(analyzer: &Analyzer, texts: &[&str]) -> Words {
        let mut raw = Vec::new();
        let mut terms = HashSet::new();
        for text in texts {
            raw.extend(words(text).into_iter().map(|(_, _, w)| w));
            terms.extend(analyzer.terms(text));
        }
        Words { raw, terms }
    }

    /// How a finished word of the query matches: its quality (2 for the word itself or the
    /// same analyzed term, e.g. a synonym; 1 for a typo) and the position of the matched word.
    fn find_word(&self, analyzer: &Analyzer, word: &str) -> Option<(u8, usize)> {
        if let Some(i) = self.raw.iter().position(|w| w == word) {
            return Some((EXACT, i));
        }
        let analyzed = analyzer.terms(word);
        if !analyzed.is_empty() && analyzed.iter().all(|t| self.terms.contains(t)) {
            // The same term under another spelling (a synonym or an inflection).
            return Some((EXACT, self.raw.len()));
        }
        let budget = typo_budget(word) as usize;
        if budget == 0 {
            return None;
        }
        self.raw
            .iter()
            .position(|w| edit_distance(word, w, budget) <= budget)
            .map(|i| (TYPO, i))
    }

    /// How the word being typed matches as the beginning of a word (one typo allowed from four
    /// letters), or as a whole word.
    fn find_prefix(&self, analyzer: &Analyzer, prefix: &str) -> Option<(u8, usize)> {
        if let Some(i) = self.raw.iter().position(|w| w.starts_with(prefix)) {
            return Some((EXACT, i));
        }
        // A whole word typed without a trailing space still counts as a word ("pay").
        if let Some(found) = self.find_word(analyzer, prefix) {
            return Some(found);
        }
        let length = prefix.chars().count();
        if length < 4 {
            return None;
        }
        self.raw
            .iter()
            .position(|w| {
                let head: String = w.chars().take(length).collect();
                edit_distance(prefix, &head, 1) <= 1
            })
            .map(|i| (TYPO, i))
    }
}

/// Match qualities.
const EXACT: u8 = 2;
const TYPO: u8 = 1;

/// A candidate's match: words matched, whether all were, whether without typos, their quality, its rank (FAQ questions
/// before headings), and how early the first match is.
type Score = (usize, bool, bool, u32, u8, usize);

/// The suggestions for `partial` among `candidates`, best first, at most 25. Equal candidates
/// keep their order (the content's order; with nothing typed, everything in that order).
pub fn rank(analyzer: &Analyzer, partial: &str, candidates: &[Candidate]) -> Vec<Choice> {
    let typed: Vec<String> = words(partial).into_iter().map(|(_, _, w)| w).collect();
    let finished_last = partial.ends_with(|c: char| !c.is_alphanumeric());
    let mut scored: Vec<(Score, &Candidate)> = Vec::new();
    for candidate in candidates {
        let mut texts: Vec<&str> = vec![&candidate.name];
        texts.extend(candidate.also.iter().map(String::as_str));
        let words = Words::of(analyzer, &texts);
        let mut matched = 0;
        let mut needed = 0;
        let mut quality = 0;
        let mut typos = false;
        let mut first = usize::MAX;
        for (i, word) in typed.iter().enumerate() {
            let is_last = i + 1 == typed.len();
            let found = if is_last && !finished_last {
                words.find_prefix(analyzer, word)
            } else {
                words.find_word(analyzer, word)
            };
            // Stop words ("what", "is") need not match, but count when they do.
            let counts = !analyzer.terms(word).is_empty() || (is_last && !finished_last);
            if counts {
                needed += 1;
            }
            if let Some((q, position)) = found {
                if counts {
                    matched += 1;
                }
                quality += u32::from(q);
                typos |= q == TYPO;
                first = first.min(position);
            }
        }
        if needed > 0 && matched == 0 {
            continue;
        }
        let score = (
            matched,
            matched == needed,
            !typos,
            quality,
            u8::MAX - candidate.rank,
            usize::MAX - first,
        );
        scored.push((score, candidate));
    }
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    // When some suggestions have every word, offer only those; when some have every word as
    // typed, drop the ones that needed a typo ("cach" is "cache", not "each").
    let all_matched = scored.iter().any(|(s, _)| s.1);
    let all_exact = scored.iter().any(|(s, _)| s.1 && s.2);
    scored
        .into_iter()
        .filter(|(s, _)| (!all_matched || s.1) && (!all_exact || s.2))
        .take(MAX_CHOICES)
        .map(|(_, c)| Choice {
            name: truncate_chars(&c.name, MAX_NAME),
            value: truncate_chars(&c.value, MAX_NAME),
        })
        .collect()
}

/// Suggestions for the option being typed.
pub fn autocomplete(app: &App, focused: &Focused) -> Result<Vec<Choice>> {
    let analyzer = app.search.analyzer();
    let option = focused.option;
    let candidates = if !option.choices.is_empty() {
        option
            .choices
            .iter()
            .map(|c| Candidate::plain(c, 0))
            .collect()
    } else {
        match (focused.command.name, option.name) {
            ("faq", "question") => faq_candidates(app),
            ("interview", "question") => question_candidates(app),
            (_, "role") | ("role", "name") => role_candidates(app),
            _ => Vec::new(),
        }
    };
    Ok(rank(analyzer, &focused.partial, &candidates))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::SynonymsFile;

    fn analyzer() -> Analyzer {
        Analyzer::new(&SynonymsFile {
            note: None,
            groups: vec![vec!["pay".into(), "salary".into(), "earn".into()]],
        })
    }

    fn candidates() -> Vec<Candidate> {
        vec![
            Candidate::plain("What is a backend engineer?", 0),
            Candidate::plain("What is the backend engineer salary in 2026?", 0),
            Candidate::plain("What are the best backend languages to learn?", 0),
            Candidate::plain("Median Salary", 1),
            Candidate::plain("Certifications", 1),
            Candidate::plain("Senior Back End Engineer", 2),
        ]
    }

    #[test]
    fn prefixes_typos_and_synonyms_find_suggestions() {
        let a = analyzer();
        let c = candidates();
        let cases: &[(&str, &str)] = &[
            ("sal", "What is the backend engineer salary in 2026?"),
            ("salry", "What is the backend engineer salary in 2026?"),
            ("pay", "What is the backend engineer salary in 2026?"),
            (
                "what do engineers earn",
                "What is the backend engineer salary in 2026?",
            ),
            ("lang", "What are the best backend languages to learn?"),
            ("langauges", "What are the best backend languages to learn?"),
            ("cert", "Certifications"),
            ("certfi", "Certifications"),
            ("senior back", "Senior Back End Engineer"),
            ("what is a backend", "What is a backend engineer?"),
        ];
        for (partial, expected) in cases {
            let got = rank(&a, partial, &c);
            assert_eq!(
                got.first().map(|c| c.name.as_str()),
                Some(*expected),
                "{partial}: {got:?}"
            );
        }
        assert!(rank(&a, "zzzz", &c).is_empty());
    }

    #[test]
    fn empty_input_offers_everything_in_order_within_limits() {
        let a = analyzer();
        let got = rank(&a, "", &candidates());
        assert_eq!(got.len(), candidates().len());
        assert_eq!(got[0].name, "What is a backend engineer?");
        let many: Vec<Candidate> = (0..40)
            .map(|i| Candidate::plain(&format!("question {i} {}", "x".repeat(150)), 0))
            .collect();
        let got = rank(&a, "quest", &many);
        assert_eq!(got.len(), MAX_CHOICES);
        assert!(got
            .iter()
            .all(|c| c.name.chars().count() <= MAX_NAME && c.value.chars().count() <= MAX_NAME));
    }
}

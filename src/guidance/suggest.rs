//! Autocomplete for every option whose values come from content or a fixed list: `/faq question`
//! (FAQ questions, section headings, ladder rungs and list items, found by their own words and
//! by their context: an FAQ answer, a section's text), `/interview start question` (the bank's prompts), the
//! `role` and `name` options (role names and aliases), `level` (the levels by every name the
//! guides and people give them) and fixed choices (section, kind, difficulty, command).
//!
//! Matching is on the words as written, not the index's stems: what someone is typing is a
//! prefix of a word ("sal" of "salary"), which the index cannot see once "salary" is stemmed
//! and folded into its synonym group. Every finished word must match a word of the suggestion
//! (exactly, as the same analyzed term, e.g. "pay" for "salary", or within its typo budget);
//! the word being typed may be a prefix, with one typo from four letters. When no suggestion has
//! every word, those with the most words are offered. At most 25 (Discord's limit), names and
//! values at most 100 characters.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};

use lru::LruCache;

use crate::commands::Focused;
use crate::content::model::{Level, LEVEL_NAMES};
use crate::error::Result;
use crate::library::Library;
use crate::reply::{truncate_chars, Choice};
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;
use crate::store::StaffEntry;

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

/// What `/faq question:` suggests: the content itself, not only its titles. FAQ questions first
/// (found by the words of their answers too, so "remote" finds the salary question whose answer
/// names remote jobs), then section headings (found by their text: "degree" finds "Entry
/// routes"), ladder rung titles (by their focus and pay), then the items of the guides' lists
/// (skills, tools, entry routes, proof projects, certifications). A word in a suggestion's own
/// text counts for more than one in its context (see `Score`).
pub fn faq_candidates(lib: &Library) -> Vec<Candidate> {
    let mut out = Vec::new();
    let with_context = |text: &str, context: Vec<String>, rank: u8| Candidate {
        also: context,
        ..Candidate::plain(text, rank)
    };
    for role in &lib.catalog.roles {
        for guide in &role.guides {
            out.extend(
                guide
                    .faq
                    .iter()
                    .map(|f| with_context(&f.question, vec![f.answer.clone()], 0)),
            );
        }
    }
    for role in &lib.catalog.roles {
        for guide in &role.guides {
            for section in guide.sections() {
                out.push(with_context(&section.heading, vec![section.body], 1));
            }
            for step in &guide.ladder {
                out.push(with_context(
                    &step.title,
                    vec![step.focus.clone(), step.salary.clone()],
                    2,
                ));
            }
        }
    }
    for role in &lib.catalog.roles {
        for guide in &role.guides {
            let lists = [&guide.skills, &guide.tools, &guide.entry, &guide.projects];
            for list in lists.into_iter().flatten() {
                out.extend(list.items.iter().map(|item| Candidate::plain(item, 3)));
            }
            out.extend(
                guide
                    .certifications
                    .iter()
                    .map(|c| with_context(&c.name, c.description.iter().cloned().collect(), 3)),
            );
        }
    }
    dedupe(out)
}

/// How people begin a question, and the word of the content it asks about: "how much" is the
/// guides' "salary" ("much" alone is a stop word, so without this "how much" finds nothing).
/// Authored for careerbot, like the synonym list.
const QUESTION_OPENINGS: &[(&str, &str)] = &[("how much", "salary")];

/// The partial question with its opening phrase replaced by the content's word (see
/// [`QUESTION_OPENINGS`]), keeping what follows it.
pub fn with_openings_read(partial: &str) -> String {
    let lower = partial.to_lowercase();
    for (opening, word) in QUESTION_OPENINGS {
        if let Some(at) = lower.find(opening) {
            let end = at + opening.len();
            let follows_a_word_boundary = lower[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let starts_a_word = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if follows_a_word_boundary && starts_a_word {
                return format!("{}{word}{}", &partial[..at], &partial[end..]);
            }
        }
    }
    partial.to_string()
}

/// The interview bank's prompts.
pub fn question_candidates(lib: &Library) -> Vec<Candidate> {
    let mut out = Vec::new();
    for role in &lib.catalog.roles {
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

/// The levels, each named with what the guides call its rung ("principal — Principal Engineer
/// or Engineering Manager · Principal/Staff"), and found by any of its names ("staff", "sr",
/// "entry", "new grad"). The value is the level (`Level::parse` reads every name too).
pub fn level_candidates(lib: &Library) -> Vec<Candidate> {
    Level::ALL
        .into_iter()
        .map(|level| {
            let mut guide_names: Vec<&str> = Vec::new();
            let mut also: Vec<String> = Vec::new();
            for role in &lib.catalog.roles {
                for guide in &role.guides {
                    for step in guide.ladder.iter().filter(|s| s.levels.contains(&level)) {
                        let name = step.label.as_deref().unwrap_or(&step.title);
                        if !guide_names.contains(&name) {
                            guide_names.push(name);
                        }
                        also.push(step.title.clone());
                    }
                }
            }
            also.extend(
                LEVEL_NAMES
                    .iter()
                    .filter(|(l, _)| *l == level)
                    .flat_map(|(_, names)| names.iter().map(|n| n.to_string())),
            );
            let name = if guide_names.is_empty() {
                level.as_str().to_string()
            } else {
                format!("{} — {}", level.as_str(), guide_names.join(" · "))
            };
            Candidate {
                name: truncate_chars(&name, MAX_NAME),
                value: level.as_str().to_string(),
                also,
                rank: 0,
            }
        })
        .collect()
}

/// Roles by name; aliases and ids find them too. The value is the role's id.
pub fn role_candidates(lib: &Library) -> Vec<Candidate> {
    lib.catalog
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

/// How a candidate's words answer the typed words. The first text is the candidate's own (what
/// the user sees); the rest is context.
struct Words {
    raw: Vec<String>,
    terms: HashSet<String>,
    /// How many of `raw` are the candidate's own words (they come first).
    own_words: usize,
    /// The analyzed terms of its own words.
    own_terms: HashSet<String>,
}

/// Where a typed word was found: its quality (`EXACT` or `TYPO`), the position of the word it
/// matched, and whether that word is the candidate's own rather than its context.
type Found = (u8, usize, bool);

/// A typed word with its analysis done once per keystroke, not once per candidate.
struct Typed {
    word: String,
    terms: Vec<String>,
    budget: usize,
    /// Characters in `word`.
    length: usize,
}

impl Typed {
    fn of(analyzer: &Analyzer, word: String) -> Typed {
        Typed {
            terms: analyzer.terms(&word),
            budget: typo_budget(&word) as usize,
            length: word.chars().count(),
            word,
        }
    }

    /// `word` is this one misspelt, within its typo budget.
    fn misspells(&self, word: &str) -> bool {
        self.budget > 0 && edit_distance(&self.word, word, self.budget) <= self.budget
    }

    /// `word` begins with this one typed with one typo (from four letters typed).
    fn misspells_the_start_of(&self, word: &str) -> bool {
        if self.length < 4 {
            return false;
        }
        let head: String = word.chars().take(self.length).collect();
        edit_distance(&self.word, &head, 1) <= 1
    }
}

impl Words {
    fn of(analyzer: &Analyzer, texts: &[&str]) -> Words {
        let mut raw = Vec::new();
        let mut terms = HashSet::new();
        let mut own_words = 0;
        let mut own_terms = HashSet::new();
        for (i, text) in texts.iter().enumerate() {
            raw.extend(words(text).into_iter().map(|(_, _, w)| w));
            let analyzed = analyzer.terms(text);
            if i == 0 {
                own_words = raw.len();
                own_terms.extend(analyzed.iter().cloned());
            }
            terms.extend(analyzed);
        }
        Words {
            raw,
            terms,
            own_words,
            own_terms,
        }
    }

    fn at(&self, quality: u8, position: usize) -> Found {
        (quality, position, position < self.own_words)
    }

    /// How a finished word of the query matches: its quality (2 for the word itself or the
    /// same analyzed term, e.g. a synonym; 1 for a typo), the position of the matched word, and
    /// whether it is the candidate's own. Its own words are looked at before its context.
    fn find_word(&self, typed: &Typed) -> Option<Found> {
        let word = typed.word.as_str();
        let own = &self.raw[..self.own_words];
        if let Some(i) = own.iter().position(|w| w == word) {
            return Some(self.at(EXACT, i));
        }
        let all_in = |terms: &HashSet<String>| {
            !typed.terms.is_empty() && typed.terms.iter().all(|t| terms.contains(t))
        };
        // The same term under another spelling (a synonym or an inflection): after the words
        // themselves, but still the candidate's own.
        if all_in(&self.own_terms) {
            return Some((EXACT, self.raw.len(), true));
        }
        if let Some(i) = own.iter().position(|w| typed.misspells(w)) {
            return Some(self.at(TYPO, i));
        }
        if let Some(i) = self.raw.iter().position(|w| w == word) {
            return Some(self.at(EXACT, i));
        }
        if all_in(&self.terms) {
            return Some((EXACT, self.raw.len(), false));
        }
        self.raw
            .iter()
            .position(|w| typed.misspells(w))
            .map(|i| self.at(TYPO, i))
    }

    /// How the word being typed matches as the beginning of a word (one typo allowed from four
    /// letters), or as a whole word; the candidate's own words before its context.
    fn find_prefix(&self, typed: &Typed) -> Option<Found> {
        let prefix = typed.word.as_str();
        let own = &self.raw[..self.own_words];
        if let Some(i) = own.iter().position(|w| w.starts_with(prefix)) {
            return Some(self.at(EXACT, i));
        }
        // A whole word typed without a trailing space still counts as a word ("pay").
        if let Some(found) = self.find_word(typed).filter(|f| f.2) {
            return Some(found);
        }
        if let Some(i) = own.iter().position(|w| typed.misspells_the_start_of(w)) {
            return Some(self.at(TYPO, i));
        }
        if let Some(i) = self.raw.iter().position(|w| w.starts_with(prefix)) {
            return Some(self.at(EXACT, i));
        }
        if let Some(found) = self.find_word(typed) {
            return Some(found);
        }
        self.raw
            .iter()
            .position(|w| typed.misspells_the_start_of(w))
            .map(|i| self.at(TYPO, i))
    }
}

/// Match qualities.
const EXACT: u8 = 2;
const TYPO: u8 = 1;

/// A candidate's match: words matched, whether all were, whether without typos, how many were
/// found in its own text rather than its context, their quality, its rank (FAQ questions before
/// headings), and how early the first match is.
type Score = (usize, bool, bool, usize, u32, u8, usize);

/// What was typed, analyzed once.
struct Query {
    typed: Vec<Typed>,
    finished_last: bool,
    /// Per typed word: whether it must match (stop words need not, unless being typed).
    counts: Vec<bool>,
}

impl Query {
    fn of(analyzer: &Analyzer, partial: &str) -> Query {
        let typed: Vec<Typed> = words(partial)
            .into_iter()
            .map(|(_, _, w)| Typed::of(analyzer, w))
            .collect();
        let finished_last = partial.ends_with(|c: char| !c.is_alphanumeric());
        let counts = typed
            .iter()
            .enumerate()
            .map(|(i, t)| !t.terms.is_empty() || (i + 1 == typed.len() && !finished_last))
            .collect();
        Query {
            typed,
            finished_last,
            counts,
        }
    }

    fn is_prefix(&self, i: usize) -> bool {
        i + 1 == self.typed.len() && !self.finished_last
    }

    /// A candidate's score, or None when it matches none of the words that count.
    fn score(&self, words: &Words, rank: u8) -> Option<Score> {
        let mut matched = 0;
        let mut needed = 0;
        let mut own = 0;
        let mut quality = 0;
        let mut typos = false;
        let mut first = usize::MAX;
        for (i, typed) in self.typed.iter().enumerate() {
            let found = if self.is_prefix(i) {
                words.find_prefix(typed)
            } else {
                words.find_word(typed)
            };
            if self.counts[i] {
                needed += 1;
            }
            if let Some((q, position, in_own)) = found {
                if self.counts[i] {
                    matched += 1;
                    own += usize::from(in_own);
                }
                quality += u32::from(q);
                typos |= q == TYPO;
                first = first.min(position);
            }
        }
        if needed > 0 && matched == 0 {
            return None;
        }
        Some((
            matched,
            matched == needed,
            !typos,
            own,
            quality,
            u8::MAX - rank,
            usize::MAX - first,
        ))
    }
}

/// The best of the scored candidates, at most 25. When some have every word, only those are
/// offered; when some have every word as typed, the ones that needed a typo are dropped ("cach"
/// is "cache", not "each"). Equal scores keep the candidates' order.
fn best(scored: Vec<(Score, &Candidate)>) -> Vec<Choice> {
    let all_matched = scored.iter().any(|(s, _)| s.1);
    let all_exact = scored.iter().any(|(s, _)| s.1 && s.2);
    // Best score first, then the candidates' order: a total order, so choosing the first 25
    // and sorting only those gives what sorting everything would, without sorting thousands.
    let mut kept: Vec<(std::cmp::Reverse<Score>, usize, &Candidate)> = scored
        .into_iter()
        .enumerate()
        .filter(|(_, (s, _))| (!all_matched || s.1) && (!all_exact || s.2))
        .map(|(order, (score, candidate))| (std::cmp::Reverse(score), order, candidate))
        .collect();
    let key = |entry: &(std::cmp::Reverse<Score>, usize, &Candidate)| (entry.0, entry.1);
    if kept.len() > MAX_CHOICES {
        kept.select_nth_unstable_by_key(MAX_CHOICES - 1, key);
        kept.truncate(MAX_CHOICES);
    }
    kept.sort_unstable_by_key(key);
    kept.into_iter()
        .map(|(_, _, c)| Choice {
            name: truncate_chars(&c.name, MAX_NAME),
            value: truncate_chars(&c.value, MAX_NAME),
        })
        .collect()
}

/// The suggestions for `partial` among `candidates`, best first, at most 25. Equal candidates
/// keep their order (the content's order; with nothing typed, everything in that order).
pub fn rank(analyzer: &Analyzer, partial: &str, candidates: &[Candidate]) -> Vec<Choice> {
    let query = Query::of(analyzer, partial);
    let scored = candidates
        .iter()
        .filter_map(|candidate| {
            let mut texts: Vec<&str> = vec![&candidate.name];
            texts.extend(candidate.also.iter().map(String::as_str));
            let words = Words::of(analyzer, &texts);
            query
                .score(&words, candidate.rank)
                .map(|score| (score, candidate))
        })
        .collect();
    best(scored)
}

/// A candidate list analyzed once per content version, with postings from each word and each
/// analyzed term to the candidates holding it. A keystroke then scores only the candidates that
/// hold a typed word, as written or as a prefix, instead of analyzing every candidate again (at
/// 1,000 role guides that scan cost about 45 ms per keystroke).
pub struct Suggester {
    candidates: Vec<Candidate>,
    words: Vec<Words>,
    /// Every distinct word, sorted (prefixes are ranges), with the candidates holding it.
    by_word: BTreeMap<String, Vec<u32>>,
    by_term: HashMap<String, Vec<u32>>,
    /// Suggestions already worked out, by what was typed (see [`typed_key`]). Everyone typing
    /// a question passes through the same first letters ("s", "sa", "sal"), and those short
    /// prefixes are the dearest to rank at scale (they match most of the list), so each is
    /// ranked once per content version. Bounded; least recently used out.
    answered: Mutex<LruCache<String, Arc<[Choice]>>>,
}

/// At most this many typed texts' suggestions are kept per list (a few hundred kB).
const ANSWERED: usize = 4096;

impl Suggester {
    pub fn new(analyzer: &Analyzer, candidates: Vec<Candidate>) -> Suggester {
        let mut by_word: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut by_term: HashMap<String, Vec<u32>> = HashMap::new();
        let mut all_words = Vec::with_capacity(candidates.len());
        for (id, candidate) in candidates.iter().enumerate() {
            let mut texts: Vec<&str> = vec![&candidate.name];
            texts.extend(candidate.also.iter().map(String::as_str));
            let words = Words::of(analyzer, &texts);
            let id = id as u32;
            for word in &words.raw {
                let ids = by_word.entry(word.clone()).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            for term in &words.terms {
                by_term.entry(term.clone()).or_default().push(id);
            }
            all_words.push(words);
        }
        Suggester {
            candidates,
            words: all_words,
            by_word,
            by_term,
            answered: Mutex::new(LruCache::new(
                NonZeroUsize::new(ANSWERED).expect("not zero"),
            )),
        }
    }

    /// Candidates holding `typed` exactly: the word itself (or, being typed, a word it begins),
    /// or all its analyzed terms. Sorted, without duplicates.
    fn exact_ids(&self, typed: &Typed, prefix: bool) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::new();
        if prefix {
            for (word, holders) in self.by_word.range(typed.word.clone()..) {
                if !word.starts_with(typed.word.as_str()) {
                    break;
                }
                ids.extend(holders);
            }
        } else if let Some(holders) = self.by_word.get(&typed.word) {
            ids.extend(holders);
        }
        if let Some((first, rest)) = typed.terms.split_first() {
            let mut common: Vec<u32> = self.by_term.get(first).cloned().unwrap_or_default();
            for term in rest {
                let holders = self.by_term.get(term).map(Vec::as_slice).unwrap_or(&[]);
                common.retain(|id| holders.binary_search(id).is_ok());
            }
            ids.extend(common);
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The suggestions for `partial`, exactly as `rank` would give them over the same list.
    /// A text typed before (the same words, the last one finished or not) is answered from
    /// what was worked out then: the list cannot change under a suggester.
    pub fn suggest(&self, analyzer: &Analyzer, partial: &str) -> Vec<Choice> {
        let key = typed_key(partial);
        if let Some(found) = lock(&self.answered).get(&key) {
            return found.to_vec();
        }
        let choices = self.rank(analyzer, partial);
        lock(&self.answered).put(key, choices.clone().into());
        choices
    }

    fn rank(&self, analyzer: &Analyzer, partial: &str) -> Vec<Choice> {
        let query = Query::of(analyzer, partial);
        let counted: Vec<usize> = (0..query.typed.len())
            .filter(|&i| query.counts[i])
            .collect();
        if !counted.is_empty() {
            // Candidates with every counting word as typed. When there are any, they are the
            // answer (see `best`): the typo-tolerant comparison with every candidate is skipped.
            let mut holders: Option<Vec<u32>> = None;
            for &i in &counted {
                let ids = self.exact_ids(&query.typed[i], query.is_prefix(i));
                holders = Some(match holders {
                    None => ids,
                    Some(mut so_far) => {
                        so_far.retain(|id| ids.binary_search(id).is_ok());
                        so_far
                    }
                });
            }
            let holders = holders.unwrap_or_default();
            let scored: Vec<(Score, &Candidate)> = holders
                .iter()
                .filter_map(|&id| {
                    let id = id as usize;
                    let candidate = &self.candidates[id];
                    query
                        .score(&self.words[id], candidate.rank)
                        .map(|score| (score, candidate))
                })
                .collect();
            if scored.iter().any(|(s, _)| s.1 && s.2) {
                return best(scored);
            }
        }
        if counted.is_empty() {
            // Only stop words: every candidate is in the running.
            let scored = self
                .candidates
                .iter()
                .zip(&self.words)
                .filter_map(|(c, words)| query.score(words, c.rank).map(|score| (score, c)))
                .collect();
            return best(scored);
        }
        // A typo or a partial match: the candidates holding any counting word as typed or within
        // its typo budget. The typo comparison runs once per distinct word of the list, not once
        // per word of every candidate.
        let mut ids: Vec<u32> = Vec::new();
        for &i in &counted {
            let typed = &query.typed[i];
            let prefix = query.is_prefix(i);
            ids.extend(self.exact_ids(typed, prefix));
            for (word, holders) in &self.by_word {
                if typed.misspells(word) || (prefix && typed.misspells_the_start_of(word)) {
                    ids.extend(holders);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let scored = ids
            .iter()
            .filter_map(|&id| {
                let candidate = &self.candidates[id as usize];
                query
                    .score(&self.words[id as usize], candidate.rank)
                    .map(|score| (score, candidate))
            })
            .collect();
        best(scored)
    }
}

/// What decides a text's suggestions: its words, lowercased, and whether the last is finished.
fn typed_key(partial: &str) -> String {
    let mut key: String = words(partial)
        .into_iter()
        .map(|(_, _, w)| w)
        .collect::<Vec<_>>()
        .join(" ");
    if partial.ends_with(|c: char| !c.is_alphanumeric()) {
        key.push(' ');
    }
    key
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding it leaves only a half-updated memo of pure results: still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The suggester of one candidate list, built once per content version (kept by the library).
fn shared(
    lib: &Library,
    list: &'static str,
    build: fn(&Library) -> Vec<Candidate>,
) -> Arc<Suggester> {
    lib.suggester(list, |lib| {
        Suggester::new(lib.search.analyzer(), build(lib))
    })
}

/// A server's own entries that match what is typed (every one, oldest first, when nothing is).
fn staff_choices(analyzer: &Analyzer, staff: &[StaffEntry], partial: &str) -> Vec<Choice> {
    if staff.is_empty() {
        return Vec::new();
    }
    if partial.trim().is_empty() {
        return staff
            .iter()
            .take(25)
            .map(|e| Choice {
                name: truncate_chars(&e.question, 100),
                value: truncate_chars(&e.question, 100),
            })
            .collect();
    }
    let candidates: Vec<Candidate> = staff
        .iter()
        .map(|e| Candidate::plain(&e.question, 0))
        .collect();
    rank(analyzer, partial, &candidates)
}

/// Suggestions for the option being typed.
pub fn autocomplete(lib: &Library, focused: &Focused, staff: &[StaffEntry]) -> Result<Vec<Choice>> {
    let analyzer = lib.search.analyzer();
    let option = focused.option;
    if !option.choices.is_empty() {
        let candidates: Vec<Candidate> = option
            .choices
            .iter()
            .map(|c| Candidate::plain(c, 0))
            .collect();
        return Ok(rank(analyzer, &focused.partial, &candidates));
    }
    let suggester = match (focused.command.name, option.name) {
        ("faq", "question") => {
            let suggester = shared(lib, "faq", faq_candidates);
            let partial = with_openings_read(&focused.partial);
            // The server's own entries first: few, so matched on the spot, never shared.
            let mut choices = staff_choices(analyzer, staff, &partial);
            for choice in suggester.suggest(analyzer, &partial) {
                if choices.len() < 25 && !choices.iter().any(|c| c.value == choice.value) {
                    choices.push(choice);
                }
            }
            return Ok(choices);
        }
        ("admin", "question") => {
            return Ok(staff_choices(analyzer, staff, &focused.partial));
        }
        (_, "level") => shared(lib, "level", level_candidates),
        ("interview", "question") => shared(lib, "question", question_candidates),
        (_, "role") | ("role", "name") => shared(lib, "role", role_candidates),
        _ => return Ok(Vec::new()),
    };
    Ok(suggester.suggest(analyzer, &focused.partial))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::with_synonyms(&[&["pay", "salary", "earn"]])
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

    /// The postings-backed suggester gives exactly what the plain ranking gives, whether the
    /// shortcut applies (every word as typed) or not (typos, partial matches, stop words).
    #[test]
    fn the_suggester_agrees_with_the_plain_ranking() {
        let a = analyzer();
        let mut list = candidates();
        list.push(Candidate {
            name: "Backend Engineer".into(),
            value: "backend-engineer".into(),
            also: vec!["server side developer".into(), "backend dev".into()],
            rank: 0,
        });
        list.extend(
            (0..30).map(|i| Candidate::plain(&format!("Salary band {i} for engineers"), 1)),
        );
        let suggester = Suggester::new(&a, list.clone());
        let partials = [
            "",
            " ",
            "s",
            "sal",
            "salry",
            "salary ",
            "pay",
            "earn",
            "what",
            "what is",
            "what is ",
            "what is a backend",
            "what do engineers earn",
            "lang",
            "langauges",
            "cert",
            "certfi",
            "senior back",
            "senior back ",
            "server si",
            "dev",
            "backend dev",
            "band 1",
            "engineers salary band",
            "zzzz",
            "the",
            "the ",
            "a b c",
            "medain salary",
        ];
        // Twice over: the second pass is answered from what the first worked out, and texts
        // that differ only in case or separators ("Salary " after "salary ") share an answer.
        for round in 0..2 {
            for partial in partials {
                let partial = if round == 0 {
                    partial.to_string()
                } else {
                    partial.to_uppercase().replace(' ', "  ")
                };
                assert_eq!(
                    suggester.suggest(&a, &partial),
                    rank(&a, &partial, &list),
                    "{partial:?}"
                );
            }
        }
    }

    #[test]
    fn question_openings_are_read_as_the_contents_word() {
        let cases = [
            ("how much", "salary"),
            ("How much do seniors", "salary do seniors"),
            ("so how much ", "so salary "),
            ("how muc", "how muc"),
            ("how muchness", "how muchness"),
            ("somehow much", "somehow much"),
            ("certif", "certif"),
            ("", ""),
        ];
        for (typed, read) in cases {
            assert_eq!(with_openings_read(typed), read, "{typed:?}");
        }
    }

    /// A word in a suggestion's own text beats the same word in another's context ("certif"
    /// finds "Certifications" before the FAQ whose answer says "earn certifications"), and
    /// context still finds what titles alone would miss.
    #[test]
    fn own_words_come_before_context() {
        let a = analyzer();
        let faq = Candidate {
            also: vec!["Build projects and earn certifications.".into()],
            ..Candidate::plain("How do I get hired?", 0)
        };
        let list = vec![faq, Candidate::plain("Certifications", 1)];
        let names = |typed: &str| -> Vec<String> {
            rank(&a, typed, &list).into_iter().map(|c| c.name).collect()
        };
        assert_eq!(names("certif"), ["Certifications", "How do I get hired?"]);
        assert_eq!(names("projects"), ["How do I get hired?"]);
        assert_eq!(names("hired"), ["How do I get hired?"]);
        let suggester = Suggester::new(&a, list.clone());
        for typed in ["certif", "projects", "proj", "hired", "certifcations", ""] {
            assert_eq!(
                suggester.suggest(&a, typed),
                rank(&a, typed, &list),
                "{typed:?}"
            );
        }
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

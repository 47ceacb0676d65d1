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

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::num::NonZeroUsize;
use std::ops::Range;
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

/// The distinct words and analyzed terms of a candidate list. Candidates hold theirs as ids, and
/// a keystroke resolves each typed word against this once: comparing ids instead of strings, and
/// deciding whether a word is a typo once per distinct word instead of once per occurrence, is
/// what keeps a short prefix cheap when it matches most of a 10,000-guide list.
struct Vocabulary {
    /// Every distinct word, sorted: a word's id is its place, so the words a prefix begins are
    /// one range of ids.
    words: Vec<String>,
    /// Each word's length in characters: a typo is at most a typo budget longer or shorter.
    lengths: Vec<usize>,
    terms: HashMap<String, u32>,
}

impl Vocabulary {
    fn word(&self, word: &str) -> Option<u32> {
        let at = self.words.binary_search_by(|w| w.as_str().cmp(word)).ok()?;
        Some(at as u32)
    }

    /// The ids of the words that begin with `prefix`.
    fn beginning(&self, prefix: &str) -> Range<u32> {
        let start = self.words.partition_point(|w| w.as_str() < prefix);
        let length = self.words[start..].partition_point(|w| w.starts_with(prefix));
        start as u32..(start + length) as u32
    }
}

/// The id of `key`: the one it was given, or the next.
fn number(ids: &mut HashMap<String, u32>, key: String) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

/// A candidate's words as written, its own first and then its context's, with their analyzed
/// terms: what [`Words`] holds before the list's words are numbered.
struct Spelled {
    raw: Vec<String>,
    own_words: usize,
    terms: HashSet<String>,
    own_terms: HashSet<String>,
}

impl Spelled {
    /// The first text is the candidate's own (what the user sees); the rest is context.
    fn of(analyzer: &Analyzer, candidate: &Candidate) -> Spelled {
        let texts = std::iter::once(&candidate.name).chain(&candidate.also);
        let mut spelled = Spelled {
            raw: Vec::new(),
            own_words: 0,
            terms: HashSet::new(),
            own_terms: HashSet::new(),
        };
        for (i, text) in texts.enumerate() {
            spelled
                .raw
                .extend(words(text).into_iter().map(|(_, _, w)| w));
            let analyzed = analyzer.terms(text);
            if i == 0 {
                spelled.own_words = spelled.raw.len();
                spelled.own_terms.extend(analyzed.iter().cloned());
            }
            spelled.terms.extend(analyzed);
        }
        spelled
    }
}

/// How a candidate's words answer the typed words, as ids into the list's [`Vocabulary`].
struct Words {
    raw: Box<[u32]>,
    /// How many of `raw` are the candidate's own words (they come first).
    own_words: usize,
    /// The analyzed terms of all its words, sorted.
    terms: Box<[u32]>,
    /// The analyzed terms of its own words, sorted.
    own_terms: Box<[u32]>,
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

/// A typed word resolved against one list's vocabulary.
struct Sought<'v> {
    typed: Typed,
    vocabulary: &'v Vocabulary,
    /// The word itself, when the list has it.
    id: Option<u32>,
    /// The words it begins.
    begins: Range<u32>,
    /// Its analyzed terms; none when it has none or one the list never uses (then no candidate
    /// holds them all).
    terms: Option<Box<[u32]>>,
    misspelt: TypoMemo,
    misspelt_start: TypoMemo,
}

impl<'v> Sought<'v> {
    fn of(analyzer: &Analyzer, vocabulary: &'v Vocabulary, word: String) -> Sought<'v> {
        let typed = Typed::of(analyzer, word);
        let terms: Option<Box<[u32]>> = typed
            .terms
            .iter()
            .map(|t| vocabulary.terms.get(t).copied())
            .collect();
        Sought {
            id: vocabulary.word(&typed.word),
            begins: vocabulary.beginning(&typed.word),
            terms: terms.filter(|t| !t.is_empty()),
            typed,
            vocabulary,
            misspelt: TypoMemo::default(),
            misspelt_start: TypoMemo::default(),
        }
    }

    fn is(&self, word: u32) -> bool {
        self.id == Some(word)
    }

    fn begins(&self, word: u32) -> bool {
        self.begins.contains(&word)
    }

    /// Every one of its terms is in `terms` (sorted).
    fn terms_in(&self, terms: &[u32]) -> bool {
        self.terms
            .as_ref()
            .is_some_and(|mine| mine.iter().all(|t| terms.binary_search(t).is_ok()))
    }

    /// Whether any word can be a typo of this one (it has a typo budget).
    fn may_be_a_typo(&self) -> bool {
        self.typed.budget > 0
    }

    /// As [`Typed::misspells`]; a word whose length is out of reach is not compared.
    fn misspells(&self, word: u32) -> bool {
        self.may_be_a_typo()
            && self.vocabulary.lengths[word as usize].abs_diff(self.typed.length)
                <= self.typed.budget
            && self
                .misspelt
                .get(self.vocabulary, word, |w| self.typed.misspells(w))
    }

    /// As [`Typed::misspells_the_start_of`]; a word shorter than the typed one by two or more
    /// is not compared.
    fn misspells_the_start_of(&self, word: u32) -> bool {
        self.typed.length >= 4
            && self.vocabulary.lengths[word as usize] + 1 >= self.typed.length
            && self.misspelt_start.get(self.vocabulary, word, |w| {
                self.typed.misspells_the_start_of(w)
            })
    }
}

/// Whether a typed word is a typo of each word of the vocabulary, decided on first asking: a
/// keystroke meets the same context words in thousands of candidates. One byte per word of the
/// list, zeroed by the allocator when first needed (0 undecided, 1 no, 2 yes).
#[derive(Default)]
struct TypoMemo(RefCell<Vec<u8>>);

impl TypoMemo {
    fn get(&self, vocabulary: &Vocabulary, word: u32, decide: impl FnOnce(&str) -> bool) -> bool {
        let mut memo = self.0.borrow_mut();
        if memo.is_empty() {
            *memo = vec![0; vocabulary.words.len()];
        }
        let decided = &mut memo[word as usize];
        if *decided == 0 {
            *decided = 1 + u8::from(decide(&vocabulary.words[word as usize]));
        }
        *decided == 2
    }
}

impl Words {
    fn at(&self, quality: u8, position: usize) -> Found {
        (quality, position, position < self.own_words)
    }

    /// How a finished word of the query matches: its quality (2 for the word itself or the
    /// same analyzed term, e.g. a synonym; 1 for a typo), the position of the matched word, and
    /// whether it is the candidate's own. Its own words are looked at before its context.
    fn find_word(&self, sought: &Sought) -> Option<Found> {
        let own = &self.raw[..self.own_words];
        if let Some(i) = own.iter().position(|&w| sought.is(w)) {
            return Some(self.at(EXACT, i));
        }
        // The same term under another spelling (a synonym or an inflection): after the words
        // themselves, but still the candidate's own.
        if sought.terms_in(&self.own_terms) {
            return Some((EXACT, self.raw.len(), true));
        }
        if let Some(i) = own.iter().position(|&w| sought.misspells(w)) {
            return Some(self.at(TYPO, i));
        }
        if let Some(i) = self.raw.iter().position(|&w| sought.is(w)) {
            return Some(self.at(EXACT, i));
        }
        if sought.terms_in(&self.terms) {
            return Some((EXACT, self.raw.len(), false));
        }
        if !sought.may_be_a_typo() {
            return None;
        }
        self.raw
            .iter()
            .position(|&w| sought.misspells(w))
            .map(|i| self.at(TYPO, i))
    }

    /// How the word being typed matches as the beginning of a word (one typo allowed from four
    /// letters), or as a whole word; the candidate's own words before its context.
    fn find_prefix(&self, sought: &Sought) -> Option<Found> {
        let own = &self.raw[..self.own_words];
        if let Some(i) = own.iter().position(|&w| sought.begins(w)) {
            return Some(self.at(EXACT, i));
        }
        // A whole word typed without a trailing space still counts as a word ("pay").
        if let Some(found) = self.find_word(sought).filter(|f| f.2) {
            return Some(found);
        }
        if let Some(i) = own.iter().position(|&w| sought.misspells_the_start_of(w)) {
            return Some(self.at(TYPO, i));
        }
        if let Some(i) = self.raw.iter().position(|&w| sought.begins(w)) {
            return Some(self.at(EXACT, i));
        }
        if let Some(found) = self.find_word(sought) {
            return Some(found);
        }
        self.raw
            .iter()
            .position(|&w| sought.misspells_the_start_of(w))
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
struct Query<'v> {
    sought: Vec<Sought<'v>>,
    finished_last: bool,
    /// Per typed word: whether it must match (stop words need not, unless being typed).
    counts: Vec<bool>,
}

impl<'v> Query<'v> {
    fn of(analyzer: &Analyzer, vocabulary: &'v Vocabulary, partial: &str) -> Query<'v> {
        let sought: Vec<Sought> = words(partial)
            .into_iter()
            .map(|(_, _, w)| Sought::of(analyzer, vocabulary, w))
            .collect();
        let finished_last = partial.ends_with(|c: char| !c.is_alphanumeric());
        let counts = sought
            .iter()
            .enumerate()
            .map(|(i, s)| !s.typed.terms.is_empty() || (i + 1 == sought.len() && !finished_last))
            .collect();
        Query {
            sought,
            finished_last,
            counts,
        }
    }

    fn is_prefix(&self, i: usize) -> bool {
        i + 1 == self.sought.len() && !self.finished_last
    }

    /// A candidate's score, or None when it matches none of the words that count.
    fn score(&self, words: &Words, rank: u8) -> Option<Score> {
        let mut matched = 0;
        let mut needed = 0;
        let mut own = 0;
        let mut quality = 0;
        let mut typos = false;
        let mut first = usize::MAX;
        for (i, sought) in self.sought.iter().enumerate() {
            let found = if self.is_prefix(i) {
                words.find_prefix(sought)
            } else {
                words.find_word(sought)
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
    List::new(analyzer, candidates.to_vec()).rank_every(analyzer, partial)
}

/// A candidate list analyzed once, with postings from each word and each analyzed term to the
/// candidates holding it. A keystroke then scores only the candidates that hold a typed word,
/// as written or as a prefix, instead of analyzing every candidate again (at 1,000 role guides
/// that scan cost about 45 ms per keystroke).
struct List {
    candidates: Vec<Candidate>,
    words: Vec<Words>,
    vocabulary: Vocabulary,
    /// Per word id, the candidates holding it, in order.
    by_word: Vec<Vec<u32>>,
    /// Per term id, the candidates holding it, in order.
    by_term: Vec<Vec<u32>>,
}

impl List {
    fn new(analyzer: &Analyzer, candidates: Vec<Candidate>) -> List {
        // Words are numbered as first met, then renumbered in sorted order.
        let mut met: HashMap<String, u32> = HashMap::new();
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut by_term: Vec<Vec<u32>> = Vec::new();
        let mut all_words: Vec<Words> = Vec::with_capacity(candidates.len());
        for (id, candidate) in candidates.iter().enumerate() {
            let spelled = Spelled::of(analyzer, candidate);
            let raw: Box<[u32]> = spelled
                .raw
                .into_iter()
                .map(|w| number(&mut met, w))
                .collect();
            let mut numbered = |set: HashSet<String>| -> Box<[u32]> {
                let mut ids: Vec<u32> = set.into_iter().map(|t| number(&mut terms, t)).collect();
                ids.sort_unstable();
                ids.into()
            };
            let own_terms = numbered(spelled.own_terms);
            let all_terms = numbered(spelled.terms);
            by_term.resize(terms.len(), Vec::new());
            for &term in all_terms.iter() {
                by_term[term as usize].push(id as u32);
            }
            all_words.push(Words {
                raw,
                own_words: spelled.own_words,
                terms: all_terms,
                own_terms,
            });
        }
        let mut sorted: Vec<(String, u32)> = met.into_iter().collect();
        sorted.sort_unstable();
        let mut renumbered = vec![0; sorted.len()];
        for (id, (_, first_met)) in sorted.iter().enumerate() {
            renumbered[*first_met as usize] = id as u32;
        }
        let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); sorted.len()];
        for (id, words) in all_words.iter_mut().enumerate() {
            for word in words.raw.iter_mut() {
                *word = renumbered[*word as usize];
                let holders = &mut by_word[*word as usize];
                if holders.last() != Some(&(id as u32)) {
                    holders.push(id as u32);
                }
            }
        }
        let words: Vec<String> = sorted.into_iter().map(|(word, _)| word).collect();
        let vocabulary = Vocabulary {
            lengths: words.iter().map(|w| w.chars().count()).collect(),
            words,
            terms,
        };
        List {
            candidates,
            words: all_words,
            vocabulary,
            by_word,
            by_term,
        }
    }

    /// Candidates holding `sought` exactly: the word itself (or, being typed, a word it
    /// begins), or all its analyzed terms. Sorted, without duplicates.
    fn exact_ids(&self, sought: &Sought, prefix: bool) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::new();
        if prefix {
            for word in sought.begins.clone() {
                ids.extend(&self.by_word[word as usize]);
            }
        } else if let Some(word) = sought.id {
            ids.extend(&self.by_word[word as usize]);
        }
        if let Some((first, rest)) = sought.terms.as_deref().and_then(<[u32]>::split_first) {
            let mut common: Vec<u32> = self.by_term[*first as usize].clone();
            for term in rest {
                let holders = &self.by_term[*term as usize];
                common.retain(|id| holders.binary_search(id).is_ok());
            }
            ids.extend(common);
        }
        self.sorted_once(ids)
    }

    /// `ids` sorted, each once. A short prefix gathers most of a large list, many times over
    /// ("a" begins thousands of words): those are marked in one bit per candidate instead of
    /// being sorted.
    fn sorted_once(&self, mut ids: Vec<u32>) -> Vec<u32> {
        if ids.len() < self.candidates.len() / 8 {
            ids.sort_unstable();
            ids.dedup();
            return ids;
        }
        let mut marked = vec![0u64; self.candidates.len().div_ceil(64)];
        for &id in &ids {
            marked[id as usize / 64] |= 1 << (id % 64);
        }
        ids.clear();
        for (block, &bits) in marked.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                ids.push(block as u32 * 64 + bits.trailing_zeros());
                bits &= bits - 1;
            }
        }
        ids
    }

    /// The best of the candidates with these ids.
    fn best_of(
        &self,
        query: &Query,
        ids: impl IntoIterator<Item = u32>,
    ) -> Vec<(Score, &Candidate)> {
        ids.into_iter()
            .filter_map(|id| {
                let candidate = &self.candidates[id as usize];
                query
                    .score(&self.words[id as usize], candidate.rank)
                    .map(|score| (score, candidate))
            })
            .collect()
    }

    /// Every candidate scored: the plain definition the postings must agree with.
    fn rank_every(&self, analyzer: &Analyzer, partial: &str) -> Vec<Choice> {
        let query = Query::of(analyzer, &self.vocabulary, partial);
        best(self.best_of(&query, 0..self.candidates.len() as u32))
    }

    /// What [`List::rank_every`] gives, scoring only the candidates that can be among it.
    fn rank(&self, analyzer: &Analyzer, partial: &str) -> Vec<Choice> {
        let query = Query::of(analyzer, &self.vocabulary, partial);
        let counted: Vec<usize> = (0..query.sought.len())
            .filter(|&i| query.counts[i])
            .collect();
        if counted.is_empty() {
            // Only stop words: every candidate is in the running.
            return best(self.best_of(&query, 0..self.candidates.len() as u32));
        }
        // Candidates with every counting word as typed. When there are any, they are the
        // answer (see `best`): the typo-tolerant comparison with every candidate is skipped.
        let mut holders: Option<Vec<u32>> = None;
        for &i in &counted {
            let ids = self.exact_ids(&query.sought[i], query.is_prefix(i));
            holders = Some(match holders {
                None => ids,
                Some(mut so_far) => {
                    so_far.retain(|id| ids.binary_search(id).is_ok());
                    so_far
                }
            });
        }
        let scored = self.best_of(&query, holders.unwrap_or_default());
        if scored.iter().any(|(s, _)| s.1 && s.2) {
            return best(scored);
        }
        // A typo or a partial match: the candidates holding any counting word as typed or within
        // its typo budget. The typo comparison runs once per distinct word of the list, not once
        // per word of every candidate.
        let mut ids: Vec<u32> = Vec::new();
        for &i in &counted {
            let sought = &query.sought[i];
            let prefix = query.is_prefix(i);
            ids.extend(self.exact_ids(sought, prefix));
            for (word, holders) in self.by_word.iter().enumerate() {
                let word = word as u32;
                if sought.misspells(word) || (prefix && sought.misspells_the_start_of(word)) {
                    ids.extend(holders);
                }
            }
        }
        best(self.best_of(&query, self.sorted_once(ids)))
    }
}

/// A candidate list's suggestions, built once per content version (kept by the library), with
/// a memo of the texts already typed.
pub struct Suggester {
    list: List,
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
        Suggester {
            list: List::new(analyzer, candidates),
            answered: Mutex::new(LruCache::new(
                NonZeroUsize::new(ANSWERED).expect("not zero"),
            )),
        }
    }

    /// The suggestions for `partial`, exactly as `rank` would give them over the same list.
    /// A text typed before (the same words, the last one finished or not) is answered from
    /// what was worked out then: the list cannot change under a suggester.
    pub fn suggest(&self, analyzer: &Analyzer, partial: &str) -> Vec<Choice> {
        let key = typed_key(partial);
        if let Some(found) = lock(&self.answered).get(&key) {
            return found.to_vec();
        }
        let choices = self.list.rank(analyzer, partial);
        lock(&self.answered).put(key, choices.clone().into());
        choices
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

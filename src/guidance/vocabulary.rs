//! The words of the content: for spelling correction of what users type, and for how much each
//! word of a question weighs when judging whether a passage answers it.
//!
//! Spelling: the index matches misspellings of the stems it holds, but a misspelt synonym
//! ("salry", "kubernets") misses its group, because the index holds only the group's canonical
//! term ("pay", "k8s"). Correcting the word against the content's own words first ("salry" ->
//! "salary") lets the analyzer fold it.
//!
//! Weights: the inverse document frequency of each analyzed term over the guides' own units
//! (FAQ entries, sections, ladder rungs, pay, certifications). The authored interview bank is
//! left out: its 50-odd questions all say "interview question", which would make "interview"
//! look like noise in a question about interviews.

use std::collections::{HashMap, HashSet};

use super::guide_named::GuideNames;
use super::topic::RoleList;
use crate::content::Catalog;
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::{documents, Analyzer, DocKind, SearchDoc};

/// Every word of the content (lowercase, with how often it occurs), every analyzed term, and in
/// how many guide units each term occurs.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    words: HashMap<String, u32>,
    terms: HashSet<String>,
    frequency: HashMap<String, u32>,
    /// The unit (by key) of each term that only one unit uses.
    sole_unit: HashMap<String, String>,
    units: u32,
    /// Built from the catalog when a vocabulary is read back (an automaton is not data).
    #[serde(skip)]
    role_names: RoleNames,
    /// Real words of the language (the model's word list): never taken for typos. Not part of
    /// a snapshot: it comes from the model, which may change without the content changing.
    #[serde(skip)]
    dictionary: HashSet<String>,
    /// The figures the guides quote ("133080", "151083", "15%"), as [`figures_in`] reads them.
    figures: HashSet<String>,
    /// The analyzed terms of the guides' certifications (names, issuers, descriptions).
    certification_terms: HashSet<String>,
    /// The roles the guides say backend leads to, as words ("site reliability engineer"), with
    /// their synonyms ("sre"), lowercased.
    next_roles: Vec<String>,
    /// Those of `next_roles` that no passage but the list of moves names: the guides describe
    /// the move there, not the role ("software engineer" is also a way in; "security engineer"
    /// only a move).
    roles_only_listed: Vec<String>,
    /// `next_roles` and `roles_only_listed` ready to be found in a question (automata are not
    /// data: rebuilt when a vocabulary is read back).
    #[serde(skip)]
    moves: Moves,
    /// What the guides are called, to be found in a question (rebuilt like `moves`).
    #[serde(skip)]
    guide_names: GuideNames,
}

/// The two lists of moves, each read in one pass over a question.
#[derive(Debug, Default)]
pub struct Moves {
    pub next: RoleList,
    pub only_listed: RoleList,
}

/// Words that make a question one about certifications.
pub(super) const CERTIFICATION_WORDS: &[&str] = &[
    "cert",
    "certs",
    "certification",
    "certifications",
    "certificate",
    "certificates",
    "certified",
];

/// What hands out a certificate of completion, not a certification ("a bootcamp certificate"):
/// the entry routes answer those.
const COMPLETION_CERTIFIERS: &[&str] =
    &["bootcamp", "bootcamps", "course", "courses", "completion"];

/// Every role's name and aliases, lowercased, in one automaton: a question is read once to find
/// the roles it names, however many roles there are (a `contains` per name cost about 6 ms a
/// question at 10,000 roles).
#[derive(Debug, Default)]
struct RoleNames {
    automaton: Option<aho_corasick::AhoCorasick>,
    /// The role (index into the catalog's roles) of each pattern.
    role_of: Vec<usize>,
}

impl RoleNames {
    fn of_catalog(catalog: &Catalog) -> RoleNames {
        // Names and aliases are never empty (the loader refuses them).
        let mut patterns = Vec::new();
        let mut role_of = Vec::new();
        for (index, role) in catalog.roles.iter().enumerate() {
            for name in std::iter::once(&role.name).chain(&role.aliases) {
                patterns.push(name.to_lowercase());
                role_of.push(index);
            }
        }
        RoleNames {
            automaton: aho_corasick::AhoCorasick::new(&patterns).ok(),
            role_of,
        }
    }
}

/// What a run of the guides' units adds to the vocabulary: their words and terms, in how many
/// units each term occurs (and the one unit of a term only one uses), the figures they quote,
/// and which role names they hold.
#[derive(Default)]
struct UnitCounts {
    words: HashMap<String, u32>,
    terms: HashSet<String>,
    frequency: HashMap<String, u32>,
    sole_unit: HashMap<String, String>,
    figures: HashSet<String>,
    units: u32,
    seen: Vec<bool>,
}

impl UnitCounts {
    /// The units counted in two halves, one on each core (at 10,000 guides this is most of the
    /// vocabulary's cost), then added up.
    fn on_both_cores(docs: &[SearchDoc], analyzer: &Analyzer, named: &NamedElsewhere) -> Self {
        let (first, second) = docs.split_at(docs.len() / 2);
        let (a, b) = rayon::join(
            || UnitCounts::of(first, analyzer, named),
            || UnitCounts::of(second, analyzer, named),
        );
        a.add_up(b)
    }

    fn of(docs: &[SearchDoc], analyzer: &Analyzer, named: &NamedElsewhere) -> UnitCounts {
        let mut counts = UnitCounts {
            seen: named.unseen(),
            ..UnitCounts::default()
        };
        for doc in docs {
            if !doc.key.ends_with("/section/next") {
                named.read(&mut counts.seen, &doc.title);
                named.read(&mut counts.seen, &doc.body);
            }
            let title_terms = counts.add(analyzer, &doc.title);
            let body_terms = counts.add(analyzer, &doc.body);
            if doc.kind == DocKind::Question {
                // Interview prompts are not guidance ("invoice 123" is not a figure anyone
                // asks the guides about).
                continue;
            }
            for figure in figures_in(&doc.title)
                .into_iter()
                .chain(figures_in(&doc.body))
            {
                counts.figures.extend(in_thousands(&figure));
                counts.figures.insert(figure);
            }
            counts.units += 1;
            let unit_terms: HashSet<String> = title_terms.into_iter().chain(body_terms).collect();
            for term in unit_terms {
                let count = counts.frequency.entry(term.clone()).or_insert(0);
                *count += 1;
                if *count == 1 {
                    counts.sole_unit.insert(term, doc.key.clone());
                } else {
                    counts.sole_unit.remove(&term);
                }
            }
        }
        counts
    }

    /// Counts a text's words and collects its analyzed terms, and returns the terms (each text
    /// is analyzed once).
    fn add(&mut self, analyzer: &Analyzer, text: &str) -> Vec<String> {
        count_words(&mut self.words, text);
        let terms = analyzer.terms(text);
        self.terms.extend(terms.iter().cloned());
        terms
    }

    /// Both runs' counts together: a term's sole unit stays only where no other unit uses it.
    fn add_up(mut self, other: UnitCounts) -> UnitCounts {
        for (word, count) in other.words {
            *self.words.entry(word).or_insert(0) += count;
        }
        self.terms.extend(other.terms);
        for (term, count) in other.frequency {
            *self.frequency.entry(term).or_insert(0) += count;
        }
        self.sole_unit.extend(other.sole_unit);
        let frequency = &self.frequency;
        self.sole_unit
            .retain(|term, _| frequency.get(term) == Some(&1));
        self.figures.extend(other.figures);
        self.units += other.units;
        for (mine, theirs) in self.seen.iter_mut().zip(other.seen) {
            *mine |= theirs;
        }
        self
    }
}

/// Counts a text's words, and the singular of each plural too, so "langauge" finds "languages"
/// as "language".
fn count_words(counts: &mut HashMap<String, u32>, text: &str) {
    for (_, _, word) in words(text) {
        if let Some(singular) = word.strip_suffix('s').filter(|w| w.chars().count() >= 4) {
            *counts.entry(singular.to_string()).or_insert(0) += 1;
        }
        *counts.entry(word).or_insert(0) += 1;
    }
}

/// The figures in a text that identify a passage: numbers of three digits or more ("133,080"
/// as "133080", "22k" as "22000") and percentages ("15%"). Years are left out (every passage
/// about pay says 2026).
pub fn figures_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut figures = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let starts = chars[at].is_ascii_digit()
            && (at == 0 || !(chars[at - 1].is_alphanumeric() || chars[at - 1] == '.'));
        if !starts {
            at += 1;
            continue;
        }
        let mut digits = String::new();
        let mut end = at;
        while end < chars.len()
            && (chars[end].is_ascii_digit()
                || (chars[end] == ',' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
        {
            if chars[end].is_ascii_digit() {
                digits.push(chars[end]);
            }
            end += 1;
        }
        let next = chars.get(end).copied();
        let after_next = chars.get(end + 1).copied();
        let word_ends = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if next == Some('%') {
            figures.push(format!("{digits}%"));
        } else if matches!(next, Some('k' | 'K')) && word_ends(after_next) {
            figures.push(format!("{digits}000"));
        } else if digits.len() >= 3 && word_ends(next) && !is_a_year(&digits) {
            figures.push(digits);
        }
        at = end.max(at + 1);
    }
    figures
}

/// A figure of five digits or more as people shorten it to thousands: "151,083" is quoted as
/// "151k", which [`figures_in`] reads as "151000".
fn in_thousands(figure: &str) -> Option<String> {
    let amount: u64 = figure.parse().ok()?;
    (amount >= 10_000 && !amount.is_multiple_of(1000)).then(|| format!("{}000", amount / 1000))
}

fn is_a_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

fn idf(units: u32, count: u32) -> f32 {
    let (units, count) = (units as f32, count as f32);
    (1.0 + (units - count + 0.5) / (count + 0.5)).ln()
}

/// The roles the guides say backend leads to, each as its names in words ("site reliability
/// engineer" and its synonym "sre"), lowercased.
fn next_roles(catalog: &Catalog) -> Vec<Vec<String>> {
    let mut roles: Vec<Vec<String>> = Vec::new();
    for role in &catalog.roles {
        for guide in &role.guides {
            let Some(next) = &guide.next else { continue };
            for name in next.progresses_to.iter().chain(&next.pivots_to) {
                let name = name.to_lowercase().replace('-', " ");
                let mut names: Vec<String> = catalog
                    .synonyms
                    .groups
                    .iter()
                    .find(|g| g.iter().any(|m| m.to_lowercase().replace('-', " ") == name))
                    .map(|group| group.iter().map(|m| m.to_lowercase()).collect())
                    .unwrap_or_default();
                names.push(name);
                roles.push(names);
            }
        }
    }
    roles
}

/// Each name once, where it first comes: every guide lists its moves, so thousands of guides
/// repeat a few dozen names, and a question is read against each name in the list.
fn first_of_each<'n>(names: impl Iterator<Item = &'n String>) -> Vec<String> {
    let mut seen = HashSet::new();
    names
        .filter(|name| seen.insert(name.as_str()))
        .cloned()
        .collect()
}

/// Which of the next roles' names a passage other than the lists of moves says ("software
/// engineering" in a way in, or "software developers" in the outlook): such a role is talked
/// about, not only listed. One automaton over every name, singular and plural, read once over
/// each passage, so the work grows with the content, not with the content times the names.
struct NamedElsewhere {
    /// The names as `role_words` writes them, in the automaton's pattern order (each name's
    /// singular, then its plural).
    names: Vec<String>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl NamedElsewhere {
    fn new(groups: &[Vec<String>]) -> NamedElsewhere {
        let mut names: Vec<String> = groups.iter().flatten().map(|n| role_words(n)).collect();
        names.sort();
        names.dedup();
        let patterns: Vec<String> = names
            .iter()
            .flat_map(|name| [name.clone(), format!("{}s ", name.trim_end())])
            .collect();
        NamedElsewhere {
            automaton: aho_corasick::AhoCorasick::new(&patterns).ok(),
            names,
        }
    }

    /// A flag per pattern (each name's singular, then its plural), none seen yet; `read` sets
    /// the ones a text holds.
    fn unseen(&self) -> Vec<bool> {
        vec![false; 2 * self.names.len()]
    }

    fn read(&self, seen: &mut [bool], text: &str) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        // Overlapping, since one name may hold another ("engineer" in "data engineer").
        for found in automaton.find_overlapping_iter(&role_words(text)) {
            seen[found.pattern().as_usize()] = true;
        }
    }

    fn found(&self, seen: &[bool], name: &str) -> bool {
        self.names
            .binary_search(&role_words(name))
            .is_ok_and(|at| seen[2 * at] || seen[2 * at + 1])
    }
}

/// Text as space-separated lowercase words with a space at each end, "engineering" read as
/// "engineer" ("a data engineering role" names the data engineer).
fn role_words(text: &str) -> String {
    let mut out = String::from(" ");
    for (_, _, word) in words(text) {
        out.push_str(if word == "engineering" {
            "engineer"
        } else {
            &word
        });
        out.push(' ');
    }
    out
}

/// Whether `text` holds `phrase` with a space on each side: `text.contains(&format!(" {phrase}
/// "))` without building that string, which the cue lists did for every cue of every question.
pub fn contains_spaced(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find(phrase) {
        let start = from + at;
        let end = start + phrase.len();
        if start > 0 && bytes[start - 1] == b' ' && bytes.get(end) == Some(&b' ') {
            return true;
        }
        // Overlapping matches too: " xab ab ab " holds " ab ab " after a failed "ab ab".
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if from > text.len() {
            break;
        }
    }
    false
}

/// The endings of a site's name ("Files.com", "booking.com").
const SITE_ENDINGS: &[&str] = &["com", "io", "org", "net", "dev", "ai", "co"];

/// Per word of `all` (`words(text)`): whether it belongs to a site's name, a word joined by a
/// dot to a site ending ("files" and "com" in "Files.com"). Such a name is a name even when its
/// parts are words of the language (added 2026-12-06).
fn site_name_words(text: &str, all: &[(usize, usize, String)]) -> Vec<bool> {
    let mut in_a_site = vec![false; all.len()];
    for i in 1..all.len() {
        let joined = &text[all[i - 1].1..all[i].0] == ".";
        if joined && SITE_ENDINGS.contains(&all[i].2.as_str()) {
            in_a_site[i - 1] = true;
            in_a_site[i] = true;
        }
    }
    in_a_site
}

/// Splits text into lowercase alphanumeric words with their byte ranges.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        match (ch.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len(), text[s..].to_lowercase()));
    }
    out
}

impl Vocabulary {
    /// The vocabulary of every text of the catalog, plus `extra` words the bot understands
    /// without the content using them (level and pay words of questions).
    pub fn of_catalog(catalog: &Catalog, analyzer: &Analyzer, extra: &[&str]) -> Vocabulary {
        let groups = next_roles(catalog);
        let named = NamedElsewhere::new(&groups);
        let counts = UnitCounts::on_both_cores(&documents(catalog), analyzer, &named);
        let mut vocabulary = Vocabulary {
            words: counts.words,
            terms: counts.terms,
            frequency: counts.frequency,
            sole_unit: counts.sole_unit,
            units: counts.units,
            figures: counts.figures,
            ..Vocabulary::default()
        };
        let mut add = |text: &str| {
            count_words(&mut vocabulary.words, text);
            vocabulary.terms.extend(analyzer.terms(text));
        };
        for role in &catalog.roles {
            add(&role.name);
            for alias in &role.aliases {
                add(alias);
            }
            for guide in &role.guides {
                add(&guide.source.title);
            }
        }
        for group in &catalog.synonyms.groups {
            for member in group {
                add(member);
            }
        }
        for word in extra {
            add(word);
        }
        for role in &catalog.roles {
            for cert in role.guides.iter().flat_map(|g| &g.certifications) {
                for text in [
                    Some(&cert.name),
                    cert.issuer.as_ref(),
                    cert.description.as_ref(),
                ] {
                    vocabulary
                        .certification_terms
                        .extend(text.map(|t| analyzer.terms(t)).unwrap_or_default());
                }
            }
        }
        vocabulary.roles_only_listed = first_of_each(
            groups
                .iter()
                .filter(|names| !names.iter().any(|name| named.found(&counts.seen, name)))
                .flatten(),
        );
        vocabulary.next_roles = first_of_each(groups.iter().flatten());
        vocabulary.role_names = RoleNames::of_catalog(catalog);
        vocabulary.moves = vocabulary.moves_found();
        vocabulary.guide_names = GuideNames::of_catalog(catalog);
        vocabulary
    }

    fn moves_found(&self) -> Moves {
        Moves {
            next: RoleList::new(&self.next_roles),
            only_listed: RoleList::new(&self.roles_only_listed),
        }
    }

    /// A vocabulary read back from a snapshot of `catalog`, with what is not data rebuilt.
    pub fn restored(mut self, catalog: &Catalog) -> Vocabulary {
        self.role_names = RoleNames::of_catalog(catalog);
        self.moves = self.moves_found();
        self.guide_names = GuideNames::of_catalog(catalog);
        self
    }

    /// Whether `text` quotes a figure the guides give ("the 133,080 number", "the 3% thing").
    pub fn quotes_a_figure(&self, text: &str) -> bool {
        figures_in(text).iter().any(|f| self.figures.contains(f))
    }

    /// The roles the guides say backend leads to, as words, with their synonyms.
    pub fn next_roles(&self) -> &[String] {
        &self.next_roles
    }

    /// What the guides are called, to be found in a question.
    pub fn guide_names(&self) -> &GuideNames {
        &self.guide_names
    }

    /// The moves, to be found in a question.
    pub fn moves(&self) -> &Moves {
        &self.moves
    }

    /// The roles only the guides' lists of moves name.
    pub fn roles_only_listed(&self) -> &[String] {
        &self.roles_only_listed
    }

    /// This vocabulary, knowing `words` as real words that are never corrected even though the
    /// content does not use them ("still" must not become "skill").
    pub fn with_dictionary(mut self, words: Vec<String>) -> Vocabulary {
        self.dictionary = words.into_iter().collect();
        self
    }

    /// The unit a question names by a name only that unit uses: a word that is not a word of
    /// the language ("LeetCode", "BLS", "Files.com": not in the model's word list) and that one
    /// unit alone contains. Needs the word list: without the model, none (ordinary words that
    /// happen to occur once would name units no one asked about).
    /// `.1` says whether the name is a site's ("Files.com"), which no ordinary word is.
    pub fn sole_unit_named(&self, analyzer: &Analyzer, text: &str) -> Option<(&str, bool)> {
        if self.dictionary.is_empty() {
            return None;
        }
        let all = words(text);
        let in_a_site = site_name_words(text, &all);
        all.into_iter()
            .zip(in_a_site)
            .filter(|((_, _, word), in_a_site)| {
                word.chars().count() >= 3
                    && word.chars().any(char::is_alphabetic)
                    && (*in_a_site || !self.is_a_word(word))
            })
            .flat_map(|((_, _, word), in_a_site)| {
                analyzer
                    .terms(&word)
                    .into_iter()
                    .map(move |t| (t, in_a_site))
            })
            .find_map(|(term, site)| self.sole_unit.get(&term).map(|key| (key.as_str(), site)))
    }

    /// In a question about certifications, a name that none of the guides' certifications
    /// carries ("the MongoDB Associate Developer certification", "HashiCorp Terraform
    /// Associate cert"): among the words naming the certificate (the run of words before a
    /// certification word up to a stop word, or after "certified"), one outside the language's
    /// word list whose analyzed form no certification's name, issuer or description holds.
    /// Synonyms count as the same ("k8s" is Kubernetes, which the CKAD's name holds).
    pub fn certification_not_named(&self, analyzer: &Analyzer, text: &str) -> Option<String> {
        if self.dictionary.is_empty() {
            return None;
        }
        let all: Vec<String> = words(text).into_iter().map(|(_, _, w)| w).collect();
        let names_a_thing = |word: &String| !analyzer.terms(word).is_empty();
        let mut naming: Vec<&String> = Vec::new();
        for (at, word) in all.iter().enumerate() {
            if !CERTIFICATION_WORDS.contains(&word.as_str()) {
                continue;
            }
            naming.extend(all[..at].iter().rev().take_while(|w| names_a_thing(w)));
            if word == "certified" {
                naming.extend(all[at + 1..].iter().take_while(|w| names_a_thing(w)));
            }
        }
        naming.into_iter().find_map(|word| {
            let terms = analyzer.terms(word);
            let unnamed = word.chars().count() >= 3
                && word.chars().all(|c| c.is_ascii_alphanumeric())
                && !CERTIFICATION_WORDS.contains(&word.as_str())
                && !COMPLETION_CERTIFIERS.contains(&word.as_str())
                && !terms.iter().all(|t| self.certification_terms.contains(t))
                && !self.is_a_word(word)
                && !self.one_typo_from_a_word(word);
            unnamed.then(|| word.clone())
        })
    }

    /// In the word list, or built on one of its words: the list holds base forms ("queue", not
    /// "queues") and few words built on them ("oversaturated"), so a word that ends or contains
    /// one is a word of the language too.
    fn is_a_word(&self, word: &str) -> bool {
        self.dictionary.contains(word)
            || ["s", "es", "ed", "d", "ing", "ly", "er", "ers"]
                .iter()
                .filter_map(|end| word.strip_suffix(end))
                .any(|stem| self.dictionary.contains(stem))
            || word
                .char_indices()
                .skip(1)
                .map(|(at, _)| &word[at..])
                .any(|tail| tail.chars().count() >= 6 && self.dictionary.contains(tail))
    }

    /// One typo away from a word of the list ("comon" is "common" mistyped, not a name).
    fn one_typo_from_a_word(&self, word: &str) -> bool {
        let length = word.chars().count();
        self.dictionary.iter().any(|known| {
            known.len().abs_diff(length) <= 1
                && known.chars().all(|c| c.is_ascii_alphabetic())
                && edit_distance(word, known, 1) <= 1
        })
    }

    /// The first role (in catalog order) whose lowercased name or alias occurs in `lower`, the
    /// already lowercased question.
    pub fn first_role_named(&self, lower: &str) -> Option<usize> {
        let names = &self.role_names;
        names.automaton.as_ref().and_then(|automaton| {
            automaton
                .find_overlapping_iter(lower)
                .map(|m| names.role_of[m.pattern().as_usize()])
                .min()
        })
    }

    /// How informative an analyzed term is: its inverse document frequency over the guides'
    /// units (as BM25 computes it); 0 when no guide unit contains it.
    pub fn weight(&self, term: &str) -> f32 {
        match self.frequency.get(term) {
            Some(&count) => idf(self.units, count),
            None => 0.0,
        }
    }

    /// The weight of a term found in a single unit: the most a known term can weigh.
    pub fn rarest_weight(&self) -> f32 {
        idf(self.units, 1)
    }

    /// Whether a word (or its analyzed form) occurs in the content.
    pub fn knows(&self, analyzer: &Analyzer, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.words.contains_key(&lower) || {
            // A stop word ("there") is known: the analyzer drops it, so it cannot be a typo.
            let terms = analyzer.terms(&lower);
            terms.is_empty() || terms.iter().all(|t| self.terms.contains(t))
        }
    }

    /// Whether an analyzed term occurs in the content.
    pub fn knows_term(&self, term: &str) -> bool {
        self.terms.contains(term)
    }

    /// The content word closest to an unknown `word`, within its typo budget: fewest edits first,
    /// then the more frequent word, then alphabetical (so the choice is deterministic).
    pub fn closest(&self, word: &str) -> Option<&str> {
        let budget = typo_budget(word) as usize;
        if budget == 0 {
            return None;
        }
        let length = word.chars().count();
        self.words
            .iter()
            .filter(|(candidate, _)| candidate.chars().count().abs_diff(length) <= budget)
            .filter_map(|(candidate, count)| {
                let distance = edit_distance(word, candidate, budget);
                // At the same distance a word as written beats a singular only derived from its
                // plural ("kubernets" is "kubernetes", not "kubernete"). Looked up only for a
                // candidate within the budget: the scan passes every word of the content.
                (distance <= budget).then(|| {
                    let derived = self.words.get(&format!("{candidate}s")) == Some(count);
                    (distance, derived, std::cmp::Reverse(*count), candidate)
                })
            })
            .min()
            .map(|(_, _, _, candidate)| candidate.as_str())
    }

    /// `text` with each unknown word replaced by its closest content word; other characters
    /// are kept as typed.
    pub fn correct(&self, analyzer: &Analyzer, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end, word) in words(text) {
            let lower = word.to_lowercase();
            if self.words.contains_key(&lower) || self.dictionary.contains(&lower) {
                continue;
            }
            let fixed = if self.knows(analyzer, &word) {
                // Known by its stem only ("remot" is how "remote" stems): spelt as the guides
                // write it, so the words topics listen for match.
                let terms = analyzer.terms(&lower);
                // An inflection of a content word ("engineers" beside "engineer") is no typo.
                self.closest(&word).filter(|fixed| {
                    !terms.is_empty()
                        && !lower.starts_with(&fixed.to_lowercase())
                        && analyzer.terms(fixed) == terms
                })
            } else {
                self.closest(&word)
            };
            if let Some(fixed) = fixed {
                out.push_str(&text[at..start]);
                out.push_str(fixed);
                at = end;
            }
        }
        out.push_str(&text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::contains_spaced;

    #[test]
    fn a_phrase_between_spaces_is_found_as_the_padded_search_finds_it() {
        let cases = [
            (" how much do seniors make ", "seniors make"),
            (" how much do seniors make ", "senior"),
            (" xab ab ab ", "ab ab"),
            (" aaa aa ", "aa"),
            (" café au lait ", "au"),
            (" café au lait ", "é au"),
            (" ", ""),
            ("  ", ""),
            ("seniors", "seniors"),
            (" end", "end"),
            ("", "x"),
        ];
        for (text, phrase) in cases {
            let expected = text.contains(&format!(" {phrase} "));
            assert_eq!(
                contains_spaced(text, phrase),
                expected,
                "{text:?} {phrase:?}"
            );
        }
    }

    #[test]
    fn only_figures_the_guides_give_are_quoted_figures() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let catalog = Catalog::load(&content).unwrap();
        let analyzer = Analyzer::new(&catalog.synonyms);
        let vocabulary = Vocabulary::of_catalog(&catalog, &analyzer, &[]);
        for quoted in [
            "the 133,080 number?",
            "what's the 3% about",
            "is 151083 the median",
            "why does one guide say 151k and the other 133k?",
        ] {
            assert!(vocabulary.quotes_a_figure(quoted), "{quoted:?}");
        }
        // 123 is an interview prompt's invoice id, not a figure of the guides.
        for not_quoted in ["<@123>", "123", "is 140,000 good", "in 2026"] {
            assert!(!vocabulary.quotes_a_figure(not_quoted), "{not_quoted:?}");
        }
    }

    #[test]
    fn figures_are_read_as_the_guides_and_people_write_them() {
        let cases: &[(&str, &[&str])] = &[
            ("median USD 133,080 a year", &["133080"]),
            ("the 133080 number?", &["133080"]),
            ("grow 15% (2024-34), above the 3% average", &["15%", "3%"]),
            ("the 22k open jobs", &["22000"]),
            ("$105,000-$130,000", &["105000", "130000"]),
            ("salary in 2026, 2 yrs, a 10x engineer, v1.2.3", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(figures_in(text), *expected, "{text:?}");
        }
    }
    use super::*;

    /// A role is found by any of its names inside the question, case aside; the first named role
    /// in catalog order wins; a question naming none finds none.
    #[test]
    fn roles_are_found_by_the_names_a_question_contains() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let catalog = Catalog::load(&content).unwrap();
        let analyzer = Analyzer::new(&catalog.synonyms);
        let vocabulary = Vocabulary::of_catalog(&catalog, &analyzer, &[]);
        let role = &catalog.roles[0];
        for name in std::iter::once(&role.name).chain(&role.aliases) {
            let question =
                format!("what does a senior {} earn?", name.to_uppercase()).to_lowercase();
            assert_eq!(
                vocabulary.first_role_named(&question),
                Some(0),
                "{question}"
            );
        }
        assert_eq!(vocabulary.first_role_named("how do i bake bread"), None);
    }

    fn vocabulary() -> (Vocabulary, Analyzer) {
        let analyzer = Analyzer::with_synonyms(&[&["pay", "salary"], &["k8s", "kubernetes"]]);
        let mut v = Vocabulary::default();
        for text in [
            "What is the backend engineer salary",
            "Kubernetes and Docker",
            "certification",
            "skill",
        ] {
            for (_, _, w) in words(text) {
                *v.words.entry(w).or_insert(0) += 1;
            }
            v.terms.extend(analyzer.terms(text));
        }
        (v, analyzer)
    }

    #[test]
    fn misspellings_are_corrected_to_content_words() {
        let (v, a) = vocabulary();
        let cases = [
            // "enginer" stems like "engineer" and is spelt as the content writes it; "salry" is
            // a typo one edit away.
            ("backend enginer salry", "backend engineer salary"),
            // "Kubernets" stems like "Kubernetes" and is spelt out too; "dokcer" is corrected.
            ("Kubernets & dokcer!", "kubernetes & docker!"),
            ("certifcation", "certification"),
            // Known words, short words and words with no close match stay as typed.
            ("what is the salary", "what is the salary"),
            ("k8s", "k8s"),
            ("rustacean", "rustacean"),
            ("engineers", "engineers"),
            ("is there demand", "is there demand"),
        ];
        for (input, expected) in cases {
            assert_eq!(v.correct(&a, input), expected, "{input}");
        }
    }

    /// The singular counted for each plural ("kubernete" for "kubernetes") helps a misspelt
    /// singular find its word, but never wins over the word as written.
    #[test]
    fn a_derived_singular_never_beats_the_word_as_written() {
        let analyzer = Analyzer::with_synonyms(&[]);
        let mut v = Vocabulary::default();
        count_words(
            &mut v.words,
            "Docker and Kubernetes, the languages of the cloud",
        );
        assert_eq!(v.correct(&analyzer, "kubernets"), "kubernetes");
        assert_eq!(v.correct(&analyzer, "langauge"), "language");
    }

    /// A certificate named in a question is one of the guides' only when every name-like word
    /// of its name is theirs; words around it ("github and getting certs") are not its name.
    #[test]
    fn certifications_the_guides_do_not_name_are_told_apart() {
        let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let catalog = Catalog::load(&content).unwrap();
        let analyzer = Analyzer::new(&catalog.synonyms);
        let dictionary = "is the a worth it for does and getting help me hired good any"
            .split(' ')
            .map(str::to_string)
            .collect();
        let v = Vocabulary::of_catalog(&catalog, &analyzer, &[]).with_dictionary(dictionary);
        let cases = [
            (
                "is the MongoDB Associate Developer certification worth it",
                Some("mongodb"),
            ),
            ("any good HashiCorp cert?", Some("hashicorp")),
            ("is the AWS cert worth it", None),
            ("k8s cert for backend?", None),
            ("is the CKAD certification good", None),
            ("does github and getting certs help me get hired", None),
            ("is MongoDB worth it", None),
            // A bootcamp's certificate of completion is no certification.
            ("does a bootcamp certificate help me get hired", None),
        ];
        for (question, expected) in cases {
            assert_eq!(
                v.certification_not_named(&analyzer, question).as_deref(),
                expected,
                "{question}"
            );
        }
    }

    /// A real word the content happens not to use is not a typo of one it does.
    #[test]
    fn dictionary_words_are_never_corrected() {
        let (v, a) = vocabulary();
        assert_eq!(v.correct(&a, "still a salery"), "skill a salary");
        let v = v.with_dictionary(vec!["still".to_string()]);
        assert_eq!(v.correct(&a, "still a salery"), "still a salary");
    }

    #[test]
    fn word_ranges_cover_unicode() {
        let w = words("Café, naïve k8s");
        let texts: Vec<&str> = w.iter().map(|(_, _, t)| t.as_str()).collect();
        assert_eq!(texts, ["café", "naïve", "k8s"]);
        assert_eq!(&"Café, naïve k8s"[w[1].0..w[1].1], "naïve");
    }

    /// A site's name is a name even when its parts are words ("Files.com"); a sentence's full
    /// stop before a word, or a dot inside another kind of name, joins nothing.
    #[test]
    fn a_site_name_is_read_as_a_name() {
        for (text, expected) in [
            ("is Files.com hiring", vec![false, true, true, false]),
            ("booking.com, remote?", vec![true, true, false]),
            (
                "I use Node.js daily",
                vec![false, false, false, false, false],
            ),
            ("done. com", vec![false, false]),
        ] {
            let all = words(text);
            assert_eq!(super::site_name_words(text, &all), expected, "{text}");
        }
    }
}

//! `/faq` and `/ask`. `/faq` answers with the best FAQ entry (its answer verbatim) and up to three
//! related entries, but only when an entry fits the question well; otherwise it says so and shows
//! the best guide passages instead of a wrong FAQ. `/ask` shows the best passages of all content,
//! a well-fitting FAQ entry first. Questions about pay lead with the figures for the level asked.
//!
//! "Fits well" is measured: the share of the question's meaning found in the entry, where each
//! analyzed term of the question weighs its inverse document frequency (rare words carry the
//! question), a term in the entry's question counts fully and a term only in its answer counts
//! half. An entry fits when that share reaches [`FIT_THRESHOLD`].

use std::collections::HashSet;
use std::sync::Arc;

use crate::content::model::FaqEntry;
use crate::content::sections::{ladder_line, SECTION_KEYS};
use crate::content::Role;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::reply::{
    colors, escape_user_text, truncate_chars, with_source, Button, ButtonStyle, Embed, Message,
    Reply,
};
use crate::search::{Analyzer, DocKind, Filter, Hit, Reading};
use crate::store::StaffEntry;

use super::glossary;
use super::guide_named::GuideNamed;
use super::intent::{self, SalaryQuestion};
use super::scope::{self, Uncovered};
use super::set_aside;
use super::topic::{self, Target};
use super::vocabulary::Vocabulary;
use super::{citation, escape_markdown_light, hit_source_line, salary};
use crate::content::model::Level;

/// Custom ids of "related question" buttons: `faq:<entry key>`.
pub const CUSTOM_ID_PREFIX: &str = "faq";

/// The share of a question's weight an FAQ entry must cover to be the answer.
pub const FIT_THRESHOLD: f32 = 0.6;
/// An entry below the threshold but at least this close is offered as a button ("maybe you
/// mean …") when no entry fits.
const NEARBY_FIT: f32 = 0.35;
/// Credit for a question term found only in the entry's answer, not its question.
const ANSWER_ONLY_CREDIT: f32 = 0.5;
/// Unknown words shorter than this (slang, "pls", "fr") do not count against a fit; longer ones
/// are taken as a topic the guides may not cover ("kafka").
const UNKNOWN_WORD_MIN_CHARS: usize = 5;

/// What a question says once understood: spelling corrected, and whether it asks about pay.
pub struct Understood<'a> {
    /// The question with misspelt words replaced by the content's words.
    pub corrected: String,
    /// What is searched for: the corrected question without conversation filler.
    pub query: String,
    /// The query's analyzed terms, without repeats.
    pub terms: Vec<String>,
    pub salary: Option<SalaryQuestion>,
    /// The role it names (or the first role).
    pub role: Option<&'a Role>,
    /// The content's words and their weights.
    pub vocabulary: Arc<Vocabulary>,
    /// The question's meaning as a vector (None without the embedding model).
    pub vector: Option<Vec<f32>>,
    /// A topic the question names that the guides do not cover (`content/scope.toml`).
    pub uncovered: Option<Uncovered>,
    /// Such a topic named only by a later part of a multi-part question ("what does a senior
    /// make, and how do I negotiate?"): the first part is answered, and this is said after it.
    pub asked_later: Option<Uncovered>,
    /// Where the question's words say its answer lives (`topic`).
    pub targets: Vec<Target>,
    /// The guide (or the FAQ) the question names: its answer comes first.
    pub guide: GuideNamed,
    /// A thing the guides name that the question describes without naming it (`glossary.rs`),
    /// added to what is read.
    pub described: Option<String>,
    /// It asks for every level of the ladder (`topic::asks_for_the_whole_ladder`): a ladder
    /// passage shows them all.
    pub whole_ladder: bool,
}

impl Understood<'_> {
    /// Nothing but filler, emoji or punctuation: no meaning to look for. ("how to get in?" is
    /// all stop words, but its words name where the answer lives.)
    fn names_nothing(&self) -> bool {
        self.terms.is_empty() && self.targets.is_empty()
    }
}

/// Reads a question: corrects spelling, analyzes it, and recognises pay questions and roles.
pub fn understand<'a>(lib: &'a Library, text: &str) -> Understood<'a> {
    let understood = understand_words(lib, text);
    let understood = match move_described(lib, &understood) {
        // The moves answer it, as though it had named the role.
        Some(role) => Understood {
            targets: std::iter::once(Target::Section("next"))
                .chain(understood.targets)
                .collect(),
            described: Some(role.to_string()),
            ..understood
        },
        None => understood,
    };
    let understood = match rung_described_by_meaning(lib, &understood) {
        Some(level) => as_rung_named(understood, level),
        None => understood,
    };
    // "the thing that packs an app so it runs the same on any machine": a thing the guides name,
    // described by what it does, is read as named (`glossary.rs`).
    // Only where its words point nowhere: a topic they name is read better by them.
    let words_point = (understood.targets.iter()).any(|t| !matches!(t, Target::Rung(_)));
    let described = (understood.vector.as_deref())
        .filter(|_| !words_point && understood.described.is_none())
        .and_then(|vector| described_thing(lib, vector, &understood.corrected));
    match described {
        Some(name) => Understood {
            described: Some(name.to_string()),
            ..understand_words(lib, &format!("{text} ({name})"))
        },
        None => understood,
    }
}

/// The level of the rung a question describes by its duties, where it asks which level that is
/// ("the stage where someone checks all your work, what's it called?") or what someone it
/// describes earns ("pay for the person who runs a team and sits on hiring panels?"), names no
/// level itself and no gap (`glossary::RUNG_DESCRIBED`).
fn rung_described_by_meaning(lib: &Library, understood: &Understood) -> Option<Level> {
    if !asks_for_a_rung_described(understood) {
        return None;
    }
    let readings = rung_readings(lib, understood)?;
    (lib.glossary()).rung_described(&readings, glossary::RUNG_DESCRIBED)
}

/// The vectors a described rung is read from: the question whole, then each of its clauses of
/// three words or more (split at punctuation, a spaced dash and "and"), since a question that
/// lists several duties is heard whole as the one its loudest word names.
fn rung_readings(lib: &Library, understood: &Understood) -> Option<Vec<Vec<f32>>> {
    let described = without_what_it_is_not(&understood.corrected);
    let whole = match described == understood.corrected {
        true => understood.vector.clone()?,
        false => lib.search.embed(&described).ok()??,
    };
    let clauses = clauses_of(&described);
    let mut readings = vec![whole];
    if clauses.len() > 1 {
        readings.extend(lib.search.embed_each(&clauses).ok()??);
    }
    Some(readings)
}

/// The question without what it says the rung is not ("… on my own but isn't mentoring anybody
/// yet": the model hears "mentoring", not the "isn't"), from the "but" to the clause's end.
fn without_what_it_is_not(question: &str) -> String {
    const ENDS: [char; 5] = [',', ';', '?', '!', '.'];
    const NOT: &[&str] = &[
        "not", "isn't", "isnt", "aren't", "arent", "don't", "dont", "doesn't", "doesnt", "never",
        "haven't", "havent", "hasn't", "hasnt",
    ];
    let denies = |words: &str| {
        (words.split(|c: char| !c.is_alphanumeric() && c != '\'')).any(|word| NOT.contains(&word))
    };
    let mut kept = String::new();
    for clause in question.split_inclusive(ENDS) {
        // ASCII lowercasing keeps every byte where it was, so `at` indexes the clause too.
        let lower = clause.to_ascii_lowercase();
        let turn = [" but ", " though "].iter().find_map(|t| lower.find(t));
        match turn.filter(|&at| denies(&lower[at..])) {
            // A clause that is all denial goes whole, its mark with it.
            Some(0) => {}
            Some(at) => {
                kept.push_str(&clause[..at]);
                kept.push_str(&clause[clause.trim_end_matches(ENDS).len()..]);
            }
            None => kept.push_str(clause),
        }
    }
    kept
}

/// A question's clauses of three words or more.
fn clauses_of(question: &str) -> Vec<&str> {
    (question.split([',', ';', ':', '?', '!', '.', '—', '–']))
        .flat_map(|part| part.split(" - "))
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|clause| clause.split_whitespace().count() >= 3)
        .collect()
}

/// Whether `understood` asks which level it describes, or what someone it describes earns,
/// naming no level itself and no gap.
fn asks_for_a_rung_described(understood: &Understood) -> bool {
    let question = &understood.corrected;
    let level_named =
        (understood.targets.iter()).any(|t| matches!(t, Target::Rung(_) | Target::RungAbove(_)));
    let pay_unplaced =
        (understood.salary.as_ref()).map(|s| s.levels.is_empty() && s.years.is_none());
    let asked = match pay_unplaced {
        Some(unplaced) => unplaced && topic::describes_someone(question),
        None => topic::asks_for_a_rung(question),
    };
    asked
        && !level_named
        && understood.uncovered.is_none()
        && understood.described.is_none()
        && !topic::asks_beside_a_level(question)
}

/// `understood` read as naming `level`: its pay is that rung's, or the rung leads its answer.
fn as_rung_named(mut understood: Understood, level: Level) -> Understood {
    match understood.salary.as_mut() {
        Some(question) => question.levels = vec![level],
        None => understood.targets.insert(0, Target::Rung(level)),
    }
    understood.described = Some(level.as_str().to_string());
    understood
}

/// The role a question about moving on describes by the other job's work ("could I end up
/// training and shipping prediction models instead of writing APIs?", "what if later I want to
/// spend my days finding holes in systems before attackers do?"), when it names no role, no gap
/// and no pay, and its words don't already point at the moves.
fn move_described<'a>(lib: &'a Library, understood: &Understood) -> Option<&'a str> {
    let vocabulary = lib.vocabulary();
    let roles = vocabulary.next_roles();
    let lower = format!(
        " {} ",
        understood.corrected.to_lowercase().replace('-', " ")
    );
    // Read last: a `contains` per role name the guides list (thousands at 1,000 guides).
    let names_a_role = || roles.iter().any(|role| lower.contains(&format!(" {role}")));
    let pending = understood.uncovered.is_none()
        && understood.salary.is_none()
        && !understood.targets.contains(&Target::Section("next"))
        && topic::asks_about_a_move(&understood.corrected)
        && !names_a_role();
    if !pending {
        return None;
    }
    // Where its words point at a topic, the role must come closer to win over them.
    let words_point = (understood.targets.iter()).any(|t| !matches!(t, Target::Rung(_)));
    let at_least = if words_point {
        glossary::MOVE_DESCRIBED_OVER_WORDS
    } else {
        glossary::MOVE_DESCRIBED
    };
    let vector = understood.vector.as_deref()?;
    lib.glossary()
        .move_described(vector, roles, at_least)
        .map(|described| described.name)
}

/// The thing the guides name that `question` (whose vector is `vector`) describes: read whole,
/// or by one of its parts ("an in-memory key-value store, or something that holds jobs in line
/// for background workers: do the guides mention either?"), since the rest of a question dilutes
/// a description.
fn described_thing<'a>(lib: &'a Library, vector: &[f32], question: &str) -> Option<&'a str> {
    const FEWEST_WORDS: usize = 3;
    const MOST_PARTS: usize = 6;
    let glossary = lib.glossary();
    let closest = glossary.closest(vector)?;
    // A question nowhere near any description whole has none in its parts worth another pass
    // of the model.
    let parts_worth_reading = closest.closeness >= glossary::PARTS_WORTH_READING;
    if let Some(name) = closest.unnamed_in(question) {
        return Some(name);
    }
    if !parts_worth_reading {
        return None;
    }
    let parts: Vec<&str> = question
        .split([',', ';', ':', '?', '!', '.', '(', ')'])
        .flat_map(|part| part.split(" or "))
        .map(str::trim)
        .filter(|part| part.split_whitespace().count() >= FEWEST_WORDS)
        .take(MOST_PARTS)
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let vectors = lib.search.embed_each(&parts).ok().flatten()?;
    vectors
        .iter()
        .filter_map(|part| glossary.described(part, question))
        .next()
}

/// The level of the rung that the years of experience a question tells fall in, by the first
/// guide with a ladder ("3 years in" is the 2–5 year rung).
fn level_of_years_told(role: &Role, question: &str) -> Option<Level> {
    let words: Vec<String> = (super::vocabulary::words(question).into_iter())
        .map(|(_, _, word)| word)
        .collect();
    let years = intent::years_mentioned(&words)?;
    let guide = role.guides.iter().find(|g| !g.ladder.is_empty())?;
    let rung = salary::rung_for_years(guide, years)?;
    rung.levels.first().copied()
}

/// The question read as its words say it.
fn understand_words<'a>(lib: &'a Library, text: &str) -> Understood<'a> {
    let analyzer = lib.search.analyzer();
    let pay_words = lib.pay_words();
    let vocabulary = lib.vocabulary();
    let guide_names = vocabulary.guide_names();
    let text = &without_links_or_markup(text, |site| guide_names.is_site(site));
    // "anyway, …", "not the salary, the skills", "pretend you're my mentor and …": what the
    // message puts aside is not searched, and names no gap.
    let text = &set_aside::what_is_asked(text);
    let spelt_out = intent::read_shorthand(text);
    let (guide, unnamed) = guide_names.read(&spelt_out);
    let text = unnamed.as_str();
    let corrected = vocabulary.correct(analyzer, text);
    // A long message's meaning is its ask, not its story ("I teach maths …, I can't afford to
    // stop earning … Which routes into backend do the guides describe?").
    let long_ask = asked_in_a_long_message(&corrected);
    let focus = quote_asked_about(&corrected)
        .map(str::to_string)
        .or_else(|| long_ask.clone());
    let query = intent::without_filler(focus.as_deref().unwrap_or(&corrected));
    let mut seen = HashSet::new();
    let terms: Vec<String> = analyzer
        .terms(&query)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .collect();
    let lower = corrected.to_lowercase();
    let role = vocabulary
        .first_role_named(&lower)
        .and_then(|index| lib.catalog.roles.get(index))
        .or_else(|| lib.catalog.roles.first());
    // A long message's story may mention money ("I can't afford to stop earning"); its ask
    // says whether pay is the question.
    let mut salary = match &long_ask {
        Some(ask) if ask.split_whitespace().count() >= 6 => pay_words.salary_question(ask),
        _ => pay_words.salary_question(&corrected),
    };
    // A pay reading made only of words split between the story and the ask is no pay question
    // ("27, four years in IT support. Which certifications are worth it?": the years are told,
    // "worth it" asked of certifications); a story or an ask that is about pay on its own keeps
    // it ("3 years at an agency in Ohio. What should I be earning?"), and so does an amount told
    // ("I'm on 115k. Which level does that put me at?").
    if let Some((told, ask)) = told_then_asked(&corrected) {
        if pay_words.salary_question(told).is_none()
            && intent::amount_named(told).is_none()
            && pay_words.salary_question(ask).is_none()
        {
            salary = None;
        }
    }
    let meant = spelled_out(
        focus.as_deref().unwrap_or(&corrected),
        &lib.catalog.synonyms,
    );
    let vector = lib.search.embed(&meant).unwrap_or_else(|error| {
        tracing::warn!(%error, "embedding the question failed; ranking by words only");
        None
    });
    // As typed first: spelling correction turns words the guides never use into ones they do
    // ("joke" into "job"), and those words are what names a gap.
    let roles = &vocabulary.moves().next;
    let about_pay = salary.is_some();
    let mut uncovered = gap_named(lib, &vocabulary, text, &corrected, about_pay);
    // A gap named only after the first thing asked ("…, and how do I negotiate?") leaves that
    // first question to answer.
    let first = first_question(text).zip(first_question(&corrected));
    let mut asked_later = None;
    if let Some((typed_first, corrected_first)) = first.filter(|_| uncovered.is_some()) {
        // The first ask is read for pay on its own ("can I pivot to ML, and what do ML
        // engineers earn?" asks about pay only later).
        let first_salary = pay_words.salary_question(corrected_first);
        let first_pay = first_salary.is_some();
        if gap_named(lib, &vocabulary, typed_first, corrected_first, first_pay).is_none() {
            asked_later = uncovered.take();
            salary = first_salary;
        }
    }
    let mut targets = match first.filter(|_| asked_later.is_some()) {
        // The first ask is the one answered: its targets lead.
        Some((_, corrected_first)) => merged(
            topic::targets(corrected_first, roles),
            asked_last_first(&corrected, roles),
        ),
        None => asked_last_first(&corrected, roles),
    };
    if let Some(question) = salary
        .as_mut()
        .filter(|q| q.levels.is_empty() && q.years.is_none())
    {
        // "I'm on 115k, which level is that?": the rung whose band holds the amount.
        if let Some(amount) =
            intent::amount_named(&corrected).filter(|_| intent::asks_which_level(&corrected))
        {
            question.levels = role.map(|r| levels_paying(r, amount)).unwrap_or_default();
        }
    }
    let length = corrected.split_whitespace().count();
    if let Some(question) = salary
        .as_mut()
        .filter(|q| q.levels.is_empty() && q.years.is_none() && length <= 25)
    {
        // "pay for the person who mentors the juniors and designs systems that scale?": the one
        // rung whose focus says two or more of its words, when one alone does.
        let level = role.and_then(|r| {
            rung_sharing_words(
                r,
                analyzer,
                &describing_terms(analyzer, pay_words, r, &terms),
                2,
                false,
            )
        });
        if let Some(level) = level {
            question.levels = vec![level];
        }
    }
    // "which rung's focus is setting technical standards?": the rung that says so. A reverse
    // lookup is a short question; a long message shares words with every rung by chance.
    // ("which level is just below staff?" names its rung by a neighbour: "below" is no duty.)
    if salary.is_none()
        && length <= 20
        && intent::asks_which_level(&corrected)
        && !topic::asks_beside_a_level(&corrected)
    {
        let needed = if length <= 12 { 1 } else { 2 };
        if let Some(level) =
            role.and_then(|r| rung_sharing_words(r, analyzer, &terms, needed, true))
        {
            targets.retain(|t| *t != Target::Rung(level));
            targets.insert(0, Target::Rung(level));
        }
    }
    if let Some(question) = salary.as_mut() {
        // "what does the level after junior pay?": the pay of the rung above the level named.
        if let [named] = question.levels[..] {
            let above = Level::ALL.iter().find(|l| **l > named).copied();
            if let Some(above) = above.filter(|_| targets.contains(&Target::RungAbove(named))) {
                question.levels = vec![above];
            }
        }
    }
    // "3 years in, which rung is next for me?": the rung above the one those years fall in.
    let rung_above_asked = (targets.iter()).any(|t| matches!(t, Target::RungAbove(_)));
    if salary.is_none() && !rung_above_asked && topic::asks_onward(&corrected) {
        if let Some(level) = role.and_then(|r| level_of_years_told(r, &corrected)) {
            targets.retain(|t| *t != Target::Rung(level));
            targets.insert(0, Target::RungAbove(level));
        }
    }
    if salary.is_some() {
        // A pay question's level is answered by its figures, which lead the reply.
        targets.retain(|t| !matches!(t, Target::Rung(_)));
    }
    // A question asked before in other words is asked of that passage, whatever its words
    // point at (added 2026-12-07).
    if salary.is_none() && uncovered.is_none() {
        if let Some(target) = vector
            .as_deref()
            .and_then(|v| asked_target(lib, v, &targets))
        {
            targets.insert(0, target);
        }
    }
    // A name only one passage uses ("is LeetCode needed for interviews?") names that passage
    // before any topic.
    // A duty asked about stays the day's to answer ("write the schema migrations themselves").
    if let Some((key, site)) = vocabulary.sole_unit_named(analyzer, &corrected) {
        let at = usize::from(targets.first() == Some(&Target::Section("day")));
        // An exam or credential asked for stays first before a passage that only shares a
        // word with its description ("an exam about the system that orchestrates containers";
        // added 2026-12-06). A certificate may be a bootcamp's, which the ways in answer.
        let certification_asked = (targets.iter())
            .position(|t| *t == Target::Certifications)
            .filter(|_| topic::names_an_exam_or_credential(&corrected));
        let at = match certification_asked {
            Some(position) if !site && !key.contains("/certification/") => at.max(position + 1),
            _ => at,
        };
        let target = if site {
            Target::Named(key.to_string())
        } else {
            Target::Unit(key.to_string())
        };
        targets.insert(at, target);
    }
    let jobs = Target::Section("positions");
    if names_an_employer(lib, &lower) && !targets.contains(&jobs) {
        targets.push(jobs);
    }
    Understood {
        whole_ladder: topic::asks_for_the_whole_ladder(&corrected),
        targets,
        guide,
        described: None,
        salary,
        vector,
        uncovered,
        asked_later,
        corrected,
        query,
        terms,
        role,
        vocabulary,
    }
}

/// The section (or FAQ entry) a question is asked of by meaning: the passage one of whose
/// authored questions (`asked.toml`) is at least [`ASKED_NAMES_A_PASSAGE`] close to it, when the
/// targets its words gave don't already lead there and their own passages' authored questions
/// come at least [`ASKED_OVER_WORDS`] less close ("will they quiz me on making database lookups
/// faster?" is asked of the interview prompts, though its words name the skills). A section is
/// named as its topic, so the ranking still picks which guide's; an FAQ entry by its key.
fn asked_target(lib: &Library, vector: &[f32], targets: &[Target]) -> Option<Target> {
    let filter = Filter {
        kinds: &[DocKind::Section, DocKind::Faq],
        role: None,
    };
    let near = lib
        .search
        .nearest(vector, &filter, 10, Reading::Asked)
        .ok()?;
    let best = near.first().filter(|h| h.score >= ASKED_NAMES_A_PASSAGE)?;
    if targets.iter().any(|t| answers(best, t)) {
        return None;
    }
    let rival = (near.iter())
        .filter(|h| targets.iter().any(|t| answers(h, t)))
        .map(|h| h.score)
        .fold(0.0, f32::max);
    if best.score - rival < ASKED_OVER_WORDS {
        return None;
    }
    let key = best.doc.key.rsplit('/').next().unwrap_or_default();
    match best.doc.kind {
        DocKind::Section => SECTION_KEYS
            .iter()
            .find(|k| **k == key)
            .map(|k| Target::Section(k)),
        _ => Some(Target::Named(best.doc.key.clone())),
    }
}

/// How close to an authored question a question must come to be asked of its passage, and how
/// much closer than the passages its words point at: measured over every evaluation set on
/// 2026-12-07, 0.75 with 0.05 gained 33 covered rows and lost 7 (/faq), with 0.1 gained 33 and
/// lost 4 ("can backend devs move into devops later on?" stays with the moves, though an
/// overview's authored question is a little closer). Without the margin, and naming the
/// passage itself rather than its section, 48 gained and 25 lost.
const ASKED_NAMES_A_PASSAGE: f32 = 0.75;
const ASKED_OVER_WORDS: f32 = 0.1;

/// The question's terms that may describe a rung: pay words and the verbs that ask pay, the
/// role's name and where one works say nothing about the rung.
fn describing_terms(
    analyzer: &crate::search::Analyzer,
    pay_words: &intent::PayWords,
    role: &crate::guidance::Role,
    terms: &[String],
) -> Vec<String> {
    const ANYONE: &str = "make earn much get job jobs company companies role work";
    let mut saying_nothing = pay_words.pay_terms().clone();
    saying_nothing.extend(analyzer.terms(&role.name));
    saying_nothing.extend(analyzer.terms(ANYONE));
    (terms.iter())
        .filter(|t| !saying_nothing.contains(*t))
        .cloned()
        .collect()
}

/// The level of the one rung whose focus (and pay line, `with_pay_line`) shares the most of the
/// question's terms (at least `needed`), when one rung alone does: "which level gets involved
/// in hiring?".
fn rung_sharing_words(
    role: &crate::guidance::Role,
    analyzer: &crate::search::Analyzer,
    terms: &[String],
    needed: usize,
    with_pay_line: bool,
) -> Option<crate::content::model::Level> {
    let mut best: Option<(usize, crate::content::model::Level)> = None;
    let mut tied = false;
    for step in role.guides.iter().flat_map(|g| &g.ladder) {
        let said = match with_pay_line {
            true => format!("{} {}", step.focus, step.salary),
            false => step.focus.clone(),
        };
        let said: HashSet<String> = analyzer.terms(&said).into_iter().collect();
        let shared = terms.iter().filter(|t| said.contains(*t)).count();
        let level = *step.levels.first()?;
        match best {
            Some((most, _)) if shared < most => {}
            Some((most, found)) if shared == most => tied |= found != level,
            _ if shared > 0 => {
                best = Some((shared, level));
                tied = false;
            }
            _ => {}
        }
    }
    best.filter(|(shared, _)| !tied && *shared >= needed)
        .map(|(_, level)| level)
}

/// The levels of the rungs whose pay band holds `amount` (a band with no top holds every amount
/// from its bottom), across the role's guides that give numbers.
fn levels_paying(role: &crate::guidance::Role, amount: u32) -> Vec<crate::content::model::Level> {
    let mut levels = Vec::new();
    for step in role.guides.iter().flat_map(|g| &g.ladder) {
        let Some(min) = step.salary_min else { continue };
        if amount >= min && step.salary_max.is_none_or(|max| amount <= max) {
            for level in &step.levels {
                if !levels.contains(level) {
                    levels.push(*level);
                }
            }
        }
    }
    levels
}

/// The topic the guides do not cover that the question names, if any: by `content/scope.toml`'s
/// cues, as another role's work or way in, or as a certification the guides don't name. As
/// typed first: spelling correction turns words the guides never use into ones they do ("joke"
/// into "job"), and those words are what names a gap.
fn gap_named(
    lib: &Library,
    vocabulary: &Vocabulary,
    typed: &str,
    corrected: &str,
    about_pay: bool,
) -> Option<Uncovered> {
    let analyzer = lib.search.analyzer();
    let unknown =
        |word: &str| !vocabulary.knows(analyzer, word) && vocabulary.closest(word).is_none();
    // Whether an ask points back is read as corrected ("is it posible" is "is it possible").
    let asked = asked_without_context(typed, false).zip(asked_without_context(corrected, true));
    let asked = asked.as_ref().map(|(t, c)| (t.as_str(), c.as_str()));
    let scope_gap = scope::uncovered(
        &lib.catalog.scope,
        typed,
        corrected,
        asked,
        about_pay,
        &unknown,
    );
    // Another role or a certification told as context names no gap ("I'm a data engineer with
    // CompTIA certs. Which certifications are worth it?"); the ask is read.
    let ask = asked.map_or(corrected, |(_, ask)| ask);
    scope_gap
        .or_else(|| {
            let moves = vocabulary.moves();
            let asked = topic::other_role_asked(ask, &moves.next, &moves.only_listed)?;
            Some(match asked {
                topic::OtherRole::Work(role) => Uncovered {
                    topic: "another role's work".to_string(),
                    says: if vocabulary.roles_only_listed().iter().any(|r| r == role) {
                        format!(
                            "The guides name the {role} role only as a move from backend; they \
                         don't describe its own work, pay or way in."
                        )
                    } else {
                        format!(
                            "The guides name the {role} role only in passing; they don't describe \
                         its own work or pay."
                        )
                    },
                },
                topic::OtherRole::WayIn(role) => Uncovered {
                    topic: "another role's way in".to_string(),
                    says: format!(
                        "The guides describe ways into backend engineering, not into the \
                         {role} role; they name it only as a move from backend."
                    ),
                },
            })
        })
        .or_else(|| {
            let name = vocabulary.certification_not_named(lib.search.analyzer(), ask)?;
            Some(Uncovered {
                topic: "certifications the guides don't name".to_string(),
                says: format!(
                    "The guides don't name a {} certification; the nearest they have is below.",
                    as_typed(corrected, &name)
                ),
            })
        })
}

/// The words a question that asks more than one thing uses up to the end of its first ask,
/// context before it included ("I'm in Berlin. What's the median salary, and …" keeps Berlin):
/// None when it asks one thing only ("what's a senior's pay? in euros" asks one).
fn first_question(text: &str) -> Option<&str> {
    let lower = text.to_lowercase();
    let asks = asking_parts(&lower);
    let end = asks.first()?.1;
    (asks.len() >= 2 && lower.len() == text.len() && text.is_char_boundary(end))
        .then(|| &text[..end])
}

/// The parts of a message that ask, without the context it tells around them ("mobile dev
/// (kotlin/swift) here. what backend skills do i need?" asks only its second part); None when
/// every part asks, none does, or an asking part points back at the context ("I'm learning
/// Rust. Is it any good for backend?").
fn asked_without_context(text: &str, check_back: bool) -> Option<String> {
    let lower = text.to_lowercase();
    let asks = asking_parts(&lower);
    let told = lower[..asks.first()?.0].trim().len()
        + asks
            .windows(2)
            .map(|w| lower[w[0].1..w[1].0].trim().len())
            .sum::<usize>()
        + lower[asks.last()?.1..].trim().len();
    if told == 0 || lower.len() != text.len() {
        return None;
    }
    // `get`, not indexing: a character whose lower case is as long but cut differently must
    // not panic here.
    let asked: Vec<&str> = asks
        .iter()
        .map(|&(a, b)| text.get(a..b).map(str::trim))
        .collect::<Option<_>>()?;
    // A pointer after the first clause of an asking part points at that clause ("Postgres or
    // MySQL, do the guides name either of them?"), not back at what was told.
    let leads: Vec<&str> = asked
        .iter()
        .map(|part| part.split([',', ';', ':']).next().unwrap_or(part))
        .collect();
    let asked = asked.join(" ");
    (!check_back || !points_back(&leads.join(" ").to_lowercase())).then_some(asked)
}

/// A message as words: links, Discord mentions and code markup carry no question ("saw this on
/// https://www.reddit.com/r/… - do your guides agree?"), except a link to a guide's site, which
/// names the guide; a code fence's language tag is not a language asked about.
fn without_links_or_markup(text: &str, names_a_guide: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut after_fence = false;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let space = &piece[word.len()..];
        let bare = word.trim_matches(|c: char| "()[]<>\"'.,!?;:".contains(c));
        let lower = bare.to_lowercase();
        let link = lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
            || (lower.contains('/')
                && [".com", ".org", ".io", ".sh", ".dev", ".net"]
                    .iter()
                    .any(|tld| lower.contains(&format!("{tld}/"))));
        let mention = (bare.starts_with("<@") || bare.starts_with("<#") || bare.starts_with('@'))
            && bare.len() > 1;
        // "```python" opens a fence; "```zzqx```" is a word in code markup.
        let fenced_tag = word.starts_with("```") && word.len() > 3 && !word[3..].contains('`');
        if link && names_a_guide(site_name(&lower)) {
            // "skillexchange.com/careers/…" names a guide.
            out.push_str(site_name(&lower));
        } else if link || mention || fenced_tag {
            out.push(' ');
        } else if !(after_fence && word.is_empty()) {
            out.push_str(&word.replace('`', " "));
        }
        after_fence = fenced_tag;
        out.push_str(space);
    }
    out.trim().to_string()
}

/// The name of a link's site: "https://www.reddit.com/r/…" is "reddit".
fn site_name(link: &str) -> &str {
    let host = link
        .trim_start_matches("http://")
        .trim_start_matches("https://")
        .trim_start_matches("www.");
    let host = host.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len().checked_sub(2).map_or(host, |at| labels[at])
}

/// The quoted words of a message that asks about its quote: the rest of it is short and points
/// at the quote ("… - which guide says that?", "is that a real one?"), so the quote is what is
/// looked for; a quote told in passing ("my manager said we'd 'own the cloud side'. Is cloud
/// part of the job?") is not.
fn quote_asked_about(text: &str) -> Option<&str> {
    const POINTERS: &[&str] = &[
        "that", "this", "it", "line", "quote", "quoted", "wording", "says", "say", "said", "mean",
        "means", "true", "real", "legit", "context", "agree", "where", "which",
    ];
    let quote = quoted(text)?;
    let rest = text.replacen(quote, " ", 1).to_lowercase();
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    (words.len() <= 16 && words.iter().any(|w| POINTERS.contains(w))).then_some(quote)
}

/// Words someone quotes (three or more, in straight or curly quotes): the passage they quote is
/// what they ask about ("someone quoted 'AI writes the code but judgement is your edge' at me,
/// which guide says that?"). An apostrophe inside a word ("don't", "seniors'") is no quote.
fn quoted(text: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let is_word = |i: usize| chars.get(i).is_some_and(|(_, c)| c.is_alphanumeric());
    for (k, &(open_at, open)) in chars.iter().enumerate() {
        let close = match open {
            '"' => '"',
            '“' => '”',
            '\'' | '‘' => {
                // An opening quote starts a word and follows no letter.
                if k > 0 && is_word(k - 1) {
                    continue;
                }
                if open == '\'' {
                    '\''
                } else {
                    '’'
                }
            }
            _ => continue,
        };
        if !is_word(k + 1) {
            continue;
        }
        let end = chars[k + 1..].iter().enumerate().find(|&(j, &(_, c))| {
            let at = k + 1 + j;
            c == close && (close == '"' || close == '”' || !is_word(at + 1))
        });
        if let Some((j, &(close_at, _))) = end {
            let inner = text[open_at + open.len_utf8()..close_at].trim();
            if inner.split_whitespace().count() >= 3 && k + 1 + j > k + 1 {
                return Some(inner);
            }
        }
    }
    None
}

/// Words from which a message is long: its story outweighs its ask in every word-based or
/// meaning-based reading.
const LONG_MESSAGE_WORDS: usize = 40;

/// The asking parts of a long message that tells a story around them, when they stand on their
/// own (four words or more, not pointing back at the story): what is searched for.
fn asked_in_a_long_message(text: &str) -> Option<String> {
    if text.split_whitespace().count() < LONG_MESSAGE_WORDS {
        return None;
    }
    asked_without_context(text, true).filter(|asked| asked.split_whitespace().count() >= 4)
}

/// Whether asking words point back at something told before them: "that", "this", "them"…
/// (not "these days", nor the "that" of "is it true that I…"), or an "it" that stands for a
/// thing ("is it good for backend?"), not the "it" of "is it possible to…" or "is it worth…".
pub(super) fn points_back(asked: &str) -> bool {
    const BACK: &[&str] = &["that", "this", "these", "those", "them"];
    const NOT_BACK_BEFORE: &[&str] = &[
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "time",
        "i",
        "you",
        "we",
        "they",
        "a",
        "an",
        "the",
        "it",
        "my",
        "there",
        "people",
        "companies",
        // "that hard", "that big": a degree, not a pointer (added 2026-12-05); "that much" only
        // before a comparison (see `degree_of`).
        "big",
        "bad",
        "high",
        "low",
        "long",
        "different",
    ];
    const DUMMY_IT: &[&str] = &[
        "possible",
        "worth",
        "ok",
        "okay",
        "too",
        "hard",
        "easy",
        "realistic",
        "normal",
        "common",
        "true",
        "necessary",
        "required",
        "enough",
        "feasible",
        "smart",
        "wise",
        "late",
        "like",
        "better",
        "best",
        "fine",
        "a",
        "all",
    ];
    // Said between "it" and what it is: "is it even worth…", "is it really possible…".
    const ADVERBS: &[&str] = &[
        "even", "really", "still", "actually", "just", "truly", "honestly",
    ];
    let words: Vec<&str> = asked
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        (BACK.contains(w)
            && !words
                .get(i + 1)
                .is_some_and(|next| NOT_BACK_BEFORE.contains(next))
            // "now that AI writes endpoints", "so that": a conjunction, not a pointer.
            && !(*w == "that" && i > 0 && ["now", "so", "such"].contains(&words[i - 1]))
            // "that much higher" is a degree; "that much experience" points back.
            && !(*w == "that" && degree_of(&words[i + 1..])))
            || (*w == "it"
                // "worth it" points at nothing told.
                && !(i > 0 && words[i - 1] == "worth")
                && !words[i + 1..]
                    .iter()
                    .find(|next| !ADVERBS.contains(next))
                    .is_some_and(|next| DUMMY_IT.contains(next) || *next == "is"))
            // "which one should I take?", "either": a pick among things told ("which of the
            // entry routes" names what it picks from).
            || (*w == "which" && words.get(i + 1) == Some(&"one"))
            || *w == "either"
    })
}

/// Where each part of a question starts and ends: parts end at a question mark, at a
/// sentence's end, and before a joint that starts another ask (", and how…", "; also…"). Only
/// parts that ask (a question mark, or a question word first) are returned.
fn asking_parts(lower: &str) -> Vec<(usize, usize)> {
    const JOINTS: &[&str] = &[
        ", and ",
        "; ",
        ", also ",
        " also ",
        ", plus ",
        " and also ",
        // "Honest question from an introvert: do soft skills matter?"
        ": ",
    ];
    const ASKING: &[&str] = &[
        "what", "whats", "what's", "how", "which", "is", "are", "do", "does", "did", "can",
        "could", "should", "would", "will", "where", "when", "who", "why", "any", "whos",
    ];
    let mut cuts: Vec<usize> = Vec::new();
    for (at, c) in lower.char_indices() {
        let next_is_space = lower[at + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
        if c == '?' || (matches!(c, '.' | '!') && next_is_space) {
            cuts.push(at + c.len_utf8());
        }
    }
    for joint in JOINTS {
        for (at, _) in lower.match_indices(joint) {
            let rest = lower[at + joint.len()..].trim_start();
            let first_word = rest
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .next();
            if first_word.is_some_and(|w| ASKING.contains(&w)) {
                cuts.push(at);
            }
        }
    }
    // "I'm a React frontend dev, is switching to backend a recognised route?": who asks, told
    // in the first clause, is context to a question about backend after the comma ("I'm burned
    // out from on-call, what should I do?" asks about what it tells).
    const ASKER: &[&str] = &[
        "i'm ",
        "im ",
        "i am ",
        "i work ",
        "i've been ",
        "ive been ",
        "as a ",
        // Who asks told as where they come from ("Coming from that world, which backend
        // language …?"; added 2026-12-05).
        "coming from ",
        "as someone ",
        "with my background",
        "with that background",
        "with a background",
    ];
    const CONDITION: &[&str] = &[
        "if i ",
        "if i'm ",
        "if im ",
        "say i ",
        "say i'm ",
        "suppose ",
        "supposing ",
        "assuming ",
        "let's say ",
        "lets say ",
        "given that ",
        "once i ",
    ];
    for (at, _) in lower.match_indices(", ") {
        let sentence_start = cuts.iter().copied().filter(|&c| c <= at).max().unwrap_or(0);
        let told = lower[sentence_start..at].trim_start();
        let first_word = lower[at + 2..]
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .next();
        let sentence_end = cuts
            .iter()
            .copied()
            .filter(|&c| c > at)
            .min()
            .unwrap_or(lower.len());
        let about_backend = names_backend(&lower[at..sentence_end]);
        let asks = first_word.is_some_and(|w| ASKING.contains(&w));
        // "say I can already build a CRUD API in flask, which skills am I still missing?": a
        // supposition first is context to a full ask after it ("if I'm burned out, what should
        // I do?" is too short an ask to stand alone).
        let supposed = CONDITION.iter().any(|c| told.starts_with(c))
            && lower[at + 2..sentence_end].split_whitespace().count() >= 5;
        if asks && ((about_backend && ASKER.iter().any(|a| told.starts_with(a))) || supposed) {
            cuts.push(at + 1);
        }
    }
    cuts.push(lower.len());
    cuts.sort_unstable();
    cuts.dedup();
    let mut start = 0;
    let mut asking = Vec::new();
    for cut in cuts {
        let part = lower[start..cut].trim();
        if part.is_empty() {
            continue;
        }
        let first_word = part
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .find(|w| {
                !w.is_empty()
                    && !matches!(
                        *w,
                        "so" | "ok" | "okay" | "and" | "also" | "hey" | "hi" | "well" | "but"
                    )
            });
        if part.ends_with('?') || first_word.is_some_and(|w| ASKING.contains(&w)) {
            asking.push((start, cut));
        }
        start = cut;
    }
    asking
}

/// Where the answer lives, for a message that tells its context first and asks last ("I'm a
/// sysadmin … What should I be able to do?"): the asking sentence's targets lead, the context's
/// follow. A message of one sentence is read whole.
fn asked_last_first(text: &str, next_roles: &topic::RoleList) -> Vec<Target> {
    let whole = topic::targets(text, next_roles);
    let sentences: Vec<&str> = sentences(text)
        .into_iter()
        .filter(|s| s.split_whitespace().count() >= 3)
        .collect();
    if sentences.len() < 2 {
        return whole;
    }
    // The last sentence asks when it opens with a question word, even unpunctuated ("… after
    // 18 months? what does the next level up look like").
    const QUESTION_WORDS: &[&str] = &["what", "which", "how", "where", "when", "why", "who"];
    let last = sentences[sentences.len() - 1];
    let opens_asking = (last.split_whitespace().next())
        .is_some_and(|w| QUESTION_WORDS.contains(&w.to_lowercase().as_str()));
    let asking: &str = if opens_asking {
        last
    } else {
        (sentences.iter().rev())
            .find(|s| s.ends_with('?'))
            .copied()
            .unwrap_or(last)
    };
    // "My plan is to hit senior by year 4. Is that faster than the ladder shows?" asks about
    // what it told: read whole. So does a last part that goes on from the one before ("… is it
    // system design, coding, or both? and do they ask database stuff too?"; added 2026-12-06).
    const GOING_ON: &[&str] = &["and", "also", "plus", "or"];
    let goes_on = (asking.split_whitespace().next())
        .is_some_and(|w| GOING_ON.contains(&w.to_lowercase().as_str()));
    // "just made senior! what's next on the ladder for me?" asks past the rung told before it:
    // the whole message knows which (added 2026-12-07).
    let asked = topic::targets(asking, next_roles);
    let past_a_rung =
        |targets: &[Target]| (targets.iter()).any(|t| matches!(t, Target::RungAbove(_)));
    let onward_from_told =
        topic::asks_onward(asking) && past_a_rung(&whole) && !past_a_rung(&asked);
    if goes_on || onward_from_told || asks_about_what_was_told(asking) {
        return whole;
    }
    merged(asked, whole)
}

/// The targets of the part asked, then the others' not among them. The rung above a level is
/// what "what's next" asks of it, so it goes before the moves elsewhere even when the level is
/// told in one part and "next" asked in another.
fn merged(mut asked: Vec<Target>, others: Vec<Target>) -> Vec<Target> {
    for target in others {
        if !asked.contains(&target) {
            asked.push(target);
        }
    }
    let next_at = asked.iter().position(|t| *t == Target::Section("next"));
    let above_at = (asked.iter()).position(|t| matches!(t, Target::RungAbove(_)));
    if let (Some(next_at), Some(above_at)) = (next_at, above_at) {
        if above_at > next_at {
            let above = asked.remove(above_at);
            asked.insert(next_at, above);
        }
    }
    asked
}

/// "much higher", "many more", "far better": a degree of a comparison.
fn degree_of(after: &[&str]) -> bool {
    let compared = |w: &str| {
        ["more", "less", "fewer", "better", "worse"].contains(&w)
            || (w.len() > 4 && w.ends_with("er"))
    };
    matches!(after, [much, next, ..] if ["much", "many", "far"].contains(much) && compared(next))
}

/// Whether a question opens on what was told before it: "is that …", "does this …", "would
/// that …" ("how do I explain it simply?" names what it asks after its verb).
fn asks_about_what_was_told(question: &str) -> bool {
    let lower = question.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty() && !matches!(*w, "so" | "and" | "but" | "ok" | "okay"))
        .take(2)
        .collect();
    matches!(
        words.as_slice(),
        [
            "is" | "was" | "does" | "did" | "would" | "will" | "could" | "can" | "should",
            "that" | "this"
        ]
    )
}

/// A message of statements followed by one question, split there: what it tells, and what it
/// asks. None when the last sentence asks nothing or an earlier one asks too.
fn told_then_asked(text: &str) -> Option<(&str, &str)> {
    let parts = sentences(text);
    let (ask, told) = parts.split_last()?;
    if told.is_empty() || !ask.ends_with('?') || told.iter().any(|s| s.ends_with('?')) {
        return None;
    }
    let at = text.rfind(ask)?;
    Some((text[..at].trim(), ask))
}

/// The sentences of `text`, each with its closing mark: a full stop ends one only before a
/// space ("Node.js" is one word).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if matches!(c, '?' | '!') || (c == '.' && next_is_space) {
            let end = at + c.len_utf8();
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// `word` (lowercase) as the question spelt it ("MongoDB").
fn as_typed(text: &str, word: &str) -> String {
    super::vocabulary::words(text)
        .into_iter()
        .find(|(_, _, w)| w == word)
        .map_or_else(
            || word.to_string(),
            |(start, end, _)| text[start..end].to_string(),
        )
}

/// Whether the question names a company the guides name as hiring (their only word on it).
fn names_an_employer(lib: &Library, lower: &str) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .collect();
    lib.catalog
        .roles
        .iter()
        .flat_map(|role| &role.guides)
        .filter_map(|guide| guide.positions.as_ref())
        .flat_map(|positions| &positions.employers)
        .any(|employer| {
            let employer: Vec<String> = employer
                .to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect();
            words
                .windows(employer.len())
                .any(|w| w.iter().zip(&employer).all(|(a, b)| a == b))
        })
}

/// The question with its abbreviations spelled out after them ("SRE" → "SRE (site reliability
/// engineer)"), from the synonym groups: the model knows words better than the job's acronyms.
fn spelled_out(question: &str, synonyms: &crate::content::model::SynonymsFile) -> String {
    let lower = question.to_lowercase();
    let words: HashSet<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = question.to_string();
    for group in &synonyms.groups {
        let named = group
            .iter()
            .any(|m| m.chars().count() <= 5 && !m.contains(' ') && words.contains(m.as_str()));
        let longest = group.iter().max_by_key(|m| m.chars().count());
        if let (true, Some(longest)) = (named, longest) {
            if !lower.contains(longest.as_str()) {
                out.push_str(&format!(" ({longest})"));
            }
        }
    }
    out
}

impl Understood<'_> {
    /// How well an FAQ entry fits this question by its words alone.
    pub fn fit(&self, lib: &Library, entry: &FaqEntry) -> f32 {
        fit(lib.search.analyzer(), &self.vocabulary, &self.terms, entry)
    }

    /// How close in meaning a hit is to the question (None without the model).
    fn meaning(&self, lib: &Library, hit: &Hit) -> Option<f32> {
        lib.search.similarity(self.vector.as_deref()?, hit)
    }
}

/// An FAQ entry this close in meaning to the question answers it, whatever words it uses.
pub const FAQ_MEANING_FIT: f32 = 0.65;
/// An entry this close in meaning answers even when the question's words name another topic.
pub const FAQ_MEANING_OVER_TOPIC: f32 = 0.8;
/// Below this closeness in meaning, shared words do not make an entry fit ("best laptop" is not
/// "the best backend languages").
pub const FAQ_MEANING_FLOOR: f32 = 0.45;
/// When the best guide passage is less close in meaning than this, the guides do not cover the
/// question: calibrated on the uncovered questions of `tests/data/guidance_eval/tune.toml`.
pub const COVERED_SIMILARITY: f32 = 0.45;

/// An entry's fit from its words (`lexical`, 0 to 1) and its closeness in meaning (`meaning`,
/// cosine similarity), on the words' scale: a close meaning lifts the fit over the threshold, a
/// distant one keeps shared words from carrying it over.
pub(crate) fn combined_fit(lexical: f32, meaning: Option<f32>) -> f32 {
    match meaning {
        None => lexical,
        Some(m) if m >= FAQ_MEANING_FIT => lexical.max(FIT_THRESHOLD + (m - FAQ_MEANING_FIT)),
        Some(m) if m < FAQ_MEANING_FLOOR => lexical.min(NEARBY_FIT),
        Some(_) => lexical,
    }
}

/// Whether `terms` has `term`, or, for a clipped word of four letters or more ("prep",
/// "interv"), a term it begins.
fn contains(terms: &HashSet<String>, term: &str) -> bool {
    terms.contains(term) || (term.chars().count() >= 4 && terms.iter().any(|t| t.starts_with(term)))
}

/// How well an FAQ entry fits a question's terms, from 0 (nothing in common) to 1.
pub fn fit(
    analyzer: &Analyzer,
    vocabulary: &Vocabulary,
    terms: &[String],
    entry: &FaqEntry,
) -> f32 {
    let question: HashSet<String> = analyzer.terms(&entry.question).into_iter().collect();
    let answer: HashSet<String> = analyzer.terms(&entry.answer).into_iter().collect();
    let mut total = 0.0;
    let mut covered = 0.0;
    for term in terms {
        let weight = match vocabulary.weight(term) {
            w if w > 0.0 => w,
            _ if term.chars().count() >= UNKNOWN_WORD_MIN_CHARS => vocabulary.rarest_weight(),
            _ => continue,
        };
        total += weight;
        if contains(&question, term) {
            covered += weight;
        } else if contains(&answer, term) {
            covered += weight * ANSWER_ONLY_CREDIT;
        }
    }
    if total == 0.0 {
        0.0
    } else {
        covered / total
    }
}

/// The share of a question's weight (terms the content knows, by inverse document frequency)
/// that a passage contains. BM25 alone lets a short title full of common words ("What is a
/// backend engineer?") beat the one passage with the question's rare word ("degree").
fn coverage(weights: &[(String, f32)], present: &HashSet<String>) -> f32 {
    let total: f32 = weights.iter().map(|(_, w)| w).sum();
    if total == 0.0 {
        return 1.0;
    }
    let covered: f32 = weights
        .iter()
        .filter(|(t, _)| present.contains(t))
        .map(|(_, w)| w)
        .sum();
    covered / total
}

/// The FAQ entry a search hit stands for.
fn faq_entry<'a>(lib: &'a Library, key: &str) -> Option<(&'a Role, &'a FaqEntry)> {
    let mut parts = key.split('/');
    let (role_id, source, kind, index) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if kind != DocKind::Faq.as_str() || parts.next().is_some() {
        return None;
    }
    let role = lib.catalog.role_by_id(role_id)?;
    let guide = role.guides.iter().find(|g| g.source.id == source)?;
    Some((role, guide.faq.get(index.parse::<usize>().ok()?)?))
}

/// An FAQ hit with its fit.
struct Scored {
    hit: Hit,
    fit: f32,
    /// How close in meaning it is (None without the model).
    meaning: Option<f32>,
}

/// Whether an FAQ entry asks about pay: it answers pay questions only.
fn is_pay_entry(lib: &Library, entry: &FaqEntry) -> bool {
    lib.pay_words().salary_question(&entry.question).is_some()
}

/// The entry that answers the question, if one fits. An entry that fits by its words but is not
/// very close in meaning yields to a topic the question names elsewhere ("what does a backend
/// engineer do all day" shares words with "What is a backend engineer?" but asks about the day).
/// A question naming a guide without an FAQ ("what does the path guide say …") is answered from
/// that guide, not by an entry.
fn answering_entry(scored: &[Scored], understood: &Understood) -> Option<usize> {
    let targets = &understood.targets;
    let best = scored
        .first()
        .filter(|s| s.fit >= FIT_THRESHOLD && from_named(&s.hit, &understood.guide))?;
    let close = best.meaning.is_some_and(|m| m >= FAQ_MEANING_OVER_TOPIC);
    let on_topic = targets.is_empty() || targets.iter().any(|t| answers(&best.hit, t));
    (close || on_topic).then_some(0)
}

/// FAQ entries for a question, best fit first (search score breaks ties).
fn scored_faq(lib: &Library, understood: &Understood) -> Result<Vec<Scored>> {
    let filter = Filter {
        kinds: &[DocKind::Faq],
        role: None,
    };
    let mut hits = lib.search.search_ranked(&understood.query, &filter, 10)?;
    if let Some(vector) = &understood.vector {
        for near in lib.search.nearest(vector, &filter, 5, Reading::Text)? {
            if !hits.iter().any(|h| h.doc.key == near.doc.key) {
                let mut near = near;
                near.score = 0.0;
                hits.push(near);
            }
        }
    }
    let mut scored: Vec<Scored> = hits
        .into_iter()
        .filter_map(|hit| {
            let (_, entry) = faq_entry(lib, &hit.doc.key)?;
            // One word ("roadmap") carries too little meaning for the model to judge.
            let meaning = understood
                .meaning(lib, &hit)
                .filter(|_| understood.terms.len() > 1);
            let mut fit = combined_fit(understood.fit(lib, entry), meaning);
            // The pay entry answers pay questions only: "can backend engineers work remote"
            // shares its words ("remote backend engineer jobs … push toward the higher end").
            // And a pay question is not answered by an entry about something else ("wat do
            // backend engineers get paid" shares words with "what is a backend engineer?").
            if is_pay_entry(lib, entry) != understood.salary.is_some() {
                fit = fit.min(NEARBY_FIT);
            }
            Some(Scored { hit, fit, meaning })
        })
        .collect();
    scored.sort_by(|a, b| {
        b.fit
            .total_cmp(&a.fit)
            .then(b.hit.score.total_cmp(&a.hit.score))
    });
    Ok(scored)
}

/// The salary figures a pay question leads with (or follows with, see `faq_reply`).
fn salary_embed(understood: &Understood) -> Option<Embed> {
    let question = understood.salary.as_ref()?;
    salary::lead_embed(understood.role?, question)
}

/// Whether a pay question names a level or years: then its figures lead the reply.
fn names_level(understood: &Understood) -> bool {
    understood
        .salary
        .as_ref()
        .is_some_and(|q| !q.levels.is_empty() || q.years.is_some())
}

/// The reply for a fitting FAQ entry and up to three related entries.
fn faq_reply(
    lib: &Library,
    understood: &Understood,
    best: &Hit,
    related: &[&Hit],
) -> Result<Reply> {
    let Some((_, entry)) = faq_entry(lib, &best.doc.key) else {
        return Err(Error::Config(format!(
            "FAQ entry {} vanished",
            best.doc.key
        )));
    };
    let source = hit_source_line(&lib.catalog, best);
    let mut embed = Embed::new(escape_markdown_light(&entry.question))
        .description(with_source(
            &escape_markdown_light(&entry.answer),
            &source,
            4096,
        ))
        .color(colors::ANSWER);
    let mut citations = vec![citation(&lib.catalog, &best.doc.role, &best.doc.source).to_string()];
    let mut buttons = Vec::new();
    for hit in related {
        let Some((_, other)) = faq_entry(lib, &hit.doc.key) else {
            continue;
        };
        embed = embed.field(
            format!("Related: {}", escape_markdown_light(&other.question)),
            with_source(
                &truncate_chars(&escape_markdown_light(&other.answer), 300),
                &hit_source_line(&lib.catalog, hit),
                1024,
            ),
            false,
        );
        let line = citation(&lib.catalog, &hit.doc.role, &hit.doc.source).to_string();
        if !citations.contains(&line) {
            citations.push(line);
        }
        buttons.push(Button {
            custom_id: format!("{CUSTOM_ID_PREFIX}:{}", hit.doc.key),
            label: truncate_chars(&other.question, 80),
            style: ButtonStyle::Secondary,
            disabled: false,
        });
    }
    embed = embed.footer(citations.join("\n"));
    let mut embeds = vec![embed];
    if let Some(figures) = salary_embed(understood) {
        // A level-specific pay question leads with that level's figures; a general one gets the
        // guide's own answer first and every guide's figures after it.
        if names_level(understood) {
            embeds.insert(0, figures);
        } else {
            embeds.push(figures);
        }
    }
    Ok(Reply::Message(Message {
        embeds,
        buttons: if buttons.is_empty() {
            Vec::new()
        } else {
            vec![buttons]
        },
        ..Message::default()
    }))
}

/// One passage to show: a FAQ entry, a guide section, a ladder rung, the pay figures, a
/// guide's certifications, or an interview question.
struct Passage {
    /// What identifies it, so the same section is not shown twice.
    id: String,
    title: String,
    /// The whole text (the lead passage shows it all).
    text: String,
    /// The matched stretch with the query's words in bold (other passages show this).
    snippet: String,
    source_line: String,
    citation: String,
}

fn passage(lib: &Library, hit: &Hit, query_terms: &[String], whole_ladder: bool) -> Passage {
    let source_line = hit_source_line(&lib.catalog, hit);
    let citation = citation(&lib.catalog, &hit.doc.role, &hit.doc.source).to_string();
    let guide = lib
        .catalog
        .role_by_id(&hit.doc.role)
        .and_then(|r| r.guides.iter().find(|g| g.source.id == hit.doc.source));
    let index = hit
        .doc
        .key
        .rsplit('/')
        .next()
        .and_then(|i| i.parse::<usize>().ok());
    let mut id = hit.doc.key.clone();
    let (title, text, snippet) = match (hit.doc.kind, guide) {
        (DocKind::Certification, Some(guide)) => {
            // One certification is shown as the guide's whole list: people ask "which certs".
            id = format!("{}/{}/certifications", hit.doc.role, hit.doc.source);
            let section = guide
                .sections()
                .into_iter()
                .find(|s| s.key == "certifications");
            let body = section.map_or_else(|| hit.doc.body.clone(), |s| s.body);
            ("Certifications".to_string(), body.clone(), body)
        }
        (DocKind::Ladder, Some(guide)) if whole_ladder => {
            // The whole ladder asked for: every rung of this guide, not the one that ranked.
            id = format!("{}/{}/ladder", hit.doc.role, hit.doc.source);
            let text = guide.ladder.iter().map(ladder_summary).collect::<Vec<_>>();
            let steps = guide
                .ladder
                .iter()
                .map(|step| format!("{} · {}", step.title, step.years));
            (
                "Career ladder".to_string(),
                text.join("\n"),
                steps.collect::<Vec<_>>().join(" → "),
            )
        }
        (DocKind::Ladder, Some(guide)) => {
            let text = index
                .and_then(|i| guide.ladder.get(i))
                .map_or_else(|| hit.doc.body.clone(), ladder_line);
            (hit.doc.title.clone(), text.clone(), text)
        }
        (DocKind::Faq, _) => (
            hit.doc.title.clone(),
            escape_markdown_light(&hit.doc.body),
            escape_markdown_light(&hit.doc.body),
        ),
        _ => (
            hit.doc.title.clone(),
            escape_markdown_light(&hit.doc.body),
            lib.search.snippet(&hit.doc.body, query_terms),
        ),
    };
    Passage {
        id,
        title,
        text,
        snippet,
        source_line,
        citation,
    }
}

/// One rung in a whole ladder: "• Entry: Junior Backend Engineer · 0–2 yrs — its focus's first
/// sentence · Pay: …".
fn ladder_summary(step: &crate::content::model::LadderStep) -> String {
    let label = crate::content::sections::rung_label(step);
    let focus = step
        .focus
        .split_inclusive(". ")
        .next()
        .unwrap_or(&step.focus)
        .trim();
    format!(
        "• {label}**{}** · {} — {} · Pay: {}",
        escape_markdown_light(&step.title),
        step.years,
        escape_markdown_light(focus),
        step.salary
    )
}

/// The passages for hits, without showing one section twice; a rung as its guide's whole
/// ladder when the question asks for every level.
fn passages(
    lib: &Library,
    hits: &[Hit],
    limit: usize,
    query: &str,
    whole_ladder: bool,
) -> Vec<Passage> {
    let mut seen = HashSet::new();
    let terms = lib.search.query_terms(query);
    // Lazily, so only the passages shown are highlighted.
    hits.iter()
        .map(|hit| passage(lib, hit, &terms, whole_ladder))
        .filter(|p| seen.insert(p.id.clone()))
        .take(limit)
        .collect()
}

/// The passages an answer shows: the one that answers and at most [`SUPPORTING`] after it.
fn answer_passages(lib: &Library, hits: &[Hit], understood: &Understood) -> Vec<Passage> {
    passages(
        lib,
        hits,
        1 + SUPPORTING,
        &understood.query,
        understood.whole_ladder,
    )
}

/// Passages shown after the answer, at most.
const SUPPORTING: usize = 2;
/// Related FAQ entries shown after a fitting one, at most.
const RELATED: usize = 2;

/// An embed of passages, answer first: the first whole under its own title, the rest as
/// highlighted excerpts.
fn passages_embed(passages: &[Passage]) -> Option<Embed> {
    let (first, rest) = passages.split_first()?;
    let mut embed = Embed::new(truncate_chars(&first.title, 256))
        .description(with_source(&first.text, &first.source_line, 3000))
        .color(colors::ANSWER);
    let mut citations = vec![first.citation.clone()];
    for p in rest {
        embed = embed.field(
            truncate_chars(&p.title, 256),
            with_source(&truncate_chars(&p.snippet, 400), &p.source_line, 1024),
            false,
        );
        if !citations.contains(&p.citation) {
            citations.push(p.citation.clone());
        }
    }
    Some(embed.footer(citations.join("\n")))
}

fn echo(text: &str) -> String {
    truncate_chars(&escape_user_text(text.trim()), 200)
}

fn nothing_found(query: &str) -> Reply {
    Reply::notice(format!(
        "The guides have nothing about “{}”. Try other words, or `/help` for what I can answer.",
        echo(query)
    ))
}

/// What `/faq` and `/ask` search: FAQ entries and the guides' passages.
const GUIDE_PASSAGES: &[DocKind] = &[
    DocKind::Faq,
    DocKind::Section,
    DocKind::Ladder,
    DocKind::Pay,
    DocKind::Certification,
];

/// How much a certification's score is kept when the question is not about certifications.
const CERTIFICATION_OFF_TOPIC: f32 = 0.25;
/// How much a passage's score is raised when the question names its topic ("tools", "projects",
/// "certs"): a section's own heading may not ("Prove it" lists the projects).
const TOPIC_NAMED: f32 = 2.0;
/// Sections whose `/role` name is a word people use for the topic. Not `entry` (the analyzer
/// folds it into "junior") nor `next` (too common a word).
const TOPIC_SECTIONS: &[&str] = &[
    "overview", "skills", "tools", "ladder", "day", "ai", "outlook", "projects",
];
/// How much the pay entry's score is kept for a question not about pay.
const PAY_ENTRY_OFF_TOPIC: f32 = 0.3;
/// How much a non-fitting FAQ entry's score is kept against guide passages (`/ask`).
const FAQ_NOT_FITTING: f32 = 0.5;

/// Hits of `kinds` for a question, best first. On top of the index's ranking: a certification
/// answers only questions about certifications (their names — AWS, Docker, Kubernetes, Google
/// Cloud — would otherwise outrank the skills and tools lists for any question naming a tool),
/// and an FAQ entry that does not fit the question ranks below the guide passages.
fn ranked_hits(lib: &Library, understood: &Understood, kinds: &[DocKind]) -> Result<Vec<Hit>> {
    let mut hits =
        lib.search
            .search_ranked(&understood.query, &Filter { kinds, role: None }, 20)?;
    let analyzer = lib.search.analyzer();
    let weights: Vec<(String, f32)> = understood
        .terms
        .iter()
        .map(|t| (t.clone(), understood.vocabulary.weight(t)))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    let weighted: Vec<String> = weights.iter().map(|(t, _)| t.clone()).collect();
    let present = lib.search.terms_present(&hits, &weighted)?;
    let certification_terms = analyzer.terms("certification");
    let about_certifications = understood
        .terms
        .iter()
        .any(|t| certification_terms.contains(t));
    for (hit, present) in hits.iter_mut().zip(&present) {
        match hit.doc.kind {
            DocKind::Certification if !about_certifications => {
                hit.score *= CERTIFICATION_OFF_TOPIC;
            }
            DocKind::Certification => hit.score *= TOPIC_NAMED,
            DocKind::Section => {
                let key = hit.doc.key.rsplit('/').next().unwrap_or_default();
                let named = TOPIC_SECTIONS.contains(&key)
                    && analyzer
                        .terms(key)
                        .iter()
                        .any(|t| understood.terms.contains(t));
                if named {
                    hit.score *= TOPIC_NAMED;
                }
            }
            DocKind::Faq => {
                let fits = faq_entry(lib, &hit.doc.key).is_some_and(|(_, e)| {
                    understood.fit(lib, e) >= FIT_THRESHOLD
                        && (understood.salary.is_some() || !is_pay_entry(lib, e))
                });
                if !fits {
                    hit.score *= FAQ_NOT_FITTING;
                }
            }
            _ => {}
        }
        // Half the score stands on BM25 (which weighs a match in a heading), half on coverage.
        hit.score *= 0.5 + 0.5 * coverage(&weights, present);
    }
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    let targets = understood.targets.clone();
    let about_levels = understood.salary.is_some()
        || targets.iter().any(|t| matches!(t, Target::RungAbove(_)))
        || intent::years_mentioned(&understood.terms).is_some()
        || understood.terms.iter().any(|t| Level::parse(t).is_some());
    let mut hits = match &understood.vector {
        Some(vector) => {
            // With a topic, every unit is a candidate, so the section it names is among them.
            let limit = if targets.is_empty() { 20 } else { 200 };
            let near = lib.search.nearest(
                vector,
                &Filter { kinds, role: None },
                limit,
                Reading::TextAndAsked,
            )?;
            fuse(hits, near)
        }
        None => hits,
    };
    if understood.salary.is_none() {
        // The pay entry's words ("remote", "senior") are near many questions, by words and by
        // meaning alike; it answers pay questions only.
        for hit in hits.iter_mut().filter(|h| h.doc.kind == DocKind::Faq) {
            if faq_entry(lib, &hit.doc.key).is_some_and(|(_, e)| is_pay_entry(lib, e)) {
                hit.score *= PAY_ENTRY_OFF_TOPIC;
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    }
    if !about_levels {
        // A rung answers questions about levels, years or pay; otherwise its short, generic
        // text ("Backend Engineer (2–5 yrs)") is only near the question's job title.
        for hit in hits.iter_mut().filter(|h| h.doc.kind == DocKind::Ladder) {
            hit.score *= LADDER_DAMPING;
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    }
    Ok(named_guide_first(
        topic_first(hits, &targets),
        &understood.guide,
        &targets,
    ))
}

/// How near the top a passage of the guide the question names must be to lead, without a topic.
const NAMED_GUIDE_WITHIN: usize = 5;

/// Whether a hit comes from where the question asked the answer to come from.
fn from_named(hit: &Hit, named: &GuideNamed) -> bool {
    named.source.as_ref().is_none_or(|s| *s == hit.doc.source)
        && (!named.faq || hit.doc.kind == DocKind::Faq)
}

/// The best passage of the guide (or the FAQ) the question names first ("what's above senior
/// in the path guide?"): among the passages on the question's topic when it names one, else
/// among the first few, so a guide with nothing on the question does not answer it.
fn named_guide_first(mut hits: Vec<Hit>, named: &GuideNamed, targets: &[Target]) -> Vec<Hit> {
    if !named.is_some() {
        return hits;
    }
    let candidates = if targets.is_empty() {
        NAMED_GUIDE_WITHIN.min(hits.len())
    } else {
        hits.iter()
            .take_while(|h| targets.iter().any(|t| answers(h, t)))
            .count()
    };
    if let Some(at) = hits[..candidates].iter().position(|h| from_named(h, named)) {
        let hit = hits.remove(at);
        hits.insert(0, hit);
    }
    hits
}

/// How near the top of the ranking a passage named by a name only it uses must be to lead.
const UNIT_NAMED_WITHIN: usize = 3;

/// The hits of the question's topic first, in the topic's order, then the rest as ranked.
fn topic_first(hits: Vec<Hit>, targets: &[Target]) -> Vec<Hit> {
    // A passage named by a name only it uses leads only when the ranking also found it near the
    // top: the word list lacks some ordinary words ("schema"), which name passages by chance.
    let named_near_top = |key: &String| {
        hits.iter()
            .take(UNIT_NAMED_WITHIN)
            .any(|h| h.doc.key == *key)
    };
    let targets: Vec<Target> = targets
        .iter()
        .filter(|t| !matches!(t, Target::Unit(key) if !named_near_top(key)))
        .cloned()
        .collect();
    let targets = &targets[..];
    if targets.is_empty() {
        return hits;
    }
    // A skills list and a tools list are one topic in the two guides' words: which of them
    // names what was asked is the ranking's to say ("Redis or a message queue" is in one guide's
    // tools, "Spring Boot, Django, or Express.js" in the other's skills).
    let family = |t: &Target| match t {
        Target::Section("tools") => Target::Section("skills"),
        other => other.clone(),
    };
    let place = |hit: &Hit| {
        let at = targets.iter().position(|t| answers(hit, t))?;
        targets
            .iter()
            .position(|t| family(t) == family(&targets[at]))
    };
    let (mut on_topic, rest): (Vec<Hit>, Vec<Hit>) =
        hits.into_iter().partition(|h| place(h).is_some());
    // Stable: within one target the ranking's order stays, except that the rungs above a level
    // come nearest first (after senior: lead before principal) and a level's own rung before a
    // rung it shares ("Lead" before "Senior/Lead").
    // Within a place, a passage that also answers more of the question's other targets first
    // ("remote options for seniors": the senior rung that mentions remote work). A rung that
    // covers two levels does not count for them: a "Senior/Lead" rung covers both levels of
    // "lead vs senior" without telling them apart. Each key is computed once: it tests the hit
    // against every target, some of which read the passage's words.
    on_topic.sort_by_cached_key(|h| {
        let at = place(h);
        let shared_rung = rung_levels(h).len() > 1;
        let answered = targets
            .iter()
            .filter(|t| !(shared_rung && matches!(t, Target::Rung(_))) && answers(h, t))
            .count();
        let order = match at.map(|i| &targets[i]) {
            Some(Target::Rung(_)) => Some(rung_levels(h).len()),
            _ => lowest_level(h).map(|l| l as usize),
        };
        (at, std::cmp::Reverse(answered), order)
    });
    on_topic.extend(rest);
    on_topic
}

/// The lowest level a rung covers (None for other hits, which keeps their order).
fn lowest_level(hit: &Hit) -> Option<Level> {
    rung_levels(hit).into_iter().min()
}

/// The levels a rung covers (none for other hits).
fn rung_levels(hit: &Hit) -> Vec<Level> {
    if hit.doc.kind != DocKind::Ladder {
        return Vec::new();
    }
    hit.doc
        .body
        .lines()
        .find_map(|line| line.strip_prefix("Level:"))
        .map(|levels| levels.split_whitespace().filter_map(Level::parse).collect())
        .unwrap_or_default()
}

/// Without the rungs of levels other than those a pay question names ("sr salary" is not
/// answered by the junior rung, however near its words are).
fn without_other_rungs(mut hits: Vec<Hit>, understood: &Understood) -> Vec<Hit> {
    let named = understood
        .salary
        .as_ref()
        .map(|q| q.levels.clone())
        .unwrap_or_default();
    if !named.is_empty() {
        hits.retain(|h| {
            h.doc.kind != DocKind::Ladder || rung_levels(h).iter().any(|l| named.contains(l))
        });
    }
    hits
}

/// Whether a hit is (part of) where a topic's answer lives.
fn answers(hit: &Hit, target: &Target) -> bool {
    match target {
        Target::Section(key) => {
            hit.doc.kind == DocKind::Section && hit.doc.key.rsplit('/').next() == Some(*key)
        }
        Target::Certifications => hit.doc.kind == DocKind::Certification,
        Target::Faq(word) => {
            hit.doc.kind == DocKind::Faq && hit.doc.title.to_lowercase().contains(word)
        }
        Target::Mentioning(word) => {
            hit.doc.kind != DocKind::Certification
                && format!("{} {}", hit.doc.title, hit.doc.body)
                    .to_lowercase()
                    .contains(word)
        }
        Target::Rung(level) => rung_levels(hit).contains(level),
        Target::Unit(key) | Target::Named(key) => hit.doc.key == *key,
        Target::Doing { verb, object } => {
            hit.doc.kind != DocKind::Certification && says_doing(&hit.doc.body, verb, object)
        }
        Target::RungAbove(level) => {
            hit.doc.kind == DocKind::Ladder
                && hit.doc.body.lines().any(|line| {
                    line.strip_prefix("Level:").is_some_and(|levels| {
                        levels
                            .split_whitespace()
                            .filter_map(Level::parse)
                            .min()
                            .is_some_and(|lowest| lowest > *level)
                    })
                })
        }
    }
}

/// How many words after a duty's verb its object may come ("deploy code to cloud platforms").
const DOING_WITHIN: usize = 4;

/// Whether `text` has a word starting with `verb` followed within [`DOING_WITHIN`] words by one
/// starting with `object`.
fn says_doing(text: &str, verb: &str, object: &str) -> bool {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        w.starts_with(verb)
            && words[i + 1..words.len().min(i + 1 + DOING_WITHIN)]
                .iter()
                .any(|o| o.starts_with(object))
    })
}

/// Reciprocal-rank fusion's constant: how much the first few places of either ranking outweigh
/// the rest.
const FUSION_K: f32 = 5.0;
/// The ranking by meaning's weight against the ranking by words.
const FUSION_MEANING_WEIGHT: f32 = 1.5;

/// One ranking from the ranking by words and the ranking by meaning (reciprocal-rank fusion:
/// each hit scores the sum of 1 / (k + place) over the rankings it is in, the meaning's weighed
/// more, since words alone answer the words of a question rather than the question).
fn fuse(by_words: Vec<Hit>, by_meaning: Vec<Hit>) -> Vec<Hit> {
    let mut fused: Vec<Hit> = Vec::with_capacity(by_words.len() + by_meaning.len());
    let mut add = |hits: Vec<Hit>, weight: f32| {
        for (place, mut hit) in hits.into_iter().enumerate() {
            let score = weight / (FUSION_K + place as f32);
            match fused.iter_mut().find(|h| h.doc.key == hit.doc.key) {
                Some(existing) => existing.score += score,
                None => {
                    hit.score = score;
                    fused.push(hit);
                }
            }
        }
    };
    add(by_words, 1.0);
    add(by_meaning, FUSION_MEANING_WEIGHT);
    for hit in &mut fused {
        if hit.doc.kind == DocKind::Section && hit.doc.key.ends_with("/overview") {
            hit.score *= OVERVIEW_DAMPING;
        }
    }
    fused.sort_by(|a, b| b.score.total_cmp(&a.score));
    fused
}

/// How much an overview's fused score is kept: it touches every topic in passing, so by meaning
/// it is near most questions, but it answers only "what is the job", which the FAQ entry of that
/// name (or a very close match) answers first.
const OVERVIEW_DAMPING: f32 = 0.5;
/// How much a rung's score is kept for a question about neither levels, years nor pay.
const LADDER_DAMPING: f32 = 0.4;

/// Whether the guides cover the question. A passage this close in meaning covers it outright;
/// a passage at least [`COVERED_WITH_WORDS`] close covers it when the guides also use most of
/// the question's informative words (a question whose rarest words the guides never use —
/// "raft", "nginx", "joke" — asks about something else). Failing those, a question very close
/// to one a passage is known to answer ([`COVERED_AS_ASKED`]) is covered, and one a little
/// less close ([`COVERED_AS_ASKED_WITH_WORDS`]) when the guides use half its informative words.
/// Without the model, anything the words find counts.
fn covered(lib: &Library, understood: &Understood, kinds: &[DocKind]) -> bool {
    let Some(vector) = &understood.vector else {
        return true;
    };
    if understood
        .targets
        .iter()
        .any(|t| !matches!(t, Target::Rung(_)))
    {
        // Its words name a part of the guides (a level alone does not: "junior pay in Munich").
        return true;
    }
    if understood.described.is_some() {
        // It describes a thing the guides name, as closely as their glossary says it.
        return true;
    }
    if lib.vocabulary().quotes_a_figure(&understood.corrected) {
        // "the 133,080 number, what is it?": the passage that gives it is the answer.
        return true;
    }
    if topic::asks_for_the_ladder(&understood.corrected) {
        // "show me the ladder": the ladders are the answer, though the guides never say "ladder".
        return true;
    }
    if understood
        .salary
        .as_ref()
        .is_some_and(|s| !s.levels.is_empty() || s.years.is_some())
    {
        // Pay at a level or after some years, where no gap (another country, another role)
        // was named: the ladders answer it, however the rest is worded ("nine years under my
        // belt, what should comp look like").
        return true;
    }
    if understood.salary.is_some() && names_backend(&understood.corrected) {
        // Backend's pay asked in words the guides never use ("backend bag how big fr"), where
        // no gap was named: the figures answer it.
        return true;
    }
    let filter = Filter { kinds, role: None };
    let closeness = lib
        .search
        .nearest_closeness(vector, &filter, Reading::Text)
        .unwrap_or(0.0);
    let share = known_share(understood);
    // A pay question is answered by the figures when it is near them at all: its other words
    // ("comp", "overall") are often ones the guides never use.
    // So is a question that names the guide it expects the answer in ("the duty in the path
    // guide about agreeing interfaces with the UI folks").
    let about_pay = understood.salary.is_some();
    let guide_named = understood.guide.is_some();
    // A level named ("what does a principal IC do?", "SDE2 to SDE3, what changes?") is a
    // question about its rung when anything of the guides is near it.
    let rung_named = understood
        .targets
        .iter()
        .any(|t| matches!(t, Target::Rung(_)));
    if closeness >= COVERED_SIMILARITY
        || (closeness >= COVERED_WITH_WORDS
            && (about_pay || guide_named || rung_named || share >= KNOWN_SHARE))
    {
        return true;
    }
    // Asked before in other words: a question this close to one a passage is known to answer
    // (`asked.toml`) is covered, though its words are far from the guides' ("do I have to look
    // over teammates' code before it merges?" against "Review pull requests").
    let asked = lib
        .search
        .nearest_closeness(vector, &filter, Reading::Asked)
        .unwrap_or(0.0);
    asked >= COVERED_AS_ASKED
        || (asked >= COVERED_AS_ASKED_WITH_WORDS && share >= KNOWN_SHARE_AS_ASKED)
}

/// A question this close to one a passage is known to answer is covered by it when the guides
/// also use half its informative words; calibrated like [`COVERED_AS_ASKED`] (over the rows
/// that rule left undecided: 15 covered rows gained, no uncovered one claimed; 0.40 would gain
/// 23 and claim 2).
const COVERED_AS_ASKED_WITH_WORDS: f32 = 0.45;
const KNOWN_SHARE_AS_ASKED: f32 = 0.5;

/// A question this close in meaning to one a passage is known to answer is covered by it;
/// calibrated with the ignored `coverage_signals` over every evaluation set (0.55: 31 covered
/// rows gained, 4 uncovered rows claimed, of the rows no other signal decided).
const COVERED_AS_ASKED: f32 = 0.55;

/// Whether the question names backend work by one of its names.
fn names_backend(question: &str) -> bool {
    let lower = format!(" {} ", question.to_lowercase());
    [
        " backend",
        " back end",
        " back-end",
        " server-side",
        " server side",
    ]
    .iter()
    .any(|name| lower.contains(name))
}

/// A passage this close in meaning covers a question whose words the guides use.
pub const COVERED_WITH_WORDS: f32 = 0.30;
/// The share of a question's informative words the guides must use (see [`covered`]).
const KNOWN_SHARE: f32 = 0.6;

/// The share of the question's weight (its terms by inverse document frequency) that the guides
/// use; an unknown word of five letters or more weighs as much as the rarest known one, shorter
/// unknown words (slang, "pls") do not count. 0 for a question with no informative word.
fn known_share(understood: &Understood) -> f32 {
    let vocabulary = &understood.vocabulary;
    let (mut known, mut total) = (0.0, 0.0);
    for term in &understood.terms {
        match vocabulary.weight(term) {
            w if w > 0.0 => {
                known += w;
                total += w;
            }
            _ if term.chars().count() >= UNKNOWN_WORD_MIN_CHARS => {
                total += vocabulary.rarest_weight()
            }
            _ => {}
        }
    }
    if total == 0.0 {
        0.0
    } else {
        known / total
    }
}

/// A passage is worth showing as "nearest" to an uncovered question from this closeness on.
const NEAREST_USEFUL: f32 = 0.35;

/// The reply to a question the guides do not cover: the first line says so plainly; then, if
/// useful, what is nearest (the US figures for a pay question, else the closest passage),
/// labelled as nearest.
fn not_covered(
    lib: &Library,
    understood: &Understood,
    says: String,
    kinds: &[DocKind],
) -> Result<Reply> {
    let mut embeds: Vec<Embed> = Vec::new();
    if let Some(mut figures) = salary_embed(understood) {
        figures.title = Some(format!(
            "Nearest in the guides: {}",
            figures.title.unwrap_or_default()
        ));
        embeds.push(figures);
    } else if let Some(vector) = &understood.vector {
        let nearest =
            lib.search
                .nearest(vector, &Filter { kinds, role: None }, 1, Reading::Text)?;
        let useful: Vec<Hit> = nearest
            .into_iter()
            .filter(|h| h.score >= NEAREST_USEFUL)
            .collect();
        let shown = passages(lib, &useful, 1, &understood.query, false);
        if let Some(mut embed) = passages_embed(&shown) {
            embed.title = Some(format!(
                "Nearest in the guides: {}",
                embed.title.unwrap_or_default()
            ));
            embeds.push(embed.color(colors::WARNING));
        }
    }
    Ok(Reply::Message(Message {
        content: Some(says),
        embeds,
        ..Message::default()
    }))
}

/// The first line for a question no passage is close to.
fn not_in_the_guides(question: &str) -> String {
    format!(
        "The guides don't cover “{}”. Try `/help` for what I can answer.",
        echo(question)
    )
}

/// A reply to `/faq` or `/ask`, and whether it is a miss: nothing answered the question (a gap
/// the content does not cover, or nothing close), which the server's gap report counts.
#[derive(Debug)]
pub struct Answered {
    pub reply: Reply,
    pub missed: bool,
}

fn answered(reply: Reply) -> Result<Answered> {
    Ok(Answered {
        reply,
        missed: false,
    })
}

fn missed(reply: Result<Reply>) -> Result<Answered> {
    Ok(Answered {
        reply: reply?,
        missed: true,
    })
}

/// The staff entry that answers, unless a guide's entry fits better.
fn staff_answer(
    lib: &Library,
    understood: &Understood,
    staff: &[StaffEntry],
) -> Result<Option<Reply>> {
    let Some((entry, fit)) = super::staff::best(lib, understood, staff)? else {
        return Ok(None);
    };
    let scored = scored_faq(lib, understood)?;
    let guide_better = answering_entry(&scored, understood).is_some_and(|i| scored[i].fit > fit);
    Ok((!guide_better).then(|| super::staff::reply(entry)))
}

/// `/faq question:<text>` without a server's own entries.
pub fn faq(lib: &Library, question: &str) -> Result<Reply> {
    answer_faq(lib, question, &[]).map(|a| a.reply)
}

/// `/faq question:<text>`: a server's own entry (`staff`) when one fits, else the guides.
pub fn answer_faq(lib: &Library, question: &str, staff: &[StaffEntry]) -> Result<Answered> {
    let understood = understand(lib, question);
    let answered = answer_faq_understood(lib, question, &understood, staff)?;
    Ok(with_later_gap(answered, &understood))
}

/// The answer to the first ask, then what the guides don't cover of a later one.
fn with_later_gap(mut answered: Answered, understood: &Understood) -> Answered {
    if let (Some(gap), Reply::Message(message)) = (&understood.asked_later, &mut answered.reply) {
        if !message.embeds.is_empty() {
            message.embeds.push(
                Embed {
                    title: Some("Not in the guides".to_string()),
                    description: Some(gap.says.clone()),
                    ..Embed::default()
                }
                .color(colors::WARNING),
            );
        }
    }
    answered
}

fn answer_faq_understood(
    lib: &Library,
    question: &str,
    understood: &Understood,
    staff: &[StaffEntry],
) -> Result<Answered> {
    if understood.names_nothing() {
        return answered(nothing_found(question));
    }
    if let Some(reply) = staff_answer(lib, understood, staff)? {
        return answered(reply);
    }
    if let Some(gap) = &understood.uncovered {
        return missed(not_covered(
            lib,
            understood,
            gap.says.clone(),
            GUIDE_PASSAGES,
        ));
    }
    let scored = scored_faq(lib, understood)?;
    if let Some(best) = answering_entry(&scored, understood).map(|i| &scored[i]) {
        let mut related: Vec<&Scored> = scored.iter().skip(1).collect();
        related.sort_by(|a, b| b.hit.score.total_cmp(&a.hit.score));
        let related: Vec<&Hit> = related.into_iter().take(RELATED).map(|s| &s.hit).collect();
        return answered(faq_reply(lib, understood, &best.hit, &related)?);
    }
    if !covered(lib, understood, GUIDE_PASSAGES) {
        return missed(not_covered(
            lib,
            understood,
            not_in_the_guides(question),
            GUIDE_PASSAGES,
        ));
    }
    // No entry fits: the guide passage that answers it, and at most two that support it.
    let hits = without_other_rungs(ranked_hits(lib, understood, GUIDE_PASSAGES)?, understood);
    let passages = answer_passages(lib, &hits, understood);
    // A general pay question the guides answer in words ("do remote roles pay more?") leads
    // with those words; one naming a level or years leads with its figures.
    let words_lead = !names_level(understood)
        && hits.first().is_some_and(|h| {
            h.doc.kind == DocKind::Faq
                && faq_entry(lib, &h.doc.key).is_some_and(|(_, e)| is_pay_entry(lib, e))
        });
    let mut embeds: Vec<Embed> = passages_embed(&passages).into_iter().collect();
    if let Some(figures) = salary_embed(understood) {
        if words_lead {
            embeds.push(figures);
        } else {
            embeds.insert(0, figures);
        }
    }
    if embeds.is_empty() {
        return missed(Ok(nothing_found(question)));
    }
    answered(Reply::Message(Message {
        embeds,
        ..Message::default()
    }))
}

/// `/ask query:<text>`: the best passage of all content, a fitting FAQ entry first, and at most
/// two supporting passages.
pub fn ask(lib: &Library, query: &str) -> Result<Reply> {
    answer_ask(lib, query, &[]).map(|a| a.reply)
}

/// `/ask query:<text>`: a server's own entry (`staff`) when one fits, else the guides.
pub fn answer_ask(lib: &Library, query: &str, staff: &[StaffEntry]) -> Result<Answered> {
    let understood = understand(lib, query);
    let answered = answer_ask_understood(lib, query, &understood, staff)?;
    Ok(with_later_gap(answered, &understood))
}

fn answer_ask_understood(
    lib: &Library,
    query: &str,
    understood: &Understood,
    staff: &[StaffEntry],
) -> Result<Answered> {
    const KINDS: &[DocKind] = &[
        DocKind::Faq,
        DocKind::Section,
        DocKind::Ladder,
        DocKind::Pay,
        DocKind::Certification,
    ];
    if understood.names_nothing() {
        return answered(nothing_found(query));
    }
    if let Some(reply) = staff_answer(lib, understood, staff)? {
        return answered(reply);
    }
    if let Some(gap) = &understood.uncovered {
        return missed(not_covered(lib, understood, gap.says.clone(), KINDS));
    }
    let scored = scored_faq(lib, understood)?;
    let fitting = answering_entry(&scored, understood).map(|i| scored[i].hit.clone());
    if fitting.is_none() && !covered(lib, understood, KINDS) {
        return missed(not_covered(
            lib,
            understood,
            not_in_the_guides(query),
            KINDS,
        ));
    }
    let mut hits = without_other_rungs(ranked_hits(lib, understood, KINDS)?, understood);
    let faq_leads = fitting.is_some();
    if let Some(best) = fitting {
        hits.retain(|h| h.doc.key != best.doc.key);
        hits.insert(0, best);
    }
    let passages = answer_passages(lib, &hits, understood);
    let mut embeds: Vec<Embed> = passages_embed(&passages).into_iter().collect();
    if let Some(figures) = salary_embed(understood) {
        if names_level(understood) || !faq_leads {
            embeds.insert(0, figures);
        } else {
            embeds.push(figures);
        }
    }
    if embeds.is_empty() {
        return missed(Ok(nothing_found(query)));
    }
    answered(Reply::Message(Message {
        embeds,
        ..Message::default()
    }))
}

/// The reply for a "related question" button: that entry, as `/faq` shows it.
pub fn entry_by_key(lib: &Library, key: &str) -> Result<Reply> {
    match faq_entry(lib, key) {
        Some((_, entry)) => faq(lib, &entry.question),
        None => Err(Error::Usage(
            "That question is no longer in the guides.".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duty_is_said_with_its_object_a_few_words_on() {
        let overview =
            "Backend engineers troubleshoot issues, deploy code to cloud platforms such as AWS.";
        assert!(says_doing(overview, "deploy", "cloud"));
        assert!(says_doing(
            "Deploying to Kubernetes via CI/CD",
            "deploy",
            "kubernetes"
        ));
        // Too far apart, or the other way round.
        assert!(!says_doing(overview, "deploy", "aws"));
        assert!(!says_doing(
            "cloud platforms you deploy to",
            "deploy",
            "cloud"
        ));
    }

    #[test]
    fn links_mentions_and_code_markup_are_not_words_of_the_question() {
        let guide = |site: &str| site == "skillexchange";
        let cases: &[(&str, &str)] = &[
            (
                "saw this on https://www.reddit.com/r/cscareerquestions/ - is backend dead?",
                "saw this on   - is backend dead?",
            ),
            ("linkedin.com/jobs shows 300 roles", "  shows 300 roles"),
            (
                "saw skillexchange.com/careers/back-end-engineer, which five?",
                "saw skillexchange which five?",
            ),
            ("<@123456> @careerbot what pays best", "    what pays best"),
            ("```python\nyears = 9\n```\npay?", "years = 9\n   \npay?"),
            ("is `Node.js` enough?", "is  Node.js  enough?"),
            ("```zzqx```", "zzqx"),
            ("what's next after senior?", "what's next after senior?"),
        ];
        for (typed, read) in cases {
            assert_eq!(
                without_links_or_markup(typed, guide),
                read.trim(),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_quote_asked_about_is_what_is_looked_for() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "someone quoted 'AI writes the code but judgement is your edge' at me - which guide says that?",
                Some("AI writes the code but judgement is your edge"),
            ),
            (
                "they'll ask me to “tell them about a time I refactored infra”? is that real?",
                Some("tell them about a time I refactored infra"),
            ),
            // A quote in passing, in a long ask of its own.
            (
                "my manager said we'd be 'expected to own the cloud side' after the migration to AWS next year, and I wonder whether that is normal. Is cloud knowledge genuinely part of the backend job?",
                None,
            ),
            // An ask of its own about the quote's subject, not pointing at the quote.
            ("'well above the average for all jobs' - what's the actual average?", None),
            // Apostrophes and two-word quotes are no quotes.
            ("don't seniors' salaries go up? isn't 'staff' above", None),
        ];
        for (typed, quote) in cases {
            assert_eq!(quote_asked_about(typed), *quote, "{typed}");
        }
    }

    #[test]
    fn a_long_message_is_searched_by_its_ask() {
        let story = "I teach maths and have built a small Flask app that the other teachers use \
            every week for homework. I can't afford to stop earning for a year, and I have no CS \
            degree, only maths and a teaching qualification that took me two years.";
        assert_eq!(
            asked_in_a_long_message(&format!(
                "{story} Which routes into backend do the guides describe?"
            ))
            .as_deref(),
            Some("Which routes into backend do the guides describe?")
        );
        // An ask pointing back at the story keeps the story.
        assert_eq!(
            asked_in_a_long_message(&format!("{story} Is that realistic?")),
            None
        );
        // A short message is read whole.
        assert_eq!(
            asked_in_a_long_message("I'm a teacher. Which routes into backend exist?"),
            None
        );
    }

    #[test]
    fn the_first_of_several_asks_is_found_with_the_context_before_it() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "what does a senior make, and how do I negotiate?",
                Some("what does a senior make"),
            ),
            (
                "is remote common? also could I do it from Mexico",
                Some("is remote common?"),
            ),
            (
                "I live in Berlin. What's the median pay? And for seniors?",
                Some("I live in Berlin. What's the median pay?"),
            ),
            ("what's a senior's pay? in euros", None),
            ("what does a senior backend engineer make?", None),
            ("I live in Berlin, what's the median pay?", None),
            ("salary and benefits for juniors?", None),
        ];
        for (question, first) in cases {
            assert_eq!(first_question(question), *first, "{question}");
        }
    }

    #[test]
    fn a_message_is_split_into_sentences_at_marks_before_spaces() {
        assert_eq!(
            sentences("I use Node.js at work. Is it good on the server side? thanks"),
            vec![
                "I use Node.js at work.",
                "Is it good on the server side?",
                "thanks"
            ]
        );
        assert_eq!(sentences("files.com?"), vec!["files.com?"]);
        assert!(sentences("  ").is_empty());
    }

    /// Context first, question last: the asking sentence's targets lead.
    #[test]
    fn context_told_around_an_ask_is_set_apart_unless_the_ask_points_back() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "is it possible to work from home as backend engineer? i have small kids",
                Some("is it possible to work from home as backend engineer?"),
            ),
            (
                "mobile dev (kotlin/swift) here. what backend skills do i need?",
                Some("what backend skills do i need?"),
            ),
            (
                "I came back after a break. What are the core skills a backend role expects these days?",
                Some("What are the core skills a backend role expects these days?"),
            ),
            (
                "I'm a React frontend dev, is switching over to backend a recognised route?",
                Some("is switching over to backend a recognised route?"),
            ),
            // Who asks, then a question about what they told.
            ("I'm burned out from on-call, what should I do?", None),
            // Nothing told: the whole message is the ask.
            ("should i quit my job to do a bootcamp with a baby on the way", None),
            ("what does a senior make?", None),
            // The ask points back at what was told.
            ("I'm learning Rust. Is it good for backend?", None),
            ("I know Kotlin well. Does that count for backend jobs?", None),
            ("I have two kids. Can I do this part time?", None),
            ("Two startups made me offers, one remote. Which one pays better long term?", None),
            ("I can learn Go or Kotlin this winter. Is either used for backend?", None),
            // "worth it" and a pointer inside the ask point at nothing told.
            (
                "Six years in IT support. Which certifications are worth it for backend?",
                Some("Which certifications are worth it for backend?"),
            ),
            (
                "I've only used SQLite. Postgres or MySQL, do the guides name either of them?",
                Some("Postgres or MySQL, do the guides name either of them?"),
            ),
            // A supposition first is context to a full ask after it.
            (
                "suppose I only know django, what would the guides have me learn next?",
                Some("what would the guides have me learn next?"),
            ),
            ("if I'm exhausted, what should I do?", None),
            // "that much" before a comparison is a degree, not a pointer.
            (
                "I'm on 60k in retail. Would backend pay be that much more?",
                Some("Would backend pay be that much more?"),
            ),
            ("I've done this for 7 years. What pay goes with that much time?", None),
        ];
        for (message, expected) in cases {
            assert_eq!(
                asked_without_context(message, true).as_deref(),
                *expected,
                "{message}"
            );
        }
    }

    /// The closeness `covered` reads without fetching a document is the first hit's score, for
    /// every reading and kind of unit.
    #[test]
    fn nearest_closeness_is_the_first_nearest_hits_score() {
        let lib = lib();
        let filters = [
            GUIDE_PASSAGES,
            &[DocKind::Faq][..],
            &[DocKind::Section][..],
            &[][..],
        ];
        let readings = [Reading::Text, Reading::TextAndAsked, Reading::Asked];
        let mut compared = 0;
        for question in [
            "what's the next step after senior?",
            "backend pay in Berlin?",
            "do I have to look over teammates' code before it merges?",
            "good laptop for coding?",
        ] {
            let vector = understand(&lib, question).vector.unwrap();
            for kinds in filters {
                let filter = Filter { kinds, role: None };
                for reading in readings {
                    let first = lib.search.nearest(&vector, &filter, 1, reading).unwrap();
                    let closeness = lib.search.nearest_closeness(&vector, &filter, reading);
                    assert_eq!(
                        closeness,
                        first.first().map(|h| h.score),
                        "{question} {kinds:?} {reading:?}"
                    );
                    compared += usize::from(closeness.is_some());
                }
            }
        }
        assert_eq!(compared, 4 * 4 * 3);
    }

    /// Pay read only from words split between the story and the ask is no pay question.
    #[test]
    fn a_pay_reading_split_between_story_and_ask_is_no_pay_question() {
        let lib = lib();
        let cases = [
            (
                "Six years in IT support. Which certifications are worth it for backend?",
                false,
            ),
            (
                "3 years at an agency in Ohio. What should I be earning?",
                true,
            ),
            ("I'm on 115k. Which level does that put me at?", true),
            (
                "My cousin brags about his salary. What do seniors make?",
                true,
            ),
        ];
        for (question, pay) in cases {
            assert_eq!(
                understand(&lib, question).salary.is_some(),
                pay,
                "{question}"
            );
        }
    }

    #[test]
    fn a_question_opening_on_what_was_told_is_read_whole() {
        let targets = asked_last_first(
            "I want to reach staff in six years. Is that quicker than the ladder?",
            &topic::RoleList::default(),
        );
        assert!(
            matches!(targets.first(), Some(Target::RungAbove(_))),
            "{targets:?}"
        );
        for (question, opens) in [
            ("is that normal?", true),
            ("So does this count?", true),
            ("how do I explain it to my dad?", false),
            ("is it oversaturated?", false),
        ] {
            assert_eq!(asks_about_what_was_told(question), opens, "{question}");
        }
    }

    #[test]
    fn next_asked_after_a_rung_told_is_the_rung_above_it() {
        for question in [
            "I'm chuffed, just made senior! what's next on the ladder for me, then?",
            "ok and what about after that, once I'm senior?",
            "made senior. what's next for me on the ladder?",
        ] {
            let targets = asked_last_first(question, &topic::RoleList::default());
            assert_eq!(
                targets.first(),
                Some(&Target::RungAbove(Level::Senior)),
                "{question}: {targets:?}"
            );
        }
    }

    #[test]
    fn a_question_asked_before_in_other_words_is_asked_of_that_passage() {
        let lib = lib();
        let cases: &[(&str, Target)] = &[
            // Its words name the skills; an interview prompt's authored question is far closer.
            (
                "Will they quiz me on making database lookups faster, like adding the right lookup structures to a table?",
                Target::Section("interview"),
            ),
            // An overview's authored question is a little closer than the moves' ones: not
            // enough to leave the moves its words name.
            ("can backend devs move into devops later on?", Target::Section("next")),
        ];
        for (question, first) in cases {
            let targets = understand(&lib, question).targets;
            assert_eq!(targets.first(), Some(first), "{question}: {targets:?}");
        }
    }

    #[test]
    fn the_asking_sentence_leads_a_long_message() {
        let targets = asked_last_first(
            "I start my first backend job in January. I'm nervous. What does a normal workday look like?",
            &topic::RoleList::default(),
        );
        assert_eq!(
            targets.first(),
            Some(&Target::Section("day")),
            "{targets:?}"
        );
        assert!(targets.contains(&Target::Section("entry")), "{targets:?}");
    }
    use crate::content::Catalog;
    use crate::search::SearchIndex;
    use std::path::Path;

    pub(super) fn lib() -> Library {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let catalog = Catalog::load(&root.join("content")).unwrap();
        let search = crate::app::with_model(
            SearchIndex::in_memory(&catalog).unwrap(),
            &root.join("models/all-MiniLM-L6-v2"),
        )
        .unwrap();
        assert!(search.has_semantics(), "run scripts/fetch-model first");
        Library::new(catalog, search)
    }

    /// The FAQ entry `/faq` would pick for a question (best fit, search score breaking ties),
    /// with its fit.
    fn best_fit(lib: &Library, question: &str) -> (f32, String) {
        let understood = understand(lib, question);
        let scored = scored_faq(lib, &understood).unwrap();
        scored.first().map_or((0.0, String::new()), |s| {
            (
                s.fit,
                faq_entry(lib, &s.hit.doc.key).unwrap().1.question.clone(),
            )
        })
    }

    #[test]
    fn fits_well_on_both_sides_of_the_threshold() {
        let lib = lib();
        let fitting = [
            ("what is a backend engineer", "What is a backend engineer?"),
            ("what does backend even mean", "What is a backend engineer?"),
            (
                "backend salary 2026",
                "What is the backend engineer salary in 2026?",
            ),
            (
                "what language should i learn",
                "What are the best backend languages to learn?",
            ),
            (
                "best langauge for backend",
                "What are the best backend languages to learn?",
            ),
            (
                "how do i get hired",
                "How do I follow a backend roadmap to get hired?",
            ),
            ("roadmap", "How do I follow a backend roadmap to get hired?"),
            (
                "how to prep for interviews",
                "What backend interview questions should I prepare for?",
            ),
        ];
        for (question, entry) in fitting {
            let (fit, best) = best_fit(&lib, question);
            assert!(fit >= FIT_THRESHOLD, "{question}: {fit:.2} for {best}");
            assert_eq!(best, entry, "{question}");
        }
        // Words alone, far in meaning, no longer make an entry fit; the topic its words name
        // still brings that entry first.
        let (fit, _) = best_fit(&lib, "system design interview");
        assert!(fit < FIT_THRESHOLD, "system design interview: {fit:.2}");
        let reply = faq(&lib, "system design interview").unwrap();
        let first = reply.as_message().unwrap().embeds[0].title.clone().unwrap();
        assert_eq!(
            first,
            "What backend interview questions should I prepare for?"
        );
        // Each shares words with some entry, but none answers it.
        // A question about the day is close in meaning to "What is a backend engineer?", so it
        // fits; the topic its words name (the day) still answers it first.
        let reply = faq(&lib, "what does a backend engineer do all day").unwrap();
        let first = reply.as_message().unwrap().embeds[0]
            .description
            .clone()
            .unwrap();
        assert!(
            first.contains("stand-up") || first.contains("Design and ship APIs"),
            "{first}"
        );
        let not_fitting = [
            "which certs should i get",
            "do i need to know kubernetes",
            "which databases should i learn",
            "which cloud should i learn",
            "will AI replace backend engineers",
            "how to get into backend without a degree",
            "is the CKAD worth it",
            "kafka backend engineer",
            "what is kafka",
        ];
        for question in not_fitting {
            let (fit, best) = best_fit(&lib, question);
            assert!(fit < FIT_THRESHOLD, "{question}: {fit:.2} for {best}");
        }
    }

    #[test]
    fn without_a_fitting_entry_the_guide_passage_answers_first() {
        let lib = lib();
        let reply = faq(&lib, "do i need to know kubernetes").unwrap();
        let message = reply.as_message().unwrap();
        // Answer first: no preamble, the passage that answers under its own heading.
        assert_eq!(message.content, None);
        let first = message.embeds[0].description.as_deref().unwrap();
        assert!(first.contains("Docker and Kubernetes"), "{first}");
        // At most two supporting passages after it.
        assert!(message.embeds[0].fields.len() <= SUPPORTING);
    }

    /// Pay asked of someone described by their work is the pay of the one rung whose focus says
    /// it; pay asked in general is not given a level. (Authored cases, none from a set.)
    #[test]
    fn pay_for_someone_described_by_their_work_is_their_rung_pay() {
        let lib = lib();
        let cases: &[(&str, &[Level])] = &[
            (
                "what's the pay for someone who oversees teams and sets technical standards?",
                &[Level::Lead],
            ),
            (
                "how much does the person influencing the whole tech stack make?",
                &[Level::Principal],
            ),
            (
                "salary when you are still fixing bugs and learning the technologies?",
                &[Level::Junior],
            ),
            ("how much do backend engineers make?", &[]),
            (
                "what's the pay for remote backend jobs at big companies?",
                &[],
            ),
        ];
        for (question, levels) in cases {
            let understood = understand(&lib, question);
            let salary = understood.salary.expect(question);
            assert_eq!(salary.levels, *levels, "{question}");
        }
    }

    /// What a description says its rung is not ("but isn't mentoring anyone yet") is left out
    /// of it; a turn that denies nothing, and a denial with no turn, stay.
    #[test]
    fn what_a_rung_is_not_is_left_out_of_its_description() {
        let cases = [
            (
                "pay for someone who ships features alone but isn't mentoring anyone yet?",
                "pay for someone who ships features alone?",
            ),
            (
                "the stage where you lead the team, though you don't hire, what's it called?",
                "the stage where you lead the team, what's it called?",
            ),
            (
                "the level where you code but also mentor?",
                "the level where you code but also mentor?",
            ),
            (
                "the level where nobody checks your code anymore?",
                "the level where nobody checks your code anymore?",
            ),
            ("ÄÖ but not İstanbul, ok?", "ÄÖ, ok?"),
        ];
        for (question, described) in cases {
            assert_eq!(without_what_it_is_not(question), described, "{question}");
        }
    }

    /// A rung described by its duties, asked for by name or for its pay, is read as that rung;
    /// a name asked of the role itself or of a project, and a description between two rungs,
    /// name none. (Authored cases, none from a set.)
    #[test]
    fn a_rung_described_by_its_duties_is_read_as_that_rung() {
        let lib = lib();
        let cases: &[(&str, Option<Level>)] = &[
            (
                "is there a rung where your whole job is choosing the technology every team in the company builds on?",
                Some(Level::Principal),
            ),
            (
                "what do they call the stage where you oversee the team, set its coding standards and help hire?",
                Some(Level::Lead),
            ),
            (
                "how much does someone earn who works alone on whole features but doesn't mentor anyone yet?",
                Some(Level::Mid),
            ),
            (
                "what do you call the people who write the code that runs on servers?",
                None,
            ),
            (
                "the portfolio project that automates testing and deploys, what's it called?",
                None,
            ),
            ("at what point should I learn Docker?", None),
            (
                "what's the title once your week is mostly running a group of developers, hiring people, and deciding the coding rules they follow?",
                Some(Level::Lead),
            ),
        ];
        for (question, expected) in cases {
            let understood = understand(&lib, question);
            let read = match &understood.salary {
                Some(salary) => salary.levels.first().copied(),
                None => (understood.targets.first()).and_then(|t| match t {
                    Target::Rung(level) => Some(*level),
                    _ => None,
                }),
            };
            assert_eq!(read, *expected, "{question}");
        }
    }

    /// A thing the guides name, described by what it does, is read as named; a question that
    /// names it, or describes nothing the guides name, is read as typed. (Authored cases, none
    /// from an evaluation set.)
    #[test]
    fn a_thing_described_by_what_it_does_is_read_as_named() {
        let lib = lib();
        let cases: &[(&str, Option<&str>)] = &[
            (
                "that thing which bundles my program and its libraries so it runs the same on every computer: needed?",
                Some("Docker"),
            ),
            ("is Docker needed for backend jobs?", None),
            ("what's a good name for my cat?", None),
            ("how much do junior backend engineers earn?", None),
        ];
        for (question, expected) in cases {
            let understood = understand(&lib, question);
            assert_eq!(understood.described.as_deref(), *expected, "{question}");
        }
    }

    /// A move asked about by the other job's work is the moves' to answer, the role read as
    /// named; a question that names the role, or asks something else, is not (cases authored
    /// for this test).
    #[test]
    fn a_move_described_by_the_other_jobs_work_is_answered_by_the_moves() {
        let lib = lib();
        let cases: &[(&str, Option<&str>)] = &[
            (
                "someday I'd rather spend my time protecting apps from hackers and hunting vulnerabilities. could I get there eventually?",
                Some("security-engineer"),
            ),
            (
                "could I end up building and training predictive models one day?",
                Some("machine-learning-engineer"),
            ),
            ("could I move into security engineering later?", None),
            ("I'll learn Docker later, what should I learn first?", None),
        ];
        for (question, expected) in cases {
            let understood = understand(&lib, question);
            assert_eq!(understood.described.as_deref(), *expected, "{question}");
            if expected.is_some() {
                assert_eq!(
                    understood.targets.first(),
                    Some(&Target::Section("next")),
                    "{question}"
                );
            }
        }
    }

    #[test]
    fn what_the_guides_do_not_cover_is_said_first() {
        let lib = lib();
        let cases = [
            ("backend pay in Berlin?", "The guides only give US pay"),
            ("how many LPA in Bangalore?", "The guides only give US pay"),
            (
                "frontend vs backend pay?",
                "The guides only give backend engineers' pay",
            ),
            ("good laptop for coding?", "The guides don't cover hardware"),
            (
                "tell me a joke",
                "The guides are about backend engineering careers",
            ),
            (
                "how do I add rate limiting to an Express.js API?",
                "The guides are about the career, not technical how-to",
            ),
            (
                "what does a site reliability engineer do all day?",
                "The guides name the site reliability engineer role only as a move from backend",
            ),
            // Judging one person's work or plan, and what came after the guides.
            (
                "here's my github, 2 flask apps and a cli tool. am I hireable?",
                "The guides say what backend roles ask for in general",
            ),
            (
                "have the guides been updated since they came out?",
                "The guides give what was current when they were written",
            ),
            (
                "is redis or memcached better for my app's sessions?",
                "The guides say what backend roles ask for in general",
            ),
            // Orderings the guides never make, openings by place or date, a setting's value,
            // the guides' authors.
            (
                "put the certifications in order of difficulty for me",
                "The guides list these without ranking them",
            ),
            (
                "are there backend openings near me?",
                "The guides give one count of open backend jobs",
            ),
            (
                "what should shared_buffers be set to for postgres?",
                "The guides are about the career, not technical how-to",
            ),
            (
                "who wrote the career guide?",
                "The guides don't say who wrote them",
            ),
        ];
        for (question, first_line) in cases {
            let reply = faq(&lib, question).unwrap();
            let content = reply
                .as_message()
                .unwrap()
                .content
                .clone()
                .unwrap_or_default();
            assert!(content.starts_with(first_line), "{question}: {content}");
        }
        // A pay question outside the US still gets the US figures, labelled as nearest.
        let reply = faq(&lib, "backend pay in Berlin?").unwrap();
        let title = reply.as_message().unwrap().embeds[0].title.clone().unwrap();
        assert!(title.starts_with("Nearest in the guides"), "{title}");
    }

    #[test]
    fn topics_reach_the_section_that_answers_them() {
        let lib = lib();
        let cases = [
            (
                "what's the next step after senior?",
                "Lead Back End Engineer",
            ),
            (
                "could I pivot to SRE later on?",
                "site-reliability-engineer",
            ),
            ("which auth/security topics matter?", "security"),
            (
                "no experience, how do I land a first backend role",
                "bootcamp",
            ),
            // A name only one passage uses leads to it (the interview entry names no LeetCode).
            ("do i need leetcode for backend interviews", "LeetCode"),
            // A level named for itself: its own rung, not the role overview.
            ("lead backend engineer responsibilities?", "Oversee teams"),
            // "still" is a word, not a typo of "skill".
            ("remote backend jobs, still a thing?", "remote"),
            // The top asked as a belief to check, and the skills beside coding.
            ("senior is the ceiling for most of us, right?", "Principal"),
            (
                "beyond coding, which people skills matter?",
                "communication",
            ),
            // A role told as one's own is context to backend's pay.
            (
                "I earn 65k as a network engineer. Is backend pay much better?",
                "151,083",
            ),
            // The next step from the one level named (either guide's senior rung).
            (
                "made mid last year, where does it go next?",
                "Senior Back",
            ),
            // Where the asker comes from, told before the comma, is context; what carries over
            // from other work is the skills list.
            (
                "Six years of firmware. Coming from that world, which backend language should I start with?",
                "top picks",
            ),
            (
                "ten years in network ops. which of my skills carry over, and what would i still need to learn?",
                "skills",
            ),
        ];
        for (question, shown) in cases {
            let reply = faq(&lib, question).unwrap();
            let embed = &reply.as_message().unwrap().embeds[0];
            let text = format!(
                "{}\n{}",
                embed.title.clone().unwrap_or_default(),
                embed.description.clone().unwrap_or_default()
            );
            assert!(
                text.to_lowercase().contains(&shown.to_lowercase()),
                "{question}: {text}"
            );
        }
    }

    #[test]
    fn level_pay_questions_lead_with_figures_and_general_ones_with_the_guide_answer() {
        let lib = lib();
        let titles = |question: &str| -> Vec<String> {
            let reply = faq(&lib, question).unwrap();
            reply
                .as_message()
                .unwrap()
                .embeds
                .iter()
                .map(|e| e.title.clone().unwrap_or_default())
                .collect()
        };
        let cases: &[(&str, &[&str])] = &[
            (
                "what do senior backend engineers earn",
                &[
                    "Backend Engineer pay — senior",
                    "What is the backend engineer salary in 2026?",
                ],
            ),
            (
                "What is the backend engineer salary in 2026?",
                &[
                    "What is the backend engineer salary in 2026?",
                    "Backend Engineer pay",
                ],
            ),
            ("junior salary", &["Backend Engineer pay — junior"]),
            // The first year on the job is the junior band; pay by level is every rung's.
            (
                "what do you earn in year one?",
                &["Backend Engineer pay — junior"],
            ),
            (
                "what does pay look like at every level?",
                &["Backend Engineer pay by level"],
            ),
        ];
        for (question, expected) in cases {
            let got = titles(question);
            assert_eq!(&got[..expected.len()], *expected, "{question}");
        }
    }
}

/// Not a check: the signals `covered` decides by, for every question of the evaluation sets
/// (`cargo test --lib coverage_signals -- --ignored --nocapture`), to calibrate its rule.
#[cfg(test)]
mod calibration {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Set {
        covered: Vec<Q>,
        uncovered: Vec<Q>,
    }
    #[derive(serde::Deserialize)]
    struct Q {
        question: String,
        #[serde(default)]
        class: String,
        #[serde(default)]
        expect: Vec<String>,
    }

    /// `Q="…" cargo test --release --lib explain_one -- --ignored --nocapture`: how one question
    /// is read (its query, targets, pay reading and gap), to see why it was answered as it was.
    #[test]
    #[ignore]
    fn explain_one() {
        let lib = tests::lib();
        // One question per line.
        for question in std::env::var("Q").unwrap_or_default().lines() {
            let u = understand(&lib, question);
            println!("== {question}");
            println!("query:   {}", u.query);
            println!("targets: {:?}", u.targets);
            println!("salary:  {:?}", u.salary);
            println!("gap:     {:?} later {:?}", u.uncovered, u.asked_later);
            println!("described: {:?}", u.described);
            let words_read = understand_words(&lib, question);
            println!(
                "asks for a rung described: {} (asks for a rung: {}), rungs as typed: {:?}",
                asks_for_a_rung_described(&words_read),
                topic::asks_for_a_rung(&words_read.corrected),
                rung_readings(&lib, &words_read).map(|r| lib.glossary().rungs_by_closeness(&r))
            );
            if let Some(vector) = u.vector.as_deref() {
                println!("closest gloss: {:?}", lib.glossary().closest(vector));
                let vocabulary = lib.vocabulary();
                let roles = vocabulary.next_roles();
                let move_to = lib.glossary().move_described(vector, roles, 0.0);
                println!("move: {move_to:?}");
                let filter = crate::search::Filter {
                    kinds: &[],
                    role: None,
                };
                let reading = crate::search::Reading::Text;
                for hit in lib.search.nearest(vector, &filter, 6, reading).unwrap() {
                    println!(
                        "  near {:.3} {} | {}",
                        hit.score, hit.doc.key, hit.doc.title
                    );
                }
                let asked = crate::search::Reading::Asked;
                for hit in lib.search.nearest(vector, &filter, 3, asked).unwrap() {
                    println!(
                        "  asked {:.3} {} | {}",
                        hit.score, hit.doc.key, hit.doc.title
                    );
                }
            }
            let parts: Vec<&str> = question.split([',', ';', ':', '?', '!', '.']).collect();
            for (part, vector) in parts
                .iter()
                .zip(lib.search.embed_each(&parts).unwrap().unwrap())
            {
                println!("  part {part:?}: {:?}", lib.glossary().closest(&vector));
            }
            println!("covered: {}", covered(&lib, &u, GUIDE_PASSAGES));
            println!("known share: {:.2}", known_share(&u));
        }
    }

    /// The rows of the evaluation sets named in `SETS` (by default four): each set's name,
    /// "C" for a covered row or "U", and the row.
    fn rows_of_sets() -> Vec<(String, &'static str, Q)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let names = std::env::var("SETS").unwrap_or_else(|_| "tune check fresh holdout".into());
        let mut rows = Vec::new();
        for name in names.split_whitespace() {
            let path = root.join(format!("tests/data/guidance_eval/{name}.toml"));
            let set: Set = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            rows.extend(set.covered.into_iter().map(|q| (name.to_string(), "C", q)));
            rows.extend(
                set.uncovered
                    .into_iter()
                    .map(|q| (name.to_string(), "U", q)),
            );
        }
        rows
    }

    /// Not a check: for every pay question of the sets, the levels read and the ladder rungs
    /// nearest in meaning (`SETS="…" … rung_by_meaning -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn rung_by_meaning() {
        let lib = tests::lib();
        for (name, truth, q) in rows_of_sets() {
            let u = understand(&lib, &q.question);
            let Some(salary) = &u.salary else { continue };
            let hits = lib
                .search
                .nearest(
                    u.vector.as_ref().unwrap(),
                    &Filter {
                        kinds: &[DocKind::Ladder],
                        role: None,
                    },
                    4,
                    Reading::Text,
                )
                .unwrap();
            let near: Vec<String> = hits
                .iter()
                .map(|h| format!("{:?}:{:.3}", rung_levels(h), h.score))
                .collect();
            println!(
                "RUNG\t{name}\t{truth}\t{}\t{:?}\t{:?}\t{}\t{}",
                q.class,
                salary.levels,
                salary.years,
                near.join(" "),
                q.question
            );
        }
    }

    /// Not a check: for every row that asks for a rung it describes, the levels its rung
    /// glosses come to, closest first (`SETS="…" … rungs_described -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn rungs_described() {
        let lib = tests::lib();
        for (name, truth, q) in rows_of_sets() {
            let u = understand_words(&lib, &q.question);
            if !asks_for_a_rung_described(&u) {
                continue;
            }
            let near = lib
                .glossary()
                .rungs_by_closeness(&rung_readings(&lib, &u).unwrap());
            let near: Vec<String> = (near.iter().take(2))
                .map(|(level, closeness)| format!("{level:?}:{closeness:.3}"))
                .collect();
            let pay = u.salary.is_some() as u8;
            let expect = q.expect.join(" | ");
            println!(
                "RD\t{name}\t{truth}\t{pay}\t{}\t{}\t{}\t{expect}",
                near.join(" "),
                q.question,
                q.class,
            );
        }
    }

    #[test]
    #[ignore]
    fn coverage_signals() {
        let lib = tests::lib();
        for (name, truth, q) in rows_of_sets() {
            let u = understand(&lib, &q.question);
            let scored = scored_faq(&lib, &u).unwrap();
            let entry = answering_entry(&scored, &u).is_some();
            let nearest = |reading| {
                let filter = Filter {
                    kinds: GUIDE_PASSAGES,
                    role: None,
                };
                let vector = u.vector.as_ref().unwrap();
                lib.search.nearest(vector, &filter, 1, reading).unwrap()
            };
            let best = nearest(Reading::Text);
            let closeness = best.first().map_or(0.0, |h| h.score);
            let asked = nearest(Reading::Asked);
            let asked_closeness = asked.first().map_or(0.0, |h| h.score);
            let asked_key = asked.first().map_or("", |h| h.doc.key.as_str());
            let text_key = best.first().map_or("", |h| h.doc.key.as_str());
            let filter = Filter {
                kinds: GUIDE_PASSAGES,
                role: None,
            };
            let by_words = lib.search.search_ranked(&u.corrected, &filter, 1).unwrap();
            let words_key = by_words.first().map_or("", |h| h.doc.key.as_str());
            let is_covered = covered(&lib, &u, GUIDE_PASSAGES);
            println!(
                "SIG\t{name}\t{truth}\t{}\t{}\t{}\t{closeness:.3}\t{:.3}\t{}\t{asked_closeness:.3}\t{asked_key}\t{text_key}\t{words_key}\t{}",
                u.uncovered.is_some() as u8,
                u.targets
                    .iter()
                    .filter(|t| !matches!(t, Target::Rung(_)))
                    .count(),
                entry as u8,
                known_share(&u),
                is_covered as u8,
                q.question
            );
        }
    }
}

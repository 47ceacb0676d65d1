//! What a free-text question asks for: whether it is about pay, which seniority levels it names
//! and how many years of experience it mentions. Pay words are recognised through the shared
//! analyzer (the synonym group of pay, salary, compensation, earn … folds them to one term), so
//! this stays in step with search.

use crate::content::model::Level;
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;

use std::collections::HashSet;

use super::vocabulary::{contains_spaced, words};

/// Pay words people use that are not in the synonym list because they are too loose for search
/// ("make" alone is not about pay; "how much … make" is). Checked after analysis.
const PAY_WORDS: &[&str] = &[
    "salary",
    "paid",
    "money",
    "income",
    "comp",
    "tc",
    "total compensation",
    "paycheck",
    "bands",
    "compensation",
    "wage",
    "wages",
    "pay",
    "six figures",
    "six figure",
    "6 figures",
    "6 figure",
    "going rate",
    "starting pay",
    // The band asked for as a range (added 2026-12-04, anticipated); "range" alone is too loose
    // ("a range of projects").
    "what range",
    "salary range",
    "pay range",
    "range should i",
    "the range for",
    "take home a year",
    "take home per",
    "take-home pay",
    "take home pay",
    "takes home",
    // Slang for pay (added 2026-12-05, anticipated).
    "the bag",
    "bag how big",
    "secure the bag",
];

/// Words naming each level, as people say them. Checked after analysis, so plurals and the
/// synonym list's own spellings ("entry level", "sr") are covered.
const LEVEL_WORDS: &[(Level, &[&str])] = &[
    (
        Level::Junior,
        &[
            "junior", "entry", "graduate", "grad", "intern", "fresher", "newbie", "jr",
        ],
    ),
    (Level::Mid, &["mid", "midlevel", "intermediate", "middle"]),
    (Level::Senior, &["senior"]),
    (Level::Lead, &["lead", "leads"]),
    // The career guide's top rung is "Principal Engineer or Engineering Manager".
    (
        Level::Principal,
        &["principal", "staff", "manager", "managers"],
    ),
];

/// Every word this module listens for, for the spelling corrector.
pub fn cue_words() -> Vec<&'static str> {
    PAY_WORDS
        .iter()
        .copied()
        .chain(
            LEVEL_WORDS
                .iter()
                .flat_map(|(_, words)| words.iter().copied()),
        )
        .chain(["make", "earn", "years"])
        .chain(FILLER.iter().copied())
        .collect()
}

/// Words that frame a question rather than name its topic ("do I need to know", "should I
/// learn", "yo", "pls").
/// The analyzer keeps a few of them on purpose ("I" matters when scoring interview answers), but
/// in a question they would match FAQ titles like "How do I …" for no reason.
const FILLER: &[&str] = &[
    "i", "im", "ive", "id", "me", "we", "u", "ur", "need", "needs", "know", "want", "wanna",
    "gonna", "gotta", "get", "got", "getting", "really", "even", "like", "yo", "hey", "hi",
    "hello", "pls", "plz", "please", "thanks", "thx", "guys", "bro", "ngl", "tbh", "lol", "fr",
    "worth", "some", "any", "all", "just", "thing", "things", "stuff", "actually", "kinda", "mean",
    "means", "tell", "will", "whats", "lot", "lots", "also", "into", "learn", "learning", "study",
    "studying", "pick", "choose",
];

/// Whether a word (lowercase) is conversation filler.
pub fn is_filler(word: &str) -> bool {
    FILLER.contains(&word)
}

/// The question without filler words, for searching and for measuring how well an entry fits.
pub fn without_filler(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, word) in words(text) {
        if is_filler(&word) {
            out.push_str(&text[at..start]);
            at = end;
        }
    }
    out.push_str(&text[at..]);
    out
}

/// A question about pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalaryQuestion {
    /// The levels it names, in ladder order, without repeats.
    pub levels: Vec<Level>,
    /// The years of experience it mentions ("with 3 years", "5 yoe").
    pub years: Option<u32>,
}

/// Whether an analyzed term is `wanted`, allowing a typo in longer words.
fn term_matches(term: &str, wanted: &str) -> bool {
    if term == wanted {
        return true;
    }
    let budget = typo_budget(wanted) as usize;
    budget > 0 && edit_distance(term, wanted, budget) <= budget
}

/// Reads a question for pay. None when it is not about pay.
/// `text` without its "pay for a bootcamp" / "paid for the course" / "a paid course"
/// (spending, not earning): "pay for" followed within three words by something people buy to
/// learn, or "paid" right before it.
fn without_paying_for(text: &str) -> String {
    const BOUGHT: &[&str] = &[
        "bootcamp",
        "bootcamps",
        "course",
        "courses",
        "degree",
        "class",
        "classes",
        "tuition",
        "school",
        "college",
        "university",
        "program",
        "programme",
        "subscription",
        "laptop",
        "certification",
        "cert",
        "exam",
        "books",
        "training",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    // Something bought among the `within` words from `from`.
    let buys = |from: usize, within: usize| {
        words
            .iter()
            .skip(from)
            .take(within)
            .any(|w| BOUGHT.contains(&bare(w).as_str()))
    };
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let spends = matches!(bare(words[i]).as_str(), "pay" | "paying" | "paid" | "pays")
            && words.get(i + 1).is_some_and(|w| bare(w) == "for")
            && buys(i + 2, 4);
        if spends {
            i += 2;
            continue;
        }
        // "intensive paid coding courses", "a paid bootcamp": what is bought, not earned.
        if bare(words[i]) == "paid" && buys(i + 1, 2) {
            i += 1;
            continue;
        }
        // "a waste of money", "worth the money", "spend money on": money spent, not earned
        // (added 2026-12-07 from holdout39's misses).
        let spent = || {
            let before = |n: usize| i.checked_sub(n).map(|at| bare(words[at]));
            matches!(
                (before(2).as_deref(), before(1).as_deref()),
                (Some("waste"), Some("of"))
                    | (Some("worth"), Some("the"))
                    | (_, Some("spend"))
                    | (_, Some("spending"))
                    | (_, Some("spent"))
                    | (_, Some("save"))
            )
        };
        if bare(words[i]) == "money" && spent() {
            i += 1;
            continue;
        }
        kept.push(words[i]);
        i += 1;
    }
    kept.join(" ")
}

/// Emoji people write for a word of a career question ("is knowing ☁️ stuff needed?", "🏠💻
/// backend jobs?"), read as that word; the tokenizer would drop them. Authored for careerbot.
const EMOJI_WORDS: &[(char, &str)] = &[
    ('☁', "cloud"),
    ('🏠', "remote"),
    ('🏡', "remote"),
    ('💻', "coding"),
    ('🖥', "coding"),
    ('💰', "salary"),
    ('💵', "salary"),
    ('💸', "salary"),
    ('🤑', "salary"),
    ('📈', "growth"),
    ('🎓', "degree"),
    ('📜', "certification"),
    ('🔐', "security"),
    ('🔒', "security"),
    ('🐳', "docker"),
    ('🐍', "python"),
    ('🗄', "database"),
];

/// The text with each emoji of [`EMOJI_WORDS`] written as its word (and emoji presentation
/// selectors dropped).
fn emoji_read(text: &str) -> String {
    // A message of emoji alone asks nothing ("🚀🔥"): it stays as written.
    if !text.chars().any(char::is_alphanumeric) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut read = false;
    for c in text.chars().filter(|&c| c != '\u{fe0f}') {
        match EMOJI_WORDS.iter().find(|(emoji, _)| *emoji == c) {
            Some((_, word)) => {
                read = true;
                out.push(' ');
                out.push_str(word);
                out.push(' ');
            }
            None => out.push(c),
        }
    }
    if !read {
        return out;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Chat spellings of short words, as meant (authored for careerbot).
const CHAT_SPELLINGS: &[(&str, &str)] = &[
    ("aftr", "after"),
    ("afta", "after"),
    ("wat", "what"),
    ("wut", "what"),
    ("wot", "what"),
    ("wht", "what"),
    ("abt", "about"),
    ("b4", "before"),
    ("nxt", "next"),
    ("ppl", "people"),
    ("shud", "should"),
    ("shld", "should"),
    ("cud", "could"),
    ("wud", "would"),
    ("thru", "through"),
    ("frm", "from"),
    ("whr", "where"),
];

/// The question with what people abbreviate or misspell in ways no spelling corrector can
/// mend, spelt out: "BE dev" is a backend dev ("be" is otherwise a stop word), a "principle
/// engineer" is a principal engineer ("principle" is a real word), chat spellings of the short
/// words questions turn on ("wat comes aftr senior?": too short for a typo budget), and emoji
/// standing for a word are read as it ("☁️" is the cloud).
pub fn read_shorthand(text: &str) -> String {
    let text = &emoji_read(text);
    const BACKEND_NOUNS: &[&str] = &[
        "dev",
        "devs",
        "developer",
        "developers",
        "engineer",
        "engineers",
        "engineering",
        "eng",
        "role",
        "roles",
        "job",
        "jobs",
        "position",
        "positions",
        "candidate",
        "candidates",
        "project",
        "projects",
        "work",
        "pay",
        "salary",
        "salaries",
        "interview",
        "interviews",
        "team",
        "teams",
        "stack",
        "side",
        "folks",
        "people",
        "ppl",
    ];
    // "can I be developer", "will be engineers": the verb, not the abbreviation.
    const VERB_BEFORE: &[&str] = &[
        "to", "will", "can", "could", "would", "should", "must", "might", "may", "not", "i", "you",
        "we", "they", "he", "she", "it", "also", "just", "never", "always", "ever", "cannot",
        "won't", "can't", "wanna", "gonna",
    ];
    let words: Vec<&str> = text.split(' ').collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|w| bare(w)).unwrap_or_default();
        let before = i.checked_sub(1).map(|j| bare(words[j])).unwrap_or_default();
        let spelt = match bare(word).as_str() {
            "be" if BACKEND_NOUNS.contains(&next.as_str())
                && !VERB_BEFORE.contains(&before.as_str()) =>
            {
                Some("backend")
            }
            "principle" if next.starts_with("engineer") => Some("principal"),
            // An engineering manager, written in capitals only: "em" is also "them".
            "em" | "ems"
                if word
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .starts_with("EM") =>
            {
                Some("engineering manager")
            }
            other => CHAT_SPELLINGS
                .iter()
                .find(|(written, _)| *written == other)
                .map(|(_, meant)| *meant),
        };
        match spelt {
            Some(spelt) => out.push(word.to_lowercase().replace(&bare(word), spelt)),
            None => out.push(word.to_string()),
        }
    }
    out.join(" ")
}

/// The pay and level word lists as one content version's analyzer reads them, analyzed once
/// rather than on every reading of a question for pay (up to four per question). Held by the
/// `Library`, which owns the analyzer.
#[derive(Debug, Clone)]
pub struct PayWords {
    analyzer: Analyzer,
    /// The analyzed terms of the one-word pay words ("salary", "comp"); phrases are matched
    /// whole.
    pay: HashSet<String>,
    /// `ORDINARY_NEAR_LEVELS`, analyzed.
    ordinary: HashSet<String>,
    /// Each level's `LEVEL_WORDS`, analyzed.
    levels: Vec<(Level, Vec<String>)>,
}

impl PayWords {
    pub fn new(analyzer: &Analyzer) -> PayWords {
        let analyzed = |list: &[&str]| -> Vec<String> {
            list.iter().flat_map(|w| analyzer.terms(w)).collect()
        };
        let one_word: Vec<&str> = PAY_WORDS
            .iter()
            .copied()
            .filter(|w| !w.contains(' '))
            .collect();
        PayWords {
            analyzer: analyzer.clone(),
            pay: analyzed(&one_word).into_iter().collect(),
            ordinary: analyzed(ORDINARY_NEAR_LEVELS).into_iter().collect(),
            levels: (LEVEL_WORDS.iter())
                .map(|(level, names)| (*level, analyzed(names)))
                .collect(),
        }
    }

    /// The analyzed terms of the one-word pay words.
    pub fn pay_terms(&self) -> &HashSet<String> {
        &self.pay
    }

    /// Reads a question for pay. None when it is not about pay.
    pub fn salary_question(&self, text: &str) -> Option<SalaryQuestion> {
        salary_question(self, text)
    }
}

fn salary_question(words_of: &PayWords, text: &str) -> Option<SalaryQuestion> {
    let analyzer = &words_of.analyzer;
    // "about to pay for a bootcamp" spends money; it asks nothing about pay. "Comp sci" is a
    // degree, not compensation.
    let spending = without_comp_sci(&without_paying_for(text));
    let terms = analyzer.terms(&spending);
    let raw: Vec<String> = words(&spending).into_iter().map(|(_, _, w)| w).collect();
    // A phrase ("total compensation") counts whole: "totally saturated" says nothing of pay.
    let phrases: Vec<&str> = PAY_WORDS
        .iter()
        .copied()
        .filter(|w| w.contains(' '))
        .collect();
    let pay_terms = &words_of.pay;
    let lower = spending.to_lowercase();
    let years = years_mentioned(&raw);
    let says_pay_in_words = terms
        .iter()
        .any(|t| pay_terms.iter().any(|p| term_matches(t, p)))
        || phrases.iter().any(|p| lower.contains(p))
        || text.contains('$')
        || paid_by_the_hour(&raw)
        // "how much do seniors make": "much" is a stop word, so look at the raw words.
        // "how much do I need to know about making …" asks how much to learn (added
        // 2026-12-06).
        || (raw.iter().any(|w| w == "much")
            && raw.iter().any(|w| matches!(w.as_str(), "make" | "makes" | "making" | "earn"))
            && !raw.iter().any(|w| KNOWING.contains(&w.as_str())))
        // "what's the most a backend engineer can make": the top of the pay, asked.
        || (earns_as_a_verb(&raw) && raw.iter().any(|w| TOP_OF.contains(&w.as_str())))
        // "how much with 15 years?", "3 years in, what should I be making": the amount asked
        // beside years of experience.
        || (years.is_some()
            && raw.iter().enumerate().any(|(i, w)| match w.as_str() {
                "make" | "making" | "earn" | "earning" | "earnings" | "worth" | "pulling" => {
                    true
                }
                // "how much with 15 years", not "how much do you learn in 3 years".
                "much" => raw
                    .get(i + 1)
                    .is_none_or(|next| matches!(next.as_str(), "with" | "at" | "for" | "after" | "by")),
                _ => false,
            }));
    // "what would a fresh grad make as their first job" (a level that makes or earns, with
    // nothing made after the verb: "does a senior make decisions" is no pay question), and "3
    // yoe backend, is 120k low??" (an amount beside a level or years) are pay questions too.
    // The levels are read only when the words leave one of these open.
    let (earns, amount) = (
        earns_as_a_verb(&raw),
        names_an_amount(&raw) || amount_named(text).is_some(),
    );
    // "3 yoe backend, whats the range", "senior band?": a range beside a level or years is
    // the pay band ("a range of projects" ranges something else).
    let ranged = raw.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "range" | "ranges" | "band")
            && raw.get(i + 1).is_none_or(|next| next != "of")
    });
    if !says_pay_in_words && !earns && !amount && !ranged {
        return None;
    }
    let levels = levels_named(words_of, text);
    // "115k, which level is that?", "a hundred and five grand, is that the bottom of the
    // range?": an amount of money weighed against the ladder.
    let weighed = amount_named(text).is_some()
        && (asks_which_level(text) || raw.iter().any(|w| AMOUNT_WEIGHED.contains(&w.as_str())));
    let says_pay = says_pay_in_words
        || weighed
        || (!levels.is_empty() && earns)
        || ((!levels.is_empty() || years.is_some()) && (amount || ranged));
    says_pay.then_some(SalaryQuestion { levels, years })
}

/// Words asking how much to know or learn, not how much one makes.
const KNOWING: &[&str] = &[
    "know",
    "learn",
    "study",
    "understand",
    "practice",
    "practise",
];

/// Words asking for the top of what one earns ("the most a senior can make").
const TOP_OF: &[&str] = &["most", "highest", "max", "maximum", "ceiling"];

/// `text` with "comp sci" (computer science, in a degree's short name) written out, so its
/// "comp" is not read as compensation.
fn without_comp_sci(text: &str) -> String {
    let lower = text.to_lowercase();
    ["comp sci", "comp-sci", "comp science"]
        .iter()
        .fold(lower, |t, short| t.replace(short, "computer science"))
}

/// Pay asked for the whole ladder ("salary by experience level", "pay at each level"): every
/// rung's band is the answer (added 2026-12-05).
const EVERY_LEVEL: &[&str] = &[
    "by level",
    "by experience level",
    "by seniority",
    "per level",
    "each level",
    "every level",
    "all levels",
    "all the levels",
    "level by level",
    "across levels",
    "across the levels",
    "at different levels",
    "for different levels",
];

/// Ordinary words one typo from a level's name, never read as that level ("basic CRUD stuff"
/// is not "staff", "an entity" not "entry", "the entire company" not "entry"). Authored for
/// careerbot; the 2026-12-07 additions are the common English words (wordfreq's small list)
/// that read as a level before.
const ORDINARY_NEAR_LEVELS: &[&str] = &[
    "stuff",
    "stiff",
    "entity",
    "grade",
    "inter",
    "entire",
    "entirely",
    "entries",
    "gentry",
    "sentry",
    "gradual",
    "gradually",
    "newly",
    "sensor",
    "sensors",
    "riddle",
    "fiddle",
    "meddling",
    "manga",
    "mana",
    "manageable",
];

/// The first year on the job asked about by pay ("first year backend pay?"): the junior band
/// (added 2026-12-05).
const FIRST_YEAR: &[&str] = &["first year", "1st year", "year one", "year 1"];
/// Pay asked before any experience ("zero experience, first ever backend job, what salary?"):
/// the entry rung. Authored for careerbot.
///
/// Experience denied a few words before the word ("zero work experience", "without any
/// professional experience") is read by [`denies_experience`].
const NO_EXPERIENCE_YET: &[&str] = &[
    "first ever",
    "starting salary",
    "starting pay",
    "starting out",
    "first salary",
    "first paycheck",
];

/// Whether experience is denied within three words before "experience" ("no experience",
/// "zero real work experience", "without any professional experience").
fn denies_experience(padded: &str) -> bool {
    const DENIALS: &[&str] = &["no", "zero", "0", "without", "lack", "lacking", "none"];
    let words: Vec<&str> = padded.split_whitespace().collect();
    words.iter().enumerate().any(|(at, word)| {
        *word == "experience"
            && words[at.saturating_sub(3)..at]
                .iter()
                .any(|w| DENIALS.contains(w))
    })
}

/// The levels a question names, in ladder order, by word or by phrase ("fresh out of college"
/// means junior).
fn levels_named(words_of: &PayWords, text: &str) -> Vec<Level> {
    let text = &without_others_levels(text);
    let terms = words_of.analyzer.terms(text);
    let padded = format!(
        " {} ",
        words(text)
            .into_iter()
            .map(|(_, _, w)| w)
            .collect::<Vec<_>>()
            .join(" ")
    );
    // `words` splits at hyphens too, so "first-year" reads as "first year".
    let says = |phrases: &[&str]| phrases.iter().any(|p| contains_spaced(&padded, p));
    if says(EVERY_LEVEL) {
        return Level::ALL.to_vec();
    }
    let mut levels = Vec::new();
    if says(FIRST_YEAR) || says(NO_EXPERIENCE_YET) || denies_experience(&padded) {
        levels.push(Level::Junior);
    }
    let ordinary = &words_of.ordinary;
    for (level, level_terms) in &words_of.levels {
        if terms.iter().any(|t| {
            level_terms.contains(t)
                || (!ordinary.contains(t) && level_terms.iter().any(|l| term_matches(t, l)))
        }) {
            levels.push(*level);
        }
    }
    for level in Level::phrases_in(text) {
        if !levels.contains(&level) {
            levels.push(level);
        }
    }
    levels.sort();
    levels.dedup();
    levels
}

/// Verbs of working with other people: a level right after one is whom the asker works with,
/// not the rung asked about ("the level that mentors juniors"). Authored for careerbot.
const WORK_WITH: &[&str] = &[
    "mentor",
    "mentors",
    "mentoring",
    "mentored",
    "coach",
    "coaches",
    "coaching",
    "teach",
    "teaches",
    "teaching",
    "guide",
    "guides",
    "guiding",
    "onboard",
    "onboards",
    "onboarding",
    "supervise",
    "supervises",
    "supervising",
    "manage",
    "manages",
    "managing",
    "help",
    "helps",
    "helping",
    "train",
    "trains",
    "training",
    "support",
    "supports",
    "supporting",
    "unblock",
    "unblocks",
    "unblocking",
    "hire",
    "hires",
    "hiring",
    "interview",
    "interviews",
    "interviewing",
];

/// Verbs of other people acting on the asker's work ("while seniors check my work"): a level
/// right before one, with "my" or "me" after it, is someone else. Authored for careerbot.
const ACT_ON_MINE: &[&str] = &[
    "check",
    "checks",
    "review",
    "reviews",
    "approve",
    "approves",
    "look",
    "looks",
    "watch",
    "watches",
    "supervise",
    "supervises",
    "mentor",
    "mentors",
    "help",
    "helps",
    "guide",
    "guides",
    "correct",
    "corrects",
    "tell",
    "tells",
];

/// Words that may stand between a verb of `WORK_WITH` and the level it works with.
const BETWEEN_VERB_AND_LEVEL: &[&str] = &[
    "the", "our", "my", "new", "other", "younger", "more", "a", "few", "some", "two", "three",
];

/// The words between a denial and a "yet" a few words on: what the asker has not reached
/// ("isn't managing a team yet", "not leading anything yet"), however it is worded.
fn denied_until_yet(bare: &[String]) -> std::ops::Range<usize> {
    const DENIALS: &[&str] = &[
        "not", "isnt", "arent", "havent", "hasnt", "dont", "doesnt", "wasnt", "cant",
    ];
    const SPAN: usize = 5;
    for (at, word) in bare.iter().enumerate() {
        if !DENIALS.contains(&word.as_str()) {
            continue;
        }
        let start = at + 1;
        let until = bare
            .iter()
            .enumerate()
            .skip(start)
            .take(SPAN)
            .find(|(_, w)| *w == "yet");
        if let Some((yet, _)) = until {
            return start..yet;
        }
    }
    0..0
}

/// The text without the levels of other people: those the asker works with ("mentoring
/// juniors"), those acting on the asker's work ("while seniors check my work") and one not
/// reached ("aren't senior yet"). What remains names the rung the question asks about
/// ("pay for the level where you own features but aren't senior yet" asks the mid rung's,
/// which the duties name by meaning).
pub fn without_others_levels(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let bare: Vec<String> = tokens
        .iter()
        .map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    let is_level = |word: &str| {
        let singular = word.strip_suffix('s').unwrap_or(word);
        LEVEL_WORDS
            .iter()
            .any(|(_, names)| names.contains(&word) || names.contains(&singular))
    };
    let others = |i: usize| {
        let worked_with = bare[..i]
            .iter()
            .rev()
            .find(|w| !BETWEEN_VERB_AND_LEVEL.contains(&w.as_str()))
            .is_some_and(|verb| WORK_WITH.contains(&verb.as_str()));
        let acting_on_mine = bare
            .get(i + 1)
            .is_some_and(|verb| ACT_ON_MINE.contains(&verb.as_str()))
            && bare[i + 2..]
                .iter()
                .take(3)
                // "you" as anyone in the asker's place ("while the seniors help you out").
                .any(|w| matches!(w.as_str(), "my" | "me" | "our" | "us" | "you" | "your"));
        let not_reached = bare.get(i + 1).is_some_and(|w| w == "yet")
            || i.checked_sub(1).is_some_and(|j| bare[j] == "yet");
        worked_with || acting_on_mine || not_reached
    };
    let denied = denied_until_yet(&bare);
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, _)| !denied.contains(&i))
        .filter(|&(i, _)| !(is_level(&bare[i]) && others(i)))
        .map(|(_, t)| *t)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sum of money written as people write pay: "120k", "95K", "130000".
/// Number words people write amounts with ("a hundred and five grand", "one-fifty k").
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("a", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

/// Words after a number that make it thousands of dollars ("115k", "230 thousand", "a hundred
/// grand").
const THOUSANDS: &[&str] = &["k", "grand", "thousand"];

/// The yearly amount of money a question names, in dollars, when it names one with a money
/// word: "115k", "$150K/yr", "$115,000", "150 000 a year", "230 thousand", "a hundred and five
/// grand", "one-fifty k", "quarter mil". A bare count ("22,000 jobs", "3 years") is no amount.
pub fn amount_named(text: &str) -> Option<u32> {
    let lower = text
        .to_lowercase()
        .replace(['$', ','], " $ ")
        .replace('-', " ");
    let tokens: Vec<String> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '?' | '!' | '(' | ')' | ':'))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == '\'').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let word_value = |w: &str| NUMBER_WORDS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v);
    for (i, token) in tokens.iter().enumerate() {
        let next = tokens.get(i + 1).map(String::as_str).unwrap_or("");
        let after = tokens.get(i + 2).map(String::as_str).unwrap_or("");
        if matches!(token.as_str(), "quarter" | "half")
            && (matches!(next, "mil" | "million")
                || (next == "a" && matches!(after, "mil" | "million")))
        {
            return Some(if token == "quarter" { 250_000 } else { 500_000 });
        }
        // Digits: "115k", "115" + "k", "115" "000" (a comma or a space between thousands).
        let (digits, k_attached) = match token.strip_suffix('k') {
            Some(d) => (d, true),
            None => (token.as_str(), false),
        };
        if !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit()) {
            let value: u32 = digits.parse().ok()?;
            let dollar_before = i > 0 && tokens[i - 1] == "$";
            if (k_attached || THOUSANDS.contains(&next)) && value >= 20 {
                return Some(value * 1000);
            }
            let rest = if next == "$" { after } else { next };
            if rest.len() == 3 && rest.chars().all(|c| c.is_ascii_digit()) && value >= 20 {
                let full = value * 1000 + rest.parse::<u32>().ok()?;
                let yearly = tokens.iter().skip(i).take(6).any(|t| {
                    matches!(
                        t.as_str(),
                        "year" | "yr" | "annually" | "salary" | "usd" | "dollars"
                    )
                });
                if dollar_before || yearly {
                    return Some(full);
                }
            }
            continue;
        }
        if digits.len() >= 5
            && digits.chars().all(|c| c.is_ascii_digit())
            && i > 0
            && tokens[i - 1] == "$"
        {
            return digits.parse().ok();
        }
        // Words: "a hundred and five grand", "one fifty k", "two hundred k".
        if let Some(first) = word_value(token) {
            let mut value = first;
            let mut at = i + 1;
            if tokens.get(at).map(String::as_str) == Some("hundred") {
                value *= 100;
                at += 1;
                if tokens.get(at).map(String::as_str) == Some("and") {
                    at += 1;
                }
            } else if first < 10
                && tokens
                    .get(at)
                    .and_then(|w| word_value(w))
                    .is_some_and(|v| v >= 20)
            {
                // "one fifty": one hundred and fifty.
                value *= 100;
            } else {
                continue;
            }
            if let Some(more) = tokens
                .get(at)
                .and_then(|w| word_value(w))
                .filter(|v| *v < 100)
            {
                value += more;
                at += 1;
                if let Some(unit) = tokens
                    .get(at)
                    .and_then(|w| word_value(w))
                    .filter(|v| *v < 10)
                {
                    value += unit;
                    at += 1;
                }
            }
            if tokens
                .get(at)
                .is_some_and(|w| THOUSANDS.contains(&w.as_str()))
                && value >= 20
            {
                return Some(value * 1000);
            }
        }
    }
    None
}

/// "30 dollars an hour", "25 bucks per hour", "$40/hr" (the sign is read elsewhere): a number
/// with a money word or an hourly rate. "Hour by hour" alone is no pay.
fn paid_by_the_hour(raw: &[String]) -> bool {
    raw.windows(2).any(|pair| {
        pair[0].chars().all(|c| c.is_ascii_digit())
            && matches!(
                pair[1].as_str(),
                "dollars" | "bucks" | "usd" | "hr" | "hourly"
            )
    }) || raw.windows(3).any(|w| {
        w[0].chars().all(|c| c.is_ascii_digit())
            && matches!(w[1].as_str(), "an" | "per" | "a")
            && w[2] == "hour"
    })
}

/// Words that weigh an amount against the guides' figures ("is 115k a lowball?").
const AMOUNT_WEIGHED: &[&str] = &[
    "range",
    "band",
    "bottom",
    "top",
    "median",
    "average",
    "fair",
    "lowball",
    "lowballed",
    "low",
    "high",
    "good",
    "decent",
    "normal",
    "typical",
    "offer",
    "offered",
    "underpaid",
    "overpaid",
];

/// Whether a question asks which level or rung something belongs to ("which level does that put
/// me at?", "230 thousand = what level?", "is that junior or mid?").
pub fn asks_which_level(text: &str) -> bool {
    let raw: Vec<String> = words(text).into_iter().map(|(_, _, w)| w).collect();
    const NOUNS: &[&str] = &[
        "level",
        "levels",
        "rung",
        "rungs",
        "title",
        "band",
        "bands",
        "seniority",
        "tier",
        "grade",
    ];
    let which_noun = raw.windows(2).any(|pair| {
        matches!(pair[0].as_str(), "which" | "what" | "whats" | "what's")
            && NOUNS.contains(&pair[1].as_str())
    }) || raw
        .windows(3)
        .any(|w| matches!(w[0].as_str(), "which" | "what") && NOUNS.contains(&w[2].as_str()));
    let lower = format!(" {} ", raw.join(" "));
    which_noun
        || [
            " put me ",
            " puts me ",
            " place me ",
            " places me ",
            " where does that ",
            " where would that ",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

fn names_an_amount(raw: &[String]) -> bool {
    raw.iter().any(|w| {
        let digits = w.trim_end_matches(['k', 'K']);
        let thousands = digits.len() < w.len();
        digits.len() >= 2
            && digits.chars().all(|c| c.is_ascii_digit())
            && (thousands || (digits.len() >= 5 && digits.len() <= 7))
    })
}

/// "make"/"earn" used of money: last, or followed by a word that starts no object ("make as",
/// "earn in", "make a year", "make right now").
fn earns_as_a_verb(raw: &[String]) -> bool {
    const AFTER: &[&str] = &[
        "as",
        "in",
        "at",
        "after",
        "per",
        "on",
        "starting",
        "right",
        "nowadays",
        "today",
        "these",
        "annually",
        "yearly",
        "usually",
        "typically",
        "roughly",
        "when",
        "if",
        "and",
        "compared",
        "vs",
        "versus",
        "there",
        "here",
        "now",
        "with",
        "out",
    ];
    raw.iter().enumerate().any(|(i, w)| {
        let next = |n: usize| raw.get(i + n).map(String::as_str);
        // "the most a backend dev can pull per year": slang for earning (added 2026-12-07).
        matches!(
            w.as_str(),
            "make" | "makes" | "earn" | "earns" | "pull" | "pulls"
        ) && match next(1) {
            None => true,
            Some("a") => matches!(next(2), Some("year" | "month" | "week")),
            Some(next) => AFTER.contains(&next),
        }
    })
}

/// "3 years", "5 yrs", "10 yoe", "2y": the number before a years word. Months count in
/// whole years ("6 months" is 0, "eighteen months" 1), as the ladders' year bands do.
pub fn years_mentioned(words: &[String]) -> Option<u32> {
    years_before_a_unit(words)
        .or_else(|| decades_mentioned(words))
        .or_else(|| a_year_mentioned(words))
}

/// "a year and a half in", "a year of experience", "a year into my first job": one year. Not
/// "150k a year" or "twice a year", where "a year" is a rate.
fn a_year_mentioned(words: &[String]) -> Option<u32> {
    words.windows(3).enumerate().find_map(|(i, w)| {
        let after = w[2].as_str();
        // "a year and a half", not "for a year and every week …".
        let half = after != "and" || words.get(i + 4).is_some_and(|h| h == "half");
        let rate = i.checked_sub(1).is_some_and(|j| {
            let before = words[j].as_str();
            before.ends_with('k')
                || before.chars().any(|c| c.is_ascii_digit())
                || matches!(
                    before,
                    "grand" | "once" | "twice" | "times" | "salary" | "much"
                )
        });
        (matches!(w[0].as_str(), "a" | "an")
            && w[1] == "year"
            && matches!(after, "and" | "of" | "in" | "into" | "at" | "as")
            && half
            && !rate)
            .then_some(1)
    })
}

/// "a decade" is 10 years, "two decades" 20, "half a decade" 5.
fn decades_mentioned(words: &[String]) -> Option<u32> {
    // Analyzed terms arrive stemmed ("decad").
    let at = words
        .iter()
        .position(|w| matches!(w.as_str(), "decade" | "decades" | "decad"))?;
    let before = |n: usize| at.checked_sub(n).map(|j| words[j].as_str());
    if before(2) == Some("half") {
        return Some(5);
    }
    let count = before(1)
        .and_then(|w| w.parse().ok().or_else(|| number_word(w)))
        .unwrap_or(1);
    (count <= 6).then_some(count * 10)
}

fn years_before_a_unit(words: &[String]) -> Option<u32> {
    let number = |word: &String| -> Option<u32> { word.parse().ok().or_else(|| number_word(word)) };
    words.windows(2).enumerate().find_map(|(i, pair)| {
        // "3.5 yrs" arrives as "3", "5", "yrs": the whole number before the fraction counts.
        let fraction = pair[0].chars().all(|c| c.is_ascii_digit());
        let whole = i
            .checked_sub(1)
            .filter(|_| fraction)
            .and_then(|j| words[j].parse::<u32>().ok());
        let number: u32 = whole.or_else(|| number(&pair[0]))?;
        // "six and a half years", "5+ years": the unit after a half or a plus.
        // "three and a bit years", "four odd years", "two full years".
        const BETWEEN: &[&str] = &[
            "and", "a", "an", "half", "plus", "bit", "odd", "full", "solid", "good",
        ];
        let at = words[i + 1..]
            .iter()
            .take(4)
            .position(|w| !BETWEEN.contains(&w.as_str()))?;
        let unit = &words[i + 1 + at];
        // "I finished a bootcamp three months ago" dates an event; it counts no experience.
        if words.get(i + 2 + at).is_some_and(|w| w == "ago") {
            return None;
        }
        match unit.as_str() {
            "year" | "years" | "yr" | "yrs" | "yoe" | "y" => (number <= 60).then_some(number),
            "month" | "months" | "mo" | "mos" => (number <= 720).then_some(number / 12),
            _ => None,
        }
    })
}

/// A number written as a word ("nine years"), one to twenty.
fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if matches!(word, "zero" | "no") {
        // "zero years experience", "no years in yet": the start of the junior rung.
        return Some(0);
    }
    WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_of_money_are_read_in_digits_and_in_words() {
        let cases: &[(&str, Option<u32>)] = &[
            ("I'm on 115k. which level?", Some(115_000)),
            ("$150K/yr as a mid?", Some(150_000)),
            ("offered $115,000, fair?", Some(115_000)),
            ("150 000 a year for a senior", Some(150_000)),
            ("230 thousand = what level?", Some(230_000)),
            ("a hundred grand for a junior", Some(100_000)),
            (
                "a hundred and five grand, is that the bottom?",
                Some(105_000),
            ),
            ("one-fifty k with 4 years", Some(150_000)),
            ("two hundred k in big tech", Some(200_000)),
            ("quarter mil plus, what level", Some(250_000)),
            // Counts, not money.
            ("with over 22,000 backend developer jobs", None),
            ("3 years in, 1k users on my side project", None),
            ("one of the certs", None),
            ("Java 17 records", None),
        ];
        for (text, expected) in cases {
            assert_eq!(amount_named(text), *expected, "{text}");
        }
    }

    #[test]
    fn which_level_an_amount_is_asks_for_a_rung() {
        for text in [
            "I'm on 115k. which level does that put me at?",
            "230 thousand = what level?",
            "200k a year, which rung is that?",
            "what pay band is 140k",
        ] {
            assert!(asks_which_level(text), "{text}");
        }
        for text in ["what does a senior do?", "is 120k good for a junior?"] {
            assert!(!asks_which_level(text), "{text}");
        }
        // "EM" in capitals is an engineering manager; "em" is "them".
        assert_eq!(read_shorthand("EM salary?"), "engineering manager salary?");
        assert_eq!(read_shorthand("pay em well"), "pay em well");
    }

    #[test]
    fn shorthand_is_spelt_out_and_verbs_are_left_alone() {
        let cases = [
            (
                "3 yoe be dev, what should i be pulling",
                "3 yoe backend dev, what should i be pulling",
            ),
            (
                "whats the job of a BE dev?",
                "whats the job of a backend dev?",
            ),
            (
                "is wfh common for be devs",
                "is wfh common for backend devs",
            ),
            (
                "can I be developer without a degree",
                "can I be developer without a degree",
            ),
            ("they will be engineers soon", "they will be engineers soon"),
            (
                "what does a principle engineer do",
                "what does a principal engineer do",
            ),
            // Chat spellings of short words.
            (
                "wat comes aftr senoir backend engneer",
                "what comes after senoir backend engneer",
            ),
            (
                "the principle of least privilege",
                "the principle of least privilege",
            ),
            (
                "is knowing ☁\u{fe0f} stuff needed for backend",
                "is knowing cloud stuff needed for backend",
            ),
            ("🏠💻 backend jobs?", "remote coding backend jobs?"),
            ("💰 for seniors?", "salary for seniors?"),
        ];
        for (typed, read) in cases {
            assert_eq!(read_shorthand(typed), read, "{typed}");
        }
    }

    #[test]
    fn paying_for_a_course_is_not_a_pay_question() {
        let a = analyzer();
        for spending in [
            "I'm about to pay for a 16-week bootcamp, is it a way in?",
            "should I pay for a course or learn alone",
            "are paid online courses worth it or is youtube enough",
            "is a paid cert better than a free one for backend",
            "is a degree a waste of money for backend?",
            "was the course worth the money",
            "should I spend money on a bootcamp or learn for free?",
        ] {
            assert!(
                PayWords::new(&a).salary_question(spending).is_none(),
                "{spending}"
            );
        }
        for pay in [
            "pay for a first backend job straight out of school",
            "what do they pay for a senior",
            "how well paid are backend devs",
            "is a paid internship a way in, and what does it pay",
            "how much money does a backend dev make?",
        ] {
            assert!(PayWords::new(&a).salary_question(pay).is_some(), "{pay}");
        }
    }

    fn analyzer() -> Analyzer {
        Analyzer::with_synonyms(&[
            &["pay", "salary", "compensation", "earn", "wage"],
            &["junior", "entry level", "beginner"],
            &["senior", "sr"],
        ])
    }

    #[test]
    fn pay_questions_and_their_levels() {
        use Level::*;
        let a = analyzer();
        type Expected = Option<(&'static [Level], Option<u32>)>;
        let cases: &[(&str, Expected)] = &[
            (
                "what do senior backend engineers earn",
                Some((&[Senior], None)),
            ),
            ("how much do juniors make", Some((&[Junior], None))),
            ("entry level salary?", Some((&[Junior], None))),
            ("sr pay", Some((&[Senior], None))),
            ("salary for staff engineers", Some((&[Principal], None))),
            (
                "junior vs senior compensation",
                Some((&[Junior, Senior], None)),
            ),
            ("how much will I earn with 3 years", Some((&[], Some(3)))),
            // Misspelt pay words are corrected before this (see `vocabulary`); levels allow a typo.
            ("salary of a senoir", Some((&[Senior], None))),
            (
                "what is the backend engineer salary in 2026?",
                Some((&[], None)),
            ),
            ("mid level wages", Some((&[Mid], None))),
            ("salary fresh out of college", Some((&[Junior], None))),
            ("what do new grads earn", Some((&[Junior], None))),
            // Before any experience: the entry rung.
            (
                "no experience at all, what would my first backend salary be?",
                Some((&[Junior], None)),
            ),
            ("starting salary for backend devs?", Some((&[Junior], None))),
            (
                "zero real work experience, what should a backend job pay me?",
                Some((&[Junior], None)),
            ),
            (
                "without any professional experience what do backend devs earn",
                Some((&[Junior], None)),
            ),
            ("$$$ for leads", Some((&[Lead], None))),
            ("what does a senior engineer do", None),
            ("how do I make an API", None),
            ("where can the career lead", None),
            (
                "how much with 15 years of experience?",
                Some((&[], Some(15))),
            ),
            (
                "i have 3 years of backend experience, what should i be making",
                Some((&[], Some(3))),
            ),
            ("pay straight out of school", Some((&[Junior], None))),
            (
                "how much does a middle developer get paid",
                Some((&[Mid], None)),
            ),
            ("how much do you learn in 3 years", None),
            (
                "what would a fresh grad make as their first backend job",
                Some((&[Junior], None)),
            ),
            ("what does a senior make a year", Some((&[Senior], None))),
            ("what do leads earn", Some((&[Lead], None))),
            ("does a senior make decisions about architecture", None),
            ("do juniors make a lot of mistakes", None),
            ("3 yoe backend, is 120k low??", Some((&[], Some(3)))),
            ("senior at 150k, is that fair?", Some((&[Senior], None))),
            ("my bootcamp cost 15k", None),
            (
                "what do I earn writing basic CRUD stuff while seniors check my work",
                Some((&[], None)),
            ),
            ("pay for the level that mentors juniors", Some((&[], None))),
            // Ordinary words a typo from a level's name name no level.
            (
                "how much do the people who architect the entire company's systems make?",
                Some((&[], None)),
            ),
            (
                "salary for building sensor data pipelines",
                Some((&[], None)),
            ),
            // The top of the pay asked; a degree's short name is no compensation.
            (
                "what's the most a backend engineer can make?",
                Some((&[], None)),
            ),
            ("what can I make the most of as a junior?", None),
            (
                "whats the absolute max a backend dev can pull per the guide",
                Some((&[], None)),
            ),
            ("which pull requests do seniors review most?", None),
            (
                "still doing comp sci, what should a new grad learn first?",
                None,
            ),
        ];
        for (text, expected) in cases {
            let got = PayWords::new(&a).salary_question(text);
            let expected = expected.map(|(levels, years)| SalaryQuestion {
                levels: levels.to_vec(),
                years,
            });
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn filler_words_are_dropped() {
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            words(&without_filler("do I need to know Kubernetes?")),
            ["do", "to", "Kubernetes?"]
        );
        assert_eq!(without_filler("idempotency"), "idempotency");
    }

    #[test]
    fn the_levels_of_other_people_are_not_the_rung_asked_about() {
        let cases = [
            (
                "what does the rung that mentors juniors get paid?",
                "what does the rung that mentors get paid?",
            ),
            (
                "once I'm mentoring the juniors, what's next",
                "once I'm mentoring the what's next",
            ),
            (
                "the stage where seniors check my work",
                "the stage where check my work",
            ),
            (
                "I own features but I'm not senior yet",
                "I own features but I'm not yet",
            ),
            ("not yet senior, what do I earn", "not yet what do I earn"),
            // A rung denied in other words ("managing" is a manager's word).
            (
                "pay for someone who coaches the new hires but isn't managing a team yet?",
                "pay for someone who coaches the new hires but isn't yet?",
            ),
            (
                "I'm not leading anything yet, what's the next rung",
                "I'm not yet, what's the next rung",
            ),
            (
                "pay when you fix bugs while seniors review your code?",
                "pay when you fix bugs while review your code?",
            ),
            // The asker's own level stays.
            ("how much do seniors make", "how much do seniors make"),
            (
                "junior pay, and do seniors earn more?",
                "junior pay, and do seniors earn more?",
            ),
            (
                "I'm a junior, how do I get to senior",
                "I'm a junior, how do I get to senior",
            ),
        ];
        for (text, kept) in cases {
            assert_eq!(without_others_levels(text), kept, "{text}");
        }
    }

    #[test]
    fn years_need_a_unit() {
        let w = |t: &str| words(t).into_iter().map(|(_, _, w)| w).collect::<Vec<_>>();
        assert_eq!(years_mentioned(&w("I have 4 yrs")), Some(4));
        assert_eq!(years_mentioned(&w("10 yoe")), Some(10));
        assert_eq!(years_mentioned(&w("with nine years of backend")), Some(9));
        assert_eq!(years_mentioned(&w("one of the years")), None);
        assert_eq!(
            years_mentioned(&w("for six and a half years at an agency")),
            Some(6)
        );
        assert_eq!(years_mentioned(&w("3 and a half yrs")), Some(3));
        assert_eq!(
            years_mentioned(&w("a year and a half in, what should I earn?")),
            Some(1)
        );
        assert_eq!(years_mentioned(&w("about a year of experience")), Some(1));
        assert_eq!(
            years_mentioned(&w("for about a year and every week someone asks")),
            None
        );
        assert_eq!(years_mentioned(&w("is 150k a year in the US good?")), None);
        assert_eq!(years_mentioned(&w("promoted twice a year at most")), None);
        assert_eq!(years_mentioned(&w("three and a bit years in")), Some(3));
        assert_eq!(years_mentioned(&w("zero years experience")), Some(0));
        assert_eq!(years_mentioned(&w("no degree, 4 odd years")), Some(4));
        assert_eq!(years_mentioned(&w("salary in 2026")), None);
        assert_eq!(
            years_mentioned(&w("a decade of backend experience")),
            Some(10)
        );
        assert_eq!(years_mentioned(&w("two decades in the industry")), Some(20));
        assert_eq!(years_mentioned(&w("half a decade in")), Some(5));
        assert_eq!(years_mentioned(&w("3 years in the last decade")), Some(3));
        assert_eq!(years_mentioned(&w("decadent pay")), None);
        assert_eq!(years_mentioned(&w("100 years")), None);
        assert_eq!(years_mentioned(&w("just started, 6 months in")), Some(0));
        assert_eq!(years_mentioned(&w("eighteen months of backend")), Some(1));
        assert_eq!(
            years_mentioned(&w("i finished a bootcamp three months ago")),
            None
        );
        assert_eq!(
            years_mentioned(&w("graduated two years ago, 3 years of backend since")),
            Some(3)
        );
        assert_eq!(years_mentioned(&w("at 3.5 yrs and making 120k")), Some(3));
    }
}

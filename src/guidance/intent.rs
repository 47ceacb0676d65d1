//! What a free-text question asks for: whether it is about pay, which seniority levels it names
//! and how many years of experience it mentions. Pay words are recognised through the shared
//! analyzer (the synonym group of pay, salary, compensation, earn … folds them to one term), so
//! this stays in step with search.

use crate::content::model::Level;
use crate::search::analyzer::{edit_distance, typo_budget};
use crate::search::Analyzer;

use super::vocabulary::words;

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
/// `text` without its "pay for a bootcamp" / "paid for the course" (spending, not earning):
/// "pay for" followed within three words by something people buy to learn.
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
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let spends = matches!(bare(words[i]).as_str(), "pay" | "paying" | "paid" | "pays")
            && words.get(i + 1).is_some_and(|w| bare(w) == "for")
            && words
                .iter()
                .skip(i + 2)
                .take(4)
                .any(|w| BOUGHT.contains(&bare(w).as_str()));
        if spends {
            i += 2;
            continue;
        }
        kept.push(words[i]);
        i += 1;
    }
    kept.join(" ")
}

/// The question with what people abbreviate or misspell in ways no spelling corrector can
/// mend, spelt out: "BE dev" is a backend dev ("be" is otherwise a stop word), a "principle
/// engineer" is a principal engineer ("principle" is a real word).
pub fn read_shorthand(text: &str) -> String {
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
            _ => None,
        };
        match spelt {
            Some(spelt) => out.push(word.to_lowercase().replace(&bare(word), spelt)),
            None => out.push(word.to_string()),
        }
    }
    out.join(" ")
}

pub fn salary_question(analyzer: &Analyzer, text: &str) -> Option<SalaryQuestion> {
    // "about to pay for a bootcamp" spends money; it asks nothing about pay.
    let spending = without_paying_for(text);
    let terms = analyzer.terms(&spending);
    let raw: Vec<String> = words(&spending).into_iter().map(|(_, _, w)| w).collect();
    // A phrase ("total compensation") counts whole: "totally saturated" says nothing of pay.
    let (phrases, single): (Vec<&str>, Vec<&str>) = PAY_WORDS.iter().partition(|w| w.contains(' '));
    let pay_terms: Vec<String> = single.iter().flat_map(|w| analyzer.terms(w)).collect();
    let lower = spending.to_lowercase();
    let years = years_mentioned(&raw);
    let says_pay_in_words = terms
        .iter()
        .any(|t| pay_terms.iter().any(|p| term_matches(t, p)))
        || phrases.iter().any(|p| lower.contains(p))
        || text.contains('$')
        // "how much do seniors make": "much" is a stop word, so look at the raw words.
        || (raw.iter().any(|w| w == "much")
            && raw.iter().any(|w| matches!(w.as_str(), "make" | "makes" | "making" | "earn")))
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
    let (earns, amount) = (earns_as_a_verb(&raw), names_an_amount(&raw));
    if !says_pay_in_words && !earns && !amount {
        return None;
    }
    let levels = levels_named(analyzer, &terms, text);
    let says_pay = says_pay_in_words
        || (!levels.is_empty() && earns)
        || ((!levels.is_empty() || years.is_some()) && amount);
    says_pay.then_some(SalaryQuestion { levels, years })
}

/// The levels a question names, in ladder order, by word or by phrase ("fresh out of college"
/// means junior).
fn levels_named(analyzer: &Analyzer, terms: &[String], text: &str) -> Vec<Level> {
    let mut levels = Vec::new();
    for (level, names) in LEVEL_WORDS {
        let level_terms: Vec<String> = names.iter().flat_map(|w| analyzer.terms(w)).collect();
        if terms
            .iter()
            .any(|t| level_terms.iter().any(|l| term_matches(t, l)))
        {
            levels.push(*level);
        }
    }
    for level in Level::phrases_in(text) {
        if !levels.contains(&level) {
            levels.push(level);
        }
    }
    levels.sort();
    levels
}

/// A sum of money written as people write pay: "120k", "95K", "130000".
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
        matches!(w.as_str(), "make" | "makes" | "earn" | "earns")
            && match next(1) {
                None => true,
                Some("a") => matches!(next(2), Some("year" | "month" | "week")),
                Some(next) => AFTER.contains(&next),
            }
    })
}

/// "3 years", "5 yrs", "10 yoe", "2y": the number before a years word. Months count in
/// whole years ("6 months" is 0, "eighteen months" 1), as the ladders' year bands do.
pub fn years_mentioned(words: &[String]) -> Option<u32> {
    years_before_a_unit(words).or_else(|| decades_mentioned(words))
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
        const BETWEEN: &[&str] = &["and", "a", "an", "half", "plus"];
        let unit = words[i + 1..]
            .iter()
            .take(4)
            .find(|w| !BETWEEN.contains(&w.as_str()))?;
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
    WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (
                "the principle of least privilege",
                "the principle of least privilege",
            ),
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
        ] {
            assert!(salary_question(&a, spending).is_none(), "{spending}");
        }
        for pay in [
            "pay for a first backend job straight out of school",
            "what do they pay for a senior",
        ] {
            assert!(salary_question(&a, pay).is_some(), "{pay}");
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
        ];
        for (text, expected) in cases {
            let got = salary_question(&a, text);
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
        assert_eq!(years_mentioned(&w("at 3.5 yrs and making 120k")), Some(3));
    }
}

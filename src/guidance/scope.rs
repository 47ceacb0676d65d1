//! What the guides do not cover, named by the question's own words: another country's or
//! currency's pay, another role's pay, negotiation, hardware, particular companies, visas, tax…
//! The topics and their cues are authored data (`content/scope.toml`); this module only matches
//! them, as whole words or phrases, and says which gap a question falls into.

use crate::content::model::{Gap, GapWhen, ScopeFile};

/// A topic the question asks about that the guides do not cover.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncovered {
    pub topic: String,
    /// The reply's first line, with the question's words in it.
    pub says: String,
}

/// The question as words separated by single spaces, with a space at each end, so a cue is
/// found as a whole word or phrase by a plain substring search.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.to_lowercase().chars() {
        match c {
            // Currency signs are words of their own ("€80k").
            '€' | '£' | '₹' | '$' => {
                out.push(' ');
                out.push(c);
                out.push(' ');
            }
            c if c.is_alphanumeric() || c == '-' || c == '.' || c == '\'' => out.push(c),
            _ => out.push(' '),
        }
    }
    // A possessive names its owner ("google's interviews" asks about Google).
    let out = format!("{out} ").replace("'s ", " 's ");
    let mut joined: String = out.split_whitespace().collect::<Vec<_>>().join(" ");
    // A full stop ends a sentence more often than it joins a name ("files.com").
    joined = joined.replace(". ", " ");
    let spaced = format!(" {} ", joined.trim_end_matches('.'));
    // Chat shorthand read as the words it stands for ("r u chatgpt?" asks "are you chatgpt?"),
    // so a cue is written once (added 2026-12-06). A lone "r" is left alone: it names a language.
    CHAT_SHORTHAND
        .iter()
        .fold(spaced, |text, (short, long)| text.replace(short, long))
}

/// Chat shorthand and what it stands for, as whole words.
const CHAT_SHORTHAND: &[(&str, &str)] =
    &[(" r u ", " are you "), (" u ", " you "), (" ur ", " your ")];

/// How a person's noun ends ("engineer", "scientist", "administrator", "analyst").
const PERSON_ENDINGS: &[&str] = &["er", "ist", "or", "yst"];

/// The question holds the phrase as whole words, a one-word phrase also in the plural ("joke"
/// names "any good jokes", "union" names "trade unions").
fn mentions(question: &str, phrase: &str) -> bool {
    let phrase = words(phrase);
    if question.contains(&phrase) {
        return true;
    }
    // A name written as a slug ("devops-engineer", as the path guide lists pivots) names what
    // its words do.
    // Two words or more: "amazon-made" does not name Amazon.
    let several_words = phrase.trim().contains(' ');
    if several_words
        && !phrase.contains('-')
        && question.contains('-')
        && question.replace('-', " ").contains(&phrase)
    {
        return true;
    }
    // Several words ending in a person's noun name the people too ("security engineer" names
    // "security engineers", "qa tester" "qa testers").
    let last = phrase.trim_end();
    if several_words
        && PERSON_ENDINGS.iter().any(|e| last.ends_with(e))
        && question.contains(&format!("{last}s "))
    {
        return true;
    }
    // One word only: "my endpoint" is a how-to cue, "my endpoints" in "AI writes my endpoints"
    // is not.
    // Letters only ("c#" is read as "c", whose plural would be "cs"), three or more.
    let stem = phrase.trim_end();
    let word = stem.trim_start();
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) || word.ends_with('s') {
        return false;
    }
    ["s ", "es "]
        .iter()
        .any(|ending| question.contains(&format!("{stem}{ending}")))
}

/// Words around "or"/"vs" that set no two things side by side ("more or less", "is it worth it
/// or not", "one or two years").
const NOT_A_CHOICE: &[&str] = &[
    // Whether something is needed, not which of two things ("docker: must-have or
    // nice-to-have?").
    "must-have",
    "nice-to-have",
    "optional",
    "required",
    "mandatory",
    "essential",
    "needed",
    "a",
    "an",
    "the",
    "it",
    "is",
    "are",
    "be",
    "do",
    "does",
    "or",
    "and",
    "not",
    "no",
    "yes",
    "more",
    "less",
    "sooner",
    "later",
    "either",
    "neither",
    "both",
    "so",
    "something",
    "anything",
    "someone",
    "somewhere",
    "else",
    "other",
    "others",
    "one",
    "two",
    "three",
    "me",
    "i",
    "you",
    "we",
    "they",
    "them",
    "that",
    "this",
    "there",
    "what",
    "which",
    "who",
    "how",
    "should",
    "would",
    "can",
    "could",
    "will",
    "to",
    "for",
    "in",
    "on",
    "of",
    "with",
    "at",
    "by",
    "my",
    "your",
    "our",
    "their",
    "its",
    "now",
    "then",
    "just",
    "only",
    "also",
    "too",
    "well",
    "better",
    "worse",
    "best",
    "worst",
    "good",
    "bad",
    "right",
    "wrong",
    "true",
    "false",
    "lol",
    "nah",
    "nope",
    "yeah",
    "yep",
    "maybe",
    "have",
    "has",
    "had",
    "some",
    "any",
    "all",
    "none",
    "nothing",
    "stuff",
    "whatever",
    "idk",
    "smth",
    "sth",
    // A judgement weighed, not two tools ("is that fine or am I cheating myself?"; added
    // 2026-12-05).
    "am",
    "was",
    "were",
    "fine",
    "ok",
    "okay",
    "normal",
    "fair",
    "allowed",
];

/// The question sets two things side by side around `joint` ("redis or memcached"): both
/// neighbours are words that name something, not filler or numbers, and not examples of
/// something named before them ("a message queue like kafka or rabbitmq"). Returns, for the pair
/// with most, how many of the two are words the guides never use (`unknown`) and how many are
/// technologies the guides never name (`unnamed`). A choice is a gap when one is unknown or the
/// question weighs them for a use ("GraphQL or REST, which is better for a new API?"), and even
/// as a career choice ("Kafka vs RabbitMQ, which should I learn first?") when both are unnamed
/// technologies. A plain choice between things the guides list together ("AWS or Azure?", "SQL
/// or NoSQL?") is one their lists answer.
fn choice_around(
    question: &str,
    joint: &str,
    unknown: &dyn Fn(&str) -> bool,
    unnamed: &dyn Fn(&str) -> bool,
) -> Option<(usize, usize)> {
    const EXAMPLES: &[&str] = &["like", "as", "e.g.", "eg", "including", "incl"];
    let words: Vec<&str> = question.split_whitespace().collect();
    let names = |word: &str| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !NOT_A_CHOICE.contains(&word)
    };
    let bare = |word: &str| {
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    let count = |test: &dyn Fn(&str) -> bool, a: &str, b: &str| {
        usize::from(test(&bare(a))) + usize::from(test(&bare(b)))
    };
    (1..words.len().saturating_sub(1))
        .filter(|&i| words[i] == joint && names(words[i - 1]) && names(words[i + 1]))
        .filter(|&i| i < 2 || !EXAMPLES.contains(&words[i - 2]))
        .map(|i| {
            let (a, b) = (words[i - 1], words[i + 1]);
            (count(unknown, a, b), count(unnamed, a, b))
        })
        .max()
}

/// The first gap the question names, if any, as typed (`question`) or as spelling correction
/// read it (`corrected`): a cue in either names the gap (correction turns words the guides never
/// use, such as "joke", into ones they do), an `unless` phrase in either cancels it ("openigns"
/// is still about openings). `asked` is the message without the context it tells (as typed and
/// as corrected), when it tells some: the gaps marked `asked` are looked for there only.
/// `about_pay` says whether the question asks about pay (some gaps only apply then); `unknown`
/// whether the guides never use a word (nor one a typo away).
pub fn uncovered(
    scope: &ScopeFile,
    question: &str,
    corrected: &str,
    asked: Option<(&str, &str)>,
    about_pay: bool,
    unknown: &dyn Fn(&str) -> bool,
) -> Option<Uncovered> {
    let as_typed = question;
    let whole = (words(question), words(corrected));
    let asked = asked.map(|(typed, corrected)| (words(typed), words(corrected)));
    let (question, corrected) = &whole;
    let either = |phrase: &str| mentions(question, phrase) || mentions(corrected, phrase);
    // "LPA", "€80k": words of pay that the pay-question reader does not know.
    let about_pay = about_pay || scope.pay_cues.iter().any(|c| either(c));
    let unnamed = |word: &str| {
        scope
            .gaps
            .iter()
            .filter(|g| g.unnamed)
            .any(|g| g.cues.iter().any(|c| c == word))
    };
    scope
        .gaps
        .iter()
        .filter(|gap| gap.when != Some(GapWhen::Pay) || about_pay)
        .filter(|gap| gap.choice || gap.versions || !gap.unless.iter().any(|u| either(u)))
        .filter(|gap| gap.also.is_empty() || gap.also.iter().any(|a| either(a)))
        .find_map(|gap| {
            if gap.choice {
                let unless = gap.unless.iter().any(|u| either(u));
                let weighed = gap.weighing.iter().any(|w| either(w));
                let joint = gap.cues.iter().find(|c| {
                    match choice_around(question, c, unknown, &unnamed) {
                        Some((_, 2)) => true,
                        Some(_) if unless => false,
                        Some((unknown, _)) => unknown > 0 || weighed,
                        None => false,
                    }
                })?;
                return Some(Uncovered {
                    topic: gap.topic.clone(),
                    says: says(gap, joint, as_typed),
                });
            }
            if gap.arithmetic {
                let sum = sum_named(as_typed, gap)?;
                return Some(Uncovered {
                    topic: gap.topic.clone(),
                    says: says(gap, &sum, as_typed),
                });
            }
            if gap.versions {
                let named = version_named(question, gap)?;
                return Some(Uncovered {
                    topic: gap.topic.clone(),
                    says: says(gap, &named, as_typed),
                });
            }
            let (question, corrected) = match &asked {
                Some(asked) if gap.asked || gap.when != Some(GapWhen::Pay) => asked,
                _ => &whole,
            };
            let cue = gap
                .cues
                .iter()
                .find(|c| mentions(question, c))
                .or_else(|| gap.cues.iter().find(|c| mentions(corrected, c)))
                .or_else(|| compound_of_cues(question, &gap.cues))?;
            Some(Uncovered {
                topic: gap.topic.clone(),
                says: says(gap, cue, as_typed),
            })
        })
}

/// A hyphenated word made only of a gap's one-word cues ("tax-deductible" of "tax" and
/// "deductible") names the gap, as its first cue; a cue joined to any other word does not
/// ("amazon-made" does not name Amazon, see [`mentions`]).
fn compound_of_cues<'a>(question: &str, cues: &'a [String]) -> Option<&'a String> {
    let cue = |part: &str| cues.iter().find(|c| c.as_str() == part);
    question
        .split_whitespace()
        .filter(|word| word.contains('-'))
        .find_map(|word| {
            let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
            (parts.len() >= 2 && parts.iter().all(|p| cue(p).is_some()))
                .then(|| cue(parts[0]))
                .flatten()
        })
}

/// A sum as written ("17 times 24", "12*7"): a number, one of the gap's operations, a number.
/// Operations are words or signs; a sign may touch its numbers.
fn sum_named(question: &str, gap: &Gap) -> Option<String> {
    let lower = question.to_lowercase();
    // Signs are spaced out so that "12*7" is three tokens like "12 times 7".
    let mut spaced = String::with_capacity(lower.len());
    for c in lower.chars() {
        if c.is_alphanumeric() || c == '.' || c == ',' {
            spaced.push(c);
        } else if c.is_whitespace() || c == '?' || c == '!' {
            spaced.push(' ');
        } else {
            spaced.push(' ');
            spaced.push(c);
            spaced.push(' ');
        }
    }
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let is_number = |t: &str| {
        let t = t.trim_end_matches(['.', ',']);
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    };
    for (at, first) in tokens.iter().enumerate().filter(|(_, t)| is_number(t)) {
        for operation in &gap.cues {
            let parts: Vec<&str> = operation.split_whitespace().collect();
            let after = at + 1 + parts.len();
            if tokens.get(at + 1..after) == Some(&parts[..])
                && tokens.get(after).is_some_and(|t| is_number(t))
            {
                return Some(format!("{first} {operation} {}", tokens[after]));
            }
        }
    }
    None
}

/// A version of one of the gap's names that its `unless` list does not hold, as "name 1.2":
/// a number right after the name with a dot in it, or of two digits or more, or after a "v",
/// and not a count of something ("python 10 years").
fn version_named(question: &str, gap: &Gap) -> Option<String> {
    const COUNTED: &[&str] = &[
        "year",
        "years",
        "yrs",
        "yr",
        "yoe",
        "month",
        "months",
        "k",
        "hours",
        "hrs",
        "days",
        "weeks",
        "minutes",
        "mins",
        "percent",
        "%",
        "projects",
        "jobs",
        "people",
        "devs",
        "engineers",
        "times",
        "lines",
        "users",
        "requests",
    ];
    let is_version = |word: &str| {
        let number = word.strip_prefix('v').unwrap_or(word);
        let digits = number.chars().filter(char::is_ascii_digit).count();
        number.starts_with(|c: char| c.is_ascii_digit())
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == 'x')
            && (number.contains('.') || digits >= 2 || word.starts_with('v'))
            && digits <= 6
    };
    let words: Vec<&str> = question.split_whitespace().collect();
    // The number after each place the cue is named, with the word after that number.
    let numbered = |name: &[&str]| -> Vec<(String, &str)> {
        (0..words.len().saturating_sub(name.len()))
            .filter(|&at| words[at..at + name.len()] == name[..])
            .map(|at| {
                let version = words[at + name.len()].trim_end_matches(['.', ',', '?']);
                let after = words.get(at + name.len() + 1).copied().unwrap_or("");
                (version.to_string(), after)
            })
            .filter(|(_, after)| !COUNTED.contains(after))
            .collect()
    };
    gap.cues.iter().find_map(|cue| {
        let name: Vec<&str> = cue.split_whitespace().collect();
        let numbered = numbered(&name);
        let phrase = |version: &str| format!("{cue} {version}");
        numbered
            .iter()
            .find(|(version, _)| is_version(version) && !gap.unless.contains(&phrase(version)))
            .map(|(version, _)| phrase(version))
            .or_else(|| {
                // Two major versions of one tool set side by side ("what changed between Spring
                // Boot 2 and Spring Boot 3?"; added 2026-12-06); one alone ("python 3") is the
                // language.
                let majors: Vec<&String> = (numbered.iter())
                    .map(|(version, _)| version)
                    .filter(|v| v.len() == 1 && v.chars().all(|c| c.is_ascii_digit()))
                    .collect();
                let first = majors.first()?;
                majors.iter().any(|v| v != first).then(|| phrase(first))
            })
    })
}

/// The gap's first line with `{cue}` as the question wrote it when it used capitals ("QA
/// automation engineer"); otherwise capitalised ("Berlin"), or in capitals when short ("UK").
fn says(gap: &Gap, cue: &str, question: &str) -> String {
    let lower = question.to_lowercase();
    let typed = lower
        .find(cue)
        .filter(|&at| lower.len() == question.len() && question.is_char_boundary(at + cue.len()))
        .map(|at| &question[at..at + cue.len()])
        .filter(|typed| typed.chars().any(char::is_uppercase));
    let shown = if let Some(typed) = typed {
        typed.to_string()
    } else if cue.chars().count() <= 3 && cue.chars().all(|c| c.is_ascii_alphabetic()) {
        cue.to_uppercase()
    } else {
        let mut chars = cue.chars();
        chars.next().map_or(String::new(), |first| {
            first.to_uppercase().chain(chars).collect()
        })
    };
    gap.says.replace("{cue}", &shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Catalog;
    use std::path::Path;

    fn scope() -> ScopeFile {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Catalog::load(&root.join("content")).unwrap().scope
    }

    /// Each question is the gap of its topic, or none, with no word unknown to the guides.
    fn assert_topics(scope: &ScopeFile, cases: &[(&str, Option<&str>)]) {
        for (question, topic) in cases {
            let got = uncovered(scope, question, question, None, false, &|_| false);
            assert_eq!(got.map(|u| u.topic).as_deref(), *topic, "{question}");
        }
    }

    /// Opinions, questions about the bot, conflicts at work, discouragement, model answers and
    /// study plans are gaps; the career questions that share their words are not (cases
    /// authored for this test).
    #[test]
    fn opinions_chit_chat_conflicts_and_coaching_are_gaps() {
        let cases: &[(&str, Option<&str>)] = &[
            ("is Java overhyped?", Some("opinions about technologies")),
            (
                "mongo is overrated, change my mind",
                Some("opinions about technologies"),
            ),
            ("is docker overkill or should i learn it?", None),
            ("is backend overhyped as a career?", None),
            ("are you a bot or a human?", Some("small talk")),
            ("who programmed you lol", Some("small talk")),
            (
                "my lead keeps rejecting my designs in review, what now",
                Some("workplace conflicts"),
            ),
            (
                "my manager asked what's after senior, what are the options?",
                None,
            ),
            (
                "everyone got an offer but me, should i give up?",
                Some("discouragement"),
            ),
            (
                "give me a model answer for the URL shortener question",
                Some("interview answers and practice"),
            ),
            ("will they quiz me on indexing in the interview?", None),
            ("make me a 6 week study plan", Some("study plans")),
            // Added 2026-12-04: a person's noun in the plural, worry, a colleague to handle,
            // wording an application, the bot's own taste, a figure in a named currency.
            ("how do qa testers get hired?", Some("other careers")),
            (
                "i feel like an imposter at standup, how do i cope?",
                Some("wellbeing"),
            ),
            (
                "my PM blames us for every delay, how do I deal with him?",
                Some("workplace conflicts"),
            ),
            (
                "how do I word my internship on my CV?",
                Some("job applications"),
            ),
            (
                "bot which framework do you personally prefer",
                Some("small talk"),
            ),
            (
                "is 400,000 yen a month good for a junior?",
                Some("pay outside the US"),
            ),
            ("is it coding 9 to 5 with headphones on?", None),
        ];
        assert_topics(&scope(), cases);
    }

    /// Gaps named in new words (added 2026-12-04; cases authored for this test): a
    /// certificate's validity, a count of jobs to come, a share of remote jobs, pressing for
    /// equity or base, how a tool's feature works, sport; and the outlook that stays covered.
    #[test]
    fn exams_forecasts_shares_and_sport_in_new_words_are_gaps() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "how long does the CKAD stay valid?",
                Some("certification exams"),
            ),
            (
                "how many backend jobs will there be by 2031?",
                Some("forecasts the guides don't make"),
            ),
            (
                "what percentage of remote roles go to juniors?",
                Some("figures the guides don't give"),
            ),
            ("which jobs are remote?", None),
            (
                "senior offer: should I push for equity or base?",
                Some("negotiation"),
            ),
            (
                "postgres vacuum, how does that work?",
                Some("technical how-to (by the question's form)"),
            ),
            ("did Chelsea win last night?", Some("small talk")),
            (
                "how many of those jobs are entry level?",
                Some("figures the guides don't give"),
            ),
            (
                "the CI/CD demo project, what should it include?",
                Some("project how-to"),
            ),
            ("step by step roadmap to get hired?", None),
            ("will backend still be in demand in 2030?", None),
        ];
        assert_topics(&scope(), cases);
    }

    /// Gaps of 2026-12-06 (cases authored for this test): programming details, another role's
    /// work, scripted words, chat shorthand, a downturn foretold, problems by difficulty, a
    /// document's template, the bot's own pick, and the questions beside them that stay covered.
    #[test]
    fn language_details_other_roles_and_scripts_are_gaps() {
        let details = Some("programming details the guides don't explain");
        let cases: &[(&str, Option<&str>)] = &[
            (
                "how does the java garbage collector decide what to free?",
                details,
            ),
            (
                "should my tokens live in cookies or local storage?",
                details,
            ),
            ("is async await in node just threads underneath?", details),
            ("what does an sre do all day?", Some("other roles' work")),
            ("is on-call the SRE's job or the backend team's?", None),
            (
                "what does a devops engineer do, and can I move there from backend?",
                None,
            ),
            (
                "what can i say in standup when i got nothing done",
                Some("what to say"),
            ),
            ("r u a real person", Some("small talk")),
            // A vendor's exam asked for its worth is the certification's; its length is not.
            ("is the oracle exam any good for java jobs?", None),
            (
                "does the docker exam actually mean anything to employers?",
                None,
            ),
            // Circumstances told as the reason for asking about remote work ask about it; a
            // team across time zones asked how it keeps in touch is the guides' remote day.
            (
                "I have two kids, can I work from home as a backend dev?",
                None,
            ),
            (
                "I have two kids, is this a good career for me?",
                Some("personal circumstances"),
            ),
            (
                "our team spans time zones, how do people communicate?",
                None,
            ),
            (
                "what time zone hours do US companies expect from remote hires?",
                Some("working conditions"),
            ),
            (
                "how long is the AWS developer exam?",
                Some("certification exams"),
            ),
            (
                "is a recession coming for tech?",
                Some("forecasts the guides don't make"),
            ),
            (
                "should i grind hard problems or stick to easy problems",
                Some("study plans"),
            ),
            (
                "any template for the threat model write-up?",
                Some("project how-to"),
            ),
            (
                "which message broker would you pick for a chat app?",
                Some("technical how-to (by the question's form)"),
            ),
            (
                "how many days a year do backend devs work from home?",
                Some("figures the guides don't give"),
            ),
        ];
        assert_topics(&scope(), cases);
    }

    #[test]
    fn cues_are_found_as_whole_words_and_only_where_they_apply() {
        let scope = scope();
        let cases: &[(&str, bool, Option<&str>)] = &[
            ("backend pay in Berlin?", true, Some("pay outside the US")),
            (
                "how many LPA in bangalore",
                true,
                Some("pay outside the US"),
            ),
            ("salary in €?", true, Some("pay outside the US")),
            (
                "remote jobs in Germany?",
                false,
                Some("places outside the US"),
            ),
            ("frontend vs backend pay?", true, Some("other roles' pay")),
            ("frontend vs backend?", false, None),
            ("good laptop for coding?", false, Some("hardware")),
            (
                "what's the google interview like",
                false,
                Some("particular companies' hiring processes"),
            ),
            ("is the google cloud cert worth it", false, None),
            (
                "how do I monitor my services",
                false,
                Some("technical how-to (by the question's form)"),
            ),
            ("do backend engineers monitor their services", false, None),
            ("what does metadata mean", false, None),
            ("senior salary", true, None),
            (
                "what's Google's interview process like",
                false,
                Some("particular companies' hiring processes"),
            ),
            (
                "do backend jobs come with a bonus",
                false,
                Some("pay the guides don't give"),
            ),
            (
                "what do interns earn",
                true,
                Some("pay before the junior level"),
            ),
            ("do interns do backend work", false, None),
            ("extra pay for on-call?", true, Some("on-call pay")),
            ("do backend engineers do on-call", false, None),
            (
                "is a non-compete enforceable",
                false,
                Some("employment law and contracts"),
            ),
            (
                "am I too old for backend at 50",
                false,
                Some("personal circumstances"),
            ),
            ("how to become a nurse", false, Some("other careers")),
            ("got any good jokes", false, Some("small talk")),
            ("need a cs degree?", false, None),
            ("do nurses need a degree", false, Some("other careers")),
            ("I'm a nurse, can I become a backend engineer?", false, None),
            (
                "is backend harder than frontend",
                false,
                Some("comparisons the guides don't make"),
            ),
            ("what are the best tips for interviews", false, None),
            ("what are the benefits of learning go", false, None),
            ("microsoft cert for backend?", false, None),
            (
                "how to do cursor pagination in graphql?",
                false,
                Some("technical how-to (by the question's form)"),
            ),
            (
                "liveness vs readiness probes, what's the difference?",
                false,
                Some("technical how-to (by the question's form)"),
            ),
            ("how do I become a backend engineer", false, None),
            ("how to learn kubernetes for backend jobs", false, None),
            (
                "what's the difference between senior and staff",
                false,
                None,
            ),
        ];
        for (question, pay, topic) in cases {
            let got =
                uncovered(&scope, question, question, None, *pay, &|_| false).map(|u| u.topic);
            assert_eq!(got.as_deref(), *topic, "{question}");
        }
    }

    /// A sum is arithmetic, however written; numbers beside such words in a career question
    /// are not. Authored for this test.
    #[test]
    fn a_sum_is_a_gap_and_a_range_or_a_count_is_not() {
        let scope = scope();
        let sums = Some("arithmetic");
        let cases: &[(&str, Option<&str>)] = &[
            ("what's 17 times 24", sums),
            ("quick one: 12*7?", sums),
            ("can you tell me 1,200 divided by 12", sums),
            ("2 + 2", sums),
            ("is 5-8 years of experience senior?", None),
            ("on call 24/7, is that normal?", None),
            ("three times a week stand-ups?", None),
            ("is a 10x engineer real?", None),
        ];
        assert_topics(&scope, cases);
    }

    /// Counts and shares the guides never give are gaps; the counts they do give (years per
    /// level, open jobs, pay, how many items a list holds) are not. Authored for this test.
    #[test]
    fn a_count_the_guides_never_give_is_a_gap() {
        let scope = scope();
        let figures = Some("figures the guides don't give");
        let cases: &[(&str, Option<&str>)] = &[
            ("how many code reviews a day is normal?", figures),
            ("what percentage of backend devs are on call?", figures),
            (
                "how many pull requests should a junior merge a week?",
                figures,
            ),
            ("how many years until senior?", None),
            ("how many backend jobs are open?", None),
            ("how many certs does the career guide list?", None),
            ("how many languages should I learn?", None),
            // "What %" is no cue: the sign is not a word, and "what" alone asks anything.
            ("what % of my time is meetings?", None),
        ];
        assert_topics(&scope, cases);
    }

    #[test]
    fn a_choice_is_a_gap_between_named_things_one_unknown_to_the_guides_or_weighed() {
        let scope = scope();
        let unknown = |word: &str| ["memcached", "jenkins", "gpt", "nah"].contains(&word);
        let choice = Some("choices between tools the guides don't weigh");
        let cases: &[(&str, Option<&str>)] = &[
            ("redis vs memcached for caching, which one?", choice),
            ("Jenkins or GitHub Actions for CI?", choice),
            ("which LLM writes SQL better, claude or gpt?", choice),
            // Both listed, but weighed for a use: the guides list, never weigh.
            (
                "GraphQL or REST, which is better for a brand new API?",
                choice,
            ),
            ("MongoDB vs DynamoDB, which one is more reliable?", choice),
            // Which costs less is a question of prices, which the guides never give.
            (
                "MongoDB vs DynamoDB, which one is cheaper to run?",
                Some("prices of tools and services"),
            ),
            // Both listed by the guides: their lists answer it.
            ("aws or azure?", None),
            // Filler around "or" sets nothing side by side.
            ("do backend devs get paged or nah", None),
            // A career choice: which to learn.
            ("should I learn jenkins or github actions first?", None),
            // ... unless the guides name neither (Kafka and RabbitMQ are `unnamed` cues).
            (
                "Kafka vs RabbitMQ, which message queue should I learn first?",
                choice,
            ),
            // Examples of a thing named before them are not a choice.
            ("do i need a message queue like rabbitmq or kafka", None),
            // (Memcached is still a store the guides never name.)
            (
                "a database such as memcached or jenkins?",
                Some("data stores and observability tools the guides don't name"),
            ),
        ];
        for (question, topic) in cases {
            let got = uncovered(&scope, question, question, None, false, &unknown);
            assert_eq!(got.map(|u| u.topic).as_deref(), *topic, "{question}");
        }
    }

    #[test]
    fn a_compound_of_a_gaps_cues_names_it() {
        let scope = scope();
        let topic = |question: &str| {
            uncovered(&scope, question, question, None, false, &|_| false).map(|u| u.topic)
        };
        assert_eq!(
            topic("Is a full-stack bootcamp tax-deductible?").as_deref(),
            Some("tax")
        );
        // A cue joined to a word that is not one of its gap's cues names nothing.
        assert_eq!(
            topic("do backend devs build tax-calculation services?"),
            None
        );
    }

    /// A code editor is a tool the guides never name; an editor by trade is someone asking
    /// about a career change (cases authored for this test, 2026-12-07).
    #[test]
    fn a_code_editor_is_a_gap_and_an_editor_by_trade_is_not() {
        let tools = Some("technologies the guides don't name");
        let cases: &[(&str, Option<&str>)] = &[
            ("What's the best code editor for a beginner?", tools),
            ("which editor do backend people use?", tools),
            ("what editor should I install for Go?", tools),
            ("is there a best IDE for Java backend work?", tools),
            (
                "I work as an editor at a newspaper, how do I become a backend engineer?",
                None,
            ),
            (
                "former video editor here, what skills does a backend dev need?",
                None,
            ),
        ];
        assert_topics(&scope(), cases);
    }

    /// A move to a named place is a gap; a move into a role is not, and a place to live not
    /// named is the gap that compares places (cases authored for this test, 2026-12-07). A move
    /// told as context is the caller's to strip.
    #[test]
    fn a_move_to_a_named_place_is_a_gap() {
        let places = Some("where to live or move for work");
        let cases: &[(&str, Option<&str>)] = &[
            ("is it worth moving to Seattle for backend work?", places),
            (
                "should I relocate to Texas or stay in Ohio as a junior dev?",
                places,
            ),
            (
                "what's the best city to live in as a backend engineer?",
                Some("comparing places to work"),
            ),
            ("how do I move to a backend role from QA?", None),
            (
                "which skills should I learn to move to backend from frontend?",
                None,
            ),
        ];
        assert_topics(&scope(), cases);
    }

    /// Managing people as the job one moves into is the ladder's; coaching how to manage, or a
    /// talk with one's own manager, is a gap (cases authored for this test, 2026-12-07).
    #[test]
    fn management_as_a_next_job_is_not_a_coaching_gap() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "could I eventually stop coding and do people management and one-on-ones?",
                None,
            ),
            (
                "is it realistic to move into management, running 1:1s and hiring, after 6 years?",
                None,
            ),
            (
                "any tips on giving feedback to an underperforming junior?",
                Some("mentoring and managing people"),
            ),
            (
                "what should I bring up in my next 1:1 with my boss?",
                Some("conversations with a manager"),
            ),
        ];
        assert_topics(&scope(), cases);
    }

    #[test]
    fn versions_and_moves_the_guides_do_not_name_are_gaps() {
        let scope = scope();
        let topic = |question: &str, about_pay: bool| {
            uncovered(&scope, question, question, None, about_pay, &|_| false).map(|u| u.topic)
        };
        let versions = Some("versions the guides don't name".to_string());
        assert_eq!(topic("Java 21 or stick with Java 17?", false), versions);
        assert_eq!(
            topic("is Python 3.13 a big deal for backend?", false),
            versions
        );
        assert_eq!(topic("is node v20 fine?", false), versions);
        // The version the guides name, a major version alone, a count of years.
        assert_eq!(topic("is the oracle java 17 cert worth it?", false), None);
        assert_eq!(topic("I know python 3, is that enough?", false), None);
        assert_eq!(topic("python 10 years, which level?", false), None);
        // Two major versions of one tool set side by side (added 2026-12-06).
        assert_eq!(
            topic(
                "what changed between spring boot 2 and spring boot 3?",
                false
            ),
            versions
        );
        assert_eq!(
            topic("python 3 or go for a first backend job?", false),
            None
        );

        let moves = Some("moves the guides don't list".to_string());
        assert_eq!(topic("backend to PM possible?", false), moves);
        assert_eq!(
            topic("is data science a realistic pivot from backend?", false),
            moves
        );
        assert_eq!(topic("I'm a PM, can I pivot into backend?", false), None);

        // Kinds of answer the guides never give, by the question's form.
        let form = [
            (
                "how often are backend engineers on call?",
                "how often things happen at work",
            ),
            (
                "how long should a stand-up last?",
                "how long things should take",
            ),
            (
                "is it rude to keep my camera off?",
                "etiquette and interview-day logistics",
            ),
        ];
        for (question, gap) in form {
            assert_eq!(topic(question, false).as_deref(), Some(gap), "{question}");
        }
        assert_eq!(topic("how often are there stand-ups?", false), None);
        assert_eq!(
            topic("how long should I expect to stay junior?", false),
            None
        );

        let language = Some("pay by language or stack".to_string());
        assert_eq!(topic("Go devs paid more than Java devs?", true), language);
        assert_eq!(topic("what does a senior Go developer earn?", true), None);
    }

    #[test]
    fn the_first_line_names_what_was_asked() {
        let scope = scope();
        let said = uncovered(
            &scope,
            "backend pay in Berlin?",
            "backend pay in Berlin?",
            None,
            true,
            &|_| false,
        )
        .unwrap()
        .says;
        assert_eq!(
            said,
            "The guides only give US pay, in US dollars; nothing for Berlin."
        );
        let said = uncovered(
            &scope,
            "pay in the uk",
            "pay in the uk",
            None,
            true,
            &|_| false,
        )
        .unwrap()
        .says;
        assert!(said.ends_with("nothing for UK."), "{said}");
    }
}

//! Scoring an answer against its question's rubric: pure, deterministic and explainable. Every
//! number in a score can be traced to a rule below, and the feedback shows the breakdown.
//!
//! Text is compared after the shared analyzer (`SearchIndex::analyzer`: lowercasing, stemming,
//! stop words, synonym folding), so "sharding" and "partitioned by key" are the same term.
//!
//! **Coverage.** A rubric point is covered when any of its terms occurs in the analyzed answer;
//! a multi-word term must occur as consecutive analyzed tokens.
//!
//! **Score** (0–100), when the answer covers at least one point:
//!
//! ```text
//! rubric    = 75 × covered / points × elaboration     elaboration: 0.4 under 10 words,
//!                                                                  0.7 under 30 words, else 1
//! length    = 0 (<10 words) | 3 (<30) | 6 (<60) | 10 (60–450) | 7 (>450, rambling)
//! structure = 15 at most:
//!   behavioral: situation 3 + task 3 + action 3 + result 3 + measurable result 1.5
//!               + speaks as "I" 1.5                                   (the STAR check)
//!   otherwise:  reasoning/trade-offs 6 + concrete example or numbers 4 + organised 5
//! form      = min(1, 2 × covered / points)
//! score     = round(rubric + form × (length + structure))
//! ```
//!
//! Length and structure count only as far as the answer has substance: fully once it covers half
//! the rubric, proportionally below that, and not at all for an answer that covers no point (a
//! well-told story about something else earns nothing for being well told).
//!
//! **Honesty caps**, applied last, each reported to the candidate:
//! - empty (no words at all): 0;
//! - gibberish: fewer than 35% recognisable words (common English words, words from the question
//!   bank, numbers), or fewer than 30% distinct terms in 8 or more (the same words repeated):
//!   at most 5;
//! - the question copied back: at least 70% of the answer's terms come from the prompt and at
//!   most 3 distinct terms do not: at most 5;
//! - off-topic: another question of the bank matches the answer much more closely (a fine answer
//!   to a different question): at most 5. Closeness is the *match strength* of a rubric:
//!   distinct terms matched per point, counting at most two per point, over twice the number of
//!   points. Off-topic when another rubric's strength is at least 0.5 and at least a third above
//!   this question's. (Coverage alone is too coarse for this: a story about a conflict touches
//!   most points of "learning fast" through a word or two each, but gives several signals of
//!   every point of its own question.)

use std::collections::{HashMap, HashSet};

use crate::content::model::{QuestionFile, QuestionKind};
use crate::search::Analyzer;

/// Highest score of the rubric part.
pub const RUBRIC_WEIGHT: f64 = 75.0;
/// Caps applied to answers that are not real answers.
pub const GIBBERISH_CAP: u8 = 5;
pub const COPIED_CAP: u8 = 5;
pub const OFF_TOPIC_CAP: u8 = 5;

/// Below this share of recognisable words an answer is gibberish.
const MIN_KNOWN_SHARE: f64 = 0.35;
/// Another question's rubric must match at least this strongly, and by this margin more than
/// this question's, for an answer to be off-topic.
const OFF_TOPIC_MIN_STRENGTH: f64 = 0.5;
const OFF_TOPIC_MARGIN: f64 = 1.0 / 3.0;
/// Below this share of distinct terms (in 8 or more) an answer is repetition.
const MIN_DIVERSITY: f64 = 0.30;

/// Frequent English words, so an answer in plain English is recognisable even where it uses no
/// word of the question bank. Authored for careerbot.
const COMMON_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "always",
    "am",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "ask",
    "asked",
    "at",
    "away",
    "back",
    "bad",
    "be",
    "became",
    "because",
    "been",
    "before",
    "being",
    "below",
    "best",
    "better",
    "between",
    "big",
    "both",
    "but",
    "by",
    "call",
    "called",
    "came",
    "can",
    "case",
    "change",
    "come",
    "could",
    "day",
    "days",
    "did",
    "different",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "early",
    "easy",
    "else",
    "end",
    "enough",
    "even",
    "ever",
    "every",
    "fact",
    "far",
    "felt",
    "few",
    "find",
    "first",
    "for",
    "found",
    "from",
    "full",
    "get",
    "give",
    "go",
    "going",
    "good",
    "got",
    "great",
    "had",
    "happen",
    "happened",
    "has",
    "have",
    "having",
    "he",
    "help",
    "her",
    "here",
    "high",
    "him",
    "his",
    "hour",
    "hours",
    "how",
    "i",
    "if",
    "important",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "keep",
    "kept",
    "kind",
    "knew",
    "know",
    "large",
    "last",
    "later",
    "least",
    "left",
    "less",
    "let",
    "like",
    "little",
    "long",
    "look",
    "lot",
    "low",
    "made",
    "make",
    "making",
    "many",
    "may",
    "me",
    "means",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "need",
    "needed",
    "never",
    "new",
    "next",
    "no",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "often",
    "old",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "part",
    "people",
    "place",
    "point",
    "put",
    "quite",
    "rather",
    "really",
    "right",
    "said",
    "same",
    "saw",
    "say",
    "see",
    "seemed",
    "she",
    "should",
    "show",
    "side",
    "since",
    "small",
    "so",
    "some",
    "something",
    "soon",
    "start",
    "started",
    "still",
    "such",
    "sure",
    "take",
    "taken",
    "team",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "thought",
    "through",
    "time",
    "times",
    "to",
    "told",
    "too",
    "took",
    "try",
    "tried",
    "turn",
    "two",
    "under",
    "until",
    "up",
    "us",
    "use",
    "used",
    "using",
    "very",
    "want",
    "wanted",
    "was",
    "way",
    "we",
    "week",
    "weeks",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "why",
    "will",
    "with",
    "without",
    "work",
    "worked",
    "working",
    "would",
    "year",
    "years",
    "yes",
    "yet",
    "you",
    "your",
    "d",
    "ll",
    "m",
    "re",
    "s",
    "t",
    "ve",
];

/// STAR and structure markers, matched like rubric terms. Authored for careerbot.
const SITUATION: &[&str] = &[
    "team",
    "project",
    "company",
    "job",
    "startup",
    "client",
    "customer",
    "years ago",
    "last year",
    "situation",
    "context",
    "at the time",
    "product",
    "service",
    "legacy",
];
const TASK: &[&str] = &[
    "my role",
    "responsible",
    "task",
    "goal",
    "needed",
    "asked",
    "deadline",
    "assigned",
    "in charge",
    "objective",
    "challenge",
    "problem",
    "requirement",
    "owner",
];
const ACTION: &[&str] = &[
    "decided",
    "proposed",
    "wrote",
    "built",
    "set up",
    "talked",
    "organised",
    "created",
    "added",
    "started",
    "led",
    "introduced",
    "changed",
    "fixed",
    "migrated",
    "implemented",
    "designed",
    "scheduled",
    "met",
    "paired",
    "reviewed",
    "documented",
    "rolled out",
    "tested",
    "automated",
    "investigated",
    "explained",
    "split",
    "moved",
    "negotiated",
    "escalated",
    "prioritised",
    "agreed",
    "suggested",
    "ran",
    "deployed",
    "refactored",
    "rewrote",
    "shipped",
    "mentored",
    "coached",
    "learned",
    "prototyped",
    "measured",
    "profiled",
    "listened",
    "presented",
    "reached out",
    "spoke",
    "asked",
    "drafted",
    "planned",
];
const RESULT: &[&str] = &[
    "result",
    "outcome",
    "in the end",
    "ended up",
    "reduced",
    "improved",
    "increased",
    "decreased",
    "dropped",
    "saved",
    "cut",
    "faster",
    "launched",
    "delivered",
    "went from",
    "since then",
    "afterwards",
    "lesson",
    "successfully",
    "eventually",
    "impact",
    "shipped",
];
const MEASURE_WORDS: &[&str] = &[
    "percent", "half", "halved", "twice", "double", "doubled", "tripled", "zero", "x",
];
const REASONING: &[&str] = &[
    "because",
    "trade-off",
    "tradeoff",
    "however",
    "instead",
    "depends",
    "downside",
    "cost",
    "so that",
    "which means",
    "risk",
    "drawback",
    "pros and cons",
    "alternatively",
    "otherwise",
    "whereas",
    "rather than",
    "benefit",
    "but",
    "the catch",
    "at the expense",
];
const EXAMPLE: &[&str] = &[
    "example",
    "for instance",
    "e.g",
    "such as",
    "say we",
    "imagine",
];
const SEQUENCE: &[&str] = &[
    "first",
    "second",
    "third",
    "then",
    "next",
    "finally",
    "step",
    "after that",
    "lastly",
];

/// A question's rubric, analyzed once.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub id: String,
    pub kind: QuestionKind,
    /// Per rubric point, each term as its analyzed tokens.
    pub points: Vec<Vec<Vec<String>>>,
    pub prompt_terms: HashSet<String>,
}

/// Everything scoring needs for one role: every question's rubric (off-topic detection compares
/// an answer with all of them), the bank's vocabulary (gibberish detection) and the analyzed
/// structure markers.
#[derive(Debug, Clone)]
pub struct ScoringBank {
    analyzer: Analyzer,
    rubrics: Vec<Rubric>,
    prompts: HashMap<String, String>,
    vocabulary: HashSet<String>,
    markers: Markers,
}

#[derive(Debug, Clone)]
struct Markers {
    situation: Vec<Vec<String>>,
    task: Vec<Vec<String>>,
    action: Vec<Vec<String>>,
    result: Vec<Vec<String>>,
    reasoning: Vec<Vec<String>>,
    example: Vec<Vec<String>>,
    sequence: Vec<Vec<String>>,
}

fn analyze_all(analyzer: &Analyzer, phrases: &[impl AsRef<str>]) -> Vec<Vec<String>> {
    phrases
        .iter()
        .map(|p| analyzer.terms(p.as_ref()))
        .filter(|terms| !terms.is_empty())
        .collect()
}

impl ScoringBank {
    pub fn new(analyzer: &Analyzer, questions: &[QuestionFile]) -> ScoringBank {
        let mut vocabulary = HashSet::new();
        let mut rubrics = Vec::with_capacity(questions.len());
        let mut prompts = HashMap::new();
        for question in questions {
            let mut texts: Vec<&str> = vec![&question.prompt, &question.outline];
            texts.extend(question.hints.iter().map(String::as_str));
            texts.extend(question.follow_ups.iter().map(String::as_str));
            texts.extend(question.red_flags.iter().map(String::as_str));
            for point in &question.points {
                texts.push(&point.point);
                texts.push(&point.why);
                texts.extend(point.terms.iter().map(String::as_str));
            }
            for text in texts {
                vocabulary.extend(analyzer.terms(text));
            }
            rubrics.push(Rubric {
                id: question.id.clone(),
                kind: question.kind,
                points: question
                    .points
                    .iter()
                    .map(|p| analyze_all(analyzer, &p.terms))
                    .collect(),
                prompt_terms: analyzer.terms(&question.prompt).into_iter().collect(),
            });
            prompts.insert(question.id.clone(), question.prompt.clone());
        }
        let markers = Markers {
            situation: analyze_all(analyzer, SITUATION),
            task: analyze_all(analyzer, TASK),
            action: analyze_all(analyzer, ACTION),
            result: analyze_all(analyzer, RESULT),
            reasoning: analyze_all(analyzer, REASONING),
            example: analyze_all(analyzer, EXAMPLE),
            sequence: analyze_all(analyzer, SEQUENCE),
        };
        ScoringBank {
            analyzer: analyzer.clone(),
            rubrics,
            prompts,
            vocabulary,
            markers,
        }
    }

    pub fn rubric(&self, question_id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == question_id)
    }

    /// Scores `answer` to the question `question_id`; None when the bank has no such question.
    pub fn assess(&self, question_id: &str, answer: &str) -> Option<Assessment> {
        let rubric = self.rubric(question_id)?;
        Some(self.assess_rubric(rubric, answer))
    }

    fn assess_rubric(&self, rubric: &Rubric, answer: &str) -> Assessment {
        let tokens = self.analyzer.terms(answer);
        let words = raw_words(answer);
        let word_count = words.len();
        let present: HashSet<&str> = tokens.iter().map(String::as_str).collect();

        let (covered, missed) = coverage(rubric, &tokens, &present);
        let points = rubric.points.len().max(1);
        let fraction = covered.len() as f64 / points as f64;

        let elaboration = match word_count {
            0..=9 => 0.4,
            10..=29 => 0.7,
            _ => 1.0,
        };
        let length = LengthNote::for_words(word_count);
        let (structure, structure_points) = if rubric.kind == QuestionKind::Behavioral {
            let star = self.star(&tokens, &present, &words);
            let points = star.points();
            (Structure::Star(star), points)
        } else {
            let technical = self.technical(&tokens, &present, answer, &words);
            let points = technical.points();
            (Structure::Technical(technical), points)
        };
        let rubric_points = RUBRIC_WEIGHT * fraction * elaboration;
        // Form only counts as far as there is substance: fully from half the rubric points.
        let form = (2.0 * fraction).min(1.0);
        let length_points = length.points() * form;
        let structure_points = structure_points * form;
        let raw = (rubric_points + length_points + structure_points)
            .round()
            .clamp(0.0, 100.0) as u8;

        let verdict = self.verdict(rubric, &tokens, &words, fraction);
        let score = match &verdict {
            Verdict::Empty => 0,
            Verdict::Gibberish { .. } => raw.min(GIBBERISH_CAP),
            Verdict::CopiedQuestion => raw.min(COPIED_CAP),
            Verdict::OffTopic { .. } => raw.min(OFF_TOPIC_CAP),
            Verdict::NothingCovered | Verdict::Answer => raw,
        };
        Assessment {
            score,
            uncapped: raw,
            covered,
            missed,
            rubric_points,
            length_points,
            structure_points,
            form,
            words: word_count,
            elaboration,
            length,
            structure,
            verdict,
        }
    }

    fn verdict(
        &self,
        rubric: &Rubric,
        tokens: &[String],
        words: &[String],
        fraction: f64,
    ) -> Verdict {
        if words.is_empty() || (tokens.is_empty() && words.iter().all(|w| w.len() <= 1)) {
            return Verdict::Empty;
        }
        if let Some(reason) = self.gibberish(tokens, words) {
            return Verdict::Gibberish { reason };
        }
        if !tokens.is_empty() {
            let from_prompt = tokens
                .iter()
                .filter(|t| rubric.prompt_terms.contains(*t))
                .count();
            let novel: HashSet<&String> = tokens
                .iter()
                .filter(|t| !rubric.prompt_terms.contains(*t))
                .collect();
            if from_prompt as f64 / tokens.len() as f64 >= 0.7 && novel.len() <= 3 {
                return Verdict::CopiedQuestion;
            }
        }
        let present: HashSet<&str> = tokens.iter().map(String::as_str).collect();
        let own = strength(rubric, tokens, &present);
        let best = self
            .rubrics
            .iter()
            .filter(|other| other.id != rubric.id)
            .map(|other| (other, strength(other, tokens, &present)))
            // Ties go to the earlier question in the bank, for determinism.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(std::cmp::Ordering::Greater));
        if let Some((other, other_strength)) = best {
            if other_strength >= OFF_TOPIC_MIN_STRENGTH
                && other_strength >= own + OFF_TOPIC_MARGIN - 1e-9
            {
                return Verdict::OffTopic {
                    question_id: other.id.clone(),
                    prompt: self.prompts.get(&other.id).cloned().unwrap_or_default(),
                    other_strength: percent(other_strength),
                    own_strength: percent(own),
                };
            }
        }
        if fraction == 0.0 {
            return Verdict::NothingCovered;
        }
        Verdict::Answer
    }

    fn gibberish(&self, tokens: &[String], words: &[String]) -> Option<GibberishReason> {
        if words.len() >= 3 {
            let known = words.iter().filter(|w| self.is_known_word(w)).count();
            if (known as f64) < MIN_KNOWN_SHARE * words.len() as f64 {
                return Some(GibberishReason::NotWords);
            }
        }
        if tokens.len() >= 8 {
            let distinct: HashSet<&String> = tokens.iter().collect();
            if (distinct.len() as f64) < MIN_DIVERSITY * tokens.len() as f64 {
                return Some(GibberishReason::Repetitive);
            }
        }
        None
    }

    fn is_known_word(&self, word: &str) -> bool {
        if word.chars().any(|c| c.is_ascii_digit()) || COMMON_WORDS.contains(&word) {
            return true;
        }
        let terms = self.analyzer.terms(word);
        // A word the analyzer drops entirely is a stop word: plain English.
        terms.is_empty() || terms.iter().all(|t| self.vocabulary.contains(t))
    }

    fn star(&self, tokens: &[String], present: &HashSet<&str>, words: &[String]) -> StarCheck {
        let m = &self.markers;
        let i_count = words.iter().filter(|w| w.as_str() == "i").count();
        let we_count = words.iter().filter(|w| w.as_str() == "we").count();
        let measurable = words.iter().any(|w| is_measure(w))
            || words.iter().any(|w| MEASURE_WORDS.contains(&w.as_str()));
        StarCheck {
            situation: any_phrase(&m.situation, tokens, present),
            task: any_phrase(&m.task, tokens, present),
            action: count_phrases(&m.action, tokens, present) >= 2,
            result: any_phrase(&m.result, tokens, present),
            measurable,
            i_count,
            we_count,
        }
    }

    fn technical(
        &self,
        tokens: &[String],
        present: &HashSet<&str>,
        answer: &str,
        words: &[String],
    ) -> TechnicalCheck {
        let m = &self.markers;
        let sentences = answer
            .split(['.', '!', '?', '\n', ';'])
            .filter(|s| s.split_whitespace().count() >= 3)
            .count();
        let listed = answer
            .lines()
            .filter(|line| {
                let line = line.trim_start();
                line.starts_with('-')
                    || line.starts_with('*')
                    || line.starts_with('•')
                    || line.split_once([')', '.']).is_some_and(|(n, _)| {
                        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
                    })
            })
            .count();
        let sequenced = count_phrases(&m.sequence, tokens, present);
        TechnicalCheck {
            reasoning: any_phrase(&m.reasoning, tokens, present),
            example: any_phrase(&m.example, tokens, present) || words.iter().any(|w| is_measure(w)),
            organised: sentences >= 3 || listed >= 2 || sequenced >= 2,
        }
    }
}

/// Lowercased words of the raw text (letters and digits), for counting and the STAR check.
fn raw_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A number that measures something (not a year such as 2023).
fn is_measure(word: &str) -> bool {
    let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() {
        return false;
    }
    let is_year = digits.len() == 4
        && digits.len() == word.len()
        && matches!(digits.parse::<u32>(), Ok(1900..=2099));
    !is_year
}

fn contains_sequence(tokens: &[String], present: &HashSet<&str>, needle: &[String]) -> bool {
    match needle {
        [] => false,
        [single] => present.contains(single.as_str()),
        [first, ..] => {
            present.contains(first.as_str())
                && tokens.windows(needle.len()).any(|window| window == needle)
        }
    }
}

fn any_phrase(phrases: &[Vec<String>], tokens: &[String], present: &HashSet<&str>) -> bool {
    phrases
        .iter()
        .any(|p| contains_sequence(tokens, present, p))
}

fn count_phrases(phrases: &[Vec<String>], tokens: &[String], present: &HashSet<&str>) -> usize {
    let distinct: HashSet<&Vec<String>> = phrases
        .iter()
        .filter(|p| contains_sequence(tokens, present, p))
        .collect();
    distinct.len()
}

/// How closely an answer matches a rubric, 0.0–1.0: distinct terms matched per point, counting
/// at most two per point, over twice the number of points. Finer than coverage: a strong answer
/// gives several signals of most points of its own question, while a neighbouring question's
/// rubric shares only a term here and there.
fn strength(rubric: &Rubric, tokens: &[String], present: &HashSet<&str>) -> f64 {
    let hits: usize = rubric
        .points
        .iter()
        .map(|terms| {
            terms
                .iter()
                .filter(|t| contains_sequence(tokens, present, t))
                .count()
                .min(2)
        })
        .sum();
    hits as f64 / (2 * rubric.points.len().max(1)) as f64
}

fn percent(share: f64) -> u8 {
    (share * 100.0).round().clamp(0.0, 100.0) as u8
}

/// Indexes of covered and missed rubric points.
fn coverage(
    rubric: &Rubric,
    tokens: &[String],
    present: &HashSet<&str>,
) -> (Vec<usize>, Vec<usize>) {
    let mut covered = Vec::new();
    let mut missed = Vec::new();
    for (index, terms) in rubric.points.iter().enumerate() {
        if terms.iter().any(|t| contains_sequence(tokens, present, t)) {
            covered.push(index);
        } else {
            missed.push(index);
        }
    }
    (covered, missed)
}

/// Why an answer was judged not to be a real answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A real attempt that covers at least one point.
    Answer,
    /// A real attempt that covers no point of this rubric.
    NothingCovered,
    Empty,
    Gibberish {
        reason: GibberishReason,
    },
    CopiedQuestion,
    /// Reads like an answer to another question of the bank.
    OffTopic {
        question_id: String,
        prompt: String,
        /// Match strength (percent) of the other question's rubric, and of this one's.
        other_strength: u8,
        own_strength: u8,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GibberishReason {
    NotWords,
    Repetitive,
}

/// Length in words, and what to say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthNote {
    VeryShort,
    Short,
    Brief,
    Good,
    Long,
}

impl LengthNote {
    fn for_words(words: usize) -> LengthNote {
        match words {
            0..=9 => LengthNote::VeryShort,
            10..=29 => LengthNote::Short,
            30..=59 => LengthNote::Brief,
            60..=450 => LengthNote::Good,
            _ => LengthNote::Long,
        }
    }

    pub fn points(self) -> f64 {
        match self {
            LengthNote::VeryShort => 0.0,
            LengthNote::Short => 3.0,
            LengthNote::Brief => 6.0,
            LengthNote::Good => 10.0,
            LengthNote::Long => 7.0,
        }
    }
}

/// The STAR check of a behavioral answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarCheck {
    pub situation: bool,
    pub task: bool,
    pub action: bool,
    pub result: bool,
    pub measurable: bool,
    pub i_count: usize,
    pub we_count: usize,
}

impl StarCheck {
    /// Speaks about their own part: says "I", and not mostly "we".
    pub fn owns_actions(&self) -> bool {
        self.i_count >= 1 && self.i_count * 2 >= self.we_count
    }

    pub fn points(&self) -> f64 {
        let flag = |b: bool, p: f64| if b { p } else { 0.0 };
        flag(self.situation, 3.0)
            + flag(self.task, 3.0)
            + flag(self.action, 3.0)
            + flag(self.result, 3.0)
            + flag(self.measurable, 1.5)
            + flag(self.owns_actions(), 1.5)
    }
}

/// The structure check of a technical answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TechnicalCheck {
    /// Gives reasons and trade-offs ("because", "trade-off", "instead").
    pub reasoning: bool,
    /// Gives a concrete example or numbers.
    pub example: bool,
    /// Organised in steps, sentences or a list rather than one run-on line.
    pub organised: bool,
}

impl TechnicalCheck {
    pub fn points(&self) -> f64 {
        let flag = |b: bool, p: f64| if b { p } else { 0.0 };
        flag(self.reasoning, 6.0) + flag(self.example, 4.0) + flag(self.organised, 5.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Structure {
    Star(StarCheck),
    Technical(TechnicalCheck),
}

/// The full, explainable result of scoring one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The final score, 0–100.
    pub score: u8,
    /// The score before any honesty cap.
    pub uncapped: u8,
    /// Indexes of the rubric points covered and missed.
    pub covered: Vec<usize>,
    pub missed: Vec<usize>,
    pub rubric_points: f64,
    /// Length and structure points after the form factor.
    pub length_points: f64,
    pub structure_points: f64,
    /// min(1, 2 × covered / points): how much of length and structure counts.
    pub form: f64,
    pub words: usize,
    pub elaboration: f64,
    pub length: LengthNote,
    pub structure: Structure,
    pub verdict: Verdict,
}

#[cfg(test)]
mod tests;

//! Scoring an answer against its question's rubric: deterministic and explainable. Every number
//! in a score can be traced to a rule below, and the feedback shows the breakdown and the
//! sentence of the answer behind every credited point. The word lists the rules use (negation
//! cues, filler words, hedges, STAR markers, pronouns, other languages' words…) are authored
//! data in `content/scoring.toml` (see `lexicon`).
//!
//! **Reading.** The answer is split into sentences (`text`). Each sentence is read twice: as its
//! own words, lowercased with every word kept (negation, pronouns, "my mistake"), and through the
//! shared analyzer (stemming, synonym folding), so "sharding" and "partitioned by key" are one
//! rubric term. A rubric term must occur as consecutive analyzed tokens; a term with a pronoun
//! ("my mistake", "I caused") must also occur with that pronoun, because stop words never erase it,
//! and a phrase that analysis reduces to one word ("on time", "order by") must occur as written.
//!
//! **Stance.** A term inside the scope of a negation ("never Kafka", "a queue is not needed",
//! "MD5 rather than bcrypt", "skip the salt", "backpressure is unnecessary") does not cover its
//! point, unless the point is about avoiding that term (`against`, "never MD5") or the term itself
//! holds the negation ("never plaintext"). Dismissals in everyday words are negations too ("…
//! is premature", "security theatre", "who needs …"), and a sentence mark such as "YAGNI",
//! "cargo cult" or sarcasm ("oh sure", "what could possibly go wrong") negates its whole
//! sentence up to a turn after it ("but", "however"). A claim reported as others' and then
//! rejected ("People will tell you X; I don't buy it", "Everyone says X. Nonsense.") is denied
//! from the report to the rejection (`negation.reported`, `negation.rejections`).
//!
//! **Coverage**, per rubric point: the best sentence of the answer earns it
//! - **full credit (1)** when it names a term of the point *with substance* — at least six words
//!   and, besides the rubric's terms and filler words, three specific words, or two and a
//!   mechanism word (because, so that, by, which…); or when its meaning is close to the point
//!   (cosine ≥ `SEMANTIC_FULL` between the sentence and the closest of "point. why (terms)" and
//!   the point's authored reference sentences, `interview-references.toml`, with the encoder);
//! - **partial credit (½)** for a bare mention of a term, for terms of three or more points
//!   crowded into one sentence (fewer than eight words per point), or for a meaning that is only
//!   near the point (cosine ≥ `SEMANTIC_PARTIAL`). A behavioral question's points are heard
//!   from a lower closeness (`SEMANTIC_FULL_STORY`, `SEMANTIC_PARTIAL_STORY`): a story in one's
//!   own words shares its point's meaning, not a reference story's particulars;
//! - nothing from a sentence that negates the point's terms, raises a red flag, or is copied from
//!   what the bot showed, nothing by meaning from a sentence nearer (by `VETO_MARGIN`) an
//!   authored misconception than the point (the topic, stated wrongly), and nothing by meaning
//!   from a denying sentence of an answer that denies something in at least half its sentences (`DENIAL_SHARE`: "I wouldn't bother with
//!   a relational database" is near the point's topic, and the model barely hears the "not").
//!   A sentence denies when a quarter of its words are negated (`SENTENCE_DENIAL_SHARE`); a
//!   qualifier ("… without ever seeing their password") does not make it a denial.
//!   In behavioral answers a sentence told only as "we" earns half.
//!
//! Lexical and semantic evidence are two routes to the same credit: a point takes the better of
//! the two, and the feedback says which (the term, or "by meaning" with the similarity).
//!
//! **Score** (0–100):
//!
//! ```text
//! credit    = Σ point credits (each 0, ½ or 1)
//! rubric    = 75 × credit / points × elaboration     elaboration: 0.4 under 10 words,
//!                                                                0.7 under 30 words, else 1
//! length    = 0 (<10 words) | 3 (<30) | 6 (<60) | 10 (60–450) | 7 (>450, rambling)
//! structure = 15 at most:
//!   behavioral: situation 3 + task 2 + personal actions ("I did", 2 per sentence, at most 4)
//!               + result 3 + measured result 1.5 + speaks as "I" more than "we" 1.5
//!   otherwise:  reasoning/trade-offs 6 + concrete example or numbers 4 + organised 5
//! form      = min(1, 2 × credit / points)
//! raw       = round(rubric + form × (length + structure))
//! score     = raw − 12 × red flags, then the caps below
//! ```
//!
//! **Red flags.** The question's authored which-is-which checks (`swap` in
//! `interview-references.toml`: 401 and 403, liveness and readiness, access and refresh tokens)
//! are raised by pattern when a name is given only another side's meaning (see `swaps`): the
//! model hears the right words in a fluent swap and cannot tell which goes with which.
//! The question's `red_flag_checks` are raised by pattern: a sentence that affirms
//! one of `affirms` (not negated, no criticism such as "broken" or "too fast" in the sentence,
//! no negation later in its clause, not the end of a hyphenated name such as
//! "PBKDF2-HMAC-SHA256", not left behind as "legacy MD5 rows") or negates one of `denies`
//! (unless its clause or the next explains a consequence: "without idempotent consumers, retries would write twice" is right; nor
//! when the term is the verb a clause of purpose denies: "jitter the TTLs so hot keys don't
//! expire together" names what the design prevents; nor when a bare copula after the term
//! says what it is not, "the salt isn't secret", unless it dismisses it, "… isn't a real
//! concern"; nor when the denial names a bad kind of it, "avoid global salts"). With the
//! encoder, the question's `red_flags` are also raised by meaning (cosine ≥ `SEMANTIC_RED_FLAG`, in a sentence of at least
//! `MIN_CLAIM_WORDS` words with no negation or criticism), and by pattern when a plain sentence
//! restates one nearly word for word (a flag of at least `ECHO_MIN_TERMS` terms, `ECHO_SHARE` of
//! them within `ECHO_SLACK` tokens more than that, no word of `stance.reported_claim` such as
//! "think" or "but"); and so are the authored misconceptions of `interview-references.toml`
//! (a claim, why it is wrong, and ways to state it): cosine ≥ `SEMANTIC_MISCONCEPTION` with one of
//! its statements and at least `MISCONCEPTION_MARGIN` closer to it than to any rubric point, from a
//! sentence holding one of that statement's words that no rubric point's text uses (where the
//! claim parts from the rubric: "interleave" in "Redis INCR can interleave between clients"; the
//! model hears a sentence's topic better than its claim, so "INCR does the same" would be near),
//! unless the sentence is `CORRECTION_MARGIN` closer still to the misconception's why, whole or
//! a clause of it (it states the remedy: "deletion needs tombstones or backward-shift"). A long
//! sentence (`CLAUSE_READ_FROM_WORDS`) that mixes a misconception with right points is also read
//! clause by clause, affirmative clauses before any criticism only, at `CLAUSE_MISCONCEPTION`,
//! unless the clause is as near the why as the claim (see `misconceptions_in_clauses`). A
//! sentence is compared only with statements of its own polarity (the model barely hears a
//! negation: "needs no retry" would otherwise be raised by "you must retry"), so a negated
//! misconception ("a separate permission check is not needed") is heard in negated sentences,
//! and a plain flag only in affirmative ones. Likewise a sentence holding a criticism word
//! ("fails", "problem") raises a misconception only through a phrasing that holds one too ("If
//! the readiness probe fails, Kubernetes restarts the container"), not the flag's own label, at
//! `SEMANTIC_RED_FLAG`, and only without a turn or a report ("but", "think"): elsewhere the
//! criticism turns the sentence against the claim. A behavioral answer that blames others (or negates its own ownership:
//! "it was not my mistake") in more sentences than it owns its part raises a red flag of its own,
//! and its blaming sentences earn no credit. Each flag is shown
//! "⚠ red flag" with its why and the sentence; each costs 12 points, and the score is capped at
//! 45, 30 or 20 with one, two, or three or more; a lone flag raised by meaning alone caps it at
//! 60 (the model hears a claim's topic better than its direction: "the SLA is looser than our
//! internal goal" is close to "the SLA is our internal goal").
//!
//! **Gaming caps**, each told to the candidate:
//! - a bare list of terms (four or more items, most of three words or fewer, at most one real
//!   sentence; or a dozen or more items strung into one sentence, 60% of them that short and
//!   four words an item on average; or, under 40 words, three points named with 60% of the words
//!   rubric terms): at most 25 — "explain, don't list";
//! - text copied from what the bot showed (prompt, outline, point labels and whys, hints,
//!   follow-ups): a sentence whose analyzed word trigrams are 60% shown text earns nothing; half
//!   of the answer's trigrams shown caps it at 10; so does an answer whose analyzed words are
//!   60% repeats of four or more point labels or hints, each repeated by a sentence holding three
//!   quarters of its words ("Reads the real query plan. Looks for missing or unusable indexes.");
//! - boilerplate: three or more sentences (and half of them) built on the same frame of non-term
//!   words ("I would use X because Y matters"): each point at most ½, no structure credit, at most 25;
//! - stock reasons: a short answer (under 120 words) whose sentences naming a point (four or
//!   more, 60% of them) add at most two specific words per point named, plus one ("I'd set a
//!   TTL, because expiry is important"): treated as boilerplate; so is an answer under 220
//!   words whose sentences naming a point (three or more, half of them) end in a stock reason: a
//!   clause of at most nine words after "because", "since", "which" … (not a comparing "such
//!   as") saying only that something is good ("…, because reliability is key", "…, which is
//!   simply best practice", anywhere in the sentence), or, as its last reason, naming no word
//!   specific to the question (a word of its own text that at most six of the bank's questions
//!   use: "…, which keeps things predictable", "…, as that follows well-established conventions");
//! - a behavioral story with no personal action and "we" actions: at most 40;
//! - hedging without specifics: two or more hedges ("maybe", "it depends", "best practices") in
//!   an answer that is short (under 120 words) or gives no number: at most 35.
//! - dismissal: three or more sentences that dismiss what they name, by a judgement
//!   ("overkill", "security theatre", "not worth it"; a bare "isn't" or a plain "never" or
//!   "don't" is advice, not a dismissal), a sentence mark ("YAGNI", "cargo cult") or a rejection
//!   of a reported claim ("nonsense", "I don't buy it"): at most 35. The negation scope misses
//!   terms a dismissal reaches only across sentences or long lists; the count does not.
//!
//! **Honesty caps** (the verdict), applied last:
//! - empty (no words at all): 0;
//! - not English: few English words and many of another language's frequent words (or mostly
//!   non-Latin letters; or a fifth of the words holding letters English does not use; or too few
//!   recognisable words for English and half as many of another language's frequent words, at
//!   least two of them distinct; or too few recognisable words in two or more sentences of 25
//!   or more pronounceable, mostly distinct words (distinct in each run of 25, so a long text's
//!   repeated function words do not count against it), which is prose in a language no list holds,
//!   unnamed; or such prose with under 60% recognisable words and under 15% common English words,
//!   another language lifted over the gibberish bar by borrowed technical terms): at most 5, and
//!   the candidate is told the scorer reads English only;
//! - gibberish: fewer than 35% recognisable words (common English words, words from the question
//!   bank, numbers), or fewer than 30% distinct terms in 8 or more: at most 5;
//! - the question copied back: at least 70% of the answer's terms come from the prompt and at
//!   most 3 distinct terms do not: at most 5;
//! - off-topic: another question of the bank matches the answer much more closely: at most 5.
//!   Closeness is the *match strength* of a rubric: distinct terms matched per point, counting at
//!   most two per point, over twice the number of points. Off-topic when another rubric's strength
//!   is at least 0.5 and at least a third above this question's (its strength, or, with the
//!   encoder, the share of its points the answer earned if higher). With the encoder, also
//!   off-topic when another question's points are nearer by meaning, by 0.15 or more: each
//!   point's closest sentence, averaged over the points (`MEANING_OFF_TOPIC_MARGIN`).
//!
//! Scoring is a pure function of the bank, the answer and the encoder's vectors: the same answer
//! always gets the same score.

pub mod lexicon;
pub mod swaps;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::content::model::{QuestionFile, QuestionKind};
use crate::error::Result;
use crate::search::Analyzer;
use crate::semantic::{cosine, dot_in_lanes, Encoder};

use lexicon::{lexicon, Lexicon};
use swaps::Swap;
use text::{find_phrase, NegationCues, Phrases, Sentence};

/// Highest score of the rubric part.
pub const RUBRIC_WEIGHT: f64 = 75.0;
/// Caps applied to answers that are not real answers.
pub const GIBBERISH_CAP: u8 = 5;
pub const COPIED_CAP: u8 = 5;
pub const OFF_TOPIC_CAP: u8 = 5;
pub const NOT_ENGLISH_CAP: u8 = 5;
/// Gaming caps.
pub const LIST_CAP: u8 = 25;
pub const COPIED_SHOWN_CAP: u8 = 10;
pub const TEMPLATE_CAP: u8 = 25;
pub const WE_ONLY_CAP: u8 = 40;
/// Sentences of what one would do that make a behavioral answer hypothetical (with most of
/// its sentences): three, so a story's closing "I'd do it the same way again" is not one.
const HYPOTHETICAL_SENTENCES: usize = 3;
pub const VAGUE_CAP: u8 = 35;
/// An answer that dismisses in this many sentences what it names ("Overkill.", "security
/// theatre", "I don't buy it") rejects the practices rather than explaining them, however many
/// of the rubric's terms it holds: at most `DISMISSIVE_CAP`. Measured over the 5,906 answers of
/// the interview sets at commit 3f4bdbc (`text::NegationCues::dismisses`): 167 of the 359
/// negated answers dismiss in three or more sentences and no other answer does (experts at most
/// two, 2 of 718; fluent-wrong and confidently-wrong at most two): an expert rejects a wrong
/// alternative once or twice, not sentence after sentence.
const DISMISSIVE_SENTENCES: usize = 3;
pub const DISMISSIVE_CAP: u8 = 35;
/// An answer with this many hedges ("maybe", "it depends", "best practices") commits to nothing
/// unless it is long and gives a number or hedges rarely (`VAGUE_UNLESS_WORDS`,
/// `WORDS_PER_RARE_HEDGE`): in the evaluation sets 40 of 65 vague answers have two or more, and
/// 3 of the 1,005 others, all over 200 words; a later set's 243-word expert answer had two
/// ("for things like the sort column", "whatever characters they contain").
const VAGUE_HEDGES: usize = 2;
const VAGUE_UNLESS_WORDS: usize = 120;
const WORDS_PER_RARE_HEDGE: usize = 100;
/// Points lost per red flag, and the cap with one, two, three or more flags.
pub const RED_FLAG_PENALTY: u8 = 12;
pub const RED_FLAG_CAPS: [u8; 3] = [45, 30, 20];
/// The cap of a single red flag raised by meaning alone (see `assess`).
pub const HEARD_RED_FLAG_CAP: u8 = 60;
/// Credit of a bare mention, a meaning near the point, or a point under the boilerplate cap.
pub const PARTIAL: f64 = 0.5;

/// Cosine between a sentence and a point's reference ("point. why (terms)") for full and for
/// partial credit, and between a sentence and a red flag for raising it by meaning.
pub const SEMANTIC_FULL: f32 = 0.60;
pub const SEMANTIC_PARTIAL: f32 = 0.48;
pub const SEMANTIC_RED_FLAG: f32 = 0.80;
/// The same for a behavioral question's points: a story told in one's own words shares its
/// point's meaning but little of a reference story's particulars, so the model puts the two
/// further apart than two statements of one technical fact.
pub const SEMANTIC_FULL_STORY: f32 = 0.54;
pub const SEMANTIC_PARTIAL_STORY: f32 = 0.42;
/// A sentence this close to an authored misconception's phrasing states it…
pub const SEMANTIC_MISCONCEPTION: f32 = 0.70;
/// …when it is also at least this much closer to it than to any rubric point.
pub const MISCONCEPTION_MARGIN: f32 = 0.05;
/// How much closer to a misconception's correction (its why) than to the claim a sentence must
/// be to count as stating the remedy: a wrong claim names the correction's topic too.
pub const CORRECTION_MARGIN: f32 = 0.1;
/// How much nearer a misconception than a point a sentence must be to earn nothing by meaning
/// for that point: closer than that, the two are one topic heard twice, not a wrong claim.
pub const VETO_MARGIN: f32 = 0.02;

/// A bank red flag of at least this many distinct terms is raised by a plain sentence holding
/// at least this share of them (`ScoringBank::echoes`).
const ECHO_MIN_TERMS: usize = 6;
const ECHO_SHARE: f64 = 0.75;
/// …within this many analyzed tokens beyond the terms needed.
const ECHO_SLACK: usize = 3;

/// An answer with at least this share of sentences negating something is an answer of denials.
const DENIAL_SHARE: f64 = 0.5;
/// A sentence denies when at least this share of its words is negated (or a negation cue): a
/// qualifier such as "without ever seeing the password" does not make a sentence a denial.
const SENTENCE_DENIAL_SHARE: f64 = 0.25;

/// Whether a sentence states a denial rather than carrying a negated qualifier.
fn is_a_denial(s: &Sentence) -> bool {
    s.negated_share() >= SENTENCE_DENIAL_SHARE
}
/// A sentence of fewer words states no claim a red flag could be raised by meaning from.
const MIN_CLAIM_WORDS: usize = 6;
/// A sentence this long is also read clause by clause for misconceptions
/// (`misconceptions_in_clauses`).
const CLAUSE_READ_FROM_WORDS: usize = 18;
/// A clause read alone raises a misconception from this closeness (a whole sentence's
/// threshold is `SEMANTIC_MISCONCEPTION`).
const CLAUSE_MISCONCEPTION: f32 = 0.74;
/// Below this share of recognisable words an answer is gibberish (or in another language).
const MIN_KNOWN_SHARE: f64 = 0.35;
/// Another language: at least this share of the words are that language's frequent words.
const MIN_OTHER_LANGUAGE_SHARE: f64 = 0.25;
/// Another language, whatever its frequent words: at least this share of the words hold a
/// letter outside English's alphabet (English answers hold one in a name or "café" at most).
const MIN_ACCENTED_SHARE: f64 = 0.2;
/// The share above, scaled, for an answer whose words are mostly not English anyway (keyboard
/// mash has next to none of any language's frequent words).
const OTHER_LANGUAGE_IF_NOT_WORDS: f64 = 0.5;
/// Another question's rubric must match at least this strongly, and by this margin more than
/// this question's, for an answer to be off-topic.
const OFF_TOPIC_MIN_STRENGTH: f64 = 0.5;
const OFF_TOPIC_MARGIN: f64 = 1.0 / 3.0;
/// By meaning, another question's points this much nearer (mean closest-sentence cosine) than
/// this one's: off topic. Measured 2026-12-05 over every evaluation set: off-topic answers
/// stand 0.13 to 0.73 nearer another question (185 of 215 at 0.15 or more); no expert, STAR
/// story or correct one-liner more than 0.10.
const MEANING_OFF_TOPIC_MARGIN: f32 = 0.15;
/// Below this share of distinct terms (in 8 or more) an answer is repetition.
const MIN_DIVERSITY: f64 = 0.30;
/// A sentence with this share of its trigrams in shown text is copied; an answer with this
/// share overall is capped.
const COPIED_SENTENCE_SHARE: f64 = 0.6;
const COPIED_ANSWER_SHARE: f64 = 0.5;
/// A point label or hint of at least `ECHO_ITEM_MIN_WORDS` analyzed words is echoed by a
/// sentence holding `ECHO_ITEM_SHARE` of them; an answer whose analyzed words are `ECHO_ANSWER_SHARE`
/// echoed is a paste with a word or two changed.
const ECHO_ITEM_MIN_WORDS: usize = 3;
const ECHO_ITEM_SHARE: f64 = 0.75;
const ECHO_ANSWER_SHARE: f64 = 0.6;
/// ... and it repeats at least this many labels or hints.
const ECHO_MIN_ITEMS: usize = 4;
/// A sentence naming terms of three or more points needs this many words per point for full
/// credit.
const WORDS_PER_NAMED_POINT: usize = 8;
/// An answer whose analyzed tokens are at least this share rubric terms is a list of terms.
const LIST_TERM_DENSITY: f64 = 0.6;
/// Two sentences share a frame when this share of their non-term words is common.
const SAME_FRAME: f64 = 0.6;
/// Stock reasons: a sentence naming a point is thin when, besides the rubric's terms, it has at
/// most this many specific words (not frequent English, three letters or more) per point it
/// names, plus one ("I'd set a TTL, because expiry is important").
const THIN_WORDS_PER_POINT: usize = 2;
/// An answer of stock reasons: at least this many sentences name a point, this share of them
/// thin, in fewer than `THIN_ANSWER_WORDS` words. Measured on the evaluation sets' 121
/// templates (90 caught) against every expert, one-liner and fluent answer (none caught).
const THIN_SENTENCES: usize = 4;
const THIN_SHARE: f64 = 0.6;
const THIN_ANSWER_WORDS: usize = 120;
/// Prose in a language no list knows (see `is_foreign_prose`).
const PROSE_MIN_SENTENCES: usize = 2;
/// Prose with fewer recognisable words than this share, and fewer of English's common words
/// than `FOREIGN_PROSE_MAX_COMMON`, is another language, though over the gibberish bar: every
/// English answer of the evaluation sets that reads as prose knows 80% of its words or more,
/// and a bare term list knows nearly all of them (measured 2026-12-05).
const FOREIGN_PROSE_MAX_KNOWN: f64 = 0.6;
const FOREIGN_PROSE_MAX_COMMON: f64 = 0.15;
const PROSE_MIN_WORDS: usize = 25;
const PROSE_MIN_DISTINCT: f64 = 0.6;
const PROSE_MAX_MASHED: f64 = 0.04;
/// A word of a question's text is specific to it when at most this many of the bank's questions
/// use it (about a tenth of them).
const SPECIFIC_WORD_QUESTIONS: usize = 6;
/// Stock tails: at least this many sentences naming a point end in a stock reason of at most
/// `STOCK_TAIL_WORDS` words, and at least this share of those naming a point, in an answer of
/// fewer than `STOCK_TAIL_ANSWER_WORDS` words.
const STOCK_TAILS: usize = 3;
const STOCK_TAIL_SHARE: f64 = 0.5;
const STOCK_TAIL_WORDS: usize = 9;
const STOCK_TAIL_ANSWER_WORDS: usize = 220;

/// A rubric term, analyzed, with the words it must keep.
#[derive(Debug, Clone)]
struct Term {
    text: String,
    tokens: Vec<String>,
    /// The term's own words when it holds a pronoun ("my mistake") or analysis leaves one of its
    /// words ("on time"): they must occur as written.
    raw_guard: Option<Vec<String>>,
    /// The term holds a negation cue itself ("never plaintext"): matched as written.
    has_cue: bool,
}

/// One occurrence of a term in a sentence.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    negated: bool,
    first_word: usize,
    /// Analyzed token range (empty for pronoun-guarded terms matched on words).
    tokens: (usize, usize),
}

#[derive(Debug, Clone)]
struct PointRubric {
    terms: Vec<Term>,
    against: bool,
    /// What a sentence is compared with by meaning: the point itself, then the authored
    /// sentences that earn it (`interview-references.toml`).
    texts: Vec<String>,
    references: Vec<Vec<f32>>,
}

#[derive(Debug, Clone)]
struct FlagRubric {
    flag: String,
    why: String,
    /// Groups of terms that must all be affirmed in one sentence.
    affirms: Vec<Vec<Term>>,
    denies: Vec<Term>,
    /// What a sentence is compared with by meaning (the flag, and a misconception's phrasings).
    texts: Vec<String>,
    references: Vec<Vec<f32>>,
    /// Whether each of `texts` is itself negated ("a separate check is not needed"): a
    /// misconception's phrasing is compared only with sentences of the same polarity, since the
    /// model barely hears a negation.
    negated: Vec<bool>,
    /// Whether each of `texts` holds a criticism word ("If the readiness probe fails, …"): a
    /// criticised sentence states a misconception only as one of these phrasings does, since a
    /// criticism otherwise turns a sentence against the claim it is near.
    criticised: Vec<bool>,
    /// The words of each of `texts` that belong to a pair of opposites ("longer"), found once
    /// when the texts are encoded: compared with every sentence's words by meaning.
    directions: Vec<HashSet<String>>,
    /// An authored misconception: raised by meaning at a lower closeness than a plain flag, but
    /// only by a sentence closer to it than to any rubric point.
    misconception: bool,
    /// For a misconception, the vectors of its why (the correction), whole and clause by
    /// clause: a sentence closer to the correction than to the wrong claim states the remedy
    /// ("deletion needs tombstones"), not the misconception, however near its topic it is.
    correction: Vec<Vec<f32>>,
    /// For a misconception, the analyzed words of each of `texts` that no rubric point's text
    /// uses (its label, why, terms and reference sentences): where the wrong claim parts from
    /// what the rubric asks for ("interleave" in "INCR can interleave between clients"). A
    /// sentence is compared with a phrasing only when it shares one of them, since the model
    /// hears the topic ("INCR in Redis") better than the claim made about it.
    distinctive: Vec<HashSet<String>>,
    /// The bank flag's own terms (analyzed, distinct), when it has at least `ECHO_MIN_TERMS`: a
    /// plain sentence holding most of them restates the flag (see `flag_in`).
    echo: Vec<String>,
    /// Which-is-which checks raising this flag (`swaps`).
    swaps: Vec<Swap>,
}

/// What the answer as a whole says about one of its sentences, for [`ScoringBank::point_in`].
#[derive(Clone, Copy)]
struct SentenceContext<'a> {
    /// The sentence's vector, with the encoder.
    vector: Option<&'a [f32]>,
    /// It names terms of three or more points in few words.
    crowded: bool,
    /// Its closeness to the nearest misconception (0 when it negates or hedges).
    nearest_wrong: f32,
    /// The answer negates in at least [`DENIAL_SHARE`] of its sentences.
    denial: bool,
}

/// A question's rubric, analyzed once.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub id: String,
    pub kind: QuestionKind,
    /// Per rubric point, each term as its analyzed tokens.
    pub points: Vec<Vec<Vec<String>>>,
    pub prompt_terms: HashSet<String>,
}

#[derive(Debug, Clone)]
struct QuestionScoring {
    rubric: Rubric,
    points: Vec<PointRubric>,
    flags: Vec<FlagRubric>,
    /// Analyzed word trigrams of everything the bot shows about the question.
    shown: HashSet<String>,
    /// The analyzed words of each point label and hint sentence the bot shows, to find them
    /// pasted with a word or two changed ("Reads the real query plan").
    shown_items: Vec<HashSet<String>>,
    /// The analyzed words of the question's own text (prompt, outline, hints, points, their
    /// terms and reference sentences) that few other questions use: "charge", "checkout",
    /// "partition"; not "important", "team" or "system". A reason naming none of them says
    /// nothing about this question.
    specific: HashSet<String>,
}

/// The scorer's word lists (`content/scoring.toml`) analyzed with one analyzer. Building them
/// takes milliseconds, so a library builds them once and shares them with every role's bank
/// (`ScoringWords`): a content with thousands of roles would otherwise spend seconds at start.
#[derive(Debug, Clone)]
pub struct Prepared {
    cues: NegationCues,
    mechanism: Phrases,
    hedges: Phrases,
    filler: HashSet<String>,
    subjects: Phrases,
    team_subjects: Phrases,
    first_person: Phrases,
    team: Phrases,
    hypothetical: Phrases,
    not_actions: HashSet<String>,
    ownership: Phrases,
    blame: Phrases,
    blame_when_criticised: Phrases,
    common_words: HashSet<String>,
    languages: Vec<(String, HashSet<String>)>,
    markers: Markers,
    opposites: Vec<[String; 2]>,
    reported_claim: HashSet<String>,
    reported_confusion: Phrases,
    reason_openers: Phrases,
    stock_reasons: Phrases,
}

#[derive(Debug, Clone)]
struct Markers {
    situation: Vec<Vec<String>>,
    task: Vec<Vec<String>>,
    result: Vec<Vec<String>>,
    measure: HashSet<String>,
    reasoning: Vec<Vec<String>>,
    example: Vec<Vec<String>>,
    sequence: Vec<Vec<String>>,
}

/// Everything scoring needs for one role: every question's rubric (off-topic detection compares
/// an answer with all of them), the bank's vocabulary (gibberish detection), the prepared word
/// lists and, optionally, the sentence encoder with every point's and red flag's vector.
#[derive(Clone)]
pub struct ScoringBank {
    analyzer: Analyzer,
    questions: Vec<QuestionScoring>,
    prompts: HashMap<String, String>,
    vocabulary: HashSet<String>,
    prepared: ScoringWords,
    encoder: Option<Arc<dyn Encoder>>,
}

/// The analyzed word lists, shared by the banks of one library.
pub type ScoringWords = Arc<Prepared>;

/// The word lists analyzed with `analyzer`, to share between banks.
pub fn scoring_words(analyzer: &Analyzer) -> ScoringWords {
    Arc::new(Prepared::new(analyzer, lexicon()))
}

impl std::fmt::Debug for ScoringBank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScoringBank")
            .field("questions", &self.questions.len())
            .field("semantic", &self.encoder.is_some())
            .finish()
    }
}

/// Prose in some language: at least `PROSE_MIN_SENTENCES` sentences and `PROSE_MIN_WORDS` words,
/// mostly distinct, and almost none of them mashed keys (a letter three times running, or five
/// consonants in a row: "hhhh", "sdfgh", "qwrtz"). Keyboard mash and word salad fail on one of
/// these; a language the lists lack passes.
fn is_foreign_prose(words: &[text::Word], sentences: usize) -> bool {
    let letters: Vec<&text::Word> = words
        .iter()
        .filter(|w| w.text.chars().any(char::is_alphabetic))
        .collect();
    if sentences < PROSE_MIN_SENTENCES || letters.len() < PROSE_MIN_WORDS {
        return false;
    }
    let texts: Vec<&str> = letters.iter().map(|w| w.text.as_str()).collect();
    let mashed = letters.iter().filter(|w| is_mashed(&w.text)).count();
    distinct_share(&texts, PROSE_MIN_WORDS) >= PROSE_MIN_DISTINCT
        && mashed as f64 <= PROSE_MAX_MASHED * letters.len() as f64
}

/// The share of distinct words, averaged over every run of `window` words: a long text repeats
/// its function words ("the", "yon", "la") however varied it is, so its share over the whole
/// would fall with its length.
fn distinct_share(words: &[&str], window: usize) -> f64 {
    let share = |run: &[&str]| run.iter().collect::<HashSet<_>>().len() as f64 / run.len() as f64;
    if words.len() <= window || window == 0 {
        return if words.is_empty() { 0.0 } else { share(words) };
    }
    let runs = words.windows(window);
    let count = runs.len();
    runs.map(share).sum::<f64>() / count as f64
}

/// A letter three times running or five ASCII consonants in a row.
fn is_mashed(word: &str) -> bool {
    let (mut run, mut consonants, mut last) = (0, 0, None);
    for c in word.chars() {
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        consonants = if c.is_ascii_alphabetic() && !"aeiouy".contains(c) {
            consonants + 1
        } else {
            0
        };
        if (run >= 3 && c.is_alphabetic()) || consonants >= 5 {
            return true;
        }
    }
    false
}

/// Whether the "as" at `at` compares or lists ("such as Redis", "as well as", "as soon as")
/// rather than giving a reason.
fn comparison_as(words: &[text::Word], at: usize) -> bool {
    const BEFORE: &[&str] = &["such", "well", "same", "just", "so", "as"];
    const AFTER: &[&str] = &[
        "soon",
        "well",
        "much",
        "many",
        "far",
        "long",
        "if",
        "though",
        "part",
        "needed",
        "expected",
        "a",
        "an",
        "follows",
        "of",
        "opposed",
        "usual",
        "possible",
        "before",
        "described",
    ];
    let is = |i: usize, list: &[&str]| {
        words
            .get(i)
            .is_some_and(|w| list.contains(&w.text.as_str()))
    };
    words[at].text == "as" && ((at > 0 && is(at - 1, BEFORE)) || is(at + 1, AFTER))
}

/// What the bot shows of a question: the prompt, the outline, point labels and whys, hints and
/// follow-ups (never the terms).
fn shown_texts(question: &QuestionFile) -> Vec<&str> {
    let mut texts: Vec<&str> = vec![&question.prompt, &question.outline];
    texts.extend(question.hints.iter().map(String::as_str));
    texts.extend(question.follow_ups.iter().map(String::as_str));
    for point in &question.points {
        texts.push(&point.point);
        texts.push(&point.why);
    }
    texts
}

/// Keeps in each question's `specific` only the words at most `SPECIFIC_WORD_QUESTIONS` questions
/// use.
fn keep_specific_words(scorings: &mut [QuestionScoring]) {
    let mut questions_using: HashMap<String, usize> = HashMap::new();
    for q in scorings.iter() {
        for word in &q.specific {
            *questions_using.entry(word.clone()).or_default() += 1;
        }
    }
    for q in scorings.iter_mut() {
        q.specific
            .retain(|w| questions_using[w] <= SPECIFIC_WORD_QUESTIONS);
    }
}

fn analyze_all(analyzer: &Analyzer, phrases: &[impl AsRef<str>]) -> Vec<Vec<String>> {
    phrases
        .iter()
        .map(|p| analyzer.terms(p.as_ref()))
        .filter(|terms| !terms.is_empty())
        .collect()
}

fn trigrams(tokens: &[String]) -> Vec<String> {
    tokens.windows(3).map(|w| w.join(" ")).collect()
}

impl Prepared {
    fn new(analyzer: &Analyzer, lexicon: &Lexicon) -> Prepared {
        let b = &lexicon.behavioral;
        let set = |list: &[String]| list.iter().cloned().collect::<HashSet<String>>();
        Prepared {
            cues: NegationCues::new(lexicon),
            mechanism: Phrases::new(&lexicon.substance.mechanism),
            hedges: Phrases::new(&lexicon.substance.hedges),
            filler: lexicon
                .substance
                .filler
                .iter()
                .flat_map(|w| analyzer.terms(w))
                .collect(),
            subjects: Phrases::new(&b.subjects),
            team_subjects: Phrases::new(&b.team_subjects),
            first_person: Phrases::new(&b.first_person),
            team: Phrases::new(&b.team),
            hypothetical: Phrases::new(&b.hypothetical),
            not_actions: set(&b.not_actions),
            ownership: Phrases::new(&b.ownership),
            blame: Phrases::new(&b.blame),
            blame_when_criticised: Phrases::new(&b.blame_when_criticised),
            common_words: set(&lexicon.common_words),
            opposites: lexicon.stance.opposites.clone(),
            reported_claim: set(&lexicon.stance.reported_claim),
            reported_confusion: Phrases::new(&lexicon.stance.reported_confusion),
            reason_openers: Phrases::new(&lexicon.stock.reason_openers),
            stock_reasons: Phrases::new(&lexicon.stock.stock_reasons),
            languages: lexicon
                .languages
                .iter()
                .map(|(name, words)| (name.clone(), set(words)))
                .collect(),
            markers: Markers {
                situation: analyze_all(analyzer, &lexicon.markers.situation),
                task: analyze_all(analyzer, &lexicon.markers.task),
                result: analyze_all(analyzer, &lexicon.markers.result),
                measure: set(&lexicon.markers.measure),
                reasoning: analyze_all(analyzer, &lexicon.markers.reasoning),
                example: analyze_all(analyzer, &lexicon.markers.example),
                sequence: analyze_all(analyzer, &lexicon.markers.sequence),
            },
        }
    }

    fn term(&self, analyzer: &Analyzer, text: &str) -> Term {
        let words = text::words(text);
        let keeps_pronoun = words
            .iter()
            .any(|w| self.first_person.contains_word(&w.text) || self.team.contains_word(&w.text));
        let cues = &self.cues;
        let has_cue = (0..words.len()).any(|at| {
            cues.before.longest_at(&words, at).is_some()
                || cues.after.longest_at(&words, at).is_some()
                || cues.contrast.longest_at(&words, at).is_some()
        });
        let tokens = analyzer.terms(text);
        // A phrase the analyzer reduces to one word ("on time" to "time", "order by" to
        // "order") would be found in any sentence with that word ("a waste of time", "in order
        // to"): it must occur as written, like a phrase holding a pronoun.
        // (Not a synonym phrase folded to one term, "message queue": every word of it counts.)
        let collapses = tokens.len() == 1
            && words.len() > 1
            && words.iter().any(|w| analyzer.terms(&w.text).is_empty());
        Term {
            text: text.to_string(),
            tokens,
            raw_guard: (keeps_pronoun || collapses)
                .then(|| words.into_iter().map(|w| w.text).collect()),
            has_cue,
        }
    }
}

/// The best cosine similarity of `vector` with any of `references` (0 for none).
/// How close a sentence's vector comes to any of the question's rubric points.
fn nearest_point(q: &QuestionScoring, vector: &[f32]) -> f32 {
    q.points
        .iter()
        .map(|p| closest(vector, &p.references))
        .fold(0.0, f32::max)
}

/// How close a sentence's vector comes to any of the question's authored misconceptions
/// phrased with the sentence's own polarity (`negated`).
fn nearest_misconception(q: &QuestionScoring, vector: &[f32], s: &Sentence) -> f32 {
    q.flags
        .iter()
        .filter(|f| f.misconception)
        .map(|f| f.closest_phrasing(vector, s, false, |_| false))
        .fold(0.0, f32::max)
}

impl FlagRubric {
    /// The best closeness of `vector` to this flag's phrasings of the sentence's own polarity.
    /// `contradicted` leaves out phrasings the sentence says the opposite of (given their
    /// `directions`); with `stated`, a misconception's phrasings the sentence shares none of
    /// their `distinctive` words with are left out too (raising a flag needs the claim, while
    /// withholding a point's credit needs only the topic).
    fn closest_phrasing(
        &self,
        vector: &[f32],
        s: &Sentence,
        stated: bool,
        contradicted: impl Fn(&HashSet<String>) -> bool,
    ) -> f32 {
        let negated = s.negates();
        // Raising a misconception from a criticised sentence needs a phrasing criticised too.
        let criticised_only = stated && s.scope.criticised;
        self.references
            .iter()
            .zip(&self.negated)
            .zip(&self.directions)
            .enumerate()
            .filter(|(i, ((_, n), direction))| {
                **n == negated
                    && !contradicted(direction)
                    && (!stated || self.parts_as_stated(*i, s))
                    && (!criticised_only || self.criticised.get(*i) == Some(&true))
            })
            .map(|(_, ((r, _), _))| cosine(vector, r))
            .fold(0.0, f32::max)
    }

    /// Whether the sentence holds a word where the misconception's `i`th phrasing parts from
    /// the rubric (see `distinctive`); always, for a plain flag.
    fn parts_as_stated(&self, i: usize, s: &Sentence) -> bool {
        if !self.misconception {
            return true;
        }
        self.distinctive
            .get(i)
            .is_some_and(|words| s.tokens.iter().any(|t| words.contains(t)))
    }
}

/// A red flag's distinct analyzed terms, or none when it has too few to be told apart from
/// a sentence that merely shares its topic ("Confuses a circuit breaker with retries").
fn echo_terms(analyzer: &Analyzer, flag: &str) -> Vec<String> {
    let mut terms = analyzer.terms(flag);
    terms.sort();
    terms.dedup();
    if terms.len() >= ECHO_MIN_TERMS {
        terms
    } else {
        Vec::new()
    }
}

/// The words of `text` (lowercased) that belong to one of the `opposites` pairs.
fn directions(opposites: &[[String; 2]], text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| opposites.iter().any(|pair| pair.contains(w)))
        .collect()
}

/// How near the answer's sentences come, by meaning, to the question's points: the mean over
/// its points of the closest sentence.
fn meaning_strength(q: &QuestionScoring, vectors: &[Vec<f32>]) -> f32 {
    let nearest = |point: &PointRubric| {
        vectors
            .iter()
            .flat_map(|v| point.references.iter().map(move |r| dot_in_lanes(v, r)))
            .fold(0.0, f32::max)
    };
    q.points.iter().map(nearest).sum::<f32>() / q.points.len().max(1) as f32
}

fn closest(vector: &[f32], references: &[Vec<f32>]) -> f32 {
    references
        .iter()
        .map(|r| cosine(vector, r))
        .fold(0.0, f32::max)
}

/// "point. why (term, term, …)": what a sentence is compared with by meaning.
fn point_reference(point: &crate::content::model::RubricPoint) -> String {
    format!(
        "{}. {} ({})",
        point.point,
        point.why,
        point.terms.join(", ")
    )
}

impl ScoringBank {
    /// A bank that scores by words only.
    pub fn new(analyzer: &Analyzer, questions: &[QuestionFile]) -> ScoringBank {
        ScoringBank::by_words(scoring_words(analyzer), analyzer, questions)
    }

    /// A bank that also scores by meaning: every rubric point and red flag is encoded once here.
    pub fn with_encoder(
        analyzer: &Analyzer,
        questions: &[QuestionFile],
        encoder: Option<Arc<dyn Encoder>>,
    ) -> Result<ScoringBank> {
        ScoringBank::with_encoders(analyzer, questions, encoder, None)
    }

    /// `with_encoder`, with the points and flags encoded by `references` (the same model behind
    /// a cache of content text) and answers by `encoder`.
    pub fn with_encoders(
        analyzer: &Analyzer,
        questions: &[QuestionFile],
        encoder: Option<Arc<dyn Encoder>>,
        references: Option<Arc<dyn Encoder>>,
    ) -> Result<ScoringBank> {
        ScoringBank::with_words(
            scoring_words(analyzer),
            analyzer,
            questions,
            encoder,
            references,
        )
    }

    /// `with_encoders`, with word lists already analyzed (by `scoring_words` with the same
    /// analyzer).
    pub fn with_words(
        words: ScoringWords,
        analyzer: &Analyzer,
        questions: &[QuestionFile],
        encoder: Option<Arc<dyn Encoder>>,
        references: Option<Arc<dyn Encoder>>,
    ) -> Result<ScoringBank> {
        let mut bank = ScoringBank::by_words(words, analyzer, questions);
        let Some(encoder) = encoder else {
            return Ok(bank);
        };
        let references = references.unwrap_or_else(|| encoder.clone());
        // Every question's points and flags in one call: one read of the cache, one batch.
        let mut texts: Vec<&str> = Vec::new();
        for scoring in &bank.questions {
            for point in &scoring.points {
                texts.extend(point.texts.iter().map(String::as_str));
            }
            for flag in &scoring.flags {
                texts.extend(flag.texts.iter().map(String::as_str));
                if flag.misconception {
                    texts.extend(correction_texts(&flag.why));
                }
            }
        }
        let mut vectors = references.encode(&texts)?.into_iter();
        for scoring in bank.questions.iter_mut() {
            for point in &mut scoring.points {
                point.references = vectors.by_ref().take(point.texts.len()).collect();
            }
            for flag in &mut scoring.flags {
                flag.references = vectors.by_ref().take(flag.texts.len()).collect();
                if flag.misconception {
                    let count = correction_texts(&flag.why).len();
                    flag.correction = vectors.by_ref().take(count).collect();
                }
                flag.directions = flag
                    .texts
                    .iter()
                    .map(|text| directions(&bank.prepared.opposites, text))
                    .collect();
            }
        }
        bank.encoder = Some(encoder);
        Ok(bank)
    }

    /// `new`, with word lists already analyzed (by `scoring_words` with the same analyzer).
    pub fn by_words(
        prepared: ScoringWords,
        analyzer: &Analyzer,
        questions: &[QuestionFile],
    ) -> ScoringBank {
        let mut vocabulary = HashSet::new();
        let mut scorings = Vec::with_capacity(questions.len());
        let mut prompts = HashMap::new();
        for question in questions {
            let shown_texts = shown_texts(question);
            let terms = question.points.iter().flat_map(|p| &p.terms);
            // The question's own words: what it shows and its terms. The bank's vocabulary adds
            // its red flags; the words specific to it, its reference sentences.
            let own: HashSet<String> = (shown_texts.iter().copied())
                .chain(terms.map(String::as_str))
                .flat_map(|t| analyzer.terms(t))
                .collect();
            vocabulary.extend(own.iter().cloned());
            for flag in &question.red_flags {
                vocabulary.extend(analyzer.terms(flag));
            }
            let says = question.points.iter().flat_map(|p| &p.says);
            let specific = own
                .into_iter()
                .chain(says.flat_map(|t| analyzer.terms(t)))
                .collect();
            let shown = shown_texts
                .iter()
                .flat_map(|t| {
                    text::sentence_spans(t)
                        .into_iter()
                        .flat_map(|(a, b)| trigrams(&analyzer.terms(&t[a..b])))
                        .collect::<Vec<_>>()
                })
                .collect();
            let mut item_texts: Vec<&str> = question.hints.iter().map(String::as_str).collect();
            item_texts.extend(question.points.iter().map(|p| p.point.as_str()));
            let shown_items = item_texts
                .iter()
                .flat_map(|t| {
                    text::sentence_spans(t)
                        .into_iter()
                        .map(|(a, b)| analyzer.terms(&t[a..b]).into_iter().collect::<HashSet<_>>())
                        .collect::<Vec<_>>()
                })
                .filter(|item| item.len() >= ECHO_ITEM_MIN_WORDS)
                .collect();
            let points: Vec<PointRubric> = question
                .points
                .iter()
                .map(|p| PointRubric {
                    terms: p
                        .terms
                        .iter()
                        .map(|t| prepared.term(analyzer, t))
                        .filter(|t| !t.tokens.is_empty())
                        .collect(),
                    against: p.against,
                    texts: std::iter::once(point_reference(p))
                        .chain(p.says.iter().cloned())
                        .collect(),
                    references: Vec::new(),
                })
                .collect();
            let mut flags: Vec<FlagRubric> = question
                .red_flag_checks
                .iter()
                .map(|check| FlagRubric {
                    flag: check.flag.clone(),
                    why: check.why.clone(),
                    affirms: check
                        .affirms
                        .iter()
                        .map(|group| {
                            group
                                .split(" + ")
                                .map(|t| prepared.term(analyzer, t.trim()))
                                .filter(|t| !t.tokens.is_empty())
                                .collect::<Vec<_>>()
                        })
                        .filter(|g| !g.is_empty())
                        .collect(),
                    denies: check
                        .denies
                        .iter()
                        .map(|t| prepared.term(analyzer, t))
                        .filter(|t| !t.tokens.is_empty())
                        .collect(),
                    texts: vec![check.flag.clone()],
                    references: Vec::new(),
                    negated: Vec::new(),
                    criticised: Vec::new(),
                    directions: Vec::new(),
                    misconception: false,
                    correction: Vec::new(),
                    distinctive: Vec::new(),
                    echo: echo_terms(analyzer, &check.flag),
                    swaps: Vec::new(),
                })
                .collect();
            // The plain red flags are raised by meaning only; their why is the rubric point they
            // are closest to in words.
            for flag in &question.red_flags {
                if flags.iter().any(|f| f.flag == *flag) {
                    continue;
                }
                let flag_terms: HashSet<String> = analyzer.terms(flag).into_iter().collect();
                let why = question
                    .points
                    .iter()
                    .map(|p| {
                        let overlap = analyzer
                            .terms(&point_reference(p))
                            .into_iter()
                            .collect::<HashSet<_>>()
                            .intersection(&flag_terms)
                            .count();
                        (overlap, p)
                    })
                    // Ties go to the earlier point, for determinism.
                    .max_by(|a, b| a.0.cmp(&b.0).then(std::cmp::Ordering::Greater))
                    .filter(|(overlap, _)| *overlap > 0)
                    .map_or_else(
                        || "An interviewer would count this against the answer.".to_string(),
                        |(_, p)| p.why.clone(),
                    );
                flags.push(FlagRubric {
                    flag: flag.clone(),
                    why,
                    affirms: Vec::new(),
                    denies: Vec::new(),
                    texts: vec![flag.clone()],
                    references: Vec::new(),
                    negated: Vec::new(),
                    criticised: Vec::new(),
                    directions: Vec::new(),
                    misconception: false,
                    correction: Vec::new(),
                    distinctive: Vec::new(),
                    echo: echo_terms(analyzer, flag),
                    swaps: Vec::new(),
                });
            }
            for wrong in &question.misconceptions {
                let texts: Vec<String> = wrong.says.clone();
                if let Some(same) = flags.iter_mut().find(|f| f.flag == wrong.claim) {
                    // The bank's own flag, phrased by the references: one flag, raised once.
                    same.texts.extend(texts);
                    same.why = wrong.why.clone();
                    same.misconception = true;
                    continue;
                }
                flags.push(FlagRubric {
                    flag: wrong.claim.clone(),
                    why: wrong.why.clone(),
                    affirms: Vec::new(),
                    denies: Vec::new(),
                    texts,
                    references: Vec::new(),
                    negated: Vec::new(),
                    criticised: Vec::new(),
                    directions: Vec::new(),
                    misconception: true,
                    correction: Vec::new(),
                    distinctive: Vec::new(),
                    echo: Vec::new(),
                    swaps: Vec::new(),
                });
            }
            for check in &question.swaps {
                let swap = Swap::new(check);
                match flags.iter_mut().find(|f| f.flag == check.claim) {
                    // The same mix-up as a bank flag or a misconception: raised once, either way.
                    Some(same) => same.swaps.push(swap),
                    None => flags.push(FlagRubric {
                        flag: check.claim.clone(),
                        why: check.why.clone(),
                        affirms: Vec::new(),
                        denies: Vec::new(),
                        // Raised by pattern only: nothing to compare by meaning.
                        texts: Vec::new(),
                        references: Vec::new(),
                        negated: Vec::new(),
                        criticised: Vec::new(),
                        directions: Vec::new(),
                        misconception: false,
                        correction: Vec::new(),
                        distinctive: Vec::new(),
                        echo: Vec::new(),
                        swaps: vec![swap],
                    }),
                }
            }
            // The model barely hears a negation, so "needs no retry" would be raised by "you
            // must retry": a plain flag keeps only its affirmative phrasings (and is compared
            // only with affirmative sentences, see `flag_in`); a misconception keeps its negated
            // phrasings too, each compared only with sentences of the same polarity.
            for flag in &mut flags {
                let read: Vec<Sentence> = flag
                    .texts
                    .iter()
                    .map(|text| Sentence::new(text, analyzer, &prepared.cues))
                    .collect();
                let negated: Vec<bool> = read.iter().map(Sentence::negates).collect();
                // The bank flag's own label ("… for bad client input") names the wrong
                // practice; only a statement as a candidate would make it counts as criticised.
                let criticised: Vec<bool> = read
                    .iter()
                    .zip(&flag.texts)
                    .map(|(s, text)| s.scope.criticised && *text != flag.flag)
                    .collect();
                let keep: Vec<bool> = negated.iter().map(|n| flag.misconception || !n).collect();
                let mut kept = keep.iter();
                flag.texts.retain(|_| *kept.next().unwrap_or(&false));
                let kept_texts = |of_each: Vec<bool>| -> Vec<bool> {
                    of_each
                        .into_iter()
                        .zip(&keep)
                        .filter(|(_, k)| **k)
                        .map(|(v, _)| v)
                        .collect()
                };
                flag.negated = kept_texts(negated);
                flag.criticised = kept_texts(criticised);
            }
            let rubric_words: HashSet<String> = points
                .iter()
                .flat_map(|p| p.texts.iter().flat_map(|t| analyzer.terms(t)))
                .collect();
            for flag in flags.iter_mut().filter(|f| f.misconception) {
                flag.distinctive = flag
                    .texts
                    .iter()
                    .map(|text| {
                        analyzer
                            .terms(text)
                            .into_iter()
                            .filter(|t| !rubric_words.contains(t))
                            .collect()
                    })
                    .collect();
            }
            scorings.push(QuestionScoring {
                rubric: Rubric {
                    id: question.id.clone(),
                    kind: question.kind,
                    points: question
                        .points
                        .iter()
                        .map(|p| analyze_all(analyzer, &p.terms))
                        .collect(),
                    prompt_terms: analyzer.terms(&question.prompt).into_iter().collect(),
                },
                points,
                flags,
                shown,
                shown_items,
                specific,
            });
            prompts.insert(question.id.clone(), question.prompt.clone());
        }
        keep_specific_words(&mut scorings);
        ScoringBank {
            analyzer: analyzer.clone(),
            questions: scorings,
            prompts,
            vocabulary,
            prepared,
            encoder: None,
        }
    }

    /// Whether this bank scores by meaning too.
    pub fn semantic(&self) -> bool {
        self.encoder.is_some()
    }

    pub fn rubric(&self, question_id: &str) -> Option<&Rubric> {
        self.scoring(question_id).map(|q| &q.rubric)
    }

    fn scoring(&self, question_id: &str) -> Option<&QuestionScoring> {
        self.questions.iter().find(|q| q.rubric.id == question_id)
    }

    /// Scores `answer` to the question `question_id`; None when the bank has no such question.
    /// Should the encoder fail, the answer is scored by words alone (and the assessment says so).
    pub fn assess(&self, question_id: &str, answer: &str) -> Option<Assessment> {
        let scoring = self.scoring(question_id)?;
        Some(self.assess_question(scoring, answer))
    }

    /// Calibration only: each sentence of an answer with its closeness to the nearest rubric
    /// point and to the nearest authored misconception, and whether it is a plain statement (no
    /// negation, cue or criticism). Empty without the encoder.
    #[doc(hidden)]
    pub fn sentence_closeness(&self, question_id: &str, answer: &str) -> Vec<SentenceCloseness> {
        let Some(q) = self.scoring(question_id) else {
            return Vec::new();
        };
        let p = &self.prepared;
        let sentences = text::answer_sentences(answer, &self.analyzer, &p.cues);
        let (Some(vectors), _) = self.encode_sentences(&sentences) else {
            return Vec::new();
        };
        sentences
            .iter()
            .zip(&vectors)
            .map(|(s, v)| {
                let points: Vec<f32> = q.points.iter().map(|p| closest(v, &p.references)).collect();
                SentenceCloseness {
                    text: s.text.clone(),
                    words: s.words.len(),
                    point: points.iter().copied().fold(0.0, f32::max),
                    points,
                    wrong: nearest_misconception(q, v, s),
                    plain: !s.negates() && !s.scope.criticised,
                }
            })
            .collect()
    }

    fn assess_question(&self, q: &QuestionScoring, answer: &str) -> Assessment {
        let p = &self.prepared;
        let all_tokens = self.analyzer.terms(answer);
        let all_words = text::words(answer);
        let word_count = all_words.len();
        let sentences = text::answer_sentences(answer, &self.analyzer, &p.cues);

        // Copied from what the bot showed.
        let mut shown_trigrams = 0;
        let mut answer_trigrams = 0;
        let copied: Vec<bool> = sentences
            .iter()
            .map(|s| {
                let grams = trigrams(&s.tokens);
                let hits = grams.iter().filter(|g| q.shown.contains(*g)).count();
                shown_trigrams += hits;
                answer_trigrams += grams.len();
                grams.len() >= 2 && hits as f64 >= COPIED_SENTENCE_SHARE * grams.len() as f64
            })
            .collect();
        let copied_share = if answer_trigrams == 0 {
            0.0
        } else {
            shown_trigrams as f64 / answer_trigrams as f64
        };
        let mut echoed_items = HashSet::new();
        let (echoed, tokens) = sentences
            .iter()
            .map(|s| self.echoed_tokens(q, s, &mut echoed_items))
            .fold((0, 0), |(e, t), (se, st)| (e + se, t + st));
        // A correct one-liner may name three steps in the labels' words; a paste names more.
        let echoed_share = if tokens == 0 || echoed_items.len() < ECHO_MIN_ITEMS {
            0.0
        } else {
            echoed as f64 / tokens as f64
        };
        let copied: Vec<bool> = if echoed_share >= ECHO_ANSWER_SHARE {
            vec![true; sentences.len()]
        } else {
            copied
        };
        let copied_share = if echoed_share >= ECHO_ANSWER_SHARE {
            copied_share.max(echoed_share)
        } else {
            copied_share
        };

        // Meaning, when the encoder is there.
        let (vectors, semantic_failed) = self.encode_sentences(&sentences);

        // Red flags.
        let behavioral = q.rubric.kind == QuestionKind::Behavioral;
        let mut red_flags = Vec::new();
        let mut flagged_sentence = vec![false; sentences.len()];
        // How close each sentence comes to any rubric point: a misconception is raised only by
        // a sentence closer to it than to what the rubric asks for.
        let nearest_point: Vec<f32> = match &vectors {
            Some(vectors) => vectors.iter().map(|v| nearest_point(q, v)).collect(),
            None => vec![0.0; sentences.len()],
        };
        // And how close to any misconception: a sentence nearer one than a point (by
        // `VETO_MARGIN`) earns nothing by meaning for that point, even below the red flag's
        // closeness.
        let nearest_wrong: Vec<f32> = match &vectors {
            Some(vectors) => vectors
                .iter()
                .zip(&sentences)
                .map(|(v, s)| nearest_misconception(q, v, s))
                .collect(),
            None => vec![0.0; sentences.len()],
        };
        for flag in &q.flags {
            let raised = sentences.iter().enumerate().find_map(|(i, s)| {
                let vector = vectors.as_ref().map(|v| v[i].as_slice());
                self.flag_in(flag, s, vector, nearest_point[i])
                    .map(|by| (i, by))
            });
            if let Some((i, by)) = raised {
                flagged_sentence[i] = true;
                red_flags.push(RaisedFlag {
                    flag: flag.flag.clone(),
                    why: flag.why.clone(),
                    sentence: sentences[i].text.clone(),
                    by,
                });
            }
        }
        if let Some(vectors) = &vectors {
            self.misconceptions_in_clauses(
                q,
                &sentences,
                vectors,
                &mut red_flags,
                &mut flagged_sentence,
            );
        }

        // Ownership against blame (behavioral): a story that blames more than it owns raises a
        // red flag, and its blaming sentences earn nothing.
        let (owned, blaming) = if behavioral {
            self.ownership(&sentences)
        } else {
            (0, Vec::new())
        };
        let blames = !blaming.is_empty() && blaming.len() > owned;
        if blames {
            for &i in &blaming {
                flagged_sentence[i] = true;
            }
        }

        // Coverage, point by point.
        let we_sentence: Vec<bool> = sentences
            .iter()
            .map(|s| behavioral && p.team.any_in(&s.words) && !p.first_person.any_in(&s.words))
            .collect();
        // A sentence naming terms of three or more points in fewer than eight words per point
        // names them without explaining any ("be careful, plan well and communicate").
        let crowded: Vec<bool> = sentences
            .iter()
            .map(|s| {
                let named = q
                    .points
                    .iter()
                    .filter(|point| {
                        point
                            .terms
                            .iter()
                            .any(|t| self.occurrences(t, s).iter().any(|o| !o.negated))
                    })
                    .count();
                named >= 3 && s.words.len() < WORDS_PER_NAMED_POINT * named
            })
            .collect();
        let frames = self.frames(q, &sentences);
        let stock_reasons = (word_count < THIN_ANSWER_WORDS && self.stock_reasons(q, &sentences))
            || (word_count < STOCK_TAIL_ANSWER_WORDS && self.stock_tails(q, &sentences));
        let framed = is_template(&frames);
        let template = framed || stock_reasons;
        // Most sentences negate something: an answer of denials ("I wouldn't bother with a
        // relational database. Joins aren't needed…"), whose negated sentences earn nothing by
        // meaning.
        let negated_sentences = sentences.iter().filter(|s| is_a_denial(s)).count();
        let denial = sentences.len() >= 2
            && negated_sentences as f64 >= DENIAL_SHARE * sentences.len() as f64;
        let mut results = Vec::with_capacity(q.points.len());
        for point in &q.points {
            let mut best = PointResult::default();
            for (i, s) in sentences.iter().enumerate() {
                if copied[i] || flagged_sentence[i] {
                    continue;
                }
                let vector = vectors.as_ref().map(|v| v[i].as_slice());
                let Some(mut evidence) = self.point_in(
                    q,
                    point,
                    s,
                    SentenceContext {
                        vector,
                        crowded: crowded[i],
                        nearest_wrong: nearest_wrong[i],
                        denial,
                    },
                ) else {
                    continue;
                };
                if we_sentence[i] {
                    evidence.credit *= 0.5;
                    evidence.told_as_we = true;
                }
                if template {
                    evidence.credit = evidence.credit.min(PARTIAL);
                }
                if evidence.credit > best.credit {
                    best = evidence;
                }
            }
            results.push(best);
        }
        let credit: f64 = results.iter().map(|r| r.credit).sum();
        let points = q.points.len().max(1);
        let fraction = credit / points as f64;
        let covered: Vec<usize> = (0..results.len())
            .filter(|i| results[*i].credit > 0.0)
            .collect();
        let partial: Vec<usize> = covered
            .iter()
            .copied()
            .filter(|i| results[*i].credit < 1.0)
            .collect();
        let missed: Vec<usize> = (0..results.len())
            .filter(|i| results[*i].credit == 0.0)
            .collect();

        // Structure.
        let elaboration = match word_count {
            0..=9 => 0.4,
            10..=29 => 0.7,
            _ => 1.0,
        };
        let length = LengthNote::for_words(word_count);
        let present: HashSet<&str> = all_tokens.iter().map(String::as_str).collect();
        let (structure, mut structure_points) = if behavioral {
            let ownership = match (blames, owned > 0) {
                (true, _) => Ownership::Blames,
                (false, true) => Ownership::Owns,
                (false, false) => Ownership::Unstated,
            };
            let blame_sentence = blames.then(|| sentences[blaming[0]].text.clone());
            let star = self.star(
                &sentences,
                &all_tokens,
                &present,
                &all_words,
                ownership,
                blame_sentence,
            );
            if star.ownership == Ownership::Blames {
                red_flags.push(RaisedFlag {
                    flag: "Blames others instead of owning their part".into(),
                    why: "Interviewers listen for what you did and what you own; a story about \
                          whose fault it was tells them neither."
                        .into(),
                    sentence: star.blame_sentence.clone().unwrap_or_default(),
                    by: FlagEvidence::Pattern,
                });
            }
            let points = star.points();
            (Structure::Star(star), points)
        } else {
            let technical = self.technical(&sentences, &all_tokens, &present, &all_words);
            let points = technical.points();
            (Structure::Technical(technical), points)
        };
        if template {
            structure_points = 0.0;
        }
        let rubric_points = RUBRIC_WEIGHT * fraction * elaboration;
        let form = (2.0 * fraction).min(1.0);
        let length_points = length.points() * form;
        let structure_points = structure_points * form;
        let raw = (rubric_points + length_points + structure_points)
            .round()
            .clamp(0.0, 100.0) as u8;

        // Caps and penalties.
        let mut caps = Vec::new();
        let term_density = self.term_density(q, &sentences);
        let listed = is_list(answer, &sentences)
            || (term_density >= LIST_TERM_DENSITY && covered.len() >= 3 && word_count < 40);
        if listed && !covered.is_empty() {
            caps.push(Cap::List);
        }
        if copied_share >= COPIED_ANSWER_SHARE && answer_trigrams >= 4 {
            caps.push(Cap::CopiedShown {
                share: percent(copied_share),
            });
        }
        if framed {
            caps.push(Cap::Template);
        } else if stock_reasons {
            caps.push(Cap::StockReasons);
        }
        if let Structure::Star(star) = &structure {
            if star.actions == 0 && star.team_actions >= 2 {
                caps.push(Cap::WeOnly);
            }
            // What one would do, sentence after sentence, is no account of what one did.
            let would = sentences
                .iter()
                .filter(|s| p.hypothetical.any_in(&s.words))
                .count();
            if would >= HYPOTHETICAL_SENTENCES && 2 * would > sentences.len() {
                caps.push(Cap::Hypothetical);
            }
        }
        let hedges = sentences.iter().map(|s| p.hedges.count_in(&s.words)).sum();
        let rare = hedges * WORDS_PER_RARE_HEDGE <= word_count;
        let specific = word_count >= VAGUE_UNLESS_WORDS
            && (rare || answer.chars().any(|c| c.is_ascii_digit()));
        if hedges >= VAGUE_HEDGES && !specific {
            caps.push(Cap::Vague);
        }
        let dismissals = sentences.iter().filter(|s| p.cues.dismisses(s)).count();
        if dismissals >= DISMISSIVE_SENTENCES {
            caps.push(Cap::Dismissive);
        }
        let penalty = (red_flags.len() as u32 * u32::from(RED_FLAG_PENALTY)).min(100) as u8;
        let mut score = raw.saturating_sub(penalty);
        // A lone flag heard by meaning alone is capped more gently (see the header).
        let only_heard =
            red_flags.len() == 1 && matches!(red_flags[0].by, FlagEvidence::Meaning { .. });
        if only_heard {
            score = score.min(HEARD_RED_FLAG_CAP);
        } else if !red_flags.is_empty() {
            score = score.min(RED_FLAG_CAPS[(red_flags.len() - 1).min(2)]);
        }
        for cap in &caps {
            score = score.min(cap.limit());
        }
        let prose_sentences = sentences.iter().filter(|s| s.words.len() >= 4).count();
        let verdict = self.verdict(
            q,
            &all_tokens,
            &all_words,
            fraction,
            prose_sentences,
            vectors.as_deref(),
        );
        let score = match &verdict {
            Verdict::Empty => 0,
            Verdict::Gibberish { .. } => score.min(GIBBERISH_CAP),
            Verdict::NotEnglish { .. } => score.min(NOT_ENGLISH_CAP),
            Verdict::CopiedQuestion => score.min(COPIED_CAP),
            Verdict::OffTopic { .. } => score.min(OFF_TOPIC_CAP),
            Verdict::NothingCovered | Verdict::Answer => score,
        };
        Assessment {
            score,
            uncapped: raw,
            covered,
            partial,
            missed,
            points: results,
            rubric_points,
            length_points,
            structure_points,
            form,
            words: word_count,
            elaboration,
            length,
            structure,
            red_flags,
            penalty,
            caps,
            hedges,
            semantic: self.encoder.is_some() && !semantic_failed,
            verdict,
        }
    }

    /// One vector per sentence, or None without an encoder. The flag says the encoder failed.
    fn encode_sentences(&self, sentences: &[Sentence]) -> (Option<Vec<Vec<f32>>>, bool) {
        let Some(encoder) = &self.encoder else {
            return (None, false);
        };
        if sentences.is_empty() {
            return (Some(Vec::new()), false);
        }
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        match encoder.encode(&texts) {
            Ok(vectors) if vectors.len() == texts.len() => (Some(vectors), false),
            Ok(vectors) => {
                tracing::warn!(
                    expected = texts.len(),
                    got = vectors.len(),
                    "encoder returned the wrong number of vectors; scoring by words only"
                );
                (None, true)
            }
            Err(error) => {
                tracing::warn!(%error, "encoder failed; scoring by words only");
                (None, true)
            }
        }
    }

    /// Every occurrence of `term` in the sentence.
    fn occurrences(&self, term: &Term, s: &Sentence) -> Vec<Occurrence> {
        let negated_words = |from: usize, to: usize| {
            (from..to.min(s.scope.negated.len())).any(|w| s.scope.negated[w])
        };
        if let Some(guard) = &term.raw_guard {
            return find_phrase(&s.words, guard)
                .into_iter()
                .map(|at| Occurrence {
                    negated: !term.has_cue && negated_words(at, at + guard.len()),
                    first_word: at,
                    tokens: (0, 0),
                })
                .collect();
        }
        let n = term.tokens.len();
        if n == 0 || s.tokens.len() < n {
            return Vec::new();
        }
        (0..=s.tokens.len() - n)
            .filter(|&i| s.tokens[i..i + n] == term.tokens[..])
            .map(|i| Occurrence {
                negated: !term.has_cue && s.tokens_negated(i, i + n),
                first_word: s.token_words[i].0,
                tokens: (i, i + n),
            })
            .collect()
    }

    /// How a sentence raises a red flag, if it does.
    fn flag_in(
        &self,
        flag: &FlagRubric,
        s: &Sentence,
        vector: Option<&[f32]>,
        nearest_point: f32,
    ) -> Option<FlagEvidence> {
        // "Without a timeout, … callers wait forever" tells what goes wrong without the
        // practice: the flag's words are its consequence, not the answer's advice.
        let lack_explained = flag.denies.iter().any(|term| {
            self.occurrences(term, s)
                .iter()
                .any(|o| o.negated && s.consequence_after(o.first_word))
        });
        for group in flag.affirms.iter().filter(|_| !lack_explained) {
            let all_affirmed = group.iter().all(|term| {
                self.occurrences(term, s).iter().any(|o| {
                    !o.negated
                        && !s.cue_later_in_clause(o.first_word)
                        && !s.ends_a_compound(o.first_word)
                        && !s.named_as_left_behind(o.first_word)
                })
            });
            if all_affirmed && !s.scope.criticised {
                return Some(FlagEvidence::Pattern);
            }
        }
        for term in &flag.denies {
            let denied = self.occurrences(term, s).iter().any(|o| {
                o.negated
                    && !s.denies_other_than(o.first_word, &self.prepared.cues)
                    && !s.consequence_near(o.first_word)
                    && !s.opens_with_a_lack(o.first_word)
                    && !s.prevented_by_design(o.first_word)
            });
            if denied {
                return Some(FlagEvidence::Pattern);
            }
        }
        if self.echoes(flag, s) {
            return Some(FlagEvidence::Pattern);
        }
        let confusion = &self.prepared.reported_confusion;
        if flag.swaps.iter().any(|swap| swap.mixed_up_in(s, confusion)) {
            return Some(FlagEvidence::Pattern);
        }
        if let Some(vector) = vector.filter(|_| !flag.references.is_empty()) {
            let similarity = flag.closest_phrasing(vector, s, true, |phrasing| {
                self.says_the_opposite(phrasing, s)
            });
            // A fragment ("What GraphQL costs you:") is near whatever shares its nouns but
            // states nothing. A negated sentence is compared only with a misconception's
            // negated phrasings ("no separate permission check is needed").
            // A criticised sentence that turns ("each fast, but adding up in latency") or
            // reports a belief states no misconception.
            let plain = s.words.len() >= MIN_CLAIM_WORDS
                && (flag.misconception || !s.negates())
                && (!s.scope.criticised || (flag.misconception && !self.reports_a_claim(s)));
            let raised = if flag.misconception {
                let corrected = flag
                    .correction
                    .iter()
                    .any(|c| cosine(vector, c) >= similarity + CORRECTION_MARGIN);
                // A criticised sentence is heard as surely as a plain flag is: the model hears
                // "502 / 504: upstream sent garbage / took too long" near a swap of the two.
                let bar = if s.scope.criticised {
                    SEMANTIC_RED_FLAG
                } else {
                    SEMANTIC_MISCONCEPTION
                };
                similarity >= bar
                    && similarity >= nearest_point + MISCONCEPTION_MARGIN
                    && !corrected
            } else {
                similarity >= SEMANTIC_RED_FLAG
            };
            if raised && plain {
                return Some(FlagEvidence::Meaning { similarity });
            }
        }
        None
    }

    /// Misconceptions stated in one clause of a long sentence that mixes them with right
    /// points ("…, and as a backstop I'd turn on row-level security, which applies to the table
    /// owner like any other role, so …"): the whole sentence's vector is the mix, near neither,
    /// so each clause of such a sentence is read alone, by meaning, as a sentence would be
    /// (`flag_in`). Sentences that report a claim ("some teams think …") or sit in a list
    /// headed by a criticism are not split; only affirmative clauses before any criticism are
    /// read ("return 200 for anything the application handled, …, and reserve 4xx and 5xx for
    /// real transport problems": the claim comes before "problems"); and a sentence whose whole
    /// states the remedy (closer to the misconception's why by `CORRECTION_MARGIN`) corrects
    /// its clause.
    fn misconceptions_in_clauses(
        &self,
        q: &QuestionScoring,
        sentences: &[Sentence],
        vectors: &[Vec<f32>],
        red_flags: &mut Vec<RaisedFlag>,
        flagged_sentence: &mut [bool],
    ) {
        let Some(encoder) = &self.encoder else {
            return;
        };
        let p = &self.prepared;
        let pending: Vec<&FlagRubric> = q
            .flags
            .iter()
            .filter(|f| f.misconception && !red_flags.iter().any(|r| r.flag == f.flag))
            .collect();
        if pending.is_empty() {
            return;
        }
        let mut clauses = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            // A sentence criticised by the heading of its list says nothing of its own.
            if s.scope.criticised_by_heading || self.reports_a_claim(s) {
                continue;
            }
            // Only affirmative clauses before any criticism: a negated one ("it isn't free -
            // every insert has to maintain each index") is near a misconception's negated
            // phrasing by its topic and its "not", whichever way it argues, and a criticism
            // ("the pitfall: …") turns what follows it into what to avoid. A clause before it
            // states its own claim ("return 200 for anything the application handled, …, and
            // reserve 4xx and 5xx for real transport problems").
            let plain = s
                .clauses(CLAUSE_READ_FROM_WORDS, MIN_CLAIM_WORDS)
                .into_iter()
                .map(|clause| Sentence::new(&clause, &self.analyzer, &p.cues))
                .take_while(|clause| !clause.scope.criticised)
                .filter(|clause| !clause.negates());
            clauses.extend(plain.map(|clause| (i, clause)));
        }
        if clauses.is_empty() {
            return;
        }
        let texts: Vec<&str> = clauses.iter().map(|(_, c)| c.text.as_str()).collect();
        let Ok(clause_vectors) = encoder.encode(&texts) else {
            return;
        };
        if clause_vectors.len() != texts.len() {
            return;
        }
        // How close each clause comes to any rubric point, once for every flag.
        let nearest: Vec<f32> = clause_vectors.iter().map(|v| nearest_point(q, v)).collect();
        for flag in pending {
            let mut read = clauses.iter().zip(&clause_vectors).zip(&nearest);
            let raised = read.find_map(|(((i, c), v), &near)| {
                let by = self.flag_in(flag, c, Some(v), near)?;
                let FlagEvidence::Meaning { similarity } = by else {
                    return None;
                };
                // A clause is short and near its topic's every statement: it must be nearer
                // the claim than the clause or its sentence is to the why at all, and clearly
                // near it.
                let corrected = flag.correction.iter().any(|r| {
                    cosine(v, r) >= similarity
                        || cosine(&vectors[*i], r) >= similarity + CORRECTION_MARGIN
                });
                (similarity >= CLAUSE_MISCONCEPTION && !corrected).then_some((*i, c, by))
            });
            if let Some((i, clause, by)) = raised {
                flagged_sentence[i] = true;
                red_flags.push(RaisedFlag {
                    flag: flag.flag.clone(),
                    why: flag.why.clone(),
                    sentence: clause.text.clone(),
                    by,
                });
            }
        }
    }

    /// Whether a plain sentence restates the flag nearly word for word: most of its terms
    /// (`ECHO_SHARE`) in a stretch of the sentence hardly longer than they are
    /// (`ECHO_SLACK`), with no negation, criticism or attribution anywhere in it ("some people
    /// think offset pages stay consistent…" reports the claim, it doesn't make it). The model
    /// alone misses such a clause in a long sentence, whose other clauses dilute its vector;
    /// the stretch keeps a sentence weighing two designs ("chaining, a linked list per bucket,
    /// or open addressing") from being read as confusing them.
    fn echoes(&self, flag: &FlagRubric, s: &Sentence) -> bool {
        if flag.echo.is_empty() || s.negates() || s.scope.criticised {
            return false;
        }
        let needed = (ECHO_SHARE * flag.echo.len() as f64).ceil() as usize;
        let at: Vec<Option<usize>> = s
            .tokens
            .iter()
            .map(|t| flag.echo.iter().position(|e| e == t))
            .collect();
        let stated = (0..at.len()).any(|start| {
            let mut seen = HashSet::new();
            at[start..]
                .iter()
                .take(needed + ECHO_SLACK)
                .flatten()
                .any(|term| seen.insert(*term) && seen.len() >= needed)
        });
        stated && !self.reports_a_claim(s)
    }

    /// Whether the sentence reports someone else's claim ("some teams think …"): by a word of
    /// `stance.reported_claim` (lowercase, as the sentence's words are).
    fn reports_a_claim(&self, s: &Sentence) -> bool {
        s.words
            .iter()
            .any(|w| self.prepared.reported_claim.contains(&w.text))
    }

    /// Whether the sentence says one of a pair of opposites ("shorter") where a flag's phrasing
    /// says the other ("longer") and not it (`phrasing`: its words of such pairs): the model
    /// barely hears the difference.
    fn says_the_opposite(&self, phrasing: &HashSet<String>, s: &Sentence) -> bool {
        let said = |word: &str| s.words.iter().any(|w| w.text == word);
        self.prepared.opposites.iter().any(|pair| {
            [(0, 1), (1, 0)].iter().any(|&(mine, theirs)| {
                phrasing.contains(&pair[theirs])
                    && !phrasing.contains(&pair[mine])
                    && said(&pair[mine])
                    && !said(&pair[theirs])
            })
        })
    }

    /// The credit one sentence earns for one point, with its evidence.
    fn point_in(
        &self,
        q: &QuestionScoring,
        point: &PointRubric,
        s: &Sentence,
        context: SentenceContext<'_>,
    ) -> Option<PointResult> {
        let SentenceContext {
            vector,
            crowded,
            nearest_wrong,
            denial,
        } = context;
        let mut best: Option<PointResult> = None;
        let mut negates_point = false;
        let mut affirmed_term: Option<&Term> = None;
        for term in &point.terms {
            let occurrences = self.occurrences(term, s);
            if occurrences.iter().any(|o| !o.negated || point.against) {
                affirmed_term.get_or_insert(term);
            } else if !occurrences.is_empty() {
                negates_point = true;
            }
        }
        if let Some(term) = affirmed_term {
            let credit = if !crowded && self.has_substance(q, s) {
                1.0
            } else {
                PARTIAL
            };
            best = Some(PointResult {
                credit,
                evidence: Some(Evidence {
                    sentence: s.text.clone(),
                    by: EvidenceKind::Term {
                        term: term.text.clone(),
                    },
                }),
                told_as_we: false,
            });
        }
        if let Some(vector) = vector.filter(|_| !point.references.is_empty()) {
            let (full, partial) = if q.rubric.kind == QuestionKind::Behavioral {
                (SEMANTIC_FULL_STORY, SEMANTIC_PARTIAL_STORY)
            } else {
                (SEMANTIC_FULL, SEMANTIC_PARTIAL)
            };
            if !negates_point && s.words.len() >= 4 {
                let similarity = closest(vector, &point.references);
                let credit = if similarity + VETO_MARGIN < nearest_wrong {
                    // Nearer a misconception than this point: the topic, stated wrongly.
                    0.0
                } else if denial && is_a_denial(s) {
                    // An answer that mostly denies: its negated sentences are near the points'
                    // topics, and the model barely hears the "not".
                    0.0
                } else if similarity >= full {
                    1.0
                } else if similarity >= partial {
                    PARTIAL
                } else {
                    0.0
                };
                if credit > best.as_ref().map_or(0.0, |b| b.credit) {
                    best = Some(PointResult {
                        credit,
                        evidence: Some(Evidence {
                            sentence: s.text.clone(),
                            by: EvidenceKind::Meaning { similarity },
                        }),
                        told_as_we: false,
                    });
                }
            }
        }
        best
    }

    /// A sentence says something around its rubric terms: six words or more, and besides every
    /// rubric term of the question and filler, three specific words, or two and a mechanism word.
    fn has_substance(&self, q: &QuestionScoring, s: &Sentence) -> bool {
        if s.words.len() < 6 {
            return false;
        }
        let mut in_term = vec![false; s.tokens.len()];
        for point in &q.points {
            for term in &point.terms {
                for o in self.occurrences(term, s) {
                    in_term[o.tokens.0..o.tokens.1]
                        .iter_mut()
                        .for_each(|t| *t = true);
                }
            }
        }
        let specific: HashSet<&str> = s
            .tokens
            .iter()
            .zip(&in_term)
            .filter(|(t, used)| {
                !**used
                    && !self.prepared.filler.contains(*t)
                    && !t.chars().all(|c| c.is_ascii_digit())
                    && t.chars().count() >= 3
            })
            .map(|(t, _)| t.as_str())
            .collect();
        let mechanism = self.prepared.mechanism.any_in(&s.words);
        specific.len() >= 3 || (specific.len() >= 2 && mechanism)
    }

    /// The share of the answer's analyzed tokens that belong to a rubric term of the question.
    fn term_density(&self, q: &QuestionScoring, sentences: &[Sentence]) -> f64 {
        let (mut in_terms, mut total) = (0, 0);
        for s in sentences {
            let mut used = vec![false; s.tokens.len()];
            for term in q.points.iter().flat_map(|p| &p.terms) {
                for o in self.occurrences(term, s) {
                    used[o.tokens.0..o.tokens.1]
                        .iter_mut()
                        .for_each(|u| *u = true);
                }
            }
            in_terms += used.iter().filter(|u| **u).count();
            total += used.len();
        }
        if total == 0 {
            0.0
        } else {
            in_terms as f64 / total as f64
        }
    }

    /// Per sentence of four words or more: its words that are not rubric terms or numbers.
    fn frames(&self, q: &QuestionScoring, sentences: &[Sentence]) -> Vec<HashSet<String>> {
        sentences
            .iter()
            .filter(|s| s.words.len() >= 4)
            .map(|s| {
                self.non_term_words(q, s)
                    .0
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    }

    /// A sentence's words that are not rubric terms or numbers, and how many points it names
    /// (a term not negated).
    fn non_term_words<'s>(&self, q: &QuestionScoring, s: &'s Sentence) -> (Vec<&'s str>, usize) {
        let mut term_words = vec![false; s.words.len()];
        let mut named = 0;
        for point in &q.points {
            let mut names = false;
            for term in &point.terms {
                for o in self.occurrences(term, s) {
                    names |= !o.negated;
                    let (a, b) = if o.tokens.1 > o.tokens.0 {
                        (s.token_words[o.tokens.0].0, s.token_words[o.tokens.1 - 1].1)
                    } else {
                        (o.first_word, o.first_word + 1)
                    };
                    term_words[a..b.min(s.words.len())]
                        .iter_mut()
                        .for_each(|w| *w = true);
                }
            }
            named += usize::from(names);
        }
        let words = s
            .words
            .iter()
            .zip(&term_words)
            .filter(|(w, t)| !**t && !w.text.chars().any(|c| c.is_ascii_digit()))
            .map(|(w, _)| w.text.as_str())
            .collect();
        (words, named)
    }

    /// Whether the answer names its points with stock reasons and no mechanism: most sentences
    /// that name a point add at most `THIN_WORDS_PER_POINT` specific words per point ("On status
    /// codes I'd make sure create returns a 201, because clients rely on that").
    fn stock_reasons(&self, q: &QuestionScoring, sentences: &[Sentence]) -> bool {
        let (mut naming, mut thin) = (0, 0);
        for s in sentences.iter().filter(|s| s.words.len() >= 4) {
            let (words, named) = self.non_term_words(q, s);
            if named == 0 {
                continue;
            }
            naming += 1;
            let specific = words
                .iter()
                .filter(|w| w.chars().count() > 2 && !self.prepared.common_words.contains(**w))
                .count();
            thin += usize::from(specific <= THIN_WORDS_PER_POINT * named + 1);
        }
        naming >= THIN_SENTENCES && thin as f64 >= THIN_SHARE * naming as f64
    }

    /// How many of the sentence's analyzed words belong to a point label or hint it repeats (at
    /// least `ECHO_ITEM_SHARE` of the item's words in the sentence), and how many analyzed words
    /// it has.
    fn echoed_tokens(
        &self,
        q: &QuestionScoring,
        s: &Sentence,
        items: &mut HashSet<usize>,
    ) -> (usize, usize) {
        let words: HashSet<&str> = s.tokens.iter().map(String::as_str).collect();
        let mut echoed = vec![false; s.tokens.len()];
        for (i, item) in q.shown_items.iter().enumerate() {
            let present = item.iter().filter(|w| words.contains(w.as_str())).count();
            if present as f64 >= ECHO_ITEM_SHARE * item.len() as f64 {
                items.insert(i);
                for (t, token) in s.tokens.iter().enumerate() {
                    echoed[t] |= item.contains(token);
                }
            }
        }
        (echoed.iter().filter(|e| **e).count(), s.tokens.len())
    }

    /// Whether most sentences that name a point end in a stock reason ("…, because reliability
    /// is key", "…, which is simply best practice"): a clause of at most `STOCK_TAIL_WORDS`
    /// words after a reason opener, with no number in it, saying only that something is good, or,
    /// as the sentence's last reason, naming no word specific to the question.
    fn stock_tails(&self, q: &QuestionScoring, sentences: &[Sentence]) -> bool {
        let p = &self.prepared;
        let (mut naming, mut stock) = (0, 0);
        for s in sentences.iter().filter(|s| s.words.len() >= 4) {
            if self.non_term_words(q, s).1 == 0 {
                continue;
            }
            naming += 1;
            let n = s.words.len();
            // Where each reason clause starts and its words start; a clause runs to the next.
            let openers: Vec<(usize, usize)> = (1..n)
                .filter(|&at| !comparison_as(&s.words, at))
                .filter_map(|at| {
                    p.reason_openers
                        .longest_at(&s.words, at)
                        .map(|len| (at, at + len))
                })
                .collect();
            let stock_tail = openers.iter().enumerate().any(|(k, &(_, from))| {
                let to = openers.get(k + 1).map_or(n, |next| next.0);
                let last = k + 1 == openers.len();
                let clause = &s.words[from..to.max(from)];
                // The clause's analyzed words: those of tokens starting inside it.
                let names_the_question =
                    s.tokens
                        .iter()
                        .zip(&s.token_words)
                        .any(|(token, (first, _))| {
                            (from..to).contains(first) && q.specific.contains(token)
                        });
                !clause.is_empty()
                    && clause.len() <= STOCK_TAIL_WORDS
                    && !clause
                        .iter()
                        .any(|w| w.text.chars().any(|c| c.is_ascii_digit()))
                    && (p.stock_reasons.any_in(clause) || (last && !names_the_question))
            });
            stock += usize::from(stock_tail);
        }
        stock >= STOCK_TAILS && stock as f64 >= STOCK_TAIL_SHARE * naming as f64
    }

    /// Another question whose points the answer's sentences come clearly nearer by meaning
    /// than this one's (by `MEANING_OFF_TOPIC_MARGIN`), with both strengths: a story about
    /// mentoring told for "learn a technology fast" shares words with its rubric ("unfamiliar",
    /// "pairing", "code review") but not its meaning.
    fn nearer_question<'q>(
        &'q self,
        q: &QuestionScoring,
        vectors: &[Vec<f32>],
    ) -> Option<(&'q QuestionScoring, f32, f32)> {
        let own = meaning_strength(q, vectors);
        let (other, strength) = self
            .questions
            .iter()
            .filter(|other| other.rubric.id != q.rubric.id)
            .map(|other| (other, meaning_strength(other, vectors)))
            // Ties go to the earlier question in the bank, for determinism.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(std::cmp::Ordering::Greater))?;
        (strength >= own + MEANING_OFF_TOPIC_MARGIN).then_some((other, strength, own))
    }

    fn verdict(
        &self,
        q: &QuestionScoring,
        tokens: &[String],
        words: &[text::Word],
        fraction: f64,
        prose_sentences: usize,
        vectors: Option<&[Vec<f32>]>,
    ) -> Verdict {
        let rubric = &q.rubric;
        if words.is_empty() || (tokens.is_empty() && words.iter().all(|w| w.text.len() <= 1)) {
            return Verdict::Empty;
        }
        if let Some(language) = self.other_language(words, MIN_OTHER_LANGUAGE_SHARE) {
            return Verdict::NotEnglish { language };
        }
        if let Some(reason) = self.gibberish(tokens, words) {
            // Too few English words, yet clearly some of another language's (a technical text
            // in German is mostly nouns the lists cannot hold): that language, not gibberish.
            let weaker = MIN_OTHER_LANGUAGE_SHARE * OTHER_LANGUAGE_IF_NOT_WORDS;
            if reason == GibberishReason::NotWords {
                if let Some(language) = self.other_language(words, weaker) {
                    return Verdict::NotEnglish { language };
                }
                // Sentences of pronounceable, varied words that no list knows: prose in a
                // language the lists lack (Zulu, Quechua), not a keyboard mash.
                if is_foreign_prose(words, prose_sentences) {
                    return Verdict::NotEnglish { language: None };
                }
            }
            return Verdict::Gibberish { reason };
        }
        // Prose that is mostly words English doesn't know, with almost none of its common
        // words, is another language that borrows technical terms (a Samoan answer full of
        // "CPU", "database" and "scale out"), even when the borrowed terms lift it over the
        // gibberish bar.
        if is_foreign_prose(words, prose_sentences)
            && self.share(words, |w| self.is_known_word(w)) < FOREIGN_PROSE_MAX_KNOWN
            && self.share(words, |w| self.prepared.common_words.contains(w))
                < FOREIGN_PROSE_MAX_COMMON
        {
            return Verdict::NotEnglish { language: None };
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
            .questions
            .iter()
            .map(|other| &other.rubric)
            .filter(|other| other.id != rubric.id)
            .map(|other| (other, strength(other, tokens, &present)))
            // Ties go to the earlier question in the bank, for determinism.
            .max_by(|a, b| a.1.total_cmp(&b.1).then(std::cmp::Ordering::Greater));
        if let Some((other, other_strength)) = best {
            // An answer that earns most of this question's points by meaning is on topic in its
            // own words, whatever other rubric shares its terms. (By words alone the points
            // earned are the same terms `strength` counts, so they settle nothing.)
            let own = if self.encoder.is_some() {
                own.max(fraction)
            } else {
                own
            };
            if other_strength >= OFF_TOPIC_MIN_STRENGTH
                && other_strength >= own + OFF_TOPIC_MARGIN - 1e-9
            {
                return Verdict::OffTopic {
                    question_id: other.id.clone(),
                    prompt: self.prompts.get(&other.id).cloned().unwrap_or_default(),
                    other_strength: percent(other_strength),
                    own_strength: percent(own),
                    by_meaning: false,
                };
            }
        }
        // Compared with the whole bank only when no cheaper verdict came first.
        if let Some((other, other_strength, own)) = vectors.and_then(|v| self.nearer_question(q, v))
        {
            let id = &other.rubric.id;
            return Verdict::OffTopic {
                question_id: id.clone(),
                prompt: self.prompts.get(id).cloned().unwrap_or_default(),
                other_strength: percent(f64::from(other_strength)),
                own_strength: percent(f64::from(own)),
                by_meaning: true,
            };
        }
        if fraction == 0.0 {
            return Verdict::NothingCovered;
        }
        Verdict::Answer
    }

    /// The language of an answer that is not English: its name, or None for an unknown one
    /// (mostly letters outside the Latin alphabet).
    fn other_language(&self, words: &[text::Word], min_share: f64) -> Option<Option<String>> {
        if words.len() < 3 {
            return None;
        }
        let letters: Vec<char> = words
            .iter()
            .flat_map(|w| w.text.chars())
            .filter(|c| c.is_alphabetic())
            .collect();
        let non_latin = letters
            .iter()
            .filter(|c| !c.is_ascii() && !matches!(**c as u32, 0xC0..=0x24F))
            .count();
        if !letters.is_empty() && non_latin * 2 > letters.len() {
            return Some(None);
        }
        let english = words
            .iter()
            .filter(|w| self.prepared.common_words.contains(&w.text))
            .count();
        let (name, hits, distinct) = self
            .prepared
            .languages
            .iter()
            .map(|(name, list)| {
                let found: Vec<&str> = words
                    .iter()
                    .filter(|w| list.contains(&w.text))
                    .map(|w| w.text.as_str())
                    .collect();
                let distinct = found.iter().collect::<HashSet<_>>().len();
                (name, found.len(), distinct)
            })
            // Ties go to the first language listed, for determinism.
            .max_by(|a, b| a.1.cmp(&b.1).then(std::cmp::Ordering::Greater))?;
        let share = hits as f64 / words.len() as f64;
        // One word said again and again ("la la la") is a sound, not a language.
        if share >= min_share && hits > english && distinct >= 2 {
            return Some(Some(name.clone()));
        }
        // Letters English does not use, in a good share of the words: another language mixed
        // with English technical terms (a Vietnamese answer full of "job id" and "webhook").
        let accented = words
            .iter()
            .filter(|w| w.text.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))
            .count();
        (accented as f64 >= MIN_ACCENTED_SHARE * words.len() as f64)
            .then(|| (hits >= 3).then(|| name.clone()))
    }

    fn gibberish(&self, tokens: &[String], words: &[text::Word]) -> Option<GibberishReason> {
        if words.len() >= 3 {
            let known = words.iter().filter(|w| self.is_known_word(&w.text)).count();
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

    /// The share of the words that pass `test`.
    fn share(&self, words: &[text::Word], test: impl Fn(&str) -> bool) -> f64 {
        words.iter().filter(|w| test(&w.text)).count() as f64 / words.len().max(1) as f64
    }

    fn is_known_word(&self, word: &str) -> bool {
        if word.chars().any(|c| c.is_ascii_digit()) || self.prepared.common_words.contains(word) {
            return true;
        }
        let terms = self.analyzer.terms(word);
        // A word the analyzer drops entirely is a stop word: plain English.
        terms.is_empty() || terms.iter().all(|t| self.vocabulary.contains(t))
    }

    fn star(
        &self,
        sentences: &[Sentence],
        tokens: &[String],
        present: &HashSet<&str>,
        words: &[text::Word],
        ownership: Ownership,
        blame_sentence: Option<String>,
    ) -> StarCheck {
        let p = &self.prepared;
        let m = &p.markers;
        let acts = |subjects: &Phrases, s: &Sentence| {
            (0..s.words.len()).any(|at| {
                subjects.longest_at(&s.words, at).is_some_and(|len| {
                    s.words
                        .get(at + len)
                        .is_some_and(|next| !p.not_actions.contains(&next.text))
                })
            })
        };
        let actions = sentences.iter().filter(|s| acts(&p.subjects, s)).count();
        let team_actions = sentences
            .iter()
            .filter(|s| acts(&p.team_subjects, s) && !acts(&p.subjects, s))
            .count();
        let i_count = sentences
            .iter()
            .map(|s| p.first_person.count_in(&s.words))
            .sum();
        let we_count = sentences.iter().map(|s| p.team.count_in(&s.words)).sum();
        let measurable = words.iter().any(|w| is_measure(&w.text))
            || words.iter().any(|w| m.measure.contains(&w.text));
        StarCheck {
            situation: any_phrase(&m.situation, tokens, present),
            task: any_phrase(&m.task, tokens, present),
            actions,
            team_actions,
            result: any_phrase(&m.result, tokens, present),
            measurable,
            i_count,
            we_count,
            ownership,
            blame_sentence,
        }
    }

    /// Ownership phrases affirmed, and the sentences that blame others (a blame phrase, another
    /// team's things named in a sentence finding fault, or an ownership phrase negated: "it
    /// wasn't really my mistake").
    fn ownership(&self, sentences: &[Sentence]) -> (usize, Vec<usize>) {
        let p = &self.prepared;
        let mut owned = 0;
        let mut blaming = Vec::new();
        for (i, s) in sentences.iter().enumerate() {
            let mut blames = false;
            for at in 0..s.words.len() {
                if let Some(len) = p.ownership.longest_at(&s.words, at) {
                    if (at..at + len).any(|w| s.scope.negated[w]) {
                        blames = true;
                    } else {
                        owned += 1;
                    }
                }
                if p.blame.longest_at(&s.words, at).is_some()
                    || (s.scope.criticised
                        && p.blame_when_criticised.longest_at(&s.words, at).is_some())
                {
                    blames = true;
                }
            }
            if blames {
                blaming.push(i);
            }
        }
        (owned, blaming)
    }

    fn technical(
        &self,
        sentences: &[Sentence],
        tokens: &[String],
        present: &HashSet<&str>,
        words: &[text::Word],
    ) -> TechnicalCheck {
        let m = &self.prepared.markers;
        let full_sentences = sentences.iter().filter(|s| s.words.len() >= 3).count();
        let listed = sentences
            .iter()
            .filter(|s| {
                let line = s.text.trim_start();
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
            example: any_phrase(&m.example, tokens, present)
                || words.iter().any(|w| is_measure(&w.text)),
            organised: full_sentences >= 3 || listed >= 2 || sequenced >= 2,
        }
    }
}

/// A misconception's why as the model reads it: whole, and each clause of it when it has more
/// than one ("…, so lookups miss them; deletion needs tombstones").
fn correction_texts(why: &str) -> Vec<&str> {
    let clauses: Vec<&str> = why
        .split(['.', ';', ':'])
        .map(str::trim)
        .filter(|c| c.split_whitespace().count() >= 3)
        .collect();
    let mut texts = vec![why];
    if clauses.len() > 1 {
        texts.extend(clauses);
    }
    texts
}

/// A bare list: four or more items (split at commas, semicolons, line breaks and sentence
/// ends), most of them three words or fewer, and at most one sentence of eight words or more.
fn is_list(answer: &str, sentences: &[Sentence]) -> bool {
    let items: Vec<usize> = answer
        .split([',', ';', '\n', '•', '/', '|'])
        .flat_map(|part| part.split(". "))
        .map(|item| text::words(item).len())
        .filter(|n| *n > 0)
        .collect();
    let short = items.iter().filter(|n| **n <= 3).count();
    let long_sentences = sentences
        .iter()
        .filter(|s| {
            s.text
                .split(',')
                .any(|clause| text::words(clause).len() >= 8)
        })
        .count();
    let share_short = short as f64 / items.len().max(1) as f64;
    let words_per_item = items.iter().sum::<usize>() as f64 / items.len().max(1) as f64;
    // A list strung into one sentence: a dozen or more comma-separated items, most of them short,
    // about four words an item ("…, built an MVP, a prototype, a thin slice, iterate, …"); prose
    // rarely strings more than a handful of items together.
    let strung = items.len() >= 12 && share_short >= 0.6 && words_per_item <= 4.0;
    long_sentences <= 1 && ((items.len() >= 4 && share_short >= 0.7) || strung)
}

/// Three or more sentences, and at least half of them, built on one frame.
fn is_template(frames: &[HashSet<String>]) -> bool {
    let usable: Vec<&HashSet<String>> = frames.iter().filter(|f| f.len() >= 3).collect();
    if usable.len() < 3 {
        return false;
    }
    let same = |a: &HashSet<String>, b: &HashSet<String>| {
        let common = a.intersection(b).count();
        common as f64 >= SAME_FRAME * a.len().max(b.len()) as f64
    };
    usable.iter().any(|a| {
        let group = usable.iter().filter(|b| same(a, b)).count();
        group >= 3 && group * 2 >= usable.len()
    })
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
    /// Written in another language (named when recognised): the scorer reads English only.
    NotEnglish {
        language: Option<String>,
    },
    CopiedQuestion,
    /// Reads like an answer to another question of the bank.
    OffTopic {
        question_id: String,
        prompt: String,
        /// Match strength (percent) of the other question's rubric, and of this one's: by key
        /// terms, or by meaning (how near the answer's sentences come to each point, averaged).
        other_strength: u8,
        own_strength: u8,
        by_meaning: bool,
    },
}

/// See [`ScoringBank::sentence_closeness`].
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct SentenceCloseness {
    pub text: String,
    pub words: usize,
    pub point: f32,
    /// The closeness to each rubric point, in the rubric's order.
    pub points: Vec<f32>,
    pub wrong: f32,
    pub plain: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GibberishReason {
    NotWords,
    Repetitive,
}

/// A gaming cap applied to an answer, told to the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// A bare list of terms.
    List,
    /// Text copied from what the bot showed; the share of the answer's trigrams it holds.
    CopiedShown { share: u8 },
    /// Sentences built on one frame with a term swapped in.
    Template,
    /// Points named with stock reasons and no mechanism ("because it's important").
    StockReasons,
    /// A behavioral story with only "we" actions.
    WeOnly,
    /// A behavioral answer told as what one would do, not what one did.
    Hypothetical,
    /// Hedges without specifics ("it depends", "best practices", no number).
    Vague,
    /// Dismisses what it names, sentence after sentence ("Overkill.", "security theatre").
    Dismissive,
}

impl Cap {
    pub fn limit(self) -> u8 {
        match self {
            Cap::List => LIST_CAP,
            Cap::CopiedShown { .. } => COPIED_SHOWN_CAP,
            Cap::Template | Cap::StockReasons => TEMPLATE_CAP,
            Cap::WeOnly | Cap::Hypothetical => WE_ONLY_CAP,
            Cap::Vague => VAGUE_CAP,
            Cap::Dismissive => DISMISSIVE_CAP,
        }
    }
}

/// How a point was earned.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceKind {
    /// The sentence names this rubric term.
    Term { term: String },
    /// The sentence means something close to the point.
    Meaning { similarity: f32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The sentence of the answer that earned the point.
    pub sentence: String,
    pub by: EvidenceKind,
}

/// One rubric point's result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PointResult {
    /// 0, ½ or 1 (¼ for a bare mention told as "we").
    pub credit: f64,
    pub evidence: Option<Evidence>,
    /// The sentence was told as "we", so it earned half.
    pub told_as_we: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FlagEvidence {
    Pattern,
    Meaning { similarity: f32 },
}

/// A red flag the answer raised.
#[derive(Debug, Clone, PartialEq)]
pub struct RaisedFlag {
    pub flag: String,
    pub why: String,
    /// The sentence that raised it.
    pub sentence: String,
    pub by: FlagEvidence,
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

/// Whether a behavioral answer owns its part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// Says what was theirs ("my mistake", "I caused"), not negated.
    Owns,
    /// Blames others, or negates ownership, and owns nothing.
    Blames,
    Unstated,
}

/// The STAR check of a behavioral answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarCheck {
    pub situation: bool,
    pub task: bool,
    /// Sentences narrating what "I" did, and what "we" did (without an "I" action).
    pub actions: usize,
    pub team_actions: usize,
    pub result: bool,
    pub measurable: bool,
    pub i_count: usize,
    pub we_count: usize,
    pub ownership: Ownership,
    /// The sentence that blamed others, when the answer owns nothing.
    pub blame_sentence: Option<String>,
}

impl StarCheck {
    /// Speaks about their own part: personal actions, and not mostly "we".
    pub fn owns_actions(&self) -> bool {
        self.actions >= 1 && self.i_count * 2 >= self.we_count
    }

    pub fn points(&self) -> f64 {
        let flag = |b: bool, p: f64| if b { p } else { 0.0 };
        flag(self.situation, 3.0)
            + flag(self.task, 2.0)
            + (2.0 * self.actions as f64).min(4.0)
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Structure {
    Star(StarCheck),
    Technical(TechnicalCheck),
}

/// The full, explainable result of scoring one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// The final score, 0–100.
    pub score: u8,
    /// The score before red-flag penalties and caps.
    pub uncapped: u8,
    /// Indexes of the rubric points covered (fully or partly), partly covered, and missed.
    pub covered: Vec<usize>,
    pub partial: Vec<usize>,
    pub missed: Vec<usize>,
    /// Per rubric point: its credit and the sentence that earned it.
    pub points: Vec<PointResult>,
    pub rubric_points: f64,
    /// Length and structure points after the form factor.
    pub length_points: f64,
    pub structure_points: f64,
    /// min(1, 2 × credit / points): how much of length and structure counts.
    pub form: f64,
    pub words: usize,
    pub elaboration: f64,
    pub length: LengthNote,
    pub structure: Structure,
    pub red_flags: Vec<RaisedFlag>,
    /// Points taken off for red flags.
    pub penalty: u8,
    pub caps: Vec<Cap>,
    /// Hedging phrases ("maybe", "it depends", "best practices").
    pub hedges: usize,
    /// Scored by meaning as well as by words.
    pub semantic: bool,
    pub verdict: Verdict,
}

impl Assessment {
    /// The sum of point credits.
    pub fn credit(&self) -> f64 {
        self.points.iter().map(|p| p.credit).sum()
    }
}

#[cfg(test)]
mod tests;

//! An answer as the scorer reads it: sentences, each with its own words (lowercased, stop words
//! kept, for negation, pronouns and ownership) and its analyzed tokens (for rubric terms), and
//! which words sit in the scope of a negation.

use crate::search::Analyzer;
use std::collections::HashMap;

use super::lexicon::Lexicon;

/// A word of the answer as written, lowercased ("don't" stays one word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Byte range in the sentence.
    pub start: usize,
    pub end: usize,
    /// A comma, colon, parenthesis or dash separates it from the word before.
    pub clause_break_before: bool,
}

/// The raw words of `text`: runs of letters and digits, with inner apostrophes kept.
pub fn words(text: &str) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut pending_break = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut flush = |current: &mut String, start: usize, end: usize, pending: &mut bool| {
        if !current.is_empty() {
            words.push(Word {
                text: std::mem::take(current),
                start,
                end,
                clause_break_before: *pending,
            });
            *pending = false;
        }
    };
    for (i, &(at, c)) in chars.iter().enumerate() {
        let apostrophe = matches!(c, '\'' | '’')
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() {
            if current.is_empty() {
                start = at;
            }
            current.extend(c.to_lowercase());
        } else if apostrophe {
            current.push('\'');
        } else {
            flush(&mut current, start, at, &mut pending_break);
            if matches!(c, ',' | ':' | '(' | ')' | '—' | '–' | '"' | '“' | '”') {
                pending_break = true;
            }
        }
    }
    flush(&mut current, start, text.len(), &mut pending_break);
    words
}

/// Splits an answer into sentences: at . ! ? followed by a space or the end (not after a
/// one-letter word or "e.g"), at semicolons and at line breaks. Byte ranges, trimmed, non-empty.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut push = |from: usize, to: usize| {
        let slice = &text[from..to];
        let trimmed_start = from + (slice.len() - slice.trim_start().len());
        let trimmed_end = to - (slice.len() - slice.trim_end().len());
        if trimmed_end > trimmed_start {
            spans.push((trimmed_start, trimmed_end));
        }
    };
    for (at, c) in text.char_indices() {
        let end_here = match c {
            '\n' | ';' => true,
            '.' | '!' | '?' => {
                let next = bytes.get(at + 1).copied();
                let followed_by_space = next.is_none_or(|b| b.is_ascii_whitespace());
                let before = &text[start..at];
                let last_word = before
                    .rsplit(|ch: char| !ch.is_alphanumeric() && ch != '.')
                    .next()
                    .unwrap_or("");
                // One letter after a number is a unit ("… can't each get 1 s. An inner …"),
                // not an initial.
                let after_a_number = before[..before.len() - last_word.len()]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
                // A lone digit is a number ending its sentence ("… a get on key 5. I …"),
                // unless it is all the sentence holds: a list's number ("1. Migration only").
                let list_number =
                    !before.trim().is_empty() && before.trim().chars().all(|c| c.is_ascii_digit());
                let initial = last_word.chars().count() == 1
                    && last_word.chars().all(char::is_alphabetic)
                    && !after_a_number;
                let abbreviation = initial
                    || list_number
                    || matches!(
                        last_word.to_lowercase().as_str(),
                        "e.g" | "i.e" | "etc" | "vs" | "eg" | "ie"
                    );
                followed_by_space && !abbreviation
            }
            _ => false,
        };
        if end_here {
            push(start, at + c.len_utf8());
            start = at + c.len_utf8();
        }
    }
    push(start, text.len());
    spans
}

/// Whether the words at `at` start with `phrase` (words of one clause).
fn starts_with(words: &[Word], at: usize, phrase: &[String]) -> bool {
    phrase.len() <= words.len().saturating_sub(at)
        && phrase.iter().enumerate().all(|(k, p)| {
            words[at + k].text == *p && (k == 0 || !words[at + k].clause_break_before)
        })
}

/// Where `phrase` (split into words) occurs in `words`: start indexes.
pub fn find_phrase(words: &[Word], phrase: &[String]) -> Vec<usize> {
    if phrase.is_empty() {
        return Vec::new();
    }
    (0..words.len())
        .filter(|&at| starts_with(words, at, phrase))
        .collect()
}

/// A list of phrases, each split into words, found by their first word (the negation lists
/// hold a thousand phrases, looked up at every word of every sentence).
#[derive(Debug, Clone, Default)]
pub struct Phrases(HashMap<String, Vec<Vec<String>>>);

impl Phrases {
    pub fn new(list: &[String]) -> Phrases {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for phrase in list {
            let phrase: Vec<String> = words(phrase).into_iter().map(|w| w.text).collect();
            if let Some(first) = phrase.first() {
                by_first.entry(first.clone()).or_default().push(phrase);
            }
        }
        Phrases(by_first)
    }

    /// The longest phrase starting at `at`, by its length in words.
    pub fn longest_at(&self, words: &[Word], at: usize) -> Option<usize> {
        self.0
            .get(&words.get(at)?.text)?
            .iter()
            .filter(|p| starts_with(words, at, p))
            .map(Vec::len)
            .max()
    }

    pub fn any_in(&self, words: &[Word]) -> bool {
        (0..words.len()).any(|at| self.longest_at(words, at).is_some())
    }

    pub fn count_in(&self, words: &[Word]) -> usize {
        (0..words.len())
            .filter(|&at| self.longest_at(words, at).is_some())
            .count()
    }

    pub fn contains_word(&self, word: &str) -> bool {
        self.0
            .get(word)
            .is_some_and(|phrases| phrases.iter().any(|p| p.len() == 1))
    }
}

/// The negation cues, split into words once.
#[derive(Debug, Clone)]
pub struct NegationCues {
    pub before: Phrases,
    pub contrast: Phrases,
    pub after: Phrases,
    pub not_negation: Phrases,
    pub copulas: Phrases,
    pub dismissive_predicates: Phrases,
    pub bad_kinds: Phrases,
    pub back_references: Phrases,
    pub dismissal_fillers: Phrases,
    pub nobody: Phrases,
    pub the_whole_list: Phrases,
    pub reported: Phrases,
    pub rejections: Phrases,
    pub turns: Phrases,
    pub boundaries: Phrases,
    pub sentence: Phrases,
    pub sentence_ends: Phrases,
    pub criticism: Phrases,
    pub consequence: Phrases,
    pub purpose: Phrases,
}

/// Most words a `before` cue reaches forward, and an `after` cue reaches back.
const SCOPE_FORWARD: usize = 10;
const SCOPE_BACK: usize = 12;
/// At most this many words make a list item that a negation runs on across ("400, 401").
const LIST_ITEM: usize = 3;

impl NegationCues {
    pub fn new(lexicon: &Lexicon) -> NegationCues {
        NegationCues {
            before: Phrases::new(&lexicon.negation.before),
            contrast: Phrases::new(&lexicon.negation.contrast),
            after: Phrases::new(&lexicon.negation.after),
            not_negation: Phrases::new(&lexicon.negation.not_negation),
            copulas: Phrases::new(&lexicon.negation.copulas),
            dismissive_predicates: Phrases::new(&lexicon.negation.dismissive_predicates),
            bad_kinds: Phrases::new(&lexicon.negation.bad_kinds),
            back_references: Phrases::new(&lexicon.negation.back_references),
            dismissal_fillers: Phrases::new(&lexicon.negation.dismissal_fillers),
            nobody: Phrases::new(&lexicon.negation.nobody),
            the_whole_list: Phrases::new(&lexicon.negation.the_whole_list),
            reported: Phrases::new(&lexicon.negation.reported),
            rejections: Phrases::new(&lexicon.negation.rejections),
            turns: Phrases::new(&lexicon.negation.turns),
            boundaries: Phrases::new(&lexicon.negation.boundaries),
            sentence: Phrases::new(&lexicon.negation.sentence),
            sentence_ends: Phrases::new(&lexicon.negation.sentence_ends),
            criticism: Phrases::new(&lexicon.stance.criticism),
            consequence: Phrases::new(&lexicon.stance.consequence),
            purpose: Phrases::new(&lexicon.stance.purpose),
        }
    }

    fn is_boundary(&self, words: &[Word], at: usize) -> bool {
        words[at].clause_break_before || self.boundaries.longest_at(words, at).is_some()
    }

    /// Marks what a cue of `len` words at `at` denies after it: to the end of its clause, and on
    /// across the commas of a list of short items ("wouldn't bother with 400, 401, 403 or 404").
    fn negate_forward(&self, words: &[Word], at: usize, len: usize, negated: &mut [bool]) {
        let n = words.len();
        let start = at + len;
        let mut to = start;
        while to < n && to - start < SCOPE_FORWARD {
            if to > start && self.is_boundary(words, to) {
                let lexical = self.boundaries.longest_at(words, to).is_some();
                let item_end = (to + 1..n)
                    .find(|&w| self.is_boundary(words, w))
                    .unwrap_or(n);
                if lexical || item_end - to > LIST_ITEM {
                    break;
                }
            }
            negated[to] = true;
            to += 1;
        }
    }

    /// A sentence mark of dismissal ("YAGNI", "cargo cult", sarcasm such as "oh sure") negates
    /// its sentence from the start up to the first turn after it (`sentence_ends`: "YAGNI, but
    /// a queue is worth it" keeps the queue); not up to any boundary, as sarcasm runs on across
    /// "then" and "because".
    fn dismiss_sentence(&self, words: &[Word], negated: &mut [bool], cue: &mut [bool]) {
        let n = words.len();
        if !self.sentence.any_in(words) {
            return;
        }
        // Words inside a phrase that only looks like a dismissal ("avoided cargo-culting").
        let mut excepted = vec![false; n];
        for from in 0..n {
            if let Some(len) = self.not_negation.longest_at(words, from) {
                excepted[from..from + len]
                    .iter_mut()
                    .for_each(|e| *e = true);
            }
        }
        let Some((at, len)) = (0..n)
            .filter(|&at| !excepted[at])
            .find_map(|at| self.sentence.longest_at(words, at).map(|len| (at, len)))
        else {
            return;
        };
        let end = (at + len..n)
            .find(|&w| self.sentence_ends.longest_at(words, w).is_some())
            .unwrap_or(n);
        cue[at..at + len].iter_mut().for_each(|c| *c = true);
        negated[..end].iter_mut().for_each(|w| *w = true);
    }

    /// Whether a sentence dismisses something: a dismissal that judges ("overkill", "security
    /// theatre", "not worth it"; not a bare "isn't"), a sentence mark ("YAGNI", "cargo cult") or
    /// a rejection of a claim ("nonsense", "I don't buy it"). A plain negation ("never store the
    /// password", "don't use OFFSET") is advice, not a dismissal.
    pub fn dismisses(&self, sentence: &Sentence) -> bool {
        let (words, scope) = (&sentence.words, &sentence.scope);
        (0..words.len()).any(|at| {
            let judged =
                || self.judges_at(words, at) || self.sentence.longest_at(words, at).is_some();
            (scope.cue[at] && judged()) || self.rejections.longest_at(words, at).is_some()
        })
    }

    /// Whether a dismissal that judges starts at `at`: an after-cue that is more than a bare
    /// copula ("overkill", "not needed", "not worth it"; not "isn't").
    fn judges_at(&self, words: &[Word], at: usize) -> bool {
        let copula = self.copulas.longest_at(words, at).unwrap_or(0);
        self.after
            .longest_at(words, at)
            .is_some_and(|len| len > copula)
    }

    /// Whether a short sentence opens with a back reference and holds a bare dismissal in a
    /// clause of its own: "That's the textbook answer, and honestly overkill." ("That's what I'd
    /// use, not modulo" rejects something else: its "not" clause names it.)
    fn refers_back_to_dismiss(&self, reply: &Sentence) -> bool {
        let words = &reply.words;
        if words.len() > FRAGMENT_WORDS || self.back_references.longest_at(words, 0).is_none() {
            return false;
        }
        let scope = &reply.scope;
        let clauses = scope.clause.last().map_or(0, |last| last + 1);
        (0..clauses).any(|clause| {
            let mut in_clause = (0..words.len()).filter(|&w| scope.clause[w] == clause);
            let bare =
                |w: usize| scope.cue[w] || self.dismissal_fillers.longest_at(words, w).is_some();
            in_clause.clone().any(|w| scope.cue[w]) && in_clause.all(bare)
        })
    }

    /// Whether a sentence opens on a back reference whose clause goes on to dismiss it:
    /// "Honestly, most of that is security theatre for a normal team." and "That's overkill
    /// here." dismiss what the sentence before reported. ("That's how it works." dismisses
    /// nothing.)
    fn dismisses_what_went_before(&self, sentence: &Sentence) -> bool {
        let words = &sentence.words;
        let scope = &sentence.scope;
        (0..words.len().min(BACK_REFERENCE_OPENS)).any(|at| {
            self.back_references
                .longest_at(words, at)
                .is_some_and(|len| {
                    (at + len..words.len())
                        .take_while(|&w| scope.clause[w] == scope.clause[at])
                        .any(|w| scope.cue[w])
                })
        })
    }

    /// Whether a sentence dismisses (`dismisses`) something it refers back to, wherever the
    /// reference stands: "For a public API run by a team of six it's ceremony." ("Retries
    /// without backoff are pointless" dismisses something else.)
    fn dismisses_it(&self, sentence: &Sentence) -> bool {
        let (words, scope) = (&sentence.words, &sentence.scope);
        self.dismisses(sentence)
            && (0..words.len()).any(|at| {
                self.back_references
                    .longest_at(words, at)
                    .is_some_and(|len| scope.cue[at] || scope.cue.get(at + len) == Some(&true))
            })
    }

    /// Per word: whether it is negated, and whether it is part of a cue.
    pub fn scope(&self, words: &[Word]) -> Scope {
        let n = words.len();
        let mut negated = vec![false; n];
        let mut cue = vec![false; n];
        let mut current = 0;
        let clause: Vec<usize> = (0..n)
            .map(|at| {
                if at > 0 && self.is_boundary(words, at) {
                    current += 1;
                }
                current
            })
            .collect();
        let mut at = 0;
        while at < n {
            if let Some(len) = self.not_negation.longest_at(words, at) {
                at += len;
                continue;
            }
            let contrast = self.contrast.longest_at(words, at);
            let forward = contrast.or_else(|| self.before.longest_at(words, at));
            if let Some(after_len) = self.after.longest_at(words, at) {
                // A cue of both kinds ("GET and HEAD aren't special", "MD5 isn't a slow
                // hash") denies what its clause names before it and what follows it.
                if let Some(len) = forward.filter(|&len| len >= after_len) {
                    self.negate_forward(words, at, len, &mut negated);
                }
                // Back to the start of the clause.
                cue[at..at + after_len].iter_mut().for_each(|c| *c = true);
                let mut from = at;
                while from > 0 && at - from < SCOPE_BACK {
                    if self.boundaries.longest_at(words, from).is_some() {
                        break;
                    }
                    if words[from].clause_break_before {
                        // Across the comma of a short list item ("a, b and c aren't needed").
                        let item_start = (0..from)
                            .rev()
                            .find(|&w| w == 0 || words[w].clause_break_before)
                            .unwrap_or(0);
                        if from - item_start > 2 {
                            break;
                        }
                    }
                    from -= 1;
                }
                negated[from..at].iter_mut().for_each(|w| *w = true);
                at += after_len;
                continue;
            }
            if let Some(len) = forward {
                // Forward to the end of the clause. A contrast cue leaves what precedes it
                // affirmed ("MD5 rather than bcrypt"), so it is not marked as a cue of its clause.
                if contrast.is_none() {
                    cue[at..at + len].iter_mut().for_each(|c| *c = true);
                }
                self.negate_forward(words, at, len, &mut negated);
                at += len;
                continue;
            }
            at += 1;
        }
        self.dismiss_sentence(words, &mut negated, &mut cue);
        // A purpose phrase counts only where it opens its clause.
        let purpose = (0..n)
            .map(|at| {
                (at == 0 || clause[at - 1] != clause[at])
                    && self.purpose.longest_at(words, at).is_some()
            })
            .collect();
        Scope {
            negated,
            cue,
            clause,
            criticised: self.criticism.any_in(words),
            criticised_by_heading: false,
            consequence: (0..n)
                .map(|at| self.consequence.longest_at(words, at).is_some())
                .collect(),
            purpose,
        }
    }
}

/// The negation scope of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub negated: Vec<bool>,
    /// The word is part of a negation cue that makes its clause negative (contrast cues such as
    /// "rather than" are not marked: what precedes them stays affirmed).
    pub cue: Vec<bool>,
    /// The clause each word belongs to.
    pub clause: Vec<usize>,
    /// The sentence criticises something ("broken", "too fast", "the bottleneck").
    pub criticised: bool,
    /// The sentence is criticised only by the heading of the list it sits in ("Pitfalls: …;"),
    /// not by words of its own: it says nothing of its own.
    pub criticised_by_heading: bool,
    /// Per word: it starts a consequence phrase ("would", "otherwise", "lose").
    pub consequence: Vec<bool>,
    /// Per word: it opens a clause of purpose ("so that", "so").
    pub purpose: Vec<bool>,
}

/// Longest question or trailing-off fragment whose denial can come in the next sentence.
const FRAGMENT_WORDS: usize = 12;

/// An answer's sentences, each with its negation scope. A short question or trailing-off
/// fragment with no negation of its own, answered by a sentence that opens with a dismissal or
/// refers back to it to dismiss it, is denied with it: "DataLoader and batching? Never needed
/// them.", "Lock ordering? Total overengineering." and "A linked list plus a map? That's the
/// textbook answer, and honestly overkill." name what they reject.
pub fn answer_sentences(answer: &str, analyzer: &Analyzer, cues: &NegationCues) -> Vec<Sentence> {
    let mut sentences: Vec<Sentence> = sentence_spans(answer)
        .into_iter()
        .map(|(a, b)| Sentence::new(&answer[a..b], analyzer, cues))
        .collect();
    criticise_listed_items(&mut sentences, cues);
    deny_claims_reported_then_rejected(&mut sentences, cues);
    for sentence in &mut sentences {
        deny_a_list_dismissed_after_its_colon(sentence, cues);
    }
    for i in 1..sentences.len() {
        let (before, after) = sentences.split_at_mut(i);
        let (fragment, reply) = (&mut before[i - 1], &after[0]);
        let trimmed = fragment.text.trim_end();
        let open = trimmed.ends_with('?') || trimmed.ends_with("...") || trimmed.ends_with('…');
        let opens_with_dismissal = reply
            .scope
            .cue
            .iter()
            .zip(&reply.scope.clause)
            .any(|(cue, clause)| *cue && *clause == 0);
        if open
            && fragment.words.len() <= FRAGMENT_WORDS
            && !fragment.negates()
            && (opens_with_dismissal || cues.refers_back_to_dismiss(reply))
        {
            fragment.scope.negated.iter_mut().for_each(|n| *n = true);
        }
    }
    sentences
}

/// Within how many words of its start a sentence may reject the claim the one before reported
/// ("Honestly? Nonsense.").
const REJECTION_OPENS: usize = 3;

/// Within how many sentences a report may be rejected: "The SRE book will tell you to define
/// SLIs … That's the Google version. For a public API run by a team of six it's ceremony."
const REPORT_ANSWERED_WITHIN: usize = 3;

/// Within how many words of its start a sentence may refer back to what the one before reported
/// in order to dismiss it ("Honestly, most of that is …").
const BACK_REFERENCE_OPENS: usize = 4;

/// A claim reported as others' and then rejected is denied: "People will tell you the load
/// factor matters; I don't buy it" and "You'll hear that sharding is easy, which is wrong" deny
/// the words from the report to the rejection; "Everyone says use a queue. Nonsense.", "The
/// principle says one login per service. Honestly, most of that is theatre." and "The answer
/// you want goes like this: … Honestly, though, none of that ever happened." deny the rest of
/// the reporting sentence, when one of the next [`REPORT_ANSWERED_WITHIN`] sentences opens with a
/// rejection or a turn ("In reality"), or dismisses. A report with no rejection ("the textbook answer is a B-tree,
/// and it's right") denies nothing.
fn deny_claims_reported_then_rejected(sentences: &mut [Sentence], cues: &NegationCues) {
    for i in 0..sentences.len() {
        let words = &sentences[i].words;
        let Some((at, len)) = (0..words.len())
            .find_map(|at| cues.reported.longest_at(words, at).map(|len| (at, len)))
        else {
            continue;
        };
        let from = at + len;
        let rejected_here =
            (from..words.len()).find(|&w| cues.rejections.longest_at(words, w).is_some());
        let rejected_next = || {
            sentences
                .iter()
                .skip(i + 1)
                .take(REPORT_ANSWERED_WITHIN)
                .any(|next| {
                    (0..next.words.len().min(REJECTION_OPENS)).any(|w| {
                        cues.rejections.longest_at(&next.words, w).is_some()
                            || cues.turns.longest_at(&next.words, w).is_some()
                    }) || cues.dismisses_what_went_before(next)
                        || cues.dismisses_it(next)
                })
        };
        let to = match rejected_here {
            Some(to) => to,
            None if rejected_next() => words.len(),
            None => continue,
        };
        sentences[i].scope.negated[from..to]
            .iter_mut()
            .for_each(|n| *n = true);
    }
}

/// The items of a list headed by a criticism run on across semicolons ("Pitfalls: trusting the
/// ID token; storing tokens in localStorage where any XSS can read them;"): each item is
/// criticised with its heading, so none reads as the answer's advice. Only a heading (the words
/// before a colon) carries over: "synchronized can't deadlock; so swap …" does not.
fn criticise_listed_items(sentences: &mut [Sentence], cues: &NegationCues) {
    let mut in_criticised_list = false;
    for sentence in sentences {
        let heading = sentence
            .text
            .split_once(':')
            .is_some_and(|(head, _)| cues.criticism.any_in(&words(head)));
        if in_criticised_list {
            sentence.scope.criticised_by_heading = !sentence.scope.criticised;
            sentence.scope.criticised = true;
        }
        in_criticised_list =
            (heading || in_criticised_list) && sentence.text.trim_end().ends_with(';');
    }
}

/// Most words a list before a colon may have to be denied by the dismissal after it.
const DISMISSED_LIST_WORDS: usize = 2 * FRAGMENT_WORDS;

/// A list of three or more things before a colon, dismissed by what follows it ("Index access,
/// shifting elements, amortized append: nobody thinks about that in real code.", "A CDN,
/// caching, read replicas: premature optimisation, all of it."), is denied with it, as a
/// question fragment answered by a dismissal is. The dismissal must judge the things (an
/// after-cue that is more than a bare copula: "overkill", "not needed", "bureaucracy") or say
/// nobody does them; a limit ("Logs, metrics, traces: one alone isn't enough") denies nothing.
fn deny_a_list_dismissed_after_its_colon(sentence: &mut Sentence, cues: &NegationCues) {
    let Some(colon) = sentence.text.find(':') else {
        return;
    };
    let (head, _) = sentence.text.split_at(colon);
    let items =
        head.matches(',').count() + usize::from(head.contains(" and ") || head.contains(" or "));
    let head_words = sentence.words.iter().take_while(|w| w.end <= colon).count();
    let tail = head_words..sentence.words.len();
    if items < 2 || head_words > DISMISSED_LIST_WORDS || tail.is_empty() {
        return;
    }
    let scope = &sentence.scope;
    if (0..head_words).any(|w| scope.negated[w] || scope.cue[w]) {
        return;
    }
    let words = &sentence.words;
    if rejects_the_whole_list(sentence, tail.start, cues) {
        sentence.scope.negated[..head_words]
            .iter_mut()
            .for_each(|n| *n = true);
        return;
    }
    // The judgement is the clause right after the colon ("…: security theatre for an API like
    // ours, nobody will craft a malicious query"); what follows it may run on.
    let first_clause = scope.clause[tail.start];
    let judgement: Vec<usize> = tail
        .clone()
        .take_while(|&w| scope.clause[w] == first_clause)
        .collect();
    if judgement.len() > FRAGMENT_WORDS {
        return;
    }
    let judged = judgement.iter().any(|&w| cues.judges_at(words, w));
    // "…: nobody should ship without them" negates twice, so it affirms the list.
    let nobody = cues
        .nobody
        .longest_at(words, tail.start)
        .is_some_and(|opening| {
            !(tail.start + opening..tail.start + judgement.len()).any(|w| scope.cue[w])
        });
    if judged || nobody {
        sentence.scope.negated[..head_words]
            .iter_mut()
            .for_each(|n| *n = true);
    }
}

/// Within how many words of a colon a verb may reject the list before it ("…: I'd skip all of
/// it", "…: we never bothered with any of it").
const REJECTION_AFTER_COLON: usize = 4;

/// Whether the words after a list's colon (from `tail`) open by rejecting it as a whole: a
/// negation cue within the first few words, the first cue there, followed straight away by an
/// object that refers back to the list ("skip all of it", "ditch them all", "never bothered with
/// any of that"). A cue before it negates twice ("…: can't ship without them"), and a cue
/// followed by anything else rejects something else ("…: never run production without them").
fn rejects_the_whole_list(sentence: &Sentence, tail: usize, cues: &NegationCues) -> bool {
    let (words, scope) = (&sentence.words, &sentence.scope);
    let reach = (tail + REJECTION_AFTER_COLON).min(words.len());
    let Some(first_cue) = (tail..reach).find(|&w| scope.cue[w]) else {
        return false;
    };
    let after_cue = (first_cue..words.len())
        .find(|&w| !scope.cue[w])
        .unwrap_or(words.len());
    // "never bothered with any of it": a verb of the cue's own may stand before the object.
    (after_cue..(after_cue + 3).min(words.len()))
        .take_while(|&w| w == after_cue || !scope.cue[w])
        .any(|w| cues.the_whole_list.longest_at(words, w).is_some())
}

/// One sentence of an answer.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    pub words: Vec<Word>,
    pub scope: Scope,
    /// Analyzed tokens (stemmed, synonyms folded), each with the range of words it came from.
    pub tokens: Vec<String>,
    pub token_words: Vec<(usize, usize)>,
}

impl Sentence {
    /// Whether any part of the sentence is negated or is a negation cue: its polarity, for
    /// comparisons by meaning (the model barely hears the "not").
    pub fn negates(&self) -> bool {
        self.scope.cue.iter().any(|c| *c) || self.scope.negated.iter().any(|n| *n)
    }

    /// The share of its words that are negated or negation cues: a denial ("a queue is not
    /// needed") covers much of its sentence, a qualifier ("… without ever seeing the password")
    /// little.
    pub fn negated_share(&self) -> f64 {
        let denied = (0..self.words.len())
            .filter(|&w| self.scope.negated[w] || self.scope.cue[w])
            .count();
        denied as f64 / self.words.len().max(1) as f64
    }

    pub fn new(text: &str, analyzer: &Analyzer, cues: &NegationCues) -> Sentence {
        let words = words(text);
        let scope = cues.scope(&words);
        let analyzed = analyzer.tokens(text);
        let word_at = |offset: usize| -> usize {
            match words.binary_search_by(|w| w.start.cmp(&offset)) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        let token_words = analyzed
            .iter()
            .map(|t| {
                let first = word_at(t.offset_from);
                let last = word_at(t.offset_to.saturating_sub(1)).max(first);
                (first, last + 1)
            })
            .collect();
        Sentence {
            text: text.to_string(),
            scope,
            tokens: analyzed.into_iter().map(|t| t.text).collect(),
            token_words,
            words,
        }
    }

    /// The clauses of a long sentence as text, for the misconception check: split where a
    /// comma, colon, parenthesis or dash breaks it, each clause at least `min_words` long
    /// (a shorter piece joins the clause before it, or the next when it comes first). Only
    /// clauses whose words share the sentence's polarity are kept: a clause inside a negation
    /// that reaches it from outside ("I'd never, as some do, …") is not read alone. Empty when
    /// the sentence is shorter than `long` words or does not break into two such clauses.
    pub fn clauses(&self, long: usize, min_words: usize) -> Vec<String> {
        if self.words.len() < long {
            return Vec::new();
        }
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for at in 1..self.words.len() {
            if self.words[at].clause_break_before {
                spans.push((start, at));
                start = at;
            }
        }
        spans.push((start, self.words.len()));
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in spans {
            // "…, the WAF, or the load balancer": the end of a list, read with its head.
            let ends_a_list = matches!(self.words[from].text.as_str(), "or" | "nor");
            match merged.last_mut() {
                Some(last)
                    if to - from < min_words || last.1 - last.0 < min_words || ends_a_list =>
                {
                    last.1 = to
                }
                _ => merged.push((from, to)),
            }
        }
        if merged.len() < 2 {
            return Vec::new();
        }
        merged
            .into_iter()
            .filter(|&(from, _)| {
                // Negated from outside: a word negated by a cue before the clause.
                let cue_before = (0..from).any(|w| self.scope.cue[w]);
                !(cue_before && self.scope.negated[from])
            })
            .map(|(from, to)| {
                let text = &self.text[self.words[from].start..self.words[to - 1].end];
                text.to_string()
            })
            .collect()
    }

    /// Whether word `at` ends a hyphenated name begun by other words ("sha256" in
    /// "PBKDF2-HMAC-SHA256" names a part of another construction, not the bare hash).
    pub fn ends_a_compound(&self, at: usize) -> bool {
        at > 0
            && at < self.words.len()
            && self.text.get(self.words[at - 1].end..self.words[at].start) == Some("-")
    }

    /// Whether word `at` is named as what is being left behind ("legacy MD5 rows", "the old
    /// SHA-1 hashes"): an answer migrating away from a practice does not affirm it.
    pub fn named_as_left_behind(&self, at: usize) -> bool {
        const LEFT_BEHIND: &[&str] = &["legacy", "old", "existing", "outdated", "deprecated"];
        at > 0 && LEFT_BEHIND.contains(&self.words[at - 1].text.as_str())
    }

    /// Whether the tokens `from..to` touch a negated word.
    pub fn tokens_negated(&self, from: usize, to: usize) -> bool {
        self.token_words[from..to]
            .iter()
            .any(|&(a, b)| (a..b.min(self.scope.negated.len())).any(|w| self.scope.negated[w]))
    }

    /// Whether the clause of word `at`, or the clause after it, explains a consequence
    /// ("without idempotent consumers, retries would write twice").
    pub fn consequence_near(&self, at: usize) -> bool {
        let Some(&clause) = self.scope.clause.get(at) else {
            return false;
        };
        (0..self.words.len()).any(|w| {
            self.scope.consequence[w]
                && (self.scope.clause[w] == clause || self.scope.clause[w] == clause + 1)
        })
    }

    /// Whether word `at` is what an opening "Without …," lacks, with more of the sentence after
    /// that clause ("Without jitter, 10,000 clients that failed together all come back
    /// together"): a condition whose outcome the rest tells, not advice to go without it.
    pub fn opens_with_a_lack(&self, at: usize) -> bool {
        let Some(&clause) = self.scope.clause.get(at) else {
            return false;
        };
        self.words.first().is_some_and(|w| w.text == "without")
            && self.scope.clause[0] == clause
            && self.scope.clause.iter().any(|c| *c > clause)
    }

    /// Whether a consequence phrase follows word `at` anywhere in the sentence ("without a
    /// timeout, a hung dependency (connection open) makes callers wait forever").
    pub fn consequence_after(&self, at: usize) -> bool {
        (at + 1..self.words.len()).any(|w| self.scope.consequence[w])
    }

    /// Whether word `at` is the verb a negation denies inside a clause of purpose ("… so hot
    /// keys don't expire together"): what the design prevents, not a practice it lacks.
    pub fn prevented_by_design(&self, at: usize) -> bool {
        let Some(&clause) = self.scope.clause.get(at) else {
            return false;
        };
        at > 0
            && self.scope.cue[at - 1]
            && (0..at).any(|w| self.scope.purpose[w] && self.scope.clause[w] == clause)
    }

    /// Whether the negation over word `at` denies something other than the word: a property
    /// of it, when the word is the subject of a bare copula ("the salt isn't secret", unlike
    /// "write overhead isn't a real concern" or "salts aren't needed"), or a bad kind of it,
    /// when a bad-kind modifier stands right before it ("avoid global salts").
    pub fn denies_other_than(&self, at: usize, cues: &NegationCues) -> bool {
        let Some(&clause) = self.scope.clause.get(at) else {
            return false;
        };
        if at > 0 && cues.bad_kinds.longest_at(&self.words, at - 1) == Some(1) {
            return true;
        }
        let n = self.words.len();
        let in_clause = |w: usize| self.scope.clause[w] == clause;
        if (0..at).any(|w| in_clause(w) && self.scope.cue[w]) {
            return false;
        }
        let Some(cue) = (at + 1..n)
            .take_while(|&w| in_clause(w))
            .find(|&w| self.scope.cue[w])
        else {
            return false;
        };
        let Some(len) = cues.copulas.longest_at(&self.words, cue) else {
            return false;
        };
        let cue_end = (cue..n).find(|&w| !self.scope.cue[w]).unwrap_or(n);
        let predicate: Vec<usize> = (cue_end..n).take_while(|&w| in_clause(w)).collect();
        cue_end == cue + len
            && !predicate.is_empty()
            && !predicate.iter().any(|&w| {
                cues.dismissive_predicates
                    .longest_at(&self.words, w)
                    .is_some()
            })
    }

    /// Whether a negation cue stands after word `at` in its clause ("a single primary can't keep
    /// up": the clause is negative about what it names).
    pub fn cue_later_in_clause(&self, at: usize) -> bool {
        let clause = self.scope.clause.get(at).copied();
        (at + 1..self.words.len())
            .take_while(|w| Some(self.scope.clause[*w]) == clause)
            .any(|w| self.scope.cue[w])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interview::score::lexicon::lexicon;

    fn negated_words(text: &str) -> Vec<String> {
        let cues = NegationCues::new(lexicon());
        let words = words(text);
        let scope = cues.scope(&words);
        words
            .iter()
            .zip(&scope.negated)
            .filter(|(_, n)| **n)
            .map(|(w, _)| w.text.clone())
            .collect()
    }

    #[test]
    fn a_denial_covers_much_of_its_sentence_and_a_qualifier_little() {
        let cues = NegationCues::new(lexicon());
        let analyzer = crate::search::Analyzer::new(&crate::interview::testing::catalog().synonyms);
        let share = |text: &str| Sentence::new(text, &analyzer, &cues).negated_share();
        for denial in [
            "a message queue is not needed",
            "I would never use Kafka for this",
            "we don't need a cache because reads are rare",
            "store passwords without a salt",
        ] {
            assert!(share(denial) >= 0.25, "{denial}: {}", share(denial));
        }
        for qualified in [
            "OAuth is a set of rules for how an app gets permission to call an API on someone's \
             behalf without ever seeing their password: a login service hands the app a pass",
            "the index is built once and rebuilt in the background when content changes, never in a request",
        ] {
            assert!(share(qualified) < 0.25, "{qualified}: {}", share(qualified));
        }
    }

    #[test]
    fn negation_scopes_follow_the_cues() {
        let cases: &[(&str, &[&str])] = &[
            (
                "I would never use Kafka, and a message queue is not needed",
                &["use", "kafka", "and", "a", "message", "queue"],
            ),
            (
                "MD5 rather than bcrypt, skip the salt",
                &["bcrypt", "skip", "the", "salt"],
            ),
            (
                "I wouldn't bother with 400, 401, 403 or 404, a 500 covers it",
                &["bother", "with", "400", "401", "403", "or", "404"],
            ),
            ("one MySQL primary, no replication", &["replication"]),
            ("backpressure is unnecessary", &["backpressure"]),
            (
                "dirty reads, phantom reads and write skew don't happen",
                &["dirty", "reads", "phantom", "reads", "and", "write", "skew"],
            ),
            (
                "we use Kafka, backpressure is unnecessary",
                &["backpressure"],
            ),
            ("store a salted hash without plaintext", &["plaintext"]),
            ("not only durable but also fast", &[]),
            ("It was not my mistake", &["my", "mistake"]),
            (
                "we don't need a cache because reads are rare",
                &["need", "a", "cache"],
            ),
            ("use Argon2 instead of MD5", &["md5"]),
        ];
        for (text, expected) in cases {
            assert_eq!(negated_words(text), *expected, "{text}");
        }
    }

    /// Each `denied` text negates its word; no `affirmed` text negates its word.
    fn assert_denied_and_affirmed(denied: &[(&str, &str)], affirmed: &[(&str, &str)]) {
        for (text, word, negated) in denied
            .iter()
            .map(|(t, w)| (t, w, true))
            .chain(affirmed.iter().map(|(t, w)| (t, w, false)))
        {
            let words = negated_words(text);
            assert_eq!(
                words.iter().any(|w| w == word),
                negated,
                "{text}: {words:?}"
            );
        }
    }

    /// Dismissals in everyday words deny what they name; the same words affirming a practice
    /// do not (cases authored for this test, not taken from an evaluation set).
    #[test]
    fn dismissals_in_everyday_words_deny_what_they_name() {
        let denied: &[(&str, &str)] = &[
            ("sharding the tenants is premature", "sharding"),
            ("the audit log is just security theatre", "audit"),
            ("who needs a retry budget anyway", "budget"),
            ("a dead letter queue is just gold-plating", "queue"),
            ("YAGNI, skip the outbox table for now", "outbox"),
            (
                "pagination cursors are cargo cult for an internal tool",
                "cursors",
            ),
        ];
        let affirmed: &[(&str, &str)] = &[
            (
                "premature optimisation aside, a hash map gives O(1) lookups",
                "hash",
            ),
            (
                "the audit log is far from security theatre, it tells us who read what",
                "audit",
            ),
            (
                "we avoided cargo-culting and kept one idempotency table",
                "idempotency",
            ),
        ];
        assert_denied_and_affirmed(denied, affirmed);
    }

    /// The items of a list headed by a criticism ("Pitfalls: …;") are criticised with it; a
    /// claim that happens to end in a semicolon passes nothing on (cases authored for this test).
    #[test]
    fn a_criticised_heading_carries_over_its_semicolon_list() {
        let criticised = |answer: &str| {
            let cues = NegationCues::new(lexicon());
            answer_sentences(answer, &Analyzer::new(&Default::default()), &cues)
                .iter()
                .map(|s| s.scope.criticised)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            criticised(
                "Pitfalls: trusting the ID token; keeping tokens in localStorage; long lifetimes.                  Use short-lived tokens."
            ),
            [true, true, true, false]
        );
        assert_eq!(
            criticised("Reentrant locks are never a problem; so swap them in everywhere."),
            [true, false]
        );
    }

    /// A list before a colon is denied by a dismissal after it that judges the things or says
    /// nobody does them; not by a limit, a plain "no" or an explanation (cases authored for
    /// this test).
    #[test]
    fn a_list_dismissed_after_its_colon_is_denied() {
        let list_denied = |answer: &str| {
            let cues = NegationCues::new(lexicon());
            let sentence = &answer_sentences(answer, &Analyzer::new(&Default::default()), &cues)[0];
            sentence.scope.negated[0]
        };
        for (answer, denied) in [
            (
                "Retries, timeouts and circuit breakers: overkill for an internal tool.",
                true,
            ),
            ("Read replicas, a cache, a CDN: premature, all of it.", true),
            (
                "Indexes, query plans, vacuuming: nobody bothers in practice.",
                true,
            ),
            (
                "Load tests, profiling and tracing: a waste of time here.",
                true,
            ),
            ("Logs, metrics and traces: one alone isn't enough.", false),
            (
                "Reads, writes and deletes: no lock is held for long.",
                false,
            ),
            (
                "Partitioning, replicas, caching: each buys time before sharding.",
                false,
            ),
            ("The shard key: overkill to change later.", false),
            (
                "Sharding, replicas and a cache: no one needs them at this size.",
                true,
            ),
            (
                "Logs, metrics, traces: nobody should run production without all three.",
                false,
            ),
            (
                "Timeouts, retries and breakers: no team ships without them.",
                false,
            ),
            // The judgement is the clause after the colon; more may follow it.
            (
                "Depth limits, cost analysis, persisted queries: theatre for a small app, and nobody attacks us anyway.",
                true,
            ),
            (
                "Depth limits, cost analysis, persisted queries: each guards a public GraphQL API, and skipping them is asking for trouble.",
                false,
            ),
            // A rejecting verb whose object is the whole list (added 2026-12-06).
            (
                "Bulkheads, load shedding, retry budgets: I'd skip all of it and just add servers.",
                true,
            ),
            (
                "Version headers, deprecation notices, sunset dates: we never bothered with any of that.",
                true,
            ),
            (
                "Timeouts, retries and breakers: you can't go live without all of them.",
                false,
            ),
            (
                "Timeouts, retries and breakers: never deploy a service without them.",
                false,
            ),
            ("Stale reads, lost updates, dirty writes: a 2010 problem.", true),
        ] {
            assert_eq!(list_denied(answer), denied, "{answer}");
        }
    }

    /// A fragment asked and then dismissed is denied: by a dismissal opening the next sentence,
    /// or by a short sentence referring back to it with a bare dismissal; not by a sentence that
    /// rejects something else (cases authored for this test).
    #[test]
    fn a_fragment_dismissed_by_the_next_sentence_is_denied() {
        let fragment_denied = |answer: &str| {
            let cues = NegationCues::new(lexicon());
            let sentences = answer_sentences(answer, &Analyzer::new(&Default::default()), &cues);
            sentences[0].scope.negated.iter().all(|n| *n)
        };
        for dismissed in [
            "Lock ordering? Total overengineering.",
            "A doubly linked list plus a hash map? That's the textbook answer, and honestly overkill.",
            "Retries with jitter? That's overkill.",
            "Sharding by tenant? Sounds nice but not needed.",
            "A CDN in front of the API? We ripped that out last year.",
        ] {
            assert!(fragment_denied(dismissed), "{dismissed}");
        }
        for kept in [
            "Consistent hashing? That's what I'd use, not modulo.",
            "A hash map plus a linked list? That's the answer, and it runs in O(1).",
            "Why a queue? It absorbs spikes, so the database is never overloaded.",
        ] {
            assert!(!fragment_denied(kept), "{kept}");
        }
    }

    /// A claim reported as others' and rejected is denied; reported and endorsed, or rejected
    /// only after it, it is not (cases authored for this test).
    #[test]
    fn a_claim_reported_then_rejected_is_denied() {
        let denied_words = |answer: &str, word: &str| {
            let cues = NegationCues::new(lexicon());
            let sentences = answer_sentences(answer, &Analyzer::new(&Default::default()), &cues);
            (sentences.iter())
                .flat_map(|s| s.words.iter().zip(&s.scope.negated))
                .filter(|(w, _)| w.text == word)
                .all(|(_, negated)| *negated)
        };
        for (answer, word) in [
            (
                "People will tell you replication is essential; I don't buy it, one box is fine.",
                "replication",
            ),
            (
                "You'll hear that an index speeds up every query, which is plain wrong here.",
                "index",
            ),
            ("Everyone says put a queue in front. Nonsense.", "queue"),
            (
                "The textbook answer is a token bucket. Honestly, overrated.",
                "bucket",
            ),
            (
                "The principle says every service gets its own login. Honestly, most of that is theatre for a small team.",
                "login",
            ),
            (
                "The runbook says page on every error. That's overkill.",
                "page",
            ),
            (
                "The SRE book will tell you to alert on burn rate. That's the Google version. For a team of six it's ceremony.",
                "burn",
            ),
            (
                "The answer you want goes like this: I owned it and ran a postmortem. Honestly, though, none of that ever happened.",
                "postmortem",
            ),
            (
                "Sure, I could tell you a lovely story about weekly one-on-ones. Very inspiring. In reality juniors learn by suffering.",
                "weekly",
            ),
        ] {
            assert!(denied_words(answer, word), "{answer}: {word}");
        }
        for (answer, word) in [
            (
                "People will tell you to hash passwords with bcrypt, and they're right.",
                "bcrypt",
            ),
            (
                "The usual advice is a B-tree index. It fits range scans well.",
                "index",
            ),
            (
                "Some say MD5 is fine for passwords; nonsense, so use argon2 with a salt.",
                "argon2",
            ),
            (
                "The CAP theorem says you pick consistency or availability under a partition. That is how I'd frame it.",
                "consistency",
            ),
            (
                "The spec says PUT is idempotent. Most of that matters for retries.",
                "idempotent",
            ),
            (
                "People will tell you to put a queue in front, and they're right. It absorbs bursts. Retries without backoff are pointless.",
                "queue",
            ),
        ] {
            assert!(!denied_words(answer, word), "{answer}: {word}");
        }
    }

    /// A bound is not a denial: "never more than the deadline" keeps the deadline (cases
    /// authored for this test).
    #[test]
    fn a_bound_does_not_deny_what_it_bounds() {
        assert_denied_and_affirmed(
            &[("we never set a deadline", "deadline")],
            &[
                (
                    "each call gets a share, never more than the caller deadline",
                    "deadline",
                ),
                ("retries must not exceed the overall deadline", "deadline"),
            ],
        );
    }

    /// A result told as the trouble that stopped affirms it; the trouble denied in a claim is
    /// still denied (cases authored for this test).
    #[test]
    fn a_result_told_as_trouble_stopped_is_no_denial() {
        assert_denied_and_affirmed(
            &[("we had no rollback plan for the cutover", "rollback")],
            &[
                (
                    "no failures in the next two quarters after the rollback drill",
                    "rollback",
                ),
                (
                    "zero incidents since the rollback switch went in",
                    "rollback",
                ),
            ],
        );
    }

    /// Sarcasm denies its whole sentence, across "then" and "because", up to a turn ("but");
    /// the same words said plainly do not (cases authored for this test).
    #[test]
    fn sarcasm_denies_its_whole_sentence_up_to_a_turn() {
        let denied: &[(&str, &str)] = &[
            (
                "oh sure, let me draw a lock diagram, then add a retry budget for the queue",
                "budget",
            ),
            (
                "great idea, let's page everyone because what could possibly go wrong with alerts",
                "alerts",
            ),
            (
                "we skip the canary stage every time and nobody has died so far",
                "canary",
            ),
        ];
        let affirmed: &[(&str, &str)] = &[
            (
                "oh sure, it looks like overkill, but the outbox table saves us at 3 am",
                "outbox",
            ),
            ("sure, let's start with the read and write rates", "rates"),
            (
                "think about what could go wrong: a retry storm after the failover",
                "storm",
            ),
        ];
        assert_denied_and_affirmed(denied, affirmed);
    }

    #[test]
    fn a_bare_copula_or_a_bad_kind_denies_something_other_than_the_word() {
        let cues = NegationCues::new(lexicon());
        let analyzer = crate::search::Analyzer::new(&crate::interview::testing::catalog().synonyms);
        let cases = [
            ("The salt isn't secret", "salt", true),
            (
                "the salt is not a secret, its job is uniqueness",
                "salt",
                true,
            ),
            ("Salts aren't needed here", "salts", false),
            ("No salt is used by the old table", "salt", false),
            (
                "We never salted them and the salt isn't stored",
                "salt",
                false,
            ),
            ("salts? they aren't", "salts", false),
            ("Write overhead isn't a real concern", "overhead", false),
            (
                "Also avoid custom schemes, global salts, and logging passwords",
                "salts",
                true,
            ),
            ("never use a salt", "salt", false),
        ];
        for (text, word, as_property) in cases {
            let s = Sentence::new(text, &analyzer, &cues);
            let at = s
                .words
                .iter()
                .rposition(|w| w.text == word)
                .expect("the word is in the sentence");
            assert!(s.scope.negated[at], "{text}: {word} is negated");
            assert_eq!(s.denies_other_than(at, &cues), as_property, "{text}");
        }
    }

    #[test]
    fn a_long_sentence_is_read_clause_by_clause() {
        let cues = NegationCues::new(lexicon());
        let analyzer = crate::search::Analyzer::new(&crate::interview::testing::catalog().synonyms);
        let clauses = |text: &str| Sentence::new(text, &analyzer, &cues).clauses(14, 5);
        assert_eq!(
            clauses(
                "I'd put the check in the gateway for every route, since it sees each token, \
                 and (frankly) the handlers can stay as they are"
            ),
            [
                "I'd put the check in the gateway for every route",
                // A piece under five words joins the clause before it.
                "since it sees each token, and (frankly",
                "the handlers can stay as they are",
            ]
        );
        // Short sentences, and long ones without breaks, are read whole.
        assert!(clauses("the gateway checks the token, the service the owner").is_empty());
        assert!(clauses(
            "every handler loads the invoice by id and tenant from the session before it returns anything"
        )
        .is_empty());
        // A clause denied from before it is not read alone.
        assert_eq!(
            clauses(
                "I would never move ownership checks into the gateway, the WAF, or the load balancer \
                 of the platform, because none of them knows who owns invoice 123"
            ),
            [
                "I would never move ownership checks into the gateway, the WAF, or the load balancer of the platform",
                "because none of them knows who owns invoice 123",
            ]
        );
    }

    #[test]
    fn sentences_split_at_ends_but_not_abbreviations() {
        fn split(text: &str) -> Vec<&str> {
            sentence_spans(text)
                .into_iter()
                .map(|(a, b)| &text[a..b])
                .collect()
        }
        assert_eq!(
            split("First, e.g. a queue. Then 3.5 trillion codes!\n- batch writes; fsync"),
            [
                "First, e.g. a queue.",
                "Then 3.5 trillion codes!",
                "- batch writes;",
                "fsync"
            ]
        );
        // One letter after a number is a unit that ends its sentence; one after a word is an
        // initial that doesn't.
        assert_eq!(
            split("They can't each get 1 s. An inner timeout is shorter. Ask J. Smith."),
            [
                "They can't each get 1 s.",
                "An inner timeout is shorter.",
                "Ask J. Smith."
            ]
        );
        // A lone digit is a number, not an initial; a list's number opens its item (added
        // 2026-12-06).
        assert_eq!(
            split("Evict from the tail at size 5. Then move the hit to the head."),
            [
                "Evict from the tail at size 5.",
                "Then move the hit to the head."
            ]
        );
        assert_eq!(
            split("Two steps:\n1. Add the column.\n12. Drop the old one."),
            ["Two steps:", "1. Add the column.", "12. Drop the old one."]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_mark_clause_breaks() {
        let w = words("I don’t know, really");
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["i", "don't", "know", "really"]);
        assert!(w[3].clause_break_before && !w[2].clause_break_before);
    }
}

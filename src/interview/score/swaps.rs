//! Which-is-which checks: an answer that says 401 where it means 403, or that liveness probes
//! take a pod out of rotation, uses every right word and reads fluently, and the embedding model
//! barely hears which name goes with which meaning. A swap check (authored per question in
//! `interview-references.toml`) lists two or more sides, each with the names an answer calls it
//! by and the words that say what it is or does.
//!
//! **The rule**, per sentence (sentences already end at `;`):
//! - find each mention of a side's name (as written, plural allowed) and each meaning that is not
//!   negated (as written, inflections allowed: "restart" finds "restarted");
//! - a sentence that names two sides within [`GROUPED_GAP`] words with no meaning between them
//!   ("401 and 403 …", "403 rather than 401 when …") is not read: which meaning goes with which
//!   name is not decided by word order there;
//! - a sentence that opens with a condition and states a meaning before its first name is read
//!   meaning-first ("if the user isn't logged in, return 401, and if they lack the role, 403"):
//!   each name owns the words since the previous name. Otherwise it is read name-first ("401
//!   means …, 403 means …"): each name owns the words up to the next name or to a new clause
//!   (", and …", ", so …");
//! - a name alone in brackets labels the words before it, as in a meaning-first reading ("stops
//!   calling it for a while (open), then lets a few test calls through (half-open)");
//! - a name inside a bracketed aside with other words ("(401 if it fails)") owns the aside's
//!   words after it and, when it opens the aside, the words before the bracket it annotates; in
//!   a list, a name followed by an item labelled in brackets owns only its own item;
//! - a name's words end where it is compared with something else ([`COMPARED`]: "than",
//!   "before");
//! - a name owns at most [`REACH`] words beside it;
//! - a name whose words hold a meaning of another side and none of its own mixes them up.
//!
//! A sentence that reports the confusion ("people often confuse 401 with …", "a common mistake
//! is to think …": `stance.reported_confusion`) raises nothing.

use crate::content::model::SwapCheck;

use super::text::{Phrases, Sentence, Word};

/// Two names closer than this, with no meaning between them, are named together.
const GROUPED_GAP: usize = 3;

/// A name owns at most this many words beside it: a long sentence's later clauses say other
/// things ("… lazy loading fires an extra query per row inside the loop, so 1 + N round trips
/// (hundreds of queries per request)").
const REACH: usize = 10;

/// A sentence read meaning-first opens with a condition ("if the user isn't logged in, return
/// 401"); otherwise a meaning before the first name is the context ("one query loads the rows,
/// then lazy loading fires …"), not what the name means.
const CONDITIONAL_OPENERS: [&str; 7] = ["if", "when", "whenever", "once", "for", "unless", "after"];

/// After a comma, these open a clause that says something else ("a 302, and cache hot links").
const NEW_CLAUSE: [&str; 12] = [
    "and", "so", "since", "because", "but", "then", "which", "while", "whereas", "or", "though",
    "although",
];

/// A name's words end where it is compared with something else: what follows "than" or "before"
/// describes the other thing ("the SLA is looser than the SLO (say 99.5%) so you breach the SLO
/// long before the contract"). A comparison word inside a meaning ("ack before processing",
/// "more than once") is the meaning's own.
const COMPARED: [&str; 5] = ["than", "before", "unlike", "versus", "vs"];

/// Endings a meaning's last word may take in an answer ("restart" → "restarts", "restarted").
const ENDINGS: [&str; 7] = ["s", "es", "d", "ed", "ing", "ly", "ation"];

/// One swap check, its phrases split into lowercase words once.
#[derive(Debug, Clone)]
pub struct Swap {
    pub claim: String,
    pub why: String,
    sides: Vec<Side>,
}

#[derive(Debug, Clone)]
struct Side {
    names: Vec<Vec<String>>,
    means: Vec<Vec<String>>,
}

/// Where a name or a meaning was found: its words and its side.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    side: usize,
}

fn phrase_words(text: &str) -> Vec<String> {
    super::text::words(text)
        .into_iter()
        .map(|w| w.text)
        .collect()
}

/// A name matches as written or with a plural "s".
fn name_matches(pattern: &str, word: &str) -> bool {
    word == pattern || word.strip_suffix('s') == Some(pattern)
}

/// A meaning's word matches as written or, for words of three letters or more, with one of
/// `ENDINGS` (a final "e" may drop: "route" → "routing").
fn meaning_matches(pattern: &str, word: &str) -> bool {
    if word == pattern {
        return true;
    }
    if pattern.chars().count() < 3 || pattern.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let stem = pattern.strip_suffix('e').unwrap_or(pattern);
    [pattern, stem].iter().any(|base| {
        word.strip_prefix(base)
            .is_some_and(|rest| ENDINGS.contains(&rest))
    })
}

fn phrase_at(
    words: &[Word],
    at: usize,
    phrase: &[String],
    matches: fn(&str, &str) -> bool,
) -> bool {
    phrase.len() <= words.len() - at
        && phrase
            .iter()
            .zip(&words[at..])
            .all(|(p, w)| matches(p, &w.text))
}

impl Swap {
    pub fn new(check: &SwapCheck) -> Swap {
        let phrases = |list: &[String]| -> Vec<Vec<String>> {
            list.iter()
                .map(|t| phrase_words(t))
                .filter(|p| !p.is_empty())
                .collect()
        };
        Swap {
            claim: check.claim.clone(),
            why: check.why.clone(),
            sides: check
                .side
                .iter()
                .map(|side| Side {
                    names: phrases(&side.names),
                    means: phrases(&side.means),
                })
                .collect(),
        }
    }

    /// The longest phrase of some side starting at `at`, from `pick`'s lists.
    fn longest_at(
        &self,
        words: &[Word],
        at: usize,
        pick: fn(&Side) -> &Vec<Vec<String>>,
        matches: fn(&str, &str) -> bool,
    ) -> Option<Found> {
        self.sides
            .iter()
            .enumerate()
            .flat_map(|(side, s)| pick(s).iter().map(move |p| (side, p)))
            .filter(|(_, p)| phrase_at(words, at, p, matches))
            .max_by_key(|(_, p)| p.len())
            .map(|(side, p)| Found {
                start: at,
                end: at + p.len(),
                side,
            })
    }

    /// Non-overlapping occurrences, left to right, longest first at each word.
    fn scan(
        &self,
        s: &Sentence,
        pick: fn(&Side) -> &Vec<Vec<String>>,
        matches: fn(&str, &str) -> bool,
    ) -> Vec<Found> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < s.words.len() {
            match self.longest_at(&s.words, at, pick, matches) {
                Some(f) => {
                    found.push(f);
                    at = f.end;
                }
                None => at += 1,
            }
        }
        found
    }

    /// Whether the sentence gives a name a meaning of another side and none of its own.
    pub fn mixed_up_in(&self, s: &Sentence, reported_confusion: &Phrases) -> bool {
        let names = self.scan(s, |side| &side.names, name_matches);
        if names.is_empty() || reported_confusion.any_in(&s.words) {
            return false;
        }
        let meanings: Vec<Found> = self
            .scan(s, |side| &side.means, meaning_matches)
            .into_iter()
            // A meaning that overlaps a name is the name's own word ("Unauthorized").
            .filter(|m| !names.iter().any(|n| m.start < n.end && n.start < m.end))
            .filter(|m| !s.scope.negated.get(m.start).copied().unwrap_or(false))
            .collect();
        if meanings.is_empty() {
            return false;
        }
        let grouped = names.windows(2).any(|pair| {
            pair[0].side != pair[1].side
                && pair[1].start - pair[0].end <= GROUPED_GAP
                && !meanings
                    .iter()
                    .any(|m| m.start >= pair[0].end && m.end <= pair[1].start)
        });
        if grouped {
            return false;
        }
        let opener = s.words.first().map(|w| w.text.as_str()).unwrap_or("");
        let meaning_first =
            meanings[0].start < names[0].start && CONDITIONAL_OPENERS.contains(&opener);
        let n = s.words.len();
        names.iter().enumerate().any(|(i, name)| {
            // A name alone in brackets labels what came before it ("stops calling it for a
            // while (open), then lets a few test calls through (half-open)").
            let backward = meaning_first || labels_before(s, name);
            let previous = if i == 0 { 0 } else { names[i - 1].end };
            let since_previous = previous.max(name.start.saturating_sub(REACH));
            let (from, to) = if backward {
                (since_previous, name.end)
            } else if let Some(aside) = aside_around(s, name) {
                // A name's words end with the aside it stands in, and one opening the aside
                // annotates what came before it ("checks who you are (401 if it fails),
                // authorization checks what you're allowed to do (403 if not)").
                let next = names.get(i + 1).map_or(n, |next| next.start);
                let from = if aside.opens_with_name {
                    since_previous
                } else {
                    name.start
                };
                (from, aside.end.min(next).min(name.end + REACH))
            } else {
                let next = names.get(i + 1).map_or(n, |next| next.start);
                // ", and cache hot links" after "redirect with a 302" says something else, and so
                // does what follows a comparison.
                let clause_end = (name.end..n)
                    .find(|&w| {
                        let word = s.words[w].text.as_str();
                        (s.words[w].clause_break_before && NEW_CLAUSE.contains(&word))
                            || (COMPARED.contains(&word)
                                && !meanings.iter().any(|m| m.start <= w && w < m.end))
                    })
                    .unwrap_or(n);
                // In a list, a later item labelled in brackets owns its own words: "circuit
                // breakers, separate pools per dependency (bulkheads)".
                let item_end = names
                    .get(i + 1)
                    .filter(|next| labels_before(s, next))
                    .and_then(|_| (name.end..n).find(|&w| s.words[w].clause_break_before))
                    .unwrap_or(n);
                (
                    name.start,
                    next.min(name.end + REACH).min(clause_end).min(item_end),
                )
            };
            // A meaning starting within reach counts whole ("… but lacks permission").
            let held = meanings
                .iter()
                .filter(|m| m.start >= from && m.start < to && (!backward || m.end <= to));
            let mut own = false;
            let mut other = false;
            for m in held {
                own |= m.side == name.side;
                other |= m.side != name.side;
            }
            other && !own
        })
    }
}

/// A bracketed aside a name stands in with other words ("(401 if it fails)").
struct Aside {
    /// The index of the first word after the closing bracket.
    end: usize,
    /// The name is the aside's first word.
    opens_with_name: bool,
}

fn aside_around(s: &Sentence, name: &Found) -> Option<Aside> {
    let (first, last) = (s.words.get(name.start)?, s.words.get(name.end - 1)?);
    let before = &s.text[..first.start];
    let open = before.rfind('(')?;
    if before[open..].contains(')') {
        return None;
    }
    let after = &s.text[last.end..];
    let close = last.end + after.find(')')?;
    if s.text[last.end..close].contains('(') {
        return None;
    }
    Some(Aside {
        end: (s.words.iter())
            .position(|w| w.start > close)
            .unwrap_or(s.words.len()),
        opens_with_name: before[open + 1..].trim().is_empty(),
    })
}

/// Whether a name stands alone in brackets: "(open)".
fn labels_before(s: &Sentence, name: &Found) -> bool {
    let (Some(first), Some(last)) = (s.words.get(name.start), s.words.get(name.end - 1)) else {
        return false;
    };
    s.text[..first.start].trim_end().ends_with('(')
        && s.text[last.end..].trim_start().starts_with(')')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::SwapSide;
    use crate::interview::score::lexicon::lexicon;
    use crate::interview::score::text::NegationCues;
    use crate::search::Analyzer;

    fn side(names: &[&str], means: &[&str]) -> SwapSide {
        SwapSide {
            names: names.iter().map(|s| s.to_string()).collect(),
            means: means.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Each (sentence, mixed up) case read by `swap`.
    fn assert_cases(swap: &Swap, cases: &[(&str, bool)]) {
        let analyzer = Analyzer::new(&Default::default());
        let lexicon = lexicon();
        let cues = NegationCues::new(lexicon);
        let confusion = Phrases::new(&lexicon.stance.reported_confusion);
        for &(text, expected) in cases {
            let s = Sentence::new(text, &analyzer, &cues);
            assert_eq!(swap.mixed_up_in(&s, &confusion), expected, "{text}");
        }
    }

    fn statuses() -> Swap {
        Swap::new(&SwapCheck {
            claim: "Confuses 401 and 403".into(),
            why: "401 is not authenticated; 403 is known but not allowed.".into(),
            side: vec![
                side(
                    &["401", "unauthorized"],
                    &[
                        "not logged in",
                        "isn't logged in",
                        "missing token",
                        "expired token",
                        "who you are",
                    ],
                ),
                side(
                    &["403", "forbidden"],
                    &[
                        "not allowed",
                        "lack permission",
                        "permission",
                        "role",
                        "what you can do",
                    ],
                ),
            ],
        })
    }

    #[test]
    fn a_name_given_only_the_other_sides_meaning_is_a_mix_up() {
        let cases = [
            // (sentence, mixed up)
            ("401 means the user is logged in but lacks permission.", true),
            ("A 403 is for a missing token.", true),
            ("If the user isn't logged in, we return a 403.", true),
            ("401 means the caller has a role but not the right one, and 403 means an expired token.", true),
            ("401 means an expired token, 403 means not allowed.", false),
            ("If the user isn't logged in, return 401, and if they lack permission, 403.", false),
            ("403 rather than 401 when the user is logged in but not allowed.", false),
            ("Use 401 or 403 depending on who you are and what you can do.", false),
            ("401 is not about permission at all.", false),
            ("People often confuse 401 with a permission problem.", false),
            ("We returned 403 for everything and nobody noticed.", false),
            ("A 401 is stricter than a 403 about permission.", false),
            ("Answer 401, unlike a 403 which means not allowed.", false),
            ("We send 401 before permission is even checked.", false),
            ("Authentication checks who you are (401 if it fails), authorization checks what you're allowed to do (403 if not).", false),
            ("Authentication checks your role and permission (401 if it fails).", true),
            ("Check who you are first (403 if the token is missing).", true),
            ("Authentication checks who you are (e.g. a JWT, 401 if it's missing), authorization checks what you're allowed to do.", false),
            ("Forbidden requests come from users whose role does not allow the action.", false),
        ];
        assert_cases(&statuses(), &cases);
    }

    #[test]
    fn a_list_item_labelled_in_brackets_owns_its_own_words() {
        let swap = Swap::new(&SwapCheck {
            claim: "Swaps bulkheads and circuit breakers".into(),
            why: "A bulkhead caps each dependency's pool; a breaker stops calling it.".into(),
            side: vec![
                side(&["bulkhead"], &["separate pool", "own pool"]),
                side(&["circuit breaker"], &["stop calling", "fail fast"]),
            ],
        });
        let cases = [
            ("Use timeouts, circuit breakers, separate pools per dependency (bulkheads), and fallbacks.", false),
            ("Circuit breakers give each dependency a separate pool.", true),
            ("Use circuit breakers with a separate pool per dependency (bulkheads).", true),
        ];
        assert_cases(&swap, &cases);
    }

    #[test]
    fn meanings_match_inflections_and_names_match_plurals() {
        assert!(meaning_matches("restart", "restarted"));
        assert!(meaning_matches("route", "routing"));
        assert!(meaning_matches("permission", "permissions"));
        assert!(!meaning_matches("role", "roller"));
        assert!(!meaning_matches("40", "401"));
        assert!(
            name_matches("readiness probe", "readiness probes") || name_matches("probe", "probes")
        );
        assert!(!name_matches("authn", "authnz"));
    }
}

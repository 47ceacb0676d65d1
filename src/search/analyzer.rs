//! The text analyzer shared by the index, the queries, interview scoring and skill matching:
//! split on non-alphanumerics, lowercase, fold accents, drop a few English stop words, stem
//! (English), then fold synonym phrases (from `content/synonyms.toml`) into one canonical token.
//! Because every consumer uses this one analyzer, "sharding" and "partitioned by key" mean the
//! same thing to search and to the interview scorer.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::content::model::SynonymsFile;

/// The name the tokenizer is registered under in the tantivy index.
pub const TOKENIZER_NAME: &str = "careerbot";

/// Words too common to carry meaning in a question. Kept short on purpose: "not", "no" and "we"
/// stay, because answers are judged on them ("I" rather than only "we" is checked on the raw
/// text, not on analyzed terms).
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is", "are", "was", "be",
    "do", "does", "what", "how", "which", "who", "whom", "this", "that", "these", "those", "it",
    "its", "as", "by", "with", "can", "i", "should", "would", "could", "my", "me", "you", "your",
    "about", "there", "much", "many", "s", "get",
];

/// Synonym phrases (each a sequence of analyzed tokens) and the token each folds to, arranged
/// for the hot paths: folding looks phrases up by their first token without allocating, and
/// query typo-folding only measures one-word members of about the right length.
#[derive(Debug, Default)]
struct SynonymTable {
    /// Phrases by their first token, longest first, each with the term it folds to.
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
    /// The term of every group.
    canonical: HashSet<String>,
    /// One-word members: the word, its length in characters, and the term it folds to.
    single: Vec<(String, usize, String)>,
    phrases: usize,
}

impl SynonymTable {
    fn new(phrases: HashMap<Vec<String>, String>) -> SynonymTable {
        let mut table = SynonymTable {
            phrases: phrases.len(),
            ..SynonymTable::default()
        };
        for (phrase, canonical) in phrases {
            table.canonical.insert(canonical.clone());
            if let [word] = phrase.as_slice() {
                table
                    .single
                    .push((word.clone(), word.chars().count(), canonical.clone()));
            }
            table
                .by_first
                .entry(phrase[0].clone())
                .or_default()
                .push((phrase, canonical));
        }
        for candidates in table.by_first.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        table.single.sort();
        table
    }
}

/// The analyzer. Cheap to clone (the synonym table is shared).
#[derive(Clone)]
pub struct Analyzer {
    base: Base,
    synonyms: Arc<SynonymTable>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("synonym_phrases", &self.synonyms.phrases)
            .finish()
    }
}

/// Tokenize, lowercase, fold accents, drop stop words: everything but stemming, which
/// `base_tokens` applies through a cache.
fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .build()
}

fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The unstemmed word analyzer and a one-word stemmer.
#[derive(Clone)]
struct Base {
    words: TextAnalyzer,
    stem: TextAnalyzer,
}

impl Base {
    fn new() -> Base {
        Base {
            words: words_analyzer(),
            stem: stem_analyzer(),
        }
    }
}

/// Most stems cached per thread. Text repeats a small vocabulary, so a cache this size answers
/// nearly every word; it is emptied when full rather than managed, which keeps it cheap.
const STEM_CACHE_WORDS: usize = 32_768;

thread_local! {
    /// Snowball stemming is the dearest step of analysis (about half of index-build time before
    /// this cache); a word's stem never changes, so each thread remembers the words it has seen.
    static STEMS: std::cell::RefCell<HashMap<String, String>> = std::cell::RefCell::new(HashMap::new());
}

fn stem(base: &mut Base, word: &mut String) {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word.as_str()) {
            word.clone_from(stem);
            return;
        }
        let mut stream = base.stem.token_stream(word);
        let stemmed = if stream.advance() {
            stream.token().text.clone()
        } else {
            word.clone()
        };
        drop(stream);
        if cache.len() >= STEM_CACHE_WORDS {
            cache.clear();
        }
        cache.insert(std::mem::replace(word, stemmed.clone()), stemmed);
    });
}

fn base_tokens(base: &mut Base, text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    {
        let mut stream = base.words.token_stream(text);
        while let Some(token) = stream.next() {
            tokens.push(token.clone());
        }
    }
    for token in &mut tokens {
        stem(base, &mut token.text);
    }
    tokens
}

impl Analyzer {
    /// An analyzer with these synonym groups, for unit tests that need a few.
    #[cfg(test)]
    pub(crate) fn with_synonyms(groups: &[&[&str]]) -> Analyzer {
        Analyzer::new(&SynonymsFile {
            note: None,
            groups: groups
                .iter()
                .map(|group| group.iter().map(|w| w.to_string()).collect())
                .collect(),
        })
    }

    pub fn new(synonyms: &SynonymsFile) -> Analyzer {
        let mut base = Base::new();
        let mut phrases: HashMap<Vec<String>, String> = HashMap::new();
        for group in &synonyms.groups {
            let analyzed: Vec<Vec<String>> = group
                .iter()
                .map(|member| {
                    base_tokens(&mut base, member)
                        .into_iter()
                        .map(|t| t.text)
                        .collect::<Vec<_>>()
                })
                .filter(|tokens| !tokens.is_empty())
                .collect();
            let Some(first) = analyzed.first() else {
                continue;
            };
            let canonical = first.join("_");
            for phrase in analyzed.iter() {
                phrases
                    .entry(phrase.clone())
                    .or_insert_with(|| canonical.clone());
            }
        }
        Analyzer {
            base,
            synonyms: Arc::new(SynonymTable::new(phrases)),
        }
    }

    /// Analyzed tokens with their byte offsets in `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut base = self.base.clone();
        let tokens = base_tokens(&mut base, text);
        self.fold(tokens)
    }

    /// Analyzed token texts.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().map(|t| t.text).collect()
    }

    /// Terms of user text for a query: like `terms`, and a word within its typo budget of a
    /// one-word synonym ("kubernetse") folds to that synonym's group too, because the index only
    /// holds the group's canonical term.
    pub fn query_terms(&self, text: &str) -> Vec<String> {
        let table = &self.synonyms;
        self.terms(text)
            .into_iter()
            .map(|term| {
                let budget = typo_budget(&term) as usize;
                if budget == 0 || self.is_synonym_term(&term) {
                    return term;
                }
                let length = term.chars().count();
                table
                    .single
                    .iter()
                    .filter(|(_, word_length, _)| word_length.abs_diff(length) <= budget)
                    .map(|(word, _, canonical)| (edit_distance(word, &term, budget), canonical))
                    .filter(|(distance, _)| *distance <= budget)
                    .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
                    .map(|(_, canonical)| canonical.clone())
                    .unwrap_or(term)
            })
            .collect()
    }

    /// Whether `text` is the analyzed form of a synonym group (such terms are matched exactly,
    /// never fuzzily: "k8s" is not a typo of anything).
    pub fn is_synonym_term(&self, term: &str) -> bool {
        self.synonyms.canonical.contains(term)
    }

    fn fold(&self, mut tokens: Vec<Token>) -> Vec<Token> {
        let table = &self.synonyms;
        if table.by_first.is_empty() {
            return tokens;
        }
        let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            let rest = &tokens[i..];
            let matched = table.by_first.get(&rest[0].text).and_then(|candidates| {
                candidates.iter().find(|(phrase, _)| {
                    phrase.len() <= rest.len()
                        && phrase
                            .iter()
                            .zip(rest)
                            .all(|(word, token)| *word == token.text)
                })
            });
            let (len, text) = match matched {
                Some((phrase, canonical)) => (phrase.len(), canonical.clone()),
                None => (1, std::mem::take(&mut tokens[i].text)),
            };
            out.push(Token {
                offset_from: tokens[i].offset_from,
                offset_to: tokens[i + len - 1].offset_to,
                position: out.len(),
                text,
                position_length: 1,
            });
            i += len;
        }
        out
    }
}

/// The analyzer as a tantivy tokenizer, so the index uses exactly the same analysis.
impl Tokenizer for Analyzer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: self.tokens(text),
            index: None,
        }
    }
}

pub struct VecTokenStream {
    tokens: Vec<Token>,
    index: Option<usize>,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        let next = self.index.map_or(0, |i| i + 1);
        self.index = Some(next);
        next < self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.index.unwrap_or(0)]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.index.unwrap_or(0)]
    }
}

/// Edit distance (insertions, deletions, substitutions and adjacent transpositions), bounded:
/// returns `max + 1` as soon as the distance must exceed `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut previous2: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(previous2[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return max + 1;
        }
        previous2 = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

/// How many typos a word of this many characters may carry: none for short words (they would
/// match too much), one from five characters, two from nine.
pub fn typo_budget(term: &str) -> u8 {
    match term.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer() -> Analyzer {
        Analyzer::with_synonyms(&[
            &["sharding", "partitioning", "partitioned by key"],
            &["postgres", "postgresql"],
            &["k8s", "kubernetes"],
        ])
    }

    #[test]
    fn stems_lowercases_and_drops_stop_words() {
        let a = analyzer();
        assert_eq!(
            a.terms("What is the Salaries of Engineers?"),
            vec!["salari", "engin"]
        );
        assert_eq!(a.terms("Café"), vec!["cafe"]);
    }

    #[test]
    fn synonym_phrases_fold_to_one_term() {
        let a = analyzer();
        let sharding = a.terms("sharding");
        assert_eq!(
            a.terms("we partitioned by key"),
            [vec!["we".to_string()], sharding.clone()].concat()
        );
        assert_eq!(a.terms("Partitioning"), sharding);
        assert_eq!(a.terms("PostgreSQL"), a.terms("postgres"));
        assert_eq!(a.terms("k8s"), a.terms("Kubernetes"));
        assert!(a.is_synonym_term(&a.terms("k8s")[0]));
        assert_eq!(a.query_terms("kubernetse"), a.terms("k8s"));
        assert_eq!(a.query_terms("kettles"), vec!["kettl"]);
    }

    #[test]
    fn offsets_cover_the_folded_phrase() {
        let a = analyzer();
        let text = "data partitioned by key here";
        let tokens = a.tokens(text);
        let folded = tokens
            .iter()
            .find(|t| t.text == a.terms("sharding")[0])
            .unwrap();
        assert_eq!(
            &text[folded.offset_from..folded.offset_to],
            "partitioned by key"
        );
    }

    /// Cached stemming gives what tantivy's stemmer filter in the chain gives, on a first and
    /// on a repeated sight of each word.
    #[test]
    fn cached_stems_equal_the_stemmer_filter() {
        let mut reference = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(StopWordFilter::remove(
                STOP_WORDS.iter().map(|w| w.to_string()),
            ))
            .filter(Stemmer::new(Language::English))
            .build();
        let text = "Engineers were engineering scalable, generously-distributed systems; \
                    caching, cached and caches — running ran runs. Ünïcödé façade organisations";
        let expected: Vec<String> = {
            let mut stream = reference.token_stream(text);
            let mut out = Vec::new();
            while let Some(token) = stream.next() {
                out.push(token.text.clone());
            }
            out
        };
        assert!(expected.len() > 15);
        let plain = Analyzer::new(&SynonymsFile::default());
        assert_eq!(plain.terms(text), expected);
        assert_eq!(plain.terms(text), expected, "second sight, from the cache");
    }

    #[test]
    fn edit_distance_table() {
        let cases = [
            ("salary", "salry", 1),
            ("kitten", "sitting", 3),
            ("abc", "acb", 1),
            ("same", "same", 0),
            ("", "ab", 2),
        ];
        for (a, b, expected) in cases {
            assert_eq!(edit_distance(a, b, 5), expected, "{a} {b}");
        }
        assert_eq!(edit_distance("kitten", "sitting", 1), 2);
        assert_eq!(typo_budget("go"), 0);
        assert_eq!(typo_budget("salary"), 1);
        assert_eq!(typo_budget("certification"), 2);
    }
}

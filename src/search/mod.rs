//! The tantivy index over every searchable unit of the content (FAQ entries, guide sections,
//! ladder rungs, pay figures, certifications, interview questions): its schema, building it
//! (in a folder named after the content fingerprint, so a change of content or schema rebuilds
//! it and concurrent processes never see a half-written index), and querying it. User text only
//! ever becomes term and fuzzy-term queries built here: it never reaches a query parser, so
//! quotes, AND/OR, parentheses, colons, `*`, `~` and `^` are plain words.

pub mod analyzer;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value as _, STORED, STRING,
};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

pub use analyzer::Analyzer;

use crate::content::sections::{ladder_line, pay_line};
use crate::content::Catalog;
use crate::error::{Error, Result};
use crate::semantic::{cosine, CachedEncoder, EmbeddingCache, Encoder};
use analyzer::{edit_distance, typo_budget, TOKENIZER_NAME};

/// Bumped whenever the schema changes, so old indexes are rebuilt. (Changes to how documents are
/// derived from content need no bump: the fingerprint covers the documents themselves.)
const SCHEMA_VERSION: u32 = 3;

/// Below this many documents one indexing thread builds the index, so a small index is one
/// segment and a query visits one; more threads would split even the real content into several.
/// Above it, two threads share the analysis (the 10,000-guide corpus holds 225,000 documents).
const TWO_WRITER_THREADS_FROM: usize = 50_000;
/// The writer's memory budget per thread (50 MB): the real content and the 1,000-guide benchmark
/// corpus fit one flush (see BENCHMARKS.md).
const INDEX_WRITER_MEMORY_BYTES: usize = 50_000_000;

/// How much an FAQ entry's score is raised against other passages.
const FAQ_WEIGHT: f32 = 1.3;

/// What a searchable unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Faq,
    Section,
    Ladder,
    Pay,
    Certification,
    Question,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Faq => "faq",
            DocKind::Section => "section",
            DocKind::Ladder => "ladder",
            DocKind::Pay => "pay",
            DocKind::Certification => "certification",
            DocKind::Question => "question",
        }
    }

    fn parse(text: &str) -> Option<DocKind> {
        [
            DocKind::Faq,
            DocKind::Section,
            DocKind::Ladder,
            DocKind::Pay,
            DocKind::Certification,
            DocKind::Question,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One searchable unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// Stable key: `role/source/kind/n`; the guidance code maps it back to the content.
    pub key: String,
    pub kind: DocKind,
    pub role: String,
    /// Guide id, or `authored` for authored interview questions.
    pub source: String,
    pub title: String,
    pub body: String,
    /// Authored questions this unit answers (`asked.toml`), compared by meaning only.
    pub asked: Vec<String>,
}

/// Every searchable unit of the catalog.
pub fn documents(catalog: &Catalog) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for role in &catalog.roles {
        for guide in &role.guides {
            let source = &guide.source.id;
            let mut doc = |kind: DocKind, suffix: String, title: String, body: String| {
                let key = format!("{}/{}/{}/{}", role.id, source, kind.as_str(), suffix);
                let asked = role
                    .asked
                    .iter()
                    .find(|a| a.key == key)
                    .map(|a| a.asked.clone())
                    .unwrap_or_default();
                docs.push(SearchDoc {
                    key,
                    kind,
                    role: role.id.clone(),
                    source: source.clone(),
                    title,
                    body,
                    asked,
                });
            };
            for (i, faq) in guide.faq.iter().enumerate() {
                doc(
                    DocKind::Faq,
                    i.to_string(),
                    faq.question.clone(),
                    faq.answer.clone(),
                );
            }
            for section in guide.sections() {
                // Rungs, pay and certifications are indexed one by one below.
                if matches!(section.key, "ladder" | "certifications" | "pay") {
                    continue;
                }
                doc(
                    DocKind::Section,
                    section.key.to_string(),
                    section.heading,
                    section.body,
                );
            }
            for (i, step) in guide.ladder.iter().enumerate() {
                let levels = step
                    .levels
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                doc(
                    DocKind::Ladder,
                    i.to_string(),
                    format!("{} ({})", step.title, step.years),
                    format!("{}\nLevel: {levels}", ladder_line(step)),
                );
            }
            if let Some(pay) = &guide.pay {
                let mut body = format!("Salary: {}", pay_line(pay));
                if let Some(text) = &pay.text {
                    body.push('\n');
                    body.push_str(text);
                }
                doc(DocKind::Pay, "0".into(), pay.heading.clone(), body);
            }
            for (i, cert) in guide.certifications.iter().enumerate() {
                let issuer = cert
                    .issuer
                    .as_deref()
                    .map(|issuer| format!(" from {issuer}"))
                    .unwrap_or_default();
                let description = cert
                    .description
                    .as_deref()
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default();
                let body = format!(
                    "{} — a certification{issuer} recommended by this guide.{description}",
                    cert.name
                );
                doc(
                    DocKind::Certification,
                    i.to_string(),
                    cert.name.clone(),
                    body,
                );
            }
            for (i, other) in guide.other.iter().enumerate().filter(|(_, o)| o.searchable) {
                doc(
                    DocKind::Section,
                    format!("other-{i}"),
                    other.heading.clone(),
                    other.body.clone(),
                );
            }
        }
        if let Some(bank) = &role.bank {
            for question in &bank.questions {
                let points = question
                    .points
                    .iter()
                    .map(|p| p.point.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
                docs.push(SearchDoc {
                    key: format!("{}/bank/question/{}", role.id, question.id),
                    kind: DocKind::Question,
                    role: role.id.clone(),
                    source: question.source.clone(),
                    title: question.prompt.clone(),
                    body: format!("{} interview question. {points}", question.kind.label()),
                    asked: Vec::new(),
                });
            }
        }
    }
    docs
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    role: Field,
    source: Field,
    title: Field,
    body: Field,
    /// The authored questions, one per line: stored for the semantic side, not indexed.
    asked: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER_NAME)
                // Term frequencies for BM25 only: no query here is a phrase query and passages are
                // found by re-analyzing the body, so positions would only cost build time and disk.
                .set_index_option(IndexRecordOption::WithFreqs),
        )
        .set_stored();
    let fields = Fields {
        key: builder.add_text_field("key", STRING | STORED),
        kind: builder.add_text_field("kind", STRING | STORED),
        role: builder.add_text_field("role", STRING | STORED),
        source: builder.add_text_field("source", STRING | STORED),
        title: builder.add_text_field("title", text.clone()),
        body: builder.add_text_field("body", text),
        asked: builder.add_text_field("asked", STORED),
    };
    (builder.build(), fields)
}

/// Restricts a search.
#[derive(Debug, Clone, Default)]
pub struct Filter<'a> {
    pub kinds: &'a [DocKind],
    pub role: Option<&'a str>,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: SearchDoc,
    pub score: f32,
    /// A passage of the body with the matched words in **bold**. Empty for `suggest`:
    /// autocomplete shows titles, and a passage costs more than the lookup itself.
    pub snippet: String,
    /// Where the hit is in the index, to read its postings (`terms_present`).
    address: DocAddress,
}

/// The open index and the analyzer it was built with.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    analyzer: Analyzer,
    /// Where it lives on disk (None when built in memory).
    pub path: Option<PathBuf>,
    /// True when this process built it (content changed, first start or forced).
    pub rebuilt: bool,
    /// Every unit's vector, when an embedding model is loaded (None: lexical only).
    semantic: Option<Semantic>,
}

/// The semantic side of the index: the encoder and, for every unit in index order, where it is
/// and the vectors of its parts.
///
/// Every vector is centred on the content's mean before use: all of it is about one job, so the
/// raw vectors share a large "backend engineering" component that makes everything look alike
/// ("what skills do I need?" would be as close to a pay rung as to the skills list). Removing the
/// mean leaves what tells one passage from another.
struct Semantic {
    encoder: Arc<dyn Encoder>,
    /// Where content text's vectors are kept (shared with the interview bank's points).
    cache: EmbeddingCache,
    mean: Vec<f32>,
    units: Vec<Unit>,
    by_address: HashMap<(u32, u32), usize>,
}

impl Semantic {
    /// Vectors centred on the content's mean, as every vector compared is.
    fn centred_all(&self, vectors: &[Vec<f32>]) -> Vec<Vec<f32>> {
        vectors.iter().map(|v| centred(v, &self.mean)).collect()
    }

    /// The units a filter admits, in index order.
    fn units_in<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Unit> {
        self.units
            .iter()
            .filter(|u| filter.kinds.is_empty() || filter.kinds.contains(&u.kind))
            .filter(|u| filter.role.is_none_or(|r| r == u.role))
    }
}

struct Unit {
    address: DocAddress,
    kind: DocKind,
    role: String,
    /// Centred vectors of the title, the whole text, and each line or sentence of the body: a
    /// question about one list item ("need GraphQL?") matches that item, not the list's average.
    /// Then the authored questions it answers (`parts[2 + lines.len()..]`).
    parts: Vec<Vec<f32>>,
    /// The texts of the body's lines and sentences (`parts[2..]`), to point at the one matched.
    lines: Vec<String>,
}

/// Which of a unit's vectors a comparison reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The unit's own text (title, whole, lines): how close the guides' words come to a question.
    Text,
    /// Its text and the authored questions it answers: which unit answers a question best.
    TextAndAsked,
    /// Only the authored questions it answers: whether someone asked this before.
    Asked,
}

impl Unit {
    /// How close a query is to this unit: its best match with any part read, and which part.
    fn closest(&self, query: &[f32], reading: Reading) -> (f32, usize) {
        let asked_from = (2 + self.lines.len()).min(self.parts.len());
        let (from, to) = match reading {
            Reading::Text => (0, asked_from),
            Reading::TextAndAsked => (0, self.parts.len()),
            Reading::Asked => (asked_from, self.parts.len()),
        };
        self.parts[from..to]
            .iter()
            .enumerate()
            .map(|(i, part)| (cosine(query, part), from + i))
            .fold((f32::MIN, 0), |best, x| if x.0 > best.0 { x } else { best })
    }
}

/// Lines and long lines' sentences of a body: the parts embedded one by one.
fn body_parts(body: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() >= 3)
    {
        if line.chars().count() <= 160 {
            parts.push(line.to_string());
            continue;
        }
        let mut sentence = String::new();
        for piece in line.split_inclusive(". ") {
            sentence.push_str(piece);
            if sentence.chars().count() >= 40 {
                parts.push(sentence.trim().to_string());
                sentence.clear();
            }
        }
        if !sentence.trim().is_empty() {
            parts.push(sentence.trim().to_string());
        }
    }
    parts
}

/// Text as the model should read it: ids such as `site-reliability-engineer` as words.
fn readable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let between_letters = i > 0
                && i + 1 < chars.len()
                && chars[i - 1].is_alphabetic()
                && chars[i + 1].is_alphabetic();
            if c == '-' && between_letters {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// `vector` minus `mean`, back to unit length.
fn centred(vector: &[f32], mean: &[f32]) -> Vec<f32> {
    let mut out: Vec<f32> = vector.iter().zip(mean).map(|(v, m)| v - m).collect();
    let norm = out.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        out.iter_mut().for_each(|x| *x /= norm);
    }
    out
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("path", &self.path)
            .field("rebuilt", &self.rebuilt)
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index for this content under `index_dir`, building it first if the content (or
    /// the schema) changed since it was built. `force` rebuilds regardless.
    pub fn open_or_build(catalog: &Catalog, index_dir: &Path, force: bool) -> Result<SearchIndex> {
        let analyzer = Analyzer::new(&catalog.synonyms);
        let docs = documents(catalog);
        let name = format!(
            "v{SCHEMA_VERSION}-{:016x}",
            index_fingerprint(catalog, &docs)
        );
        let path = index_dir.join(&name);
        let complete = path.join("complete");
        if !force && complete.exists() {
            if let Ok(index) = Index::open_in_dir(&path) {
                return SearchIndex::wrap(index, analyzer, Some(path), false);
            }
        }
        std::fs::create_dir_all(index_dir)
            .map_err(|e| Error::io(format!("creating {}", index_dir.display()), e))?;
        // Build beside the final place, then rename: another process never sees a partial index.
        let staging = index_dir.join(format!(
            ".{name}.building-{}-{}",
            std::process::id(),
            nanos()
        ));
        std::fs::create_dir_all(&staging)
            .map_err(|e| Error::io(format!("creating {}", staging.display()), e))?;
        let (schema, _) = schema();
        let index = Index::create_in_dir(&staging, schema)?;
        write_documents(&index, &analyzer, docs)?;
        std::fs::write(
            staging.join("complete"),
            format!("{:016x}\n", catalog.fingerprint),
        )
        .map_err(|e| Error::io("writing the index marker", e))?;
        if force && path.exists() {
            let _ = std::fs::remove_dir_all(&path);
        }
        if std::fs::rename(&staging, &path).is_err() {
            // Another process finished first; theirs is identical.
            let _ = std::fs::remove_dir_all(&staging);
        }
        remove_stale(index_dir, &name);
        let index = Index::open_in_dir(&path)?;
        SearchIndex::wrap(index, analyzer, Some(path), true)
    }

    /// The complete index named `name` in `index_dir` (a name a snapshot of this catalog
    /// recorded, which saves deriving every document to name it), or else as `open_or_build`.
    pub fn open_named(catalog: &Catalog, index_dir: &Path, name: &str) -> Result<SearchIndex> {
        let path = index_dir.join(name);
        if path.join("complete").exists() {
            if let Ok(index) = Index::open_in_dir(&path) {
                let analyzer = Analyzer::new(&catalog.synonyms);
                return SearchIndex::wrap(index, analyzer, Some(path), false);
            }
        }
        SearchIndex::open_or_build(catalog, index_dir, false)
    }

    /// An index in memory (tests and benches).
    pub fn in_memory(catalog: &Catalog) -> Result<SearchIndex> {
        let analyzer = Analyzer::new(&catalog.synonyms);
        let (schema, _) = schema();
        let index = Index::create_in_ram(schema);
        write_documents(&index, &analyzer, documents(catalog))?;
        SearchIndex::wrap(index, analyzer, None, true)
    }

    fn wrap(
        index: Index,
        analyzer: Analyzer,
        path: Option<PathBuf>,
        rebuilt: bool,
    ) -> Result<SearchIndex> {
        index
            .tokenizers()
            .register(TOKENIZER_NAME, analyzer.clone());
        let (_, fields) = schema();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            reader,
            fields,
            analyzer,
            path,
            rebuilt,
            semantic: None,
        })
    }

    /// Adds the semantic side: every unit's vectors, from `cache` where the text is unchanged,
    /// embedded by `encoder` otherwise.
    pub fn with_semantics(
        mut self,
        encoder: Arc<dyn Encoder>,
        cache: &EmbeddingCache,
    ) -> Result<SearchIndex> {
        let searcher = self.reader.searcher();
        let mut docs = Vec::new();
        for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
            for doc_id in reader.doc_ids_alive() {
                let address = DocAddress::new(segment_ord as u32, doc_id);
                docs.push((address, self.stored(&searcher, address)?));
            }
        }
        // Per unit: title, whole, then each body part, all as the model should read them.
        let lines: Vec<Vec<String>> = docs.iter().map(|(_, d)| body_parts(&d.body)).collect();
        // Then the authored questions it answers.
        let mut texts: Vec<String> = Vec::new();
        let mut guide_text: Vec<bool> = Vec::new();
        for ((_, doc), lines) in docs.iter().zip(&lines) {
            texts.push(readable(&doc.title));
            texts.push(readable(&format!("{}\n{}", doc.title, doc.body)));
            texts.extend(lines.iter().map(|l| readable(l)));
            guide_text.resize(texts.len(), true);
            texts.extend(doc.asked.iter().cloned());
            guide_text.resize(texts.len(), false);
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let vectors = cache.vectors(&*encoder, &refs)?;
        let dims = vectors.first().map_or(0, Vec::len);
        // The centre is the guides' own text: how many questions are authored must not move it.
        let mut mean = vec![0.0f32; dims];
        let mut counted = 0usize;
        for (vector, _) in vectors.iter().zip(&guide_text).filter(|(_, g)| **g) {
            mean.iter_mut().zip(vector).for_each(|(m, v)| *m += v);
            counted += 1;
        }
        mean.iter_mut().for_each(|m| *m /= counted.max(1) as f32);
        let mut vectors = vectors.into_iter().map(|v| centred(&v, &mean));
        let units: Vec<Unit> = docs
            .into_iter()
            .zip(lines)
            .map(|((address, doc), lines)| Unit {
                address,
                kind: doc.kind,
                role: doc.role,
                parts: vectors
                    .by_ref()
                    .take(2 + lines.len() + doc.asked.len())
                    .collect(),
                lines,
            })
            .collect();
        let by_address = units
            .iter()
            .enumerate()
            .map(|(i, u)| ((u.address.segment_ord, u.address.doc_id), i))
            .collect();
        self.semantic = Some(Semantic {
            encoder,
            cache: cache.clone(),
            mean,
            units,
            by_address,
        });
        Ok(self)
    }

    /// Whether answers are ranked by meaning too (an embedding model is loaded).
    pub fn has_semantics(&self) -> bool {
        self.semantic.is_some()
    }

    /// The model's word list (see [`Encoder::dictionary`]); empty without the model.
    pub fn dictionary(&self) -> Vec<String> {
        self.semantic
            .as_ref()
            .map(|s| s.encoder.dictionary())
            .unwrap_or_default()
    }

    /// The encoder, when one is loaded (interview scoring shares it).
    pub fn encoder(&self) -> Option<&Arc<dyn Encoder>> {
        self.semantic.as_ref().map(|s| &s.encoder)
    }

    /// The encoder for content text (rubric points, red flags): cached on disk by text, like the
    /// index's own passages, so a process start embeds only what changed.
    pub fn content_encoder(&self) -> Option<Arc<dyn Encoder>> {
        let semantic = self.semantic.as_ref()?;
        Some(Arc::new(CachedEncoder::new(
            semantic.encoder.clone(),
            semantic.cache.clone(),
        )))
    }

    /// Writes the content vectors embedded since the cache file was read, and lets go of the
    /// file's contents: call it once the content's derived data is prepared.
    pub fn flush_embeddings(&self) {
        if let Some(semantic) = &self.semantic {
            semantic.cache.flush();
        }
    }

    /// The vectors of authored content text (glosses), cached on disk like the passages' and
    /// centred like them; None without a model.
    pub fn embed_content(&self, texts: &[&str]) -> Result<Option<Vec<Vec<f32>>>> {
        let Some(semantic) = &self.semantic else {
            return Ok(None);
        };
        let vectors = semantic.cache.vectors(&*semantic.encoder, texts)?;
        Ok(Some(semantic.centred_all(&vectors)))
    }

    /// The vector of user text (centred like the content's), or None without a model.
    pub fn embed(&self, text: &str) -> Result<Option<Vec<f32>>> {
        let Some(semantic) = &self.semantic else {
            return Ok(None);
        };
        let vector = semantic.encoder.encode_question(text)?;
        Ok(Some(centred(&vector, &semantic.mean)))
    }

    /// The vectors of several pieces of user text in one pass of the model (centred like the
    /// content's), or None without a model.
    pub fn embed_each(&self, texts: &[&str]) -> Result<Option<Vec<Vec<f32>>>> {
        let Some(semantic) = &self.semantic else {
            return Ok(None);
        };
        let vectors = semantic.encoder.encode(texts)?;
        Ok(Some(semantic.centred_all(&vectors)))
    }

    /// The units closest in meaning to `query`, best first, scored by cosine similarity.
    pub fn nearest(
        &self,
        query: &[f32],
        filter: &Filter,
        limit: usize,
        reading: Reading,
    ) -> Result<Vec<Hit>> {
        let Some(semantic) = &self.semantic else {
            return Ok(Vec::new());
        };
        let mut scored: Vec<(f32, usize, &Unit)> = semantic
            .units_in(filter)
            .enumerate()
            .map(|(at, u)| (u.closest(query, reading).0, at, u))
            .collect();
        // Best first, ties in unit order; only the `limit` best are put in order, since callers
        // ask for one to six of many thousand units at scale.
        let order = |a: &(f32, usize, &Unit), b: &(f32, usize, &Unit)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        };
        if limit < scored.len() {
            scored.select_nth_unstable_by(limit, order);
            scored.truncate(limit);
        }
        scored.sort_unstable_by(order);
        let searcher = self.reader.searcher();
        scored
            .into_iter()
            .map(|(score, _, unit)| {
                Ok(Hit {
                    doc: self.stored(&searcher, unit.address)?,
                    score,
                    snippet: String::new(),
                    address: unit.address,
                })
            })
            .collect()
    }

    /// How close in meaning the nearest unit the filter admits is to `query`: the score
    /// [`Self::nearest`] would give its first hit, without fetching that hit's stored document
    /// (None without a model or without such a unit).
    pub fn nearest_closeness(
        &self,
        query: &[f32],
        filter: &Filter,
        reading: Reading,
    ) -> Option<f32> {
        self.semantic
            .as_ref()?
            .units_in(filter)
            .map(|u| u.closest(query, reading).0)
            .reduce(f32::max)
    }

    /// How close in meaning a hit is to `query` (None without a model).
    pub fn similarity(&self, query: &[f32], hit: &Hit) -> Option<f32> {
        Some(self.unit(hit)?.closest(query, Reading::Text).0)
    }

    /// The line or sentence of a hit's body closest in meaning to `query`, when that is closer
    /// than its title or whole text: the list item that answers the question.
    pub fn closest_line(&self, query: &[f32], hit: &Hit) -> Option<&str> {
        let unit = self.unit(hit)?;
        let (_, at) = unit.closest(query, Reading::Text);
        at.checked_sub(2).map(|i| unit.lines[i].as_str())
    }

    fn unit(&self, hit: &Hit) -> Option<&Unit> {
        let semantic = self.semantic.as_ref()?;
        let at = semantic
            .by_address
            .get(&(hit.address.segment_ord, hit.address.doc_id))?;
        semantic.units.get(*at)
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Number of indexed units.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn filtered(&self, text_query: Box<dyn Query>, filter: &Filter) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query)];
        if !filter.kinds.is_empty() {
            let kinds: Vec<(Occur, Box<dyn Query>)> = filter
                .kinds
                .iter()
                .map(|k| {
                    let term = Term::from_field_text(self.fields.kind, k.as_str());
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                    )
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        if let Some(role) = filter.role {
            let term = Term::from_field_text(self.fields.role, role);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The analyzed, de-duplicated terms of user text (at most 32: longer input adds nothing).
    pub fn query_terms(&self, text: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        self.analyzer
            .query_terms(text)
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .take(32)
            .collect()
    }

    /// Full-text search: exact terms score by BM25, misspellings are caught by fuzzy terms within
    /// each word's typo budget (scored lower than an exact match).
    pub fn search(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let terms = self.query_terms(text);
        let mut hits = self.ranked(&terms, filter, limit)?;
        // Passages only for the hits returned: analyzing a body is the dearest step of a search.
        for hit in &mut hits {
            hit.snippet = self.snippet(&hit.doc.body, &terms);
        }
        Ok(hits)
    }

    /// `search` without passages (`snippet` is empty), for callers that rerank many hits and
    /// show a few: they ask `snippet` for the ones they show.
    pub fn search_ranked(&self, text: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        self.ranked(&self.query_terms(text), filter, limit)
    }

    /// The hits for already analyzed query terms, best first, without passages.
    fn ranked(&self, terms: &[String], filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for term in terms {
            // A word the content uses is taken as meant: looking for its near spellings costs
            // more than the rest of the search (a Levenshtein automaton walked over the term
            // dictionary), and would mostly add noise. Only unknown words are treated as typos.
            let known = [self.fields.title, self.fields.body].iter().any(|&field| {
                searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .is_ok_and(|n| n > 0)
            });
            for (field, boost) in [(self.fields.title, 2.0), (self.fields.body, 1.0)] {
                let exact = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), boost)),
                ));
                let budget = if known || self.analyzer.is_synonym_term(term) {
                    0
                } else {
                    typo_budget(term)
                };
                if budget > 0 {
                    let fuzzy =
                        FuzzyTermQuery::new(Term::from_field_text(field, term), budget, true);
                    clauses.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(fuzzy), boost * 0.5)),
                    ));
                }
            }
        }
        let query = self.filtered(Box::new(BooleanQuery::new(clauses)), filter);
        // Fetch a few extra, then favour FAQ entries: people ask questions, and an FAQ entry is
        // the guide's own answer to one.
        let mut hits = self.collect(&*query, limit + 8)?;
        for hit in &mut hits {
            if hit.doc.kind == DocKind::Faq {
                hit.score *= FAQ_WEIGHT;
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        Ok(hits)
    }

    /// For each hit, which of `terms` (analyzed terms) its title or body holds, read from the
    /// index's postings rather than by analyzing the text again (which, for twenty long
    /// passages, costs more than the search).
    pub fn terms_present(&self, hits: &[Hit], terms: &[String]) -> Result<Vec<HashSet<String>>> {
        use tantivy::{DocSet, TERMINATED};
        let searcher = self.reader.searcher();
        let mut present = vec![HashSet::new(); hits.len()];
        // Hits in index order, so each posting list is read once, forwards.
        let mut order: Vec<usize> = (0..hits.len()).collect();
        order.sort_by_key(|&i| (hits[i].address.segment_ord, hits[i].address.doc_id));
        for segment in
            order.chunk_by(|&a, &b| hits[a].address.segment_ord == hits[b].address.segment_ord)
        {
            let reader = searcher.segment_reader(hits[segment[0]].address.segment_ord);
            for field in [self.fields.title, self.fields.body] {
                let inverted = reader.inverted_index(field)?;
                for term in terms {
                    let indexed = Term::from_field_text(field, term);
                    let Some(mut postings) = inverted
                        .read_postings(&indexed, IndexRecordOption::Basic)
                        .map_err(|e| Error::io("reading the index's postings", e))?
                    else {
                        continue;
                    };
                    for &i in segment {
                        let doc = hits[i].address.doc_id;
                        let at = if postings.doc() < doc {
                            postings.seek(doc)
                        } else {
                            postings.doc()
                        };
                        if at == TERMINATED {
                            break;
                        }
                        if at == doc {
                            present[i].insert(term.clone());
                        }
                    }
                }
            }
        }
        Ok(present)
    }

    /// Suggestions for a partly typed title, as hits without passages: every finished word must match (with its typo
    /// budget), the last word may be a prefix (typo-tolerant only from four letters).
    pub fn suggest(&self, partial: &str, filter: &Filter, limit: usize) -> Result<Vec<Hit>> {
        let terms = self.query_terms(partial);
        let ends_in_space = partial.ends_with(char::is_whitespace);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let title = self.fields.title;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            let last = i + 1 == terms.len() && !ends_in_space;
            let synonym = self.analyzer.is_synonym_term(term);
            let exact: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(TermQuery::new(
                    Term::from_field_text(title, term),
                    IndexRecordOption::WithFreqs,
                )),
                2.0,
            ));
            let loose: Option<Box<dyn Query>> = if last && !synonym {
                let budget = if term.chars().count() >= 4 { 1 } else { 0 };
                Some(Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(title, term),
                    budget,
                    true,
                )))
            } else {
                let budget = if synonym { 0 } else { typo_budget(term) };
                (budget > 0).then(|| {
                    Box::new(FuzzyTermQuery::new(
                        Term::from_field_text(title, term),
                        budget,
                        true,
                    )) as Box<dyn Query>
                })
            };
            let word: Box<dyn Query> = match loose {
                Some(loose) => Box::new(BooleanQuery::new(vec![
                    (Occur::Should, exact),
                    (Occur::Should, loose),
                ])),
                None => exact,
            };
            clauses.push((Occur::Should, word));
        }
        let query = self.filtered(Box::new(BooleanQuery::new(clauses)), filter);
        self.collect(&*query, limit)
    }

    /// The top hits of a query, without passages.
    fn collect(&self, query: &dyn Query, limit: usize) -> Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let top = searcher.search(query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            hits.push(Hit {
                doc: self.stored(&searcher, address)?,
                score,
                snippet: String::new(),
                address,
            });
        }
        Ok(hits)
    }

    /// The unit stored at `address`.
    fn stored(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<SearchDoc> {
        let stored: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Ok(SearchDoc {
            key: text(self.fields.key),
            kind: DocKind::parse(&text(self.fields.kind)).unwrap_or(DocKind::Section),
            role: text(self.fields.role),
            source: text(self.fields.source),
            title: text(self.fields.title),
            body: text(self.fields.body),
            asked: text(self.fields.asked)
                .lines()
                .map(str::to_string)
                .collect(),
        })
    }

    /// Highlights the query's words in `body`, counting misspelled query words that are within
    /// their typo budget of a word of the body. The body is analyzed once; the passage chosen is
    /// the one tantivy's `SnippetGenerator` would choose (the best-scoring window of at most
    /// `SNIPPET_CHARS` bytes, the first among equals).
    pub fn snippet(&self, body: &str, terms: &[String]) -> String {
        let tokens = self.analyzer.tokens(body);
        let mut wanted: HashMap<&str, f32> = terms.iter().map(|t| (t.as_str(), 1.0)).collect();
        let fuzzy: Vec<(&str, usize, usize)> = terms
            .iter()
            .map(|t| (t.as_str(), t.chars().count(), typo_budget(t) as usize))
            .filter(|(_, _, budget)| *budget > 0)
            .collect();
        if !fuzzy.is_empty() {
            let mut checked: HashSet<&str> = HashSet::new();
            for token in &tokens {
                let text = token.text.as_str();
                if wanted.contains_key(text) || !checked.insert(text) {
                    continue;
                }
                let length = text.chars().count();
                let close = fuzzy.iter().any(|(term, term_length, budget)| {
                    term_length.abs_diff(length) <= *budget
                        && edit_distance(term, text, *budget) <= *budget
                });
                if close {
                    wanted.insert(text, 0.5);
                }
            }
        }
        let Some(fragment) = best_fragment(&tokens, &wanted, SNIPPET_CHARS) else {
            return crate::reply::truncate_chars(body, 200);
        };
        let mut out = String::new();
        let mut at = fragment.start;
        for range in &fragment.highlighted {
            out.push_str(&body[at..range.start]);
            out.push_str("**");
            out.push_str(&body[range.clone()]);
            out.push_str("**");
            at = range.end;
        }
        out.push_str(&body[at..fragment.end]);
        format!(
            "{}{}{}",
            if fragment.start > 0 { "…" } else { "" },
            out.trim(),
            if fragment.end < body.len() { "…" } else { "" }
        )
    }
}

/// Longest passage shown for a hit, in bytes of the body.
const SNIPPET_CHARS: usize = 220;

/// A window of the body and the ranges in it to highlight.
#[derive(Debug, PartialEq)]
struct Fragment {
    start: usize,
    end: usize,
    score: f32,
    highlighted: Vec<std::ops::Range<usize>>,
}

/// The best window of at most `max` bytes over `tokens`: the same windows and the same choice as
/// tantivy's snippet generator, without analyzing the text a second time. None when no token of
/// the body is wanted.
fn best_fragment(
    tokens: &[tantivy::tokenizer::Token],
    wanted: &HashMap<&str, f32>,
    max: usize,
) -> Option<Fragment> {
    let mut best: Option<Fragment> = None;
    let mut current = Fragment {
        start: 0,
        end: 0,
        score: 0.0,
        highlighted: Vec::new(),
    };
    let finish = |fragment: Fragment, best: &mut Option<Fragment>| {
        // Strictly better only: among equal scores the earliest window wins.
        if fragment.score > 0.0 && best.as_ref().is_none_or(|b| fragment.score > b.score) {
            *best = Some(fragment);
        }
    };
    for token in tokens {
        if token.offset_to - current.start > max {
            let next = Fragment {
                start: token.offset_from,
                end: token.offset_from,
                score: 0.0,
                highlighted: Vec::new(),
            };
            finish(std::mem::replace(&mut current, next), &mut best);
        }
        current.end = token.offset_to;
        if let Some(score) = wanted.get(token.text.as_str()) {
            current.score += score;
            current.highlighted.push(token.offset_from..token.offset_to);
        }
    }
    finish(current, &mut best);
    best
}

/// Names the index build: the content files (synonyms change tokenization) and the documents
/// derived from them, so editing either the content or the code that derives documents rebuilds.
fn index_fingerprint(catalog: &Catalog, docs: &[SearchDoc]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    catalog.fingerprint.hash(&mut hasher);
    for doc in docs {
        (
            &doc.key,
            doc.kind.as_str(),
            &doc.role,
            &doc.source,
            &doc.title,
            &doc.body,
            &doc.asked,
        )
            .hash(&mut hasher);
    }
    hasher.finish()
}

fn write_documents(index: &Index, analyzer: &Analyzer, docs: Vec<SearchDoc>) -> Result<()> {
    index
        .tokenizers()
        .register(TOKENIZER_NAME, analyzer.clone());
    let (_, fields) = schema();
    let threads = if docs.len() >= TWO_WRITER_THREADS_FROM {
        2
    } else {
        1
    };
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(threads, threads * INDEX_WRITER_MEMORY_BYTES)?;
    for doc in docs {
        let mut stored = TantivyDocument::default();
        stored.add_text(fields.key, &doc.key);
        stored.add_text(fields.kind, doc.kind.as_str());
        stored.add_text(fields.role, &doc.role);
        stored.add_text(fields.source, &doc.source);
        stored.add_text(fields.title, &doc.title);
        stored.add_text(fields.body, &doc.body);
        stored.add_text(fields.asked, doc.asked.join("\n"));
        writer.add_document(stored)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Removes indexes of older content (best effort: a process still reading one keeps its files
/// open, which Unix allows).
fn remove_stale(index_dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let building = name.starts_with('.') && name.contains(".building-");
        let old_version = name.starts_with('v') && name != keep;
        // Leave other processes' in-progress builds alone unless they are clearly abandoned.
        let abandoned = building
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|e| e.as_secs() > 600));
        if old_version || abandoned {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::Schema;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::TextAnalyzer;

    use super::*;

    /// Reading term presence from the postings agrees with analyzing each hit's title and body.
    #[test]
    fn terms_present_agrees_with_analyzing_the_text() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let catalog = Catalog::load(&content).unwrap();
        let index = SearchIndex::in_memory(&catalog).unwrap();
        let mut checked = 0;
        for query in [
            "senior backend engineer salary",
            "kubernetes docker certification aws",
            "how do I get hired without a degree",
            "postgres redis kafka queue cache",
        ] {
            let hits = index.search_ranked(query, &Filter::default(), 20).unwrap();
            let terms = index.query_terms(query);
            let present = index.terms_present(&hits, &terms).unwrap();
            for (hit, present) in hits.iter().zip(&present) {
                let mut analyzed: HashSet<String> =
                    index.analyzer.terms(&hit.doc.title).into_iter().collect();
                analyzed.extend(index.analyzer.terms(&hit.doc.body));
                let expected: HashSet<String> = terms
                    .iter()
                    .filter(|t| analyzed.contains(*t))
                    .cloned()
                    .collect();
                assert_eq!(present, &expected, "{query}: {}", hit.doc.key);
                checked += usize::from(!expected.is_empty());
            }
        }
        assert!(checked > 20, "hits with terms were checked: {checked}");
    }

    /// The passage chooser gives exactly tantivy's snippet (same window, same highlights) while
    /// analyzing the body only once.
    #[test]
    fn best_fragment_matches_tantivys_snippet_generator() {
        let analyzer = Analyzer::with_synonyms(&[&["postgres", "postgresql"]]);
        let field = Schema::builder().add_text_field("body", tantivy::schema::TEXT);
        let long = "Backend engineers design APIs. ".repeat(12)
            + "Salaries for senior engineers reach $210,000 with PostgreSQL skills. "
            + &"Queues and caches keep systems fast. ".repeat(10)
            + "Senior salary bands differ by region.";
        let cases: Vec<(&str, Vec<(&str, f32)>)> = vec![
            (long.as_str(), vec![("salari", 1.0), ("senior", 1.0)]),
            (long.as_str(), vec![("postgr", 1.0), ("queue", 0.5)]),
            (long.as_str(), vec![("design", 1.0)]),
            ("Short body about caching.", vec![("cach", 1.0)]),
            ("Nothing matches here.", vec![("kubernet", 1.0)]),
            ("", vec![("x", 1.0)]),
        ];
        for (body, wanted) in cases {
            let tokens = analyzer.tokens(body);
            let ours = best_fragment(&tokens, &wanted.iter().copied().collect(), SNIPPET_CHARS);
            let terms: BTreeMap<String, f32> =
                wanted.iter().map(|(t, s)| (t.to_string(), *s)).collect();
            let generator = SnippetGenerator::new(
                terms,
                TextAnalyzer::from(analyzer.clone()),
                field,
                SNIPPET_CHARS,
            );
            let theirs = generator.snippet(body);
            match ours {
                None => assert!(theirs.fragment().is_empty(), "{body:?}"),
                Some(fragment) => {
                    assert_eq!(
                        fragment.start..fragment.end,
                        theirs.fragment_range(),
                        "{wanted:?}"
                    );
                    let shifted: Vec<_> = fragment
                        .highlighted
                        .iter()
                        .map(|r| r.start - fragment.start..r.end - fragment.start)
                        .collect();
                    assert_eq!(shifted, theirs.highlighted(), "{wanted:?}");
                }
            }
        }
    }
}

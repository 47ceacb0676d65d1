//! `Library`: everything derived from one version of `content/` — the catalog, its search index
//! (with the vectors of its units) and the caches built from them (spelling vocabulary,
//! autocomplete postings, scoring banks, the analyzed pay and level words, vectors of the
//! server's staff entries). One value per content version, owned by `App` and swapped whole by a
//! reload, so no question ever mixes two versions and no cache outlives the content it was built
//! from (there are no process-global caches of content).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::content::Catalog;
use crate::guidance::glossary::Glossary;
use crate::guidance::intent::PayWords;
use crate::guidance::suggest::Suggester;
use crate::guidance::vocabulary::Vocabulary;
use crate::interview::score::{ScoringBank, ScoringWords};
use crate::search::SearchIndex;

pub struct Library {
    pub catalog: Catalog,
    pub search: SearchIndex,
    vocabulary: OnceLock<Arc<Vocabulary>>,
    glossary: OnceLock<Glossary>,
    suggesters: Mutex<HashMap<&'static str, Arc<Suggester>>>,
    scoring: Mutex<HashMap<String, Arc<ScoringBank>>>,
    /// The scorer's word lists, analyzed once for every role's bank.
    scoring_words: OnceLock<ScoringWords>,
    /// The pay and level words a question is read with, analyzed once.
    pay_words: OnceLock<PayWords>,
    /// Vectors of staff entries' questions, by their text: the model is fixed for a library, the
    /// entries change, so a text is embedded once and kept (a few hundred at most per server).
    staff_vectors: Mutex<HashMap<String, Vec<f32>>>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library")
            .field("fingerprint", &self.catalog.fingerprint)
            .field("roles", &self.catalog.roles.len())
            .field("search", &self.search)
            .finish()
    }
}

/// Locks a cache, recovering from a panic in another holder (the map is still consistent: every
/// insert is one call).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Library {
    pub fn new(catalog: Catalog, search: SearchIndex) -> Library {
        Library {
            catalog,
            search,
            vocabulary: OnceLock::new(),
            glossary: OnceLock::new(),
            suggesters: Mutex::new(HashMap::new()),
            scoring: Mutex::new(HashMap::new()),
            scoring_words: OnceLock::new(),
            pay_words: OnceLock::new(),
            staff_vectors: Mutex::new(HashMap::new()),
        }
    }

    /// The pay and level words, read by this library's analyzer on first use.
    pub fn pay_words(&self) -> &PayWords {
        self.pay_words
            .get_or_init(|| PayWords::new(self.search.analyzer()))
    }

    /// This library with its vocabulary already counted (read back from a snapshot).
    pub fn with_vocabulary(self, counted: Vocabulary) -> Library {
        let vocabulary = counted.with_dictionary(self.search.dictionary());
        let _ = self.vocabulary.set(Arc::new(vocabulary));
        self
    }

    /// The content's words and weights, built on first use.
    pub fn vocabulary(&self) -> Arc<Vocabulary> {
        self.vocabulary
            .get_or_init(|| {
                let started = std::time::Instant::now();
                let vocabulary = Arc::new(
                    Vocabulary::of_catalog(
                        &self.catalog,
                        self.search.analyzer(),
                        &crate::guidance::intent::cue_words(),
                    )
                    .with_dictionary(self.search.dictionary()),
                );
                tracing::debug!(took = ?started.elapsed(), "vocabulary counted");
                vocabulary
            })
            .clone()
    }

    /// The things the guides name and their descriptions' vectors, built on first use (an empty
    /// glossary, which describes nothing, if embedding them fails).
    pub fn glossary(&self) -> &Glossary {
        self.glossary.get_or_init(|| {
            Glossary::of(&self.catalog, &self.search).unwrap_or_else(|error| {
                tracing::warn!(%error, "embedding the glossary failed; questions are read by their words");
                Glossary::default()
            })
        })
    }

    /// The suggester of one candidate list, built on first use.
    pub fn suggester(
        &self,
        list: &'static str,
        build: impl FnOnce(&Library) -> Suggester,
    ) -> Arc<Suggester> {
        if let Some(found) = lock(&self.suggesters).get(list) {
            return found.clone();
        }
        // Built outside the lock: two first users may both build; the first stored wins.
        let built = Arc::new(build(self));
        lock(&self.suggesters).entry(list).or_insert(built).clone()
    }

    /// The scorer's word lists analyzed with this content's analyzer, built on first use.
    pub fn scoring_words(&self) -> ScoringWords {
        self.scoring_words
            .get_or_init(|| crate::interview::score::scoring_words(self.search.analyzer()))
            .clone()
    }

    /// The scoring bank of a role, built on first use.
    pub fn scoring_bank(
        &self,
        role_id: &str,
        build: impl FnOnce() -> ScoringBank,
    ) -> Arc<ScoringBank> {
        if let Some(found) = lock(&self.scoring).get(role_id) {
            return found.clone();
        }
        let built = Arc::new(build());
        lock(&self.scoring)
            .entry(role_id.to_string())
            .or_insert(built)
            .clone()
    }

    /// The vector of a staff entry's question (None without the model).
    pub fn staff_vector(&self, text: &str) -> crate::error::Result<Option<Vec<f32>>> {
        if let Some(found) = lock(&self.staff_vectors).get(text) {
            return Ok(Some(found.clone()));
        }
        let Some(vector) = self.search.embed(text)? else {
            return Ok(None);
        };
        lock(&self.staff_vectors).insert(text.to_string(), vector.clone());
        Ok(Some(vector))
    }
}

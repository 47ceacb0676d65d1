//! Vectors of content text, kept on disk in `embeddings-<model id>.bin` and keyed by a hash
//! of the text: a content change re-embeds only the passages whose text changed, and a start with
//! unchanged content embeds nothing. Written whole to a temporary file and renamed, so a reader
//! never sees half a file; an unreadable file is treated as empty (it is derived data). Read once
//! per batch of work and written once at its end (`flush`), however many callers ask.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::minilm::identity;
use super::Encoder;
use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"CBEMB01\n";
/// Past this many vectors (about 150 MB) the file keeps only the texts asked for since it was read.
const MAX_ENTRIES: usize = 100_000;

/// A handle on one cache file. Clones share what was read: the file is read once however many
/// callers ask (one per role's rubric, and there can be thousands of roles), and written once by
/// [`EmbeddingCache::flush`] (or when the last clone goes), not after every call.
#[derive(Debug, Clone)]
pub struct EmbeddingCache {
    shared: Option<Arc<Shared>>,
}

#[derive(Debug)]
struct Shared {
    path: PathBuf,
    state: Mutex<State>,
}

/// What was read from the file and embedded since, until the next flush.
#[derive(Debug, Default)]
struct State {
    known: Option<HashMap<u64, Vec<f32>>>,
    /// The texts asked for since the file was read: what the file keeps when it grows too big.
    asked: HashSet<u64>,
    /// Something was embedded that the file does not hold yet.
    dirty: bool,
}

impl EmbeddingCache {
    /// A cache in `dir` for `encoder`'s vectors.
    pub fn in_dir(dir: &Path, encoder: &dyn Encoder) -> EmbeddingCache {
        EmbeddingCache {
            shared: Some(Arc::new(Shared {
                path: dir.join(format!("embeddings-{}.bin", encoder.id())),
                state: Mutex::new(State::default()),
            })),
        }
    }

    /// No cache: every text is embedded.
    pub fn none() -> EmbeddingCache {
        EmbeddingCache { shared: None }
    }

    /// The vectors of `texts`, in order: read from the cache where present, embedded otherwise.
    /// The file is read on the first call after a flush; what is embedded is written by the
    /// next flush (the index's passages and the interview bank's points share it).
    pub fn vectors(&self, encoder: &dyn Encoder, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let Some(shared) = &self.shared else {
            return encoder.encode(texts);
        };
        let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        let known = state.known.get_or_insert_with(|| read(&shared.path));
        let keys: Vec<u64> = texts.iter().map(|t| identity(&[t.as_bytes()])).collect();
        state.asked.extend(keys.iter().copied());
        let missing: Vec<usize> = (0..texts.len())
            .filter(|&i| !known.contains_key(&keys[i]))
            .collect();
        if !missing.is_empty() {
            let wanted: Vec<&str> = missing.iter().map(|&i| texts[i]).collect();
            let fresh = encoder.encode(&wanted)?;
            for (&i, vector) in missing.iter().zip(fresh) {
                known.insert(keys[i], vector);
            }
            state.dirty = true;
        }
        Ok(keys.iter().map(|k| known[k].clone()).collect())
    }

    /// Writes what was embedded since the file was read, and lets go of what was read: the next
    /// call reads the file again. Call it when a batch of work is done (the index built, the
    /// rubrics prepared), so a long-lived process does not keep every vector twice.
    pub fn flush(&self) {
        if let Some(shared) = &self.shared {
            shared.flush();
        }
    }
}

impl Shared {
    fn flush(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = std::mem::take(&mut *state);
        if let (true, Some(known)) = (state.dirty, &state.known) {
            // A cache that cannot be written (a read-only image) costs time, not answers.
            if let Err(error) = write(&self.path, &state.asked, known) {
                tracing::debug!(%error, "embedding cache not written");
            }
        }
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        self.flush();
    }
}

fn read(path: &Path) -> HashMap<u64, Vec<f32>> {
    let Ok(bytes) = std::fs::read(path) else {
        return HashMap::new();
    };
    parse(&bytes).unwrap_or_default()
}

fn parse(bytes: &[u8]) -> Option<HashMap<u64, Vec<f32>>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let dims = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let rest = &rest[4..];
    let record = 8 + dims * 4;
    if dims == 0 || rest.len() % record != 0 {
        return None;
    }
    let mut map = HashMap::with_capacity(rest.len() / record);
    for chunk in rest.chunks_exact(record) {
        let key = u64::from_le_bytes(chunk[..8].try_into().ok()?);
        let vector = chunk[8..]
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        map.insert(key, vector);
    }
    Some(map)
}

fn write(path: &Path, asked: &HashSet<u64>, known: &HashMap<u64, Vec<f32>>) -> Result<()> {
    let dims = known.values().next().map_or(0, Vec::len);
    let mut bytes = MAGIC.to_vec();
    bytes.extend_from_slice(&(dims as u32).to_le_bytes());
    let kept: Vec<u64> = if known.len() > MAX_ENTRIES {
        asked.iter().copied().collect()
    } else {
        known.keys().copied().collect()
    };
    for key in &kept {
        bytes.extend_from_slice(&key.to_le_bytes());
        for value in &known[key] {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("creating {}", dir.display()), e))?;
    }
    let staging = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&staging, &bytes)
        .map_err(|e| Error::io(format!("writing {}", staging.display()), e))?;
    std::fs::rename(&staging, path)
        .map_err(|e| Error::io(format!("renaming {}", staging.display()), e))
}

/// An encoder for content text (passages, rubric points): the same vectors as `inner`, read from
/// the cache when the text was embedded before. Not for user text, which rarely repeats and
/// would rewrite the file on every question.
pub struct CachedEncoder {
    inner: std::sync::Arc<dyn Encoder>,
    cache: EmbeddingCache,
}

impl CachedEncoder {
    pub fn new(inner: std::sync::Arc<dyn Encoder>, cache: EmbeddingCache) -> CachedEncoder {
        CachedEncoder { inner, cache }
    }
}

impl Encoder for CachedEncoder {
    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.cache.vectors(&*self.inner, texts)
    }

    fn id(&self) -> &str {
        self.inner.id()
    }

    fn dictionary(&self) -> Vec<String> {
        self.inner.dictionary()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts what it is asked to embed; vectors are the text's length and 1.
    struct Counting(AtomicUsize);
    impl Encoder for Counting {
        fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
            self.0.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts.iter().map(|t| vec![t.len() as f32, 1.0]).collect())
        }
        fn id(&self) -> &str {
            "counting"
        }
    }

    #[test]
    fn only_changed_text_is_embedded_again() {
        let dir = tempfile::tempdir().unwrap();
        let encoder = Counting(AtomicUsize::new(0));
        let embedded = || encoder.0.load(Ordering::SeqCst);
        // Each `process` is a fresh handle on the file, as a new process start would have.
        let process = || EmbeddingCache::in_dir(dir.path(), &encoder);
        let cache = process();
        let first = cache.vectors(&encoder, &["alpha", "beta"]).unwrap();
        assert_eq!(first, vec![vec![5.0, 1.0], vec![4.0, 1.0]]);
        assert_eq!(embedded(), 2);
        let again = cache
            .vectors(&encoder, &["beta", "alpha", "gamma!"])
            .unwrap();
        assert_eq!(again[2], vec![6.0, 1.0]);
        assert_eq!(embedded(), 3, "only gamma was new");
        drop(cache);
        // The next start reads what the last one embedded, its other callers' texts included.
        let cache = process();
        cache.vectors(&encoder, &["delta"]).unwrap();
        cache.flush();
        cache
            .vectors(&encoder, &["alpha", "beta", "gamma!"])
            .unwrap();
        assert_eq!(embedded(), 4, "only delta was new");
        drop(cache);
        // A corrupt file is derived data: it is ignored and rewritten.
        std::fs::write(dir.path().join("embeddings-counting.bin"), b"junk").unwrap();
        process().vectors(&encoder, &["alpha"]).unwrap();
        assert_eq!(embedded(), 5);
        process().vectors(&encoder, &["alpha"]).unwrap();
        assert_eq!(embedded(), 5);
        // A text asked for twice gets its vector twice.
        let twice = process()
            .vectors(&encoder, &["alpha", "beta", "alpha"])
            .unwrap();
        assert_eq!(twice[0], vec![5.0, 1.0]);
        assert_eq!(twice[2], twice[0]);
    }

    #[test]
    fn the_file_is_read_once_however_many_callers_ask() {
        let dir = tempfile::tempdir().unwrap();
        let encoder = Counting(AtomicUsize::new(0));
        let cache = EmbeddingCache::in_dir(dir.path(), &encoder);
        cache.vectors(&encoder, &["alpha"]).unwrap();
        cache.flush();
        let path = dir.path().join("embeddings-counting.bin");
        assert!(path.exists(), "flush writes what was embedded");
        // A clone shares what was read: once the file is gone, it still answers from memory.
        cache.vectors(&encoder, &["alpha"]).unwrap();
        std::fs::remove_file(&path).unwrap();
        cache.clone().vectors(&encoder, &["alpha"]).unwrap();
        assert_eq!(
            encoder.0.load(Ordering::SeqCst),
            1,
            "nothing embedded twice"
        );
    }
}

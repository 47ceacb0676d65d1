//! all-MiniLM-L6-v2 run in-process by candle: tokenize with the model's own tokenizer, run BERT,
//! mean-pool over the real tokens, normalise. Loaded from files on disk; no network, ever.

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::Config;
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use super::bert::{Arithmetic, Bert};
use super::Encoder;
use crate::error::{Error, Result};

/// The model was trained on at most this many tokens; longer texts are cut (a passage's start
/// carries its topic).
const MAX_TOKENS: usize = 256;
/// Texts embedded in one forward pass at most.
const BATCH: usize = 32;
/// Token positions (rows × the longest row) in one forward pass at most. Texts are batched in
/// order of length, so padding to a batch's longest costs little, and a batch's attention
/// matrices stay small enough for the CPU's caches.
const BATCH_TOKENS: usize = 2048;
/// Texts tokenized at once by `encode`: enough to sort into well-filled batches, few enough that
/// their encodings stay a few megabytes.
const TOKENIZE_CHUNK: usize = 1024;

/// The files `scripts/fetch-model` puts in the model folder.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

pub struct MiniLm {
    model: Bert,
    tokenizer: Tokenizer,
    /// Names these exact weights, so vectors made by other weights are never mixed in.
    id: String,
}

impl std::fmt::Debug for MiniLm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MiniLm").field("id", &self.id).finish()
    }
}

fn model_error(dir: &Path, what: impl std::fmt::Display) -> Error {
    Error::Config(format!("embedding model in {}: {what}", dir.display()))
}

impl MiniLm {
    /// Loads the model from `dir`. `Ok(None)` when the folder or a file is missing (the bot then
    /// runs lexically); an error when the files are there but unusable.
    pub fn load(dir: &Path) -> Result<Option<MiniLm>> {
        if MODEL_FILES.iter().any(|f| !dir.join(f).is_file()) {
            return Ok(None);
        }
        let config_text = std::fs::read_to_string(dir.join("config.json"))
            .map_err(|e| Error::io(format!("reading {}", dir.join("config.json").display()), e))?;
        let config: Config = serde_json::from_str(&config_text).map_err(|e| model_error(dir, e))?;
        let mut tokenizer =
            Tokenizer::from_file(dir.join("tokenizer.json")).map_err(|e| model_error(dir, e))?;
        // The file pads every text to 128 tokens; `forward` pads each batch to its longest.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| model_error(dir, e))?;
        let weights = dir.join("model.safetensors");
        let tensors = read_weights(&weights).map_err(|e| model_error(dir, e))?;
        let vars = VarBuilder::from_tensors(tensors, DType::F32, &Device::Cpu);
        let model = Bert::load(vars, &config).map_err(|e| model_error(dir, e))?;
        let size = std::fs::metadata(&weights)
            .map_err(|e| Error::io(format!("reading {}", weights.display()), e))?
            .len();
        let tokenizer_bytes = std::fs::read(dir.join("tokenizer.json"))
            .map_err(|e| Error::io(format!("reading {}", dir.display()), e))?;
        let id = format!(
            "minilm-{:016x}",
            identity(&[
                config_text.as_bytes(),
                &tokenizer_bytes,
                &size.to_le_bytes()
            ])
        );
        Ok(Some(MiniLm {
            model,
            tokenizer,
            id,
        }))
    }

    /// Tokenizes every text (no padding: each keeps its own length).
    fn tokenize(&self, texts: &[&str]) -> Result<Vec<Encoding>> {
        // The tokenizer rejects nothing, but an empty text would be all special tokens; a space
        // keeps every text a sentence.
        let texts: Vec<&str> = texts
            .iter()
            .map(|t| if t.trim().is_empty() { " " } else { t })
            .collect();
        self.tokenizer
            .encode_batch(texts, true)
            .map_err(|e| Error::Config(format!("embedding model failed: {e}")))
    }

    /// The padded length of each forward pass `encode` would run for `texts` (a seam for tests:
    /// padding is what makes a short question slow).
    #[doc(hidden)]
    pub fn padded_positions(&self, texts: &[&str]) -> Vec<usize> {
        let mut padded = Vec::new();
        for chunk in self.passes(texts) {
            let Ok((encodings, batches)) = chunk else {
                return Vec::new();
            };
            padded.extend(
                batches
                    .iter()
                    .map(|b| b.iter().map(|&i| encodings[i].len()).max().unwrap_or(0)),
            );
        }
        padded
    }

    /// The forward passes `encode` runs, a chunk of `TOKENIZE_CHUNK` texts at a time: each
    /// chunk's encodings and its batches (indices into the chunk). Tokenized a chunk at a time
    /// because an encoding holds every token's text and offsets: a whole large corpus tokenized
    /// at once took gigabytes before the first forward pass.
    fn passes<'a>(
        &'a self,
        texts: &'a [&str],
    ) -> impl Iterator<Item = Result<(Vec<Encoding>, Vec<Vec<usize>>)>> + 'a {
        texts.chunks(TOKENIZE_CHUNK).map(|chunk| {
            let encodings = self.tokenize(chunk)?;
            let lengths: Vec<usize> = encodings.iter().map(|e| e.len()).collect();
            let batches = batches(&lengths);
            Ok((encodings, batches))
        })
    }

    /// One forward pass over `encodings`, each padded to the longest of them.
    fn forward(
        &self,
        encodings: &[&Encoding],
        arithmetic: Arithmetic,
    ) -> candle_core::Result<Vec<Vec<f32>>> {
        let longest = encodings.iter().map(|e| e.len()).max().unwrap_or(0);
        let padded = |f: &dyn Fn(&Encoding) -> &[u32]| -> candle_core::Result<Tensor> {
            let mut flat = Vec::with_capacity(encodings.len() * longest);
            for encoding in encodings {
                let row = f(encoding);
                flat.extend_from_slice(row);
                flat.resize(flat.len() + longest - row.len(), 0);
            }
            Tensor::from_vec(flat, (encodings.len(), longest), &Device::Cpu)
        };
        let ids = padded(&|e| e.get_ids())?;
        let mask = padded(&|e| e.get_attention_mask())?;
        let hidden = self.model.forward(&ids, &mask, arithmetic)?;
        // Mean over the real tokens only: padding must not pull short texts toward each other.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        mean.broadcast_div(&norms)?.to_vec2::<f32>()
    }
}

/// The f32 tensors of a safetensors file, each read straight into the vector that becomes its
/// tensor. candle's own loader maps the file and copies every tensor out of the mapping, so for
/// a moment both are resident: 218 MB at the peak of a start against 143 MB after it
/// (BENCHMARKS.md). Other dtypes (the file's I64 `position_ids`, which BERT recomputes) are
/// skipped.
fn read_weights(path: &Path) -> std::result::Result<HashMap<String, Tensor>, String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        dtype: String,
        shape: Vec<usize>,
        data_offsets: [u64; 2],
    }
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut length = [0u8; 8];
    file.read_exact(&mut length).map_err(|e| e.to_string())?;
    let header_length = u64::from_le_bytes(length);
    if header_length > 100_000_000 {
        return Err(format!("a {header_length}-byte header is not safetensors"));
    }
    let mut header = vec![0u8; header_length as usize];
    file.read_exact(&mut header).map_err(|e| e.to_string())?;
    let entries: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&header).map_err(|e| e.to_string())?;
    let data_start = 8 + header_length;
    let mut tensors = HashMap::new();
    for (name, value) in entries {
        if name == "__metadata__" {
            continue;
        }
        let entry: Entry = serde_json::from_value(value).map_err(|e| format!("{name}: {e}"))?;
        if entry.dtype != "F32" {
            continue;
        }
        let [start, end] = entry.data_offsets;
        let count: usize = entry.shape.iter().product();
        if end < start || (end - start) as usize != count * 4 {
            return Err(format!("{name}: offsets do not match its shape"));
        }
        // Read straight into the tensor's own vector, so no second copy of a 47 MB embedding
        // table is ever held.
        let mut values = vec![0f32; count];
        // SAFETY: the slice covers exactly the vector's initialised values, and every bit
        // pattern is a valid f32.
        let bytes =
            unsafe { std::slice::from_raw_parts_mut(values.as_mut_ptr().cast::<u8>(), count * 4) };
        file.seek(SeekFrom::Start(data_start + start))
            .and_then(|_| file.read_exact(bytes))
            .map_err(|e| format!("{name}: {e}"))?;
        // safetensors stores little-endian values.
        if cfg!(target_endian = "big") {
            for value in &mut values {
                *value = f32::from_bits(value.to_bits().swap_bytes());
            }
        }
        let tensor = Tensor::from_vec(values, entry.shape, &Device::Cpu)
            .map_err(|e| format!("{name}: {e}"))?;
        tensors.insert(name, tensor);
    }
    Ok(tensors)
}

/// The texts' positions grouped into forward passes: shortest first, each pass at most
/// [`BATCH`] texts and [`BATCH_TOKENS`] padded positions.
fn batches(lengths: &[usize]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| lengths[i]);
    let mut batches: Vec<Vec<usize>> = Vec::new();
    for i in order {
        // Sorted, so this text is the longest of any batch it joins.
        let fits = batches
            .last()
            .is_some_and(|b| b.len() < BATCH && (b.len() + 1) * lengths[i].max(1) <= BATCH_TOKENS);
        match batches.last_mut() {
            Some(batch) if fits => batch.push(i),
            _ => batches.push(vec![i]),
        }
    }
    batches
}

impl Encoder for MiniLm {
    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut vectors: Vec<Vec<f32>> = Vec::with_capacity(texts.len());
        for chunk in self.passes(texts) {
            let (encodings, batches) = chunk?;
            let mut chunk_vectors: Vec<Vec<f32>> = vec![Vec::new(); encodings.len()];
            for batch in batches {
                let rows: Vec<&Encoding> = batch.iter().map(|&i| &encodings[i]).collect();
                let out = self.forward(&rows, Arithmetic::Exact).map_err(failed)?;
                for (i, vector) in batch.into_iter().zip(out) {
                    chunk_vectors[i] = vector;
                }
            }
            vectors.extend(chunk_vectors);
        }
        Ok(vectors)
    }

    /// One question, in the compact arithmetic: this is what a user waits for.
    fn encode_question(&self, text: &str) -> Result<Vec<f32>> {
        let encodings = self.tokenize(&[text])?;
        let mut out = self
            .forward(&[&encodings[0]], Arithmetic::Question)
            .map_err(failed)?;
        Ok(out.pop().unwrap_or_default())
    }

    fn id(&self) -> &str {
        &self.id
    }

    /// The tokenizer's whole-word entries of letters only (WordPiece keeps the frequent words
    /// of its training text whole; "##" marks a word's continuation pieces).
    fn dictionary(&self) -> Vec<String> {
        self.tokenizer
            .get_vocab(false)
            .into_keys()
            .filter(|w| w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()))
            .collect()
    }
}

fn failed(error: candle_core::Error) -> Error {
    Error::Config(format!("embedding model failed: {error}"))
}

/// A stable 64-bit FNV-1a hash (std's hasher is not stable across releases, and these ids name
/// files on disk).
pub(crate) fn identity(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn safetensors(header: &str, data: &[u8]) -> std::path::PathBuf {
        let path = std::env::temp_dir().join(format!(
            "careerbot-weights-{}-{:x}.safetensors",
            std::process::id(),
            identity(&[header.as_bytes(), data])
        ));
        let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(header.as_bytes());
        bytes.extend_from_slice(data);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// The weights reader keeps f32 tensors with their shapes and values, skips other dtypes,
    /// and turns a malformed file into an error, never a panic.
    #[test]
    fn weights_are_read_tensor_by_tensor() {
        let values: Vec<u8> = [1.5f32, -2.0, 0.25, 8.0, 3.0, 4.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let mut data = values.clone();
        data.extend_from_slice(&7i64.to_le_bytes());
        let good = safetensors(
            r#"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"ids":{"dtype":"I64","shape":[1],"data_offsets":[24,32]}}"#,
            &data,
        );
        let tensors = read_weights(&good).expect("reads");
        assert_eq!(tensors.len(), 1, "the I64 tensor is skipped");
        let w = tensors["w"].to_vec2::<f32>().unwrap();
        assert_eq!(w, vec![vec![1.5, -2.0, 0.25], vec![8.0, 3.0, 4.0]]);
        let bad_offsets = safetensors(
            r#"{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}"#,
            &values,
        );
        assert!(read_weights(&bad_offsets).is_err());
        let short = safetensors(
            r#"{"w":{"dtype":"F32","shape":[4,3],"data_offsets":[0,48]}}"#,
            &values,
        );
        assert!(read_weights(&short).is_err());
        let not_json = safetensors("not json at all", &values);
        assert!(read_weights(&not_json).is_err());
        for path in [good, bad_offsets, short, not_json] {
            let _ = std::fs::remove_file(path);
        }
    }

    #[test]
    fn batches_hold_every_text_once_by_length_within_bounds() {
        let cases: &[&[usize]] = &[&[], &[7], &[40, 3, 12, 3, 300, 9], &[256; 20], &[5; 100]];
        for lengths in cases {
            let batches = batches(lengths);
            let mut seen: Vec<usize> = batches.iter().flatten().copied().collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..lengths.len()).collect::<Vec<_>>(), "{lengths:?}");
            for batch in &batches {
                let longest = batch.iter().map(|&i| lengths[i]).max().unwrap();
                assert!(batch.len() <= BATCH, "{lengths:?}: {batch:?}");
                assert!(
                    batch.len() == 1 || batch.len() * longest <= BATCH_TOKENS,
                    "{lengths:?}: {batch:?}"
                );
            }
            // Shortest first: no batch holds a text longer than one in a later batch.
            for pair in batches.windows(2) {
                let longest = pair[0].iter().map(|&i| lengths[i]).max().unwrap();
                let shortest = pair[1].iter().map(|&i| lengths[i]).min().unwrap();
                assert!(longest <= shortest, "{lengths:?}: {batches:?}");
            }
        }
    }
}

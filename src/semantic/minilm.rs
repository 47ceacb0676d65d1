//! all-MiniLM-L6-v2 run in-process by candle: tokenize with the model's own tokenizer, run BERT,
//! mean-pool over the real tokens, normalise. Loaded from files on disk; no network, ever.

use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use tokenizers::{PaddingParams, Tokenizer, TruncationParams};

use super::Encoder;
use crate::error::{Error, Result};

/// The model was trained on at most this many tokens; longer texts are cut (a passage's start
/// carries its topic).
const MAX_TOKENS: usize = 256;
/// Texts embedded in one forward pass: enough to amortise the pass, few enough that padding to
/// the longest stays cheap.
const BATCH: usize = 16;

/// The files `scripts/fetch-model` puts in the model folder.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

pub struct MiniLm {
    model: BertModel,
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
        tokenizer.with_padding(Some(PaddingParams::default()));
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: MAX_TOKENS,
                ..TruncationParams::default()
            }))
            .map_err(|e| model_error(dir, e))?;
        let weights = dir.join("model.safetensors");
        // SAFETY: the weights file is memory-mapped read-only; careerbot never writes it, and
        // scripts/fetch-model replaces the folder by rename, never in place.
        let vars = unsafe {
            VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &Device::Cpu)
                .map_err(|e| model_error(dir, e))?
        };
        let model = BertModel::load(vars, &config).map_err(|e| model_error(dir, e))?;
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

    fn encode_batch(&self, texts: &[&str]) -> candle_core::Result<Vec<Vec<f32>>> {
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(candle_core::Error::msg)?;
        let rows = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> candle_core::Result<Tensor> {
            let rows = encodings
                .iter()
                .map(|e| Tensor::new(f(e), &Device::Cpu))
                .collect::<candle_core::Result<Vec<_>>>()?;
            Tensor::stack(&rows, 0)
        };
        let ids = rows(&|e| e.get_ids())?;
        let mask = rows(&|e| e.get_attention_mask())?;
        let types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over the real tokens only: padding must not pull short texts toward each other.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?;
        mean.broadcast_div(&norms)?.to_vec2::<f32>()
    }
}

impl Encoder for MiniLm {
    fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let mut vectors = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(BATCH) {
            // The tokenizer rejects nothing, but an empty text would be all special tokens; a
            // space keeps every text a sentence.
            let chunk: Vec<&str> = chunk
                .iter()
                .map(|t| if t.trim().is_empty() { " " } else { t })
                .collect();
            vectors.extend(
                self.encode_batch(&chunk)
                    .map_err(|e| Error::Config(format!("embedding model failed: {e}")))?,
            );
        }
        Ok(vectors)
    }

    fn id(&self) -> &str {
        &self.id
    }
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

//! Sentence embeddings: the seam between careerbot and the local embedding model.
//!
//! [`Encoder`] is the seam (tests may pass their own); [`MiniLm`] is the real model;
//! [`EmbeddingCache`] keeps the vectors of content text on disk beside the index, keyed by the
//! model and the text itself, so a rebuild embeds only text that changed.

mod bert;
mod cache;
mod few_rows;
mod gelu;
mod int8_rows;
mod minilm;

pub use cache::{CachedEncoder, EmbeddingCache};
pub use minilm::{MiniLm, MODEL_FILES};

/// Turns sentences into unit-length vectors whose dot product is their cosine similarity.
pub trait Encoder: Send + Sync {
    /// One vector per text, all of the same dimension, each of unit length.
    fn encode(&self, texts: &[&str]) -> crate::error::Result<Vec<Vec<f32>>>;

    /// One question's vector, as fast as the encoder can make it: may differ from
    /// `encode(&[text])` by rounding (a cosine above 0.99), never by more.
    fn encode_question(&self, text: &str) -> crate::error::Result<Vec<f32>> {
        Ok(self.encode(&[text])?.pop().unwrap_or_default())
    }

    /// Names the model and its exact weights: vectors of different encoders never mix.
    fn id(&self) -> &str;

    /// Whole words the model's own vocabulary holds (a word list of the language it reads); the
    /// spelling corrector never "corrects" one of them ("still" is not a typo of "skill").
    fn dictionary(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Cosine similarity of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// `cosine` summed in eight lanes, which the compiler turns into vector instructions, for where
/// thousands of products are taken at once (the interview scorer compares every sentence with
/// the whole bank's points for its off-topic check). It differs from `cosine` by rounding only.
pub fn dot_in_lanes(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (a_chunks, b_chunks) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a_chunks.zip(b_chunks) {
        for i in 0..8 {
            lanes[i] += x[i] * y[i];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

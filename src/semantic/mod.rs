//! Sentence embeddings: the seam between careerbot and the local embedding model.

/// Turns sentences into unit-length vectors whose dot product is their cosine similarity.
pub trait Encoder: Send + Sync {
    /// One vector per text, all of the same dimension, each of unit length.
    fn encode(&self, texts: &[&str]) -> crate::error::Result<Vec<Vec<f32>>>;
}

/// Cosine similarity of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

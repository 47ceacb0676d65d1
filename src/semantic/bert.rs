//! all-MiniLM-L6-v2's BERT encoder: the computation of `candle_transformers::models::bert`, op
//! for op, with one change: a dense layer given at most [`FEW_ROWS`] rows (a question's tokens,
//! or a batch of a few short sentences) multiplies by a half-precision copy of its weights
//! ([`few_rows`](super::few_rows)); larger batches use candle's product on the f32 weights, as
//! before. The two agree to a cosine above 0.9999 (`tests/embedding_model.rs`), and every
//! evaluation set gave the same figures with either; a question's embedding went from 17.6 to
//! 8.0 ms at p50 (BENCHMARKS.md).
//!
//! Per layer: self-attention (query, key and value in one product), output projection, residual
//! and layer norm, a GELU feed-forward, residual and layer norm.

use candle_core::{DType, Device, Module, Result, Tensor, D};
use candle_nn::{Embedding, LayerNorm, VarBuilder};
use candle_transformers::models::bert::Config;

use super::few_rows::{HalfWeights, FEW_ROWS};

/// A dense layer: its f32 weight for batches, an f16 copy for a few rows.
struct Dense {
    /// (outputs, inputs), as stored.
    weight: Tensor,
    half: HalfWeights,
    bias: Tensor,
    bias_values: Vec<f32>,
}

impl Dense {
    fn new(weight: Tensor, bias: Tensor) -> Result<Dense> {
        let (outputs, inputs) = weight.dims2()?;
        let half = HalfWeights::new(&weight.flatten_all()?.to_vec1::<f32>()?, inputs, outputs);
        let bias_values = bias.to_vec1::<f32>()?;
        Ok(Dense {
            weight,
            half,
            bias,
            bias_values,
        })
    }

    fn load(vb: &VarBuilder, inputs: usize, outputs: usize) -> Result<Dense> {
        Dense::new(
            vb.get((outputs, inputs), "weight")?,
            vb.get(outputs, "bias")?,
        )
    }

    /// `xs` is (batch, sequence, inputs).
    fn forward(&self, xs: &Tensor) -> Result<Tensor> {
        let (batch, sequence, inputs) = xs.dims3()?;
        let rows = batch * sequence;
        if rows <= FEW_ROWS {
            let values = xs.flatten_all()?.to_vec1::<f32>()?;
            let out = self.half.product(&values, &self.bias_values);
            return Tensor::from_vec(out, (batch, sequence, self.half.outputs()), &Device::Cpu);
        }
        // As candle_nn::Linear does for a contiguous input.
        xs.contiguous()?
            .reshape((rows, inputs))?
            .matmul(&self.weight.t()?)?
            .reshape((batch, sequence, ()))?
            .broadcast_add(&self.bias)
    }
}

fn layer_norm(vb: VarBuilder, size: usize, eps: f64) -> Result<LayerNorm> {
    Ok(LayerNorm::new(
        vb.get(size, "weight")?,
        vb.get(size, "bias")?,
        eps,
    ))
}

struct Layer {
    /// Query, key and value in one product: (3 × hidden, hidden).
    qkv: Dense,
    attention_out: Dense,
    attention_norm: LayerNorm,
    intermediate: Dense,
    output: Dense,
    output_norm: LayerNorm,
    heads: usize,
}

impl Layer {
    fn load(vb: VarBuilder, config: &Config) -> Result<Layer> {
        let hidden = config.hidden_size;
        let eps = config.layer_norm_eps;
        let attention = vb.pp("attention");
        let own = attention.pp("self");
        let part = |name: &str| -> Result<(Tensor, Tensor)> {
            let p = own.pp(name);
            Ok((p.get((hidden, hidden), "weight")?, p.get(hidden, "bias")?))
        };
        let (query, query_bias) = part("query")?;
        let (key, key_bias) = part("key")?;
        let (value, value_bias) = part("value")?;
        let qkv = Dense::new(
            Tensor::cat(&[&query, &key, &value], 0)?,
            Tensor::cat(&[&query_bias, &key_bias, &value_bias], 0)?,
        )?;
        let inner = config.intermediate_size;
        Ok(Layer {
            qkv,
            attention_out: Dense::load(&attention.pp("output").pp("dense"), hidden, hidden)?,
            attention_norm: layer_norm(attention.pp("output").pp("LayerNorm"), hidden, eps)?,
            intermediate: Dense::load(&vb.pp("intermediate").pp("dense"), hidden, inner)?,
            output: Dense::load(&vb.pp("output").pp("dense"), inner, hidden)?,
            output_norm: layer_norm(vb.pp("output").pp("LayerNorm"), hidden, eps)?,
            heads: config.num_attention_heads,
        })
    }

    /// `xs` is (batch, sequence, hidden); `mask` adds 0 to real tokens' scores and a large
    /// negative number to padding's, shaped (batch, 1, 1, sequence).
    fn forward(&self, xs: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (batch, sequence, hidden) = xs.dims3()?;
        let head_size = hidden / self.heads;
        let split = |t: Tensor| -> Result<Tensor> {
            t.reshape((batch, sequence, self.heads, head_size))?
                .transpose(1, 2)?
                .contiguous()
        };
        let qkv = self.qkv.forward(xs)?;
        let query = split(qkv.narrow(D::Minus1, 0, hidden)?)?;
        let key = split(qkv.narrow(D::Minus1, hidden, hidden)?)?;
        let value = split(qkv.narrow(D::Minus1, 2 * hidden, hidden)?)?;
        let scores = (query.matmul(&key.t()?)? / (head_size as f64).sqrt())?;
        let probabilities = candle_nn::ops::softmax(&scores.broadcast_add(mask)?, D::Minus1)?;
        let context = probabilities
            .matmul(&value)?
            .transpose(1, 2)?
            .contiguous()?
            .flatten_from(D::Minus2)?;
        let attended = self
            .attention_norm
            .forward(&(self.attention_out.forward(&context)? + xs)?)?;
        let widened = self.intermediate.forward(&attended)?.gelu_erf()?;
        self.output_norm
            .forward(&(self.output.forward(&widened)? + attended)?)
    }
}

/// The encoder: token ids in, one hidden vector per token out.
pub(super) struct Bert {
    words: Embedding,
    positions: Embedding,
    token_types: Embedding,
    embeddings_norm: LayerNorm,
    layers: Vec<Layer>,
}

impl Bert {
    pub(super) fn load(vb: VarBuilder, config: &Config) -> Result<Bert> {
        let vb = if vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            vb.pp("bert")
        } else {
            vb
        };
        let hidden = config.hidden_size;
        let embeddings = vb.pp("embeddings");
        let table = |name: &str, rows: usize| -> Result<Embedding> {
            Ok(Embedding::new(
                embeddings.pp(name).get((rows, hidden), "weight")?,
                hidden,
            ))
        };
        let layers = (0..config.num_hidden_layers)
            .map(|i| Layer::load(vb.pp(format!("encoder.layer.{i}")), config))
            .collect::<Result<Vec<_>>>()?;
        Ok(Bert {
            words: table("word_embeddings", config.vocab_size)?,
            positions: table("position_embeddings", config.max_position_embeddings)?,
            token_types: table("token_type_embeddings", config.type_vocab_size)?,
            embeddings_norm: layer_norm(embeddings.pp("LayerNorm"), hidden, config.layer_norm_eps)?,
            layers,
        })
    }

    /// `ids` and `mask` are (batch, sequence) u32; every text's token type is 0.
    pub(super) fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (_, sequence) = ids.dims2()?;
        let positions = Tensor::arange(0u32, sequence as u32, ids.device())?;
        let embedded = (self.words.forward(ids)?
            + self.token_types.forward(&ids.zeros_like()?)?)?
        .broadcast_add(&self.positions.forward(&positions)?)?;
        let mut hidden = self.embeddings_norm.forward(&embedded)?;
        // 0 for a real token, f32::MIN for padding, as BERT's extended attention mask.
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(1)?.unsqueeze(1)?;
        let mask =
            (mask.ones_like()? - &mask)?.broadcast_mul(&Tensor::new(f32::MIN, ids.device())?)?;
        for layer in &self.layers {
            hidden = layer.forward(&hidden, &mask)?;
        }
        Ok(hidden)
    }
}

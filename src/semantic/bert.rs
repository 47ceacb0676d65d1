//! all-MiniLM-L6-v2's BERT encoder: the computation of `candle_transformers::models::bert`, op
//! for op, with two changes, both for speed:
//!
//! - A question's forward pass ([`Arithmetic::Question`]) multiplies by a compact copy of each
//!   dense layer's weights: 8-bit integers ([`int8_rows`](super::int8_rows)) where the CPU has
//!   AVX-512 VNNI, f16 ([`few_rows`](super::few_rows)) elsewhere. Everything else (content,
//!   rubric references, answers being scored) keeps candle's f32 product, which every
//!   threshold was calibrated on. A question's vector stays within a cosine of 0.99 of the f32
//!   one (`tests/embedding_model.rs`); its embedding went from 8.0 ms (f16) to 2.1 ms at p50.
//! - GELU is [`gelu`](super::gelu)'s vectorized erf, not a library call per value.
//!
//! Per layer: self-attention (query, key and value in one product), output projection, residual
//! and layer norm, a GELU feed-forward, residual and layer norm.

use candle_core::{DType, Device, Module, Result, Tensor, D};
use candle_nn::{Embedding, LayerNorm, VarBuilder};
use candle_transformers::models::bert::Config;

use super::few_rows::{HalfWeights, FEW_ROWS};
use super::gelu::gelu_in_place;
use super::int8_rows::Int8Weights;

/// How a forward pass multiplies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Arithmetic {
    /// One question waiting for its answer: the compact copy of the weights (8-bit where the
    /// CPU has VNNI, f16 elsewhere), for speed. Its vector keeps a cosine above 0.99 with the
    /// exact one.
    Question,
    /// Everything else (content, rubric references, answers being scored): candle's f32
    /// product, the arithmetic the scorer's and the ranking's thresholds were calibrated on,
    /// and the one the on-disk vector cache holds.
    Exact,
}

/// The copy of a dense layer's weights that multiplies a question's rows.
enum FewRowsWeights {
    /// 8-bit, where the CPU has AVX-512 VNNI.
    Int8(Int8Weights),
    /// Half precision elsewhere.
    Half(HalfWeights),
}

impl FewRowsWeights {
    fn new(values: &[f32], inputs: usize, outputs: usize) -> FewRowsWeights {
        if Int8Weights::supported() && Int8Weights::fits(inputs, outputs) {
            FewRowsWeights::Int8(Int8Weights::new(values, inputs, outputs))
        } else {
            FewRowsWeights::Half(HalfWeights::new(values, inputs, outputs))
        }
    }

    fn product(&self, x: &[f32], bias: &[f32]) -> Vec<f32> {
        match self {
            FewRowsWeights::Int8(weights) => weights.product(x, bias),
            FewRowsWeights::Half(weights) => weights.product(x, bias),
        }
    }
}

/// A dense layer: its f32 weight for batches, a compact copy for a few rows.
struct Dense {
    /// (outputs, inputs), as stored.
    weight: Tensor,
    few_rows: FewRowsWeights,
    bias: Tensor,
    bias_values: Vec<f32>,
}

impl Dense {
    fn new(weight: Tensor, bias: Tensor) -> Result<Dense> {
        let (outputs, inputs) = weight.dims2()?;
        let values = weight.flatten_all()?.to_vec1::<f32>()?;
        let few_rows = FewRowsWeights::new(&values, inputs, outputs);
        let bias_values = bias.to_vec1::<f32>()?;
        Ok(Dense {
            weight,
            few_rows,
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
    fn forward(&self, xs: &Tensor, arithmetic: Arithmetic) -> Result<Tensor> {
        match arithmetic {
            // candle's tensor as it comes: no round trip through a vector.
            Arithmetic::Exact => self.exact(xs),
            Arithmetic::Question => self.forward_then(xs, arithmetic, |_| {}),
        }
    }

    /// The layer, then GELU (the feed-forward's widening layer), over the values once outside
    /// candle (whose erf is a library call per value).
    fn forward_gelu(&self, xs: &Tensor, arithmetic: Arithmetic) -> Result<Tensor> {
        self.forward_then(xs, arithmetic, gelu_in_place)
    }

    /// candle's f32 product, as candle_nn::Linear does for a contiguous input.
    fn exact(&self, xs: &Tensor) -> Result<Tensor> {
        let (batch, sequence, inputs) = xs.dims3()?;
        xs.contiguous()?
            .reshape((batch * sequence, inputs))?
            .matmul(&self.weight.t()?)?
            .reshape((batch, sequence, ()))?
            .broadcast_add(&self.bias)
    }

    /// The layer, then `activation` over its outputs in place, before they become a tensor. A
    /// question's rows take the compact product; other passes, and a question longer than the
    /// compact product takes (never: the model reads at most 256 tokens), the exact one.
    fn forward_then(
        &self,
        xs: &Tensor,
        arithmetic: Arithmetic,
        activation: fn(&mut [f32]),
    ) -> Result<Tensor> {
        let (batch, sequence, _) = xs.dims3()?;
        let mut out = if arithmetic == Arithmetic::Question && batch * sequence <= FEW_ROWS {
            let values = xs.flatten_all()?.to_vec1::<f32>()?;
            self.few_rows.product(&values, &self.bias_values)
        } else {
            self.exact(xs)?.flatten_all()?.to_vec1::<f32>()?
        };
        activation(&mut out);
        Tensor::from_vec(out, (batch, sequence, self.bias_values.len()), &Device::Cpu)
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
    fn forward(&self, xs: &Tensor, mask: &Tensor, arithmetic: Arithmetic) -> Result<Tensor> {
        let (batch, sequence, hidden) = xs.dims3()?;
        let head_size = hidden / self.heads;
        let split = |t: Tensor| -> Result<Tensor> {
            t.reshape((batch, sequence, self.heads, head_size))?
                .transpose(1, 2)?
                .contiguous()
        };
        let qkv = self.qkv.forward(xs, arithmetic)?;
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
            .forward(&(self.attention_out.forward(&context, arithmetic)? + xs)?)?;
        let widened = self.intermediate.forward_gelu(&attended, arithmetic)?;
        self.output_norm
            .forward(&(self.output.forward(&widened, arithmetic)? + attended)?)
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
    pub(super) fn forward(
        &self,
        ids: &Tensor,
        mask: &Tensor,
        arithmetic: Arithmetic,
    ) -> Result<Tensor> {
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
            hidden = layer.forward(&hidden, &mask, arithmetic)?;
        }
        Ok(hidden)
    }
}

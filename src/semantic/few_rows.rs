//! The matrix product of a dense layer for a few rows (one question's tokens), with the
//! weights held in half precision: a question's arithmetic on CPUs without AVX-512 VNNI (with
//! it, [`int8_rows`](super::int8_rows) is used).
//!
//! Why not candle's product: for a handful of rows `gemm` copies every weight matrix into its
//! own layout on each call (43% of a question's forward pass in `perf record`), then reads that
//! copy, and spreads tiny products over threads. Here each weight is read where it lies, in f16
//! (half the bytes of the six layers' 42 MB of f32 weights), each chunk of a weight row is used
//! for four input rows at once, and the outputs are split in two halves for the two cores.
//! Measured in isolation it is 10-25% faster than candle's product up to 256 rows and slower
//! beyond, so batches of more rows (content being indexed, long answers) keep candle's.

use half::f16;

/// A question's pass uses the compact product up to this many rows: every question, since the
/// model reads at most 256 tokens.
pub const FEW_ROWS: usize = 256;

/// A weight matrix of `outputs` rows of `inputs` values, in f16, row-major as stored.
pub struct HalfWeights {
    values: Vec<f16>,
    inputs: usize,
    outputs: usize,
}

impl HalfWeights {
    /// `values` is (outputs × inputs), row-major.
    pub fn new(values: &[f32], inputs: usize, outputs: usize) -> HalfWeights {
        assert_eq!(
            values.len(),
            inputs * outputs,
            "a weight matrix of the stated shape"
        );
        HalfWeights {
            values: values.iter().map(|&v| f16::from_f32(v)).collect(),
            inputs,
            outputs,
        }
    }

    /// `out` (rows × outputs) = `x` (rows × inputs) · weightsᵀ + `bias`.
    pub fn product(&self, x: &[f32], bias: &[f32]) -> Vec<f32> {
        assert_eq!(x.len() % self.inputs, 0, "whole input rows");
        assert_eq!(bias.len(), self.outputs, "one bias per output");
        let rows = x.len() / self.inputs;
        // Two halves of the outputs on two threads: a question waits for this product, and
        // the machine has a core to spare.
        let half = (self.outputs / 2) & !1;
        let (low, high) = rayon::join(
            || self.part(x, rows, 0..half),
            || self.part(x, rows, half..self.outputs),
        );
        let mut out = Vec::with_capacity(rows * self.outputs);
        for r in 0..rows {
            out.extend_from_slice(&low[r * half..(r + 1) * half]);
            let width = self.outputs - half;
            out.extend_from_slice(&high[r * width..(r + 1) * width]);
        }
        add_bias(&mut out, bias);
        out
    }

    /// The product for the outputs in `outputs` only: (rows × outputs.len()).
    fn part(&self, x: &[f32], rows: usize, outputs: std::ops::Range<usize>) -> Vec<f32> {
        let part = HalfRows {
            values: &self.values[outputs.start * self.inputs..outputs.end * self.inputs],
            inputs: self.inputs,
            outputs: outputs.len(),
        };
        let mut out = vec![0f32; rows * part.outputs];
        #[cfg(target_arch = "x86_64")]
        if part.inputs.is_multiple_of(8)
            && is_x86_feature_detected!("avx2")
            && is_x86_feature_detected!("fma")
            && is_x86_feature_detected!("f16c")
        {
            // SAFETY: the features the function is compiled for were detected just above, and
            // every row it reads has `inputs` values, a multiple of 8 (checked above).
            unsafe { avx2::product(&part, x, rows, &mut out) };
            return out;
        }
        part.product_portable(x, rows, &mut out);
        out
    }
}

/// Some consecutive rows of a weight matrix.
struct HalfRows<'a> {
    values: &'a [f16],
    inputs: usize,
    outputs: usize,
}

impl HalfRows<'_> {
    fn row(&self, output: usize) -> &[f16] {
        &self.values[output * self.inputs..(output + 1) * self.inputs]
    }

    fn product_portable(&self, x: &[f32], rows: usize, out: &mut [f32]) {
        for r in 0..rows {
            let input = &x[r * self.inputs..(r + 1) * self.inputs];
            for o in 0..self.outputs {
                out[r * self.outputs + o] = self
                    .row(o)
                    .iter()
                    .zip(input)
                    .map(|(w, v)| w.to_f32() * v)
                    .sum();
            }
        }
    }
}

/// Adds `bias` to every row of `out` (rows of `bias.len()` values).
pub(super) fn add_bias(out: &mut [f32], bias: &[f32]) {
    for row in out.chunks_exact_mut(bias.len()) {
        for (value, b) in row.iter_mut().zip(bias) {
            *value += b;
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::HalfRows;

    /// Four input rows against two weight rows at a time: each 8-wide chunk of a weight row is
    /// converted once and used four times, with the eight sums kept in registers. Rows and
    /// outputs left over take one dot product at a time.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(super) unsafe fn product(w: &HalfRows, x: &[f32], rows: usize, out: &mut [f32]) {
        let k = w.inputs;
        let n = w.outputs;
        let weights = w.values.as_ptr();
        let inputs = x.as_ptr();
        let full_rows = rows - rows % 4;
        let full_outputs = n - n % 2;
        for r in (0..full_rows).step_by(4) {
            // SAFETY (every pointer below): rows r..r + 4 < rows and outputs o, o + 1 < n each
            // hold k values, and i + 8 <= k since k is a multiple of 8.
            let (x0, x1, x2, x3) = (
                inputs.add(r * k),
                inputs.add((r + 1) * k),
                inputs.add((r + 2) * k),
                inputs.add((r + 3) * k),
            );
            for o in (0..full_outputs).step_by(2) {
                let (w0, w1) = (weights.add(o * k), weights.add((o + 1) * k));
                let mut a00 = _mm256_setzero_ps();
                let mut a01 = _mm256_setzero_ps();
                let mut a10 = _mm256_setzero_ps();
                let mut a11 = _mm256_setzero_ps();
                let mut a20 = _mm256_setzero_ps();
                let mut a21 = _mm256_setzero_ps();
                let mut a30 = _mm256_setzero_ps();
                let mut a31 = _mm256_setzero_ps();
                for i in (0..k).step_by(8) {
                    let c0 = _mm256_cvtph_ps(_mm_loadu_si128(w0.add(i) as *const __m128i));
                    let c1 = _mm256_cvtph_ps(_mm_loadu_si128(w1.add(i) as *const __m128i));
                    let v0 = _mm256_loadu_ps(x0.add(i));
                    a00 = _mm256_fmadd_ps(v0, c0, a00);
                    a01 = _mm256_fmadd_ps(v0, c1, a01);
                    let v1 = _mm256_loadu_ps(x1.add(i));
                    a10 = _mm256_fmadd_ps(v1, c0, a10);
                    a11 = _mm256_fmadd_ps(v1, c1, a11);
                    let v2 = _mm256_loadu_ps(x2.add(i));
                    a20 = _mm256_fmadd_ps(v2, c0, a20);
                    a21 = _mm256_fmadd_ps(v2, c1, a21);
                    let v3 = _mm256_loadu_ps(x3.add(i));
                    a30 = _mm256_fmadd_ps(v3, c0, a30);
                    a31 = _mm256_fmadd_ps(v3, c1, a31);
                }
                out[r * n + o] = sum(a00);
                out[r * n + o + 1] = sum(a01);
                out[(r + 1) * n + o] = sum(a10);
                out[(r + 1) * n + o + 1] = sum(a11);
                out[(r + 2) * n + o] = sum(a20);
                out[(r + 2) * n + o + 1] = sum(a21);
                out[(r + 3) * n + o] = sum(a30);
                out[(r + 3) * n + o + 1] = sum(a31);
            }
        }
        // What the 4 × 2 blocks left: the last rows (all outputs) and the last output (all rows).
        for r in 0..rows {
            let outputs = if r < full_rows { full_outputs..n } else { 0..n };
            for o in outputs {
                out[r * n + o] = dot(weights.add(o * k), inputs.add(r * k), k);
            }
        }
    }

    /// One weight row (f16) by one input row (f32), both `k` long.
    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn dot(weights: *const half::f16, inputs: *const f32, k: usize) -> f32 {
        let mut acc = _mm256_setzero_ps();
        for i in (0..k).step_by(8) {
            // SAFETY: the caller's rows hold k values, a multiple of 8.
            let c = _mm256_cvtph_ps(_mm_loadu_si128(weights.add(i) as *const __m128i));
            acc = _mm256_fmadd_ps(_mm256_loadu_ps(inputs.add(i)), c, acc);
        }
        sum(acc)
    }

    #[target_feature(enable = "avx2,fma,f16c")]
    unsafe fn sum(lanes: __m256) -> f32 {
        let halves = _mm_add_ps(
            _mm256_castps256_ps128(lanes),
            _mm256_extractf128_ps(lanes, 1),
        );
        let pairs = _mm_add_ps(halves, _mm_movehl_ps(halves, halves));
        let single = _mm_add_ss(pairs, _mm_shuffle_ps(pairs, pairs, 1));
        _mm_cvtss_f32(single)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast product and the portable one agree with a plain f32 product of the rounded
    /// weights, for row counts around the four-row groups and odd output counts.
    #[test]
    fn product_matches_a_plain_product() {
        for (rows, inputs, outputs) in [(1, 8, 1), (3, 16, 5), (4, 384, 7), (7, 64, 2), (9, 40, 3)]
        {
            let weights: Vec<f32> = (0..inputs * outputs)
                .map(|i| ((i * 37 % 101) as f32 - 50.0) / 64.0)
                .collect();
            let x: Vec<f32> = (0..rows * inputs)
                .map(|i| ((i * 13 % 29) as f32 - 14.0) / 8.0)
                .collect();
            let bias: Vec<f32> = (0..outputs).map(|o| o as f32 / 4.0).collect();
            let half = HalfWeights::new(&weights, inputs, outputs);
            let fast = half.product(&x, &bias);
            let mut portable = vec![0f32; rows * outputs];
            let whole = HalfRows {
                values: &half.values,
                inputs,
                outputs,
            };
            whole.product_portable(&x, rows, &mut portable);
            add_bias(&mut portable, &bias);
            for r in 0..rows {
                for o in 0..outputs {
                    let plain: f32 = (0..inputs)
                        .map(|i| {
                            f16::from_f32(weights[o * inputs + i]).to_f32() * x[r * inputs + i]
                        })
                        .sum::<f32>()
                        + bias[o];
                    let at = r * outputs + o;
                    assert!(
                        (fast[at] - plain).abs() < 1e-3,
                        "{rows}x{inputs}x{outputs} at {at}"
                    );
                    assert!(
                        (portable[at] - plain).abs() < 1e-3,
                        "{rows}x{inputs}x{outputs} at {at}"
                    );
                }
            }
        }
    }
}

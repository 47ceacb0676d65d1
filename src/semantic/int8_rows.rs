//! The matrix product of a dense layer for a few rows in 8-bit integers, on CPUs with AVX-512
//! VNNI (`vpdpbusd`: 64 byte products summed into 16 lanes per instruction, four times the
//! multiply-adds of an f32 FMA of the same width).
//!
//! Why: a long question's forward pass is arithmetic-bound (BENCHMARKS.md, "A question's forward
//! pass in half precision"); with f16 weights and f32 arithmetic its p99 stayed near twice the
//! 15 ms target. Here each weight row is quantized once, symmetrically, with its own scale
//! (`w ≈ s_w[o] · q_w`, |q_w| ≤ 127), and each input row when it arrives, with its own scale
//! (`x ≈ s_x[r] · q_x`). `vpdpbusd` multiplies unsigned by signed bytes, so an input byte is
//! stored as `q_x + 128`, and the extra `128 · Σ q_w` of each output is subtracted: the integer
//! sums are exact, and the only error is the two roundings (a question's vector keeps a cosine
//! above 0.99 with the f32 model's, `tests/embedding_model.rs`).
//!
//! The weights are stored packed for the kernel: blocks of 16 outputs, and within a block, for
//! every four consecutive inputs, the 16 outputs' four bytes side by side (one 64-byte vector).
//! An input row's four bytes are broadcast and multiplied with that vector, so 16 outputs grow
//! at once with no horizontal sums.

use super::few_rows::add_bias;

/// Outputs per packed block: one 512-bit vector of i32 sums.
const BLOCK: usize = 16;

/// A weight matrix quantized to i8 and packed for the kernel.
pub struct Int8Weights {
    /// `packed[(block · inputs/4 + quad) · 64 + lane · 4 + t] = q_w[block · 16 + lane][quad · 4 + t]`.
    packed: Vec<i8>,
    /// One scale per output.
    scales: Vec<f32>,
    /// `128 · Σ q_w` per output: what the unsigned input offset adds to each sum.
    offsets: Vec<i32>,
    inputs: usize,
    outputs: usize,
}

impl Int8Weights {
    /// Whether this machine runs the kernel; without it, callers keep the f16 product.
    pub fn supported() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            is_x86_feature_detected!("avx512f") && is_x86_feature_detected!("avx512vnni")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }

    /// Whether a matrix of this shape can be packed (every layer of MiniLM can).
    pub fn fits(inputs: usize, outputs: usize) -> bool {
        inputs.is_multiple_of(4) && outputs.is_multiple_of(BLOCK) && inputs > 0
    }

    /// `values` is (outputs × inputs), row-major; the shape must [`fit`](Self::fits).
    pub fn new(values: &[f32], inputs: usize, outputs: usize) -> Int8Weights {
        assert!(Int8Weights::fits(inputs, outputs), "a packable shape");
        assert_eq!(
            values.len(),
            inputs * outputs,
            "a matrix of the stated shape"
        );
        let mut quantized = vec![0i8; values.len()];
        let mut scales = Vec::with_capacity(outputs);
        let mut offsets = Vec::with_capacity(outputs);
        for (row, out) in values
            .chunks_exact(inputs)
            .zip(quantized.chunks_exact_mut(inputs))
        {
            let scale = quantize(row, out);
            scales.push(scale);
            offsets.push(128 * out.iter().map(|&q| i32::from(q)).sum::<i32>());
        }
        let quads = inputs / 4;
        let mut packed = Vec::with_capacity(values.len());
        for block in 0..outputs / BLOCK {
            let rows = &quantized[block * BLOCK * inputs..(block + 1) * BLOCK * inputs];
            for quad in 0..quads {
                for row in rows.chunks_exact(inputs) {
                    packed.extend_from_slice(&row[quad * 4..quad * 4 + 4]);
                }
            }
        }
        Int8Weights {
            packed,
            scales,
            offsets,
            inputs,
            outputs,
        }
    }

    /// `x` (rows × inputs) · weightsᵀ + `bias`, as (rows × outputs). Only where
    /// [`supported`](Self::supported); elsewhere the portable reference answers, slowly.
    pub fn product(&self, x: &[f32], bias: &[f32]) -> Vec<f32> {
        assert_eq!(x.len() % self.inputs, 0, "whole input rows");
        assert_eq!(bias.len(), self.outputs, "one bias per output");
        let rows = x.len() / self.inputs;
        let input = QuantizedRows::new(x, self.inputs);
        let blocks = self.outputs / BLOCK;
        let mut out = vec![0f32; rows * self.outputs];
        if !Int8Weights::supported() {
            self.part_portable(&input, 0..blocks, &mut out);
        } else {
            // Two halves of the output blocks on two threads: a question waits for this
            // product, and the machine has a core to spare. Each half writes its own columns
            // of every row of `out`.
            let split = blocks / 2;
            let target = Columns(out.as_mut_ptr());
            rayon::join(
                || self.part_fast(&input, 0..split, target),
                || self.part_fast(&input, split..blocks, target),
            );
        }
        add_bias(&mut out, bias);
        out
    }

    /// The outputs of `blocks` only, by the kernel, into their columns of `out`.
    fn part_fast(&self, input: &QuantizedRows, blocks: std::ops::Range<usize>, out: Columns) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `part_fast` runs only where `supported()` detected both features; `out` is
        // (rows × outputs), and the kernel writes only the columns of `blocks`, which no other
        // call writes at the same time (see `product`); every pointer it forms stays inside
        // `packed`, `input.bytes` and `out`.
        unsafe {
            vnni::product(self, input, blocks, out.0)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (input, blocks, out);
    }

    /// The same arithmetic one product at a time: the kernel's reference in tests, and the
    /// answer on machines without the kernel.
    fn part_portable(
        &self,
        input: &QuantizedRows,
        blocks: std::ops::Range<usize>,
        out: &mut [f32],
    ) {
        let quads = self.inputs / 4;
        let width = blocks.len() * BLOCK;
        for r in 0..input.rows {
            let x = input.row(r);
            for (column, o) in (blocks.start * BLOCK..blocks.end * BLOCK).enumerate() {
                let (block, lane) = (o / BLOCK, o % BLOCK);
                let mut sum = 0i32;
                for (i, &value) in x.iter().enumerate() {
                    let (quad, t) = (i / 4, i % 4);
                    let w = self.packed[(block * quads + quad) * 64 + lane * 4 + t];
                    sum += i32::from(value) * i32::from(w);
                }
                out[r * width + column] = self.dequantize(sum, o, input.scales[r]);
            }
        }
    }

    fn dequantize(&self, sum: i32, output: usize, input_scale: f32) -> f32 {
        (sum - self.offsets[output]) as f32 * (input_scale * self.scales[output])
    }
}

/// The output matrix, shared by the two halves of a product, each writing other columns.
#[derive(Clone, Copy)]
struct Columns(*mut f32);

// SAFETY: the two threads given one `Columns` write disjoint columns, and `product` reads the
// matrix only after both have finished (`rayon::join` returns after both).
unsafe impl Send for Columns {}
unsafe impl Sync for Columns {}

/// Quantizes `values` into `out` with one symmetric scale, returned: `v ≈ scale · q`.
fn quantize(values: &[f32], out: &mut [i8]) -> f32 {
    let largest = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
    let inverse = 1.0 / scale;
    for (q, v) in out.iter_mut().zip(values) {
        *q = nearest(v * inverse).clamp(-127.0, 127.0) as i8;
    }
    scale
}

/// `x` rounded to the nearest integer (ties to even), for |x| < 2²²: adding 1.5 · 2²³ leaves no
/// bits for a fraction. `round` and `round_ties_even` are library calls on baseline x86_64 (a
/// fifth of a question's time when they were used here), and this is two additions that
/// vectorize.
fn nearest(x: f32) -> f32 {
    const SHIFT: f32 = 12_582_912.0;
    (x + SHIFT) - SHIFT
}

/// Input rows quantized for the kernel: each byte is `q_x + 128`.
struct QuantizedRows {
    bytes: Vec<u8>,
    scales: Vec<f32>,
    rows: usize,
    inputs: usize,
}

impl QuantizedRows {
    fn new(x: &[f32], inputs: usize) -> QuantizedRows {
        #[cfg(target_arch = "x86_64")]
        if Int8Weights::supported() && inputs.is_multiple_of(BLOCK) {
            // SAFETY: both features were detected; whole rows of whole 16-value chunks.
            return unsafe { vnni::quantize_rows(x, inputs) };
        }
        QuantizedRows::new_portable(x, inputs)
    }

    /// The same quantization one value at a time: the vector form's reference in tests.
    fn new_portable(x: &[f32], inputs: usize) -> QuantizedRows {
        let rows = x.len() / inputs;
        let mut signed = vec![0i8; inputs];
        let mut bytes = Vec::with_capacity(x.len());
        let mut scales = Vec::with_capacity(rows);
        for row in x.chunks_exact(inputs) {
            scales.push(quantize(row, &mut signed));
            bytes.extend(signed.iter().map(|&q| (i16::from(q) + 128) as u8));
        }
        QuantizedRows {
            bytes,
            scales,
            rows,
            inputs,
        }
    }

    fn row(&self, r: usize) -> &[u8] {
        &self.bytes[r * self.inputs..(r + 1) * self.inputs]
    }
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use std::arch::x86_64::*;

    use super::{Int8Weights, QuantizedRows, BLOCK};

    /// [`QuantizedRows::new`] sixteen values at a time, to the same bytes and scales: the
    /// largest magnitude is exact, the scale is the same division, and the conversion rounds to
    /// nearest, ties to even (the default rounding mode), as `nearest` does. One value at a
    /// time it was 17% of an 8-bit pass's samples in `perf record`; a question's embedding went
    /// from 0.87 to 0.69 ms on-CPU at p50 (BENCHMARKS.md, 2026-12-06).
    #[target_feature(enable = "avx512f,avx512vnni")]
    pub(super) unsafe fn quantize_rows(x: &[f32], inputs: usize) -> QuantizedRows {
        let rows = x.len() / inputs;
        let mut bytes = vec![0u8; rows * inputs];
        let mut scales = Vec::with_capacity(rows);
        let magnitude = _mm512_set1_ps(f32::from_bits(0x7fff_ffff));
        let (low, high, offset) = (
            _mm512_set1_epi32(-127),
            _mm512_set1_epi32(127),
            _mm512_set1_epi32(128),
        );
        for (row, out) in x.chunks_exact(inputs).zip(bytes.chunks_exact_mut(inputs)) {
            let mut largest = _mm512_setzero_ps();
            for chunk in row.chunks_exact(BLOCK) {
                let v = _mm512_loadu_ps(chunk.as_ptr());
                largest = _mm512_max_ps(largest, _mm512_and_ps(v, magnitude));
            }
            let largest = _mm512_reduce_max_ps(largest);
            let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
            let inverse = _mm512_set1_ps(1.0 / scale);
            for (chunk, target) in row.chunks_exact(BLOCK).zip(out.chunks_exact_mut(BLOCK)) {
                let v = _mm512_mul_ps(_mm512_loadu_ps(chunk.as_ptr()), inverse);
                let q = _mm512_min_epi32(_mm512_max_epi32(_mm512_cvtps_epi32(v), low), high);
                let stored = _mm512_cvtepi32_epi8(_mm512_add_epi32(q, offset));
                _mm_storeu_si128(target.as_mut_ptr() as *mut __m128i, stored);
            }
            scales.push(scale);
        }
        QuantizedRows {
            bytes,
            scales,
            rows,
            inputs,
        }
    }

    /// Rows in groups of four and output blocks in groups of four: 16 vectors of sums in
    /// registers, each weight vector loaded once per four rows, each input quad broadcast once
    /// per four blocks. Leftover rows and blocks take the same loop with smaller groups.
    #[target_feature(enable = "avx512f,avx512vnni")]
    pub(super) unsafe fn product(
        w: &Int8Weights,
        x: &QuantizedRows,
        blocks: std::ops::Range<usize>,
        out: *mut f32,
    ) {
        let width = w.outputs;
        let mut r = 0;
        while r < x.rows {
            let rows = (x.rows - r).min(4);
            let mut b = blocks.start;
            while b < blocks.end {
                let group = (blocks.end - b).min(4);
                let at = Tile {
                    row: r,
                    block: b,
                    column: b * BLOCK,
                    width,
                };
                match (rows, group) {
                    (4, 4) => tile::<4, 4>(w, x, at, out),
                    (4, 2) => tile::<4, 2>(w, x, at, out),
                    (4, 1) => tile::<4, 1>(w, x, at, out),
                    (4, 3) => tile::<4, 3>(w, x, at, out),
                    (3, 4) => tile::<3, 4>(w, x, at, out),
                    (2, 4) => tile::<2, 4>(w, x, at, out),
                    (1, 4) => tile::<1, 4>(w, x, at, out),
                    (rows, group) => {
                        for dr in 0..rows {
                            for db in 0..group {
                                let one = Tile {
                                    row: r + dr,
                                    block: b + db,
                                    column: at.column + db * BLOCK,
                                    width,
                                };
                                tile::<1, 1>(w, x, one, out);
                            }
                        }
                    }
                }
                b += group;
            }
            r += rows;
        }
    }

    /// Where a tile starts: its first input row, its first weight block, and that block's first
    /// column in `out`, whose rows are `width` (all the outputs) wide.
    #[derive(Clone, Copy)]
    struct Tile {
        row: usize,
        block: usize,
        column: usize,
        width: usize,
    }

    #[target_feature(enable = "avx512f,avx512vnni")]
    #[inline]
    unsafe fn tile<const R: usize, const B: usize>(
        w: &Int8Weights,
        x: &QuantizedRows,
        at: Tile,
        out: *mut f32,
    ) {
        let quads = w.inputs / 4;
        let mut sums = [[_mm512_setzero_si512(); B]; R];
        let inputs = x.bytes.as_ptr();
        let packed = w.packed.as_ptr();
        for quad in 0..quads {
            let mut weights = [_mm512_setzero_si512(); B];
            for (b, vector) in weights.iter_mut().enumerate() {
                // SAFETY: block at.block + b < outputs / 16 and quad < inputs / 4, so the 64
                // bytes lie inside `packed` (outputs · inputs bytes).
                *vector = _mm512_loadu_si512(
                    packed.add(((at.block + b) * quads + quad) * 64) as *const __m512i
                );
            }
            for (r, row_sums) in sums.iter_mut().enumerate() {
                // SAFETY: row at.row + r < rows and quad · 4 + 4 <= inputs: inside `bytes`.
                let four =
                    (inputs.add((at.row + r) * w.inputs + quad * 4) as *const i32).read_unaligned();
                let broadcast = _mm512_set1_epi32(four);
                for (sum, weight) in row_sums.iter_mut().zip(&weights) {
                    *sum = _mm512_dpbusd_epi32(*sum, broadcast, *weight);
                }
            }
        }
        for (r, row_sums) in sums.iter().enumerate() {
            let input_scale = _mm512_set1_ps(x.scales[at.row + r]);
            for (b, sum) in row_sums.iter().enumerate() {
                let first = (at.block + b) * BLOCK;
                // SAFETY: outputs first..first + 16 exist in `offsets` and `scales`; the 16
                // columns from at.column + b · 16 lie inside row at.row + r of `out`.
                let offsets = _mm512_loadu_si512(w.offsets.as_ptr().add(first) as *const __m512i);
                let scales =
                    _mm512_mul_ps(_mm512_loadu_ps(w.scales.as_ptr().add(first)), input_scale);
                let value =
                    _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_sub_epi32(*sum, offsets)), scales);
                let target = (at.row + r) * at.width + at.column + b * BLOCK;
                _mm512_storeu_ps(out.add(target), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(len: usize, seed: usize) -> Vec<f32> {
        (0..len)
            .map(|i| ((i * 37 + seed) % 101) as f32 / 50.0 - 1.0)
            .collect()
    }

    #[test]
    fn nearest_rounds_half_to_even() {
        for (x, want) in [
            (0.4, 0.0),
            (0.5, 0.0),
            (1.5, 2.0),
            (2.5, 2.0),
            (-2.5, -2.0),
            (-0.6, -1.0),
            (126.7, 127.0),
            (-127.2, -127.0),
        ] {
            assert_eq!(nearest(x), want, "{x}");
        }
    }

    /// The vector quantization gives the portable one's bytes and scales exactly, ties and
    /// the clamp at ±127 included.
    #[test]
    fn rows_quantize_alike_in_vectors_and_one_by_one() {
        let mut x = matrix(5 * 48, 7);
        x[..16].iter_mut().for_each(|v| *v = 0.0);
        for (i, v) in x[48..96].iter_mut().enumerate() {
            // Values that land on a half step once scaled by 127 / 2.54.
            *v = (i as f32 - 24.0) * 0.01 + 0.005;
        }
        let (fast, plain) = (
            QuantizedRows::new(&x, 48),
            QuantizedRows::new_portable(&x, 48),
        );
        assert_eq!(fast.bytes, plain.bytes);
        assert_eq!(fast.scales, plain.scales);
        assert_eq!((fast.rows, fast.inputs), (5, 48));
    }

    /// The kernel gives exactly the portable reference's figures (the integer sums are exact,
    /// and both dequantize alike), for row and block counts around the 4 × 4 tiles; and both
    /// stay close to the plain f32 product.
    #[test]
    fn kernel_matches_the_reference_and_the_float_product() {
        for (rows, inputs, outputs) in [
            (1, 4, 16),
            (3, 64, 48),
            (4, 384, 64),
            (7, 40, 112),
            (13, 384, 144),
        ] {
            let weights = matrix(inputs * outputs, 3);
            let x = matrix(rows * inputs, 11);
            let bias: Vec<f32> = (0..outputs).map(|o| o as f32 / 8.0).collect();
            let int8 = Int8Weights::new(&weights, inputs, outputs);
            let fast = int8.product(&x, &bias);
            let input = QuantizedRows::new(&x, inputs);
            let mut reference = vec![0f32; rows * outputs];
            int8.part_portable(&input, 0..outputs / BLOCK, &mut reference);
            for r in 0..rows {
                for o in 0..outputs {
                    let at = r * outputs + o;
                    assert_eq!(
                        fast[at],
                        reference[at] + bias[o],
                        "{rows}x{inputs}x{outputs} at {at}"
                    );
                    let plain: f32 = (0..inputs)
                        .map(|i| weights[o * inputs + i] * x[r * inputs + i])
                        .sum::<f32>()
                        + bias[o];
                    // Two roundings of at most half a step (1/127 of the row's largest) each.
                    let bound = 0.02 * inputs as f32 / 4.0 + 1e-3;
                    assert!(
                        (fast[at] - plain).abs() < bound,
                        "{rows}x{inputs}x{outputs} at {at}: {} against {plain}",
                        fast[at]
                    );
                }
            }
        }
    }
}

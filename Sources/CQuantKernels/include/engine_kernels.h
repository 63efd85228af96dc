// Kernels of the embedded engine's batched forward pass (see LlamaContext.swift):
// run-time instruction-set dispatch, integer matrix products over several tokens, attention
// over a float16 or 8-bit KV cache, and vectorised element-wise functions.
//
// Every kernel has a portable C path and x86-64 paths chosen at run time from CPUID and the
// operating system's saved register state (XGETBV), never from compile-time flags:
//
// | level | needs | integer dot of 4 u8 × s8 pairs |
// |---|---|---|
// | 0 portable | any CPU | C loops (the compiler's baseline SSE2) |
// | 1 AVX2 | AVX2, FMA, F16C; OS saves YMM | `vpmaddubsw` + `vpmaddwd` |
// | 2 AVX-VNNI | level 1 + AVX-VNNI | `vpdpbusd` (VEX, 256-bit) |
// | 3 AVX-512 VNNI | level 1 + AVX-512 F/BW/VL/VNNI; OS saves ZMM and opmasks | `vpdpbusd` (EVEX, 256-bit vectors, 32 registers: larger tiles) |
//
// Levels 1–3 compute identical integer sums (no saturation can occur: |u8| ≤ 15 for 4-bit
// weights; |w| ≤ 128, |x| ≤ 127 for Q8_0), hence bit-identical results.
#ifndef SPOTTER_ENGINE_KERNELS_H
#define SPOTTER_ENGINE_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// The best level this CPU and OS support (0…3, see the table above).
int sq_supported_level(void);
/// 1 when this CPU and OS can run `level` (AVX-512 VNNI does not imply AVX-VNNI).
int sq_level_runnable(int level);
/// The level the kernels use: the highest runnable level not above `sq_set_level_limit`'s cap.
int sq_active_level(void);
/// Caps the level (tests of the fallbacks; -1 removes the cap). Not thread-safe with running kernels.
void sq_set_level_limit(int limit);

/// Weight formats for `sq_gemm_q` (ggml's type ids).
enum { SQ_Q4_0 = 2, SQ_Q4_1 = 3, SQ_Q8_0 = 8 };

/// Quantizes `tokens` rows of `n` floats (row stride `x_stride` floats; n a multiple of 32) to
/// 8-bit blocks: row t's quants at `qs + t*n`, scales at `d + t*n/32`, scaled sums at `s + t*n/32`.
void sq_quantize_rows_q8_1(const float *x, size_t x_stride, int tokens, int n, int8_t *qs, float *d, float *s);

/// `y[t*y_stride + r] = Σ_c W[r][c] · x[t][c]` for rows r0 ≤ r < r1 and tokens t < tokens, with
/// W in `format` (row r at `w + r*row_bytes`, `blocks` blocks of 32) and x quantized by
/// `sq_quantize_rows_q8_1`. Each output is computed by the same sequence of operations whatever
/// the number of tokens, so one token and a batch give bit-identical results on a given level.
void sq_gemm_q(int format, const uint8_t *w, size_t row_bytes, int blocks, int r0, int r1,
               const int8_t *qs, const float *d, const float *s, int tokens, float *y, size_t y_stride);

/// KV cache formats of the attention kernels (`format` arguments below).
///
/// SQ_KV_F16, per layer and KV head (`d` values per head): keys in blocks of 64 positions
/// aligned at 0, each block transposed, (d, 64) halves, so key p's value i is at
/// `keys[(p/64)·64·d + i·64 + p%64]`; values row-major, value p at `values + p·d`.
/// SQ_KV_Q8 (d a multiple of 32; layout in attention_q8.c): blocks of 64 positions aligned at
/// 0, each `64·sq_kv_bytes_per_position(SQ_KV_Q8, d)` bytes, holding int8 quants and one float
/// scale per 32 values (Q8_0-style).
enum { SQ_KV_F16 = 0, SQ_KV_Q8 = 1 };

/// Bytes of one position's key (or value) of one head: 2·d (F16), d + 4·d/32 (Q8).
size_t sq_kv_bytes_per_position(int format, int d);

/// Stores `tokens` keys and values (`k`/`v` row t at `+ t·stride` floats) at positions
/// `first_pos …` of one head's cache in `format`.
void sq_store_kv(int format, const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                 void *keys, void *values);

/// Causal attention of one KV head over its cache in `format`, for `tokens` consecutive query
/// positions `first_pos …` and the `group` query heads sharing that KV head:
/// `out[t][j] = softmax_p(scale · q[t][j] · K[p]) · V[p]` over p ≤ first_pos + t.
/// q[t][j] at `q + t·q_stride + j·d`, out likewise with `out_stride`.
/// Keys and values are read in blocks of 64 positions, once for all the queries of a tile (up
/// to 16: the sharing heads × several tokens), with an online softmax (as flash attention) and
/// a vectorised exp. F16 converts keys and values to float; Q8 quantizes each query to 8-bit
/// blocks of 32 and sums q·k in integers per block. A query's result does not depend on the
/// other queries of its tile, so one token and a batch give bit-identical outputs on a given
/// level. `scratch` holds `sq_attention_scratch_floats(d)` floats.
void sq_attention(int format, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                  const void *keys, const void *values, float scale, float *out, size_t out_stride, float *scratch);
size_t sq_attention_scratch_floats(int d);

/// Key positions per segment of the attention (keys are taken in segments aligned at 0, each
/// with its own softmax state, folded in order: see attention_driver.c).
int sq_attention_segment_positions(void);

/// One segment of `sq_attention` (key positions [segment·S, (segment+1)·S), S =
/// `sq_attention_segment_positions()`), for splitting one decode step's keys over threads:
/// writes per query a = t·group + j the state `partial[a·(d+2) …] = (m, l, o[d])`.
void sq_attention_segment(int format, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                          const void *keys, const void *values, float scale, int segment,
                          float *partial, float *scratch);

/// Folds `segments` partial states (segment s at `partials + s·segment_stride`) in order and
/// writes the outputs as `sq_attention` does: bit-identical to the one-call result.
void sq_attention_merge(const float *partials, size_t segment_stride, int segments, int tokens, int group, int d,
                        float *out, size_t out_stride);

/// float32 → IEEE half (round to nearest even; the same bits on every level) and back.
void sq_f32_to_f16(const float *x, uint16_t *h, size_t n);
void sq_f16_to_f32(const uint16_t *h, float *x, size_t n);

/// `gate[i] = gate[i] / (1 + e^(−gate[i])) · up[i]` (SwiGLU) with a vectorised exp (relative
/// error < 2e-7 against `expf`).
void sq_swiglu(float *gate, const float *up, size_t n);

/// e^x for n values (the vectorised exp of the kernels above; used by tests).
void sq_exp(const float *x, float *y, size_t n);

#endif

// Integer dot-product kernels for ggml block formats (Q4_0, Q4_1, Q8_0 weights times an 8-bit
// quantized activation), used by SpotterNumerics. Block layouts: see BlockFormat.swift.
//
// The activation is quantized per block of 32: d = max|x| / 127, q = round(x / d) (int8),
// s = d * sum(q) (ggml Q8_1). Each kernel computes y[r] for rows r0 <= r < r1 of a matrix whose
// row r starts at `weights + r * row_bytes` and holds `blocks` blocks.
//
// x86-64 builds pick an AVX2 path at run time when the CPU has it (as llama.cpp's kernels do);
// otherwise a portable C loop that the compiler vectorises for the baseline (SSE2).
#ifndef SPOTTER_QUANT_KERNELS_H
#define SPOTTER_QUANT_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Quantizes n floats (n a multiple of 32) to int8 blocks with per-block scale and scaled sum.
void sq_quantize_q8_1(const float *x, int n, int8_t *qs, float *d, float *s);

/// `half_table[bits]` is the float value of an IEEE half with those bits.
void sq_gemv_q4_1(const uint8_t *weights, size_t row_bytes, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *s, const float *half_table, float *y);
void sq_gemv_q4_0(const uint8_t *weights, size_t row_bytes, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *half_table, float *y);
void sq_gemv_q8_0(const uint8_t *weights, size_t row_bytes, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *half_table, float *y);

/// Attention scores of one head: s[p] = scale * dot(q, keys + p * stride) for p < n (d values each).
void sq_attention_scores(const float *q, const float *keys, size_t stride, int n, int d, float scale, float *s);

/// Attention output of one head: out = sum_p s[p] * (values + p * stride) (d values).
void sq_attention_mix(const float *values, size_t stride, int n, int d, const float *s, float *out);

/// 1 when the AVX2 kernels are in use.
int sq_uses_avx2(void);

/// Turns the AVX2 kernels off (0) or back on where the CPU has them (1): lets tests check the
/// portable kernels on an AVX2 machine. Not thread-safe with concurrent kernel calls.
void sq_set_avx2_enabled(int enabled);

/// A spin-wait hint (x86 `pause`): lets the sibling hyperthread run and saves power while a
/// thread polls an atomic.
static inline void sq_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

#endif

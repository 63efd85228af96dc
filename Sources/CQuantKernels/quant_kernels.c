// See include/quant_kernels.h.
#include "quant_kernels.h"
#include "engine_kernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define SQ_X86 1
#endif

static inline uint16_t load_u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static void quantize_q8_1_generic(const float *x, int n, int8_t *qs, float *d, float *s) {
    for (int b = 0; b < n / 32; b++) {
        const float *xb = x + b * 32;
        float amax = 0;
        for (int j = 0; j < 32; j++) { float a = fabsf(xb[j]); amax = a > amax ? a : amax; }
        const float scale = amax / 127.0f;
        const float inv = scale != 0.0f ? 1.0f / scale : 0.0f;
        int sum = 0;
        for (int j = 0; j < 32; j++) {
            int q = (int)roundf(xb[j] * inv);
            qs[b * 32 + j] = (int8_t)q;
            sum += q;
        }
        d[b] = scale;
        s[b] = scale * (float)sum;
    }
}

// ---------------------------------------------------------------- portable kernels

static void gemv_q4_1_generic(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                              const int8_t *qs, const float *d, const float *s, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        float acc = 0;
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 20;
            const int8_t *x = qs + b * 32;
            int sum = 0;
            for (int j = 0; j < 16; j++) sum += (blk[4 + j] & 0x0F) * x[j] + (blk[4 + j] >> 4) * x[j + 16];
            acc += ht[load_u16(blk)] * d[b] * (float)sum + ht[load_u16(blk + 2)] * s[b];
        }
        y[r] = acc;
    }
}

static void gemv_q4_0_generic(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                              const int8_t *qs, const float *d, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        float acc = 0;
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 18;
            const int8_t *x = qs + b * 32;
            int sum = 0;
            for (int j = 0; j < 16; j++) sum += ((blk[2 + j] & 0x0F) - 8) * x[j] + ((blk[2 + j] >> 4) - 8) * x[j + 16];
            acc += ht[load_u16(blk)] * d[b] * (float)sum;
        }
        y[r] = acc;
    }
}

static void gemv_q8_0_generic(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                              const int8_t *qs, const float *d, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        float acc = 0;
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 34;
            const int8_t *q = (const int8_t *)(blk + 2);
            const int8_t *x = qs + b * 32;
            int sum = 0;
            for (int j = 0; j < 32; j++) sum += q[j] * x[j];
            acc += ht[load_u16(blk)] * d[b] * (float)sum;
        }
        y[r] = acc;
    }
}

// ---------------------------------------------------------------- AVX2 kernels

#ifdef SQ_X86
/// An IEEE half to float with F16C (a 256 KB lookup table misses the cache on every block).
__attribute__((target("avx2,fma,f16c")))
static inline float half_at(const uint8_t *p) { return _cvtsh_ss(load_u16(p)); }

__attribute__((target("avx2,fma,f16c")))
static inline float hsum256(__m256 v) {
    __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_add_ps(a, _mm_movehl_ps(a, a));
    a = _mm_add_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}

/// 32 nibbles of a 16-byte block: bytes 0–15 the low nibbles (weights 0–15), 16–31 the high.
__attribute__((target("avx2,fma,f16c")))
static inline __m256i nibbles(const uint8_t *p) {
    const __m128i t = _mm_loadu_si128((const __m128i *)p);
    const __m256i both = _mm256_set_m128i(_mm_srli_epi16(t, 4), t);
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0F));
}

/// Σ a·b over 32 int8 pairs (a as unsigned 0..255 or signed via the sign trick) → 8 int32 lanes.
__attribute__((target("avx2,fma,f16c")))
static inline __m256 dot_u8_s8(__m256i a, __m256i b) {
    const __m256i p16 = _mm256_maddubs_epi16(a, b);
    return _mm256_cvtepi32_ps(_mm256_madd_epi16(p16, _mm256_set1_epi16(1)));
}

__attribute__((target("avx2,fma,f16c")))
static void gemv_q4_1_avx2(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                           const int8_t *qs, const float *d, const float *s, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        __m256 acc = _mm256_setzero_ps();
        float accm = 0;
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 20;
            const __m256i x = _mm256_loadu_si256((const __m256i *)(qs + b * 32));
            const __m256 p = dot_u8_s8(nibbles(blk + 4), x);
            acc = _mm256_fmadd_ps(_mm256_set1_ps(half_at(blk) * d[b]), p, acc);
            accm += half_at(blk + 2) * s[b];
        }
        y[r] = hsum256(acc) + accm;
    }
}

__attribute__((target("avx2,fma,f16c")))
static void gemv_q4_0_avx2(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                           const int8_t *qs, const float *d, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        __m256 acc = _mm256_setzero_ps();
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 18;
            const __m256i wq = _mm256_sub_epi8(nibbles(blk + 2), _mm256_set1_epi8(8));
            const __m256i x = _mm256_loadu_si256((const __m256i *)(qs + b * 32));
            const __m256 p = dot_u8_s8(_mm256_sign_epi8(wq, wq), _mm256_sign_epi8(x, wq));
            acc = _mm256_fmadd_ps(_mm256_set1_ps(half_at(blk) * d[b]), p, acc);
        }
        y[r] = hsum256(acc);
    }
}

__attribute__((target("avx2,fma,f16c")))
static void gemv_q8_0_avx2(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                           const int8_t *qs, const float *d, const float *ht, float *y) {
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        __m256 acc = _mm256_setzero_ps();
        for (int b = 0; b < blocks; b++) {
            const uint8_t *blk = row + b * 34;
            const __m256i wq = _mm256_loadu_si256((const __m256i *)(blk + 2));
            const __m256i x = _mm256_loadu_si256((const __m256i *)(qs + b * 32));
            const __m256 p = dot_u8_s8(_mm256_sign_epi8(wq, wq), _mm256_sign_epi8(x, wq));
            acc = _mm256_fmadd_ps(_mm256_set1_ps(half_at(blk) * d[b]), p, acc);
        }
        y[r] = hsum256(acc);
    }
}

/// As `quantize_q8_1_generic`, 8 lanes at a time (round half to even at exact ties, as
/// llama.cpp's AVX2 quantizer; the generic loop rounds ties away from zero).
__attribute__((target("avx2,fma,f16c")))
static void quantize_q8_1_avx2(const float *x, int n, int8_t *qs, float *d, float *s) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    for (int b = 0; b < n / 32; b++) {
        const float *xb = x + b * 32;
        __m256 v0 = _mm256_loadu_ps(xb), v1 = _mm256_loadu_ps(xb + 8);
        __m256 v2 = _mm256_loadu_ps(xb + 16), v3 = _mm256_loadu_ps(xb + 24);
        __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(sign, v0), _mm256_andnot_ps(sign, v1)),
                                 _mm256_max_ps(_mm256_andnot_ps(sign, v2), _mm256_andnot_ps(sign, v3)));
        __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        h = _mm_max_ps(h, _mm_movehl_ps(h, h));
        h = _mm_max_ss(h, _mm_movehdup_ps(h));
        const float amax = _mm_cvtss_f32(h);
        const float scale = amax / 127.0f;
        const __m256 inv = _mm256_set1_ps(scale != 0.0f ? 1.0f / scale : 0.0f);
        __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v0, inv));
        __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v1, inv));
        __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v2, inv));
        __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v3, inv));
        __m256i total = _mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3));
        __m128i t = _mm_add_epi32(_mm256_castsi256_si128(total), _mm256_extracti128_si256(total, 1));
        t = _mm_hadd_epi32(t, t);
        t = _mm_hadd_epi32(t, t);
        // Pack to int8 in order: packs interleave 128-bit lanes, a permute restores the order.
        __m256i p01 = _mm256_packs_epi32(i0, i1), p23 = _mm256_packs_epi32(i2, i3);
        __m256i p = _mm256_packs_epi16(p01, p23);
        p = _mm256_permutevar8x32_epi32(p, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
        _mm256_storeu_si256((__m256i *)(qs + b * 32), p);
        d[b] = scale;
        s[b] = scale * (float)_mm_cvtsi128_si32(t);
    }
}
#endif


// The level choice lives in cpu_features.c (CPUID + XGETBV); these kernels need level 1.
void sq_set_avx2_enabled(int enabled) { sq_set_level_limit(enabled ? -1 : 0); }

int sq_uses_avx2(void) { return sq_active_level() >= 1; }

void sq_quantize_q8_1(const float *x, int n, int8_t *qs, float *d, float *s) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { quantize_q8_1_avx2(x, n, qs, d, s); return; }
#endif
    quantize_q8_1_generic(x, n, qs, d, s);
}

void sq_gemv_q4_1(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *s, const float *ht, float *y) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { gemv_q4_1_avx2(w, rb, blocks, r0, r1, qs, d, s, ht, y); return; }
#endif
    gemv_q4_1_generic(w, rb, blocks, r0, r1, qs, d, s, ht, y);
}

void sq_gemv_q4_0(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *ht, float *y) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { gemv_q4_0_avx2(w, rb, blocks, r0, r1, qs, d, ht, y); return; }
#endif
    gemv_q4_0_generic(w, rb, blocks, r0, r1, qs, d, ht, y);
}

void sq_gemv_q8_0(const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                  const int8_t *qs, const float *d, const float *ht, float *y) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { gemv_q8_0_avx2(w, rb, blocks, r0, r1, qs, d, ht, y); return; }
#endif
    gemv_q8_0_generic(w, rb, blocks, r0, r1, qs, d, ht, y);
}

// ---------------------------------------------------------------- attention over the KV cache

#ifdef SQ_X86
// The arithmetic of SpotterNumerics' Vector.dot / Vector.addScaled (8 lanes, multiply then add,
// no fused multiply-add); the final lane sum may be ordered differently.
#pragma STDC FP_CONTRACT OFF
__attribute__((target("avx2,fma,f16c")))
static void attention_scores_avx2(const float *q, const float *keys, size_t stride, int n, int d,
                                  float scale, float *s) {
    for (int p = 0; p < n; p++) {
        const float *k = keys + (size_t)p * stride;
        __m256 acc = _mm256_setzero_ps();
        int i = 0;
        for (; i + 8 <= d; i += 8) acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(q + i), _mm256_loadu_ps(k + i)));
        float sum = hsum256(acc);
        for (; i < d; i++) sum += q[i] * k[i];
        s[p] = sum * scale;
    }
}

__attribute__((target("avx2,fma,f16c")))
static void attention_mix_avx2(const float *values, size_t stride, int n, int d, const float *s, float *out) {
    int i = 0;
    for (; i + 8 <= d; i += 8) {
        __m256 acc = _mm256_setzero_ps();
        for (int p = 0; p < n; p++)
            acc = _mm256_add_ps(acc, _mm256_mul_ps(_mm256_loadu_ps(values + (size_t)p * stride + i), _mm256_set1_ps(s[p])));
        _mm256_storeu_ps(out + i, acc);
    }
    for (; i < d; i++) {
        float acc = 0;
        for (int p = 0; p < n; p++) acc += values[(size_t)p * stride + i] * s[p];
        out[i] = acc;
    }
}
#endif

void sq_attention_scores(const float *q, const float *keys, size_t stride, int n, int d, float scale, float *s) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { attention_scores_avx2(q, keys, stride, n, d, scale, s); return; }
#endif
    for (int p = 0; p < n; p++) {
        float sum = 0;
        for (int i = 0; i < d; i++) sum += q[i] * keys[(size_t)p * stride + i];
        s[p] = sum * scale;
    }
}

void sq_attention_mix(const float *values, size_t stride, int n, int d, const float *s, float *out) {
#ifdef SQ_X86
    if (sq_uses_avx2()) { attention_mix_avx2(values, stride, n, d, s, out); return; }
#endif
    for (int i = 0; i < d; i++) out[i] = 0;
    for (int p = 0; p < n; p++)
        for (int i = 0; i < d; i++) out[i] += values[(size_t)p * stride + i] * s[p];
}

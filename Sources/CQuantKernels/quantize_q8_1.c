// Activation quantization for the integer matrix products (see include/quant_kernels.h).
#include "quant_kernels.h"
#include "engine_kernels.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define SQ_X86 1
#endif

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

#ifdef SQ_X86
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

void sq_quantize_q8_1(const float *x, int n, int8_t *qs, float *d, float *s) {
#ifdef SQ_X86
    if (sq_active_level() >= 1) { quantize_q8_1_avx2(x, n, qs, d, s); return; }
#endif
    quantize_q8_1_generic(x, n, qs, d, s);
}

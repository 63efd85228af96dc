// The vectorised exp shared by the engine's C kernels (internal header).
//
// Cephes' expf: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial, then scaled by
// 2^n through the exponent bits; relative error ≤ ~2 ulp on [−87.3, 88]. Inputs are clamped
// to that range (e^x below it returns ~1e−38, not 0: callers mask where exact zeros matter).
#ifndef SPOTTER_VECTOR_MATH_H
#define SPOTTER_VECTOR_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#define SQ_EXP_HI 88.0f
#define SQ_EXP_LO (-87.3365447504f)
#define SQ_LOG2E 1.44269504088896341f
#define SQ_LN2_HI 0.693359375f
#define SQ_LN2_LO (-2.12194440e-4f)
#define SQ_P0 1.9875691500E-4f
#define SQ_P1 1.3981999507E-3f
#define SQ_P2 8.3334519073E-3f
#define SQ_P3 4.1665795894E-2f
#define SQ_P4 1.6666665459E-1f
#define SQ_P5 5.0000001201E-1f

/// The portable (scalar) exp, the same algorithm without fused multiply-adds.
static inline float sq_exp_scalar(float x) {
    x = x > SQ_EXP_HI ? SQ_EXP_HI : x;
    x = x < SQ_EXP_LO ? SQ_EXP_LO : x;
    const float n = nearbyintf(x * SQ_LOG2E);
    float r = x - n * SQ_LN2_HI;
    r = r - n * SQ_LN2_LO;
    float y = SQ_P0;
    y = y * r + SQ_P1;
    y = y * r + SQ_P2;
    y = y * r + SQ_P3;
    y = y * r + SQ_P4;
    y = y * r + SQ_P5;
    y = y * (r * r) + r;
    y = y + 1.0f;
    const uint32_t bits = (uint32_t)((int32_t)n + 127) << 23;
    float scale;
    memcpy(&scale, &bits, 4);
    return y * scale;
}

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2,fma,f16c")))
static inline __m256 sq_exp256(__m256 x) {
    x = _mm256_min_ps(x, _mm256_set1_ps(SQ_EXP_HI));
    x = _mm256_max_ps(x, _mm256_set1_ps(SQ_EXP_LO));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(SQ_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(SQ_LN2_HI), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(SQ_LN2_LO), r);
    __m256 y = _mm256_set1_ps(SQ_P0);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(SQ_P1));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(SQ_P2));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(SQ_P3));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(SQ_P4));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(SQ_P5));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), r);
    y = _mm256_add_ps(y, _mm256_set1_ps(1.0f));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(e));
}

__attribute__((target("avx2,fma,f16c")))
static inline float sq_hsum256(__m256 v) {
    __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_add_ps(a, _mm_movehl_ps(a, a));
    a = _mm_add_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}

__attribute__((target("avx2,fma,f16c")))
static inline float sq_hmax256(__m256 v) {
    __m128 a = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_max_ps(a, _mm_movehl_ps(a, a));
    a = _mm_max_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}
#endif

#endif

// Element-wise kernels of the forward pass: float16 conversion, SwiGLU, exp
// (see include/engine_kernels.h).
#include "engine_kernels.h"
#include "vector_math.h"

// ---------------------------------------------------------------- float16

static uint16_t f32_to_f16_portable(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    const uint32_t sign = (x >> 16) & 0x8000;
    const uint32_t abs = x & 0x7FFFFFFF;
    if (abs >= 0x7F800000) return (uint16_t)(sign | 0x7C00 | (abs > 0x7F800000 ? 0x200 : 0));   // inf / NaN
    if (abs >= 0x477FF000) return (uint16_t)(sign | 0x7C00);                                    // rounds to inf
    if (abs < 0x38800000) {   // subnormal half (or zero): round |f| · 2^24 to an integer, ties to even
        float a;
        memcpy(&a, &abs, 4);
        return (uint16_t)(sign | (uint32_t)nearbyintf(a * 16777216.0f));
    }
    // Normal: drop 13 mantissa bits with round to nearest even.
    const uint32_t rounded = abs + 0xFFF + ((abs >> 13) & 1);
    return (uint16_t)(sign | ((rounded - 0x38000000) >> 13));
}

static float f16_to_f32_portable(uint16_t h) {
    const uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0) {
        float f = (float)mantissa * 5.9604644775390625e-8f;   // 2^-24
        memcpy(&bits, &f, 4);
        bits |= sign;
    } else if (exponent == 31) bits = sign | 0x7F800000 | (mantissa << 13);
    else bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma,f16c")))
static void f32_to_f16_f16c(const float *x, uint16_t *h, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(h + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    for (; i < n; i++) h[i] = _cvtss_sh(x[i], _MM_FROUND_TO_NEAREST_INT);
}

__attribute__((target("avx2,fma,f16c")))
static void f16_to_f32_f16c(const uint16_t *h, float *x, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(x + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(h + i))));
    for (; i < n; i++) x[i] = _cvtsh_ss(h[i]);
}

__attribute__((target("avx2,fma,f16c")))
static void swiglu_avx2(float *g, const float *u, size_t n) {
    size_t i = 0;
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    for (; i + 8 <= n; i += 8) {
        const __m256 x = _mm256_loadu_ps(g + i);
        const __m256 e = sq_exp256(_mm256_sub_ps(zero, x));
        _mm256_storeu_ps(g + i, _mm256_mul_ps(_mm256_div_ps(x, _mm256_add_ps(one, e)), _mm256_loadu_ps(u + i)));
    }
    for (; i < n; i++) g[i] = g[i] / (1.0f + sq_exp_scalar(-g[i])) * u[i];
}

__attribute__((target("avx2,fma,f16c")))
static void exp_avx2(const float *x, float *y, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, sq_exp256(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = sq_exp_scalar(x[i]);
}
#endif

void sq_f32_to_f16(const float *x, uint16_t *h, size_t n) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1) { f32_to_f16_f16c(x, h, n); return; }
#endif
    for (size_t i = 0; i < n; i++) h[i] = f32_to_f16_portable(x[i]);
}

void sq_f16_to_f32(const uint16_t *h, float *x, size_t n) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1) { f16_to_f32_f16c(h, x, n); return; }
#endif
    for (size_t i = 0; i < n; i++) x[i] = f16_to_f32_portable(h[i]);
}

void sq_swiglu(float *g, const float *u, size_t n) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1) { swiglu_avx2(g, u, n); return; }
#endif
    for (size_t i = 0; i < n; i++) g[i] = g[i] / (1.0f + sq_exp_scalar(-g[i])) * u[i];
}

void sq_exp(const float *x, float *y, size_t n) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1) { exp_avx2(x, y, n); return; }
#endif
    for (size_t i = 0; i < n; i++) y[i] = sq_exp_scalar(x[i]);
}

// Integer matrix products over several tokens (see include/engine_kernels.h): activations are
// quantized once per matrix, then tiles of weight rows × tokens are multiplied block by block
// with integer dot products, without decoding the weights to float.
#include "engine_kernels.h"
#include "quant_kernels.h"
#include <math.h>
#include <string.h>

/// Most blocks per row (columns / 32) the SIMD tiles handle (their offset-term buffer); wider
/// matrices use the portable kernel.
#define SQ_MAX_BLOCKS 1024

static inline uint16_t load_u16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static inline float half_to_float(uint16_t h) {
    const uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    const uint32_t exponent = (h >> 10) & 0x1F, mantissa = h & 0x3FF;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) bits = sign;
        else {   // subnormal: normalise
            int e = -1;
            uint32_t m = mantissa;
            do { e++; m <<= 1; } while ((m & 0x400) == 0);
            bits = sign | ((uint32_t)(127 - 15 - e) << 23) | ((m & 0x3FF) << 13);
        }
    } else if (exponent == 31) bits = sign | 0x7F800000 | (mantissa << 13);
    else bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static int block_bytes(int format) { return format == SQ_Q8_0 ? 34 : format == SQ_Q4_1 ? 20 : 18; }

// ---------------------------------------------------------------- portable

static void gemm_portable(int format, const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                          const int8_t *qs, const float *d, int tokens, float *y, size_t ys) {
    const int bb = block_bytes(format);
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        for (int t = 0; t < tokens; t++) {
            const int8_t *xq = qs + (size_t)t * blocks * 32;
            const float *xd = d + (size_t)t * blocks;
            float acc = 0;
            for (int b = 0; b < blocks; b++) {
                const uint8_t *blk = row + (size_t)b * bb;
                const int8_t *x = xq + b * 32;
                int sum = 0;
                if (format == SQ_Q8_0) {
                    const int8_t *q = (const int8_t *)(blk + 2);
                    for (int j = 0; j < 32; j++) sum += q[j] * x[j];
                } else {
                    const uint8_t *q = blk + (format == SQ_Q4_1 ? 4 : 2);
                    for (int j = 0; j < 16; j++) sum += (q[j] & 0x0F) * x[j] + (q[j] >> 4) * x[j + 16];
                }
                acc += half_to_float(load_u16(blk)) * xd[b] * (float)sum;
            }
            y[(size_t)t * ys + r] = acc;
        }
    }
}

// ---------------------------------------------------------------- x86-64 levels

#if defined(__x86_64__)
#include <immintrin.h>

/// Rows a one-token product prefetches ahead of the tile it computes (~16 rows: 10 KB of Q8_0
/// at 576 columns; measured best of 8…64 on 2 cores). Prefetches never fault, so the last
/// tiles of a range may prefetch past it.
#define SQ_PREFETCH_ROWS 16

/// Prefetches `bytes` from `p` into the caches, one line per 64 bytes.
static inline void sq_prefetch(const uint8_t *p, size_t bytes) {
    for (size_t o = 0; o < bytes; o += 64) _mm_prefetch((const char *)p + o, _MM_HINT_T0);
}

#define SQ_TARGET __attribute__((target("avx2,fma,f16c")))
#define SQ_NAME(x) x##_avx2
#define SQ_DOT(u, s) _mm256_madd_epi16(_mm256_maddubs_epi16((u), (s)), _mm256_set1_epi16(1))
#define SQ_RM 1
#define SQ_RN 4
#define SQ_RMD 4
#include "gemm_tiles.h"
#undef SQ_TARGET
#undef SQ_NAME
#undef SQ_DOT
#undef SQ_RM
#undef SQ_RN
#undef SQ_RMD

#define SQ_TARGET __attribute__((target("avx2,fma,f16c,avxvnni")))
#define SQ_NAME(x) x##_avxvnni
#define SQ_DOT(u, s) _mm256_dpbusd_avx_epi32(_mm256_setzero_si256(), (u), (s))
#define SQ_RM 1
#define SQ_RN 4
#define SQ_RMD 4
#include "gemm_tiles.h"
#undef SQ_TARGET
#undef SQ_NAME
#undef SQ_DOT
#undef SQ_RM
#undef SQ_RN
#undef SQ_RMD

#define SQ_TARGET __attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni")))
#define SQ_NAME(x) x##_avx512vnni
#define SQ_DOT(u, s) _mm256_dpbusd_epi32(_mm256_setzero_si256(), (u), (s))
#define SQ_RM 1
#define SQ_RN 8
#define SQ_RMD 4
#include "gemm_tiles.h"
#undef SQ_TARGET
#undef SQ_NAME
#undef SQ_DOT
#undef SQ_RM
#undef SQ_RN
#undef SQ_RMD
#endif

// ---------------------------------------------------------------- entry points

void sq_quantize_rows_q8_1(const float *x, size_t x_stride, int tokens, int n, int8_t *qs, float *d, float *s) {
    for (int t = 0; t < tokens; t++)
        sq_quantize_q8_1(x + (size_t)t * x_stride, n, qs + (size_t)t * n, d + (size_t)t * (n / 32), s + (size_t)t * (n / 32));
}

void sq_gemm_q(int format, const uint8_t *w, size_t rb, int blocks, int r0, int r1,
               const int8_t *qs, const float *d, const float *s, int tokens, float *y, size_t ys) {
    if (r0 >= r1 || tokens <= 0) return;
    switch (blocks <= SQ_MAX_BLOCKS ? sq_active_level() : 0) {
#if defined(__x86_64__)
    case 3: gemm_avx512vnni(format, w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); return;
    case 2: gemm_avxvnni(format, w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); return;
    case 1: gemm_avx2(format, w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); return;
#endif
    default: break;
    }
    gemm_portable(format, w, rb, blocks, r0, r1, qs, d, tokens, y, ys);
    if (format == SQ_Q8_0) return;
    // The offset term of the 4-bit formats: Σ_b m_b · s_b (Q4_1: stored m; Q4_0: m = −8·d).
    const int bb = block_bytes(format);
    for (int r = r0; r < r1; r++) {
        const uint8_t *row = w + (size_t)r * rb;
        for (int t = 0; t < tokens; t++) {
            const float *st = s + (size_t)t * blocks;
            float sum = 0;
            for (int b = 0; b < blocks; b++) {
                const uint8_t *blk = row + (size_t)b * bb;
                const float m = format == SQ_Q4_1 ? half_to_float(load_u16(blk + 2)) : -8.0f * half_to_float(load_u16(blk));
                sum += m * st[b];
            }
            y[(size_t)t * ys + r] += sum;
        }
    }
}

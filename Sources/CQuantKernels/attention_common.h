// Shared parts of the attention kernels (internal header): the block, tile and segment sizes,
// the tile of queries, and the folding of segment states (see attention_f16.c). Both cache
// formats (float16 and 8-bit) use them, so their segments split and merge the same way.
#ifndef SPOTTER_ATTENTION_COMMON_H
#define SPOTTER_ATTENTION_COMMON_H

#include "vector_math.h"

#define KB 64     // key positions per block
#define MAXQ 16   // queries per tile
#define SEG 256   // key positions per segment (a multiple of KB)

typedef struct {
    const float *q[MAXQ];
    float *out[MAXQ];
    int pos[MAXQ];
    int n;
} tile_t;

/// Folds one segment's state (m, l, o) into the running state (M, L, O) of a query; a segment
/// the query does not reach (m = −∞) leaves it unchanged. Scalar and the same on every level.
static inline void fold(float *M, float *L, float *O, float m, float l, const float *o, int d) {
    if (m == -INFINITY) return;
    const float mnew = *M > m ? *M : m;
    const float a = sq_exp_scalar(*M - mnew), b = sq_exp_scalar(m - mnew);
    *L = *L * a + l * b;
    for (int i = 0; i < d; i++) O[i] = O[i] * a + o[i] * b;
    *M = mnew;
}

/// out = O / L for one query.
static inline void finish(const float *O, float L, float *out, int d) {
    for (int i = 0; i < d; i++) out[i] = O[i] / L;
}

static inline void make_tile(tile_t *t, int start, int total, const float *q, size_t q_stride, int first_pos, int group,
                      int d, float *out, size_t out_stride) {
    t->n = total - start < MAXQ ? total - start : MAXQ;
    for (int a = 0; a < t->n; a++) {
        const int token = (start + a) / group, head = (start + a) % group;
        t->q[a] = q + (size_t)token * q_stride + (size_t)head * d;
        t->out[a] = out ? out + (size_t)token * out_stride + (size_t)head * d : 0;
        t->pos[a] = first_pos + token;
    }
}

#if defined(__x86_64__)
#define VLOAD_F(off) _mm256_loadu_ps(vf + (off))
/// o = o·alpha + Σ_k p_k · V_k for one query (`VLOAD` picks the value source).
#define MIX(VLOAD)                                                                               \
    {                                                                                            \
        int i = 0;                                                                               \
        for (; i + 64 <= d; i += 64) {                                                           \
            __m256 acc[8];                                                                       \
            for (int c = 0; c < 8; c++) acc[c] = _mm256_mul_ps(_mm256_loadu_ps(oq + i + c * 8), va); \
            for (int k = 0; k < valid; k++) {                                                    \
                const __m256 p = _mm256_broadcast_ss(sq + k);                                    \
                for (int c = 0; c < 8; c++) acc[c] = _mm256_fmadd_ps(p, VLOAD((size_t)k * d + i + c * 8), acc[c]); \
            }                                                                                    \
            for (int c = 0; c < 8; c++) _mm256_storeu_ps(oq + i + c * 8, acc[c]);               \
        }                                                                                        \
        for (; i < d; i += 8) {                                                                  \
            __m256 acc = _mm256_mul_ps(_mm256_loadu_ps(oq + i), va);                             \
            for (int k = 0; k < valid; k++)                                                      \
                acc = _mm256_fmadd_ps(_mm256_broadcast_ss(sq + k), VLOAD((size_t)k * d + i), acc); \
            _mm256_storeu_ps(oq + i, acc);                                                       \
        }                                                                                        \
    }

#endif

/// Computes the online-softmax state (m, l, o in the scratch, see sq_attention_scratch_floats)
/// of a tile's queries over key positions [k_lo, k_hi) of one head's cache, in some format.
typedef void (*tile_fn)(const tile_t *t, int d, const void *keys, const void *values, float scale,
                        float *scratch, int k_lo, int k_hi);

void sq_attention_drive(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                        const void *keys, const void *values, float scale,
                        float *out, size_t out_stride, float *scratch);
void sq_attention_drive_segment(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                                const void *keys, const void *values, float scale, int segment,
                                float *partial, float *scratch);

#endif

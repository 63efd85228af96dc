// Shared parts of the attention kernels (internal header): the block, tile and segment sizes,
// the tile of queries, the online-softmax step of one query over one block (portable and
// AVX2), the folding of segment states, and the drivers (attention_driver.c) that run a cache
// format's tile function over tiles and segments. A format (attention_f16.c, attention_q8.c)
// supplies only its tile function: scores of a tile's queries against a block of keys and the
// mix of its values; both formats therefore split, step and merge their softmax the same way.
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

/// Empties the online-softmax states of a tile's `n` queries: m = −∞, l = 0, o = 0.
static inline void empty_states(float *m, float *l, float *o, int n, int d) {
    for (int qi = 0; qi < n; qi++) {
        m[qi] = -INFINITY;
        l[qi] = 0;
        for (int i = 0; i < d; i++) o[qi * d + i] = 0;
    }
}

/// One query's online-softmax step over the `valid` scores `sq` of a block (portable):
///   m' = max(m, max s);  p_k = e^(s_k − m') (in place);  l' = l·α + Σ p_k;  α = e^(m − m')
/// Returns α (the caller scales o by it before adding Σ p_k·V_k).
static inline float softmax_step_portable(float *sq, int valid, float *m, float *l) {
    float best = -INFINITY;
    for (int k = 0; k < valid; k++) best = sq[k] > best ? sq[k] : best;
    const float mnew = *m > best ? *m : best;
    const float alpha = sq_exp_scalar(*m - mnew);
    float sum = 0;
    for (int k = 0; k < valid; k++) { sq[k] = sq_exp_scalar(sq[k] - mnew); sum += sq[k]; }
    *l = *l * alpha + sum;
    *m = mnew;
    return alpha;
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
#define AVX2 __attribute__((target("avx2,fma,f16c")))

/// `softmax_step_portable` with 8 lanes and the vectorised exp: scores from `valid` up to the
/// next multiple of 8 are set to −∞ (then p = 0), so a mix may read whole vectors of 8.
AVX2 static inline float softmax_step_avx2(float *sq, int valid, float *m, float *l) {
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const int n8 = (valid + 7) / 8;
    __m256 vmax = _mm256_set1_ps(-INFINITY);
    for (int c = 0; c < n8; c++) {
        const __m256 keep = _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(valid - c * 8), lane));
        const __m256 x = _mm256_blendv_ps(_mm256_set1_ps(-INFINITY), _mm256_loadu_ps(sq + c * 8), keep);
        _mm256_storeu_ps(sq + c * 8, x);
        vmax = _mm256_max_ps(vmax, x);
    }
    const float best = sq_hmax256(vmax);
    const float mnew = *m > best ? *m : best;
    const __m256 vm = _mm256_set1_ps(mnew);
    const float alpha = _mm256_cvtss_f32(sq_exp256(_mm256_set1_ps(*m - mnew)));
    __m256 vsum = _mm256_setzero_ps();
    for (int c = 0; c < n8; c++) {
        const __m256 x = _mm256_loadu_ps(sq + c * 8);
        const __m256 keep = _mm256_cmp_ps(x, _mm256_set1_ps(-INFINITY), _CMP_NEQ_OQ);
        const __m256 p = _mm256_and_ps(sq_exp256(_mm256_sub_ps(x, vm)), keep);
        _mm256_storeu_ps(sq + c * 8, p);
        vsum = _mm256_add_ps(vsum, p);
    }
    *l = *l * alpha + sq_hsum256(vsum);
    *m = mnew;
    return alpha;
}

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
/// of a tile's queries over key positions [k_lo, k_hi) of one head's cache, in some format,
/// from empty states (a query before k_lo keeps m = −∞); picks the kernel level itself.
typedef void (*tile_fn)(const tile_t *t, int d, const void *keys, const void *values, float scale,
                        float *scratch, int k_lo, int k_hi);

/// The formats' tile functions and stores (attention_f16.c, attention_q8.c).
void sq_tile_f16(const tile_t *t, int d, const void *keys, const void *values, float scale,
                 float *scratch, int k_lo, int k_hi);
void sq_tile_q8(const tile_t *t, int d, const void *keys, const void *values, float scale,
                float *scratch, int k_lo, int k_hi);
void sq_store_kv_f16(const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                     uint16_t *keys, uint16_t *values);
void sq_store_kv_q8(const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                    uint8_t *keys, uint8_t *values);

#endif

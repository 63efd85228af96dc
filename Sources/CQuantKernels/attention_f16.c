// Causal grouped-query attention over a float16 KV cache (see include/engine_kernels.h).
//
// Queries are taken in tiles of up to 16 (token-major: the heads sharing a KV head, then the
// next token). For each block of 64 key positions the tile converts the block's keys and values
// to float once, then per query: scores s = scale · q·K (4 queries × 16 keys per register tile),
// mask the positions after the query, and update the online softmax
//   m' = max(m, max s);  l' = l·e^(m−m') + Σ e^(s−m');  o' = o·e^(m−m') + Σ e^(s−m')·V
// This file supplies the format's store and tile function; the segments, their folding and the
// entry points are the shared drivers' (attention_driver.c). Blocks are aligned at position 0
// and every per-query step is the same whatever the tile or the split, so decode (one token)
// reproduces prefill bit for bit.
#include "engine_kernels.h"
#include "vector_math.h"
#include "attention_common.h"

void sq_store_kv_f16(const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                     uint16_t *keys, uint16_t *values) {
    uint16_t row[d];
    for (int t = 0; t < tokens; t++) {
        const int p = first_pos + t;
        sq_f32_to_f16(k + (size_t)t * stride, row, (size_t)d);
        uint16_t *base = keys + (size_t)(p / KB) * KB * d + p % KB;
        for (int i = 0; i < d; i++) base[(size_t)i * KB] = row[i];
        sq_f32_to_f16(v + (size_t)t * stride, values + (size_t)p * d, (size_t)d);
    }
}

// ---------------------------------------------------------------- portable

/// The online-softmax state (m, l, o) of the tile's queries over key positions [k_lo, k_hi)
/// (k_lo a multiple of KB), from an empty state; a query before k_lo keeps m = −∞.
static void tile_portable(const tile_t *t, int d, const uint16_t *keys, const uint16_t *values,
                          float scale, float *scratch, int k_lo, int k_hi) {
    float *kt = scratch, *vf = kt + (size_t)d * KB, *s = vf + (size_t)KB * d;
    float *m = s + MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    const int last = t->pos[t->n - 1] < k_hi - 1 ? t->pos[t->n - 1] : k_hi - 1;
    empty_states(m, l, o, t->n, d);
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        sq_f16_to_f32(keys + (size_t)k0 * d, kt, (size_t)d * KB);
        sq_f16_to_f32(values + (size_t)k0 * d, vf, (size_t)kn * d);
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            const float *q = t->q[qi];
            float *sq = s + qi * KB;
            for (int k = 0; k < valid; k++) {
                float acc = 0;
                for (int i = 0; i < d; i++) acc += q[i] * kt[i * KB + k];
                sq[k] = acc * scale;
            }
            const float alpha = softmax_step_portable(sq, valid, &m[qi], &l[qi]);
            float *oq = o + qi * d;
            for (int i = 0; i < d; i++) oq[i] *= alpha;
            for (int k = 0; k < valid; k++)
                for (int i = 0; i < d; i++) oq[i] += sq[k] * vf[k * d + i];
        }
    }
}

// ---------------------------------------------------------------- AVX2

#if defined(__x86_64__)

/// Loads 8 keys (as floats) at offset `off` of the block: from the converted block, or straight
/// from the float16 cache (exact either way).
#define KLOAD_F(off) _mm256_loadu_ps(kt + (off))
#define KLOAD_H(off) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(kh + (off))))
#define VLOAD_H(off) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(vh + (off))))

/// Scores of `NQ` (1…4) queries against keys [0, 16·chunks) of the block.
#define SCORE_TILE(NQ, KLOAD)                                                                    \
    for (int c = 0; c < chunks; c++) {                                                           \
        __m256 acc[NQ][2];                                                                       \
        for (int a = 0; a < NQ; a++) acc[a][0] = acc[a][1] = _mm256_setzero_ps();                \
        for (int i = 0; i < d; i++) {                                                            \
            const __m256 k0v = KLOAD(i * KB + c * 16);                                           \
            const __m256 k1v = KLOAD(i * KB + c * 16 + 8);                                       \
            for (int a = 0; a < NQ; a++) {                                                       \
                const __m256 b = _mm256_broadcast_ss(t->q[qg + a] + i);                          \
                acc[a][0] = _mm256_fmadd_ps(b, k0v, acc[a][0]);                                  \
                acc[a][1] = _mm256_fmadd_ps(b, k1v, acc[a][1]);                                  \
            }                                                                                    \
        }                                                                                        \
        for (int a = 0; a < NQ; a++) {                                                           \
            _mm256_storeu_ps(s + (qg + a) * KB + c * 16, _mm256_mul_ps(acc[a][0], vscale));      \
            _mm256_storeu_ps(s + (qg + a) * KB + c * 16 + 8, _mm256_mul_ps(acc[a][1], vscale));  \
        }                                                                                        \
    }

/// All the tile's scores for the block (`KLOAD` picks the key source).
#define SCORES(KLOAD)                                                                            \
    {                                                                                            \
        int qg = 0;                                                                              \
        for (; qg + 4 <= t->n; qg += 4) { SCORE_TILE(4, KLOAD) }                                 \
        switch (t->n - qg) {   /* the rest in one tile: a decode step's 3 heads read keys once */ \
        case 3: SCORE_TILE(3, KLOAD) break;                                                      \
        case 2: SCORE_TILE(2, KLOAD) break;                                                      \
        case 1: SCORE_TILE(1, KLOAD) break;                                                      \
        default: break;                                                                          \
        }                                                                                        \
    }

AVX2 static void tile_avx2(const tile_t *t, int d, const uint16_t *keys, const uint16_t *values,
                           float scale, float *scratch, int k_lo, int k_hi) {
    float *kt = scratch, *vf = kt + (size_t)d * KB, *s = vf + (size_t)KB * d;
    float *m = s + MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    const int last = t->pos[t->n - 1] < k_hi - 1 ? t->pos[t->n - 1] : k_hi - 1;
    const __m256 vscale = _mm256_set1_ps(scale);
    empty_states(m, l, o, t->n, d);
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        const int chunks = (kn + 15) / 16;
        // A small tile (a decode step) reads the float16 block directly; a large one converts
        // it once for all its queries.
        const uint16_t *kh = keys + (size_t)k0 * d, *vh = values + (size_t)k0 * d;
        const int direct = t->n <= 4;
        // The next block's keys and values, while this one is computed.
        if (k0 + KB <= last) {
            for (size_t off = 0; off < (size_t)KB * d * 2; off += 64) {
                _mm_prefetch((const char *)(kh + (size_t)KB * d) + off, _MM_HINT_T0);
                _mm_prefetch((const char *)(vh + (size_t)KB * d) + off, _MM_HINT_T0);
            }
        }
        if (direct) SCORES(KLOAD_H)
        else {
            sq_f16_to_f32(kh, kt, (size_t)d * KB);
            sq_f16_to_f32(vh, vf, (size_t)kn * d);
            SCORES(KLOAD_F)
        }
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            float *sq = s + qi * KB;
            const float alpha = softmax_step_avx2(sq, valid, &m[qi], &l[qi]);
            float *oq = o + qi * d;
            const __m256 va = _mm256_set1_ps(alpha);
            if (direct) MIX(VLOAD_H) else MIX(VLOAD_F)
        }
    }
}
#endif

// ---------------------------------------------------------------- entry point

void sq_tile_f16(const tile_t *t, int d, const void *keys, const void *values, float scale,
                 float *scratch, int k_lo, int k_hi) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1 && d % 8 == 0) { tile_avx2(t, d, keys, values, scale, scratch, k_lo, k_hi); return; }
#endif
    tile_portable(t, d, keys, values, scale, scratch, k_lo, k_hi);
}

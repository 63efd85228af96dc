// Causal grouped-query attention over a float16 KV cache (see include/engine_kernels.h).
//
// Queries are taken in tiles of up to 16 (token-major: the heads sharing a KV head, then the
// next token). For each block of 64 key positions the tile converts the block's keys and values
// to float once, then per query: scores s = scale · q·K (4 queries × 16 keys per register tile),
// mask the positions after the query, and update the online softmax
//   m' = max(m, max s);  l' = l·e^(m−m') + Σ e^(s−m');  o' = o·e^(m−m') + Σ e^(s−m')·V
// Keys are taken in segments of SEG positions (aligned at 0), each with its own online softmax
// state, and the segments' states are folded in order (fold() below), then out = O / L. A
// decode step can therefore compute a KV head's segments on different threads
// (sq_attention_f16_segment) and merge them (sq_attention_f16_merge) with the very operations
// the one-call path uses. Blocks are aligned at position 0 and every per-query step is the
// same whatever the tile or the split, so decode (one token) reproduces prefill bit for bit.
#include "engine_kernels.h"
#include "vector_math.h"
#include "attention_common.h"


size_t sq_attention_scratch_floats(int d) {
    return (size_t)d * KB * 2 + (size_t)MAXQ * KB + 2 * MAXQ + (size_t)MAXQ * d
        + (size_t)MAXQ * (d + 2);   // the folded state (M, L, O) of the one-call path
}

int sq_attention_segment_positions(void) { return SEG; }

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
    for (int qi = 0; qi < t->n; qi++) {
        m[qi] = -INFINITY;
        l[qi] = 0;
        for (int i = 0; i < d; i++) o[qi * d + i] = 0;
    }
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        sq_f16_to_f32(keys + (size_t)k0 * d, kt, (size_t)d * KB);
        sq_f16_to_f32(values + (size_t)k0 * d, vf, (size_t)kn * d);
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            const float *q = t->q[qi];
            float *sq = s + qi * KB;
            float best = -INFINITY;
            for (int k = 0; k < valid; k++) {
                float acc = 0;
                for (int i = 0; i < d; i++) acc += q[i] * kt[i * KB + k];
                sq[k] = acc * scale;
                best = sq[k] > best ? sq[k] : best;
            }
            const float mnew = m[qi] > best ? m[qi] : best;
            const float alpha = sq_exp_scalar(m[qi] - mnew);
            float sum = 0;
            for (int k = 0; k < valid; k++) { sq[k] = sq_exp_scalar(sq[k] - mnew); sum += sq[k]; }
            l[qi] = l[qi] * alpha + sum;
            float *oq = o + qi * d;
            for (int i = 0; i < d; i++) oq[i] *= alpha;
            for (int k = 0; k < valid; k++)
                for (int i = 0; i < d; i++) oq[i] += sq[k] * vf[k * d + i];
            m[qi] = mnew;
        }
    }
}

// ---------------------------------------------------------------- AVX2

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma,f16c")))

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
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (int qi = 0; qi < t->n; qi++) {
        m[qi] = -INFINITY;
        l[qi] = 0;
        for (int i = 0; i < d; i++) o[qi * d + i] = 0;
    }
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        const int chunks = (kn + 15) / 16;
        // A small tile (a decode step) reads the float16 block directly; a large one converts
        // it once for all its queries.
        const uint16_t *kh = keys + (size_t)k0 * d, *vh = values + (size_t)k0 * d;
        const int direct = t->n <= 4;
        if (direct) SCORES(KLOAD_H)
        else {
            sq_f16_to_f32(kh, kt, (size_t)d * KB);
            sq_f16_to_f32(vh, vf, (size_t)kn * d);
            SCORES(KLOAD_F)
        }
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            const int n8 = (valid + 7) / 8;
            float *sq = s + qi * KB;
            __m256 vmax = _mm256_set1_ps(-INFINITY);
            for (int c = 0; c < n8; c++) {
                const __m256 keep = _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(valid - c * 8), lane));
                const __m256 x = _mm256_blendv_ps(_mm256_set1_ps(-INFINITY), _mm256_loadu_ps(sq + c * 8), keep);
                _mm256_storeu_ps(sq + c * 8, x);
                vmax = _mm256_max_ps(vmax, x);
            }
            const float best = sq_hmax256(vmax);
            const float mnew = m[qi] > best ? m[qi] : best;
            const __m256 vm = _mm256_set1_ps(mnew);
            const float alpha = _mm256_cvtss_f32(sq_exp256(_mm256_set1_ps(m[qi] - mnew)));
            __m256 vsum = _mm256_setzero_ps();
            for (int c = 0; c < n8; c++) {
                const __m256 x = _mm256_loadu_ps(sq + c * 8);
                const __m256 keep = _mm256_cmp_ps(x, _mm256_set1_ps(-INFINITY), _CMP_NEQ_OQ);
                const __m256 p = _mm256_and_ps(sq_exp256(_mm256_sub_ps(x, vm)), keep);
                _mm256_storeu_ps(sq + c * 8, p);
                vsum = _mm256_add_ps(vsum, p);
            }
            l[qi] = l[qi] * alpha + sq_hsum256(vsum);
            float *oq = o + qi * d;
            const __m256 va = _mm256_set1_ps(alpha);
            if (direct) MIX(VLOAD_H) else MIX(VLOAD_F)
            m[qi] = mnew;
        }
    }
}
#endif

// ---------------------------------------------------------------- segments and entry points

static void run_tile(const tile_t *t, int d, const void *keys, const void *values, float scale,
                     float *scratch, int k_lo, int k_hi) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1 && d % 8 == 0) { tile_avx2(t, d, keys, values, scale, scratch, k_lo, k_hi); return; }
#endif
    tile_portable(t, d, keys, values, scale, scratch, k_lo, k_hi);
}

/// The one-call attention of `tokens` queries with tile function `run` (see sq_attention_f16).
void sq_attention_drive(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                        const void *keys, const void *values, float scale,
                        float *out, size_t out_stride, float *scratch) {
    const int total = tokens * group;
    float *m = scratch + (size_t)d * KB * 2 + (size_t)MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    float *state = o + (size_t)MAXQ * d;   // per query: M, L, O[d]
    for (int start = 0; start < total; start += MAXQ) {
        tile_t t;
        make_tile(&t, start, total, q, q_stride, first_pos, group, d, out, out_stride);
        for (int a = 0; a < t.n; a++) {
            float *st = state + (size_t)a * (d + 2);
            st[0] = -INFINITY;
            st[1] = 0;
            for (int i = 0; i < d; i++) st[2 + i] = 0;
        }
        const int last = t.pos[t.n - 1];
        for (int k_lo = 0; k_lo <= last; k_lo += SEG) {
            run(&t, d, keys, values, scale, scratch, k_lo, k_lo + SEG);
            for (int a = 0; a < t.n; a++) {
                float *st = state + (size_t)a * (d + 2);
                fold(&st[0], &st[1], st + 2, m[a], l[a], o + (size_t)a * d, d);
            }
        }
        for (int a = 0; a < t.n; a++) {
            const float *st = state + (size_t)a * (d + 2);
            finish(st + 2, st[1], t.out[a], d);
        }
    }
}

/// One segment with tile function `run` (see sq_attention_f16_segment).
void sq_attention_drive_segment(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                                const void *keys, const void *values, float scale, int segment,
                                float *partial, float *scratch) {
    const int total = tokens * group;
    const float *m = scratch + (size_t)d * KB * 2 + (size_t)MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    for (int start = 0; start < total; start += MAXQ) {
        tile_t t;
        make_tile(&t, start, total, q, q_stride, first_pos, group, d, 0, 0);
        run(&t, d, keys, values, scale, scratch, segment * SEG, (segment + 1) * SEG);
        for (int a = 0; a < t.n; a++) {
            float *p = partial + (size_t)(start + a) * (d + 2);
            p[0] = m[a];
            p[1] = l[a];
            for (int i = 0; i < d; i++) p[2 + i] = o[(size_t)a * d + i];
        }
    }
}

void sq_attention_f16(const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                      const uint16_t *keys, const uint16_t *values, float scale,
                      float *out, size_t out_stride, float *scratch) {
    sq_attention_drive(run_tile, q, q_stride, tokens, first_pos, group, d, keys, values, scale, out, out_stride, scratch);
}

void sq_attention_f16_segment(const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                              const uint16_t *keys, const uint16_t *values, float scale, int segment,
                              float *partial, float *scratch) {
    sq_attention_drive_segment(run_tile, q, q_stride, tokens, first_pos, group, d, keys, values, scale, segment, partial, scratch);
}

void sq_attention_f16_merge(const float *partials, size_t segment_stride, int segments, int tokens, int group, int d,
                            float *out, size_t out_stride) {
    float O[d];
    for (int a = 0; a < tokens * group; a++) {
        const int token = a / group, head = a % group;
        float M = -INFINITY, L = 0;
        for (int i = 0; i < d; i++) O[i] = 0;
        for (int s = 0; s < segments; s++) {
            const float *p = partials + (size_t)s * segment_stride + (size_t)a * (d + 2);
            fold(&M, &L, O, p[0], p[1], p + 2, d);
        }
        finish(O, L, out + (size_t)token * out_stride + (size_t)head * d, d);
    }
}

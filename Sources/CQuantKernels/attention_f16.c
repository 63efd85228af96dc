// Causal grouped-query attention over a float16 KV cache (see include/engine_kernels.h).
//
// Queries are taken in tiles of up to 16 (token-major: the heads sharing a KV head, then the
// next token). For each block of 64 key positions the tile converts the block's keys and values
// to float once, then per query: scores s = scale · q·K (4 queries × 16 keys per register tile),
// mask the positions after the query, and update the online softmax
//   m' = max(m, max s);  l' = l·e^(m−m') + Σ e^(s−m');  o' = o·e^(m−m') + Σ e^(s−m')·V
// and finally out = o / l. Blocks are aligned at position 0 and every per-query step is the
// same whatever the tile, so decode (one token) reproduces prefill bit for bit.
#include "engine_kernels.h"
#include "vector_math.h"

#define KB 64     // key positions per block
#define MAXQ 16   // queries per tile

size_t sq_attention_scratch_floats(int d) {
    return (size_t)d * KB * 2 + (size_t)MAXQ * KB + 2 * MAXQ + (size_t)MAXQ * d;
}

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

typedef struct {
    const float *q[MAXQ];
    float *out[MAXQ];
    int pos[MAXQ];
    int n;
} tile_t;

// ---------------------------------------------------------------- portable

static void tile_portable(const tile_t *t, int d, const uint16_t *keys, const uint16_t *values,
                          float scale, float *scratch) {
    float *kt = scratch, *vf = kt + (size_t)d * KB, *s = vf + (size_t)KB * d;
    float *m = s + MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    const int last = t->pos[t->n - 1];
    for (int qi = 0; qi < t->n; qi++) {
        m[qi] = -INFINITY;
        l[qi] = 0;
        for (int i = 0; i < d; i++) o[qi * d + i] = 0;
    }
    for (int k0 = 0; k0 <= last; k0 += KB) {
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
    for (int qi = 0; qi < t->n; qi++)
        for (int i = 0; i < d; i++) t->out[qi][i] = o[qi * d + i] / l[qi];
}

// ---------------------------------------------------------------- AVX2

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2,fma,f16c")))

/// Scores of `nq` (1 or 4) queries against keys [0, 16·chunks) of the converted block.
#define SCORE_TILE(NQ)                                                                           \
    for (int c = 0; c < chunks; c++) {                                                           \
        __m256 acc[NQ][2];                                                                       \
        for (int a = 0; a < NQ; a++) acc[a][0] = acc[a][1] = _mm256_setzero_ps();                \
        for (int i = 0; i < d; i++) {                                                            \
            const __m256 k0v = _mm256_loadu_ps(kt + i * KB + c * 16);                            \
            const __m256 k1v = _mm256_loadu_ps(kt + i * KB + c * 16 + 8);                        \
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

AVX2 static void tile_avx2(const tile_t *t, int d, const uint16_t *keys, const uint16_t *values,
                           float scale, float *scratch) {
    float *kt = scratch, *vf = kt + (size_t)d * KB, *s = vf + (size_t)KB * d;
    float *m = s + MAXQ * KB, *l = m + MAXQ, *o = l + MAXQ;
    const int last = t->pos[t->n - 1];
    const __m256 vscale = _mm256_set1_ps(scale);
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (int qi = 0; qi < t->n; qi++) {
        m[qi] = -INFINITY;
        l[qi] = 0;
        for (int i = 0; i < d; i++) o[qi * d + i] = 0;
    }
    for (int k0 = 0; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        const int chunks = (kn + 15) / 16;
        sq_f16_to_f32(keys + (size_t)k0 * d, kt, (size_t)d * KB);
        sq_f16_to_f32(values + (size_t)k0 * d, vf, (size_t)kn * d);
        int qg = 0;
        for (; qg + 4 <= t->n; qg += 4) { SCORE_TILE(4) }
        for (; qg < t->n; qg++) { SCORE_TILE(1) }
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
            int i = 0;
            for (; i + 64 <= d; i += 64) {
                __m256 acc[8];
                for (int c = 0; c < 8; c++) acc[c] = _mm256_mul_ps(_mm256_loadu_ps(oq + i + c * 8), va);
                for (int k = 0; k < valid; k++) {
                    const __m256 p = _mm256_broadcast_ss(sq + k);
                    const float *vr = vf + (size_t)k * d + i;
                    for (int c = 0; c < 8; c++) acc[c] = _mm256_fmadd_ps(p, _mm256_loadu_ps(vr + c * 8), acc[c]);
                }
                for (int c = 0; c < 8; c++) _mm256_storeu_ps(oq + i + c * 8, acc[c]);
            }
            for (; i < d; i += 8) {
                __m256 acc = _mm256_mul_ps(_mm256_loadu_ps(oq + i), va);
                for (int k = 0; k < valid; k++)
                    acc = _mm256_fmadd_ps(_mm256_broadcast_ss(sq + k), _mm256_loadu_ps(vf + (size_t)k * d + i), acc);
                _mm256_storeu_ps(oq + i, acc);
            }
            m[qi] = mnew;
        }
    }
    for (int qi = 0; qi < t->n; qi++) {
        const __m256 inv = _mm256_set1_ps(l[qi]);
        for (int i = 0; i < d; i += 8)
            _mm256_storeu_ps(t->out[qi] + i, _mm256_div_ps(_mm256_loadu_ps(o + qi * d + i), inv));
    }
}
#endif

void sq_attention_f16(const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                      const uint16_t *keys, const uint16_t *values, float scale,
                      float *out, size_t out_stride, float *scratch) {
    const int total = tokens * group;
#if defined(__x86_64__)
    const int simd = sq_active_level() >= 1 && d % 8 == 0;
#endif
    for (int start = 0; start < total; start += MAXQ) {
        tile_t t;
        t.n = total - start < MAXQ ? total - start : MAXQ;
        for (int a = 0; a < t.n; a++) {
            const int token = (start + a) / group, head = (start + a) % group;
            t.q[a] = q + (size_t)token * q_stride + (size_t)head * d;
            t.out[a] = out + (size_t)token * out_stride + (size_t)head * d;
            t.pos[a] = first_pos + token;
        }
#if defined(__x86_64__)
        if (simd) { tile_avx2(&t, d, keys, values, scale, scratch); continue; }
#endif
        tile_portable(&t, d, keys, values, scale, scratch);
    }
}

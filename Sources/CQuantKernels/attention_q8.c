// Causal grouped-query attention over an 8-bit KV cache (see include/engine_kernels.h).
//
// Keys and values are stored as Q8_0-style blocks: 32 values quantized to int8 with one float
// scale (amax / 127), as llama.cpp's `-ctk q8_0 -ctv q8_0` but with float32 scales. A cache block
// of 64 positions for one layer and KV head (d values per head, d a multiple of 32) is
//
//   keys   : int8 [4][d/4][16][4] (chunks of 16 keys; 4 consecutive values of a key per 32-bit
//                                  lane, 8 keys per 256-bit load)  then float [d/32][64]  scales
//   values : int8 [d/16][64][16] (16 values of a position together)   then float [d/32][64]  scales
//
// so a position costs d + 4·d/32 bytes per K or V (72 for d = 64, against 128 for float16).
//
// Each query is quantized the same way (blocks of 32, once per tile) and a score is
//   s = scale · Σ_b (dk_b · dq_b) · Σ_{i in block b} k_i · q_i      (integer inner sums)
// The values of a 64-position block are dequantized to float once for all the tile's queries,
// then the online softmax step and the drivers (segments of 256 positions, their folding) are
// the shared ones (attention_common.h, attention_driver.c). Every per-query step is the same
// whatever the tile or the split, so decode (one token) reproduces prefill bit for bit on a
// given level.
#include "engine_kernels.h"
#include "quant_kernels.h"
#include "attention_common.h"

static inline size_t q8_block_bytes(int d) { return (size_t)KB * d + (size_t)KB * (d / 32) * sizeof(float); }

void sq_store_kv_q8(const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                    uint8_t *keys, uint8_t *values) {
    const int nb = d / 32;
    int8_t q[d];
    float scales[nb], sums[nb];
    for (int t = 0; t < tokens; t++) {
        const int p = first_pos + t, pp = p % KB;
        uint8_t *kb = keys + (size_t)(p / KB) * q8_block_bytes(d);
        sq_quantize_q8_1(k + (size_t)t * stride, d, q, scales, sums);
        int8_t *kq = (int8_t *)kb;
        for (int i = 0; i < d; i++) kq[((size_t)(pp / 16) * (d / 4) + i / 4) * 64 + pp % 16 * 4 + i % 4] = q[i];
        float *ks = (float *)(kb + (size_t)KB * d);
        for (int b = 0; b < nb; b++) ks[b * KB + pp] = scales[b];
        uint8_t *vb = values + (size_t)(p / KB) * q8_block_bytes(d);
        sq_quantize_q8_1(v + (size_t)t * stride, d, q, scales, sums);
        for (int i = 0; i < d; i++) ((int8_t *)vb)[(size_t)(i / 16) * KB * 16 + pp * 16 + i % 16] = q[i];
        float *vs = (float *)(vb + (size_t)KB * d);
        for (int b = 0; b < nb; b++) vs[b * KB + pp] = scales[b];
    }
}

/// Scratch layout of a tile (floats; the offsets of s, m, l, o are those of the float16 kernel):
/// [quantized queries: MAXQ·d int8, then MAXQ·d/32 scales, then the mixing weights
/// p_k·dv_{k,b}: MAXQ·KB·d/32 | room up to d·KB] [values as float, KB·d] [scores, MAXQ·KB] [m, MAXQ] [l, MAXQ] [o, MAXQ·d].
typedef struct {
    int8_t *qq;
    float *qd, *w, *vf, *s, *m, *l, *o;
} q8_scratch_t;

static inline q8_scratch_t q8_scratch(float *scratch, int d) {
    q8_scratch_t r;
    r.qq = (int8_t *)scratch;
    r.qd = scratch + (size_t)MAXQ * d / 4;
    r.w = r.qd + (size_t)MAXQ * (d / 32);
    r.vf = scratch + (size_t)d * KB;
    r.s = r.vf + (size_t)KB * d;
    r.m = r.s + MAXQ * KB;
    r.l = r.m + MAXQ;
    r.o = r.l + MAXQ;
    return r;
}

/// Quantizes the tile's queries and empties their states.
static void begin_tile(const tile_t *t, int d, q8_scratch_t *r) {
    const int nb = d / 32;
    float sums[nb];
    empty_states(r->m, r->l, r->o, t->n, d);
    for (int qi = 0; qi < t->n; qi++) {
        sq_quantize_q8_1(t->q[qi], d, r->qq + (size_t)qi * d, r->qd + (size_t)qi * nb, sums);
    }
}

// ---------------------------------------------------------------- portable

static void tile_q8_portable(const tile_t *t, int d, const void *keys_, const void *values_, float scale,
                             float *scratch, int k_lo, int k_hi) {
    const uint8_t *keys = keys_, *values = values_;
    const int nb = d / 32;
    const size_t bb = q8_block_bytes(d);
    q8_scratch_t r = q8_scratch(scratch, d);
    const int last = t->pos[t->n - 1] < k_hi - 1 ? t->pos[t->n - 1] : k_hi - 1;
    begin_tile(t, d, &r);
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        const uint8_t *kb = keys + (size_t)(k0 / KB) * bb, *vb = values + (size_t)(k0 / KB) * bb;
        const int8_t *kq = (const int8_t *)kb, *vq = (const int8_t *)vb;
        const float *ks = (const float *)(kb + (size_t)KB * d), *vs = (const float *)(vb + (size_t)KB * d);
        for (int k = 0; k < kn; k++)
            for (int i = 0; i < d; i++) r.vf[k * d + i] = (float)vq[(i / 16) * KB * 16 + k * 16 + i % 16];
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            const int8_t *q = r.qq + (size_t)qi * d;
            float *sq = r.s + qi * KB;
            for (int k = 0; k < valid; k++) {
                float acc = 0;
                for (int b = 0; b < nb; b++) {
                    int sum = 0;
                    for (int i = b * 32; i < b * 32 + 32; i++) sum += q[i] * kq[((size_t)(k / 16) * (d / 4) + i / 4) * 64 + k % 16 * 4 + i % 4];
                    acc += ks[b * KB + k] * r.qd[qi * nb + b] * (float)sum;
                }
                sq[k] = acc * scale;
            }
            const float alpha = softmax_step_portable(sq, valid, &r.m[qi], &r.l[qi]);
            float *oq = r.o + qi * d;
            for (int i = 0; i < d; i++) oq[i] *= alpha;
            for (int k = 0; k < valid; k++)
                for (int i = 0; i < d; i++) oq[i] += (sq[k] * vs[(i / 32) * KB + k]) * r.vf[k * d + i];
        }
    }
}

// ---------------------------------------------------------------- AVX2

#if defined(__x86_64__)

/// Scores of queries qg … qg+NQ−1 (NQ ≤ 4) against keys [0, 16·chunks) of the block: per
/// 32-value block b, 8 lanes of 16 keys accumulate Σ k·q in int32 (`vpmaddubsw` on |k| and
/// sign(q, k), then `vpmaddwd`; |k|, |q| ≤ 127 so no pair saturates), then the float score
/// f = (dk_b·dq_b)·sum (b = 0) or fma((dk_b·dq_b), sum, f).
#define SCORE_Q8(NQ)                                                                             \
    for (int c = 0; c < chunks; c++) {                                                           \
        __m256 f[NQ][2];                                                                         \
        for (int b = 0; b < nb; b++) {                                                           \
            __m256i acc[NQ][2];                                                                  \
            for (int a = 0; a < NQ; a++) acc[a][0] = acc[a][1] = _mm256_setzero_si256();         \
            for (int g = 0; g < 8; g++) {                                                        \
                const int8_t *kp = kq + ((size_t)c * (d / 4) + b * 8 + g) * 64;                  \
                const __m256i k0 = _mm256_loadu_si256((const __m256i *)kp);                      \
                const __m256i k1 = _mm256_loadu_si256((const __m256i *)(kp + 32));               \
                const __m256i u0 = _mm256_abs_epi8(k0), u1 = _mm256_abs_epi8(k1);                \
                for (int a = 0; a < NQ; a++) {                                                   \
                    int32_t q4;                                                                  \
                    memcpy(&q4, r.qq + (size_t)(qg + a) * d + b * 32 + g * 4, 4);                \
                    const __m256i qb = _mm256_set1_epi32(q4);                                    \
                    acc[a][0] = _mm256_add_epi32(acc[a][0], _mm256_madd_epi16(_mm256_maddubs_epi16(u0, _mm256_sign_epi8(qb, k0)), ones)); \
                    acc[a][1] = _mm256_add_epi32(acc[a][1], _mm256_madd_epi16(_mm256_maddubs_epi16(u1, _mm256_sign_epi8(qb, k1)), ones)); \
                }                                                                                \
            }                                                                                    \
            const __m256 ks0 = _mm256_loadu_ps(ks + b * KB + c * 16), ks1 = _mm256_loadu_ps(ks + b * KB + c * 16 + 8); \
            for (int a = 0; a < NQ; a++) {                                                       \
                const __m256 dq = _mm256_broadcast_ss(r.qd + (size_t)(qg + a) * nb + b);         \
                const __m256 w0 = _mm256_mul_ps(ks0, dq), w1 = _mm256_mul_ps(ks1, dq);           \
                const __m256 p0 = _mm256_cvtepi32_ps(acc[a][0]), p1 = _mm256_cvtepi32_ps(acc[a][1]); \
                f[a][0] = b == 0 ? _mm256_mul_ps(w0, p0) : _mm256_fmadd_ps(w0, p0, f[a][0]);     \
                f[a][1] = b == 0 ? _mm256_mul_ps(w1, p1) : _mm256_fmadd_ps(w1, p1, f[a][1]);     \
            }                                                                                    \
        }                                                                                        \
        for (int a = 0; a < NQ; a++) {                                                           \
            _mm256_storeu_ps(r.s + (qg + a) * KB + c * 16, _mm256_mul_ps(f[a][0], vscale));      \
            _mm256_storeu_ps(r.s + (qg + a) * KB + c * 16 + 8, _mm256_mul_ps(f[a][1], vscale));  \
        }                                                                                        \
    }

/// o_a = o_a·alpha_a + Σ_k w_a[k, b]·float(v_k) for NQ queries of one position, straight from
/// the int8 values (each value row converted once for the NQ queries): the same operations, in
/// the same order, as the per-query mix over the converted block.
#define MIX_Q8_JOINT(NQ)                                                                         \
    for (int h = 0; h < d; h += 16) {                                                            \
        const int b = h / 32;                                                                    \
        __m256 acc[NQ][2];                                                                       \
        for (int a = 0; a < NQ; a++) {                                                           \
            const __m256 va = _mm256_set1_ps(alphas[a]);                                         \
            for (int c = 0; c < 2; c++) acc[a][c] = _mm256_mul_ps(_mm256_loadu_ps(r.o + a * d + h + c * 8), va); \
        }                                                                                        \
        for (int k = 0; k < valid; k++) {                                                        \
            __m256 vv[2];                                                                        \
            for (int c = 0; c < 2; c++)                                                          \
                vv[c] = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(vq + (size_t)h * KB + k * 16 + c * 8)))); \
            for (int a = 0; a < NQ; a++) {                                                       \
                const __m256 wk = _mm256_broadcast_ss(r.w + (size_t)a * KB * nb + b * KB + k);   \
                for (int c = 0; c < 2; c++) acc[a][c] = _mm256_fmadd_ps(wk, vv[c], acc[a][c]);   \
            }                                                                                    \
        }                                                                                        \
        for (int a = 0; a < NQ; a++)                                                             \
            for (int c = 0; c < 2; c++) _mm256_storeu_ps(r.o + a * d + h + c * 8, acc[a][c]);    \
    }

AVX2 static void tile_q8_avx2(const tile_t *t, int d, const void *keys_, const void *values_, float scale,
                              float *scratch, int k_lo, int k_hi) {
    const uint8_t *keys = keys_, *values = values_;
    const int nb = d / 32;
    const size_t bb = q8_block_bytes(d);
    q8_scratch_t r = q8_scratch(scratch, d);
    float *vf = r.vf;
    const int last = t->pos[t->n - 1] < k_hi - 1 ? t->pos[t->n - 1] : k_hi - 1;
    const __m256 vscale = _mm256_set1_ps(scale);
    const __m256i ones = _mm256_set1_epi16(1);
    float alphas[MAXQ];
    begin_tile(t, d, &r);
    for (int k0 = k_lo; k0 <= last; k0 += KB) {
        const int kn = last + 1 - k0 < KB ? last + 1 - k0 : KB;
        const int chunks = (kn + 15) / 16;
        const uint8_t *kb = keys + (size_t)(k0 / KB) * bb, *vb = values + (size_t)(k0 / KB) * bb;
        const int8_t *kq = (const int8_t *)kb, *vq = (const int8_t *)vb;
        const float *ks = (const float *)(kb + (size_t)KB * d), *vs = (const float *)(vb + (size_t)KB * d);
        // The next block's keys and values, while this one is computed.
        if (k0 + KB <= last) {
            for (size_t o = 0; o < bb; o += 64) {
                _mm_prefetch((const char *)kb + bb + o, _MM_HINT_T0);
                _mm_prefetch((const char *)vb + bb + o, _MM_HINT_T0);
            }
        }
        // One token's query heads (a decode step) mix straight from the int8 values; larger
        // tiles convert the block to float once (exact: no scale applied), then mix per query.
        const int joint = t->n <= 3 && t->pos[0] == t->pos[t->n - 1];
        if (!joint) {
            for (int k = 0; k < kn; k++)
                for (int c = 0; c < d; c += 8) {
                    const __m128i raw = _mm_loadl_epi64((const __m128i *)(vq + (size_t)(c / 16) * KB * 16 + k * 16 + c % 16));
                    _mm256_storeu_ps(vf + (size_t)k * d + c, _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(raw)));
                }
        }
        {
            int qg = 0;
            for (; qg + 4 <= t->n; qg += 4) { SCORE_Q8(4) }
            switch (t->n - qg) {   // the rest in one tile: a decode step's 3 heads read keys once
            case 3: SCORE_Q8(3) break;
            case 2: SCORE_Q8(2) break;
            case 1: SCORE_Q8(1) break;
            default: break;
            }
        }
        for (int qi = 0; qi < t->n; qi++) {
            if (t->pos[qi] < k0) continue;
            const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
            const int n8 = (valid + 7) / 8;
            float *sq = r.s + qi * KB;
            alphas[qi] = softmax_step_avx2(sq, valid, &r.m[qi], &r.l[qi]);
            float *w = r.w + (size_t)qi * KB * nb;   // w[b·KB + k] = p_k · dv_{k,b}
            for (int b = 0; b < nb; b++)
                for (int c = 0; c < n8; c++)
                    _mm256_storeu_ps(w + b * KB + c * 8, _mm256_mul_ps(_mm256_loadu_ps(sq + c * 8), _mm256_loadu_ps(vs + b * KB + c * 8)));
        }
        if (t->pos[t->n - 1] < k0) continue;
        if (joint) {
            const int valid = t->pos[0] - k0 + 1 < kn ? t->pos[0] - k0 + 1 : kn;
            switch (t->n) {
            case 3: MIX_Q8_JOINT(3) break;
            case 2: MIX_Q8_JOINT(2) break;
            default: MIX_Q8_JOINT(1) break;
            }
        } else {
            for (int qi = 0; qi < t->n; qi++) {
                if (t->pos[qi] < k0) continue;
                const int valid = t->pos[qi] - k0 + 1 < kn ? t->pos[qi] - k0 + 1 : kn;
                const float *w = r.w + (size_t)qi * KB * nb;
                float *oq = r.o + qi * d;
                const __m256 va = _mm256_set1_ps(alphas[qi]);
                for (int b = 0; b < nb; b++) {
                    __m256 acc[4];
                    for (int c = 0; c < 4; c++) acc[c] = _mm256_mul_ps(_mm256_loadu_ps(oq + b * 32 + c * 8), va);
                    for (int k = 0; k < valid; k++) {
                        const __m256 wk = _mm256_broadcast_ss(w + b * KB + k);
                        for (int c = 0; c < 4; c++)
                            acc[c] = _mm256_fmadd_ps(wk, _mm256_loadu_ps(vf + (size_t)k * d + b * 32 + c * 8), acc[c]);
                    }
                    for (int c = 0; c < 4; c++) _mm256_storeu_ps(oq + b * 32 + c * 8, acc[c]);
                }
            }
        }
    }
}
#endif

// ---------------------------------------------------------------- entry point

void sq_tile_q8(const tile_t *t, int d, const void *keys, const void *values, float scale,
                float *scratch, int k_lo, int k_hi) {
#if defined(__x86_64__)
    if (sq_active_level() >= 1) { tile_q8_avx2(t, d, keys, values, scale, scratch, k_lo, k_hi); return; }
#endif
    tile_q8_portable(t, d, keys, values, scale, scratch, k_lo, k_hi);
}

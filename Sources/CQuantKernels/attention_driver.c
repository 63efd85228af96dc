// The attention drivers shared by every KV cache format (see include/engine_kernels.h and
// attention_common.h): tiles of up to 16 queries, keys in segments of SEG positions aligned at
// 0, each segment's online-softmax state computed by the format's tile function and folded in
// order, then out = O / L. A decode step can compute a KV head's segments on different threads
// (sq_attention_segment) and merge them (sq_attention_merge) with the very operations the
// one-call path uses, so both give the same bits.
#include "engine_kernels.h"
#include "attention_common.h"

static tile_fn tile_for(int format) { return format == SQ_KV_Q8 ? sq_tile_q8 : sq_tile_f16; }

size_t sq_attention_scratch_floats(int d) {
    return (size_t)d * KB * 2 + (size_t)MAXQ * KB + 2 * MAXQ + (size_t)MAXQ * d
        + (size_t)MAXQ * (d + 2);   // the folded state (M, L, O) of the one-call path
}

int sq_attention_segment_positions(void) { return SEG; }

size_t sq_kv_bytes_per_position(int format, int d) {
    return format == SQ_KV_Q8 ? (size_t)d + (size_t)(d / 32) * sizeof(float) : 2 * (size_t)d;
}

void sq_store_kv(int format, const float *k, const float *v, size_t stride, int tokens, int first_pos, int d,
                 void *keys, void *values) {
    if (format == SQ_KV_Q8) sq_store_kv_q8(k, v, stride, tokens, first_pos, d, keys, values);
    else sq_store_kv_f16(k, v, stride, tokens, first_pos, d, keys, values);
}

/// The one-call attention of `tokens` queries with tile function `run` (see sq_attention).
static void drive(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
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

/// One segment with tile function `run` (see sq_attention_segment).
static void drive_segment(tile_fn run, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
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

void sq_attention(int format, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                  const void *keys, const void *values, float scale, float *out, size_t out_stride, float *scratch) {
    drive(tile_for(format), q, q_stride, tokens, first_pos, group, d, keys, values, scale, out, out_stride, scratch);
}

void sq_attention_segment(int format, const float *q, size_t q_stride, int tokens, int first_pos, int group, int d,
                          const void *keys, const void *values, float scale, int segment,
                          float *partial, float *scratch) {
    drive_segment(tile_for(format), q, q_stride, tokens, first_pos, group, d, keys, values, scale, segment, partial, scratch);
}

void sq_attention_merge(const float *partials, size_t segment_stride, int segments, int tokens, int group, int d,
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

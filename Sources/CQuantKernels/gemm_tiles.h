// Integer GEMM tiles for one instruction set, included by quant_gemm.c once per level with:
//   SQ_TARGET        the function attribute selecting the instruction set
//   SQ_NAME(x)       x suffixed with the level's name
//   SQ_DOT(u, s)     8 int32 lanes, each Σ of 4 products of u (unsigned bytes) and s (signed)
//   SQ_RM, SQ_RN     the tile: weight rows × tokens held in registers
//   SQ_RMD           rows of the one-token tiles (decode)
//
// For every (row, token) pair the operations are the same whatever the tile: per block b,
// acc = fma(dw_b·dx_b, float(dot_b), acc) over 8 lanes; for the 4-bit formats the offset term
// Σ_b m_b·s_b is a dot product over the blocks (8 lanes, fixed order) after the block loop;
// then y = hsum(acc) + offset. Q4_0 is computed as
// Q4_1 with m = −8·d (nibbles taken unsigned), Q8_0 with the sign trick (|w| · sign(x, w)).

/// The 32 weights of a 4-bit block as bytes: the low nibbles (weights 0…15) in the low 128-bit
/// lane, the high nibbles (16…31) in the high lane (one broadcast load, one shift of the high
/// lane's 64-bit words, one mask: bits shifted in from the next byte are masked off).
SQ_TARGET static inline __m256i SQ_NAME(nibbles)(const uint8_t *p) {
    const __m256i t = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)p));
    const __m256i both = _mm256_srlv_epi64(t, _mm256_setr_epi64x(0, 0, 4, 4));
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0F));
}

SQ_TARGET static inline float SQ_NAME(hsum)(__m256 v) {
    __m128 a = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    a = _mm_add_ps(a, _mm_movehl_ps(a, a));
    a = _mm_add_ss(a, _mm_movehdup_ps(a));
    return _mm_cvtss_f32(a);
}

/// Σ_b m[b]·s[b] in 8 lanes, a fixed horizontal sum, then the tail in order.
SQ_TARGET static inline float SQ_NAME(dot_blocks)(const float *m, const float *s, int n) {
    __m256 acc = _mm256_setzero_ps();
    int b = 0;
    for (; b + 8 <= n; b += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(m + b), _mm256_loadu_ps(s + b), acc);
    float sum = SQ_NAME(hsum)(acc);
    for (; b < n; b++) sum += m[b] * s[b];
    return sum;
}

/// Defines NAME(w, rb, blocks, qs, d, s, xstride, y, ys): an RM × RN tile of format FMT.
#define SQ_DEFINE_TILE(NAME, FMT, RM, RN)                                                          \
SQ_TARGET static void NAME(const uint8_t *w, size_t rb, int blocks, const int8_t *qs,             \
                           const float *d, const float *s, size_t xstride, float *y, size_t ys) { \
    const int bb = (FMT) == SQ_Q8_0 ? 34 : (FMT) == SQ_Q4_1 ? 20 : 18;                            \
    const int qo = (FMT) == SQ_Q8_0 ? 2 : (FMT) == SQ_Q4_1 ? 4 : 2;                               \
    __m256 acc[RM][RN];                                                                            \
    float mbuf[(FMT) == SQ_Q8_0 ? 1 : RM][(FMT) == SQ_Q8_0 ? 1 : SQ_MAX_BLOCKS];                    \
    for (int i = 0; i < RM; i++) for (int j = 0; j < RN; j++) acc[i][j] = _mm256_setzero_ps();     \
    for (int b = 0; b < blocks; b++) {                                                             \
        __m256i wu[RM], ws[RM];                                                                    \
        __m256 vdw[RM];                                                                            \
        for (int i = 0; i < RM; i++) {                                                             \
            const uint8_t *blk = w + (size_t)i * rb + (size_t)b * bb;                              \
            if ((FMT) == SQ_Q4_1) {  /* d and m converted together */                              \
                uint32_t dm32; memcpy(&dm32, blk, 4);                                              \
                const __m128 dm = _mm_cvtph_ps(_mm_cvtsi32_si128((int)dm32));                      \
                vdw[i] = _mm256_broadcastss_ps(dm);                                                \
                mbuf[i][b] = _mm_cvtss_f32(_mm_movehdup_ps(dm));                                   \
            } else {                                                                               \
                const float dw = _cvtsh_ss(load_u16(blk));                                         \
                vdw[i] = _mm256_set1_ps(dw);                                                       \
                if ((FMT) == SQ_Q4_0) mbuf[i][b] = -8.0f * dw;                                     \
            }                                                                                      \
            if ((FMT) == SQ_Q8_0) {                                                                \
                ws[i] = _mm256_loadu_si256((const __m256i *)(blk + qo));                           \
                wu[i] = _mm256_sign_epi8(ws[i], ws[i]);                                            \
            } else {                                                                               \
                wu[i] = SQ_NAME(nibbles)(blk + qo);                                                \
                ws[i] = wu[i];                                                                     \
            }                                                                                      \
        }                                                                                          \
        for (int j = 0; j < RN; j++) {                                                             \
            const __m256i x = _mm256_loadu_si256((const __m256i *)(qs + j * xstride * 32 + (size_t)b * 32)); \
            const __m256 vdx = _mm256_set1_ps(d[j * xstride + b]);                                 \
            for (int i = 0; i < RM; i++) {                                                         \
                const __m256i xs = (FMT) == SQ_Q8_0 ? _mm256_sign_epi8(x, ws[i]) : x;              \
                const __m256 p = _mm256_cvtepi32_ps(SQ_DOT(wu[i], xs));                            \
                acc[i][j] = _mm256_fmadd_ps(_mm256_mul_ps(vdw[i], vdx), p, acc[i][j]);             \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
    for (int i = 0; i < RM; i++) for (int j = 0; j < RN; j++) {                                    \
        float offset = 0;                                                                          \
        if ((FMT) != SQ_Q8_0) offset = SQ_NAME(dot_blocks)(mbuf[(FMT) == SQ_Q8_0 ? 0 : i], s + j * xstride, blocks); \
        y[j * ys + i] = SQ_NAME(hsum)(acc[i][j]) + offset;                                         \
    }                                                                                              \
}

/// A format's kernel: full SQ_RM × SQ_RN tiles (rows outer, so a row's blocks stay in L1 while
/// the tokens stream), then the tokens left over in SQ_RMD × 1 tiles (this is the whole of a
/// one-token decode), then single rows.
#define SQ_DEFINE_FORMAT(FMT, TAG)                                                                 \
SQ_DEFINE_TILE(SQ_NAME(tile_##TAG##_full), FMT, SQ_RM, SQ_RN)                                      \
SQ_DEFINE_TILE(SQ_NAME(tile_##TAG##_column), FMT, SQ_RMD, 1)                                       \
SQ_DEFINE_TILE(SQ_NAME(tile_##TAG##_tokens), FMT, 1, SQ_RN)                                        \
SQ_DEFINE_TILE(SQ_NAME(tile_##TAG##_one), FMT, 1, 1)                                               \
SQ_TARGET static void SQ_NAME(gemm_##TAG)(const uint8_t *w, size_t rb, int blocks, int r0, int r1, \
                                          const int8_t *qs, const float *d, const float *s, int tokens, \
                                          float *y, size_t ys) {                                    \
    const size_t xs = (size_t)blocks;                                                              \
    const int full = tokens / SQ_RN * SQ_RN;                                                       \
    if (full > 0) {                                                                                \
        int r = r0;                                                                                \
        for (; r + SQ_RM <= r1; r += SQ_RM)                                                        \
            for (int t = 0; t < full; t += SQ_RN)                                                  \
                SQ_NAME(tile_##TAG##_full)(w + (size_t)r * rb, rb, blocks, qs + t * xs * 32, d + t * xs, s + t * xs, xs, y + t * ys + r, ys); \
        for (; r < r1; r++)                                                                        \
            for (int t = 0; t < full; t += SQ_RN)                                                  \
                SQ_NAME(tile_##TAG##_tokens)(w + (size_t)r * rb, rb, blocks, qs + t * xs * 32, d + t * xs, s + t * xs, xs, y + t * ys + r, ys); \
    }                                                                                              \
    for (int t = full; t < tokens; t++) {                                                          \
        int r = r0;                                                                                \
        /* Weights stream from memory once per token: prefetch SQ_PREFETCH_ROWS rows ahead (the \
           hardware prefetcher alone leaves a decode step compute-starved, ~2x slower for Q8_0). */ \
        if (tokens == 1) sq_prefetch(w + (size_t)r * rb, (size_t)SQ_PREFETCH_ROWS * rb);           \
        for (; r + SQ_RMD <= r1; r += SQ_RMD) {                                                    \
            if (tokens == 1) sq_prefetch(w + (size_t)(r + SQ_PREFETCH_ROWS) * rb, (size_t)SQ_RMD * rb); \
            SQ_NAME(tile_##TAG##_column)(w + (size_t)r * rb, rb, blocks, qs + t * xs * 32, d + t * xs, s + t * xs, xs, y + t * ys + r, ys); \
        }                                                                                          \
        for (; r < r1; r++)                                                                        \
            SQ_NAME(tile_##TAG##_one)(w + (size_t)r * rb, rb, blocks, qs + t * xs * 32, d + t * xs, s + t * xs, xs, y + t * ys + r, ys); \
    }                                                                                              \
}

SQ_DEFINE_FORMAT(SQ_Q4_0, q4_0)
SQ_DEFINE_FORMAT(SQ_Q4_1, q4_1)
SQ_DEFINE_FORMAT(SQ_Q8_0, q8_0)

SQ_TARGET static void SQ_NAME(gemm)(int format, const uint8_t *w, size_t rb, int blocks, int r0, int r1,
                                    const int8_t *qs, const float *d, const float *s, int tokens, float *y, size_t ys) {
    switch (format) {
    case SQ_Q4_0: SQ_NAME(gemm_q4_0)(w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); break;
    case SQ_Q4_1: SQ_NAME(gemm_q4_1)(w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); break;
    case SQ_Q8_0: SQ_NAME(gemm_q8_0)(w, rb, blocks, r0, r1, qs, d, s, tokens, y, ys); break;
    }
}

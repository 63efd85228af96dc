// Activation quantization for the integer matrix products of SpotterNumerics, and a spin hint.
//
// The activation is quantized per block of 32 (ggml's Q8_1): d = max|x| / 127, q = round(x / d)
// (int8), s = d * sum(q). The AVX2 path (level ≥ 1, see engine_kernels.h) rounds exact ties to
// even, as llama.cpp's AVX2 quantizer; the portable loop rounds them away from zero.
#ifndef SPOTTER_QUANT_KERNELS_H
#define SPOTTER_QUANT_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Quantizes n floats (n a multiple of 32) to int8 blocks with per-block scale and scaled sum.
void sq_quantize_q8_1(const float *x, int n, int8_t *qs, float *d, float *s);

/// A spin-wait hint (x86 `pause`): lets the sibling hyperthread run and saves power while a
/// thread polls an atomic.
static inline void sq_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

#endif

// Run-time choice of the kernels' instruction set (see include/engine_kernels.h).
//
// A feature is usable only when the CPU reports it (CPUID) *and* the operating system saves
// the registers it needs across context switches (XCR0, read with XGETBV): YMM state (bits
// 1–2) for AVX2, plus opmask/ZMM state (bits 5–7) for AVX-512. AMX is never used: these
// machines advertise it but trap on its instructions.
#include "engine_kernels.h"
#include "quant_kernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

static unsigned long long read_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

/// Bit l set when level l can run (level 0 always). AVX-512 VNNI does not imply AVX-VNNI (the
/// VEX encoding): Ice Lake and Zen 4 have the first only, so levels are checked one by one.
static int detect_levels(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 1;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, f16c = (c >> 29) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return 1;
    const unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & 0x6) != 0x6) return 1;
    if (__get_cpuid_max(0, 0) < 7) return 1;
    __cpuid_count(7, 0, a, b, c, d);
    const int avx2 = (b >> 5) & 1;
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    const int avx512vnni = (c >> 11) & 1;
    const unsigned int max_sub = a;
    if (!avx2 || !fma || !f16c) return 1;
    int levels = 1 | 2;
    if (max_sub >= 1) {
        unsigned int a1, b1, c1, d1;
        __cpuid_count(7, 1, a1, b1, c1, d1);
        if ((a1 >> 4) & 1) levels |= 4;   // AVX-VNNI
    }
    if (avx512f && avx512bw && avx512vl && avx512vnni && (xcr0 & 0xE6) == 0xE6) levels |= 8;
    return levels;
}
#else
static int detect_levels(void) { return 1; }
#endif

static int runnable = -1;
static int limit = -1;

static int levels(void) {
    if (runnable < 0) runnable = detect_levels();
    return runnable;
}

int sq_level_runnable(int level) { return level >= 0 && level <= 3 && ((levels() >> level) & 1); }

int sq_supported_level(void) {
    int best = 0;
    for (int l = 0; l <= 3; l++) if (sq_level_runnable(l)) best = l;
    return best;
}

int sq_active_level(void) {
    // The highest runnable level not above the cap.
    const int cap = limit >= 0 ? limit : 3;
    for (int l = cap; l > 0; l--) if (sq_level_runnable(l)) return l;
    return 0;
}

void sq_set_level_limit(int l) { limit = l; }

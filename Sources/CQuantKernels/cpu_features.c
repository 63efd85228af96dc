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

static int detect_level(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, f16c = (c >> 29) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return 0;
    const unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & 0x6) != 0x6) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    const int avx2 = (b >> 5) & 1;
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1;
    const int avx512vnni = (c >> 11) & 1;
    const unsigned int max_sub = a;
    if (!avx2 || !fma || !f16c) return 0;
    int level = 1;
    if (max_sub >= 1) {
        unsigned int a1, b1, c1, d1;
        __cpuid_count(7, 1, a1, b1, c1, d1);
        if ((a1 >> 4) & 1) level = 2;   // AVX-VNNI
    }
    if (avx512f && avx512bw && avx512vl && avx512vnni && (xcr0 & 0xE6) == 0xE6) level = 3;
    return level;
}
#else
static int detect_level(void) { return 0; }
#endif

static int supported = -1;
static int limit = -1;

int sq_supported_level(void) {
    if (supported < 0) supported = detect_level();
    return supported;
}

int sq_active_level(void) {
    const int s = sq_supported_level();
    return limit >= 0 && limit < s ? limit : s;
}

void sq_set_level_limit(int l) { limit = l; }

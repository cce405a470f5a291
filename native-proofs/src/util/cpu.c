#include "util/cpu.h"

#include <pthread.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#endif

static cpu_features_t features;
static pthread_once_t features_once = PTHREAD_ONCE_INIT;

static void detect(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return;
    int ssse3 = (c >> 9) & 1, sse41 = (c >> 19) & 1;
    /* AVX2 state must also be enabled by the OS (OSXSAVE + XCR0 YMM bits). */
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    int ymm_enabled = 0;
    if (osxsave) {
        unsigned lo, hi;
        __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        ymm_enabled = (lo & 6) == 6;
    }
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return;
    features.sha_ni = ((b >> 29) & 1) && ssse3 && sse41;
    features.avx2 = ((b >> 5) & 1) && avx && ymm_enabled;
    features.bmi2 = (b >> 8) & 1;
    features.adx = (b >> 19) & 1;
#endif
}

const cpu_features_t *cpu_features(void)
{
    pthread_once(&features_once, detect);
    return &features;
}

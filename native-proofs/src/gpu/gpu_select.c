/* Run-time selection of the CUDA tree builder. */
#include "gpu/gpu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int gpu_compiled(void)
{
#ifdef SEALER_HAVE_CUDA
    return 1;
#else
    return 0;
#endif
}

int gpu_device_count(void)
{
#ifdef SEALER_HAVE_CUDA
    static int cached = -1;
    if (cached < 0) {
        const char *f = getenv("SEALER_FORCE_CPU");
        if (f && *f && strcmp(f, "0") != 0)
            cached = 0;
        else
            cached = sealer_cuda_device_count();
        if (cached < 0)
            cached = 0;
    }
    return cached;
#else
    return 0;
#endif
}

const char *gpu_describe(void)
{
    static char buf[256];
    if (!gpu_compiled())
        return "not built (nvcc was not found at build time or -DSEALER_CUDA=OFF)";
    const char *f = getenv("SEALER_FORCE_CPU");
    if (f && *f && strcmp(f, "0") != 0)
        return "disabled by SEALER_FORCE_CPU";
#ifdef SEALER_HAVE_CUDA
    if (gpu_device_count() <= 0)
        return "built, but no CUDA device is present";
    if (sealer_cuda_device_name(buf, sizeof buf) != 0)
        snprintf(buf, sizeof buf, "CUDA device 0");
#endif
    return buf;
}

uint64_t gpu_tree_chunk(tree_chunk *c)
{
#ifdef SEALER_HAVE_CUDA
    char err[256] = "";
    uint64_t bad = 0;
    if (sealer_cuda_tree_chunk(c->layers, c->n, c->lay, c->data, c->tree_c, c->replica, c->tree_r,
                               &bad, err, sizeof err) != 0)
        die("CUDA tree builder failed: %s", err);
    return bad;
#else
    (void)c;
    die("the CUDA tree builder is not built into this sealer");
#endif
}

double gpu_bench_p8(uint64_t n, uint8_t out[32])
{
#ifdef SEALER_HAVE_CUDA
    if (gpu_device_count() <= 0)
        return -1;
    char err[256] = "";
    double s = -1;
    if (sealer_cuda_bench_p8(n, &s, out, err, sizeof err) != 0)
        die("CUDA bench failed: %s", err);
    return s;
#else
    (void)n;
    (void)out;
    return -1;
#endif
}

/* Optional CUDA tree builder. Built only where nvcc was found
 * (SEALER_HAVE_CUDA), used only where cudaGetDeviceCount reports a device,
 * and never when SEALER_FORCE_CPU=1 (or `--engine cpu`). */
#ifndef SEALER_GPU_H
#define SEALER_GPU_H
#include <stdint.h>

#include "trees/poseidon_tree.h"

int gpu_compiled(void);
/* Devices usable now (0 when not compiled, no driver, or no device). */
int gpu_device_count(void);
/* Name of device 0, or a reason string when none. */
const char *gpu_describe(void);
/* Same contract as tree_chunk_cpu; dies naming the CUDA error. */
uint64_t gpu_tree_chunk(tree_chunk *c);
/* Throughput probe: n arity-8 hashes on the device; returns seconds (<0 if
 * unavailable). out receives the last hash (for a consistency check). */
double gpu_bench_p8(uint64_t n, uint8_t out[32]);

/* The CUDA side (gpu_tree.cu), C linkage. */
int sealer_cuda_device_count(void);
int sealer_cuda_device_name(char *out, int len);
int sealer_cuda_tree_chunk(unsigned layers, uint64_t n, const uint8_t *const *lay,
                           const uint8_t *data, uint8_t *tree_c, uint8_t *replica,
                           uint8_t *tree_r, uint64_t *bad_node, char *err, int errlen);
int sealer_cuda_bench_p8(uint64_t n, double *seconds, uint8_t out[32], char *err, int errlen);

#endif

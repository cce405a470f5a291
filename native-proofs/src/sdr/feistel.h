/* The 3-round Feistel permutation that picks SDR expander parents. */
#ifndef SEALER_FEISTEL_H
#define SEALER_FEISTEL_H
#include <stdint.h>

typedef struct {
    uint64_t num_elements; /* 8 * N */
    uint32_t half_bits;
    uint64_t right_mask, left_mask;
    uint64_t keys[4]; /* only keys[0..2] are round keys; all four name the cache */
} feistel_params;

void feistel_setup(feistel_params *p, uint64_t num_elements, const uint64_t keys[4]);
uint64_t feistel_encode(const feistel_params *p, uint64_t x);
/* Cycle-walks encode() until the value falls inside [0, num_elements). */
uint64_t feistel_permute(const feistel_params *p, uint64_t x);

/* permute() of 8 values; uses AVX2 (4 lanes) when the CPU has it. */
void feistel_permute8(const feistel_params *p, const uint64_t in[8], uint64_t out[8]);
/* 1 when feistel_permute8 runs the AVX2 path. */
int feistel_vector_path(void);
void feistel_permute4_avx2(const feistel_params *p, const uint64_t in[4], uint64_t out[4]);

#endif

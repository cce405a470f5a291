/* ChaCha8 block function in the layout rand_chacha 0.3 uses for
 * ChaCha8Rng::from_seed: 64-bit block counter in words 12-13, stream id 0. */
#ifndef SEALER_CHACHA8_H
#define SEALER_CHACHA8_H
#include <stdint.h>

/* The ChaCha block permutation plus feed-forward: out = rounds(in) + in, with
 * `double_rounds` double rounds (4 for ChaCha8, 10 for ChaCha20). */
void chacha_core(const uint32_t in[16], uint32_t out[16], int double_rounds);

/* out receives the 16 output words of block `counter` for a 32-byte key. */
void chacha8_block(const uint8_t key[32], uint64_t counter, uint32_t out[16]);

#endif

/* BLAKE2b (RFC 7693): the Feistel round function of the SDR graph, and the keyed form the
 * synthetic-PoRep challenge derivation uses. */
#ifndef SEALER_BLAKE2B_H
#define SEALER_BLAKE2B_H
#include <stddef.h>
#include <stdint.h>

/* Digest of up to 128 bytes of input (one compression), outlen 1..64. The
 * Feistel round hashes 16 bytes, so a single-block form is all we need. */
void blake2b_small(uint8_t *out, size_t outlen, const void *in, size_t inlen);

/* The initialization vector and message schedule, shared with the 4-lane AVX2 form. */
extern const uint64_t BLAKE2B_IV[8];
extern const uint8_t BLAKE2B_SIGMA[12][16];

/* BLAKE2b of any length, with a key of up to 64 bytes (keylen 0: unkeyed), outlen 1..64. */
void blake2b_keyed(uint8_t *out, size_t outlen, const void *key, size_t keylen, const void *in, size_t inlen);

/* First 8 bytes of BLAKE2b-512(BE64(a) || BE64(b)) as a big-endian u64. */
uint64_t blake2b512_u64pair_be(uint64_t a, uint64_t b);

#endif

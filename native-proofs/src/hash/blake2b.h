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

/* One round of the compression function: the column then the diagonal
 * mixes of the 4x4 state, with the caller's G(a, b, c, d, x, y) (scalar or
 * 4-lane), message words m and schedule row s. */
#define BLAKE2B_ROUND(G, m, s)                                                               \
    do {                                                                                     \
        const uint8_t *s_ = (s);                                                             \
        G(0, 4, 8, 12, m[s_[0]], m[s_[1]]);                                                  \
        G(1, 5, 9, 13, m[s_[2]], m[s_[3]]);                                                  \
        G(2, 6, 10, 14, m[s_[4]], m[s_[5]]);                                                 \
        G(3, 7, 11, 15, m[s_[6]], m[s_[7]]);                                                 \
        G(0, 5, 10, 15, m[s_[8]], m[s_[9]]);                                                 \
        G(1, 6, 11, 12, m[s_[10]], m[s_[11]]);                                               \
        G(2, 7, 8, 13, m[s_[12]], m[s_[13]]);                                                \
        G(3, 4, 9, 14, m[s_[14]], m[s_[15]]);                                                \
    } while (0)

/* BLAKE2b of any length, with a key of up to 64 bytes (keylen 0: unkeyed), outlen 1..64. */
void blake2b_keyed(uint8_t *out, size_t outlen, const void *key, size_t keylen, const void *in, size_t inlen);

/* First 8 bytes of BLAKE2b-512(BE64(a) || BE64(b)) as a big-endian u64. */
uint64_t blake2b512_u64pair_be(uint64_t a, uint64_t b);

#endif

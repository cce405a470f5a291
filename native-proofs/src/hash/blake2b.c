#include "hash/blake2b.h"

#include <string.h>

const uint64_t BLAKE2B_IV[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
                               0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                               0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};

const uint8_t BLAKE2B_SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

static inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

#define G(a, b, c, d, x, y)          \
    do {                             \
        v[a] = v[a] + v[b] + (x);    \
        v[d] = rotr(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d];          \
        v[b] = rotr(v[b] ^ v[c], 24); \
        v[a] = v[a] + v[b] + (y);    \
        v[d] = rotr(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d];          \
        v[b] = rotr(v[b] ^ v[c], 63); \
    } while (0)

/* One compression of the message words m; t is the byte counter, last marks the final block. */
static void compress(uint64_t h[8], const uint64_t m[16], uint64_t t, int last)
{
    uint64_t v[16];
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = BLAKE2B_IV[i];
    }
    v[12] ^= t;
    if (last)
        v[14] = ~v[14];
    for (int r = 0; r < 12; r++) {
        BLAKE2B_ROUND(G, m, BLAKE2B_SIGMA[r]);
    }
    for (int i = 0; i < 8; i++)
        h[i] ^= v[i] ^ v[i + 8];
}

static void compress_bytes(uint64_t h[8], const uint8_t block[128], uint64_t t, int last)
{
    uint64_t m[16];
    for (int i = 0; i < 16; i++) {
        uint64_t w = 0;
        for (int j = 7; j >= 0; j--)
            w = w << 8 | block[8 * i + j];
        m[i] = w;
    }
    compress(h, m, t, last);
}

void blake2b_keyed(uint8_t *out, size_t outlen, const void *key, size_t keylen, const void *in, size_t inlen)
{
    uint64_t h[8];
    uint8_t block[128];
    uint64_t t = 0;
    const uint8_t *p = in;
    memcpy(h, BLAKE2B_IV, sizeof h);
    h[0] ^= 0x01010000ULL ^ ((uint64_t)keylen << 8) ^ (uint64_t)outlen; /* fanout 1, depth 1 */
    if (keylen) {
        memset(block, 0, sizeof block);
        memcpy(block, key, keylen);
        t = 128;
        compress_bytes(h, block, t, inlen == 0);
    }
    while (inlen > 128) {
        t += 128;
        compress_bytes(h, p, t, 0);
        p += 128;
        inlen -= 128;
    }
    if (inlen || !keylen) {
        memset(block, 0, sizeof block);
        memcpy(block, p, inlen);
        t += inlen;
        compress_bytes(h, block, t, 1);
    }
    for (size_t i = 0; i < outlen; i++)
        out[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}

void blake2b_small(uint8_t *out, size_t outlen, const void *in, size_t inlen)
{
    blake2b_keyed(out, outlen, NULL, 0, in, inlen);
}

static inline uint64_t bswap64(uint64_t x) { return __builtin_bswap64(x); }

uint64_t blake2b512_u64pair_be(uint64_t a, uint64_t b)
{
    /* Message words are little-endian loads of BE64(a), BE64(b). Only the
     * first output word is needed; its big-endian reading is a byte swap. */
    uint64_t h[8], m[16] = {bswap64(a), bswap64(b)};
    memcpy(h, BLAKE2B_IV, sizeof h);
    h[0] ^= 0x01010000ULL ^ 64;
    compress(h, m, 16, 1);
    return bswap64(h[0]);
}

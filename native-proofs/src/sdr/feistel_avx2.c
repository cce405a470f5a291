/* Four Feistel permutations at once: BLAKE2b of the 16-byte round input is
 * the whole cost of building the graph, and four independent hashes fit the
 * four 64-bit lanes of an AVX2 register. Compiled for AVX2 in this file only;
 * feistel.c calls it after checking the CPU. */
#include <stdint.h>

#include "hash/blake2b.h"
#include "sdr/feistel.h"

typedef uint64_t v4 __attribute__((vector_size(32)));
typedef uint8_t v32b __attribute__((vector_size(32)));
typedef int64_t v4s __attribute__((vector_size(32)));

#define AVX2 __attribute__((target("avx2")))

AVX2 static inline v4 splat(uint64_t x) { return (v4){x, x, x, x}; }

AVX2 static inline v4 bswap4(v4 x)
{
    const v32b idx = {7,  6,  5,  4,  3,  2,  1,  0,  15, 14, 13, 12, 11, 10, 9,  8,
                      23, 22, 21, 20, 19, 18, 17, 16, 31, 30, 29, 28, 27, 26, 25, 24};
    return (v4)__builtin_shuffle((v32b)x, idx);
}

#define ROTR(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

/* First 8 bytes (big-endian) of BLAKE2b-512(BE64(r) || BE64(key)), 4 lanes. */
AVX2 static inline v4 round_fn(v4 r, uint64_t key)
{
    v4 m[16] = {0};
    m[0] = bswap4(r);
    m[1] = splat(__builtin_bswap64(key));
    v4 v[16];
    for (int i = 0; i < 8; i++)
        v[i] = splat(i == 0 ? BLAKE2B_IV[0] ^ 0x01010040ULL : BLAKE2B_IV[i]);
    for (int i = 0; i < 8; i++)
        v[8 + i] = splat(BLAKE2B_IV[i]);
    v[12] ^= splat(16);
    v[14] = ~v[14];
#define G(a, b, c, d, x, y)                  \
    v[a] = v[a] + v[b] + (x);                \
    v[d] = ROTR(v[d] ^ v[a], 32);            \
    v[c] = v[c] + v[d];                      \
    v[b] = ROTR(v[b] ^ v[c], 24);            \
    v[a] = v[a] + v[b] + (y);                \
    v[d] = ROTR(v[d] ^ v[a], 16);            \
    v[c] = v[c] + v[d];                      \
    v[b] = ROTR(v[b] ^ v[c], 63);
#pragma GCC unroll 12
    for (int rd = 0; rd < 12; rd++) {
        BLAKE2B_ROUND(G, m, BLAKE2B_SIGMA[rd]);
    }
#undef G
    v4 h0 = splat(BLAKE2B_IV[0] ^ 0x01010040ULL) ^ v[0] ^ v[8];
    return bswap4(h0);
}

AVX2 static inline v4 encode4(const feistel_params *p, v4 x)
{
    v4 l = (x & splat(p->left_mask)) >> p->half_bits;
    v4 r = x & splat(p->right_mask);
    for (int i = 0; i < 3; i++) {
        v4 f = round_fn(r, p->keys[i]) & splat(p->right_mask);
        v4 nl = r;
        r = l ^ f;
        l = nl;
    }
    return (l << p->half_bits) | r;
}

AVX2 void feistel_permute4_avx2(const feistel_params *p, const uint64_t in[4], uint64_t out[4])
{
    v4 x = {in[0], in[1], in[2], in[3]};
    v4 u = encode4(p, x);
    /* Cycle walking: lanes still outside the domain are re-encoded; lanes
     * already inside keep their value. Values stay below 2^63, so the
     * signed compare is exact. */
    v4s lim = (v4s)splat(p->num_elements);
    for (;;) {
        v4s outside = (v4s)u >= lim;
        if (!(outside[0] | outside[1] | outside[2] | outside[3]))
            break;
        v4 next = encode4(p, u);
        u = (v4)(((v4s)next & outside) | ((v4s)u & ~outside));
    }
    for (int i = 0; i < 4; i++)
        out[i] = u[i];
}

#include "synth.h"

#include <string.h>

/* ---- BLAKE2b (RFC 7693) --------------------------------------------------- */

static const uint64_t B2_IV[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL,
                                  0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                                  0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
                                  0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
static const uint8_t B2_SIGMA[12][16] = {
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

static uint64_t rotr64(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static void b2_compress(uint64_t h[8], const uint8_t blk[128], uint64_t t, int last)
{
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) {
        uint64_t w = 0;
        for (int k = 7; k >= 0; k--)
            w = (w << 8) | blk[8 * i + k];
        m[i] = w;
    }
    for (int i = 0; i < 8; i++) {
        v[i] = h[i];
        v[i + 8] = B2_IV[i];
    }
    v[12] ^= t;
    if (last)
        v[14] = ~v[14];
#define G(a, b, c, d, x, y)            \
    do {                               \
        v[a] = v[a] + v[b] + (x);      \
        v[d] = rotr64(v[d] ^ v[a], 32); \
        v[c] = v[c] + v[d];            \
        v[b] = rotr64(v[b] ^ v[c], 24); \
        v[a] = v[a] + v[b] + (y);      \
        v[d] = rotr64(v[d] ^ v[a], 16); \
        v[c] = v[c] + v[d];            \
        v[b] = rotr64(v[b] ^ v[c], 63); \
    } while (0)
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = B2_SIGMA[r];
        G(0, 4, 8, 12, m[s[0]], m[s[1]]);
        G(1, 5, 9, 13, m[s[2]], m[s[3]]);
        G(2, 6, 10, 14, m[s[4]], m[s[5]]);
        G(3, 7, 11, 15, m[s[6]], m[s[7]]);
        G(0, 5, 10, 15, m[s[8]], m[s[9]]);
        G(1, 6, 11, 12, m[s[10]], m[s[11]]);
        G(2, 7, 8, 13, m[s[12]], m[s[13]]);
        G(3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
#undef G
    for (int i = 0; i < 8; i++)
        h[i] ^= v[i] ^ v[i + 8];
}

void blake2b_keyed(uint8_t *out, size_t outlen, const void *key, size_t keylen, const void *in,
                   size_t inlen)
{
    uint64_t h[8];
    memcpy(h, B2_IV, sizeof h);
    h[0] ^= 0x01010000ULL ^ ((uint64_t)keylen << 8) ^ outlen;
    uint8_t blk[128];
    uint64_t t = 0;
    const uint8_t *p = in;
    if (keylen) {
        memset(blk, 0, 128);
        memcpy(blk, key, keylen);
        t = 128;
        b2_compress(h, blk, t, inlen == 0);
    }
    while (inlen > 128) {
        t += 128;
        b2_compress(h, p, t, 0);
        p += 128;
        inlen -= 128;
    }
    if (inlen || !keylen) {
        memset(blk, 0, 128);
        memcpy(blk, p, inlen);
        t += inlen;
        b2_compress(h, blk, t, 1);
    }
    for (size_t i = 0; i < outlen; i++)
        out[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}

/* ---- ChaCha20 (RFC 8439) ------------------------------------------------- */

static uint32_t rotl32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void chacha20_block(const uint8_t key[32], const uint8_t nonce[12], uint32_t ctr, uint8_t out[64])
{
    uint32_t s[16], x[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++)
        s[4 + i] = (uint32_t)key[4 * i] | (uint32_t)key[4 * i + 1] << 8 |
                   (uint32_t)key[4 * i + 2] << 16 | (uint32_t)key[4 * i + 3] << 24;
    s[12] = ctr;
    for (int i = 0; i < 3; i++)
        s[13 + i] = (uint32_t)nonce[4 * i] | (uint32_t)nonce[4 * i + 1] << 8 |
                    (uint32_t)nonce[4 * i + 2] << 16 | (uint32_t)nonce[4 * i + 3] << 24;
    memcpy(x, s, sizeof x);
#define QR(a, b, c, d)                \
    do {                              \
        x[a] += x[b];                 \
        x[d] = rotl32(x[d] ^ x[a], 16); \
        x[c] += x[d];                 \
        x[b] = rotl32(x[b] ^ x[c], 12); \
        x[a] += x[b];                 \
        x[d] = rotl32(x[d] ^ x[a], 8);  \
        x[c] += x[d];                 \
        x[b] = rotl32(x[b] ^ x[c], 7);  \
    } while (0)
    for (int r = 0; r < 10; r++) {
        QR(0, 4, 8, 12);
        QR(1, 5, 9, 13);
        QR(2, 6, 10, 14);
        QR(3, 7, 11, 15);
        QR(0, 5, 10, 15);
        QR(1, 6, 11, 12);
        QR(2, 7, 8, 13);
        QR(3, 4, 9, 14);
    }
#undef QR
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i] + s[i];
        out[4 * i] = (uint8_t)v;
        out[4 * i + 1] = (uint8_t)(v >> 8);
        out[4 * i + 2] = (uint8_t)(v >> 16);
        out[4 * i + 3] = (uint8_t)(v >> 24);
    }
}

void chacha20_keystream(const uint8_t key[32], const uint8_t nonce[12], uint64_t pos, uint8_t *out,
                        size_t n)
{
    uint8_t blk[64];
    while (n) {
        uint64_t b = pos / 64, o = pos % 64;
        chacha20_block(key, nonce, (uint32_t)b, blk);
        size_t take = 64 - o < n ? 64 - o : n;
        memcpy(out, blk + o, take);
        out += take;
        pos += take;
        n -= take;
    }
}

/* ---- synthetic challenges ------------------------------------------------- */

static const uint8_t NONCE[12] = {'s', 'y', 'n', 't', 'h', '-', 'p', 'o', 'r', 'e', 'p', 0};

static void prf_key(const char *tag, const uint8_t a[32], const uint8_t b[32], uint8_t key[32])
{
    uint8_t in[64];
    memcpy(in, a, 32);
    memcpy(in + 32, b, 32);
    blake2b_keyed(key, 32, tag, strlen(tag), in, 64);
}

uint64_t synth_count(uint64_t nodes) { return nodes < (1ULL << 18) ? nodes : (1ULL << 18); }

uint64_t synth_challenge(const uint8_t replica_id[32], const uint8_t comm_r[32], uint64_t nodes,
                         uint64_t i)
{
    uint8_t key[32], r[32];
    prf_key("filecoin.io|PoRep|1|Synthetic|1|Generation", replica_id, comm_r, key);
    chacha20_keystream(key, NONCE, i * 32, r, 32);
    unsigned __int128 acc = 0;
    for (int k = 31; k >= 0; k--)
        acc = ((acc << 8) | r[k]) % (nodes - 1);
    return (uint64_t)acc + 1;
}

uint64_t synth_select(const uint8_t replica_id[32], const uint8_t rand[32], uint64_t num_synth,
                      uint64_t j)
{
    uint8_t key[32], b[4];
    prf_key("filecoin.io|PoRep|1|Synthetic|1|Selection", replica_id, rand, key);
    chacha20_keystream(key, NONCE, j * 4, b, 4);
    uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    return v % num_synth;
}

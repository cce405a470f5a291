#include "porep/synth.h"

#include "hash/blake2b.h"
#include "hash/chacha8.h"

#include <string.h>

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
    chacha_core(s, x, 10); /* ChaCha20: 10 double rounds */
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i];
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

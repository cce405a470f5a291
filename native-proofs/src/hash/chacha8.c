#include "hash/chacha8.h"

static inline uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

#define QR(a, b, c, d)                       \
    do {                                     \
        x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 16); \
        x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 12); \
        x[a] += x[b]; x[d] = rotl(x[d] ^ x[a], 8);  \
        x[c] += x[d]; x[b] = rotl(x[b] ^ x[c], 7);  \
    } while (0)

void chacha_core(const uint32_t in[16], uint32_t out[16], int double_rounds)
{
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = in[i];
    for (int r = 0; r < double_rounds; r++) {
        QR(0, 4, 8, 12);
        QR(1, 5, 9, 13);
        QR(2, 6, 10, 14);
        QR(3, 7, 11, 15);
        QR(0, 5, 10, 15);
        QR(1, 6, 11, 12);
        QR(2, 7, 8, 13);
        QR(3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++)
        out[i] = x[i] + in[i];
}

void chacha8_block(const uint8_t key[32], uint64_t counter, uint32_t out[16])
{
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
    for (int i = 0; i < 8; i++)
        in[4 + i] = (uint32_t)key[4 * i] | (uint32_t)key[4 * i + 1] << 8 |
                    (uint32_t)key[4 * i + 2] << 16 | (uint32_t)key[4 * i + 3] << 24;
    in[12] = (uint32_t)counter;
    in[13] = (uint32_t)(counter >> 32);
    in[14] = 0;
    in[15] = 0;
    chacha_core(in, out, 4); /* ChaCha8: 4 double rounds */
}

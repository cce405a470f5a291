#include "field/fr32.h"

#include <string.h>

void fr32_pad_quantum(const uint8_t in[127], uint8_t out[128])
{
    /* Field k starts at input bit 254k, i.e. byte 31.75k: fields shift left
     * by 0, 2, 4, 6 bits relative to the input bytes. */
    memcpy(out, in, 32);
    out[31] &= 0x3f;
    for (int j = 32; j < 64; j++)
        out[j] = (uint8_t)(in[j] << 2 | in[j - 1] >> 6);
    out[63] &= 0x3f;
    for (int j = 64; j < 96; j++)
        out[j] = (uint8_t)(in[j] << 4 | in[j - 1] >> 4);
    out[95] &= 0x3f;
    for (int j = 96; j < 127; j++)
        out[j] = (uint8_t)(in[j] << 6 | in[j - 1] >> 2);
    out[127] = in[126] >> 2;
}

void fr32_unpad_quantum(const uint8_t in[128], uint8_t out[127])
{
    memcpy(out, in, 32);
    out[31] = (uint8_t)((in[31] & 0x3f) | in[32] << 6);
    for (int j = 32; j < 63; j++)
        out[j] = (uint8_t)(in[j] >> 2 | in[j + 1] << 6);
    out[63] = (uint8_t)((in[63] & 0x3f) >> 2 | in[64] << 4);
    for (int j = 64; j < 95; j++)
        out[j] = (uint8_t)(in[j] >> 4 | in[j + 1] << 4);
    out[95] = (uint8_t)((in[95] & 0x3f) >> 4 | in[96] << 2);
    for (int j = 96; j < 127; j++)
        out[j] = (uint8_t)(in[j] >> 6 | in[j + 1] << 2);
}

void fr32_quanta_of(uint64_t off, uint64_t len, uint64_t *pstart, uint64_t *pend)
{
    *pstart = (off / 127) * 128;
    *pend = ((off + len - 1) / 127 + 1) * 128;
}

const uint8_t *fr32_unpad_window(const uint8_t *chunk, uint64_t pos, uint64_t n, uint64_t off,
                                 uint64_t len, uint8_t *scratch, uint64_t *count)
{
    uint64_t q = n / 128;
    for (uint64_t k = 0; k < q; k++)
        fr32_unpad_quantum(chunk + 128 * k, scratch + 127 * k);
    uint64_t ustart = (pos / 128) * 127, ulen = q * 127;
    uint64_t a = off > ustart ? off - ustart : 0;
    uint64_t b = off + len < ustart + ulen ? off + len - ustart : ulen;
    *count = b - a;
    return scratch + a;
}

size_t fr32_padded_len(size_t len)
{
    size_t whole = len / 127, rem = len % 127;
    return whole * 128 + ((rem * 8 + 253) / 254) * 32;
}

size_t fr32_pad(const uint8_t *in, size_t len, uint8_t *out)
{
    size_t whole = len / 127, rem = len % 127;
    for (size_t q = 0; q < whole; q++)
        fr32_pad_quantum(in + 127 * q, out + 128 * q);
    size_t n = whole * 128;
    if (rem) {
        uint8_t qin[127] = {0}, qout[128];
        memcpy(qin, in + 127 * whole, rem);
        fr32_pad_quantum(qin, qout);
        size_t chunks = (rem * 8 + 253) / 254;
        memcpy(out + n, qout, chunks * 32);
        n += chunks * 32;
    }
    return n;
}

#include "cid.h"

#include <string.h>

#include "util.h"

static const uint8_t PREFIX[7] = {0x01, 0x81, 0xe2, 0x03, 0x92, 0x20, 0x20};
static const char B32[] = "abcdefghijklmnopqrstuvwxyz234567";

static void base32_lower(const uint8_t *in, size_t n, char *out)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        acc = acc << 8 | in[i];
        bits += 8;
        while (bits >= 5) {
            out[k++] = B32[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits)
        out[k++] = B32[(acc << (5 - bits)) & 31];
    out[k] = 0;
}

void commd_to_cid(const uint8_t comm[32], char out[COMM_CID_LEN + 1])
{
    uint8_t raw[39];
    memcpy(raw, PREFIX, 7);
    memcpy(raw + 7, comm, 32);
    out[0] = 'b';
    base32_lower(raw, 39, out + 1);
}

int cid_to_commd(const char *cid, uint8_t comm[32])
{
    if (strlen(cid) != COMM_CID_LEN || cid[0] != 'b')
        return -1;
    uint8_t raw[40];
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (const char *p = cid + 1; *p; p++) {
        const char *q = strchr(B32, *p);
        if (!q || !*p)
            return -1;
        acc = acc << 5 | (uint32_t)(q - B32);
        bits += 5;
        if (bits >= 8) {
            if (k >= sizeof raw)
                return -1;
            raw[k++] = (uint8_t)(acc >> (bits - 8));
            bits -= 8;
        }
    }
    if (k != 39 || memcmp(raw, PREFIX, 7) != 0)
        return -1;
    memcpy(comm, raw + 7, 32);
    return 0;
}

int parse_comm(const char *s, uint8_t comm[32])
{
    if (strlen(s) == 64 && hex_decode(s, comm, 32) == 0)
        return 0;
    return cid_to_commd(s, comm);
}

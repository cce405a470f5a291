#include "cid_r.h"

#include <string.h>

#include "util.h"

static const uint8_t RPREFIX[8] = {0x01, 0x82, 0xe2, 0x03, 0x81, 0xe8, 0x02, 0x20};
static const char ALPHA[] = "abcdefghijklmnopqrstuvwxyz234567";

void commr_to_cid(const uint8_t comm[32], char out[COMMR_CID_LEN + 1])
{
    uint8_t raw[40];
    memcpy(raw, RPREFIX, 8);
    memcpy(raw + 8, comm, 32);
    out[0] = 'b';
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 1;
    for (size_t i = 0; i < sizeof raw; i++) {
        acc = (acc << 8) | raw[i];
        bits += 8;
        while (bits >= 5) {
            out[k++] = ALPHA[(acc >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits)
        out[k++] = ALPHA[(acc << (5 - bits)) & 31];
    out[k] = 0;
}

int cid_to_commr(const char *cid, uint8_t comm[32])
{
    if (strlen(cid) != COMMR_CID_LEN || cid[0] != 'b')
        return -1;
    uint8_t raw[41];
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (const char *p = cid + 1; *p; p++) {
        const char *q = strchr(ALPHA, *p);
        if (!q)
            return -1;
        acc = (acc << 5) | (uint32_t)(q - ALPHA);
        bits += 5;
        if (bits >= 8) {
            if (k >= sizeof raw)
                return -1;
            raw[k++] = (uint8_t)(acc >> (bits - 8));
            bits -= 8;
        }
    }
    if (k != 40 || memcmp(raw, RPREFIX, 8) != 0)
        return -1;
    memcpy(comm, raw + 8, 32);
    return 0;
}

int parse_comm_r(const char *s, uint8_t comm[32])
{
    if (strlen(s) == 64 && hex_decode(s, comm, 32) == 0)
        return 0;
    return cid_to_commr(s, comm);
}

#include "porep/cid.h"

#include <string.h>

#include "util/util.h"

/* CIDv1 + codec + multihash code + digest length, as go-fil-commcid writes them. */
static const uint8_t UNSEALED[7] = {0x01, 0x81, 0xe2, 0x03, 0x92, 0x20, 0x20};
static const uint8_t SEALED[8] = {0x01, 0x82, 0xe2, 0x03, 0x81, 0xe8, 0x02, 0x20};
static const char B32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* "b" + base32-lower(prefix || comm). */
static void encode(const uint8_t *prefix, size_t plen, const uint8_t comm[32], char *out)
{
    uint8_t raw[40];
    memcpy(raw, prefix, plen);
    memcpy(raw + plen, comm, 32);
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    out[k++] = 'b';
    for (size_t i = 0; i < plen + 32; i++) {
        acc = acc << 8 | raw[i];
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

static int decode(const char *cid, size_t len, const uint8_t *prefix, size_t plen, uint8_t comm[32])
{
    if (strlen(cid) != len || cid[0] != 'b')
        return -1;
    uint8_t raw[41];
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (const char *p = cid + 1; *p; p++) {
        const char *q = strchr(B32, *p);
        if (!q)
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
    if (k != plen + 32 || memcmp(raw, prefix, plen) != 0)
        return -1;
    memcpy(comm, raw + plen, 32);
    return 0;
}

void commd_to_cid(const uint8_t comm[32], char out[COMM_CID_LEN + 1])
{
    encode(UNSEALED, sizeof UNSEALED, comm, out);
}

int cid_to_commd(const char *cid, uint8_t comm[32])
{
    return decode(cid, COMM_CID_LEN, UNSEALED, sizeof UNSEALED, comm);
}

/* 64 hex characters, or else a CID that from_cid accepts. */
static int hex_or_cid(const char *s, uint8_t comm[32], int (*from_cid)(const char *, uint8_t *))
{
    if (strlen(s) == 64 && hex_decode(s, comm, 32) == 0)
        return 0;
    return from_cid(s, comm);
}

int parse_comm(const char *s, uint8_t comm[32]) { return hex_or_cid(s, comm, cid_to_commd); }

void commr_to_cid(const uint8_t comm[32], char out[COMMR_CID_LEN + 1])
{
    encode(SEALED, sizeof SEALED, comm, out);
}

int cid_to_commr(const char *cid, uint8_t comm[32])
{
    return decode(cid, COMMR_CID_LEN, SEALED, sizeof SEALED, comm);
}

int parse_comm_r(const char *s, uint8_t comm[32]) { return hex_or_cid(s, comm, cid_to_commr); }

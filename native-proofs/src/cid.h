/* CIDs for unsealed commitments (go-fil-commcid): CIDv1, codec
 * fil-commitment-unsealed (0xf101), multihash sha2-256-trunc254-padded
 * (0x1012), multibase base32 lower ("b..."). */
#ifndef SEALER_CID_H
#define SEALER_CID_H
#include <stdint.h>

#define COMM_CID_LEN 64 /* "b" + 63 base32 characters for the 39-byte CID */

void commd_to_cid(const uint8_t comm[32], char out[COMM_CID_LEN + 1]);
/* Parses a baga... CID back to its 32 raw bytes; returns 0 or -1. */
int cid_to_commd(const char *cid, uint8_t comm[32]);
/* Accepts either a baga... CID or 64 hex characters. */
int parse_comm(const char *s, uint8_t comm[32]);

#endif

/* CIDs of Filecoin commitments (go-fil-commcid): CIDv1, multibase base32 lower ("b...").
 *  - unsealed (comm_d, commP): codec fil-commitment-unsealed (0xf101), multihash
 *    sha2-256-trunc254-padded (0x1012): "baga6ea4sea...";
 *  - sealed (comm_r): codec fil-commitment-sealed (0xf102), multihash poseidon-bls12_381-a2-fc1
 *    (0xb401): "bagboea4b5abc...". */
#ifndef SEALER_CID_H
#define SEALER_CID_H
#include <stdint.h>

#define COMM_CID_LEN 64  /* "b" + 63 base32 characters for the 39-byte CID */
#define COMMR_CID_LEN 65 /* "b" + 64 base32 characters for the 40-byte CID */

void commd_to_cid(const uint8_t comm[32], char out[COMM_CID_LEN + 1]);
/* Parses a baga... CID back to its 32 raw bytes; returns 0 or -1. */
int cid_to_commd(const char *cid, uint8_t comm[32]);
/* Accepts either a baga... CID or 64 hex characters. */
int parse_comm(const char *s, uint8_t comm[32]);

void commr_to_cid(const uint8_t comm[32], char out[COMMR_CID_LEN + 1]);
/* Parses a bagboea4b5abc... CID; returns 0 or -1 (an unsealed CID is refused by its prefix). */
int cid_to_commr(const char *cid, uint8_t comm[32]);
/* A bagboea4b5abc... CID or 64 hex characters. */
int parse_comm_r(const char *s, uint8_t comm[32]);

#endif

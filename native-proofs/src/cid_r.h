/* CIDs for sealed commitments (go-fil-commcid): CIDv1, codec
 * fil-commitment-sealed (0xf102), multihash poseidon-bls12_381-a2-fc1
 * (0xb401), base32 lower: "bagboea4b5abc...". */
#ifndef SEALER_CID_R_H
#define SEALER_CID_R_H
#include <stdint.h>

#define COMMR_CID_LEN 65

void commr_to_cid(const uint8_t comm[32], char out[COMMR_CID_LEN + 1]);
/* baga.../bagb... CIDs are told apart by their prefix; returns 0 or -1. */
int cid_to_commr(const char *cid, uint8_t comm[32]);
/* A bagboea4b5abc... CID or 64 hex characters. */
int parse_comm_r(const char *s, uint8_t comm[32]);

#endif

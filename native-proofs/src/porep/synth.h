/* Synthetic-PoRep challenges (storage-proofs-porep challenges.rs,
 * `synthetic`): a ChaCha20 (IETF) keystream keyed by keyed BLAKE2b-256
 * generates the synthetic challenges; a second one selects the PoRep
 * challenges among them. Only the derivation is provided (c1 proves the
 * interactive PoRep). */
#ifndef SEALER_SYNTH_H
#define SEALER_SYNTH_H
#include <stddef.h>
#include <stdint.h>

/* ChaCha20 (RFC 8439: 32-bit block counter, 96-bit nonce) keystream bytes
 * [pos, pos + n). */
void chacha20_keystream(const uint8_t key[32], const uint8_t nonce[12], uint64_t pos, uint8_t *out,
                        size_t n);

/* Synthetic challenge i of a sector. */
uint64_t synth_challenge(const uint8_t replica_id[32], const uint8_t comm_r[32], uint64_t nodes,
                         uint64_t i);
/* Number of synthetic challenges: min(nodes, 2^18). */
uint64_t synth_count(uint64_t nodes);
/* Index (into the synthetic challenges) of PoRep challenge j = k*C + i. */
uint64_t synth_select(const uint8_t replica_id[32], const uint8_t rand[32], uint64_t num_synth,
                      uint64_t j);

#endif

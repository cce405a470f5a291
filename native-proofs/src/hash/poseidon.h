/* Poseidon over BLS12-381 Fr with Filecoin's (neptune's) parameters:
 * width t = arity + 1, x^5 S-box, R_F = 8 full rounds, R_P partial rounds
 * from neptune's calc_round_numbers (Standard strength, security margin),
 * round constants from the Grain LFSR, Cauchy MDS M[i][j] = 1/(i + j + t),
 * domain tag 2^arity - 1 (HashType::MerkleTree), output = state[1].
 *
 * Every constant is generated here at first use (thread-safe), never read
 * from a table: the tests compare the generated values with the spec's
 * vectors. Two evaluations exist: the plain ("correct") permutation, which
 * is the normative definition, and the optimized static form (compressed
 * round constants, pre-sparse and sparse matrices) used on the hot path;
 * the tests prove they agree. */
#ifndef SEALER_POSEIDON_H
#define SEALER_POSEIDON_H
#include <stddef.h>
#include <stdint.h>

#include "field/fr.h"

#define POSEIDON_MAX_ARITY 36
#define POSEIDON_MAX_T (POSEIDON_MAX_ARITY + 1)

typedef struct {
    unsigned arity, t, rf, rp;
    fr_t tag;
    fr_t *rc;         /* (rf + rp) * t, round-major */
    fr_t *mds;        /* t*t, row-major: new[j] = sum_i mds[i][j] * s[i] */
    fr_t *mds_inv;    /* t*t */
    fr_t *crc;        /* compressed round constants, 8t + rp - t ... see poseidon.c */
    size_t ncrc;
    fr_t *pre_sparse; /* t*t */
    fr_t *sparse;     /* rp * (2t - 1): w_hat[t] then v_rest[t-1] */
} poseidon_params;

/* Arities 2, 4, 8, 11, 16, 24, 36 (others are refused: NULL). */
int poseidon_arity_supported(unsigned arity);
const poseidon_params *poseidon_params_get(unsigned arity);

/* Strength::Strengthened parameters (not used on chain; neptune's test
 * vectors pin them): R_P * 1.25 rounded up, tag + 2^32. NULL for an
 * unsupported arity. */
const poseidon_params *poseidon_params_strengthened(unsigned arity);

/* neptune HashType::domain_tag as canonical limbs. */
enum { POSEIDON_TAG_MERKLE_TREE, POSEIDON_TAG_CONSTANT_LENGTH, POSEIDON_TAG_ENCRYPTION };
void poseidon_domain_tag(int kind, unsigned arity, uint64_t len, int strengthened, uint64_t out[4]);

/* neptune calc_round_numbers(t, security_margin = true). */
void poseidon_round_numbers(unsigned t, unsigned *rf, unsigned *rp);

/* Hashes in Montgomery form. in has `arity` elements. */
void poseidon_hash_plain(const poseidon_params *p, const fr_t *in, fr_t *out);
void poseidon_hash(const poseidon_params *p, const fr_t *in, fr_t *out);

/* The same on 32-byte LE canonical elements (tree nodes). Inputs must be
 * canonical (< r); every caller's data is (labels, replicas, hashes). */
void poseidon_hash_bytes(const poseidon_params *p, const uint8_t *in /* arity*32 */,
                         uint8_t out[32]);
/* n independent hashes: out[k] = H(in[k*arity*32 ...]). Tree levels. */
void poseidon_hash_many(const poseidon_params *p, const uint8_t *in, uint8_t *out, size_t n);

/* supraseal's constants_<arity> file image (crc, M, pre-sparse, sparse,
 * Montgomery limbs LE). Caller frees; *len receives the byte count. */
uint8_t *poseidon_supraseal_image(const poseidon_params *p, size_t *len);

/* Multiplications per optimized hash (for the bench ratio). */
uint64_t poseidon_mults_per_hash(const poseidon_params *p);

/* Kernel back ends (poseidon_kernel.h compiled twice). */
void poseidon_perm_portable(const poseidon_params *p, fr_t *state);
void poseidon_perm_adx(const poseidon_params *p, fr_t *state);

#endif

/* The optimized static Poseidon permutation (neptune hash_optimized_static,
 * supraseal's Poseidon::Hash), written once and compiled twice:
 * poseidon_portable.c and poseidon_adx.c (-mbmi2 -madx, FR_INLINE_ADX).
 * PK_NAME is the exported symbol.
 *
 * Round schedule (crc = compressed round constants, 8t + R_P of them):
 *   s += crc[0..t]
 *   4 full rounds: s[i] = s[i]^5 + crc; mix (M, M, M, pre-sparse)
 *   R_P partial rounds: s[0] = s[0]^5 + crc; sparse mix k
 *   3 full rounds: s[i] = s[i]^5 + crc; mix M
 *   1 full round: s[i] = s[i]^5; mix M
 * The width is a compile-time constant in the specialised bodies (t = 3, 9,
 * 12), so gcc fully unrolls the mixes. */
#include <string.h>

#include "field/fr_inline.h"
#include "hash/poseidon.h"

FR_INL void pk_dense(fr_t *s, const fr_t *A, const unsigned T)
{
    fr_t out[POSEIDON_MAX_T];
    for (unsigned j = 0; j < T; j++) {
        fr_t acc, x;
        fri_mul(&acc, &A[j], &s[0]);
        for (unsigned i = 1; i < T; i++) {
            fri_mul(&x, &A[i * T + j], &s[i]);
            fri_add(&acc, &acc, &x);
        }
        out[j] = acc;
    }
    for (unsigned j = 0; j < T; j++)
        s[j] = out[j];
}

FR_INL void pk_sparse(fr_t *s, const fr_t *sp, const unsigned T)
{
    const fr_t s0 = s[0];
    fr_t acc, x;
    fri_mul(&acc, &sp[0], &s[0]);
    for (unsigned i = 1; i < T; i++) {
        fri_mul(&x, &sp[i], &s[i]);
        fri_add(&acc, &acc, &x);
    }
    for (unsigned j = 1; j < T; j++) {
        fri_mul(&x, &sp[T + j - 1], &s0);
        fri_add(&s[j], &s[j], &x);
    }
    s[0] = acc;
}

FR_INL void pk_full(fr_t *s, const fr_t **crc, const unsigned T)
{
    for (unsigned i = 0; i < T; i++) {
        fri_pow5(&s[i]);
        fri_add(&s[i], &s[i], &(*crc)[i]);
    }
    *crc += T;
}

FR_INL void pk_perm(const poseidon_params *p, fr_t *s, const unsigned T)
{
    const fr_t *crc = p->crc;
    for (unsigned i = 0; i < T; i++)
        fri_add(&s[i], &s[i], &crc[i]);
    crc += T;
    for (unsigned r = 0; r < 3; r++) {
        pk_full(s, &crc, T);
        pk_dense(s, p->mds, T);
    }
    pk_full(s, &crc, T);
    pk_dense(s, p->pre_sparse, T);
    const fr_t *sp = p->sparse;
    for (unsigned r = 0; r < p->rp; r++, sp += 2 * T - 1) {
        fri_pow5(&s[0]);
        fri_add(&s[0], &s[0], crc++);
        pk_sparse(s, sp, T);
    }
    for (unsigned r = 0; r < 3; r++) {
        pk_full(s, &crc, T);
        pk_dense(s, p->mds, T);
    }
    for (unsigned i = 0; i < T; i++)
        fri_pow5(&s[i]);
    pk_dense(s, p->mds, T);
}

static void pk_perm_3(const poseidon_params *p, fr_t *s) { pk_perm(p, s, 3); }
static void pk_perm_9(const poseidon_params *p, fr_t *s) { pk_perm(p, s, 9); }
static void pk_perm_12(const poseidon_params *p, fr_t *s) { pk_perm(p, s, 12); }
static void pk_perm_n(const poseidon_params *p, fr_t *s) { pk_perm(p, s, p->t); }

void PK_NAME(const poseidon_params *p, fr_t *state)
{
    switch (p->t) {
    case 3: pk_perm_3(p, state); break;
    case 9: pk_perm_9(p, state); break;
    case 12: pk_perm_12(p, state); break;
    default: pk_perm_n(p, state); break;
    }
}

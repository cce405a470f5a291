/* Inline Fr arithmetic (Montgomery, 4x64 limbs) for the hot loops.
 *
 * Multiplication is CIOS with the "no final carry word" shortcut that holds
 * because the top limb of r (0x73ed...) is below 2^63 - 1: the running sum
 * never needs a fifth limb. Two bodies:
 *  - portable: unsigned __int128 products (gcc emits mul/adc; with -mbmi2 it
 *    emits mulx);
 *  - FR_INLINE_ADX defined (translation unit built with -mbmi2 -madx):
 *    _mulx_u64 products and _addcarryx_u64 chains (adcx/adox).
 * Every function here is also exported through fr.c for non-hot callers. */
#ifndef SEALER_FR_INLINE_H
#define SEALER_FR_INLINE_H
#include <stdint.h>

#include "field/fr.h"

#ifdef FR_INLINE_ADX
#include <immintrin.h>
#endif

typedef unsigned __int128 fr_u128;

#if defined(__GNUC__)
#define FR_INL static inline __attribute__((always_inline))
#else
#define FR_INL static inline
#endif

/* o = a - r if a >= r (a < 2r). */
FR_INL void fri_reduce_once(uint64_t t[4])
{
    uint64_t s0, s1, s2, s3;
    fr_u128 d;
    d = (fr_u128)t[0] - FR_P0;
    s0 = (uint64_t)d;
    d = (fr_u128)t[1] - FR_P1 - (uint64_t)((d >> 64) & 1);
    s1 = (uint64_t)d;
    d = (fr_u128)t[2] - FR_P2 - (uint64_t)((d >> 64) & 1);
    s2 = (uint64_t)d;
    d = (fr_u128)t[3] - FR_P3 - (uint64_t)((d >> 64) & 1);
    s3 = (uint64_t)d;
    uint64_t borrow = (uint64_t)((d >> 64) & 1);
    uint64_t mask = borrow - 1; /* all ones when no borrow: keep s */
    t[0] = (s0 & mask) | (t[0] & ~mask);
    t[1] = (s1 & mask) | (t[1] & ~mask);
    t[2] = (s2 & mask) | (t[2] & ~mask);
    t[3] = (s3 & mask) | (t[3] & ~mask);
}

FR_INL void fri_add(fr_t *o, const fr_t *a, const fr_t *b)
{
    uint64_t t[4];
    fr_u128 s = (fr_u128)a->l[0] + b->l[0];
    t[0] = (uint64_t)s;
    s = (fr_u128)a->l[1] + b->l[1] + (uint64_t)(s >> 64);
    t[1] = (uint64_t)s;
    s = (fr_u128)a->l[2] + b->l[2] + (uint64_t)(s >> 64);
    t[2] = (uint64_t)s;
    t[3] = a->l[3] + b->l[3] + (uint64_t)(s >> 64); /* < 2^256: r < 2^255 */
    fri_reduce_once(t);
    o->l[0] = t[0];
    o->l[1] = t[1];
    o->l[2] = t[2];
    o->l[3] = t[3];
}

FR_INL void fri_sub(fr_t *o, const fr_t *a, const fr_t *b)
{
    uint64_t t[4];
    fr_u128 d = (fr_u128)a->l[0] - b->l[0];
    t[0] = (uint64_t)d;
    d = (fr_u128)a->l[1] - b->l[1] - (uint64_t)((d >> 64) & 1);
    t[1] = (uint64_t)d;
    d = (fr_u128)a->l[2] - b->l[2] - (uint64_t)((d >> 64) & 1);
    t[2] = (uint64_t)d;
    d = (fr_u128)a->l[3] - b->l[3] - (uint64_t)((d >> 64) & 1);
    t[3] = (uint64_t)d;
    uint64_t mask = 0 - (uint64_t)((d >> 64) & 1); /* borrow: add r back */
    fr_u128 s = (fr_u128)t[0] + (FR_P0 & mask);
    o->l[0] = (uint64_t)s;
    s = (fr_u128)t[1] + (FR_P1 & mask) + (uint64_t)(s >> 64);
    o->l[1] = (uint64_t)s;
    s = (fr_u128)t[2] + (FR_P2 & mask) + (uint64_t)(s >> 64);
    o->l[2] = (uint64_t)s;
    o->l[3] = t[3] + (FR_P3 & mask) + (uint64_t)(s >> 64);
}

#ifndef FR_INLINE_ADX
/* One CIOS step: t += a * bi, then one Montgomery reduction word. */
#define FRI_STEP(bi)                                                          \
    do {                                                                      \
        fr_u128 A_, C_;                                                       \
        uint64_t m_;                                                          \
        A_ = (fr_u128)a0 * (bi) + t0;                                         \
        t0 = (uint64_t)A_;                                                    \
        m_ = t0 * FR_INV;                                                     \
        C_ = (fr_u128)m_ * FR_P0 + t0;                                        \
        A_ = (fr_u128)a1 * (bi) + t1 + (uint64_t)(A_ >> 64);                  \
        t1 = (uint64_t)A_;                                                    \
        C_ = (fr_u128)m_ * FR_P1 + t1 + (uint64_t)(C_ >> 64);                 \
        t0 = (uint64_t)C_;                                                    \
        A_ = (fr_u128)a2 * (bi) + t2 + (uint64_t)(A_ >> 64);                  \
        t2 = (uint64_t)A_;                                                    \
        C_ = (fr_u128)m_ * FR_P2 + t2 + (uint64_t)(C_ >> 64);                 \
        t1 = (uint64_t)C_;                                                    \
        A_ = (fr_u128)a3 * (bi) + t3 + (uint64_t)(A_ >> 64);                  \
        t3 = (uint64_t)A_;                                                    \
        C_ = (fr_u128)m_ * FR_P3 + t3 + (uint64_t)(C_ >> 64);                 \
        t2 = (uint64_t)C_;                                                    \
        t3 = (uint64_t)(C_ >> 64) + (uint64_t)(A_ >> 64);                     \
    } while (0)

FR_INL void fri_mul(fr_t *o, const fr_t *a, const fr_t *b)
{
    const uint64_t a0 = a->l[0], a1 = a->l[1], a2 = a->l[2], a3 = a->l[3];
    const uint64_t b0 = b->l[0], b1 = b->l[1], b2 = b->l[2], b3 = b->l[3];
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    FRI_STEP(b0);
    FRI_STEP(b1);
    FRI_STEP(b2);
    FRI_STEP(b3);
    uint64_t t[4] = {t0, t1, t2, t3};
    fri_reduce_once(t);
    o->l[0] = t[0];
    o->l[1] = t[1];
    o->l[2] = t[2];
    o->l[3] = t[3];
}
#else
/* mulx/adcx/adox body (x86-64 with BMI2 + ADX; this header is compiled
 * with FR_INLINE_ADX only in the -mbmi2 -madx translation unit, which is
 * called only when cpuid reports both). CIOS, four rounds unrolled; in each
 * round the product row a*b[i] is added with two interleaved carry chains
 * (adox for the low words, adcx for the high words), then one Montgomery
 * word m = t0 * INV is folded in the same way, which zeroes t0; the zeroed
 * register becomes the next round's top word (registers rotate A..E).
 * The four rounds are written out unrolled with the register roles rotated. */
static const uint64_t FRI_PP[5] = {FR_P0, FR_P1, FR_P2, FR_P3, FR_INV};
FR_INL void fri_mul(fr_t *o, const fr_t *a, const fr_t *b)
{
    uint64_t A, B, C, D, E, lo, hi, z;
    __asm__(
        "movq 0(%[b]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[a]), %[A], %[B]\n\t"
        "mulxq 8(%[a]), %[lo], %[C]\n\t"
        "adcxq %[lo], %[B]\n\t"
        "mulxq 16(%[a]), %[lo], %[D]\n\t"
        "adcxq %[lo], %[C]\n\t"
        "mulxq 24(%[a]), %[lo], %[E]\n\t"
        "adcxq %[lo], %[D]\n\t"
        "adcxq %[z], %[E]\n\t"
        "movq %[A], %%rdx\n\t"
        "imulq 32(%[pp]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[A]\n\t"
        "adoxq %[hi], %[B]\n\t"
        "mulxq 8(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[B]\n\t"
        "adoxq %[hi], %[C]\n\t"
        "mulxq 16(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[C]\n\t"
        "adoxq %[hi], %[D]\n\t"
        "mulxq 24(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[D]\n\t"
        "adoxq %[hi], %[E]\n\t"
        "adcxq %[z], %[E]\n\t"
        "movq 8(%[b]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[B]\n\t"
        "adcxq %[hi], %[C]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[C]\n\t"
        "adcxq %[hi], %[D]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[D]\n\t"
        "adcxq %[hi], %[E]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[E]\n\t"
        "adcxq %[hi], %[A]\n\t"
        "adoxq %[z], %[A]\n\t"
        "movq %[B], %%rdx\n\t"
        "imulq 32(%[pp]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[B]\n\t"
        "adoxq %[hi], %[C]\n\t"
        "mulxq 8(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[C]\n\t"
        "adoxq %[hi], %[D]\n\t"
        "mulxq 16(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[D]\n\t"
        "adoxq %[hi], %[E]\n\t"
        "mulxq 24(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[E]\n\t"
        "adoxq %[hi], %[A]\n\t"
        "adcxq %[z], %[A]\n\t"
        "movq 16(%[b]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[C]\n\t"
        "adcxq %[hi], %[D]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[D]\n\t"
        "adcxq %[hi], %[E]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[E]\n\t"
        "adcxq %[hi], %[A]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[A]\n\t"
        "adcxq %[hi], %[B]\n\t"
        "adoxq %[z], %[B]\n\t"
        "movq %[C], %%rdx\n\t"
        "imulq 32(%[pp]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[C]\n\t"
        "adoxq %[hi], %[D]\n\t"
        "mulxq 8(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[D]\n\t"
        "adoxq %[hi], %[E]\n\t"
        "mulxq 16(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[E]\n\t"
        "adoxq %[hi], %[A]\n\t"
        "mulxq 24(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[A]\n\t"
        "adoxq %[hi], %[B]\n\t"
        "adcxq %[z], %[B]\n\t"
        "movq 24(%[b]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[D]\n\t"
        "adcxq %[hi], %[E]\n\t"
        "mulxq 8(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[E]\n\t"
        "adcxq %[hi], %[A]\n\t"
        "mulxq 16(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[A]\n\t"
        "adcxq %[hi], %[B]\n\t"
        "mulxq 24(%[a]), %[lo], %[hi]\n\t"
        "adoxq %[lo], %[B]\n\t"
        "adcxq %[hi], %[C]\n\t"
        "adoxq %[z], %[C]\n\t"
        "movq %[D], %%rdx\n\t"
        "imulq 32(%[pp]), %%rdx\n\t"
        "xorl %k[z], %k[z]\n\t"
        "mulxq 0(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[D]\n\t"
        "adoxq %[hi], %[E]\n\t"
        "mulxq 8(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[E]\n\t"
        "adoxq %[hi], %[A]\n\t"
        "mulxq 16(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[A]\n\t"
        "adoxq %[hi], %[B]\n\t"
        "mulxq 24(%[pp]), %[lo], %[hi]\n\t"
        "adcxq %[lo], %[B]\n\t"
        "adoxq %[hi], %[C]\n\t"
        "adcxq %[z], %[C]\n\t"
        : [A] "=&r"(A), [B] "=&r"(B), [C] "=&r"(C), [D] "=&r"(D), [E] "=&r"(E),
          [lo] "=&r"(lo), [hi] "=&r"(hi), [z] "=&r"(z)
        : [a] "r"(a->l), [b] "r"(b->l), [pp] "r"(FRI_PP), "m"(*(const uint64_t(*)[4])a->l),
          "m"(*(const uint64_t(*)[4])b->l)
        : "rdx", "cc");
    uint64_t t[4] = {E, A, B, C};
    fri_reduce_once(t);
    o->l[0] = t[0];
    o->l[1] = t[1];
    o->l[2] = t[2];
    o->l[3] = t[3];
}
#endif

/* x^5, the Poseidon S-box. */
FR_INL void fri_pow5(fr_t *x)
{
    fr_t x2, x4;
    fri_mul(&x2, x, x);
    fri_mul(&x4, &x2, &x2);
    fri_mul(x, &x4, x);
}

#endif

/* BLS12-381 Fr: exported wrappers, conversions, exponentiation, dispatch. */
#include "field/fr.h"

#include <stdlib.h>
#include <string.h>

#include "field/fr_inline.h"
#include "util/cpu.h"

const uint64_t FR_MODULUS[4] = FR_MODULUS_LIMBS;
const fr_t FR_ONE = {FR_ONE_LIMBS};
const fr_t FR_ZERO = {{0, 0, 0, 0}};
const uint64_t FR_R2[4] = FR_R2_LIMBS;

void fr_mul_portable(fr_t *o, const fr_t *a, const fr_t *b) { fri_mul(o, a, b); }

void fr_add(fr_t *o, const fr_t *a, const fr_t *b) { fri_add(o, a, b); }
void fr_sub(fr_t *o, const fr_t *a, const fr_t *b) { fri_sub(o, a, b); }
void fr_neg(fr_t *o, const fr_t *a) { fri_sub(o, &FR_ZERO, a); }

int fr_cpu_has_adx(void)
{
    const cpu_features_t *f = cpu_features();
    return f->bmi2 && f->adx;
}

static int adx_state = -1;

int fr_use_adx(void)
{
    int s = __atomic_load_n(&adx_state, __ATOMIC_RELAXED);
    if (s < 0) {
        const char *f = getenv("SEALER_FORCE_PORTABLE_FR");
        s = (f && *f && strcmp(f, "0") != 0) ? 0 : fr_cpu_has_adx();
#ifndef SEALER_HAVE_ADX_TU
        s = 0;
#endif
        __atomic_store_n(&adx_state, s, __ATOMIC_RELAXED);
    }
    return s;
}

const char *fr_backend(void) { return fr_use_adx() ? "mulx-adx" : "portable"; }

void fr_mul(fr_t *o, const fr_t *a, const fr_t *b)
{
#ifdef SEALER_HAVE_ADX_TU
    if (fr_use_adx()) {
        fr_mul_adx(o, a, b);
        return;
    }
#endif
    fri_mul(o, a, b);
}

void fr_sqr(fr_t *o, const fr_t *a) { fr_mul(o, a, a); }

void fr_from_canonical(fr_t *out, const uint64_t in[4])
{
    fr_t a, r2;
    memcpy(a.l, in, 32);
    memcpy(r2.l, FR_R2, 32);
    fri_mul(out, &a, &r2);
}

void fr_to_canonical(uint64_t out[4], const fr_t *in)
{
    fr_t one = {{1, 0, 0, 0}}, t;
    fri_mul(&t, in, &one);
    memcpy(out, t.l, 32);
}

static void load_le(uint64_t l[4], const uint8_t in[32])
{
    for (int i = 0; i < 4; i++) {
        uint64_t v = 0;
        for (int k = 7; k >= 0; k--)
            v = (v << 8) | in[8 * i + k];
        l[i] = v;
    }
}

static void store_le(uint8_t out[32], const uint64_t l[4])
{
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 8; k++)
            out[8 * i + k] = (uint8_t)(l[i] >> (8 * k));
}

static int lt_modulus(const uint64_t l[4])
{
    for (int i = 3; i >= 0; i--) {
        if (l[i] < FR_MODULUS[i])
            return 1;
        if (l[i] > FR_MODULUS[i])
            return 0;
    }
    return 0; /* equal */
}

int fr_bytes_canonical(const uint8_t in[32])
{
    uint64_t l[4];
    load_le(l, in);
    return lt_modulus(l);
}

int fr_from_bytes(fr_t *out, const uint8_t in[32])
{
    uint64_t l[4];
    load_le(l, in);
    if (!lt_modulus(l))
        return -1;
    fr_from_canonical(out, l);
    return 0;
}

void fr_to_bytes(uint8_t out[32], const fr_t *in)
{
    uint64_t l[4];
    fr_to_canonical(l, in);
    store_le(out, l);
}

void fr_from_u64(fr_t *out, uint64_t v)
{
    uint64_t l[4] = {v, 0, 0, 0};
    fr_from_canonical(out, l);
}

void fr_pow(fr_t *o, const fr_t *a, const uint64_t e[4])
{
    fr_t acc = FR_ONE, base = *a;
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if ((e[i] >> b) & 1)
                fri_mul(&acc, &acc, &base);
            fri_mul(&base, &base, &base);
        }
    *o = acc;
}

void fr_inv(fr_t *o, const fr_t *a)
{
    uint64_t e[4] = {FR_P0 - 2, FR_P1, FR_P2, FR_P3};
    fr_pow(o, a, e);
}

int fr_eq(const fr_t *a, const fr_t *b) { return memcmp(a->l, b->l, 32) == 0; }
int fr_is_zero(const fr_t *a) { return (a->l[0] | a->l[1] | a->l[2] | a->l[3]) == 0; }

/* Plain (non-Montgomery) modular add/sub on canonical values: the
 * Montgomery factor is linear, so the same limb routines apply. */
static void bytes_op(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                     void (*op)(fr_t *, const fr_t *, const fr_t *))
{
    fr_t x, y;
    load_le(x.l, a);
    load_le(y.l, b);
    op(&x, &x, &y);
    store_le(out, x.l);
}

void fr_add_bytes(uint8_t out[32], const uint8_t a[32], const uint8_t b[32])
{
    bytes_op(out, a, b, fri_add);
}

void fr_sub_bytes(uint8_t out[32], const uint8_t a[32], const uint8_t b[32])
{
    bytes_op(out, a, b, fri_sub);
}

void fr_to_hex_be(char out[67], const fr_t *a)
{
    static const char hx[] = "0123456789abcdef";
    uint64_t l[4];
    fr_to_canonical(l, a);
    out[0] = '0';
    out[1] = 'x';
    int p = 2;
    for (int i = 3; i >= 0; i--)
        for (int s = 60; s >= 0; s -= 4)
            out[p++] = hx[(l[i] >> s) & 15];
    out[p] = 0;
}

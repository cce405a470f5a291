/* The BLS12-381 scalar field Fr (r = 0x73eda753...00000001), in Montgomery
 * form with 4 little-endian 64-bit limbs, as blst/blstrs keep it.
 *
 * External form (files, hex, JSON) is the canonical value as 32 bytes
 * little-endian (blstrs to_repr/from_repr); decoding rejects values >= r.
 *
 * The hot operations (add, sub, mul) are static inline in fr_inline.h so the
 * Poseidon kernels can be compiled twice: portable, and with BMI2/ADX
 * (mulx/adcx/adox) selected at run time by cpuid. */
#ifndef SEALER_FR_H
#define SEALER_FR_H
#include <stddef.h>
#include <stdint.h>

#include "field/fr_constants.h"

typedef struct {
    uint64_t l[4];
} fr_t;

extern const uint64_t FR_MODULUS[4]; /* r, canonical limbs */
extern const fr_t FR_ONE;            /* R mod r (Montgomery one) */
extern const fr_t FR_ZERO;
extern const uint64_t FR_R2[4];      /* R^2 mod r */

/* Canonical limbs -> Montgomery, and back. */
void fr_from_canonical(fr_t *out, const uint64_t in[4]);
void fr_to_canonical(uint64_t out[4], const fr_t *in);
/* 32 LE bytes -> Fr. Returns 0, or -1 when the value is >= r. */
int fr_from_bytes(fr_t *out, const uint8_t in[32]);
void fr_to_bytes(uint8_t out[32], const fr_t *in);
void fr_from_u64(fr_t *out, uint64_t v);
/* 1 when the 32 LE bytes encode a value < r. */
int fr_bytes_canonical(const uint8_t in[32]);

void fr_add(fr_t *o, const fr_t *a, const fr_t *b);
void fr_sub(fr_t *o, const fr_t *a, const fr_t *b);
void fr_neg(fr_t *o, const fr_t *a);
void fr_mul(fr_t *o, const fr_t *a, const fr_t *b);
void fr_sqr(fr_t *o, const fr_t *a);
/* Exponent as 4 LE limbs. */
void fr_pow(fr_t *o, const fr_t *a, const uint64_t e[4]);
/* a^(r-2); the inverse of 0 is 0. */
void fr_inv(fr_t *o, const fr_t *a);
int fr_eq(const fr_t *a, const fr_t *b);
int fr_is_zero(const fr_t *a);

/* Byte-level helpers for 32-byte LE field elements (trees, files). */
void fr_add_bytes(uint8_t out[32], const uint8_t a[32], const uint8_t b[32]);
void fr_sub_bytes(uint8_t out[32], const uint8_t a[32], const uint8_t b[32]);

/* Which multiplication back end the run-time dispatch chose:
 * "mulx-adx" or "portable". SEALER_FORCE_PORTABLE_FR=1 forces portable. */
const char *fr_backend(void);
int fr_use_adx(void);
/* Raw back ends, for tests and the bench. */
void fr_mul_portable(fr_t *o, const fr_t *a, const fr_t *b);
void fr_mul_adx(fr_t *o, const fr_t *a, const fr_t *b); /* only if fr_cpu_has_adx() */
int fr_cpu_has_adx(void);

/* Big-endian display "0x..." of the canonical value; out needs 67 bytes. */
void fr_to_hex_be(char out[67], const fr_t *a);

#endif

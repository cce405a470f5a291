/* Optimized Poseidon and Fr multiplication with mulx/adcx/adox; this
 * translation unit is compiled with -mbmi2 -madx and only called when
 * cpuid reports both (fr_use_adx). */
#define FR_INLINE_ADX 1
#define PK_NAME poseidon_perm_adx
#include "hash/poseidon_kernel.h"

void fr_mul_adx(fr_t *o, const fr_t *a, const fr_t *b) { fri_mul(o, a, b); }

/* The BLS12-381 scalar field's constants as 64-bit limbs, little-endian,
 * in one place for the host code (fr.c, fr_inline.h) and the CUDA kernels
 * (gpu_tree.cu): plain macros, so C and CUDA can both build tables from
 * them. Montgomery form uses R = 2^256. */
#ifndef SEALER_FR_CONSTANTS_H
#define SEALER_FR_CONSTANTS_H

/* r = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001 */
#define FR_P0 0xffffffff00000001ULL
#define FR_P1 0x53bda402fffe5bfeULL
#define FR_P2 0x3339d80809a1d805ULL
#define FR_P3 0x73eda753299d7d48ULL
#define FR_MODULUS_LIMBS {FR_P0, FR_P1, FR_P2, FR_P3}

/* -r^-1 mod 2^64, the CIOS reduction factor. */
#define FR_INV 0xfffffffeffffffffULL

/* R mod r: one in Montgomery form. */
#define FR_ONE_LIMBS                                                                         \
    {0x00000001fffffffeULL, 0x5884b7fa00034802ULL, 0x998c4fefecbc4ff5ULL,                    \
     0x1824b159acc5056fULL}

/* R^2 mod r: converts a canonical value into Montgomery form by one multiplication. */
#define FR_R2_LIMBS                                                                          \
    {0xc999e990f3f29c6dULL, 0x2b6cedcb87925c23ULL, 0x05d314967254398fULL,                    \
     0x0748d9d99f59ff11ULL}

#endif

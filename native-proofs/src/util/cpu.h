/* The CPU features the kernels dispatch on, read from cpuid once per
 * process. Each kernel's own selection (and its SEALER_FORCE_PORTABLE_*
 * override) stays with the kernel; this is only what the hardware offers. */
#ifndef SEALER_CPU_H
#define SEALER_CPU_H

typedef struct {
    int sha_ni; /* SHA extensions, with the SSSE3 and SSE4.1 the SHA-NI code also uses */
    int avx2;
    int bmi2;   /* mulx */
    int adx;    /* adcx/adox */
} cpu_features_t;

const cpu_features_t *cpu_features(void);

#endif

/* Shared by the Fr, Poseidon, tree and proof test translation units. */
#ifndef SEALER_POSEIDON_TESTS_H
#define SEALER_POSEIDON_TESTS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int failures, checks;
extern const char *workdir;
void expect_hex(const char *what, const uint8_t *b, size_t n, const char *hex);
void unhex(const char *s, uint8_t *out, size_t n);

#define CHECK(cond, ...)                                         \
    do {                                                         \
        checks++;                                                \
        if (!(cond)) {                                           \
            failures++;                                          \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                        \
            fputc('\n', stderr);                                 \
        }                                                        \
    } while (0)

void t_tree_d_cc(void);
void t_pc2_der_2k(void);
void t_pc2_shapes(void);
void t_c1_challenges(void);
void t_gpu_equal(void);
void t_c1_synthetic(void);
#define PC2_EXTRA_TESTS                                                                 \
    {"tree_d_cc", t_tree_d_cc}, {"pc2_der_2k", t_pc2_der_2k}, {"pc2_shapes", t_pc2_shapes}, \
        {"c1_challenges", t_c1_challenges}, {"gpu_equal", t_gpu_equal}, {"c1_synthetic", t_c1_synthetic},
#endif

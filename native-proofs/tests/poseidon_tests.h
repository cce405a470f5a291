/* Shared by the Fr, Poseidon, tree and proof test translation units. */
#ifndef SEALER_POSEIDON_TESTS_H
#define SEALER_POSEIDON_TESTS_H
#include "test_support.h"

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

#include "sdr/feistel.h"

#include "hash/blake2b.h"
#include "util/cpu.h"

void feistel_setup(feistel_params *p, uint64_t num_elements, const uint64_t keys[4])
{
    /* Smallest power of 4 >= num_elements splits into two equal halves. */
    uint32_t log4 = 1;
    uint64_t pw = 4;
    while (pw < num_elements) {
        pw *= 4;
        log4++;
    }
    p->num_elements = num_elements;
    p->half_bits = log4;
    p->right_mask = (1ULL << log4) - 1;
    p->left_mask = p->right_mask << log4;
    for (int i = 0; i < 4; i++)
        p->keys[i] = keys[i];
}

uint64_t feistel_encode(const feistel_params *p, uint64_t x)
{
    uint64_t l = (x & p->left_mask) >> p->half_bits;
    uint64_t r = x & p->right_mask;
    for (int i = 0; i < 3; i++) {
        uint64_t f = blake2b512_u64pair_be(r, p->keys[i]) & p->right_mask;
        uint64_t nl = r;
        r = l ^ f;
        l = nl;
    }
    return (l << p->half_bits) | r;
}

uint64_t feistel_permute(const feistel_params *p, uint64_t x)
{
    uint64_t u = feistel_encode(p, x);
    while (u >= p->num_elements)
        u = feistel_encode(p, u);
    return u;
}

int feistel_vector_path(void) { return cpu_features()->avx2; }

void feistel_permute8(const feistel_params *p, const uint64_t in[8], uint64_t out[8])
{
    if (feistel_vector_path()) {
        feistel_permute4_avx2(p, in, out);
        feistel_permute4_avx2(p, in + 4, out + 4);
    } else {
        for (int i = 0; i < 8; i++)
            out[i] = feistel_permute(p, in[i]);
    }
}

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hash/poseidon.h"
#include "update/update.h"
#include "util/util.h"

int update_params_for_nodes(update_params *u, uint64_t nodes)
{
    memset(u, 0, sizeof *u);
    if (nodes < (1u << 5) || nodes > (1ULL << 31) || (nodes & (nodes - 1)))
        return -1;
    u->nodes = nodes;
    u->log2n = (unsigned)__builtin_ctzll(nodes);
    u->partitions = nodes <= (1u << 8) ? 1 : nodes <= (1u << 10) ? 2 : nodes <= (1u << 19) ? 4 : 16;
    u->log2p = (unsigned)__builtin_ctz(u->partitions);
    u->challenges = nodes <= (1u << 19) ? 10 : 86;
    /* hs(N) is six 1s up to 2^10 nodes, else 7..12; h is hs[3] and the
     * circuit's selector is 1 << (first index of h in hs). */
    if (nodes <= (1u << 10)) {
        u->h = 1;
        u->h_select = 1;
    } else {
        u->h = 10;
        u->h_select = 1u << 3;
    }
    u->apex_leaves = nodes <= (1u << 8) ? 8 : 128;
    u->log2apex = (unsigned)__builtin_ctz(u->apex_leaves);
    u->apex_height = u->log2n - u->log2p - u->log2apex;
    u->rb = u->log2n - u->log2p;
    u->cpd = 254 / u->rb; /* Fr::CAPACITY bits per digest */
    u->dpp = (u->challenges + u->cpd - 1) / u->cpd;
    return 0;
}

int update_proof_id(uint64_t sector_size, const char **name)
{
    static const struct {
        uint64_t size;
        const char *name;
    } T[] = {{2048ULL, "StackedDrg2KiBV1"},
             {8ULL << 20, "StackedDrg8MiBV1"},
             {512ULL << 20, "StackedDrg512MiBV1"},
             {32ULL << 30, "StackedDrg32GiBV1"},
             {64ULL << 30, "StackedDrg64GiBV1"}};
    for (int i = 0; i < 5; i++)
        if (T[i].size == sector_size) {
            if (name)
                *name = T[i].name;
            return i;
        }
    return -1;
}

uint64_t update_partition_input(const update_params *u, unsigned k)
{
    return (uint64_t)k | (uint64_t)u->h_select << u->log2p;
}

/* The arity-2 constants with neptune's HashType::Custom(Arbitrary(1))
 * tag, id << 40: round constants and matrices depend only on the width. */
static poseidon_params gen_rand;
static pthread_once_t gen_rand_once = PTHREAD_ONCE_INIT;

static void gen_rand_init(void)
{
    gen_rand = *poseidon_params_get(2);
    const uint64_t tag[4] = {1ULL << 40, 0, 0, 0};
    fr_from_canonical(&gen_rand.tag, tag);
}

void update_hr(const fr_t *a, const fr_t *b, fr_t *out)
{
    pthread_once(&gen_rand_once, gen_rand_init);
    fr_t in[2] = {*a, *b};
    poseidon_hash(&gen_rand, in, out);
}

void update_comm_r(const uint8_t comm_c[32], const uint8_t comm_r_last[32], uint8_t out[32])
{
    uint8_t both[64];
    memcpy(both, comm_c, 32);
    memcpy(both + 32, comm_r_last, 32);
    poseidon_hash_bytes(poseidon_params_get(2), both, out);
}

int update_phi(const uint8_t comm_d_new[32], const uint8_t comm_r_old[32], uint8_t phi[32])
{
    fr_t d, r, p;
    if (fr_from_bytes(&d, comm_d_new) != 0 || fr_from_bytes(&r, comm_r_old) != 0)
        return -1;
    update_hr(&d, &r, &p);
    fr_to_bytes(phi, &p);
    return 0;
}

fr_t *update_rhos(const update_params *u, const uint8_t phi[32], int inverse)
{
    size_t n = (size_t)1 << u->h;
    fr_t *r = xmalloc(n * sizeof *r), p;
    if (fr_from_bytes(&p, phi) != 0)
        die("update: phi is not a field element");
    for (size_t i = 0; i < n; i++) {
        fr_t hi;
        fr_from_u64(&hi, i);
        update_hr(&p, &hi, &r[i]);
        if (inverse)
            fr_inv(&r[i], &r[i]);
    }
    return r;
}

void update_challenges(const update_params *u, const uint8_t comm_r_new[32], unsigned k,
                       uint64_t *out)
{
    fr_t cr;
    if (fr_from_bytes(&cr, comm_r_new) != 0)
        die("update: comm_r_new is not a field element");
    uint8_t dig[32];
    uint64_t have = ~0ULL;
    for (unsigned j = 0; j < u->challenges; j++) {
        uint64_t di = (uint64_t)k * u->dpp + j / u->cpd;
        if (di != have) {
            fr_t idx, h;
            fr_from_u64(&idx, di);
            update_hr(&cr, &idx, &h);
            fr_to_bytes(dig, &h);
            have = di;
        }
        unsigned off = (j % u->cpd) * u->rb;
        uint64_t c = 0;
        for (unsigned b = 0; b < u->rb; b++) {
            unsigned bit = off + b;
            c |= (uint64_t)((dig[bit >> 3] >> (bit & 7)) & 1) << b;
        }
        out[j] = c | ((uint64_t)k << u->rb);
    }
}

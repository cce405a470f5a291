/* Fixed vectors for the empty sector update (reference/snapdeals.md 10.1,
 * 10.2): the gen-randomness Poseidon, phi, rho, the partition challenges
 * (upstream test_challenges_against_hardcoded) and their bucketing.
 *   sealer_update_tests <group> */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_support.h"
#include "update/update.h"
#include "util/util.h"

/* rand_xorshift 0.3 XorShiftRng, seeded from 16 bytes. */
typedef struct {
    uint32_t x, y, z, w;
} xorshift;

static uint32_t xs_next32(xorshift *r)
{
    uint32_t t = r->x ^ (r->x << 11);
    r->x = r->y;
    r->y = r->z;
    r->z = r->w;
    r->w = r->w ^ (r->w >> 19) ^ (t ^ (t >> 8));
    return r->w;
}

static uint64_t xs_next64(xorshift *r)
{
    uint64_t lo = xs_next32(r), hi = xs_next32(r);
    return lo | (hi << 32);
}

/* blstrs Scalar::random: four u64 limbs, bit 255 cleared, retry while >= r. */
static void random_scalar(xorshift *r, uint8_t out[32])
{
    for (;;) {
        uint64_t l[4];
        for (int i = 0; i < 4; i++)
            l[i] = xs_next64(r);
        l[3] &= ~(1ULL << 63);
        for (int i = 0; i < 32; i++)
            out[i] = (uint8_t)(l[i / 8] >> (8 * (i % 8)));
        if (fr_bytes_canonical(out))
            return;
    }
}

static void test_comm_r_new(uint8_t comm_r_new[32])
{
    static const uint8_t seed[16] = {0x59, 0x62, 0xbe, 0x5d, 0x76, 0x3d, 0x31, 0x8d,
                                     0x17, 0xdb, 0x37, 0x32, 0x54, 0x06, 0xbc, 0xe5};
    xorshift r;
    r.x = seed[0] | seed[1] << 8 | seed[2] << 16 | (uint32_t)seed[3] << 24;
    r.y = seed[4] | seed[5] << 8 | seed[6] << 16 | (uint32_t)seed[7] << 24;
    r.z = seed[8] | seed[9] << 8 | seed[10] << 16 | (uint32_t)seed[11] << 24;
    r.w = seed[12] | seed[13] << 8 | seed[14] << 16 | (uint32_t)seed[15] << 24;
    random_scalar(&r, comm_r_new);
}

static void t_challenges(void)
{
    uint8_t crn[32];
    test_comm_r_new(crn);
    expect_hex("TEST_SEED comm_r_new", crn, 32, "101cbe4b9c42604f04c703c396f788c6cb2d6d7d58f45430b12eb2edd640076c");
    static const struct {
        unsigned log2n, k;
        uint64_t c[5];
    } V[] = {
        {5, 0, {21, 7, 3, 31, 0}},
        {6, 0, {53, 51, 56, 3, 0}},
        {7, 0, {117, 25, 62, 0, 72}},
        {8, 0, {245, 140, 15, 128, 28}},
        {9, 0, {245, 140, 15, 128, 28}},
        {9, 1, {286, 308, 493, 510, 508}},
        {10, 0, {245, 454, 3, 400, 193}},
        {10, 1, {542, 666, 955, 927, 911}},
        {18, 0, {36085, 32783, 44060, 10950, 3731}},
        {18, 1, {78878, 130797, 112892, 93994, 78379}},
        {19, 0, {101621, 16391, 109319, 25944, 41193}},
        {19, 1, {209950, 163702, 175679, 224741, 197410}},
        {24, 0, {1019125, 116736, 706220, 59698, 799498}},
        {24, 1, {2092548, 1213276, 1185483, 1164598, 1095197}},
        {24, 14, {15212432, 15665918, 15015423, 15012912, 15495223}},
        {24, 15, {16388544, 15794686, 16637142, 16319148, 16328348}},
        {30, 0, {1019125, 27985696, 15282860, 11586600, 44651330}},
        {30, 1, {109168525, 127316247, 80331041, 97065716, 72310052}},
        {30, 14, {990420169, 955146989, 968005601, 976863263, 944650706}},
        {30, 15, {1038629497, 1053983614, 1030421316, 1027373887, 1068685433}},
        {31, 0, {1019125, 13992848, 3820715, 18225541, 57316660}},
        {31, 1, {243386253, 197875851, 204632136, 171516766, 247789010}},
        {31, 14, {1997053129, 1920414070, 2003609080, 1900492803, 1963254685}},
        {31, 15, {2045262457, 2036941247, 2136653521, 2091356007, 2147167623}},
    };
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        update_params u;
        CHECK(update_params_for_nodes(&u, 1ULL << V[i].log2n) == 0, "params 2^%u", V[i].log2n);
        uint64_t c[86];
        update_challenges(&u, crn, V[i].k, c);
        for (int j = 0; j < 5; j++)
            CHECK(c[j] == V[i].c[j], "N=2^%u k=%u challenge %d: got %llu want %llu", V[i].log2n,
                  V[i].k, j, (unsigned long long)c[j], (unsigned long long)V[i].c[j]);
    }
    /* 32 GiB, comm_r_new = 06^32, k = 0 (spec 10.2) */
    uint8_t six[32];
    memset(six, 6, 32);
    update_params u;
    update_params_for_nodes(&u, 1ULL << 30);
    uint64_t c[86];
    update_challenges(&u, six, 0, c);
    const uint64_t w[8] = {58483449, 48417828, 31571916, 35108916,
                           32607259, 18375415, 62473944, 58263468};
    for (int j = 0; j < 8; j++)
        CHECK(c[j] == w[j], "32GiB 06^32 challenge %d: got %llu want %llu", j,
              (unsigned long long)c[j], (unsigned long long)w[j]);
}

/* test_challenge_bucketing: partition k's challenges lie in its slice. */
static void t_bucketing(void)
{
    uint8_t crn[32];
    test_comm_r_new(crn);
    for (unsigned lg = 5; lg <= 31; lg++) {
        update_params u;
        update_params_for_nodes(&u, 1ULL << lg);
        uint64_t slice = (1ULL << lg) / u.partitions, c[86];
        for (unsigned k = 0; k < u.partitions; k++) {
            update_challenges(&u, crn, k, c);
            for (unsigned j = 0; j < u.challenges; j++)
                CHECK(c[j] >= k * slice && c[j] < (k + 1) * slice,
                      "N=2^%u k=%u challenge %u = %llu outside its partition", lg, k, j,
                      (unsigned long long)c[j]);
        }
    }
}

static void t_constants(void)
{
    static const struct {
        uint64_t size;
        unsigned partitions, challenges, h, h_select, apex, apex_height, dpp;
    } S[] = {{2048, 1, 10, 1, 1, 8, 3, 1},
             {8ULL << 20, 4, 10, 10, 8, 128, 9, 1},
             {512ULL << 20, 16, 86, 10, 8, 128, 13, 8},
             {32ULL << 30, 16, 86, 10, 8, 128, 19, 10},
             {64ULL << 30, 16, 86, 10, 8, 128, 20, 10}};
    for (int i = 0; i < 5; i++) {
        update_params u;
        update_params_for_nodes(&u, S[i].size / 32);
        CHECK(u.partitions == S[i].partitions && u.challenges == S[i].challenges &&
                  u.h == S[i].h && u.h_select == S[i].h_select && u.apex_leaves == S[i].apex &&
                  u.apex_height == S[i].apex_height && u.dpp == S[i].dpp,
              "constants for %llu bytes", (unsigned long long)S[i].size);
        const char *name;
        CHECK(update_proof_id(S[i].size, &name) == i, "update proof id for %llu",
              (unsigned long long)S[i].size);
    }
    CHECK(update_proof_id(4096, NULL) == -1, "4KiB is not an update size");
    /* circuit public input 0 (spec 7, 10.2): 1 at 2KiB, k + 32 at 8MiB, k + 128 above */
    update_params u;
    update_params_for_nodes(&u, 64);
    CHECK(update_partition_input(&u, 0) == 1, "2KiB k=0 input");
    update_params_for_nodes(&u, 1ULL << 18);
    CHECK(update_partition_input(&u, 3) == 35, "8MiB k=3 input");
    update_params_for_nodes(&u, 1ULL << 24);
    CHECK(update_partition_input(&u, 15) == 143, "512MiB k=15 input");
    update_params_for_nodes(&u, 1ULL << 30);
    CHECK(update_partition_input(&u, 1) == 0x81, "32GiB k=1 input");
}

static void t_phi_rho(void)
{
    uint8_t d[32], r[32], phi[32];
    memset(d, 7, 32);
    memset(r, 5, 32);
    CHECK(update_phi(d, r, phi) == 0, "phi of 07^32, 05^32");
    expect_hex("phi", phi, 32, "9fae8f747fe4d16e669770fce21587dcc6721859b1c07e3bffe67a1d4923fa4b");
    update_params u;
    update_params_for_nodes(&u, 1ULL << 18);
    fr_t *rho = update_rhos(&u, phi, 0), *inv = update_rhos(&u, phi, 1);
    uint8_t b[32];
    fr_to_bytes(b, &rho[0]);
    expect_hex("rho(0)", b, 32, "9c66022cce1b36193d2b29a058a520dc1503dd4e5032821098cba95c81ac2d36");
    fr_to_bytes(b, &rho[1023]);
    expect_hex("rho(1023)", b, 32, "7c0f8aaecb44912fb30c3a95150dce60d11c8ced0dc695ff900dfa70b5d1302a");
    for (int i = 0; i < 1024; i += 97) {
        fr_t one;
        fr_mul(&one, &rho[i], &inv[i]);
        CHECK(fr_eq(&one, &FR_ONE), "rho(%d) * rho(%d)^-1 == 1", i, i);
    }
    free(rho);
    free(inv);
    /* spec 10.3: phi of the 2KiB end-to-end vector */
    uint8_t cd[32], cro[32];
    hex_decode("b995ec48c5686b4ac90a196cbe6a7e60aa41b4677e15bed1b1140ef55494df2b", cd, 32);
    hex_decode("fc1c94b29dfa9bb9e417fcb1d8779ab56d64c3427e8dde56c2743bc411929d0d", cro, 32);
    update_phi(cd, cro, phi);
    expect_hex("2KiB e2e phi", phi, 32, "7a5a45fa257ea25f19726cab9796cafad3ba5670cce0a77bb60dfe0af92bc12c");
    /* comm_r_old = H2(comm_c, comm_r_last_old) */
    uint8_t cc[32], crl[32], out[32];
    hex_decode("35499658f2176c2de891d7f6b2fea519deebf28c6b9b2102d1ae16196ab41a48", cc, 32);
    hex_decode("6b30e2a1274e5d9c6e38707329c09e0d29fc5ddef4b5c4b4b4d7de3ec02fa260", crl, 32);
    update_comm_r(cc, crl, out);
    expect_hex("2KiB e2e comm_r_old", out, 32, "fc1c94b29dfa9bb9e417fcb1d8779ab56d64c3427e8dde56c2743bc411929d0d");
    hex_decode("a6b7d078badc10f3769a042d39e062365748160c9abc30f82ea7ba377485f36f", crl, 32);
    update_comm_r(cc, crl, out);
    expect_hex("2KiB e2e comm_r_new", out, 32, "7a5d6693c4b1fdc9d1a96921033779f3137600f60ac659ceac63f88c563e6b31");
    /* its challenges, k = 0 */
    update_params_for_nodes(&u, 64);
    uint64_t c[10];
    update_challenges(&u, out, 0, c);
    const uint64_t w[10] = {16, 39, 59, 51, 49, 35, 37, 2, 48, 18};
    for (int j = 0; j < 10; j++)
        CHECK(c[j] == w[j], "2KiB e2e challenge %d: got %llu want %llu", j,
              (unsigned long long)c[j], (unsigned long long)w[j]);
}

/* ---- compound trees (the 32/64 GiB shapes) at a small size ------------- */

static char *wpath(const char *name)
{
    char *p = xmalloc(strlen(workdir) + strlen(name) + 2);
    sprintf(p, "%s/%s", workdir, name);
    return p;
}

static void write_file(const char *name, const uint8_t *b, size_t n)
{
    char *p = wpath(name);
    FILE *f = fopen(p, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", p);
        exit(3);
    }
    free(p);
}

static uint8_t *read_file(const char *name, size_t *n)
{
    char *p = wpath(name);
    FILE *f = fopen(p, "rb");
    if (!f) {
        fprintf(stderr, "cannot read %s\n", p);
        exit(3);
    }
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = xmalloc(*n + 1);
    if (fread(b, 1, *n, f) != *n)
        exit(3);
    fclose(f);
    free(p);
    return b;
}

static void random_field_bytes(uint8_t *b, size_t nodes, uint32_t seed)
{
    xorshift r = {seed, 362436069, 521288629, 88675123};
    for (size_t i = 0; i < nodes * 32; i += 4) {
        uint32_t v = xs_next32(&r);
        memcpy(b + i, &v, 4);
    }
    for (size_t i = 31; i < nodes * 32; i += 32)
        b[i] &= 0x3f;
}

/* The 32 GiB (8 base trees under one arity-8 node) or 64 GiB (two such
 * groups under an arity-2 node) layout, with base trees of 8^4 leaves so
 * rows are both rebuilt (rows_to_discard = 2) and read from the cache. */
static void compound_shape(tree_shape *s, unsigned base_count)
{
    memset(s, 0, sizeof *s);
    s->base_count = base_count;
    s->sub_arity = 8;
    s->top_arity = base_count == 16 ? 2 : 0;
    s->base_leaves = 4096;
    s->nodes = s->base_leaves * base_count;
    s->sector_size = s->nodes * 32;
    s->layers = 11;
    s->height = 4;
    s->rtd = rows_to_discard_for(s->base_leaves);
    uint64_t off = 0, coff = 0;
    for (unsigned l = 0; l <= s->height; l++) {
        s->level_off[l] = off;
        off += s->base_leaves >> (3 * l);
        s->cached_off[l] = coff;
        if (l > s->rtd)
            coff += s->base_leaves >> (3 * l);
    }
    s->base_len = off;
    s->cached_len = coff;
}

static void compound_case(unsigned base_count)
{
    ensure_writable_dir(workdir, "test work directory");
    tree_shape s;
    compound_shape(&s, base_count);
    CHECK(s.rtd == 2, "rows_to_discard of 8^4 leaves is 2");
    size_t N = s.nodes, n;
    uint8_t *key = xmalloc(N * 32), *data = xmalloc(N * 32), *zero = xcalloc(N, 32);
    random_field_bytes(key, N, 11 + base_count);
    random_field_bytes(data, N, 77 + base_count);
    write_file("key", key, N * 32);
    write_file("data", data, N * 32);
    write_file("zero", zero, N * 32);
    char *ca = wpath("cacheA"), *cb = wpath("cacheB"), *cc = wpath("cacheC"), *ce = wpath("cacheE");
    mkdir(ca, 0755);
    uint8_t paux[64] = {0};
    random_field_bytes(paux, 1, 5);
    char *pa = wpath("cacheA/p_aux");
    FILE *f = fopen(pa, "wb");
    fwrite(paux, 1, 64, f);
    fclose(f);
    char *k = wpath("key"), *d = wpath("data"), *z = wpath("zero"), *k2 = wpath("key2"),
         *u = wpath("update"), *dec = wpath("decoded"), *k3 = wpath("key3");
    /* zero data: the replica stays the key; cacheB gets the key's real tree */
    update_job j;
    memset(&j, 0, sizeof j);
    j.mode = UPD_ENCODE, j.sector_size = s.sector_size, j.threads = 2, j.shape_override = &s;
    j.key = k, j.key_cache = ca, j.data = z, j.out = k2, j.out_cache = cb;
    update_run(&j);
    uint8_t *b = read_file("key2", &n);
    CHECK(n == N * 32 && memcmp(b, key, n) == 0, "%u bases: zero data leaves the key as it was",
          base_count);
    free(b);
    uint8_t comm_r_old[32];
    memcpy(comm_r_old, j.comm_r, 32);
    /* the update */
    memset(&j, 0, sizeof j);
    j.mode = UPD_ENCODE, j.sector_size = s.sector_size, j.threads = 2, j.shape_override = &s;
    j.key = k, j.key_cache = cb, j.data = d, j.out = u, j.out_cache = cc;
    update_run(&j);
    uint8_t comm_r_new[32], comm_d_new[32];
    memcpy(comm_r_new, j.comm_r, 32);
    memcpy(comm_d_new, j.comm_d_new, 32);
    char fn[64];
    for (unsigned i = 0; i < base_count; i++) {
        snprintf(fn, sizeof fn, "cacheC/sc-02-data-tree-r-last-%u.dat", i);
        b = read_file(fn, &n);
        CHECK(n == s.cached_len * 32, "%s holds the kept rows", fn);
        free(b);
    }
    /* decode and regen */
    memset(&j, 0, sizeof j);
    j.mode = UPD_DECODE, j.sector_size = s.sector_size, j.threads = 2, j.shape_override = &s;
    j.replica = u, j.key = k, j.key_cache = cb, j.has_comm_d = 1, j.out = dec;
    memcpy(j.comm_d_new, comm_d_new, 32);
    update_run(&j);
    b = read_file("decoded", &n);
    CHECK(n == N * 32 && memcmp(b, data, n) == 0, "%u bases: decode gives the data", base_count);
    free(b);
    memset(&j, 0, sizeof j);
    j.mode = UPD_REGEN, j.sector_size = s.sector_size, j.threads = 2, j.shape_override = &s;
    j.replica = u, j.replica_cache = cc, j.data = d, j.out = k3, j.out_cache = ce;
    j.has_comm_d = j.has_comm_r_old = 1;
    memcpy(j.comm_d_new, comm_d_new, 32);
    memcpy(j.comm_r_old, comm_r_old, 32);
    update_run(&j);
    b = read_file("key3", &n);
    CHECK(n == N * 32 && memcmp(b, key, n) == 0, "%u bases: regen gives the key", base_count);
    free(b);
    /* vanilla proofs and the verifier */
    update_prove_job pj;
    memset(&pj, 0, sizeof pj);
    pj.sector_size = s.sector_size, pj.threads = 2, pj.shape_override = &s;
    pj.key = k, pj.key_cache = cb, pj.replica = u, pj.replica_cache = cc;
    update_prove(&pj);
    CHECK(memcmp(pj.comm_r_old, comm_r_old, 32) == 0 && memcmp(pj.comm_r_new, comm_r_new, 32) == 0,
          "prover's public inputs");
    const update_params *up = &pj.u;
    /* bincode size: Sub/Top tree-r proofs (spec 6.3 layout) */
    size_t rproof = 4 + (8 + s.height * (8 + 7 * 32 + 8)) + (8 + 8 + 7 * 32 + 8) + 64 +
                    (s.top_arity ? 8 + 8 + 32 + 8 : 0);
    size_t dproof = 4 + 64 + 8 + up->log2n * (8 + 32 + 8);
    size_t want = 32 + 8 + up->apex_leaves * 32 + 8 + up->challenges * (2 * rproof + dproof);
    for (unsigned p = 0; p < up->partitions; p++)
        CHECK(pj.lens[p] == want, "partition %u: %zu bytes, want %zu", p, pj.lens[p], want);
    update_verdict v;
    update_verify_shape(up, &s, (const uint8_t *const *)pj.proofs, pj.lens, up->partitions,
                        comm_r_old, comm_d_new, comm_r_new, &v);
    CHECK(v.valid && v.partitions_checked == up->partitions, "%u bases: proofs verify (%u problems%s%s)",
          base_count, v.nproblems, v.nproblems ? ": " : "", v.nproblems ? v.problems[0].message : "");
    free(v.problems);
    /* the sub (and top) element of challenge 0's proof_r_old */
    size_t sub_sib = 32 + 8 + up->apex_leaves * 32 + 8 + 4 + 8 + s.height * (8 + 224 + 8) + 8 + 8;
    pj.proofs[1][sub_sib + 3] ^= 1;
    update_verify_shape(up, &s, (const uint8_t *const *)pj.proofs, pj.lens, up->partitions,
                        comm_r_old, comm_d_new, comm_r_new, &v);
    CHECK(!v.valid && v.nproblems >= 1 && v.problems[0].partition == 1 &&
              v.problems[0].challenge == 0 && strcmp(v.problems[0].check, "proof_r_old") == 0,
          "%u bases: a flipped sub-tree sibling fails proof_r_old of partition 1 challenge 0",
          base_count);
    free(v.problems);
    pj.proofs[1][sub_sib + 3] ^= 1;
    if (s.top_arity) {
        size_t top_sib = sub_sib + 7 * 32 + 8 + 8 + 8;
        pj.proofs[2][top_sib] ^= 1;
        update_verify_shape(up, &s, (const uint8_t *const *)pj.proofs, pj.lens, up->partitions,
                            comm_r_old, comm_d_new, comm_r_new, &v);
        CHECK(!v.valid && v.nproblems >= 1 && v.problems[0].partition == 2 && v.problems[0].challenge == 0 &&
                  strcmp(v.problems[0].check, "proof_r_old") == 0,
              "a flipped top-tree sibling fails proof_r_old of partition 2 challenge 0");
        free(v.problems);
    }
    for (unsigned p = 0; p < up->partitions; p++)
        free(pj.proofs[p]);
    free(pj.proofs);
    free(pj.lens);
    free(pj.challenges);
    fprintf(stderr, "compound %u bases: %zu nodes, %u partitions of %zu bytes\n", base_count, N,
            up->partitions, want);
    free(key), free(data), free(zero), free(ca), free(cb), free(cc), free(ce), free(pa);
    free(k), free(d), free(z), free(k2), free(u), free(dec), free(k3);
}

static void t_compound(void)
{
    compound_case(8);
    compound_case(16);
}

static const struct {
    const char *name;
    void (*fn)(void);
} TESTS[] = {{"constants", t_constants},
             {"challenges", t_challenges},
             {"bucketing", t_bucketing},
             {"phi_rho", t_phi_rho},
             {"compound", t_compound}};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sealer_update_tests <group> [work-dir]\n");
        return 2;
    }
    if (argc > 2) {
        workdir = argv[2];
        mkdir(workdir, 0755);
    }
    for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++)
        if (strcmp(TESTS[i].name, argv[1]) == 0) {
            TESTS[i].fn();
            fprintf(stderr, "%s: %d checks, %d failures\n", argv[1], checks, failures);
            return failures ? 1 : 0;
        }
    fprintf(stderr, "unknown group %s\n", argv[1]);
    return 2;
}

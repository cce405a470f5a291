/* PC2 / C1 vector tests: CC tree-d levels, the 2 KiB end-to-end [DER]
 * vectors of spec 6.7, shapes and file sizes of every sector size, the
 * challenge and public-input derivations of spec 6.8, and CPU == GPU. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/fr.h"
#include "gpu/gpu.h"
#include "hash/blake2b.h"
#include "hash/poseidon.h"
#include "hash/sha256.h"
#include "porep/c1.h"
#include "porep/pc2.h"
#include "porep/proofs.h"
#include "porep/synth.h"
#include "sdr/graph.h"
#include "sdr/labels.h"
#include "sdr/parent_cache.h"
#include "trees/poseidon_tree.h"
#include "trees/treed.h"
#include "util/util.h"

#include "poseidon_tests.h"

static void write_file(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(3);
    }
}

static uint8_t *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long l = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *b = xmalloc((size_t)l + 1);
    if (fread(b, 1, (size_t)l, f) != (size_t)l) {
        fclose(f);
        free(b);
        return NULL;
    }
    fclose(f);
    *n = (size_t)l;
    return b;
}

/* ---- CC tree-d (spec 6.4) ----------------------------------------------- */

void t_tree_d_cc(void)
{
    static const struct { unsigned lg; const char *hex; } V[] = {
        {6, "fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833"},
        {18, "65f29e5d98d246c38b388cfc06db1f6b021303c5a289000bdce832a9c3ec421c"},
        {24, "39560e7b13a93b07a243fd2720ffa7cb3e1d2e505ab3629e79f46313512cda06"},
        {30, "077e5fde35c50a9303a55009e3498a4ebedff39c42b710b730d8ec7ac7afa63e"},
        {31, "e64005a6bfe3777953b8ad6ef93f0fca1049b2041654f2a411f7702799cece02"},
    };
    uint8_t z[32][32];
    memset(z[0], 0, 32);
    for (int k = 1; k < 32; k++)
        sha256_node(z[k - 1], z[k - 1], z[k]);
    expect_hex("CC level 1", z[1], 32, "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb0b");
    for (size_t i = 0; i < sizeof V / sizeof V[0]; i++) {
        char what[32];
        snprintf(what, sizeof what, "CC comm_d 2^%u nodes", V[i].lg);
        expect_hex(what, z[V[i].lg], 32, V[i].hex);
    }
    /* the tree-d file of a CC 2 KiB sector: every level constant */
    char *dir = path_join(workdir, "cc");
    mkdir(dir, 0755);
    char *u = path_join(dir, "unsealed"), *t = path_join(dir, "tree-d");
    uint8_t zero[2048] = {0};
    write_file(u, zero, sizeof zero);
    int fd = open(u, O_RDONLY);
    uint8_t root[32];
    treed_build(fd, u, 2048, t, root);
    close(fd);
    size_t n;
    uint8_t *b = read_file(t, &n);
    CHECK(b && n == 4064, "2 KiB tree-d file is %zu bytes, want 4064", n);
    uint64_t off = 0;
    for (unsigned l = 0; l <= 6 && b; l++) {
        for (uint64_t i = 0; i < (64u >> l); i++)
            CHECK(memcmp(b + (off + i) * 32, z[l], 32) == 0, "tree-d level %u node %llu", l,
                  (unsigned long long)i);
        off += 64u >> l;
    }
    free(b);
    free(u);
    free(t);
    free(dir);
}

/* ---- 2 KiB end to end (spec 6.7, [DER]) ---------------------------------- */

typedef struct {
    char *dir;
} keep_ctx;

static void keep_layer(void *ctx, size_t sector, unsigned layer, const layer_view *lv)
{
    keep_ctx *k = ctx;
    char name[64];
    snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", layer);
    char *p = path_join(k->dir, name);
    uint8_t *labels = xmalloc(lv->nodes * 32);
    layer_view_copy(lv, 0, lv->nodes, labels);
    write_file(p, labels, lv->nodes * 32);
    free(labels);
    free(p);
}

/* Builds the cache of a 2 KiB sector from data with prover 0x09.., sector 1,
 * ticket 0x01.. (the spec's common inputs). Returns the replica_id. */
static void seal_2k(const char *dir, const uint8_t *data, uint8_t comm_d[32], uint8_t rid[32],
                    pc2_job *j)
{
    mkdir(dir, 0755);
    char *u = path_join(dir, "unsealed"), *td = path_join(dir, "sc-02-data-tree-d.dat");
    write_file(u, data, 2048);
    int fd = open(u, O_RDONLY);
    treed_build(fd, u, 2048, td, comm_d);
    close(fd);
    uint8_t prover[32], ticket[32], porep[32];
    memset(prover, 9, 32);
    memset(ticket, 1, 32);
    porep_id_of(5, porep);
    replica_id_of(prover, 1, ticket, comm_d, porep, rid);
    sdr_graph g;
    graph_init(&g, 64, porep, API_1_1);
    uint32_t *par = xmalloc_aligned(64 * DEGREE * 4);
    parents_fill(&g, par, 1);
    keep_ctx k = {(char *)dir};
    labels_job lj = {0};
    lj.nodes = 64;
    lj.layers = 2;
    lj.parents = par;
    lj.nsectors = 1;
    lj.replica_ids = (const uint8_t(*)[32])rid;
    lj.threads = 1;
    lj.on_layer = keep_layer;
    lj.ctx = &k;
    labels_run(&lj);
    free(par);
    memset(j, 0, sizeof *j);
    j->proof = seal_proof_by_id(5);
    j->cache = dir;
    j->unsealed = u;
    j->sealed = path_join(dir, "sealed");
    j->threads = 2;
    j->engine = ENGINE_CPU;
    pc2_validate(j);
    pc2_run(j);
    free(td);
}

static void node_of(const char *dir, const char *file, uint64_t node, uint8_t out[32])
{
    char *p = path_join(dir, file);
    size_t n;
    uint8_t *b = read_file(p, &n);
    CHECK(b && n >= (node + 1) * 32, "%s too short", p);
    if (b && n >= (node + 1) * 32)
        memcpy(out, b + node * 32, 32);
    free(b);
    free(p);
}

static void file_sha(const char *dir, const char *file, const char *want, size_t want_len)
{
    char *p = path_join(dir, file);
    size_t n = 0;
    uint8_t *b = read_file(p, &n);
    CHECK(b && n == want_len, "%s: %zu bytes, want %zu", file, n, want_len);
    if (b) {
        uint8_t d[32];
        sha256(b, n, d);
        char what[96];
        snprintf(what, sizeof what, "sha256(%s)", file);
        expect_hex(what, d, 32, want);
    }
    free(b);
    free(p);
}

typedef struct {
    const char *comm_d, *rid, *l1n0, *l1n1, *l2n63, *col0, *col63, *comm_c, *rep0, *rep63, *comm_r_last,
        *comm_r, *tree_c_sha, *sealed_sha;
    uint64_t ch[2];
    uint32_t par[2][14];
    const char *tc1[8], *tr1[8];
} der_case;

static const der_case CASES[2] = {
    {"fc7e928296e516faade986b28f92d44a4f24b935485223376a799027bc18f833",
     "dfdff75a1d43ba3dc269b7bd20f7c0ef77b85a3248bdcda83f691f02ddf1513f",
     "5419d84688e30353fab69357c1bec215e1d7e598c6cab09ab2dfc0678c0b6033",
     "48a9a3eee18b8dca1d671b60b9c4862f72dba1c03eddfa6f00cb6d267e3ea324",
     "85160f26997314c9aa150cb3c3e5b6654fc71d73a3cc0aeb9eea47296e81173a",
     "098e029ce868efe0b4fb1b353dfdab5b80e024b35f12f1707c46cd1e3692c65f",
     "39efbcbb822ae4c6b1f28f4f5900cff44dc043ec647cff53ad3b6e84dcddf457",
     "d396981e72f2898b4a91e9f4b1b1f0d38866ef5e546c204d03cc45f241a1031f",
     "6786c9cfd9f2cc9e41fd7424f7a34cdd71a390651fc6eb0378ae97d7f2176b13",
     "85160f26997314c9aa150cb3c3e5b6654fc71d73a3cc0aeb9eea47296e81173a",
     "b82fdd9bd644e3d4fe12b86e2f3680dc11fb8695e6a21e282f7f8f1f7d93e766",
     "c564ffec29dd6fd6fc3d00b1c318242cdb868e8cdfacf4ad4abd1b7bbb7bf02a",
     "f12e91494b5ec41f2cbccae66737f5b2619d21de22e0afc5cb6de9450517ee28",
     "093f1f9a610d3bad3a77f171fcd412801cce6964ced47711957ac299291512a3",
     {18, 28},
     {{17, 16, 17, 17, 16, 0, 53, 41, 53, 47, 32, 31, 4, 38}, {27, 17, 7, 1, 27, 27, 27, 9, 10, 16, 28, 52, 46, 54}},
     {"4f0afa4060d823bb35b883b3c675bc3411723e6cea4fc004b5835f7520d9fc4e",
      "3f628b0573f2943145a8b99c5797a9d64db6fc911383d18bf4dc9c7e0f911c55",
      "17a3eea2f20b5f68512a6ee5c3acfee4ac57a90af4a903dcd89345fd5d78fa4b",
      "50118ce6e25bd6bc402f17e292246a6df8d8416ab4c9539651bd9c31dd4cd01d",
      "65a2ee301e6a85e1815b4397b89e1b48ee8a5364634e82f946e31f1d2067d945",
      "7f15775531853d8706532f31bda86cd4208f8d6d56abc89ae8713147ee39d825",
      "6301ae4204ed791f3c4de094c249b53cf461f43a9bd5b3932d2890ff18fa9e5b",
      "a4010812e120d41737dab21e63d57b682ddfe41bd6158043fa0f78673a762f4a"},
     {"4aa1ccba2bef850ae55b4a76449eddc56d9d936e45d613365b6a81c8ff1e761a",
      "f8e6234a0a5a907b0ca41c08f77cb81c80d60866fc90e9edfb766e00ed236f31",
      "a065fd8b1afca996bd388e8eb65c161b63e16ad2ebcd5e45cc4cbfdc05259560",
      "4fbde9a7ea4d3d720af4ade8e5947210d73b119627033a2dc5ffdbe51c04d402",
      "fb29b7ae1c0d8d404e4fbe71234046ab68e17ef83f511a8ac4ac5675c06d141a",
      "6f938497db7e1eefe2355a8490e5134f8c39aa6f6005bfee96729d1a481b7b54",
      "9dd29c90e259c72fee65e844c0056c9e0d29b6cc7b1c24eedd850807ae7fa54d",
      "ebf266a1d53d1ce0ca830d350d29bb628285650c2b7c1ac657eb4def86488d42"}},
    {"12e9c11917a75e2a9a167908bddfcde972ce6066163156303cfeb7eaaa897417",
     "89a4b6a7de5e24136de0a2330cdb24cfbca32f21378a3978caa52fd2e8e33308",
     "a3981fb1508e32c958407479d103eb27f02c980bc344e410979e33cab6890f36",
     "5b9c30b67b7fe31d667de25226de6c0d811220e0f90a87683aa9e167d139c720",
     "29476f5b857e3ec0ed0292c562cb2418b76ffb838235b3c16abdff5aab00cb3c",
     "79ac82b91cf1fb409bd2e96acdb759a2dabee21e12d39183168faae14360f42b",
     "7f163aed5eaa7b01439f471117d91c637ae8d06d8b7cdb9f75797c885dec6c57",
     "c76fc1bdd0cb763c6f45041d33dafcc1db43f5a680ce5059183f0fcaf3ca0953",
     "66ec37fb47f6b4f9446bbfe93b3987d84ff3e45dd6b45b6e9b3943327464ec6f",
     "ab971aafb3be100b55c3211e4399428e85663688d7ce611f34e593cd75db0d5a",
     "b12ec270a26adacf308dfa59321991b765a8c144b873b4627ce2a62b04f4022c",
     "e35c2b5274a92236b873c7d008731fd27e1c6bc30039d742832084656677c24a",
     "a1f731f1c3fce004ddbc0d8623e353ea46c81fbcd13d6c6eedf2ce9be6636a9d",
     "7d49e70d0ad9d4ae58bd09bacbeabd9fc46ad1a001d350f187a563d4ebab4282",
     {13, 26},
     {{12, 0, 5, 12, 12, 7, 26, 1, 48, 57, 63, 49, 42, 36}, {25, 25, 25, 25, 17, 25, 52, 9, 39, 53, 2, 45, 55, 45}},
     {"5de0aa2d73d1f9641f6f1b06d29c58b1ce20160af2a523991a19d2704d2a2b1b",
      "d2f16c3feddbbe4124689e8b1c4e4a249a1c6a9a8b4386d5c471f01d3d9e204f",
      "32989bca823f393b5cc192a7d70e47dcc981669330c6ad0e00bf1b726ce67200",
      "b95a33046457553c70526c84551a9052eb4bad675f7ef6a17c47be482895855e",
      "1699fb61a03f2aaef1221ec104b742b5213a04c7f5a1db9442d4b0b418fba766",
      "fcf1e85bad5911bad03cbebddd7ee6a9d853b7ab66612a8f2af6d533921e996c",
      "5a7d0d86b108a0c7200a304cc646e623e864e911c411342011d2c6a66a746a1d",
      "39349b79e02f41532c37c3339c7914148d0873112265b9fa52562d6f30743a3c"},
     {"1db7e92b1c208ce61221af610117a474f543167d709586607bbdde9663695018",
      "a3992b79b64cb942c48910934ea3e0fd8e7514dc008580d02061764546d0953d",
      "57f0dec3646a32d73a293b4e41c075436281c0199eee61313847f05a81692e18",
      "e47f658d49e8ca08a846653bbbcae9972f662605dc8347217395650f023c4a36",
      "86c7f07abcb57af98ce4906f34bb4661cf3408724509179b8dfedb976d7bf622",
      "7e80e834afa2198dec902097620649bd77e83f39d75e143ea12f6e07bb2d7105",
      "941f792e27803f5deb6d3a7b2653d2bad8182774e05d8d1b31ae7c6f6f89146f",
      "3833a15daa7300b311ca0fed4d704589413bbcfd4dcf41f0431da691ad2ee602"}},
};

void t_pc2_der_2k(void)
{
    for (int cs = 0; cs < 2; cs++) {
        const der_case *v = &CASES[cs];
        uint8_t data[2048];
        memset(data, 0, sizeof data);
        if (cs == 1)
            for (uint64_t i = 0; i < 64; i++) {
                uint8_t le[8];
                for (int k = 0; k < 8; k++)
                    le[k] = (uint8_t)(i >> (8 * k));
                sha256(le, 8, data + 32 * i);
                data[32 * i + 31] &= 0x3f;
            }
        char name[32];
        snprintf(name, sizeof name, "case%c", 'A' + cs);
        char *dir = path_join(workdir, name);
        uint8_t comm_d[32], rid[32];
        pc2_job j;
        seal_2k(dir, data, comm_d, rid, &j);
        char w[64];
#define E(field, bytes, hex)                                   \
    do {                                                       \
        snprintf(w, sizeof w, "case %c %s", 'A' + cs, field); \
        expect_hex(w, bytes, 32, hex);                         \
    } while (0)
        E("comm_d", comm_d, v->comm_d);
        E("replica_id", rid, v->rid);
        uint8_t x[32];
        node_of(dir, "sc-02-data-layer-1.dat", 0, x);
        E("label l1 n0", x, v->l1n0);
        node_of(dir, "sc-02-data-layer-1.dat", 1, x);
        E("label l1 n1", x, v->l1n1);
        node_of(dir, "sc-02-data-layer-2.dat", 63, x);
        E("label l2 n63", x, v->l2n63);
        node_of(dir, "sc-02-data-tree-c.dat", 0, x);
        E("column hash n0", x, v->col0);
        node_of(dir, "sc-02-data-tree-c.dat", 63, x);
        E("column hash n63", x, v->col63);
        E("comm_c", j.comm_c, v->comm_c);
        node_of(dir, "sealed", 0, x);
        E("replica n0", x, v->rep0);
        node_of(dir, "sealed", 63, x);
        E("replica n63", x, v->rep63);
        E("comm_r_last", j.comm_r_last, v->comm_r_last);
        E("comm_r", j.comm_r, v->comm_r);
        for (int k = 0; k < 8; k++) {
            node_of(dir, "sc-02-data-tree-c.dat", 64 + k, x);
            snprintf(name, sizeof name, "tree-c level1[%d]", k);
            E(name, x, v->tc1[k]);
        }
        /* tree-r-last level 1 is discarded (rows_to_discard 1): rebuild it */
        char *sp = path_join(dir, "sealed");
        size_t n;
        uint8_t *rep = read_file(sp, &n);
        uint8_t lvl[8 * 32];
        octree_level(rep, lvl, 8);
        for (int k = 0; k < 8; k++) {
            snprintf(name, sizeof name, "tree-r level1[%d]", k);
            E(name, lvl + 32 * k, v->tr1[k]);
        }
        free(rep);
        free(sp);
        file_sha(dir, "sc-02-data-tree-c.dat", v->tree_c_sha, 2336);
        file_sha(dir, "sealed", v->sealed_sha, 2048);
        node_of(dir, "sc-02-data-tree-r-last.dat", 0, x);
        E("tree-r-last file (root only)", x, v->comm_r_last);
        char *tp = path_join(dir, "sc-02-data-tree-r-last.dat");
        struct stat st;
        CHECK(stat(tp, &st) == 0 && st.st_size == 32, "tree-r-last file must be 32 bytes");
        free(tp);
        char *pp = path_join(dir, "p_aux");
        uint8_t *pa = read_file(pp, &n);
        CHECK(pa && n == 64 && !memcmp(pa, j.comm_c, 32) && !memcmp(pa + 32, j.comm_r_last, 32),
              "p_aux = comm_c || comm_r_last");
        free(pa);
        free(pp);
        /* interactive challenges and their parents */
        uint8_t seed[32];
        memset(seed, 2, 32);
        sdr_graph g;
        uint8_t porep[32];
        porep_id_of(5, porep);
        graph_init(&g, 64, porep, API_1_1);
        for (int i = 0; i < 2; i++) {
            uint64_t c = c1_challenge(rid, seed, (uint32_t)i, 64);
            CHECK(c == v->ch[i], "case %c challenge %d = %llu, want %llu", 'A' + cs, i,
                  (unsigned long long)c, (unsigned long long)v->ch[i]);
            uint32_t par[14];
            graph_parents(&g, c, par);
            CHECK(memcmp(par, v->par[i], sizeof par) == 0, "case %c parents of challenge %d", 'A' + cs, i);
        }
        free((char *)j.unsealed);
        free((char *)j.sealed);
        free(dir);
#undef E
    }
}

/* ---- shapes (spec 3.2 / 3.9) ---------------------------------------------- */

void t_pc2_shapes(void)
{
    static const struct { uint64_t size; unsigned layers, files, rtd; uint64_t tc, tr; const char *shape; } S[] = {
        {2048, 2, 1, 1, 2336, 32, "8-0-0"},
        {8ULL << 20, 2, 1, 2, 9586976, 18720, "8-0-0"},
        {512ULL << 20, 2, 1, 2, 613566752, 1198368, "8-0-0"},
        {32ULL << 30, 11, 8, 2, 4908534048ULL, 9586976, "8-8-0"},
        {64ULL << 30, 11, 16, 2, 4908534048ULL, 9586976, "8-8-2"},
    };
    for (size_t i = 0; i < sizeof S / sizeof S[0]; i++) {
        tree_shape s;
        CHECK(tree_shape_for(&s, S[i].size, S[i].layers) == 0, "shape %zu", i);
        char sh[16];
        snprintf(sh, sizeof sh, "8-%u-%u", s.sub_arity, s.top_arity);
        CHECK(strcmp(sh, S[i].shape) == 0, "%s: shape %s want %s", sector_size_name(S[i].size), sh, S[i].shape);
        CHECK(s.base_count == S[i].files, "%s: %u base trees", sector_size_name(S[i].size), s.base_count);
        CHECK(s.rtd == S[i].rtd, "%s: rows_to_discard %u", sector_size_name(S[i].size), s.rtd);
        CHECK(s.base_len * 32 == S[i].tc, "%s: tree-c file %llu bytes want %llu", sector_size_name(S[i].size),
              (unsigned long long)(s.base_len * 32), (unsigned long long)S[i].tc);
        CHECK(s.cached_len * 32 == S[i].tr, "%s: tree-r-last file %llu bytes want %llu",
              sector_size_name(S[i].size), (unsigned long long)(s.cached_len * 32), (unsigned long long)S[i].tr);
        char n0[64], n1[64];
        tree_c_name(&s, 0, n0);
        tree_r_name(&s, s.base_count - 1, n1);
        if (s.base_count == 1)
            CHECK(!strcmp(n0, "sc-02-data-tree-c.dat") && !strcmp(n1, "sc-02-data-tree-r-last.dat"), "names");
        else
            CHECK(!strcmp(n0, "sc-02-data-tree-c-0.dat") && strstr(n1, "tree-r-last-") != NULL, "names %s %s", n0, n1);
    }
    /* rows_to_discard rule: rows <= 2 -> 0, 3 -> 1, else min(rows - 2, 2) */
    CHECK(rows_to_discard_for(8) == 0 && rows_to_discard_for(64) == 1 && rows_to_discard_for(512) == 2 &&
              rows_to_discard_for(1ULL << 27) == 2,
          "rows_to_discard rule");
    /* compound roots: 32 GiB = P8(base roots), 64 GiB = P2(P8(0..7), P8(8..15)) */
    uint8_t roots[16 * 32];
    for (int i = 0; i < 16 * 32; i++)
        roots[i] = (uint8_t)(i % 32 == 31 ? 0 : i * 7);
    tree_shape s32, s64;
    tree_shape_for(&s32, 32ULL << 30, 11);
    tree_shape_for(&s64, 64ULL << 30, 11);
    uint8_t r32[32], r64[32], a[64], want[32];
    tree_compound_root(&s32, roots, r32);
    poseidon_hash_bytes(poseidon_params_get(8), roots, want);
    CHECK(!memcmp(r32, want, 32), "32 GiB compound root");
    tree_compound_root(&s64, roots, r64);
    poseidon_hash_bytes(poseidon_params_get(8), roots, a);
    poseidon_hash_bytes(poseidon_params_get(8), roots + 256, a + 32);
    poseidon_hash_bytes(poseidon_params_get(2), a, want);
    CHECK(!memcmp(r64, want, 32), "64 GiB compound root");
    /* t_aux layout: 2 label configs + tree-d + tree-r-last + tree-c */
    tree_shape s2;
    tree_shape_for(&s2, 2048, 2);
    size_t len;
    uint8_t *ta = t_aux_bytes(seal_proof_by_id(5), &s2, "/c", &len);
    /* each StoreConfig: 8+2 (path) + 8+len(id) + 1+8 (size) + 8 (rtd) */
    size_t want_len = 8 + (8 + 2 + 8 + 7 + 17) * 2 + (8 + 2 + 8 + 6 + 17) + (8 + 2 + 8 + 11 + 17) + (8 + 2 + 8 + 6 + 17);
    CHECK(len == want_len, "t_aux %zu bytes, want %zu", len, want_len);
    CHECK(ta[0] == 2 && ta[8] == 2 && ta[16] == '/' && ta[17] == 'c', "t_aux starts with 2 labels, path /c");
    free(ta);
}

/* ---- challenges and public inputs (spec 6.8, [DER]) ----------------------- */

static void public_inputs_sha(const sdr_graph *g, const uint8_t rid[32], const uint8_t seed[32],
                              const uint8_t comm_d[32], const uint8_t comm_r[32], unsigned k, unsigned C,
                              uint64_t N, uint8_t out[32], uint64_t *first18)
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, rid, 32);
    sha256_update(&c, comm_d, 32);
    sha256_update(&c, comm_r, 32);
    for (unsigned i = 0; i < C; i++) {
        uint64_t ch = c1_challenge(rid, seed, k * C + i, N);
        uint32_t par[14];
        graph_parents(g, ch, par);
        uint64_t v[18];
        v[0] = ch;
        for (int q = 0; q < 14; q++)
            v[1 + q] = par[q];
        v[15] = v[16] = v[17] = ch;
        if (i == 0 && first18)
            memcpy(first18, v, sizeof v);
        for (int q = 0; q < 18; q++) {
            uint8_t b[32] = {0};
            for (int z = 0; z < 8; z++)
                b[z] = (uint8_t)(v[q] >> (8 * z));
            sha256_update(&c, b, 32);
        }
    }
    sha256_final(&c, out);
}

void t_c1_challenges(void)
{
    uint8_t prover[32], ticket[32], seed[32], comm_d[32], comm_r[32], porep[32], rid[32];
    unhex("101cbe4b9c42604f04c703c396f788c6cb2d6d7d58f45430b12eb2edd640076c", prover, 32);
    unhex("e8867f2000d5597a0a5f4382c52b8b89890019df5320d486a067f38e6c68624b", ticket, 32);
    unhex("56964257e0d6c11e074117b36172fff3ebd1a6ec18fa79555e58df5a9d889dcb", seed, 32);
    /* 2 KiB V1_1 record */
    unhex("7e45f0925dc72593d6b296100e6ca63e3341c92a50c0e7a9461883a3c959ea28", comm_d, 32);
    unhex("d67d57ea6808fd67bdedb331388b5005d3f837b6153c37ff90e720f10f34fc29", comm_r, 32);
    porep_id_of(5, porep);
    replica_id_of(prover, 9259733836259213201ULL, ticket, comm_d, porep, rid);
    expect_hex("2KiB record replica_id", rid, 32, "da838d3efe2e28665cd17ebfa274f67af8c3b51dfb01e8c6bf8892e712d62006");
    sdr_graph g;
    graph_init(&g, 64, porep, API_1_1);
    static const uint64_t want2k[2][18] = {
        {57, 56, 56, 48, 50, 42, 55, 46, 41, 13, 46, 44, 31, 3, 15, 57, 57, 57},
        {58, 57, 45, 11, 54, 56, 57, 51, 52, 38, 18, 33, 8, 54, 40, 58, 58, 58}};
    for (unsigned i = 0; i < 2; i++) {
        uint64_t ch = c1_challenge(rid, seed, i, 64);
        uint32_t par[14];
        graph_parents(&g, ch, par);
        uint64_t v[18] = {ch};
        for (int q = 0; q < 14; q++)
            v[1 + q] = par[q];
        v[15] = v[16] = v[17] = ch;
        CHECK(memcmp(v, want2k[i], sizeof v) == 0, "2KiB record public inputs of challenge %u (challenge %llu)", i,
              (unsigned long long)ch);
    }
    /* 32 GiB V1_1 record: 10 partitions x 18 challenges */
    unhex("eb7a26a6d07062559b9e8ca31cf56d76eb9d6a5e861dd2956d17e09c73ad1936", comm_d, 32);
    unhex("a816696e8028e4d2ea7d3376b7a1d239fd72c21bb533e0365c8e145b9b683360", comm_r, 32);
    porep_id_of(8, porep);
    replica_id_of(prover, 9259733836259213201ULL, ticket, comm_d, porep, rid);
    expect_hex("32GiB record replica_id", rid, 32, "3ca7c8110b2ccdcc89d8d7dabeed81b7a5b87a4f73ed43d0b2eb2220de963129");
    unsigned P, C;
    c1_counts(32ULL << 30, &P, &C);
    CHECK(P == 10 && C == 18, "32 GiB: %u partitions x %u", P, C);
    static const uint64_t ch0[18] = {980979701, 721418575, 824730872, 1022388640, 313254808, 1063608501,
                                     153621234, 591422190, 848122467, 46043795,  635931656, 334761064,
                                     1037829961, 105884237, 1066709247, 77891472, 578988757, 321801013};
    for (unsigned i = 0; i < 18; i++) {
        uint64_t ch = c1_challenge(rid, seed, i, 1ULL << 30);
        CHECK(ch == ch0[i], "32GiB partition 0 challenge %u = %llu want %llu", i, (unsigned long long)ch,
              (unsigned long long)ch0[i]);
    }
    graph_init(&g, 1ULL << 30, porep, API_1_1);
    static const char *SH[10] = {
        "dfdc3f4a3d468e4c2a0be5fa9c636bb9d8e5491fe51a71d076d85a3ff6cf63a8",
        "09a6a9531860036ebd776aed7cc2db6f8ff17b589096ec41cb968681ade4ba69",
        "c31953fa9fb3f46fd37b73eb51cef12b01ed4efd9033827b1635a061d359d88b",
        "c3c3064e5c628289190c379909dfdbd4eec625bc8eabd4a51f18a48516c0f68e",
        "d85892bdc6bf819b8a99fa187c798f1766766478b14789cc5366f215902cc10e",
        "8fd5d8202699a9bf4c1847a7edee97014fa58d995679a42093bb9c72d2bdb3ea",
        "b447261adde61446d5c8fdd5ed881d9895dadd1645244eff6171cdec44209146",
        "f902aa3b158365d53155b015328e9eac8366c638881f4ae7e1434ff2c33ef555",
        "e88601a41f7c33fbc4994bb6e56045312560f72f270ec32f580f17de60e48c8f",
        "ebbc93b44a027823654d4dd72eb56b06f46dcb2bfd0eb773250eb4c61831b1d2"};
    for (unsigned k = 0; k < 10; k++) {
        uint8_t d[32];
        uint64_t first[18];
        public_inputs_sha(&g, rid, seed, comm_d, comm_r, k, 18, 1ULL << 30, d, first);
        char w[64];
        snprintf(w, sizeof w, "32GiB partition %u public inputs sha256", k);
        expect_hex(w, d, 32, SH[k]);
        if (k == 0) {
            static const uint64_t want[18] = {980979701, 980979700, 980978077, 980952352, 980979699, 312222476,
                                              979455093, 749539807, 182735280, 276707672, 247452191, 626879568,
                                              527945222, 307523740, 346272975, 980979701, 980979701, 980979701};
            CHECK(memcmp(first, want, sizeof want) == 0, "32GiB first challenge public inputs");
        }
    }
}

/* ---- CPU == GPU ----------------------------------------------------------- */

void t_gpu_equal(void)
{
    if (gpu_device_count() <= 0) {
        fprintf(stderr, "SKIPPED: GPU comparison skipped for lack of a device (%s)\n", gpu_describe());
        exit(77);
    }
    fprintf(stderr, "gpu: %s\n", gpu_describe());
    static const unsigned LAY[2] = {2, 11};
    for (int t = 0; t < 2; t++) {
        const unsigned L = LAY[t];
        const uint64_t n = 4096;
        uint8_t *lay[PT_MAX_LAYERS];
        uint64_t x = 12345 + t;
        for (unsigned k = 0; k < L; k++) {
            lay[k] = xmalloc(n * 32);
            for (uint64_t i = 0; i < n * 32; i++) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17;
                lay[k][i] = (uint8_t)x;
            }
            for (uint64_t i = 31; i < n * 32; i += 32)
                lay[k][i] &= 0x3f;
        }
        uint8_t *data = xcalloc(n, 32);
        for (uint64_t i = 0; i < n * 32; i += 7)
            data[i] = (uint8_t)i;
        for (uint64_t i = 31; i < n * 32; i += 32)
            data[i] &= 0x3f;
        uint64_t sub = subtree_nodes(n);
        tree_chunk a = {0}, b = {0};
        a.layers = b.layers = L;
        a.n = b.n = n;
        a.levels = b.levels = 4;
        for (unsigned k = 0; k < L; k++)
            a.lay[k] = b.lay[k] = lay[k];
        a.data = b.data = data;
        a.tree_c = xmalloc(sub * 32);
        b.tree_c = xmalloc(sub * 32);
        a.replica = xmalloc(n * 32);
        b.replica = xmalloc(n * 32);
        a.tree_r = xmalloc(sub * 32);
        b.tree_r = xmalloc(sub * 32);
        CHECK(tree_chunk_cpu(&a) == 0, "cpu chunk");
        CHECK(gpu_tree_chunk(&b) == 0, "gpu chunk");
        CHECK(!memcmp(a.tree_c, b.tree_c, sub * 32), "%u layers: tree-c differs CPU vs GPU", L);
        CHECK(!memcmp(a.replica, b.replica, n * 32), "%u layers: replica differs CPU vs GPU", L);
        CHECK(!memcmp(a.tree_r, b.tree_r, (sub - n) * 32), "%u layers: tree-r differs CPU vs GPU", L);
        fprintf(stderr, "gpu: %u-layer chunk of %llu nodes identical to the CPU\n", L, (unsigned long long)n);
    }
}

/* ---- synthetic challenges (spec 6.6, test_synth_challenges_against_hardcoded) */

void t_c1_synthetic(void)
{
    /* RFC 7693 appendix A: BLAKE2b-512("abc"); RFC 8439 2.4.2 keystream */
    uint8_t d[64];
    blake2b_keyed(d, 64, NULL, 0, "abc", 3);
    expect_hex("blake2b-512(abc)", d, 32, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1");
    uint8_t key[32], nonce[12] = {0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0}, ks[16];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    chacha20_keystream(key, nonce, 64, ks, 16); /* block counter 1 */
    expect_hex("chacha20 rfc8439 keystream", ks, 16, "224f51f3401bd9e12fde276fb8631ded");
    uint8_t rid[32] = {55}, comm_r[32] = {101}, rnd[32];
    memset(rnd, 1, 32);
    const uint64_t N = 1024;
    static const uint64_t SYN[21] = {178, 297, 869, 211, 875, 477, 94, 781, 124, 332, 856,
                                     801, 176, 692, 429, 691, 290, 204, 986, 210, 973};
    for (uint64_t i = 0; i < 21; i++) {
        uint64_t c = synth_challenge(rid, comm_r, N, i);
        CHECK(c == SYN[i], "synthetic challenge %llu = %llu want %llu", (unsigned long long)i,
              (unsigned long long)c, (unsigned long long)SYN[i]);
    }
    static const uint64_t IDX[10] = {12, 7, 11, 18, 16, 3, 13, 10, 18, 9};
    static const uint64_t POREP[10] = {176, 781, 801, 986, 290, 211, 692, 856, 986, 332};
    for (uint64_t j = 0; j < 10; j++) {
        uint64_t ix = synth_select(rid, rnd, 21, j);
        CHECK(ix == IDX[j], "selected index %llu = %llu want %llu", (unsigned long long)j,
              (unsigned long long)ix, (unsigned long long)IDX[j]);
        uint64_t c = synth_challenge(rid, comm_r, N, ix);
        CHECK(c == POREP[j], "porep challenge %llu = %llu want %llu", (unsigned long long)j,
              (unsigned long long)c, (unsigned long long)POREP[j]);
    }
    CHECK(synth_count(1ULL << 30) == (1ULL << 18) && synth_count(1024) == 1024, "synthetic counts");
}

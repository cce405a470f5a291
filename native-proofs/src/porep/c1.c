#define _GNU_SOURCE
#include "porep/c1.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/fr.h"
#include "hash/poseidon.h"
#include "hash/sha256.h"
#include "porep/c1_json.h"
#include "sdr/graph.h"
#include "trees/merkle_proof.h"
#include "util/util.h"

void c1_counts(uint64_t sector_size, unsigned *partitions, unsigned *per_partition)
{
    if (sector_size >= (32ULL << 30)) {
        *partitions = 10;
        *per_partition = 18; /* ceil(176 / 10) */
    } else {
        *partitions = 1;
        *per_partition = 2;
    }
}

uint64_t c1_challenge(const uint8_t replica_id[32], const uint8_t seed[32], uint32_t j,
                      uint64_t nodes)
{
    uint8_t buf[68], d[32];
    memcpy(buf, replica_id, 32);
    memcpy(buf + 32, seed, 32);
    for (int i = 0; i < 4; i++)
        buf[64 + i] = (uint8_t)(j >> (8 * i));
    sha256(buf, sizeof buf, d);
    uint64_t m = nodes - 1;
    unsigned __int128 r = 0;
    for (int i = 31; i >= 0; i--)
        r = ((r << 8) | d[i]) % m;
    return (uint64_t)r + 1;
}

/* ---- openings ---------------------------------------------------------- */

typedef struct {
    const seal_proof *p;
    tree_shape s;
    int layer_fd[PT_MAX_LAYERS];
    int treed_fd, sealed_fd;
    int *tc_fd, *tr_fd;
    const char *cache;
    uint8_t *base_root_c, *base_root_r; /* base_count * 32 */
} c1_ctx;

static void rd(int fd, uint64_t node, uint8_t out[32], const char *what)
{
    pread_all_or_die(fd, out, 32, node * 32, what);
}

static int open_or_die(const char *path, const char *what)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("c1: cannot open %s %s: %s", what, path, strerror(errno));
    return fd;
}

static void check_size(int fd, const char *path, uint64_t size, const char *what)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != size)
        die("c1: %s %s has %lld bytes; expected %llu", what, path, (long long)st.st_size,
            (unsigned long long)size);
}

static void open_tree_c(const c1_ctx *c, uint64_t node, merkle_proof *m)
{
    const tree_shape *s = &c->s;
    uint64_t b = node / s->base_leaves, local = node % s->base_leaves;
    int fd = c->tc_fd[b];
    rd(fd, local, m->leaf, "tree-c");
    m->base.len = s->height;
    for (unsigned l = 0; l < s->height; l++) {
        uint64_t idx = local >> (3 * l), g = idx & ~7ULL;
        uint8_t grp[8][32];
        pread_all_or_die(fd, grp, sizeof grp, (s->level_off[l] + g) * 32, "tree-c");
        m->base.nsib[l] = 7;
        m->base.idx[l] = idx & 7;
        for (unsigned k = 0, w = 0; k < 8; k++)
            if (k != (idx & 7))
                memcpy(m->base.sib[l][w++], grp[k], 32);
    }
    merkle_compound_paths(s, c->base_root_c, b, m);
    tree_compound_root(s, c->base_root_c, m->root);
}

static void open_tree_r(const c1_ctx *c, uint64_t node, merkle_proof *m)
{
    merkle_open_r_last(&c->s, c->sealed_fd, "sealed file", c->tr_fd, c->base_root_r, node, m);
    tree_compound_root(&c->s, c->base_root_r, m->root);
}

static void open_tree_d(const c1_ctx *c, uint64_t node, const uint8_t comm_d[32], merkle_proof *m)
{
    uint64_t N = c->s.nodes, off = 0;
    unsigned h = 0;
    while ((1ULL << h) < N)
        h++;
    m->kind = MERKLE_SINGLE;
    m->base.len = h;
    rd(c->treed_fd, node, m->leaf, "tree-d");
    for (unsigned l = 0; l < h; l++) {
        uint64_t idx = node >> l;
        rd(c->treed_fd, off + (idx ^ 1), m->base.sib[l][0], "tree-d");
        m->base.nsib[l] = 1;
        m->base.idx[l] = idx & 1;
        off += N >> l;
    }
    memcpy(m->root, comm_d, 32);
}

/* ---- JSON writing ------------------------------------------------------ */

static void w_path(jbuf *j, const merkle_path *p)
{
    jb_put(j, "{\"path\":[");
    for (unsigned l = 0; l < p->len; l++) {
        jb_put(j, l ? ",{\"hashes\":[" : "{\"hashes\":[");
        for (unsigned k = 0; k < p->nsib[l]; k++) {
            if (k)
                jb_put(j, ",");
            jb_bytes32(j, p->sib[l][k]);
        }
        jb_printf(j, "],\"index\":%llu}", (unsigned long long)p->idx[l]);
    }
    jb_put(j, "]}");
}

static void w_mproof(jbuf *j, const merkle_proof *m)
{
    if (m->kind == MERKLE_SINGLE) {
        jb_put(j, "{\"data\":{\"Single\":{\"root\":");
        jb_bytes32(j, m->root);
        jb_put(j, ",\"leaf\":");
        jb_bytes32(j, m->leaf);
        jb_put(j, ",\"path\":");
        w_path(j, &m->base);
        jb_put(j, "}}}");
        return;
    }
    jb_put(j, m->kind == MERKLE_SUB ? "{\"data\":{\"Sub\":{\"base_proof\":"
                                    : "{\"data\":{\"Top\":{\"base_proof\":");
    w_path(j, &m->base);
    jb_put(j, ",\"sub_proof\":");
    w_path(j, &m->sub);
    if (m->kind == MERKLE_TOP) {
        jb_put(j, ",\"top_proof\":");
        w_path(j, &m->top);
    }
    jb_put(j, ",\"root\":");
    jb_bytes32(j, m->root);
    jb_put(j, ",\"leaf\":");
    jb_bytes32(j, m->leaf);
    jb_put(j, "}}}");
}

static void w_column(jbuf *j, const c1_ctx *c, uint64_t node)
{
    jb_printf(j, "{\"column\":{\"index\":%llu,\"rows\":[", (unsigned long long)node);
    for (unsigned l = 0; l < c->p->layers; l++) {
        uint8_t v[32];
        rd(c->layer_fd[l], node, v, "layer file");
        if (l)
            jb_put(j, ",");
        jb_bytes32(j, v);
    }
    jb_put(j, "],\"_h\":null},\"inclusion_proof\":");
    merkle_proof m;
    open_tree_c(c, node, &m);
    w_mproof(j, &m);
    jb_put(j, "}");
}

static void w_parents_full(jbuf *j, const c1_ctx *c, unsigned layer, const uint32_t par[DEGREE])
{
    uint8_t vals[DEGREE][32];
    unsigned cnt = layer == 1 ? BASE_DEGREE : DEGREE;
    for (unsigned i = 0; i < cnt; i++) {
        unsigned lay = i < BASE_DEGREE ? layer : layer - 1;
        rd(c->layer_fd[lay - 1], par[i], vals[i], "layer file");
    }
    jb_put(j, "[");
    for (unsigned i = 0; i < 37; i++) {
        if (i)
            jb_put(j, ",");
        jb_bytes32(j, vals[i % cnt]);
    }
    jb_put(j, "]");
}

/* ---- the job ----------------------------------------------------------- */

static char *cache_file(const char *cache, const char *name) { return path_join(cache, name); }

void c1_validate(c1_job *j)
{
    if (!j->cache)
        die("c1: --cache is required");
    if (!j->sealed)
        die("c1: --sealed is required");
    if (!j->out)
        die("c1: --out is required");
    struct stat st;
    if (stat(j->cache, &st) != 0 || !S_ISDIR(st.st_mode))
        die("c1: cache directory %s does not exist", j->cache);
    char *pa = cache_file(j->cache, "p_aux");
    if (stat(pa, &st) != 0)
        die("c1: %s is missing (run pc2 first)", pa);
    if (st.st_size != 64)
        die("c1: %s has %lld bytes; p_aux is exactly 64", pa, (long long)st.st_size);
    free(pa);
    char *od = xstrdup(j->out);
    char *sl = strrchr(od, '/');
    if (sl)
        *sl = 0;
    ensure_writable_dir(sl ? (*od ? od : "/") : ".", "output directory");
    free(od);
}

void c1_run(c1_job *j)
{
    double t0 = now_seconds();
    c1_ctx c;
    memset(&c, 0, sizeof c);
    c.p = j->proof;
    c.cache = j->cache;
    if (tree_shape_for(&c.s, j->proof->sector_size, j->proof->layers) != 0)
        die("c1: unsupported sector shape");
    const tree_shape *s = &c.s;
    for (unsigned l = 0; l < s->layers; l++) {
        char name[64];
        snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", l + 1);
        char *pth = cache_file(j->cache, name);
        c.layer_fd[l] = open_or_die(pth, "layer file");
        check_size(c.layer_fd[l], pth, s->sector_size, "layer file");
        free(pth);
    }
    char *td = cache_file(j->cache, "sc-02-data-tree-d.dat");
    c.treed_fd = open_or_die(td, "tree-d file");
    check_size(c.treed_fd, td, (2 * s->nodes - 1) * 32, "tree-d file");
    free(td);
    c.sealed_fd = open_or_die(j->sealed, "sealed file");
    check_size(c.sealed_fd, j->sealed, s->sector_size, "sealed file");
    c.tc_fd = xcalloc(s->base_count, sizeof(int));
    c.tr_fd = xcalloc(s->base_count, sizeof(int));
    c.base_root_c = xmalloc(s->base_count * 32);
    c.base_root_r = xmalloc(s->base_count * 32);
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_c_name(s, b, name);
        char *pth = cache_file(j->cache, name);
        c.tc_fd[b] = open_or_die(pth, "tree-c file");
        check_size(c.tc_fd[b], pth, s->base_len * 32, "tree-c file");
        rd(c.tc_fd[b], s->base_len - 1, c.base_root_c + b * 32, "tree-c");
        free(pth);
        tree_r_name(s, b, name);
        pth = cache_file(j->cache, name);
        c.tr_fd[b] = open_or_die(pth, "tree-r-last file");
        check_size(c.tr_fd[b], pth, s->cached_len * 32, "tree-r-last file");
        rd(c.tr_fd[b], s->cached_len - 1, c.base_root_r + b * 32, "tree-r-last");
        free(pth);
    }
    char *pa = cache_file(j->cache, "p_aux");
    int pfd = open_or_die(pa, "p_aux");
    uint8_t paux[64];
    pread_all_or_die(pfd, paux, 64, 0, pa);
    close(pfd);
    free(pa);
    memcpy(j->comm_c, paux, 32);
    memcpy(j->comm_r_last, paux + 32, 32);
    poseidon_hash_bytes(poseidon_params_get(2), paux, j->comm_r);
    rd(c.treed_fd, 2 * s->nodes - 2, j->comm_d, "tree-d");
    uint8_t porep_id[32];
    porep_id_of(j->proof->id, porep_id);
    replica_id_of(j->prover_id, j->sector, j->ticket, j->comm_d, porep_id, j->replica_id);
    sdr_graph g;
    graph_init(&g, s->nodes, porep_id, j->proof->api);
    c1_counts(s->sector_size, &j->partitions, &j->per_partition);
    j->challenges = xcalloc((size_t)j->partitions * j->per_partition, sizeof(uint64_t));

    jbuf out = {0};
    const char *size_name = sector_size_name(s->sector_size);
    jb_printf(&out, "{\"registered_proof\":\"%s\",\"vanilla_proofs\":{\"StackedDrg%sV1\":[",
              j->proof->name, size_name);
    merkle_proof *m = xmalloc(sizeof *m);
    for (unsigned k = 0; k < j->partitions; k++) {
        jb_put(&out, k ? ",[" : "[");
        for (unsigned i = 0; i < j->per_partition; i++) {
            uint32_t jj = k * j->per_partition + i;
            uint64_t ch = c1_challenge(j->replica_id, j->seed, jj, s->nodes);
            j->challenges[jj] = ch;
            uint32_t par[DEGREE];
            graph_parents(&g, ch, par);
            jb_put(&out, i ? ",{\"comm_d_proofs\":" : "{\"comm_d_proofs\":");
            open_tree_d(&c, ch, j->comm_d, m);
            w_mproof(&out, m);
            jb_put(&out, ",\"comm_r_last_proof\":");
            open_tree_r(&c, ch, m);
            w_mproof(&out, m);
            jb_put(&out, ",\"replica_column_proofs\":{\"c_x\":");
            w_column(&out, &c, ch);
            jb_put(&out, ",\"drg_parents\":[");
            for (int q = 0; q < BASE_DEGREE; q++) {
                if (q)
                    jb_put(&out, ",");
                w_column(&out, &c, par[q]);
            }
            jb_put(&out, "],\"exp_parents\":[");
            for (int q = 0; q < EXP_DEGREE; q++) {
                if (q)
                    jb_put(&out, ",");
                w_column(&out, &c, par[BASE_DEGREE + q]);
            }
            jb_put(&out, "]},\"labeling_proofs\":[");
            for (unsigned l = 1; l <= s->layers; l++) {
                jb_put(&out, l > 1 ? ",{\"parents\":" : "{\"parents\":");
                w_parents_full(&out, &c, l, par);
                jb_printf(&out, ",\"layer_index\":%u,\"node\":%llu}", l, (unsigned long long)ch);
            }
            jb_put(&out, "],\"encoding_proof\":{\"parents\":");
            w_parents_full(&out, &c, s->layers, par);
            jb_printf(&out, ",\"layer_index\":%u,\"node\":%llu}}", s->layers,
                      (unsigned long long)ch);
        }
        jb_put(&out, "]");
        progress("c1: partition %u of %u done", k + 1, j->partitions);
    }
    free(m);
    jb_put(&out, "]},\"comm_r\":");
    jb_bytes32(&out, j->comm_r);
    jb_put(&out, ",\"comm_d\":");
    jb_bytes32(&out, j->comm_d);
    jb_put(&out, ",\"replica_id\":");
    jb_bytes32(&out, j->replica_id);
    jb_put(&out, ",\"seed\":");
    jb_bytes32(&out, j->seed);
    jb_put(&out, ",\"ticket\":");
    jb_bytes32(&out, j->ticket);
    jb_put(&out, "}");
    atomic_file af;
    af_open(&af, j->out);
    af_write(&af, out.b, out.n);
    af_commit(&af);
    j->out_bytes = out.n;
    free(out.b);
    for (unsigned l = 0; l < s->layers; l++)
        close(c.layer_fd[l]);
    for (unsigned b = 0; b < s->base_count; b++) {
        close(c.tc_fd[b]);
        close(c.tr_fd[b]);
    }
    close(c.treed_fd);
    close(c.sealed_fd);
    free(c.tc_fd);
    free(c.tr_fd);
    free(c.base_root_c);
    free(c.base_root_r);
    j->seconds = now_seconds() - t0;
}

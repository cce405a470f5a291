/* verify-c1: checks a C1 output file opening by opening. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "field/fr.h"
#include "hash/poseidon.h"
#include "hash/sha256.h"
#include "porep/c1.h"
#include "porep/c1_json.h"
#include "sdr/graph.h"
#include "util/util.h"

typedef struct {
    c1_verdict *v;
    jbuf err;
    unsigned part;
    uint64_t chal;
} vctx;

static void verr(vctx *c, uint64_t node, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void verr(vctx *c, uint64_t node, const char *check, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->v->valid = 0;
    if (c->v->nerrors++ >= 64)
        return;
    jb_put(&c->err, c->v->nerrors > 1 ? ",{" : "{");
    jb_printf(&c->err, "\"partition\":%u,\"challenge\":%llu,\"node\":%llu,\"check\":\"%s\",\"message\":\"",
              c->part, (unsigned long long)c->chal, (unsigned long long)node, check);
    for (char *p = msg; *p; p++)
        if (*p == '"' || *p == '\\')
            *p = '\'';
    jb_put(&c->err, msg);
    jb_put(&c->err, "\"}");
}

/* Poseidon over byte inputs; -1 when an input is not canonical. */
static int hash_group(unsigned arity, const uint8_t (*in)[32], uint8_t out[32])
{
    fr_t x[16], h;
    for (unsigned i = 0; i < arity; i++)
        if (fr_from_bytes(&x[i], in[i]) != 0)
            return -1;
    poseidon_hash(poseidon_params_get(arity), x, &h);
    fr_to_bytes(out, &h);
    return 0;
}

/* Walks an InclusionPath JSON; updates cur (running hash) and *index
 * (accumulated with mult). Returns 0, or -1 with a reason in why. */
static int walk_path(const jnode *path, unsigned arity, unsigned want_levels, int sha,
                     uint8_t cur[32], uint64_t *index, uint64_t *mult, char *why, size_t wl)
{
    const jnode *pa = jget(path, "path");
    if (!pa || pa->type != JN_ARR) {
        snprintf(why, wl, "path is missing");
        return -1;
    }
    if (want_levels && pa->n != want_levels) {
        snprintf(why, wl, "path has %zu levels, expected %u", pa->n, want_levels);
        return -1;
    }
    for (size_t l = 0; l < pa->n; l++) {
        const jnode *el = pa->kids[l];
        const jnode *hs = jget(el, "hashes"), *ix = jget(el, "index");
        if (!hs || hs->type != JN_ARR || hs->n != arity - 1 || !ix || ix->type != JN_NUM ||
            ix->num >= arity) {
            snprintf(why, wl, "path level %zu is malformed", l);
            return -1;
        }
        uint8_t grp[16][32];
        unsigned w = 0;
        for (unsigned k = 0; k < arity; k++) {
            if (k == ix->num) {
                memcpy(grp[k], cur, 32);
            } else if (jbytes32(hs->kids[w++], grp[k]) != 0) {
                snprintf(why, wl, "path level %zu holds a malformed hash", l);
                return -1;
            }
        }
        if (sha) {
            sha256_node(grp[0], grp[1], cur);
        } else if (hash_group(arity, (const uint8_t(*)[32])grp, cur) != 0) {
            snprintf(why, wl, "path level %zu holds a value that is not a field element", l);
            return -1;
        }
        *index += ix->num * *mult;
        *mult *= arity;
    }
    return 0;
}

/* Verifies a MerkleProof JSON: recomputes the root from leaf and path.
 * Returns 0 when consistent; fills leaf, root and the path index. */
static int check_mproof(const jnode *mp, const tree_shape *s, int treed, uint8_t leaf[32],
                        uint8_t root[32], uint64_t *index, char *why, size_t wl)
{
    const jnode *data = jget(mp, "data");
    if (!data || data->type != JN_OBJ || data->n != 1) {
        snprintf(why, wl, "MerkleProof.data is missing");
        return -1;
    }
    const char *kind = data->keys[0];
    const jnode *body = data->kids[0];
    int want = s->top_arity ? 2 : s->sub_arity ? 1 : 0;
    int got = strcmp(kind, "Single") == 0 ? 0 : strcmp(kind, "Sub") == 0 ? 1 : strcmp(kind, "Top") == 0 ? 2 : -1;
    if (treed)
        want = 0;
    if (got != want) {
        snprintf(why, wl, "proof kind %s does not fit this sector shape", kind);
        return -1;
    }
    if (jbytes32(jget(body, "leaf"), leaf) != 0 || jbytes32(jget(body, "root"), root) != 0) {
        snprintf(why, wl, "leaf or root missing");
        return -1;
    }
    uint8_t cur[32];
    memcpy(cur, leaf, 32);
    *index = 0;
    uint64_t mult = 1;
    if (treed) {
        unsigned h = 0;
        while ((1ULL << h) < s->nodes)
            h++;
        if (walk_path(jget(body, "path"), 2, h, 1, cur, index, &mult, why, wl) != 0)
            return -1;
    } else if (got == 0) {
        if (walk_path(jget(body, "path"), 8, s->height, 0, cur, index, &mult, why, wl) != 0)
            return -1;
    } else {
        if (walk_path(jget(body, "base_proof"), 8, s->height, 0, cur, index, &mult, why, wl) != 0 ||
            walk_path(jget(body, "sub_proof"), 8, 1, 0, cur, index, &mult, why, wl) != 0)
            return -1;
        if (got == 2 && walk_path(jget(body, "top_proof"), 2, 1, 0, cur, index, &mult, why, wl) != 0)
            return -1;
    }
    if (memcmp(cur, root, 32) != 0) {
        char a[65], b[65];
        hex_encode(cur, 32, a);
        hex_encode(root, 32, b);
        snprintf(why, wl, "path hashes to %s, proof root is %s", a, b);
        return -1;
    }
    return 0;
}

static void label_of(const uint8_t rid[32], unsigned layer, uint64_t node, const uint8_t (*par)[32],
                     uint8_t out[32])
{
    uint8_t buf[64 + 37 * 32];
    memset(buf, 0, 64);
    memcpy(buf, rid, 32);
    for (int i = 0; i < 4; i++)
        buf[32 + i] = (uint8_t)(layer >> (24 - 8 * i));
    for (int i = 0; i < 8; i++)
        buf[36 + i] = (uint8_t)(node >> (56 - 8 * i));
    memcpy(buf + 64, par, 37 * 32);
    sha256(buf, sizeof buf, out);
    out[31] &= 0x3f;
}

/* A tree-d (treed = 1) or tree-r-last opening of challenge ch: the path must
 * be valid and open that node. Returns 1 when the path is valid (leaf and
 * root are then set), 0 after recording why not. */
static int check_opening(vctx *c, const jnode *mp, const tree_shape *s, int treed, uint64_t ch,
                         const char *tree, uint8_t leaf[32], uint8_t root[32])
{
    char why[256];
    uint64_t idx;
    if (check_mproof(mp, s, treed, leaf, root, &idx, why, sizeof why) != 0) {
        verr(c, ch, tree, "%s opening invalid: %s", tree, why);
        return 0;
    }
    if (idx != ch)
        verr(c, ch, tree, "%s path opens node %llu, not the challenge", tree, (unsigned long long)idx);
    return 1;
}

typedef struct {
    uint8_t rows[PT_MAX_LAYERS][32];
    int ok;
} colv;

/* Checks one ColumnProof: index, column hash = leaf, path, root = comm_c. */
static void check_column(vctx *c, const jnode *cp, const tree_shape *s, uint64_t want_index,
                         const char *what, uint8_t comm_c[32], int *have_comm_c, colv *out)
{
    char why[256];
    out->ok = 0;
    const jnode *col = jget(cp, "column");
    const jnode *idx = jget(col, "index"), *rows = jget(col, "rows");
    if (!idx || idx->type != JN_NUM || !rows || rows->type != JN_ARR || rows->n != s->layers) {
        verr(c, want_index, what, "column is malformed or has the wrong number of rows");
        return;
    }
    if (idx->num != want_index)
        verr(c, want_index, what, "column index is %llu, expected %llu", (unsigned long long)idx->num,
             (unsigned long long)want_index);
    for (unsigned l = 0; l < s->layers; l++)
        if (jbytes32(rows->kids[l], out->rows[l]) != 0) {
            verr(c, want_index, what, "column row %u is malformed", l + 1);
            return;
        }
    uint8_t ch[32], leaf[32], root[32];
    if (hash_group(s->layers, (const uint8_t(*)[32])out->rows, ch) != 0) {
        verr(c, want_index, what, "a label in the column is not a field element");
        return;
    }
    uint64_t pidx;
    if (check_mproof(jget(cp, "inclusion_proof"), s, 0, leaf, root, &pidx, why, sizeof why) != 0) {
        verr(c, want_index, what, "tree-c opening invalid: %s", why);
        return;
    }
    out->ok = 1;
    if (memcmp(ch, leaf, 32) != 0) {
        verr(c, want_index, what, "column hash of the labels does not match the tree-c leaf");
        out->ok = 0;
    }
    if (pidx != want_index)
        verr(c, want_index, what, "tree-c path opens node %llu, expected %llu", (unsigned long long)pidx,
             (unsigned long long)want_index);
    if (!*have_comm_c) {
        memcpy(comm_c, root, 32);
        *have_comm_c = 1;
    } else if (memcmp(comm_c, root, 32) != 0) {
        verr(c, want_index, what, "tree-c root differs from the other openings' comm_c");
    }
}

void c1_verify_file(const char *path, const uint8_t *expect_comm_r, const uint8_t *expect_comm_d,
                    const uint8_t *expect_replica_id, c1_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->valid = 1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("verify-c1: cannot open %s: %s", path, strerror(errno));
    struct stat st;
    fstat(fd, &st);
    char *text = xmalloc((size_t)st.st_size + 1);
    pread_all_or_die(fd, text, (size_t)st.st_size, 0, path);
    close(fd);
    char perr[256];
    jnode *root = json_parse(text, (size_t)st.st_size, perr, sizeof perr);
    free(text);
    if (!root)
        die("verify-c1: %s is not valid JSON: %s", path, perr);
    const jnode *rp = jget(root, "registered_proof");
    if (!rp || rp->type != JN_STR)
        die("verify-c1: %s has no registered_proof", path);
    const seal_proof *p = seal_proof_by_name(rp->str);
    if (!p)
        die("verify-c1: registered_proof %s is not a known seal proof", rp->str);
    snprintf(v->registered_proof, sizeof v->registered_proof, "%s", p->name);
    if (jbytes32(jget(root, "comm_r"), v->comm_r) || jbytes32(jget(root, "comm_d"), v->comm_d) ||
        jbytes32(jget(root, "replica_id"), v->replica_id) || jbytes32(jget(root, "seed"), v->seed) ||
        jbytes32(jget(root, "ticket"), v->ticket))
        die("verify-c1: %s lacks comm_r, comm_d, replica_id, seed or ticket (32-integer arrays)", path);
    const jnode *vp = jget(root, "vanilla_proofs");
    if (!vp || vp->type != JN_OBJ || vp->n != 1 || vp->kids[0]->type != JN_ARR)
        die("verify-c1: %s has no vanilla_proofs", path);
    tree_shape s;
    if (tree_shape_for(&s, p->sector_size, p->layers) != 0)
        die("verify-c1: unsupported shape");
    char want_variant[64];
    snprintf(want_variant, sizeof want_variant, "StackedDrg%sV1", sector_size_name(p->sector_size));
    vctx c = {v, {0}, 0, 0};
    jb_put(&c.err, "[");
    if (strcmp(vp->keys[0], want_variant) != 0)
        verr(&c, 0, "format", "vanilla_proofs variant %s, expected %s", vp->keys[0], want_variant);
    if (expect_comm_r && memcmp(expect_comm_r, v->comm_r, 32) != 0)
        verr(&c, 0, "comm_r", "comm_r in the file differs from --comm-r");
    if (expect_comm_d && memcmp(expect_comm_d, v->comm_d, 32) != 0)
        verr(&c, 0, "comm_d", "comm_d in the file differs from --comm-d");
    if (expect_replica_id && memcmp(expect_replica_id, v->replica_id, 32) != 0)
        verr(&c, 0, "replica_id", "replica_id differs from the one derived from --miner/--sector/--ticket");
    c1_counts(p->sector_size, &v->partitions, &v->per_partition);
    const jnode *parts = vp->kids[0];
    if (parts->n != v->partitions)
        verr(&c, 0, "format", "%zu partitions, expected %u", parts->n, v->partitions);
    uint8_t porep_id[32];
    porep_id_of(p->id, porep_id);
    sdr_graph g;
    graph_init(&g, s.nodes, porep_id, p->api);
    const unsigned L = s.layers;
    for (unsigned k = 0; k < parts->n && k < v->partitions; k++) {
        const jnode *pl = parts->kids[k];
        if (pl->type != JN_ARR || pl->n != v->per_partition) {
            verr(&c, 0, "format", "partition %u holds the wrong number of proofs", k);
            continue;
        }
        for (unsigned i = 0; i < pl->n; i++) {
            const jnode *pr = pl->kids[i];
            uint64_t ch = c1_challenge(v->replica_id, v->seed, k * v->per_partition + i, s.nodes);
            c.part = k;
            c.chal = ch;
            uint8_t dleaf[32], droot[32], rleaf[32], rroot[32], comm_c[32];
            int have_c = 0;
            int dok = check_opening(&c, jget(pr, "comm_d_proofs"), &s, 1, ch, "tree-d", dleaf, droot);
            if (dok && memcmp(droot, v->comm_d, 32) != 0)
                verr(&c, ch, "tree-d", "tree-d root is not comm_d");
            int rok = check_opening(&c, jget(pr, "comm_r_last_proof"), &s, 0, ch, "tree-r-last", rleaf, rroot);
            /* columns */
            const jnode *rcp = jget(pr, "replica_column_proofs");
            const jnode *drg = jget(rcp, "drg_parents"), *exp = jget(rcp, "exp_parents");
            if (!rcp || !drg || !exp || drg->type != JN_ARR || exp->type != JN_ARR ||
                drg->n != BASE_DEGREE || exp->n != EXP_DEGREE) {
                verr(&c, ch, "format", "replica_column_proofs malformed");
                continue;
            }
            uint32_t par[DEGREE];
            graph_parents(&g, ch, par);
            colv cx, pc[DEGREE];
            check_column(&c, jget(rcp, "c_x"), &s, ch, "tree-c c_x", comm_c, &have_c, &cx);
            for (int q = 0; q < DEGREE; q++) {
                char what[48];
                snprintf(what, sizeof what, "tree-c %s parent %d", q < BASE_DEGREE ? "drg" : "exp",
                         q < BASE_DEGREE ? q : q - BASE_DEGREE);
                check_column(&c, q < BASE_DEGREE ? drg->kids[q] : exp->kids[q - BASE_DEGREE], &s, par[q],
                             what, comm_c, &have_c, &pc[q]);
            }
            /* comm_r = P2(comm_c, comm_r_last) */
            if (have_c && rok) {
                uint8_t both[2][32], cr[32];
                memcpy(both[0], comm_c, 32);
                memcpy(both[1], rroot, 32);
                if (hash_group(2, (const uint8_t(*)[32])both, cr) != 0 || memcmp(cr, v->comm_r, 32) != 0)
                    verr(&c, ch, "comm_r", "H(comm_c, comm_r_last) from the openings is not comm_r");
            }
            /* labels */
            const jnode *lps = jget(pr, "labeling_proofs");
            if (!lps || lps->type != JN_ARR || lps->n != L) {
                verr(&c, ch, "format", "labeling_proofs must hold %u proofs", L);
                continue;
            }
            uint8_t last_label[32];
            int have_label = 0;
            for (unsigned l = 1; l <= L + 1; l++) {
                const jnode *lp = l <= L ? lps->kids[l - 1] : jget(pr, "encoding_proof");
                unsigned layer = l <= L ? l : L;
                const char *what = l <= L ? "labeling" : "encoding";
                const jnode *pp = jget(lp, "parents"), *li = jget(lp, "layer_index"), *nd = jget(lp, "node");
                if (!pp || pp->type != JN_ARR || pp->n != 37 || !li || li->type != JN_NUM || !nd ||
                    nd->type != JN_NUM) {
                    verr(&c, ch, what, "layer %u proof malformed", layer);
                    continue;
                }
                if (li->num != layer || nd->num != ch)
                    verr(&c, ch, what, "layer %u proof names layer %llu node %llu", layer,
                         (unsigned long long)li->num, (unsigned long long)nd->num);
                uint8_t par37[37][32];
                int bad = 0;
                for (int q = 0; q < 37; q++)
                    if (jbytes32(pp->kids[q], par37[q]) != 0)
                        bad = 1;
                if (bad) {
                    verr(&c, ch, what, "layer %u parents malformed", layer);
                    continue;
                }
                /* parents must be the parent columns' labels, repeated */
                unsigned cnt = layer == 1 ? BASE_DEGREE : DEGREE;
                for (unsigned q = 0; q < 37; q++) {
                    unsigned src = q % cnt;
                    unsigned lay = src < BASE_DEGREE ? layer : layer - 1;
                    if (pc[src].ok && memcmp(par37[q], pc[src].rows[lay - 1], 32) != 0) {
                        verr(&c, ch, what, "layer %u parent %u (node %u) differs from its column", layer, q,
                             par[src]);
                        break;
                    }
                }
                uint8_t lab[32];
                label_of(v->replica_id, layer, ch, (const uint8_t(*)[32])par37, lab);
                v->checks++;
                if (memcmp(lab, cx.rows[layer - 1], 32) != 0)
                    verr(&c, ch, what, "recomputed label of layer %u does not match the column of the challenge", layer);
                if (l == L + 1) {
                    memcpy(last_label, lab, 32);
                    have_label = 1;
                }
            }
            /* encoding: replica = data + key */
            if (have_label && dok && rok) {
                uint8_t enc[32];
                if (!fr_bytes_canonical(dleaf))
                    verr(&c, ch, "encoding", "tree-d leaf is not a field element");
                else {
                    fr_add_bytes(enc, dleaf, last_label);
                    v->checks++;
                    if (memcmp(enc, rleaf, 32) != 0)
                        verr(&c, ch, "encoding", "replica leaf is not data + key (sealed data or tree-r-last altered)");
                }
            }
        }
    }
    jb_put(&c.err, "]");
    v->errors_json = c.err.b;
    json_free(root);
}

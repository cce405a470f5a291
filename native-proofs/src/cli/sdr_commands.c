/* sealer: the native sealing kernels as a command-line tool. Every
 * subcommand prints one JSON object on stdout; progress goes to stderr; bad
 * input ends with a one-line error and a non-zero exit status. */
/* The SHA-256 / SDR subcommands: commp, add-piece, read-unsealed, pc1, parents, labels. */
#define _GNU_SOURCE
#include "cli/args.h"
#include "cli/commands.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hash/sha256.h"
#include "piece/addpiece.h"
#include "piece/commp.h"
#include "piece/read_unsealed.h"
#include "porep/cid.h"
#include "porep/pc1.h"
#include "sdr/graph.h"
#include "sdr/labels.h"
#include "sdr/parent_cache.h"
#include "util/util.h"

/* ---- commp ------------------------------------------------------------- */

int cmd_commp(int argc, char **argv)
{
    static const char *valued[] = {"input", NULL};
    args a;
    args_parse(&a, "commp", argc, argv, valued, NULL, NULL);
    const char *in = args_need(&a, "input");
    FILE *f = strcmp(in, "-") == 0 ? stdin : fopen(in, "rb");
    if (!f)
        die("commp: cannot open input %s: %s", in, strerror(errno));
    uint8_t comm[32];
    uint64_t padded = 0, payload = 0;
    int rc = commp_stream(f, comm, &padded, &payload);
    if (rc == -1)
        die("commp: cannot read input %s: %s", in, strerror(errno));
    if (rc == -2)
        die("commp: input %s has %llu bytes; commP needs a payload of at least %d bytes", in,
            (unsigned long long)payload, COMMP_MIN_PAYLOAD);
    if (f != stdin)
        fclose(f);
    char cid[COMM_CID_LEN + 1];
    commd_to_cid(comm, cid);
    printf("{\"commP\":\"%s\"", cid);
    json_hex_field(stdout, "commPHex", comm, 32);
    printf(",\"pieceSize\":%llu,\"unpaddedPieceSize\":%llu,\"payloadSize\":%llu}\n",
           (unsigned long long)padded, (unsigned long long)(padded - padded / 128),
           (unsigned long long)payload);
    args_free(&a);
    return 0;
}

/* ---- add-piece --------------------------------------------------------- */

int cmd_add_piece(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "unsealed", NULL};
    static const char *multi[] = {"input", NULL};
    args a;
    args_parse(&a, "add-piece", argc, argv, valued, NULL, multi);
    uint64_t size = sector_size_from_args(&a);
    const char *out = args_need(&a, "unsealed");
    size_t n = args_count(&a, "input");
    if (!n)
        die("add-piece: --input is required");
    const char **inputs = xcalloc(n, sizeof *inputs);
    size_t k = 0;
    for (size_t i = 0; i < a.n; i++)
        if (strcmp(a.kv[i].name, "input") == 0)
            inputs[k++] = a.kv[i].value;
    ap_result r;
    add_piece_run(size, inputs, n, out, &r);
    char cid[COMM_CID_LEN + 1];
    printf("{\"sectorSize\":%llu,\"unsealed\":", (unsigned long long)size);
    json_str(stdout, out);
    printf(",\"pieces\":[");
    for (size_t i = 0; i < r.n; i++) {
        ap_piece *p = &r.pieces[i];
        commd_to_cid(p->comm, cid);
        printf("%s{\"commP\":\"%s\"", i ? "," : "", cid);
        json_hex_field(stdout, "commPHex", p->comm, 32);
        printf(",\"size\":%llu,\"unpaddedSize\":%llu,\"offset\":%llu",
               (unsigned long long)p->size, (unsigned long long)(p->size - p->size / 128),
               (unsigned long long)p->offset);
        if (p->input) {
            printf(",\"payloadSize\":%llu,\"input\":", (unsigned long long)p->payload);
            json_str(stdout, p->input);
            printf(",\"filler\":false}");
        } else {
            printf(",\"payloadSize\":0,\"filler\":true}");
        }
    }
    commd_to_cid(r.comm_d, cid);
    printf("],\"commD\":\"%s\"", cid);
    json_hex_field(stdout, "commDHex", r.comm_d, 32);
    printf("}\n");
    free(r.pieces);
    free(inputs);
    args_free(&a);
    return 0;
}

/* ---- read-unsealed ------------------------------------------------------ */

int cmd_read_unsealed(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "unsealed", "offset", "length", "out", NULL};
    args a;
    args_parse(&a, "read-unsealed", argc, argv, valued, NULL, NULL);
    uint64_t size = sector_size_from_args(&a);
    const char *in = args_need(&a, "unsealed"), *out = args_need(&a, "out");
    uint64_t offset = parse_u64_or_die("offset", args_need(&a, "offset"));
    uint64_t length = parse_u64_or_die("length", args_need(&a, "length"));
    double t0 = now_seconds();
    uint64_t n = read_unsealed_range(in, size, offset, length, out);
    printf("{\"out\":");
    json_str(stdout, out);
    printf(",\"offset\":%llu,\"bytes\":%llu,\"unpadded\":true,\"seconds\":%.3f}\n",
           (unsigned long long)offset, (unsigned long long)n, now_seconds() - t0);
    args_free(&a);
    return 0;
}

/* ---- pc1 --------------------------------------------------------------- */

static void print_pc1_sector(const pc1_job *j, const pc1_sector *s)
{
    const seal_proof *p = j->proof;
    uint64_t N = p->sector_size / 32;
    char cid[COMM_CID_LEN + 1];
    commd_to_cid(s->comm_d, cid);
    printf("\"sector\":%llu,\"miner\":", (unsigned long long)s->sector);
    json_str(stdout, s->miner);
    json_hex_field(stdout, "proverId", s->prover_id, 32);
    json_hex_field(stdout, "ticket", s->ticket, 32);
    printf(",\"commD\":\"%s\"", cid);
    json_hex_field(stdout, "commDHex", s->comm_d, 32);
    json_hex_field(stdout, "replicaId", s->replica_id, 32);
    json_hex_field(stdout, "lastLabel", s->last_label, 32);
    printf(",\"unsealed\":");
    json_str(stdout, s->unsealed);
    printf(",\"cache\":");
    json_str(stdout, s->cache);
    char *td = path_join(s->cache, "sc-02-data-tree-d.dat");
    printf(",\"treeD\":");
    json_str(stdout, td);
    free(td);
    printf(",\"layers\":[");
    for (unsigned l = 1; l <= p->layers; l++) {
        char name[64];
        snprintf(name, sizeof name, "sc-02-data-layer-%u.dat", l);
        char *lp = path_join(s->cache, name);
        if (l > 1)
            putchar(',');
        json_str(stdout, lp);
        free(lp);
    }
    /* SealPreCommitPhase1Output as filecoin-ffi serializes it. */
    printf("],\"pc1Output\":{\"registered_proof\":\"%s\",\"labels\":{\"%s\":{\"labels\":[",
           p->name, p->labels_variant);
    for (unsigned l = 1; l <= p->layers; l++) {
        printf("%s{\"path\":", l > 1 ? "," : "");
        json_str(stdout, s->cache);
        printf(",\"id\":\"layer-%u\",\"size\":%llu,\"rows_to_discard\":0}", l,
               (unsigned long long)N);
    }
    printf("],\"_h\":null}},\"config\":{\"path\":");
    json_str(stdout, s->cache);
    printf(",\"id\":\"tree-d\",\"size\":%llu,\"rows_to_discard\":0},\"comm_d\":[",
           (unsigned long long)(2 * N - 1));
    for (int i = 0; i < 32; i++)
        printf("%s%u", i ? "," : "", s->comm_d[i]);
    printf("]}");
}

static const char PC1_HELP[] =
    "usage: sealer pc1 --sector-size S | --proof P [--api V] [--threads T] [--no-producer]\n"
    "                  [--parent-cache DIR] [--miner ID]\n"
    "                  --sector N --ticket HEX --unsealed FILE --cache DIR [--comm-d CID|HEX]\n"
    "                  [--sector N --ticket ... (one group per sector of a batch)]\n"
    "\n"
    "PreCommit1: tree-d, comm_d, replica_id and the SDR layer files of one sector, or of a\n"
    "batch of same-size sectors that share the parent cache. One JSON object on stdout.\n"
    "\n"
    "Memory: two layers per sector in RAM (2 x the sector size: 64 GiB for a 32 GiB\n"
    "sector), plus about 1 MiB for the producer's ring and 1 MiB per layer being written;\n"
    "the parent cache (56 bytes per node) is mapped from its file and shared.\n"
    "\n"
    "Threads: min(T, sectors) hashing threads, the sectors spread evenly; each thread\n"
    "hashes its sectors side by side (SHA-NI: 4 at full rate, AVX2: 8). A thread left\n"
    "without a sector becomes the producer, so one sector with T >= 2 runs hasher +\n"
    "producer (FIL_PROOFS_USE_MULTICORE_SDR). For the most sectors per CPU-second run\n"
    "4 sectors per labeling thread on SHA-NI, one thread per core (two with SMT).\n"
    "SEALER_SHA=sha-ni|avx2|portable forces a SHA-256 back end (same output).\n";

int cmd_pc1(int argc, char **argv)
{
    if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
        fputs(PC1_HELP, stdout);
        return 0;
    }
    static const char *valued[] = {"sector-size", "api", "proof", "miner", "sector",
                                   "ticket", "unsealed", "cache", "comm-d", "parent-cache",
                                   "threads", NULL};
    static const char *bools[] = {"no-producer", NULL};
    args a;
    args_parse(&a, "pc1", argc, argv, valued, bools, NULL);
    pc1_job j = {0};
    j.proof = proof_from_args(&a);
    j.threads = threads_from_args(&a);
    j.no_producer = args_has(&a, "no-producer");
    char *pdir = parent_dir_from_args(&a);
    j.parent_dir = pdir;
    size_t ns = args_count(&a, "sector");
    if (!ns)
        die("pc1: --sector is required");
    j.n = ns;
    j.sectors = xcalloc(ns, sizeof *j.sectors);
    /* One sector: flags in any order. Several: --ticket/--unsealed/--cache/
     * --comm-d/--miner belong to the --sector before them; a --miner before
     * the first --sector applies to all. */
    const char *global_miner = NULL;
    long cur = ns == 1 ? 0 : -1;
    for (size_t i = 0; i < a.n; i++) {
        const char *k = a.kv[i].name, *v = a.kv[i].value;
        if (strcmp(k, "sector") == 0) {
            if (ns > 1)
                cur++;
            j.sectors[cur].sector = parse_u64_or_die("sector", v);
            continue;
        }
        const char **slot = NULL;
        pc1_sector *s = cur >= 0 ? &j.sectors[cur] : NULL;
        if (strcmp(k, "miner") == 0) {
            if (!s) {
                global_miner = v;
                continue;
            }
            slot = &s->miner;
        } else if (strcmp(k, "ticket") == 0) {
            slot = s ? &s->ticket_hex : NULL;
        } else if (strcmp(k, "unsealed") == 0) {
            slot = s ? &s->unsealed : NULL;
        } else if (strcmp(k, "cache") == 0) {
            slot = s ? &s->cache : NULL;
        } else if (strcmp(k, "comm-d") == 0) {
            slot = s ? &s->expect_comm_d : NULL;
        } else {
            continue;
        }
        if (!slot)
            die("pc1: --%s appears before the first --sector of a batch", k);
        *slot = v;
    }
    for (size_t i = 0; i < ns; i++)
        if (!j.sectors[i].miner)
            j.sectors[i].miner = global_miner;
    pc1_validate(&j);
    pc1_run(&j);

    uint8_t porep_id[32];
    porep_id_of(j.proof->id, porep_id);
    printf("{\"registeredProof\":\"%s\",\"sectorSize\":%llu,\"api\":\"%s\"", j.proof->name,
           (unsigned long long)j.proof->sector_size, api_name(j.proof->api));
    json_hex_field(stdout, "porepId", porep_id, 32);
    printf(",\"parentCache\":");
    json_str(stdout, j.pc.path);
    printf(",\"parentCacheGenerated\":%s,\"parentCacheDigestChecked\":%s",
           j.pc.generated ? "true" : "false", j.pc.digest_checked ? "true" : "false");
    printf(",\"shaImpl\":\"%s\",\"threads\":%u,\"hashers\":%u,\"producers\":%u,"
           "\"lanes\":%u,\"pinned\":%s",
           sha256_active()->name, j.threads, j.hashers, j.producers, j.lanes,
           j.pinned ? "true" : "false");
    printf(",\"treeDSeconds\":%.3f,\"labelSeconds\":%.3f,\"wallSeconds\":%.3f",
           j.tree_d_seconds, j.label_seconds, j.wall_seconds);
    if (ns == 1) {
        putchar(',');
        print_pc1_sector(&j, &j.sectors[0]);
    }
    printf(",\"sectors\":[");
    for (size_t i = 0; i < ns; i++) {
        printf("%s{", i ? "," : "");
        print_pc1_sector(&j, &j.sectors[i]);
        putchar('}');
    }
    printf("]}\n");
    parent_cache_close(&j.pc);
    for (size_t i = 0; i < ns; i++)
        free(j.sectors[i].cache_abs);
    free(j.sectors);
    free(pdir);
    args_free(&a);
    return 0;
}

/* ---- parents ----------------------------------------------------------- */

int cmd_parents(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "node", NULL};
    args a;
    args_parse(&a, "parents", argc, argv, valued, NULL, NULL);
    const seal_proof *p = proof_from_args(&a);
    uint64_t node = parse_u64_or_die("node", args_need(&a, "node"));
    uint64_t N = p->sector_size / 32;
    if (node >= N)
        die("parents: --node %llu is outside the %s graph (nodes 0..%llu)",
            (unsigned long long)node, sector_size_name(p->sector_size),
            (unsigned long long)(N - 1));
    uint8_t porep_id[32];
    porep_id_of(p->id, porep_id);
    sdr_graph g;
    graph_init(&g, N, porep_id, p->api);
    uint32_t par[DEGREE];
    graph_parents(&g, node, par);
    char stem[96];
    parent_cache_stem(&g, stem);
    printf("{\"registeredProof\":\"%s\",\"sectorSize\":%llu,\"api\":\"%s\",\"nodes\":%llu,"
           "\"node\":%llu,\"drg\":[",
           p->name, (unsigned long long)p->sector_size, api_name(p->api), (unsigned long long)N,
           (unsigned long long)node);
    for (int i = 0; i < BASE_DEGREE; i++)
        printf("%s%u", i ? "," : "", par[i]);
    printf("],\"expander\":[");
    for (int i = 0; i < EXP_DEGREE; i++)
        printf("%s%u", i ? "," : "", par[BASE_DEGREE + i]);
    printf("],\"parentCacheFile\":\"%s.cache\"}\n", stem);
    args_free(&a);
    return 0;
}

/* ---- labels ------------------------------------------------------------ */

typedef struct {
    uint8_t (*digests)[32];
    unsigned layers;
} labels_ctx;

static void digest_layer(void *ctx, size_t sector, unsigned layer, const layer_view *lv)
{
    labels_ctx *c = ctx;
    sha256_ctx h;
    sha256_init(&h);
    uint8_t chunk[32 * 1024];
    for (uint64_t v = 0; v < lv->nodes; v += 1024) {
        uint64_t n = lv->nodes - v < 1024 ? lv->nodes - v : 1024;
        layer_view_copy(lv, v, n, chunk);
        sha256_update(&h, chunk, n * 32);
    }
    sha256_final(&h, c->digests[layer - 1]);
}

int cmd_labels(int argc, char **argv)
{
    static const char *valued[] = {"nodes", "layers", "replica-id", "porep-id", "api",
                                   "threads", NULL};
    static const char *bools[] = {"no-producer", NULL};
    args a;
    args_parse(&a, "labels", argc, argv, valued, bools, NULL);
    uint64_t nodes = parse_u64_or_die("nodes", args_need(&a, "nodes"));
    uint64_t layers = parse_u64_or_die("layers", args_need(&a, "layers"));
    if (nodes < 2 || nodes > (1ULL << 31))
        die("labels: --nodes must be between 2 and 2^31");
    if (layers < 1 || layers > 64)
        die("labels: --layers must be between 1 and 64");
    uint8_t rid[32], porep[32];
    const char *r = args_need(&a, "replica-id"), *pp = args_need(&a, "porep-id");
    if (hex_decode(r, rid, 32) != 0)
        die("labels: --replica-id must be 64 hex characters (32 bytes)");
    if (hex_decode(pp, porep, 32) != 0)
        die("labels: --porep-id must be 64 hex characters (32 bytes)");
    api_version api;
    const char *av = args_need(&a, "api");
    if (parse_api(av, &api) != 0)
        die("labels: --api %s is not 1.0, 1.1 or 1.2", av);
    unsigned threads = threads_from_args(&a);
    uint64_t mem = nodes * DEGREE * 4 + labels_memory_needed(nodes, 1);
    uint64_t avail = mem_available();
    if (avail && mem > avail)
        die("labels: %llu nodes need %llu bytes of RAM, %llu available",
            (unsigned long long)nodes, (unsigned long long)mem, (unsigned long long)avail);
    sdr_graph g;
    graph_init(&g, nodes, porep, api);
    uint32_t *par = xmalloc_aligned(nodes * DEGREE * 4);
    parents_fill(&g, par, threads);
    labels_ctx ctx = {xcalloc(layers, 32), (unsigned)layers};
    uint8_t last[1][32];
    labels_job j = {0};
    j.nodes = nodes;
    j.layers = (unsigned)layers;
    j.parents = par;
    j.nsectors = 1;
    j.replica_ids = (const uint8_t(*)[32])rid;
    j.threads = threads;
    j.no_producer = args_has(&a, "no-producer");
    j.on_layer = digest_layer;
    j.ctx = &ctx;
    j.last_labels = last;
    labels_run(&j);
    printf("{\"nodes\":%llu,\"layers\":%llu,\"api\":\"%s\"", (unsigned long long)nodes,
           (unsigned long long)layers, api_name(api));
    json_hex_field(stdout, "lastLabel", last[0], 32);
    printf(",\"layerSha256\":[");
    for (unsigned l = 0; l < layers; l++) {
        char h[65];
        hex_encode(ctx.digests[l], 32, h);
        printf("%s\"%s\"", l ? "," : "", h);
    }
    printf("]}\n");
    free(par);
    free(ctx.digests);
    args_free(&a);
    return 0;
}

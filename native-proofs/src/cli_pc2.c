#define _GNU_SOURCE
#include "cli_pc2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c1.h"
#include "cid.h"
#include "cli.h"
#include "fr.h"
#include "gpu.h"
#include "pc2.h"
#include "poseidon.h"
#include "unseal.h"
#include "util.h"

static void hexf(const char *name, const uint8_t b[32])
{
    char h[65];
    hex_encode(b, 32, h);
    printf(",\"%s\":\"%s\"", name, h);
}

static pc2_engine engine_from_args(const args *a)
{
    const char *e = args_get(a, "engine");
    if (!e || strcmp(e, "auto") == 0)
        return ENGINE_AUTO;
    if (strcmp(e, "cpu") == 0)
        return ENGINE_CPU;
    if (strcmp(e, "gpu") == 0)
        return ENGINE_GPU;
    die("%s: --engine %s is not auto, cpu or gpu", a->cmd, e);
}

/* ---- pc2 ----------------------------------------------------------------- */

static int cmd_pc2(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "cache", "unsealed", "sealed",
                                   "threads", "engine", NULL};
    static const char *bools[] = {"no-t-aux", NULL};
    args a;
    args_parse(&a, "pc2", argc, argv, valued, bools, NULL);
    pc2_job j;
    memset(&j, 0, sizeof j);
    j.proof = proof_from_args(&a);
    j.cache = args_need(&a, "cache");
    j.unsealed = args_need(&a, "unsealed");
    j.sealed = args_need(&a, "sealed");
    j.threads = threads_from_args(&a);
    j.engine = engine_from_args(&a);
    j.no_t_aux = args_has(&a, "no-t-aux");
    pc2_validate(&j);
    pc2_run(&j);
    char cid[COMMR_CID_LEN + 1], dcid[COMM_CID_LEN + 1];
    commr_to_cid(j.comm_r, cid);
    commd_to_cid(j.comm_d, dcid);
    const tree_shape *s = &j.shape;
    printf("{\"registeredProof\":\"%s\",\"sectorSize\":%llu,\"commR\":\"%s\"", j.proof->name,
           (unsigned long long)j.proof->sector_size, cid);
    hexf("commRHex", j.comm_r);
    hexf("commC", j.comm_c);
    hexf("commRLast", j.comm_r_last);
    printf(",\"commD\":\"%s\"", dcid);
    hexf("commDHex", j.comm_d);
    printf(",\"shape\":\"8-%u-%u\",\"baseTrees\":%u,\"rowsToDiscard\":%u", s->sub_arity,
           s->top_arity, s->base_count, s->rtd);
    printf(",\"sealed\":");
    json_str(stdout, j.sealed);
    printf(",\"treeC\":[");
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_c_name(s, b, name);
        char *pth = path_join(j.cache, name);
        if (b)
            putchar(',');
        json_str(stdout, pth);
        free(pth);
    }
    printf("],\"treeRLast\":[");
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        tree_r_name(s, b, name);
        char *pth = path_join(j.cache, name);
        if (b)
            putchar(',');
        json_str(stdout, pth);
        free(pth);
    }
    char *pa = path_join(j.cache, "p_aux"), *ta = path_join(j.cache, "t_aux");
    printf("],\"pAux\":");
    json_str(stdout, pa);
    printf(",\"tAux\":");
    if (j.no_t_aux)
        printf("null");
    else
        json_str(stdout, ta);
    printf(",\"treeDRebuilt\":%s,\"engine\":\"%s\",\"gpu\":", j.tree_d_built ? "true" : "false",
           j.engine_used);
    json_str(stdout, gpu_describe());
    printf(",\"frBackend\":\"%s\",\"threads\":%u,\"computeSeconds\":%.3f,\"seconds\":%.3f}\n",
           fr_backend(), j.threads, j.compute_seconds, j.seconds);
    free(pa);
    free(ta);
    args_free(&a);
    return 0;
}

/* ---- c1 ------------------------------------------------------------------ */

static void need_hex32(const char *cmd, const char *flag, const char *v, uint8_t out[32])
{
    if (strlen(v) != 64)
        die("%s: --%s must be 64 hex characters (32 bytes), got %zu characters", cmd, flag,
            strlen(v));
    if (hex_decode(v, out, 32) != 0)
        die("%s: --%s %s is not valid hex", cmd, flag, v);
}

static int cmd_c1(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "miner", "sector", "ticket",
                                   "seed", "cache", "sealed", "out", NULL};
    args a;
    args_parse(&a, "c1", argc, argv, valued, NULL, NULL);
    c1_job j;
    memset(&j, 0, sizeof j);
    j.proof = proof_from_args(&a);
    j.miner = args_need(&a, "miner");
    uint64_t actor;
    if (prover_id_from_miner(j.miner, j.prover_id, &actor) != 0)
        die("c1: --miner %s is not an ID address like f01000 or t01000", j.miner);
    j.sector = parse_u64_or_die("sector", args_need(&a, "sector"));
    need_hex32("c1", "ticket", args_need(&a, "ticket"), j.ticket);
    need_hex32("c1", "seed", args_need(&a, "seed"), j.seed);
    j.cache = args_need(&a, "cache");
    j.sealed = args_need(&a, "sealed");
    j.out = args_need(&a, "out");
    c1_validate(&j);
    c1_run(&j);
    char cid[COMMR_CID_LEN + 1], dcid[COMM_CID_LEN + 1];
    commr_to_cid(j.comm_r, cid);
    commd_to_cid(j.comm_d, dcid);
    printf("{\"registeredProof\":\"%s\",\"sector\":%llu,\"commR\":\"%s\",\"commD\":\"%s\"",
           j.proof->name, (unsigned long long)j.sector, cid, dcid);
    hexf("commRHex", j.comm_r);
    hexf("commDHex", j.comm_d);
    hexf("replicaId", j.replica_id);
    hexf("seed", j.seed);
    printf(",\"partitions\":%u,\"challengesPerPartition\":%u,\"challenges\":[", j.partitions,
           j.per_partition);
    for (unsigned k = 0; k < j.partitions; k++) {
        printf("%s[", k ? "," : "");
        for (unsigned i = 0; i < j.per_partition; i++)
            printf("%s%llu", i ? "," : "", (unsigned long long)j.challenges[k * j.per_partition + i]);
        putchar(']');
    }
    printf("],\"proofs\":");
    json_str(stdout, j.out);
    printf(",\"format\":\"filecoin-ffi SealCommitPhase1Output JSON\",\"bytes\":%llu,\"seconds\":%.3f}\n",
           (unsigned long long)j.out_bytes, j.seconds);
    free(j.challenges);
    args_free(&a);
    return 0;
}

/* ---- verify-c1 ----------------------------------------------------------- */

static int cmd_verify_c1(int argc, char **argv)
{
    static const char *valued[] = {"proofs", "comm-r", "comm-d", "miner", "sector", NULL};
    args a;
    args_parse(&a, "verify-c1", argc, argv, valued, NULL, NULL);
    const char *path = args_need(&a, "proofs");
    uint8_t cr[32], cd[32], rid[32];
    const uint8_t *pcr = NULL, *pcd = NULL, *prid = NULL;
    const char *s;
    if ((s = args_get(&a, "comm-r"))) {
        if (parse_comm_r(s, cr) != 0)
            die("verify-c1: --comm-r %s is neither a bagboea4b5abc... CID nor 64 hex characters", s);
        pcr = cr;
    }
    if ((s = args_get(&a, "comm-d"))) {
        if (parse_comm(s, cd) != 0)
            die("verify-c1: --comm-d %s is neither a baga6ea4sea... CID nor 64 hex characters", s);
        pcd = cd;
    }
    c1_verdict v;
    if (args_has(&a, "miner") != args_has(&a, "sector"))
        die("verify-c1: give --miner and --sector together");
    if (args_has(&a, "miner")) {
        /* replica_id from the prover, sector, ticket and comm_d in the file */
        c1_verify_file(path, NULL, NULL, NULL, &v);
        uint8_t prover[32], porep[32];
        uint64_t actor;
        if (prover_id_from_miner(args_get(&a, "miner"), prover, &actor) != 0)
            die("verify-c1: --miner %s is not an ID address", args_get(&a, "miner"));
        const seal_proof *p = seal_proof_by_name(v.registered_proof);
        porep_id_of(p->id, porep);
        replica_id_of(prover, parse_u64_or_die("sector", args_get(&a, "sector")), v.ticket,
                      v.comm_d, porep, rid);
        prid = rid;
        free(v.errors_json);
    }
    c1_verify_file(path, pcr, pcd, prid, &v);
    char cid[COMMR_CID_LEN + 1], dcid[COMM_CID_LEN + 1];
    commr_to_cid(v.comm_r, cid);
    commd_to_cid(v.comm_d, dcid);
    printf("{\"valid\":%s,\"registeredProof\":\"%s\",\"commR\":\"%s\",\"commD\":\"%s\"",
           v.valid ? "true" : "false", v.registered_proof, cid, dcid);
    hexf("replicaId", v.replica_id);
    printf(",\"partitions\":%u,\"challengesPerPartition\":%u,\"labelsRecomputed\":%llu,"
           "\"errorCount\":%u,\"errors\":%s}\n",
           v.partitions, v.per_partition, (unsigned long long)v.checks, v.nerrors,
           v.errors_json);
    if (!v.valid) {
        /* the first reason, on stderr, as one line */
        const char *m = strstr(v.errors_json, "\"message\":\"");
        char first[300] = "";
        if (m) {
            m += 11;
            size_t k = 0;
            while (m[k] && m[k] != '"' && k < sizeof first - 1) {
                first[k] = m[k];
                k++;
            }
            first[k] = 0;
        }
        fprintf(stderr, "sealer: verify-c1: INVALID (%u problem(s)); first: %s\n", v.nerrors, first);
    }
    free(v.errors_json);
    args_free(&a);
    return v.valid ? 0 : 1;
}

/* ---- unseal -------------------------------------------------------------- */

static int cmd_unseal(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "api", "proof", "cache", "sealed", "out",
                                   "offset", "length", "miner", "sector", "ticket", "comm-d",
                                   "parent-cache", "threads", NULL};
    static const char *bools[] = {"unpadded", NULL};
    args a;
    args_parse(&a, "unseal", argc, argv, valued, bools, NULL);
    unseal_job j;
    memset(&j, 0, sizeof j);
    j.proof = proof_from_args(&a);
    j.cache = args_need(&a, "cache");
    j.sealed = args_need(&a, "sealed");
    j.out = args_need(&a, "out");
    j.unpadded = args_has(&a, "unpadded");
    if (args_has(&a, "offset") || args_has(&a, "length")) {
        j.has_range = 1;
        j.offset = parse_u64_or_die("offset", args_need(&a, "offset"));
        j.length = parse_u64_or_die("length", args_need(&a, "length"));
    }
    j.miner = args_get(&a, "miner");
    j.ticket_hex = args_get(&a, "ticket");
    j.comm_d = args_get(&a, "comm-d");
    if (args_has(&a, "sector")) {
        j.has_sector = 1;
        j.sector = parse_u64_or_die("sector", args_get(&a, "sector"));
    }
    char *pdir = parent_dir_from_args(&a);
    j.parent_dir = pdir;
    j.threads = threads_from_args(&a);
    unseal_run(&j);
    printf("{\"registeredProof\":\"%s\",\"out\":", j.proof->name);
    json_str(stdout, j.out);
    printf(",\"offset\":%llu,\"bytes\":%llu,\"unpadded\":%s,\"keySource\":\"%s\",\"seconds\":%.3f}\n",
           (unsigned long long)(j.has_range ? j.offset : 0), (unsigned long long)j.bytes,
           j.unpadded ? "true" : "false", j.key_source, j.seconds);
    free(pdir);
    args_free(&a);
    return 0;
}

/* ---- poseidon ------------------------------------------------------------ */

static int cmd_poseidon(int argc, char **argv)
{
    static const char *valued[] = {"arity", "inputs", NULL};
    static const char *bools[] = {"plain", NULL};
    args a;
    args_parse(&a, "poseidon", argc, argv, valued, bools, NULL);
    uint64_t arity = parse_u64_or_die("arity", args_need(&a, "arity"));
    if (arity > 64 || !poseidon_arity_supported((unsigned)arity))
        die("poseidon: --arity %llu is not supported (2, 4, 8, 11, 16, 24 or 36)",
            (unsigned long long)arity);
    const poseidon_params *p = poseidon_params_get((unsigned)arity);
    char *list = xstrdup(args_need(&a, "inputs"));
    fr_t in[POSEIDON_MAX_ARITY];
    unsigned n = 0;
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        if (n >= arity)
            die("poseidon: --inputs has more than %llu values", (unsigned long long)arity);
        uint8_t b[32];
        size_t l = strlen(tok);
        if (l == 64 && hex_decode(tok, b, 32) == 0) {
            if (fr_from_bytes(&in[n], b) != 0)
                die("poseidon: input %u (%s) is not a field element (>= r)", n + 1, tok);
        } else {
            char *end;
            unsigned long long v = strtoull(tok, &end, 10);
            if (!*tok || *end || l > 19)
                die("poseidon: input %u '%s' is neither a decimal integer nor 64 hex characters "
                    "(32 bytes little-endian)",
                    n + 1, tok);
            fr_from_u64(&in[n], v);
        }
        n++;
    }
    if (n != arity)
        die("poseidon: --arity %llu needs %llu inputs, got %u", (unsigned long long)arity,
            (unsigned long long)arity, n);
    fr_t h;
    if (args_has(&a, "plain"))
        poseidon_hash_plain(p, in, &h);
    else
        poseidon_hash(p, in, &h);
    uint8_t out[32];
    fr_to_bytes(out, &h);
    printf("{\"arity\":%llu", (unsigned long long)arity);
    hexf("hash", out);
    char be[67];
    fr_to_hex_be(be, &h);
    printf(",\"hashBigEndian\":\"%s\",\"domainTag\":%llu,\"fullRounds\":%u,\"partialRounds\":%u,"
           "\"form\":\"%s\",\"frBackend\":\"%s\"}\n",
           be, (unsigned long long)((1ULL << arity) - 1), p->rf, p->rp,
           args_has(&a, "plain") ? "plain" : "optimized", fr_backend());
    free(list);
    args_free(&a);
    return 0;
}

int cli_pc2_dispatch(const char *cmd, int argc, char **argv, int *rc)
{
    if (strcmp(cmd, "pc2") == 0)
        *rc = cmd_pc2(argc, argv);
    else if (strcmp(cmd, "c1") == 0)
        *rc = cmd_c1(argc, argv);
    else if (strcmp(cmd, "verify-c1") == 0)
        *rc = cmd_verify_c1(argc, argv);
    else if (strcmp(cmd, "unseal") == 0)
        *rc = cmd_unseal(argc, argv);
    else if (strcmp(cmd, "poseidon") == 0)
        *rc = cmd_poseidon(argc, argv);
    else if (strcmp(cmd, "bench") == 0 && argc >= 1 && strcmp(argv[0], "poseidon") == 0)
        *rc = cmd_bench_poseidon(argc - 1, argv + 1);
    else if (strcmp(cmd, "bench") == 0 && argc >= 1 && strcmp(argv[0], "pc2") == 0)
        *rc = cmd_bench_pc2(argc - 1, argv + 1);
    else
        return 0;
    return 1;
}

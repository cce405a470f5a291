/* The subcommands over Poseidon trees: pc2, c1, verify-c1, unseal, poseidon. */
#define _GNU_SOURCE
#include "cli/args.h"
#include "cli/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field/fr.h"
#include "gpu/gpu.h"
#include "hash/poseidon.h"
#include "porep/c1.h"
#include "porep/cid.h"
#include "porep/pc2.h"
#include "porep/unseal.h"
#include "util/util.h"

/* ---- pc2 ----------------------------------------------------------------- */

/* ',"field":[<path of each base tree's file>]' */
static void print_tree_files(const char *field, const char *cache, const tree_shape *s,
                             void (*name_of)(const tree_shape *, unsigned, char *))
{
    printf(",\"%s\":[", field);
    for (unsigned b = 0; b < s->base_count; b++) {
        char name[64];
        name_of(s, b, name);
        char *pth = path_join(cache, name);
        if (b)
            putchar(',');
        json_str(stdout, pth);
        free(pth);
    }
    putchar(']');
}

int cmd_pc2(int argc, char **argv)
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
    json_hex_field(stdout, "commRHex", j.comm_r, 32);
    json_hex_field(stdout, "commC", j.comm_c, 32);
    json_hex_field(stdout, "commRLast", j.comm_r_last, 32);
    printf(",\"commD\":\"%s\"", dcid);
    json_hex_field(stdout, "commDHex", j.comm_d, 32);
    printf(",\"shape\":\"8-%u-%u\",\"baseTrees\":%u,\"rowsToDiscard\":%u", s->sub_arity,
           s->top_arity, s->base_count, s->rtd);
    printf(",\"sealed\":");
    json_str(stdout, j.sealed);
    print_tree_files("treeC", j.cache, s, tree_c_name);
    print_tree_files("treeRLast", j.cache, s, tree_r_name);
    char *pa = path_join(j.cache, "p_aux"), *ta = path_join(j.cache, "t_aux");
    printf(",\"pAux\":");
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

int cmd_c1(int argc, char **argv)
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
    args_hex32(&a, "ticket", j.ticket);
    args_hex32(&a, "seed", j.seed);
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
    json_hex_field(stdout, "commRHex", j.comm_r, 32);
    json_hex_field(stdout, "commDHex", j.comm_d, 32);
    json_hex_field(stdout, "replicaId", j.replica_id, 32);
    json_hex_field(stdout, "seed", j.seed, 32);
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

int cmd_verify_c1(int argc, char **argv)
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
    json_hex_field(stdout, "replicaId", v.replica_id, 32);
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

int cmd_unseal(int argc, char **argv)
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

int cmd_poseidon(int argc, char **argv)
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
    json_hex_field(stdout, "hash", out, 32);
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

/* Subcommands for the empty sector update and the capabilities report:
 * update-encode, update-decode, regen-sector-key, update-vanilla-proofs,
 * verify-update-proofs, capabilities. */
#define _GNU_SOURCE
#include "cli_update.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cid.h"
#include "cli.h"
#include "gpu.h"
#include "sha256.h"
#include "update.h"
#include "util.h"

static void hexf(const char *name, const uint8_t b[32])
{
    char h[65];
    hex_encode(b, 32, h);
    printf(",\"%s\":\"%s\"", name, h);
}

static void commr_fields(const char *name, const uint8_t b[32])
{
    char cid[COMMR_CID_LEN + 1], hn[64];
    commr_to_cid(b, cid);
    printf(",\"%s\":\"%s\"", name, cid);
    snprintf(hn, sizeof hn, "%sHex", name);
    hexf(hn, b);
}

static void commd_fields(const char *name, const uint8_t b[32])
{
    char cid[COMM_CID_LEN + 1], hn[64];
    commd_to_cid(b, cid);
    printf(",\"%s\":\"%s\"", name, cid);
    snprintf(hn, sizeof hn, "%sHex", name);
    hexf(hn, b);
}

static uint64_t size_from_args(const args *a)
{
    const char *ss = args_need(a, "sector-size");
    uint64_t size = parse_sector_size(ss);
    if (!size || update_proof_id(size, NULL) < 0)
        die("%s: --sector-size %s is not one of 2KiB, 8MiB, 512MiB, 32GiB, 64GiB (or their byte "
            "counts)",
            a->cmd, ss);
    return size;
}

static int comm_d_arg(const args *a, const char *flag, uint8_t out[32], int required)
{
    const char *s = required ? args_need(a, flag) : args_get(a, flag);
    if (!s)
        return 0;
    if (parse_comm(s, out) != 0 || !fr_bytes_canonical(out))
        die("%s: --%s %s is neither a baga6ea4sea... CID nor 64 hex characters of a field "
            "element",
            a->cmd, flag, s);
    return 1;
}

static int comm_r_arg(const args *a, const char *flag, uint8_t out[32], int required)
{
    const char *s = required ? args_need(a, flag) : args_get(a, flag);
    if (!s)
        return 0;
    if (parse_comm_r(s, out) != 0 || !fr_bytes_canonical(out))
        die("%s: --%s %s is neither a bagboea4b5abc... CID nor 64 hex characters of a field "
            "element",
            a->cmd, flag, s);
    return 1;
}

static void print_tree_r_files(const update_job *j, const char *cache)
{
    printf(",\"treeRLast\":[");
    for (unsigned b = 0; b < j->shape.base_count; b++) {
        char name[64];
        tree_r_name(&j->shape, b, name);
        char *p = path_join(cache, name);
        if (b)
            putchar(',');
        json_str(stdout, p);
        free(p);
    }
    putchar(']');
}

static void print_head(const args *a, uint64_t size)
{
    const char *name;
    int id = update_proof_id(size, &name);
    printf("{\"updateProof\":\"%s\",\"updateProofId\":%d,\"sectorSize\":%llu", name, id,
           (unsigned long long)size);
}

/* ---- update-encode ----------------------------------------------------- */

static int cmd_update_encode(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "sector-key", "sector-key-cache", "staged-data",
                                   "update", "update-cache", "comm-d", "threads", NULL};
    args a;
    args_parse(&a, "update-encode", argc, argv, valued, NULL, NULL);
    update_job j;
    memset(&j, 0, sizeof j);
    j.mode = UPD_ENCODE;
    j.sector_size = size_from_args(&a);
    j.key = args_need(&a, "sector-key");
    j.key_cache = args_need(&a, "sector-key-cache");
    j.data = args_need(&a, "staged-data");
    j.out = args_need(&a, "update");
    j.out_cache = args_need(&a, "update-cache");
    j.has_comm_d = comm_d_arg(&a, "comm-d", j.comm_d_new, 0);
    j.threads = threads_from_args(&a);
    update_run(&j);
    uint8_t comm_r_old[32], crl_old[32];
    (void)crl_old;
    print_head(&a, j.sector_size);
    commr_fields("commRNew", j.comm_r);
    commd_fields("commDNew", j.comm_d_new);
    hexf("commRLastNew", j.comm_r_last);
    hexf("commC", j.comm_c);
    hexf("phi", j.phi);
    (void)comm_r_old;
    printf(",\"update\":");
    json_str(stdout, j.out);
    printf(",\"updateCache\":");
    json_str(stdout, j.out_cache);
    char *td = path_join(j.out_cache, "sc-02-data-tree-d.dat");
    printf(",\"treeD\":");
    json_str(stdout, td);
    free(td);
    print_tree_r_files(&j, j.out_cache);
    printf(",\"shape\":\"8-%u-%u\",\"rowsToDiscard\":%u,\"h\":%u,\"engine\":\"cpu\",\"threads\":%u,"
           "\"treeDSeconds\":%.3f,\"seconds\":%.3f}\n",
           j.shape.sub_arity, j.shape.top_arity, j.shape.rtd, j.u.h, j.threads,
           j.tree_d_seconds, j.seconds);
    args_free(&a);
    return 0;
}

/* ---- update-decode ----------------------------------------------------- */

static int cmd_update_decode(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "update", "sector-key", "sector-key-cache",
                                   "comm-r-old", "comm-d", "out", "offset", "length",
                                   "threads", NULL};
    args a;
    args_parse(&a, "update-decode", argc, argv, valued, NULL, NULL);
    update_job j;
    memset(&j, 0, sizeof j);
    j.mode = UPD_DECODE;
    j.sector_size = size_from_args(&a);
    j.replica = args_need(&a, "update");
    j.key = args_need(&a, "sector-key");
    j.key_cache = args_get(&a, "sector-key-cache");
    j.has_comm_r_old = comm_r_arg(&a, "comm-r-old", j.comm_r_old, 0);
    j.has_comm_d = comm_d_arg(&a, "comm-d", j.comm_d_new, 1);
    j.out = args_need(&a, "out");
    if (args_has(&a, "offset") || args_has(&a, "length")) {
        uint64_t off = parse_u64_or_die("offset", args_need(&a, "offset"));
        uint64_t len = parse_u64_or_die("length", args_need(&a, "length"));
        if (off % 32 || len % 32 || len == 0)
            die("update-decode: --offset %llu and --length %llu must be non-zero multiples of 32 "
                "(padded sector bytes, whole nodes)",
                (unsigned long long)off, (unsigned long long)len);
        j.has_range = 1;
        j.node_off = off / 32;
        j.node_count = len / 32;
    }
    j.threads = threads_from_args(&a);
    update_run(&j);
    print_head(&a, j.sector_size);
    commr_fields("commROld", j.comm_r_old);
    commd_fields("commDNew", j.comm_d_new);
    printf(",\"out\":");
    json_str(stdout, j.out);
    uint64_t nodes = j.has_range ? j.node_count : j.u.nodes;
    printf(",\"offset\":%llu,\"bytes\":%llu,\"commDChecked\":%s,\"threads\":%u,\"seconds\":%.3f}\n",
           (unsigned long long)(j.has_range ? j.node_off * 32 : 0),
           (unsigned long long)(nodes * 32), j.has_range ? "false" : "true", j.threads,
           j.seconds);
    args_free(&a);
    return 0;
}

/* ---- regen-sector-key -------------------------------------------------- */

static int cmd_regen(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "update", "update-cache", "staged-data",
                                   "comm-d", "comm-r-old", "sector-key", "sector-key-cache",
                                   "threads", NULL};
    args a;
    args_parse(&a, "regen-sector-key", argc, argv, valued, NULL, NULL);
    update_job j;
    memset(&j, 0, sizeof j);
    j.mode = UPD_REGEN;
    j.sector_size = size_from_args(&a);
    j.replica = args_need(&a, "update");
    j.replica_cache = args_need(&a, "update-cache");
    j.data = args_need(&a, "staged-data");
    j.has_comm_d = comm_d_arg(&a, "comm-d", j.comm_d_new, 1);
    j.has_comm_r_old = comm_r_arg(&a, "comm-r-old", j.comm_r_old, 1);
    j.out = args_need(&a, "sector-key");
    j.out_cache = args_need(&a, "sector-key-cache");
    j.threads = threads_from_args(&a);
    update_run(&j);
    print_head(&a, j.sector_size);
    commr_fields("commR", j.comm_r);
    hexf("commRLast", j.comm_r_last);
    hexf("commC", j.comm_c);
    printf(",\"sectorKey\":");
    json_str(stdout, j.out);
    printf(",\"sectorKeyCache\":");
    json_str(stdout, j.out_cache);
    print_tree_r_files(&j, j.out_cache);
    printf(",\"threads\":%u,\"seconds\":%.3f}\n", j.threads, j.seconds);
    args_free(&a);
    return 0;
}

int cli_update_dispatch(const char *cmd, int argc, char **argv, int *rc)
{
    if (strcmp(cmd, "update-encode") == 0)
        *rc = cmd_update_encode(argc, argv);
    else if (strcmp(cmd, "update-decode") == 0)
        *rc = cmd_update_decode(argc, argv);
    else if (strcmp(cmd, "regen-sector-key") == 0)
        *rc = cmd_regen(argc, argv);
    else
        return 0;
    return 1;
}

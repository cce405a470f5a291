/* Subcommands for the empty sector update and the capabilities report:
 * update-encode, update-decode, regen-sector-key, update-vanilla-proofs,
 * verify-update-proofs, capabilities. */
#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/commands.h"
#include "porep/c1_json.h"
#include "porep/cid.h"
#include "cli/args.h"
#include "gpu/gpu.h"
#include "hash/sha256.h"
#include "update/update.h"
#include "util/util.h"

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
    uint64_t size = sector_size_from_args(a);
    if (update_proof_id(size, NULL) < 0)
        die("%s: --sector-size %llu has no registered update proof (2KiB, 8MiB, 512MiB, 32GiB, "
            "64GiB)",
            a->cmd, (unsigned long long)size);
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

int cmd_update_encode(int argc, char **argv)
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
    print_head(&a, j.sector_size);
    commr_fields("commRNew", j.comm_r);
    commd_fields("commDNew", j.comm_d_new);
    commr_fields("commROld", j.comm_r_old);
    hexf("commRLastNew", j.comm_r_last);
    hexf("commC", j.comm_c);
    hexf("phi", j.phi);
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

int cmd_update_decode(int argc, char **argv)
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

int cmd_regen_sector_key(int argc, char **argv)
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


/* ---- base64 (RFC 4648, padded), as Go's encoding/json writes []byte ---- */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *b64_encode(const uint8_t *in, size_t n)
{
    char *out = xmalloc(4 * ((n + 2) / 3) + 1), *o = out;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) |
                     (i + 2 < n ? in[i + 2] : 0);
        *o++ = B64[v >> 18 & 63];
        *o++ = B64[v >> 12 & 63];
        *o++ = i + 1 < n ? B64[v >> 6 & 63] : '=';
        *o++ = i + 2 < n ? B64[v & 63] : '=';
    }
    *o = 0;
    return out;
}

/* Returns the decoded length, or -1 on a character or padding error. */
static long b64_decode(const char *s, uint8_t *out)
{
    size_t n = strlen(s), o = 0;
    if (n % 4)
        return -1;
    for (size_t i = 0; i < n; i += 4) {
        uint32_t v = 0;
        int pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = s[i + k];
            const char *p = c ? strchr(B64, c) : NULL;
            if (c == '=' && i + 4 == n && k >= 2) {
                pad++;
                v <<= 6;
                continue;
            }
            if (!p || pad)
                return -1;
            v = v << 6 | (uint32_t)(p - B64);
        }
        out[o++] = (uint8_t)(v >> 16);
        if (pad < 2)
            out[o++] = (uint8_t)(v >> 8);
        if (pad < 1)
            out[o++] = (uint8_t)v;
    }
    return (long)o;
}

/* ---- update-vanilla-proofs ---------------------------------------------- */

int cmd_update_vanilla_proofs(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "sector-key", "sector-key-cache", "update",
                                   "update-cache", "comm-r-old", "comm-r-new", "comm-d-new",
                                   "out", "threads", NULL};
    args a;
    args_parse(&a, "update-vanilla-proofs", argc, argv, valued, NULL, NULL);
    update_prove_job j;
    memset(&j, 0, sizeof j);
    j.sector_size = size_from_args(&a);
    j.key = args_need(&a, "sector-key");
    j.key_cache = args_need(&a, "sector-key-cache");
    j.replica = args_need(&a, "update");
    j.replica_cache = args_need(&a, "update-cache");
    j.has_comm_r_old = comm_r_arg(&a, "comm-r-old", j.comm_r_old, 0);
    j.has_comm_r_new = comm_r_arg(&a, "comm-r-new", j.comm_r_new, 0);
    j.has_comm_d_new = comm_d_arg(&a, "comm-d-new", j.comm_d_new, 0);
    const char *out = args_need(&a, "out");
    j.threads = threads_from_args(&a);
    char *dir = xstrdup(out), *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    ensure_writable_dir(slash ? (*dir ? dir : "/") : ".", "output directory");
    free(dir);
    update_prove(&j);
    /* storiface.ReplicaVanillaProofs ([][]byte) as JSON: base64 strings */
    atomic_file af;
    af_open(&af, out);
    af_write(&af, "[", 1);
    for (unsigned k = 0; k < j.u.partitions; k++) {
        char *b = b64_encode(j.proofs[k], j.lens[k]);
        if (k)
            af_write(&af, ",", 1);
        af_write(&af, "\"", 1);
        af_write(&af, b, strlen(b));
        af_write(&af, "\"", 1);
        free(b);
    }
    af_write(&af, "]\n", 2);
    af_commit(&af);
    print_head(&a, j.sector_size);
    commr_fields("commROld", j.comm_r_old);
    commr_fields("commRNew", j.comm_r_new);
    commd_fields("commDNew", j.comm_d_new);
    printf(",\"out\":");
    json_str(stdout, out);
    printf(",\"partitions\":%u,\"challengesPerPartition\":%u,\"partitionBytes\":[", j.u.partitions,
           j.u.challenges);
    for (unsigned k = 0; k < j.u.partitions; k++)
        printf("%s%zu", k ? "," : "", j.lens[k]);
    printf("],\"partitionSha256\":[");
    for (unsigned k = 0; k < j.u.partitions; k++) {
        uint8_t d[32];
        char h[65];
        sha256(j.proofs[k], j.lens[k], d);
        hex_encode(d, 32, h);
        printf("%s\"%s\"", k ? "," : "", h);
    }
    printf("],\"challenges\":[");
    for (unsigned k = 0; k < j.u.partitions; k++) {
        printf("%s[", k ? "," : "");
        for (unsigned i = 0; i < j.u.challenges; i++)
            printf("%s%llu", i ? "," : "",
                   (unsigned long long)j.challenges[(size_t)k * j.u.challenges + i]);
        putchar(']');
    }
    /* ProveReplicaUpdate2's public inputs per partition (circuit order) */
    printf("],\"publicInputs\":[");
    for (unsigned k = 0; k < j.u.partitions; k++)
        printf("%s%llu", k ? "," : "", (unsigned long long)update_partition_input(&j.u, k));
    printf("],\"h\":%u,\"threads\":%u,\"seconds\":%.3f}\n", j.u.h, j.threads, j.seconds);
    for (unsigned k = 0; k < j.u.partitions; k++)
        free(j.proofs[k]);
    free(j.proofs);
    free(j.lens);
    free(j.challenges);
    args_free(&a);
    return 0;
}

/* ---- verify-update-proofs ----------------------------------------------- */

int cmd_verify_update_proofs(int argc, char **argv)
{
    static const char *valued[] = {"sector-size", "proofs", "comm-r-old", "comm-r-new",
                                   "comm-d-new", NULL};
    args a;
    args_parse(&a, "verify-update-proofs", argc, argv, valued, NULL, NULL);
    uint64_t size = size_from_args(&a);
    const char *path = args_need(&a, "proofs");
    uint8_t cro[32], crn[32], cdn[32];
    comm_r_arg(&a, "comm-r-old", cro, 1);
    comm_r_arg(&a, "comm-r-new", crn, 1);
    comm_d_arg(&a, "comm-d-new", cdn, 1);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        die("verify-update-proofs: cannot open --proofs %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size > (1LL << 30))
        die("verify-update-proofs: --proofs %s is not a readable file of at most 1 GiB", path);
    char *text = xmalloc((size_t)st.st_size + 1);
    pread_all_or_die(fd, text, (size_t)st.st_size, 0, path);
    close(fd);
    text[st.st_size] = 0;
    char err[200];
    jnode *root = json_parse(text, (size_t)st.st_size, err, sizeof err);
    if (!root)
        die("verify-update-proofs: --proofs %s is not JSON: %s", path, err);
    if (root->type != JN_ARR)
        die("verify-update-proofs: --proofs %s must be a JSON array of base64 strings (one per "
            "partition)",
            path);
    uint8_t **blobs = xcalloc(root->n + 1, sizeof *blobs);
    size_t *lens = xcalloc(root->n + 1, sizeof *lens);
    for (size_t k = 0; k < root->n; k++) {
        const jnode *e = root->kids[k];
        if (e->type != JN_STR)
            die("verify-update-proofs: --proofs %s: partition %zu is not a base64 string", path, k);
        blobs[k] = xmalloc(strlen(e->str) / 4 * 3 + 3);
        long n = b64_decode(e->str, blobs[k]);
        if (n < 0)
            die("verify-update-proofs: --proofs %s: partition %zu is not valid base64", path, k);
        lens[k] = (size_t)n;
    }
    update_params u;
    update_params_for_nodes(&u, size / 32);
    update_verdict v;
    update_verify(&u, size, (const uint8_t *const *)blobs, lens, (unsigned)root->n, cro, cdn, crn,
                  &v);
    print_head(&a, size);
    printf(",\"valid\":%s,\"partitions\":%u,\"partitionsChecked\":%u,\"challengesPerPartition\":%u,"
           "\"errorCount\":%u,\"errors\":[",
           v.valid ? "true" : "false", u.partitions, v.partitions_checked, u.challenges,
           v.nproblems);
    for (unsigned i = 0; i < v.nproblems; i++) {
        const update_problem *p = &v.problems[i];
        printf("%s{\"partition\":%u,\"challenge\":", i ? "," : "", p->partition);
        if (p->challenge == ~0u)
            printf("null,\"node\":null");
        else
            printf("%u,\"node\":%llu", p->challenge, (unsigned long long)p->node);
        printf(",\"check\":\"%s\",\"message\":", p->check);
        json_str(stdout, p->message);
        putchar('}');
    }
    printf("]}\n");
    if (!v.valid)
        fprintf(stderr, "sealer: verify-update-proofs: INVALID (%u problem(s)); first: %s\n",
                v.nproblems, v.problems[0].message);
    int rc = v.valid ? 0 : 1;
    for (size_t k = 0; k < root->n; k++)
        free(blobs[k]);
    free(blobs);
    free(lens);
    free(v.problems);
    json_free(root);
    free(text);
    args_free(&a);
    return rc;
}

/* ---- capabilities -------------------------------------------------------- */

static void cap(int first, const char *task, int runs, const char *cmds, const char *engines,
                const char *reason)
{
    printf("%s\"%s\":{\"runs\":%s", first ? "" : ",", task, runs ? "true" : "false");
    if (runs)
        printf(",\"commands\":[%s],\"engines\":[%s]", cmds, engines);
    else
        printf(",\"reason\":\"%s\"", reason);
    putchar('}');
}

int cmd_capabilities(int argc, char **argv)
{
    args a;
    args_parse(&a, "capabilities", argc, argv, NULL, NULL, NULL);
    int gpus = gpu_device_count();
    const char *pc2_eng = gpus > 0 ? "\"cpu\",\"cuda\"" : "\"cpu\"";
    const char *snark = "the SNARK is not run by sealer: it goes to the worker's external prover";
    printf("{\"format\":1,\"sectorSizes\":[\"2KiB\",\"8MiB\",\"512MiB\",\"32GiB\",\"64GiB\"],"
           "\"tasks\":{");
    cap(1, "AddPiece", 1, "\"add-piece\",\"commp\"", "\"cpu\"", NULL);
    cap(0, "PreCommit1", 1, "\"pc1\"", "\"cpu\"", NULL);
    cap(0, "PreCommit2", 1, "\"pc2\"", pc2_eng, NULL);
    cap(0, "Commit1", 1, "\"c1\",\"verify-c1\"", "\"cpu\"", NULL);
    cap(0, "Commit2", 0, NULL, NULL, snark);
    cap(0, "Unseal", 1, "\"unseal\",\"update-decode\"", "\"cpu\"", NULL);
    cap(0, "ReadUnsealed", 1, "\"read-unsealed\",\"unseal\"", "\"cpu\"", NULL);
    cap(0, "ReplicaUpdate", 1, "\"update-encode\"", "\"cpu\"", NULL);
    cap(0, "ProveReplicaUpdate1", 1, "\"update-vanilla-proofs\",\"verify-update-proofs\"",
        "\"cpu\"", NULL);
    cap(0, "ProveReplicaUpdate2", 0, NULL, NULL, snark);
    cap(0, "RegenSectorKey", 1, "\"regen-sector-key\"", "\"cpu\"", NULL);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    printf("},\"cpu\":{\"threads\":%ld,\"sha256\":\"%s\",\"fr\":\"%s\"},\"gpu\":{\"compiled\":%s,"
           "\"devices\":%d,\"description\":",
           n, sha256_active()->name, fr_backend(), gpu_compiled() ? "true" : "false",
           gpus > 0 ? gpus : 0);
    json_str(stdout, gpu_describe());
    printf("}}\n");
    args_free(&a);
    return 0;
}

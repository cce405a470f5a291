/* sealer: the native sealing kernels as a command-line tool. Every
 * subcommand prints one JSON object on stdout; progress goes to stderr; bad
 * input ends with a one-line error and a non-zero exit status.
 *
 * The two tables below are the only place a subcommand or bench kind is
 * named: dispatch, the usage line and the error for an unknown name are all
 * derived from them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/commands.h"
#include "hash/sha256.h"
#include "util/util.h"

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help; /* flags and what is measured, for `bench --help` */
} command;

static int cmd_bench(int argc, char **argv);

static const command COMMANDS[] = {
    {"commp", cmd_commp, NULL},       {"add-piece", cmd_add_piece, NULL},
    {"pc1", cmd_pc1, NULL},           {"pc2", cmd_pc2, NULL},
    {"c1", cmd_c1, NULL},             {"verify-c1", cmd_verify_c1, NULL},
    {"unseal", cmd_unseal, NULL},     {"parents", cmd_parents, NULL},
    {"read-unsealed", cmd_read_unsealed, NULL},
    {"labels", cmd_labels, NULL},     {"poseidon", cmd_poseidon, NULL},
    {"update-encode", cmd_update_encode, NULL},
    {"update-decode", cmd_update_decode, NULL},
    {"regen-sector-key", cmd_regen_sector_key, NULL},
    {"update-vanilla-proofs", cmd_update_vanilla_proofs, NULL},
    {"verify-update-proofs", cmd_verify_update_proofs, NULL},
    {"capabilities", cmd_capabilities, NULL},
    {"bench", cmd_bench, NULL},
};

static const command BENCHES[] = {
    {"pc1", bench_pc1,
     "SDR labeling in memory (no files) next to the single-stream SHA-256 limit\n"
     "    --sector-size S | --proof P [--api V]   graph of the registered proof\n"
     "    [--sectors K]      sectors labeled together (default: --threads)\n"
     "    [--threads T]      labeling threads (default: online CPUs)\n"
     "    [--layers L]       layers to label (default: all of the proof)\n"
     "    [--no-producer]    hashing threads only, no producer thread\n"
     "    [--parent-cache DIR]\n"
     "    Headline: ratioPerCpuSecond = kernel SHA-256 compressions per CPU-second over\n"
     "    OpenSSL's single-stream compressions per CPU-second, both measured in this run,\n"
     "    interleaved (limit, kernel, limit, kernel); busy-host runs are flagged."},
    {"commp", bench_commp,
     "commP of a payload held in memory, one thread, per CPU-second against the same limit\n"
     "    --sector-size S | --size BYTES"},
    {"poseidon", bench_poseidon, "Fr multiplication and Poseidon hash rates, one thread (no flags)"},
    {"pc2", bench_pc2,
     "PreCommit2 wall time and its scaling over threads\n"
     "    --sector-size S | --proof P [--api V] [--threads T] [--dir DIR] [--engine cpu|gpu]"},
    {"update", bench_update,
     "PreCommit2 beside update-encode and update-decode on one sector key, wall and CPU time\n"
     "    --sector-size 2KiB|8MiB|512MiB [--threads T] [--dir DIR]"},
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* "a|b|c" of the table's names, into out. */
static const char *names_of(const command *t, size_t n, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, used < cap ? cap - used : 0, "%s%s", i ? "|" : "",
                                 t[i].name);
    return out;
}

static const command *find(const command *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].name, name) == 0)
            return &t[i];
    return NULL;
}

static int is_help(const char *s)
{
    return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0 || strcmp(s, "help") == 0;
}

static int cmd_bench(int argc, char **argv)
{
    char kinds[128], usage[192];
    names_of(BENCHES, COUNT(BENCHES), kinds, sizeof kinds);
    snprintf(usage, sizeof usage, "usage: sealer bench %s <flags> (see native-proofs/README.md)",
             kinds);
    if (argc < 1)
        die("bench: name a kernel; %s", usage);
    if (is_help(argv[0])) {
        printf("%s\n\n", usage);
        for (size_t i = 0; i < COUNT(BENCHES); i++)
            printf("  %-9s %s\n", BENCHES[i].name, BENCHES[i].help);
        printf("\nSEALER_SHA=sha-ni|avx2|portable forces a SHA-256 back end; every bench prints the\n"
               "one in use (shaImpl) and the host's load.\n");
        return 0;
    }
    const command *b = find(BENCHES, COUNT(BENCHES), argv[0]);
    if (!b)
        die("bench: unknown kernel '%s'; %s", argv[0], usage);
    if (argc >= 2 && is_help(argv[1])) {
        printf("usage: sealer bench %s <flags> (see native-proofs/README.md)\n\n  %-9s %s\n", b->name,
               b->name, b->help);
        return 0;
    }
    return b->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    char names[512], usage[640];
    names_of(COMMANDS, COUNT(COMMANDS), names, sizeof names);
    snprintf(usage, sizeof usage, "usage: sealer %s <flags> (see native-proofs/README.md)", names);
    if (argc < 2)
        die("%s", usage);
    /* A bad SEALER_SHA is reported before any work starts. */
    sha256_active();
    int rc;
    if (is_help(argv[1])) {
        printf("%s\n", usage);
        rc = 0;
    } else {
        const command *c = find(COMMANDS, COUNT(COMMANDS), argv[1]);
        if (!c)
            die("unknown subcommand '%s'; %s", argv[1], usage);
        rc = c->run(argc - 2, argv + 2);
    }
    if (fflush(stdout) != 0)
        die("cannot write the result to stdout: %s", strerror(errno));
    return rc;
}

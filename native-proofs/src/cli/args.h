/* Flag parsing for the sealer subcommands: "--name value", "--name=value",
 * boolean "--name", and multi-value flags ("--input a b c"). Unknown flags and
 * missing values are one-line errors. The typed readers below are the one
 * place each shared flag (--proof/--api/--sector-size, --threads,
 * --parent-cache, --engine, 32-byte hex values) is interpreted. */
#ifndef SEALER_CLI_ARGS_H
#define SEALER_CLI_ARGS_H
#include <stddef.h>
#include <stdint.h>

#include "porep/pc2.h"
#include "porep/proofs.h"

typedef struct {
    const char *name;  /* without the leading "--" */
    const char *value; /* NULL for booleans */
} arg_kv;

typedef struct {
    const char *cmd;
    arg_kv *kv;
    size_t n;
} args;

/* valued/bools/multi are NULL-terminated lists of flag names. */
void args_parse(args *a, const char *cmd, int argc, char **argv, const char *const *valued,
                const char *const *bools, const char *const *multi);
void args_free(args *a);
const char *args_get(const args *a, const char *name); /* last occurrence or NULL */
const char *args_need(const args *a, const char *name);
int args_has(const args *a, const char *name);
size_t args_count(const args *a, const char *name);
uint64_t args_u64(const args *a, const char *name, uint64_t dflt);
uint64_t parse_u64_or_die(const char *flag, const char *s);

/* --sector-size, required: 2KiB|8MiB|512MiB|32GiB|64GiB or their byte counts. */
uint64_t sector_size_from_args(const args *a);
/* --proof NAME|ID, or --sector-size with an optional --api (1.1 by default). */
const seal_proof *proof_from_args(const args *a);
/* --threads, 1..1024; the online CPU count by default. */
unsigned threads_from_args(const args *a);
/* --parent-cache, or the default parent cache directory; the caller frees it. */
char *parent_dir_from_args(const args *a);
/* --engine auto|cpu|gpu; auto by default. */
pc2_engine engine_from_args(const args *a);
/* A required flag holding 64 hex characters. */
void args_hex32(const args *a, const char *flag, uint8_t out[32]);

#endif

/* Flag parsing for the sealer subcommands: "--name value", "--name=value",
 * boolean "--name", and multi-value flags ("--input a b c"). Unknown flags and
 * missing values are one-line errors. */
#ifndef SEALER_CLI_ARGS_H
#define SEALER_CLI_ARGS_H
#include <stddef.h>
#include <stdint.h>

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

#endif

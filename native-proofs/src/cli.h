/* Pieces shared by the sealer subcommands. */
#ifndef SEALER_CLI_H
#define SEALER_CLI_H
#include "cli_args.h"
#include "proofs.h"

const seal_proof *proof_from_args(const args *a);
unsigned threads_from_args(const args *a);
char *parent_dir_from_args(const args *a);

int cmd_bench(int argc, char **argv);

#endif

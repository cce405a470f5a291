/* Subcommands of Native kernels II: pc2, c1, verify-c1, unseal, poseidon,
 * and bench poseidon / bench pc2. */
#ifndef SEALER_CLI_PC2_H
#define SEALER_CLI_PC2_H

/* Runs cmd when it is one of ours: returns 1 and sets *rc; 0 otherwise. */
int cli_pc2_dispatch(const char *cmd, int argc, char **argv, int *rc);
int cmd_bench_pc2(int argc, char **argv);
int cmd_bench_poseidon(int argc, char **argv);

#endif

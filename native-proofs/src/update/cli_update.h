/* Subcommands: update-encode, update-decode, regen-sector-key,
 * update-vanilla-proofs, verify-update-proofs, capabilities. */
#ifndef SEALER_CLI_UPDATE_H
#define SEALER_CLI_UPDATE_H

/* Runs cmd when it is one of ours: returns 1 and sets *rc; 0 otherwise. */
int cli_update_dispatch(const char *cmd, int argc, char **argv, int *rc);
/* sealer bench update: PC2 beside update-encode on one machine. */
int cmd_bench_update(int argc, char **argv);

#endif

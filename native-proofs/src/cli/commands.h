/* The sealer subcommands and benches. Each takes the arguments after its
 * own name, prints one JSON object on stdout and returns the exit status;
 * main.c holds the one table that names and dispatches them. */
#ifndef SEALER_CLI_COMMANDS_H
#define SEALER_CLI_COMMANDS_H

/* SHA-256 and SDR side (sdr_commands.c). */
int cmd_commp(int argc, char **argv);
int cmd_add_piece(int argc, char **argv);
int cmd_read_unsealed(int argc, char **argv);
int cmd_pc1(int argc, char **argv);
int cmd_parents(int argc, char **argv);
int cmd_labels(int argc, char **argv);

/* Poseidon trees, proofs and decoding (poseidon_commands.c). */
int cmd_pc2(int argc, char **argv);
int cmd_c1(int argc, char **argv);
int cmd_verify_c1(int argc, char **argv);
int cmd_unseal(int argc, char **argv);
int cmd_poseidon(int argc, char **argv);

/* Empty sector update and the capabilities report (update_commands.c). */
int cmd_update_encode(int argc, char **argv);
int cmd_update_decode(int argc, char **argv);
int cmd_regen_sector_key(int argc, char **argv);
int cmd_update_vanilla_proofs(int argc, char **argv);
int cmd_verify_update_proofs(int argc, char **argv);
int cmd_capabilities(int argc, char **argv);

/* Benches (bench_sdr.c, bench_poseidon.c, bench_update.c). */
int bench_pc1(int argc, char **argv);
int bench_commp(int argc, char **argv);
int bench_poseidon(int argc, char **argv);
int bench_pc2(int argc, char **argv);
int bench_update(int argc, char **argv);

#endif

/* Optimized Poseidon, portable multiplication. */
#define PK_NAME poseidon_perm_portable
#include "hash/poseidon_kernel.h"

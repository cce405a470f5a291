/* Optimized Poseidon, portable multiplication. */
#define PK_NAME poseidon_perm_portable
#include "poseidon_kernel.h"

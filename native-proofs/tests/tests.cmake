# Vector tests: every group runs twice, once with the SHA back end the CPU
# offers (SHA-NI where present) and once forced onto the portable path.
set(SEALER_UNIT_GROUPS sha256 blake2b chacha8 fr32 zero_comms commp comm_d ids graph
    labels_upstream labels_der labels_modes cache_small)
foreach(g ${SEALER_UNIT_GROUPS})
  add_test(NAME unit.${g} COMMAND sealer_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/${g})
  add_test(NAME unit.${g}.portable COMMAND sealer_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/${g}.portable)
  set_tests_properties(unit.${g}.portable PROPERTIES ENVIRONMENT "SEALER_FORCE_PORTABLE_SHA=1")
  set_tests_properties(unit.${g} unit.${g}.portable PROPERTIES LABELS "unit")
endforeach()

# The multi-buffer label paths once more on the AVX2 back end (8 lanes), where
# the CPU has it; skipped elsewhere.
foreach(g sha256 labels_upstream labels_der labels_modes)
  add_test(NAME unit.${g}.avx2 COMMAND sealer_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/${g}.avx2)
  set_tests_properties(unit.${g}.avx2 PROPERTIES ENVIRONMENT "SEALER_SHA=avx2" SKIP_RETURN_CODE 77
                       LABELS "unit")
endforeach()

# The 512 MiB parent-cache digests take minutes: they are registered only
# with -DSEALER_SLOW_TESTS=ON, under the label "slow" (see README).
option(SEALER_SLOW_TESTS "Register the slow tests (512 MiB parent caches)" OFF)
if(SEALER_SLOW_TESTS)
  add_test(NAME slow.cache_512 COMMAND sealer_tests cache_512 ${CMAKE_CURRENT_BINARY_DIR}/testwork/cache_512)
  set_tests_properties(slow.cache_512 PROPERTIES LABELS "slow" TIMEOUT 1800)
endif()

# The CLI end to end: AddPiece -> PreCommit1 for 2 KiB and 8 MiB sectors,
# deterministic across runs, thread counts and batching; and bad input.
add_test(NAME cli.e2e_2KiB COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_e2e.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/e2e_2KiB 2KiB)
add_test(NAME cli.e2e_8MiB COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_e2e.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/e2e_8MiB 8MiB)
add_test(NAME cli.errors COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_errors.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/errors)
add_test(NAME cli.e2e_2KiB.portable COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_e2e.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/e2e_2KiB.portable 2KiB)
set_tests_properties(cli.e2e_2KiB.portable PROPERTIES ENVIRONMENT "SEALER_FORCE_PORTABLE_SHA=1")
set_tests_properties(cli.e2e_2KiB cli.e2e_8MiB cli.errors cli.e2e_2KiB.portable PROPERTIES LABELS "cli")

# Fr, Poseidon, tree and proof vectors (the pc2.* groups) and the CLI round
# trips through pc2, c1, verify-c1 and unseal.
set(SEALER_POSEIDON_GROUPS fr poseidon_params poseidon_vectors poseidon_equiv tree_d_cc
    pc2_der_2k pc2_shapes c1_challenges c1_synthetic gpu_equal)
foreach(g ${SEALER_POSEIDON_GROUPS})
  add_test(NAME pc2.${g} COMMAND sealer_poseidon_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_${g})
  set_tests_properties(pc2.${g} PROPERTIES LABELS "unit;pc2")
endforeach()
# The same kernels with the portable multiplication forced.
foreach(g fr poseidon_vectors pc2_der_2k)
  add_test(NAME pc2.${g}.portable COMMAND sealer_poseidon_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_${g}.portable)
  set_tests_properties(pc2.${g}.portable PROPERTIES ENVIRONMENT "SEALER_FORCE_PORTABLE_FR=1" LABELS "unit;pc2")
endforeach()
set_tests_properties(pc2.gpu_equal PROPERTIES SKIP_RETURN_CODE 77)

# Round trips through the CLI: AddPiece -> PC1 -> PC2 -> C1 -> verify-c1 ->
# unseal, CC and random data, tamper detection, bad input.
foreach(sz 2KiB 8MiB)
  add_test(NAME cli.roundtrip_${sz} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_roundtrip.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/rt_${sz} ${sz})
  set_tests_properties(cli.roundtrip_${sz} PROPERTIES LABELS "cli;pc2" TIMEOUT 900)
endforeach()
add_test(NAME cli.pc2_errors COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_poseidon_errors.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_errors)
set_tests_properties(cli.pc2_errors PROPERTIES LABELS "cli;pc2")

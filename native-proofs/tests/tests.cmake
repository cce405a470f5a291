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

# Empty sector update (SnapDeals): encode, decode, regen-sector-key, vanilla
# partition proofs and their verifier, the capabilities report, and tests.
target_sources(sealcore PRIVATE src/update/update_params.c src/update/update_kernel.c src/update/update_proof.c)

add_executable(sealer_update_tests tests/update_tests.c tests/test_support.c)
target_include_directories(sealer_update_tests PRIVATE tests)
target_link_libraries(sealer_update_tests PRIVATE sealcore)
foreach(g constants challenges bucketing phi_rho compound)
  add_test(NAME update.${g} COMMAND sealer_update_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/update_${g})
  set_tests_properties(update.${g} PROPERTIES LABELS "unit;update")
endforeach()
target_sources(sealer PRIVATE src/cli/update_commands.c src/cli/bench_update.c)

# Round trips, fixed vectors and tampering through the CLI.
foreach(sz 2KiB 8MiB)
  add_test(NAME cli.update_${sz} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_update.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/update_${sz} ${sz})
  set_tests_properties(cli.update_${sz} PROPERTIES LABELS "cli;update" TIMEOUT 900)
endforeach()
add_test(NAME cli.update_errors COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_update_errors.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/update_errors)
set_tests_properties(cli.update_errors PROPERTIES LABELS "cli;update")

# Native kernels II: Fr, Poseidon, PreCommit2, Commit1, unseal (and the
# optional CUDA tree builder). Included at the end of CMakeLists.txt; kept
# in its own file so the PreCommit1 branch's CMakeLists.txt merges cleanly.

target_sources(sealcore PRIVATE
  src/fr.c src/poseidon.c src/poseidon_portable.c src/poseidon_tree.c
  src/pc2.c src/c1.c src/c1_verify.c src/c1_json.c src/synth.c src/unseal.c src/gpu_select.c)
target_link_libraries(sealcore PUBLIC m)

# mulx/adcx/adox translation unit: built for x86-64, used only when cpuid
# reports BMI2 and ADX (fr_use_adx), so the binary still runs anywhere.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64|amd64")
  target_sources(sealcore PRIVATE src/poseidon_adx.c)
  set_source_files_properties(src/poseidon_adx.c PROPERTIES COMPILE_OPTIONS "-mbmi2;-madx")
  target_compile_definitions(sealcore PUBLIC SEALER_HAVE_ADX_TU=1)
endif()

# CUDA tree building (column hashes, tree-c, tree-r-last): compiled where
# nvcc is found, selected at run time only when cudaGetDeviceCount > 0.
option(SEALER_CUDA "Build the CUDA tree builder when nvcc is available" ON)
set(SEALER_CUDA_BUILT OFF)
if(SEALER_CUDA)
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES OR CMAKE_CUDA_ARCHITECTURES STREQUAL "")
      set(CMAKE_CUDA_ARCHITECTURES 80 90)
    endif()
    enable_language(CUDA)
    # Targets created before CUDA was enabled carry an empty
    # CUDA_ARCHITECTURES, which policy CMP0104 rejects: give them the list.
    get_property(_sealer_targets DIRECTORY PROPERTY BUILDSYSTEM_TARGETS)
    foreach(_t ${_sealer_targets})
      set_target_properties(${_t} PROPERTIES CUDA_ARCHITECTURES "${CMAKE_CUDA_ARCHITECTURES}")
    endforeach()
    add_library(sealgpu STATIC src/gpu_tree.cu)
    set_target_properties(sealgpu PROPERTIES CUDA_ARCHITECTURES "${CMAKE_CUDA_ARCHITECTURES}"
                          POSITION_INDEPENDENT_CODE ON)
    target_include_directories(sealgpu PRIVATE src)
    find_package(CUDAToolkit)
    if(CUDAToolkit_FOUND)
      target_link_libraries(sealgpu PUBLIC CUDA::cudart_static)
    endif()
    target_compile_definitions(sealcore PUBLIC SEALER_HAVE_CUDA=1)
    target_link_libraries(sealcore PUBLIC sealgpu)
    set(SEALER_CUDA_BUILT ON)
    message(STATUS "sealer: CUDA tree builder enabled (${CMAKE_CUDA_COMPILER}, archs ${CMAKE_CUDA_ARCHITECTURES})")
  else()
    message(STATUS "sealer: nvcc not found; the CUDA tree builder is not built")
  endif()
endif()

target_sources(sealer PRIVATE src/cli_pc2.c src/bench_pc2.c)

add_executable(sealer_pc2_tests tests/pc2_tests.c tests/pc2_tests_trees.c)
target_include_directories(sealer_pc2_tests PRIVATE tests)
target_link_libraries(sealer_pc2_tests PRIVATE sealcore)

set(SEALER_PC2_GROUPS fr poseidon_params poseidon_vectors poseidon_equiv tree_d_cc
    pc2_der_2k pc2_shapes c1_challenges c1_synthetic gpu_equal)
foreach(g ${SEALER_PC2_GROUPS})
  add_test(NAME pc2.${g} COMMAND sealer_pc2_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_${g})
  set_tests_properties(pc2.${g} PROPERTIES LABELS "unit;pc2")
endforeach()
# The same kernels with the portable multiplication forced.
foreach(g fr poseidon_vectors pc2_der_2k)
  add_test(NAME pc2.${g}.portable COMMAND sealer_pc2_tests ${g} ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_${g}.portable)
  set_tests_properties(pc2.${g}.portable PROPERTIES ENVIRONMENT "SEALER_FORCE_PORTABLE_FR=1" LABELS "unit;pc2")
endforeach()
set_tests_properties(pc2.gpu_equal PROPERTIES SKIP_RETURN_CODE 77)

# Round trips through the CLI: AddPiece -> PC1 -> PC2 -> C1 -> verify-c1 ->
# unseal, CC and random data, tamper detection, bad input.
foreach(sz 2KiB 8MiB)
  add_test(NAME cli.roundtrip_${sz} COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_roundtrip.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/rt_${sz} ${sz})
  set_tests_properties(cli.roundtrip_${sz} PROPERTIES LABELS "cli;pc2" TIMEOUT 900)
endforeach()
add_test(NAME cli.pc2_errors COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/tests/cli_pc2_errors.sh $<TARGET_FILE:sealer> ${CMAKE_CURRENT_BINARY_DIR}/testwork/pc2_errors)
set_tests_properties(cli.pc2_errors PROPERTIES LABELS "cli;pc2")

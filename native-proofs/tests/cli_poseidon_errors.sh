#!/usr/bin/env bash
# Bad input for pc2, c1, verify-c1, unseal and poseidon: a non-zero exit, one
# stderr line naming the problem, one {"error":...} object on stdout, and no
# file left under a final or temporary name.
#   cli_poseidon_errors.sh SEALER WORKDIR
SEALER=$1; work=$2
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
ticket=$(hex32 5)
seed=$(hex32 6)
head -c 1500 /dev/zero | tr '\0' 'q' > p
"$sealer" add-piece --sector-size 2KiB --input p --unsealed u.dat >/dev/null || bad "setup add-piece"
"$sealer" pc1 --sector-size 2KiB --miner f01000 --sector 1 --ticket "$ticket" --unsealed u.dat --cache c --parent-cache "$pc" >/dev/null || bad "setup pc1"

# poseidon
expect_error "poseidon bad arity" "--arity 3 is not supported" "$sealer" poseidon --arity 3 --inputs 1,2,3
expect_error "poseidon too few" "needs 2 inputs, got 1" "$sealer" poseidon --arity 2 --inputs 1
expect_error "poseidon not a number" "neither a decimal" "$sealer" poseidon --arity 2 --inputs 1,x
expect_error "poseidon input >= r" "not a field element" "$sealer" poseidon --arity 2 --inputs 1,01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73
# pc2
expect_error "pc2 no cache" "does not exist" "$sealer" pc2 --sector-size 2KiB --cache nothere --unsealed u.dat --sealed s.dat
expect_error "pc2 wrong size" "expected 8388608" "$sealer" pc2 --sector-size 8MiB --cache c --unsealed u.dat --sealed s.dat
expect_error "pc2 bad engine" "--engine fast" "$sealer" pc2 --sector-size 2KiB --cache c --unsealed u.dat --sealed s.dat --engine fast
head -c 1000 u.dat > short.dat
expect_error "pc2 truncated unsealed" "has 1000 bytes" "$sealer" pc2 --sector-size 2KiB --cache c --unsealed short.dat --sealed s.dat
cp -r c c2 && head -c 100 c/sc-02-data-layer-2.dat > c2/sc-02-data-layer-2.dat
expect_error "pc2 truncated layer" "layer file" "$sealer" pc2 --sector-size 2KiB --cache c2 --unsealed u.dat --sealed s.dat
cp u.dat bad.dat && printf '\377' | dd of=bad.dat bs=1 seek=95 conv=notrunc status=none
expect_error "pc2 non-fr32 data" "not a valid field element" "$sealer" pc2 --sector-size 2KiB --cache c --unsealed bad.dat --sealed s.dat
[ ! -e s.dat ] || bad "sealed file exists after failures"
for f in sc-02-data-tree-c.dat sc-02-data-tree-r-last.dat p_aux t_aux; do [ ! -e c/$f ] || bad "c/$f written by a failed pc2"; done
expect_error "pc2 unwritable sealed" "cannot" "$sealer" pc2 --sector-size 2KiB --cache c --unsealed u.dat --sealed /proc/nope/s.dat
# c1 before pc2
expect_error "c1 before pc2" "p_aux" "$sealer" c1 --sector-size 2KiB --miner f01000 --sector 1 --ticket "$ticket" --seed "$seed" --cache c --sealed s.dat --out c1.json
"$sealer" pc2 --sector-size 2KiB --cache c --unsealed u.dat --sealed s.dat >/dev/null || bad "setup pc2"
expect_error "c1 bad seed" "--seed must be 64 hex" "$sealer" c1 --sector-size 2KiB --miner f01000 --sector 1 --ticket "$ticket" --seed 12 --cache c --sealed s.dat --out c1.json
expect_error "c1 bad miner" "not an ID address" "$sealer" c1 --sector-size 2KiB --miner x1 --sector 1 --ticket "$ticket" --seed "$seed" --cache c --sealed s.dat --out c1.json
expect_error "c1 truncated sealed" "sealed file" "$sealer" c1 --sector-size 2KiB --miner f01000 --sector 1 --ticket "$ticket" --seed "$seed" --cache c --sealed short.dat --out c1.json
[ ! -e c1.json ] || bad "c1.json written by a failed c1"
# verify-c1
expect_error "verify-c1 missing" "cannot open" "$sealer" verify-c1 --proofs nothere.json
echo '{"registered_proof":' > broken.json
expect_error "verify-c1 broken JSON" "not valid JSON" "$sealer" verify-c1 --proofs broken.json
expect_error "verify-c1 bad comm-r" "--comm-r zz" "$sealer" verify-c1 --proofs broken.json --comm-r zz
# unseal
expect_error "unseal range" "outside" "$sealer" unseal --sector-size 2KiB --cache c --sealed s.dat --out o.dat --offset 2000 --length 100
expect_error "unseal no key" "regenerate the key" "$sealer" unseal --sector-size 2KiB --cache nothere --sealed s.dat --out o.dat
[ ! -e o.dat ] || bad "o.dat written by a failed unseal"
expect_error "bench pc2 bad engine" "--engine foo is not auto, cpu or gpu" "$sealer" bench pc2 --sector-size 2KiB --engine foo
finish

#!/usr/bin/env bash
# Bad input: every case must exit non-zero with exactly one stderr line that
# names the problem, print one {"error":...} object on stdout, and leave no
# file under a final name and no temporary file behind.
#   cli_errors.sh SEALER WORKDIR
SEALER=$1; work=$2
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
ticket=$(hex32 5)


head -c 1000 /dev/zero | tr '\0' 'x' > p1000
head -c 64 /dev/zero > p64
head -c 3000 /dev/zero | tr '\0' 'y' > p3000
"$sealer" add-piece --sector-size 2KiB --input p1000 --unsealed good.dat >/dev/null || bad "setup add-piece failed"
head -c 1000 good.dat > truncated.dat
mkdir -p plainfile.d && : > notadir

# General
expect_error "no subcommand" "usage" "$sealer"
expect_error "unknown subcommand" "unknown subcommand 'seal'" "$sealer" seal
expect_error "unknown flag" "unknown flag --sise" "$sealer" commp --sise 1
expect_error "flag without value" "--input needs a value" "$sealer" commp --input

# commp
expect_error "commp missing file" "cannot open input nothere" "$sealer" commp --input nothere
expect_error "commp short payload" "at least 65" "$sealer" commp --input p64
expect_error "commp no input" "--input is required" "$sealer" commp

# add-piece
expect_error "add-piece wrong sector size" "--sector-size 4KiB" "$sealer" add-piece --sector-size 4KiB --input p1000 --unsealed u.dat
expect_error "add-piece odd byte count" "--sector-size 3000" "$sealer" add-piece --sector-size 3000 --input p1000 --unsealed u.dat
expect_error "add-piece missing input" "cannot open input gone" "$sealer" add-piece --sector-size 2KiB --input p1000 gone --unsealed u.dat
expect_error "add-piece piece too big" "do not fit" "$sealer" add-piece --sector-size 2KiB --input p3000 --unsealed u.dat
expect_error "add-piece pieces overflow" "do not fit" "$sealer" add-piece --sector-size 2KiB --input p1000 p1000 p1000 --unsealed u.dat
expect_error "add-piece short payload" "at least 65" "$sealer" add-piece --sector-size 2KiB --input p64 --unsealed u.dat
expect_error "add-piece unwritable output" "cannot create" "$sealer" add-piece --sector-size 2KiB --input p1000 --unsealed /proc/sealer-test/u.dat
[ ! -e u.dat ] || bad "u.dat exists after failures"

pc1() { "$sealer" pc1 --parent-cache "$pc" --miner f01000 --sector 1 "$@"; }
expect_error "pc1 missing unsealed" "cannot open unsealed file nothere" pc1 --sector-size 2KiB --ticket "$ticket" --unsealed nothere --cache c
expect_error "pc1 truncated unsealed" "has 1000 bytes" pc1 --sector-size 2KiB --ticket "$ticket" --unsealed truncated.dat --cache c
expect_error "pc1 wrong sector size for file" "needs exactly 8388608" pc1 --sector-size 8MiB --ticket "$ticket" --unsealed good.dat --cache c
expect_error "pc1 unknown sector size" "--sector-size 1GiB" pc1 --sector-size 1GiB --ticket "$ticket" --unsealed good.dat --cache c
expect_error "pc1 bad hex ticket" "not valid hex" pc1 --sector-size 2KiB --ticket "$(hex32 z)" --unsealed good.dat --cache c
expect_error "pc1 31-byte ticket" "got 62 characters" pc1 --sector-size 2KiB --ticket "$(printf '%062x' 0)" --unsealed good.dat --cache c
expect_error "pc1 bad miner" "not an ID address" "$sealer" pc1 --parent-cache "$pc" --miner f1abc --sector 1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache c
expect_error "pc1 missing ticket" "--ticket is required" pc1 --sector-size 2KiB --unsealed good.dat --cache c
expect_error "pc1 bad sector number" "--sector x" "$sealer" pc1 --sector x --sector-size 2KiB
expect_error "pc1 bad api" "--api 2.0" pc1 --sector-size 2KiB --api 2.0 --ticket "$ticket" --unsealed good.dat --cache c
expect_error "pc1 proof/size mismatch" "is for 8MiB sectors" pc1 --sector-size 2KiB --proof StackedDrg8MiBV1_1 --ticket "$ticket" --unsealed good.dat --cache c
expect_error "pc1 cache is a file" "is not a directory" pc1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache notadir
expect_error "pc1 cache not writable" "cache directory /proc/sealer-test" pc1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache /proc/sealer-test
expect_error "pc1 parent cache not writable" "parent cache directory /proc/sealer-pc" "$sealer" pc1 --parent-cache /proc/sealer-pc --miner f01000 --sector 1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache c
if [ "$(id -u)" -ne 0 ]; then
  mkdir -p ro && chmod 555 ro
  expect_error "pc1 read-only cache dir" "is not writable" pc1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache ro
  chmod 755 ro
fi
expect_error "pc1 batch flag before first sector" "before the first --sector" "$sealer" pc1 --parent-cache "$pc" --miner f01000 --sector-size 2KiB --ticket "$ticket" --sector 1 --unsealed good.dat --cache c --sector 2 --ticket "$ticket" --unsealed good.dat --cache d
expect_error "pc1 batch shared cache" "share cache directory" "$sealer" pc1 --parent-cache "$pc" --miner f01000 --sector-size 2KiB --sector 1 --ticket "$ticket" --unsealed good.dat --cache c --sector 2 --ticket "$ticket" --unsealed good.dat --cache c
# No room: a file-size limit makes the first output write fail mid-way
# (EFBIG); nothing may remain under a final name.
expect_error "pc1 no room to write" "File too large" bash -c 'ulimit -f 2; exec "$0" "$@"' "$sealer" pc1 --parent-cache "$pc" --miner f01000 --sector 1 --sector-size 2KiB --ticket "$ticket" --unsealed good.dat --cache full
[ ! -e full/sc-02-data-tree-d.dat ] && [ ! -e full/sc-02-data-layer-1.dat ] || bad "outputs left in full/"
expect_error "add-piece no room to write" "File too large" bash -c 'ulimit -f 1; exec "$0" "$@"' "$sealer" add-piece --sector-size 2KiB --input p1000 --unsealed nospace.dat
[ ! -e nospace.dat ] || bad "nospace.dat left behind"
# No room, checked up front: a 64 GiB sector's layers cannot fit this disk
# (skipped when the filesystem really has ~1 TB free).
if truncate -s 64GiB big.dat 2>/dev/null; then
  need=$((11 * 64 * 1024 * 1024 + 2 * 64 * 1024 * 1024))
  avail=$(df -Pk . | awk 'NR==2{print $4}')
  if [ "$avail" -lt "$need" ]; then
    expect_error "pc1 cache without room" "not enough space in cache directory" pc1 --sector-size 64GiB --ticket "$ticket" --unsealed big.dat --cache bigcache
    [ -z "$(ls bigcache 2>/dev/null)" ] || bad "files written despite no room"
  else
    note "skip: filesystem has room for a 64 GiB sector"
  fi
  rm -f big.dat
fi
[ ! -e c/sc-02-data-layer-1.dat ] || bad "layer file written during a failed run"

# parents / labels
expect_error "parents node out of range" "outside the 2KiB graph" "$sealer" parents --sector-size 2KiB --node 64
expect_error "parents missing node" "--node is required" "$sealer" parents --sector-size 2KiB
expect_error "labels bad replica id" "--replica-id must be 64 hex" "$sealer" labels --nodes 64 --layers 2 --replica-id 00 --porep-id "$ticket" --api 1.1
expect_error "bench unknown kernel" "unknown kernel 'sdr'" "$sealer" bench sdr
expect_error "bench unknown kernel lists every kind" "pc1|commp|poseidon|pc2" "$sealer" bench sdr
expect_error "bench without a kernel lists every kind" "pc1|commp|poseidon|pc2" "$sealer" bench
help=$("$sealer" bench --help) || bad "bench --help: non-zero exit status"
[ "$(printf '%s\n' "$help" | head -1)" = "usage: sealer bench pc1|commp|poseidon|pc2|update <flags> (see native-proofs/README.md)" ] \
  || bad "bench --help does not list every bench kind: $help"
for k in pc1 commp poseidon pc2 update; do
  printf '%s\n' "$help" | grep -q "^  $k " || bad "bench --help does not describe $k: $help"
done
printf '%s' "$help" | grep -q ratioPerCpuSecond || bad "bench --help does not name the pc1 headline"
help=$("$sealer" bench pc1 --help) || bad "bench pc1 --help: non-zero exit status"
printf '%s' "$help" | grep -q -- "--sectors K" || bad "bench pc1 --help does not describe its flags: $help"
help=$("$sealer" --help) || bad "--help: non-zero exit status"
for sub in commp add-piece pc1 pc2 c1 verify-c1 unseal parents labels poseidon update-encode update-decode \
    regen-sector-key update-vanilla-proofs verify-update-proofs capabilities bench; do
  case "|${help#usage: sealer }" in *"|$sub|"*|*"|$sub "*) ;; *) bad "--help does not list $sub: $help" ;; esac
done
expect_error "unknown SHA back end" "SEALER_SHA=sha1 is not one of sha-ni, avx2, portable" \
  env SEALER_SHA=sha1 "$sealer" commp --input p1000
help=$("$sealer" pc1 --help) || bad "pc1 --help failed"
printf '%s' "$help" | grep -q "two layers per sector in RAM" || bad "pc1 --help does not give the memory per sector"
finish

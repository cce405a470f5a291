#!/usr/bin/env bash
# AddPiece -> PreCommit1 through the CLI for one sector size; outputs must be
# identical across runs, thread counts, producer on/off and batching.
#   cli_e2e.sh SEALER WORKDIR SIZE
SEALER=$1; work=$2; size=$3
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
ticket=$(hex32 5)
ticket2=$(hex32 7)

case $size in
  2KiB) s1=1000; s2=300; s3=100 ;;
  8MiB) s1=3000000; s2=1000000; s3=70000 ;;
  *) note "unsupported size $size"; exit 2 ;;
esac
# Deterministic payloads (no /dev/urandom: runs must be reproducible).
gen() { awk -v n="$2" -v seed="$3" 'BEGIN{srand(seed); for(i=0;i<n;i++) printf "%c", int(rand()*256)}' LC_ALL=C > "$1"; }
LC_ALL=C gen p1 $s1 1; LC_ALL=C gen p2 $s2 2; LC_ALL=C gen p3 $s3 3
[ "$(stat -c %s p1)" = "$s1" ] || { note "payload generation failed"; exit 2; }

out=$("$sealer" add-piece --sector-size "$size" --input p1 p2 --input p3 --unsealed unsealed.dat) || bad "add-piece failed"
commd=$(printf '%s' "$out" | json_str commD)
[ -n "$commd" ] || bad "add-piece printed no commD"
case $commd in baga6ea4seaq*) ;; *) bad "commD $commd is not a baga6ea4seaq... CID" ;; esac
# Each piece's commP equals what `commp` says for the same payload.
for p in p1 p2 p3; do
  c=$("$sealer" commp --input $p | json_str commP)
  printf '%s' "$out" | grep -q "\"commP\":\"$c\"[^}]*\"input\":\"$p\"" || bad "commP of $p ($c) not in add-piece output"
done
[ "$(stat -c %s unsealed.dat)" = "$("$sealer" parents --sector-size "$size" --node 0 | json_num sectorSize)" ] \
  || bad "unsealed file is not sector-sized"

run_pc1() { # cache-dir threads [extra flags]
  local dir=$1 t=$2; shift 2
  "$sealer" pc1 --sector-size "$size" --miner f01000 --sector 7 --ticket "$ticket" \
    --unsealed unsealed.dat --cache "$dir" --parent-cache "$pc" --threads "$t" "$@"
}
o1=$(run_pc1 c1 1) || bad "pc1 (1 thread) failed"
o2=$(run_pc1 c2 2) || bad "pc1 (2 threads) failed"
o3=$(run_pc1 c3 2 --no-producer) || bad "pc1 (2 threads, no producer) failed"
o4=$(run_pc1 c1 1) || bad "pc1 rerun failed"
[ "$(printf '%s' "$o1" | json_str commD)" = "$commd" ] || bad "pc1 commD differs from add-piece commD"
[ "$(printf '%s' "$o1" | json_num producers)" = 0 ] || bad "1 thread should run without a producer"
[ "$(printf '%s' "$o2" | json_num producers)" = 1 ] || bad "2 threads should run hasher + producer"
rid=$(printf '%s' "$o1" | json_str replicaId)
[ ${#rid} = 64 ] || bad "no replicaId"
for f in sc-02-data-layer-1.dat sc-02-data-layer-2.dat sc-02-data-tree-d.dat; do
  h=$(sha c1/$f)
  [ "$h" = "$(sha c2/$f)" ] || bad "$f differs between 1 and 2 threads"
  [ "$h" = "$(sha c3/$f)" ] || bad "$f differs with the producer off"
  note "$f $h"
done
[ "$(printf '%s' "$o1" | json_str lastLabel)" = "$(printf '%s' "$o4" | json_str lastLabel)" ] || bad "rerun differs"
[ "$(printf '%s' "$o1" | json_str lastLabel)" = "$(printf '%s' "$o2" | json_str lastLabel)" ] || bad "lastLabel differs by threads"
[ "$(printf '%s' "$o4" | sed -n 's/.*"parentCacheGenerated":\([a-z]*\).*/\1/p')" = false ] || bad "parent cache not reused"
# The comm_d check flag accepts the right value and rejects a wrong one.
run_pc1 c5 2 --comm-d "$commd" >/dev/null || bad "pc1 --comm-d with the right value failed"
if run_pc1 c6 2 --comm-d baga6ea4seaqpy7usqklokfx2vxuynmupslkeutzexe2uqurdg5vhtebhxqmpqmy >/dev/null 2>err6; then
  bad "pc1 accepted a wrong --comm-d"
fi
grep -q "not the expected" err6 || bad "wrong --comm-d message: $(cat err6)"
[ ! -e c6/sc-02-data-layer-1.dat ] || bad "layers written despite comm_d mismatch"

# Batch: two sectors in one run give the same files as separate runs.
"$sealer" pc1 --sector-size "$size" --miner f01000 --sector 8 --ticket "$ticket2" \
  --unsealed unsealed.dat --cache s8 --parent-cache "$pc" --threads 2 >/dev/null || bad "single pc1 for sector 8 failed"
ob=$("$sealer" pc1 --sector-size "$size" --miner f01000 --parent-cache "$pc" --threads 2 \
  --sector 7 --ticket "$ticket" --unsealed unsealed.dat --cache b7 \
  --sector 8 --ticket "$ticket2" --unsealed unsealed.dat --cache b8) || bad "batch pc1 failed"
# Thread layout: one hashing thread per sector up to --threads, each hashing
# its sectors side by side; a thread left without a sector is the producer.
got="$(printf '%s' "$ob" | json_num hashers) $(printf '%s' "$ob" | json_num producers) $(printf '%s' "$ob" | json_num lanes)"
[ "$got" = "2 0 1" ] || bad "batch of 2 on 2 threads: hashers/producers/lanes $got, want 2 0 1"
for f in sc-02-data-layer-1.dat sc-02-data-layer-2.dat; do
  [ "$(sha c1/$f)" = "$(sha b7/$f)" ] || bad "batch sector 7 $f differs"
  [ "$(sha s8/$f)" = "$(sha b8/$f)" ] || bad "batch sector 8 $f differs"
  [ "$(sha b7/$f)" != "$(sha b8/$f)" ] || bad "different tickets gave the same $f"
done

# Layer files are byte-identical across batch sizes, thread layouts and every
# SHA-256 back end this CPU has (SEALER_SHA forces one).
batch3() { # dir-prefix threads [flags]
  local d=$1 t=$2; shift 2
  "$sealer" pc1 --sector-size "$size" --miner f01000 --parent-cache "$pc" --threads "$t" "$@" \
    --sector 7 --ticket "$ticket" --unsealed unsealed.dat --cache "${d}7" \
    --sector 8 --ticket "$ticket2" --unsealed unsealed.dat --cache "${d}8" \
    --sector 9 --ticket "$ticket" --unsealed unsealed.dat --cache "${d}9"
}
paths="portable"
grep -qw sha_ni /proc/cpuinfo && paths="$paths sha-ni"
grep -qw avx2 /proc/cpuinfo && paths="$paths avx2"
layouts=("1" "2" "2 --no-producer" "3")
[ "$size" = 2KiB ] || layouts=("2")
for path in $paths; do
  for layout in "${layouts[@]}"; do
    tag="t_${path}_${layout// /_}"
    # shellcheck disable=SC2086
    o=$(SEALER_SHA=$path batch3 "$tag" $layout) || bad "batch of 3 ($path, threads $layout) failed"
    [ "$(printf '%s' "$o" | json_str shaImpl)" = "$path" ] || bad "SEALER_SHA=$path not honoured"
    for f in sc-02-data-layer-1.dat sc-02-data-layer-2.dat; do
      [ "$(sha c1/$f)" = "$(sha "${tag}7/$f")" ] || bad "$path threads $layout: sector 7 $f differs"
      [ "$(sha s8/$f)" = "$(sha "${tag}8/$f")" ] || bad "$path threads $layout: sector 8 $f differs"
    done
    [ -s "${tag}9/sc-02-data-layer-2.dat" ] || bad "$path threads $layout: sector 9 has no layer 2"
    rm -rf "${tag}7" "${tag}8" "${tag}9"
  done
done
if SEALER_SHA=sha3 "$sealer" pc1 --sector-size "$size" --sector 1 >/dev/null 2>errsha; then
  bad "SEALER_SHA=sha3 accepted"
fi
grep -q "SEALER_SHA=sha3 is not one of" errsha || bad "bad SEALER_SHA message: $(cat errsha)"
ls c1 c2 b7 b8 | grep -q '\.tmp\.' && bad "temporary files left behind"
finish

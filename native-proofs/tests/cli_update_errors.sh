#!/usr/bin/env bash
# Bad input for update-encode, update-decode, regen-sector-key,
# update-vanilla-proofs, verify-update-proofs and capabilities: a non-zero
# exit, one stderr line naming the field, one {"error":...} object on stdout,
# and no file left under a final or temporary name.
#   cli_update_errors.sh SEALER WORKDIR
SEALER=$1; work=$2
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
ticket=$(hex32 1)
head -c 2048 /dev/zero > key.unsealed
"$sealer" pc1 --sector-size 2KiB --miner f01000 --sector 1 --ticket "$ticket" --unsealed key.unsealed --cache kc --parent-cache parents >/dev/null || bad "setup pc1"
o=$("$sealer" pc2 --sector-size 2KiB --cache kc --unsealed key.unsealed --sealed key >/dev/null) || bad "setup pc2"
head -c 1500 /dev/zero | tr '\0' 'q' > p
"$sealer" add-piece --sector-size 2KiB --input p --unsealed data >/dev/null || bad "setup add-piece"
head -c 1000 key > short
cp data bad && printf '\377' | dd of=bad bs=1 seek=95 conv=notrunc status=none
enc=("$sealer" update-encode --sector-size 2KiB --sector-key key --sector-key-cache kc --staged-data data --update-cache uc)

# update-encode
expect_error "encode missing --update" "update-encode: --update is required" "${enc[@]}"
expect_error "encode missing --sector-size" "update-encode: --sector-size is required" "$sealer" update-encode --sector-key key --sector-key-cache kc --staged-data data --update u --update-cache uc
expect_error "encode bad size" "--sector-size 4KiB is not one of" "${enc[@]/2KiB/4KiB}" --update u
expect_error "encode wrong size" "sector key key has 2048 bytes; expected 8388608" "$sealer" update-encode --sector-size 8MiB --sector-key key --sector-key-cache kc --staged-data data --update u --update-cache uc
expect_error "encode truncated key" "sector key short has 1000 bytes; expected 2048" "$sealer" update-encode --sector-size 2KiB --sector-key short --sector-key-cache kc --staged-data data --update u --update-cache uc
expect_error "encode truncated data" "staged data short has 1000 bytes; expected at least 2048" "$sealer" update-encode --sector-size 2KiB --sector-key key --sector-key-cache kc --staged-data short --update u --update-cache uc
expect_error "encode no p_aux" "kc2/p_aux" "$sealer" update-encode --sector-size 2KiB --sector-key key --sector-key-cache kc2 --staged-data data --update u --update-cache uc
expect_error "encode non-fr32 data" "bad: node 2 (byte offset 64) is not a valid field element" "$sealer" update-encode --sector-size 2KiB --sector-key key --sector-key-cache kc --staged-data bad --update u --update-cache uc
expect_error "encode wrong --comm-d" "does not match the staged data" "${enc[@]}" --update u --comm-d "$(printf '%064x' 7)"
expect_error "encode bad --comm-d" "--comm-d xyz is neither" "${enc[@]}" --update u --comm-d xyz
expect_error "encode onto the sector key" "the output key is the input key" "${enc[@]}" --update key
expect_error "encode unknown flag" "--speed" "${enc[@]}" --update u --speed 3
[ ! -e u ] || bad "update file exists after failed encodes"
for f in sc-02-data-tree-d.dat sc-02-data-tree-r-last.dat p_aux t_aux; do [ ! -e uc/$f ] || bad "uc/$f written by a failed encode"; done
ls uc 2>/dev/null | grep -q . && bad "files left in uc: $(ls uc)"

o=$("${enc[@]}" --update u) || bad "setup update-encode"
cd_new=$(printf '%s' "$o" | json_str commDNew); cr_new=$(printf '%s' "$o" | json_str commRNew)
cr_old=$("$sealer" pc2 --sector-size 2KiB --cache kc --unsealed key.unsealed --sealed key.again | json_str commR)
rm -f key.again

# update-decode
expect_error "decode missing --comm-d" "update-decode: --comm-d is required" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --sector-key-cache kc --out d
expect_error "decode no comm_r_old source" "--comm-r-old is required" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --comm-d "$cd_new" --out d
expect_error "decode truncated replica" "replica short has 1000 bytes; expected 2048" "$sealer" update-decode --sector-size 2KiB --update short --sector-key key --sector-key-cache kc --comm-d "$cd_new" --out d
expect_error "decode wrong --comm-d" "does not hash to --comm-d" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --sector-key-cache kc --comm-d "$(printf '%064x' 7)" --out d
expect_error "decode misaligned range" "--offset 10 and --length 64 must be non-zero multiples of 32" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --sector-key-cache kc --comm-d "$cd_new" --out d --offset 10 --length 64
expect_error "decode range past the end" "outside the 64-node sector" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --sector-key-cache kc --comm-d "$cd_new" --out d --offset 2016 --length 64
expect_error "decode --comm-r-old against the cache" "--comm-r-old does not match the sector key cache" "$sealer" update-decode --sector-size 2KiB --update u --sector-key key --sector-key-cache kc --comm-r-old "$cr_new" --comm-d "$cd_new" --out d
[ ! -e d ] || bad "decoded file exists after failures"

# regen-sector-key
expect_error "regen missing --comm-r-old" "regen-sector-key: --comm-r-old is required" "$sealer" regen-sector-key --sector-size 2KiB --update u --update-cache uc --staged-data data --comm-d "$cd_new" --sector-key k2 --sector-key-cache k2c
expect_error "regen wrong data" "comm_r differs from --comm-r-old" "$sealer" regen-sector-key --sector-size 2KiB --update u --update-cache uc --staged-data key.unsealed --comm-d "$cd_new" --comm-r-old "$cr_old" --sector-key k2 --sector-key-cache k2c
expect_error "regen bad --comm-r-old" "--comm-r-old nope is neither" "$sealer" regen-sector-key --sector-size 2KiB --update u --update-cache uc --staged-data data --comm-d "$cd_new" --comm-r-old nope --sector-key k2 --sector-key-cache k2c
expect_error "regen onto the update" "the output u is the input u" "$sealer" regen-sector-key --sector-size 2KiB --update u --update-cache uc --staged-data data --comm-d "$cd_new" --comm-r-old "$cr_old" --sector-key u --sector-key-cache k2c
[ ! -e k2 ] || bad "regenerated key exists after failures"
ls k2c 2>/dev/null | grep -q . && bad "files left in k2c: $(ls k2c)"

# update-vanilla-proofs
vp=("$sealer" update-vanilla-proofs --sector-size 2KiB --sector-key key --sector-key-cache kc --update u --update-cache uc)
expect_error "prove missing --out" "update-vanilla-proofs: --out is required" "${vp[@]}"
expect_error "prove wrong --comm-r-new" "not --comm-r-new" "${vp[@]}" --out vp.json --comm-r-new "$cr_old"
expect_error "prove truncated replica" "updated replica short has 1000 bytes" "$sealer" update-vanilla-proofs --sector-size 2KiB --sector-key key --sector-key-cache kc --update short --update-cache uc --out vp.json
mkdir -p uc_notree && cp uc/p_aux uc_notree/ && cp uc/sc-02-data-tree-r-last.dat uc_notree/
expect_error "prove without tree-d" "tree-d" "$sealer" update-vanilla-proofs --sector-size 2KiB --sector-key key --sector-key-cache kc --update u --update-cache uc_notree --out vp.json
[ ! -e vp.json ] || bad "proof file exists after failures"

# verify-update-proofs
"${vp[@]}" --out vp.json >/dev/null || bad "setup update-vanilla-proofs"
ver=("$sealer" verify-update-proofs --sector-size 2KiB --comm-r-old "$cr_old" --comm-r-new "$cr_new" --comm-d-new "$cd_new")
expect_error "verify missing --comm-d-new" "verify-update-proofs: --comm-d-new is required" "$sealer" verify-update-proofs --sector-size 2KiB --comm-r-old "$cr_old" --comm-r-new "$cr_new" --proofs vp.json
expect_error "verify missing file" "cannot open --proofs nothere.json" "${ver[@]}" --proofs nothere.json
printf '["abc' > trunc.json
expect_error "verify truncated JSON" "--proofs trunc.json is not JSON" "${ver[@]}" --proofs trunc.json
printf '{"a":1}' > obj.json
expect_error "verify not an array" "must be a JSON array of base64 strings" "${ver[@]}" --proofs obj.json
printf '["!!!!"]' > b64.json
expect_error "verify bad base64" "partition 0 is not valid base64" "${ver[@]}" --proofs b64.json
# well-formed JSON carrying wrong proofs is a verdict: exit 1, "valid":false, the reason
expect_invalid() { # what want command...
  local what=$1 want=$2 rc=0; shift 2
  "$@" >out.json 2>err.txt || rc=$?
  [ $rc = 1 ] || bad "$what: exit $rc, expected 1"
  grep -q '"valid":false' out.json || bad "$what: not reported invalid: $(cat out.json)"
  grep -q -- "$want" out.json || bad "$what: errors lack '$want': $(cat out.json)"
  [ "$(wc -l < err.txt)" = 1 ] || bad "$what: stderr is not one line"
  note "ok: $what -> $(cat err.txt)"
}
printf '["AAAA","AAAA"]' > two.json
expect_invalid "verify wrong partition count" "2 partition proofs; a 2KiB sector has 1" "${ver[@]}" --proofs two.json
sed 's/^\["\([^"]*\)".*/\1/' vp.json | base64 -d | head -c 2000 > cut.bin
printf '["%s"]' "$(base64 -w0 cut.bin)" > cut.json
expect_invalid "verify truncated proof" "malformed proof at byte 1992: truncated: sibling hash needs 32 bytes" "${ver[@]}" --proofs cut.json
expect_invalid "verify wrong sector size" "1 partition proofs; a 8MiB sector has 4" "${ver[@]/2KiB/8MiB}" --proofs vp.json

# capabilities takes no flags
expect_error "capabilities flag" "capabilities" "$sealer" capabilities --all
"$sealer" capabilities > caps.json || bad "capabilities failed"
grep -q '"ReplicaUpdate":{"runs":true' caps.json || bad "capabilities: ReplicaUpdate"
grep -q '"Commit2":{"runs":false' caps.json || bad "capabilities: Commit2 must go to the external prover"
finish

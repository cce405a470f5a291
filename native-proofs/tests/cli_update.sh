#!/usr/bin/env bash
# The empty sector update through the CLI: a CC sector sealed by pc1 + pc2 is
# updated with zero ("cc") and random ("rnd") data; update-decode must give
# the data back byte for byte, regen-sector-key the original sealed file,
# tree-r-last and p_aux; the vanilla proofs must verify, and one flipped byte
# in the replica, the sector key, tree-d, tree-r-last or a proof must make
# verify-update-proofs fail naming the partition, challenge and check.
# At 2 KiB the fixed end-to-end vector of reference/snapdeals.md 10.3 is
# checked too.
#   cli_update.sh SEALER WORKDIR SIZE
SEALER=$1; work=$2; size=$3
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
case $size in
  2KiB) bytes=2048; payload=2000; nparts=1 ;;
  8MiB) bytes=8388608; payload=8000000; nparts=4 ;;
  *) note "unsupported size $size"; exit 2 ;;
esac
ticket=$(hex32 1)
gen() { LC_ALL=C awk -v n="$2" -v seed="$3" 'BEGIN{srand(seed); for(i=0;i<n;i++) printf "%c", int(rand()*256)}' > "$1"; }
flip() { # file byte-offset: xor the byte with 1
  local f=$1 off=$2 b
  b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
  printf "$(printf '\\%03o' $((b ^ 1)))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}
json_arr_first() { sed -n 's/.*"'"$1"'":\[\[\?\([0-9]*\).*/\1/p'; }

# the sector key: a CC sector (miner f01000, sector 7, ticket 11^32)
head -c $bytes /dev/zero > key.unsealed
"$sealer" pc1 --sector-size $size --miner f01000 --sector 7 --ticket "$ticket" --unsealed key.unsealed \
  --cache key.cache --parent-cache "$pc" --threads 2 >/dev/null || { bad "pc1 of the sector key failed"; finish; }
o=$("$sealer" pc2 --sector-size $size --cache key.cache --unsealed key.unsealed --sealed key.sealed --threads 2) \
  || { bad "pc2 of the sector key failed"; finish; }
commr_old=$(printf '%s' "$o" | json_str commR)

head -c $bytes /dev/zero > cc.data
if [ $size = 2KiB ]; then
  for i in $(seq 40); do printf 'hello snapdeals world '; done > payload
else
  gen payload $payload 21
fi
"$sealer" add-piece --sector-size $size --input payload --unsealed rnd.data >/dev/null || bad "add-piece failed"

for kind in cc rnd; do
  u=$kind.update; uc=$kind.update-cache
  o=$("$sealer" update-encode --sector-size $size --sector-key key.sealed --sector-key-cache key.cache \
        --staged-data $kind.data --update $u --update-cache $uc --threads 2) || { bad "$kind: update-encode failed"; continue; }
  commr_new=$(printf '%s' "$o" | json_str commRNew); commd_new=$(printf '%s' "$o" | json_str commDNew)
  case $commr_new in bagboea4b5abc*) ;; *) bad "$kind: commRNew $commr_new is not a sealed CID" ;; esac
  case $commd_new in baga6ea4sea*) ;; *) bad "$kind: commDNew $commd_new is not an unsealed CID" ;; esac
  [ "$(printf '%s' "$o" | json_str commROld)" = "$commr_old" ] || bad "$kind: commROld is not the sector key's comm_r"
  for f in sc-02-data-tree-d.dat sc-02-data-tree-r-last.dat p_aux t_aux; do [ -s $uc/$f ] || bad "$kind: update-cache/$f missing"; done
  [ "$(stat -c %s $uc/sc-02-data-tree-d.dat)" = $((2 * bytes - 32)) ] || bad "$kind: tree-d is not the full (2N-1)*32-byte store"
  cmp -s $uc/t_aux key.cache/t_aux || bad "$kind: update-cache t_aux is not the sector key's t_aux"
  [ "$(head -c 32 $uc/p_aux | od -An -tx1)" = "$(head -c 32 key.cache/p_aux | od -An -tx1)" ] || bad "$kind: comm_c changed"
  if [ $size = 2KiB ]; then
    "$sealer" update-encode --sector-size $size --sector-key key.sealed --sector-key-cache key.cache --staged-data $kind.data \
      --update $u.1 --update-cache $uc.1 --threads 1 --comm-d "$commd_new" >/dev/null || bad "$kind: 1-thread encode failed"
    cmp -s $u $u.1 || bad "$kind: update differs between 1 and 2 threads"
    cmp -s $uc/sc-02-data-tree-r-last.dat $uc.1/sc-02-data-tree-r-last.dat || bad "$kind: tree-r-last differs between 1 and 2 threads"
  fi
  # decode: whole sector and a range
  "$sealer" update-decode --sector-size $size --update $u --sector-key key.sealed --sector-key-cache key.cache \
    --comm-d "$commd_new" --out $kind.decoded >/dev/null || bad "$kind: update-decode failed"
  cmp -s $kind.decoded $kind.data || bad "$kind: decoded data differs from the staged data"
  "$sealer" update-decode --sector-size $size --update $u --sector-key key.sealed --comm-r-old "$commr_old" \
    --comm-d "$commd_new" --out $kind.range --offset 160 --length 288 >/dev/null || bad "$kind: range decode failed"
  cmp -s $kind.range <(tail -c +161 $kind.data | head -c 288) || bad "$kind: range decode differs from bytes 160..448"
  # regen-sector-key from the update cache: the original sealed file, tree-r-last and p_aux
  "$sealer" regen-sector-key --sector-size $size --update $u --update-cache $uc --staged-data $kind.data \
    --comm-d "$commd_new" --comm-r-old "$commr_old" --sector-key $kind.key --sector-key-cache $kind.key.cache >/dev/null \
    || bad "$kind: regen-sector-key failed"
  cmp -s $kind.key key.sealed || bad "$kind: regenerated sector key differs from the sealed file"
  cmp -s $kind.key.cache/p_aux key.cache/p_aux || bad "$kind: regenerated p_aux differs"
  cmp -s $kind.key.cache/sc-02-data-tree-r-last.dat key.cache/sc-02-data-tree-r-last.dat || bad "$kind: regenerated tree-r-last differs"
  # vanilla proofs and the verifier
  o=$("$sealer" update-vanilla-proofs --sector-size $size --sector-key key.sealed --sector-key-cache key.cache \
        --update $u --update-cache $uc --comm-r-old "$commr_old" --comm-r-new "$commr_new" --comm-d-new "$commd_new" \
        --out $kind.vp.json) || { bad "$kind: update-vanilla-proofs failed"; continue; }
  [ "$(printf '%s' "$o" | sed -n 's/.*"partitions":\([0-9]*\).*/\1/p')" = $nparts ] || bad "$kind: not $nparts partitions"
  # bincode sizes (reference/snapdeals.md 6.3)
  if [ $size = 8MiB ]; then want_bytes='43864,43864,43864,43864'; else want_bytes=15064; fi
  printf '%s' "$o" | grep -q "\"partitionBytes\":\[$want_bytes\]" || bad "$kind: partition proof sizes are not [$want_bytes]"
  ch=$(printf '%s' "$o" | json_arr_first challenges)
  vargs=(--sector-size $size --comm-r-old "$commr_old" --comm-r-new "$commr_new" --comm-d-new "$commd_new")
  v=$("$sealer" verify-update-proofs "${vargs[@]}" --proofs $kind.vp.json) || bad "$kind: verifier rejected good proofs: $v"
  printf '%s' "$v" | grep -q '"valid":true' || bad "$kind: not valid: $v"
  # zero data leaves the replica as it was: the sector key's comm_r is kept
  if [ $kind = cc ]; then
    [ "$commr_new" = "$commr_old" ] || bad "cc: an update with zero data changed comm_r"
    cmp -s $u key.sealed || bad "cc: an update with zero data changed the replica"
  elif "$sealer" verify-update-proofs --sector-size $size --comm-r-old "$commr_new" --comm-r-new "$commr_new" \
       --comm-d-new "$commd_new" --proofs $kind.vp.json >/dev/null 2>&1; then
    bad "$kind: verifier accepted comm_r_old := comm_r_new"
  fi
  if [ $kind = rnd ] && [ $size = 2KiB ]; then
    # reference/snapdeals.md 10.3
    [ "$commr_old" = bagboea4b5abcb7a4sszj36u3xhsbp7fr3b3zvnlnmtbue7un3zlme5b3yqizfhin ] || bad "10.3: comm_r_old $commr_old"
    [ "$commd_new" = baga6ea4seaqltfpmjdcwq22kzefbs3f6nj7gbksbwrtx4fn62gyridxvkskn6ky ] || bad "10.3: comm_d_new $commd_new"
    [ "$commr_new" = bagboea4b5abca6s5m2j4jmp5zhi2s2jbam3xt4ytoyapmcwglhhkyy7yrrld42zr ] || bad "10.3: comm_r_new $commr_new"
    [ "$(sha $u)" = 1ceac1b0266635130a055bb3074463a3ebc68addf25ede9f216144fbd272f9bb ] || bad "10.3: update file SHA-256 $(sha $u)"
    [ "$(od -An -tx1 -j32 -N32 $uc/p_aux | tr -d ' \n')" = a6b7d078badc10f3769a042d39e062365748160c9abc30f82ea7ba377485f36f ] || bad "10.3: comm_r_last_new"
    printf '%s' "$o" | grep -q '"challenges":\[\[16,39,59,51,49,35,37,2,48,18\]\]' || bad "10.3: challenges: $o"
    printf '%s' "$o" | grep -q '"partitionBytes":\[15064\]' || bad "10.3: partition proof size"
    printf '%s' "$o" | grep -q '"partitionSha256":\["702741c4ce5a66d35457427f95463cba1636a80d7744b8a0b93c74f5de8bbb9a"\]' || bad "10.3: partition proof SHA-256: $o"
    printf '%s' "$o" | grep -q '"publicInputs":\[1\]' || bad "10.3: first public input"
    sed 's/^\["\([^"]*\)".*/\1/' $kind.vp.json | base64 -d > p0.bin
    [ "$(sha p0.bin)" = 702741c4ce5a66d35457427f95463cba1636a80d7744b8a0b93c74f5de8bbb9a ] || bad "10.3: the JSON's base64 does not decode to the partition proof"
  fi
  [ $kind = rnd ] || continue
  # ---- tampering: every flip must fail verification and name where ----
  expect_invalid() { # what json want-in-output
    local what=$1 proofs=$2 want=$3 rc=0
    "$sealer" verify-update-proofs "${vargs[@]}" --proofs $proofs >t.out 2>t.err || rc=$?
    [ $rc = 1 ] || bad "$kind/$what: verifier exit $rc, expected 1"
    grep -q '"valid":false' t.out || bad "$kind/$what: not reported invalid"
    grep -q -- "$want" t.out || bad "$kind/$what: errors do not mention '$want': $(head -c 600 t.out)"
    [ "$(wc -l < t.err)" = 1 ] || bad "$kind/$what: stderr is not one line"
    note "ok: $kind/$what -> $(cat t.err)"
  }
  reprove() { # what file-to-flip offset want
    local what=$1 f=$2 off=$3 want=$4
    rm -rf t.key t.key.cache t.update t.update-cache
    cp key.sealed t.key; cp -r key.cache t.key.cache; cp $u t.update; cp -r $uc t.update-cache
    flip "$f" "$off"
    "$sealer" update-vanilla-proofs --sector-size $size --sector-key t.key --sector-key-cache t.key.cache \
      --update t.update --update-cache t.update-cache --out t.json >/dev/null 2>t.err || { bad "$kind/$what: prover failed: $(cat t.err)"; return; }
    expect_invalid "$what" t.json "$want"
  }
  reprove "replica byte" t.update $((ch * 32)) "\"challenge\":0,\"node\":$ch,\"check\":\"proof_r_new\""
  reprove "sector key byte" t.key $((ch * 32)) "\"challenge\":0,\"node\":$ch,\"check\":\"proof_r_old\""
  reprove "tree-d leaf byte" t.update-cache/sc-02-data-tree-d.dat $((ch * 32)) "\"challenge\":0,\"node\":$ch,\"check\":\"proof_d_new\""
  if [ $size = 2KiB ]; then
    reprove "tree-r-last byte" t.update-cache/sc-02-data-tree-r-last.dat 0 "proof_r_new"
  else
    reprove "tree-r-last byte" t.update-cache/sc-02-data-tree-r-last.dat $(( ((ch / 512) ^ 1) * 32 )) "\"challenge\":0,\"node\":$ch,\"check\":\"proof_r_new\""
  fi
  # a proof byte: the first sibling of challenge 0's tree-d path, and a length field
  sed 's/^\["\([^"]*\)".*/\1/' $kind.vp.json | base64 -d > p0.bin
  if [ $size = 2KiB ]; then alc=8; rold=556; else alc=128; rold=1516; fi
  dsib=$((32 + 8 + alc * 32 + 8 + rold + 4 + 64 + 8 + 8))
  rebuild() { # blob -> t.json with partition 0 replaced
    local rest; rest=$(sed 's/^\["[^"]*"//' $kind.vp.json)
    printf '["%s"%s' "$(base64 -w0 "$1")" "$rest" > t.json
  }
  cp p0.bin t.bin && flip t.bin $((dsib + 1)) && rebuild t.bin
  expect_invalid "proof sibling byte" t.json "\"partition\":0,\"challenge\":0,\"node\":$ch,\"check\":\"proof_d_new\""
  cp p0.bin t.bin && flip t.bin 33 && rebuild t.bin
  expect_invalid "proof apex count byte" t.json "apex leaves; a $size sector has $alc"
  cp p0.bin t.bin && flip t.bin $((dsib - 8)) && rebuild t.bin
  expect_invalid "proof sibling count byte" t.json "malformed proof at byte $((dsib - 8))"
  cp p0.bin t.bin && flip t.bin 41 && rebuild t.bin
  expect_invalid "proof apex leaf byte" t.json "\"check\":\"apex\""
  cp p0.bin t.bin && flip t.bin 5 && rebuild t.bin
  expect_invalid "proof comm_c byte" t.json "\"check\":\"comm_r_old\""
done
if find . -name '*.tmp.*' | grep -q .; then bad "temporary files left: $(find . -name '*.tmp.*')"; fi
finish

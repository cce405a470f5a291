#!/usr/bin/env bash
# AddPiece -> PC1 -> PC2 -> C1 -> verify-c1 -> unseal (and read-unsealed) through the CLI, for CC
# (all-zero) and random data; then tampering: one flipped byte in the sealed
# file, a label file, tree-c and tree-r-last must each make verify-c1 fail
# and name the challenge and the check.
#   cli_roundtrip.sh SEALER WORKDIR SIZE
SEALER=$1; work=$2; size=$3
. "$(dirname "$0")/cli_lib.sh"
fresh_workdir
ticket=$(hex32 5)
seed=$(hex32 a)
case $size in
  2KiB) bytes=2048; payload=2000 ;;
  8MiB) bytes=8388608; payload=8000000 ;;
  *) note "unsupported size $size"; exit 2 ;;
esac
gen() { LC_ALL=C awk -v n="$2" -v seed="$3" 'BEGIN{srand(seed); for(i=0;i<n;i++) printf "%c", int(rand()*256)}' > "$1"; }
gen payload $payload 11
head -c $bytes /dev/zero > cc.unsealed
"$sealer" add-piece --sector-size $size --input payload --unsealed rnd.unsealed >/dev/null || bad "add-piece failed"

flip() { # file byte-offset: xor the byte with 1
  local f=$1 off=$2 b
  b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
  printf "$(printf '\\%03o' $((b ^ 1)))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

for kind in cc rnd; do
  c=$kind.cache; s=$kind.sealed
  o=$("$sealer" pc1 --sector-size $size --miner f01000 --sector 3 --ticket "$ticket" \
        --unsealed $kind.unsealed --cache $c --parent-cache "$pc" --threads 2) || { bad "$kind: pc1 failed"; continue; }
  commd=$(printf '%s' "$o" | json_str commD)
  o=$("$sealer" pc2 --sector-size $size --cache $c --unsealed $kind.unsealed --sealed $s --threads 2) || { bad "$kind: pc2 failed"; continue; }
  commr=$(printf '%s' "$o" | json_str commR)
  case $commr in bagboea4b5abc*) ;; *) bad "$kind: commR $commr is not a bagboea4b5abc... CID" ;; esac
  [ "$(printf '%s' "$o" | json_str commD)" = "$commd" ] || bad "$kind: pc2 commD differs from pc1"
  for f in sc-02-data-tree-r-last.dat sc-02-data-tree-c.dat p_aux t_aux; do [ -s $c/$f ] || bad "$kind: $f missing"; done
  [ "$(stat -c %s $c/p_aux)" = 64 ] || bad "$kind: p_aux is not 64 bytes"
  [ "$(stat -c %s $s)" = $bytes ] || bad "$kind: sealed file size"
  # one thread gives the same files (2 KiB only: it is the slowest run at 8 MiB)
  if [ $size = 2KiB ]; then
  "$sealer" pc2 --sector-size $size --cache $c --unsealed $kind.unsealed --sealed $s.1 --threads 1 --engine cpu >/dev/null || bad "$kind: pc2 1 thread failed"
  cmp -s $s $s.1 || bad "$kind: sealed differs between 1 and 2 threads"
  fi
  # C1 and verify-c1
  o=$("$sealer" c1 --sector-size $size --miner f01000 --sector 3 --ticket "$ticket" --seed "$seed" \
        --cache $c --sealed $s --out $kind.c1.json) || { bad "$kind: c1 failed"; continue; }
  ch=$(printf '%s' "$o" | sed -n 's/.*"challenges":\[\[\([0-9]*\).*/\1/p')
  [ -n "$ch" ] || bad "$kind: no challenge in c1 output"
  v=$("$sealer" verify-c1 --proofs $kind.c1.json --comm-r "$commr" --comm-d "$commd" --miner f01000 --sector 3) \
    || bad "$kind: verify-c1 rejected a good proof: $v"
  printf '%s' "$v" | grep -q '"valid":true' || bad "$kind: verify-c1 not valid: $v"
  # verify-c1 against wrong expectations
  if "$sealer" verify-c1 --proofs $kind.c1.json --comm-d "$(printf "%064x" 7)" >/dev/null 2>&1; then
    bad "$kind: verify-c1 accepted a wrong --comm-d"
  fi
  # unseal: whole sector and a ReadUnsealed range
  "$sealer" unseal --sector-size $size --cache $c --sealed $s --out $kind.out >/dev/null || bad "$kind: unseal failed"
  cmp -s $kind.out $kind.unsealed || bad "$kind: unsealed bytes differ from the original"
  if [ $kind = rnd ]; then
    "$sealer" unseal --sector-size $size --cache $c --sealed $s --out part.out --unpadded --offset 100 --length 1500 >/dev/null || bad "unseal range failed"
    cmp -s part.out <(tail -c +101 payload | head -c 1500) || bad "unpadded range differs from the payload bytes"
    # the same range cut from the unsealed copy (ReadUnsealed where one exists), and one past the end
    "$sealer" read-unsealed --sector-size $size --unsealed $kind.unsealed --offset 100 --length 1500 --out copy.out >/dev/null \
      || bad "read-unsealed failed"
    cmp -s copy.out part.out || bad "read-unsealed range differs from the unsealed range of the replica"
    cap=$((bytes - bytes / 128))
    if "$sealer" read-unsealed --sector-size $size --unsealed $kind.unsealed --offset $((cap - 10)) --length 11 --out past.out >/dev/null 2>past.err; then
      bad "read-unsealed accepted a range past the sector's $cap unpadded bytes"
    fi
    grep -q -- "--offset $((cap - 10)) --length 11 is outside" past.err || bad "read-unsealed past the end: $(cat past.err)"
    [ ! -e past.out ] || bad "read-unsealed left an output for a refused range"
    # key regenerated from the ticket when the layers are gone
    mkdir -p nolayers && cp $c/sc-02-data-tree-d.dat nolayers/
    o=$("$sealer" unseal --sector-size $size --cache nolayers --sealed $s --out regen.out --miner f01000 --sector 3 \
          --ticket "$ticket" --parent-cache "$pc") || bad "unseal with regenerated key failed"
    printf '%s' "$o" | grep -q '"keySource":"regenerated"' || bad "key was not regenerated"
    cmp -s regen.out $kind.unsealed || bad "unseal with regenerated key differs"
  fi
  # tampering: each must make verify-c1 fail and name the place
  tamper() { # what file-to-copy-and-flip offset expected-word
    local what=$1 f=$2 off=$3 want=$4
    rm -rf t.cache t.sealed && cp -r $c t.cache && cp $s t.sealed
    case $f in sealed) flip t.sealed $off ;; *) flip t.cache/$f $off ;; esac
    "$sealer" c1 --sector-size $size --miner f01000 --sector 3 --ticket "$ticket" --seed "$seed" \
      --cache t.cache --sealed t.sealed --out t.json >/dev/null 2>&1 || { bad "$kind/$what: c1 failed"; return; }
    local rc=0
    "$sealer" verify-c1 --proofs t.json >t.out 2>t.err || rc=$?
    [ $rc = 1 ] || bad "$kind/$what: verify-c1 exit $rc, expected 1"
    grep -q '"valid":false' t.out || bad "$kind/$what: not reported invalid"
    grep -q "\"challenge\":$ch" t.out || bad "$kind/$what: error does not name challenge $ch: $(cat t.out)"
    grep -q "$want" t.out || bad "$kind/$what: error does not mention '$want': $(cat t.out)"
    [ "$(wc -l < t.err)" = 1 ] || bad "$kind/$what: stderr is not one line"
    note "ok: $kind/$what -> $(cat t.err)"
  }
  tamper "sealed byte" sealed $((ch * 32)) "tree-r-last"
  tamper "label byte" sc-02-data-layer-1.dat $((ch * 32)) "tree-c c_x"
  tamper "last-layer label byte" sc-02-data-layer-2.dat $((ch * 32 + 3)) "labeling"
  tamper "tree-c byte" sc-02-data-tree-c.dat $((ch * 32)) "tree-c c_x"
  # 2 KiB: the file is the root; 8 MiB: a sibling on the path in the first cached row (level 3)
  if [ $size = 2KiB ]; then rpos=0; else rpos=$(( ((ch / 512) ^ 1) * 32 )); fi
  tamper "tree-r-last byte" sc-02-data-tree-r-last.dat $rpos "tree-r-last"
done
ls *.cache | grep -q '\.tmp\.' && bad "temporary files left behind"
finish

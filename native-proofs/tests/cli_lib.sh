# Helpers shared by the CLI test scripts (sourced, not run).
set -u
fail=0
sealer=${SEALER:?SEALER must point at the sealer binary}

# fresh_workdir: run quietly in an empty $work (the script's second argument), the SDR parent
# cache in $pc.
fresh_workdir() {
  export SEALER_QUIET=1
  rm -rf "${work:?}" && mkdir -p "$work" && cd "$work" || exit 2
  pc="$work/parents"
}

# hex32 DIGIT: 32 bytes of one repeated hex digit, as a ticket, seed or randomness.
hex32() { printf '%064x' 0 | tr 0 "$1"; }

note() { printf '%s\n' "$*" >&2; }
bad() { note "FAIL: $*"; fail=1; }

# json_str FIELD < json  -> value of the last "FIELD":"value" on the line
json_str() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p'; }
json_num() { sed -n 's/.*"'"$1"'":\([0-9.]*\).*/\1/p'; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

# expect_error "description" "stderr must contain" command...: the command must exit non-zero
# with one stderr line naming the problem, print one {"error":...} object on stdout, and leave
# no temporary file behind (run in the script's work directory).
expect_error() {
  local what=$1 want=$2; shift 2
  local rc=0
  "$@" >out.json 2>err.txt || rc=$?
  if [ "$rc" -eq 0 ]; then bad "$what: exit status 0"; return; fi
  local lines; lines=$(wc -l < err.txt)
  [ "$lines" -eq 1 ] || bad "$what: $lines stderr lines: $(cat err.txt)"
  grep -q -- "$want" err.txt || bad "$what: stderr '$(cat err.txt)' lacks '$want'"
  [ "$(wc -l < out.json)" -eq 1 ] && grep -q '^{"error":' out.json || bad "$what: stdout is not one error object: $(cat out.json)"
  if find . -name '*.tmp.*' | grep -q .; then bad "$what: temporary file left: $(find . -name '*.tmp.*')"; fi
  note "ok: $what -> $(cat err.txt)"
}

finish() {
  if [ "$fail" -ne 0 ]; then note "some checks failed"; exit 1; fi
  note "all checks passed"
  exit 0
}

# Helpers shared by the CLI test scripts (sourced, not run).
set -u
fail=0
sealer=${SEALER:?SEALER must point at the sealer binary}

note() { printf '%s\n' "$*" >&2; }
bad() { note "FAIL: $*"; fail=1; }

# json_str FIELD < json  -> value of the last "FIELD":"value" on the line
json_str() { sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p'; }
json_num() { sed -n 's/.*"'"$1"'":\([0-9.]*\).*/\1/p'; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

finish() {
  if [ "$fail" -ne 0 ]; then note "some checks failed"; exit 1; fi
  note "all checks passed"
  exit 0
}

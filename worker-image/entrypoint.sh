#!/bin/sh
# Entrypoint of the sealfleet worker image.
#
# A worker pod passes `agent --worker <name>` as its args (the image's default command is `agent`),
# which this script hands to the sealfleet jar. `sealer <subcommand> ...` runs the native kernel
# instead (e.g. `docker run --rm IMAGE sealer bench`).
set -eu

# The agent starts this binary for every sealing task.
: "${SEALFLEET_SEALER:=/usr/local/bin/sealer}"
export SEALFLEET_SEALER

if [ "${1:-}" = "sealer" ]; then
  shift
  exec "$SEALFLEET_SEALER" "$@"
fi

# The pod's memory limit is sized for the sealer child processes (PreCommit1 alone holds 64 GiB at
# 32 GiB), not for the agent: cap the heap at a quarter of the limit, and let the JVM exit (and the
# pod restart) on an OutOfMemoryError rather than limp on. JAVA_OPTS come last, so they override
# these defaults; they are split into words on purpose, and never globbed.
set -f
# shellcheck disable=SC2086
exec java -XX:MaxRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} \
  -jar /opt/sealfleet/sealfleet.jar "$@"

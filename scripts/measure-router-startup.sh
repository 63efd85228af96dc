#!/bin/bash
# Start-up to chat-ready with and without the router embedding cache (<data>/router-embeddings.bin):
# starts `spotter serve` (SPOTTER=path picks the binary, default the debug build) on one data
# directory three times — no cache file, then twice with it — timing launch → /v1/health 200
# (chat is assembled before the socket binds) and printing each `router trained` log line.
# Needs curl and bc; RUNS=n repeats the three starts.
set -u
cd "$(dirname "$0")/.."
S=${SPOTTER:-.build/debug/spotter}
D=$(mktemp -d /tmp/rst.XXXX)
start() {
  local W; W=$(mktemp -d /tmp/rsw.XXXX)
  local t0 t1; t0=$(date +%s.%N)
  $S serve --socket "$W/s.sock" --data "$D" --log-level info > "$W/log" 2>&1 & local P=$!
  for _ in $(seq 1 6000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --unix-socket "$W/s.sock" http://x/v1/health 2>/dev/null)" = 200 ] && break
    sleep 0.02
  done
  t1=$(date +%s.%N)
  echo "$1: /v1/health 200 after $(echo "$t1 - $t0" | bc) s; $(grep -a 'router trained' "$W/log" | sed 's/^.*spotter: //')"
  kill $P; wait $P 2>/dev/null; rm -rf "$W"
}
for run in $(seq 1 "${RUNS:-1}"); do
  rm -f "$D/router-embeddings.bin"
  start "run $run, no cache"; start "run $run, cached"; start "run $run, cached again"
done
rm -rf "$D"

#!/bin/bash
# Two real daemons (the real MiniLM encoder; SPOTTER=path picks the binary, default the debug build)
# on one throwaway PostgreSQL (scripts/postgres.sh): prints the time from daemon A's acknowledged
# knowledge import (admin socket) to daemon B's search finding the exercise. Needs curl and bc.
set -u
cd "$(dirname "$0")/.."
W=$(mktemp -d /tmp/pgm.XXXX)
URL=$(scripts/postgres.sh start); PGD=$(echo "$URL" | sed "s/.*host=//"); echo "URL $URL"; [ -n "$URL" ] || exit 1
S=${SPOTTER:-.build/debug/spotter}
$S serve --socket $W/a.sock --admin-socket $W/aa.sock --data $W/a --database "$URL" --disable chat --disable tracker --log-level info > $W/a.log 2>&1 & PA=$!
$S serve --socket $W/b.sock --admin-socket $W/ba.sock --data $W/b --database "$URL" --disable chat --disable tracker --log-level info > $W/b.log 2>&1 & PB=$!
echo "pids $PA $PB dir $W"
for i in $(seq 1 200); do
  ra=$(curl -s --unix-socket $W/a.sock http://x/v1/health | grep -c '"the knowledge index":"ready"')
  rb=$(curl -s --unix-socket $W/b.sock http://x/v1/health | grep -c '"the knowledge index":"ready"')
  [ "$ra" = 1 ] && [ "$rb" = 1 ] && break; sleep 1
done
echo "ready after ~$i s"
cat > $W/x.json <<'J'
[{"id": "Zz_Shared", "name": "Quibblex Row", "level": "beginner", "equipment": "cable", "category": "strength", "primaryMuscles": ["lats"], "secondaryMuscles": [], "instructions": ["Row the quibblex."]}]
J
curl -s --unix-socket $W/aa.sock -X POST -H 'Content-Type: application/json' --data-binary @$W/x.json 'http://x/v1/knowledge/import?format=free-exercise-db'; echo
t0=$(date +%s.%N)
for i in $(seq 1 2000); do
  curl -s --unix-socket $W/b.sock 'http://x/v1/knowledge/search?q=Quibblex&mode=bm25' | grep -q quibblex-row && break
  sleep 0.005
done
t1=$(date +%s.%N)
echo "B found A's acknowledged import after $(echo "$t1 - $t0" | bc) s"
grep -a "applied knowledge change" $W/b.log | tail -2
kill $PA $PB; wait $PA $PB 2>/dev/null
scripts/postgres.sh stop $PGD >/dev/null 2>&1

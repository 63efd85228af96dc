#!/usr/bin/env bash
# Spec-driven fuzzing of the socket API (issue #15; run by `make test` after `swift test`).
#
# Starts the daemon built by the test build (.build/debug/spotter) on a temporary socket and
# data directory, with its test-only loopback TCP listener (--test-http-port, 127.0.0.1 only:
# schemathesis speaks TCP, not Unix sockets), waits until every capability has loaded, then
# runs schemathesis over every operation of openapi.yaml with a bounded number of examples
# (chat operations fewer: they generate with the real embedded model). Fails when any response
# is a 5xx, does not match the documented status, content type, headers or schema, or when the
# daemon is not alive (GET /v1/health) at the end.
#
# Environment: ST_EXAMPLES (default 25 per operation), ST_CHAT_EXAMPLES (default 6),
# ST_SEED (default 1; fixed so a failure reproduces), SPOTTER_SCHEMATHESIS_VENV (the venv).
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.32.5
VENV="${SPOTTER_SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/spotter/schemathesis-$VERSION}"
EXAMPLES="${ST_EXAMPLES:-25}"
CHAT_EXAMPLES="${ST_CHAT_EXAMPLES:-6}"
SEED="${ST_SEED:-1}"
BIN=.build/debug/spotter

# A venv when python3 has the venv module (Debian: python3-venv); else a plain --target install.
if [ -x "$VENV/bin/schemathesis" ]; then
    ST=("$VENV/bin/schemathesis")
elif [ -f "$VENV/site/schemathesis/__init__.py" ]; then
    ST=(env PYTHONPATH="$VENV/site" python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())')
else
    echo "schemathesis: installing schemathesis==$VERSION into $VENV"
    rm -rf "$VENV"
    if python3 -m venv "$VENV" 2>/dev/null; then
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
        ST=("$VENV/bin/schemathesis")
    else
        rm -rf "$VENV"
        python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$VENV/site" "schemathesis==$VERSION"
        ST=(env PYTHONPATH="$VENV/site" python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())')
    fi
fi
[ -x "$BIN" ] || { echo "schemathesis: $BIN is missing; run swift build --build-tests first" >&2; exit 1; }

TMP=$(mktemp -d /tmp/spst.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
BASE="http://127.0.0.1:$PORT"
# --allow-knowledge-import: the knowledge operator actions are fuzzed too (on the TCP listener).
"$BIN" serve --socket "$TMP/s.sock" --data "$TMP/data" --test-http-port "$PORT" --allow-knowledge-import --log-level warning >"$TMP/daemon.log" 2>&1 &
DAEMON=$!
cleanup() {
    kill -TERM "$DAEMON" 2>/dev/null || true
    wait "$DAEMON" 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# Every capability ready (the knowledge index builds in the fresh data directory), 5 min at most.
python3 - "$BASE" <<'PY'
import json, sys, time, urllib.request
base, deadline = sys.argv[1], time.time() + 300
while True:
    try:
        health = json.load(urllib.request.urlopen(base + "/v1/health", timeout=2))
        states = health["capabilities"].values()
        if all(s == "ready" for s in states):
            print("schemathesis: daemon ready:", ", ".join(health["capabilities"])); break
        if any(s.startswith("failed") for s in states):
            sys.exit("schemathesis: a capability failed to load: %s" % health["capabilities"])
    except OSError:
        pass
    if time.time() > deadline:
        sys.exit("schemathesis: the daemon did not become ready within 5 minutes")
    time.sleep(1)
PY
# Users with history, so generated requests reach the models and the store instead of stopping at
# 404: "ana" (the config's dictionary) and "0" (where generated ids shrink to).
python3 - "$BASE" <<'PY'
import json, sys, urllib.request
def send(method, path, body):
    request = urllib.request.Request(sys.argv[1] + path, method=method, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).read()
for user in ["ana", "0"]:
    send("PUT", "/v1/users/" + user, {"age": 34, "units": "kg", "goal": "strength"})
    send("POST", "/v1/users/%s/workouts" % user, {"started_at": "2025-09-15T07:48:00Z", "exercises": [
        {"name": "Bench Press (Barbell)", "sets": [{"weight": 80, "reps": 5, "rpe": 8}]}]})
PY

CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance
ROOT=$PWD
run() {
    # From the temporary directory: schemathesis keeps a crash cache (.schemathesis/) in its working directory.
    (cd "$TMP" && "${ST[@]}" --config-file "$ROOT/scripts/schemathesis.toml" run "$ROOT/openapi.yaml" --url "$BASE" --checks "$CHECKS" --workers 1 --seed "$SEED" \
        --phases examples,coverage,fuzzing --request-timeout 120 --suppress-health-check all --no-color "$@")
}
status=0
run --max-examples "$EXAMPLES" --exclude-path-regex '^/v1/chat' 2>&1 | tee "$TMP/st.log" || status=1
run --max-examples "$CHAT_EXAMPLES" --include-path-regex '^/v1/chat' 2>&1 | tee -a "$TMP/st.log" || status=1

if ! python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/v1/health", timeout=10)' "$BASE"; then
    echo "schemathesis: the daemon is not alive after the run; its log:" >&2
    tail -50 "$TMP/daemon.log" >&2
    status=1
fi
[ "$status" = 0 ] && echo "schemathesis: every operation conformed; the daemon is alive" || tail -20 "$TMP/daemon.log" >&2
# The plain closing line CI reads: test cases passed and failed (errored ones count as failed).
python3 - "$TMP/st.log" "$status" <<'PY'
import re, sys
passed = failed = 0
for line in open(sys.argv[1], errors="replace"):
    if " generated, " in line:
        passed += sum(int(n) for n in re.findall(r"(\d+) passed", line))
        failed += sum(int(n) for n in re.findall(r"(\d+) (?:found|errored)", line))
if sys.argv[2] != "0" and failed == 0:
    failed = 1
print("schemathesis: %d passed, %d failed" % (passed, failed))
PY
exit "$status"

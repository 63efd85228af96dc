#!/usr/bin/env bash
# Parser fuzzing with libFuzzer (README "Parser fuzzing"): builds the SpotterFuzz binary (every
# harness in Fuzz/Sources, parsers instrumented with -sanitize=fuzzer,address) in its own scratch
# path, then runs each harness for FUZZ_SECONDS and prints per harness: executions, exec/s,
# coverage (libFuzzer's cov: edges and ft: features), corpus size and crashes.
#
#   scripts/fuzz.sh                     every harness, FUZZ_SECONDS each (default 60)
#   scripts/fuzz.sh gguf image          the named harnesses only
#   FUZZ_SECONDS=15 FUZZ_SEED=1 scripts/fuzz.sh   the short, seeded run `make test` does
#
# Seeds come from Fuzz/corpus/<harness>/ (read only); what a run learns goes to
# .build-fuzz/corpus/<harness>/ and is reused by the next run on this machine. A crash, a
# sanitizer report, a hang (FUZZ_TIMEOUT seconds for one input, default 20) or memory over
# FUZZ_RSS_MB (default 2048) leaves its input in .build-fuzz/crashes/<harness>/ and makes the
# script exit 1 after every harness ran; replay one with
#   SPOTTER_FUZZ_HARNESS=<harness> .build-fuzz/debug/SpotterFuzz <input>
set -euo pipefail
cd "$(dirname "$0")/.."

HARNESSES=(gguf safetensors hevy strong workout image eval-suite tracker-text)
SECONDS_EACH=${FUZZ_SECONDS:-60}
SCRATCH=.build-fuzz
BIN=$SCRATCH/debug/SpotterFuzz
SWIFT=${SWIFT:-swift}
JOBS=${JOBS:-$(nproc)}
(($#)) && HARNESSES=("$@")

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  start=$(date +%s)
  mkdir -p "$SCRATCH"
  # -parse-as-library: the harness module has an @main entry; -enable-testing: @testable imports.
  SPOTTER_FUZZ=1 $SWIFT build -c debug -j "$JOBS" --scratch-path "$SCRATCH" --product SpotterFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -enable-testing \
    > "$SCRATCH/build.log" 2>&1 || { tail -40 "$SCRATCH/build.log"; echo "fuzz: build failed (log: $SCRATCH/build.log)" >&2; exit 1; }
  echo "fuzz: built $BIN in $(( $(date +%s) - start )) s"
fi

# Swift's runtime keeps metadata caches for the process's life, which LeakSanitizer would
# report at exit; leaks are not what these harnesses look for.
# A Swift trap goes to libFuzzer (which saves the input) rather than to Swift's own backtracer.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=0}
failed=()
printf '%-13s %10s %8s %7s %8s %9s %8s\n' harness executions exec/s cov ft corpus crashes
for h in "${HARNESSES[@]}"; do
  [ -d "Fuzz/corpus/$h" ] || { echo "fuzz: no harness '$h' (Fuzz/corpus/$h is missing)" >&2; exit 2; }
  mkdir -p "$SCRATCH/corpus/$h" "$SCRATCH/crashes/$h" "$SCRATCH/logs"
  log=$SCRATCH/logs/$h.log
  before=$(ls "$SCRATCH/crashes/$h" | wc -l)
  status=0
  SPOTTER_FUZZ_HARNESS=$h "$BIN" -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-20}" \
    -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
    -artifact_prefix="$SCRATCH/crashes/$h/" "$SCRATCH/corpus/$h" "Fuzz/corpus/$h" > "$log" 2>&1 || status=$?
  final_stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last"); ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p' <<<"$last")
  crashes=$(( $(ls "$SCRATCH/crashes/$h" | wc -l) - before ))
  ((status == 0 && crashes == 0)) || { failed+=("$h"); ((crashes > 0)) || crashes="exit $status"; }
  printf '%-13s %10s %8s %7s %8s %9s %8s\n' "$h" "$(final_stat number_of_executed_units)" "$(final_stat average_exec_per_sec)" \
    "${cov:--}" "${ft:--}" "${corp:--}" "$crashes"
done

if ((${#failed[@]})); then
  for h in "${failed[@]}"; do
    echo "--- $h: $(ls -t "$SCRATCH/crashes/$h" | head -1 | sed "s|^|$SCRATCH/crashes/$h/|") (log: $SCRATCH/logs/$h.log)"
    grep -m1 -A12 -E 'ERROR: (libFuzzer|AddressSanitizer)|Fatal error|SUMMARY' "$SCRATCH/logs/$h.log" || tail -20 "$SCRATCH/logs/$h.log"
  done
  echo "fuzz: ${#failed[@]} harness(es) failed: ${failed[*]}" >&2
  exit 1
fi

#!/usr/bin/env python3
"""The llama.cpp peer for `spotter bench engine` (optional: used only when importable).

Reads a JSON request on stdin:
  {"model": PATH, "threads": 2, "context": 4096,
   "prefill": [[ids...], ...],            # each list evaluated from an empty cache, best of `repeat`
   "decode": [{"prompt": [ids], "tokens": [ids]}, ...],   # prompt, then tokens fed one at a time
   "repeat": 2}
and prints {"version", "system_info", "threads", "n_batch", "wait_policy", "probe",
"prefill_seconds", "decode_seconds", and the process CPU time (all threads) of each:
"prefill_cpu_seconds", "decode_cpu_seconds"} on stdout.

llama.cpp settings: llama-cpp-python defaults (n_batch 512, f16 KV cache, flash attention off),
n_threads = n_threads_batch = threads; `system_info` is `llama_print_system_info()` (the SIMD
the build uses). The PyPI wheel runs its threads with OpenMP, whose barriers spin: on a loaded
machine (other processes on the cores) a spinning thread waits for a descheduled one and a
two-thread decode drops ~50x (measured 0.5 against 26 tok/s). So the peer is first probed with
both OpenMP wait policies (the default, spinning, and PASSIVE) on a short prefill and decode,
and the full request runs with the faster one, which is reported: llama.cpp gets its best
setting for the machine's state. Exit code 3 when llama_cpp is not importable.
"""
import json
import os
import subprocess
import sys
import time

POLICY_ENV = "SPOTTER_PEER_POLICY"


def measure(request):
    import llama_cpp  # imported here: OMP_WAIT_POLICY must be set before libgomp loads
    threads = int(request.get("threads", 2))
    llm = llama_cpp.Llama(model_path=request["model"], n_ctx=int(request.get("context", 4096)),
                          n_threads=threads, n_threads_batch=threads, logits_all=False, verbose=False)
    repeat = int(request.get("repeat", 2))
    prefill, prefill_cpu = [], []
    for ids in request.get("prefill", []):
        best, best_cpu = float("inf"), 0.0
        for _ in range(repeat):
            llm.reset()
            t0, c0 = time.perf_counter(), time.process_time()
            llm.eval(ids)
            if time.perf_counter() - t0 < best:
                best, best_cpu = time.perf_counter() - t0, time.process_time() - c0
        prefill.append(best)
        prefill_cpu.append(best_cpu)
    decode, decode_cpu = [], []
    for case in request.get("decode", []):
        llm.reset()
        llm.eval(case["prompt"])
        t0, c0 = time.perf_counter(), time.process_time()
        for token in case["tokens"]:
            llm.eval([token])
        decode.append(time.perf_counter() - t0)
        decode_cpu.append(time.process_time() - c0)
    info = llama_cpp.llama_print_system_info()
    return {"version": llama_cpp.__version__, "system_info": info.decode() if isinstance(info, bytes) else str(info),
            "threads": threads, "n_batch": llm.n_batch,
            "prefill_seconds": prefill, "decode_seconds": decode,
            "prefill_cpu_seconds": prefill_cpu, "decode_cpu_seconds": decode_cpu}


def child(request, policy):
    """Runs `measure` in a fresh interpreter with OMP_WAIT_POLICY = policy ('' = default)."""
    env = dict(os.environ)
    env[POLICY_ENV] = policy or "default"
    env.pop("OMP_WAIT_POLICY", None)
    if policy:
        env["OMP_WAIT_POLICY"] = policy
    done = subprocess.run([sys.executable, __file__], input=json.dumps(request), capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(done.stdout.strip() or done.stderr.strip()[-400:])
    return json.loads(done.stdout)


def main():
    request = json.load(sys.stdin)
    if os.environ.get(POLICY_ENV):   # a child: measure with the policy already in the environment
        print(json.dumps(measure(request)))
        return
    try:
        import llama_cpp  # noqa: F401
    except Exception as error:  # not installed, or built for another CPU
        print(json.dumps({"error": f"llama_cpp not importable: {error}"}))
        sys.exit(3)
    prefix = (request.get("prefill") or [[]])[0][:64]
    probe_request = dict(request, repeat=1, prefill=[prefix],
                         decode=[{"prompt": prefix[:16], "tokens": prefix[16:32]}])
    probe = {}
    for policy in ("", "PASSIVE"):
        result = child(probe_request, policy)
        probe[policy or "default"] = result["prefill_seconds"][0] + result["decode_seconds"][0]
    best = min(probe, key=probe.get)
    result = child(request, "" if best == "default" else best)
    result["wait_policy"] = best
    result["probe_seconds"] = probe
    print(json.dumps(result))


if __name__ == "__main__":
    main()

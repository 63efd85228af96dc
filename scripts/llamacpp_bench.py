#!/usr/bin/env python3
"""The llama.cpp peer for `spotter bench engine` (optional: used only when importable).

Reads a JSON request on stdin:
  {"model": PATH, "threads": 2, "context": 4096,
   "prefill": [[ids...], ...],            # each list evaluated from an empty cache, best of `repeat`
   "decode": [{"prompt": [ids], "tokens": [ids]}, ...],   # prompt, then tokens fed one at a time
   "repeat": 2}
and prints {"version": ..., "prefill_seconds": [...], "decode_seconds": [...]} on stdout.

llama.cpp settings: llama-cpp-python defaults (n_batch 512, f16 KV cache, flash attention off),
n_threads = n_threads_batch = threads. Exit code 3 when llama_cpp is not importable.
"""
import json
import sys
import time

try:
    import llama_cpp
except Exception as error:  # not installed, or built for another CPU
    print(json.dumps({"error": f"llama_cpp not importable: {error}"}))
    sys.exit(3)


def main():
    request = json.load(sys.stdin)
    threads = int(request.get("threads", 2))
    llm = llama_cpp.Llama(model_path=request["model"], n_ctx=int(request.get("context", 4096)),
                          n_threads=threads, n_threads_batch=threads, logits_all=False, verbose=False)
    repeat = int(request.get("repeat", 2))
    prefill = []
    for ids in request.get("prefill", []):
        best = float("inf")
        for _ in range(repeat):
            llm.reset()
            t0 = time.perf_counter()
            llm.eval(ids)
            best = min(best, time.perf_counter() - t0)
        prefill.append(best)
    decode = []
    for case in request.get("decode", []):
        llm.reset()
        llm.eval(case["prompt"])
        t0 = time.perf_counter()
        for token in case["tokens"]:
            llm.eval([token])
        decode.append(time.perf_counter() - t0)
    print(json.dumps({"version": llama_cpp.__version__, "prefill_seconds": prefill, "decode_seconds": decode}))


if __name__ == "__main__":
    main()

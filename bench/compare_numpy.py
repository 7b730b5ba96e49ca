#!/usr/bin/python3
"""Side-by-side: peviz's core against the numpy way of computing the same numbers.

Prints ratios (numpy time / peviz time), never absolute limits. Needs the bench
packages: scripts/setup --bench. Run from the repository root after a build:
    /usr/bin/python3 bench/compare_numpy.py [build] [--plain-heap] [--peviz DIR ...]
(Debian's python, which has numpy.)

Memory: both sides write a fresh result every round (64 MB for the 8192 x 1024 encoding),
and a first touch of a 4 KiB page costs 5-25 us on virtual machines, more than the
arithmetic. numpy advises transparent huge pages for its large arrays by default
(numpy.core.multiarray._set_madvise_hugepage; on in Debian 12's numpy 1.24); peviz's core
may not call madvise (the layer rule: core includes only the standard library and Eigen),
so the benchmark program runs with glibc's tunable glibc.malloc.hugetlb=1, which makes malloc
give the same advice for its large blocks (peviz export advises its heap itself).
--plain-heap runs it without the tunable. --peviz DIR (repeatable) adds another build's
bench program, e.g. an older commit's, as a further column.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np


def numpy_encoding(n, d, base=10000.0):
    # The PyTorch/TensorFlow tutorial formula, vectorised.
    pos = np.arange(n)[:, None]
    div = np.exp(np.arange(0, d, 2) * (-np.log(base) / d))
    pe = np.zeros((n, d))
    pe[:, 0::2] = np.sin(pos * div)
    pe[:, 1::2] = np.cos(pos * div)
    return pe


def numpy_similarity(n, d):
    pe = numpy_encoding(n, d)
    norm = np.linalg.norm(pe, axis=1)
    return (pe @ pe.T) / np.outer(norm, norm)


def best_of(fn, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def peviz_times(build, plain_heap):
    env = dict(os.environ)
    if not plain_heap:
        env["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"
    out = subprocess.run(
        [f"{build}/bench/peviz_core_bench", "--benchmark_format=json",
         "--benchmark_filter=SimilarityToeplitz|EncodingMatrix", "--benchmark_repetitions=5"],
        check=True, capture_output=True, text=True, env=env).stdout
    # The best of the repetitions (each a mean over many iterations), like best_of for numpy.
    best = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration":
            continue
        name = b.get("run_name", b["name"])
        best[name] = min(best.get(name, float("inf")), b["real_time"] / 1e3)  # ms -> s
    return best


def main():
    args = sys.argv[1:]
    plain_heap = "--plain-heap" in args
    others = [args[i + 1] for i, a in enumerate(args) if a == "--peviz" and i + 1 < len(args)]
    positional = [a for i, a in enumerate(args)
                  if not a.startswith("--") and (i == 0 or args[i - 1] != "--peviz")]
    build = positional[0] if positional else "build"
    builds = [build] + others
    peviz = [peviz_times(b, plain_heap) for b in builds]
    cases = [
        ("EncodingMatrix/8192/1024", lambda: numpy_encoding(8192, 1024)),
        ("SimilarityToeplitz/1024/512", lambda: numpy_similarity(1024, 512)),
        ("SimilarityToeplitz/2048/1024", lambda: numpy_similarity(2048, 1024)),
    ]
    print(f"peviz heap: {'plain (4 KiB pages)' if plain_heap else 'glibc.malloc.hugetlb=1'}; "
          f"builds: {', '.join(builds)}")
    columns = "".join(f" {'peviz s':>10s} {'ratio':>8s}" for _ in builds)
    print(f"{'case':32s} {'numpy s':>10s}{columns}")
    for name, fn in cases:
        t_np = best_of(fn)
        row = f"{name:32s} {t_np:10.4f}"
        for times in peviz:
            row += f" {times[name]:10.4f} {t_np / times[name]:7.1f}x"
        print(row)


if __name__ == "__main__":
    main()

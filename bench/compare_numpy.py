#!/usr/bin/python3
"""Side-by-side: peviz's core against the numpy way of computing the same numbers.

Prints ratios (numpy time / peviz time), never absolute limits. Needs the bench
packages: scripts/setup --bench. Run from the repository root after a build:
    /usr/bin/python3 bench/compare_numpy.py [build]   (Debian's python, which has numpy)
"""
import json
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


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    out = subprocess.run(
        [f"{build}/bench/peviz_core_bench", "--benchmark_format=json",
         "--benchmark_filter=SimilarityToeplitz|EncodingMatrix"],
        check=True, capture_output=True, text=True).stdout
    peviz = {b["name"]: b["real_time"] / 1e3 for b in json.loads(out)["benchmarks"]}  # ms -> s
    cases = [
        ("EncodingMatrix/8192/1024", lambda: numpy_encoding(8192, 1024)),
        ("SimilarityToeplitz/1024/512", lambda: numpy_similarity(1024, 512)),
        ("SimilarityToeplitz/2048/1024", lambda: numpy_similarity(2048, 1024)),
    ]
    print(f"{'case':32s} {'numpy s':>10s} {'peviz s':>10s} {'ratio':>8s}")
    for name, fn in cases:
        t_np = best_of(fn)
        t_pv = peviz[name]
        print(f"{name:32s} {t_np:10.4f} {t_pv:10.4f} {t_np / t_pv:7.1f}x")


if __name__ == "__main__":
    main()

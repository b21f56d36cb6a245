#!/usr/bin/env python3
"""Times `kubectl kustomize` (first on PATH) over the krusty cases KrustySpeed timed
(CASES/speed-cases.txt), one process per render as Argo CD's repo-server runs it, with the
command line reference.py recorded for each case (kubectl-flags.txt: the flags and the path built). Prints the total and the
mean per case of the best of ROUNDS rounds.

    python3 tools/krusty/reference_speed.py CASES [ROUNDS]
"""
import os
import shlex
import subprocess
import sys
import time


def main():
    cases = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(os.path.join(cases, "speed-cases.txt"), encoding="utf-8") as f:
        dirs = [line.strip() for line in f if line.strip()]
    commands = []
    for d in dirs:
        with open(os.path.join(d, "kubectl-flags.txt"), encoding="utf-8") as f:
            commands.append((os.path.join(d, "fs"), ["kubectl", "kustomize", *shlex.split(f.read().strip())]))
    best = None
    for _ in range(rounds):
        start = time.perf_counter()
        for cwd, command in commands:
            subprocess.run(command, cwd=cwd, capture_output=True, timeout=120)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    print(f"kubectl kustomize: {len(commands)} cases, best of {rounds} rounds {best * 1000:.0f} ms "
          f"({best * 1000 / len(commands):.1f} ms per case)")


if __name__ == "__main__":
    main()

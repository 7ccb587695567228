"""Median time (ms) of pabutools' parse_pabulib on one file.

Usage: python bench_pabutools_parse.py FILE RUNS
Prints one number. Used by `cargo bench -p civis-pb --bench parse`.
"""
import statistics
import sys
import time

from pabutools.election import parse_pabulib


def main() -> None:
    path, runs = sys.argv[1], int(sys.argv[2])
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        parse_pabulib(path)
        times.append((time.perf_counter() - t) * 1000.0)
    print(f"{statistics.median(times):.3f}")


if __name__ == "__main__":
    main()

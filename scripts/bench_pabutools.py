#!/usr/bin/env python3
"""Peer benchmark: parse a Pabulib file with pabutools 1.2.3 and compute one
rule with cost satisfaction and lexicographic tie-breaking, as
`civis pb tally` does. Prints one JSON line: parse and tally seconds, the
selected project ids (sorted as strings).

usage: bench_pabutools.py FILE greedy|mes|add1
"""
import json
import sys
import time

from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)


def main():
    path, rule = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    inst, prof = parse_pabulib(path)
    t1 = time.perf_counter()
    if rule == "greedy":
        out = greedy_utilitarian_welfare(inst, prof, sat_class=Cost_Sat)
    elif rule == "mes":
        out = method_of_equal_shares(inst, prof, sat_class=Cost_Sat)
    elif rule == "add1":
        out = completion_by_rule_combination(
            inst,
            prof,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
        )
    else:
        raise SystemExit(f"unknown rule {rule}")
    t2 = time.perf_counter()
    print(json.dumps({"parse_s": t1 - t0, "tally_s": t2 - t1, "selected": sorted(p.name for p in out)}))


if __name__ == "__main__":
    main()

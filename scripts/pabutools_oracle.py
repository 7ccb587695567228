#!/usr/bin/env python3
"""Computes PB outcomes with pabutools, as a test oracle for civis.

Reads one JSON object on stdin:
  {"elections": [{"budget": "10", "projects": [{"id": "1", "cost": "2.5"}, ...],
                  "ballots": [["1", "3"], [], ...],
                  "tie": "lexico" | "cost-votes" | "file",
                  "rules": ["greedy_cost", "greedy_card", "mes_cost", "mes_card",
                            "mes_add1_cost", "mes_add1_card", "phragmen"]}, ...]}
Writes {"results": [{"<rule>": [sorted project ids], ...}, ...]} on stdout.
Ballots are approval ballots; amounts are decimal strings (exact).

With `--pb FILE...` it instead parses Pabulib files with pabutools, treats
every ballot as approval of the projects it lists, runs every rule above
with lexicographic tie-breaking and writes {"<file name>": {"<rule>": [...]}}.
"""
import json
import sys

from pabutools.election import (
    ApprovalBallot,
    ApprovalProfile,
    Cardinality_Sat,
    Cost_Sat,
    Instance,
    Project,
)
from pabutools.fractions import frac, str_as_frac
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)
from pabutools.tiebreaking import TieBreakingRule, lexico_tie_breaking

SAT = {"cost": Cost_Sat, "card": Cardinality_Sat}


def tie_rule(name, order, approvals):
    if name == "lexico":
        return lexico_tie_breaking
    if name == "file":
        return TieBreakingRule(lambda inst, prof, p: order[p.name])
    if name == "cost-votes":
        return TieBreakingRule(lambda inst, prof, p: (p.cost, -approvals[p.name], p.name))
    raise ValueError(f"unknown tie-breaking {name!r}")


def compute(rule, inst, prof, tie):
    if rule.startswith("greedy_"):
        return greedy_utilitarian_welfare(inst, prof, sat_class=SAT[rule[7:]], tie_breaking=tie)
    if rule.startswith("mes_add1_"):
        sat = SAT[rule[9:]]
        return completion_by_rule_combination(
            inst,
            prof,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [
                {"sat_class": sat, "voter_budget_increment": 1, "tie_breaking": tie},
                {"sat_class": sat, "tie_breaking": tie},
            ],
        )
    if rule.startswith("mes_"):
        return method_of_equal_shares(inst, prof, sat_class=SAT[rule[4:]], tie_breaking=tie)
    if rule == "phragmen":
        return sequential_phragmen(inst, prof, tie_breaking=tie)
    raise ValueError(f"unknown rule {rule!r}")


ALL_RULES = [
    "greedy_cost",
    "greedy_card",
    "mes_cost",
    "mes_card",
    "mes_add1_cost",
    "mes_add1_card",
    "phragmen",
]


def pb_files(paths):
    import os

    from pabutools.election import parse_pabulib

    out = {}
    for path in paths:
        inst, prof = parse_pabulib(path)
        approval = ApprovalProfile(instance=inst)
        for ballot in prof:
            approval.append(ApprovalBallot(list(ballot)))
        out[os.path.basename(path)] = {
            rule: sorted(p.name for p in compute(rule, inst, approval, lexico_tie_breaking))
            for rule in ALL_RULES
        }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


def main():
    sys.setrecursionlimit(100000)
    if len(sys.argv) > 1 and sys.argv[1] == "--pb":
        pb_files(sys.argv[2:])
        return
    request = json.load(sys.stdin)
    results = []
    for e in request["elections"]:
        inst = Instance(budget_limit=str_as_frac(e["budget"]))
        by_id = {}
        order = {}
        for i, p in enumerate(e["projects"]):
            proj = Project(p["id"], str_as_frac(p["cost"]))
            inst.add(proj)
            by_id[p["id"]] = proj
            order[p["id"]] = i
        prof = ApprovalProfile(instance=inst)
        for b in e["ballots"]:
            prof.append(ApprovalBallot([by_id[x] for x in b]))
        approvals = {pid: sum(1 for b in e["ballots"] if pid in b) for pid in by_id}
        tie = tie_rule(e.get("tie", "lexico"), order, approvals)
        out = {}
        for rule in e["rules"]:
            outcome = compute(rule, inst, prof, tie)
            out[rule] = sorted(p.name for p in outcome)
        results.append(out)
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()

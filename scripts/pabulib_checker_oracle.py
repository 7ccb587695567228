#!/usr/bin/env python3
"""Runs pabulib-checker on Pabulib files and prints its verdict on each
file's official outcome, one JSON object a line:
{"file": NAME, "verdict": "agrees" | "disagrees" | "cannot-say", "why": [...]}.

The verdict reads only the checker's outcome findings (rule not followed,
threshold violation, greedy variants that cannot be verified, missing
`selected`, unknown or unsupported rules), not its other format findings.

Usage: pabulib_checker_oracle.py FILE...
"""
import contextlib
import io
import json
import os
import sys

from pabulib.checker import Checker

DISAGREE = (
    "rule not followed",
    "threshold violation",
    "greedy-exclusive potential mismatch",
    "greedy-custom cannot be verified",
)
CANNOT = (
    "missing selected field in projects",
    "rule validation skipped",
    "unknown rule value",
    "equalshares unsupported vote_type",
    "missing threshold field",
    "incorrect rule with threshold",
    "processing error",
)


def verdict(path):
    with contextlib.redirect_stdout(io.StringIO()):
        results = Checker().process_files([path])
    key = os.path.splitext(os.path.basename(path))[0]
    found = results.get(key, {}).get("results", {})
    kinds = list(found.get("errors", {})) + list(found.get("warnings", {}))
    cannot = [k for k in kinds if k in CANNOT]
    disagree = [k for k in kinds if any(k.endswith(d) or k == d for d in DISAGREE)]
    if cannot:
        return "cannot-say", cannot
    if disagree:
        return "disagrees", disagree
    return "agrees", []


def main():
    for path in sys.argv[1:]:
        v, why = verdict(path)
        print(json.dumps({"file": os.path.basename(path), "verdict": v, "why": why}), flush=True)


if __name__ == "__main__":
    main()

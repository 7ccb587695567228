"""Run pabulib-checker on Pabulib files; print the problems it finds as JSON.

Usage: python pabulib_checker_report.py FILE...
Prints {"FILE": {"errors": {category: count}, "warnings": {category: count}}}.
Used by the civis-pb test that checks written files are as valid as the
files they were read from (`crates/civis-pb/tests/it/checker_oracle.rs`).
"""
import contextlib
import io
import json
import sys

from pabulib.checker import Checker


def count(entries) -> int:
    return len(entries) if hasattr(entries, "__len__") else 1


def main() -> None:
    report = {}
    for path in sys.argv[1:]:
        with contextlib.redirect_stdout(io.StringIO()):
            result = Checker().process_files([path])
        file_result = next(v for k, v in result.items() if k not in ("metadata", "summary"))
        problems = file_result["results"]
        report[path] = {
            kind: {category: count(entries) for category, entries in problems.get(kind, {}).items()}
            for kind in ("errors", "warnings")
        }
    print(json.dumps(report))


if __name__ == "__main__":
    main()

"""Parse Pabulib files with pabutools and print what it read, as JSON.

Usage: python pabutools_parse_dump.py FILE...
Prints {"files": [{"budget", "vote_type", "meta", "projects", "ballots"}]}
with exact fractions as strings; used by the civis-pb differential parse
test (`crates/civis-pb/tests/it/pabutools_parse.rs`).
"""
import json
import sys

from pabutools.election import parse_pabulib


def frac(x) -> str:
    return f"{x.numerator}/{x.denominator}" if hasattr(x, "numerator") else str(x)


def dump(path: str) -> dict:
    instance, profile = parse_pabulib(path)
    vote_type = instance.meta["vote_type"]
    ballots = []
    for b in profile:
        if vote_type in ("approval", "choose-1"):
            vote = sorted(p.name for p in b)
            points = None
        elif vote_type == "ordinal":
            vote = [p.name for p in b]
            points = None
        else:
            vote = sorted(p.name for p in b)
            points = {p.name: frac(b[p]) for p in b}
        ballots.append(
            {"vote": vote, "points": points, "meta": {k: v for k, v in b.meta.items()}}
        )
    return {
        "budget": frac(instance.budget_limit),
        "vote_type": vote_type,
        "meta": dict(instance.meta),
        "projects": {
            p.name: {
                "cost": frac(p.cost),
                "meta": {k: v for k, v in instance.project_meta[p].items() if isinstance(v, str)},
            }
            for p in instance
        },
        "ballots": ballots,
    }


def main() -> None:
    print(json.dumps({"files": [dump(f) for f in sys.argv[1:]]}))


if __name__ == "__main__":
    main()

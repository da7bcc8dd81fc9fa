"""Tone's cost beside extraction's: `python -m bench.tone [--repeats N]`.

Per quote of the sample articles, in one run: extraction (spaCy parse + quote finding, divided
by the quotes found), the `news` engine and plain VADER (interleaved, median of the repeats).
Then the installed size the news engine adds, and a fresh process's RSS after scoring one quote
with each engine (the bot's memory before/after).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BUDGET = 0.10  # tone may cost at most this share of a quote's extraction time
RSS_PROBE = """
import re, sys
from bot.nlp.tone import score_tone
def rss():
    with open("/proc/self/status") as f:
        return int(re.search(r"VmRSS:\\s+(\\d+)", f.read()).group(1))
before = rss()
score_tone("We will not be bullied, the Justice Department said.", engine=sys.argv[1])
print(before, rss())
"""


@dataclass(frozen=True)
class ToneCost:
    quotes: int
    extract_ms: float  # per quote
    news_ms: float
    vader_ms: float

    @property
    def share(self) -> float:
        return self.news_ms / self.extract_ms


def measure(repeats: int = 5) -> ToneCost:
    """Extraction and both engines per quote on the sample articles, medians of `repeats`."""
    from bot import SAMPLES
    from bot.nlp.extract import Extractor
    from bot.nlp.model import load_model
    from bot.nlp.tone import score_tone

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(SAMPLES).glob("*.txt"))]
    extractor = Extractor(load_model(""))
    quotes = [q.text for found in extractor.extract_many(texts) for q in found]
    score_tone(quotes[0])  # load the weights outside the timing
    runs: dict[str, list[float]] = {"extract": [], "news": [], "vader": []}
    for _ in range(repeats):
        runs["extract"].append(_timed(lambda: list(extractor.extract_many(texts))))
        for engine in ("news", "vader"):
            runs[engine].append(_timed(lambda e=engine: [score_tone(q, engine=e) for q in quotes]))
    per_quote = {k: statistics.median(v) * 1000 / len(quotes) for k, v in runs.items()}
    return ToneCost(len(quotes), per_quote["extract"], per_quote["news"], per_quote["vader"])


def installed_bytes() -> int:
    """What the news engine adds on disk: the tone package (weights included); no new dependency."""
    folder = Path(__file__).resolve().parents[1] / "bot" / "nlp" / "tone"
    return sum(
        p.stat().st_size for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def rss_kib(engine: str) -> tuple[int, int]:
    """A fresh process's peak RSS (KiB) before and after scoring one quote with `engine`."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", RSS_PROBE, engine],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = done.stdout.split()
    return int(before), int(after)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    cost = measure(args.repeats)
    verdict = "PASS" if cost.share <= BUDGET else "MISS"
    print(f"quotes timed: {cost.quotes} (the sample articles)")
    print(f"extraction per quote:      {cost.extract_ms:8.3f} ms")
    share = f"{cost.share:.1%} of extraction, {verdict} <= {BUDGET:.0%}"
    print(f"tone per quote, news:      {cost.news_ms:8.3f} ms  ({share})")
    print(f"tone per quote, vader:     {cost.vader_ms:8.3f} ms")
    size = installed_bytes() / 1e6
    print(f"installed by the news engine: {size:.2f} MB (bot/nlp/tone/, no new package)")
    for engine in ("vader", "news"):
        before, after = rss_kib(engine)
        first, then = before / 1024, after / 1024
        print(
            f"RSS with {engine:5}: {first:6.1f} MiB before the first quote, {then:6.1f} MiB after"
        )
    return 0


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())

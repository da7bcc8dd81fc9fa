"""The texts the benchmarks read: the sample articles (and ../shared/seeds when present),
multiplied.

Copies differ a little (title, URL, date) so ingest stores each one rather than skipping a
duplicate; the bodies stay the samples' own, so every copy costs spaCy the same work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "bot" / "samples"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass(frozen=True)
class Corpus:
    """Article bodies to parse, and how many words they hold."""

    texts: tuple[str, ...]
    sources: str  # e.g. "14 samples + 2 seeds, x10"

    @property
    def words(self) -> int:
        return sum(len(text.split()) for text in self.texts)

    def __len__(self) -> int:
        return len(self.texts)


def base_articles(*, with_seeds: bool = True) -> list:
    """The sample articles, and the seed articles when ../shared is beside the clone."""
    from bot.settings import Settings
    from bot.sources.articles import Article
    from bot.sources.loader import load_one

    paths = sorted(SAMPLES.glob("*.txt"))
    if with_seeds and SEEDS.is_dir():
        paths += sorted(SEEDS.glob("*.txt"))
    settings = Settings()
    return [
        item
        for path in paths
        for item in load_one(str(path), settings=settings)
        if isinstance(item, Article)
    ]


def build_corpus(count: int, *, with_seeds: bool = True) -> Corpus:
    """`count` article bodies, cycling through the base articles."""
    bases = base_articles(with_seeds=with_seeds)
    seeds = sum(1 for a in bases if str(SEEDS) in a.source)
    texts = tuple(bases[i % len(bases)].text for i in range(count))
    label = f"{len(bases) - seeds} samples + {seeds} seeds, cycled to {count} articles"
    return Corpus(texts, label)


def article_variants(count: int, *, with_seeds: bool = True) -> list:
    """`count` distinct Articles (own URL, title and date each) built from the base articles."""
    from bot.sources.articles import identity_of

    bases = base_articles(with_seeds=with_seeds)
    out = []
    for i in range(count):
        base = bases[i % len(bases)]
        url = f"https://bench.example.com/{i:06d}/{Path(base.source).stem}"
        out.append(
            dataclasses.replace(
                base,
                url=url,
                identity=identity_of(base.text, url),
                title=f"{base.title or 'Untitled'} ({i})",
                source=url,
                published=(base.published or dt.date(2026, 11, 1)) + dt.timedelta(days=i % 30),
            )
        )
    return out


def write_variant_files(folder: Path, count: int) -> Path:
    """`count` article files (layout A: title, date, URL, one sentence a line) for a subprocess
    to ingest."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, article in enumerate(article_variants(count, with_seeds=False)):
        header = [article.title or "Untitled", f"{article.published:%Y%m%d}", article.url]
        (folder / f"{i:06d}.txt").write_text(
            "\n".join(header + [article.text]) + "\n", encoding="utf-8"
        )
    return folder

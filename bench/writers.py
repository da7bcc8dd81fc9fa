"""Several processes storing articles into one database at once (the store's write path only).

Each process stores N articles of eight quotes, their speakers drawn from a shared pool of names
(so the processes keep meeting the same speakers), with real VADER tone and no spaCy: this is
the part of ingest that takes the database's write lock. One process storing 2N articles is
compared with two storing N each, and with two storing the same N (every other one a duplicate).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUOTES_PER_ARTICLE = 8
POOL = 400  # speaker names shared by all processes
WAIT_SECONDS = 120


def compare(postgres_base: str, articles: int) -> list[tuple[str, int, int, str, str, int, int]]:
    """(database, processes, articles stored, seconds, articles/s, duplicates, errors) rows."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, make_url in (
            ("SQLite", _sqlite(folder)),
            ("PostgreSQL", _postgres(postgres_base)),
        ):
            for plan in (["a+b"], ["a", "b"], ["a", "a"]):
                url = make_url()
                per = articles * 2 if plan == ["a+b"] else articles
                seconds, results = _run(url, plan, per, Path(folder))
                stored = sum(r.get("added", 0) for r in results)
                rows.append(
                    (
                        label + (" (same articles)" if plan == ["a", "a"] else ""),
                        len(plan),
                        stored,
                        f"{seconds:.2f}",
                        f"{stored / seconds:.0f}",
                        sum(r.get("duplicates", 0) for r in results),
                        sum(1 for r in results if r.get("error")),
                    )
                )
    return rows


def _sqlite(folder: str):  # type: ignore[no-untyped-def]
    return lambda: f"sqlite:///{folder}/{uuid.uuid4().hex}.db"


def _postgres(base: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine, text

    from bot.storage.engine import normalise_url

    def fresh() -> str:
        name = f"bench_{uuid.uuid4().hex[:12]}"
        engine = create_engine(normalise_url(base))
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
        engine.dispose()
        return f"{normalise_url(base)}?options=-csearch_path%3D{name}"

    return fresh


def _run(url: str, plan: list[str], per: int, folder: Path) -> tuple[float, list[dict]]:  # type: ignore[type-arg]
    from bot.storage.migrate import prepare

    prepare(url)
    go = folder / f"go-{uuid.uuid4().hex}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.writers", url, tag, str(per), str(go)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in plan
    ]
    time.sleep(0.5)
    readies = [folder / f"{go.name}.ready{n}" for n in range(len(plan))]
    deadline = time.monotonic() + WAIT_SECONDS
    while len(list(folder.glob(f"{go.name}.ready*"))) < len(plan) and time.monotonic() < deadline:
        time.sleep(0.01)
    del readies
    started = time.perf_counter()
    go.touch()
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        lines = out.strip().splitlines()
        results.append(json.loads(lines[-1]) if lines else {"error": err[-500:]})
    return time.perf_counter() - started, results


def _child(url: str, tag: str, count: int, go: Path) -> dict:  # type: ignore[type-arg]
    from bot.app import App
    from bot.nlp.extract.types import Quote
    from bot.nlp.tone import score_tone
    from bot.settings import Settings
    from bot.sources.articles import Article

    rng = random.Random(tag)
    pool = _names(rng)
    app = App(Settings(database_url=url))
    Path(f"{go}.ready{uuid.uuid4().hex}").touch()
    while not go.exists():
        time.sleep(0.002)
    added = duplicates = 0
    for tags in tag.split("+"):
        for n in range(count // len(tag.split("+"))):
            quotes, body = [], []
            for i in range(QUOTES_PER_ARTICLE):
                name = pool[min(int(rng.paretovariate(1.2)) - 1, POOL - 1)]
                text = (
                    f"Statement {i} of article {tags}-{n} by {name}, on the harbour and the budget"
                )
                quotes.append(
                    Quote(name, name, text, "direct", "said", i * 200, i * 200 + len(text))
                )
                body.append(text)
            article = Article(
                text="\n".join(body),
                source=f"{tags}-{n}",
                identity=f"https://bench.example.org/{tags}/{n}",
                title=f"Article {tags}-{n}",
                url=f"https://bench.example.org/{tags}/{n}",
            )
            result = app.store.add_article(article, quotes, [score_tone(q.text) for q in quotes])
            added += result.status == "added"
            duplicates += result.status == "duplicate"
    app.close()
    return {"added": added, "duplicates": duplicates}


def _names(rng: random.Random) -> list[str]:
    """The same pool in every process: the synthetic archive's names (bench/synth.py)."""
    from bench.synth import _speaker_names

    names, _surnames = _speaker_names(random.Random(7), POOL)
    return list(names)


if __name__ == "__main__":
    url_, tag_, count_, go_ = sys.argv[1:5]
    print(json.dumps(_child(url_, tag_, int(count_), Path(go_))), flush=True)

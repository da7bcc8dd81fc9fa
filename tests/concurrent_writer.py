"""A second (and third) real process for the concurrency tests: `python -m tests.concurrent_writer`.

Each run opens the store, says it is ready, waits for the go file, then does one job and prints
one JSON line with what it did. Starting the jobs on a go file lines the processes up, so the
race the test is about happens every time rather than by luck.

    open URL READY GO                       open the store (schema made/upgraded at start)
    store URL READY GO TAG N                store N articles with shared speakers, hand-made quotes
    claim URL READY GO ROUNDS               claim the failed delivery of each round
    sending URL READY GO                    claim a digest and die before finishing it
    follow URL READY GO ROUNDS              follow one speaker in each round's channel
    retone URL READY GO COMPOUND            re-score every stored quote to COMPOUND, in batches
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

WAIT_SECONDS = 60
# (name, as written): variants of three people, so both processes resolve the same speakers
SPEAKERS = (
    ("Ana Lind", "Ana Lind"),
    ("Lind", "Ms Lind"),
    ("Bo Ekholm", "Bo Ekholm"),
    ("Ekholm", "Ekholm"),
    ("Carla Mendes", "Dr Carla Mendes"),
    ("Mendes", "Mendes"),
)


def wait_for(go: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("the go file never came")
        time.sleep(0.005)


def article(tag: str, n: int):  # type: ignore[no-untyped-def]
    from tests.conftest import make_article

    return make_article(
        f"Body {tag} {n}.", title=f"Story {tag} {n}", url=f"https://news.example.org/{tag}/{n}"
    )


def quotes(tag: str, n: int) -> list:  # type: ignore[type-arg]
    from bot.nlp.extract.types import Quote

    rows = []
    for i, (speaker, as_written) in enumerate(SPEAKERS):
        text = f"Words number {i} of story {tag} {n}, spoken plainly"
        rows.append(
            Quote(
                speaker=speaker,
                speaker_as_written=as_written,
                text=text,
                kind="direct",
                cue="said",
                start=i * 100,
                end=i * 100 + len(text),
            )
        )
    return rows


def main(argv: list[str]) -> dict:  # type: ignore[type-arg]
    from bot.app import App
    from bot.settings import Settings

    action, url, ready, go, *rest = argv
    if action == "open":
        Path(ready).touch()
        wait_for(Path(go))
        app = App(Settings(database_url=url))
        app.close()
        return {"opened": True}
    app = App(Settings(database_url=url))
    Path(ready).touch()
    wait_for(Path(go))
    try:
        return ACTIONS[action](app, *rest)
    finally:
        app.close()


def store(app, tag: str, count: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    from bot.nlp.tone import score_tone

    added = duplicates = 0
    for n in range(int(count)):
        qs = quotes(tag, n)
        result = app.store.add_article(article(tag, n), qs, [score_tone(q.text) for q in qs])
        added += result.status == "added"
        duplicates += result.status == "duplicate"
    return {"added": added, "duplicates": duplicates}


def claim(app, rounds: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    import datetime as dt

    won = [
        r
        for r in range(int(rounds))
        if app.channels.claim_delivery("slack", "C1", f"daily:r{r}", dt.datetime(2026, 11, 20))
    ]
    return {"won": won}


def sending(app) -> dict:  # type: ignore[no-untyped-def, type-arg]
    import datetime as dt

    app.channels.claim_delivery("slack", "C1", os.environ["PERIOD_KEY"], dt.datetime(2026, 11, 20))
    os._exit(9)  # dies while "posting": no finish, no cleanup


def follow(app, rounds: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    won = [r for r in range(int(rounds)) if app.follows.follow("slack", f"C{r}", SPEAKERS[0][0])]
    return {"won": won}


def retone(app, compound: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    from bot.storage.tones import NewTone, stored_quotes, update_tones

    value = float(compound)
    label = "positive" if value > 0 else "negative"
    updated = 0
    for batch in stored_quotes(app.store, batch=len(SPEAKERS)):
        updated += update_tones(app.store, [NewTone(q.id, value, label) for q in batch])
    return {"updated": updated}


ACTIONS = {
    "store": store,
    "claim": claim,
    "sending": sending,
    "follow": follow,
    "retone": retone,
}

if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])), flush=True)

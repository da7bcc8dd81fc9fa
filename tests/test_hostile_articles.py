"""Big articles: chunked past CHUNK_CHARS, nothing changed; rejected in one line past the cap."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.nlp.chunks import CHUNK_CHARS, CONTEXT_CHARS, plan_chunks
from bot.settings import Settings
from bot.sources.loader import load_one
from tests.conftest import ROOT

SPEAKERS = ("Ada Mbeki", "Tomas Greer", "Ines Vallo", "Piet Osman")


def long_article(paragraphs: int) -> str:
    """Paragraphs with one attributed quote each, written for this test."""
    parts = []
    for n in range(paragraphs):
        who = SPEAKERS[n % len(SPEAKERS)]
        parts.append(
            f"The harbour board met again on day {n} to discuss the ferry timetable and the pier. "
            f'"We will publish the figures for berth {n} before the winter storms," {who} said. '
            "Residents on the quay listened in silence while the tide came in across the slipway."
        )
    return "\n\n".join(parts)


def test_short_text_is_one_chunk():
    assert [c.text for c in plan_chunks("A short text.")] == ["A short text."]


@pytest.mark.parametrize(
    "text",
    [long_article(400), "word " * 30_000, "x" * 70_000, "A line.\n" * 9_000],
    ids=["paragraphs", "one-line", "no-spaces", "lines"],
)
def test_chunk_bodies_cover_the_text_once_and_stay_small(text):
    chunks = plan_chunks(text)
    assert len(chunks) > 1
    assert [c.keep_from for c in chunks][0] == 0
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert before.keep_to == after.keep_from  # bodies meet: every offset belongs to one chunk
    assert chunks[-1].keep_to > len(text)
    for chunk in chunks:
        assert text[chunk.start : chunk.start + len(chunk.text)] == chunk.text
        assert len(chunk.text) <= CHUNK_CHARS + 2 * CONTEXT_CHARS


def test_paragraph_text_is_cut_at_paragraph_breaks():
    text = long_article(400)
    for chunk in plan_chunks(text)[1:]:
        assert text[chunk.keep_from - 2 : chunk.keep_from] == "\n\n"


@pytest.mark.model
def test_chunked_extraction_equals_extraction_of_the_whole_text():
    from bot.nlp.extract import Extractor, extract_quotes
    from bot.nlp.model import load_model

    text = long_article(220)  # about 3 chunks
    assert len(text) > 2 * CHUNK_CHARS
    extractor = Extractor(load_model())
    chunked = extractor.extract(text)
    whole = extract_quotes(extractor.nlp(text))
    assert [(q.speaker, q.start, q.end, q.text) for q in chunked] == [
        (q.speaker, q.start, q.end, q.text) for q in whole
    ]
    assert len(chunked) == 220
    assert all(text[q.start : q.end] == q.text for q in chunked)


@pytest.mark.model
def test_extract_many_keeps_order_and_empty_texts():
    from bot.nlp.extract import Extractor
    from bot.nlp.model import load_model

    extractor = Extractor(load_model())
    short = '"The pier opens at dawn," Ada Mbeki said.'
    results = list(extractor.extract_many([short, "", long_article(120), short], batch_size=2))
    assert [len(r) for r in results] == [1, 0, 120, 1]
    assert list(extractor.extract_many([])) == []


def test_an_article_past_the_cap_is_rejected_in_one_line(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(long_article(40), encoding="utf-8")
    [item] = load_one(str(path), settings=Settings(max_article_chars=1_000))
    assert item.reason.startswith("too long: ") and "(MAX_ARTICLE_CHARS)" in item.reason
    assert "\n" not in item.reason


def run_quotebot(args, *, cwd, env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), **env_extra)
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=600,
    )


@pytest.mark.model
def test_a_huge_article_in_a_folder_loses_nothing_else(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a-good.txt").write_text(long_article(2), encoding="utf-8")
    (folder / "b-huge.txt").write_text("The pier. " * 120_000, encoding="utf-8")  # 1.2 M chars
    (folder / "c-good.txt").write_text(long_article(3)[::-1][::-1], encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'q.db'}"
    done = run_quotebot(["ingest", str(folder)], cwd=tmp_path, env_extra={"DATABASE_URL": db})
    out, err = done.stdout.decode(), done.stderr.decode()
    assert "Traceback" not in err
    assert done.returncode == 1  # a source was rejected
    assert "2 articles added" in out
    assert "b-huge.txt: too long: 1,199,999 characters" in out  # the trailing space is stripped

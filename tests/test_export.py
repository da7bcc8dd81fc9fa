"""`quotebot export`: one record a stored quote, the extract --json field names, streamed."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from bot.storage.export import FIELDS, export_records, verbatim_parts
from tests.conftest import ROOT, make_article, store_quotes

CONTRACT = [
    "article", "speaker", "speaker_as_written", "quote", "type", "cue", "start", "end",
    "sentiment", "verbatim",
]  # fmt: skip
ROWS = [
    ("Helena Marsh", "The clinic will stay open all winter.", "direct"),
    ("Ruben Tallis", "the offer was 'an insult to every worker' at the port", "mixed"),
    ("Helena Marsh", '=HYPERLINK("https://evil.example")', "direct"),
]


@pytest.fixture
def stored(app):
    article = make_article(
        "Clinic.", title="Clinic stays open", url="https://vale.example/clinic", outlet="Vale Post"
    )
    store_quotes(app, article, ROWS)
    return app


def quotebot(settings, *args, **popen):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "SLACK_"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_URL=settings.database_url)
    return subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def test_records_carry_the_contract_fields_then_the_article(stored):
    records = list(export_records(stored.store))
    assert len(records) == 3
    assert list(records[0])[: len(CONTRACT)] == CONTRACT
    assert tuple(records[0]) == FIELDS
    assert (records[0]["title"], records[0]["outlet"]) == ("Clinic stays open", "Vale Post")


def test_records_filter_by_canonical_speaker(stored):
    records = list(export_records(stored.store, speaker="Ruben Tallis"))
    assert [r["canonical_speaker"] for r in records] == ["Ruben Tallis"]


def test_verbatim_parts_of_each_kind():
    assert verbatim_parts("the offer was 'an insult' to them", "mixed") == ["an insult"]
    assert verbatim_parts("We stay.", "direct") == ["We stay."]
    assert verbatim_parts("they would stay", "indirect") == []


def test_csv_has_a_header_and_one_row_a_quote(stored, settings):
    done = quotebot(settings, "export", "--format", "csv")
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3
    assert rows[0]["quote"] == "The clinic will stay open all winter."
    assert rows[2]["quote"].startswith("'=")  # a spreadsheet shows it, never runs it


def test_jsonl_matches_the_extract_json_names(stored, settings, tmp_path):
    out = tmp_path / "quotes.jsonl"
    done = quotebot(settings, "export", "--format", "jsonl", "--out", str(out))
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 3
    assert set(CONTRACT) <= set(lines[0])


def test_unknown_speaker_is_one_line(stored, settings):
    done = quotebot(settings, "export", "--speaker", "Nobody At All")
    _, err = done.communicate(timeout=120)
    assert done.returncode == 2
    assert err.strip().count("\n") == 0


def test_a_closed_pipe_ends_quietly(app, settings):
    article = make_article("Many.", title="Many", url="https://vale.example/many")
    store_quotes(
        app, article, [("Helena Marsh", f"Bed {n} stays open.", "direct") for n in range(3000)]
    )
    done = quotebot(settings, "export")
    done.stdout.read(100)
    done.stdout.close()  # what `| head` does
    err = done.stderr.read()
    done.wait(timeout=120)
    assert "Traceback" not in err

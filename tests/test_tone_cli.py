"""`quotebot tone` and `quotebot retone` as a user runs them: real processes, a real SQLite file."""

import json
import sqlite3

import pytest

from tests.conftest import SAMPLES, SHARED
from tests.test_cli import quotebot

ROWS = [
    {"id": "a", "text": "I have never been prouder of the nurses on this ward."},
    {"id": 7, "text": "The Justice Department will publish the report on Monday."},
    {"id": "c", "text": "This budget is a disgrace and a betrayal of working families."},
]


def test_tone_file_json_prints_the_contract_row_per_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS))
    done = quotebot("tone", str(path), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(o["id"], o["label"]) for o in out] == [
        ("a", "positive"),
        (7, "neutral"),
        ("c", "negative"),
    ]
    assert all(set(o) == {"id", "compound", "label"} for o in out)


def test_tone_file_skips_a_bad_line_with_one_message_and_keeps_the_rest(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n{not json\n" + '{"id": 3}\n' + json.dumps(ROWS[2]))
    done = quotebot("tone", str(path), "--json", cwd=tmp_path)
    assert done.returncode == 1
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a", "c"]
    assert done.stderr.count("skipped") == 2
    assert "Traceback" not in done.stderr


def test_tone_of_words_given_on_the_command_line(tmp_path):
    done = quotebot("tone", "We", "could", "not", "have", "asked", "for", "better.", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "positive" in done.stdout


def test_tone_engine_setting_keeps_plain_vader(tmp_path):
    done = quotebot("tone", ROWS[1]["text"], "--json", cwd=tmp_path, env={"TONE_ENGINE": "vader"})
    assert json.loads(done.stdout)["label"] == "positive"  # VADER reads "Justice" as praise


def test_an_unknown_tone_engine_is_one_clear_line(tmp_path):
    done = quotebot("tone", "words", cwd=tmp_path, env={"TONE_ENGINE": "magic"})
    assert done.returncode != 0
    assert "TONE_ENGINE" in done.stderr
    assert "Traceback" not in done.stderr


def test_tone_eval_prints_the_scorers_figures(tmp_path):
    gold = tmp_path / "gold.jsonl"
    labels = ["positive", "neutral", "negative"]
    gold.write_text(
        "".join(json.dumps({**r, "label": g}) + "\n" for r, g in zip(ROWS, labels, strict=True))
    )
    done = quotebot("tone", "--eval", str(gold), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["n"] == 3
    assert figures["macro_f1"] == 1.0


@pytest.mark.model
def test_retone_rescores_a_database_made_with_plain_vader(tmp_path):
    env = {"TONE_ENGINE": "vader"}
    assert quotebot("ingest", str(SAMPLES), cwd=tmp_path, env=env).returncode == 0
    db = tmp_path / "quotebot-data" / "quotebot.db"
    before = _tones(db)
    done = quotebot("retone", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    after = _tones(db)
    assert f"re-scored {len(before)} quotes" in done.stdout
    assert after != before
    assert after["I've never been prouder of our health service."] == "positive"
    assert before["I've never been prouder of our health service."] == "negative"
    assert _speaker_sums_match(db)


def _tones(db) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select text, label from quotes"))


def _speaker_sums_match(db) -> bool:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select s.compound_sum, sum(q.compound) from speakers s "
            "join quotes q on q.speaker_id = s.id group by s.id"
        ).fetchall()
    return bool(rows) and all(abs(kept - summed) < 1e-6 for kept, summed in rows)


def test_dev_split_beats_plain_vader(tmp_path):
    dev = SHARED / "eval" / "tone" / "newsmtsc_dev.jsonl"
    if not dev.is_file():
        pytest.skip("../shared/eval/tone is not beside this clone")
    ours = json.loads(quotebot("tone", "--eval", str(dev), cwd=tmp_path).stdout)
    vader = json.loads(
        quotebot("tone", "--eval", str(dev), "--engine", "vader", cwd=tmp_path).stdout
    )
    assert vader["macro_f1"] < 0.55
    assert ours["macro_f1"] >= 0.62


def test_an_id_with_terminal_escapes_is_printed_as_data(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "\x1b[2Jboom", "text": "Fine words."}) + "\n")
    done = quotebot("tone", str(path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout

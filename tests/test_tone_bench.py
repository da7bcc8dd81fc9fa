"""bench/tone.py's pieces run small and report what they measure (no timing is asserted)."""

import pytest

from bench import tone as tone_bench
from bot.nlp.tone.calibrated import WEIGHTS


def test_installed_size_counts_the_shipped_weights():
    assert tone_bench.installed_bytes() > WEIGHTS.stat().st_size


@pytest.mark.parametrize("engine", ["vader", "news"])
def test_rss_probe_reports_a_fresh_process(engine):
    before, after = tone_bench.rss_kib(engine)
    assert 0 < before <= after


@pytest.mark.model
def test_cost_is_measured_per_quote_of_the_samples():
    cost = tone_bench.measure(repeats=1)
    assert cost.quotes > 100
    assert cost.extract_ms > 0 and cost.news_ms > 0 and cost.vader_ms > 0


def test_main_prints_every_figure(capsys, monkeypatch):
    monkeypatch.setattr(
        tone_bench, "measure", lambda repeats: tone_bench.ToneCost(10, 5.0, 0.2, 0.1)
    )
    assert tone_bench.main(["--repeats", "1"]) == 0
    out = capsys.readouterr().out
    for phrase in (
        "extraction per quote",
        "(4.0% of extraction, PASS",
        "installed by",
        "RSS with news",
    ):
        assert phrase in out

"""`quotebot backfill` on real Dask clusters stores exactly what `quotebot ingest` stores.

One real cluster for the module (`dask scheduler` and two `dask worker` processes on 127.0.0.1),
one `quotebot backfill --workers 2` on its own LocalCluster, and `quotebot ingest` as the reference.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.app import App
from bot.chat.digest import digest_reply, parse_period
from bot.errors import UserError
from bot.jobs.backfill import _new_articles, backfill, worker_settings
from bot.jobs.ingest import IngestReport, ingest
from bot.nlp.extract.types import Quote
from bot.nlp.tone import score_tone
from bot.settings import SECRET_FIELDS, Settings
from tests.conftest import ROOT, SAMPLES, FixedClock, make_article

pytest.importorskip("distributed", reason='backfill needs Dask: pip install -e ".[scale]"')

pytestmark = pytest.mark.model

BIN = Path(sys.executable).parent
START_TIMEOUT = 60  # seconds for a scheduler and its workers to come up on a busy machine

# What a database holds, without ids or clock times: speakers, their aliases, every quote.
DUMP = {
    "speakers": "SELECT name, key, kind, quote_count, article_count, round(compound_sum, 4) "
    "FROM speakers ORDER BY name",
    "aliases": "SELECT s.name, a.alias, a.key FROM speaker_aliases a "
    "JOIN speakers s ON s.id = a.speaker_id ORDER BY 1, 2",
    "articles": "SELECT identity, title, url, outlet, published FROM articles ORDER BY 1",
    "quotes": 'SELECT a.identity, q.start, q."end", s.name, q.speaker_as_written, q.role, '
    "q.text, q.kind, q.cue, q.compound, q.label, q.published FROM quotes q "
    "JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.id = q.article_id "
    "ORDER BY 1, 2, 3",
}


def dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: [tuple(row) for row in conn.execute(text(sql))] for name, sql in DUMP.items()
            }
    finally:
        engine.dispose()


def assert_same_store(got: str, want: str) -> None:
    mine, reference = dump(got), dump(want)
    assert reference["quotes"], "the reference database holds no quotes"
    for table in DUMP:
        assert mine[table] == reference[table], f"{table} differ"


def cli_env(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    return {**env, "PYTHONPATH": str(ROOT), "DATABASE_URL": url}


def quotebot(*args: str, url: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", *args],
        cwd=cwd,
        env=cli_env(url),
        capture_output=True,
        text=True,
        timeout=300,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> str:
    """The reference: `quotebot ingest bot/samples` into its own database."""
    folder = tmp_path_factory.mktemp("ingest")
    url = f"sqlite:///{folder / 'ingest.db'}"
    done = quotebot("ingest", str(SAMPLES), url=url, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "14 articles added" in done.stdout
    return url


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """`dask scheduler` and two `dask worker` processes on 127.0.0.1; all stopped afterwards."""
    folder = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = cli_env("")
    common = dict(cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = [
        subprocess.Popen(
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            **common,
        )
    ]
    try:
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        str(BIN / "dask"),
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nworkers",
                        "1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                    ],
                    **common,
                )
            )
        _wait_for_workers(address, 2)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    deadline = time.monotonic() + START_TIMEOUT
    with Client(address, timeout=f"{START_TIMEOUT}s") as client:
        while len(client.scheduler_info()["workers"]) < count:
            assert time.monotonic() < deadline, f"{count} Dask workers did not join {address}"
            time.sleep(0.2)


def test_backfill_on_a_dask_scheduler_with_two_workers_stores_what_ingest_stores(
    cluster, ingested, tmp_path
):
    url = f"sqlite:///{tmp_path / 'backfill.db'}"
    done = quotebot("backfill", str(SAMPLES), "--scheduler", cluster, url=url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "14 articles added" in done.stdout
    assert_same_store(url, ingested)


def test_backfill_on_two_local_worker_processes_stores_what_ingest_stores(ingested, tmp_path):
    url = f"sqlite:///{tmp_path / 'backfill.db'}"
    done = quotebot("backfill", str(SAMPLES), "--workers", "2", url=url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "14 articles added" in done.stdout
    assert_same_store(url, ingested)


def test_a_stopped_backfill_resumes_and_ends_as_ingest_would(cluster, ingested, tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:5]:
        shutil.copy(path, first / path.name)
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'resume.db'}"))
    try:
        assert backfill(app, [str(first)], scheduler=cluster).articles == 5
        report = backfill(app, [str(SAMPLES)], scheduler=cluster)
    finally:
        app.close()
    assert (report.articles, report.duplicates) == (9, 5)
    assert_same_store(f"sqlite:///{tmp_path / 'resume.db'}", ingested)


def test_articles_already_stored_never_reach_a_worker(app):
    stored = sorted(str(p) for p in SAMPLES.glob("*.txt"))[:3]
    ingest(app, stored)
    report = IngestReport()
    items = list(_new_articles(app, sorted(str(p) for p in SAMPLES.glob("*.txt")), report))
    sent = [item for item in items if not isinstance(item, str)]
    assert len(sent) == 11
    assert report.duplicates == 3
    assert not {article.source for article in sent} & set(stored)


def test_progress_ticks_once_per_source_in_order(cluster, tmp_path):
    ticks: list[str] = []
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}"))
    try:
        backfill(app, [str(SAMPLES)], scheduler=cluster, progress=ticks.append)
    finally:
        app.close()
    assert ticks == sorted(str(p) for p in SAMPLES.glob("*.txt"))


def test_a_bad_source_is_one_rejection_and_the_rest_is_stored(cluster, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sorted(SAMPLES.glob("*.txt"))[0], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'm.db'}"))
    try:
        report = backfill(app, [str(folder)], scheduler=cluster)
    finally:
        app.close()
    assert report.articles == 1
    assert [item.source for item in report.rejected] == [str(folder / "empty.txt")]


def test_an_unreachable_scheduler_is_one_clear_error(app):
    import dask

    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(UserError, match="could not reach the Dask scheduler at 'tcp://127.0.0.1:"),
    ):
        backfill(app, [str(SAMPLES)], scheduler=f"tcp://127.0.0.1:{free_port()}")


def test_workers_get_no_secret_and_no_database():
    settings = Settings(
        database_url="postgresql://bot:hunter2@db/quotes",
        slack_bot_token="xoxb-secret",
        slack_signing_secret="shh",
        slack_app_token="xapp-secret",
        discord_token="discord-secret",
        spacy_model="en_core_web_sm",
        tone_positive=0.1,
    )
    sent = worker_settings(settings)
    assert sent.database_url == ""
    assert all(getattr(sent, name) == "" for name in SECRET_FIELDS)
    assert (sent.spacy_model, sent.tone_positive) == ("en_core_web_sm", 0.1)


# ---- backfilled quotes are not news --------------------------------------------------------

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def store(app: App, speaker: str, published: dt.date | None, *, backfill: bool) -> None:
    """One article with one quote by `speaker`, stored at NOW by ingest or by a backfill."""
    said = f"{speaker} says the {'old' if backfill else 'new'} ferry timetable works well"
    article = make_article(f"{said}.", title=f"Story of {speaker}", published=published)
    quote = Quote(speaker, speaker, said, "direct", "said", 0, len(said))
    naive_now = NOW.replace(tzinfo=None)
    app.store.add_article(article, [quote], [score_tone(said)], now=naive_now, backfill=backfill)


@pytest.fixture
def news_app(tmp_path):
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'news.db'}"), clock=FixedClock(NOW))
    yield app
    app.close()


def test_digests_skip_backfilled_quotes_unless_recently_published(news_app):
    store(news_app, "Ada Quill", dt.date(2019, 3, 1), backfill=True)
    store(news_app, "Bram Eske", NOW.date(), backfill=True)
    store(news_app, "Cora Lind", None, backfill=True)
    store(news_app, "Dara Voss", dt.date(2019, 3, 1), backfill=False)
    later = NOW + dt.timedelta(hours=1)
    digest = digest_reply(news_app, parse_period("24h", now=later)).digest
    assert digest is not None
    assert sorted(s.name for s in digest.speakers) == ["Bram Eske", "Dara Voss"]


def test_a_publication_day_digest_still_finds_backfilled_quotes(news_app):
    store(news_app, "Ada Quill", dt.date(2019, 3, 1), backfill=True)
    digest = digest_reply(news_app, parse_period("2019-03-01", now=NOW)).digest
    assert digest is not None
    assert [s.name for s in digest.speakers] == ["Ada Quill"]


def test_follow_alerts_skip_backfilled_quotes_unless_recently_published(news_app):
    for name in ("Ada Quill", "Bram Eske", "Cora Lind"):
        store(news_app, name, NOW.date(), backfill=False)  # known speakers to follow
        assert news_app.follows.follow("slack", "C1", name)
    store(news_app, "Ada Quill", dt.date(2019, 3, 1), backfill=True)
    store(news_app, "Bram Eske", NOW.date(), backfill=True)
    store(news_app, "Cora Lind", None, backfill=True)
    fresh = {f.speaker: news_app.follows.fresh(f) for f in news_app.follows.follows("slack")}
    assert {name: len(f.quote_ids) for name, f in fresh.items()} == {
        "Ada Quill": 0,
        "Bram Eske": 1,
        "Cora Lind": 0,
    }


def test_a_backfilled_archive_adds_nothing_to_the_next_digest(cluster, tmp_path):
    app = App(Settings(database_url=f"sqlite:///{tmp_path / 'n.db'}"), clock=FixedClock(NOW))
    try:
        assert backfill(app, [str(SAMPLES)], scheduler=cluster).quotes > 100
        reply = digest_reply(app, parse_period("24h", now=NOW + dt.timedelta(minutes=5)))
    finally:
        app.close()
    assert reply.digest is None
    assert reply.text.startswith("No new quotes since")

"""Slack: a signed slash command to its ack, and to its answer, through the real bolt App over HTTP.

Commands are timed one at a time: the next is sent once the last one's listener is done, a digest's
chart (drawn after its answer, then uploaded) included. Sent as soon as the answer arrives, the next
command's ack would compete with that drawing for the GIL and measure the overlap, not the command.

Uses adapters/slack.py (`create_app`, `serve_http`) and tests/slack_fake.py (a local stand-in for
Slack's Web API and response_urls, and a request signer), so it measures exactly what the tests
drive.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bench.corpus import ROOT
from bench.queries import like_the_bot_process, open_app
from bench.report import Figure, check
from bench.synth import SynthStore
from bench.timing import Latency, ms, percentile

log = logging.getLogger(__name__)

SECTION = "2. query latency"
ACK_TARGET = 0.200
ANSWER_TARGET = 1.0
SECRET = "bench-signing-secret"
FAKE_PATH = ROOT / "tests" / "slack_fake.py"
MIN_RUNS = 20


@dataclass(frozen=True)
class SlackTimes:
    command: str
    ack: Latency
    answer: Latency
    done: Latency  # to the end of its listener's work (a digest's chart uploaded under it)


def slack_status() -> str:
    """'' when the adapter and the fake Slack are there, else why this part is skipped."""
    if importlib.util.find_spec("adapters.slack") is None:
        return "skipped: adapters/slack.py is not there yet"
    if not FAKE_PATH.is_file():
        return "skipped: tests/slack_fake.py is not there yet"
    return ""


def time_slack(
    store: SynthStore, commands: list[str], *, runs: int, budget: float = 30.0
) -> list[SlackTimes]:
    """Send each command up to `runs` times (after a warm-up; at least 20 unless fewer asked) and
    time them."""
    fake_module = _load_fake()
    with fake_module.FakeSlack() as fake, _serving(store, fake) as (url, settle):
        bot = _Bot(fake_module, fake, url, settle)
        bot.send(commands[0], "warmup")  # bolt's first auth.test, imports
        return [_time_command(bot, text, runs, budget) for text in commands]


def figures(store: SynthStore, timings: list[SlackTimes]) -> list[Figure]:
    out = []
    for timing in timings:
        ack, answer = timing.ack, timing.answer
        label = f"slack {timing.command} @ {store.quotes:,}"
        out.append(
            Figure(
                SECTION,
                f"{label}: signed request to ack",
                _spread(ack),
                ack.p99 / ACK_TARGET,
                "p99 / 200 ms",
                "p99 < 200 ms",
                check(ack.p99, at_most=ACK_TARGET),
                f"{ack.runs} runs",
            )
        )
        out.append(
            Figure(
                SECTION,
                f"{label}: signed request to answer",
                _spread(answer),
                answer.p99 / ANSWER_TARGET,
                "p99 / 1 s",
                "p99 < 1 s",
                check(answer.p99, at_most=ANSWER_TARGET),
                f"{answer.runs} runs, at the fake response_url; its work all done (for a digest, "
                f"its chart drawn and uploaded) {_spread(timing.done)}",
            )
        )
    return out


def _time_command(bot: _Bot, text: str, runs: int, budget: float) -> SlackTimes:
    acks, answers, dones = [], [], []
    deadline = time.perf_counter() + budget
    while len(acks) < runs and (len(acks) < min(runs, MIN_RUNS) or time.perf_counter() < deadline):
        ack, answer, done = bot.send(text, f"{abs(hash(text))}-{len(acks)}")
        acks.append(ack)
        answers.append(answer)
        dones.append(done)
    return SlackTimes(
        f"/quotes {text}", Latency(tuple(acks)), Latency(tuple(answers)), Latency(tuple(dones))
    )


@dataclass(frozen=True)
class _Bot:
    fake_module: Any  # tests/slack_fake.py, loaded by path
    fake: Any  # its FakeSlack
    url: str
    settle: Callable[[], object]  # returns once every listener started so far has finished

    def send(self, text: str, name: str) -> tuple[float, float, float]:
        """One slash command: seconds to the HTTP ack, to the answer at the response_url, and to
        the end of its listener (after the answer: a digest's chart drawn and uploaded)."""
        fake_module, fake = self.fake_module, self.fake
        body = fake_module.slash_body(text, response_url=fake.response_url(name))
        started = time.perf_counter()
        answer = fake_module.call_bot(self.url, body, secret=SECRET)
        acked = time.perf_counter() - started
        if answer.status != 200:
            raise RuntimeError(f"bolt answered {answer.status}: {answer.body[:200]}")
        fake.wait_for(f"/response/{name}")
        answered = time.perf_counter() - started
        self.settle()
        return acked, answered, time.perf_counter() - started


@contextmanager
def _serving(store: SynthStore, fake):
    from adapters.slack import create_app, serve_http

    core = open_app(store)
    settings = core.settings.with_(
        slack_bot_token="xoxb-bench", slack_signing_secret=SECRET, slack_api_url=fake.api_url
    )
    # One listener thread: a task submitted after the others ends after them (see _Bot.settle).
    listeners = ThreadPoolExecutor(max_workers=1)
    bolt = create_app(core, settings, listener_executor=listeners)
    server = serve_http(bolt, port=0, host="127.0.0.1")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with like_the_bot_process():
            url = f"http://127.0.0.1:{server.server_port}/slack/events"
            yield url, lambda: listeners.submit(lambda: None).result()
    finally:
        server.shutdown()
        server.server_close()
        listeners.shutdown(wait=True)
        core.close()


def _load_fake():
    """tests/slack_fake.py by path: `quotebot bench` runs from anywhere, where `tests` is not
    importable."""
    spec = importlib.util.spec_from_file_location("quotebot_bench_slack_fake", FAKE_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _spread(latency: Latency) -> str:
    return f"p50 {ms(latency.median)}, p99 {ms(percentile(latency.samples, 99))}"

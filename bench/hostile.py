"""`python -m bench.hostile [--quick]`: what hostile input costs, each figure in its own child.

- peak RSS of fetching a gzip bomb (two gzip layers, 1 GB inflated) beside fetching a small page;
- seconds until a fetch gives up on a server trickling one byte every 0.5 s (FETCH_TIMEOUT=2);
- 50 concurrent signed Slack requests: how many got HTTP 200, and the p99 time to the ack;
- peak RSS and seconds extracting 100k, 500k and 1M-character articles (chunked) beside a 10k one.

Peak RSS is the child's own VmHWM (bench/RESULTS.md says why not ru_maxrss), so figures never mix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOMB_INFLATED = 1 << 30  # 1 GB of zeros, a few kB on the wire
BLOCK = 1 << 20
TRICKLE_SECONDS = 0.5
BURST = 50
ARTICLE_SIZES = (10_000, 100_000, 500_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
CHILD_TIMEOUT = 1800


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](*args.params)))
        return 0
    rows = [
        _child("fetch", "page"),
        _child("fetch", "bomb"),
        _child("trickle"),
        _child("slack"),
    ]
    rows += [_child("article", str(n)) for n in (QUICK_SIZES if args.quick else ARTICLE_SIZES)]
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    return 0


def _child(name: str, *params: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QUOTEBOT_ALLOW_PRIVATE_URLS": "true"}
    done = subprocess.run(
        [sys.executable, "-m", "bench.hostile", "--child", name, *params],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=CHILD_TIMEOUT,
    )
    if done.returncode != 0:
        return {"figure": f"{name} {' '.join(params)}", "error": done.stderr.strip()[-300:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _peak_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would carry the parent's pre-exec peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ---- children ------------------------------------------------------------------------


def fetch_child(kind: str) -> dict:
    from bot.errors import UserError
    from bot.settings import Settings
    from bot.sources.fetch import Fetcher

    body, headers = (
        (_bomb(), {"Content-Encoding": "gzip, gzip"})
        if kind == "bomb"
        else (
            b"<p>" + b"a harbour story " * 500 + b"</p>",
            {},
        )
    )
    wire = len(body)
    with _Server(lambda h: _send(h, body, headers)) as url:
        started = time.perf_counter()
        try:
            with Fetcher(Settings(allow_private_urls=True)) as fetcher:
                outcome = f"{len(fetcher.get(url).content)} bytes"
        except UserError as exc:
            outcome = str(exc).split(":")[0]
        seconds = time.perf_counter() - started
    return {
        "figure": f"fetch {kind}",
        "wire_bytes": wire,
        "outcome": outcome,
        "seconds": round(seconds, 2),
        "peak_rss_mb": _peak_mb(),
    }


def trickle_child() -> dict:
    from bot.errors import UserError
    from bot.settings import Settings
    from bot.sources.fetch import Fetcher

    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100_000

    def trickle(handler) -> None:
        for i in range(len(raw)):
            try:
                handler.wfile.write(raw[i : i + 1])
                handler.wfile.flush()
            except OSError:
                return
            time.sleep(TRICKLE_SECONDS)

    with _Server(trickle) as url:
        started = time.perf_counter()
        try:
            with Fetcher(Settings(allow_private_urls=True, fetch_timeout=2.0)) as fetcher:
                fetcher.get(url)
            outcome = "finished"
        except UserError as exc:
            outcome = str(exc).split(" fetching")[0]
        seconds = time.perf_counter() - started
    return {"figure": "trickle (FETCH_TIMEOUT=2)", "outcome": outcome, "seconds": round(seconds, 2)}


def slack_child() -> dict:
    import importlib.util
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from adapters.slack import create_app, serve_http
    from bot.app import App
    from bot.settings import Settings

    spec = importlib.util.spec_from_file_location("slack_fake", ROOT / "tests" / "slack_fake.py")
    fake_mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["slack_fake"] = fake_mod
    spec.loader.exec_module(fake_mod)  # type: ignore[union-attr]
    secret = "bench-secret"
    with tempfile.TemporaryDirectory() as tmp, fake_mod.FakeSlack() as fake:
        settings = Settings(
            database_url=f"sqlite:///{tmp}/q.db",
            slack_bot_token="xoxb-bench",
            slack_signing_secret=secret,
            slack_api_url=fake.api_url,
        )
        core = App(settings)
        server = serve_http(create_app(core, settings), host="127.0.0.1", port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}/slack/events"
        start = threading.Barrier(BURST)

        def one(n: int) -> tuple[int, float]:
            body = fake_mod.slash_body("help", response_url=fake.response_url(f"b{n}"))
            start.wait()
            began = time.perf_counter()
            status = fake_mod.call_bot(url, body, secret=secret).status
            return status, time.perf_counter() - began

        with ThreadPoolExecutor(max_workers=BURST) as pool:
            results = list(pool.map(one, range(BURST)))
        server.shutdown()
        core.close()
    times = sorted(t for _, t in results)
    p99 = times[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]
    return {
        "figure": f"{BURST} concurrent Slack requests",
        "acked_200": sum(status == 200 for status, _ in results),
        "p99_ack_s": round(p99, 3),
        "max_ack_s": round(times[-1], 3),
        "within_3_s": sum(t < 3.0 for t in times),
    }


def article_child(size: str) -> dict:
    from bot.nlp.extract import Extractor
    from bot.nlp.model import load_model

    extractor = Extractor(load_model())
    extractor.extract('"The pier opens at dawn," Ada Mbeki said.')  # warm up
    base = _peak_mb()
    text = _article(int(size))
    started = time.perf_counter()
    quotes = extractor.extract(text)
    return {
        "figure": f"article {int(size):,} chars",
        "quotes": len(quotes),
        "seconds": round(time.perf_counter() - started, 1),
        "peak_rss_mb": _peak_mb(),
        "rss_after_model_mb": base,
    }


CHILDREN = {
    "fetch": fetch_child,
    "trickle": trickle_child,
    "slack": slack_child,
    "article": article_child,
}


# ---- helpers ---------------------------------------------------------------------------


def _bomb() -> bytes:
    """BOMB_INFLATED zero bytes as gzip, gzipped again: full-flush blocks repeat byte for byte.

    The inner trailer's checksum covers two blocks only: a bomb need not be valid to the end.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    head = packer.compress(bytes(BLOCK)) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(bytes(BLOCK)) + packer.flush(zlib.Z_FULL_FLUSH)
    inner = head + again * (BOMB_INFLATED // BLOCK - 1) + packer.flush()
    return _gzip(inner)


def _gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return packer.compress(data) + packer.flush()


def _article(size: int) -> str:
    parts, n = [], 0
    while sum(len(p) + 2 for p in parts) < size:
        parts.append(
            f"The harbour board met again on day {n} to talk about the ferry and the pier. "
            f'"We will publish the figures for berth {n} before the storms," Ada Mbeki said. '
            "Residents on the quay listened while the tide came in across the slipway."
        )
        n += 1
    return "\n\n".join(parts)[:size]


def _send(handler, body: bytes, headers: dict[str, str]) -> None:
    handler.send_response(200)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    try:
        handler.wfile.write(body)
    except OSError:
        return


class _Server:
    """A loopback HTTP server answering every GET with `route(handler)`; yields its URL."""

    def __init__(self, route) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route(self)

            def log_message(self, *args) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True

    def __enter__(self) -> str:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="articles up to 100k characters only")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("params", nargs="*", help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())

"""A synthetic quote store of any size, built fast and cached by size and schema.

Realistic where the queries feel it: speakers follow a Zipf-like law (a few quoted very
often, a long tail), quotes have news-like lengths and words drawn with the frequencies of
the sample articles (so full-text search sees realistic term statistics), and quotes arrive
at a steady ~500 a day, so a bigger archive spans more days rather than packing more into one.
Rows go in with sqlite3 `executemany` in one transaction, FTS triggers in place (as the
app itself inserts), into the app's own schema (bot.storage.migrate.prepare).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
import random
import re
import sqlite3
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

GENERATOR_VERSION = 3  # bump when the generated rows change, so cached stores are rebuilt
SAMPLES = Path(__file__).resolve().parents[1] / "bot" / "samples"
CACHE_DIR = Path(tempfile.gettempdir()) / "quotebot-bench"
END_DAY = dt.date(2026, 11, 22)  # the archive's last day; "now" is late that evening
NOW = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.UTC)
QUOTES_PER_DAY = 500
QUOTES_PER_ARTICLE = 8
QUOTES_PER_SPEAKER = 15  # distinct speakers ~ quotes / 15
ZIPF_EXPONENT = 1.05
ZIPF_OFFSET = 2.7  # flattens the very top a little, as in real news counts
QUOTE_WORDS_MEDIAN = 18
QUOTE_WORDS_SIGMA = 0.5
CHUNK_ARTICLES = 5_000
KINDS = (("direct", 0.55), ("indirect", 0.30), ("mixed", 0.15))
CUES = (
    "said",
    "told",
    "added",
    "warned",
    "insisted",
    "according to",
    "wrote",
    "claimed",
    "confirmed",
    "urged",
)
ROLES = (
    "minister",
    "spokesperson",
    "chief executive",
    "union leader",
    "mayor",
    "professor",
    "analyst",
    None,
)
OUTLETS = tuple(f"news{i}.example.com" for i in range(30))
SYLLABLES = (
    "ba be bo da de di fa fe ga go ha he ka ke ko la le li lo lu ma me mi mo na ne ni no pa pe "
    "ra re ri ro sa se si so ta te ti to va ve vi wa we ya yo za ze zo bar del fin gar hol "
    "kel lin mar nor par quin ros sel tam var wen"
).split()
FIRST_NAMES = (
    "Ada Ben Cara Dev Elin Farid Greta Hugo Ines Jonas Kemi Luca Mara Nils Omar Priya Quinn Rosa "
    "Sami Tomas Una Viktor Wen Xavi Yara Zoe Amir Bea Colm Dina Emil Fern Goran Hana Ivo Jana "
    "Kofi Lena Milo Nadia Oren Pia Rafe Sana Teo Uma Vera Wil Yusuf Zara"
).split()
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


@dataclass(frozen=True)
class SynthStore:
    """A built store and what the benchmarks ask it: names and words that exist in it."""

    path: str
    quotes: int
    articles: int
    speakers: int
    top_speaker: str  # the most-quoted speaker (about 8% of all quotes)
    mid_surname: str  # a speaker around rank 100, asked for by surname (an alias)
    typo_name: str  # that surname with one letter changed (the fuzzy path)
    common_word: str  # a frequent content word (many matches)
    rare_word: str  # a word in a handful of quotes
    two_words: str  # two medium-frequency words together
    day: str  # a publication day with quotes
    build_seconds: float
    reused: bool = False

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"


def build_store(quotes: int, *, cache_dir: Path = CACHE_DIR, rebuild: bool = False) -> SynthStore:
    """The store of `quotes` quotes, reused from the cache when its schema and generator match."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    key = f"synth-{quotes}-g{GENERATOR_VERSION}-s{schema_fingerprint(cache_dir)}"
    path, meta_path = cache_dir / f"{key}.db", cache_dir / f"{key}.json"
    if path.is_file() and meta_path.is_file() and not rebuild:
        meta = json.loads(meta_path.read_text())
        return SynthStore(**{**meta, "path": str(path), "reused": True})
    store = _build(quotes, path)
    meta_path.write_text(
        json.dumps({k: v for k, v in asdict(store).items() if k not in ("path", "reused")})
    )
    return store


def schema_fingerprint(cache_dir: Path) -> str:
    """A hash of the app's schema as its migrations make it: a schema change means a new store."""
    from bot.storage.migrate import prepare

    probe = cache_dir / "schema-probe.db"
    for leftover in cache_dir.glob("schema-probe.db*"):
        leftover.unlink()
    prepare(f"sqlite:///{probe}")
    with sqlite3.connect(probe) as conn:
        sql = sorted(row[0] or "" for row in conn.execute("SELECT sql FROM sqlite_master"))
    conn.close()
    for leftover in cache_dir.glob("schema-probe.db*"):
        leftover.unlink()
    return hashlib.sha256("\n".join(sql).encode()).hexdigest()[:10]


# ---- building ----------------------------------------------------------------


def _build(quotes: int, path: Path) -> SynthStore:
    from bot.storage.migrate import prepare

    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    prepare(f"sqlite:///{partial}")
    plan = _Plan.make(quotes)
    conn = sqlite3.connect(partial, isolation_level=None)
    _fast_pragmas(conn)
    conn.execute("BEGIN")
    _insert_speakers(conn, plan)
    stats = _insert_articles_and_quotes(conn, plan)
    _backfill_derived(conn)
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode=WAL")  # as the app leaves its file
    conn.close()
    partial.rename(path)
    seconds = time.perf_counter() - started
    log.info("built a %s-quote store in %.1f s", quotes, seconds)
    return SynthStore(
        path=str(path),
        quotes=stats["quotes"],
        articles=stats["articles"],
        speakers=len(plan.names),
        build_seconds=round(seconds, 1),
        **_probes(plan, stats),
    )


def _fast_pragmas(conn: sqlite3.Connection) -> None:
    # Building a throwaway file: durability does not matter, speed does. No journal means each page
    # is written once (WAL would write the whole store twice: to the log, then to the file).
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.execute("PRAGMA temp_store=MEMORY")


@dataclass
class _Plan:
    """Everything random, drawn once from a seeded generator."""

    rng: random.Random
    quotes: int
    names: list[str]
    surnames: list[str]
    speaker_cum: list[float]
    vocab: list[str]
    vocab_cum: list[float]
    days: int

    @classmethod
    def make(cls, quotes: int) -> _Plan:
        rng = random.Random(quotes)
        count = max(100, quotes // QUOTES_PER_SPEAKER)
        names, surnames = _speaker_names(rng, count)
        weights = [1.0 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(count)]
        vocab, frequencies = _vocabulary()
        return cls(
            rng,
            quotes,
            names,
            surnames,
            _cumulative(weights),
            vocab,
            _cumulative(frequencies),
            days=max(1, math.ceil(quotes / QUOTES_PER_DAY)),
        )


def _speaker_names(rng: random.Random, count: int) -> tuple[list[str], list[str]]:
    """`count` distinct invented full names; surnames repeat now and then, as real ones do."""
    pool = sorted({_surname(rng) for _ in range(count)})
    names: dict[str, str] = {}
    while len(names) < count:
        surname = rng.choice(pool)
        names.setdefault(f"{rng.choice(FIRST_NAMES)} {surname}", surname)
    ordered = list(names.items())
    rng.shuffle(ordered)
    return [n for n, _ in ordered], [s for _, s in ordered]


def _surname(rng: random.Random) -> str:
    parts = rng.choices(SYLLABLES, k=rng.choice((2, 3, 3, 4)))
    return "".join(parts).capitalize()


def _vocabulary() -> tuple[list[str], list[int]]:
    """Words of the sample articles (the project's own fictional text) with their frequencies."""
    counts: Counter[str] = Counter()
    for path in sorted(SAMPLES.glob("*.txt")):
        counts.update(w.lower() for w in WORD_RE.findall(path.read_text(encoding="utf-8")))
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [counts[w] for w in words]


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _backfill_derived(conn: sqlite3.Connection) -> None:
    """Fill what the app derives at ingest (per-speaker counts) with the app's own migration SQL."""
    from bot.storage import models

    backfill = getattr(models, "RECOUNT_SPEAKERS", None)
    if backfill:
        conn.execute(backfill)


def _insert_speakers(conn: sqlite3.Connection, plan: _Plan) -> None:
    from bot.nlp.names import name_key

    # Columns the app derives later (counts kept at ingest) start at 0; _backfill_derived fills
    # them.
    extra = _required_extras(conn, "speakers", {"id", "name", "key", "kind"})
    columns = ", ".join(["id", "name", "key", "kind", *extra])
    marks = ", ".join(["?", "?", "?", "'PERSON'", *("0" for _ in extra)])
    conn.executemany(
        f"INSERT INTO speakers ({columns}) VALUES ({marks})",
        ((i + 1, name, name_key(name)) for i, name in enumerate(plan.names)),
    )
    # Ingest stores the name as written ("Ms Marsh") as an alias; its key is the surname.
    conn.executemany(
        "INSERT INTO speaker_aliases (speaker_id, alias, key) VALUES (?, ?, ?)",
        ((i + 1, f"Ms {surname}", surname.lower()) for i, surname in enumerate(plan.surnames)),
    )


def _required_extras(conn: sqlite3.Connection, table: str, given: set[str]) -> list[str]:
    """NOT NULL columns without a default that the generator does not fill itself."""
    rows = conn.execute(
        f"PRAGMA table_info({table})"
    ).fetchall()  # cid, name, type, notnull, default, pk
    return [
        name
        for _, name, _, notnull, default, pk in rows
        if notnull and default is None and not pk and name not in given
    ]


def _insert_articles_and_quotes(conn: sqlite3.Connection, plan: _Plan) -> dict:
    total_articles = math.ceil(plan.quotes / QUOTES_PER_ARTICLE)
    quote_id, article_id, word_counts = 0, 0, Counter()
    while article_id < total_articles:
        chunk = min(CHUNK_ARTICLES, total_articles - article_id)
        articles, quotes = [], []
        for _ in range(chunk):
            article_id += 1
            wanted = min(QUOTES_PER_ARTICLE, plan.quotes - quote_id)
            article, rows = _article(plan, article_id, quote_id, wanted, total_articles)
            quote_id += len(rows)
            articles.append(article)
            quotes.extend(rows)
            word_counts.update({w.lower() for r in rows for w in WORD_RE.findall(r[5])})
        conn.executemany(ARTICLE_SQL, articles)
        conn.executemany(QUOTE_SQL, quotes)
    return {"quotes": quote_id, "articles": article_id, "word_counts": word_counts}


ARTICLE_SQL = (
    "INSERT INTO articles (id, identity, source, title, url, outlet, published, dateline, credit, "
    "text, "
    "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)"
)
QUOTE_SQL = (
    "INSERT INTO quotes (id, article_id, speaker_id, speaker_as_written, role, text, kind, cue, "
    "start, "
    '"end", compound, label, published, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '
    "?, ?)"
)


def _article(
    plan: _Plan, article_id: int, first_quote: int, count: int, total: int
) -> tuple[tuple, list[tuple]]:
    rng = plan.rng
    day = END_DAY - dt.timedelta(days=(total - article_id) * plan.days // total)
    ingested = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=rng.randrange(86_400))
    speakers = rng.choices(range(len(plan.names)), cum_weights=plan.speaker_cum, k=count)
    rows, body, offset = [], [], 0
    for n, speaker in enumerate(speakers):
        text = _sentence(plan)
        written = rng.choice((plan.names[speaker], f"Ms {plan.surnames[speaker]}"))
        compound = _compound(rng)
        rows.append(
            (
                first_quote + n + 1,
                article_id,
                speaker + 1,
                written,
                rng.choice(ROLES),
                text,
                _kind(rng),
                rng.choice(CUES),
                offset + 1,
                offset + 1 + len(text),
                compound,
                _label(compound),
                day.isoformat(),
                _stamp(ingested),
            )
        )
        part = f"'{text}' {written} said."
        body.append(part)
        offset += len(part) + 1
    title = _sentence(plan, words=rng.randint(6, 11)).rstrip(".")
    url = f"https://{rng.choice(OUTLETS)}/{day:%Y/%m/%d}/story-{article_id}"
    article = (
        article_id,
        url,
        url,
        title,
        url,
        url.split("/")[2],
        day.isoformat(),
        " ".join(body),
        _stamp(ingested),
    )
    return article, rows


def _sentence(plan: _Plan, *, words: int | None = None) -> str:
    rng = plan.rng
    if words is None:
        words = int(rng.lognormvariate(math.log(QUOTE_WORDS_MEDIAN), QUOTE_WORDS_SIGMA))
        words = min(80, max(4, words))
    chosen = rng.choices(plan.vocab, cum_weights=plan.vocab_cum, k=words)
    return " ".join(chosen).capitalize() + "."


def _compound(rng: random.Random) -> float:
    if rng.random() < 0.35:
        return 0.0  # VADER gives many news quotes exactly 0
    return round(max(-1.0, min(1.0, rng.gauss(0.05, 0.5))), 4)


def _label(compound: float) -> str:
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def _kind(rng: random.Random) -> str:
    return rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]


def _stamp(moment: dt.datetime) -> str:
    # SQLAlchemy's SQLite DateTime format: string comparison must match what the app binds.
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def _probes(plan: _Plan, stats: dict) -> dict:
    """Names and words the queries ask for, chosen from what was actually generated."""
    counts: Counter = stats["word_counts"]
    quotes = stats["quotes"]
    content = [
        w for w, _ in counts.most_common() if len(w) > 5 and "'" not in w and "\u2019" not in w
    ]
    common = content[0]
    rare = next(
        (w for w, c in reversed(counts.most_common()) if c >= 3 and len(w) > 4), content[-1]
    )
    medium = [w for w in content if 0.005 * quotes <= counts[w] <= 0.05 * quotes] or content[1:3]
    surname = _mid_surname(plan.surnames)
    return {
        "top_speaker": plan.names[0],
        "mid_surname": surname,
        "typo_name": _typo(surname),
        "common_word": common,
        "rare_word": rare,
        "two_words": " ".join(medium[:2]),
        "day": (END_DAY - dt.timedelta(days=min(3, plan.days - 1))).isoformat(),
    }


def _mid_surname(surnames: list[str]) -> str:
    """A surname from rank 100 on that is long and borne by one speaker only, so a typo of it is
    unambiguous."""
    counts = Counter(surnames)
    start = min(100, len(surnames) - 1)
    fits = [s for s in surnames[start:] + surnames[:start] if len(s) >= 7 and counts[s] == 1]
    return fits[0] if fits else surnames[start]


def _typo(word: str) -> str:
    """One letter dropped from the middle ('Tallisano' -> 'Tallsano'), the typo the name matcher
    allows."""
    i = len(word) // 2
    return word[:i] + word[i + 1 :]

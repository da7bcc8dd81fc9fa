"""Run `-m MODULE args` or `-c CODE args` as python would, then write this process's peak RSS to a
file.

The bench parent holds spaCy (~0.5 GB); a child forked from it inherits that figure in ru_maxrss
(Linux carries the pre-exec high-water mark over), so the child reports its own VmHWM instead:
the peak of the memory map exec gave it, which starts from zero.
"""

from __future__ import annotations

import atexit
import runpy
import sys


def main() -> None:
    out, mode, target, *rest = sys.argv[1:]
    atexit.register(_write_peak, out)
    if mode == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})


def _write_peak(out: str) -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(out, "w", encoding="ascii") as file:
        file.write(peak)  # kB


if __name__ == "__main__":
    main()

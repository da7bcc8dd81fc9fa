"""quotebot's benchmarks: extraction throughput, query latency at scale, memory and start-up.

Run them all with `python -m bench` (or `quotebot bench`); `--quick` is the small version CI runs.
Each figure prints as one table line: name, figure, ratio, target, PASS/MISS.
"""

"""quotebot: who said what in the news, and how it sounded."""

from pathlib import Path

__version__ = "0.1.0"

SAMPLES = (
    Path(__file__).resolve().parent / "samples"
)  # the fictional sample articles the demo ingests

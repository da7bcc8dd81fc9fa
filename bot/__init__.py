"""quotebot: who said what in the news, and how it sounded."""

__version__ = "0.1.0"

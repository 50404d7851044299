"""The learned sentence-level event detector (press/detector.py): the shipped model loads, detects an article of ours
it was never trained on (tests/press_detector/, numbered 680–689: benchmarks/train_event_detector.py leaves that range
out), adds and vetoes types through the extractor's hook, and a malformed detector file is refused with its name."""

import json
from pathlib import Path

import pytest

from vigie.errors import VigieError
from vigie.press import detector
from vigie.press.articles import read
from vigie.press.quantities import plain
from vigie.press.schema import TYPES

HELD_OUT = Path(__file__).parent / "press_detector"


def _article(name: str) -> dict:
    return json.loads((HELD_OUT / f"{name}.json").read_text(encoding="utf-8"))


def _extract(extractor, found, with_detector):
    """The extractor's events with `with_detector` in its hook (the session's extractor is put back as it was)."""
    before = extractor.detector
    extractor.detector = with_detector
    try:
        return extractor.extract_many(found)
    finally:
        extractor.detector = before


def test_the_shipped_detector_loads_and_is_off_unless_its_file_says_so():
    model = detector.load()
    assert set(model.types) == set(TYPES)
    assert len(model.weights) > 1000 and all(len(w) == len(TYPES) for w in model.weights.values())
    assert all(0 < a <= 1.01 for a in model.add) and all(0 <= d < 1 for d in model.drop)
    # lemmas are lower-case: no capitalised word (a name) is a feature
    assert not [f for f in model.weights if f.startswith("w:") and f[2:3].isupper()]
    assert (detector.default() is not None) == model.enabled


def test_a_held_out_article_of_ours_is_detected(extractor):
    """ "la fouille du box a permis de mettre au jour 18 kilos de résine": a seizure no trigger rule names today. The
    model, never trained on this article, gives its evidence sentence a seizure probability above its threshold, and
    the sentences that tell no event a low one."""
    model = detector.load()
    gold = _article("680_vannes_valises_de_resine")
    evidence = plain(gold["events"][0]["evidence"])
    p = model.probabilities(detector.features(extractor.ling, evidence, extractor.ling.kinds(evidence)))
    seizure = model.types.index("seizure")
    assert p["seizure"] >= model.add[seizure] and p["seizure"] > 0.8
    assert all(p[t] < 0.2 for t in model.types if t != "seizure")
    for quiet in (
        "Le locataire, âgé de 31 ans, était absent et reste recherché.",
        "Les habitants disent leur lassitude.",
    ):
        p = model.probabilities(detector.features(extractor.ling, quiet, []))
        assert max(p.values()) < 0.2, quiet

    found = [a for a in read(str(HELD_OUT)) if a.id == gold["id"]]
    (alone,) = _extract(extractor, found, None)
    (events,) = _extract(extractor, found, model)
    assert [(e.type, e.commune, str(e.date_start)) for e in events] == [("seizure", "56260", "2025-02-11")]
    assert events[0].drugs and events[0].drugs[0]["quantity"] == 18
    if not alone:  # the rules miss it: the event is the detector's, and says so
        assert events[0].rules == ["learned.seizure"]


def test_the_veto_drops_a_type_the_detector_scores_low(extractor):
    """A shooting the rules find (681) is kept by the shipped model and dropped by a model whose veto threshold is
    above any probability."""
    model = detector.load()
    found = [a for a in read(str(HELD_OUT)) if a.id.startswith("681_")]
    (events,) = _extract(extractor, found, model)
    assert [(e.type, e.commune) for e in events] == [("shooting", "61001")]
    strict = detector.Detector(model.types, model.weights, model.bias, model.add, tuple(1.0 for _ in model.types))
    (vetoed,) = _extract(extractor, found, strict)
    assert [e for e in vetoed if e.type == "shooting"] == []


def _written(tmp_path, change) -> Path:
    data = json.loads(detector.FILE.read_text(encoding="utf-8"))
    data["features"], data["weights"] = data["features"][:3], data["weights"][:3]
    change(data)
    path = tmp_path / "my_detector.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.update(format="other/1"), "'format'"),
        (lambda d: d.update(types=["seizure", "burglary", *d["types"][2:]]), "'types'"),
        (lambda d: d["weights"][1].pop(), "weights[1]"),
        (lambda d: d.update(bias=d["bias"][:-1]), "'bias'"),
        (lambda d: d.update(add=[*d["add"][:-1], "high"]), "'add'"),
        (lambda d: d.update(enabled="yes"), "'enabled'"),
        (lambda d: d.update(threshold=0.5), "'threshold'"),
        (lambda d: d.update(features=d["features"][:2]), "'weights'"),
    ],
)
def test_a_malformed_detector_file_is_refused_with_its_name(tmp_path, change, said):
    path = _written(tmp_path, change)
    with pytest.raises(VigieError) as caught:
        detector.load(path)
    assert "my_detector.json" in str(caught.value) and said in str(caught.value)


def test_a_detector_file_that_is_not_json_is_refused(tmp_path):
    path = tmp_path / "broken_detector.json"
    path.write_text('{"format": "vigie-press-detector/1", ', encoding="utf-8")
    with pytest.raises(VigieError, match="broken_detector.json: is not JSON"):
        detector.load(path)
    with pytest.raises(VigieError, match="missing.json: cannot be read"):
        detector.load(tmp_path / "missing.json")


def test_the_environment_turns_the_detector_on_or_off(monkeypatch):
    monkeypatch.setenv("VIGIE_PRESS_DETECTOR", "1")
    assert detector.default() is not None
    monkeypatch.setenv("VIGIE_PRESS_DETECTOR", "0")
    assert detector.default() is None
    monkeypatch.setenv("VIGIE_PRESS_DETECTOR", "yes")
    with pytest.raises(VigieError, match="VIGIE_PRESS_DETECTOR='yes'"):
        detector.default()

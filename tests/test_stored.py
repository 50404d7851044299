"""Stored analyses (analysis.stored): what `vigie analyse` stored answers the questions, the same way as a fresh
computation; answers are about the year and the département asked; payloads are strict JSON."""

import json
import shutil

import pytest

from vigie import warehouse
from vigie.analysis import stored
from vigie.analysis.analyse import analyse
from vigie.errors import VigieError


def test_stored_and_fresh_answers_agree(panel):
    saved = stored.hotspot_payload(panel, include_all=True)
    assert saved["stored"] and saved["computed_because"] is None
    # seed does not matter without permutations: a different one forces the in-memory path, same figures
    fresh = stored.hotspot_payload(panel, include_all=True, seed=1)
    assert not fresh["stored"] and "seed 1" in fresh["computed_because"]
    assert fresh["rows"] == saved["rows"] and fresh["notes"] == saved["notes"]


def test_hotspots_of_a_year_are_as_of_that_year(panel):
    last = stored.hotspot_payload(panel)["year"]
    early = stored.hotspot_payload(panel, year=last - 6, include_all=True)
    assert {r["year"] for r in early["rows"]} == {last - 6}
    table = dict(
        panel.execute(f"SELECT code, category FROM hotspot WHERE indicator = 'trafic' AND year = {last - 6}").fetchall()
    )
    assert all(table[r["code"]] == r["category"] for r in early["rows"])
    assert not any(str(last) in n for n in early["notes"][:-1])  # the notes speak of the year asked
    assert f"as of {last - 6}" in early["notes"][-1]
    final = stored.hotspot_payload(panel, include_all=True)
    # categories change with the years they are drawn from: some town is not in the same category
    assert {(r["code"], r["category"]) for r in final["rows"]} != {(r["code"], r["category"]) for r in early["rows"]}


def test_departement_answers_are_local(panel):
    answer = stored.hotspot_payload(panel, departement="13", include_all=True)
    assert answer["rows"] and all(r["code"].startswith("13") for r in answer["rows"])
    assert "département 13" in answer["notes"][0]
    assert all(h["departement"] == "13" for h in answer["hidden_rises"])
    assert sum(answer["counts"].values()) == len(answer["rows"])
    with pytest.raises(VigieError, match="--departement 99"):
        stored.hotspot_payload(panel, departement="99")
    with pytest.raises(VigieError, match="--departement 99"):
        stored.onset_payload(panel, departement="99")


def test_onset_rise_from_zero_is_said_not_divided(panel):
    rows = stored.onset_rows(panel)
    assert rows
    ratios = [r["rise_ratio"] for r in rows if r["rise_ratio"] is not None]
    assert ratios and max(ratios) < 1000  # no division by a near-zero level
    with_none = [r for r in rows if r["rise_ratio"] is None]
    if with_none:
        assert any("from 0" in n for n in stored.onset_payload(panel)["notes"])


def test_diffusion_payload_is_labelled_and_strict(panel):
    for indicator, label in (("trafic", "Trafic de stupéfiants"), ("usage", "Usage de stupéfiants")):
        wave = stored.diffusion_payload(panel, indicator)
        assert wave["label"] == label and wave["stored"]
        json.dumps(wave, allow_nan=False)
        if wave["speed_km_per_year"]:
            used = [p["distance_km"] for p in wave["points"] if p["used_for_speed"]]
            assert wave["fit_from_km"] == pytest.approx(min(used), abs=0.05)  # (points are rounded to 0.1 km)
            assert wave["fit_from_km"] >= wave["min_distance_km"]
            assert wave["fit_to_km"] == pytest.approx(max(used), abs=0.05)
    other = stored.diffusion_payload(panel, min_distance_km=10)
    assert not other["stored"] and "min_distance_km 10" in other["computed_because"]


def test_results_of_an_older_data_version_are_not_served_as_current(panel_db, tmp_path, small_panel):
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)
    con = warehouse.connect(db)
    con.execute("INSERT INTO load_log (load_id, file, kind, sha256, rows) VALUES (999, 'x', 'test', 'new', 0)")
    answer = stored.hotspot_payload(con, year=None)
    assert not answer["stored"] and "earlier data version" in answer["computed_because"]
    with pytest.raises(VigieError, match="vigie analyse"):
        stored.onset_payload(con, compute=False)
    report = analyse(con, ["trafic"])
    assert {(r["step"], r["status"]) for r in report} >= {("hotspots", "computed"), ("onsets", "computed")}
    assert stored.hotspot_payload(con)["stored"]
    assert {r["step"]: r["current"] for r in stored.stored_runs(con) if r["indicator"] == "trafic"}["hotspots"]
    con.close()

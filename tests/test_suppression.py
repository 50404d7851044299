"""Suppressed cells: the secrecy rule's proofs and the sharing of the département's suppressed total."""

import numpy as np
import pytest
from conftest import commune_file

from vigie import warehouse
from vigie.analysis import rise as rs
from vigie.analysis import suppression as sp
from vigie.sources.build import build


def test_suppressed_cells_take_what_the_secrecy_rule_proves(tmp_path, reference_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    # 79049: suppressed 2016–2017, then 30 published in 2018 (its window covers 2016–2018)
    # 26362: suppressed in 2016, then published zeros (a later zero window covers 2016 only via 2017–2018)
    rows = [
        ("79049", 2016, "NA", "ndiff", "1,5"),
        ("79049", 2017, "NA", "ndiff", "1,5"),
        ("79049", 2018, "30", "diff", "NA"),
        ("26362", 2016, "NA", "ndiff", "1,5"),
        ("26362", 2017, "0", "diff", "NA"),
        ("26362", 2018, "0", "diff", "NA"),
        ("71153", 2016, "NA", "ndiff", "1,5"),
        ("71153", 2017, "NA", "ndiff", "1,5"),
        ("71153", 2018, "NA", "ndiff", "1,5"),
    ]
    commune_file(folder, rows)
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [reference_dir, folder])
    codes, _, counts, _, suppressed = sp.town_panel(con, "trafic", use_companion=False)
    got = dict(zip(codes, counts.tolist(), strict=True))
    assert got["79049"] == [30, 30, 30]  # proven ≥ 5: the covering window's level
    assert got["26362"] == [0, 0, 0]  # a later published zero
    assert got["71153"] == [1.5, 1.5, 1.5]  # nothing proven: the official complement
    assert suppressed.sum() == 6
    # hot spots share the département's suppressed total instead: 79049 is alone in it, and its 1.5 is less than
    # the proven 5, which it keeps
    codes, _, counts, _, _ = sp.town_panel(con, "trafic")
    got = dict(zip(codes, counts.tolist(), strict=True))
    assert got["79049"] == [5, 5, 30] and got["26362"] == [0, 0, 0] and got["71153"] == [1.5, 1.5, 1.5]


def test_suppressed_cells_share_the_departement_total_by_population_and_drug_use_lift(tmp_path, reference_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    usage = "Usage de stupéfiants"
    years = (2016, 2017, 2018, 2019)
    rows = []
    for y in years:
        rows += [("79049", y, "NA", "ndiff", "4"), ("79329", y, "NA", "ndiff", "4")]
        rows += [("79049", y, "60" if y == 2019 else "30", "diff", "NA", usage)]  # drug use doubles in 2019
        rows += [("79329", y, "10", "diff", "NA", usage), ("79005", y, "200", "diff", "NA", usage)]
    # 79005: published zeros around a suppressed 2017, which the secrecy rule therefore proves to be 0
    rows += [("79005", 2016, "0", "diff", "NA"), ("79005", 2017, "NA", "ndiff", "4")]
    rows += [("79005", 2018, "0", "diff", "NA"), ("79005", 2019, "0", "diff", "NA")]
    commune_file(folder, rows)
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [reference_dir, folder])
    codes, _, counts, population, _ = sp.town_panel(con, "trafic")
    got = dict(zip(codes, counts.tolist(), strict=True))
    pop = dict(zip(codes, population[:, 0], strict=True))
    # suppressed totals 8, 12 (79005's 4 included, though it is proven 0), 8, 8; shared by population, times in
    # 2019 (the first year with three years of past) each town's drug-use lift: its count against its recent level
    drug = np.array([[200] * 4, [30, 30, 30, 60], [10] * 4], float)
    lift = (drug[:, 3] + 0.5) / (rs.recent_expectation(drug, population[:3], ["79"] * 3)[:, 3] + 0.5)
    a, b = pop["79049"], pop["79329"]
    assert list(codes[:3]) == ["79005", "79049", "79329"] and lift[1] > 1.5 and lift[2] < 1
    share = [total * a / (a + b) for total in (8, 12, 8)]
    last = 8 * a * lift[1] / (a * lift[1] + b * lift[2])
    assert got["79049"] == pytest.approx([*share, last])
    assert got["79329"] == pytest.approx([8 - share[0], 12 - share[1], 8 - share[2], 8 - last])
    assert got["79005"] == [0, 0, 0, 0]
    # onsets read each town's own series: there a suppressed cell keeps the official complement
    codes, _, counts, _, _ = sp.town_panel(con, "trafic", use_companion=False)
    assert dict(zip(codes, counts.tolist(), strict=True))["79049"] == [4, 4, 4, 4]


def test_secrecy_rule_proofs_only_where_the_figures_follow_the_rule():
    nan = np.nan
    published = np.array([[nan, nan, 7, 8], [nan, 0, 0, 0], [9, 6, nan, nan]])
    suppressed = np.isnan(published)
    assert sp.follows_secrecy_rule(published)
    at_least, none, level = sp.proven(published, suppressed)
    assert at_least.tolist() == [[True, True, False, False], [False] * 4, [False] * 4]
    assert none.tolist() == [[False] * 4, [True, False, False, False], [False] * 4]
    assert level[0, :2].tolist() == [7, 7]
    # a file that suppresses only counts of 1–4 publishes a zero next to a positive count: no proofs there
    simple = np.vstack([published, [[0, 6, nan, 0]] * 2])
    assert not sp.follows_secrecy_rule(simple)
    at_least, none, _ = sp.proven(simple, np.isnan(simple))
    assert not at_least.any() and not none.any()

"""The national figures a town is compared with, stored once per data version (analysis step "national"), are
those the profile computed for each town before (and still computes when they are not stored)."""

from __future__ import annotations

import pytest

from vigie import warehouse
from vigie.analysis import profile as pr
from vigie.analysis import town as tw
from vigie.indicators import DRUGS


@pytest.fixture(scope="module")
def con(panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    yield con
    con.close()


def _sample(con) -> list[str]:
    """Towns of every size class and département: the biggest, and every 25th of the rest."""
    sql = "SELECT code FROM commune_fact GROUP BY code ORDER BY max(population) DESC, code"
    codes = [r[0] for r in con.execute(sql).fetchall()]
    return codes[:10] + codes[10::25]


def test_stored_ranks_and_medians_equal_those_computed(con, monkeypatch):
    assert pr.national_is_stored(con)
    codes = _sample(con)
    assert len(codes) > 30
    seen_ranked = 0
    for indicator in DRUGS:
        for code in codes:
            stored = pr._compare(con, indicator, code, None, from_table=True)
            assert stored == pr._compare(con, indicator, code, None, from_table=False), (indicator, code)
            seen_ranked += bool(stored and stored["rank_in_class"])
    assert seen_ranked > 20  # the comparison is not vacuous: ranked towns were compared
    assert pr._compare(con, "trafic", "97601", None, from_table=True) is None  # a town with no figures
    sql = "SELECT DISTINCT size_class FROM town_rank WHERE size_class IS NOT NULL"
    classes = [r[0] for r in con.execute(sql).fetchall()]
    indicators = list(tw.PAGE_INDICATORS)
    stored = {c: tw.class_medians(con, indicators, c) for c in classes}
    monkeypatch.setattr(tw, "national_is_stored", lambda _: False)
    assert stored == {c: tw.class_medians(con, indicators, c) for c in classes}
    assert any(m for by_class in stored.values() for m in by_class.values())


def test_town_page_reads_the_stored_figures_or_computes_them(con, monkeypatch):
    """The whole town page is the same with the stored figures and without them (older warehouses, tests)."""
    sql = "SELECT code FROM town_rank WHERE rank_in_class IS NOT NULL GROUP BY code ORDER BY code LIMIT 3"
    for code in ["13055", *(r[0] for r in con.execute(sql).fetchall())]:  # Marseille, and three ranked towns
        with_table = tw.town_page(con, code)
        with monkeypatch.context() as m:
            m.setattr(pr, "national_is_stored", lambda _: False)
            m.setattr(tw, "national_is_stored", lambda _: False)
            assert tw.town_page(con, code) == with_table
        assert with_table["comparison"] and with_table["class_medians"]


def test_national_figures_follow_the_data_version(panel_db, tmp_path):
    """Figures stored for other files are not read: after a new load the profile computes until `vigie analyse`."""
    import shutil

    copy = tmp_path / "w.duckdb"
    shutil.copy(panel_db, copy)
    con = warehouse.connect(copy)
    con.execute("UPDATE analysis_run SET data_version = 'older' WHERE step = 'national'")
    assert not pr.national_is_stored(con)
    from vigie.analysis.analyse import analyse

    records = [r for r in analyse(con, indicators=()) if r["step"] == "national"]
    assert records == [{"step": "national", "indicator": "all", "status": "computed", "reason": ""}]
    assert pr.national_is_stored(con)
    con.close()

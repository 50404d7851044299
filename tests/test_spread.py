"""The spread table and its test, checked against independent computations on the source file."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from vigie.analysis.growth import growth_test, poisson_pml
from vigie.analysis.spread import service_spread, spread
from vigie.config import SizeClasses
from vigie.errors import VigieError


@pytest.fixture(scope="module")
def source(small_panel):
    frame = pd.read_parquet(small_panel / "donnee-comm-synth.parquet")
    return frame.rename(columns={"CODGEO_2025": "code", "annee": "year"})


def oracle_classes(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """Plain pandas: estimate = published count or complement; class from the last year's population;
    Marseille as its whole city (the parent row), which has the same totals as its arrondissements."""
    df = frame[(frame.indicateur == label) & ~frame.code.between("13201", "13216")].copy()
    df["estimate"] = df.nombre.fillna(df.complement_info_nombre)
    last = df[df.year == df.year.max()].set_index("code").insee_pop
    df["size_class"] = df.code.map(last).map(SizeClasses().of)
    return df.groupby(["size_class", "year"]).agg(
        count=("estimate", "sum"), population=("insee_pop", "sum"), published=("nombre", "sum")
    )


def test_class_table_matches_an_independent_computation(panel, source):
    result = spread(panel, ["trafic"])[0]
    oracle = oracle_classes(source, "Trafic de stupéfiants")
    assert len(result.rows) == len(oracle)
    for row in result.rows:
        expected = oracle.loc[(row["size_class"], row["year"])]
        assert row["count"] == pytest.approx(round(expected["count"]), abs=0.5)
        assert row["count_published"] == expected["published"]
        assert row["rate_per_1000"] == pytest.approx(1000 * expected["count"] / expected["population"], abs=1e-4)
    for year in {r["year"] for r in result.rows}:
        assert sum(r["share_pct"] for r in result.rows if r["year"] == year) == pytest.approx(100, abs=0.05)
        first = [r for r in result.rows if r["index_first_year"] == 100.0 and r["year"] == 2016]
        assert len(first) == len({r["size_class"] for r in result.rows})


def test_plm_cities_are_counted_once(panel, source):
    """Marseille's parent row repeats its 16 arrondissements: the totals must not double it."""
    df = source[(source.indicateur == "Trafic de stupéfiants") & ~source.code.between("13201", "13216")]
    total = df.nombre.fillna(df.complement_info_nombre).groupby(df.year).sum()
    rows = spread(panel, ["trafic"])[0].rows
    for year, expected in total.items():
        assert sum(r["count"] for r in rows if r["year"] == year) == pytest.approx(expected, abs=2)
    last = df[df.year == df.year.max()]
    big_cities = int((last.insee_pop >= 100_000).sum())  # Marseille (parent row) and Aix-en-Provence
    assert big_cities == 2
    assert all(r["communes"] == big_cities for r in rows if r["size_class"] == "grande_ville")


def test_concentration_matches_numpy(panel, source):
    result = spread(panel, ["trafic"])[0]
    df = source[(source.indicateur == "Trafic de stupéfiants") & ~source.code.between("13201", "13216")]
    for row in result.concentration:
        n = np.sort(df[df.year == row["year"]].nombre.fillna(df.complement_info_nombre).to_numpy())[::-1]
        k = int(np.ceil(0.035 * len(n)))
        assert row["communes"] == len(n)
        assert row["top_3_5pct_share"] == pytest.approx(100 * n[:k].sum() / n.sum(), abs=0.01)


def test_poisson_pml_equals_statsmodels_cluster_glm():
    rng = np.random.default_rng(7)
    towns, years = 120, 10
    town = np.repeat(np.arange(towns), years)
    t = np.tile(np.arange(years), towns).astype(float)
    medium = (town % 3 != 0).astype(float)
    pop = np.repeat(rng.uniform(10_000, 300_000, towns), years)
    effect = np.repeat(rng.gamma(2, 0.5, towns), years)
    mu = pop / 1000 * effect * np.exp(0.02 * t + 0.03 * medium * t)
    y = rng.poisson(mu)
    X = np.column_stack([np.ones_like(t), medium, t, medium * t])
    ours = poisson_pml(X, y, np.log(pop), town)
    ref = sm.GLM(y, X, family=sm.families.Poisson(), offset=np.log(pop)).fit(
        cov_type="cluster", cov_kwds={"groups": town}
    )
    assert np.allclose(ours.coef, ref.params, atol=1e-8)
    assert np.allclose(ours.se, ref.bse, rtol=1e-6)
    test = growth_test(t + 2016, medium.astype(bool), y, pop, town, left_out=0)
    assert test.ci_low < np.exp(0.03) < test.ci_high and test.ci_low > 1


def test_growth_test_recovers_the_planted_medium_town_wave(panel):
    """In the synthetic panel, planted wave towns are medium towns: their trafficking must outgrow big cities'."""
    growth = spread(panel, ["trafic"])[0].growth
    assert growth.growth_medium > growth.growth_big and growth.ratio > 1
    assert growth.n_communes >= 10


def test_filters_and_errors(panel):
    drome = spread(panel, ["trafic"], departement="26")[0]
    both = spread(panel, ["trafic"])[0]
    assert sum(r["communes"] for r in drome.rows) < sum(r["communes"] for r in both.rows)
    assert {r["year"] for r in spread(panel, ["usage"], years=(2020, 2022))[0].rows} == {2020, 2021, 2022}
    with pytest.raises(VigieError, match="unknown indicator"):
        spread(panel, ["cocaine"])
    with pytest.raises(VigieError, match="département code"):
        spread(panel, ["trafic"], departement="Drôme")
    with pytest.raises(VigieError, match="no commune figures"):
        spread(panel, ["trafic"], departement="75")


def test_national_growth_test_on_real_service_files(official):
    rows = service_spread(official, 55)
    assert {r["size_class"] for r in rows} >= {"grande_ville", "ville_moyenne"}
    by_year = {}
    for r in rows:
        by_year[r["year"]] = by_year.get(r["year"], 0) + r["count"]
    # every territorial service mapped to a commune is counted: close to the PN+GN total of index 55
    total_2021 = official.execute("SELECT sum(count) FROM service_fact WHERE idx = 55 AND year = 2021").fetchone()[0]
    assert 0.8 * total_2021 < by_year[2021] <= total_2021


def test_arrondissements_are_summed_into_their_city_when_parents_are_absent(tmp_path, reference_dir):
    from conftest import make_panel

    from vigie import warehouse
    from vigie.sources.build import build

    panel = make_panel(tmp_path / "p", "--departements", "13", "--drop-plm-parents", "--formats", "parquet")
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [reference_dir, panel])
    frame = pd.read_parquet(panel / "donnee-comm-synth.parquet")
    frame = frame[frame.indicateur == "Trafic de stupéfiants"]
    rows = spread(con, ["trafic"])[0].rows
    for year, part in frame.groupby("annee"):
        assert sum(r["count"] for r in rows if r["year"] == year) == pytest.approx(
            part.nombre.fillna(part.complement_info_nombre).sum(), abs=2
        )
    big = [r for r in rows if r["size_class"] == "grande_ville"]
    assert all(r["communes"] == 2 for r in big)  # Marseille (from 16 arrondissements) and Aix-en-Provence

"""Département and région bases, both schemas, from the real files in ../shared/data."""

import csv

from conftest import DATA


def test_national_trafficking_2022_matches_each_edition(official):
    totals = dict(
        official.execute("""SELECT edition, sum(count) FROM area_fact WHERE level = 'departement'
                                      AND indicator = 'trafic' AND year = 2022 GROUP BY edition""").fetchall()
    )
    assert totals == {2023: 49_182, 2024: 49_241}


def test_old_schema_two_digit_years_and_decimal_commas(official):
    years = official.execute("""SELECT min(year), max(year) FROM area_fact
                                WHERE level = 'departement' AND edition = 2023""").fetchone()
    assert years == (2016, 2023)
    # "9,08543127576784e-01"-style rates are parsed
    rate = official.execute("""SELECT rate FROM area_fact WHERE level = 'departement' AND edition = 2023
                               AND area = '01' AND indicator = 'homicides' AND year = 2016""").fetchone()[0]
    assert abs(rate - 7.83177350511023e-03) < 1e-12


def test_every_row_of_the_files_is_loaded(official):
    path = next((DATA / "ssmsi_dep_reg_2024").glob("*.csv"))
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    total = sum(int(r["nombre"]) for r in rows if r["indicateur"] == "Homicides")
    loaded = official.execute("""SELECT count(*), sum(count) FILTER (WHERE indicator = 'homicides') FROM area_fact
                                 WHERE level = 'departement' AND edition = 2024""").fetchone()
    assert loaded == (len(rows), total)


def test_region_base(official):
    n, paca = official.execute("""SELECT count(*), sum(count) FILTER (WHERE area = '93' AND year = 2023
                                  AND indicator = 'trafic') FROM area_fact WHERE level = 'region'""").fetchone()
    assert n == 2304 and paca == 6361

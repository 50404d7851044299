"""État 4001 by service: totals against the README of ../shared/data, service → commune mapping."""

import pytest

from vigie.errors import VigieError
from vigie.sources.etat4001 import parse_sheet, service_place


def total(con, force, year, idx):
    return con.execute(
        """SELECT sum(count), count(DISTINCT service_id) FROM service_fact JOIN service USING (service_id)
                          WHERE force = ? AND year = ? AND idx = ?""",
        [force, year, idx],
    ).fetchone()


def test_totals_match_the_official_workbook(official):
    assert total(official, "PN", 2012, 1) == (50, 607)
    assert total(official, "PN", 2012, 55)[0] == 5116
    assert total(official, "PN", 2020, 57)[0] == 97_896
    assert total(official, "GN", 2012, 55) == (1206, 381)
    assert total(official, "PN", 2021, 55) == (13_250, 828)
    assert total(official, "GN", 2021, 1)[1] == 372


@pytest.mark.parametrize(
    "name,code",
    [
        ("CIAT DE VILLERUPT", "54580"),
        ("CIAT DU CREUSOT", "71153"),
        ("CIAT CENTRAL DE VALENCE", "26362"),
        ("CGD BRESSUIRE", "79049"),
        ("DSP MARSEILLE NORD", "13055"),
        ("CSP DE DIGNE", "04070"),
        ("CIAT DE NOEUX LES MINES", "62617"),
    ],
)
def test_territorial_services_map_to_their_commune(official, name, code):
    assert official.execute("SELECT code FROM service WHERE name = ? AND territorial", [name]).fetchone() == (code,)


def test_non_territorial_services_are_kept_apart(official):
    rows = dict(
        official.execute("""SELECT name, territorial FROM service
                                    WHERE name IN ('CRS 55 MARSEILLE', 'DTPJ DE MARSEILLE', 'BMRA 14')""").fetchall()
    )
    assert rows and not any(rows.values())
    unresolved = official.execute("SELECT count(*) FROM service WHERE territorial AND code IS NULL").fetchone()[0]
    resolved = official.execute("SELECT count(*) FROM service WHERE territorial AND code IS NOT NULL").fetchone()[0]
    assert unresolved < 0.05 * resolved


def test_service_place_parsing():
    assert service_place("CIAT D'OYONNAX") == ("CIAT", "OYONNAX")
    assert service_place("CIAT DE LA CIOTAT") == ("CIAT", "LA CIOTAT")
    assert service_place("CRS 21 ST QUENTIN") == (None, None)


def sheet(rows):
    return parse_sheet(rows, "test.csv")


GOOD = [
    ["Année 2020 - compagnies de gendarmerie", "Départements", "01"],
    ["Code index", "Libellé index \\ CGD", "CGD BELLEY"],
    *[[str(i), f"index {i}", "1"] for i in range(1, 108)],
]


def test_a_well_formed_sheet_parses():
    parsed = sheet(GOOD)
    assert (parsed.force, parsed.year, parsed.services, parsed.counts[55]) == ("GN", 2020, ["CGD BELLEY"], [1])


@pytest.mark.parametrize(
    "mutate,message",
    [
        (lambda r: r.__setitem__(0, ["Something else"]), "cell A1"),
        (lambda r: r.__setitem__(1, ["Index", "Libellé", "CGD BELLEY"]), "Code index"),
        (lambda r: r[56].__setitem__(2, "douze"), "row 57, column 3"),
        (lambda r: r[56].__setitem__(2, "-3"), "negative"),
        (lambda r: r.pop(56), "index rows [55]"),
    ],
)
def test_a_sheet_laid_out_differently_is_refused(mutate, message):
    rows = [list(r) for r in GOOD]
    mutate(rows)
    with pytest.raises(VigieError, match=message.replace("[", r"\[").replace("]", r"\]")):
        sheet(rows)

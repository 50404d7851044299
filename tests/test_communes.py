"""Commune reference: lookups tolerant of spelling, homonyms, former codes, size classes, representative points."""

import pytest
import shapely

from vigie.config import SizeClasses
from vigie.geo.communes import find_communes
from vigie.geo.names import name_key


@pytest.mark.parametrize("query", ["le creusot", "LE CREUSOT", "Creusot", "Le-Creusot", "le creuzot", "71153"])
def test_name_lookup_is_tolerant(official, query):
    assert [c.code for c in find_communes(official, query)] == ["71153"]


def test_homonyms_return_every_candidate_with_its_departement(official):
    found = {(c.code, c.departement) for c in find_communes(official, "Valence")}
    assert {("26362", "26"), ("82186", "82")} <= found
    assert [c.code for c in find_communes(official, "Valence", departement="26")] == ["26362"]


def test_former_codes_lead_to_the_current_commune(official):
    # Arboys en Bugey (01015) absorbed 01340 in a commune nouvelle
    assert [c.code for c in find_communes(official, "01340")] == ["01015"]
    # a delegated commune's name finds its current commune: Annecy-le-Vieux → Annecy
    assert [c.code for c in find_communes(official, "Annecy-le-Vieux")] == ["74010"]


def test_name_key():
    assert name_key("L'Abergement-Clémenciat") == "abergement clemenciat"
    assert name_key("Marcq-en-Barœul") == name_key("MARCQ EN BAROEUL")
    assert name_key("St-Dié-des-Vosges") == "saint die des vosges"


def test_size_classes():
    classes = SizeClasses()
    assert [classes.of(p) for p in (150_000, 100_000, 99_999, 10_000, 2_000, 1_999)] == [
        "grande_ville",
        "grande_ville",
        "ville_moyenne",
        "ville_moyenne",
        "petite_ville",
        "rural",
    ]


def test_size_thresholds_are_configurable(monkeypatch):
    from vigie.config import size_classes
    from vigie.errors import VigieError

    monkeypatch.setenv("VIGIE_SIZE_THRESHOLDS", "1000,5000,50000")
    assert size_classes().of(60_000) == "grande_ville"
    monkeypatch.setenv("VIGIE_SIZE_THRESHOLDS", "5000,1000")
    with pytest.raises(VigieError, match="VIGIE_SIZE_THRESHOLDS"):
        size_classes()


def test_representative_points_lie_inside_outlines(official):
    rows = official.execute("""SELECT c.lon, c.lat, o.wkb FROM commune c JOIN commune_outline o USING (code)
                               USING SAMPLE 300 ROWS""").fetchall()
    inside = [
        shapely.contains(shapely.from_wkb(w), shapely.Point(x, y))
        or shapely.touches(shapely.from_wkb(w), shapely.Point(x, y))
        for x, y, w in rows
    ]
    assert len(rows) == 300 and all(inside)
    plm = official.execute("SELECT lon, lat FROM commune WHERE code = '13055'").fetchone()
    assert plm[0] == pytest.approx(5.4, abs=0.2) and plm[1] == pytest.approx(43.3, abs=0.2)


def test_arrondissements_belong_to_their_city(official):
    rows = official.execute("SELECT parent, count(*) FROM commune WHERE kind = 'arrondissement' GROUP BY 1").fetchall()
    assert dict(rows) == {"75056": 20, "69123": 9, "13055": 16}


def test_a_postcode_is_read_as_one_and_said_so(official):
    """71200 is Fleury-la-Montagne's INSEE code and Le Creusot's postcode: the code wins, and the note names the
    towns of the postcode; 91000 is no INSEE code: read as Évry-Courcouronnes' postcode, and said so."""
    (town,) = find_communes(official, "71200")
    assert town.code == "71200" and "postcode" in town.note and "Le Creusot (71153)" in town.note
    (town,) = find_communes(official, "91000")
    assert town.code == "91228" and "postcode" in town.note
    assert find_communes(official, "26362")[0].note is None  # an INSEE code that is no postcode: nothing to say


def test_a_commune_nouvelle_is_preferred_to_a_village_of_its_former_name(official):
    (town,) = find_communes(official, "Evry")
    assert town.code == "91228" and "Évry (89, code 89162, 402 inhabitants)" in town.note
    assert [c.code for c in find_communes(official, "Evry", departement="89")] == ["89162"]
    # homonyms of comparable weight stay a question (README: "Valence" lists every candidate)
    assert len(find_communes(official, "Valence")) >= 2

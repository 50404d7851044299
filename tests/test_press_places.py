"""Place resolution once per article (press/geography.py, one test per rule), the article-level gate, values, the
QPV district gazetteer (sources/qpv.py) and extraction without a warehouse. The QPV file here is a small hand-made
extract in the official format (real quartier names, made-up quartier codes)."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import GEO, placed, warehouse_with

from vigie import warehouse
from vigie.errors import VigieError
from vigie.press import quantities
from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces, is_district, is_locality, surfaces
from vigie.press.pipeline import load_extractor
from vigie.press.places import Place
from vigie.sources import qpv
from vigie.sources.build import build, classify

QPV = Path(__file__).parent / "press_fixtures" / "qpv"
COG = GEO / "decoupage-administratif-6.0.0"
DAY = date(2024, 5, 2)  # a Thursday


@pytest.fixture
def plain(extractor):
    """The extractor on the official warehouse, without the QPV list (the curated table only)."""
    return extractor


@pytest.fixture(scope="module")
def with_qpv(official_db, nlp, tmp_path_factory):
    """The same warehouse with the QPV extract loaded by `build`."""
    con = warehouse.connect(warehouse_with(official_db, QPV, tmp_path_factory.mktemp("qpv")), read_only=True)
    yield load_extractor(con=con, nlp=nlp)
    con.close()


def places(extractor, title: str, text: str) -> list[tuple]:
    return placed(extractor, title, text, DAY)


# ---------------------------------------------------------------------------------------------------- the QPV list
def test_the_qpv_list_is_recognised_and_loaded_with_every_commune_of_a_quartier(official_db, tmp_path):
    assert classify(QPV / "liste_qp2024_extrait.csv")[0] == "district_list"
    db = tmp_path / "w.duckdb"
    shutil.copy(official_db, db)
    con = warehouse.connect(db)
    rows, note = qpv.load(con, QPV / "liste_qp2024_extrait.csv")
    got = con.execute("SELECT code, name, commune, departement FROM district ORDER BY code, commune").fetchall()
    assert rows == 5 and "4 quartiers" in note
    assert ("QN01301D", "Les Escourtines", "13055", "13") in got and (
        "QN01301D",
        "Les Escourtines",
        "13070",
        "13",
    ) in got
    assert ("QN06001A", "Argentine", "60057", "60") in got
    assert qpv.codes('="13055;13070"') == ["13055", "13070"] and qpv.codes("60057") == ["60057"]


@pytest.mark.parametrize(
    "content,message",
    [
        # another schema: the commune column is missing
        (b"code_qp;lib_qp;insee_dep\r\nQN1;Argentine;60\r\n", r"insee_com"),
        # a broken encoding in a data line: the file, the line and the column are named
        (
            "code_qp;lib_qp;insee_com\r\nQN1;Clou Bouchet;79191\r\nQN2;Pr\xe9s Saint-Jean;60057\r\n".encode("latin-1"),
            r"qpv\.csv, line 3, column lib_qp: not UTF-8",
        ),
        # a quartier without any commune code
        (b"code_qp;lib_qp;insee_com\r\nQN1;Argentine;Beauvais\r\n", r"line 2, column insee_com"),
    ],
)
def test_a_bad_qpv_file_is_refused_and_the_warehouse_is_left_as_it_was(official_db, tmp_path, content, message):
    db = tmp_path / "w.duckdb"
    shutil.copy(official_db, db)
    con = warehouse.connect(db)
    build(con, [QPV])
    before = (
        con.execute("SELECT count(*) FROM district").fetchone()[0],
        con.execute("SELECT count(*) FROM load_log").fetchone()[0],
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "qpv.csv").write_bytes(content)
    with pytest.raises(VigieError, match=message):
        build(con, [folder])
    after = (
        con.execute("SELECT count(*) FROM district").fetchone()[0],
        con.execute("SELECT count(*) FROM load_log").fetchone()[0],
    )
    assert after == before == (5, before[1])


# ---------------------------------------------------------------------------------- place rules (geography.py)
def test_rule_1_a_curated_neighbourhood_is_its_town_anywhere(plain):
    assert places(plain, "", "Mardi soir, des tirs ont visé un point de deal à Pissevin. Un blessé.") == [
        ("shooting", "30189", "30", 1)
    ]


def test_rule_2_a_district_of_the_main_town_beats_a_village_of_the_same_name(plain, with_qpv):
    title = "Beauvais : des tirs sur fond de trafic de drogue"
    text = "Des coups de feu ont été tirés mardi soir à Argentine. Un homme de 20 ans a été blessé par balle."
    assert places(with_qpv, title, text) == [("shooting", "60057", "60", 1)]
    # without the QPV list, the village of Argentine (Savoie) is still not taken: the article is about the Oise
    assert all(commune != "73019" for _, commune, _, _ in places(plain, title, text))
    # an official district is read only inside the article's main towns: elsewhere Argentine is no district
    assert with_qpv.gaz.district_of("Argentine", ("79191",)) is None
    assert with_qpv.gaz.district_of("quartier Saint-Jean", ("60057",)) == "60057"
    assert with_qpv.gaz.district_of("Tour Chabot", ("79191",)) == "79191"  # one part of "Clou Bouchet - Tour Chabot"


def test_rule_3_a_homonym_near_the_main_town_is_the_one_meant(plain):
    gaz = plain.gaz
    assert gaz.resolve("Angles", [], towns=("84007",)) == ("30011", "30")  # Les Angles, across the Rhône from Avignon
    assert gaz.resolve("Angles", [], towns=("85191",)) == ("85004", "85")  # Angles (Vendée), near La Roche-sur-Yon
    assert gaz.resolve("Angles", []) == ("30011", "30")  # no main town: the most populous


def test_rule_4_near_a_town_is_not_in_it(plain):
    assert places(plain, "", "Les gendarmes ont saisi mardi 20 kilos de résine de cannabis près de Voiron.") == [
        ("seizure", None, "38", 2)
    ]
    # a town named with "à" in the same sentence is where it happened
    assert places(plain, "", "Mardi, 3 kilos de cocaïne ont été saisis à Séméac, près de Tarbes.") == [
        ("seizure", "65417", "65", 1)
    ]


def test_rule_5_origins_and_courts_are_not_places(plain):
    text = (
        "Le tribunal correctionnel de Besançon a été saisi. Un trafiquant venu de Lyon a été interpellé mardi à "
        "Montbéliard avec 2 kg de cocaïne."
    )
    assert places(plain, "", text) == [("seizure", "25388", "25", 1)]


def test_rule_6_a_word_that_is_a_far_village_is_no_place(plain):
    events = plain.extract(Article("t", DAY, "", "Pas de blessé lors des tirs de mardi soir à Nîmes, liés au trafic."))
    assert [(e.commune, e.killed, e.injured) for e in events] == [("30189", 0, 0)]


def test_the_dateline_names_a_main_town(plain):
    text = "VALENCE (AFP) - Un point de deal a été démantelé mardi par les policiers, selon le parquet."
    assert places(plain, "", text) == [("dealing_point", "26362", "26", 1)]


# ------------------------------------------------------------------ the scoring of candidates (geography.py tables)
def where(extractor, title: str, text: str, sentence: str | None = None) -> list[tuple]:
    """The places the article's resolver reads in one of its sentences (the whole text by default)."""
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    return [(p.code, p.departement, p.precision) for p in resolver.places(sentence or text)]


def choice(extractor, title: str, text: str, name: str):
    """How the article's resolver reads the first mention of `name`."""
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    whole = f"{title}\n{text}"
    mention = next(m for m in surfaces(whole) if m.surface == name)
    return resolver.resolve(mention, whole)


def test_a_choice_shows_every_candidate_with_the_terms_that_score_it(plain):
    chosen = choice(
        plain, "Avignon : un point de deal démantelé", "Mardi, un point de deal a été démantelé aux Angles.", "Angles"
    )
    assert chosen.place.code == "30011" and chosen.rank == 1 and chosen.why == "locative"
    by_code = {c.code: c for c in chosen.candidates}
    assert set(by_code["30011"].terms) == {"population", "near_main_town"}  # Les Angles, across the Rhône
    assert "near_main_town" not in by_code["85004"].terms  # Angles, Vendée
    assert by_code["30011"].score == max(c.score for c in chosen.candidates if c.veto is None)
    assert chosen.place.why is by_code["30011"]  # the place keeps the candidate that chose it


def test_term_departement_named_beats_population(plain):
    text = "Mardi, des tirs ont visé un point de deal à Saint-Pierre, à La Réunion."
    assert where(plain, "", text, "des tirs à Saint-Pierre") == [("97416", "974", 1)]
    text = "Mardi, des tirs ont visé un point de deal à Saint-Pierre, en Martinique."
    assert where(plain, "", text, "des tirs à Saint-Pierre") == [("97225", "972", 1)]


def test_term_other_towns_of_the_article_choose_among_overseas_homonyms(plain):
    alone = "Les gendarmes ont saisi 140 kilos de zamal à Sainte-Rose."
    assert where(plain, "", alone) == [("97129", "971", 1)]  # the most populous: Guadeloupe
    text = alone + " Renforts de la compagnie de Saint-Benoît ; enquête du parquet de Saint-Denis."
    assert where(plain, "", text, alone) == [("97419", "974", 1)]  # Saint-Benoît and Saint-Denis: La Réunion
    assert choice(plain, "", text, "Sainte-Rose").place.why.terms["other_towns"] == 40


def test_terms_neighbourhood_and_district_word_against_a_homonymous_commune(plain):
    assert where(plain, "", "Un point de deal a été démantelé à Moulins.") == [("03190", "03", 1)]  # the Allier town
    assert where(plain, "", "Un point de deal a été démantelé dans le quartier des Moulins.") == [("59350", "59", 1)]
    # a curated neighbourhood beats a village of the same name (Castellane, 1,500 people, Alpes-de-Haute-Provence)
    assert where(plain, "", "Des tirs ont visé un point de deal à la Castellane.") == [("13055", "13", 1)]


def test_veto_far_neighbourhood(plain):
    title = "Fusillade à Dijon : cinq interpellations"
    text = "Selon un habitant des Beaudottes, cinq hommes ont été interpellés mardi à Dijon."
    chosen = choice(plain, title, text, "Beaudottes")  # not the estate of Sevran
    assert chosen.place is None and chosen.why == "far_neighbourhood"
    assert ArticlePlaces.read(plain.gaz, title, text).towns == ("21231",)
    # a region is no estate before any veto: not the Bourgogne estate of Tourcoing (session 28)
    text = "Selon un élu de Bourgogne, cinq hommes ont été interpellés mardi à Dijon."
    assert choice(plain, title, text, "Bourgogne").place is None
    assert ArticlePlaces.read(plain.gaz, title, text).towns == ("21231",)
    # an outlet named after the region is no place before any veto (rules/sites.toml [[elsewhere]])
    text = "Selon France 3 Bourgogne, cinq hommes ont été interpellés mardi à Dijon."
    chosen = choice(plain, title, text, "Bourgogne")
    assert chosen.place is None and chosen.why == "an outlet"


def test_the_headline_town_makes_small_or_far_homonyms_its_districts(plain):
    title = "Agen : un point de deal démantelé au Pin, des tirs à Montanou"
    text = "Lundi, au Pin, les policiers ont démantelé un point de deal. Dans la nuit, des tirs ont visé Montanou."
    assert where(plain, title, text, "Lundi, au Pin, les policiers ont démantelé un point de deal.") == [
        ("47001", "47", 1)
    ]
    chosen = choice(plain, title, text, "Pin")
    assert chosen.why == "presumed district" and {c.veto for c in chosen.candidates if c.code != "47001"} == {
        "district_homonym"
    }
    # a town of the département near the headline's town stays itself; a big city stays itself
    assert where(plain, title, "Un point de deal a été démantelé à Villeneuve-sur-Lot.") == [("47323", "47", 1)]
    assert where(plain, "Évreux : les tirs", "Des tirs ont eu lieu à la Madeleine.") == [("27229", "27", 1)]
    assert where(plain, "Évreux : les tirs", "Des tirs ont eu lieu à Lille.") == [("59350", "59", 1)]
    # a sentence-opening word that is a far village stays a word, not a district ("Placé", Mayenne)
    assert choice(plain, "Agen : tirs", "Placé en garde à vue, il a reconnu les faits.", "Placé").why == "a_word"
    # the place after an institution is no place, even inside a longer name ("le SRPJ de Nancy")
    assert where(plain, "", "Selon le directeur du SRPJ de Nancy, le trafic était organisé.") == []
    # a département, a region, a road or a country is no district of the headline's town
    for sentence in ("Un point de deal a été démantelé dans l'Allier.", "Une voiture a été contrôlée sur l'A9."):
        assert where(plain, "Montluçon : un point de deal démantelé", sentence) == []
    assert (
        choice(plain, "Mulhouse : les tirs", "Des tirs près de la frontière avec la Suisse.", "Suisse").why == "abroad"
    )


def test_a_district_the_article_names_is_its_town_wherever_it_is_named_again(plain):
    title = "Un mort dans une fusillade"
    text = (
        "Lundi soir, des tirs ont fait un mort dans le quartier d'Orgeval à Reims. En 2023, un adolescent avait déjà "
        "été blessé par balle à Orgeval."
    )
    assert where(plain, title, text, "un adolescent avait été blessé par balle à Orgeval") == [("51454", "51", 1)]
    text = "Samedi soir, un jeune homme a été blessé à Talant, dans le quartier du Belvédère."
    assert ArticlePlaces.read(plain.gaz, "Dijon : une semaine de tirs", text).districts == {"belvedere": "21617"}


def test_what_dans_le_meme_quartier_may_go_back_to(plain):
    # a district (curated, official, said so, or presumed) and an unnamed locality may; a motorway may not
    title = "Évreux : tirs de mortiers"
    assert is_district(choice(plain, title, "Des tirs ont visé le poste de la Madeleine.", "Madeleine").place)
    assert not is_district(choice(plain, title, "Des tirs ont eu lieu à Évreux.", "Évreux").place)
    assert is_locality(Place(None, "82", "un petit village près de Moissac", 0, 2))
    assert not is_locality(Place(None, "27", "l'autoroute, à hauteur de Gaillon", 0, 2))


def test_an_operation_between_several_communes_is_one_place_of_precision_3(plain):
    text = "Des saisies ont été réalisées mardi entre Gièvres, Déols et Chabris, dans l'Indre et le Loir-et-Cher."
    assert where(plain, "", text) == [(None, None, 3)]  # two départements: none
    text = "Une demi-tonne de cannabis a été saisie entre la commune de Sainte-Rose et la plage de Deshaies."
    assert where(plain, "", text) == [(None, "971", 3)]


def test_a_departement_or_an_island_as_the_place_is_precision_3(plain):
    resolver = ArticlePlaces.read(plain.gaz, "", "Seize personnes ont été interpellées à Mayotte.")
    assert resolver.vague("Seize personnes ont été interpellées à Mayotte.", None).departement == "976"
    assert resolver.vague("Une tonne de cocaïne saisie au large de la Martinique.", None).precision == 3
    assert resolver.vague("40 kg de cannabis destinés à La Réunion.", None) is None  # a destination
    # the article names a commune of the département: the commune says more
    text = "Saisie en Martinique. Les policiers ont suivi un bateau jusqu'à la plage du Vauclin, au Vauclin."
    assert ArticlePlaces.read(plain.gaz, "", text).vague("Saisie en Martinique.", None) is None


def test_at_the_height_of_a_town_is_near_it_and_research_units_are_no_places(plain):
    assert where(plain, "", "Les gendarmes ont intercepté une voiture à hauteur de Gaillon.") == [(None, "27", 2)]
    text = "La section de recherches de Reims a interpellé deux hommes à Troyes."
    assert where(plain, "", text) == [("10387", "10", 1)]
    assert choice(plain, "", text, "Reims").origin


# ---------------------------------------------------------------------------------------- the article-level gate
def test_a_round_up_gives_no_event_but_a_dated_fact_inside_it_does(plain):
    title = "Rennes : le bilan annuel de la lutte contre les stupéfiants"
    text = (
        "Les policiers ont saisi 300 kilos de résine de cannabis en 2023 à Rennes, selon le préfet.\n\n"
        "Le 12 mars, 4 kilos de cocaïne avaient été découverts dans une cave du Blosne."
    )
    assert places(plain, title, text) == [("seizure", "35238", "35", 1)]
    assert plain.extract(Article("t", DAY, title, text))[0].date_start == date(2024, 3, 12)


# -------------------------------------------------------------------------------------------------------- values
def test_values():
    assert quantities.casualties("Pas de victime ni de blessé.") == (0, 0)
    assert quantities.casualties("Les tirs n'ont fait ni mort ni blessé") == (0, 0)
    assert quantities.casualties("Cinq blessés, dont un est décédé à l'hôpital") == (1, 4)
    assert quantities.drugs("les douaniers ont saisi 1 kg 5 de cocaïne") == [
        {"substance": "cocaine", "quantity": 1.5, "unit": "kg"}
    ]
    assert quantities.drugs("un tiers de tonne de résine de cannabis")[0]["quantity"] == pytest.approx(333.33, 0.01)


# ----------------------------------------------------------------------------------- extraction without a warehouse
def test_extraction_needs_only_the_reference_files(tmp_path, nlp):
    extractor = load_extractor(warehouse_path=tmp_path / "none.duckdb", reference=COG, nlp=nlp)
    assert places(extractor, "", "Mardi, un point de deal a été démantelé à Bressuire.") == [
        ("dealing_point", "79049", "79", 1)
    ]
    with pytest.raises(VigieError, match="no commune reference.*vigie fetch"):
        load_extractor(warehouse_path=tmp_path / "none.duckdb", reference=tmp_path, nlp=nlp)
    # `vigie fetch --from ../shared/data` keeps the folders it copies: the reference is found below, with a QPV list
    shutil.copytree(COG, tmp_path / "downloads" / "geo" / COG.name)
    shutil.copy(QPV / "liste_qp2024_extrait.csv", tmp_path / "downloads" / "qpv.csv")
    extractor = load_extractor(warehouse_path=tmp_path / "none.duckdb", reference=tmp_path / "downloads", nlp=nlp)
    assert extractor.gaz.district_of("Argentine", ("60057",)) == "60057"


def test_an_agency_line_a_court_and_a_hospital_are_not_places(plain):
    text = (
        "Paris, France | AFP | jeudi 14/03/2024 - Lundi soir, au Robert, en Martinique, un jeune homme a été blessé "
        "par balle sur fond de trafic de drogue. Il a été transporté au CHU de Fort-de-France."
    )
    assert places(plain, "", text) == [("shooting", "97222", "972", 1)]


def test_persons_of_an_operation_already_told_are_its_count_not_a_new_arrest(plain):
    text = (
        "Mardi, les douaniers ont saisi 46 kilos de cocaïne dans une voiture au Lamentin, en Martinique.\n\n"
        "Le conducteur a été interpellé puis déféré mercredi au parquet de Fort-de-France."
    )
    events = plain.extract(Article("t", DAY, "", text))
    assert [(e.type, e.commune, e.count) for e in events] == [("seizure", "97213", 1)]


def test_week_parts_and_this_week():
    from vigie.press import dates

    ref = date(2021, 8, 31)  # a Tuesday
    assert dates.resolve("en fin de semaine dernière", ref) == (date(2021, 8, 27), date(2021, 8, 29))
    assert dates.resolve("en début de semaine dernière", ref) == (date(2021, 8, 23), date(2021, 8, 25))
    assert dates.resolve("cette semaine, quatre personnes", ref) == (date(2021, 8, 30), ref)
    # this week's parts: its Monday to the day; its end, from a Tuesday, is the last week's
    assert dates.resolve("en début de semaine, le RAID a arrêté", ref) == (date(2021, 8, 30), ref)
    assert dates.resolve("en fin de semaine, deux hommes", ref) == (date(2021, 8, 27), date(2021, 8, 29))
    friday = date(2021, 9, 3)
    assert dates.resolve("en début de semaine", friday) == (date(2021, 8, 30), date(2021, 9, 1))
    assert dates.resolve("en fin de semaine", friday) == (friday, friday)
    assert dates.resolve("en début de semaine prochaine", ref) != (date(2021, 8, 30), ref)
    assert dates.resolve("les 28 et 29 mai derniers", ref) == (date(2021, 5, 28), date(2021, 5, 29))
    assert dates.resolve("du 12 au 14 juin", ref) == (date(2021, 6, 12), date(2021, 6, 14))
    assert dates.resolve("au début du mois de juin", ref) == (date(2021, 6, 1), date(2021, 6, 10))


def test_a_town_by_town_list_of_shootings_gives_one_per_town_and_date(plain):
    text = (
        "Trafic de drogue : en deux mois, Montélimar (deux blessés le 3 mars) et Orange (deux morts le 20 mars et le "
        "2 avril) ont connu des fusillades."
    )
    events = plain.extract(Article("t", DAY, "", text))
    assert [(e.commune, e.date_start, e.killed, e.injured) for e in events] == [
        ("26198", date(2024, 3, 3), None, 2),
        ("84087", date(2024, 3, 20), 1, None),
        ("84087", date(2024, 4, 2), 1, None),
    ]


def test_a_street_named_after_a_town_and_persons_already_told_of(plain):
    text = (
        "Jeudi soir, un homme a été blessé par balle avenue de Rodez, à Albi, sur fond de trafic de drogue.\n\n"
        "Vendredi, les policiers ont interpellé deux hommes et une femme à Albi et saisi 4 kilos de résine. Selon le "
        "parquet, la femme interpellée résiderait à Castres."
    )
    events = plain.extract(Article("t", DAY, "", text))
    assert [(e.type, e.commune, e.count) for e in events] == [("shooting", "81004", None), ("seizure", "81004", 3)]


def test_the_same_seizure_told_roughly_then_exactly_is_one_with_the_exact_amount(plain):
    text = (
        "Plus de 300 kilos de résine ont été saisis mardi à Saint-Nazaire.\n\nAu total, 380 kilos de résine de "
        "cannabis ont été saisis mardi dans un entrepôt du port de Saint-Nazaire, selon le parquet."
    )
    events = plain.extract(Article("t", DAY, "", text))
    assert [(e.type, e.commune, e.drugs) for e in events] == [
        ("seizure", "44184", [{"substance": "cannabis", "quantity": 380.0, "unit": "kg"}])
    ]


def test_the_headline_s_towns_a_town_near_it_and_the_town_of_a_district_s_sentence(plain):
    """The classes the scored resolver lost on fixtures 129, 131, 194, 218, 239, 378 and the dev set's 004."""
    # every town a headline opens with is a main town: Agen is no district of Tarbes
    text = "Vendredi, à Agen, 2 kilos de cocaïne ont été découverts dans une cave."
    assert where(plain, "Tarbes et Agen : tirs et saisie", text) == [("47001", "47", 1)]
    # a town of 10,000 people near the headline's town (Montélimar, 68 km from Avignon) is itself
    text = "Deux hommes ont été interpellés mardi à leur domicile de Montélimar."
    assert where(plain, "Avignon : une saisie", text) == [("26198", "26", 1)]
    # a district named without its town is of the town its sentence names before it, not of the headline's
    text = "Mardi, à Cluses, les gendarmes ont démantelé un point de deal du quartier des Ewües."
    assert ArticlePlaces.read(plain.gaz, "Haute-Savoie : saisie à Annecy", text).districts == {"ewues": "74081"}
    # a town after "à" after a district in one clause is a place too
    text = "Soupçonnés d'avoir tiré dans le quartier des Couronneries, à Poitiers, ils ont été arrêtés à Châtellerault."
    assert [code for code, _, _ in where(plain, "Vienne : deux interpellations", text)] == ["86194", "86066"]
    # a name followed by the wider area it is part of is no district of the headline's town
    chosen = choice(plain, "Saint-Denis : coup de filet", "Le zamal était cultivé dans les Hauts de l'île.", "Hauts")
    assert chosen.place is None


def test_an_event_told_at_a_district_and_at_its_town_without_a_date_of_its_own_is_one():
    from vigie.press import counting
    from vigie.press.schema import Event

    town = Event("shooting", "30032", "30", "Beaucaire", 1, None, DAY)
    district = Event("shooting", "30032", "30", "Moulinelle", 1, date(2024, 4, 26), date(2024, 4, 26))
    district.district = True
    assert counting.same(town, district)
    town.date_start, town.date_end = date(2024, 4, 1), date(2024, 4, 1)  # a date of its own, another day: two
    assert not counting.same(town, district)
    town.date_start, town.date_end = None, DAY
    town.killed, district.injured = 2, 1  # victims of another kind: two
    assert not counting.same(town, district)


# ------------------------------------------------------------- session 6: airports, short names, villages, districts
def test_term_short_name_a_town_by_its_first_words_only_where_the_article_is(plain):
    # "Brive" is Brive-la-Gaillarde in an article about the Corrèze; "La Seyne" La Seyne-sur-Mer near Toulon
    assert where(plain, "Corrèze : un point de deal démantelé", "Mardi, à Brive, trois vendeurs interpellés.") == [
        ("19031", "19", 1)
    ]
    chosen = choice(plain, "", "Le tribunal de Toulon a jugé un dealer de la cité Berthe à La Seyne.", "Seyne")
    assert chosen.place.code == "83126" and chosen.place.why.kind == "commune (short name)"
    # with nothing of the article around it, the first word of a bigger town's name says no town (far_short_name)
    chosen = choice(plain, "", "Mardi, trois vendeurs ont été interpellés à Villeneuve.", "Villeneuve")
    assert all(c.veto == "far_short_name" for c in chosen.candidates if c.kind == "commune (short name)")


def test_a_departement_s_name_is_not_its_homonymous_commune_unless_after_a(plain):
    # "Doubs : …" and "en Corrèze" are the départements (the communes Doubs and Corrèze are small villages there)
    resolver = ArticlePlaces.read(plain.gaz, "Doubs : un adolescent tué par balle", "Mardi soir, à Montbéliard.")
    assert resolver.anchor is None and "25204" not in resolver.towns
    assert where(plain, "", "Des interpellations ont eu lieu en Corrèze et à Tulle.") == [("19272", "19", 1)]
    assert where(plain, "", "Trois kilos de cocaïne saisis à Mayenne.") == [("53147", "53", 1)]


def test_a_departement_s_name_inside_a_commune_s_name_is_not_named(plain):
    # "Saint-Martin-d'Hères" names no Saint-Martin (978), "Nogent-sur-Marne" no Marne (it is in the Val-de-Marne);
    # "Saint-Arnoult-en-Yvelines" and "Bar-sur-Aube" lie in the département they carry, which stays named
    named = plain.gaz.departements_in
    assert named("Saint-Martin-d'Hères : coups de feu près d'un point de deal") == []
    assert named("Une saisie à Nogent-sur-Marne et à Marne-la-Vallée") == []
    assert named("Contrôle routier à Villeneuve-sur-Lot") == []
    assert named("Go fast intercepté à St-Arnoult-en-Yvelines") == ["78"]
    assert named("Bar-sur-Aube") == ["10"] and named("à Saint-Martin, un homme blessé") == ["978"]
    assert named("le Nord-Pas-de-Calais et la Seine-Saint-Denis") == ["59", "62", "93"]
    # so a town with homonyms across France is read in its own département, not vetoed as far from Saint-Martin
    text = "Un homme de 30 ans a été blessé par balle dimanche matin devant son immeuble, près d'un point de deal."
    assert places(plain, "Saint-Martin-des-Champs : un homme blessé par balle", text) == [
        ("shooting", "29254", "29", 1)
    ]


def test_an_airport_or_a_port_is_in_the_commune_it_lies_in(plain):
    # rules/sites.toml: Félix-Éboué "de Cayenne" is in Matoury, Pôle Caraïbes in Les Abymes, the port of Jarry in
    # Baie-Mahault; an airport the table does not know is its town's ("l'aéroport d'Orly")
    text = "Un couple a été interpellé mercredi à l'aéroport Félix-Éboué de Cayenne avec 40 kilos de cocaïne."
    assert places(plain, "", text) == [("seizure", "97307", "973", 1)]
    assert where(plain, "", "Une mule arrêtée à l'aéroport de Cayenne.") == [("97307", "973", 1)]
    assert where(plain, "", "Au port de Jarry, 40 kilos d'herbe découverts.") == [("97103", "971", 1)]
    assert where(plain, "", "Deux passeurs arrêtés à l'aéroport d'Orly.") == [("94054", "94", 1)]
    # a bare "l'aéroport": of the article's overseas département, here the Guyane, and never its main place
    text = "Les douanes de Guyane ont saisi 15 kilos le 18 janvier à l'aéroport."
    assert where(plain, "Guyane : les saisies de cocaïne", text) == [("97307", "973", 1)]
    resolver = ArticlePlaces.read(plain.gaz, "Guyane : les saisies de cocaïne", text)
    assert resolver.main_place("Guyane : les saisies de cocaïne", text) is None


def test_a_village_or_a_section_is_its_commune(plain):
    # Mayotte's communes are made of villages: M'tsapéré and Passamainty are in Mamoudzou, Majicavo in Koungou
    assert where(plain, "", "Deux points de vente démantelés à M'tsapéré.") == [("97611", "976", 1)]
    assert where(plain, "Mayotte : caillassage", "Des gendarmes caillassés à Majicavo.", "à Majicavo") == [
        ("97610", "976", 1)
    ]


def test_a_name_unknown_to_the_gazetteer_is_a_district_of_the_town_its_paragraph_named(plain):
    # no headline town: "Beaubreuil" is of Limoges, named before it in its paragraph, not of Tulle, named last
    text = (
        "À Limoges, quatre hommes ont été interpellés. Dans la foulée, le point de deal de Beaubreuil a été "
        "démantelé. À Tulle, un fusil a été saisi.\n\nEn mars, un guetteur avait été blessé par balle à Beaubreuil."
    )
    chosen = choice(plain, "Limousin : un réseau démantelé", text, "Beaubreuil")
    resolver = ArticlePlaces.read(plain.gaz, "Limousin : un réseau démantelé", text)
    assert resolver.places("un guetteur blessé à Beaubreuil")[0].code == "87085"
    assert chosen.place is None or chosen.place.code == "87085"
    # "dans l'Ouest guyanais" is part of a territory, no district of anything
    assert (
        where(plain, "", "À Cayenne, un blessé. Dans l'Ouest guyanais, un point de deal démantelé.", "Dans l'Ouest")
        == []
    )


def test_a_street_of_a_town_a_district_in_apposition_and_an_origin_with_its_districts(plain):
    # "une rue d'Audincourt" is a street in Audincourt ("rue de Chabeuil" is a street named after a town)
    assert where(plain, "", "Des tirs dans une rue d'Audincourt, commune voisine de Montbéliard.")[0] == (
        "25031",
        "25",
        1,
    )
    # "le quartier des Chardonnerettes, un point de deal historique de Sarcelles": the district's town is Sarcelles
    text = (
        "Lundi, les enquêteurs ont investi le quartier des Chardonnerettes, un point de deal historique de Sarcelles. "
        "À Argenteuil, trois kilos ont été saisis mardi.\n\nLe point de deal des Chardonnerettes a été fermé."
    )
    assert where(plain, "Val-d'Oise : deux opérations", text, "le point de deal des Chardonnerettes") == [
        ("95585", "95", 1)
    ]
    # "venue de Nantes, des quartiers de Bellevue et des Dervallières": one origin, not the place it settled in
    text = "Une équipe venue de Nantes, des quartiers de Bellevue et des Dervallières, s'est implantée à Saint-Nazaire."
    assert where(plain, "", text) == [("44184", "44", 1)]


def test_a_bad_sites_file_is_refused_with_its_name_and_entry(tmp_path):
    from vigie.press.places import load_sites

    bad = tmp_path / "sites.toml"
    for content, message in [
        (
            '[[site]]\nnames = ["X"]\ntown = ""\ncommune = "97307"\nkind = "airport"\ncolour = "red"\n',
            r"sites\.toml, site 1: unknown field\(s\) colour",
        ),
        (
            '[[village]]\nnames = ["X"]\ncommune = "Matoury"\n',
            r"sites\.toml, village 1: commune 'Matoury' is not an INSEE code",
        ),
        (
            '[[area]]\nnames = ["Boulonnais"]\ndepartement = "Pas-de-Calais"\n',
            r"area 1: departement 'Pas-de-Calais' is not a département code",
        ),
        ('[[site]]\nnames = ["X"]\ntown = ""\ncommune = "97307"\nkind = "heliport"\n', r"site 1: kind 'heliport'"),
    ]:
        bad.write_text(content)
        with pytest.raises(VigieError, match=message):
            load_sites(bad)


def test_an_area_around_a_town_or_a_pays_is_precision_3_in_its_departement(plain):
    # "l'agglomération de Grenoble", "la banlieue de Calais", "l'agglomération grenobloise": several communes
    assert where(plain, "", "Des tirs ont eu lieu mardi dans l'agglomération de Grenoble.") == [(None, "38", 3)]
    assert where(plain, "", "Trois points de deal dans l'agglomération grenobloise.") == [(None, "38", 3)]
    # a town and the communes around it (geography.AROUND_AFTER), "à" repeated or not
    for around in ("et aux alentours", "et dans ses environs", "et à ses alentours", "et sa périphérie"):
        assert where(plain, "", f"Trois kilos de résine saisis mardi à Vesoul {around}.") == [(None, "70", 3)]
    # communes around it, counted or not, not its own: "et dans des communes avoisinantes", "et deux communes proches"
    for around in (
        "et dans des communes avoisinantes",
        "et dans plusieurs communes voisines",
        "et deux communes proches",
    ):
        assert where(plain, "", f"Trois kilos de résine saisis mardi à Vesoul {around}.") == [(None, "70", 3)]
    # its own surroundings with no locative of their own: the town itself
    for around in ("et ses communes voisines", "et ses environs", "et ses alentours"):
        assert where(plain, "", f"Trois kilos de résine saisis mardi à Vesoul {around}.") == [("70550", "70", 1)]
    # a commune named in the same clause says more
    assert where(plain, "", "Des interpellations à Échirolles, dans l'agglomération de Grenoble.") == [
        ("38151", "38", 1)
    ]
    # a pays (rules/sites.toml [[area]]): in a clause, and as the article's main place when named before any town
    resolver = ArticlePlaces.read(plain.gaz, "", "Un trafic démantelé dans le Boulonnais.")
    assert (
        resolver.vague("un trafic démantelé dans le Boulonnais", None).departement,
        resolver.pays("au Pays basque").departement,
    ) == ("62", "64")
    text = (
        "Un trafic a été démantelé mardi dans le Boulonnais : 2 kilos de cocaïne ont été saisis à Calais et ailleurs."
    )
    assert resolver.main_place("", text).text == "dans le Boulonnais"


def test_traffickers_who_come_straight_from_a_city_name_no_place(plain):
    text = "Certains revendeurs viennent tout droit de Marseille, selon la mairie."
    assert where(plain, "", text) == []


def test_three_communes_after_one_a_are_one_operation_and_a_town_named_like_a_departement_keeps_its_own(plain):
    text = "Six suspects ont été arrêtés à Porto-Vecchio, Bastia et Ajaccio."
    assert where(plain, "Corse : un réseau démantelé", text) == [(None, None, 3)]  # two départements: none
    assert where(plain, "", "Des perquisitions à Nîmes, Arles et Avignon.") == [(None, None, 3)]
    assert where(plain, "", "Des perquisitions à Alès, Uzès et Bagnols-sur-Cèze.") == [(None, "30", 3)]
    # homes are no operation, and "à X et à Y" are two places
    assert where(plain, "", "Trois hommes domiciliés à Nîmes, Arles et Avignon ont été interpellés à Tarascon.") == [
        ("13108", "13", 1)
    ]
    assert where(plain, "", "Des tirs à Nîmes et à Avignon.") == [("30189", "30", 1), ("84007", "84", 1)]
    # "à hauteur de Vienne" in an article about Vienne (Isère) is in the Isère, not in the Vienne
    resolver = ArticlePlaces.read(plain.gaz, "Vienne (Isère) : des tirs", "Des tirs à Estressin, à Vienne.")
    assert resolver.vague("saisis sur l'A7, à hauteur de Vienne", None).departement == "38"


def test_a_town_named_like_a_departement_near_a_main_town_is_that_town(plain):
    # "à Vienne" in an article about Lyon is Vienne (Isère), 30 km away, though the Isère is not named
    assert where(
        plain, "Lyon : un réseau démantelé", "Des perquisitions à Lyon.", "Deux hommes interpellés à Vienne."
    ) == [("38544", "38", 1)]


def test_a_lieu_dit_or_a_hamlet_unknown_to_the_gazetteer_is_part_of_the_article_s_town(plain):
    title, text = "Quimper : une plantation découverte", "Les gendarmes ont découvert une plantation."
    assert where(plain, title, text, "200 pieds découverts au lieu-dit Kerlannic.") == [("29232", "29", 1)]
    assert where(plain, title, text, "Des tirs au hameau de Kerlannic.") == [("29232", "29", 1)]
    # with no headline town: the town its paragraph named before it
    text = "À Quimper, les gendarmes ont découvert une plantation au lieu-dit Kerlannic."
    assert where(plain, "Une plantation découverte", text, "Des tirs au lieu-dit Kerlannic.") == [("29232", "29", 1)]


def test_a_departement_is_a_capitalised_name_read_once_the_longest_first(plain):
    # "Haute-Marne" is not also the Marne, "le sens nord-sud" is not the Nord, "Côtes-d’Armor" with its apostrophe
    gaz = plain.gaz
    assert gaz.departements_in("sur l'autoroute A31 en Haute-Marne, dans le sens nord-sud") == ["52"]
    assert gaz.departements_in("en Seine-et-Marne puis en Haute-Savoie") == ["77", "74"]
    assert gaz.departements_in("dans les Côtes-d’Armor et dans la Marne") == ["22", "51"]


def test_a_road_tied_to_no_town_is_its_departement_precision_3(plain):
    # fixture 530: "sur l'autoroute A41 en Haute-Savoie" only says the département; "à la hauteur de" a site or a
    # town is a locality near it (geo_precision 2), in the département its clause names
    lead = "Un automobiliste a été interpellé sur l'autoroute A41 en Haute-Savoie."
    resolver = ArticlePlaces.read(plain.gaz, "", lead)
    road = resolver.vague(lead, None)
    assert (road.departement, road.precision, road.text) == ("74", 3, "l'autoroute A41 en Haute-Savoie")
    road = resolver.vague("Deux passeurs interpellés dans l'Ain sur l’A 40, à la hauteur du tunnel du Grand Crêt", None)
    assert (road.departement, road.precision) == ("01", 2)
    assert where(plain, "", "Les gendarmes ont intercepté une voiture sur l'A13, à hauteur de Gaillon.") == [
        (None, "27", 2)
    ]


def test_where_a_network_works_and_where_persons_flee_to_are_no_places(plain):
    # fixture 531: "un réseau opérant dans le département" is its area, not the place of the operation
    resolver = ArticlePlaces.read(plain.gaz, "Un réseau démantelé à Vesoul", "La police de la Haute-Saône a agi.")
    assert resolver.vague("un réseau de revendeurs opérant dans le département", None) is None
    assert resolver.vague("dix interpellations dans le département", None).precision == 3
    # "alors qu'ils tentaient de rejoindre la Suisse": an arrest in France, not abroad
    text = "Mardi, deux passeurs de cocaïne ont été interpellés dans l'Ain alors qu'ils voulaient rejoindre la Suisse."
    events = plain.extract(Article("t", DAY, "", text))
    assert [(e.type, e.departement, e.count) for e in events] == [("arrest", "01", 2)]


def test_the_officers_town_is_where_they_act_unless_the_clause_names_another_place(plain):
    # fixture 532: "les policiers de Compiègne ont intercepté au péage de Chamant": Chamant; "les gendarmes de Noyon
    # ont démantelé un point de deal": Noyon
    text = "Mardi, les policiers de Compiègne ont intercepté au péage de Chamant une voiture avec 60 kilos de résine."
    assert where(plain, "Oise : 60 kilos de résine saisis", text) == [("60138", "60", 1)]
    text = "Le 18 avril, les gendarmes de Noyon ont démantelé un point de deal installé près de la gare."
    assert where(plain, "", text) == [("60471", "60", 1)]
    assert choice(plain, "", text, "Noyon").why == "officers' town"


def test_communes_listed_after_sur_les_communes_de_and_islands_abroad(plain):
    # fixture 533: "sur les communes du Robert, du François et de Sainte-Luce" is one operation across three communes
    text = "Six personnes interpellées sur les communes du Robert, du François et de Sainte-Luce."
    assert where(plain, "", text) == [(None, "972", 3)]
    # "l'île Maurice", "Sainte-Lucie" are islands abroad, no village of La Réunion or of Martinique
    text = "Trois hommes s'apprêtaient à prendre la mer à Sainte-Marie (La Réunion) pour Maurice avec du zamal."
    assert [p.code for p in ArticlePlaces.read(plain.gaz, "", text).places(text)] == ["97418"]
    assert choice(plain, "", "Un voilier parti de Sainte-Lucie a été contrôlé au Marin.", "Sainte-Lucie").place is None


def test_a_capital_a_without_its_accent_a_saint_short_name_and_the_police_aux_frontieres(plain):
    # fixture 536: "A Saint-Laurent, la Police aux Frontières a découvert … dans une pirogue venant du Suriname" is
    # Saint-Laurent-du-Maroni (a town of 10,000 people or more by its first words, where the article is), not a
    # village called Saint-Laurent, nor a district "Frontières", nor an event abroad
    title = "Guyane : du cannabis dans une pirogue"
    text = "A Saint-Laurent, la Police aux Frontières a découvert mardi 45 kilos de cannabis dans une pirogue."
    assert where(plain, title, text) == [("97311", "973", 1)]
    assert choice(plain, title, text, "Frontières").place is None
    events = plain.extract(Article("t", DAY, title, text.replace("pirogue.", "pirogue venant du Suriname.")))
    assert [(e.type, e.commune) for e in events] == [("seizure", "97311")]


def test_a_district_said_once_with_its_town_is_of_that_town_when_named_alone_later(plain):
    """ "les Hautes-Chaumes à Navenne" in a list of sectors, later "le quartier des Hautes Chaumes" alone: Navenne, not
    the headline's town (the town of the police who speak); hyphens and spaces alike (fixture 570)."""
    text = (
        "Le Pré-Vertaut à Vesoul, les Hautes-Chaumes à Navenne, le Clos-Moreau à Frotey-lès-Vesoul : trois secteurs "
        "étaient visés. Mercredi, dans un bar du quartier des Hautes Chaumes, les policiers ont découvert 40 grammes "
        "de résine de cannabis."
    )
    resolver = ArticlePlaces.read(plain.gaz, "Vesoul : opération de police", text)
    assert resolver.districts["hautes chaumes"] == "70378"
    # the town its sentence names before it still comes first; and a name said with two towns says none of them
    twice = text.replace("le Clos-Moreau à Frotey", "les Hautes-Chaumes à Frotey")
    assert ArticlePlaces.read(plain.gaz, "Vesoul : opération de police", twice).districts["hautes chaumes"] == "70550"


def test_an_institution_written_with_a_typographic_apostrophe_is_no_place(plain):
    """ "le parquet d’Angers" (U+2019, as real articles write it) is an institution like "le parquet d'Angers"."""
    for apostrophe in ("'", "’"):
        text = f"Interrogé, le parquet d{apostrophe}Angers n{apostrophe}a rien dit. La drogue était à Avrillé."
        assert choice(plain, "Saisie", text, "Angers").origin
        assert where(plain, "Saisie", text) == [("49015", "49", 1)]
    # a commissioner's post is no place either: "le commissaire de police à Montbéliard a détaillé les interpellations"
    text = "Le commissaire de police à Montbéliard a détaillé les interpellations faites à Audincourt."
    assert choice(plain, "Bilan", text, "Montbéliard").origin
    assert where(plain, "Bilan", text) == [("25031", "25", 1)]


def test_a_commune_said_near_the_town_of_the_headline_is_the_place(plain):
    """ "saisis près d'Orléans" in the headline, "à Saran, une commune voisine d'Orléans" in the text: Saran, for the
    headline and for "aux portes d'Orléans" (fixture 571); without such a sentence, a place near Orléans."""
    title = "Douze kilos de cannabis saisis près d’Orléans"
    text = "Les gendarmes ont fouillé un pavillon, aux portes d’Orléans. Mardi à Saran, une commune voisine d’Orléans."
    assert where(plain, title, text, title) == [("45302", "45", 1)]
    assert where(plain, title, text, "Un pavillon, aux portes d’Orléans.") == [("45302", "45", 1)]
    alone = "Les gendarmes ont fouillé un pavillon, aux portes d’Orléans."
    assert where(plain, title, alone, title) == [(None, "45", 2)]
    assert where(plain, title, alone) == [(None, "45", 2)]

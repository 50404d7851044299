"""Police operations as events (press/operations.py, rules/operations.toml, the seizure/arrest trigger rules): which
arrests are a seizure's, which seizures are a year's tally or a trend, arrests told commune by commune, a place where
a person lives, what names goods, and the wordings of seizures and arrests of real articles (fixtures 400–409 tell
them in full)."""

import re
from datetime import date

import pytest

from vigie.errors import VigieError
from vigie.press import dates, operations, quantities
from vigie.press.extract import NOT_TRIGGERS, SEIZED, _clauses, plain
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp
from vigie.press.places import Place
from vigie.press.schema import Event


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


def seizure(start, end=None, commune="34003", own=True, **values):
    event = Event("seizure", commune, commune[:2], "Agde", 1, start, end or start, **values)
    event.own_date = own
    return event


def arrest(start, end=None, commune="34003", own=True, count=None):
    event = Event("arrest", commune, commune[:2], "Agde", 1, start, end or start, count=count)
    event.own_date = own
    return event


# which arrests are a seizure's ---------------------------------------------------------------------------------
def test_an_arrest_of_the_seizure_s_dates_and_commune_is_its_count():
    kept = operations.fold_arrests([seizure(date(2024, 3, 6)), arrest(date(2024, 3, 6), count=4)])
    assert [e.type for e in kept] == ["seizure"] and kept[0].count == 4


def test_an_arrest_dated_by_a_later_step_is_still_the_operation_s():
    # "saisi mercredi … interpellés, puis présentés dimanche à un juge": the arrest's mention has no date of its own
    kept = operations.fold_arrests([seizure(date(2024, 10, 9)), arrest(date(2024, 10, 13), own=False, count=3)])
    assert [e.type for e in kept] == ["seizure"] and kept[0].count == 3


def test_two_operations_each_on_a_date_of_its_own_stay_apart():
    # "Le 2 décembre, quatre vendeurs interpellés" and "vendredi dernier, 25 grammes saisis": two operations
    events = [seizure(date(2023, 12, 8)), arrest(date(2023, 12, 2), count=4)]
    assert [e.type for e in operations.fold_arrests(events)] == ["seizure", "arrest"]
    far = [seizure(date(2024, 1, 2)), arrest(date(2024, 1, 20), own=False)]
    assert [e.type for e in operations.fold_arrests(far)] == ["seizure", "arrest"]


def test_an_arrest_in_another_commune_is_its_own_event():
    events = [seizure(date(2024, 3, 6)), arrest(date(2024, 3, 6), commune="34301", count=2)]
    assert [e.type for e in operations.fold_arrests(events)] == ["seizure", "arrest"]


# tallies and trends ------------------------------------------------------------------------------------------
def test_a_year_s_total_or_record_is_no_operation(ling):
    year = seizure(
        date(2023, 1, 1), date(2023, 12, 31), drugs=[{"substance": "cannabis", "quantity": 96, "unit": "kg"}]
    )
    year.evidence = "En 2023, les gendarmes ont saisi au total 96 kilos de cannabis, un record pour le département."
    # dated to a day by the announcement, but the sentence names the year
    told = seizure(date(2024, 1, 26), drugs=[{"substance": "cannabis", "quantity": 96, "unit": "kg"}])
    told.evidence = "En 2023, le total des saisies atteint 96 kilos de cannabis, selon le bilan présenté vendredi."
    day = seizure(date(2024, 1, 30), drugs=[{"substance": "cannabis", "quantity": 3, "unit": "kg"}])
    day.evidence = "Au total, 3 kilos d'herbe ont été saisis mardi dans le coffre d'une voiture."
    assert operations.tally(year, ling.lemmas(year.evidence)) == "tally.total_of_a_year"
    assert operations.tally(told, ling.lemmas(told.evidence)) == "tally.total_of_a_year"
    assert operations.without_tallies([year, told, day], ling.lemmas) == [day]


def test_persons_arrested_by_the_dozen_are_a_tally(ling):
    # a season's figures for a town: no operation arrests that many
    season = Event("arrest", count=142, evidence="L'été dernier, la police a procédé à 142 interpellations en ville.")
    # one operation, its persons a handful: an event
    day = Event("arrest", count=6, evidence="Mardi, six hommes ont été interpellés dans le quartier de la gare.")
    assert operations.tally(season, ling.lemmas(season.evidence)) == "tally.persons_by_the_dozen"
    assert operations.tally(day, ling.lemmas(day.evidence)) is None
    assert operations.without_tallies([season, day], ling.lemmas) == [day]


def test_a_trend_is_no_operation_unless_it_tells_an_amount(ling):
    trend = seizure(None, date(2024, 7, 25))
    trend.evidence = "Des saisies importantes de drogue se sont multipliées ces derniers mois sur l'île."
    one = seizure(date(2024, 7, 23), drugs=[{"substance": "cannabis", "quantity": 3, "unit": "kg"}])
    one.evidence = "Les saisies se multiplient : mardi, 3 kilos de résine ont été saisis à Agde."
    assert operations.without_tallies([trend, one], ling.lemmas) == [one]


# places of arrests -------------------------------------------------------------------------------------------
def places_in(text, *names):
    return [Place(f"0000{i}", "00", name, text.index(name)) for i, name in enumerate(names)]


def test_arrests_told_commune_by_commune_with_their_persons():
    text = "à l'interpellation de quatre hommes à Fougères et de deux autres à Vitré, soupçonnés de trafic"
    found = operations.arrests_by_place(text, places_in(text, "Fougères", "Vitré"))
    assert [(p.text, n) for p, n in found] == [("Fougères", 4), ("Vitré", 2)]


def test_arrests_counted_in_a_commune_and_a_departement_or_by_a_bare_number():
    # "deux autres en Vendée": a département counted apart is a place of its own, of geo_precision 3
    text = "deux autres individus étaient interpellés en Vendée et un autre à Vannes dans le cadre de cette affaire"
    found = operations.arrests_by_place(text, places_in(text, "Vannes"), lambda t: ["85"] if "Vendée" in t else [])
    assert [(p.code, p.departement, p.precision, n) for p, n in found] == [(None, "85", 3, 2), ("00000", "00", 1, 1)]
    # "une à Fougères, deux à Vitré": the number right before the place's preposition; a year is no count
    bare = "une série de trois interpellations : une à Fougères, deux à Vitré, selon le parquet"
    assert [n for _, n in operations.arrests_by_place(bare, places_in(bare, "Fougères", "Vitré"))] == [1, 2]
    year = "interpellé en 2021 à Fougères puis en 2022 à Vitré"
    assert operations.arrests_by_place(year, places_in(year, "Fougères", "Vitré")) == []


def test_arrests_listed_in_communes_with_no_count_are_one_arrest_each(ling):
    text = "à l'interpellation de six hommes dans deux appartements situés à Fougères et à La Guerche-de-Bretagne"
    places = places_in(text, "Fougères", "Guerche-de-Bretagne")
    assert [p.text for p in operations.arrests_listed(text, places, ling.lemmas)] == ["Fougères", "Guerche-de-Bretagne"]
    # not where the persons live, nor a town named without a locative, nor the operation's searches
    home = "Quatre hommes domiciliés à Fougères et à Vitré ont été interpellés"
    assert operations.arrests_listed(home, places_in(home, "Fougères", "Vitré"), ling.lemmas) == []
    north = "interpellés à Fougères, au nord de Rennes"
    assert operations.arrests_listed(north, places_in(north, "Fougères", "Rennes"), ling.lemmas) == []
    searched = "Des interpellations et des perquisitions ont été réalisées à Fougères et à Vitré"
    assert operations.arrests_listed(searched, places_in(searched, "Fougères", "Vitré"), ling.lemmas) == []


def test_a_count_of_others_in_another_commune_stays_in_its_arrest_s_clause():
    # "… interpellé trois hommes à Dax et deux autres à Mont-de-Marsan": one clause (its verb), two communes
    one = "les policiers ont interpellé trois hommes à Dax et deux autres à Mont-de-Marsan, soupçonnés de trafic."
    assert _clauses(one) == [one]
    # "… et deux autres ont été touchés mercredi" tells a second event with a verb of its own: two clauses
    assert len(_clauses("Un homme a été blessé mardi et deux autres ont été touchés mercredi.")) == 2


def test_arrests_in_several_communes_with_no_count_of_their_own_are_one_operation():
    text = "Les gendarmes ont procédé à des interpellations à Chabris et à Déols, puis dans le Loir-et-Cher à Gièvres."
    assert operations.arrests_by_place(text, places_in(text, "Chabris", "Déols", "Gièvres")) == []
    one = "Trois hommes ont été interpellés à Vitré."
    assert operations.arrests_by_place(one, places_in(one, "Vitré")) == []


def test_where_a_person_lives_is_not_where_the_arrest_happened(ling):
    text = "Son chauffeur, un homme de 27 ans domicilié à Pau, dans les Pyrénées-Atlantiques, a été interpellé."
    home, area = places_in(text, "Pau", "Pyrénées-Atlantiques")
    assert operations.residence(text, home, ling.lemmas) and operations.residence(text, area, ling.lemmas)
    there = "Trois hommes ont été interpellés à Tarbes samedi."
    assert not operations.residence(there, places_in(there, "Tarbes")[0], ling.lemmas)


# wordings ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,rule",
    [
        ("Dans une chambre, ils trouvent 2,4 kilos de résine.", "seizure.decouvrent"),
        ("Sous le lit, les enquêteurs découvrent une boîte contenant 1 200 euros.", "seizure.decouvrent"),
        ("Les fouilles ont permis de découvrir 800 grammes de cocaïne.", "seizure.permis_de_decouvrir"),
        ("Les fouilles auraient permis de retrouver de la kétamine.", "seizure.permis_de_decouvrir"),
        ("La BRI avait arrêté un chauffeur à Amiens avec 15 kilos de résine.", "seizure.arrete_avec"),
        (
            "Les gendarmes ont contrôlé sur l'autoroute, à hauteur de Vienne, une voiture avec 61 kilos de résine.",
            "seizure.arrete_avec",
        ),
    ],
)
def test_seizures_in_ordinary_wordings(ling, text, rule):
    assert rule in ling.fired("seizure", text)


def test_a_weapon_found_again_is_a_seizure(ling):
    text = "Les suspects circulaient dans une voiture dans laquelle a été retrouvée une arme de type kalachnikov."
    assert "seizure.a_retrouve" in ling.fired("seizure", text)


@pytest.mark.parametrize(
    "text,named",
    [
        ("Il a été découvert dans cette ville très touchée par le trafic de drogues.", False),
        ("Les gendarmes ont fait une découverte importante.", False),  # not the "arme" of "gendarmes"
        ("Des douilles de fusil à pompe et de kalachnikov ont été retrouvées sur place.", False),
        ("Une quinzaine d'étuis de calibre 7.62, compatibles avec une kalachnikov, ont été retrouvés.", False),
        ("Les enquêteurs de la brigade des stupéfiants sont arrivés sur place.", False),
        ("Son corps a été retrouvé dans un squat, ainsi que des produits stupéfiants.", True),
        ("Une voiture dans laquelle a été retrouvée une arme de poing.", True),
        ("Les fouilles ont permis de découvrir 800 grammes de cocaïne.", True),
    ],
)
def test_a_seizure_must_name_goods_not_the_trade_nor_traces_of_shots(text, named):
    assert bool(re.search(SEIZED, operations.goods(text), re.I)) is named


@pytest.mark.parametrize(
    "text",
    [
        "Des villes moyennes se trouvent submergées par la cocaïne.",  # reflexive: 'to be', nothing found
        "Manosque découvre la cocaïne.",  # a headline's figure (singular present)
        "Il a été interpellé avec deux complices.",  # stopped with persons, not goods
        "Ils tentent de découvrir qui approvisionne le réseau.",
    ],
)
def test_what_finds_or_stops_nothing_is_no_seizure(ling, text):
    assert not ling.fired("seizure", text)


@pytest.mark.parametrize(
    "text,denied",
    [
        ("Il interpelle en ces termes le ministre de l'Intérieur :", True),
        ("Les habitants ont interpellé le maire lors du conseil.", True),
        ("La voiture a reçu un impact durant cette tentative d’interpellation.", True),  # typographic apostrophe
        ("Trois hommes ont été interpellés le 3 mai.", False),
        ("Deux revendeurs interpellés lors de la visite du ministre.", False),
    ],
)
def test_calling_on_someone_and_an_attempt_are_no_arrest(text, denied):
    assert bool(re.search(NOT_TRIGGERS, plain(text), re.I)) is denied


def test_the_day_an_operation_is_announced_is_not_its_date():
    ref = date(2024, 3, 11)
    assert dates.resolve("12 kilos ont été saisis, annonce ce samedi 9 mars la préfecture.", ref) is None
    assert dates.resolve("4,8 kilos ont été saisis, informe ce samedi la préfecture.", ref) is None
    assert dates.resolve("Mardi, 3 kilos ont été saisis, a annoncé lundi 4 mars la police.", ref) == (
        date(2024, 3, 5),
        date(2024, 3, 5),
    )


# the rules file ----------------------------------------------------------------------------------------------
def test_the_shipped_operations_rules_load_named():
    loaded = operations.load()
    assert loaded.fold_days >= 0 and {"domicilier", "originaire"} <= loaded.residence
    assert {t.name for t in loaded.tallies} >= {"tally.total_of_a_year", "tally.trend"}
    assert {name for name, _ in loaded.not_goods} >= {"not_goods.the_trade", "not_goods.traces_of_shots"}


GOOD = '[fold]\ndays = 7\n[residence]\nlemmas = ["domicilier"]\n'


@pytest.mark.parametrize(
    "body,message",
    [
        (GOOD + '[[tally]]\nname = "t"\nlemmas = ["total"]\nwhen = "year"\n', "tally 't': unknown field"),
        (GOOD + '[[tally]]\nname = "t"\nlemmas = ["total"]\nprecision = ["decade"]\n', "tally 't': precision"),
        (GOOD + '[[tally]]\nname = "t"\nlemmas = []\n', "tally 't': lemmas"),
        (GOOD + '[[tally]]\nname = "t"\npersons = "many"\n', "tally 't': persons"),
        (GOOD.replace("days = 7", 'days = "a week"'), "[fold]: days"),
        (GOOD + "[gate]\nx = 1\n", "unknown section"),
        (GOOD + '[[not_goods]]\nname = "g"\npattern = "(unclosed"\n', "not_goods 'g': the pattern does not compile"),
        (GOOD + '[[tally]]\nname = "t"\nlemmas = ["total"\n', "not a readable rules file"),
        (GOOD + '[scene]\nrules = ["arrest.interpelle"]\n', "[scene]: rules"),
        (GOOD + '[scene]\nrule = ["seizure.saisi"]\n', "[scene]: unknown field"),
    ],
)
def test_a_bad_operations_file_is_refused_with_its_name(tmp_path, body, message):
    path = tmp_path / "operations.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(VigieError) as refused:
        operations.load(path)
    assert str(path) in str(refused.value) and message in str(refused.value)


# session 7, family P (fixtures 490–509 tell these in full) -----------------------------------------------------
@pytest.mark.parametrize(
    "text,qualifier",
    [
        ("Les policiers n'ont découvert aucune autre arme.", "negation.ne_aucun_objet"),
        ("Les gendarmes n'ont saisi aucun produit stupéfiant.", "negation.ne_aucun_objet"),
        ("La fouille du véhicule n'a permis de découvrir aucune drogue.", "negation.permis_de_rien"),
    ],
)
def test_a_find_denied_by_its_object_is_no_seizure(ling, text, qualifier):
    ling.dropped.clear()
    assert ling.kinds(text) == []
    assert [d.qualifier for d in ling.dropped] == [qualifier]


def test_a_find_restricted_by_ne_que_is_still_a_seizure(ling):
    assert ling.kinds("Les gendarmes n'ont saisi que deux kilos de résine.") == ["seizure"]


def test_an_operation_told_with_gerunds(ling):
    text = (
        "Les policiers ont démantelé un point de vente, interpellant quatre jeunes et saisissant 700 grammes de résine."
    )
    assert ling.fired("seizure", text) == ["seizure.en_saisissant"] and "arrest.interpelle" in ling.fired(
        "arrest", text
    )
    assert quantities.arrested(text) == 4
    # the adjective tells nothing
    assert not ling.fired("seizure", "Le contraste est saisissant entre les deux quartiers.")


def test_goods_listed_next_to_a_seizure_told_as_a_scene(ling):
    scene = [
        "Dans la cuisine, des sachets d'herbe, une balance et une liasse de billets.",
        "Tout le matériel du revendeur a été saisi lundi.",
        "Au total, 320 grammes d'herbe.",
    ]
    around = operations.listed_nearby(scene, 1, ling.triggers, ling.fired("seizure", scene[1]))
    assert around == f"{scene[0]} {scene[2]}" and re.search(SEIZED, operations.goods(around))
    # a neighbour telling its own event lends it no goods: its goods are its own
    told = ["Les policiers ont saisi 3 kilos de résine.", "La saisie a été présentée à la presse."]
    assert operations.listed_nearby(told, 1, ling.triggers, ["seizure.saisie"]) == ""
    # "retrouvé" may be a person found: it takes no goods from its neighbours
    found = ["Un homme a été retrouvé blessé au pied de la tour.", "Le quartier est connu pour son trafic de cannabis."]
    assert operations.listed_nearby(found, 0, ling.triggers, ling.fired("seizure", found[0])) == ""


def test_a_year_s_operations_counted_and_running_counts_are_no_operation(ling):
    counted = seizure(
        date(2023, 1, 1), date(2023, 12, 31), drugs=[{"substance": "cannabis", "quantity": 35, "unit": "kg"}]
    )
    counted.evidence = "En 2022, 285 descentes de police ont été effectuées et 35 kg de drogue saisis."
    running = arrest(date(2024, 1, 1), date(2024, 4, 11), count=38)
    running.evidence = "38 personnes ont été interpellées pour trafic dans l'agglomération depuis le 1er janvier."
    year = arrest(date(2022, 1, 1), date(2022, 12, 31), count=217)
    year.evidence = "Par ailleurs, 217 dealers ont été interpellés sur l'année 2022."
    assert operations.tally(counted, ling.lemmas(counted.evidence)) == "tally.operations_of_a_year"
    assert operations.tally(running, ling.lemmas(running.evidence)) == "tally.since_the_year_began"
    assert operations.tally(year, ling.lemmas(year.evidence)) == "tally.over_the_year"
    # one seizure recalled from a year, one arrest of a day: operations
    recalled = seizure(
        date(2023, 1, 1), date(2023, 12, 31), drugs=[{"substance": "cannabis", "quantity": 12, "unit": "kg"}]
    )
    recalled.evidence = "L'an dernier, 12 kilos d'herbe avaient déjà été saisis dans un garage de Saint-Dié."
    day = arrest(date(2024, 4, 9), count=3)
    day.evidence = (
        "Mardi, trois hommes ont été interpellés à Agde, où ils se cachaient depuis janvier dans une location."
    )
    kept = operations.without_tallies([counted, running, year, recalled, day], ling.lemmas)
    assert kept == [recalled, day]


def test_points_de_deal_counted_since_a_year_are_no_point(ling):
    # a running count or a trend over an area (tally.points_since); points dismantled on a day are an event
    counted = Event("dealing_point", None, "32", "dans le Gers", 3, date(2020, 1, 1), date(2023, 6, 22), count=14)
    counted.evidence = "Selon le commandant, 14 points de deal ont été démantelés dans le Gers depuis 2020."
    trend = Event("dealing_point", None, "32", "dans le Gers", 3, date(2023, 1, 1), date(2023, 6, 22))
    trend.evidence = "Depuis le début de l'année, les opérations contre les points de vente se sont enchaînées."
    day = Event("dealing_point", "32107", "32", "Condom", 1, date(2023, 10, 10), date(2023, 10, 10), count=2)
    day.evidence = "Les gendarmes ont démantelé mardi deux points de deal installés depuis 2021 dans des halls."
    assert operations.tally(counted, ling.lemmas(counted.evidence)) == "tally.points_since"
    assert operations.tally(trend, ling.lemmas(trend.evidence)) == "tally.points_since"
    assert operations.without_tallies([counted, trend, day], ling.lemmas) == [day]


def test_a_seizure_beside_a_year_s_trade_is_still_an_operation(ling):
    told = seizure(
        date(2015, 9, 1), date(2015, 9, 30), drugs=[{"substance": "synthetic", "quantity": 0.25, "unit": "kg"}]
    )
    told.evidence = (
        "Si les gendarmes n'ont saisi que 250 grammes du produit, les investigations permettent d'estimer le trafic à "
        "plusieurs kilos acheminés jusqu'à Mayotte sur l'année 2015."
    )
    assert operations.tally(told, ling.lemmas(told.evidence)) is None


@pytest.mark.parametrize(
    "text,arrested",
    [
        ("Les policiers sont parvenus à interpeller quatre suspects.", True),
        ("Une filature leur a permis d’interpeller trois complices.", True),
        ("Les policiers ne sont pas parvenus à interpeller les suspects.", False),  # denied by the parse
        ("Les policiers tentent d'interpeller les suspects.", False),  # an intent
    ],
)
def test_an_arrest_made_real_by_its_main_verb(ling, text, arrested):
    assert (ling.fired("arrest", text) == ["arrest.parvenu_a_interpeller"]) is arrested


@pytest.mark.parametrize(
    "text,blanked",
    [
        ("40 automobilistes contrôlés, dont un homme arrêté pour vol et placé en garde à vue.", True),
        ("Deux hommes ont été interpellés pour vol et placés en garde à vue.", True),
        ("Deux hommes ont été interpellés pour trafic de stupéfiants.", False),
        ("Trois revendeurs ont été interpellés pour détention de cannabis.", False),
    ],
)
def test_an_arrest_for_another_offence_is_not_the_trade_s(ling, text, blanked):
    left = re.sub(NOT_TRIGGERS, " ", plain(text), flags=re.I)
    assert (ling.kinds(left) == []) is blanked


@pytest.mark.parametrize(
    "text,persons",
    [
        ("Une femme soupçonnée de servir de « nourrice » au réseau a été interpellée à son domicile.", 1),
        ("Ce dernier a été arrêté à Saint-Mihiel dans la foulée.", 1),
        ("Au domicile d'un septième suspect, également interpellé, les policiers ont saisi un fusil à pompe.", 1),
        ("Un couple a été interpellé mercredi à l'aéroport avec 40 kg de cocaïne dans ses valises.", 2),
        ("Un homme soupçonné d'alimenter un point de deal de Cahors (Lot) a été cueilli lundi.", 1),
        ("Ce réseau a été démantelé mardi.", None),
    ],
)
def test_the_persons_of_an_operation_told_one_by_one(text, persons):
    assert quantities.arrested(text) == persons


def test_an_arrest_in_the_press_s_familiar_words(ling):
    assert ling.fired("arrest", "Un cinquième homme a été cueilli le même jour à son domicile.") == ["arrest.cueilli"]
    assert ling.fired("arrest", "Le guetteur est alpagué au pied de la tour.") == ["arrest.cueilli"]
    assert not ling.fired("arrest", "Les policiers ont cueilli le suspect à son domicile.")  # the passive only


@pytest.mark.parametrize(
    "text,named",
    [
        ("Deux camionnettes ayant servi à convoyer la résine ont été saisies.", False),
        ("La voiture ayant servi à transporter la drogue a été saisie chez un garagiste.", False),
        ("Des pochettes destinées au conditionnement de la cocaïne ont été découvertes.", False),
        ("La voiture, qui transportait 6 kilos de résine, a été saisie.", True),
    ],
)
def test_what_served_the_trade_is_no_goods(text, named):
    assert bool(re.search(SEIZED, operations.goods(text), re.I)) is named


def test_a_scene_lists_goods_not_the_trade_s_words(ling):
    # "des faits liés aux stupéfiants" names the trade, no goods: it lends none to the vehicles seized after it
    told = ["Ils étaient connus pour des faits liés aux stupéfiants.", "Leurs deux voitures ont été saisies."]
    assert operations.listed_nearby(told, 1, ling.triggers, ling.fired("seizure", told[1])) == ""


def test_a_custody_told_with_its_persons_between(ling):
    text = "Mardi, la police a placé deux hommes en garde à vue."
    assert ling.fired("arrest", text) == ["arrest.garde_a_vue"] and quantities.arrested(text) == 2
    assert quantities.arrested("Les gendarmes ont placé trois véhicules en fourrière.") is None


# one operation told across several communes (session 7b, fixtures 580–581) -------------------------------------
@pytest.mark.parametrize(
    "text,count",
    [
        ("Dès 6 heures, 85 gendarmes mobilisés ont interpellé simultanément six personnes à Honfleur.", 6),
        ("Mardi, une soixantaine de gendarmes ont interpellé cinq personnes.", 5),
        ("Deux policiers ont été interpellés pour corruption.", 2),  # the passive: the officers are the arrested
        ("Cent gendarmes ont été mobilisés et neuf personnes interpellées.", 9),
    ],
)
def test_the_officers_who_arrest_are_not_the_persons_arrested(text, count):
    assert quantities.arrested(text) == count


@pytest.mark.parametrize(
    "text,where",
    [
        # départements in brackets, the last commune with its own "au": two départements, so none
        (
            "Mardi, les gendarmes ont interpellé cinq personnes à Honfleur, Pont-l'Évêque, Lisieux (Calvados) et au "
            "Havre (Seine-Maritime). Au total, 300 grammes de cocaïne ont été trouvés pendant les fouilles.",
            (None, None, 3),
        ),
        # two communes are enough after "sur les communes de"
        (
            "Le 14 avril, deux voitures ont été interceptées sur les communes de Gourbeyre et Trois-Rivières. "
            "L'opération a permis la saisie de 80 kilos d'herbe de cannabis.",
            (None, "971", 3),
        ),
        # "dans plusieurs communes :", a list that ends in "ou encore"
        (
            "Le 23 avril, sept personnes ont été interpellées lors de perquisitions menées dans plusieurs communes : "
            "Auray, Pontivy, Ploërmel ou encore Locminé. Les gendarmes ont saisi 900 grammes de cocaïne.",
            (None, "56", 3),
        ),
        # two communes next to the operation's words are its area too (operations.pair_of_the_operation; until
        # session 24 they were the first commune's operation, which annotators read otherwise)
        (
            "Mardi, les gendarmes ont interpellé deux hommes à Auray et Pontivy. Ils ont saisi 900 grammes de cocaïne.",
            (None, "56", 3),
        ),
    ],
)
def test_one_operation_across_several_communes_is_one_seizure_of_their_departement(extractor, text, where):
    from vigie.press.articles import Article

    events = extractor.extract(Article("t", date(2024, 5, 2), "Coup de filet antidrogue", text))
    assert [(e.type, e.commune, e.departement, e.geo_precision) for e in events] == [("seizure", *where)]


def test_arrests_in_two_communes_are_an_arrest_in_the_commune_with_no_seizure(extractor):
    # the README's "drugs seized in town A and accomplices arrested in town B": one event per commune when the goods
    # are placed in one of them (operations.arrests_listed, spread_over)
    from vigie.press.articles import Article

    text = "Mardi, les gendarmes ont interpellé deux hommes à Auray et à Pontivy. Ils ont saisi 900 grammes à Auray."
    events = extractor.extract(Article("t", date(2024, 5, 2), "Coup de filet antidrogue", text))
    assert sorted((e.type, e.commune, e.geo_precision, e.count) for e in events) == [
        ("arrest", "56178", 1, None),
        ("seizure", "56007", 1, 2),
    ]
    # with the goods placed nowhere, the two communes are the operation's area (session 24: the sets read
    # "interpellés au Tampon et à Saint-Pierre … 50 g saisis" so; until then, an arrest and a seizure as above)
    text = "Mardi, les gendarmes ont interpellé deux hommes à Auray et à Pontivy. Ils ont saisi 900 grammes de cocaïne."
    events = extractor.extract(Article("t", date(2024, 5, 2), "Coup de filet antidrogue", text))
    assert [(e.type, e.commune, e.departement, e.geo_precision, e.count) for e in events] == [
        ("seizure", None, "56", 3, 2)
    ]


# one operation told over several communes (operations.spread, spread_over) -------------------------------------
def mentions_of(sentence, names, ranks=None):
    """The resolver's (rank, start, place) for the names of a sentence: rank 1 after its own 'à', else 2."""
    out = []
    for name, (code, dep) in names.items():
        start = sentence.index(name)
        rank = 1 if sentence[max(0, start - 2) : start] == "à " else 2
        out.append(((ranks or {}).get(name, rank), start, Place(code, dep, name, start, 1)))
    return out


MOSELLE = {
    "Freyming-Merlebach": ("57240", "57"),
    "Forbach": ("57227", "57"),
    "Hombourg-Haut": ("57332", "57"),
}


@pytest.mark.parametrize(
    "sentence,names,expected",
    [
        # three communes after one "à", separated by commas: one operation, their common département
        (
            "Mardi, onze suspects ont été arrêtés à Freyming-Merlebach, Forbach, Hombourg-Haut.",
            MOSELLE,
            ("57", {"57240", "57227", "57332"}),
        ),
        # each with its own "à", "mais aussi", "dans le centre de": still one list of three
        (
            "Des perquisitions ont été menées dans le centre de Forbach, mais aussi à Hombourg-Haut et à "
            "Freyming-Merlebach.",
            MOSELLE,
            ("57", {"57240", "57227", "57332"}),
        ),
        # two communes after words of an area, in two départements: none
        (
            "Les gendarmes ont démantelé un trafic aux alentours de Pont-Audemer (Eure) et Rouen (Seine-Maritime).",
            {"Pont-Audemer": ("27467", "27"), "Rouen": ("76540", "76")},
            (None, {"27467", "76540"}),
        ),
        # two communes next to the operation's words are its area, with one "à" or two (pair_of_the_operation;
        # until session 24 they were two places, or the first town's operation, which annotators read otherwise)
        (
            "Les enquêteurs ont mené une série de perquisitions à Cavaillon et à Avignon.",
            {"Cavaillon": ("84035", "84"), "Avignon": ("84007", "84")},
            ("84", {"84035", "84007"}),
        ),
        (
            "Mardi, les gendarmes ont interpellé deux hommes à Auray et Pontivy.",
            {"Auray": ("56007", "56"), "Pontivy": ("56178", "56")},
            ("56", {"56007", "56178"}),
        ),
        # … not far from the operation's words
        (
            "Le parquet suivait depuis deux ans les réseaux installés à Auray et à Pontivy, selon le communiqué publié "
            "après l'opération.",
            {"Auray": ("56007", "56"), "Pontivy": ("56178", "56")},
            None,
        ),
        # the persons' custody, not where the operation happened
        (
            "Les suspects interpellés sont retenus dans quatre brigades, à Kourou, à Cayenne et à Matoury.",
            {"Kourou": ("97304", "973"), "Cayenne": ("97302", "973"), "Matoury": ("97307", "973")},
            None,
        ),
        # persons counted commune by commune: distinct facts
        (
            "Ils ont interpellé trois hommes à Forbach, deux autres à Freyming-Merlebach et un autre à Hombourg-Haut.",
            MOSELLE,
            None,
        ),
        # arrests only, each commune after its own "à": the persons' places told apart, an arrest in each
        # (operations.arrests_each_at, arrests_listed)
        (
            "Plusieurs suspects ont été interpellés à Forbach ainsi qu'à Freyming-Merlebach et à Hombourg-Haut.",
            MOSELLE,
            None,
        ),
        # the same list telling searches too: one operation over the three
        (
            "Des interpellations et des perquisitions ont eu lieu à Forbach, à Freyming-Merlebach et à Hombourg-Haut.",
            MOSELLE,
            ("57", {"57240", "57227", "57332"}),
        ),
        # the homes searched are where the operation happened ("habitations"); the persons' homes are not
        (
            "Les gendarmes ont perquisitionné quatre habitations à Forbach, Freyming-Merlebach et Hombourg-Haut.",
            MOSELLE,
            ("57", {"57240", "57227", "57332"}),
        ),
        (
            "Les gendarmes ont interpellé quatre hommes habitant à Forbach, Freyming-Merlebach et Hombourg-Haut.",
            MOSELLE,
            None,
        ),
        # no operation told: the towns a network supplied
        (
            "Le réseau approvisionnait Forbach, Freyming-Merlebach et Hombourg-Haut.",
            MOSELLE,
            None,
        ),
    ],
)
def test_an_operation_told_in_a_list_of_communes_is_one_place_of_geo_precision_3(ling, sentence, names, expected):
    told = operations.spread(sentence, lambda: mentions_of(sentence, names), ling.lemmas)
    if expected is None:
        assert told is None
    else:
        assert (told.place.departement, set(told.codes), told.place.precision, told.place.code) == (
            expected[0],
            expected[1],
            3,
            None,
        )


def test_the_events_of_the_listed_communes_take_the_operation_s_place():
    sentence = "Mardi, onze suspects ont été arrêtés à Freyming-Merlebach, Forbach, Hombourg-Haut."
    told = operations.spread(sentence, mentions_of(sentence, MOSELLE))
    day = (date(2018, 4, 9), date(2018, 4, 9))
    # the seizure placed by the headline's town, undated; the arrests of the list's sentence; a seizure elsewhere
    events = [
        seizure(None, date(2018, 4, 15), commune="57240", own=False),
        arrest(*day, commune="57240", count=11),
        seizure(date(2018, 4, 9), commune="57463"),
        seizure(date(2018, 2, 1), commune="57227"),  # two months before: another operation
    ]
    placed = operations.spread_over(events, [(told, day)])
    assert [(e.commune, e.departement, e.geo_precision) for e in placed] == [
        (None, "57", 3),
        (None, "57", 3),
        ("57463", "57", 1),
        ("57227", "57", 1),
    ]
    folded = operations.fold_arrests(placed[:2])
    assert [(e.type, e.count, e.date_start) for e in folded] == [("seizure", 11, date(2018, 4, 9))]


def test_communes_the_article_tells_apart_are_no_single_operation():
    lead = "Six hommes ont été interpellés à Lorient, Lanester et Hennebont."
    names = {"Lorient": ("56121", "56"), "Lanester": ("56098", "56"), "Hennebont": ("56083", "56")}
    told = operations.spread(lead, mentions_of(lead, names))
    body = "Ils ont interpellé trois hommes à Lorient et trois autres à Lanester."
    places = [Place(code, dep, name, body.index(name), 1) for name, (code, dep) in names.items() if name in body]
    apart = operations.told_apart(body, places)
    assert apart == {"56121", "56098"}
    events = [arrest(date(2021, 6, 15), commune="56121", count=3), arrest(date(2021, 6, 15), commune="56098", count=3)]
    kept = operations.spread_over(events, [(told, None)], [apart])
    assert [e.commune for e in kept] == ["56121", "56098"]
    # seizures told in two of the communes: the list of the lead is a summary
    found = [seizure(date(2021, 6, 15), commune="56121"), seizure(date(2021, 6, 15), commune="56083")]
    assert [e.commune for e in operations.spread_over(found, [(told, None)])] == ["56121", "56083"]


def test_a_seizure_with_no_date_of_its_own_takes_the_day_of_its_arrests():
    undated = seizure(None, date(2024, 3, 14), own=False)
    kept = operations.fold_arrests([undated, arrest(date(2024, 3, 12), count=6)])
    assert [(e.date_start, e.date_end, e.count) for e in kept] == [(date(2024, 3, 12), date(2024, 3, 12), 6)]
    dated = seizure(date(2024, 3, 13))  # a date of its own stays
    kept = operations.fold_arrests([dated, arrest(date(2024, 3, 12), own=False, count=6)])
    assert kept[0].date_start == date(2024, 3, 13)


# an operation told with no town: the article's département (operations.operation_area, area_place, located) --------
@pytest.mark.parametrize(
    "title,lead,expected",
    [
        ("Un vaste réseau de revente démantelé dans le Morbihan", "Huit personnes ont été interpellées.", "56"),
        ("Oise : la police fait une saisie record de résine", "Trois suspects ont été arrêtés.", "60"),
        # none in the headline: the lead's; two départements: none
        ("Un réseau tombe", "Un trafic a été démantelé en Loire-Atlantique et en Vendée, onze interpellations.", None),
        ("Coup de filet", "En une semaine, les gendarmes ont saisi en Guyane 140 boulettes de cocaïne.", "973"),
    ],
)
def test_the_area_of_an_operation_told_with_no_town_is_the_departement_the_article_names(
    extractor, title, lead, expected
):
    place = operations.operation_area(title, lead, extractor.gaz.departements_in)
    assert (place.code, place.departement, place.precision) == (None, expected, 3)


def test_a_departement_named_otherwise_than_as_a_place_is_no_area(extractor):
    # a demonym of persons, a headline that names a town
    assert operations.operation_area("8 Poitevins déférés devant un juge", "", extractor.gaz.departements_in) is None
    assert operations.operation_area("Compiègne : 300 grammes saisis", "", extractor.gaz.departements_in) is None


def test_the_area_places_only_an_operation_no_town_locates(extractor):
    area = operations.operation_area("Trafic démantelé dans le Cantal", "", extractor.gaz.departements_in)
    assert operations.area_place(area, ["seizure"], [], "Ils ont saisi 800 grammes de cocaïne.") == [area]
    assert operations.area_place(area, ["shooting"], [], "Des coups de feu ont été tirés.") == []
    # a tally's wording; an operation already located in a town (this sentence completes it)
    tally = "Depuis ce 1er janvier, 37 kg de cocaïne ont été saisis dans le département."
    assert operations.area_place(area, ["seizure"], [], tally) == []
    town = seizure(date(2024, 6, 4), commune="15014")
    assert operations.area_place(area, ["seizure"], [town], "Une somme de 2 000 euros a été saisie.") == []


def test_the_label_line_of_an_article_places_violence_told_with_no_town(extractor):
    label = operations.label_area("Gers\n\nDes coups de feu ont été tirés.", extractor.gaz.departements_in)
    assert (label.departement, label.precision, label.text) == ("32", 3, "Gers")
    assert operations.area_place(None, ["shooting"], [], "Des coups de feu ont été tirés.", label) == [label]
    town = seizure(date(2024, 6, 4), commune="32013")
    assert operations.area_place(None, ["shooting"], [town], "Des coups de feu ont été tirés.", label) == []
    # a first line that is a sentence, or names no département, is no label
    assert operations.label_area("Des tirs dans le Gers.\n\nUn blessé.", extractor.gaz.departements_in) is None
    assert operations.label_area("Auch\n\nDes tirs.", extractor.gaz.departements_in) is None


def test_an_operation_placed_by_the_area_is_the_one_located_in_a_town_of_it(extractor):
    area = operations.operation_area("Trafic démantelé dans la Vienne", "", extractor.gaz.departements_in)
    told = arrest(date(2022, 1, 7), count=13)
    told.commune, told.departement, told.place, told.geo_precision = None, "86", area.text, 3
    town = seizure(None, date(2022, 1, 7), commune="86194")
    elsewhere = seizure(date(2022, 1, 7), commune="95527")
    placed = operations.located([told, elsewhere, town], area)
    assert (placed[0].commune, placed[0].geo_precision) == ("86194", 1)
    assert [e.type for e in operations.fold_arrests(placed)] == ["seizure", "seizure"]


def test_seizures_compared_over_time_are_a_trend(ling):
    compared = seizure(None, date(2023, 3, 1))
    compared.evidence = "L'évolution des saisies effectuées par les forces de l'ordre souligne le virage des usages."
    since = seizure(date(2023, 1, 1), drugs=[{"substance": "cocaine", "quantity": 37, "unit": "kg"}])
    since.evidence = "Rien que depuis ce 1er janvier, 37 kg de cocaïne ont été saisis dans les Alpes-Maritimes."
    assert operations.tally(compared, ling.lemmas(compared.evidence)) == "tally.compared"
    assert operations.tally(since, ling.lemmas(since.evidence)) == "tally.since_the_year_began"


def test_an_operation_in_several_communes_not_all_named_is_of_their_departement():
    arcachon = Place("33009", "33", "Arcachon", 0, 1)
    lead = "Six mois d'enquête ont abouti à l'interpellation, dans différentes communes du secteur, de sept personnes."
    told = operations.spread(lead, [], None, arcachon)  # no town named: the article's town, where the rest is placed
    assert (told.place.departement, told.place.precision, set(told.codes)) == ("33", 3, {"33009"})
    listed = "L'opération a été menée dans les communes de Brou, Illiers-Combray, Bouville et Bonneval."
    bouville = Place("28057", "28", "Bouville", listed.index("Bouville"), 1)
    told = operations.spread(listed, [(2, bouville.start, bouville)])  # the only name the gazetteer knows
    assert (told.place.departement, set(told.codes)) == ("28", {"28057"})
    # a town named with its own "à": that town is the place; the communes around a town are no operation's
    named = "Huit suspects ont été arrêtés à Châtellerault et dans plusieurs villes de la Vienne."
    town = Place("86066", "86", "Châtellerault", named.index("Châtellerault"), 1)
    assert operations.spread(named, [(1, town.start, town)], None, town) is None
    around = "Des interpellations ont eu lieu dans les communes voisines."
    assert operations.spread(around, [], None, arcachon) is None


def test_arrests_placed_by_the_departement_fold_into_a_seizure_told_over_several_departements():
    # "Loire-Atlantique : 26 interpellations" … "à Saint-Nazaire, Guérande, … et Riantec dans le Morbihan": the
    # arrests the article places by its département only are those of the seizure told over communes of two
    area = Place(None, "44", "Loire-Atlantique", 0, 3)
    wide = Event("seizure", None, None, "Saint-Nazaire, Guérande et Riantec", 3, date(2019, 6, 18), date(2019, 6, 18))
    placed = Event("arrest", None, "44", "Loire-Atlantique", 3, None, date(2019, 6, 21), count=26)
    kept = operations.fold_arrests(operations.located([wide, placed], area))
    assert [(e.type, e.departement, e.place, e.count) for e in kept] == [
        ("seizure", None, "Saint-Nazaire, Guérande et Riantec", 26)
    ]
    # no such seizure: the arrest keeps the département
    alone = Event("arrest", None, "44", "Loire-Atlantique", 3, None, date(2019, 6, 21), count=26)
    assert [(e.type, e.departement) for e in operations.located([alone], area)] == [("arrest", "44")]


def test_a_trade_dismantled_in_an_article_that_names_no_point_is_an_arrest():
    # territory.unnamed_point drops the point de deal of "ont démantelé un trafic de cocaïne à Bastia": a network
    # dismantled, the README's arrest; not when the clause tells a seizure, an arrest or a network's arrival already
    assert operations.dismantled_trade(["dealing_point"], [], True) == ["arrest"]
    assert operations.dismantled_trade(["dealing_point", "seizure"], ["seizure"], True) == ["seizure"]
    assert operations.dismantled_trade(["dealing_point", "network_arrival"], ["network_arrival"], True) == [
        "network_arrival"
    ]
    assert operations.dismantled_trade(["dealing_point"], ["dealing_point"], True) == ["dealing_point"]
    # undated ("Les gendarmes ont démantelé un trafic de cocaïne entre Agen et Villeneuve-sur-Lot."): a summary
    assert operations.dismantled_trade(["dealing_point"], [], False) == []


def test_arrests_told_over_an_area_fold_into_the_seizure_of_a_town_it_names():
    # three suspects arrested on 19 December in three towns of two départements … the drugs found at Chabris: one
    # operation
    day = date(2023, 12, 19)
    area = Event("arrest", None, None, "Gièvres, Déols et Chabris", 3, day, day, count=3)
    found = Event("seizure", "36034", "36", "Chabris", 1, None, date(2023, 12, 26))
    kept = operations.fold_arrests([area, found])
    assert [(e.type, e.place, e.count, e.date_start) for e in kept] == [("seizure", "Chabris", 3, day)]
    # a town the area does not name, or another day: two events
    other = Event("seizure", "36063", "36", "Déols", 1, day, day)
    apart = Event("arrest", None, None, "entre Issoudun et Vatan", 3, day, day)
    assert [e.type for e in operations.fold_arrests([apart, other])] == ["arrest", "seizure"]
    later = Event("seizure", "36034", "36", "Chabris", 1, date(2024, 2, 1), date(2024, 2, 1))
    assert [e.type for e in operations.fold_arrests([area, later])] == ["arrest", "seizure"]
    # both told over areas, one naming no département ("entre la région de Rouen et les secteurs de Carentan" …
    # "entre Rouen et le Cotentin"): one operation
    wide = Event("arrest", None, None, "entre la région de Rouen et les secteurs de Carentan", 3, day, day, count=6)
    seized = Event("seizure", None, "50", "entre Rouen et le Cotentin", 3, None, date(2023, 12, 20))
    assert [(e.type, e.count) for e in operations.fold_arrests([wide, seized])] == [("seizure", 6)]


def test_a_list_of_towns_that_ends_on_the_communes_around_them_is_one_operation():
    # "à A, B et aux alentours": the resolver reads the last town with the communes around it as an area of its
    # département (geography.AROUND_AFTER) that keeps the town's reading; with the town named before it, a list of
    # two communes that says its area (operations.around), one operation of geo_precision 3
    from vigie.press.geography import Candidate

    sentence = "Sept suspects ont été interpellés à Auch, Pavie et aux alentours."
    auch = Place("32013", "32", "Auch", sentence.index("Auch"), 1)
    said = sentence[sentence.index("Pavie") : -1]
    pavie = Place(None, "32", said, sentence.index("Pavie"), 3, why=Candidate("32208", "32", "commune"))
    told = operations.spread(sentence, [(1, auch.start, auch), (3, pavie.start, pavie)])
    assert (told.place.departement, told.place.precision, set(told.codes)) == ("32", 3, {"32013", "32208"})
    assert told.place.text == "Auch, Pavie et aux alentours"
    # the same two towns with no area, next to the operation's words: its area too (pair_of_the_operation)
    listed = "Sept suspects ont été interpellés à Auch et Pavie."
    auch, pavie = (Place(c, "32", n, listed.index(n), 1) for c, n in (("32013", "Auch"), ("32208", "Pavie")))
    told = operations.spread(listed, [(1, auch.start, auch), (2, pavie.start, pavie)])
    assert (told.place.departement, told.place.text) == ("32", "Auch et Pavie")
    # an area from a département's name alone is no town around which communes lie
    assert not operations.around(Place(None, "32", "Gers", 0, 3, why=Candidate("", "32", "commune (several)")))


def test_arrests_in_a_commune_that_a_seizure_over_an_area_names_fold_into_it():
    # the seizure "entre Vierzon, Mehun-sur-Yèvre et Foëcy" and the arrests "à Mehun-sur-Yèvre" that day: one
    # operation, the level of its place the seizure's (operations.named_by_the_area)
    day = date(2025, 2, 20)
    wide = Event("seizure", None, "18", "entre Vierzon, Mehun-sur-Yèvre et Foëcy", 3, day, day)
    mehun = Event("arrest", "18141", "18", "Mehun-sur-Yèvre", 1, day, day)
    assert [(e.type, e.place) for e in operations.fold_arrests([wide, mehun])] == [("seizure", wide.place)]
    # another day or a commune the area does not name, another event (persons counted commune by commune too:
    # test_arrests_counted_at_the_one_town_of_a_seizure_s_area_are_its_count)
    later = Event("arrest", "18141", "18", "Mehun-sur-Yèvre", 1, date(2025, 3, 20), date(2025, 3, 20))
    bourges = Event("arrest", "18033", "18", "Bourges", 1, day, day)
    for other in (later, bourges):
        wide = Event("seizure", None, "18", "entre Vierzon, Mehun-sur-Yèvre et Foëcy", 3, day, day)
        assert len(operations.fold_arrests([wide, other])) == 2


def test_the_police_intervening_in_two_sectors_is_one_operation_over_them():
    # "intervenus" tells an operation ([spread] pattern): two communes after words of an area are its places
    sentence = "Une quarantaine de gendarmes sont intervenus mardi dans les secteurs de Voiron et Moirans."
    voiron, moirans = (
        Place(code, "38", name, sentence.index(name), 1) for code, name in (("38563", "Voiron"), ("38239", "Moirans"))
    )
    told = operations.spread(sentence, [(1, voiron.start, voiron), (2, moirans.start, moirans)])
    assert (told.place.departement, told.place.precision, set(told.codes)) == ("38", 3, {"38563", "38239"})


def test_arrests_counted_at_the_one_town_of_a_seizure_s_area_are_its_count():
    # "dans les secteurs de A et B" … "six personnes en garde à vue" placed at A … "les enquêteurs ont saisi": one
    # operation over the area; two towns each with its own persons stay two facts
    area = Event(
        "seizure", None, "26", "les secteurs de Romans-sur-Isère et Bourg-de-Péage", 3, None, date(2023, 5, 10)
    )
    six = Event("arrest", "26281", "26", "Romans-sur-Isère", 1, date(2023, 5, 9), date(2023, 5, 9), count=6)
    kept = operations.fold_arrests([area, six])
    assert [e.type for e in kept] == ["seizure"] and kept[0].count == 6 and kept[0].commune is None
    area = Event(
        "seizure", None, "26", "les secteurs de Romans-sur-Isère et Bourg-de-Péage", 3, None, date(2023, 5, 10)
    )
    six = Event("arrest", "26281", "26", "Romans-sur-Isère", 1, date(2023, 5, 9), date(2023, 5, 9), count=6)
    two = Event("arrest", "26058", "26", "Bourg-de-Péage", 1, date(2023, 5, 9), date(2023, 5, 9), count=2)
    assert [e.type for e in operations.fold_arrests([area, six, two])] == ["seizure", "arrest", "arrest"]


def test_another_network_s_arrest_folds_into_the_seizure_told_after_it_only():
    # "cinq interpellés mardi … 300 grammes saisis" then "un autre réseau démantelé" … "cette opération avait aussi
    # conduit à la saisie de deux pistolets": the other network's seizure is the one told after its arrest
    other = arrest(date(2024, 3, 6))
    other.another = True
    later = seizure(date(2024, 3, 6))
    assert [e.type for e in operations.fold_arrests([other, later])] == ["seizure"]
    other = arrest(date(2024, 3, 6))
    other.another = True
    kept = operations.fold_arrests([seizure(date(2024, 3, 6)), other])
    assert [e.type for e in kept] == ["seizure", "arrest"]
    # the seizure told after is the first operation's when the arrests told before are its own
    other = arrest(date(2024, 3, 6))
    other.another = True
    events = [arrest(date(2024, 3, 6), count=10), other, seizure(date(2024, 3, 6))]
    assert [e.type for e in operations.fold_arrests(events)] == ["arrest", "seizure"]

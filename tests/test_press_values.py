"""Values of press events (casualties, drugs, cash, weapons, persons arrested) read from rules/values.toml, how a bad
values file is refused, and how mentions are counted (counting.py). The whole-article cases are our own fixtures
370–399 and 460–479, scored with the other fixtures by tests/test_press.py."""

from datetime import date

import pytest

from vigie.errors import VigieError
from vigie.press import counting, quantities
from vigie.press.quantities import VALUES_FILE, load_values
from vigie.press.schema import Event


def _drugs(text):
    return {(d["substance"], d["unit"]): d["quantity"] for d in quantities.drugs(text)}


# ------------------------------------------------------------------------------------------------ the values file
def test_the_shipped_values_file_loads_and_names_every_rule_the_code_applies():
    values = load_values()
    assert set(values.patterns) == set(quantities.RULE_NAMES)
    assert values.numbers["vingtaine"] == 20 and values.units["grammes"] == ("kg", 0.001)
    assert [name for name, _ in values.substances][:2] == ["cannabis", "cocaine"]


def _with(tmp_path, old: str, new: str):
    text = VALUES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "values.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name = "nobody_hit"\n', 'name = "nobody_hit"\nweight = 2\n', r"rule 'nobody_hit': unknown field\(s\) weight"),
        ("pattern = '''\\d{1,3}", "pattern = '''(\\d{1,3}", r"rule 'digits': the pattern does not compile"),
        ('name = "toll_item"', 'name = "toll_items"', r"rule 'toll_items': no such rule is applied"),
        ('[[substance]]\nname = "crack"', '[[substance]]\nname = "caillou"', r"substance 'caillou': not one of"),
        ('kind = "shotgun"', 'kind = "sling"', r"weapon 'sling': not one of"),
        ('pied = { unit = "plants"', 'pied = { unit = "feet"', r"unit 'pied': unit 'feet' is not one of"),
        ("[shares]", "[share]", r"unknown section\(s\) share"),
        ("vingtaine = 20", "vingtaine = 'vingt'", r"\[about\] 'vingtaine': 'vingt' is not a positive number"),
        ('[[rule]]\nname = "person"', '[[rule]]\nname = "digits"', r"rule 'digits': a rule of this name comes earlier"),
        ("\n[units]\n", "\n[units\n", r"not a readable values file"),
    ],
)
def test_a_bad_values_file_is_refused_at_load_with_its_name(tmp_path, old, new, message):
    path = _with(tmp_path, old, new)
    with pytest.raises(VigieError, match=message) as info:
        load_values(path)
    assert str(path) in str(info.value)


def test_a_values_file_missing_a_rule_is_refused(tmp_path):
    path = _with(tmp_path, 'name = "hit_by_bullets"', 'name = "hit_by_bullets_"')
    with pytest.raises(VigieError, match="no such rule"):
        load_values(path)
    text = VALUES_FILE.read_text(encoding="utf-8")
    start = text.index('[[rule]]\nname = "hit_by_bullets"')
    end = text.index("[[rule]]", start + 5)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(VigieError, match=r"missing rule\(s\) hit_by_bullets"):
        load_values(path)


# ------------------------------------------------------------------------------------------------------- values
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Des tirs ont visé une façade, sans faire de victime ni de blessé.", (0, 0)),
        ("Des tirs ont visé une façade ; il n'y a pas de victime ni de blessé.", (0, 0)),
        ("Un homme a été tué ; sa fille, assise à côté de lui, n'a pas été touchée.", (1, 0)),
        ("Un troisième homme, assis à l'arrière, n'avait pas été blessé.", (None, 0)),
        ("L'enfant n'a lui pas été touché ni blessé, précise la police.", (None, 0)),
        ("Cinq blessés, dont un décédé : c'est le bilan de la fusillade.", (1, 4)),  # the dead one is no injured
        ("trois blessés dont un grièvement", (None, 3)),  # a subset qualified, not dead: injured 3
        ("Deux jeunes ont été tués et un autre blessé lors des tirs.", (2, 1)),
        ("Un double homicide a endeuillé le quartier.", (2, None)),
        ("Un adolescent avait perdu la vie dans une fusillade.", (1, None)),
        ("Il n'a pas survécu à ses blessures.", (1, None)),
        ("Les deux personnes décédées étaient connues de la police.", (2, None)),
        ("deux blessés", (None, 2)),  # a category not stated stays null
        ("une première fusillade avait éclaté, blessant légèrement un jeune homme au bras", (None, 1)),
        ("plusieurs blessés", (None, None)),  # a vague toll is null
        ("des vigiles agressés dans le quartier, situé à l'autre bout de la ville", (None, None)),  # situé ≠ tué
        ("une enquête pour tentative d'homicide a été ouverte", (None, None)),
        # session 6 (fixtures 460–464): the toll's wordings of real articles
        ("Un adolescent a été tué et deux jeunes hommes blessés par balle dans la nuit.", (1, 2)),  # no auxiliary
        ("deux frères de 16 et 19 ans avaient déjà été blessés par balle", (None, 2)),  # adverb before été
        ("Un homme a ouvert le feu près d'un point de deal et a blessé cinq personnes.", (None, 5)),
        ("Une femme de 24 ans et un homme de 31 ans ont été blessés par balles.", (None, 2)),  # a pair, one by one
        ("un livreur de 27 ans, et un lycéen de 17 ans avaient été tués par balles", (2, None)),
        ("un lycéen de 16 ans a été atteint de tirs dans la nuit", (None, 1)),
        ("il a été frappé par trois individus ; il s'est vu prescrire cinq jours d'ITT", (None, 1)),
        ("plusieurs balles avaient été tirées en l'air, sans blesser personne", (0, 0)),
        ("Des passants ont été blessés.", (None, None)),  # plural without a number: a vague toll is null
        ("Un homme, touché par balle à la tête, est décédé sur place.", (1, None)),  # one victim, wounded and dead
        ("Un homme a été tué ; un autre, touché à la jambe, a été hospitalisé.", (1, 1)),  # a second victim
        ("Les secours n'ont pu que constater son décès.", (1, None)),
        ("Les tirs n'ont pas fait de blessés.", (0, 0)),  # fixture 468
        ("un lycéen avait été frappé et blessé avec un couteau par deux revendeurs", (None, 1)),
    ],
)
def test_casualties(text, expected):
    assert quantities.casualties(text) == expected


def test_a_wound_of_the_victim_already_named_is_not_one_more_injured():
    assert quantities.same_victim("Grièvement blessé, il a terminé sa course contre un muret.")
    assert quantities.same_victim("Âgé de 22 ans, le jeune homme a reçu plusieurs balles mardi soir.")
    assert not quantities.same_victim("Un autre jeune, touché au bras, a été transporté au CHU.")
    assert not quantities.same_victim("Son fils de 16 ans a été légèrement blessé.")
    assert not quantities.same_victim("Deux hommes ont été blessés.")
    # found lifeless: the wound told with it is the dead victim's (fixture 464), unless a second victim is told
    assert quantities.same_victim("Un homme a été retrouvé inanimé sur un trottoir, touché par balle à la tête.")
    assert not quantities.same_victim("Un homme a été retrouvé mort ; un autre, touché à la tête, a été hospitalisé.")


def test_one_unhurt_and_no_one_said_killed_is_nobody_hit():
    """The gold of every dev set never has killed null with injured 0: "l'homme visé n'a pas été blessé" and nobody
    said killed is 0/0 (fixture 461); with a death told elsewhere the death stays ("la fillette n'a pas été
    touchée")."""
    target = _event("shooting", date(2024, 4, 9), date(2024, 4, 9), injured=0)
    assert [(e.killed, e.injured) for e in counting.merge([target])] == [(0, 0)]
    dead = _event("shooting", date(2024, 4, 9), date(2024, 4, 9), killed=1, injured=0)
    assert [(e.killed, e.injured) for e in counting.merge([dead])] == [(1, 0)]
    assert [(e.killed, e.injured) for e in counting.merge([_event("seizure", None, date(2024, 4, 9))])] == [
        (None, None)
    ]


def test_nobody_hit_said_after_a_toll_is_not_that_events():
    """A "Personne n'a été touché" in a sentence with no event of its own does not erase the toll of the shooting told
    before (it is said of another one the extractor did not see): the toll stays, and is not split off."""
    shooting = _event("shooting", date(2025, 2, 10), date(2025, 2, 10), killed=1, injured=4)
    counting.complete([shooting], [shooting], "Personne n'a été touché.")
    assert (shooting.killed, shooting.injured) == (1, 4)
    quiet = _event("shooting", date(2025, 2, 10), date(2025, 2, 10))
    counting.complete([quiet], [quiet], "Personne n'a été touché.")
    assert (quiet.killed, quiet.injured) == (0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 kg 5 de résine de cannabis", {("cannabis", "kg"): 1.5}),
        ("un tiers de tonne de résine", {("cannabis", "kg"): 333.333333}),
        ("une demi-tonne de cocaïne", {("cocaine", "kg"): 500}),
        ("une vingtaine de kilos d'herbe", {("cannabis", "kg"): 20}),
        ("2 kg de résine et 500 grammes d'herbe", {("cannabis", "kg"): 2.5}),
        ("20 kilos de cannabis, dont 5 kg d'herbe", {("cannabis", "kg"): 20}),
        ("300 pieds de cannabis et 4 kilos d'herbe", {("cannabis", "plants"): 300, ("cannabis", "kg"): 4}),
        ("87 bonbonnes de cocaïne", {("cocaine", "doses"): 87}),
        ("deux tonnes de pollen de cannabis", {("cannabis", "kg"): 2000}),
        ("plusieurs kilos de cocaïne ont été saisis", {("cocaine", None): None}),
        ("un laboratoire d'héroïne a été découvert, 10Kg saisis", {("heroin", "kg"): 10}),  # named before
        ("des sachets de cocaïne et 2 kg de cannabis", {("cocaine", None): None, ("cannabis", "kg"): 2}),
        ("87 bonbonnes de cocaïne et une plaquette de résine", {("cocaine", "doses"): 87, ("cannabis", None): None}),
        # a unit abbreviated with a full stop (fixture 859)
        ("près de 450 g. d'héroïne ont été saisis", {("heroin", "kg"): 0.45}),
        ("2 kg. de résine et 30 g. de cocaïne", {("cannabis", "kg"): 2, ("cocaine", "kg"): 0.03}),
        # small or vague amounts said in words: the substance, quantity null (fixture 860)
        (
            "2 kilos d'herbe, un peu d'héroïne et une faible quantité de MDMA",
            {("cannabis", "kg"): 2, ("heroin", None): None, ("synthetic", None): None},
        ),
        ("des quantités importantes d'herbe ont été saisies", {("cannabis", None): None}),
        ("un peu plus de 2 kilos de cannabis", {("cannabis", "kg"): 2}),
    ],
)
def test_drug_amounts(text, expected):
    got = _drugs(text)
    assert set(got) == set(expected)
    for key, quantity in expected.items():
        assert got[key] == (pytest.approx(quantity) if quantity is not None else None)


def test_a_decimal_point_with_one_or_two_digits_is_a_decimal_three_are_thousands():
    # "1.7 kilo" was read 7 (the digits rule knew the comma only); "2.000" and "4.350" stay thousands
    assert _drugs("Les gendarmes ont saisi 1.7 kilo de cocaïne.") == {("cocaine", "kg"): pytest.approx(1.7)}
    assert _drugs("La saisie porte sur 2.5 tonnes de résine de cannabis.") == {("cannabis", "kg"): pytest.approx(2500)}
    assert _drugs("Ils transportaient 2.000 kilos de résine.") == {("cannabis", "kg"): 2000}
    assert quantities.cash("et 2.000 euros en liquide") == 2000
    assert quantities.cash("4.350 euros en petites coupures") == 4350


def test_cash_is_cash_seized_not_what_drugs_are_worth():
    assert quantities.cash("et 7 000€ en liquide") == 7000
    assert quantities.cash("une somme de 24.000 euros") == 24000
    assert quantities.cash("4.350 euros en petites coupures") == 4350
    assert quantities.cash("pour 100 000 € de drogue chaque mois") is None
    assert quantities.cash("ils ont saisi 20 000 € en espèces, de la cocaïne et deux pistolets") == 20000
    assert quantities.cash("un chiffre d'affaires de 15 000 euros par jour") is None


def test_persons_arrested():
    assert quantities.arrested("Trois d'entre eux, tous majeurs, ont été interpellés dans la foulée.") == 3
    assert quantities.arrested("l'opération a abouti à une quinzaine d'interpellations") == 15
    assert quantities.arrested("la brigade interpellait cette fois sept individus") == 7
    assert quantities.arrested("mais personne n'a été interpellé") == 0
    assert quantities.arrested("Il n'y a pas eu d'interpellation, selon la même source.") == 0
    assert quantities.arrested("Selon la préfecture, quatre suspects sont en garde à vue.") == 4
    assert quantities.arrested("Les enquêteurs ont saisi deux kilos de résine.") is None  # silent: null
    assert quantities.weapons("deux armes de calibre 9 mm ainsi qu'un AR-15") == [
        {"kind": "assault_rifle", "count": 1},
        {"kind": "handgun", "count": 2},
    ]
    assert quantities.weapons("abattu à l'arme automatique") == [{"kind": "other", "count": None}]
    assert quantities.weapons("Deux fusils et 4.500 euros ont aussi été saisis.") == [{"kind": "other", "count": 2}]
    assert quantities.weapons("un fusil à pompe") == [{"kind": "shotgun", "count": 1}]
    # a submachine gun is other, written with a hyphen or not; a "fusil-mitrailleur" is an assault rifle
    assert quantities.weapons("un pistolet-mitrailleur") == [{"kind": "other", "count": 1}]
    assert quantities.weapons("un pistolet mitrailleur") == [{"kind": "other", "count": 1}]
    assert quantities.weapons("un fusil-mitrailleur") == [{"kind": "assault_rifle", "count": 1}]
    assert quantities.weapons("deux pistolets automatiques et des kalachnikovs") == [
        {"kind": "assault_rifle", "count": None},
        {"kind": "handgun", "count": 2},
    ]


# ----------------------------------------------------------------------------------------------------- counting
def _event(kind, start, end, *, killed=None, injured=None, drugs=(), own=True, evidence="", place="Béziers"):
    e = Event(kind, "34032", "34", place, 1, start, end, killed=killed, injured=injured, evidence=evidence)
    e.drugs = [{"substance": s, "quantity": q, "unit": u} for s, q, u in drugs]
    e.own_date = own
    return e


def test_a_summary_over_several_days_gives_way_to_the_events_it_sums():
    d = date
    summary = _event("shooting", d(2024, 5, 21), d(2024, 5, 23), injured=2)
    tuesday = _event("shooting", d(2024, 5, 21), d(2024, 5, 21), injured=1)
    thursday = _event("shooting", d(2024, 5, 23), d(2024, 5, 23), injured=1)
    merged = counting.merge([summary, tuesday, thursday])
    assert [(e.date_start.day, e.injured) for e in merged] == [(21, 1), (23, 1)]
    # one mention inside the summary is the same event told twice
    assert len(counting.merge([_event("shooting", d(2024, 5, 21), d(2024, 5, 23)), tuesday])) == 1


def test_two_tolls_of_other_victims_on_other_days_are_two_shootings():
    d = date
    night = _event("shooting", d(2024, 5, 31), d(2024, 6, 1), injured=2)
    evening = _event("shooting", d(2024, 6, 1), d(2024, 6, 1), killed=1)
    assert len(counting.merge([night, evening])) == 2
    lead = _event("shooting", d(2024, 5, 31), d(2024, 6, 1), killed=1, injured=2)
    assert len(counting.merge([lead, _event("shooting", d(2024, 6, 1), d(2024, 6, 1), killed=1)])) == 1


def test_the_rough_amount_of_the_lead_is_the_exact_amount_of_the_body():
    lead = _event("seizure", None, date(2024, 3, 8), drugs=[("cannabis", 400, "kg")], own=False)
    lead.evidence = "Plus de 400 kg de résine saisis : la semaine a été chargée."
    body = _event("seizure", date(2024, 3, 6), date(2024, 3, 6), drugs=[("cannabis", 412, "kg")])
    body.commune, body.evidence = None, "Mercredi, les douaniers ont intercepté 412 kilos de résine."
    assert [e.drugs for e in counting.merge([lead, body])] == [
        [{"substance": "cannabis", "quantity": 412, "unit": "kg"}]
    ]
    far = _event("seizure", date(2024, 3, 6), date(2024, 3, 6), drugs=[("cannabis", 900, "kg")])
    far.commune = None
    assert len(counting.merge([lead, far])) == 2  # 900 kg is not what "plus de 400 kg" said


def test_an_arrest_then_what_the_searches_found_is_one_seizure():
    arrest = _event("arrest", date(2024, 9, 17), date(2024, 9, 17))
    arrest.count = 6
    counting.complete([arrest], [arrest], "Les fouilles ont permis de mettre la main sur 64 bonbonnes de cocaïne.")
    assert (arrest.type, arrest.count, arrest.drugs) == (
        "seizure",
        6,
        [{"substance": "cocaine", "quantity": 64.0, "unit": "doses"}],
    )
    assert "seizure.found_after_arrest" in arrest.rules
    # a later paragraph's finding does not turn an arrest told earlier into a seizure
    other = _event("arrest", date(2024, 9, 17), date(2024, 9, 17))
    counting.complete([other], [], "Les fouilles ont permis de mettre la main sur 64 bonbonnes de cocaïne.")
    assert other.type == "arrest"


def test_a_toll_told_with_another_year_is_not_the_events():
    news = _event("shooting", date(2023, 5, 1), date(2023, 5, 1), injured=1)
    counting.complete([news], [news], "Pour rappel, en septembre 2021, un homme avait été tué dans la même cité.")
    assert news.killed is None
    counting.complete([news], [news], "Fin mars, un règlement de comptes avait entraîné la mort d'un homme.")
    assert news.killed is None
    counting.complete([news], [news], "Le blessé, un homme de 36 ans, est mort à l'hôpital le lendemain.")
    assert news.killed == 1


def test_details_that_are_not_the_operations():
    seizure = _event("seizure", date(2024, 10, 10), date(2024, 10, 10), drugs=[("cannabis", 2.5, "kg")])
    counting.complete(
        [seizure], [seizure], "Ils s'attendaient à saisir de la cocaïne, mais personne n'a été interpellé."
    )
    assert seizure.count == 0  # nobody arrested is a count of 0, not silence
    assert [d["substance"] for d in seizure.drugs] == ["cannabis"]  # what they expected to seize was not seized
    cash_only = _event("seizure", date(2025, 9, 5), date(2025, 9, 5))
    counting.complete([cash_only], [], "La Guardia civil annonçait la saisie de quatre tonnes de haschich.")
    assert cash_only.drugs == []  # an earlier paragraph's seizure with no drugs gets none from a later sentence


def test_a_mass_with_no_substance_is_of_the_articles_one_substance():
    assert quantities.unnamed_masses("En mars, une prise record de 1,2 tonne avait été réalisée.") == [1200]
    assert quantities.unnamed_masses("2 tonnes de marchandises") == []  # another noun names it
    assert quantities.unnamed_masses("3 kg de cocaïne") == []
    news = _event("seizure", date(2024, 6, 11), date(2024, 6, 11), drugs=[("cocaine", 85, "kg")])
    news.evidence = "Mardi, les douaniers ont découvert 85 kilos de cocaïne."
    recalled = _event("seizure", date(2024, 3, 1), date(2024, 3, 31))
    recalled.evidence = "En mars, une prise de 1,2 tonne avait déjà été réalisée sur les quais."
    assert counting.merge([news, recalled])[1].drugs == [{"substance": "cocaine", "quantity": 1200, "unit": "kg"}]
    other = _event("seizure", date(2024, 1, 9), date(2024, 1, 9), drugs=[("cannabis", 5, "kg")])
    recalled.drugs = []
    assert counting.merge([news, other, recalled])[2].drugs == []  # two substances in the article: none is implied


def test_a_mass_with_no_substance_is_of_the_substance_the_articles_events_name():
    """No seizure names a substance, but the operation told above does ("un trafic de drogue de synthèse"): "250
    grammes du produit" are of it (fixture 467)."""
    arrest = _event("arrest", date(2024, 10, 15), date(2024, 10, 15))
    arrest.evidence = "Onze personnes ont été interpellées dans un trafic de drogue de synthèse."
    seizure = _event("seizure", date(2024, 10, 15), date(2024, 10, 15))
    seizure.evidence = "Les gendarmes ont saisi 400 grammes du produit."
    merged = counting.merge([arrest, seizure])
    assert merged[1].drugs == [{"substance": "synthetic", "quantity": 0.4, "unit": "kg"}]


# ------------------------------------------------------------------------------------------- persons arrested
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les gendarmes interpellent un suspect près du Diamant.", 1),  # present tense
        ("les policiers intervenaient et interpelaient deux individus", 2),  # the press's spelling
        ("L'individu est alors placé en garde à vue.", 1),
        ("un homme de 20 ans, bien connu de la police pour des vols, a été interpellé", 1),
        ("Les deux hommes sont interpellés début juin ainsi qu'un consommateur venu acheter sa dose.", 3),
        ("dont une bonne partie des membres est interpellée en juin", None),  # a share of a band is no one
        ("La voiture est arrêtée au péage.", None),
    ],
)
def test_persons_arrested_in_more_wordings(text, expected):
    assert quantities.arrested(text) == expected


def test_a_rough_number_of_arrests_gives_way_to_the_exact_one():
    """ "Une dizaine d'interpellations" (a heading) and "sept mineurs ont été interpellés" (the body) are one
    operation: its count is the exact 7, not the larger rough 10 (fixture 465); a running tally ("plus de 200 mules
    arrêtées depuis janvier") merged into the week's operation leaves its count (8)."""
    assert quantities.arrested_roughly("une dizaine d'interpellations")
    assert quantities.arrested_roughly("Depuis janvier, plus de 200 « mules » ont été arrêtées")
    assert not quantities.arrested_roughly("sept mineurs âgés de 13 à 17 ans ont été interpellés")
    heading = _event("arrest", None, date(2025, 3, 14), own=False)
    heading.count, heading.evidence = 10, "À Vaulx-en-Velin, une dizaine d'interpellations après des violences."
    body = _event("arrest", date(2025, 3, 10), date(2025, 3, 14))
    body.count, body.evidence = 7, "Depuis lundi, sept mineurs ont été interpellés."
    assert [e.count for e in counting.merge([heading, body])] == [7]
    tally = _event("arrest", date(2025, 1, 1), date(2025, 3, 14))
    tally.count, tally.evidence = 200, "Depuis janvier, plus de 200 « mules » ont été arrêtées à l'aéroport."
    week = _event("arrest", date(2025, 3, 3), date(2025, 3, 9))
    week.count, week.evidence = 8, "La semaine dernière, huit passeurs ont été interpellés à l'aéroport."
    assert [e.count for e in counting.merge([week, tally])] == [8]
    assert [e.count for e in counting.merge([tally, week])] == [8]


def test_counts_of_our_fixtures(extractor):
    """Persons arrested are a diagnostic of the scorer, not part of the strict F1 that tests/test_press.py holds at
    1.00: the counts of fixtures 465–467 are checked here."""
    from pathlib import Path

    from vigie.press.articles import read

    folder = Path(__file__).parent / "press_fixtures"
    for name, expected in [
        ("465_vaulx_dizaine_puis_sept", [7]),  # the exact count, not the heading's "une dizaine"
        ("466_lannion_interpellent_un_homme", [1, 3]),  # "interpellent un homme"; "… ainsi qu'un acheteur"
        ("467_cayenne_grammes_du_produit", [11]),
    ]:
        events = extractor.extract(read(str(folder / f"{name}.json"))[0])
        assert sorted(e.count for e in events if e.type in ("seizure", "arrest")) == expected, name


def test_arms_of_no_named_kind_seized_are_other_and_give_way_to_named_kinds():
    assert quantities.weapons("Des armes et du cannabis ont été saisis.", seized=True) == [
        {"kind": "other", "count": None}
    ]
    assert quantities.weapons("deux armes à feu et 6 000 €", seized=True) == [{"kind": "other", "count": 2}]
    assert quantities.weapons("Des armes et du cannabis ont été saisis.") == []  # a shooting's "armes": none
    assert quantities.weapons("une arme à canon long qui tirait en rafales") == [{"kind": "other", "count": 1}]
    assert counting.weapons_of([{"kind": "other", "count": None}], [{"kind": "handgun", "count": 2}]) == [
        {"kind": "handgun", "count": 2}
    ]
    assert counting.weapons_of([{"kind": "handgun", "count": 2}], [{"kind": "assault_rifle", "count": 1}]) == [
        {"kind": "handgun", "count": 2},
        {"kind": "assault_rifle", "count": 1},
    ]  # two mentions of one seizure that name two kinds: both (the second was lost before)


def test_a_mass_told_after_the_drug_is_of_that_seizure():
    """ "vingt ballots de cocaïne" then "La drogue saisie représente 612 kilos": one seizure of 612 kg of cocaine, even
    when the article names another substance for another seizure (fixture 469)."""
    bales = _event("seizure", date(2024, 4, 10), date(2024, 4, 10), drugs=[("cocaine", None, None)])
    bales.evidence = "les douaniers ont intercepté un camion chargé de vingt ballots de cocaïne."
    mass = _event("seizure", date(2024, 4, 10), date(2024, 4, 10), own=False)
    mass.evidence = "La drogue saisie représente 612 kilos, selon le parquet."
    other = _event("seizure", date(2024, 3, 2), date(2024, 3, 2), drugs=[("cannabis", None, None)], place="Agde")
    other.commune = "34003"
    merged = counting.merge([bales, mass, other])
    assert merged[0].drugs == [{"substance": "cocaine", "quantity": 612, "unit": "kg"}]
    assert merged[1].drugs == [{"substance": "cannabis", "quantity": None, "unit": None}]


def test_a_dated_sentence_tells_no_count_of_an_undated_mention():
    """ "Les 12 et 14 juin, la brigade interpellait cette fois sept individus" (no event of its own) is not the count
    of the news's undated "Lors des perquisitions, … 10 kg" (a dev article gave it 7 for 3)."""
    undated = _event("seizure", None, date(2024, 8, 5), drugs=[("cannabis", 10, "kg")], own=False)
    counting.complete([undated], [], "Les 12 et 14 juin, la brigade interpellait cette fois sept individus.")
    assert undated.count is None
    counting.complete([undated], [], "Les trois suspects sont en garde à vue.")
    assert undated.count == 3


def test_a_sentence_that_tells_no_event_still_gives_its_paragraphs_operation_its_values():
    """A judicial step is no event, but "Au total, six suspects sont en garde à vue et seront jugés"
    is the count of the operation of its paragraph (never of an earlier paragraph's)."""
    seizure = _event("seizure", date(2022, 6, 17), date(2022, 6, 17), drugs=[("cannabis", 90, "kg")])
    seizure.evidence = "Les gendarmes ont trouvé 90 kilos de zamal."
    counting.excluded_details([seizure], "Au total, six suspects sont en garde à vue et seront jugés.")
    assert seizure.count == 6
    other = _event("seizure", date(2022, 6, 17), date(2022, 6, 17))
    counting.excluded_details([], "Au total, six suspects sont en garde à vue.")
    assert other.count is None


def test_the_exact_amount_of_a_rough_seizure_told_in_the_next_paragraph():
    """ "plus d'un tiers de tonne" then, a paragraph below, "pour un total de 372 kilogrammes" with the cash (fixture
    470); an amount far from the rough one is another seizure's and changes nothing."""
    rough = _event("seizure", date(2023, 9, 1), date(2023, 9, 30), drugs=[("cannabis", 333.333333, "kg")])
    rough.evidence = "les gendarmes avaient réalisé une saisie de plus d'un tiers de tonne de résine de cannabis."
    counting.complete([rough], [], "Une somme de 18.000 euros avait été découverte, pour 372 kilogrammes de résine.")
    assert (rough.drugs[0]["quantity"], rough.cash_eur) == (372, 18000)
    again = _event("seizure", date(2023, 9, 1), date(2023, 9, 30), drugs=[("cannabis", 333.333333, "kg")])
    again.evidence = rough.evidence
    counting.complete([again], [], "Une somme de 5.000 euros a été saisie avec 12 kilogrammes de résine.")
    assert (again.drugs[0]["quantity"], again.cash_eur) == (333.333333, None)
    assert _drugs("133 gr de cocaïne") == {("cocaine", "kg"): 0.133}  # "gr", as a court report writes grammes


def test_a_running_tally_gives_no_event_its_toll():
    """ "On compte déjà onze morts et une trentaine de blessés depuis le début de l'année" counts the year, not the
    shooting told before it (fixture 471)."""
    assert quantities.VALUES["tally"].search("On compte trois morts déjà, une dizaine de blessés et des tirs recensés")
    assert not quantities.VALUES["tally"].search("En mars déjà, un adolescent avait été tué par balle.")
    recalled = _event("shooting", date(2024, 3, 4), date(2024, 3, 4))
    counting.complete([recalled], [recalled], "On compte déjà onze morts depuis le début de l'année dans la ville.")
    assert (recalled.killed, recalled.injured) == (None, None)


def test_a_pack_s_size_is_no_amount_and_a_restated_total_replaces_the_sum():
    # fixture 534: "en pains de 250 g" is the size of the packs; "12 ballots de 25 kilos" is 300 kilos, and "soit un
    # total de plus de 0,7 tonne" says the same drugs again
    assert _drugs("Ils ont saisi 2 kg de cocaïne en pains de 250 g et 300 grammes d'héroïne.") == {
        ("cocaine", "kg"): 2.0,
        ("heroin", "kg"): 0.3,
    }
    text = "Les douaniers ont découvert 12 ballots de 25 kilos de résine de cannabis."
    assert _drugs(text) == {("cannabis", "kg"): 300}
    text = "Ils ont trouvé 25 sacs de 30 kg de résine, soit un total de plus de 0,7 tonne de drogue."
    assert _drugs(text) == {("cannabis", "kg"): 700}


def test_bangue_chombos_a_carabine_and_the_value_of_the_drugs():
    # fixture 535: Mayotte's bangué is cannabis and its chombo a machete (other); a carabine is a rifle, no shotgun
    assert _drugs("Les policiers avaient saisi 25 kilos de bangué dans une voiture.") == {("cannabis", "kg"): 25}
    assert quantities.weapons("des jeunes armés de chombos") == [{"kind": "other", "count": None}]
    assert quantities.weapons("une carabine 22 long rifle", seized=True) == [{"kind": "other", "count": 1}]
    # what the drugs are worth, said anywhere in the clause, is no cash seized
    text = "La drogue saisie aurait une valeur marchande de plus de 150 000 €."
    assert quantities.cash(text) is None
    assert quantities.cash("Ils ont saisi 2 kg de résine, la perquisition ayant permis de saisir 1 500 euros.") == 1500


def test_a_toll_in_a_clause_of_its_own_completes_the_category_the_event_s_clause_left_out():
    # fixture 535: "un homme a été tué par balle et deux de ses amis ont été légèrement blessés": 1 killed, 2 injured
    assert quantities.casualties("et deux de ses amis ont été légèrement blessés") == (None, 2)
    event = Event(type="shooting")
    clauses = ["Samedi, un homme de 30 ans a été tué par balle", "et deux de ses amis ont été légèrement blessés."]
    counting.values(event, clauses[0], " ".join(clauses), False, lambda: clauses[1:])
    assert (event.killed, event.injured) == (1, 2)


def test_one_seizure_told_on_a_road_then_near_a_town_keeps_the_more_precise_place():
    # fixture 531: "saisis sur l'autoroute" in the lead (the département, geo_precision 3), "sur la RN19, à hauteur de
    # Lure" in the body (a locality near a town, 2): one event, at the place said more precisely
    day = date(2024, 4, 25)
    lead = Event("seizure", None, "70", "l'autoroute", 3, day, day)
    body = Event("seizure", None, "70", "sur la RN19, à hauteur de Lure", 2, day, day)
    (one,) = counting.merge([lead, body])
    assert (one.place, one.geo_precision) == ("sur la RN19, à hauteur de Lure", 2)


def test_a_substance_added_to_a_measured_one_without_an_amount_is_listed_with_no_quantity():
    # fixture 537: "80 grammes de cocaïne et de la résine de cannabis": the resin too, amount unknown
    text = "Les occupants transportaient 80 grammes de cocaïne et de la résine de cannabis."
    assert _drugs(text) == {("cocaine", "kg"): 0.08, ("cannabis", None): None}
    # with no amount at all, every substance named is listed as before
    text = "Les gendarmes ont découvert de l'héroïne, du cannabis, de la cocaïne et des billets."
    assert _drugs(text) == {("heroin", None): None, ("cocaine", None): None, ("cannabis", None): None}
    # an indefinite amount of several substances coordinated (fixture 861): each, amount unknown
    text = "Plusieurs kilos de stupéfiants dont du crack, de l'ecstasy et de l'herbe de cannabis ont été saisis."
    assert _drugs(text) == {("crack", None): None, ("synthetic", None): None, ("cannabis", None): None}
    # a list of substances after one indefinite amount or pack (fixtures 1080, 1081): each, amount unknown
    text = "Ils ont saisi plusieurs dizaines de grammes d'héroïne et de cocaïne, ainsi que 2 400 euros."
    assert _drugs(text) == {("heroin", None): None, ("cocaine", None): None}
    text = "Ils ont découvert des sachets de résine, cocaïne ou ecstasy, ainsi que des traces de crack."
    assert _drugs(text) == {
        ("cannabis", None): None,
        ("cocaine", None): None,
        ("synthetic", None): None,
        ("crack", None): None,
    }
    text = "Quelques grammes de produits stupéfiants (héroïne et herbe de cannabis) ont été retrouvés."
    assert _drugs(text) == {("heroin", None): None, ("cannabis", None): None}
    # the list ends at the first word that is none of a list's: the cash is no substance, the resin after it is added
    # only as a substance coordinated with an amount read (and_some)
    text = "Ils ont découvert des sachets de cocaïne, 500 euros et de la résine."
    assert _drugs(text) == {("cocaine", None): None, ("cannabis", None): None}
    # substances a clause of the trade names, before a colon, are not coordinated with the amount after it (862)
    text = "Le groupe revendait de l'héroïne, du crack et de l'ecstasy : « Nous avons saisi 150 grammes de cocaïne »."
    assert _drugs(text) == {("cocaine", "kg"): 0.15}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("dix-huit", 18), ("vingt-et-un", 21), ("quatre-vingt-dix", 90), ("soixante-dix", 70), ("trois", 3)],
)
def test_a_number_written_in_hyphenated_words_is_read_whole(text, expected):
    assert quantities.number_word(text) == expected
    assert quantities.arrested(f"{text} personnes ont été interpellées") == expected  # not "huit" of "dix-huit"


def test_a_number_word_begins_a_word():
    # fixtures 864, 865: "adolescent" holds "cent", "jeune" holds "une", "chacun" holds "un": none is a number
    assert quantities.casualties("un adolescent blessé par balle") == (None, 1)
    assert quantities.casualties("Un adolescent a été tué par balle.") == (1, None)
    assert quantities.same_victim("Le jeune homme a été touché au bras puis conduit aux urgences.")


def test_one_person_told_with_a_participle_is_one_injured():
    # fixture 863: "Une jeune femme blessée dans sa cuisine"; the dead victim's own wound stays the death's
    assert quantities.casualties("Une jeune femme blessée dans sa cuisine a été soignée sur place.") == (None, 1)
    assert quantities.casualties("Un homme grièvement blessé lors des tirs") == (None, 1)
    assert quantities.casualties("Un homme blessé par balle est décédé à l'hôpital.") == (1, None)


def test_a_resale_value_is_no_cash_and_a_sawn_off_gun_is_a_shotgun():
    # fixture 866
    assert quantities.cash("Cette herbe représentait près de 90 000 euros à la revente.") is None
    assert quantities.cash("Le lot valait 65.000 euros à la revente.") is None
    assert quantities.weapons("ils ont saisi deux pistolets et un fusil à canons sciés", seized=True) == [
        {"kind": "shotgun", "count": 1},
        {"kind": "handgun", "count": 2},
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En soirée, une douzième interpellation a été menée.", 12),
        ("Une cinquième a subi le même sort en fin de journée.", 5),
        ("Un troisième suspect a été interpellé mardi.", 3),
        ("Une neuvième personne a été placée en garde à vue.", 9),
        ("Le premier suspect a été arrêté dans une cave.", None),  # one of those counted, no count
    ],
)
def test_an_arrest_told_by_its_rank_is_the_running_total(text, expected):
    assert quantities.arrested(text) == expected


def test_a_rank_past_the_count_raises_it_and_a_count_told_before_its_operation_is_its_own():
    # fixture 868: "Huit jeunes … étaient en garde à vue" ¶ "Les policiers les avaient arrêtés …" ¶ "Une neuvième …"
    seizure = _event("seizure", date(2024, 10, 1), date(2024, 10, 1))
    counting.counted_before("Huit jeunes étaient toujours en garde à vue mercredi soir.", [seizure], date(2024, 10, 3))
    assert seizure.count == 8
    counting.complete([seizure], [seizure], "Une neuvième personne a subi le même sort dans la soirée.")
    assert seizure.count == 9
    counting.complete([seizure], [seizure], "Une quatrième personne a été interpellée.")  # a rank below: no change
    assert seizure.count == 9
    told = _event("seizure", date(2024, 10, 1), date(2024, 10, 1))
    counting.counted_before("En 2019, huit personnes avaient été interpellées.", [told], date(2024, 10, 3))
    assert told.count is None  # another time


def test_drugs_measured_just_before_the_paragraph_s_first_seizure_are_its_amounts():
    # fixture 868: "La serre, qui abritait près de 150 pieds de cannabis, …" then "les gendarmes ont découvert la
    # plantation"
    seizure = _event("seizure", date(2024, 9, 30), date(2024, 9, 30))
    counting.counted_before(
        "La serre, qui abritait près de 150 pieds de cannabis, était cachée.", [seizure], date(2024, 10, 3)
    )
    assert seizure.drugs == [{"substance": "cannabis", "quantity": 150, "unit": "plants"}]
    named = _event("seizure", date(2024, 9, 30), date(2024, 9, 30), drugs=[("cocaine", None, None)])
    counting.counted_before("La serre abritait 150 pieds de cannabis.", [named], date(2024, 10, 3))
    assert named.drugs == [{"substance": "cocaine", "quantity": None, "unit": None}]  # another substance: not its


def test_a_toll_told_on_a_day_of_its_own_goes_to_the_recent_violence_of_that_day():
    # fixture 863: projectiles "entre le 20 et le 22 septembre", a shooting on the 29th, then "deux gendarmes blessés
    # samedi 21 septembre": the toll is the projectiles', not the shooting's, and not lost
    earlier = _event("intimidation", date(2024, 9, 20), date(2024, 9, 22))
    latest = _event("shooting", date(2024, 9, 29), date(2024, 9, 29), injured=1)
    counting.complete([earlier, latest], [], "La préfecture a fait état de deux gendarmes blessés samedi 21 septembre.")
    assert (earlier.killed, earlier.injured) == (None, 2) and (latest.killed, latest.injured) == (None, 1)
    recalled = _event("intimidation", date(2024, 9, 1), date(2024, 9, 30))
    counting.complete([recalled, latest], [], "En septembre 2021, un jeune avait été abattu.")  # a month: another event
    assert (recalled.killed, recalled.injured) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # fixture 1082: number words joined by spaces around "cent" and "mille"; a mass written "demi-kilo"
        ("plus de trois cents grammes d'herbe", {("cannabis", "kg"): 0.3}),
        ("un kilo trois cents grammes d'héroïne", {("heroin", "kg"): 1.3}),
        ("deux mille cinq cents pieds de cannabis", {("cannabis", "plants"): 2500}),
        ("un demi-kilo de résine", {("cannabis", "kg"): 0.5}),
        ("une demi-tonne de cocaïne", {("cocaine", "kg"): 500}),  # read once, as a share of a tonne
        ("entre deux et trois kilos de résine", {("cannabis", "kg"): 3}),  # "et" joins no number words
    ],
)
def test_number_words_joined_by_spaces_and_a_hyphenated_half_kilo(text, expected):
    assert _drugs(text) == expected

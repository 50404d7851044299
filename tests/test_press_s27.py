"""Session 27 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on). Denials and senses (rules/qualifiers.toml, rules/words.toml): a prosecutor who does not confirm
the trade's tie denies nothing; police whose eye something caught, or a thing that strikes a visitor, arrested nobody;
a storm that "s'abat" shot nobody; a find joined by "ni" to what did not happen did not happen either; a victim found
is no seizure; an operation the police did not carry out, every occurrence ("chaque saisie") and a hypothesis in the
present ("si l'on interpelle") are no event. Tallies and trends (rules/operations.toml, rules/exclusions.toml): what
months or years add up to, a rise of seizures, a short question guessing a motive. Places (geography.py): a region is
no district of the article's town; a town and the communes around it, and the region of a town, are an area of its
département; a school named after a saint is no commune. Dates, counts and values: "la veille" counts from the story's
day for every clause of its sentence (extract.py); a toll goes to the latest violence dated by its own words
(counting.py); another search some days before is another seizure (recalls.another); "un kilo et demi", "deux
personnes sont mortes", "avait pris une balle" (rules/values.toml); a point de deal "à l'arrêt" is dismantled
(territory.py). Drawn from the blind sets once measured: vehicles stopped are no arrest (rules/words.toml
vehicle.stopped), points a network supplied make no point of a headline's "trafic démantelé" (territory.py), a weapon
and a newspaper are no place names; communes listed after "à savoir" are the operation's area (operations.py)."""

from datetime import date

import pytest
from conftest import extracted, placed

from vigie.press import counting, geography, quantities, recalls
from vigie.press.schema import Event

TITLE = "Trafic de drogue à Vierzon"


def test_a_tie_to_the_trade_left_unconfirmed_is_no_denial(extractor):
    text = (
        "Mercredi soir, plusieurs détonations ont retenti à Vierzon, près d'un point de deal selon des riverains. "
        "Le procureur de Bourges, saisi du dossier, ne confirme pas à ce stade un lien avec le trafic de drogue."
    )
    assert placed(extractor, "Des tirs à Vierzon", text) == [("shooting", "18279", "18", 1)]
    # a denial stays one: the same violence the prosecutor says is no trade's is no event
    denied = text.replace(
        "ne confirme pas à ce stade un lien avec le trafic", "assure que les faits ne relèvent pas du trafic"
    )
    assert placed(extractor, "Des tirs à Vierzon", denied) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mardi, en patrouille à Vierzon, les policiers sont interpellés par la présence d'une Clio garée près d'un "
        "point de deal.",
        "Mardi, à Vierzon, le comportement d'un automobiliste interpelle les gendarmes, près d'un point de deal.",
        "Mardi, une patrouille de gendarmes a été interpellée par une forte odeur de cannabis, à Vierzon.",
    ],
)
def test_police_whose_eye_something_caught_arrested_nobody(extractor, text):
    assert placed(extractor, TITLE, text) == []


def test_police_who_interpellent_persons_arrest_them(extractor):
    text = "Mardi, à Vierzon, les policiers ont interpellé deux hommes soupçonnés de trafic de cannabis."
    assert placed(extractor, TITLE, text) == [("arrest", "18279", "18", 1)]


def test_a_storm_that_s_abat_shot_nobody(extractor):
    storm = "Mardi, un violent orage s'était abattu sur Vierzon, près d'un point de deal."
    assert placed(extractor, TITLE, storm) == []
    shot = "Mardi soir, un homme a été abattu à Vierzon, sur fond de trafic de drogue."
    assert placed(extractor, TITLE, shot) == [("shooting", "18279", "18", 1)]


def test_stones_that_s_abattent_on_the_police_are_an_intimidation(extractor):
    text = "Mardi soir, une pluie de projectiles s'est abattue sur les policiers venus contrôler un dealer à Vierzon."
    assert [e[0] for e in placed(extractor, TITLE, text)] == ["intimidation"]


@pytest.mark.parametrize(
    "text",
    [
        "Mardi à Vierzon, aucune interpellation n'a eu lieu, ni drogue trouvée lors du contrôle.",
        "Mardi à Vierzon, ni arme ni drogue n'ont été découvertes lors de la fouille du véhicule.",
    ],
)
def test_a_find_joined_by_ni_to_what_did_not_happen_did_not_happen(extractor, text):
    assert placed(extractor, TITLE, text) == []


def test_ni_plus_ni_moins_denies_nothing(extractor):
    text = "Mardi à Vierzon, les gendarmes ont saisi 3 kilos de cannabis, ni plus ni moins."
    assert placed(extractor, TITLE, text) == [("seizure", "18279", "18", 1)]


def test_a_region_is_no_district_of_the_article_town(extractor):
    text = "En avril, un couple a été interpellé dans le Grand Est en possession de 2 kg d'héroïne."
    assert placed(extractor, "Vierzon : un convoi d'héroïne", text) == [("seizure", None, None, 3)]


def test_a_victim_found_is_no_seizure(extractor):
    text = (
        "Touchée par arme à feu au thorax, la victime a été retrouvée gisant au sol par des voisins, à Vierzon, "
        "sur fond de trafic de drogue."
    )
    assert [e[0] for e in placed(extractor, TITLE, text)] == ["shooting"]
    found = "L'homme a été retrouvé en possession de 2 kilos de cannabis mardi à Vierzon."
    assert placed(extractor, TITLE, found) == [("seizure", "18279", "18", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Selon la préfecture, 9 points de deal ont été démantelés en trois ans à Vierzon.",
        "Les quantités de cocaïne saisies ces dernières années à Vierzon inquiètent le préfet.",
        "À Vierzon, 40 personnes ont été interpellées en six mois pour trafic de stupéfiants.",
    ],
)
def test_what_months_or_years_add_up_to_is_no_event(extractor, text):
    assert placed(extractor, TITLE, text) == []


def test_a_school_named_after_a_saint_is_no_commune(extractor):
    text = "Mardi, des élèves du lycée professionnel privé Sainte-Marie de Vierzon ont été menacés par des dealers."
    assert "97418" not in [e[1] for e in placed(extractor, "Des lycéens menacés de mort", text)]  # not Sainte-Marie


def test_an_operation_the_police_did_not_carry_out_is_no_event(extractor):
    text = "La circulation étant calme, les gendarmes n'ont pas réalisé de gros coup de filet mardi à Vierzon."
    assert placed(extractor, TITLE, text) == []


def test_a_point_de_deal_halted_is_dismantled(extractor):
    text = "Après une descente des gendarmes lundi à Vierzon, le point de deal des Glycines est à l'arrêt."
    assert placed(extractor, TITLE, text) == [("dealing_point", "18279", "18", 1)]


def test_la_veille_of_a_sentence_counts_from_the_story_day_for_each_of_its_clauses(extractor):
    text = (
        "Jeudi 6 mars au matin, deux jeunes ont été abattus à Vierzon. "
        "La veille au soir, un homme de 30 ans a été tué et deux de ses amis blessés par balles au pied d'un "
        "immeuble de Bourges. "
        "À Bourges, mercredi soir, des hommes armés de fusils ont ouvert le feu sur un point de deal."
    )
    events = extracted(extractor, "Deux fusillades dans le Cher", text, date(2025, 3, 6))
    bourges = [e for e in events if e.commune == "18033"]
    assert [(e.date_start, e.date_end) for e in bourges] == [(date(2025, 3, 5), date(2025, 3, 5))]


def test_a_toll_goes_to_the_latest_violence_dated_by_its_own_words():
    """A shooting mentioned in passing ("Après Brest et Lorient, Vannes connaît à son tour les fusillades") takes the
    article's date by default; "Ces tirs n'ont fait aucun blessé" is of the shooting told with its own night."""
    told = Event("shooting", "18279", "18", date_start=date(2025, 3, 11), date_end=date(2025, 3, 12), own_date=True)
    passing = Event("shooting", "37261", "37", date_start=date(2025, 3, 14), date_end=date(2025, 3, 14))
    counting.complete([told, passing], [], "Aucun blessé n'est à déplorer après ces tirs, entendus vers une heure.")
    assert (told.killed, told.injured) == (0, 0)
    assert (passing.killed, passing.injured) == (None, None)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("un kilo et demi d'herbe", ("cannabis", 1.5)),
        ("trois kilos et demi d'herbe", ("cannabis", 3.5)),
        ("une tonne et demie de résine", ("cannabis", 1500)),
        ("2 kg et demi de cocaïne", ("cocaine", 2.5)),
    ],
)
def test_a_unit_and_a_half(text, amount):
    assert [(d["substance"], d["quantity"]) for d in quantities.drugs(f"Les douaniers ont saisi {text}.")] == [amount]


def test_persons_who_died_are_counted_whatever_their_gender():
    assert quantities.casualties("Deux personnes sont mortes dans un règlement de comptes.")[0] == 2
    assert quantities.casualties("Trois victimes sont décédées à l'hôpital.")[0] == 3
    assert quantities.casualties("En juillet, un adolescent décédait, touché par une balle perdue.")[0] == 1


def test_a_find_of_another_search_some_days_before_is_another_seizure(extractor):
    text = (
        "Les policiers ont interpellé six personnes ce mardi 11 mars à Vierzon dans une opération contre le trafic de "
        "stupéfiants.\n\nChez l'un des suspects, les enquêteurs ont découvert 300 g de cocaïne et un fusil. Lors "
        "d'une autre perquisition menée quelques jours plus tôt, un pistolet et des munitions avaient été trouvés "
        "chez un complice."
    )
    events = extracted(extractor, "Vierzon : six interpellations", text)
    assert sorted((e.type, e.date_start, e.date_end) for e in events) == [
        ("seizure", date(2025, 3, 4), date(2025, 3, 10)),
        ("seizure", date(2025, 3, 11), date(2025, 3, 11)),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "à Vierzon et dans dix communes des alentours",
        "à Vierzon et dans les communes voisines",
        "à Vierzon et dans sa région",
    ],
)
def test_a_town_and_the_communes_around_it_are_an_area_of_its_departement(extractor, said):
    text = f"Mardi 4 mars, les gendarmes ont interpellé 12 personnes et saisi 2 kilos de cannabis {said}."
    assert placed(extractor, "Trafic de drogue dans le Cher", text) == [("seizure", None, "18", 3)]


@pytest.mark.parametrize(
    ("said", "departement"), [("dans la région de Vierzon", "18"), ("dans la région grenobloise", "38")]
)
def test_an_operation_in_the_region_of_a_town_is_an_area_of_its_departement(extractor, said, departement):
    text = f"Mardi 4 mars, les gendarmes ont interpellé 12 personnes et saisi 2 kilos de cannabis {said}."
    assert placed(extractor, "Trafic de drogue : 12 interpellations", text) == [("seizure", None, departement, 3)]


def test_a_count_of_persons_over_the_region_is_still_no_event(extractor):
    text = "Cette année, 85 suspects ont été arrêtés pour trafic de drogue dans la région."
    assert placed(extractor, "Trafic de drogue : le bilan", text) == []


def test_mortar_fire_told_with_nobody_hit_is_no_shooting():
    """The toll's rule counting added ("Personne n'a été blessé") does not make a bare "tir" of mortars a shooting."""
    title, text = "Vierzon : une patrouille visée", "Une patrouille a essuyé des tirs de mortiers."
    day = date(2025, 6, 13)
    shot = Event("shooting", "18279", "18", date_start=day, date_end=day, killed=0, injured=0)
    shot.rules = ["shooting.tir", "counting.nobody_hit_in_paragraph"]
    attack = Event("intimidation", "18279", "18", date_start=day, date_end=day, rules=["intimidation.tirs_de_mortier"])
    assert recalls.not_the_trades(title, text, [shot, attack]) == [attack]


@pytest.mark.parametrize(
    "text",
    [
        "Mais à Vierzon, chaque arrestation de dealer laisse place à une nouvelle équipe.",
        "À chaque saisie à Vierzon, les trafiquants changent de méthode.",
        "Si l'on interpelle un guetteur à Vierzon, un autre prend aussitôt sa place.",
        "Dès l'entrée de la cité, à Vierzon, le délabrement du hall interpelle les visiteurs, près d'un point de deal.",
    ],
)
def test_every_occurrence_a_hypothesis_or_what_strikes_a_visitor_is_no_event(extractor, text):
    assert placed(extractor, TITLE, text) == []


def test_a_si_told_in_the_past_keeps_its_event(extractor):
    text = "Si deux hommes ont été interpellés mardi à Vierzon, le chef du réseau court toujours."
    assert placed(extractor, TITLE, text) == [("arrest", "18279", "18", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Selon le directeur régional des douanes, il y a une explosion des saisies de cocaïne à Vierzon.",
        "On note une hausse des saisies de cannabis à Vierzon.",
    ],
)
def test_a_trend_of_seizures_is_no_seizure(extractor, text):
    assert placed(extractor, TITLE, text) == []


def test_a_short_question_guessing_a_motive_tells_no_event(extractor):
    text = (
        "Mardi soir, plusieurs coups de feu ont visé la façade d'un immeuble à Vierzon, près d'un point de deal. "
        "Personne n'a été blessé.\n\nIntimidation entre bandes rivales ?\n\nLes enquêteurs n'écartent aucune piste."
    )
    assert [e[0] for e in placed(extractor, "Vierzon : des tirs sur un immeuble", text)] == ["shooting"]


def test_a_count_over_years_is_no_event_whatever_day_the_paragraph_gives(extractor):
    text = (
        "Mardi 11 mars, le préfet a présenté son plan contre le trafic de drogue à Vierzon. "
        "Selon lui, neuf points de deal du quartier ont été fermés en trois ans."
    )
    assert "dealing_point" not in [e[0] for e in placed(extractor, TITLE, text)]


def test_communes_listed_after_a_savoir_are_the_operation_s_area(extractor):
    text = (
        "Mardi 4 mars, douze personnes ont été interpellées dans quatre communes du nord du département, à savoir "
        "Vierzon, Méry-sur-Cher, Thénioux et Massay, dans une enquête sur un trafic de cannabis."
    )
    assert placed(extractor, "Cher : un trafic démantelé", text) == [("arrest", None, "18", 3)]


@pytest.mark.parametrize(
    "text",
    ["Un passant de 52 ans reçoit une balle perdue dans l'épaule.", "Un lycéen avait pris une balle dans la jambe."],
)
def test_a_person_who_took_a_bullet_is_one_injured(text):
    assert quantities.casualties(text) == (None, 1)


def test_a_weapon_and_a_newspaper_are_no_place_names():
    """ "à la Kalachnikov" was read as a place (the headline's, in an article naming only its département), and so
    was "le Dauphiné Libéré", an outlet spelt with its capital."""
    said = "Vendredi soir, un homme a ouvert le feu à la Kalachnikov dans deux quartiers de Vierzon."
    assert [m.surface for m in geography.surfaces(said)] == ["Vierzon"]
    assert geography.OUTLET.search("Dauphiné Libéré")


def test_vehicles_stopped_are_no_arrest(extractor):
    text = (
        "Mercredi, quatre-vingts voitures ont été arrêtées par la police et les douanes à Vierzon. "
        "Le mois dernier, trois véhicules avec de la drogue avaient été arrêtés."
    )
    assert placed(extractor, "Vierzon : contrôles routiers contre le trafic de drogue", text) == []
    # a vehicle stopped with goods is still a seizure
    goods = "Mardi, les douaniers ont arrêté une voiture avec 40 kilos de résine à Vierzon."
    assert placed(extractor, "Vierzon : saisie de drogue", goods) == [("seizure", "18279", "18", 1)]


def test_points_a_network_supplied_do_not_make_the_headline_s_trafic_demantele_a_point(extractor):
    text = (
        "Mardi, douze personnes ont été interpellées à Vierzon et 3 kilos de cannabis saisis. "
        "Le réseau alimentait de nombreux points de deal du département."
    )
    assert [e[0] for e in placed(extractor, "Un trafic démantelé à Vierzon", text)] == ["seizure"]


def test_a_toll_split_over_two_clauses_counts_the_dead_and_the_wounded(extractor):
    text = (
        "Mercredi soir, un homme de 30 ans a été tué et deux de ses amis blessés par balles au pied d'un immeuble de "
        "Vierzon, sur fond de trafic de drogue."
    )
    events = extracted(extractor, "Fusillade à Vierzon", text)
    assert [(e.type, e.killed, e.injured) for e in events] == [("shooting", 1, 2)]


def test_crack_of_cocaine_is_crack():
    found = quantities.drugs("Les policiers ont trouvé 4 grammes de crack de cocaïne dans sa poche.")
    assert [(d["substance"], d["quantity"]) for d in found] == [("crack", 0.004)]

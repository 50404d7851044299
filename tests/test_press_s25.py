"""Session 25 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on): a compass point before another place is a side of it, not the Nord (places.COMPASS_AFTER,
geography.DEPARTEMENT_PLACE); a village placed by the town the words after it name ("à X, près de Y") is that village
wherever the article is, and a name far from that town is a part of it (geography.LOCATED_AFTER); an airport said by its
own name alone ("à Paris-Orly") is its commune's (rules/sites.toml); a paragraph that tells no event leads the next
one in with the town it located last, across a subheading that names none (extract._article, lead_in); a district the
article named is the same said with other little words (geography.without_particles); premises listed each with its
town are one operation over them (geography.PREMISES_LISTED); a find denied by "ni … ni" (rules/qualifiers.toml
negation.ne_ni_objet, with the lemma of "ni" mended in rules/lemmas.toml); a clause that refers back ("Lors de ces
affrontements") takes the day of the story told before it (extract.THESE, rules/words.toml date.unfolded); an event
whose sentence names no place is where the next sentence says it took place (extract.Extractor._placed_after); a find
told by a participle that shares an arrest's auxiliary (rules/triggers.toml seizure.et_trouve), and the cash after
"revendeurs" (rules/values.toml not_cash); a birth is no date (dates._resolve) nor place (geography.ORIGIN); the
home an event was told at is no scene, but "le domicile" said again is there (geography.SAME_HOME); an operation
placed by the département its headline names is placed by those words, not the whole headline
(operations.operation_area); a district the article names is not of the town of a unit come to help ("la BAC de X",
geography.ArticlePlaces._sentence_town, _paragraph_town); near a site of a town ("au niveau du Carrefour de X") is in
the town (geography.ArticlePlaces._resolve); goods come upon ("sont tombés sur 14 kilos") are a seizure
(rules/triggers.toml seizure.tomber_sur), and so are goods "dénichés", "confisqués", plants "arrachés", goods on which
the police "ont fait main basse" or "retirés de la circulation" (seizure.deniche_confisque, main_basse, plants_arraches,
retire_de_la_circulation); a target of bullets (shooting.cible_de_balles, vise_par_des_balles) and a point that
"a vu le jour" (territory.APPEARED_MORE); persons who "se sont fait interpeller", a team "mise hors d'état de nuire"
(arrest.se_faire_arreter, hors_d_etat_de_nuire), dealers who "ont intimidé" (intimidation.intimider)."""

from datetime import date

import pytest
from conftest import extracted, placed

from vigie.press.geography import ArticlePlaces


def test_a_compass_point_before_another_place_is_a_side_of_it(extractor):
    side = "Mercredi 12 mars, neuf revendeurs de cocaïne ont été arrêtés dans le Nord de l'Isère."
    assert placed(extractor, "Bourgoin-Jallieu : un trafic démantelé", side) == [("arrest", None, "38", 3)]
    # the Nord itself stays the département, and a town of it the town
    nord = "Mercredi 12 mars, neuf revendeurs de cocaïne ont été arrêtés dans le Nord."
    assert placed(extractor, "Trafic", nord) == [("arrest", None, "59", 3)]
    town = "Douai : un trafic démantelé"
    assert placed(extractor, town, "Mercredi, neuf revendeurs de cocaïne ont été arrêtés dans le Nord.") == [
        ("arrest", "59178", "59", 1)
    ]


def test_a_village_placed_by_the_town_named_after_it(extractor):
    text = (
        "Les réseaux de Lyon (Rhône) essaiment. Un revendeur lyonnais de cocaïne a été interpellé lundi 10 mars à "
        "Plerneuf, près de Saint-Brieuc."
    )
    assert placed(extractor, "Lyon : la drogue part vers l'ouest", text) == [("arrest", "22188", "22", 1)]
    # without the town after it, the small village far from the article's towns is no place
    bare = text.replace(", près de Saint-Brieuc", "")
    assert ("arrest", "22188", "22", 1) not in placed(extractor, "Lyon : la drogue part vers l'ouest", bare)
    # a homonym near the town named after it: "Saint-Denis, au nord de Paris", not the one of La Réunion
    north = "Un grossiste de cannabis a été arrêté jeudi 6 mars à Saint-Denis, au nord de Paris."
    assert placed(extractor, "Un grossiste tombe", north) == [("arrest", "93066", "93", 1)]


def test_a_name_far_from_the_town_named_after_it_is_part_of_it(extractor):
    text = (
        "Un policier a failli être touché : le commissariat de la Vauvert, dans le nord de Toulon, a été visé par un "
        "coup de feu mardi soir. Le quartier est miné par le trafic de stupéfiants."
    )
    events = placed(extractor, "Un tir sur un commissariat, le trafic de drogue soupçonné", text, date(2025, 3, 12))
    assert events == [("shooting", "83137", "83", 1)]  # not Vauvert, a town of the Gard


def test_an_airport_said_by_its_own_name_is_its_communes(extractor):
    text = "Mardi 4 mars, deux passagers venant de Cayenne ont été arrêtés à Paris-Orly avec 3 kilos de cocaïne."
    assert placed(extractor, "Nantes : un réseau de mules démantelé", text) == [("seizure", "94054", "94", 1)]


def test_a_paragraph_without_event_leads_in_with_the_town_it_located(extractor):
    text = (
        "Les douaniers de Montpellier ont eu du flair. Le 2 mars, ils contrôlent une camionnette au péage de "
        "Lançon-Provence, sur l'autoroute A7. Son chauffeur, un Néerlandais, dit transporter des meubles.\n\n"
        "Une cache derrière les meubles\n\n"
        "Sous une bâche, les agents trouvent 45 kilos de résine de cannabis."
    )
    events = placed(extractor, "Les douaniers de Montpellier saisissent 45 kilos de résine", text)
    assert events == [("seizure", "13051", "13", 1)]


def test_a_district_said_again_with_other_little_words_is_the_same(extractor):
    text = (
        "Des tirs ont visé lundi soir un immeuble du quartier du Luc des Rosiers, à Draguignan, sur fond de trafic de "
        "drogue.\n\nDes coups de feu avaient déjà été tirés au Luc de Rosiers le 2 février."
    )
    events = placed(extractor, "Draguignan : nouveaux tirs", text, date(2025, 3, 12))
    assert {commune for _, commune, *_ in events} == {"83050"}


def test_premises_listed_each_with_its_town_are_one_operation(extractor):
    text = (
        "Le 4 mars, 200 pieds de cannabis ont été découverts dans un hangar à Haguenau, une maison à Brumath et un "
        "garage à Saverne."
    )
    assert placed(extractor, "Bas-Rhin : trois plantations démantelées", text) == [("seizure", None, "67", 3)]
    # two towns only: the first one's, as before
    two = "Le 4 mars, 200 pieds de cannabis ont été découverts dans un hangar à Haguenau et une maison à Brumath."
    assert ("seizure", None, "67", 3) not in placed(extractor, "Bas-Rhin : deux plantations", two)


def test_a_find_denied_by_ni_ni_is_no_seizure(extractor):
    text = (
        "Des coups de feu ont retenti dimanche soir dans la cité des Merisiers, à Trappes, sur fond de trafic de "
        "drogue. Sur place, les policiers n'ont découvert ni victime, ni arme, ni étui."
    )
    assert [t for t, *_ in placed(extractor, "Trappes : des tirs dans la nuit", text)] == ["shooting"]
    found = text.replace("n'ont découvert ni victime, ni arme, ni étui", "ont découvert une arme et des étuis")
    assert "seizure" in [t for t, *_ in placed(extractor, "Trappes : des tirs dans la nuit", found)]


def test_a_clause_referring_back_takes_the_day_of_the_story(extractor):
    text = (
        "Lundi 3 mars au soir, les choses ont dégénéré au Mail, à Chambéry, entre des jeunes et des revendeurs de "
        "drogue.\n\nUn blessé grave\n\nAu cours de cette bagarre, un homme a été touché par une balle.\n\nUn bar a "
        "aussi été visé par des tirs mercredi 5 mars."
    )
    events = extracted(extractor, "Chambéry : tensions", text, date(2025, 3, 7))
    assert sorted(str(e.date_start) for e in events if e.type == "shooting") == ["2025-03-03", "2025-03-05"]


def test_the_sentence_after_an_unplaced_event_says_where_it_took_place(extractor):
    title = "Avignon : les saisies se multiplient"
    text = (
        "Samedi 8 mars, les gendarmes ont trouvé 2 kilos de résine dans une voiture lors d'un contrôle routier. Le "
        "contrôle se tenait à Pertuis, à la sortie du pont."
    )
    assert placed(extractor, title, text) == [("seizure", "84089", "84", 1)]
    took = text.replace("Le contrôle se tenait à Pertuis", "Les faits se sont déroulés à Pertuis")
    assert placed(extractor, title, took) == [("seizure", "84089", "84", 1)]
    # a sentence that names a town otherwise does not move it ("Le conducteur habite à Pertuis")
    home = text.replace("Le contrôle se tenait à Pertuis, à la sortie du pont", "Le conducteur habite à Pertuis")
    assert placed(extractor, title, home) == [("seizure", "84007", "84", 1)]


def test_a_find_that_shares_the_auxiliary_of_an_arrest(extractor):
    text = "Le 4 mars, les policiers ont arrêté quatre revendeurs et découvert 12 000 euros en liquide à Vierzon."
    events = extracted(extractor, "Vierzon : un trafic tombe", text)
    assert [(e.type, e.count, e.cash_eur) for e in events] == [("seizure", 4, 12000)]
    # a finding that is no goods stays an arrest
    learnt = "Le 4 mars, les policiers ont arrêté quatre revendeurs et découvert que le réseau venait de Tours."
    assert [t for t, *_ in placed(extractor, "Vierzon : un trafic tombe", learnt)] == ["arrest"]


def test_a_birth_is_no_date_nor_place_of_the_event(extractor):
    text = "Le conducteur, né en 1994 à Bayonne, transportait 6 kilos de résine de cannabis, à Dax."
    events = extracted(extractor, "Dax : saisie de résine", text)
    assert [(e.type, e.commune, e.date_start) for e in events] == [("seizure", "40088", None)]
    dated = "Le 2 mars, le conducteur, né le 3 juin 1994, transportait 6 kilos de résine de cannabis, à Dax."
    events = extracted(extractor, "Dax : saisie de résine", dated)
    assert [(e.type, e.commune, e.date_start) for e in events] == [("seizure", "40088", date(2025, 3, 2))]


def test_the_home_told_before_named_again_by_its_noun(extractor):
    text = (
        "La lutte contre le trafic de drogue s'intensifie depuis les tirs du 1er mars sur un point de deal à "
        "Montpellier.\n\nLundi 3 mars, les "
        "gendarmes ont interpellé un homme qui cultivait du cannabis à son domicile de Lunel.\n\nLes militaires ont "
        "trouvé dans le domicile 150 plants de cannabis et 2 kilos d'herbe."
    )
    events = placed(extractor, "Hérault : la lutte contre les trafics", text)
    assert ("seizure", "34145", "34", 1) in events and not any(t == "seizure" and c == "34172" for t, c, *_ in events)


def test_the_place_of_an_operation_named_by_its_departement_only_is_its_name(extractor):
    text = "Lors des perquisitions, les gendarmes ont saisi mardi plus de 30 kilos de résine de cannabis."
    for title, said in [
        ("Jura : 30 kilos de résine saisis, un homme écroué", "Jura"),
        ("Un réseau de résine tombe dans le Jura", "dans le Jura"),
    ]:
        events = extracted(extractor, title, text)
        assert [(e.type, e.commune, e.departement, e.geo_precision, e.place) for e in events] == [
            ("seizure", None, "39", 3, said)
        ]


def test_a_district_is_not_of_the_town_of_a_unit_come_to_help(extractor):
    title = "Nevers : la police s'attaque au point de deal des Glycines"
    text = (
        "Mercredi 12 mars, les policiers neversois, épaulés pour l'occasion par une équipe cynophile spécialisée dans "
        "les stupéfiants et la BAC de Clamecy, sont intervenus dans le quartier des Glycines. Le point de deal des "
        "Glycines a été démantelé et trois revendeurs interpellés."
    )
    # the district the article names is of the headline's town, not of the unit's ("la BAC de …")
    assert ArticlePlaces.read(extractor.gaz, title, text).districts["glycines"] == "58194"
    events = placed(extractor, title, text)
    assert events and {commune for _, commune, *_ in events} == {"58194"}


def test_near_a_site_of_a_town_is_in_the_town(extractor):
    text = "Mardi 11 mars, les douaniers ont saisi 2 kilos d'héroïne au niveau du Carrefour de Savenay."
    assert placed(extractor, "Loire-Atlantique : de l'héroïne saisie", text) == [("seizure", "44195", "44", 1)]
    # near the town itself stays near it
    near = text.replace("au niveau du Carrefour de Savenay", "au niveau de Savenay")
    assert placed(extractor, "Loire-Atlantique : de l'héroïne saisie", near) == [("seizure", None, "44", 2)]


def test_goods_come_upon_are_a_seizure(extractor):
    text = "Jeudi 6 mars, en fouillant un box à Vénissieux, les policiers sont tombés sur 14 kilos de résine."
    assert placed(extractor, "Vénissieux : une saisie de résine", text) == [("seizure", "69259", "69", 1)]
    # coming upon a patrol names no goods
    met = "Jeudi 6 mars à Vénissieux, un revendeur de cannabis est tombé sur une patrouille et a été interpellé."
    assert [t for t, *_ in placed(extractor, "Vénissieux : un revendeur arrêté", met)] == ["arrest"]


def test_more_verbs_of_seizing(extractor):
    title = "Bourges : saisie de drogue"
    for said in [
        "les gendarmes ont déniché 3 kilos de résine dans une cave",
        "3 kilos de résine ont été confisqués par les douaniers",
        "les policiers ont fait main basse sur 3 kilos de cocaïne",
        "les gendarmes ont arraché 200 pieds de cannabis",
        "3 kilos de cocaïne ont été retirés de la circulation",
    ]:
        assert placed(extractor, title, f"Mardi 11 mars à Bourges, {said}.") == [("seizure", "18033", "18", 1)], said
    # the same verbs with no goods make no seizure
    for said in [
        "les dealers ont fait main basse sur le quartier de la Chancellerie, sur fond de trafic de drogue",
        "le juge a confisqué le permis du trafiquant de cannabis",
    ]:
        assert "seizure" not in [t for t, *_ in placed(extractor, title, f"Mardi 11 mars à Bourges, {said}.")], said


@pytest.mark.parametrize(
    "said, kind",
    [
        ("une voiture a été la cible de plusieurs balles, sur fond de trafic de drogue", "shooting"),
        ("une façade a été visée par des balles, sur fond de trafic de drogue", "shooting"),
        ("un point de vente de drogue a vu le jour au pied d'une tour de la Chancellerie", "dealing_point"),
        ("deux revendeurs de cannabis se sont fait interpeller par la BAC", "arrest"),
        ("les gendarmes ont mis hors d'état de nuire une équipe de trafiquants de drogue", "arrest"),
        ("des guetteurs du point de deal ont intimidé des locataires", "intimidation"),
    ],
)
def test_more_words_of_shootings_points_arrests_and_threats(extractor, said, kind):
    events = placed(extractor, "Bourges : trafic de drogue", f"Mardi 11 mars à Bourges, {said}.")
    assert [t for t, *_ in events] == [kind]


@pytest.mark.parametrize(
    "said",
    [
        # a project born in a quarter the trade marks is no point de deal
        "le projet a vu le jour grâce au maire, dans un quartier miné par le trafic de drogue",
        # a wish to have them arrested is no arrest
        "le maire veut faire arrêter les dealers du quartier de la Chancellerie",
    ],
)
def test_the_same_words_telling_nothing_that_happened(extractor, said):
    assert placed(extractor, "Bourges : trafic de drogue", f"Mardi 11 mars à Bourges, {said}.") == []

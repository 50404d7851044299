"""Session 22 (issue 13): a headline near a big town over a lead that names the commune ("Près de Rennes, …" and "rue
des Landelles à Chantepie"), a rate that is no act ("une interpellation a lieu tous les deux jours",
rules/exclusions.toml sentence.statistics.frequence), a victim's judicial past that is no trial
(recalls.without_record), and three things told around a shooting that are no events of their own: the shooters' car
found burnt, the weapons that were used, the setting an arrest is told in; a motorway toll in the commune it is named
after ("au péage de Gallargues"), and a find told by where it lay, with its amount ("Dans le coffre, 300 kilos de
résine", rules/triggers.toml seizure.dans_le_coffre); a shooting told near a town, the one told in a commune beside
it, with the lead's whole toll (recalls.told_broadly); "deux autres ont été blessés" counted, a wound and its bullet
told apart, the hospital's town no place, and the wounded told dead; a charge's wording ("menace ou usage d'une
arme") and a shooting named by its rank ("l'auteur de la première fusillade"), no new events; a rest
area named after two villages; origins listed with "ou" and a network settled in a département; an amount counts the
substance named before the next number; a year's amount shared by places is a tally; a full stop glued to the next
sentence ends it (rules/operations.toml tally.year_shared_by_places). The week's parts are in test_press_places. Our
own sentences; fixtures 1160-1162 carry some of them in articles."""

from datetime import date

from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces


def where(place) -> tuple:
    return (place.code, place.departement, place.precision)


def test_a_headline_near_a_town_gives_way_to_the_commune_its_lead_names(extractor):
    title = "Près de Rennes, un point de deal fermé, trois vendeurs en garde à vue"
    text = (
        "Le point de deal, impasse des Landelles à Chantepie, était surveillé depuis l'automne. Mardi 4 mars, la "
        "police intervient avec une quarantaine d'agents. Ils seront jugés en avril par le tribunal de Rennes."
    )
    assert where(ArticlePlaces.read(extractor.gaz, title, text).main_place(title, text)) == ("35055", "35", 1)
    # a commune of another département, or far from the town, is not the one the headline is near
    far = text.replace("Chantepie", "Vitré")  # 35, 36 km from Rennes
    assert where(ArticlePlaces.read(extractor.gaz, title, far).main_place(title, far)) == (None, "35", 2)
    # nor one named only after the lead
    late = "Mardi 4 mars, la police intervient avec une quarantaine d'agents. " * 8
    late += "Un point de deal rue des Landelles à Chantepie."
    assert where(ArticlePlaces.read(extractor.gaz, title, late).main_place(title, late)) == (None, "35", 2)


def test_a_rate_is_no_event(extractor):
    text = (
        "Des coups de feu ont été tirés samedi soir dans le quartier de la Petite-Hollande, sans faire de blessé. "
        "Dans ce quartier, une interpellation pour trafic a lieu tous les deux jours, selon la police."
    )
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : des coups de feu", text=text)
    assert [(e.type, e.commune) for e in extractor.extract(article)] == [("shooting", "25388")]
    # the hours of a point told in its dismantling are no rate of the act
    text = "Samedi, les policiers ont démantelé le point de deal de la Petite-Hollande, qui ouvrait chaque jour à midi."
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : un point de deal fermé", text=text)
    assert [e.type for e in extractor.extract(article)] == ["dealing_point"]
    # an act told on its day is one
    text = "Samedi soir, dans le quartier de la Petite-Hollande, deux hommes ont été interpellés pour trafic."
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : deux interpellations", text=text)
    assert [(e.type, e.count) for e in extractor.extract(article)] == [("arrest", 2)]


def events(extractor, text, title="Des coups de feu à Saint-Priest", day=date(2025, 3, 10)):
    article = Article(id="t", date=day, title=title, text=text)
    return [(e.type, e.commune, e.date_start) for e in extractor.extract(article)]


LEAD = "Deux hommes ont été blessés par balles samedi soir à Saint-Priest, sur fond de trafic de stupéfiants. "


def test_a_victims_judicial_past_is_no_trial(extractor):
    shot = [("shooting", "69290", date(2025, 3, 8)), ("shooting", "69259", date(2025, 1, 1))]
    text = LEAD + "En janvier, un homme, qui sortait de prison après une peine pour trafic, avait été abattu "
    text += "à Vénissieux."
    assert events(extractor, text) == shot
    text = LEAD + "En janvier, un jeune de 23 ans, déjà condamné pour trafic, avait été tué par balles à Vénissieux."
    assert events(extractor, text) == shot
    # a sentence passed for the shots is still no new shooting
    text = LEAD + "En janvier, un homme a été condamné à six ans de prison pour des tirs à Vénissieux."
    assert events(extractor, text) == shot[:1]


def test_the_shooters_car_found_burnt_is_no_arson(extractor):
    text = LEAD + "Une voiture a été retrouvée peu après dans un bois près de Mions, incendiée."
    assert events(extractor, text) == [("shooting", "69290", date(2025, 3, 8))]


def test_the_weapons_that_were_used_are_no_seizure(extractor):
    text = LEAD + "Deux armes ont sans doute été utilisées, car des étuis de deux calibres ont été retrouvés sur place."
    assert events(extractor, text) == [("shooting", "69290", date(2025, 3, 8))]
    # the weapons used, seized, are a seizure
    text = LEAD + "Lundi, les armes utilisées ont été saisies chez un suspect à Saint-Priest."
    assert [kind for kind, _, _ in events(extractor, text)] == ["shooting", "seizure"]


def test_the_setting_an_arrest_is_told_in_is_no_event(extractor):
    text = (
        "Trois hommes ont été interpellés mardi à Saint-Priest pour trafic de stupéfiants, dans un contexte de tirs et "
        "de violences depuis plusieurs semaines."
    )
    assert events(extractor, text, "Saint-Priest : trois interpellations") == [("arrest", "69290", date(2025, 3, 4))]


def test_a_motorway_toll_is_in_the_commune_it_is_named_after(extractor):
    def place(text):
        article = Article(id="t", date=date(2025, 3, 10), title="Un go-fast intercepté", text=text)
        return [(e.commune, e.geo_precision) for e in extractor.extract(article)]

    said = "Mercredi, les gendarmes ont saisi 300 kilos de résine de cannabis au péage de {}."
    assert place(said.format("Saugnac-et-Muret, dans les Landes")) == [("40295", 1)]
    assert place(said.format("Saugnacq-et-Muret, dans les Landes")) == [("40295", 1)]  # its old spelling
    # by its first words, whatever its size: Gallargues-le-Montueux, Saint-Arnoult-en-Yvelines
    assert place(said.format("Gallargues, dans le Gard")) == [("30123", 1)]
    assert place(said.format("Saint-Arnoult, dans les Yvelines")) == [("78537", 1)]
    # not where several communes open with the name and the article names no département
    assert place(said.format("Saint-Arnoult")) == []


def test_a_find_told_by_where_it_lay(extractor):
    stop = "Mercredi, les gendarmes ont contrôlé une camionnette à Saugnac-et-Muret, dans les Landes. "

    def kinds(text):
        article = Article(id="t", date=date(2025, 3, 10), title="Un go-fast intercepté", text=stop + text)
        return [(e.type, [d["quantity"] for d in e.to_dict()["drugs"]]) for e in extractor.extract(article)]

    assert kinds("Dans le coffre, 300 kilos de résine de cannabis.") == [("seizure", [300])]
    assert kinds("À l'intérieur, il y avait six valises et 300 kilos de cannabis.") == [("seizure", [300])]
    # with nothing found, or no goods, no seizure
    assert kinds("Dans le coffre, les gendarmes n'ont rien trouvé.") == []
    assert kinds("À l'intérieur, deux passagers, qui ont été laissés libres.") == []
    # nor without an amount, which the next sentences may not tell
    assert kinds("Dans le coffre, seulement quelques barrettes de résine de cannabis.") == []


def test_a_shooting_told_near_a_town_is_the_one_told_in_a_commune_beside_it(extractor):
    title = "Une fusillade près de Valence fait deux blessés"
    lead = "Deux hommes ont été blessés par balles lors d'une fusillade près de Valence (Drôme), dans la nuit de "
    lead += "vendredi à samedi, sur fond de trafic de drogue."
    body = "La fusillade a éclaté vers 3 heures devant un bar de Saint-Péray (Ardèche), de l'autre côté du Rhône."
    article = Article(id="t", date=date(2025, 3, 10), title=title, text=f"{lead}\n\n{body}")
    assert [(e.type, e.commune, e.date_start, e.injured) for e in extractor.extract(article)] == [
        ("shooting", "07281", date(2025, 3, 7), 2)
    ]
    # the lead's whole toll over the body's one victim
    hurt = body + " Un homme a été touché à la tête."
    article = Article(id="t", date=date(2025, 3, 10), title=title, text=f"{lead}\n\n{hurt}")
    assert [(e.commune, e.injured) for e in extractor.extract(article)] == [("07281", 2)]
    # a shooting in a commune far from the town is another one
    far = body.replace("Saint-Péray (Ardèche), de l'autre côté du Rhône", "Privas (Ardèche)")  # 32 km from Valence
    article = Article(id="t", date=date(2025, 3, 10), title=title, text=f"{lead}\n\n{far}")
    assert sorted(e.commune or "-" for e in extractor.extract(article)) == ["-", "07186"]


def test_a_charges_wording_and_a_shooting_named_by_its_rank_are_no_new_events(extractor):
    lead = "Samedi soir, un homme a été tué par balle au Banlay, à Nevers, sur fond de trafic de drogue. "

    def kinds(text):
        article = Article(id="t", date=date(2024, 10, 14), title="Nevers : un homme tué par balle", text=lead + text)
        return [e.type for e in extractor.extract(article)]

    text = "Six hommes ont été placés en garde à vue pour homicide, menace ou usage d'une arme."
    assert kinds(text) == ["shooting", "arrest"]
    assert kinds("Jeudi, la police a arrêté un homme, l'auteur présumé de la première fusillade.") == [
        "shooting",
        "arrest",
    ]
    # a threat made is one
    assert kinds("Mardi, un témoin a été menacé d'une arme par deux dealers du quartier.") == [
        "shooting",
        "intimidation",
    ]


def test_an_amount_counts_the_substance_named_before_the_next_number():
    from vigie.press import quantities

    said = "Les policiers ont saisi 12 bonbonnes de cocaïne ainsi que 30 sachets d'herbe de cannabis."
    assert quantities.drugs(said) == [
        {"substance": "cocaine", "quantity": 12.0, "unit": "doses"},
        {"substance": "cannabis", "quantity": None, "unit": None},
    ]
    said = "Ils ont saisi 20 kilos de résine et 5 kg d'herbe de cannabis."
    assert quantities.drugs(said) == [{"substance": "cannabis", "quantity": 25.0, "unit": "kg"}]


def test_a_years_amount_shared_by_places_is_a_tally(extractor):
    def amounts(text):
        article = Article(id="t", date=date(2025, 4, 10), title="Trafic à l'aéroport de Gillot", text=text)
        seized = [e for e in extractor.extract(article) if e.type == "seizure"]
        return [[d["quantity"] for d in e.to_dict()["drugs"]] for e in seized]

    lead = "Mercredi, les douaniers ont saisi 5 kilos de cocaïne dans les bagages d'un passager à Gillot. "
    assert amounts(lead + "En 2023, les douaniers ont saisi 40 kg de cocaïne, dont 18 au port.") == [[5]]
    # a seizure recalled from a year, its goods shared by kind, is one
    said = "En 2024, un go-fast avait été intercepté à Saint-Pierre avec 300 kg de cannabis, dont 200 de résine."
    assert amounts(lead + said) == [[5], [300]]


def test_the_others_hurt_are_counted():
    from vigie.press import quantities

    said = "Un passant a été tué, deux autres ont été blessés pendant les tirs."
    assert quantities.casualties(said) == (1, 2)
    # the wounded told dead: as many killed, none injured; the dead among the wounded
    said = "Les deux frères blessés par balles à Vitry, dans la cité Balzac, sont morts dans la nuit à l'hôpital."
    assert quantities.casualties(said) == (2, None)
    assert quantities.casualties("Trois hommes ont été blessés, dont un est mort.") == (1, 2)
    assert quantities.casualties("Deux hommes ont été blessés par balles samedi soir.") == (None, 2)


def test_a_rest_area_named_after_two_villages_and_origins_listed_with_ou(extractor):
    def where(text):
        article = Article(id="t", date=date(2025, 6, 25), title="Trafic de drogue", text=text)
        found = extractor.extract(article)
        return [(e.type, e.commune, e.departement, e.geo_precision, e.networks_from) for e in found]

    said = "Lundi, les douaniers ont saisi 400 kilos de résine sur l'aire de repos de Beaune-Tailly (Côte-d'Or)."
    assert where(said) == [("seizure", None, "21", 2, [])]
    # the towns a network comes from, listed with "ou", are no place it settled in
    said = "Des dealers venus de Marseille ou Toulon se sont installés à Hyères."
    assert where(said) == [("network_arrival", "83069", "83", 1, ["13055", "83137"])]


def test_a_network_settled_in_a_departement(extractor):
    def where(text):
        article = Article(id="t", date=date(2025, 6, 25), title="Trafic de drogue", text=text)
        return [(e.commune, e.departement, e.geo_precision, e.networks_from) for e in extractor.extract(article)]

    said = "Des revendeurs venus de Nancy ou Metz ont pris pied dans la Meuse."
    assert where(said) == [(None, "55", 3, ["54395", "57463"])]


def test_a_road_check_a_bullet_told_apart_and_the_hospitals_town(extractor):
    def where(text, title="Trafic de drogue"):
        article = Article(id="t", date=date(2025, 6, 25), title=title, text=text)
        return [(e.type, e.commune) for e in extractor.extract(article)]

    said = "Deux hommes ont été interpellés mardi au contrôle routier d'Iracoubo avec 3 kilos de cocaïne."
    assert where(said) == [("seizure", "97303")]
    said = "Un homme a été grièvement blessé samedi soir, dans une cité de Neuilly-sur-Marne, la gorge touchée par une "
    said += "balle, sur fond de trafic de drogue."
    assert where(said, "Neuilly-sur-Marne : un homme blessé") == [("shooting", "93050")]
    # the town of the hospital a victim was taken to is no place of the shooting
    said += " Il a été blessé par une balle dans le cou et transporté au centre hospitalier de Montreuil."
    assert where(said, "Neuilly-sur-Marne : un homme blessé") == [("shooting", "93050")]


def test_a_full_stop_glued_to_the_next_sentence_still_ends_it(extractor):
    text = (
        "En 2015, 160 kilos de cannabis ont été saisis en Haute-Corse, deux fois plus qu'en 2013.Dimanche, dix "
        "personnes ont été arrêtées à Bastia pour un trafic de cannabis."
    )
    article = Article(id="t", date=date(2016, 4, 19), title="Bastia : dix interpellations", text=text)
    assert [(e.type, e.commune, e.count) for e in extractor.extract(article)] == [("arrest", "2B033", 10)]


def test_two_shootings_on_two_weekdays_named(extractor):
    text = "Deux fusillades mortelles ont eu lieu à Sevran, les samedi 4 et lundi 6 mai, liées au trafic."
    article = Article(id="t", date=date(2024, 5, 7), title="Sevran : deux morts", text=text)
    assert [e.date_start for e in extractor.extract(article)] == [date(2024, 5, 4), date(2024, 5, 6)]

"""Session 23 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on): words that look like an event's and are not (rules/exclusions.toml: a wounded man's life
"menacée", a person struck by a smell, a death by a blade told "mortellement blessé", shootings named to say a case has
no link with them, a call on those in office, a feeling, a motive weighed, two goods compared); goods "mis à jour",
found in the narrative imperfect, or listed without an amount before one measured; a threat posted by dealers, a fight
between the trade's groups, officers hurt; hired hands come from a city; the trade one must not hinder, which is no
denial that the violence is the trade's; persons counted over an aside in brackets; places (a port abroad the goods
were bound for, a side of a département, a département after a place of another one, the gendarmes' town, an operation
over many communes told by its means); dates (a hearing's month, a recent time); values (the dead told together or
before "deux autres", amounts told again otherwise)."""

from datetime import date

from vigie.press import dates, quantities
from vigie.press.articles import Article


def told(extractor, title, text, day=date(2025, 6, 12)):
    article = Article(id="t", date=day, title=title, text=text)
    return [(e.type, e.commune) for e in extractor.extract(article)]


SHOT = "Samedi soir à Montargis, un homme de 25 ans a reçu une balle à la jambe près d'un point de deal. "


def test_a_life_in_danger_is_no_threat(extractor):
    assert told(extractor, "Montargis : un blessé", SHOT + "Ses jours sont toujours menacés.") == [
        ("shooting", "45208")
    ]
    assert told(extractor, "Montargis : un blessé", SHOT + "Ses jours ne sont plus menacés, selon le parquet.") == [
        ("shooting", "45208")
    ]
    # a threat to the man himself is one
    threat = SHOT + "Dimanche, son frère a été menacé de mort par deux guetteurs devant chez lui."
    assert told(extractor, "Montargis : un blessé", threat) == [("shooting", "45208"), ("intimidation", "45208")]


def test_struck_by_a_smell_is_no_blow(extractor):
    text = (
        "Mardi à Rezé, le facteur a été frappé par l'odeur d'herbe qui s'échappait du logement. Les policiers y ont "
        "saisi 2 kilos d'herbe."
    )
    assert told(extractor, "Rezé : une nourrice", text) == [("seizure", "44143")]
    # struck by men, it is a blow
    text = text.replace("l'odeur d'herbe qui s'échappait du logement", "deux dealers du quartier")
    assert told(extractor, "Rezé : une nourrice", text) == [("intimidation", "44143"), ("seizure", "44143")]


def test_a_death_by_a_blade_is_no_shooting(extractor):
    text = (
        "Mardi soir à Melun, lors d'une bagarre liée au trafic de stupéfiants, un homme de 22 ans a été mortellement "
        "blessé à coups de couteau."
    )
    assert [kind for kind, _ in told(extractor, "Rixe mortelle à Melun", text)] == ["intimidation"]
    # by bullets, it is one
    shot = text.replace("à coups de couteau", "par deux balles")
    assert [kind for kind, _ in told(extractor, "Drame à Melun", shot)] == ["shooting"]


def test_shootings_named_to_say_there_is_no_link_are_no_event(extractor):
    arrest = "Lundi à Fréjus, un livreur a été interpellé avec 2 kilos de cannabis. "
    no_link = "L'affaire n'a pas de lien avec les récents tirs dans ce quartier."
    assert told(extractor, "Fréjus : interpellation", arrest + no_link) == [("seizure", "83061")]
    linked = "Les enquêteurs font le lien avec la fusillade de samedi dans la cité."
    assert [kind for kind, _ in told(extractor, "Fréjus : interpellation", arrest + linked)] == ["seizure", "shooting"]


def test_goods_mis_a_jour_are_found(extractor):
    text = (
        "Mercredi à Agde, dans un entrepôt, ce sont 200 plants et 3 kilos d'herbe de cannabis qui ont été mis à jour."
    )
    article = Article(id="t", date=date(2025, 6, 12), title="Agde : un entrepôt", text=text)
    (event,) = extractor.extract(article)
    assert (event.type, event.commune, event.date_start) == ("seizure", "34003", date(2025, 6, 11))
    assert {(d["unit"], d["quantity"]) for d in event.to_dict()["drugs"]} == {("plants", 200), ("kg", 3)}
    # a record updated is no find
    text = "Mercredi à Agde, les fichiers des gendarmes ont été mis à jour après la réforme."
    assert told(extractor, "Agde : la gendarmerie", text) == []


def test_a_substance_without_an_amount_before_one_measured(extractor):
    def drugs(seized):
        text = f"Mardi à Vannes, lors d'une perquisition, les policiers ont saisi {seized}."
        (event,) = extractor.extract(Article(id="t", date=date(2025, 6, 12), title="Vannes : saisie", text=text))
        return sorted((d["substance"], d["quantity"]) for d in event.to_dict()["drugs"])

    assert drugs("de l'héroïne et 2 kilos de cannabis") == [("cannabis", 2), ("heroin", None)]
    assert drugs("2 kilos de cannabis et de l'héroïne") == [("cannabis", 2), ("heroin", None)]
    assert drugs("de la cocaïne, 300 grammes d'herbe et 5 000 euros") == [("cannabis", 0.3), ("cocaine", None)]
    assert drugs("de la cocaïne, cinq kilos de cannabis et un fusil") == [("cannabis", 5), ("cocaine", None)]
    # a source that drops the diaeresis
    assert drugs("2 kg de cocaine et un pistolet") == [("cocaine", 2)]
    # a substance the sellers sold, in another clause, is not seized
    assert drugs("2 kilos de cannabis ; le réseau vendait aussi de l'héroïne et 3 types de pilules") == [
        ("cannabis", 2)
    ]


def test_a_threat_posted_by_dealers(extractor):
    text = (
        "Jeudi, des dealers ont affiché dans l'entrée d'une résidence de Nanterre un courrier aux locataires, leur "
        "demandant de ne pas gêner le trafic."
    )
    assert told(extractor, "Nanterre : un courrier", text) == [("intimidation", "92050")]
    # the trade one must not report, either
    assert told(extractor, "Nanterre : un courrier", text.replace("gêner", "dénoncer")) == [("intimidation", "92050")]
    # the residents who put up a notice threaten nobody
    text = "Jeudi, à Nanterre, les locataires ont affiché un courrier dans l'entrée contre le trafic de drogue."
    assert told(extractor, "Nanterre : un courrier", text) == []
    # told in the passive
    text = (
        "Ce courrier affiché lundi par des dealers dans l'entrée d'une résidence de Nanterre inquiète les locataires."
    )
    assert told(extractor, "Nanterre : les dealers menacent", text) == [("intimidation", "92050")]


def test_a_fight_between_dealers(extractor):
    text = (
        "Samedi 12 octobre, une bagarre entre deux bandes de dealers a éclaté près de la gare, à Charleville-Mézières."
    )
    assert told(extractor, "Charleville : bagarre", text) == [("intimidation", "08105")]
    # nor between the youths of two estates, whatever the article tells of the trade
    text = (
        "Samedi 12 octobre, une rixe entre bandes de deux quartiers a éclaté près de la gare, à Charleville-Mézières."
    )
    text += " Le quartier est connu pour son point de deal."
    assert told(extractor, "Charleville : rixe", text) == []
    # a fight between neighbours is not the trade's
    text = "Samedi 12 octobre, une bagarre entre voisins a éclaté près de la gare, à Charleville-Mézières, non loin "
    text += "du point de deal."
    assert told(extractor, "Charleville : rixe", text) == []


def test_hired_hands_come_to_keep_watch(extractor):
    text = "Mardi à Sète, quatre jeunes venus de Montpellier pour faire le guet ont été interpellés près de la gare."
    article = Article(id="t", date=date(2024, 7, 2), title="Sète : le point de deal repris", text=text)
    assert sorted((e.type, e.commune, e.count) for e in extractor.extract(article)) == [
        ("arrest", "34301", 4),
        ("network_arrival", "34301", None),
    ]
    # come from Montpellier for a match, they are no network
    text = text.replace("pour faire le guet", "pour un match de rugby") + " Ils avaient sur eux 20 grammes de cannabis."
    article = Article(id="t", date=date(2024, 7, 2), title="Sète : des supporters", text=text)
    assert "network_arrival" not in [e.type for e in extractor.extract(article)]


def test_persons_counted_over_an_aside(extractor):
    text = (
        "Le 3 mai, rue Gambetta à Tarbes, la police a démantelé un point de deal. Six suspects (quatre revendeurs et "
        "deux clients) ont été interpellés."
    )
    article = Article(id="t", date=date(2023, 5, 20), title="Tarbes : un point de deal", text=text)
    assert sorted((e.type, e.count) for e in extractor.extract(article)) == [("arrest", 6), ("dealing_point", 1)]


def test_goods_bound_for_a_port_abroad_are_seized_here(extractor):
    text = (
        "Mardi, 150 kilos de cocaïne ont été saisis dans un conteneur au port de Jarry, à Baie-Mahault, arrivé du "
        "Brésil et à destination du port de Rotterdam aux Pays-Bas."
    )
    article = Article(id="t", date=date(2023, 6, 5), title="Guadeloupe : cocaïne saisie au port", text=text)
    assert [(e.type, e.commune, e.date_start) for e in extractor.extract(article)] == [
        ("seizure", "97103", date(2023, 5, 30))
    ]
    # seized in the port abroad, they are not ours
    text = "Mardi, 150 kilos de cocaïne ont été saisis dans le port d'Anvers, en Belgique, à destination de la France."
    article = Article(id="t", date=date(2023, 6, 5), title="Une saisie record", text=text)
    assert extractor.extract(article) == []


def test_a_side_of_a_departement_is_a_place(extractor):
    def where(text):
        article = Article(id="t", date=date(2023, 3, 29), title="Trafic de drogue : douze interpellations", text=text)
        return [(e.type, e.commune, e.departement, e.geo_precision) for e in extractor.extract(article)]

    said = "Lundi, douze personnes ont été interpellées dans {} pour trafic de drogue."
    assert where(said.format("le nord du Jura")) == [("arrest", None, "39", 3)]
    assert where(said.format("l'ouest du département du Jura")) == [("arrest", None, "39", 3)]
    assert where(said.format("le sud du Var")) == [("arrest", None, "83", 3)]


def test_an_operation_told_over_many_communes_by_its_means(extractor):
    text = (
        "Mardi, une vingtaine de personnes ont été interpellées pour trafic de stupéfiants dans la Drôme. De la drogue "
        "a été retrouvée lors des perquisitions menées le matin. Cent gendarmes ont été mobilisés dès l'aube, dans de "
        "nombreuses communes de la Drôme, notamment à Valence, Romans-sur-Isère, Crest ou encore Die."
    )
    article = Article(
        id="t", date=date(2024, 11, 28), title="Coup de filet à Valence : vingt interpellations", text=text
    )
    assert [(e.type, e.commune, e.departement, e.geo_precision) for e in extractor.extract(article)] == [
        ("seizure", None, "26", 3)
    ]


def test_a_gendarmerie_is_named_after_its_seat_not_the_scene(extractor):
    text = (
        "Des enquêteurs surveillaient un trafic de cocaïne à Vernon depuis l'automne. Le jeudi 9 mars, une opération "
        "a été lancée par la gendarmerie des Andelys. En tout, 400 grammes de cocaïne ont été découverts lors des "
        "perquisitions."
    )
    article = Article(id="t", date=date(2023, 3, 15), title="Drogue : saisie dans l'Eure", text=text)
    # Vernon, not Les Andelys (27016), the seat of the unit
    assert [(e.type, e.commune) for e in extractor.extract(article)] == [("seizure", "27681")]


def test_the_gendarmes_town_is_their_units_not_the_scene(extractor):
    text = (
        "Un habitant de La Coquille, âgé de 41 ans, sera jugé devant le tribunal de Bergerac en décembre. Vendredi, "
        "les gendarmes de Thiviers ont trouvé douze plants de cannabis dans sa serre."
    )
    article = Article(id="t", date=date(2017, 9, 5), title="Dordogne : une culture dans le jardin", text=text)
    # the grower's town, not the gendarmes' (Thiviers, 24551), and the day of the find, not the hearing's month
    assert [(e.type, e.commune, e.date_start) for e in extractor.extract(article)] == [
        ("seizure", "24133", date(2017, 9, 1))
    ]


def test_a_hearings_month_is_no_date_of_the_facts():
    day = date(2017, 9, 5)
    assert dates.resolve("Il sera jugé devant le tribunal de Bergerac au mois de décembre.", day) is None
    assert dates.resolve("Il comparaîtra devant le tribunal le 12 octobre.", day) is None
    assert dates.resolve("Interpellé le 3 septembre, il sera jugé devant le tribunal en novembre.", day) == (
        date(2017, 9, 3),
        date(2017, 9, 3),
    )


def test_a_call_on_those_in_office_and_a_feeling_are_no_events(extractor):
    seized = "Mardi, à Bagnols-sur-Cèze, les policiers ont saisi 2 kilos de cannabis dans une cave. "
    said = "« Que fait l'État pour les familles ? » interpelle la conseillère régionale."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    said = "Une association de locataires interpelle le préfet sur le trafic de drogue."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    said = "« Le soir, on a l'impression d'être menacé en rentrant », dit un voisin."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    # an arrest and a blow told as such are events
    said = "Un dealer a été interpellé, et une voisine a été agressée par deux guetteurs."
    assert sorted(kind for kind, _ in told(extractor, "Bagnols : saisie", seized + said)) == ["intimidation", "seizure"]
    said = "Pour la police, il pourrait s'agir d'une histoire de règlement de comptes entre dealers."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]


def test_the_dead_told_together_or_fallen_under_bullets():
    assert quantities.casualties("Les deux cousins, tous deux abattus à la kalachnikov devant la tour.") == (2, None)
    assert quantities.casualties("Ils ont tous les deux été tués par balles samedi soir.") == (2, None)
    assert quantities.casualties("Le trentenaire tombé sous les balles jeudi était connu des services.") == (1, None)
    # the wounded told together stay wounded
    assert quantities.casualties("Les deux frères, tous deux blessés, ont été transportés à l'hôpital.") == (None, 2)


def test_a_departement_after_a_place_of_another_one_is_a_place(extractor):
    text = (
        "À Épinal, la police apprend qu'un vendeur s'approvisionne à Nancy. Le 3 mars, quatre dealers sont arrêtés "
        "dans l'agglomération nancéienne. Mardi, trois acheteurs ont été interpellés dans les Vosges. "
        "« On saisit plus d'herbe que de résine », note le procureur."
    )
    article = Article(id="t", date=date(2018, 4, 20), title="Trafic de drogue : dix interpellations", text=text)
    assert [(e.type, e.commune, e.departement) for e in extractor.extract(article)] == [
        ("arrest", None, "54"),
        ("arrest", None, "88"),
    ]


def test_arrests_counted_in_a_town_pass_a_trend_pieces_gate(extractor):
    text = (
        "Les procédures pour trafic ont augmenté de moitié en trois ans. En 2017, 90 kilos de résine ont été saisis. "
        "Récemment, sept hommes ont été interpellés à Bastia pour un trafic d'héroïne. Le même jour à Ajaccio, cinq "
        "suspects étaient placés en gardes à vue."
    )
    article = Article(id="t", date=date(2018, 4, 19), title="Corse : les affaires de drogue en hausse", text=text)
    assert [(e.type, e.commune, e.count) for e in extractor.extract(article)] == [
        ("arrest", "2B033", 7),
        ("arrest", "2A004", 5),
    ]


def test_a_posted_threat_and_officers_hurt(extractor):
    text = "À Alès, deux policiers ont été blessés mardi soir lors d'une intervention contre les dealers du quartier."
    assert told(extractor, "Alès : tensions", text) == [("intimidation", "30007")]
    # nobody hurt, no attack; hurt by bullets, a shooting
    text = "À Alès, aucun policier n'a été blessé mardi soir lors d'une opération contre les dealers du quartier."
    assert [kind for kind, _ in told(extractor, "Alès : tensions", text)] == []
    text = "À Alès, un policier a été blessé par balle mardi soir lors d'une fusillade entre dealers."
    assert [kind for kind, _ in told(extractor, "Alès : tensions", text)] == ["shooting"]


def test_a_point_de_deal_pulled_down(extractor):
    text = "Mardi, à Salon-de-Provence, la mairie a fait démolir un point de vente installé dans un ancien garage."
    article = Article(id="t", date=date(2021, 9, 10), title="Salon-de-Provence : la mairie réagit", text=text)
    assert [(e.type, e.commune, e.action) for e in extractor.extract(article)] == [
        ("dealing_point", "13103", "dismantled")
    ]


def test_what_investigators_find_at_the_scene_and_the_narrative_imperfect(extractor):
    fight = (
        "Dimanche soir, une rixe entre dealers a éclaté place de Beaune à Chalon-sur-Saône. Sur les lieux, les "
        "policiers trouvaient ensuite une machette, une batte et des cartouches."
    )
    assert [kind for kind, _ in told(extractor, "Chalon : rixe", fight)] == ["intimidation"]
    # drugs found on a man, told in the narrative imperfect, are a seizure
    found = (
        "Mardi, à Sorgues, les gendarmes ont contrôlé un dealer. Dans sa sacoche, ils trouvaient 80 grammes d'herbe."
    )
    assert told(extractor, "Sorgues : un dealer", found) == [("seizure", "84129")]


def test_amounts_told_again_otherwise_or_as_another():
    def drugs(text):
        return sorted((d["substance"], d["quantity"], d["unit"]) for d in quantities.drugs(text))

    # "1 autre kilo": one more
    assert drugs("La police saisit 1 kilo de résine de cannabis puis 1 autre kilo de résine.") == [
        ("cannabis", 2.0, "kg")
    ]
    # the same drugs measured otherwise: not more
    assert drugs("Ils ont trouvé 3 kilos d'herbe, l'équivalent d'une vingtaine de plants.") == [("cannabis", 3.0, "kg")]
    assert drugs("Ils trouvent une vingtaine de plants (environ un kilo de cannabis, estime la police).") == [
        ("cannabis", 20, "plants")
    ]
    # a subset in brackets is not added
    assert drugs("Ils ont saisi 2 kilos de résine (dont 500 grammes d'herbe).") == [("cannabis", 2.0, "kg")]


def test_a_toll_told_with_the_others_and_at_least_one_bullet(extractor):
    def toll(text, title="Toulouse : fusillade"):
        article = Article(id="t", date=date(2019, 3, 20), title=title, text=text)
        return [(e.type, e.killed, e.injured) for e in extractor.extract(article)]

    text = (
        "Samedi soir à Toulouse, sur fond de trafic de drogue, un client a perdu la vie et deux autres ont été touchés "
        "pendant une fusillade devant une épicerie."
    )
    assert toll(text) == [("shooting", 1, 2)]
    text = (
        "Lundi à Bron, un adolescent a succombé après avoir été touché par au moins une balle, près d'un point de deal."
    )
    assert toll(text, "Bron : un mort") == [("shooting", 1, None)]


def test_plural_nouns_the_lookup_table_gives_as_verbs_are_corrected(extractor):
    # rules/lemmas.toml: the rules name the noun ("les gendarmes de …", "des affiches", "les doses")
    for plural, noun in [("gendarmes", "gendarme"), ("affiches", "affiche"), ("doses", "dose"), ("visites", "visite")]:
        assert [t.lemma_ for t in extractor.ling.doc(plural)] == [noun]
    # the verbs keep theirs
    assert [t.lemma_ for t in extractor.ling.doc("affichent")] == ["afficher"]

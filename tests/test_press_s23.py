"""Session 23 (issue 13): words that look like an event's and are not (rules/exclusions.toml): a wounded man's life
"menacée" (not_trigger.intimidation.jours_menaces), a person struck by a smell or a measure
(not_trigger.intimidation.frappe_par_une_chose), a death by a blade told "mortellement blessé"
(not_trigger.shooting.mortellement_blesse_a_l_arme_blanche), shootings named to say a case has no link with them
(not_trigger.reference.sans_lien_avec_des_tirs); goods "mis à jour" (rules/triggers.toml seizure.mis_a_jour), and a
substance listed without an amount before one measured (rules/values.toml some_and); a threat posted by dealers
(intimidation.lettre_placardee), a fight between the trade's groups (intimidation.rixe_entre_bandes), hired hands come
from a city to keep watch (network_arrival.jeunes_venus_vendre), the trade one must not hinder, which is no denial that
the violence is the trade's (rules/words.toml trade.denied), and persons counted over an aside in brackets
(quantities.ASIDE). Our own sentences."""

from datetime import date

from vigie.press.articles import Article


def told(extractor, title, text, day=date(2025, 6, 12)):
    article = Article(id="t", date=day, title=title, text=text)
    return [(e.type, e.commune) for e in extractor.extract(article)]


SHOT = "Un homme de 25 ans a été blessé par balle samedi soir à Montargis, près d'un point de deal. "


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
        "Mardi à Saint-Herblain, un huissier venu pour une expulsion a été frappé par la forte odeur de cannabis qui "
        "sortait de l'appartement. La police a saisi 2 kilos d'herbe."
    )
    assert told(extractor, "Saint-Herblain : une nourrice", text) == [("seizure", "44162")]
    # struck by men, it is a blow
    text = text.replace("la forte odeur de cannabis qui sortait de l'appartement", "deux dealers du quartier")
    assert told(extractor, "Saint-Herblain : une nourrice", text) == [
        ("intimidation", "44162"),
        ("seizure", "44162"),
    ]


def test_a_death_by_a_blade_is_no_shooting(extractor):
    text = (
        "Un jeune homme de 19 ans a été mortellement blessé par des coups de couteau mardi soir lors d'une rixe à "
        "Melun, sur fond de trafic de stupéfiants."
    )
    assert [kind for kind, _ in told(extractor, "Rixe mortelle à Melun", text)] == ["intimidation"]
    # by bullets, it is one
    shot = text.replace("par des coups de couteau", "par deux balles")
    assert [kind for kind, _ in told(extractor, "Drame à Melun", shot)] == ["shooting"]


def test_shootings_named_to_say_there_is_no_link_are_no_event(extractor):
    arrest = "Un homme a été interpellé mardi à Hyères avec 2 kilos de cannabis. "
    no_link = "Le dossier n'a pas de lien établi avec les récentes fusillades du quartier."
    assert told(extractor, "Hyères : interpellation", arrest + no_link) == [("seizure", "83069")]
    linked = "Les enquêteurs font le lien avec la fusillade de samedi dans le quartier."
    assert [kind for kind, _ in told(extractor, "Hyères : interpellation", arrest + linked)] == [
        "seizure",
        "shooting",
    ]


def test_goods_mis_a_jour_are_found(extractor):
    text = "Dans le hangar, ce sont 200 plants de cannabis et 3 kilos d'herbe qui sont mis à jour mercredi à Agde."
    article = Article(id="t", date=date(2025, 6, 12), title="Agde : un hangar", text=text)
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
    assert drugs("1 kg de cocaine et un fusil à pompe") == [("cocaine", 1)]
    # a substance the sellers sold, in another clause, is not seized
    assert drugs("2 kilos de cannabis ; le réseau vendait aussi de l'héroïne et 3 types de pilules") == [
        ("cannabis", 2)
    ]


def test_a_threat_posted_by_dealers(extractor):
    text = (
        "Mardi, des dealers ont placardé dans le hall d'un immeuble de Nanterre une lettre adressée aux habitants, "
        "leur ordonnant de ne pas gêner le trafic."
    )
    assert told(extractor, "Nanterre : une lettre", text) == [("intimidation", "92050")]
    # the trade one must not report, either
    assert told(extractor, "Nanterre : une lettre", text.replace("gêner", "dénoncer")) == [("intimidation", "92050")]
    # the residents who put up a notice threaten nobody
    text = "Mardi, à Nanterre, les habitants ont placardé une lettre dans le hall contre le trafic de drogue."
    assert told(extractor, "Nanterre : une lettre", text) == []


def test_a_fight_between_dealers(extractor):
    text = "Dimanche 20 octobre, des bagarres entre groupes de dealers ont éclaté place Ducale, à Charleville-Mézières."
    assert told(extractor, "Charleville : rixes", text) == [("intimidation", "08105")]
    # nor between the youths of two estates, whatever the article tells of the trade
    text = "Dimanche 20 octobre, une rixe entre bandes de deux quartiers a éclaté place Ducale, à Charleville-Mézières."
    text += " Le quartier est connu pour son point de deal."
    assert told(extractor, "Charleville : rixe", text) == []
    # a fight between neighbours is not the trade's
    text = "Dimanche 20 octobre, une bagarre entre voisins a éclaté place Ducale, à Charleville-Mézières, près du "
    text += "point de deal."
    assert told(extractor, "Charleville : rixe", text) == []


def test_hired_hands_come_to_keep_watch(extractor):
    text = (
        "Le 28 juin, trois jeunes venus de Marseille pour tenir le rôle de guetteurs ont été interpellés à Sète, dans "
        "le quartier de l'île de Thau."
    )
    article = Article(id="t", date=date(2024, 7, 2), title="Sète : le point de deal repris", text=text)
    assert sorted((e.type, e.commune, e.count) for e in extractor.extract(article)) == [
        ("arrest", "34301", 3),
        ("network_arrival", "34301", None),
    ]
    # come from Marseille for a match, they are no network
    text = text.replace("pour tenir le rôle de guetteurs", "pour un match de football")
    text += " Ils avaient sur eux 20 grammes de cannabis."
    article = Article(id="t", date=date(2024, 7, 2), title="Sète : des supporters", text=text)
    assert "network_arrival" not in [e.type for e in extractor.extract(article)]


def test_persons_counted_over_an_aside(extractor):
    text = (
        "Le 14 mars, place de Verdun à Tarbes, la police a démantelé un point de deal. Huit personnes (cinq vendeurs "
        "et trois acheteurs) ont été interpellées."
    )
    article = Article(id="t", date=date(2023, 4, 5), title="Tarbes : contrôles", text=text)
    assert sorted((e.type, e.count) for e in extractor.extract(article)) == [("arrest", 8), ("dealing_point", 1)]


def test_goods_bound_for_a_port_abroad_are_seized_here(extractor):
    text = (
        "Mardi, 150 kilos de cocaïne ont été saisis dans deux conteneurs du port de Jarry, à Baie-Mahault, en "
        "provenance du Surinam et à destination du port d'Anvers en Belgique."
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
        article = Article(id="t", date=date(2023, 3, 29), title="Trafic de drogue : quinze interpellations", text=text)
        return [(e.type, e.commune, e.departement, e.geo_precision) for e in extractor.extract(article)]

    said = "Les gendarmes ont interpellé quinze personnes lundi dans {} pour trafic de drogue."
    assert where(said.format("le nord de la Haute-Saône")) == [("arrest", None, "70", 3)]
    assert where(said.format("l'est du département de la Haute-Saône")) == [("arrest", None, "70", 3)]
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
        "Une opération est déclenchée le mardi 14 mars par la gendarmerie des Andelys, avec une quarantaine de "
        "gendarmes. Au total, un demi-kilo de cocaïne est découvert lors des perquisitions à Vernon et à Gasny."
    )
    article = Article(id="t", date=date(2023, 3, 22), title="Drogue : grosse saisie dans l'Eure", text=text)
    assert "27016" not in [e.commune for e in extractor.extract(article)]  # Les Andelys


def test_the_gendarmes_town_is_their_units_not_the_scene(extractor):
    text = (
        "Un habitant de La Coquille, âgé de 35 ans, va devoir s'expliquer devant le tribunal de Périgueux au mois de "
        "novembre. Lors d'une patrouille vendredi, les gendarmes de Thiviers ont découvert dans son jardin 14 pieds "
        "de cannabis."
    )
    article = Article(id="t", date=date(2017, 9, 5), title="Dordogne : il cultivait du cannabis", text=text)
    # the grower's town, not the gendarmes' (Thiviers, 24551), and the day of the arrest, not the hearing's month
    assert [(e.type, e.commune, e.date_start) for e in extractor.extract(article)] == [
        ("seizure", "24133", date(2017, 9, 1))
    ]


def test_a_hearings_month_is_no_date_of_the_facts():
    from vigie.press import dates

    day = date(2017, 9, 5)
    assert dates.resolve("Il va devoir s'expliquer devant le tribunal de Périgueux au mois de novembre.", day) is None
    assert dates.resolve("Il comparaîtra devant le tribunal le 12 octobre.", day) is None
    assert dates.resolve("Interpellé le 3 septembre, il sera jugé devant le tribunal en novembre.", day) == (
        date(2017, 9, 3),
        date(2017, 9, 3),
    )


def test_a_call_on_those_in_office_and_a_feeling_are_no_events(extractor):
    seized = "Mardi, à Bagnols-sur-Cèze, les policiers ont saisi 2 kilos de cannabis dans une cave. "
    said = "« Qui va protéger les habitants ? » interpelle la députée de la circonscription."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    said = "Le collectif d'habitants interpelle le préfet sur le trafic de drogue."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    said = "« On a peur, on a l'impression d'être agressé chaque soir », dit une voisine."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]
    # an arrest and a blow told as such are events
    said = "Un dealer a été interpellé, et une voisine a été agressée par deux guetteurs."
    assert sorted(kind for kind, _ in told(extractor, "Bagnols : saisie", seized + said)) == [
        "intimidation",
        "seizure",
    ]
    said = "Pour la police, il s'agit sans doute d'une affaire de règlement de comptes sur fond de trafic."
    assert told(extractor, "Bagnols : saisie", seized + said) == [("seizure", "30028")]


def test_the_dead_told_together_or_fallen_under_bullets():
    from vigie.press import quantities

    assert quantities.casualties("Tous deux abattus dans une rafale de kalachnikov, au pied de la tour.") == (2, None)
    assert quantities.casualties("Ils ont tous les deux été tués par balles samedi soir.") == (2, None)
    assert quantities.casualties("L'homme qui est tombé sous une rafale de balles mercredi était connu.") == (1, None)
    # the wounded told together stay wounded
    assert quantities.casualties("Les deux frères, tous deux blessés, ont été transportés à l'hôpital.") == (None, 2)


def test_a_departement_after_a_place_of_another_one_is_a_place(extractor):
    text = (
        "A Mirecourt, les enquêteurs apprennent qu'un revendeur se fournit à Nancy. Le 22 février, trois dealers sont "
        "interpellés dans l'agglomération nancéienne. Cette semaine, plusieurs clients ont été arrêtés dans les "
        "Vosges. « On a saisi plus de cocaïne que d'héroïne », note le procureur."
    )
    article = Article(id="t", date=date(2018, 4, 6), title="Trafic de drogue : dix interpellations", text=text)
    assert [(e.type, e.commune, e.departement) for e in extractor.extract(article)] == [
        ("arrest", None, "54"),
        ("arrest", None, "88"),
    ]


def test_arrests_counted_in_a_town_pass_a_trend_pieces_gate(extractor):
    text = (
        "Les gardes à vue pour trafic ont doublé en deux ans sur l'île. En 2015, 160 kilos de cannabis ont été saisis. "
        "Dernièrement, dix personnes ont été arrêtées à Bastia pour un trafic de cocaïne. Au même moment à Ajaccio, "
        "huit personnes ont été placées en gardes à vue pour trafic."
    )
    article = Article(
        id="t", date=date(2016, 4, 19), title="Le nombre de trafics de drogue en hausse sur l'île", text=text
    )
    assert [(e.type, e.commune, e.count) for e in extractor.extract(article)] == [
        ("arrest", "2B033", 10),
        ("arrest", "2A004", 8),
    ]


def test_a_posted_threat_told_in_the_passive_and_officers_hurt(extractor):
    text = "Voilà le message placardé il y a dix jours par des dealers dans le hall d'un immeuble de Nanterre."
    assert told(extractor, "Nanterre : les dealers menacent", text) == [("intimidation", "92050")]
    text = "À Alès, deux policiers ont été blessés mardi soir lors d'une intervention contre les dealers du quartier."
    assert told(extractor, "Alès : tensions", text) == [("intimidation", "30007")]
    # nobody hurt, no attack; hurt by bullets, a shooting
    text = "À Alès, aucun policier n'a été blessé mardi soir lors d'une opération contre les dealers du quartier."
    assert [kind for kind, _ in told(extractor, "Alès : tensions", text)] == []
    text = "À Alès, un policier a été blessé par balle mardi soir lors d'une fusillade entre dealers."
    assert [kind for kind, _ in told(extractor, "Alès : tensions", text)] == ["shooting"]


def test_a_point_de_deal_pulled_down(extractor):
    text = "Mardi, à Salon-de-Provence, le maire a fait détruire un point de vente de drogue installé dans un local."
    article = Article(id="t", date=date(2021, 9, 10), title="Salon-de-Provence : le maire réagit", text=text)
    assert [(e.type, e.commune, e.action) for e in extractor.extract(article)] == [
        ("dealing_point", "13103", "dismantled")
    ]


def test_what_investigators_find_at_the_scene_and_the_narrative_imperfect(extractor):
    fight = (
        "Dimanche soir, une rixe entre dealers a éclaté place de Beaune à Chalon-sur-Saône. Dès les premières "
        "constatations, les enquêteurs découvraient sur place un opinel, un couteau de cuisine et des munitions."
    )
    assert [kind for kind, _ in told(extractor, "Chalon : rixe", fight)] == ["intimidation"]
    # drugs found there, or found on a man in the narrative imperfect, are a seizure
    found = "Mardi, à Sorgues, les gendarmes ont contrôlé un dealer. Sur lui, ils trouvaient 156 grammes de résine."
    assert told(extractor, "Sorgues : un dealer", found) == [("seizure", "84129")]


def test_amounts_told_again_otherwise_or_as_another():
    from vigie.press import quantities

    def drugs(text):
        return sorted((d["substance"], d["quantity"], d["unit"]) for d in quantities.drugs(text))

    # "1 autre kilo": one more
    assert drugs("Ils saisissent 1 kilo de résine de cannabis et 1 autre kilo d'herbe de cannabis.") == [
        ("cannabis", 2.0, "kg")
    ]
    # the same drugs measured otherwise: not more
    assert drugs("Ils ont découvert 1,8 kilo de cannabis, l'équivalent d'une dizaine de pieds.") == [
        ("cannabis", 1.8, "kg")
    ]
    assert drugs("Ils découvrent une dizaine de pieds (environ 600 grammes de cannabis selon la gendarmerie).") == [
        ("cannabis", 10, "plants")
    ]
    # a subset in brackets is not added
    assert drugs("Ils ont saisi 2 kilos de résine (dont 500 grammes d'herbe).") == [("cannabis", 2.0, "kg")]


def test_a_toll_told_with_the_others_and_at_least_one_bullet(extractor):
    def toll(text, title="Toulouse : fusillade"):
        article = Article(id="t", date=date(2019, 3, 20), title=title, text=text)
        return [(e.type, e.killed, e.injured) for e in extractor.extract(article)]

    text = (
        "Samedi soir, sur fond de trafic de drogue, un homme de 35 ans a été tué et deux autres ont été blessés lors "
        "d'une fusillade sur la terrasse d'un bar de Toulouse."
    )
    assert toll(text) == [("shooting", 1, 2)]
    text = "Un jeune de 19 ans est mort après avoir été atteint par au moins une balle lundi à Vaulx-en-Velin, près "
    text += "d'un point de deal."
    assert toll(text, "Vaulx-en-Velin : un mort") == [("shooting", 1, None)]

"""Session 24 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on): where an operation told over two communes is (operations.spread: a pair of communes next to
the operation's words is its area, unless the sentence goes on to tell one of them apart; the list may name a commune
with its article, "et La Ferté-Macé"; the operation is dated by its own day, not the day it was announced; arrests at
two communes each after its own "à" are the operation's area too), a side of a département the writer chose over its
towns (geography.ArticlePlaces.vague), and the town a journey was going to (geography.ORIGIN); a bullet "taken", a
point that "baisse le rideau", persons harassed by the trade's men (rules/triggers.toml, territory.DISMANTLED_MORE);
acts that did not happen (a denied "procédé", rules/lemmas.toml; an arrest someone tried to prevent,
rules/qualifiers.toml); a shooting named again, by the one who fired or by "le tir"
(recalls.without_shooting_told_again); a day of the month told before the persons is no count of them
(quantities.DAY_OF_MONTH); a headline's seizure of drugs it does not name
(territory.seizure_of_the_headline); a toll named after two communes, in the first, of any size and wherever the
article is (places.Gazetteer.first_of_two); the network of a point de deal told again, and roles "reconstitués", are no
second point (extract.TOLD_NETWORK)."""

from datetime import date

from conftest import extracted, placed


def test_an_operation_over_a_pair_of_communes_is_their_area(extractor):
    text = (
        "Dix-huit personnes ont été interpellées mardi à Ambérieu-en-Bugey et Lagnieu. Lors des perquisitions, les "
        "gendarmes ont saisi 4,5 kilos de résine et 20 000 euros."
    )
    assert placed(extractor, "Un réseau de cannabis tombe dans l'Ain", text) == [("seizure", None, "01", 3)]
    # the sentence goes on to place the goods in one of them: the seizure is that town's, no area's
    apart = (
        "Mardi, six personnes ont été interpellées à Ambérieu-en-Bugey et à Lagnieu ; 900 grammes de cocaïne ont été "
        "trouvés chez l'un d'eux, à Lagnieu."
    )
    events = placed(extractor, "Un réseau de cocaïne tombe dans l'Ain", apart)
    assert ("seizure", "01202", "01", 1) in events and not any(precision == 3 for *_, precision in events)
    # two towns far from the operation's words are where the inquiries were, not the operation's area
    far = (
        "Des enquêtes sur les réseaux de Lagnieu et d'Ambérieu-en-Bugey avaient été ouvertes depuis l'automne par le "
        "parquet de Bourg-en-Bresse : « Nous avons profité de cette semaine d'opérations pour conclure. » Mardi à "
        "Lagnieu, 2 kilos d'herbe ont été saisis."
    )
    assert placed(extractor, "Ain : des saisies", far) == [("seizure", "01202", "01", 1)]


def test_a_pair_with_an_article_and_an_announced_operation(extractor):
    text = (
        "Jeudi 6 mars, la gendarmerie de l'Orne a annoncé le démantèlement d'un réseau de revendeurs dans les "
        "secteurs de Flers et La Ferté-Macé. Une opération a été menée le mardi 25 février dès l'aube. Au total, "
        "800 grammes de cocaïne ont été découverts lors des perquisitions."
    )
    assert placed(extractor, "Un réseau tombe dans l'Orne", text, date(2025, 3, 7)) == [("seizure", None, "61", 3)]


def test_a_side_of_a_departement_beats_the_towns_named_after_it(extractor):
    text = (
        "Les policiers ont interpellé douze personnes ce mardi 4 mars dans l'ouest du département de l'Aude. Entre "
        "Castelnaudary, Bram et Limoux. Elles sont soupçonnées de trafic de cocaïne."
    )
    assert placed(extractor, "Huit personnes écrouées dans l'Aude", text) == [("arrest", None, "11", 3)]
    # the département itself, in an article that names its town, gives way to the town
    text = "Mardi 4 mars, les policiers ont interpellé douze personnes à Castelnaudary, dans l'Aude, pour trafic."
    assert placed(extractor, "Douze interpellations", text) == [("arrest", "11076", "11", 1)]


def test_arrests_at_two_communes_each_with_its_own_at_are_one_operation(extractor):
    text = (
        "Samedi, les policiers ont interpellé cinq hommes à Bruay-la-Buissière et à Lillers. Lors des perquisitions, "
        "ils ont saisi 300 grammes d'héroïne."
    )
    assert placed(extractor, "Héroïne : cinq interpellations", text) == [("seizure", None, "62", 3)]
    # the goods placed in one of the two by a later sentence of the operation: that town's seizure, no area
    apart = text.replace("ils ont saisi 300 grammes d'héroïne", "300 grammes d'héroïne ont été saisis à Lillers")
    events = placed(extractor, "Héroïne : cinq interpellations", apart)
    assert ("seizure", "62516", "62", 1) in events and not any(precision == 3 for *_, precision in events)


def test_the_town_a_journey_was_going_to_is_no_scene(extractor):
    text = (
        "Trois hommes ont été interpellés samedi à Saint-Benoît. L'opération a eu lieu le jour où le fournisseur "
        "devait reprendre l'avion pour Paris. Lors des perquisitions, les policiers ont saisi 80 grammes de cocaïne."
    )
    assert placed(extractor, "Trois hommes arrêtés", text, date(2019, 6, 24)) == [("seizure", "97410", "974", 1)]


def test_a_bullet_taken_is_a_shooting(extractor):
    text = "Mardi soir, un adolescent de 17 ans a pris une balle dans le bras dans un hall du trafic, à Creil."
    assert placed(extractor, "Creil : un adolescent blessé", text) == [("shooting", "60175", "60", 1)]
    # the idiom of a ball taken on the bounce is none
    idiom = "Le maire de Creil a pris la balle au bond : il réclame des renforts contre le trafic de drogue."
    assert placed(extractor, "Creil : le maire réclame des renforts", idiom) == []


def test_a_point_that_closed_like_a_shop_is_dismantled(extractor):
    text = (
        "Un point de vente de drogue très actif de Creil, tenu dans la cité Rouher, vient de baisser le rideau. Les "
        "policiers ont interpellé cinq personnes mardi."
    )
    points = [e for e in extracted(extractor, "Creil : un point de vente ferme", text) if e.type == "dealing_point"]
    assert [(e.commune, e.action) for e in points] == [("60175", "dismantled")]


def test_persons_harassed_by_dealers_are_intimidated(extractor):
    text = "Une famille du quartier Jean-Monnet à Cholet est harcelée depuis six mois par des dealers."
    assert placed(extractor, "Cholet : une famille à bout", text) == [("intimidation", "49099", "49", 1)]
    # harassed by no one of the trade, in an article on the trade: still none without the agent
    text = "Le maire de Cholet dit être harcelé de demandes sur le trafic de drogue du quartier Jean-Monnet."
    assert placed(extractor, "Cholet : le maire", text) == []


def test_no_arrest_when_the_officers_did_not_proceed_to_any(extractor):
    # the lookup table gave "procédé" the noun's lemma, so the denied verb of the qualifier never matched
    lead = "Une opération de contrôle a eu lieu mercredi dans la cité des Provinces à Lunéville, contre le trafic. "
    for denied in (
        "Les policiers n'ont pas procédé à des interpellations ni à des saisies.",
        "La brigade n'a pas procédé à des arrestations, selon le commandant.",
    ):
        assert placed(extractor, "Contrôle à Lunéville", lead + denied) == []
    done = lead + "Les policiers ont procédé à deux interpellations."
    assert [kind for kind, *_ in placed(extractor, "Contrôle à Lunéville", done)] == ["arrest"]


def test_an_arrest_someone_tried_to_prevent_is_none(extractor):
    text = "Mardi à Lunéville, deux jeunes se sont interposés pour empêcher l'arrestation d'un revendeur."
    assert [kind for kind, *_ in placed(extractor, "Lunéville", text)] == []
    # told done by its own verb, it is one
    text = text.replace("revendeur.", "revendeur, qui a finalement été interpellé.")
    assert [kind for kind, *_ in placed(extractor, "Lunéville", text)] == ["arrest"]


def test_the_one_who_fired_names_the_shooting_told_before(extractor):
    text = (
        "Samedi 1er mars, des coups de feu ont été tirés contre un immeuble de Lunéville, sur fond de trafic de "
        "drogue. L'auteur des coups de feu a pris la fuite avec un complice, placé en garde à vue le 10 mars."
    )
    assert placed(extractor, "Tirs à Lunéville", text) == [("shooting", "54329", "54", 1)]
    # the shooting named again by a definite article, on a later day, is that one too; told again with its place, it
    # stays (recalls.told_broadly reads it)
    again = text + " Mercredi, le tir aurait pu viser un guetteur, selon un témoin."
    assert placed(extractor, "Tirs à Lunéville", again) == [("shooting", "54329", "54", 1)]
    # told first by the one who fired, the shooting is still told
    first = "L'auteur présumé des tirs de samedi à Lunéville, liés au trafic de drogue, a été interpellé mardi."
    assert sorted(kind for kind, *_ in placed(extractor, "Lunéville", first)) == ["arrest", "shooting"]


def test_participles_the_lookup_table_gives_as_adjectives_are_corrected(extractor):
    # rules/lemmas.toml: the rules name the verb ("touchée par une balle", "rackettée", "n'ont pas procédé à")
    for form, verb in [("touchée", "toucher"), ("rackettée", "racketter"), ("procédé", "procéder"), ("menée", "mener")]:
        assert [t.lemma_ for t in extractor.ling.doc(form)] == [verb]
    text = "Samedi soir à Lunéville, une jeune femme a été touchée par une balle près d'un point de deal."
    assert placed(extractor, "Tirs à Lunéville", text) == [("shooting", "54329", "54", 1)]
    text = "Samedi à Lunéville, une commerçante a été rackettée par des dealers du quartier."
    assert placed(extractor, "Lunéville : une commerçante rackettée", text) == [("intimidation", "54329", "54", 1)]


def test_a_day_of_the_month_is_no_count_of_persons():
    from vigie.press import quantities

    assert quantities.arrested("Les gendarmes ont interpellé le 3 mars un homme de 45 ans.") == 1
    assert quantities.arrested("Les policiers ont interpellé le 12 juin 2024 deux hommes.") == 2
    assert quantities.arrested("Le 3 mars, les gendarmes ont interpellé six personnes.") == 6


def test_a_headline_seizure_of_drugs_unnamed_is_the_operation_of_the_arrests(extractor):
    text = "Un réseau de trafiquants a été démantelé mardi dans le Doubs. 9 personnes ont été arrêtées à Pontarlier."
    events = placed(extractor, "Grosse saisie de drogue dans le Doubs : 9 personnes interpellées", text)
    assert events == [("seizure", "25462", "25", 1)]
    # "une saisie" with nothing named keeps the arrests
    events = placed(extractor, "Doubs : une saisie et 9 personnes interpellées", text)
    assert events == [("arrest", "25462", "25", 1)]


def test_a_toll_named_after_two_communes_is_in_the_first_wherever_the_article_is(extractor):
    text = (
        "La brigade des douanes d'Amiens a saisi 100 grammes d'héroïne jeudi dans la Somme. Dans la nuit de lundi à "
        "mardi, lors d'un contrôle routier sur l'A1, à la barrière de péage de Chamant-Senlis, les douaniers ont "
        "saisi 3 kilos d'héroïne."
    )
    events = placed(extractor, "Picardie : de l'héroïne saisie par les douanes", text)
    assert ("seizure", "60138", "60", 1) in events


def test_a_network_told_again_is_no_second_point_de_deal(extractor):
    text = (
        "Mardi 6 mai, les gendarmes ont démantelé un point de deal du quartier de la Zup à Montbéliard. Les enquêteurs "
        "avaient reconstitué en avril les rôles de chacun des vendeurs. Les saisies montrent l'ampleur de "
        "l'organisation démantelée."
    )
    title, day = "Montbéliard : un point de deal tombe", date(2025, 5, 9)
    assert [e.type for e in extracted(extractor, title, text, day)] == ["dealing_point"]
    # a point that came back is one more
    text += " Le point s'est reconstitué dès le jeudi 8 mai."
    assert [e.type for e in extracted(extractor, title, text, day)] == ["dealing_point", "dealing_point"]


def test_the_headline_point_of_an_operation_over_two_communes_is_in_the_headline_town(extractor):
    text = "Huit personnes ont été interpellées mardi à Oyonnax et à Bellignat par les gendarmes."
    events = placed(extractor, "Oyonnax : un point de deal démantelé", text)
    assert sorted(events) == [("arrest", None, "01", 3), ("dealing_point", "01283", "01", 1)]

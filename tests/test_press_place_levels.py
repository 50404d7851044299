"""The level of an event's place (issue 13, session 12, P12b): a commune, a place near one, or an area. Our own
sentences; fixtures 820-826 carry each class in an article."""

from datetime import date

from vigie.press.geography import ArticlePlaces
from vigie.press.recalls import told_broadly
from vigie.press.schema import Event


def where(place):
    return (place.code, place.departement, place.precision)


def test_an_institution_s_words_end_at_a_locative(extractor):
    text = "Vingt kilos ont été saisis par la gendarmerie dans un garage de Lucé, en Eure-et-Loir."
    resolver = ArticlePlaces.read(extractor.gaz, "Eure-et-Loir : vingt kilos saisis", text)
    assert [where(p) for p in resolver.places(text)] == [("28218", "28", 1)]
    # the institution's own name still names its seat, no place
    seat = "La police judiciaire de Chartres a saisi vingt kilos."
    assert resolver.places(seat) == []


def test_a_headline_s_area_named_by_its_town_is_an_area(extractor):
    title = "Golfe de Saint-Tropez : six interpellations"
    text = "Six personnes ont été interpellées par les gendarmes."
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    assert where(resolver.main_place(title, text)) == (None, "83", 3)
    # the town itself stays a town
    town = ArticlePlaces.read(extractor.gaz, "Saint-Tropez : six interpellations", text)
    assert where(town.main_place("Saint-Tropez : six interpellations", text)) == ("83119", "83", 1)


def test_units_and_squadrons_sent_in_name_no_place(extractor):
    title = "Royan : une serre démantelée"
    for text in (
        "Avec l'appui des pelotons de l'escadron de Saintes, les gendarmes ont saisi 200 pieds.",
        "Le conducteur, venant de Saintes, transportait 3 kilos.",
    ):
        assert ArticlePlaces.read(extractor.gaz, title, text).places(text) == []
    # a unit named by its acronym and its seat: the seat's village is no district where things happened
    text = "Les militaires de la BTA de M’zouazia ont saisi 6 kilos de bangué."
    assert ArticlePlaces.read(extractor.gaz, "Opération à Bandrélé", text).places(text) == []


def test_several_unnamed_places_are_an_area_when_the_article_names_several_communes(extractor):
    clause = "2 kilos ont été saisis en divers endroits"
    two = "Quatre personnes ont été interpellées à Vesoul et deux à Lure. " + clause + "."
    resolver = ArticlePlaces.read(extractor.gaz, "Haute-Saône : un réseau démantelé", two)
    assert where(resolver.vague(clause, None)) == (None, "70", 3)
    one = "Quatre personnes ont été interpellées à Vesoul. " + clause + "."
    assert ArticlePlaces.read(extractor.gaz, "Haute-Saône : un réseau démantelé", one).vague(clause, None) is None


def test_a_toll_of_several_events_over_an_area_stays_the_area(extractor):
    text = (
        "Quatre fusillades ont éclaté dans l'agglomération montpelliéraine. Une fusillade a éclaté dans "
        "l'agglomération montpelliéraine. La dernière a eu lieu samedi à Castelnau-le-Lez."
    )
    resolver = ArticlePlaces.read(extractor.gaz, "Des tirs près de Montpellier", text)
    toll, one, _ = text.split(". ")
    assert [where(p) for p in resolver.places(toll)] == [(None, "34", 3)]
    # one event told over the area is the one the article places in a commune of it
    assert [where(p) for p in resolver.places(one)] == [("34057", "34", 1)]


def test_a_toll_over_an_area_is_not_the_broad_telling_of_the_commune_s_event():
    day = date(2024, 6, 22)
    toll = Event("shooting", departement="34", geo_precision=3, date_start=None, date_end=date(2024, 6, 24))
    toll.evidence = "Quatre fusillades ont éclaté dans l'agglomération."
    one = Event("shooting", commune="34057", departement="34", geo_precision=1, date_start=day, date_end=day)
    assert len(told_broadly([toll, one])) == 2
    toll.evidence = "Une fusillade a éclaté dans l'agglomération."
    assert len(told_broadly([toll, one])) == 1

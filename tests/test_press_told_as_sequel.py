"""How many events an article tells (press/recalls.py, press/counting.py): a mention told as the sequel of one before
it (a lapse opening its sentence, its rank in a sequence, more of what was just found) is another event, even the same
day in the same place; one seizure's goods told twice, once dated by the article and once by its own day, are one
seizure on that day; a seizure told only over a département is the summary of the one told at a locality there.
Fixtures 970-974 score these in whole articles (tests/test_press.py)."""

from datetime import date

from vigie.press import counting, recalls
from vigie.press.schema import Event

DAY = date(2025, 3, 8)


def test_a_lapse_opening_the_sentence_tells_a_sequel():
    sentence = (
        "Trois heures plus tard, des pompiers venus éteindre un feu de poubelles ont à leur tour été pris pour cible."
    )
    assert recalls.sequel("des pompiers venus éteindre un feu de poubelles ont été pris pour cible", sentence)
    assert recalls.another("Quelques jours après, deux frères ont essuyé des tirs devant leur immeuble.", "shooting")
    assert recalls.another("Deux jours plus tard, la BAC arrêtait un vendeur au pied de la tour.", "arrest")
    # the lapse of another step of the story, told after the event: not a sequel of it
    assert not recalls.sequel("Un adolescent a été arrêté puis remis en liberté deux heures plus tard.")
    assert not recalls.another("Un adolescent a été arrêté puis remis en liberté deux heures plus tard.", "arrest")


def test_a_rank_in_a_sequence_or_more_of_the_same_find_tells_a_sequel():
    assert recalls.sequel("Une seconde vague d'arrestations a touché les acheteurs.")
    assert recalls.sequel("Le même soir, un second fait a eu lieu : des tirs contre une voiture à Bourg-de-Péage.")
    assert recalls.sequel("Sous une serre voisine, les gendarmes ont arraché une autre vingtaine de plants.")
    # one shooting's shots told in two goes
    assert not recalls.sequel("Deux tirs, puis trois autres dans un second temps, ont visé la façade.")


def _intimidation(evidence, another=False):
    e = Event("intimidation", "18279", "18", "Clos-du-Roy", 1, DAY, DAY, evidence=evidence)
    e.own_date, e.another = True, another
    return e


def test_a_sequel_stays_apart_from_the_event_before_it_on_the_same_day():
    first = _intimidation("Samedi vers 20 heures, une patrouille a été visée par des jets de pierres.")
    then = _intimidation("Trois heures plus tard, des pompiers ont été pris pour cible.", another=True)
    assert len(counting.merge([first, then])) == 2
    again = _intimidation("Les policiers visés samedi soir n'ont pas été blessés.")
    assert len(counting.merge([first, again])) == 1


def _seizure(start, own, place="Chapélies", commune="19031", departement="19", precision=1, grams=300):
    drugs = [{"substance": "cocaine", "quantity": grams / 1000, "unit": "kg"}] if grams else []
    e = Event("seizure", commune, departement, place, precision, start, start, drugs=drugs)
    e.own_date = own
    return e


def test_the_same_goods_dated_once_by_the_article_and_once_by_their_day_are_one_seizure_on_that_day():
    today, tuesday = date(2025, 5, 12), date(2025, 5, 6)
    lead = _seizure(today, own=False)  # "Depuis le début de l'opération, les enquêteurs ont saisi 300 grammes …"
    told = _seizure(tuesday, own=True)  # "La première saisie remonte au mardi 6 mai : 300 grammes de cocaïne …"
    assert counting.same_goods(lead, told)
    merged = counting.merge([lead, told])
    assert [(e.date_start, e.own_date) for e in merged] == [(tuesday, True)]
    # each dated by its own words on other days, or each by its paragraph: two seizures of the same weight
    assert not counting.same_goods(_seizure(today, own=True), told)
    assert not counting.same_goods(_seizure(today, own=False), _seizure(tuesday, own=False))


def test_a_seizure_told_over_the_departement_is_the_summary_of_the_one_at_a_locality_there():
    week = _seizure(date(2025, 3, 10), True, "dans l'Indre", None, "36", 3, grams=0)
    week.date_end = date(2025, 3, 15)
    found = _seizure(date(2025, 3, 12), True, "à hauteur de Montierchaume", None, "36", 2, grams=14000)
    assert recalls.summaries([week, found]) == [found]
    elsewhere = _seizure(date(2025, 3, 12), True, "l'A20", None, "87", 2, grams=14000)
    assert recalls.summaries([week, elsewhere]) == [week, elsewhere]

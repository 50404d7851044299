"""How many events an article tells (press/recalls.py, press/counting.py): a mention told as the sequel of one before
it (a lapse opening its sentence, its rank in a sequence, more of what was just found) is another event, even the same
day in the same place. Fixtures 970, 971 and 974 score it in whole articles (tests/test_press.py)."""

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

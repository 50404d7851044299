"""False positives of the press extractor (issue 13, failure class 3 and item 5): what a sentence or an article must
tell to give an event. Each test names the mechanism of press/recalls.py or rules/*.toml it checks; the texts are our
own."""

from datetime import date

from vigie.press import recalls
from vigie.press.articles import Article
from vigie.press.schema import Event


def _event(kind="seizure", commune="18279", dep="18", start=None, end=date(2025, 6, 13), evidence="", **values):
    e = Event(kind, commune, dep, "Vierzon", 1 if commune else 3, start, end, evidence=evidence)
    for k, v in values.items():
        setattr(e, k, v)
    return e


def test_a_gated_piece_keeps_what_it_tells_as_an_event():
    """recalls.told_as_event: dated to the day by its paragraph, or measured by goods of its own in a commune, is an
    event; a year's figure, an area's, a paragraph-dated national figure and goods counted in no amount are not."""
    day = (date(2025, 6, 10), date(2025, 6, 10))
    kilo = [{"substance": "cannabis", "quantity": 0.8, "unit": "kg"}]
    assert recalls.told_as_event(_event(start=day[0], end=day[1], evidence="Ont été saisis 800 grammes."))
    assert recalls.told_as_event(_event(drugs=kilo, evidence="Le bilan mentionne la saisie de 800 grammes."))
    assert not recalls.told_as_event(_event(drugs=kilo, evidence="En 2024, 800 grammes ont été saisis à Vierzon."))
    assert not recalls.told_as_event(_event(commune=None, drugs=kilo, evidence="800 grammes saisis dans le Cher."))
    month = _event(start=date(2022, 1, 1), end=date(2022, 1, 31), drugs=kilo, evidence="237 kg … dont 1 kg à Paris.")
    assert not recalls.told_as_event(month)  # dated by its paragraph's month only
    month.own_date = True
    assert recalls.told_as_event(month)  # "en janvier 2022, à Vierzon, …": its own month
    arms = [{"kind": "other", "count": None}]
    assert not recalls.told_as_event(_event(weapons=arms, evidence="Des armes ont été saisies en nombre."))


def test_the_gate_reads_statistics_and_policy_in_the_lead_but_a_trial_only_in_the_headline():
    gate, lead_gate = r"\btribunal\b", r"\bconseil municipal\b"
    assert recalls.gated("Auxerre : 1,4 million pour la sécurité", "Le conseil municipal a adopté …", gate, lead_gate)
    assert not recalls.gated("Lorient : un point de deal démantelé", "Ils seront jugés au tribunal …", gate, lead_gate)
    assert recalls.gated("", "Le tribunal a condamné …", gate, lead_gate)  # no headline: the lead says what it is


def test_a_shooting_told_broadly_in_the_lead_is_the_one_the_body_places():
    """recalls.told_broadly: the lead's shooting 'dans la banlieue grenobloise' is the body's one at Fontaine."""
    night = (date(2024, 9, 14), date(2024, 9, 15))
    lead = _event("shooting", None, "38", *night, injured=2)
    body = _event("shooting", "38169", "38", *night)
    out = recalls.told_broadly([lead, body])
    assert out == [body] and body.injured == 2
    elsewhere = _event("shooting", "69123", "69", *night)  # another département: another shooting
    assert recalls.told_broadly([lead, elsewhere]) == [lead, elsewhere]
    lead.another = True  # "une autre fusillade"
    assert recalls.told_broadly([lead, body]) == [lead, body]


def test_an_undated_headline_seizure_is_the_dated_one_of_the_same_amount():
    pollen = [{"substance": "cannabis", "quantity": 553.0, "unit": "kg"}]
    headline = _event("seizure", None, "74", drugs=[dict(d) for d in pollen])
    body = _event("seizure", None, "74", date(2024, 3, 7), date(2024, 3, 7), drugs=[dict(d) for d in pollen])
    assert recalls.told_broadly([headline, body]) == [body]
    other = _event("seizure", None, "74", date(2024, 3, 7), date(2024, 3, 7), drugs=[dict(pollen[0], quantity=12.0)])
    assert recalls.told_broadly([headline, other]) == [headline, other]


def test_shots_heard_are_the_shooting_told_unless_dated_or_placed(extractor):
    """recalls.heard_again, on the lemma words of rules/words.toml (shots.heard, shots.heard_as_a_rule)."""
    told, ling = [_event("shooting", start=date(2025, 10, 2), end=date(2025, 10, 3))], extractor.ling
    assert recalls.heard_again("« On a entendu trois détonations, puis des cris. »", [], None, told, ling)
    assert recalls.heard_again("« On entend des tirs comme dans les quartiers de Marseille »", ["X"], None, told, ling)
    assert recalls.heard_again("« J'entends des tirs comme dans les quartiers de Marseille »", ["X"], None, told, ling)
    assert not recalls.heard_again("On a entendu trois détonations.", [], None, [], ling)  # nothing told before
    elsewhere = "Des habitants ont entendu des tirs, cette fois à Lanester."
    assert not recalls.heard_again(elsewhere, ["X"], None, told, ling)
    assert not recalls.heard_again("On entendait des tirs, cette fois à Lanester.", ["X"], None, told, ling)
    assert not recalls.heard_again("D'autres tirs sont entendus juste à côté.", [], None, told, ling)
    day = (date(2025, 10, 4), date(2025, 10, 4))
    assert not recalls.heard_again("Samedi, on a entendu des tirs.", [], day, told, ling)
    assert not recalls.heard_again("« Le bruit est devenu insupportable »", [], None, told, ling)  # nobody heard


def test_violence_an_article_says_has_no_tie_to_the_trade(extractor):
    """recalls.not_the_trades: an article whose only events are violence and that says they have no tie to the trade
    gives none; one that also tells a seizure keeps its events (the denial is of one incident among others)."""
    text = (
        "Dimanche, une rixe a éclaté dans le quartier de Bois-Bougy, à Vierzon, connu pour le trafic de drogue. "
        "Elle n'a cette fois aucun lien avec le trafic, selon les autorités.\n\n"
        "Un homme de 30 ans a été blessé par balle. Deux suspects ont été interpellés lundi."
    )
    article = Article("fp_rixe", date(2025, 3, 4), "Vierzon : une rixe fait un blessé", text)
    assert extractor.extract(article) == []
    seized = text + "\n\nMardi, à Vierzon, les policiers ont saisi 2 kilos de résine de cannabis."
    kinds = {e.type for e in extractor.extract(Article("fp_rixe2", date(2025, 3, 6), article.title, seized))}
    assert "seizure" in kinds and "shooting" in kinds


def test_goods_told_back_and_shots_heard_while_doing_something_else(extractor):
    """extract.BACK_REFERENCE: 'les drogues découvertes' goes back to the seizure told (no second one); recalls.HEARD:
    'Entendant des tirs, les élèves ont été confinés' is the shooting told, heard."""
    import re

    from vigie.press import extract

    told_back = "Les quantités des drogues découvertes sont impressionnantes."
    assert "découvertes" not in re.sub(extract.BACK_REFERENCE, " ", told_back, flags=re.I)
    told = [_event("shooting", start=date(2024, 10, 16), end=date(2024, 10, 17))]
    assert recalls.heard_again(
        "Entendant des tirs, les élèves ont été confinés quelques minutes.", [], None, told, extractor.ling
    )


def test_a_short_film_and_its_scenes_are_fiction():
    from vigie.press import extract

    scene = "On y suit un guetteur de 15 ans jusqu'aux coups de feu de la dernière scène."
    assert extract.EXCLUSIONS.first("sentence", scene) == "sentence.fiction.court_metrage_scene"
    assert extract.EXCLUSIONS.first("sentence", "La scène s'est déroulée samedi soir au pied d'une tour.") is None

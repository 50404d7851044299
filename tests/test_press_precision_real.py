"""Precision of the press extractor on real reporters' prose (issue 13, session 8): a balance sheet's comparisons and a
point's opening hours are no events; a story told afterwards in the narrative future ("il sera interpellé le 4 octobre
2023") tells what happened."""

from datetime import date

import pytest

from vigie.press.articles import Article

OPERATION = "Mardi, à Périgueux, les policiers ont saisi 800 grammes de résine de cannabis dans un appartement. "


def events(extractor, text, title=""):
    return [(e.type, e.commune) for e in extractor.extract(Article("t", date(2025, 3, 13), title, text))]


@pytest.mark.parametrize(
    "aside",
    [
        # a figure compared with another period
        "À Bergerac, les saisies de cocaïne sont en légère baisse de 9 % sur un an.",
        "À Bergerac, 40 kilos de résine ont été saisis, soit deux fois plus par rapport à l'an dernier.",
        # a percentage of a count
        "À Bergerac, le commissaire liste 57 trafics démantelés et une chute de 30 % du nombre de points de deal.",
    ],
)
def test_a_balance_sheets_comparison_is_no_event(extractor, aside):
    assert events(extractor, OPERATION + aside) == [("seizure", "24322")]


@pytest.mark.parametrize(
    "aside,points",
    [
        ("À Bergerac, on sait que le point de deal est ouvert de 12 heures à 22 heures, dit le commissaire.", 0),
        ("À Bergerac, le point de vente reste ouvert jour et nuit, selon les riverains.", 0),
        # a point that opened is still told
        ("Lundi, à Bergerac, un point de deal s'est installé au pied d'une tour.", 1),
        # hours told of a point dismantled: the dismantling stays
        ("Lundi, à Bergerac, le point de deal, ouvert de 11 heures à 23 heures, a été démantelé.", 1),
    ],
)
def test_a_points_opening_hours_are_no_opening(extractor, aside, points):
    assert [t for t, _ in events(extractor, OPERATION + aside)].count("dealing_point") == points


@pytest.mark.parametrize(
    "sentence,kinds",
    [
        # the narrative future, dated by its year: what happened
        ("Il sera interpellé le 9 mai 2022, en flagrant délit, au péage de Fréjus.", ["arrest"]),
        ("Le 9 mai 2022, il sera interpellé au péage de Fréjus.", ["arrest"]),
        ("Le 12 mars 2024, les gendarmes saisiront 30 kilos de résine dans un garage de Lure.", ["seizure"]),
        ("Les gendarmes saisiront 30 kilos de résine dans un garage de Lure le 12 mars 2024.", ["seizure"]),
        # a future with no year is a plan; a denied act stays denied
        ("Les dealers de Lure seront interpellés dans les prochaines semaines.", []),
        ("Le 12 mars 2024, les gendarmes ne saisiront pas de drogue à Lure.", []),
        # a modal keeps its plan whatever year it names
        ("Le point de deal de Lure devra être démantelé en 2026.", []),
    ],
)
def test_the_narrative_future_tells_what_happened(extractor, sentence, kinds):
    assert extractor.ling.kinds(sentence) == kinds


@pytest.mark.parametrize(
    "aside,points",
    [
        # the article names its point: the headline's "trafic démantelé" is that point's dismantling
        ("Selon les habitants, le point de deal de la rue Rabelais attirait chaque jour des acheteurs.", 1),
        # no point named: a network's dismantling, no point de deal
        ("Selon les habitants, le trafic attirait chaque jour des acheteurs de tout le département.", 0),
    ],
)
def test_a_headlines_trafic_demantele_is_the_point_the_article_names(extractor, aside, points):
    title = "Angoulême : un trafic de cannabis démantelé à Basseau"
    text = "Jeudi, à Angoulême, les policiers ont saisi 1,5 kilo de résine de cannabis et interpellé quatre hommes. "
    found = extractor.extract(Article("t", date(2025, 5, 10), title, text + aside))
    assert [(e.type, e.action) for e in found if e.type == "dealing_point"] == [
        ("dealing_point", "dismantled")
    ] * points


def test_a_trial_to_come_dates_no_event(extractor):
    """'seront jugées en avril prochain' (women, plural) is a judicial step like 'seront jugés': its month is no
    date for the weapon found next."""
    text = (
        "Lundi 3 mars, à Montauban, les policiers ont démantelé le point de deal de la cité Chambord et interpellé "
        "quatre femmes. Deux d'entre elles seront jugées en avril prochain. Un pistolet a aussi été découvert au "
        "domicile de l'une d'elles."
    )
    found = extractor.extract(Article("t", date(2025, 3, 6), "", text))
    assert [(e.type, e.date_start) for e in found if e.type == "seizure"] == [("seizure", date(2025, 3, 3))]


def test_violence_the_headline_ties_to_another_motive_is_no_event(extractor):
    """'… un différend conjugal selon le parquet': the shots and the shooter's arrest are not the trade's."""
    text = (
        "Lundi soir, un homme a tiré deux fois avec un pistolet dans l'appartement de son ex-compagne, à Alès. "
        "Dans ce quartier connu pour son trafic de drogue, beaucoup ont cru à un règlement de comptes. L'homme a été "
        "interpellé mardi matin."
    )
    told = Article("t", date(2025, 4, 16), "Alès : des coups de feu dans un immeuble", text)
    assert {e.type for e in extractor.extract(told)} >= {"shooting"}
    unrelated = Article("t", date(2025, 4, 16), "Alès : des coups de feu, un différend conjugal selon le parquet", text)
    assert extractor.extract(unrelated) == []


@pytest.mark.parametrize("firearm", ["", " Une douille a été retrouvée devant la porte."])
def test_the_tirs_of_a_mortar_attack_are_its_intimidation(extractor, firearm):
    """A bare 'tirs' in an article whose fire is a mortar's is that intimidation, with its toll; a firearm named
    keeps the shooting."""
    text = (
        "Samedi soir, des jeunes ont visé la gendarmerie de Vierzon avec des tirs de mortier d'artifice. "
        "Plusieurs tirs ont touché la façade du bâtiment. Personne n'a été blessé. Les enquêteurs y voient une riposte "
        "des trafiquants du quartier." + firearm
    )
    found = extractor.extract(Article("t", date(2025, 2, 10), "Vierzon : la gendarmerie visée", text))
    kinds = sorted(e.type for e in found)
    if firearm:
        assert "shooting" in kinds
    else:
        assert kinds == ["intimidation"] and (found[0].killed, found[0].injured) == (0, 0)


def test_a_sports_reports_shots_are_figures_of_speech(extractor):
    text = (
        "Samedi soir, au Roudourou, l'avant-centre a ouvert le feu d'une frappe sèche. En fin de rencontre, les "
        "visiteurs ont mitraillé le but breton, mais leur fusillade de tirs s'est heurtée au gardien. « Marquer, "
        "c'est ma drogue », a dit le buteur."
    )
    assert extractor.extract(Article("t", date(2025, 10, 19), "Football : Guingamp braque Amiens", text)) == []


@pytest.mark.parametrize(
    "sentence,kinds",
    [
        ("La fouille du garage permet aux gendarmes de trouver 4 kilos de cocaïne.", ["seizure"]),
        ("La fouille a permis à la police de saisir 2 kilos de cocaïne.", ["seizure"]),
        ("Les perquisitions ont permis de découvrir deux tonnes de résine.", ["seizure"]),
    ],
)
def test_a_search_that_let_the_police_find(extractor, sentence, kinds):
    assert extractor.ling.kinds(sentence) == kinds


@pytest.mark.parametrize(
    "title,kinds",
    [
        ("Sens : cinq interpellés, un pistolet et 12 000 euros saisis", ["seizure"]),  # the goods only in the headline
        ("Sens : cinq hommes interpellés dans un réseau de cannabis", ["arrest"]),  # no seizure told
        ("Sens : une saisie et cinq interpellations", ["arrest"]),  # a seizure with nothing named
    ],
)
def test_the_seizure_only_the_headline_tells(extractor, title, kinds):
    text = "Mardi matin, cinq hommes ont été interpellés à Sens dans une enquête sur un trafic de cannabis."
    found = extractor.extract(Article("t", date(2025, 11, 20), title, text))
    assert [e.type for e in found] == kinds
    if kinds == ["seizure"]:
        assert (found[0].cash_eur, found[0].count, found[0].commune) == (12000, 5, "89387")


@pytest.mark.parametrize(
    "text,points",
    [
        # a point walled up is dismantled
        ("Mercredi 4 juin, à Béziers, la police a fait murer le point de deal d'un immeuble.", [("dismantled", 1)]),
        # how long a point has been there tells no appearance
        ("À Béziers, depuis l'installation du point de deal, les locataires n'osent plus sortir.", []),
        # dealers driven out: the point they held, in an article that names a point de deal
        (
            "Fin avril, à Béziers, les policiers ont chassé les guetteurs installés au pied des tours. Le point de "
            "deal voisin reste actif.",
            [("dismantled", 1)],
        ),
        ("Fin avril, à Béziers, les policiers ont chassé les guetteurs installés au pied des tours.", []),
    ],
)
def test_a_point_walled_up_or_its_dealers_driven_out(extractor, text, points):
    found = extractor.extract(Article("t", date(2025, 6, 6), "", text))
    assert [(e.action, e.count) for e in found if e.type == "dealing_point"] == points


@pytest.mark.parametrize(
    "sentence,kinds",
    [
        ("Il jette un sac dans lequel étaient retrouvés 160 g de résine de cannabis.", ["seizure"]),
        ("Dans la cave, où sont trouvées deux armes de poing, les gendarmes attendent.", ["seizure"]),
    ],
)
def test_goods_found_in_the_passive(extractor, sentence, kinds):
    assert extractor.ling.kinds(sentence) == kinds


def test_a_trial_piece_keeps_the_dated_find_it_recalls(extractor):
    """The article-level gate of a trial piece lets through the find its story dates ('Vendredi 11 avril, … un sac
    dans lequel étaient retrouvés 80 grammes de cocaïne'), with the arrest that follows as its persons."""
    text = (
        "Le tribunal correctionnel de Lorient a condamné mardi un homme de 22 ans à dix mois de prison ferme.\n\n"
        "Vendredi 11 avril, des policiers en patrouille rue de Merville, à Lorient, l'avaient vu jeter un sac dans "
        "lequel étaient retrouvés 80 grammes de cocaïne et 300 euros. Il avait été interpellé quelques minutes "
        "plus tard."
    )
    found = extractor.extract(
        Article("t", date(2025, 4, 16), "Lorient : un dealer condamné à dix mois de prison", text)
    )
    assert [(e.type, e.commune, e.date_start, e.count) for e in found] == [("seizure", "56121", date(2025, 4, 11), 1)]


def test_a_reports_tallies_are_no_events_its_dated_facts_are(extractor):
    """A report piece (gate.rapport_officiel) keeps the shooting it dates, not a town's yearly count of killings
    (sentence.statistics.compte_annuel_de_violences), which the report's publication day would have dated."""
    text = (
        "Le rapport, publié mardi, cite Cavaillon, qui a connu quatre règlements de comptes en 2024, et Montargis.\n\n"
        "Le 3 février 2025, à Montargis, un homme de 19 ans avait été blessé par balle au pied d'un immeuble."
    )
    title = "Rapport parlementaire : les villes moyennes face au narcotrafic"
    found = extractor.extract(Article("t", date(2025, 3, 20), title, text))
    assert [(e.type, e.commune, e.date_start) for e in found] == [("shooting", "45208", date(2025, 2, 3))]


@pytest.mark.parametrize(
    "body,seizures",
    [
        # the lead's summary of the seizure the body measures: one seizure
        ("Jeudi 6 mars, à Besançon, les policiers ont trouvé 40 grammes de cocaïne dans une boîte aux lettres.", 1),
        # nothing measured elsewhere: the summary is the seizure told
        ("Jeudi 6 mars, à Besançon, les contrôles ont continué.", 1),
        # a measured seizure a month later is another operation
        ("Le 6 avril, à Besançon, les policiers ont trouvé 40 grammes de cocaïne dans une boîte aux lettres.", 2),
    ],
)
def test_a_leads_summary_of_a_seizure_adds_nothing(extractor, body, seizures):
    lead = "Une opération de police a visé trois quartiers de Besançon mercredi 5 mars. De la drogue a été saisie.\n\n"
    found = extractor.extract(Article("t", date(2025, 4, 8), "", lead + body))
    assert [e.type for e in found].count("seizure") == seizures

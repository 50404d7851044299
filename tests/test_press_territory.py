"""Dealing points, intimidation and networks' arrival (press/territory.py and their rules in press/rules/*.toml): the
wordings found, the look-alikes refused, and where a network settled rather than where it comes from. The articles
that carry each class whole are tests/press_fixtures/420–431, scored by test_press.py."""

import re

import pytest

from vigie import warehouse
from vigie.press import extract, territory
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp
from vigie.press.places import Gazetteer


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


@pytest.fixture(scope="module")
def gaz(official_db):
    con = warehouse.connect(official_db, read_only=True)
    yield Gazetteer(con)
    con.close()


def kinds(ling, text: str) -> list[str]:
    """The event types of a text as the extractor reads them: look-alike wordings blanked first."""
    return ling.kinds(re.sub(extract.NOT_TRIGGERS, " ", text, flags=re.I))


@pytest.mark.parametrize(
    "text,rule",
    [
        ("des équipes marseillaises se sont implantées à Béziers", "network_arrival.reseaux_d_une_grande_ville"),
        ("ce réseau s'était implanté à Albi", "network_arrival.groupe_s_implante"),
        ("des équipes de Vénissieux se sont installées à Vienne", "network_arrival.groupe_s_implante"),
        ("des revendeurs lyonnais ont pris pied à Bourgoin-Jallieu", "network_arrival.prendre_pied"),
        ("les bandes cherchent à prendre le contrôle du quartier", "network_arrival.prendre_le_controle"),
        ("certains viennent tout droit de Marseille", "network_arrival.viennent_tout_droit_de"),
        ("des bandes rivales de Nîmes se disputent le contrôle du trafic", "network_arrival.se_disputent_le_controle"),
        ("des jeunes venus de Lyon pour vendre du cannabis", "network_arrival.jeunes_venus_vendre"),
        ("ils se sont installés dans le quartier, venus de Nîmes", "network_arrival.installes_et_venus"),
        ('la fermeture d\'un point de "deal" rue Jean-Jaurès', "dealing_point.point_de_deal"),
        ("un point de « deal » du quartier", "dealing_point.point_de_deal"),
        ("un adolescent a été frappé et blessé avec un couteau", "intimidation.au_couteau"),
        ("il a été agressé à coups de batte", "intimidation.au_couteau"),
        ("l'un des habitants a reçu un coup de poing", "intimidation.coups_recus"),
        ("l'incendie du poste de police en mars", "intimidation.incendie_batiment_public"),
        ("le commissariat de Vierzon (Cher) a été attaqué", "intimidation.batiment_attaque"),
        ("l'attaque du commissariat a choqué les habitants", "intimidation.attaque_du_batiment"),
        ("la gendarmerie de Lunel a encore été visée", "intimidation.batiment_vise_passif"),
        ("la mairie du quartier visée par des jets de pierres", "intimidation.batiment_vise_par"),
        ("les policiers ont été visés par des feux d'artifice", "intimidation.vise_par_des_artifices"),
        ("des tags anti-police sur les boîtes aux lettres", "intimidation.tags_anti_police"),
        ("le nom d'un policier a été tagué sur un mur", "intimidation.nom_tague"),
        ("des locataires ont été intimidés par des guetteurs", "intimidation.intimide_par"),
    ],
)
def test_the_wordings_of_the_three_types(ling, text, rule):
    assert rule in ling.fired(rule.split(".")[0], text)


@pytest.mark.parametrize(
    "text",
    [
        "un dispositif de gendarmerie visant à démanteler un trafic de cocaïne",
        "cette opération de la gendarmerie vise à démanteler le point de deal",
        "le plan de la mairie cible les halls d'immeuble",
    ],
)
def test_a_building_s_service_that_aims_at_something_is_no_attack(ling, text):
    """'viser' and 'cibler' in the active tell what a gendarmerie's or a town hall's action aims at; the building is
    attacked only in the passive ('a été visée', 'visée par')."""
    assert ling.fired("intimidation", text) == []


def test_the_network_rules_are_token_patterns():
    from vigie.press import rules

    mine = [r for r in rules.load().rules if r.type == "network_arrival"]
    assert len(mine) >= 10 and all(r.tokens is not None and r.pattern is None for r in mine)


def test_no_rule_opens_a_long_bounded_window():
    """The Matcher expands a bounded window ('{0,24}') into that many optional tokens, whose ways of matching the same
    words multiply: 24 made one rule take 30 s on 1,000 sentences. A long window is '*' (linear), bounded by the
    clause and its punctuation."""
    from vigie.press import rules

    mine = ("network_arrival", "dealing_point", "intimidation")
    for rule in [r for r in rules.load().rules if r.type in mine]:
        for token in rule.tokens or ():
            bound = re.fullmatch(r"\{\d*,(\d+)\}", str(token.get("OP", "")))
            assert bound is None or int(bound.group(1)) <= 8, rule.name


@pytest.mark.parametrize(
    "text",
    [
        "Deux projectiles de calibre 9 mm se sont fichés dans le rideau d'un commerce.",  # bullets
        "La victime a été atteinte de plusieurs projectiles dans la ruelle.",
        "Touché par au moins deux projectiles au bras, il a été hospitalisé.",
        "L'un des tireurs a lâché une rafale de plusieurs projectiles vers le hall.",
        "Les commerçants sont parfois menacés par les guetteurs.",  # a habit, no occurrence
        "Les riverains évoquent des insultes et parfois des menaces contre les passants.",
        "Les enquêteurs cherchent à savoir s'il s'agit de représailles.",  # a motive weighed
        "Le narcotrafic menace désormais les villes moyennes.",  # a figure of speech
        "Une femme a été agressée dans la rue pour son téléphone.",  # a robbery
        "Une voiture incendiée pourrait être celle qui a servi aux tireurs.",  # the shooters' car
    ],
)
def test_look_alikes_are_no_intimidation(ling, text):
    assert "intimidation" not in kinds(ling, text)


def test_real_threats_and_attacks_are_kept(ling):
    assert kinds(ling, "Les guetteurs ont menacé un commerçant avec un pistolet.") == ["intimidation"]
    assert kinds(ling, "La voiture d'un policier a été incendiée devant son domicile.") == ["intimidation"]


def test_a_settling_wording_needs_an_origin():
    fired = ["network_arrival.groupe_s_implante"]

    def no(word):
        return None

    no_origin = "Le soir, les dealers s'installent sur des chaises au pied des tours."
    assert territory.refine(["network_arrival"], fired, no_origin, lambda w: None) == []
    for said in (
        "Des équipes venues de Nantes se sont implantées à la Trébale.",
        "Des équipes de Vénissieux se sont implantées à Vienne.",
        "Chassé du Mirail, ce réseau s'est installé à Albi.",
    ):
        assert territory.refine(["network_arrival"], fired, said, lambda w: None) == ["network_arrival"]
    demonym = {"marseillaises": "13055"}.get
    assert territory.refine(["network_arrival"], fired, "Des équipes marseillaises s'implantent.", demonym)
    rivals = "Deux bandes du quartier se disputent le contrôle des halls."  # a local rivalry
    assert territory.refine(["network_arrival"], ["network_arrival.se_disputent_le_controle"], rivals, no) == []
    # a rule that says the origin itself needs nothing more
    assert territory.refine(["network_arrival"], ["network_arrival.reseau_venu"], no_origin, lambda w: None)


def test_the_towns_a_network_comes_from_are_blanked(gaz):
    text = "une équipe venue de Nantes, du quartier de Bellevue et des Dervallières, s'est implantée à la Trébale"
    blanked = territory.without_origins(text)
    assert len(blanked) == len(text) and "Nantes" not in blanked and "Bellevue" not in blanked
    assert "Dervallières" not in blanked and blanked.endswith("s'est implantée à la Trébale")
    chased = "Chassée du Mirail, à Toulouse, par une bande rivale, cette équipe s'était installée à Albi"
    assert "Toulouse" not in territory.without_origins(chased) and "Albi" in territory.without_origins(chased)
    assert territory.origin_towns(gaz, chased) == ["31555"]
    assert territory.origin_towns(gaz, "des équipes de Vénissieux se sont implantées") == ["69259"]


def test_a_region_is_no_origin():
    text = "des équipes venues d'Orléans et de la région parisienne"
    blanked = territory.without_regions(text)
    assert len(blanked) == len(text) and blanked.rstrip() == "des équipes venues d'Orléans et de la"


def test_where_a_network_settled():
    class P:
        def __init__(self, code, text):
            self.code, self.text = code, text

    def read(text):
        return [P(code, name) for name, code in (("Trébale", "44184"), ("Nantes", "44109")) if name in text]

    clause = "une équipe venue de Nantes s'est implantée à la Trébale"
    assert [p.code for p in territory.settled_places(clause, read(clause), read, [], ["44109"])] == ["44184"]
    # only its home town named: the scene or the article's town, never the home town
    home = "certains viennent tout droit de Nantes"
    town = P("44184", "Saint-Nazaire")
    assert territory.settled_places(home, read(home), read, [town], ["44109"]) == [town]
    assert territory.settled_places(home, read(home), read, [P("44109", "Nantes")], ["44109"]) == []


def test_an_attacked_police_station_is_where_it_happened():
    def read(text):
        return [m.group(1) for m in re.finditer(r"\bà ([A-Z][\w-]+)", text)]

    assert territory.target_places("des tirs de mortier visant l'hôtel de police d'Istres", read) == ["Istres"]
    assert territory.target_places("trois agents de la police municipale de Trappes frappés", read) == ["Trappes"]
    assert territory.target_places("l'enquête est confiée au parquet de Nîmes", read) == []


def test_a_point_dismantled_in_other_words(ling):
    for text in (
        "Cette intervention a permis la dissolution du point de deal de la place.",
        "une opération de police contre un point de deal a conduit à une interpellation",
        "des policiers ont investi une cage d'escalier où s'était installé un point de deal",
    ):
        assert re.search(territory.DISMANTLED_MORE, text.lower())
    assert territory.headline_point('Rouen : un "point de deal" démantelé, deux interpellations', ling)
    assert not territory.headline_point("Rouen : les habitants excédés par un point de deal", ling)
    assert not re.search(territory.DISMANTLED_MORE, "la ville a investi 400 000 euros près du point de deal")
    assert not re.search(territory.DISMANTLED_MORE, "les enquêteurs ont investi le quartier, un point de deal connu")
    assert re.search(territory.OTHER_PREMISES, "deux commerces ont été contrôlés, un fermé")


@pytest.mark.parametrize(
    "text,rule",
    [
        ("les policiers ont démantelé la semaine dernière un trafic local", "dealing_point.trafic_demantele"),
        ("un trafic de cannabis a été démantelé au pied des tours", "dealing_point.trafic_est_demantele"),
        (
            "Chassés du square en mars, les guetteurs du quartier se sont repliés dans le parc voisin.",
            "dealing_point.point_deplace",
        ),
        ("la mairie a fait murer le hall où se retrouvaient les dealers", "dealing_point.lieu_du_trafic_detruit"),
        ("Depuis l'été, y sévit un trafic de cocaïne.", "dealing_point.trafic_y_sevit"),
        (
            "des jeunes venus de Reims, dans la Marne, installés depuis le printemps dans des studios",
            "network_arrival.venus_puis_installes",
        ),
    ],
)
def test_a_point_or_a_network_told_without_the_words(ling, text, rule):
    """Fixtures 510-519 carry each class in an article."""
    assert rule in ling.fired(rule.split(".")[0], text)


def test_a_trafic_dismantled_is_a_point_only_in_an_article_that_names_one(ling):
    fired = ["dealing_point.trafic_demantele"]
    named = "Les policiers ont démantelé un trafic.\n\nCe point de deal était connu des habitants."
    assert territory.unnamed_point(["dealing_point"], fired, named) == ["dealing_point"]
    network = "Les gendarmes ont démantelé un trafic de cocaïne entre Agen et Villeneuve-sur-Lot."
    assert territory.unnamed_point(["dealing_point", "arrest"], fired, network) == ["arrest"]
    assert territory.unnamed_point(["dealing_point"], [], network) == []  # the context such a wording set
    assert territory.unnamed_point(["dealing_point"], ["dealing_point.point_de_deal"], network) == ["dealing_point"]
    # a point that moved, or a network that came from elsewhere: the network's arrival
    moved = ["dealing_point.point_deplace"]
    both = ["dealing_point", "network_arrival"]
    assert territory.unnamed_point(
        both, moved, "Chassés du Mirail, à Toulouse, des dealers se sont installés à Albi."
    ) == ["network_arrival"]
    assert territory.unnamed_point(["dealing_point"], moved, "Chassés du parc, les dealers se sont repliés.") == [
        "dealing_point"
    ]
    # a headline that tells a trafic dismantled tells no point de deal
    assert not territory.headline_point("Un trafic de stupéfiants démantelé, deux couples interpellés", ling)


def test_a_point_appeared_closed_or_moved_in_other_words():
    appeared = territory.APPEARED_MORE
    assert re.search(appeared, "cela va de pair avec l'installation de nouveaux points de deal")
    assert re.search(appeared, "ils s'inquiètent de l'apparition d'un point de deal")
    assert re.search(appeared, "chassés du parc en mars, les trafiquants se sont réfugiés dans le parc voisin")
    assert not re.search(appeared, "le maire veut empêcher l'installation d'un point de deal")
    assert not re.search(appeared, "un plan de lutte contre l'implantation de points de deal")
    closed = territory.DISMANTLED_MORE
    assert re.search(closed, "détruire la dalle sur laquelle s'installaient les dealers")
    assert re.search(closed, "ont bouclé la cité pour faire tomber le point de deal")
    assert not re.search(closed, "détruire la dalle sur laquelle jouaient les enfants")


def test_tallies_and_sets_are_no_points(ling):
    tally = "Depuis janvier, dix-neuf points de deal ont été démantelés dans le département du Nord."
    assert extract.EXCLUSIONS.first("sentence", tally) == "sentence.statistics.points_demanteles_dans_le_departement"
    local = "Depuis le printemps, la police a démantelé trois points de deal dans l'arrondissement."
    assert extract.EXCLUSIONS.first("sentence", local) is None
    assert kinds(ling, "Un faux point de deal a été reconstitué au pied d'une tour.") == []


def test_a_summary_of_threats_is_no_new_intimidation(ling):
    summary = "Pour le commissaire, ces intimidations visent à ralentir les enquêtes."
    assert kinds(ling, summary) == []
    assert kinds(ling, "Les commerçants dénoncent une intimidation permanente des guetteurs.") == ["intimidation"]
    # a threat told as the network's rule, no occurrence (fixture 521)
    assert kinds(ling, "Le gérant menaçait ses vendeurs en cas de pertes.") == []
    assert kinds(ling, "Le gérant a menacé ses vendeurs mardi.") == ["intimidation"]


def test_a_point_told_only_by_the_headline(ling):
    """Fixture 522: "Dole : un point de deal démantelé" over a body that tells only the operation."""
    from vigie.press.schema import Event

    seizure = Event("seizure", "39198", "39", "Dole", 1, count=3, drugs=[{"substance": "cannabis"}])
    [point] = territory.point_of_the_headline("Dole : un point de deal démantelé", [seizure], ling)
    assert (point.type, point.commune, point.action, point.count, point.drugs) == (
        "dealing_point",
        "39198",
        "dismantled",
        1,
        [],
    )
    assert point.rules == ["dealing_point.told_by_the_headline"]
    # the body told the point itself, the headline tells no dismantling, or the operation spans several towns
    assert territory.point_of_the_headline("Dole : un point de deal démantelé", [seizure, point], ling) == []
    assert territory.point_of_the_headline("Dole : les habitants et le point de deal", [seizure], ling) == []
    assert territory.point_of_the_headline("Un trafic démantelé à Dole", [seizure], ling) == []
    wide = Event("seizure", None, "39", "dans plusieurs communes du Jura", 3)
    assert territory.point_of_the_headline("Jura : un point de deal démantelé", [wide], ling) == []


def test_an_ambush_is_an_intimidation(ling):
    """Fixture 523: the ambush of a patrol told as the background of a follow-up article."""
    assert kinds(ling, "Une vingtaine de jeunes ont tendu un guet-apens à une patrouille.") == ["intimidation"]
    assert kinds(ling, "Une patrouille a été prise dans une embuscade au pied des tours.") == ["intimidation"]
    # an ambush with shots is a shooting (the extractor keeps the shooting alone: extract._refine)
    assert "shooting" in kinds(ling, "Il a été tué par balles dans un guet-apens.")


def test_the_adverb_a_peine_is_no_sentence_passed():
    """Fixture 524: 'Il était à peine 6 heures quand les policiers ont démantelé le point de deal' is news."""
    assert extract.EXCLUSIONS.first("sentence", "Il était à peine 6 heures quand les policiers sont arrivés.") is None
    passed = "Des peines de prison ferme ont été prononcées."
    assert extract.EXCLUSIONS.first("sentence", passed) == "sentence.judicial.peines"


def test_hired_hands_from_elsewhere_are_a_network_arrival(ling):
    """Fixture 525: 'des jobbeurs venus de Marseille pour tenir le point de vente'."""
    for who in ("jobbeurs", "charbonneurs", "vendeurs"):
        text = f"des {who} venus de Marseille pour tenir le point de vente"
        assert "network_arrival.trafiquants_venus" in ling.fired("network_arrival", text)
    assert kinds(ling, "des clients venus de Marseille pour acheter") == []


def test_a_point_back_or_brought_down_in_other_words(ling):
    """Fixtures 526-528: a point 'reformé', a point the police 'ont fait tomber', a lookout 'molesté'."""
    assert re.search(territory.APPEARED_MORE, "le point de deal s'est reformé la semaine dernière")
    assert re.search(territory.APPEARED_MORE, "le point de deal a repris ses quartiers au pied de la tour")
    assert re.search(territory.DISMANTLED_MORE, "les gendarmes ont fait tomber le point de deal des mimosas")
    assert re.search(territory.DISMANTLED_MORE, "le point de deal a été neutralisé")
    assert "intimidation.moleste_kidnappe" in ling.fired("intimidation", "un guetteur a été molesté par deux hommes")
    assert kinds(ling, "Ils voulaient kidnapper le témoin.") == []


def test_a_group_from_elsewhere_that_settled(ling):
    """Fixture 529: 'les vendeurs, originaires de Lyon, se sont installés' (and 'originaires de Lyon, interpellés' is
    no arrival: extract._refine wants the settling)."""
    settled = "Les vendeurs, originaires de Lyon, se sont installés dans deux appartements."
    assert "network_arrival.originaires_de" in ling.fired("network_arrival", settled)
    assert extract.Extractor._refine(None, ["arrest", "network_arrival"], "originaires de Lyon, interpellés", "") == [
        "arrest"
    ]

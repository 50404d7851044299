"""The control of territory: the checks that the `network_arrival`, `dealing_point` and `intimidation` event types
need beyond their triggers (rules/triggers.toml), kept apart from the extractor's loop.

- A network that "s'implante" or "s'installe" is news for Vigie only when it comes from elsewhere: dealers settling
  in a street of their own estate are not a network's arrival. The generic settling rules (`SETTLING`) need the
  sentence to say where the group comes from ("venue de Nantes", "des équipes de Vénissieux", "grenoblois",
  "chassé de la Reynerie").
- The town a network comes from is not where it settled: "une équipe venue de Nantes, des quartiers de Bellevue et des
  Dervallières, s'est implantée à la Trébale" happened at la Trébale; an origin goes on "et notamment du quartier du
  Mirail", "issus du quartier de la Paillade", and a curated district is its town's before a village of its name
  ("la Mosson" is Montpellier's, not the Côte-d'Or's); "venues de la cité de la Castellane, à Marseille" is one
  origin. `without_origins` blanks the origins (keeping every offset) before the clause's places are read for an
  arrival, and a district of an origin town named elsewhere in the clause is no place it settled in either ("venus
  de Montpellier, arrivés après le démantèlement de leur propre réseau à la Paillade").
- A police station, a gendarmerie or a town hall attacked, and a town's municipal police (which works in its town
  only), are where the attack happened: "des tirs de mortier dirigés vers l'hôtel de police d'Istres", "des agents de
  la police municipale de Saint-Denis lynchés". Elsewhere the place of an institution is no event's place
  (geography.ORIGIN); `target_places` reads such a town only for an intimidation or a shooting with no other place.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vigie.press import quantities
from vigie.press.geography import is_district

# a point de deal dismantled, in words beyond "démantelé", "fermé", "tombé" (extract._refine, counting.values):
# "ont obtenu la dissolution du point de deal", "une opération de police contre un point de deal"
DISMANTLED_MORE = (
    r"dissolution|dissous|dissoute|"
    # a point halted: "le point de la cité des Lilas est à l'arrêt depuis l'opération" (not "à l'arrêt de bus")
    r"\b(?:est|sont|a été mis|ont été mis) à l['’]arrêt\b(?! d)|"
    # a halt put to it: "les gendarmes y ont mis un coup d'arrêt", "un coup d'arrêt a été donné au réseau lundi"
    r"\bcoup d['’]arrêt\b|"
    r"(?:opération|intervention|descente|offensive)[^.,;]{0,40}? (?:contre|visant|sur|ciblant) "
    r"(?:un|le|les|des|ce|ces|deux|trois|plusieurs) (?:\w+ )?points? de|"
    # a raid on the point's stairwell: "des policiers ont investi une cage d'escalier où s'était installé un point"
    # (not "ont investi le quartier", a district where a point is)
    r"(?:policiers|gendarmes|forces de l['’]ordre|enquêteurs|militaires|crs)\b[^.;]{0,40}?\binvesti(?:e|s|es)? "
    r"(?:une?|le|la|les|l['’]|des) (?:\w+ )?(?:cages? d['’]escalier|halls?|immeubles?|appartements?|caves?|tours?)\b|"
    # the aim of a raid told: "ont investi la Chasse-Royale pour faire tomber le point de deal"
    r"\b(?:faire|fait|font|fera) tomber (?:le|un|ce|les|des|ces|deux|trois|plusieurs) (?:\w+ )?points? de|"
    # a point closed like a shop: "le point de deal du parking a baissé le rideau"
    r"\bbaiss\w* (?:le|son|leur) rideau\b|"
    # "le point de deal a été neutralisé", "éradiqué"
    r"\b(?:neutralis|éradiqu)(?:é|ée|és|ées)\b|"
    # the place of a point closed: "détruire la dalle de béton sur laquelle s'installaient les dealers"
    r"\b(?:détrui|démoli|rasé|raser|muré|murer|condamn|grillag)\w*[^.;]{0,80}?\b(?:où|laquelle|lequel|lesquel(?:le)?s) "
    r"(?:[\w'’]+ ){0,3}(?:dealers?|dealeurs?|trafiquants?|guetteurs?|revendeurs?)\b|"
    # the point itself walled up or pulled down: "a fait murer le point de deal", "a fait détruire un point de vente"
    r"\b(?:murer|muré|murée|condamner|condamné|grillager|grillagé|détruire|détruit|démolir|démoli|raser|rasé) "
    r"(?:le|les|un|ce|ces|leur) "
    r"(?:\w+ )?points? de|"
    # the dealers driven out of their place: "après avoir chassé les dealers installés dans la cité des Oiseaux" (not
    # "chassés du parc, les trafiquants se sont réfugiés …", a point that moved: APPEARED_MORE)
    r"\b(?:chassé|délogé|expulsé) (?:les|des|ces|leurs) (?:\w+ )?"
    r"(?:dealers|dealeurs|trafiquants|revendeurs|guetteurs)\b"
)
# a point de deal that appeared, told by a noun: "l'installation de nouveaux points de deal", "l'apparition de points
# de deal" (not what a policy would prevent: "empêcher l'installation d'un point de deal")
APPEARED_MORE = (
    r"(?<!empêcher )(?<!éviter )(?<!contre )(?<!prévenir )(?<!freiner )(?<!depuis )"
    r"\bl['’](?:installation|apparition|implantation|émergence) (?:de |d['’]|du )"
    r"(?:nouveaux |un |une |des |deux |trois )?"
    r"(?:nouveaux? |nouvelles? )?points? de|"
    # a point that moved: "chassés du parc de Kerizac, les trafiquants se sont réfugiés dans le parc de Kermesquel"
    r"\b(?:chass|délog|expuls|repouss)(?:é|ée|és|ées)\b[^.;]*\b(?:se|s['’])(?: sont| étaient| est| était)? "
    r"(?:\w+ ){0,2}"
    r"(?:réfugié|replié|déplacé|reporté|établi)s?\b|"
    # a point back: "le point de deal s'est reformé", "a repris ses quartiers", "est de retour"
    r"\bs['’](?:est|était|sont|étaient) reformée?s?\b|\b(?:a|ont|avait|avaient) repris (?:ses|leurs) quartiers\b|"
    r"\b(?:est|sont|était|étaient) de retour\b|"
    # a point born: "un point de vente a vu le jour au pied de la tour"
    r"\b(?:a|ont|avait|avaient) vu le jour\b|\bvoi(?:t|ent) le jour\b"
)
# premises that are no point de deal: "deux commerces ont été contrôlés, un fermé" after a point de deal was told
OTHER_PREMISES = (
    r"\b(?:commerces?|bars?|épiceries?|boutiques?|restaurants?|établissements?|magasins?|snacks?|kebabs?|chichas?)\b"
)
# a point that opened ("un point de deal a ouvert", "ouvert en janvier"): the word itself, not "découvert", nor the
# fire or an inquiry opened ("ont ouvert le feu", "le parquet a ouvert une enquête")
OPENED = r"\bouverts?\b(?! (?:le feu|une enquête))"
# a headline that tells a point de deal dismantled or opened: the body's "ont démantelé un trafic local dans le
# quartier" is that point's dismantling
HEADLINE_DISMANTLED = r"démant[eè]l|fermé|tombé|muré"
HEADLINE_ACTION = HEADLINE_DISMANTLED + r"|apparu|installé|s'install|reconstitu|rouvert"


# rules that tell a point de deal only in an article that names one: "la police a démantelé un trafic de
# stupéfiants" is a point's dismantling when the article says "ce point de deal" elsewhere, a network's otherwise
NEEDS_A_POINT = frozenset(
    {
        "dealing_point.trafic_demantele",
        "dealing_point.trafic_est_demantele",
        "dealing_point.dealers_chasses",
        "dealing_point.coup_d_arret",
        "dealing_point.coup_d_arret_donne",
    }
)
MOVED = frozenset({"dealing_point.point_deplace", "dealing_point.vendeurs_installes"})
# rules whose wording is itself a point's appearance (sellers that take a place over, a trade back or moved): no other
# word of the clause needs to say it (extract._refine)
TELL_AN_APPEARANCE = frozenset(
    {
        "dealing_point.lieu_investi",
        "dealing_point.pris_possession",
        "dealing_point.trafic_a_repris",
        "dealing_point.trafic_deplace",
        "dealing_point.ventes_deplacees",
    }
)
POINT_WORDS = r"\bpoints? de (?:[«\"“]\s*)?(?:deal|vente|revente)\b|\blieux? de deal\b|«\s*fours?\s*»"


def unnamed_point(types: list[str], fired: list[str], article: str) -> list[str]:
    """The event types of a clause, without a point de deal told only as "un trafic démantelé" (or only by the
    context such a wording set: `fired` empty) in an article that names no point de deal (`article`: its title and
    text), nor a point that moved when the clause tells a network's arrival from elsewhere."""
    if "dealing_point" in types and set(fired) <= NEEDS_A_POINT and not names_a_point(article):
        return [t for t in types if t != "dealing_point"]
    if "dealing_point" in types and "network_arrival" in types and fired and set(fired) <= MOVED:
        # "chassés du Mirail, à Toulouse, des dealers se sont installés à Albi": a network's arrival, not a point
        # that moved within its town
        return [t for t in types if t != "dealing_point"]
    return types


# the points a network supplied, its market, not a point of the article: "le réseau alimentait de nombreux points de
# deal de la région", "soupçonné d'approvisionner plusieurs points de vente"
SUPPLIED_POINTS = (
    r"\b(?:aliment|approvisionn|fourni|livr|ravitaill)\w*\s+(?:[\w'’-]+\s+){0,3}?points? de (?:deal|vente|revente)\b"
)


def names_a_point(article: str) -> bool:
    return bool(re.search(POINT_WORDS, re.sub(SUPPLIED_POINTS, " ", article, flags=re.I), re.I))


# a headline that counts points over a period ("30 points de deal démantelés depuis 2020", "depuis janvier, 12 points")
HEADLINE_TALLY = (
    r"\bpoints de (?:deal|vente)\b[^.;:]{0,40}?\bdepuis\b|\bdepuis\b[^.;:]{0,40}?\bpoints de (?:deal|vente)\b"
)


def point_of_the_headline(title: str, events: list, ling, text: str = "", town=None) -> list:
    """The point de deal a headline says was dismantled ("Un point de deal et un laboratoire démantelés par les
    gendarmes", or "un trafic démantelé" when the article's `text` names its point de deal: "le point de deal de la
    place générait …") when the body tells the operation (a seizure or an arrest) but never the point's dismantling in
    its own words: one dismantled point where and when the article's first operation happened, if in one commune, or
    else at the article's `town` (its main place, a commune) in the operation's département ("Firminy : le point de
    deal démantelé" over arrests told at Firminy and a neighbouring town)."""
    if any(e.type == "dealing_point" for e in events) or not re.search(HEADLINE_DISMANTLED, title or "", re.I):
        return []
    if re.search(HEADLINE_TALLY, title, re.I):  # "30 points de deal démantelés depuis 2020": a tally, no point
        return []
    operation = next((e for e in events if e.type in ("seizure", "arrest")), None)  # in the article's order
    at = {}
    if operation is not None and operation.commune is None:
        if not (town is not None and town.code and town.departement == operation.departement):
            return []  # a point is in one commune: not an operation across a département's towns
        at = {"commune": town.code, "place": town.text, "geo_precision": town.precision, "district": False}
    if operation is None or not (headline_point(title, ling) or headline_point(title, ling, names_a_point(text))):
        return []
    return [
        replace(
            operation,
            type="dealing_point",
            killed=None,
            injured=None,
            drugs=[],
            weapons=[],
            cash_eur=None,
            count=1,
            action="dismantled",
            networks_from=[],
            rules=["dealing_point.told_by_the_headline"],
            **at,
        )
    ]


DRUGS_UNNAMED = r"\bsaisies? (?:\w+ )?(?:de |d['’])(?:drogues?|stupéfiants|stups)\b"  # no substance named


def seizure_of_the_headline(title: str, events: list, ling) -> list:
    """The events with the seizure a headline tells ("… : 7 interpellés, des armes et près de 45 000 € saisis") when
    the body tells the operation's arrests only (its list of goods cut or never told): the article's one arrest is
    that seizure, with the headline's goods and its own persons."""
    arrests = [e for e in events if e.type == "arrest"]
    if any(e.type == "seizure" for e in events) or len(arrests) != 1 or not title:
        return events
    if not any(t.kind == "seizure" for t in ling.triggers(title)):
        return events
    drugs, cash = quantities.drugs(title), quantities.cash(title)
    weapons = quantities.weapons(title, seized=True)
    if not (drugs or cash or weapons or re.search(DRUGS_UNNAMED, title, re.I)):
        return events  # "une saisie" with nothing named: no goods to tell (not "une importante saisie de drogue")
    seized = replace(arrests[0], type="seizure", drugs=drugs, cash_eur=cash, weapons=weapons)
    seized.rules = list(dict.fromkeys(arrests[0].rules + ["seizure.told_by_the_headline"]))
    return [seized if e is arrests[0] else e for e in events]


def goods_of_the_headline(title: str, events: list, ling) -> list:
    """The article's one seizure with the drugs its headline measures ("… 80 kilos d'herbe saisis dans un garage")
    when the body measures none of its own (the README: fields from the most precise mention)."""
    seizures = [e for e in events if e.type == "seizure"]
    if len(seizures) != 1 or not title or any(d["quantity"] is not None for d in seizures[0].drugs):
        return events
    e = seizures[0]
    drugs = quantities.drugs(title)  # the cheap tests first: the headline's triggers are read last
    if not any(d["quantity"] is not None for d in drugs) or not any(t.kind == "seizure" for t in ling.triggers(title)):
        return events
    told = replace(e, drugs=drugs)
    told.rules = list(dict.fromkeys(e.rules + ["seizure.goods_of_the_headline"]))
    return [told if x is e else x for x in events]


def headline_point(title: str, ling, named: bool = False) -> bool:
    """Whether a headline tells a point de deal dismantled or opened ("un « point de deal » démantelé"; "un trafic
    démantelé" too when the article names its point: `named`)."""
    return bool(
        title
        and re.search(HEADLINE_ACTION, title, re.I)
        and any(t.kind == "dealing_point" and (named or t.rule not in NEEDS_A_POINT) for t in ling.triggers(title))
    )


# network_arrival rules that say a group settled, not that it came from elsewhere
SETTLING = frozenset(
    {
        "network_arrival.groupe_s_implante",
        "network_arrival.installes_a",
        "network_arrival.prendre_pied",
        "network_arrival.prendre_le_controle",
        "network_arrival.se_disputent_le_controle",
    }
)
GROUP = r"(?:réseaux?|équipes?|bandes?|clans?|gangs?|trafiquants|dealers|revendeurs)"
NAME = r"[A-ZÉÈÎ][\w'’-]*(?:[ -](?:de |du |la |le |les |l['’])?[A-ZÉÈÎ][\w'’-]*)*"
ARTICLE = r"(?:la |le |les |l['’])?"
# words that say where a group comes from
ORIGIN_WORD = (
    r"\b(?:venu(?:e|s|es)?|viennent|vient|arrivé(?:e|s|es)?|originaires?|issu(?:e|s|es)?|chassé(?:e|s|es)?|"
    r"délogé(?:e|s|es)?|expulsé(?:e|s|es)?|repoussé(?:e|s|es)?)(?: tout droit| notamment| pour la plupart)? "
    r"(?:de |d['’]|du |des )"
)
ORIGIN_CUE = (
    (
        ORIGIN_WORD + r"|\bextérieurs?\b|\bd['’]ailleurs\b|\bautres? (?:villes?|quartiers?|départements?|régions?)\b|"
        r"\bGROUP(?: (?:rivales?|locales?|concurrentes?|ennemies?))? (?:de |d['’]|du )ARTICLE(?-i:NAME)"
    )
    .replace("GROUP", GROUP)
    .replace("ARTICLE", ARTICLE)
    .replace("NAME", NAME)
)
# an origin and the list or apposition it heads: "venue de Nantes, des quartiers de Bellevue et des Dervallières",
# "chassé de la Reynerie, à Toulouse", "des équipes de Vénissieux"
ORIGIN_SPAN = (
    (
        r"(?:ORIGIN|\bGROUP(?: (?:rivales?|locales?|concurrentes?|ennemies?))? (?:de |d['’]|du ))"
        # "issus du quartier de la Paillade", "venues de la cité de la Castellane"
        r"(?:ARTICLE(?:quartiers?|cités?) (?:de |d['’]|du |des )?)?ARTICLE(?-i:NAME)"
        r"(?:(?:,\s*(?:(?:et )?(?:notamment |en particulier |surtout ))?"
        r"(?:à |en |(?:des |du |dans les? )?(?:quartiers?|cités?) (?:de |d['’]|du |des )?)|"
        r"\s+(?:et|ou)\s+(?:de |d['’]|du |des )?)ARTICLE(?-i:NAME))*"  # "venus de Metz ou Nancy"
    )
    .replace("ORIGIN", ORIGIN_WORD)
    .replace("GROUP", GROUP)
    .replace("ARTICLE", ARTICLE)
    .replace("NAME", NAME)
)


def names_origin(sentence: str, demonym) -> bool:
    """Whether a sentence says where a group comes from: an origin wording, or a big town's demonym
    ("des dealers grenoblois"; `demonym` maps a word to a commune code or None)."""
    if re.search(ORIGIN_CUE, sentence, re.I):
        return True
    return any(demonym(w) for w in re.findall(r"[\wéèêàçô'-]+", sentence) if len(w) > 4)


def refine(types: list[str], fired: list[str], sentence: str, demonym) -> list[str]:
    """The event types of a clause, without a network's arrival told only by a settling wording with no origin
    ("les dealers s'installent dans la rue")."""
    if "network_arrival" in types and fired and set(fired) <= SETTLING and not names_origin(sentence, demonym):
        return [t for t in types if t != "network_arrival"]
    return types


def without_origins(text: str) -> str:
    """The text with the towns networks come from blanked out (same length, so every offset holds)."""
    return re.sub(ORIGIN_SPAN, lambda m: " " * len(m.group(0)), text, flags=re.I)


def without_regions(text: str) -> str:
    """The text without "la région parisienne", "la région lyonnaise": a region is no town a network comes from
    (geography.network_origins would read the demonym as the city); same length."""
    return re.sub(r"\brégions? \w+", lambda m: " " * len(m.group(0)), text, flags=re.I)


def origin_towns(gaz, text: str) -> list[str]:
    """Communes the networks come from, named in the origins `without_origins` blanks ("chassée du Mirail, à
    Toulouse" → Toulouse; "des équipes de Vénissieux" → Vénissieux): geography.network_origins reads the others."""
    out = []
    for m in re.finditer(ORIGIN_SPAN, text, re.I):
        listed = re.sub(rf"^(?:{ORIGIN_WORD}|\b{GROUP}(?: \w+)? (?:de |d['’]|du ))", "", m.group(0), flags=re.I)
        for name in re.findall(NAME, listed):
            if gaz.departements_in(name):
                continue
            resolved = gaz.resolve(name, [])
            code = resolved[0] if resolved else None
            district = gaz.neighbourhood(name)  # "du quartier de la Mosson": Montpellier's, not the Côte-d'Or village
            if district and (code is None or gaz.info.get(code, (None, 0))[1] < 10_000):
                code = district
            if code:
                out.append(code)
    return list(dict.fromkeys(out))


def settled_places(clause: str, places: list, read, fallback: list, origins: list[str]) -> list:
    """Where a network settled: the places the clause names outside its origins, else the places the extractor
    found unless they are the network's own towns, else `fallback` (the scene or the article's main town)."""
    blanked = without_origins(clause)
    if blanked != clause:
        # a district of a town the network comes from is no place it settled in either: "venus de Montpellier,
        # arrivés après le démantèlement de leur propre réseau à la Paillade" (its town named by a demonym may be:
        # "s'est implanté dans la cité carolomacérienne")
        own = [p for p in read(blanked) if not (p.code in origins and is_district(p))]
        if own:
            return own
    kept = [p for p in places if p.code is None or p.code not in origins]
    if kept and blanked == clause:
        return kept
    return [p for p in fallback if p is not None and (p.code is None or p.code not in origins)]


# a building attacked, or a municipal police, "de" its town
TARGET = (
    r"\b(?:commissariat|hôtel de police|poste de police|bureau de police|gendarmerie|caserne|mairie|hôtel de ville|"
    r"police municipale)(?: \([^)]{1,20}\))? (?P<of>de |d['’]|du )"
)


def target_places(clause: str, read) -> list:
    """The town of a police station, gendarmerie or town hall the clause names (its attack happened there), or of
    a municipal police."""
    if not re.search(TARGET, clause, re.I):
        return []
    return read(re.sub(TARGET, lambda m: m.group(0)[: m.start("of") - m.start()] + "à ", clause, flags=re.I))

"""Numbers, drugs (normalised to kg, plants or doses), weapons, cash, casualties and arrest counts, in French."""

from __future__ import annotations

import re

WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "mille": 1000,
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "centaine": 100,
    "demi": 0.5,
    "millier": 1000,
}
NUM = (
    r"(?:\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?|un|une|deux|trois|quatre|cinq|six|sept|huit|"
    r"neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|mille|"
    r"(?:une )?(?:dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|centaine|millier)s?|"
    r"(?:une )?demi)"
)


def number_word(text: str) -> float | None:
    """'4.350' → 4350, '1,2' → 1.2, '2 000' → 2000, 'vingtaine' → 20, 'trois' → 3."""
    text = text.strip().lower().removeprefix("une ").rstrip("s") if not text[:1].isdigit() else text.strip()
    if text[:1].isdigit():
        if re.fullmatch(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:,\d+)?", text):
            text = re.sub(r"[ .\u00a0\u202f]", "", text)
        return float(text.replace(",", "."))
    return WORDS.get(text) or WORDS.get(text + "s")


SUBSTANCES = [
    ("cannabis", r"cannabis|résine|herbe|haschi?ch|hachi?ch|shit|zamal|marijuana|beuh"),
    ("cocaine", r"cocaïne|coke"),
    ("heroin", r"héroïne"),
    ("crack", r"crack"),
    (
        "synthetic",
        r"ecstasy|mdma|amphétamines?|méthamphétamine|cannabinoïdes? de synthèse|cathinones?|"
        r"drogues? de synthèse|kétamine|chimique",  # "la chimique": the synthetic cannabinoid sold in Mayotte
    ),
    ("other", r"artane|subutex|médicaments?|rivotril|lyrica|prégabaline|méthadone"),
]
UNITS = {
    "kg": ("kg", 1),
    "kilo": ("kg", 1),
    "kilos": ("kg", 1),
    "kilogramme": ("kg", 1),
    "kilogrammes": ("kg", 1),
    "g": ("kg", 0.001),
    "gramme": ("kg", 0.001),
    "grammes": ("kg", 0.001),
    "tonne": ("kg", 1000),
    "tonnes": ("kg", 1000),
    "pied": ("plants", 1),
    "pieds": ("plants", 1),
    "plant": ("plants", 1),
    "plants": ("plants", 1),
    "comprimé": ("doses", 1),
    "comprimés": ("doses", 1),
    "cachet": ("doses", 1),
    "cachets": ("doses", 1),
    "dose": ("doses", 1),
    "doses": ("doses", 1),
    "pilule": ("doses", 1),
    "pilules": ("doses", 1),
    "cacheton": ("doses", 1),
    "cachetons": ("doses", 1),
}
UNIT = r"(kg|kilos?|kilogrammes?|g|grammes?|tonnes?|pieds|pied|plants?|comprimés?|cachets?|doses?|pilules?|cachetons?)"
APPROX = r"(?:(?:à peu près|environ|près de|un peu plus de|plus de|quelque|au moins|pas moins de|presque)\s+)?"


def substance_of(text: str) -> str | None:
    for name, pattern in SUBSTANCES:
        if re.search(rf"\b(?:{pattern})\b", text, re.I):
            return name
    return None


def drugs(sentence: str) -> list[dict]:
    """Quantities per substance and unit, summed; 'dont' subsets and indefinite amounts handled."""
    text = re.sub(r",\s*dont [^,.;]*", "", sentence)  # "20 kilos, dont 5 kg d'herbe": the subset is not added
    text = re.sub(r"\b(\d+)\s*(kg|kilos?)\s+(\d{1,3})\b(?=\s+d[e'’])", r"\1,\3 \2", text)  # "1 kg 5" is 1,5 kg
    found: dict[tuple[str, str | None], float | None] = {}
    pattern = re.compile(
        rf"{APPROX}(?P<n>{NUM})(?:\s+d[e'’])?\s*(?P<u>{UNIT})\b\s*(?:d[e']\s*|d’\s*)?(?=(?P<rest>[^,;.]{{0,60}}))",
        re.I,
    )
    for m in pattern.finditer(text):
        unit, factor = UNITS[m.group("u").lower()]
        rest = m.group("rest")
        substance = substance_of(rest.split(" et ")[0] if unit != "plants" else rest) or (
            "cannabis" if unit == "plants" else None
        )
        if substance is None:
            continue
        if m.group("u").lower() in ("g",) and not re.match(r"\s", text[m.end("u") : m.end("u") + 1] or " "):
            continue
        value = number_word(m.group("n"))
        if value is None:
            continue
        key = (substance, unit)
        found[key] = (found.get(key) or 0) + value * factor
    for m in re.finditer(r"\b(?:une|la) demi-tonne\s+(?:de\s+|d')?(?P<rest>[^,;.]{0,40})", text, re.I):
        substance = substance_of(m.group("rest"))
        if substance:
            found[(substance, "kg")] = (found.get((substance, "kg")) or 0) + 500
    for m in re.finditer(r"\b(?:un|le) (tiers|quart) de tonne\s+(?:de\s+|d')?(?P<rest>[^,;.]{0,40})", text, re.I):
        substance = substance_of(m.group("rest"))
        if substance:  # "un tiers de tonne de résine"
            share = 1000 / 3 if m.group(1).lower() == "tiers" else 250
            found[(substance, "kg")] = (found.get((substance, "kg")) or 0) + share
    for m in re.finditer(
        r"\b(?:plusieurs|des|quelques)\s+(?:kilos?|kilogrammes?|tonnes?|grammes?)\s+(?:de\s+|d')?"
        r"(?P<rest>[^,;.]{0,40})",
        text,
        re.I,
    ):
        substance = substance_of(m.group("rest"))
        if substance and not any(k[0] == substance for k in found):
            found[(substance, None)] = None
    if not found:  # substances named without a quantity ("de la drogue", "du zamal")
        for name, pat in SUBSTANCES:
            if re.search(rf"\b(?:{pat})\b", text, re.I) and re.search(
                r"saisi|découv|mis la main|intercept|trouv|transport|détenai|sur (?:lui|elle|eux)|en possession",
                text,
                re.I,
            ):
                found[(name, None)] = None
    return [
        {"substance": s, "quantity": round(q, 6) if q is not None else None, "unit": u} for (s, u), q in found.items()
    ]


WEAPONS = [
    ("assault_rifle", r"kalachnikovs?|fusils? d'assaut|ak-?47|fusils? mitrailleurs?"),
    ("shotgun", r"fusils? à pompe|fusils? de chasse|carabines?"),
    ("handgun", r"pistolets? automatiques?|pistolets?(?! mitrailleur)|revolvers?|armes? de poing|glock"),
    (
        "other",
        r"couteaux?|machettes?|pistolets? mitrailleurs?|armes? blanches?|battes?(?: de base-?ball)?|sabres?|"
        r"barres? de fer|marteaux?|haches?|poings américains?|matraques?|bâtons?|cutters?",
    ),
]


def weapons(sentence: str) -> list[dict]:
    out = []
    text = sentence.replace("’", "'")
    for kind, pattern in WEAPONS:
        for m in re.finditer(rf"(?:\b({NUM})\s+)?\b(?:{pattern})\b", text, re.I):
            before = text[max(0, m.start() - 12) : m.start()].lower()
            n = number_word(m.group(1)) if m.group(1) else (1 if re.search(r"\b(un|une)\s*$", before) else None)
            out.append({"kind": kind, "count": int(n) if n else None})
    merged: dict[str, int | None] = {}
    for w in out:
        if w["kind"] in merged:
            merged[w["kind"]] = (merged[w["kind"]] or 0) + (w["count"] or 0) or None
        else:
            merged[w["kind"]] = w["count"]
    return [{"kind": k, "count": v} for k, v in merged.items()]


def cash(sentence: str) -> float | None:
    """Cash seized ('4.350 euros en petites coupures'); not turnover, prices or subsidies."""
    for m in re.finditer(rf"{APPROX}({NUM})\s*(?:euros|€)", sentence, re.I):
        after = sentence[m.end() : m.end() + 40].lower()
        before = sentence[max(0, m.start() - 40) : m.start()].lower()
        if re.search(
            r"chiffre d'affaires|chiffre d’affaires|par jour|le comprimé|le gramme|subvention|rapporter|"
            r"amende|valeur|revend|estimée? à|par mois|le kilo|préjudice",
            before + " " + after,
        ):
            continue
        value = number_word(m.group(1))
        if value:
            return value
    return None


PERSON = (
    r"(?:personnes?|hommes?|femmes?|individus?|suspects?|jeunes?|mineurs?|majeurs?|trafiquants?|dealers?|"
    r"membres?|guetteurs?|vendeurs?|occupants?|passagers?|passagères?|conducteurs?|chauffeurs?|complices?|"
    r"adolescents?|frères?|charbonneurs?|choufs?|revendeurs?|passeurs?|mules?|convoyeurs?|nourrices?|"
    r"policiers?|gendarmes?|fonctionnaires?|agents?|militaires?|passants?|riverains?|agresseurs?|auteurs?|tireurs?|"
    r"malfaiteurs?)"
)


def arrested(text: str) -> int | None:
    """Persons arrested: 'six personnes ont été interpellées', 'neuf interpellations', 'sans interpellation' → 0."""
    t = text.replace("’", "'")
    if re.search(
        r"sans (?:procéder à )?(?:la moindre |aucune )?interpellation|aucune interpellation|sans interpeller personne|"
        r"personne n'a été interpellé",
        t,
        re.I,
    ):
        return 0
    if re.search(r"(?:a été|ont été)\s+interpellé[es]*\s+(?:sur place\s+)?avec\s+(?:son|sa)\s+\w+", t, re.I):
        return 2  # "interpellé sur place avec son fils"
    patterns = [
        rf"({NUM})\s+(?:\w+\s+){{0,3}}(?:«\s*)?{PERSON}(?:\s*»)?,?\s+(?:[\w'’-]+,?\s+){{0,12}}"
        rf"(?:ont été|ont|sont|a été|avaient été|avait été)\s+"
        rf"(?:\w+\s+){{0,2}}(?:interpellé|arrêté|placé|écroué|mis en examen)",
        rf"({NUM})\s+(?:interpellations|arrestations|gardes? à vue)",
        rf"(?:interpellé|arrêté|interpeller|interpellation de|arrestation de)\s+(?:\w+\s+)?({NUM})\s+(?:\w+\s+){{0,2}}"
        rf"(?:«\s*)?{PERSON}",
        rf"({NUM})\s+{PERSON}\s+(?:interpellé|arrêté|placé)",
    ]
    for p in patterns:
        m = re.search(p, t, re.I)
        if m:
            n = number_word(m.group(1))
            more = re.match(rf"\s*(?:\w+\s+){{0,2}}et\s+({NUM})\s+(?:\w+\s+)?{PERSON}", t[m.end() :], re.I)
            if n and more and p is patterns[2]:  # "interpellé deux hommes et une femme": three persons
                n += number_word(more.group(1)) or 0
            if n:
                return int(n)
    if re.search(
        r"\b(?:(?:le|la|un|une)\s+|l'|(?:il|elle)\s+)(?:[\w'-]+,?\s+){0,8}?(?:a|avait)\s+(?:\w+\s+){0,2}été\s+"
        r"(?:\w+\s+)?"
        r"(?:interpellée?|arrêtée?|placée? en garde à vue)",
        t,
        re.I,
    ):
        return 1  # one person: "le chauffeur … a été interpellé"
    return None


def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) stated by the text; (0, 0) when it says nobody was hit."""
    t = text.replace("’", "'").lower()
    if re.search(
        r"personne n'(?:a|avait|ont|avaient) été (?:blessé|touché)|aucun blessé|"
        r"n'a(?:vaient|vait)? (?:pas )?fait (?:de|aucune) victime|sans faire de (?:blessé|victime)|"
        r"personne n'a été atteint|sans (?:être|avoir été) (?:touchée?|blessée?|atteinte?)|"
        r"aucune? (?:\w+ ){0,2}n'a été (?:blessé|touché|atteint)|"
        # "pas de victime ni de blessé"
        r"\bpas de (?:victimes?|blessés?)\b|\bni (?:de )?(?:morts?|blessés?|victimes?)\b",
        t,
    ):
        return 0, 0
    m = re.search(
        rf"({NUM})\s+blessés?,?\s+dont\s+({NUM})\s+(?:est |sont |a |ont )?(?:décédée?s?|morte?s?|tuée?s?|succombé)", t
    )
    if m:  # "cinq blessés, dont un décédé": one killed, four injured
        hurt, dead = (int(number_word(g) or 0) for g in m.groups())
        if 0 < dead <= hurt:
            return dead, hurt - dead
    killed = injured = None
    wounded = re.sub(r"mortellement (?:blessée?|touchée?)", "tué", t)  # a fatal wound is no injury
    m = re.search(rf"({NUM})\s+(?:morts?|tués?)\b", t) or re.search(
        rf"({NUM})\s+(?:\w+\s+){{0,2}}(?:personnes?|hommes?|jeunes?)\s+(?:\w+\s+){{0,6}}"
        rf"(?:ont|avaient|ont été|avaient été)\s+(?:perdu la vie|tué|tuées|tués|abattu)",
        t,
    )
    if m:
        killed = int(number_word(m.group(1)) or 0) or None
    elif re.search(r"\baucune? (?:\w+ )?n'(?:est|a été) (?:décédée?|morte?|tuée?)\b", t):
        killed = 0  # "Aucune n'est décédée"
    elif re.search(
        r"mortellement|abattu|tué |tuée |a été tué|décédé|a succombé|narchomicide|homicide|coûté la vie|est morte?\b|"
        r"\ble corps (?:sans vie )?d'un|retrouvée? mort|retrouvée? sans vie",
        t,
    ):
        killed = 1
    if killed is None:
        m = re.search(rf"fait ({NUM}) morts?", t)
        if m:
            killed = int(number_word(m.group(1)) or 0) or None
    m = re.search(rf"({NUM})\s+blessés?\b", wounded) or re.search(
        rf"({NUM})\s+(?:\w+\s+){{0,2}}(?:personnes?|hommes?|jeunes?|adolescents?|victimes?|policiers?|gendarmes?|"
        rf"fonctionnaires?|agents?|militaires?|passants?)\s+(?:\w+\s+){{0,6}}"
        rf"(?:ont été|a été|avaient été)\s+(?:\w+\s+)?blessé",
        wounded,
    )
    if m:
        injured = int(number_word(m.group(1)) or 0) or None
    elif re.search(
        r"\b(?:a été|été|est|avait été)\s+(?:\w+\s+)?blessé|\bblessée? (?:à|au|par)|un blessé|"
        r"légèrement blessé|grièvement blessé|\b(?:touchée?|atteinte?) (?:à la |à l'|au |aux |par (?:une )?balle)|"
        r"\bune? (?:deuxième|second|seconde|troisième|autre) (?:\w+ )?blessée?\b",
        wounded,
    ):
        injured = 1
    elif killed is None and re.search(r"\breçu (?:[\w-]+ ){0,3}balles?", wounded):
        injured = 1  # "a reçu une ou plusieurs balles dans les jambes" (and lived: a death is counted above)
    return killed, injured

"""Place names in articles → communes: the commune reference (every current, delegated and associated name),
a curated table of neighbourhoods, periphrases and demonyms, homonyms resolved from context, abroad left out."""

from __future__ import annotations

import functools
import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from vigie.errors import VigieError
from vigie.geo.names import name_key
from vigie.press import rules
from vigie.press.quantities import plain

# Neighbourhoods and housing estates named in the press, with the commune they belong to. Sources: the ANCT list
# of priority neighbourhoods (quartiers prioritaires de la politique de la ville, QPV) for the names, the COG for
# the codes. Marseille, Paris and Lyon take their city code.
NEIGHBOURHOODS = {
    "pissevin": "30189",
    "valdegour": "30189",
    "chemin bas d avignon": "30189",
    "mas de mingue": "30189",
    "fontbarlet": "26362",
    "polygone": "26362",
    "valensolles": "26362",
    "chamberts": "26362",
    "chaudron": "97411",
    "moufia": "97411",
    "camelias": "97411",
    "bas de la riviere": "97411",
    "franc moisin": "93066",
    "francs moisins": "93066",
    "cosmonautes": "93066",
    "saussaie": "93066",
    "planoise": "25056",
    "clairs soleils": "25056",
    "paternelle": "13055",
    "lauriers": "13055",
    "belle de mai": "13055",
    "castellane": "13055",
    "felix pyat": "13055",
    "frais vallon": "13055",
    "busserine": "13055",
    "bassens": "13055",
    "campagne leveque": "13055",
    "consolat": "13055",
    "air bel": "13055",
    "font vert": "13055",
    "flamants": "13055",
    "kalliste": "13055",
    "plan d aou": "13055",
    "savine": "13055",
    "solidarite": "13055",
    "quartiers nord": "13055",
    "joliette": "13055",
    "noailles": "13055",
    "la rose": "13055",
    "mirail": "31555",
    "reynerie": "31555",
    "bellefontaine": "31555",
    "izards": "31555",
    "bagatelle": "31555",
    "mistral": "38185",
    "villeneuve de grenoble": "38185",
    "teisseire": "38185",
    "village olympique": "38185",
    "duchere": "69123",
    "minguettes": "69259",
    "mas du taureau": "69256",
    "gresilles": "21231",
    "aubiers": "33063",
    "grand parc": "33063",
    "bellevue": "44109",
    "dervallieres": "44109",
    "malakoff": "44109",
    "maurepas": "35238",
    "villejean": "35238",
    "blosne": "35238",
    "paillade": "34172",
    "mosson": "34172",
    "petit bard": "34172",
    "saint chamand": "84007",
    "monclar": "84007",
    "rocade": "84007",
    "moulins": "59350",
    "alma": "59512",
    "bourgogne": "59599",
    "beaudottes": "93071",
    "montceleux": "93071",
    "rougemont": "93071",
    "michelet": "93070",
    "cite des 4000": "93027",
    "4000": "93027",
    "neuhof": "67482",
    "hautepierre": "67482",
    "meinau": "67482",
    "ariane": "06088",
    "moulins de nice": "06088",
    "las planas": "06088",
    "pontanezen": "29019",
    "kervenanec": "56121",  # Lorient (not Ploemeur)
    # quartiers prioritaires of medium towns (and a few well-known ones of big cities), by the general knowledge of
    # the QPV list; names that are also a commune or a common word nearby are left out (Reyssouze, Ain; "Bel-Air")
    "bois du chateau": "56121",
    "kerfrehour": "56098",
    "kermoysan": "29232",
    "kercado": "56260",
    "menimur": "56260",
    "croix saint lambert": "22278",
    "bouletterie": "44184",
    "trebale": "44184",
    "vallee verte": "85191",
    "dollee": "50502",
    "courteille": "61001",
    "perseigne": "61001",
    "grace de dieu": "14118",
    "grande borne": "91286",
    "tarterets": "91174",
    "champtier du coq": "91228",
    "val fourre": "78361",
    "plaine de neauphle": "78621",
    "locheres": "95585",
    "chardonnerettes": "95585",
    "puits la marliere": "95680",
    "val d argent": "95018",
    "chene pointu": "93014",
    "clos saint lazare": "93072",
    "orgemont": "93031",
    "pierre collinet": "77284",
    "cite des 3000": "93005",
    "argentine": "60057",
    "etouvie": "80021",
    "ronde couture": "08105",
    "houillere": "08105",
    "vert bois": "52448",
    "bernon": "51230",
    "haut du lievre": "54395",
    "borny": "57463",
    "cote des roses": "57672",
    "wiesberg": "57227",
    "bourtzwiller": "68224",
    "petite hollande": "25388",
    "champs montants": "25031",
    "mesnils pasteur": "39198",
    "champs plaisants": "89387",
    "baratte": "58194",
    "gibjoncs": "18033",
    "beau marais": "62193",
    "fort nieulay": "62193",
    "ile jeanty": "59183",
    "dutemple": "59606",
    "chasse royale": "59606",
    "frais marais": "59178",
    "chamards": "28134",
    "sanitas": "37261",
    "rabiere": "37122",
    "couronneries": "86194",
    "trois cites": "86194",
    "ozon": "86066",
    "clou bouchet": "79191",
    "tour chabot": "79191",
    "mireuil": "17300",
    "villeneuve les salines": "17300",
    "basseau": "16015",
    "beaubreuil": "87085",
    "val de l aurence": "87085",
    "tujac": "19031",
    "chapelies": "19031",
    "montanou": "47001",
    "cantepau": "81004",
    "lapanouse": "81004",
    "lameilhe": "81065",
    "aillot": "81065",
    "laubadere": "65440",
    "solazur": "65440",
    "ousse des bois": "64445",
    "empalot": "31555",
    "faourette": "31555",
    "genicart": "33249",
    "dravemont": "33167",
    "fontbouillant": "03185",
    "bien assis": "03185",
    "croix de neyrat": "63113",
    "montreynaud": "42218",
    "grappiniere": "69256",
    "deveze": "34032",
    "ile de thau": "34301",
    "razimbaud": "11262",
    "fourchevieilles": "84087",
    "griffeuille": "13004",
    "barriol": "13004",
    "canourgues": "13103",
    "canto perdrix": "13056",
    "jas de bouffan": "13001",
    "encagnane": "13001",
    "gabelle": "83061",
    "frayere": "06029",
    "pracomtal": "26198",
    "malissol": "38544",
    "biollay": "73065",
    "bricarde": "13055",
    "micocouliers": "13055",
    "cayolle": "13055",
    "parc corot": "13055",
    "eau lisette": "97302",
    "riviere des galets": "97407",
    "cambuston": "97409",
}
SITES_FILE = rules.FOLDER / "sites.toml"
DEPARTEMENT_CODE = r"\d\d|2A|2B|97\d"  # the code of a département (an [[area]]'s, a [[region]]'s)
SITE_KINDS = {"airport", "port", "tunnel"}


@dataclass(frozen=True)
class Site:
    """An airport, a port or a tunnel named after a town it is not in, or what it passes under (rules/sites.toml)."""

    names: tuple[str, ...]  # name keys
    town: str  # the key of the town the press names it by, or ""
    commune: str
    kind: str


def _read_places(path: Path) -> dict:
    """rules/sites.toml (or another places file) as data, or an error that names the file."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VigieError(f"{path}: not a readable places file ({exc})") from None


def load_sites(path: Path = SITES_FILE, data: dict | None = None) -> tuple[list[Site], dict[str, str], dict[str, str]]:
    """The airports and ports, the villages (name key → commune) and the pays (name key → département) of
    rules/sites.toml; an entry with an unknown
    or a missing field, an unknown kind or a code that is no INSEE code is refused with its place in the file."""
    data = data if data is not None else _read_places(path)
    sites, villages, areas = [], {}, {}
    for n, entry in enumerate(data.get("area", []), 1):
        where = f"{path}, area {n}"
        rules.check_fields(where, entry, {"names", "departement"}, {"names", "departement"})
        if not re.fullmatch(DEPARTEMENT_CODE, str(entry["departement"])):
            raise VigieError(f"{where}: departement {entry['departement']!r} is not a département code")
        areas.update({name_key(x): entry["departement"] for x in entry["names"]})
    for section, fields in (("site", {"names", "town", "commune", "kind"}), ("village", {"names", "commune"})):
        for n, entry in enumerate(data.get(section, []), 1):
            where = f"{path}, {section} {n}"
            rules.check_fields(where, entry, fields, fields)
            if not re.fullmatch(r"\d[\dAB]\d{3}", str(entry["commune"])):
                raise VigieError(f"{where}: commune {entry['commune']!r} is not an INSEE code")
            names = tuple(name_key(x) for x in entry["names"])
            if section == "village":
                villages.update(dict.fromkeys(names, entry["commune"]))
            elif entry["kind"] not in SITE_KINDS:
                raise VigieError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(sorted(SITE_KINDS))}")
            else:
                sites.append(Site(names, name_key(entry["town"]), entry["commune"], entry["kind"]))
    return sites, villages, areas


_PLACES = _read_places(SITES_FILE)  # read once: the loaders below share it
SITES, VILLAGES, AREAS = load_sites(data=_PLACES)
ELSEWHERE_KINDS = {"abroad", "outlet"}


def load_regions(path: Path = SITES_FILE, data: dict | None = None) -> dict[str, tuple[str, ...]]:
    """The regions of rules/sites.toml's [[region]] (name key → its départements), current and former ("en
    Bretagne", "en Picardie"): areas over several départements; an entry with an unknown or a missing field or a code
    that is no département code is refused with its place in the file."""
    out: dict[str, tuple[str, ...]] = {}
    for n, entry in enumerate((data if data is not None else _read_places(path)).get("region", []), 1):
        where = f"{path}, region {n}"
        rules.check_fields(where, entry, {"names", "departements"}, {"names", "departements"})
        bad = [d for d in entry["departements"] if not re.fullmatch(DEPARTEMENT_CODE, str(d))]
        if bad or not entry["departements"]:
            raise VigieError(f"{where}: departements {bad or '[]'} are not département codes")
        out.update(dict.fromkeys((name_key(x) for x in entry["names"]), tuple(entry["departements"])))
    return out


REGIONS = load_regions(data=_PLACES)


def load_elsewhere(path: Path = SITES_FILE, data: dict | None = None) -> dict[str, set[str]]:
    """The names of rules/sites.toml's [[elsewhere]] that are no place of France, by kind: "abroad" (countries,
    regions and cities abroad; name keys) and "outlet" (newspapers, radios, televisions, social networks; as spelt,
    with their article: "La Montagne" is an outlet, Montagne a commune); an entry
    with an unknown or a missing field or an unknown kind is refused with its place in the file."""
    data = data if data is not None else _read_places(path)
    out: dict[str, set[str]] = {kind: set() for kind in ELSEWHERE_KINDS}
    for n, entry in enumerate(data.get("elsewhere", []), 1):
        where = f"{path}, elsewhere {n}"
        rules.check_fields(where, entry, {"names", "kind"}, {"names", "kind"})
        if entry["kind"] not in ELSEWHERE_KINDS:
            raise VigieError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(sorted(ELSEWHERE_KINDS))}")
        out[entry["kind"]].update(x if entry["kind"] == "outlet" else name_key(x) for x in entry["names"])
    return out


ELSEWHERE = load_elsewhere(data=_PLACES)

# demonyms of cities (networks' origins, periphrases) → commune code
DEMONYMS = {
    "parisien": "75056",
    "marseillais": "13055",
    "lyonnais": "69123",
    "grenoblois": "38185",
    "bordelais": "33063",
    "toulousain": "31555",
    "nicois": "06088",
    "nantais": "44109",
    "lillois": "59350",
    "strasbourgeois": "67482",
    "montpellierain": "34172",
    "rennais": "35238",
    "stephanois": "42218",
    "toulonnais": "83137",
    "dijonnais": "21231",
    "havrais": "76351",
    "remois": "51454",
    "nimois": "30189",
    "avignonnais": "84007",
    "valentinois": "26362",
    "villeneuvois": "47323",
    "dionysien": "93066",
    "bisontin": "25056",
    "roubaisien": "59512",
    "tourquennois": "59599",
    "angevin": "49007",
    "manceau": "72181",
    "orleanais": "45234",
    "tourangeau": "37261",
    "clermontois": "63113",
    "limougeaud": "87085",
    "poitevin": "86194",
    "caennais": "14118",
    "rouennais": "76540",
    "amienois": "80021",
    "messin": "57463",
    "nanceien": "54395",
    "mulhousien": "68224",
    "perpignanais": "66136",
    "beziers": "34032",
    "biterrois": "34032",
    "sevranais": "93071",
    "audonien": "93070",
    "aubervillarien": "93001",
    "creusotin": "71153",
    "chalonnais": "71076",
    "bressuirais": "79049",
    "carolomacerien": "08105",
}
# adjectives of départements, for periphrases like "la préfecture drômoise"
DEPARTEMENT_ADJECTIVES = {
    "dromois": "26",
    "ardechois": "07",
    "isérois": "38",
    "iserois": "38",
    "savoyard": "73",
    "gardois": "30",
    "heraultais": "34",
    "vauclusien": "84",
    "varois": "83",
    "girondin": "33",
    "landais": "40",
    "lotois": "46",
    "aveyronnais": "12",
    "tarnais": "81",
    "gersois": "32",
    "ariegeois": "09",
    "audois": "11",
    "corrézien": "19",
    "correzien": "19",
    "creusois": "23",
    "vendeen": "85",
    "sarthois": "72",
    "mayennais": "53",
    "ornais": "61",
    "manchois": "50",
    "calvadosien": "14",
    "breton": None,
    "finisterien": "29",
    "morbihannais": "56",
    "costarmoricain": "22",
    "mosellan": "57",
    "vosgien": "88",
    "ardennais": "08",
    "marnais": "51",
    "aubois": "10",
    "yonnais": "89",
    "nivernais": "58",
    "cote d orien": "21",
    "jurassien": "39",
    "doubien": "25",
    "haut saonois": "70",
    "alsacien": None,
    "corse": None,
    "axonais": "02",
    "oisien": "60",
    "samarien": "80",
    "nordiste": "59",
    "essonnien": "91",
    "valdoisien": "95",
    "seine et marnais": "77",
    "yvelinois": "78",
    "alto sequanais": "92",
    "sequano dionysien": "93",
    "val de marnais": "94",
    "eurois": "27",
    "seinomarin": "76",
    "loiretain": "45",
    "loir et cherien": "41",
    "tourangeau": "37",
    "berrichon": None,
    "cantalien": "15",
    "altiligerien": "43",
    "puydomois": "63",
    "bourbonnais": "03",
    "charentais": "16",
    "deux sevrien": "79",
    "viennois": "86",
    "haut viennois": "87",
    "lot et garonnais": "47",
    "tarn et garonnais": "82",
    "bas rhinois": "67",
    "haut rhinois": "68",
    "reunionnais": "974",
    "martiniquais": "972",
    "guadeloupeen": "971",
    "guyanais": "973",
    "mahorais": "976",
}
# (" adjective", its pattern, code) for departements_in: the cheap test, then the pattern
ADJECTIVE_TESTS = [(f" {a}", rf" {a}(e|s|es)? ", code) for a, code in DEPARTEMENT_ADJECTIVES.items() if code]
ABROAD = (  # places abroad (capitalised: "la frontière suisse" is in France), and foreign authorities ("les douanes
    # malgaches"); not nationalities of persons
    r"(?-i:\b(?:Espagne|Algésiras|Maroc|Pays-Bas|Belgique|Madagascar|Colombie|Équateur|Anvers|Rotterdam|Tanger|"
    r"Italie|Allemagne|Suisse|Luxembourg|Portugal|Dubaï|Algérie|Tunisie|Brésil|Guyana|Suriname|Genève|Bruxelles)\b)|"
    r"\bguardia civil\b|"
    r"\b(?:douanes?|douaniers?|polices?|policiers?|autorités|garde-côtes|gendarmerie) (?:espagnol|marocain|"
    r"néerlandais|belge|malgache|italien|allemand|suisse|colombien|équatorien|brésilien|mauricien|comorien|"
    r"surinamais|vénézuélien|dominicain|britannique|anglais)\w*"
)
# where goods or people come from or go to: naming a country there does not put the event abroad
FOREIGN_ROUTE = (
    r"(?:en provenance|à destination|venu\w*|venant|arrivé\w*|import\w*|originaires?|immatriculé\w*|expédié\w*|"
    r"envoyé\w*|acheminé\w*|venai\w*|chargée?s?|livrée?s?|rentr(?:ai|ant|é)\w*|de retour|"
    # a journey abroad: "trois hommes revenaient d'un séjour d'achat au Maroc", "de retour d'Espagne"
    r"(?:voyage|séjour|périple|aller-retour|virée)(?: (?:de|d'|d’)[\w'’-]+)?)"
    r"\s+(?:depuis |de la |du |des |de |d'|d’|en |au |aux )\s*(?:l'|l’|la |le )?[\w'’-]+"
    # a port or a town named after its noun, and its country: "vers le port de Rotterdam aux Pays-Bas"
    r"(?:\s+(?:de |d'|d’)(?=[A-ZÉÈ])[\w'’-]+)?(?:,?\s+(?:en|au|aux) (?=[A-ZÉÈ])[\w'’-]+)?"
    # and the list it heads: "un réseau venu de Lille et de Belgique"
    r"(?:\s*(?:,|et|ou)\s+(?:de |d'|d’|du |des )(?:l'|l’|la |le )?[\w'’-]+)*|"
    # and where persons were fleeing to: "interpellés sur l'A 40 alors qu'ils tentaient de rejoindre la Suisse"
    r"(?:rejoindre|regagner|rallier|(?:fuir|partir|s'enfuir|s’enfuir|en route) (?:vers|pour))\s+(?:l'|l’|la |le |les )?"
    r"[\w'’-]+"
)


NEAR_KM = 40  # a homonym this close to the article's main town is the one meant (a canton, an agglomeration)
AREA_TOWN_KM = 25  # a commune this close to a town is in the area named after it ("l'agglomération de Rouen")
# words that open an official district name without naming it: "Quartier Saint-Jean", "Cité des Fleurs"
DISTRICT_PREFIX = r"^(?:quartiers? |cite |cites |residence |ensemble |secteur |les |le |la |l |des |du )+"


def district_key(name: str) -> str:
    """'Quartier Saint-Jean' / 'le quartier Saint-Jean' / 'Saint-Jean' → 'saint jean'."""
    return re.sub(DISTRICT_PREFIX, "", name_key(name)).strip()


def load_districts(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """District name → the communes it lies in, from the `district` table (the official QPV list loaded by
    `vigie build`), when the warehouse has one. Names like "Pissevin - Valdegour" give each part too."""
    try:
        rows = con.execute("SELECT name, commune FROM district").fetchall()
    except duckdb.Error:
        return {}
    out: dict[str, set[str]] = {}
    for name, code in rows:
        parts = [name, *re.split(r"\s+[-–/]\s+|\s*,\s*|\s+et\s+", name)]
        for part in parts:
            key = district_key(part)
            if len(key) > 3:
                out.setdefault(key, set()).add(code)
    return out


@dataclass
class Place:
    code: str | None
    departement: str | None
    text: str
    start: int = 0
    precision: int = 1
    population: int = 0
    why: object = field(default=None, compare=False, repr=False)  # the geography.Candidate that chose it


# a town's first word(s) alone, as the press names it: "Brive" (Brive-la-Gaillarde), "La Seyne" (La Seyne-sur-Mer),
# "Charleville" (Charleville-Mézières); only for towns of some size, and never a word that opens many names
SHORT_NAME_POPULATION = 10_000
SHORT_NAME_CUT = {"sur", "sous", "la", "le", "les", "en", "de", "du", "des", "d", "l", "aux", "au", "et", "lez", "a"}
SHORT_NAME_NEVER = {"saint", "sainte", "port", "mont", "pont", "fort", "grand", "petit", "notre", "val", "ville"}


# a département's name inside a commune's ("Saint-Martin-d'Hères" is no Saint-Martin, "Nogent-sur-Marne" no Marne,
# "Marne-la-Vallée" neither): joined by a hyphen to the little word of a compound name before or after it
COMPOUND_WORDS = r"(?:sur|sous|en|de|du|des|d|les|lez|la|le|aux|et)"
IN_COMPOUND = re.compile(rf"(?i:(?<![A-Za-z0-9]){COMPOUND_WORDS}-\|)|(?i:\|-{COMPOUND_WORDS}(?![A-Za-z0-9]))")


COMPASS = {"nord", "sud", "est", "ouest", "centre", "hauts", "bas"}  # "l'Ouest guyanais": no district of a town
# a département named like a compass point is that point in these words, not the département: "plus au Nord", "vers le
# Nord", "au Nord-Ouest de Roanne", "au Nord de Toulouse", "le Nord de la France" (a region), "dans le Nord de la
# Haute-Savoie" (a side of another place); "dans le Nord", "Lille (Nord)" and "Nord :" stay the département
COMPASS_BEFORE = re.compile(r"(?:(?<![A-Za-z0-9])au|(?<![A-Za-z0-9])vers le) $", re.I)
# the sea, not the département: "pas de traversée de la Manche", "tunnel sous la Manche", "outre-Manche", "de l'autre
# côté de la Manche" (the text folded: accents, apostrophes and punctuation gone)
SEA_BEFORE = re.compile(r"(?:\btravers\w*|\bsous|\bautre cote) (?:de )?(?:la )?$|\boutre-$", re.I)
COMPASS_AFTER = re.compile(
    r"^(?:-(?:Ouest|Est)\b| de la France\b| du pays\b| (?:de la |du |des |de |de l['’ ])(?-i:[A-ZÉ]))", re.I
)


@functools.lru_cache(maxsize=1024)
def _capitalised(keys: tuple[str, ...]) -> re.Pattern:
    """These names (name keys) capitalised, the longest first, as whole words of a folded text (departements_in)."""
    return re.compile(
        "|".join(
            rf"(?<![A-Za-z0-9]){re.escape(k[0].upper())}(?i:{'[ -]'.join(map(re.escape, k[1:].split(' ')))})"
            r"(?![A-Za-z0-9])"  # the words of a name joined by spaces or hyphens ("Seine-Saint-Denis")
            for k in sorted(keys, key=len, reverse=True)
        )
    )


def short_name(key: str) -> str | None:
    """'brive la gaillarde' → 'brive', 'seyne sur mer' → 'seyne', 'charleville mezieres' → 'charleville'; None for
    a one-word name or a first word that opens many names ("Saint-…", "Port-…")."""
    words = key.split()
    if len(words) < 2:
        return None
    cut = next((i for i, w in enumerate(words) if w in SHORT_NAME_CUT), 1)
    short = " ".join(words[: max(cut, 1)])
    # "Saint-Laurent" (du-Maroni, du-Var) says which town where the article is; "Saint" alone never does
    if short == key or short in SHORT_NAME_NEVER or len(short) < 3:
        return None
    return short


def singular(word: str) -> str:
    """'grenoblois' / 'bordelaises' / 'parisiens' / 'drômoise' → the masculine singular key."""
    w = name_key(word)
    for plural, single in (
        ("oises", "ois"),
        ("aises", "ais"),
        ("iennes", "ien"),
        ("ienne", "ien"),
        ("iens", "ien"),
        ("eennes", "een"),
        ("eenne", "een"),
        ("eens", "een"),
        ("aines", "ain"),
        ("aine", "ain"),
        ("ains", "ain"),
        ("ines", "in"),
        ("ine", "in"),
        ("ins", "in"),
        ("oise", "ois"),
        ("aise", "ais"),
        ("ais", "ais"),
        ("ois", "ois"),
    ):
        if w.endswith(plural):
            return w[: -len(plural)] + single
    return w[:-1] if w.endswith("s") else w


class Gazetteer:
    """Commune, département and neighbourhood names from the warehouse's reference, for one extraction run."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        rows = con.execute("""SELECT n.name_key, n.code, c.departement, coalesce(c.population, 0), n.kind
                              FROM commune_name n JOIN commune c USING (code)
                              WHERE c.kind = 'commune'""").fetchall()
        if not rows:
            raise ValueError("empty commune reference")
        self.communes: dict[str, list[tuple[str, str, int, str]]] = {}
        for key, code, dep, pop, kind in rows:
            if len(key) > 2:
                self.communes.setdefault(key, []).append((code, dep, pop, kind))
        info = con.execute("SELECT code, departement, coalesce(population, 0), lon, lat FROM commune").fetchall()
        self.info = {c: (d, p) for c, d, p, _, _ in info}
        self.coords = {c: (x, y) for c, _, _, x, y in info if x is not None and y is not None}
        self.districts = load_districts(con)
        self.departements = {name_key(n): c for c, n in con.execute("SELECT code, name FROM departement").fetchall()}
        # a name of one word is looked for among a text's words, a longer one in its text (departements_in)
        self._one_word = {k for k in self.departements if " " not in k}
        self._longer = [(f" {k} ", k) for k in self.departements if " " in k]
        self._rank = {k: i for i, k in enumerate(self.departements)}
        self.regions = {
            "ile de france",
            "provence",
            "bretagne",
            "normandie",
            "occitanie",
            "alsace",
            "lorraine",
            "hexagone",
            "metropole",
            "france",
            "europe",
            "hauts de france",
            "auvergne",
            "bourgogne",
            "corse",  # the island: two départements (2A, 2B), no commune of that name
        }
        self.chef_lieu = dict(con.execute("SELECT code, chef_lieu FROM departement").fetchall())
        self.keys = list(self.communes)
        # "brive" → Brive-la-Gaillarde, "gallargues" → Gallargues-le-Montueux: communes of any size by their first
        # word(s) (short_names)
        self.short: dict[str, list[tuple[str, str, int]]] = {}
        # the article a town's own name opens with ("La Seyne-sur-Mer", "Les Sables-d'Olonne"): its short name keeps it
        self.article = {
            code: plain(article.strip().lower())
            for code, article in con.execute(
                r"SELECT code, regexp_extract(name, '^(Les |Le |La |L[''’])', 1) FROM commune_name "
                "WHERE kind = 'commune'"
            ).fetchall()
            if article
        }
        for key, hits in self.communes.items():
            short = short_name(key)
            for code, dep, pop, kind in hits:
                if short and kind == "commune":
                    self.short.setdefault(short, []).append((code, dep, pop))
        self._memo: dict[tuple, list[tuple[str, str, int]]] = {}

    def departements_in(self, text: str) -> list[str]:
        """Départements named in a text, by name ("Drôme", "Seine-Saint-Denis"), adjective or number in brackets."""
        bare = plain(text)
        key = " " + name_key(bare) + " "
        found = []
        named = self._one_word.intersection(key.split()).union(k for padded, k in self._longer if padded in key)
        named = tuple(sorted(named, key=self._rank.__getitem__))  # a few names, or none, in the dictionary's order
        if named:
            # a département is a capitalised name, read once, the longest name first ("en Haute-Marne" names the
            # Haute-Marne, not the Marne too; "le sens nord-sud" is not the Nord), in the text with its accents and
            # punctuation gone but its capitals and hyphens kept, and not inside a commune's name (_in_other_commune)
            folded = bare.replace("œ", "oe").replace("Œ", "OE")
            folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
            folded = re.sub(r"[^A-Za-z0-9-]+", " ", folded)
            for m in _capitalised(named).finditer(folded):
                code = self.departements[re.sub(r"[ -]+", " ", m.group(0).lower())]
                if m.group(0).lower() in COMPASS and (
                    COMPASS_BEFORE.search(folded[max(0, m.start() - 8) : m.start()])
                    or COMPASS_AFTER.match(folded[m.end() : m.end() + 14])
                ):
                    continue
                if code == "50" and SEA_BEFORE.search(folded[max(0, m.start() - 30) : m.start()]):
                    continue
                if not self._in_other_commune(folded, m.start(), m.end(), code):
                    found.append(code)
        for spaced, pattern, code in ADJECTIVE_TESTS:
            if spaced in key and re.search(pattern, key):  # the cheap test first
                found.append(code)
        found += re.findall(r"\((\d{2}|2A|2B|97\d)\)", text)
        return list(dict.fromkeys(found))

    def _in_other_commune(self, folded: str, start: int, end: int, code: str) -> bool:
        """Whether a département's name at folded[start:end] is part of the name of a commune outside it, joined to
        it by a hyphen and a little word ("Saint-Martin-d'Hères", "Nogent-sur-Marne", "Marne-la-Vallée"; not
        "Saint-Arnoult-en-Yvelines", which is in the Yvelines)."""
        if not IN_COMPOUND.search(folded[max(0, start - 6) : start] + "|" + folded[end : end + 5]):
            return False
        left = re.search(r"[A-Za-z0-9-]*$", folded[:start]).group(0)
        right = re.match(r"[A-Za-z0-9-]*(?:(?<=-[dlDL]) [A-Za-z0-9-]+)?", folded[end:]).group(0)
        hits = self.communes.get(name_key(left + folded[start:end] + right), [])
        return not any(dep == code for _, dep, _, _ in hits)

    def candidates(self, surface: str, fuzzy: bool = False, context_deps: tuple = ()) -> list[tuple[str, str, int]]:
        """Communes a name may be (a misspelling too, when `fuzzy`); memoised, as an article names its towns again
        and again and the fuzzy search is the costly step."""
        memo = (surface, fuzzy, context_deps)
        if memo not in self._memo:
            self._memo[memo] = self._candidates(surface, fuzzy, context_deps)
        return self._memo[memo]

    def forget(self) -> None:
        self._memo.clear()

    def _candidates(self, surface: str, fuzzy: bool, context_deps: tuple) -> list[tuple[str, str, int]]:
        key = name_key(surface)
        hits = self.communes.get(key, [])
        if key in self.regions:
            return []
        if key in self.departements:  # a département's name: the commune of that name only where it is meant,
            # in its own département (Paris) or one the article names ("Vienne (Isère)", not "dans la Vienne")
            hits = [h for h in hits if h[1] == self.departements[key] or h[1] in context_deps]
            if not hits:
                return []
        current = [h for h in hits if h[3] == "commune"] or hits
        if not current and fuzzy and len(key) >= 5:
            found = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=85)
            # a misspelling is one slip (two in a long name: "Comminges" is not "Comines"), and only trusted for a
            # town of some size, or one in the article's départements
            if found and Levenshtein.distance(key, found[0]) <= (2 if len(key) >= 10 else 1):
                current = [h for h in self.communes[found[0]] if h[2] >= 10_000 or h[1] in context_deps]
        return [(c, d, p) for c, d, p, _ in current]

    def resolve(
        self, surface: str, context_deps: list[str], fuzzy: bool = False, towns: tuple[str, ...] = ()
    ) -> tuple[str, str] | None:
        """(code, département) of a commune name, choosing among homonyms by the départements of the context,
        then by nearness to the article's main towns (within NEAR_KM), then by population."""
        options = self.candidates(surface, fuzzy, tuple(context_deps))
        if not options:
            return None
        in_context = [o for o in options if o[1] in context_deps]
        best = max(in_context or options, key=lambda o: (self.near_towns(o[0], towns), o[2]))
        if (
            not in_context
            and not self.near_towns(best[0], towns)
            and (best[2] < 2000 and len(options) > 1 or context_deps and best[2] < 10_000)
        ):
            # an obscure homonym of a common word, or a village far from the départements the article names
            # ("aux Sablons" in an article about the Sarthe is a district of Le Mans, not the village in Isère)
            return None
        return best[0], best[1]

    def short_names(
        self, surface: str, article: str | None = None, least: int = SHORT_NAME_POPULATION
    ) -> list[tuple[str, str, int]]:
        """Towns of `least` people or more (10,000) whose name opens with this one ("Brive", "La Seyne"): candidates
        that the article's context must support (geography.py, veto far_short_name); a motorway toll is named so after
        a commune of any size ("au péage de Gallargues"). A name said with an article that is not the town's own
        ("dans les Mauges", an area, not Mauges-sur-Loire; "les Sables" is Les Sables-d'Olonne) is not its short
        name."""
        towns = [t for t in self.short.get(name_key(surface), []) if t[2] >= least]
        if article is None:
            return towns
        return [t for t in towns if self.article.get(t[0]) == plain(article.lower())]

    def first_of_two(self, surface: str) -> list[tuple[str, str, int]]:
        """The commune a site named after two is in, the first ("la barrière de péage de Chamant-Senlis"): its name's
        first words, hyphen by hyphen, as a commune's name or a town's first words (`short_names`, any size)."""
        parts = surface.split("-")
        for k in range(len(parts) - 1, 0, -1):
            first = "-".join(parts[:k])
            exact = [(code, dep, population) for code, dep, population, _ in self.communes.get(name_key(first), [])]
            if exact or (exact := self.short_names(first, least=0)):
                return exact
        return []

    def neighbourhood(self, surface: str) -> str | None:
        """The commune of a curated neighbourhood, or of a village or section (rules/sites.toml) of this name."""
        key = name_key(surface)
        return NEIGHBOURHOODS.get(key) or VILLAGES.get(key)

    def district_of(self, surface: str, towns, said=None, departements=()) -> str | None:
        """The town of a quartier prioritaire of this name: the main town (of `towns`) that has one ("Saint-Jean" in
        an article about Beauvais); else, when `said` is given (a callable: the communes the article names in any
        way, read only when needed), the one town having it that the article names, even as the officers' or the
        court's town ("les policiers de Charleville-Mézières … la Ronde-Couture", whatever the headline's town);
        else its only town, when that lies in one of the `departements` the article names and the name is no commune's.
        None otherwise: official district names are common words and village names elsewhere, so they are read only
        where the article is."""
        codes = self.districts.get(district_key(surface), ())
        found = next((t for t in towns if t in codes), None)
        if found is not None or not codes or said is None:
            return found
        named = [c for c in sorted(codes) if c in said()]
        if len(named) == 1:
            return named[0]
        only = next(iter(codes))
        unique = not named and len(codes) == 1 and name_key(surface) not in self.communes
        return only if unique and self.info.get(only, (None, 0))[0] in departements else None

    def distance_km(self, a: str, b: str) -> float | None:
        if a not in self.coords or b not in self.coords:
            return None
        (x1, y1), (x2, y2) = self.coords[a], self.coords[b]
        dx = math.radians(x2 - x1) * math.cos(math.radians((y1 + y2) / 2))
        return 6371 * math.hypot(dx, math.radians(y2 - y1))

    def only_one_in_area(self, town: str, codes) -> str | None:
        """The one commune of `codes` (other than `town`, in its département) that lies in the area named after
        `town` ("l'agglomération de Rouen", "la banlieue de Mulhouse": within AREA_TOWN_KM), or None when there are
        none or several."""
        dep = self.info.get(town, (None, 0))[0]
        inside = {
            c
            for c in codes
            if c != town
            and self.info.get(c, (None, 0))[0] == dep
            and (self.distance_km(c, town) or 1e9) <= AREA_TOWN_KM
        }
        return inside.pop() if len(inside) == 1 else None

    def near_towns(self, code: str, towns, km: float = NEAR_KM) -> bool:
        """Is this commune one of the main towns, or within `km` (NEAR_KM) of one?"""
        return any(t == code or (self.distance_km(code, t) or km + 1) <= km for t in towns)

    def key_of(self, code: str) -> str | None:
        """The name key of a commune's current name (read once for all communes when first asked)."""
        if not hasattr(self, "_keys_of"):
            self._keys_of = {c: k for k, hits in self.communes.items() for c, _, _, kind in hits if kind == "commune"}
        return self._keys_of.get(code)

    def demonym(self, word: str) -> str | None:
        return DEMONYMS.get(singular(word))

    def departement_adjective(self, word: str) -> str | None:
        return DEPARTEMENT_ADJECTIVES.get(singular(word))

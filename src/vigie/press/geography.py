"""An article's geography, read once before its sentences: its main towns and the départements it is about, then
every place mention resolved in that setting by scoring its candidates, so that "le quartier Saint-Jean" or "à
Argentine" in an article about Beauvais is not a village of the same name at the other end of France.

One `ArticlePlaces` is built per article (`ArticlePlaces.read`); `resolve(mention, text)` returns a `Choice`: the
place chosen, the candidates with their scores and the terms that make them, or why nothing was taken, so that a
developer can see why an event is where it is. extract.Extractor calls it through thin methods.

Main towns, best first: the town a headline opens with ("Agen : …", the anchor), the other towns of the headline
(read with the anchor as main town); the dateline's town ("NÎMES (AFP) –", "Nîmes –"; an agency's
filing line, "Paris, France | AFP | lundi 06/09/2021 -", is cut off: it names where the dispatch was written); the
towns whose curated or official districts are named, or that the article names with a district ("le quartier d'Orgeval à
Reims", "à Talant, dans le quartier du Belvédère"); the most-named town when it is named at least twice (names read
with the headline's and the dateline's towns as main towns, so that "France 3 Bourgogne" makes no town of it). The
départements the article names ("Drôme", "(26)", "la préfecture drômoise"), those of its main towns and of towns of
10,000 people or more named after "à" count as named.

How a mention is introduced (the words before it) decides whether it can be the event's place, and its rank among the
places of a clause (lower first):

| introduction | example | result |
|---|---|---|
| origin, home, institution | "venus de", "domiciliés à", "le parquet de", "des collègues de", "les PSPG de" | none |
| part of a town | "rue de Chabeuil", "la gare de Lyon" | no commune (a district may be) |
| district | "à Pissevin", "le quartier Argentine" | rank 0 |
| locative | "à", "au", "dans", "en", "sur", "au péage de" (TOLL) | rank 1; a misspelling or (TOLL) first words tried |
| none | "Nîmes, ville de …" | rank 2 |
| near | "près de", "au nord-ouest de", "l'aire de repos de", "autour de", "le secteur de" | rank 3: geo_precision 2 |
| area | "l'agglomération de", "la banlieue de", "la région de" | rank 3: geo_precision 3, commune null |
| officers' town | "les policiers de Creil", "la douane de Pau" | rank 4: the place only when nothing else is |

Each candidate of a mention (every commune of that name, the town of a curated neighbourhood of that name, the main
town that has an official district of that name, the town the article places a district of that name in) is scored;
the town of an official district is a main town when the article names it in any way, even as the officers' or the
court's town ("la BAC de Charleville-Mézières" and "la Ronde-Couture" in an article headlined on Sedan), or when it is
the district's only town and lies in a named département (places.Gazetteer.district_of);
the highest total wins. The weights are tiers: a term outweighs every term below it together.

| term | weight | the candidate … |
|---|---|---|
| main_town | 1000 | is a main town of the article |
| district_of_main_town | 1000 | is a main town with a curated, official (QPV) or article-named district of that name |
| departement_named | 100 | is in a département the article names |
| district_word | 30 | is a curated neighbourhood introduced by "quartier", "cité", "résidence" |
| other_towns | 20 × n, n ≤ 2 | is in a département where n other names of the article have a commune |
| near_main_town | 10 | lies within NEAR_KM of a main town |
| located_after | 10 | lies within NEAR_KM of the town the words right after it name ("à X, près de Rennes") |
| departement_said | 10 | is in the département named right before or after it ("dans le Cantal, à X", "à X (Cher)") |
| neighbourhood | 4 | is the town of a curated neighbourhood of that name |
| population | log10(people) | is a commune (0 to 6.4) |

A commune is a candidate under its whole name, and a town of 10,000 people or more under its first word(s) too
("à Brive" is Brive-la-Gaillarde, "à La Seyne" La Seyne-sur-Mer, "Charleville": places.short_name), as a "short
name" candidate scored like any commune. A département's name is never its homonymous commune in that département
("en Corrèze", "Doubs : …"), unless after "à" ("à Mayenne"); Paris is both. A commune named like another
département ("Vienne", Isère) is a candidate where that département is named, or when it has 10,000 people and lies
within AREA_KM of a main town ("à Vienne" in an article about Lyon).

`other_towns`: "Saint-Benoît" and "Saint-Denis" in an article make "Sainte-Rose" the one of La Réunion, not of
Guadeloupe. `neighbourhood`: a curated neighbourhood beats a homonymous commune of fewer than 10,000 people ("la
Castellane"), and loses to a bigger one ("à Moulins", Allier) when nothing else decides.

A candidate is vetoed (never chosen, whatever its score) when it is:

| veto | the candidate is … |
|---|---|
| far_small_village | a small commune outside the named départements, far (NEAR_KM) from every main town |
| a_word | a commune of fewer than 2,000 people outside the named départements, its name not after a locative |
| district_homonym | in an article with an anchor: a commune that may be a district of the anchor (below) |
| part_of_town | a commune named after "rue de", "quartier", "gare" …: part of a town |
| far_neighbourhood | a curated neighbourhood far (NEAR_KM) from every main town and outside the named départements |
| far_short_name | a short name ("Vitry") out of the article's context (départements, main towns, other_towns) |
| far_from_the_town_after | under BIG_TOWN people, far (NEAR_KM) from the town named right after it: part of it |

A short name that opens the name of one town of 10,000 people or more only, and is no commune's own name, is never
vetoed so: "Cherbourg" is Cherbourg-en-Cotentin wherever the article is; nor is the only commune of a toll's name ("au
péage de Lançon-Provence"), nor one the words right after it place (located_after: "à Plerneuf, près de Saint-Brieuc";
"le poste de la Vauvert, dans le nord de Toulon" is far_from_the_town_after), nor one of the département named right
before or after it (departement_said: "dans le Cantal, à Massiac", "à Massiac (Cantal)", in an article about Lyon). A
small commune is no far_small_village when two other names of the article have communes in its département (other_towns
at its maximum): "Saint-Claude" with Morez and Champagnole is the one of the Jura. A curated neighbourhood far from the
main towns is vetoed even after "quartier" in an article whose headline opens with its town ("Brest : … le quartier de
Bellevue" is no Bellevue of Nantes). A district with no town before it in its sentence takes the town its sentence names
right after it (_town_after: "la cité X, dans le 10e arrondissement de Marseille"). An article that names no commune as
a place but one town as the seat of its institutions (parquet, tribunal, commissariat, maire: seat) tells its unplaced
events there. A commune far from every main town, in a département no other name of the article points to, named by a
sentence that tells no event ("ex-joueur à Saint-Étienne") is no scene for the next sentences (far_in_passing). Persons
transferred or taken to a town ("transférés à Bordeaux") or arrived from one ("arrivés d'Amiens") are no place there
(ORIGIN), nor is the département after such a town ("originaire de Troyes dans l'Aube"); a village named after one of
its streets ("la rue des Tilleuls à Cancon", ADDRESS_BEFORE) is that village wherever the article is.

Small: fewer than 2,000 people with homonyms, or fewer than 10,000 when the article names départements ("aux Sablons"
in an article about the Sarthe is not the village in Isère); "Pas de blessé" is no
village (a_word); "France 3 Bourgogne" in an article about Dijon is not the Bourgogne estate of Tourcoing
(far_neighbourhood), nor, in an article with no main town that names the Hérault, "le mas de Bellevue" the Bellevue
of Nantes; "Placé en garde à vue" is a word before it is a district (a_word is read first).

district_homonym: a commune outside the named départements under BIG_TOWN people (unless within NEAR_KM of a main town
and of 2,000 people or more, or within AREA_KM of one and of 10,000 people or more: "à leur domicile de Montélimar" in
an article about Avignon), a commune of the named départements under 2,000 people and far, or a misspelt match under
10,000 people. When every candidate is vetoed as district_homonym, or a name unknown to the gazetteer is introduced by a
locative or a district word, in an article with an anchor, the mention is a "presumed district" of the anchor ("Agen : …
au Pin" is not Le Pin, Tarn-et-Garonne; "à Montanou"); a département, a region, a road ("l'A9"), an acronym ("à l'AFP")
or a country never is, nor a point of the compass ("dans l'Ouest guyanais"), nor a name followed by the wider area
it is part of ("dans les Hauts de l'île"). A name unknown to the gazetteer after "lieu-dit", "hameau" or "village"
is a presumed district too ("au lieu-dit Kerlannic"). In an article with no headline town, a presumed district is
one of the commune named last before its first mention in its paragraph ("À Limoges, … le point de deal de
Beaubreuil"), else of the first main town. Every town the
headline opens with is a main town ("Tarbes et Agen : …": Agen is no district of Tarbes). A curated or presumed district
gives way to a town named after "à" in the same clause; a district the article placed in its town does not, and a town
named after "à" after it is a place too ("dans le quartier des Couronneries, à Poitiers, … interpellés à
Châtellerault"). A district named without its town is of the town its sentence names before it ("La veille, à Cluses, …
du quartier des Ewües"), else of the headline's town, else of the first main town. An event told at a district and one
told at its town with no date of its own (or one inside the district's) are one event (counting.same).

Places named by something else than their commune (rules/sites.toml, knowledge as data): an airport or a port in
another commune than the town it is named after ("l'aéroport Félix-Éboué de Cayenne" is in Matoury, "le port de
Jarry" in Baie-Mahault) is that commune (ArticlePlaces.sites); a bare "à l'aéroport" is the airport of a main town,
else of the article's overseas département when the table knows one there, and is never the article's main place nor
where the next events are (carries_over). Villages and sections named alone (Mayotte's communes are made of villages:
M'tsapéré is in Mamoudzou) are candidates like the curated neighbourhoods. "une rue d'Audincourt" is a street in
Audincourt ("rue de Chabeuil" a street named after a town); "le quartier des Chardonnerettes, un point de deal de
Sarcelles" names the district's town; "venue de Nantes, des quartiers de Bellevue et des Dervallières" is one origin.
A district said once with its town ("les Champs-Montants à Audincourt") is of that town when named alone later ("le
quartier des Champs Montants"), not of the headline's. A district named by what it is ("Sète, le quartier de l'île de
Thau", "la cité du plateau des Mauves") is its capitalised name when that is no commune's: "une tour de l'île de Thau",
named after a sentence about another town, is in Sète. A name read as a presumed district once ("à Boiffiers" under
"Saintes : …") is that district wherever the article names it alone ("un hall de Boiffiers"). A headline that opens
with a demonym ("Choletais : …") has for its town the one town of 10,000 people the article names whose name the word
opens like (ArticlePlaces._demonym_headline). "la sous-préfecture tarnaise", "la ville drômoise" are the article's main
town in that département (not the chef-lieu, which "la préfecture drômoise" is). A comparison ("comme à Marseille",
"comme dans un quartier de Marseille") and a direction ("en direction de La Roche-sur-Yon") name no place; nor does an
institution named by its acronym before its town ("au CHU de Montpellier"). The point de deal, the district or the
estate told again by their noun alone ("Le point s'est reconstitué", "interpellés dans le quartier") are where the
latest event told with a district was (SAME_DISTRICT), not the town of a sentence told in between. A place near a
town ("saisis près d'Angers", "aux portes
d'Angers") is the commune the article says is near it ("à Avrillé, une commune proche d'Angers"), or that town when
the article says the place is in its commune ("près du Diamant", then "l'anse Cafard, dans la commune du
Diamant": IN_COMMUNE). The words before a
name are read with plain apostrophes: "le parquet d’Angers" is an institution like "le parquet d'Angers".

Officers who came to help are of another town ("appuyés par des collègues d'Alençon", "des renforts de Caen"),
whatever the unit's words ("épaulés par des effectifs de Bourges", "une équipe a été envoyée sur place avec la BAC de
Tours"), and a judicial step names the court's town, a day told in between ("déférés ce jeudi 12 juin à Évreux", "mis
en examen à Draguignan"; not "mis en examen après le coup de filet à Vernon"); and
so is a unit named by its acronym, with the list of its towns ("les PSPG de Flamanville et de Paluel", "(DCOS,
ex-police judiciaire) de Toulouse"; not a zone, "la ZUP de …", nor "la BAC de Creil", the officers' town): no place.
"près de Tarbes et Bordeaux" puts both near (the near and origin words go on over the list they head). A district
named alone in a sentence that names no town is of the commune its paragraph named last before it ("La commune
voisine de Huningue … les policiers y avaient démantelé un point de deal … de la cité du Rhin"), before the
headline's. The next events with no place of their own are not at a person's home where an arrest happened
("arrêté chez sa compagne à Saint-Raphaël"), nor where an event told as background happened ("L'été dernier, déjà,
… à Malemort"; carries_over). Officers counted by where they were drawn from ("120 gendarmes, principalement de
Cholet") and reinforcements whose towns are listed in brackets ("des renforts … d'autres communes (Nantes, Bressuire)")
are no place either; the officers of two towns or more in a text that names no other place ("les policiers de Vannes
et Lorient", "les gendarmes de Bastia et de Borgo") are one operation across them (geo_precision 3), unless one is a
main town of the article ("Les gendarmes de Strasbourg et Mulhouse" in an article about Mulhouse). A place at a
distance from a town ("un petit village situé à une dizaine de kilomètres de Montbéliard") is near it
(geo_precision 2). A headline's place near a town ("basé dans une petite commune proche de Cholet") is the main town
of the article in that département when it names one ("la commune du May-sur-Evre"), else near. A département where
a person was ("le chef du réseau était localisé dans les Alpes-Maritimes") is no place (PERSON_AT). An institution's
words end at a locative: "saisis par la police dans une maison de Darvoy" names a house in Darvoy, not the police of
Darvoy. Squadrons and platoons sent in ("les pelotons de l'escadron de Saintes") and a driver "venant de Niort" are
of another town; a unit named by its acronym and its seat ("la BTA de M'zouazia") is no district where anything
happened, but a railway's acronym is no unit ("la gare RER du Mée-sur-Seine" is in that town: STATION_ACRONYMS).

Places that are not one commune: several communes joined by "entre" ("entre Gièvres, Déols et Chabris"), or three
communes or more listed after one "à" or "sur les communes de" ("six arrestations à Calvi, Corte et
Bastia", "À Montbéliard, Audincourt et Valentigney", "principalement à Châteauroux, mais aussi à Déols, Le
Poinçonnet et Levroux", "sur les communes du Robert, du François et de Sainte-Luce",
two after "la région de" or "le secteur des communes de": "dans la région de Béziers et d'Agde"; not homes,
"domiciliés à …", nor "à X et à Y", two places; "dans plusieurs communes du Valenciennois, notamment Anzin, Raismes
et Onnaing"), are one operation across them: geo_precision 3, their département
if they share one, else none. Two départements named together as where it happened ("dans le Gard et dans l'Hérault",
"entre la Drôme et l'Ardèche": departements_together) are one operation across both: geo_precision 3, no département,
whatever town of one of them the article names. A route from a town to an area ("un trafic entre Angoulême et le
Sud-Charente", "entre Rouen et le Cotentin") is the area, where the operation that cut it happened. A département or an
island named after a locative ("à Mayotte", "en Martinique", "dans l'Aube", "au large de la Martinique") is
geo_precision 3 when the article names no commune of it as a place, and so are the districts or communes of a
département ("une vingtaine de cités du Val-d'Oise", whatever communes the article names; never a district of its town;
not a trade's market, "le réseau alimentait plusieurs communes des Ardennes": TRADE_REACH); "un petit village", "une
maison isolée près de X", a motorway "à hauteur de X" are geo_precision 2 (VAGUE_PLACES); a road tied to no town or
site ("sur l'autoroute A31 en Haute-Marne") is geo_precision 3 in its département, the one its phrase or its clause
names ("dans l'Ain sur l'A 40").
A département is a capitalised name, the longest first ("en Haute-Marne" is not the Marne, "le sens nord-sud" not the
Nord); "un réseau opérant dans le département" is no place. An area around a town ("l'agglomération de Grenoble", "la
banlieue de Calais", "le bassin de Lens", "l'aire toulonnaise") is geo_precision 3 in the town's département (rank 3: a
commune named in the same clause says more), unless the article names one commune of that area as a place
(within places.AREA_TOWN_KM of the town, in its département: "dans l'agglomération de Rouen" and "interpellés à
Saint-Étienne-du-Rouvray", "dans la banlieue de Mulhouse" and "à Kingersheim"), which it then is; and so is a pays
("dans le Boulonnais", rules/sites.toml [[area]]), which is the article's main place when it is named before any town
in the headline or the lead. A demonym the curated table lacks ("le bassin annécien") is read from the towns the
article names (the adjective opens like the town's name), else is the article's one main town ("l'agglomération
lédonienne" in an article about Lons-le-Saunier), unless a trade's reach names it ("un trafic alimentant l'agglomération
voisine": TRADE_REACH, its market, no place); a headline's town that the lead tells as its area ("Annecy :
…" over "dans le bassin annécien") makes that area the article's main place. A motorway rest area named after its
commune, even in lower case ("l'aire d'autoroute d'aire sur l'Adour"), is near that commune (geo_precision 2). An area
named by its town with a capitalised area word ("Golfe de Saint-Tropez : …", "le Pays de Montbéliard": AREA_HEADS) is
that area, not the town. "en divers endroits", "sur plusieurs sites" are one operation over several places
(geo_precision 3) in an article that names several communes, else places of the one town it names. An area told with a
toll of several events ("Sept fusillades … dans l'agglomération grenobloise": SERIES) stays the area, though the
article names one of its communes elsewhere (the last of them), and is not that commune's event told broadly
(recalls.told_broadly). A
French name of a foreign city ("Valence" for Valencia) is abroad in an article that names that country and neither
the commune as a main town nor its département (EXONYMS).
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from vigie.geo.names import name_key
from vigie.press import prefilter
from vigie.press.dates import MONTHS, WEEKDAYS
from vigie.press.places import (
    AREA_TOWN_KM,
    AREAS,
    COMPASS,
    COMPASS_AFTER,
    ELSEWHERE,
    REGIONS,
    SITES,
    Gazetteer,
    Place,
)
from vigie.press.quantities import plain

# an agency's filing line ("Paris, France | AFP | lundi 06/09/2021 - ", "SAINT-LAURENT-DU-MARONI, 18 mars (AFP) - "):
# where the dispatch was written, not where anything happened; it is cut off before the text is read
AGENCY_LINE = (
    r"\s*[^,|\n]{2,40},\s*(?:France\s*\|\s*AFP\s*\||\d{1,2}(?:er)? \w+ \((?:AFP|Reuters)\))[^\n]{0,40}?\s[-–—]\s"
)
DATELINE = r"\s*([A-ZÉÈÎÔ][A-Za-zÀ-ÿ'’ -]{1,40}?)\s*(?:\([^)]{1,30}\))?\s*[-–—:]\s"

LEAD = 400  # the lead: the first characters of a text, where an article says where it is
WEIGHTS = {  # the scoring table of the module docstring
    "main_town": 1000,
    "district_of_main_town": 1000,
    "departement_named": 100,
    "other_towns": 20,
    "district_word": 30,
    "near_main_town": 10,
    "located_after": 10,
    "departement_said": 10,
    "neighbourhood": 4,
}
OTHER_TOWNS_MAX = 2  # other names counted for a département
OTHER_TOWNS_SPECIFIC = 3  # a name counts for the départements of its communes when it has communes in at most 3

# a distance from a town: "à une dizaine de kilomètres de Montbéliard", "à 15 km d'Alès" (a locality outside it)
DISTANCE = r"à (?:\d+|quelques|une (?:dizaine|quinzaine|vingtaine|trentaine)) (?:de )?(?:km|kilomètres) d"
NEAR = rf"près d|proche d|non loin d|à proximité d|hauteur d|au large d|{DISTANCE}"  # a locality outside the town
# "dans le même quartier": the district of the latest event told with one, not the latest town named
# and the point de deal, the district or the estate told before, named by their noun alone ("Le point s'est reconstitué
# trois semaines plus tard", "Six personnes ont été interpellées dans le quartier")
SAME_DISTRICT = (
    r"\b(?:même (?:quartier|secteur|cité)|du quartier|de la cité)\b|"
    r"^\W*(?:le|ce) point(?: de (?:deal|vente))?\b(?! de)|"
    r"\bdans (?:le quartier|la cité)\b(?! (?:de|du|des|d['’]|voisin)|[\w-])"
)
DISTRICT = r"\b(?:quartiers?|cités?|secteur|section|résidence)\b"
# the home told before, named again by its noun: "… à son domicile de Fréjus" … "ont trouvé dans le domicile 300 plants"
SAME_HOME = r"\b(?:dans|au|à) (?:le |ce |son |leur )?(?:domicile|logement)\b(?! (?:de|du|d['’]) )"
LOCALITY = r"\b(?:village|hameau|maison|exploitation|chemin|bois|forêt)\b"
CAPITAL_NAME = r"(?-i:[A-ZÉ])[\w'’-]+"  # a capitalised name even in a pattern read with re.I
# a motorway or a road, by its kind or its number ("l'autoroute A31", "sur l'A 40", "la RN 2"): a place of
# geo_precision 2 where the text ties it to a town or a site ("à hauteur de Vienne", "à la hauteur du tunnel de Vuache",
# "la rocade de Rennes"), else of 3 in its département ("sur l'autoroute A31 en Haute-Marne": only the département is
# known)
ROAD_WORDS = (
    r"(?:une |l['’])aire (?:d['’]autoroute|de repos|de service)(?: (?:de|sur) l['’](?-i:A) ?\d+)?|"  # "de l'A87"
    r"l['’]autoroute|la route nationale|la nationale|la rocade|"
    r"\bsur l['’](?-i:A) ?\d+\b|\bsur la (?-i:RN|N) ?\d+\b"
)
# what may follow a road's name in its place: its number, its direction, the area it crosses ("l'autoroute A4 dans le
# sens est-ouest", "la RN 13 en direction de Caen", "l'A7 en Haute-Savoie", "l'autoroute près de Lyon")
ROAD_TAIL = (
    r"(?:\s?(?-i:[A-Z]{1,2})\s?\d+)?"
    r"(?:,? (?:dans le sens [\w-]+|en direction d(?:e |u |'|’)|(?:en|dans l['’]|dans la|dans le|près d(?:e |'|’)|"
    r"non loin d(?:e |'|’)|à proximité d(?:e |'|’))\s?(?-i:[A-ZÉ])[\w'’-]+(?: (?-i:[A-ZÉ])[\w'’-]+)*)){0,2}"
)
VAGUE_PLACES = [
    (
        # (not a measure or a likeness: "exceptionnel pour un village de cette taille", "calme comme un village")
        r"(?<!pour )(?<!comme )(?:un petit village|un village|un hameau|une maison isolée|une exploitation agricole|"
        r"une route de campagne|une route départementale|un chemin (?:de terre|communal|forestier)|un bois|une forêt)"
        # "un petit village situé à une dizaine de kilomètres de Montbéliard"
        rf"(?:,? [^,.]{{0,30}}?(?:\b(?:près|proche|non loin|à proximité) d|{DISTANCE})(?:e |'|’){CAPITAL_NAME})?|"
        rf"\bau large d(?:e |'){CAPITAL_NAME}|"
        rf"(?:{ROAD_WORDS}){ROAD_TAIL}"
        r"(?:, à (?:la )?hauteur d(?:e |'|’|u )[^,.]{0,40})?|"
        rf"\bà (?:la )?hauteur d(?:e |'){CAPITAL_NAME}",
        2,
    ),
    (
        r"plusieurs communes du (?:nord|sud|est|ouest|centre) de l'\w+|plusieurs communes (?:du |de l'|de la )\w+|"
        # not the area a network works in: "un réseau opérant dans le département" (where it was caught is elsewhere)
        r"(?<!opérant )(?<!actif )(?<!active )(?<!sévissant )(?<!implanté )(?<!implantée )"
        r"dans le département|dans plusieurs communes[^,.]*",
        3,
    ),
    (  # several places of one operation, none named: "44 kg saisis en divers endroits", "sur plusieurs sites" (an
        # area only in an article that names several communes: "dans plusieurs lieux" of one town is that town's)
        r"\b(?:en|à|dans|sur) (?:divers|différents|plusieurs) (?:endroits|lieux|sites)\b",
        3,
    ),
]
VAGUE = [(prefilter.compile(p), precision) for p, precision in VAGUE_PLACES]  # each behind the look for its words
SEVERAL_PLACES = 2  # VAGUE_PLACES' several unnamed places of one operation
# a motorway rest area and the words after it, which may name its commune in lower case ("l'aire d'autoroute d'aire sur
# l'Adour"): geography.ArticlePlaces._rest_area reads them
REST_AREA = (
    r"(?:une |l['’])aire (?:d['’]autoroute|de repos|de service) (?:de |d['’]|du )(?!l['’](?-i:A)\s?\d)"
    r"(?P<words>[\w'’-]+(?: [\w'’-]+){0,4})"
)
# a département or an island named as where something happened: "à Mayotte", "en Martinique", "dans l'Aube",
# "au large de la Martinique"
DEP_NAME = r"(?-i:[A-ZÉ])[\w'’-]+(?: (?-i:[A-ZÉ])[\w'’-]+)*"  # a département's name, capitalised words
SIDE = r"\bdans (?:le |l['’])(?i:nord|sud|est|ouest|centre)(?i:-(?:est|ouest))?"  # "dans le nord-ouest", "le Nord"
# a side of a place: "dans le nord du Jura", "dans l'ouest du département du Jura", "dans le Nord de la Haute-Savoie"
SIDE_OF_PLACE = rf"{SIDE} (?:du département )?(?:de la |de l['’]|du |des |de )"
DEPARTEMENT_PLACE = (
    rf"(?:{SIDE_OF_PLACE}|"  # read first: "dans le Nord de la Haute-Savoie" is no Nord
    r"\b(?P<at>à (?:la |l['’])?)|\ben |\bdans (?:la |le |les |l['’])|\bau large (?:de la |de l['’]|du |des |de )|"
    # the districts or communes of a département, several places in it: "une vingtaine de cités du Val-d'Oise"
    r"\b(?P<several>cités|quartiers|communes) (?:de la |de l['’]|du |des |de ))"
    rf"(?P<name>{DEP_NAME})"
)
# two départements named together as where one operation happened: "dans le Gard et dans l'Hérault",
# "dans les départements du Gard et de l'Hérault", "entre la Drôme et l'Ardèche", "en Isère et dans le département
# voisin de la Savoie" (ArticlePlaces.departements_together: geo_precision 3, no département)
DEP_ARTICLE = r"(?:de la |de l['’]|du |des |de |la |le |les |l['’])?"
DEPARTEMENTS_TOGETHER = (
    rf"\b(?:en|dans|entre) (?:les (?:deux )?départements )?{DEP_ARTICLE}(?P<first>{DEP_NAME}),? et "
    rf"(?:en |dans )?(?:(?:le |un )?département voisin )?{DEP_ARTICLE}(?P<second>{DEP_NAME})"
)
# words before a département that name a route, not a place: "destinés à La Réunion", "en provenance de Guyane"
ROUTE_BEFORE = r"(?:destiné\w*|à destination|en provenance|venu\w*|expédié\w*|envoyé\w*|acheminé\w*|arrivé\w*)\s*$"
# words before a département that place a person, not an event: "était quant à lui localisé dans les Alpes-Maritimes",
# "domicilié en Gironde"
PERSON_AT = r"\b(?:localisée?s?|domiciliée?s?|résidant|demeurant|réfugiée?s?)\s*$"
# a name right before a département ("originaire de Troyes dans l'Aube": departement_place)
NAME_BEFORE = r"(?<![\w'’-])[A-ZÉÈ][\w'’-]+(?:[ -][\w'’-]+){0,3}?,?\s+$"
# a département named right before a town ("dans le Puy-de-Dôme, à Coudes") or right after it ("à Coudes
# (Puy-de-Dôme)", "à Coudes, dans le Puy-de-Dôme"): ArticlePlaces._departement_said
DEPARTEMENT_BEFORE = (
    rf"\b(?:dans (?:le |la |les |l['’])|en )(?P<name>{DEP_NAME}),?\s+(?:à|au|aux)\s+(?:la |le |les |l['’])?$"
)
DEPARTEMENT_AFTER = rf"^\s*(?:\(|,\s*(?:dans (?:le |la |les |l['’])|en ))(?P<name>{DEP_NAME})"
# a region named as where something happened: "en Bretagne", "dans les Hauts-de-France", "dans la région
# Occitanie" (rules/sites.toml [[region]]: ArticlePlaces.region_place)
REGION_PLACE = (
    r"\b(?:en |(?:dans|et|entre) (?:la |le |les |l['’])|(?:la |en )?région (?:de |d['’]|du )?)"
    r"(?P<name>(?-i:[A-ZÉÎ])[\w'’-]+(?:[ -](?:de la |de |d['’]|du )?(?-i:[A-ZÉÎ])[\w'’-]+){0,3})"
)
# a pays named as where something happened: "dans le Boulonnais", "du Valenciennois", "en Maurienne", "dans
# l'Avesnois", "sur la Côte Fleurie" (rules/sites.toml, [[area]])
PAYS = (
    r"\b(?:dans le|du|au|le|en|(?:dans|de|sur) la|dans les|des|(?:dans |de )?l['’])\s?"
    r"(?P<name>[A-ZÉ][\w'’-]+(?: (?:de |d['’])?[\w'’-]+)?)"
)
# a pays name said of a person ("le Choletais, âgé de 30 ans", "le Messin a été interpellé"): no place
PAYS_PERSON = r"^\s*(?:,|(?:a|avait|aurait|est|était|sera|se|s['’]|qui|âgé|connu)\b)"
# part of a département named by its side: "dans le sud-Manche", "le Sud-Charente", "dans l'Ouest guyanais"
SIDE_OF = (
    r"(?i:\b(?:(?:dans |en |de )?(?:le |l['’])|du |au ))(?i:nord|sud|est|ouest|centre)[- ](?!Pas-de-Calais)"
    r"(?P<name>(?-i:[A-ZÉ])[\w'’]+(?:-(?-i:[A-ZÉ])?[\w'’]+)*|(?-i:[a-zé]+ais|[a-zé]+ois|[a-zé]+ais)\b)"
)
# an operation across several communes: "entre Gièvres, Déols et Chabris", "entre la commune de X et Y"
BETWEEN = (
    r"\bentre (?:[a-zàâéèêîôûç'’]+ ){0,4}?((?-i:[A-ZÉ])[^.;:]{1,120}?\bet\b(?: [a-zàâéèêîôûç'’]+){0,6}? "
    r"(?-i:[A-ZÉ])[\w'’-]+)"
)
# an operation in three communes or more listed after one "à": "six arrestations à Calvi, Corte et
# Bastia" (each with its own "à" — "à Chabris et à Déols" — they are several places), or after "sur les
# communes de" ("sur les communes de Trinité, Sainte-Marie et du Robert")
LISTED_OF = r"(?:de |d['’]|du |de la |de l['’])?"
# an item may carry its département in brackets ("Touques (Calvados)", "Le Bignon (44)"), the last
# one its own "au" ("et au Havre"), the list may end in "ou encore" and open on "dans plusieurs communes :"; after
# "sur les communes de" two communes are enough (listed())
# between two items: a comma, or the town first named as the main one and the others added ("principalement à
# Châteauroux, mais aussi à Déols, Ardentes et Levroux")
LISTED_ON = r"(?:,? mais aussi (?:à |au |aux )?|, )"
LISTED_ITEM = (  # "Savigné sur Lathan" without its hyphens too, "Le Poinçonnet" with its article
    r"(?:(?-i:L)(?:e|a|es) )?(?-i:[A-ZÉ])[\w'’-]+(?: (?:sur|sous|en|lès) (?-i:[A-ZÉ])[\w'’-]+)?"
    r"(?: \((?:\d{2,3}|(?-i:[A-ZÉ])[\w'’ -]+)\))?"
)
LISTED = (  # "À Montbéliard, Audincourt et Valentigney" opening a sentence too; "dans la région de Béziers et d'Agde",
    # "dans les régions de Dreux, Evreux (Eure) et Maurepas (Yvelines)": the area around these towns (two are enough;
    # not "les secteurs d'Annonay et Saint-Étienne", where annotators name the town of the operation)
    # "dans plusieurs communes du Valenciennois, notamment Anzin, Raismes et Onnaing"
    rf"(?<![\w'’])(?P<how>[àÀ] |(?:sur|dans) (?:les|le secteur des) communes {LISTED_OF}|dans plusieurs communes ?: |"
    r"dans plusieurs communes[^.;:,]{0,40},? (?:notamment|dont) |"
    rf"(?:dans |sur )?(?:la région|les régions) {LISTED_OF})"
    rf"({LISTED_ITEM}(?:{LISTED_ON}{LISTED_OF}{LISTED_ITEM})*,? (?:et|ou encore) "
    rf"(?:à |au |aux |{LISTED_OF}){LISTED_ITEM})"
)
# premises listed each with its town, three towns or more: "dans un hangar à Haguenau, une maison à Brumath et un
# garage à Saverne" — one operation across them (geo_precision 3), as a list after one "à" is
PREMISES_AT = r"(?:un|une|des|le|la|les|l['’]) ?[\w'’-]+(?: [a-zéèêàâîôûç'’-]+)? (?:à |au |aux )"
PREMISES_LISTED = (
    rf"(?<![\w'’]){PREMISES_AT}({LISTED_ITEM})(?:, {PREMISES_AT}({LISTED_ITEM}))+,? et {PREMISES_AT}({LISTED_ITEM})"
)
# the officers of two towns or more, named with no other place: "les policiers de Vannes et Lorient", "les gendarmes de
# Bastia et de Borgo" — one operation across their towns (geo_precision 3), not the first town named
OFFICERS_LISTED = (
    rf"\b(?:policiers|gendarmes|douaniers|militaires|enquêteurs) (?:de |d['’]|du )"
    rf"({LISTED_ITEM}(?:, {LISTED_OF}{LISTED_ITEM})*,? et {LISTED_OF}{LISTED_ITEM})"
)

WEEKDAY_KEYS = [name_key(w) for w in WEEKDAYS]
MONTH_KEYS = [name_key(m) for m in MONTHS]
# words that open a capitalised name without being part of it, and words that open sentences and happen to be names
# of small communes ("Aucun", Hautes-Pyrénées)
STOP_WORDS = {
    *"au aux a à le la les l dans en ce cette ces des du de selon pour par sur chez vers pres un une il elle ils elles "
    "on et mais depuis apres avant lors quelques deux trois quatre cinq six sept huit neuf dix onze douze treize "
    "quatorze quinze seize vingt trente cent mille plusieurs".split(),
    *"aucun aucune personne rien chaque tout toute certains certaines autre autres enfin alors ainsi pourtant "
    "cependant pendant durant entre sous sans avec malgre parmi dont quand comme lorsque ici c ceux celui tous toutes "
    "leur leurs son sa ses notre nos nous vous je j d qu que qui si ou puis bilan objectif conséquence "
    "consequence".split(),
    *"kalachnikov kalachnikovs kalach kalash".split(),  # "il ouvre le feu à la Kalachnikov": a weapon, no place
    *WEEKDAY_KEYS,
    *MONTH_KEYS,
}
# "au péage de Saint-Arnoult", "la barrière de péage de Gignac", "au contrôle routier d'Iracoubo": the commune a
# motorway toll or a road check is named after
TOLL = (
    r"(?<!\w)(?:(?:au |du |(?:barrière|gare) de )péage|(?:au|du) (?:contrôle routier|barrage routier)) "
    r"(?:de |d['’]|du )$"
)
LOCATIVE = rf"(?<!\w)(?:à|au|aux|dans|en|sur)\s+(?:l['’]|la |le |les |des )?$|{TOLL}"  # "près de Douai" only situates
CAPITAL_A = r"(?:^|[.!?:]\s+|\n\s*)A\s+$"  # "A Saint-Laurent, le STPAF a découvert …": "À" without its accent
# a name after these words names part of a town (a street, an estate, a station), not a commune
PART_OF_TOWN = (
    r"(?:quartiers?|cité|résidence|lotissement|rue|avenue|boulevard|place|allée|chemin|impasse|parc|"
    r"zone|gare|stade|aéroport|port|collège|lycée|école|centre commercial|square|hameau|lieu-dit)\s+"
    r"(?:de la |du |des |de l['’])?$|"  # "un quartier d'Argentan" names the town, so "de"/"d'" are not here
    # a school named after a saint, with what kind it is: "le lycée professionnel privé Sainte-Marie"
    r"(?:collège|lycée|école|institution|groupe scolaire)(?: (?:professionnel|technique|général|agricole|"
    r"polyvalent|hôtelier|privée?|publique?|catholique|international|élémentaire|maternelle|primaire))+\s+$|"
    # but a street is often named after another town: "rue de Chabeuil" (in Valence), "avenue de Lyon"; "une rue
    # d'Audincourt" is a street in Audincourt
    r"(?<!\bune )(?:rue|avenue|boulevard|route|allée|impasse|quai|cours|faubourg)\s+(?:de |d['’]|du )$"
)
# a headline that opens with its town: "Agen : nuit de tirs à Montanou", "Lorient/Lanester : …"
HEADLINE_TOWN = r"^\s*([^:–—|]{2,50}?)\s*[:–—|]\s"
# a district named as one anywhere in the article, with its town when said: "le quartier d'Orgeval à Reims",
# "la cité Chambord", "le quartier de la Houillère", "le quartier des Chardonnerettes, un point de deal de Sarcelles"
DISTRICT_INTRO = (
    r"\b(?:quartiers?|cités?|résidences?)\s+(?:(?P<of>de |d['’])|de la |du |des |de l['’])?"
    # a district named by what it is ("le quartier de l'île de Thau", "la cité du plateau des Mauves"): its name,
    # when no commune's (_named_districts), is the capitalised part
    r"(?P<head>(?-i:[a-zéèàâîô]+) (?:de la |de l['’]|du |des |de |d['’]))?"
    r"(?P<name>[A-ZÉÈÀÂÎÔ][\w'’-]+(?:[- ](?:d['’]|de |du |des |la |le |les )?[A-ZÉÈÀÂÎÔ][\w'’-]+)*)"
    r"(?:,? (?:à|au cœur de|dans|(?:un|une|le|la|l['’])\s?(?:[\w'’-]+ ){0,4}?(?:de|d['’])) ?"
    r"(?P<town>[A-ZÉÈÀÂÎÔ][\w'’-]+"
    r"(?:[- ](?:sur[- ]|en[- ]|de[- ]|lès[- ])?[A-ZÉÈÀÂÎÔ][\w'’-]+)*))?"
)
# French names of foreign cities that are also the names of French communes, with their country as the press names it
EXONYMS = {"valence": "Espagne", "bruges": "Belgique", "gand": "Belgique"}
# countries and regions abroad named in French articles: never a commune of the same name ("la Suisse", Moselle)
FOREIGN = {
    name_key(n)
    for n in "Suisse Espagne Maroc Belgique Allemagne Italie Portugal Algérie Tunisie Colombie Brésil Équateur "
    "Pays-Bas Hollande Luxembourg Guyana Suriname Venezuela Dubaï Europe Afrique Amérique Antilles Caraïbes "
    # islands abroad near the overseas départements: "prendre la mer pour l'Île Maurice" is no village of La Réunion
    "Maurice Île-Maurice Comores Anjouan Madagascar Haïti Sainte-Lucie Dominique Trinidad".split()
} | ELSEWHERE["abroad"]  # and the countries, regions and cities abroad of rules/sites.toml
# a name that is (or ends) an outlet's name as spelt, with the capitalised words after it ("France Bleu Berry", "selon
# La Montagne", "sur Snapchat"): the press or a network that told it, no place (rules/sites.toml)
OUTLET = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(re.escape(x).replace("'", "['’]") for x in sorted(ELSEWHERE["outlet"], key=len, reverse=True))
    + r")(?:[ -][A-ZÉÈÀÂÎÔ][\w'’-]*)*$"
)
TOWN_NAME = r"[A-ZÉÈÀÂÎÔ][\w'’-]+(?:[- ](?:sur[- ]|en[- ]|de[- ]|lès[- ])?[A-ZÉÈÀÂÎÔ][\w'’-]+)*"
# a commune the article says is near a town: "à Avrillé, une commune proche d'Angers", "à Saran, aux portes d'Orléans"
SAID_NEAR = (
    rf"\bà (?P<town>{TOWN_NAME}),? (?:(?:une |la |un |le )?(?:commune|petite ville|ville|village|bourg)(?: [\w-]+)? )?"
    r"(?:proche|voisine|près|non loin|aux portes|à proximité|aux abords|dans la banlieue|à quelques kilomètres) "
    rf"(?:de |d['’]|du )(?P<near>{TOWN_NAME})"
)
# the article saying a place is inside a commune: "l'anse Cafard, dans la commune du Diamant"
IN_COMMUNE = rf"\b(?:dans|sur) (?:le territoire de )?la commune (?:de |d['’]|du )(?P<town>{TOWN_NAME})"
TOWN_AFTER = 60  # characters after a district's name where its sentence may name its town (_town_after)
TOWN_BEFORE = (
    r"\bà ([A-ZÉÈÀÂÎÔ][\w'’-]+(?:[- ][A-ZÉÈÀÂÎÔ][\w'’-]+)*),\s+(?:[\wé]+\s+){0,3}(?:dans|au cœur d)\w*\s+\w+\s*$"
)
# a town and the communes around it: "à Louviers et aux alentours", "à Cholet et dans ses environs", "à Vesoul et à
# ses alentours", "Rouen et sa périphérie" (ArticlePlaces.resolve: an area of the town's département); its own
# surroundings with no locative of their own ("à Tours et ses alentours", "L'Aigle et ses communes voisines") are the
# town itself, one place
AROUND_AFTER = (
    r"\s+et\s+(?:(?:(?:dans\s+|à\s+)?les\s+|(?:dans\s+|à\s+)(?:ses|leurs)\s+|aux\s+|dans\s+les\s+communes\s+)"
    r"(?:alentours|environs)|(?:"
    r"(?:(?:dans|à)\s+)?(?:sa|son)\s+(?:région|périphérie|agglomération|banlieue))|"
    # communes around it, not named and not its own: "à Moulins et dans des communes avoisinantes", "Louviers et
    # quatre communes voisines", "et dans plusieurs localités proches" ("L'Aigle et ses communes voisines" is the town)
    r"(?:(?:dans|à|sur)\s+)?(?:des|plusieurs|quelques|différentes|diverses|(?:de\s+)?nombreuses|d['’]autres|deux|trois|"
    r"quatre|cinq|six|sept|huit|neuf|dix|douze|quinze|vingt|\d+|une\s+(?:dizaine|quinzaine|vingtaine)\s+de|"
    r"(?:dans|à)\s+les)\s+(?:autres\s+)?(?:communes|villes|localités|villages)\s+(?:voisines|avoisinantes|proches|"
    r"environnantes|alentour|limitrophes|des\s+(?:alentours|environs)|du\s+secteur|aux\s+alentours|autour|"
    # or of an area it names ("à Niort et dans plusieurs villes de Charente-Maritime", "et dans d'autres villes du
    # Var"): the town's département, or none when the area is another département's (ArticlePlaces.resolve)
    r"(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])(?-i:[A-ZÉ])[\w'’-]+)|"
    # more communes than the ones named ("à Dax, Mont-de-Marsan et plusieurs autres communes")
    r"(?:(?:dans|à|sur)\s+)?(?:plusieurs|quelques|de\s+nombreuses|d['’]autres|deux|trois|quatre|cinq|six)\s+autres\s+"
    r"(?:communes|villes|localités|villages))\b"
)
# a name followed by a wider area it is part of ("les Hauts de l'île", "le Nord du département"): no district of a town
AREA_AFTER = r"\s+(?:de l['’]île|du département|de la région|du pays|de la vallée|du territoire)\b"
# a road ("l'A9", "la N7", "la RD 906"): no district of anything
ROAD = r"^(?:[ANDRM]|RN|RD|CD)\s?\d+$"
BIG_TOWN = 50_000  # a commune this big is never taken for a district of another town
AREA_KM = 80  # a town of 10,000 people this close to a main town is itself ("à leur domicile de Montélimar")
# a curated neighbourhood introduced as one
DISTRICT_WORD = r"(?:quartiers?|cités?|résidences?)\s+(?:de la |du |des |de l['’]|de |d['’])?(?:la |le |les |l['’])?$"
# a lieu-dit, a hamlet or a village named as one: "au lieu-dit Kerlann", "le hameau des Granges" (a district of the
# article's town when the gazetteer does not know the name)
PART_WORD = (
    r"\b(?:lieu-dit|lieudit|hameau|village|section)\s+(?:de la |du |des |de l['’]|de |d['’])?(?:la |le |les |l['’])?$"
)
# a word of a day told between a judicial step and the court's town: "déférés ce jeudi 12 juin à …"
DAY_WORD = rf"(?:ce|cette|le|hier|dès|matin|soir|après-midi|\d{{1,2}}|{'|'.join(WEEKDAYS)}|{'|'.join(MONTHS)})"
ORIGIN = (  # the phrase right before the name, or before a list it heads ("venus de Nantes et d'Angers")
    r"(?:venu(?:e|s|es)? (?:tout droit |directement )?(?:de|d')(?: la| les|(?<=de) l')?|"
    r"(?:viennent|venant) (?:tout droit |directement )?(?:de|d')|"  # "à l'entrée de X, en venant de Y"
    r"arrivée?s? (?:tout droit |directement )?(?:de|d')(?: la| les|(?<=de) l')?|"  # "Eux sont arrivés d'Amiens"
    r"originaires? (?:de|d')(?: la| les|(?<=de) l')?|"
    r"\bnée?s? (?:en \d{4} |le \d{1,2}(?:er)? \w+ \d{4} )?(?:à|au|aux)|"  # a birthplace: "né en 1990 à Rouen"
    r"en provenance (?:de|d')|"
    r"à destination (?:de|d')|en partance (?:pour|vers)(?: la| le| les| l')?|"
    # where a journey went: "devait reprendre l'avion pour Paris", "un vol retour vers Lyon"
    r"(?:avion|vol|train|bateau|ferry|navette)(?: [\w'’-]+){0,2}? (?:pour|vers)(?: la| le| les| l')?|"
    r"domicilié(?:e|s|es)? (?:à|au|aux|en)|résid(?:ant|ent|ait|aient|erait|eraient) (?:à|au|aux|en)|"
    rf"{DISTANCE}(?:e |'|u )|"
    r"demeurant (?:à|au|aux|en)|"
    # a direction or a comparison: "qui circulait en direction de La Roche-sur-Yon", "comme dans un quartier de
    # Marseille", "comme à Marseille"
    r"en direction (?:de|d'|du|des)(?: la| les|(?<=de) l')?|\bcomme (?:à|au|aux|en|dans)\b[^,.;:]{0,30}?|"
    r"au départ (?:de|d')|depuis|parquet d[eu']|tribunal d[eu']|police aux|"
    r"commissaire(?: divisionnaire| principal)?(?: de police)? à|"  # a post: "le commissaire de police à Montbéliard"
    r"(?:présentée?s? (?:à la justice|au parquet|à un juge)|déférée?s?|écrouée?s?|incarcérée?s?|hospitalisée?s?|"
    r"transportée?s?|évacuée?s?|transférée?s?|emmenée?s?)(?: \w+){0,3}? (?:à|au|en)|"
    # a judicial step names the court's town, a day often told in between: "déférés ce jeudi 12 juin à Évreux", "mis
    # en examen à Draguignan", "jugés mardi à Lille" (not "mis en examen après le coup de filet à Vernon", where the
    # operation was)
    rf"(?:déférée?s?|mise?s? en examen|jugée?s?)(?: {DAY_WORD})*? (?:à|au)|"
    # officers who came to help are of another town: "appuyés par des collègues d'Alençon", "des renforts de Caen",
    # and so are officers counted by where they were drawn from: "120 gendarmes, principalement de Cholet"
    r"(?:policiers|gendarmes|militaires|douaniers|enquêteurs),? (?:principalement|essentiellement|notamment|surtout|"
    r"pour la plupart|en majorité|venus) (?:de|d'|d’|du)|"
    # and officers named as the help an operation had: "avec l'aide des policiers de Dax", "appuyés par les gendarmes
    # de Redon" (the operation is where the story is, not in their town)
    r"(?:avec|grâce à) (?:l['’]aide|l['’]appui|le concours|le soutien|le renfort|les renforts) (?:de |d['’]|des )"
    r"(?:policiers|gendarmes|militaires|douaniers|enquêteurs|agents)(?: [\w'’-]+){0,2}? (?:de|d'|d’|du)|"
    r"(?:appuyé|aidé|épaulé|renforcé|assisté|secondé)(?:e|s|es)? par (?:les |des |leurs )?"
    r"(?:policiers|gendarmes|militaires|douaniers|enquêteurs|agents)(?: [\w'’-]+){0,2}? (?:de|d'|d’|du)|"
    # and any unit named as help sent in, whatever its words: "épaulés par des effectifs de Bourges", "renforcés par
    # un groupe d'intervention de Tours", "a été envoyée sur place avec la BAC de Tours", "venus en renfort de
    # Laval" (their town is where they came from; not across a comma nor a locative: "appuyés par des renforts, ils
    # ont fouillé une maison de Darvoy" names a house there)
    r"(?:(?:appuyé|aidé|épaulé|renforcé|assisté|secondé)(?:e|s|es)? par|(?:dépêché|envoyé|appelé|venu)(?:e|s|es)? "
    r"(?:sur place|sur les lieux|en renfort)|\ben renfort)"
    r"(?:(?!\s(?:dans|sur|chez|devant|près|lors|à|au|aux|en)\s)[^.;:!?,]){0,60}?\s(?:de|d'|d’|du)|"
    # the towns of reinforcements listed in brackets: "des renforts du département et d'autres communes (Nantes, …)"
    r"\b(?:collègues|renforts?)\b[^().;]{0,50}\(|"
    r"(?:collègues|renforts?|police|gendarmerie|compagnie|brigade|office|direction|sûreté|juge|procureur|cour|tribunal|"
    r"chu|hôpital|centre hospitalier|clinique|préfet|"
    r"préfecture|commissariat|court|maire|mairie|compagnie de gendarmerie|section (?:de recherches?|aérienne)|\bsr|"
    r"antenne|"
    # and the squadrons and platoons sent in ("les pelotons et escadrons de Pamiers")
    r"groupe|groupement|cellule|jirs|juridiction|service|unité|srpj|dipj|pj|ofast|gir|bri|psig|division|escadrons?|"
    r"pelotons?|détachement)"
    # the institution's own words, not a place it went to: "la police dans une maison de Darvoy" names a house there
    r"(?:(?!\s(?:dans|sur|chez|devant|près|lors)\s)[\w\s'’-]){0,45}?(?:\s\([^)]{1,12}\))?\s(?:de|d'|d’|du)|"
    # a unit's acronym in brackets: "la DCOS (ex-PJ) de Toulouse"
    r"\((?!\d)[^)]{2,40}\)\s(?:de|d'|d’|du))\s*"
    r"(?:[\w'’-]+(?: [\w'’-]+)?\s*(?:,|\bet\b|\bou\b)\s*(?:de |d['’]|du |des )?)?$"
)
# the officers of a town: "les policiers de Creil", "les gendarmes de Saint-Laurent-du-Maroni" act in their own town
# most of the time, but where the clause names another place ("ont intercepté au péage de Saint-Arnoult"), that one;
# and their unit: a customs office, an anti-crime brigade, a gendarmerie ("la douane de Pau", "la BAC de Creil", "la
# gendarmerie des Andelys")
UNIT_BEFORE = (
    r"\b(?:policiers|gendarmes|gendarmerie|douaniers|douanes?|bac|militaires|enquêteurs|équipe|brigade|compagnie|"
    r"peloton|escadron|groupement|motards|maîtres-chiens|cynophile)(?: [\w'’-]+){0,2}? (?:de |d'|d’|du |des )$"
)
# the seat of a town's own institutions: "l'enquête ouverte par le parquet d'Auch", "le maire de Perpignan",
# "le commissariat central de Perpignan" (ArticlePlaces.seat); not a unit that covers a wider area (PJ, SR, gendarmerie)
SEAT_BEFORE = r"\b(?:parquet|tribunal|commissariat|maire|mairie)(?: [\w'’-]+){0,2}? (?:de |d'|d’|du )$"
# a commune after a street of it: "la rue de la Briotte à Cancon" (a village of the only name: far_small_village lifted,
# as for the town a headline opens on)
ADDRESS_BEFORE = (
    r"\b(?:rue|avenue|boulevard|route|chemin|impasse|allée|place|quai|lieu-dit|hameau)\b[^,.;:()]{1,40}?\bà\s+$"
)
# acronyms that name part of a town, not a unit: "la ZUP de Planoise"
ZONE_ACRONYMS = {"ZUP", "ZAC", "ZI", "ZA", "ZUS", "ZFU", "ZSP", "ZRU", "QPV", "QRR", "HLM"}
# acronyms of a railway, not a unit: "la gare RER du Mée-sur-Seine" is the station of that town, in it
STATION_ACRONYMS = {"RER", "SNCF", "TER", "TGV", "RATP"}
# a unit's acronym and the list of its towns, the name read last: "les PSPG de Flamanville et de "
ACRONYM_LIST = (
    r"\b([A-Z]{2,6})s? (?:de |d['’]|du )[\w'’-]+(?: [\w'’-]+)?\s*(?:,|\bet\b|\bou\b)\s*(?:de |d['’]|du |des )?$"
)


def unit_acronym(word: str, before: str) -> bool:
    """Is `word` the acronym of a police or gendarmerie unit ("PSPG", "GIGN") whose town is no event's place? Not a
    zone ("la ZUP de …"), nor the anti-crime brigade, whose town is the officers' town (UNIT_BEFORE: "la BAC de
    Creil")."""
    head = word.rstrip("s")
    return (
        word.isupper()
        and 2 <= len(head) <= 6
        and head not in ZONE_ACRONYMS
        and head not in STATION_ACRONYMS
        and not re.search(UNIT_BEFORE, f"{before}{word.lower()} de ")
    )


# between two names of one origin: "venu de la Duchère, à Lyon", "venue de Nantes, des quartiers de Bellevue et des
# Dervallières"
ORIGIN_GOES_ON = (
    r"(?:,\s*(?:à|en)\s+|(?:,\s*|\s+et\s+|\s+ou\s+)(?:(?:et\s+)?(?:notamment|en particulier|surtout)\s+)?"
    r"(?:(?:des|du|de la|de l['’]|de|d['’])\s*)?"
    r"(?:(?:quartiers?|cités?)\s+(?:de la |de l['’]|de |d['’]|du |des )?)?)(?:l['’]|la |le |les )?"
)
# a name right after these words is a place near the town, not in it (geo_precision 2)
NEAR_BEFORE = (
    r"(?:\bprès|\bproche|\bnon loin|\bà proximité|\baux abords|\baux portes|\bdans les environs|\ben périphérie|"
    r"\bà (?:la )?hauteur|\baux environs|\bdu côté|\baire (?:de repos|d['’]autoroute|de service)|"
    # "au nord-ouest de Tours", "à l'est de Quimper" (not "dans le nord de Marseille", part of the town)
    r"\bau niveau|\bau (?:nord|sud)(?:-(?:est|ouest))?|\bà l['’](?:est|ouest)|"
    # the land or the sea around a town: "autour de la commune d'Issoudun", "les alentours d'Issoudun", "dans le
    # secteur de Guérande", "au large du Croisic" (not "les secteurs de …", each the town of its operation)
    r"\bautour|\balentours|\b(?:dans|sur) le secteur|\bau large)\s+"
    # and the list it heads: "arrêtés près de Tarbes et Bordeaux"
    r"(?:de la (?:commune|ville) )?(?:de |d['’]|du )(?:[\w'’-]+\s*(?:,|\bet\b)\s*(?:de |d['’]|du )?)?$"
)
# a name placed by the words right after it: "à Plerneuf, près de Saint-Brieuc", "la Vauvert, dans le nord de Toulon",
# "Saint-Jean (au nord de Toulouse)" (ArticlePlaces._located_after)
LOCATED_AFTER = (
    r"^\s*[,(]\s*(?:tout |juste )?(?:près|non loin|à proximité|à côté|aux portes|aux abords|"
    r"au (?:nord|sud)(?:-(?:est|ouest))?|à l['’](?:est|ouest)|"
    r"dans (?:le |l['’])(?:nord|sud|est|ouest)(?:-(?:est|ouest))?)"
    r"\s+(?:de la (?:commune|ville) )?(?:de |d['’]|du )"
    r"(?P<town>[A-ZÉÈÎ][\w'’-]+(?:[- ](?:de |du |des |la |le |sur |en |l['’])?[A-ZÉÈÎ][\w'’-]+)*)"
)
# an airport or a port, by its name or its town's: "l'aéroport Félix-Éboué de Cayenne", "le port de Jarry",
# "à l'aéroport" (rules/sites.toml says which commune it is in)
SITE = (  # and a tunnel by what it passes under: "le tunnel sous la Manche"
    r"\b(?P<kind>[aA][ée]roport|[aA]érogare|[pP]ort|[tT]unnel)\b"
    r"(?: international| maritime| autonome| de commerce| routier)?"
    r"(?: (?:sous (?:la |le |l['’]))?(?P<name>[A-ZÉÈÎ][\w'’-]+(?:[- ][A-ZÉÈÎ][\w'’-]+)*))?"
    r"(?: (?:de |d['’]|du )(?P<town>[A-ZÉÈÎ][\w'’-]+(?: [–-] [A-ZÉÈÎ][\w'’-]+)?))?"  # "de Paris – Orly"
)
# a name right after these words is an area around the town (geo_precision 3, commune null): "l'agglomération de
# Grenoble", "le bassin de Lens", "la banlieue de Lyon"
AREA_BEFORE = (
    r"(?:\bagglomération|\baire urbaine|\baire|\bbassin|\bmétropole|\bbanlieue|\bcommunauté d['’]agglomération|\bgolfe|"
    r"\brégion|\bcommunauté urbaine|\bcommunauté de communes|\bpays|"
    # a lagoon or a lake named after a town is no town, but the communes around it: "autour de l'étang de Berre" is
    # not Berre-l'Étang (a bay is its town's: "dans la baie du Marin")
    r"\bétang|\blac)\s+(?:de |d['’]|du )$"
)
# the words of a trade's reach before an area, not where anything happened: "un trafic alimentant l'agglomération
# voisine", "qui approvisionnait la métropole", "un réseau sévissant dans le bassin"
TRADE_REACH = r"\b(?:aliment|approvisionn|inond|sévi(?:ss|t))\w*\s+(?:[\w'’-]+\s+){0,3}$"
# how a demonym ends: "annécien", "montalbanaise", "chambériens"
DEMONYM_END = r"(?:ien|ienne|ois|oise|ais|aise|ain|aine|in|ine|on|onne)s?$"
# several events of one kind counted over an area: "sept fusillades", "une série de règlements de comptes" (not
# "plusieurs coups de feu", the shots of one)
SERIES = (
    r"\b(?:une (?:série|vague|succession)|plusieurs|(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|\d+)) (?:de )?"
    r"(?:fusillades|règlements de comptes|homicides|narchomicides|meurtres|assassinats|saisies|opérations)\b"
)
# the words of an area that open a capitalised name: "le Pays de Montbéliard", "Golfe de Saint-Tropez : …"
AREA_HEADS = {"pays", "golfe", "bassin", "agglomeration"}
# the same said with the town's demonym: "l'agglomération grenobloise", "l'aire toulonnaise"
AREA_WORDS = r"agglomération|aire|métropole|banlieue|bassin|région"
# a capitalised name at the text's head or after a space, a bracket or an apostrophe; the capital comes first and
# what precedes it is looked behind (not preceded by another character), so that re skips ahead to the capitals
NAME = (
    r"([A-ZÉÈÀÂÎÔ](?<![^\s('’].)[\w'’-]*(?:[- ](?:d['’]|de |du |des |la |le |les |sur |"
    r"sous |en |lès |l['’])?[A-ZÉÈÀÂÎÔ][\w'’-]*)*)"
)


class Geography(list):
    """The départements of an article (a list, as the place rules always took), with its main towns."""

    def __init__(self, departements, towns=()):
        super().__init__(dict.fromkeys(departements))
        self.towns: tuple[str, ...] = tuple(dict.fromkeys(towns))


@dataclass
class Mention:
    """A capitalised name in a text: the name (leading stop words removed), its words, where it starts."""

    surface: str
    words: list[str]
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.surface)


@dataclass
class Candidate:
    """One reading of a mention: a commune, or the town of a district; its score and the terms that make it."""

    code: str
    departement: str | None
    kind: str  # commune, commune (misspelt), neighbourhood (curated), district (QPV or said so), presumed district
    terms: dict[str, float] = field(default_factory=dict)
    veto: str | None = None

    @property
    def score(self) -> float:
        return sum(self.terms.values())


@dataclass
class Choice:
    """What a mention resolves to: a place (or None, and why), its rank among a clause's places (0 a district,
    1 after a locative, 2 another commune, 3 near a town), and every candidate scored."""

    place: Place | None
    rank: int | None = None
    why: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    origin: bool = False


# a person's home, where an arrest may happen but no story is: "chez sa compagne à", "à son domicile de", "chez lui à"
HOME_BEFORE = (
    r"\b(?:chez (?:lui|elle|eux|sa|son|ses|leur|leurs|un|une|des)\b(?: [\w'’-]+){0,2}|"
    r"(?:à |dans )?(?:son|sa|leur|leurs) (?:domicile|appartement|logement|maison)) (?:à |au |aux |de |d['’]|du )$"
)
PARTICLES = {"de", "des", "du", "d", "la", "le", "les", "l"}  # a name's little words (without_particles)
RECALLED_DAYS = 92  # an event that ended this long before the article is background, not where its news is


def without_particles(key: str) -> str:
    """A name key without its little words ("val des ormeaux" → "val ormeaux"): one district's spellings."""
    return " ".join(w for w in key.split() if w not in PARTICLES) or key


def is_district(place: Place) -> bool:
    """Was this place named as a district (curated, official, said so by the article, or presumed)?"""
    return place.why is not None and not place.why.kind.startswith("commune")


def is_locality(place: Place) -> bool:
    """An unnamed locality near a town ("un petit village proche de X"), which "dans le même secteur" goes back to; a
    motorway, a road or the sea off a town is none."""
    return place.precision == 2 and bool(re.search(LOCALITY, place.text, re.I))


def across(departements, said: str, start: int) -> Place:
    """One operation across several communes, or over an area (`said` at `start`): geo_precision 3, in the
    département of `departements` when they are one, else none."""
    deps = set(departements)
    dep = deps.pop() if len(deps) == 1 else None
    return Place(None, dep, said, start, 3, why=Candidate("", dep, "commune (several)"))


def after_origin(text: str, at: int) -> bool:
    """Does a list at `at` follow words of origin or home ("domiciliés à …", "venus de …": ORIGIN), no place?"""
    return bool(re.search(ORIGIN, text[max(0, at - 60) : at + 2].lower()))


def at_home(place: Place, said_in: str) -> bool:
    """Is this place a person's home ("chez sa compagne à Saint-Raphaël", "à son domicile de Fréjus")?"""
    return bool(re.search(HOME_BEFORE, said_in[max(0, place.start - 40) : max(place.start, 0)], re.I))


def carries_over(place: Place, said_in: str = "", when=None, ref=None) -> bool:
    """May the next events with no place of their own be here? Not at a bare "l'aéroport" (ArticlePlaces.sites), nor
    over a list of communes ("à Lorient, Lanester et Hennebont": one operation's, not the article's setting), nor at
    a person's home where one of them was found (`said_in`, the text the place was read in: "arrêté chez sa compagne
    à Saint-Raphaël"), nor where an event told as background happened ("déjà", and `when`, its interval, more than
    RECALLED_DAYS before the article's date `ref`: "L'été dernier, déjà, une culture avait été découverte à
    Malemort" does not move the story there; "En septembre dernier, à Mandelieu, …" told as the story does)."""
    if place.why is not None and place.why.kind in ("commune (bare site)", "commune (several)"):
        return False
    if said_in and at_home(place, said_in):
        return False
    old = when and ref and when[1] and (ref - when[1]).days > RECALLED_DAYS
    return not (old and re.search(r"\bdéjà\b", said_in, re.I))


def main_towns(title_places, dateline_place, mentions, district_towns) -> list[str]:
    """The towns an article is about, best first (see the module docstring). `mentions` are the communes of every
    place mention of the article, in order."""
    towns = [p.code for p in title_places if p.code]
    if dateline_place is not None and dateline_place.code:
        towns.append(dateline_place.code)
    towns += district_towns
    counts = Counter(c for c in mentions if c)
    if counts:
        top, n = counts.most_common(1)[0]
        if n >= 2:
            towns.append(top)
    return list(dict.fromkeys(towns))


def without_agency_line(text: str) -> str:
    """The text without an agency's filing line at its head."""
    m = re.match(AGENCY_LINE, text)
    return text[m.end() :] if m else text


def dateline(text: str) -> str | None:
    """The town of a dateline at the head of the text ("NÎMES (AFP) – …", "Valence – …"), if any."""
    m = re.match(DATELINE, text)
    return m.group(1).strip() if m else None


def surfaces(text: str):
    """Capitalised names of a text, leading stop words removed."""
    for m in re.finditer(NAME, text):
        words = m.group(1).strip("'’- ").split()
        while words and name_key(words[0]) in STOP_WORDS:
            words = words[1:]
        if words:
            yield Mention(" ".join(words), words, m.start() + m.group(1).find(words[0]))


class ArticlePlaces(Geography):
    """The place resolver of one article: its named départements (the list), its main towns, and the départements
    its names point to (`names`: each name's key → the départements of its communes, when they are few)."""

    def __init__(
        self,
        gaz: Gazetteer,
        departements,
        towns=(),
        names: dict[str, set[str]] | None = None,
        anchor: str | None = None,
        districts: dict[str, str] | None = None,
    ):
        super().__init__(departements, towns)
        self.gaz = gaz
        self.names = names or {}
        self.anchor = anchor  # the town the headline opens with ("Agen : …")
        self.districts = districts or {}  # names the article calls districts → their town
        # and by their words alone: "le Val des Ormeaux" said again as "le Val d'Ormeaux"
        self.districts_by_words = {without_particles(k): town for k, town in self.districts.items()}
        self.text = ""  # the article's title and text, once read
        self.said_deps: set[str] = set()  # the départements the article names in words (Gazetteer.departements_in)
        self.abroad_text = ""  # the article, where a foreign city's country may be named (_exonym)
        self._place_deps: set[str] | None = None
        self._named_communes: dict[str, Place] | None = None  # communes named as places (_said_within)
        self._towns_named: set[str] | None = None  # communes named as places, with no introduction too (vague)
        self._memo: dict[tuple[str, str], Choice] = {}
        # names a mention placed for sure (the département said with it, the town after it) → that commune: the same
        # name said again in the article is that commune ("dans le Puy-de-Dôme, à Coudes" … "interpellé à Coudes")
        self._settled: dict[str, Candidate] = {}
        self._district_towns: dict[str, str | None] = {}  # presumed districts → their town (_district_town)
        self.presumed: dict[str, str] = {}  # names read as presumed districts somewhere in the article → their town
        self._seat: list[Place] | None = None  # the town of the article's institutions, if it names no other (seat)

    @property
    def place_deps(self) -> set[str]:
        """The départements of the communes the article names as places (read when first asked)."""
        if self._place_deps is None:
            self._place_deps = {p.departement for _, _, p in self.mentions(self.text) if p.code}
        return self._place_deps

    # ---------------------------------------------------------------------------------------------- the article
    @classmethod
    def read(cls, gaz: Gazetteer, title: str, text: str) -> ArticlePlaces:
        """The article's main towns and départements, from one reading of all its place names."""
        whole = f"{title}\n{text}"
        named = gaz.departements_in(whole)
        plain = cls(gaz, named, (), cls._support(gaz, whole))
        head = re.match(HEADLINE_TOWN, title or "")
        opening = [p for p in plain.places(head.group(0)) if p.code] if head and len(head.group(1).split()) <= 5 else []
        if head and not opening:
            opening = cls._demonym_headline(gaz, head.group(1), whole)  # "Choletais : …" in an article naming Cholet
        anchor = opening[0].code if opening else None
        if anchor:  # the headline's other names read in its town: "Châteauroux : à Saint-Jean et Beaulieu"
            # every town the headline opens with is one of the article's ("Tarbes et Agen : …"), no district of another
            heads = [p for _, _, p in plain.mentions(head.group(1)) if p.code and not is_district(p)]
            heads = list({p.code: p for p in [opening[0], *heads]}.values())
            deps = [*named, *(gaz.info.get(p.code, (None, 0))[0] for p in heads)]
            headline = cls(gaz, deps, tuple(p.code for p in heads), plain.names, anchor)
            title_places = [*heads, *headline.places(title)]
        else:
            title_places = plain.places(title) if title else []
        line = dateline(text)
        resolved = gaz.resolve(line, plain) if line else None
        at_dateline = Place(resolved[0], resolved[1], line) if resolved else None
        # the names read again with the headline's and the dateline's towns as main towns, so that a district of
        # another town ("France 3 Bourgogne") does not make that town one
        early = [p.code for p in title_places if p.code] + ([at_dateline.code] if at_dateline else [])
        early_deps = [*named, *(d for t in early if (d := gaz.info.get(t, (None, 0))[0]))]
        named_districts = cls._named_districts(cls(gaz, early_deps, early, plain.names), whole)
        said = [t for t in named_districts.values() if t]  # towns whose districts are named with them
        first = cls(gaz, early_deps, [*early, *said], plain.names, anchor, named_districts)
        first.abroad_text, first.said_deps = whole, set(named)
        mentions = first.mentions(whole)
        districts = said + [p.code for rank, _, p in mentions if rank == 0 and p.why.kind != "presumed district"]
        named_towns = {p.code for rank, _, p in mentions if rank <= 1}
        # a district of the official list is of a main town, else of the one town having it that the article names
        # at all, else of its only town in a named département (places.Gazetteer.district_of)
        said = functools.cache(lambda: {r[0] for m in surfaces(whole) if (r := gaz.resolve(m.surface, named))})
        districts += [t for m in surfaces(whole) if (t := gaz.district_of(m.surface, named_towns, said, named))]
        # a town named as one end of a route or of an area ("un va-et-vient entre Paris et la Réunion",
        # "des voyages entre la Réunion et Paris") is not a town the article is about, however often it is named so
        routes = [m.span(1) for m in re.finditer(BETWEEN, whole)]
        about = [p.code for rank, at, p in mentions if rank <= 2 and not any(a <= at < b for a, b in routes)]
        towns = main_towns(title_places, at_dateline, about, districts)
        # the départements of the main towns, and of towns of some size named after "à", count as named
        deps = [gaz.info.get(t, (None, 0))[0] for t in towns]
        deps += [p.departement for r, _, p in mentions if r == 1 and gaz.info.get(p.code, (0, 0))[1] >= 10_000]
        deps = [*named, *(d for d in deps if d)]
        # a district named without its town is one of the headline's town, else of the first main town
        default = anchor or (towns[0] if towns else None)
        districts = {k: t or default for k, t in named_districts.items() if t or default}
        out = cls(gaz, deps, towns, plain.names, anchor, districts)
        out.presumed = {
            name_key(p.text): p.code for _, _, p in mentions if p.why.kind == "presumed district" and p.code
        }
        out.text = whole
        out.abroad_text, out.said_deps = whole, set(named)
        return out

    @staticmethod
    def _demonym_headline(gaz: Gazetteer, said: str, whole: str) -> list[Place]:
        """A headline that opens with a demonym ("Choletais : …", "Montalbanais : …"): the town of 10,000 people or
        more the article names whose name the word opens like (min(5, its length - 1) letters) and ends like a
        demonym, when there is one such town."""
        word = name_key(said)
        if " " in word or not re.search(DEMONYM_END, word):
            return []
        found = {}
        for m in surfaces(whole):
            key = name_key(m.surface)
            for code, dep, population, kind in gaz.communes.get(key, ()):
                if (
                    kind == "commune"
                    and population >= 10_000
                    and len(os.path.commonprefix([key, word])) >= min(5, len(key) - 1)
                ):
                    found[code] = dep
        if len(found) != 1:
            return []
        code, dep = found.popitem()
        return [Place(code, dep, said, 0, 1)]

    @staticmethod
    def _named_districts(resolver: ArticlePlaces, whole: str) -> dict[str, str | None]:
        """Names the article calls districts ("le quartier d'Orgeval à Reims", "la cité Chambord", "à Talant, dans le
        quartier du Belvédère") → the town said with them (None when none is)."""
        out: dict[str, str | None] = {}
        for m in re.finditer(DISTRICT_INTRO, whole):
            key = name_key(m.group("name"))
            if m.group("of") and not m.group("town") and not m.group("head"):
                continue  # "un quartier d'Argentan" names the town
            if m.group("head") and (key in resolver.gaz.communes or resolver._not_a_district(m.group("name"))):
                continue  # "les quartiers nord de Marseille", "le quartier de la gare de Nîmes": the town
            if key in out or resolver.gaz.neighbourhood(m.group("name")):
                continue
            if key in resolver.gaz.departements:
                continue  # "une vingtaine de cités du Val-d'Oise": the département they are in, no district
            said = m.group("town") or next(
                iter(re.findall(TOWN_BEFORE, whole[max(0, m.start() - 60) : m.start()])), None
            )
            town = None
            if said:
                choice = resolver.resolve(Mention(said, said.split(), 2), "à " + said)
                town = choice.place.code if choice.place is not None else None
            if town is None:  # "La veille, à Cluses, … du quartier des Ewües": the town its sentence named before it
                town = ArticlePlaces._sentence_town(resolver, whole, m.start())
            if town is None:  # "… de la cité des Oliviers, dans le 13e arrondissement de Marseille": or right after it
                town = ArticlePlaces._town_after(resolver, whole, m.end())
            towns = set()
            if town is None:  # "les Champs-Montants à Audincourt" said elsewhere, then "le quartier des Champs
                towns = ArticlePlaces._towns_said_with(resolver, whole, m.group("name"))  # Montants" alone
                town = next(iter(towns)) if len(towns) == 1 else None
            if town is None and not towns:  # "La commune voisine de Huningue … les policiers y avaient démantelé
                town = ArticlePlaces._paragraph_town(resolver, whole, m.start())  # un point … de la cité du Rhin"
            out[key] = town
        return out

    @staticmethod
    def _towns_said_with(resolver: ArticlePlaces, whole: str, name: str) -> set[str]:
        """The communes the article names right after this district elsewhere ("Les Buis à Valentigney, les
        Champs-Montants à Audincourt", then "un bar du quartier des Champs Montants"), hyphens and spaces alike: its
        town when the article says one town with it, none of them when it says two."""
        words = [re.escape(w) for w in re.split(r"[- ]+", name) if w]
        said = re.findall(rf"\b{'[- ]'.join(words)},? à ({TOWN_NAME})", whole)
        return {place.code for place in map(resolver.commune_at, said) if place is not None}

    @staticmethod
    def _sentence_town(resolver: ArticlePlaces, whole: str, at: int) -> str | None:
        """The commune named last before `at` in its sentence ("Vienne (Isère) : trafic … au quartier de
        l'Isle", "À Mantes-la-Jolie, dans le quartier du Val Fourré"), origins and institutions left out, and so are
        the seats of officers' units ("épaulés par la BAC de Clamecy, les policiers ont investi la cité X": a unit
        come from elsewhere)."""
        start = max(whole.rfind(stop, 0, at) for stop in (". ", "! ", "? ", "\n")) + 1
        sentence = whole[start:at]
        for mention in reversed(list(surfaces(sentence))):
            choice = resolver.resolve(mention, sentence)
            if choice.place is not None and choice.place.code and choice.rank != 4:  # rank 4: an officers' town
                return choice.place.code
        return None

    @staticmethod
    def _town_after(resolver: ArticlePlaces, whole: str, at: int) -> str | None:
        """The commune its sentence names first after `at`, within TOWN_AFTER characters ("la cité des Oliviers
        mardi soir dans le 13e arrondissement de Marseille"), origins and institutions left out."""
        ends = [i for stop in (". ", "! ", "? ", "\n") if (i := whole.find(stop, at)) >= 0]
        rest = whole[at : min([*ends, at + TOWN_AFTER])]
        named = [p.code for _, _, p in resolver.mentions(rest) if p.code and p.precision == 1]
        return named[0] if named else None

    @staticmethod
    def _paragraph_town(resolver: ArticlePlaces, whole: str, at: int) -> str | None:
        """The commune named last in the sentences of its paragraph before `at` (a district named alone in a
        sentence that names no town is of the town its paragraph is about), origins, institutions and officers'
        towns left out (_sentence_town)."""
        start = whole.rfind("\n", 0, at) + 1
        named = [p.code for r, _, p in resolver.mentions(whole[start:at]) if p.code and p.precision == 1 and r != 4]
        return named[-1] if named else None

    @staticmethod
    def _support(gaz: Gazetteer, text: str) -> dict[str, set[str]]:
        """For each name of the text, the départements its communes are in, when it names few ("Saint-Benoît":
        01, 04, 11, 86, 974…, too many; "Saint-Denis": 11, 93, 974): name key → départements."""
        out: dict[str, set[str]] = {}
        for m in surfaces(text):
            key = name_key(m.surface)
            if key in out:
                continue
            deps = {d for _, d, p in gaz.candidates(m.surface) if p >= 1000}
            if 0 < len(deps) <= OTHER_TOWNS_SPECIFIC:
                out[key] = deps
        return out

    def main_place(self, title: str, text: str) -> Place | None:
        """The place of the headline, else of the first 400 characters: where events with no place of their own are."""
        for part in (title, text[:LEAD]):
            places = [p for p in self.places(part) if not (p.why and p.why.kind == "commune (bare site)")]
            pays = self.pays(part)  # "un trafic démantelé dans le Boulonnais", named before any town
            if pays is not None and (not places or pays.start < places[0].start):
                return pays
            # "Trafic de stupéfiants en Corse : 14 interpellations", naming no département ("Occitanie : … dans le
            # Lot" is the Lot's)
            region = self.region_place(part) if not self.gaz.departements_in(part) else None
            if region is not None and (not places or region[0].start < places[0].start):
                return region[0]
            if places:
                if part is title and places[0].code is None and places[0].precision == 2:
                    # "basé dans une petite commune proche de Cholet": the commune the article names, not near Cholet
                    own = self._main_town_near(text, places[0])
                    if own is not None:
                        return own
                if part is title and places[0].code and places[0].precision == 1:
                    # "Annecy : …" over a lead that tells it "dans le bassin annécien": the area the headline named by
                    # its town
                    area = self._area_of(text[:LEAD], places[0].code)
                    if area is not None:
                        return area
                return places[0]
        return None

    def _main_town_near(self, text: str, near: Place) -> Place | None:
        """A main town of the article in the département of a headline's place near another town ("une petite
        commune proche de Cholet", then "la commune du May-sur-Evre"), as the text names it; none if the only main
        town is the one it is near."""
        beside = near.why.code if near.why is not None else None
        for rank, start, place in self.mentions(text):
            if place.code == beside or place.departement != near.departement:
                continue
            if place.code in self.towns:
                return place if place.precision == 1 else None
            if (  # "Près de Rouen, deux guetteurs arrêtés" over a lead "rue des Lilas à Petit-Quevilly"
                start < LEAD
                and rank == 1
                and place.precision == 1
                and beside is not None
                and self.gaz.near_towns(place.code, [beside], AREA_TOWN_KM)
            ):
                return place
        return None

    def _area_of(self, text: str, town: str) -> Place | None:
        """The area around `town` a text names ("l'agglomération de Rouen", "le bassin annécien"), if any."""
        for rank, _, place in self.mentions(text):
            if rank == 3 and place.precision == 3 and place.why is not None and place.why.code == town:
                return place
        dep = self.gaz.info.get(town, (None, 0))[0]
        for place in self._periphrasis(text):
            if (
                place.precision == 3
                and place.code is None
                and place.departement == dep
                and re.search(AREA_WORDS, place.text)
            ):
                return place
        return None

    def _said_near(self, place: Place) -> Place:
        """A headline "saisis près d'Angers" while the article says where: "à Avrillé, une commune proche d'Angers":
        that commune, not an unnamed place near the big town."""
        if place.precision != 2 or place.code is not None:
            return place
        for m in re.finditer(SAID_NEAR, self.text):
            if name_key(m.group("near")) not in name_key(place.text):
                continue
            said = self.commune_at(m.group("town"))
            if said is not None:
                return replace(said, start=place.start)
        for m in re.finditer(IN_COMMUNE, self.text):  # "près de Rivière-Pilote" … "dans la commune de Rivière-Pilote"
            if not name_key(place.text).endswith(" " + name_key(m.group("town"))):
                continue
            said = self.commune_at(m.group("town"))
            if said is not None:
                return replace(said, start=place.start)
        return place

    def _said_within(self, place: Place, town: str | None, said: str = "") -> Place:
        """An area around a town ("l'agglomération de Rouen", "la banlieue de Mulhouse", "l'agglomération
        grenobloise") while the article names one commune of that area as a place ("à Saint-Étienne-du-Rouvray",
        "à Kingersheim"): that commune, where the article tells it (places.Gazetteer.only_one_in_area). Not when the
        text the area is `said` in counts several events there ("Sept fusillades … dans l'agglomération grenobloise":
        a toll over the area, of which the commune named elsewhere saw one, SERIES)."""
        if place.precision != 3 or place.code is not None or town is None or not self.text:
            return place
        if said and re.search(SERIES, said, re.I):
            return place
        if self._named_communes is None:  # read once, when first asked
            self._named_communes = {
                p.code: p
                for rank, _, p in self.mentions(self.text)
                if rank <= 1 and p.code and p.precision == 1 and p.why is not None and p.why.kind == "commune"
            }
        inside = self.gaz.only_one_in_area(town, self._named_communes)
        return place if inside is None else replace(self._named_communes[inside], start=place.start)

    def towns_named(self) -> set[str]:
        """The communes the article names as places, districts left out (read once, when first asked)."""
        if self._towns_named is None and self.text:
            self._towns_named = {
                p.code for r, _, p in self.mentions(self.text) if r <= 2 and p.code and not is_district(p)
            }
        return self._towns_named or set()

    def seat(self) -> Place | None:
        """The one commune an article that names no commune as a place names as the seat of its town's institutions
        (SEAT_BEFORE: "Deux hommes interpellés … l'enquête ouverte par le parquet d'Auch", "le commissariat de
        Perpignan"): where its events told with no place at all happened. None when the article names a town as a
        place, or the seats of two towns (read once, when first asked)."""
        if self._seat is None:
            seats: dict[str, Place] = {}
            if self.text and not self.towns and not self.towns_named():
                for m in surfaces(self.text):
                    if re.search(SEAT_BEFORE, self.text[max(0, m.start - 60) : m.start], re.I):
                        place = self.commune_at(m.surface)
                        if place is not None:
                            seats.setdefault(place.code, replace(place, start=0))
            self._seat = list(seats.values()) if len(seats) == 1 else []
        return self._seat[0] if self._seat else None

    def commune_at(self, name: str) -> Place | None:
        """The commune a name says when read after "à" (geo_precision 1), or None: a town listed or said with a
        district or near another."""
        choice = self.resolve(Mention(name, name.split(), 2), "à " + name)
        if choice.place is not None and choice.place.code and choice.place.precision == 1:
            return choice.place
        return None

    # ---------------------------------------------------------------------------------------------- a mention
    def resolve(self, mention: Mention, text: str) -> Choice:
        """Score every candidate of a mention in its text (the words before it say how it is introduced) and choose
        (module docstring: the introductions, the scoring and the vetoes). Remembered for the article: a name and the
        words before it are read once, however many times its sentence is read."""
        before = text[max(0, mention.start - 60) : mention.start]
        pays = self._pays(mention, before, text[mention.end : mention.end + 30])
        if pays is not None:
            return pays
        area = bool(prefilter.match(AREA_AFTER, text[mention.end : mention.end + 30]))
        # "Sampans : un coup de feu …": a headline that opens on its town names a place, not a word
        opens = re.match(r"\s*", text).end() == mention.start
        headline = opens and bool(re.match(r"\s*[:–—|]", text[mention.end : mention.end + 8]))
        located = self._located_after(text[mention.end : mention.end + 80])
        said_dep = self._departement_said(before, text[mention.end : mention.end + 40])
        memo = (mention.surface, before, area, headline, located, said_dep)
        if memo not in self._memo:
            said = Mention(mention.surface, mention.words, len(before))
            self._memo[memo] = self._settle(self._resolve(said, before, area, headline, located, said_dep), said)
        chosen = self._memo[memo]
        if chosen.place is None:
            return chosen
        around = prefilter.match(AROUND_AFTER, text[mention.end : mention.end + 60])
        if around and chosen.place.code and chosen.place.precision == 1 and chosen.rank in (1, 2):
            # "des perquisitions à Louviers et aux alentours", "à Cholet et dans ses environs": the town and the
            # communes around it, an area of its département (geo_precision 3), as "l'agglomération de X" is
            said = text[mention.start : mention.end + around.end()]
            named = self.gaz.departements_in(around.group(0))
            dep = chosen.place.departement if set(named) <= {chosen.place.departement} else None
            place = Place(None, dep, said, mention.start, 3, why=chosen.place.why)
            return replace(chosen, place=place, rank=3, why="area")
        return replace(chosen, place=replace(chosen.place, start=mention.start))

    def _pays(self, mention: Mention, before: str, after: str) -> Choice | None:
        """A pays (rules/sites.toml [[area]]: "le Saumurois", "le Pays de Caux", "le Pays basque", an island of several
        communes), several communes of its département, geo_precision 3: not a misspelt town ("Valenciennes"), a
        district of the article's town, nor the commune in its name (Caux, Hérault); only where it is said as a place
        ("dans le", "du", "en", "à" as for an island: "à Marie-Galante", or opening a headline), not of persons ("Ces
        Sénonais âgés de vingt ans", "Le Choletais, âgé de 30 ans")."""
        key = name_key(mention.surface)
        more = re.match(r"\s+([a-zé]+)\b", after)  # "Pays basque": the name goes on in lower case
        said = f"{mention.surface} {more.group(1)}" if more else mention.surface
        if more and name_key(said) in AREAS:
            key = name_key(said)
        else:
            said = mention.surface
        if key not in AREAS or (key in self.gaz.communes and len(mention.words) == 1):
            return None
        said_as_place = r"(?:^\s*|(?:\b(?:dans|du|de|des|au|aux|en|sur|vers)|(?<!\w)à)\s+(?:le |la |les |l['’])?)$"
        if not re.search(said_as_place, before, re.I):
            return None  # "Ces Sénonais âgés de vingt ans", "Un Sablais", "des clients de tout le Forez"
        why = Candidate(None, AREAS[key], "pays")
        return Choice(Place(None, AREAS[key], said, mention.start, 3, why=why), 3, "area", [why])

    def _settle(self, chosen: Choice, mention: Mention) -> Choice:
        """One sense per article: a name placed for sure once (departement_said, located_after) is that commune when
        it is said again, though its district or far-village reading would otherwise win there."""
        key = name_key(mention.surface)
        why = chosen.place.why if chosen.place is not None else None
        if why is not None and why.code and {"departement_said", "located_after"} & set(why.terms):
            self._settled.setdefault(key, why)
            return chosen
        sure = self._settled.get(key)
        if sure is None or (chosen.place is not None and chosen.place.code == sure.code):
            return chosen
        if chosen.origin or chosen.why.startswith(("abroad", "an outlet")):
            return chosen  # "le centre hospitalier de Valence": an institution's town, no place
        if chosen.place is not None and getattr(why, "kind", "") != "presumed district":
            return chosen  # another place the words say (a district of a town, a main town, an area): not overruled
        place = Place(sure.code, sure.departement, mention.surface, mention.start, 1, why=sure)
        return Choice(place, chosen.rank if chosen.rank in (1, 2) else 2, "settled", chosen.candidates)

    def _said_with_article(self, options: list) -> list:
        """The communes of a name said after "de" with no article: not those whose name has one (La Garde is said
        "de La Garde")."""
        return [o for o in options if not self.gaz.article.get(o[0])]

    def _departement_said(self, before: str, after: str) -> str | None:
        """The département named right before a name ("dans le Puy-de-Dôme, à Coudes") or right after it ("à Coudes
        (Puy-de-Dôme)", "à Coudes, dans le Puy-de-Dôme"): the commune of that name there is meant, however small."""
        m = re.search(DEPARTEMENT_BEFORE, before) or re.match(DEPARTEMENT_AFTER, after)
        return self.gaz.departements.get(name_key(m.group("name"))) if m else None

    def _resolve(
        self,
        mention: Mention,
        text: str,
        area: bool = False,
        headline: bool = False,
        located: tuple = (),
        said_dep: str | None = None,
    ) -> Choice:
        gaz, towns = self.gaz, self.towns
        before = text[max(0, mention.start - 60) : mention.start].lower()
        if re.search(ORIGIN, plain(before)):  # "le parquet d’Angers" as "le parquet d'Angers"
            return Choice(None, why="origin, home or institution", origin=True)
        listed_unit = re.search(ACRONYM_LIST, text[max(0, mention.start - 60) : mention.start])
        if listed_unit and unit_acronym(listed_unit.group(1), before):  # "les PSPG de Flamanville et de Penly"
            return Choice(None, why="origin, home or institution", origin=True)
        if name_key(mention.surface) in FOREIGN:
            return Choice(None, why="abroad")
        if OUTLET.search(text[max(0, mention.start - 12) : mention.start] + mention.surface):
            return Choice(None, why="an outlet")
        if self._exonym(mention.surface):
            return Choice(None, why="abroad (a foreign city's French name, in an article about that country)")
        surface, words = mention.surface, mention.words
        if len(words) > 2 and name_key(words[0]) in AREA_HEADS and words[1] in ("de", "du"):
            # "le Pays de Montbéliard", "Golfe de Saint-Tropez : …": the area around the town (AREA_BEFORE), not it
            head = " ".join(words[:2]) + " "
            return self._resolve(Mention(" ".join(words[2:]), words[2:], mention.start + len(head)), text + head, area)
        # "A Saint-Laurent, …": a capital à often loses its accent at the head of a sentence
        locative = bool(
            re.search(LOCATIVE, before) or re.search(CAPITAL_A, text[max(0, mention.start - 60) : mention.start])
        )
        candidates: list[Candidate] = []
        # "la BTA de M'zouazia": a unit named by its acronym and its town, whose last word is no district (a village of
        # that name is the unit's seat, not where anything happened)
        seat = len(words) > 2 and words[-2] in ("de", "du", "des") and unit_acronym(words[0], before)
        curated = gaz.neighbourhood(surface) or (gaz.neighbourhood(words[-1]) if len(words) > 1 and not seat else None)
        key = name_key(surface)
        # a region's or a département's name is that area, whatever estate bears it ("en Bourgogne", not the
        # Bourgogne estate of Tourcoing), unless the article calls it a quartier ("le quartier de la Bourgogne")
        region = self._area_name(key) and not re.search(DISTRICT_WORD, before)
        if region:
            curated = None
        if not curated and locative:
            # an airport or a port said by its own name alone ("à Gillot", "au Raizet") in an article about its
            # département (rules/sites.toml): the commune it lies in, as a neighbourhood of it
            site = next((x for x in SITES if name_key(surface) in x.names), None)
            # (wherever the article is when the name is the site's alone: "à Paris-Orly", no commune's name)
            own = site is not None and "-" in surface and not gaz.candidates(surface)
            if own:
                why = Candidate(site.commune, gaz.info.get(site.commune, (None, 0))[0], "commune (site)")
                return Choice(Place(why.code, why.departement, surface, mention.start, 1, why=why), 1, "site", [why])
            if site is not None and gaz.info.get(site.commune, (None, 0))[0] in self:
                curated = site.commune
        if curated:
            c = Candidate(curated, gaz.info.get(curated, (None, 0))[0], "neighbourhood")
            c.terms["neighbourhood"] = WEIGHTS["neighbourhood"]
            if re.search(DISTRICT_WORD, before):
                c.terms["district_word"] = WEIGHTS["district_word"]
            candidates.append(c)
        official = not region and (
            gaz.district_of(surface, towns)
            or self.districts.get(name_key(surface))
            or self.districts_by_words.get(without_particles(name_key(surface)))
        )
        if official and official != curated:
            candidates.append(Candidate(official, gaz.info.get(official, (None, 0))[0], "district"))
        part_of_town = bool(prefilter.search(PART_OF_TOWN, before))
        options = gaz.candidates(surface, locative, tuple(self))
        if key in gaz.departements and key != "paris" and not re.search(r"(?<![\w'’])à\s+$", before):
            # "en Corrèze", "Doubs : …": the département, not its homonymous commune (Corrèze, Doubs); "à Mayenne" is
            options = [o for o in options if o[1] != gaz.departements[key]]
        elif key in gaz.departements and not options and towns:
            # "à Vienne" in an article about Lyon: the town of that name near a main town, though its own
            # département (Isère) is not named
            options = [
                (code, dep, pop)
                for code, dep, pop, kind in gaz.communes.get(key, ())
                if kind == "commune" and pop >= 10_000 and gaz.near_towns(code, towns, AREA_KM)
            ]
        if key not in gaz.communes and key in AREAS:
            options = []  # "dans le Valenciennois": a pays (rules/sites.toml [[area]]), no misspelt "Valenciennes"
        if re.search(r"(?<![\w'’])de\s+$", before) and not re.match(r"(?:les?|la|l['’])\b", surface, re.I):
            options = self._said_with_article(options)  # "la pointe de Garde" is not La Garde
        communes = self._communes(options, key)
        if key not in gaz.communes:  # a misspelling, found by the fuzzy search: weaker evidence
            for c in communes:
                c.kind = "commune (misspelt)"
        said_with = re.search(r"(?<![\w'’])(les|le|la|l['’])\s*$", before)  # "dans les Mauges": an article of its own
        short = [
            o
            for o in gaz.short_names(surface, said_with.group(1) if said_with else None)
            if o[0] not in {c.code for c in communes}
        ]
        # "à Cherbourg" (Cherbourg-en-Cotentin) is that town wherever the article is: the only town of some size
        # its name opens, and no commune's, département's or region's own name
        sole = len(short) == 1 and not options and key not in gaz.communes and not self._not_a_district(surface)
        for c in self._communes(short, key):  # "à Brive", "à La Seyne": a town by its first word(s)
            c.kind = "commune (sole short name)" if sole else "commune (short name)"
            communes.append(c)
        if not short and re.search(TOLL, before) and not any(o[1] in self for o in options):
            # "au péage de Gallargues": a toll is named after its commune, whatever its size, by its first word(s);
            # "au péage de Saint-Arnoult, dans les Yvelines" is no Saint-Arnoult of another département
            named = gaz.short_names(surface, least=0) or gaz.first_of_two(surface)
            tolls = [t for t in named if t[1] in self] or ([] if options else named)
            for c in self._communes(tolls if len(tolls) == 1 else [], key):
                c.kind = "commune (toll's short name)"
                communes.append(c)
        for c in candidates:
            self._score(c, key)
        for c in communes if located else []:
            if self.gaz.near_towns(c.code, located):
                c.terms["located_after"] = WEIGHTS["located_after"]
        for c in communes if said_dep else []:
            if c.departement == said_dep and c.kind == "commune":
                c.terms["departement_said"] = WEIGHTS["departement_said"]
        addressed = headline or bool(re.search(ADDRESS_BEFORE, before))
        toll = bool(re.search(TOLL, before))
        self._vetoes(candidates + communes, len(options), locative, part_of_town, addressed, located, toll)
        allowed = [c for c in candidates + communes if c.veto is None]
        if not allowed and len(words) > 1 and not candidates:
            # "au Jas de Bouffan" is a district, not the village of Jas: a longer name's first word counts as a town
            # only when it is one of some size or in the article's départements
            first = [o for o in gaz.candidates(words[0], False, tuple(self)) if o[1] in self or o[2] >= 10_000]
            first = [o for o in first if not self._longer_name_of_its_own(o[0], words, before, locative)]
            communes += self._communes(first, name_key(words[0]))
            self._vetoes(communes, len(first), locative, part_of_town)
            allowed = [c for c in communes if c.veto is None]
            surface = words[0] if allowed else surface
        if (
            not allowed
            and len(words) > 2
            and words[-2] in ("de", "du", "des")
            and not candidates
            and not re.search(ORIGIN, plain(before + " ".join(words[:-1]) + " ").lower())  # "le SRPJ de Nancy"
            and not unit_acronym(words[0], before)  # "les PSPG de Flamanville": a unit by its acronym
        ):
            # "le port de Degrad-des-Cannes de Rémire-Montjoly": the town after the place in it
            last = [o for o in gaz.candidates(words[-1], False, tuple(self)) if o[1] in self or o[2] >= 10_000]
            last = self._said_with_article(last) if words[-2] == "de" else last  # "Corps de Garde": no La Garde
            communes += self._communes(last, name_key(words[-1]))
            station = words[0] in STATION_ACRONYMS  # "la gare RER du Mée-sur-Seine": no street named after a town
            self._vetoes(communes, len(last), locative, part_of_town and not station)
            allowed = [c for c in communes if c.veto is None]
            surface = words[-1] if allowed else surface
        candidates += communes
        if (
            not allowed
            and self.anchor
            and not self._not_a_district(surface)
            and not area  # "dans les Hauts de l'île": part of the island, not a district of the town
            and (
                any(c.veto == "district_homonym" for c in communes)
                or (not communes and (locative or re.search(DISTRICT_WORD, before) or re.search(PART_WORD, before)))
            )
        ):
            # "Agen : … au Pin": in an article about a town, a name that is only a small or far commune elsewhere,
            # or no commune at all, is a district of that town
            c = Candidate(self.anchor, gaz.info.get(self.anchor, (None, 0))[0], "presumed district")
            self._score(c, key)
            candidates.append(c)
            allowed = [c]
        if (
            not allowed
            and not self.anchor
            and not communes
            and not self._not_a_district(surface)
            and not area
            and (locative or re.search(DISTRICT_WORD, before) or re.search(PART_WORD, before))
            and (town := self._district_town(surface))
        ):
            # "À Limoges, … le point de deal de Beaubreuil … blessé à Beaubreuil": in an article with no headline
            # town, a name unknown to the gazetteer after "à" or "quartier" is a district of the town named last
            # before its first mention in its paragraph, else of the first main town
            c = Candidate(town, gaz.info.get(town, (None, 0))[0], "presumed district")
            self._score(c, key)
            candidates.append(c)
            allowed = [c]
        if not allowed and not area and self.presumed.get(key):
            # "à Kerlann" then "une tour de Kerlann": a name the article told as a district elsewhere is that district
            c = Candidate(self.presumed[key], gaz.info.get(self.presumed[key], (None, 0))[0], "presumed district")
            self._score(c, key)
            candidates.append(c)
            allowed = [c]
        if not allowed:
            why = "; ".join(sorted({c.veto or "" for c in candidates})) or "no candidate"
            return Choice(None, why=why, candidates=candidates)
        best = max(allowed, key=lambda c: c.score)
        # "les policiers de la BAC de Pau", read as one name whose last word is the town: the unit's words before it
        head = (
            mention.surface[: -len(surface)] if surface != mention.surface and mention.surface.endswith(surface) else ""
        )
        # "au niveau du Leclerc de Savenay": near a site that is in the town, so in the town
        near = None if re.search(r"\s(?:de|du|d['’])\s*$", head) else re.search(NEAR_BEFORE, before)
        if not best.kind.startswith("commune") and not near:
            return Choice(
                Place(best.code, best.departement, mention.surface, mention.start, 1, why=best),
                0,
                best.kind,
                candidates,
            )
        wide = re.search(AREA_BEFORE, before)
        if wide:  # "l'agglomération de Grenoble": several communes around the town, its département only
            said = text[mention.start - len(before) + wide.start() : mention.start] + surface
            return Choice(Place(None, best.departement, said, mention.start, 3, why=best), 3, "area", candidates)
        if near:  # "près de Voiron", "dans le secteur de Hamouro" (a village of Bandrélé): near it, not in it
            said = text[mention.start - len(before) + near.start() : mention.start] + surface
            return Choice(Place(None, best.departement, said, mention.start, 2, why=best), 3, "near", candidates)
        unit = re.search(UNIT_BEFORE, before) or (head and re.search(UNIT_BEFORE, (before + head).lower()))
        return Choice(
            Place(best.code, best.departement, surface, mention.start, 1, why=best),
            4 if unit else 1 if locative else 2,
            "officers' town" if unit else "locative" if locative else "named",
            candidates,
        )

    def _exonym(self, surface: str) -> bool:
        """A French commune's name that is also the French name of a foreign city ("Valence" for Valencia) names the
        foreign city in an article that names its country and neither the commune as a main town (or near one) nor its
        département in words ("parti de Bosnie … jusqu'au sud de l'Espagne. C'est à Valence qu'il a chargé")."""
        country = EXONYMS.get(name_key(surface))
        if country is None or not re.search(rf"(?<![\w-]){country}(?![\w-])", self.abroad_text):
            return False
        codes = [c for c, _, _, _ in self.gaz.communes.get(name_key(surface), ())]
        # the commune is meant when it is a main town, near one ("à Valence" in an article about Romans), or in a
        # département the article names in words
        return not any(
            self.gaz.near_towns(c, self.towns) or self.gaz.info.get(c, (None, 0))[0] in self.said_deps for c in codes
        )

    def _district_town(self, surface: str) -> str | None:
        """The town of a presumed district in an article with no headline town: the commune named last before the
        district's first mention in its paragraph ("À Limoges, quatre hommes … le point de deal de Beaubreuil"),
        else the first main town; None before the article is read."""
        if not self.text:
            return None
        key = name_key(surface)
        if key not in self._district_towns:
            self._district_towns[key] = None  # a name read while looking for it is no district of itself
            at = self.text.find(surface)
            paragraph = self.text[self.text.rfind("\n", 0, max(at, 0)) + 1 : max(at, 0)]
            named = [p.code for _, _, p in self.mentions(paragraph) if p.code and p.precision == 1]
            self._district_towns[key] = named[-1] if named else (self.towns[0] if self.towns else None)
        return self._district_towns[key]

    def _located_after(self, after: str) -> tuple:
        """The communes of the town the words right after a name place it by ("à Plerneuf, près de Saint-Brieuc"): one
        of them within NEAR_KM makes the name that commune wherever the article is; none makes it a part of that
        town (_vetoes)."""
        m = re.match(LOCATED_AFTER, after)
        key = name_key(m.group("town")) if m else None
        if key is None or (key in self.gaz.departements and key != "paris"):
            return ()
        return tuple(code for code, _, _ in self.gaz.candidates(m.group("town")))

    def _longer_name_of_its_own(self, code: str, words: list[str], before: str, locative: bool) -> bool:
        """Whether a longer capitalised name is something else than the town its first word names, by the article the
        town's own name opens with: a town whose name has one (Le François, Le Creusot) is not meant by its bare word
        at the head of a longer name ("précise François Marchetti": a person), and a name said with an article the
        town's name lacks is no town of it ("à la Fontaine d'Ouche": a district, not Fontaine)."""
        own = self.gaz.article.get(code)
        said = re.search(r"(?<![\w'’])(les|le|la|l['’]|au|aux|du|des)\s*$", before.lower())
        contracted = {"au": "le", "du": "le", "aux": "les", "des": "les", "l’": "l'"}
        said_as = contracted.get(said.group(1), said.group(1)) if said else None
        if own and not said_as:
            return not locative
        return bool(said_as) and said_as != own

    def _area_name(self, key: str) -> bool:
        """Whether a name key is a département's or a region's, current or former."""
        return key in self.gaz.departements or key in self.gaz.regions or key in REGIONS

    def _not_a_district(self, surface: str) -> bool:
        """A département, a region, a pays, a road or an acronym is never a district of the headline's town ("dans
        l'Allier", "dans le Saumurois", "l'A9", "à l'AFP")."""
        key = name_key(surface)
        acronym = surface.isupper() and len(surface) <= 6  # "à l'AFP", "au GIR"
        # "au CHU de Montpellier", "à la BAC de Creil": an institution named by its acronym, then its town
        head = surface.split()[0]
        acronym = acronym or (head != surface and head.isupper() and len(head) <= 6)
        words = key.split()
        # "dans l'Ouest guyanais", "le Nord-Est", "le Grand Ouest": part of a territory
        compass = words[0] in COMPASS or (words[0] == "grand" and len(words) > 1 and words[1] in COMPASS)
        return (
            self._area_name(key)
            or (key in AREAS and key not in self.gaz.communes)
            or bool(re.match(ROAD, surface))
            or acronym
            or compass
        )

    def _communes(self, options, key: str) -> list[Candidate]:
        out = []
        for code, dep, population in options:
            c = Candidate(code, dep, "commune")
            c.terms["population"] = math.log10(population) if population > 0 else 0.0
            if code in self.towns:
                c.terms["main_town"] = WEIGHTS["main_town"]
            self._score(c, key)
            out.append(c)
        return out

    def _score(self, c: Candidate, key: str) -> None:
        """The terms every kind of candidate shares; `key` is the mention's own name, which does not support itself."""
        if not c.kind.startswith("commune") and c.code in self.towns:
            c.terms["district_of_main_town"] = WEIGHTS["district_of_main_town"]
        if c.departement in self:
            c.terms["departement_named"] = WEIGHTS["departement_named"]
        others = min(sum(1 for k, deps in self.names.items() if k != key and c.departement in deps), OTHER_TOWNS_MAX)
        if others:
            c.terms["other_towns"] = WEIGHTS["other_towns"] * others
        if self.gaz.near_towns(c.code, self.towns):
            c.terms["near_main_town"] = WEIGHTS["near_main_town"]

    def _vetoes(
        self,
        candidates: list[Candidate],
        homonyms: int,
        locative: bool,
        part_of_town: bool,
        addressed: bool = False,
        located: tuple = (),
        toll: bool = False,
    ) -> None:
        for c in candidates:
            population = self.gaz.info.get(c.code, (None, 0))[1]
            in_context = c.departement in self or "near_main_town" in c.terms or "main_town" in c.terms
            placed = "located_after" in c.terms or "departement_said" in c.terms
            if placed or toll and homonyms == 1 and c.kind == "commune":
                # "à Plerneuf, près de Saint-Brieuc": the village the article places; "au péage de Lançon-Provence": a
                # toll named after its commune (the only one of that name); wherever the article is
                continue
            if located and c.kind.startswith("commune") and population < BIG_TOWN and c.code not in located:
                c.veto = "far_from_the_town_after"  # "la Vauvert, dans le nord de Toulon": a part of Toulon
                continue
            if c.kind == "neighbourhood":
                # "le quartier de Bellevue" in an article headlined "Brest : …" is Brest's, not the Bellevue of Nantes
                if (self.towns or len(self)) and not in_context and ("district_word" not in c.terms or self.anchor):
                    c.veto = "far_neighbourhood"
            elif c.kind.startswith("commune"):
                near = "near_main_town" in c.terms
                sure = addressed and c.kind == "commune"  # its name after one of its streets, or heading the title
                if c.kind == "commune (short name)" and not in_context and "other_towns" not in c.terms:
                    c.veto = "far_short_name"  # "Villeneuve" says which town only where the article is
                elif part_of_town:
                    c.veto = "part_of_town"
                elif not locative and population < 2_000 and c.departement not in self and not sure:
                    c.veto = "a_word"  # "Placé en garde à vue", "Pas de blessé": a word before any district reading
                elif self.anchor and c.kind != "commune" and population < 10_000:
                    c.veto = "district_homonym"  # "à Bourtzwiller" in an article about Mulhouse is no misspelt village
                elif (
                    self.anchor
                    and "main_town" not in c.terms
                    and population < BIG_TOWN
                    and (
                        c.departement not in self
                        and not (near and population >= 2_000)
                        and not (population >= 10_000 and self.gaz.near_towns(c.code, self.towns, AREA_KM))
                        or c.departement in self
                        and population < 2_000
                        and not near
                    )
                ):
                    c.veto = "district_homonym"
                elif (
                    not in_context
                    and not (sure and homonyms == 1)
                    and c.kind != "commune (toll's short name)"  # a toll, named after its commune wherever it is
                    and c.terms.get("other_towns", 0) < OTHER_TOWNS_MAX * WEIGHTS["other_towns"]
                    and (population < 2000 and homonyms > 1 or len(self) and population < 10_000)
                ):
                    c.veto = "far_small_village"

    def sites(self, text: str) -> list[tuple[int, int, Place | None]]:
        """Airports and ports of a text that rules/sites.toml places, as (start, end, place): "l'aéroport Félix-Éboué
        de Cayenne" is in Matoury; one that goods were bound for has no place (None); a bare "l'aéroport" is the
        airport of a main town, else of the article's overseas département when it has one (module docstring)."""
        out = []
        for m in re.finditer(SITE, text):
            before = text[max(0, m.start() - 60) : m.start()].lower()
            if re.search(ORIGIN, plain(before)):
                # "à destination de l'aéroport de …", "en partance pour l'aéroport d'Orly": where the goods were
                # going, no place, and neither is the town in its name
                out.append((m.start(), m.end(), None))
                continue
            site = self._site(m.group("kind").lower().replace("é", "e"), m.group("name"), m.group("town"))
            if site is not None:
                dep = self.gaz.info.get(site.commune, (None, 0))[0]
                # a bare "l'aéroport" is where its own clause happened, never the article's main place
                kind = "commune (site)" if m.group("name") or m.group("town") else "commune (bare site)"
                why = Candidate(site.commune, dep, kind)
                out.append((m.start(), m.end(), Place(site.commune, dep, m.group(0), m.start(), 1, why=why)))
        return out

    def _site(self, kind: str, name: str | None, town: str | None):
        kind = kind if kind in ("port", "tunnel") else "airport"
        sites = [s for s in SITES if s.kind == kind]
        for key in [name_key(x) for x in (name, town, f"{name} {town}" if name and town else None) if x]:
            found = [s for s in sites if key in s.names]
            if found:
                return found[0]
        if town:
            found = [s for s in sites if s.town == name_key(town) and self._site_in_context(s)]
            return found[0] if found else None
        if name or kind != "airport":
            return None
        # a bare "l'aéroport": a main town's, else the only airport of the article's first overseas département
        for code in self.towns:
            found = [s for s in sites if s.town and any(h[0] == code for h in self.gaz.communes.get(s.town, ()))]
            if found:
                return found[0]
        overseas = [d for d in self if str(d).startswith("97")][:1]
        found = [s for s in sites if self.gaz.info.get(s.commune, (None, 0))[0] in overseas]
        return found[0] if len(found) == 1 else None

    def _site_in_context(self, site) -> bool:
        """An airport named after a town ("l'aéroport de Saint-Denis") is the one of the article's départements or
        main towns, when it names any."""
        dep = self.gaz.info.get(site.commune, (None, 0))[0]
        return not (self or self.towns) or dep in self or self.gaz.near_towns(site.commune, self.towns)

    def mentions(self, text: str) -> list[tuple[int, int, Place]]:
        """Every place mention of a text as (rank, position, place); an airport or a port rules/sites.toml places
        is one (rank 1), the names inside it are not read again."""
        sites = self.sites(text)
        scored = [(1, start, place) for start, _, place in sites if place is not None]
        origin_end = -1  # where the last origin ended: "venu de la Duchère, à Lyon" names one origin, "venue de
        # Nantes, des quartiers de Bellevue et des Dervallières" one too
        for mention in surfaces(text):
            if any(start <= mention.start < end for start, end, _ in sites):
                continue
            if origin_end >= 0 and re.fullmatch(ORIGIN_GOES_ON, text[origin_end : mention.start]):
                origin_end = mention.end
                continue
            choice = self.resolve(mention, text)
            if choice.origin:
                origin_end = mention.end
            if choice.place is not None:
                scored.append((choice.rank, mention.start, choice.place))
        return scored

    def places(self, text: str) -> list[Place]:
        """Places named as locations in a text, best first: districts, then communes after a locative preposition;
        an operation "entre" several communes is one place of geo_precision 3."""
        between = self.between(text) or self.listed(text)
        if between is not None:
            return [between]
        scored = self.mentions(text)
        if not scored:
            return self._periphrasis(text)
        officers = self._officers_listed(text)
        if officers is not None and all(place.code in officers[1] for _, _, place in scored):
            return [officers[0]]  # "les policiers de Vannes et Lorient ont interpellé neuf personnes"
        named = {place.code for rank, _, place in scored if rank == 1}
        if named:  # "le quartier des Moulins, à Nice": a curated or presumed district of another town gives way to the
            # town named; a district the article places in its town does not ("la fusillade d'Orgeval … à Épernay")
            scored = [x for x in scored if x[0] != 0 or x[2].code in named or x[2].why.kind == "district"]
        scored.sort(key=lambda x: (x[0], x[1]))
        best = scored[0][0]
        if best == 4 and VAGUE[0][0].search(text):
            return []  # "les douanes de Pau ont contrôlé un fourgon sur une aire de repos de l'A65": the road
        out, seen = [], set()
        for rank, _, place in scored:
            if place.code in seen:
                continue
            # several communes in one clause are several events only when each is a locative ("à X, mais aussi à Y")
            # ("dans le quartier des Couronneries, à Poitiers, … interpellés à Châtellerault": a district, then a town)
            if out and not (rank == 1 and best <= 1):
                break
            seen.add(place.code)
            out.append(self._said_within(self._said_near(place), place.why.code if place.why else None, text))
        return out

    def far_in_passing(self, place: Place) -> bool:
        """Is `place` a commune far (NEAR_KM) from every main town of an article that has one, with no other name of the
        article in its département: a town named in passing ("ex-joueur à Saint-Étienne", "comme à Marseille")?"""
        terms = place.why.terms if isinstance(place.why, Candidate) else {}
        near = {"main_town", "near_main_town", "district_of_main_town", "other_towns"}
        named_in_passing = place.code is not None and place.precision == 1 and bool(terms)
        return bool(self.towns) and named_in_passing and not near & set(terms)

    def _periphrasis(self, text: str) -> list[Place]:
        """ "la préfecture drômoise", "la cité rennaise", "l'appartement troyen": a town said by its demonym."""
        m = re.search(
            r"(?:la (?:préfecture|sous-préfecture|ville|cité|bastide|commune|métropole|banlieue|région)|"
            r"l['’](?:appartement|agglomération|aire)|le bassin) (\w+)",
            text,
        )
        if not m or re.search(TRADE_REACH, text[: m.start()]) or name_key(f"région {m.group(1)}") in REGIONS:
            return []  # "la région parisienne" is a region (rules/sites.toml [[region]]), not Paris
        code = self.gaz.demonym(m.group(1))
        dep = self.gaz.departement_adjective(m.group(1))
        if code is None and dep is None and re.search(AREA_WORDS, m.group(0)):
            code = self._demonym_of_named(m.group(1))  # "le bassin annécien" in an article naming Annecy
            if code is None and len(self.towns) == 1 and re.search(DEMONYM_END, name_key(m.group(1))):
                # "l'agglomération lédonienne" in an article about Lons-le-Saunier: a demonym no table knows nor the
                # town's name opens, the area around the article's one main town
                code = self.towns[0]
        if code and re.search(AREA_WORDS, m.group(0)):  # several communes around a town: its département only
            area = Place(None, self.gaz.info.get(code, (None, 0))[0], m.group(0), m.start(), 3)
            return [self._said_within(area, code, text)]
        if code:
            return [Place(code, self.gaz.info.get(code, (None, 0))[0], m.group(0), m.start(), 1)]
        if dep and not re.search(r"\b(?:la préfecture|métropole|banlieue)", m.group(0)):
            # "la sous-préfecture tarnaise", "la ville drômoise": the article's main town in that département, if
            # it has one (a sous-préfecture is not its département's chef-lieu)
            chef = self.gaz.chef_lieu.get(dep) if "sous-préfecture" in m.group(0) else None
            town = next((t for t in self.towns if self.gaz.info.get(t, (None, 0))[0] == dep and t != chef), None)
            return [Place(town, dep, m.group(0), m.start(), 1)] if town else []
        if dep and "préfecture" in m.group(0) and self.gaz.chef_lieu.get(dep):
            return [Place(self.gaz.chef_lieu[dep], dep, m.group(0), m.start(), 1)]
        return []

    def _demonym_of_named(self, adjective: str) -> str | None:
        """The town a demonym the curated table lacks is made from ("annécien": Annecy, "montalbanais": Montauban),
        among the article's main towns and the communes it names as places only: the adjective opens like the town's
        name (min(5, its length - 1) letters at least) and ends like a demonym."""
        word = name_key(adjective)
        if not re.search(DEMONYM_END, word):
            return None
        named = [p.code for r, _, p in self.mentions(self.text) if r <= 2 and p.code] if self.text else []
        found = set()
        for code in dict.fromkeys([*self.towns, *named]):
            key = self.gaz.key_of(code)
            if key and len(os.path.commonprefix([key, word])) >= min(5, len(key) - 1):
                found.add(code)
        return found.pop() if len(found) == 1 else None

    def between(self, text: str) -> Place | None:
        """ "entre Gièvres, Déols et Chabris": one operation across several communes (geo_precision 3, their common
        département or none)."""
        m = prefilter.search(BETWEEN, text)
        if not m:
            return None
        codes = {}
        listed = "à " + m.group(1)
        for mention in surfaces(listed):
            choice = self.resolve(mention, listed)
            if choice.place is not None and choice.place.code:
                codes[choice.place.code] = choice.place.departement
            elif choice.why == "area" and getattr(choice.place.why, "code", None):
                # "entre Lure, Héricourt et d'autres communes de la Haute-Saône": the last town with the communes
                # around it
                codes[choice.place.why.code] = choice.place.why.departement
        if len(codes) == 1:
            return self._route_to_area(m.group(1), m.group(0), m.start())
        if len(codes) < 2:
            return None
        return across(codes.values(), m.group(0), m.start())

    def _route_to_area(self, sides: str, said: str, start: int) -> Place | None:
        """ "un trafic entre Angoulême et le Sud-Charente", "entre Rouen et le Cotentin": a route from a town to an
        area (a pays, part of a département, a département), where the operation that cut it happened: the area
        (geo_precision 3, its département), not the town the goods came from."""
        side = re.split(r"\bet\b", sides)[-1].strip()
        area = self.pays(" " + side)
        dep = area.departement if area is not None else None
        if dep is None:
            dep = self.gaz.departements.get(name_key(re.sub(r"^(?:la |le |les |l['’])", "", side)))
        if dep is None:
            return None
        return across([dep], said, start)

    def listed(self, text: str) -> Place | None:
        """ "à Ajaccio, Bastia et Porto-Vecchio": one operation across three communes or more listed after one "à"
        (geo_precision 3, their common département or none); not a list of homes or courts ("domiciliés à …")."""
        m = re.search(LISTED, text)
        if not m:
            return self._premises_listed(text)
        if after_origin(text, m.start()):
            return None
        names = [re.sub(r" \(.*\)$", "", name) for name in re.split(rf",? (?:et|ou encore) |{LISTED_ON}", m.group(2))]
        names = [re.sub(r"^aux? ", lambda a: "Les " if a.group(0) == "aux " else "Le ", name) for name in names]
        names = [re.sub(rf"^(?:à )?{LISTED_OF}", "", name) for name in names]
        codes = {}
        for place in filter(None, map(self.commune_at, names)):
            codes[place.code] = place.departement
        if len(codes) < (3 if m.group("how") in ("à ", "À ") else 2) or len(codes) < len(names):
            return None
        return across(codes.values(), m.group(0), m.start())

    def _premises_listed(self, text: str) -> Place | None:
        """ "dans un hangar à Haguenau, une maison à Brumath et un garage à Saverne": one operation across three
        communes or more, each named with its premises (geo_precision 3, their common département or none)."""
        for m in re.finditer(PREMISES_LISTED, text):
            if after_origin(text, m.start()):
                continue  # "domiciliés dans un appartement à …"
            names = [re.sub(r" \(.*\)$", "", x) for x in re.findall(rf"{PREMISES_AT}({LISTED_ITEM})", m.group(0))]
            places = [p for p in map(self.commune_at, names) if p is not None]
            codes = {p.code: p.departement for p in places}
            if len(codes) >= 3 and len(places) == len(names):
                return across(codes.values(), m.group(0), m.start())
        return None

    def _officers_listed(self, text: str) -> tuple[Place, set[str]] | None:
        """ "les policiers de Vannes et Lorient", "les gendarmes de Bastia et de Borgo", in a text that names no other
        place: one operation across the officers' towns (geo_precision 3, their common département or none), and
        the codes of these towns; not when one of them is a main town of the article (the operation is there)."""
        m = re.search(OFFICERS_LISTED, text)
        if not m:
            return None
        names = [re.sub(r" \(.*\)$", "", name) for name in re.split(r",? et |, ", m.group(1))]
        names = [re.sub(rf"^{LISTED_OF}", "", name) for name in names]
        codes = {place.code: place.departement for place in filter(None, map(self.commune_at, names))}
        if len(codes) < 2 or len(codes) < len(names) or set(codes) & set(self.towns):
            return None  # "Les gendarmes de Strasbourg et Mulhouse" in an article about Mulhouse: its town's
        return across(codes.values(), m.group(1), m.start(1)), set(codes)

    def pays(self, text: str) -> Place | None:
        """A pays named as a place ("dans le Boulonnais", rules/sites.toml [[area]]): geo_precision 3, its
        département."""
        for m in re.finditer(PAYS, text):
            dep = AREAS.get(name_key(m.group("name"))) or AREAS.get(name_key(m.group("name").split()[0]))
            if (
                dep
                and re.match(r"l[e'’]", m.group(0), re.I)
                and (re.match(PAYS_PERSON, text[m.end() :]) or re.search(r"\w\s*$", text[: m.start()]))
            ):
                continue  # "le Choletais, âgé de 30 ans", "des clients de tout le Forez": no place
            if dep:
                return Place(None, dep, m.group(0), m.start(), 3)
        for m in re.finditer(SIDE_OF, text):
            # "dans le sud-Manche", "le Sud-Charente", "l'Ouest guyanais": part of a département
            said = m.group("name")
            dep = self.gaz.departements.get(name_key(said)) or self.gaz.departement_adjective(said)
            if dep:
                return Place(None, dep, m.group(0).strip(), m.start(), 3)
        return None

    def departements_together(self, text: str) -> Place | None:
        """Two départements named together as where something happened ("interpellés dans le Gard et dans
        l'Hérault", "un réseau démantelé entre la Drôme et l'Ardèche"): one operation across both,
        geo_precision 3 with no département, whatever town of one of them the article names."""
        for m in re.finditer(DEPARTEMENTS_TOGETHER, text):
            before = text[max(0, m.start() - 30) : m.start()]
            if re.search(ROUTE_BEFORE, before, re.I) or re.search(PERSON_AT, before, re.I):
                continue  # "acheminés en Savoie et en Isère", "domiciliés dans le Gard et l'Hérault"
            codes = {self.gaz.departements.get(name_key(m.group(k))) for k in ("first", "second")}
            if None not in codes and len(codes) == 2:
                return across(codes, m.group(0), m.start())
        return None

    def region_place(self, text: str) -> tuple[Place, tuple[str, ...]] | None:
        """A region named as where something happened ("en Bretagne", "dans la région Occitanie", rules/sites.toml
        [[region]]): geo_precision 3, with no département when it has several (README); and its départements."""
        headline = re.match(r"\s*(?P<name>[^:–—|]{3,40}?)\s*[:–—|]", text)  # "Bretagne : …"
        for m in [*re.finditer(REGION_PLACE, text), *([headline] if headline else [])]:
            before = text[max(0, m.start() - 30) : m.start()]
            if re.search(ROUTE_BEFORE, before, re.I) or re.search(PERSON_AT, before, re.I):
                continue  # "destinés à la Bretagne", "domicilié en Bretagne"
            words = m.group("name").split()
            for k in range(len(words), 0, -1):  # "la région Centre-Val de Loire", "en Bretagne et en Normandie"
                deps = REGIONS.get(name_key(" ".join(words[:k])))
                if deps:
                    said = text[m.start() : m.start("name")] + " ".join(words[:k])
                    return Place(None, deps[0] if len(deps) == 1 else None, said, m.start(), 3), deps
        return None

    def departement_place(self, text: str) -> Place | None:
        """A département or an island named as where something happened ("à Mayotte", "en Martinique", "dans
        l'Aube"): geo_precision 3."""
        for m in re.finditer(DEPARTEMENT_PLACE, text):
            code = self.gaz.departements.get(name_key(m.group("name")))
            if re.search(ROUTE_BEFORE, text[max(0, m.start() - 30) : m.start()], re.I):
                continue  # "40 kg de cannabis destinés à La Réunion": where the goods were going
            if re.search(PERSON_AT, text[max(0, m.start() - 30) : m.start()], re.I):
                continue  # "le chef du réseau était localisé dans les Alpes-Maritimes": where a person was
            town = re.search(NAME_BEFORE, text[max(0, m.start() - 90) : m.start()])
            if town and re.search(ORIGIN, plain(town.string[: town.start()].lower())):
                continue  # "un homme originaire de Troyes dans l'Aube": the département of a home or an origin
            if m.group("several") and re.search(TRADE_REACH, text[max(0, m.start() - 60) : m.start()]):
                continue  # "le réseau alimentait plusieurs communes des Ardennes": its market, no place
            if m.group("name").lower() in COMPASS and COMPASS_AFTER.match(text[m.end() :]):
                continue  # "dans le Nord de la Haute-Savoie": a side of another place, not the Nord
            if code and (not m.group("at") or code.startswith("97")):  # "à Vienne" is a town; "à Mayotte" an island
                return Place(None, code, m.group(0), m.start(), 3)
        return None

    def _rest_area(self, text: str) -> Place | None:
        """A motorway rest area named after its commune, capitalised or not ("sur l'aire d'autoroute d'aire sur
        l'Adour", "une aire de repos de Montélimar"): a place near that commune (geo_precision 2), its département."""
        m = re.match(REST_AREA, text, re.I)
        if m is None:
            return None
        words = m.group("words").split()
        prefixes = [" ".join(words[:k]).strip(",.;") for k in range(len(words), 0, -1)]
        # (the name looked up, the words said): "l'aire de repos de Beaune-Tailly" is named after two villages, the
        # first one's
        names = [(p, p) for p in prefixes] + [(words[0].split("-")[0], words[0].strip(",.;"))]
        for name, said in names:
            options = self.gaz.candidates(name) if name_key(name) in self.gaz.communes else []
            options = [o for o in options if o[1] in self or self.gaz.near_towns(o[0], self.towns)] or options
            if len(options) == 1:  # one commune of that name, or one in the article's setting
                return Place(None, options[0][1], text[: m.start("words")] + said, 0, 2)
        return None

    def vague(self, clause: str, last: Place | None) -> Place | None:
        """An unnamed locality (geo_precision 2) or an area (3) the clause names, in the département of the town it
        is near, else of the latest place, else of the article when it names one."""
        together = self.departements_together(clause)
        if together is not None:  # "dans le Gard et dans l'Hérault": over both
            return together
        for k, (pattern, precision) in enumerate(VAGUE):
            m = pattern.search(clause)
            if m and k == SEVERAL_PLACES and len(self.towns_named()) < 2:
                continue  # "de la drogue saisie dans plusieurs lieux" of the one town the article names
            if m:
                dep = None
                near = self.places(m.group(0))
                rest = self._rest_area(clause[m.start() :])
                if rest is not None and not near:
                    return replace(rest, start=m.start())
                if near:
                    dep = near[0].departement
                elif last is not None:
                    dep = last.departement
                elif len(self) == 1:
                    dep = self[0]
                named = self.gaz.departements_in(m.group(0))
                # a département named in the phrase, unless it is the town's own name ("à hauteur de Vienne", Isère)
                dep = named[0] if named and not near else dep
                if precision == 2 and named and not near and m.group(0).lower().startswith("au large"):
                    precision = 3  # "au large de la Martinique": at sea off a département, not near a town
                road = re.match(rf"(?:{ROAD_WORDS})", m.group(0), re.I)
                if road and not near and not named and (said := self.departement_place(clause)) is not None:
                    dep = said.departement  # "interpellés dans l'Ain sur l'A 40": the département of the clause
                if precision == 2 and road and not near and not re.search(r"\bhauteur\b", m.group(0)):
                    precision = 3  # "sur l'autoroute A31 en Haute-Marne": a road tied to no town, its département
                return Place(None, dep, m.group(0), m.start(), precision)
        pays = self.pays(clause)
        if pays is not None:
            return pays
        place = self.departement_place(clause)
        region = self.region_place(clause) if place is None else None
        if region is not None:
            place, deps = region
            if self.place_deps & set(deps) and (last is None or last.departement in deps):
                return None  # "en Corse" in an article that names Bastia: the town says more
            return place
        if (
            place is not None
            and place.departement in self.place_deps
            and not re.match(r"(?:cités|quartiers|communes)\b", place.text)
            and not re.match(SIDE_OF_PLACE, place.text)
            and (last is None or last.departement == place.departement)
        ):
            return None  # "en Martinique" in an article that names Le Vauclin: the town says more (not "des cités
            # du Val-d'Oise", several places of the département; nor a side of it, "dans l'est de la Haute-Marne", an
            # area the writer chose over its towns; nor after a place of another département: "dans l'agglomération
            # nancéienne" … "trois acheteurs arrêtés dans les Vosges" of an article that names Épinal)
        return place


def network_origins(gaz: Gazetteer, text: str) -> list[str]:
    """Cities the networks come from: demonyms ("réseaux lyonnais"), towns named after "venus de" and the list it
    heads ("venues de Vaulx-en-Velin et de Vénissieux", any size, départements left out), and big cities after "de"
    ("des équipes de Marseille")."""
    out = []
    for word in re.findall(r"[\wéèêàç'-]+", text):
        code = gaz.demonym(word)
        if code:
            out.append(code)
    names = r"[A-ZÉÈ][\w'’-]+"
    for m in re.finditer(
        rf"(?:(?:venu|arrivé|originaire|issu)(?:e|s|es)?|viennent) (?:de |d'|d’|du )(?:la |les |l'|l’)?"
        rf"({names}(?:(?:,| et| ou) (?:de |d'|d’|du )?(?:la |les |l'|l’)?{names})*)",
        text,
    ):
        for name in re.findall(names, m.group(1)):
            resolved = None if gaz.departements_in(name) else gaz.resolve(name, [])
            code = resolved[0] if resolved else gaz.neighbourhood(name)  # la Duchère → Lyon
            if code:
                out.append(code)
    for m in re.finditer(r"(?:de |d'|d’|depuis )([A-ZÉ][\w-]+)", text):
        resolved = gaz.resolve(m.group(1), [])
        if resolved and gaz.info.get(resolved[0], (None, 0))[1] > 100_000:
            out.append(resolved[0])
    return list(dict.fromkeys(out))

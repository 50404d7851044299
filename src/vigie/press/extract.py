"""Article text + publication date → events. Rules, not per-article fixes: trigger lexicons per event type,
exclusions for statistics, tallies, judicial steps, abroad and figurative language, places from the gazetteer,
dates resolved against the article date, and mentions of the same event merged."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from vigie.press import counting, dates, detector, linguistics, prefilter, quantities, recalls, rules, territory
from vigie.press.articles import MAX_CHARS, Article
from vigie.press.geography import (
    DISTRICT,
    LEAD,
    NEAR,
    SAME_DISTRICT,
    SAME_HOME,
    UNIT_BEFORE,
    ArticlePlaces,
    at_home,
    carries_over,
    is_district,
    is_locality,
    network_origins,
    without_agency_line,
)
from vigie.press.operations import (
    area_place,
    arrests_by_place,
    arrests_listed,
    dismantled_trade,
    fold_arrests,
    goods,
    label_area,
    listed_nearby,
    located,
    operation_area,
    residence,
    spread,
    spread_over,
    tallied,
    told_apart,
    without_tallies,
)
from vigie.press.places import ABROAD, FOREIGN_ROUTE, Gazetteer
from vigie.press.quantities import plain
from vigie.press.schema import Event

DRUG_CONTEXT = (
    r"drogue|stupéfiant|\bstups?\b|deal|narco|guetteur|charbonneur|\bchoufs?\b|nourrice|go-fast|point de vente|"
    r"trafi(?:c|quant)(?!s?(?: illicites?)? d(?:e |['’])(?:migrants?|armes?|êtres|voitures|véhicules|tabac))|"
    + "|".join(p for _, p in quantities.SUBSTANCES[:-1])
)  # and the words of rules/words.toml "trade.seller" (revendeur): `_drug_context`
# the drug trade's violence, but also the passeurs' or the grand banditisme's: it names the drug trade only in an
# article that names no other trade (rules/words.toml "trade.other"); a Kalachnikov alone names none
VIOLENCE_CUES = r"règlements? de comptes?"
EXCLUSIONS = rules.load_exclusions()  # named, in rules/exclusions.toml
# a sentence that tells no event: statistics, tallies, judicial steps, policy, fiction, unrelated violence
# (one compiled pattern per rule, tried in turn: faster than their alternation, whose branches re tries everywhere)
EXCLUDE = [prefilter.compile(p, re.I) for p in EXCLUSIONS.patterns("sentence")]  # each behind its words
# the arrest rules a stopped vehicle fires ("… voitures ont été arrêtées", "parviennent à arrêter le véhicule")
VEHICLE_ARRESTS = {"arrest.arrete", "arrest.est_arrete", "arrest.parvenu_a_interpeller"}
VEHICLES = (
    r"\b(?:voitures?|véhicules?|automobiles?|camion|fourgon|utilitaire|moto|scooter|bus|car|bateau|"
    r"embarcation|remorque)"
)
REOPENED = r"\b(?:a |avait |ont |avaient )?(?:rouvert|réapparu|s'est reconstitué|s'est réinstallé)"


BACK_REFERENCE = (
    r"\b(?:ces|cette|ce|les mêmes|les|ses|leurs?) (?:tirs|fusillades?|coups de feu|règlements? de comptes|"
    r"interpellations|arrestations|"
    r"faits|violences|menaces|saisies?|opérations?|coups? de filet)\b|"
    r"\b(?:l'|les )(?:interpellations?|arrestations?) (?:de ces|des mêmes)\b|"  # "l'interpellation de ces dealers"
    # persons already told of: "la femme interpellée résiderait à Lanester", "les trois hommes interpellés"
    r"\b(?:la|le|les|l'|ces) (?:(?!ont\b|a\b|avait\b|avaient\b|sont\b|été\b|était\b|sera\b|seront\b|fut\b|furent\b)"
    r"[\w-]+ ){1,3}"
    # and goods already told of: "le zamal saisi était cultivé dans les Hauts", "les quantités des drogues découvertes"
    # (not the noun: "la plus grosse saisie")
    r"(?:interpellée?s?|arrêtée?s?|saisis?|découverte?s)"
    r"\b(?! (?:par|à|au|en|dans|lors|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi))"
)
# a participle describing a point de deal names no event: "la fermeture d'un point de deal installé près de la gare",
# "les tirs visaient un point de vente de cannabis installé au pied d'une tour"
DESCRIBED_POINT = (
    r"(points? de (?:deal|vente)(?: (?!s'|se |a |avait |est |était |été |sont |ont )[\w']+){0,3}) "
    r"install(?:é|ée|és|ées)\b"
    r"(?= (?:dans|près|au|à|sur|en|devant|sous|depuis))"
)
# what a seizure must name: an amount of something, or drugs, arms or cash ("un système" is no amount)
SEIZED = (
    quantities.NUM + r"\s*(?:kg|kilos?\b|grammes?|g\b|tonnes?|pieds|plants?|euros|€|comprimés|cachets|doses|"
    r"sachets|armes?|pistolets?|fusils?)|\b(?:drogue|stupéfiant|arme|euros|kalachnikov|pieds|plantation|planque|"
    r"(?:marchandises?|produits?|substances?) illicites?)|"  # "Une cargaison de marchandises illicites a été saisie"
     + "|".join(p for _, p in quantities.SUBSTANCES)
)  # "\barme": not the "arme" of "gendarmes"; the trade named ("trafic de drogue") is no goods: operations.goods
# words that look like a trigger but deny it (rules/exclusions.toml, kind not_trigger); a negation, modality or tense
# said by the sentence's structure is the parse's (rules/qualifiers.toml, linguistics.py)
NOT_TRIGGERS = EXCLUSIONS.joined("not_trigger")
# the network of the story named again with its dismantling ("l'ampleur de l'organisation démantelée", "ce réseau,
# démantelé mardi"): in an article about a point de deal, no second point (the deal context's words)
TOLD_NETWORK = r"\b(?:l['’]|le |la |les |ce |cette |ces )(?:organisation|réseau|filière)s?,? (?:\w+ )?démantelée?s?\b"


HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})  # hyphen, non-breaking hyphen: a hyphen in a name

# an article whose headline (else its first sentence) says it is a round-up, a policy, a trial or an opinion piece: its
# figures and undated facts are no events unless one is told with a date of its own (the article-level gate)
GATE = EXCLUSIONS.joined("gate")  # rules/exclusions.toml, kind gate
LEAD_GATE = EXCLUSIONS.joined("lead_gate")  # kind lead_gate: statistics, policy, prevention, in headline or lead


def _lead(text: str) -> str:
    """The article's first sentence (its lead's claim), roughly: up to the first full stop."""
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0][:LEAD]


TOLL_ITEM = quantities.VALUES["toll_item"]  # "Arles (trois blessés le 18 avril)" (rules/values.toml)
# a sentence about persons already introduced ("Le conducteur …", "Les deux hommes …", "Il …")
DEFINITE = r"\s*(?:(?:Le|La|Les|Ce|Cet|Cette|Ces|Son|Sa|Ses|Leur|Leurs)\s|L['’]|(?:Il|Ils|Elle|Elles)\s)"


TOOK_PLACE = ("date.took_place", "date.unfolded", "place.held")  # rules/words.toml: where what was told took place
# a clause that opens by referring back to what was told: "Lors de ces affrontements", "Au cours de cette rixe"
THESE = r"\s*(?i:lors|au cours|pendant|durant) (?i:de ces|de cette|de cet|de ce|ces|cette|cet|ce)\b"


def _story_day(interval, ref: date) -> bool:
    """Is `interval` one day, not after the article? Told by a sentence that only dates what was told ("Les
    perquisitions ont eu lieu le mardi 4 mars", rules/words.toml date.took_place, date.unfolded), it is the
    story's day, the one a later "le lendemain" or "la veille" counts from (dates.resolve's anchor), whatever day an
    event of the article was told on before (the news of the day, "Ce vendredi, un réseau a été démantelé")."""
    return bool(interval) and interval[0] is not None and interval[0] == interval[1] <= ref


def _about_persons_told(sentence: str, ref: date) -> bool:
    """Does the sentence open on persons already introduced (DEFINITE)? A leading date phrase is skipped first: in
    "Ce mardi, trois acheteurs ont été interpellés" the demonstrative is the date's, and the persons are new; in
    "Le 2 mars, les deux hommes sont interpellés" they are not."""
    head, comma, rest = sentence.partition(",")
    if comma and len(head.split()) <= 6 and dates.resolve(head, ref):
        sentence = rest
    return re.match(DEFINITE, sentence) is not None


def _rejoin(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Sentences of a paragraph, with the recogniser's cuts inside a sentence undone: a piece that does not end
    with a sentence's punctuation goes on with the next ("Un go" | "-fast a été intercepté …"), and so does a piece
    followed by one that begins in lower case, or a piece ending with a semicolon: a list of finds cut at its
    semicolons ("3 kg de résine ; 800 grammes de cocaïne ; 400 grammes d'herbe") or at a stray full stop ("1,3 kg
    de résine. et 250 g d'herbe") is one sentence."""
    out: list[str] = []
    start = None
    for n, (begin, end) in enumerate(spans):
        start = begin if start is None else start
        piece = text[start:end].strip()
        last = end == spans[-1][1]
        goes_on = not last and (piece.endswith(";") or text[spans[n + 1][0] : spans[n + 1][0] + 1].islower())
        if piece and ((re.search(r"[.!?…»\"”:)]$", piece) and not goes_on) or last):
            out.append(piece)
            start = None
    return out


def measured_goods_only(clause: str) -> bool:
    """An arrest word whose clause weighs goods and counts no persons is a seizure told with a verb of arrest ("les
    douaniers ont appréhendé 12 kilos d'herbe"): the goods are what was taken."""
    measured = any(d.get("quantity") for d in quantities.drugs(clause)) or quantities.cash(clause)
    return bool(measured) and quantities.arrested(clause) is None


def _name_at(text: str, place) -> int:
    """Where a commune's own name is in `text` (-1 for no commune), where its mention may start earlier ("la BAC de
    Lyon" read as a locality of Lyon)."""
    return text.find(place.text, place.start) if place.code else -1


# a colon that opens the list of an operation's goods ("Le bilan est lourd : 800 grammes de cocaïne", "À l'intérieur :
# 2 kilos d'héroïne"): the list is the clause of its head, which the goods' triggers read (rules/triggers.toml
# seizure.bilan_liste, seizure.dans_le_coffre)
GOODS_COLON = re.compile(
    r"\b(?:bilan|détail|butin|filet|intérieur)\b[^.:;]{0,50}?\s:(?=\s+(?:[\w'’]+\s+){0,3}\d)", re.I
)


def _clauses(sentence: str) -> list[str]:
    """Clauses that may each report their own event ("… le mois dernier et de nouveaux coups de feu …")."""
    masked = GOODS_COLON.sub(lambda m: m.group(0)[:-1] + "\x00", sentence)  # one character for one
    parts = re.split(
        # not "à Vesoul et deux communes proches", one place (geography.AROUND_AFTER)
        r",? et (?!\w+ autres? (?:à|au|aux|en|dans)\b)(?!\w+ (?:\w+ )?(?:communes|villes|localités|villages)\b)"
        r"(?=de nouveaux|des |un |une |deux |trois |quatre |plusieurs )"
        r"(?!\w+ (?:\w+ )?(?:blessée?s?|morte?s?|tuée?s?)\b)|;\s+|\s+:\s+|"  # "un mort et deux blessés" is one toll
        r",? avant de (?=se |s')|"
        # "… blessé le 12 mai, et le lendemain un immeuble visé par des tirs": not "…, et la veille dans le quartier
        # des Fontbarlettes", the second place of one clause's two shootings (recalls.paired)
        r", et (?=(?:le lendemain|la veille) (?!dans|à|au|aux|sur|en|près|devant)\b)",
        masked,
    )
    return [p.replace("\x00", ":") for p in parts if p.strip()]


MAX_PARAGRAPH = 20_000


def _operation_of_a_day(types: list[str], when) -> bool:
    """Whether the clause tells a seizure on a day (an interval of three days at most): not a tally of a month or a
    year, nor a shooting, a point de deal or arrests (a lead's summary of the operation told below), whose place a
    later sentence is no evidence of. (The seizure must measure its drugs too: `_article`.)"""
    if types != ["seizure"] or not when or not when[0] or not when[1]:
        return False
    return (when[1] - when[0]).days <= 2


def _sentence_model():
    from vigie.press.pipeline import load_nlp

    return load_nlp()


LIST_ITEM = re.compile(r"[–—•·*-]\s")  # a paragraph that is an item of a list ("– 410 grammes de cocaïne,")


# a full stop glued to the next sentence ("… qu'en 2013.Dernièrement, dix personnes …"): the splitter needs the space
GLUED_STOP = re.compile(r"(?<=[a-zà-ÿ0-9])\.(?=[A-ZÀ-ÖØ-Ý][a-zà-ÿ]{2,})")


def _paragraphs(text: str) -> list[str]:
    text = GLUED_STOP.sub(". ", text[:MAX_CHARS])
    parts = [p.strip() for p in re.split(r"\n\s*\n|\n(?=[A-ZÀ-Ý«“])", text) if p.strip()]
    joined: list[str] = []
    listing = False  # the paragraph before is a list's introduction, or an item of it
    for part in parts:
        # the items of a list a paragraph introduces with a colon ("les enquêteurs ont mis la main sur :" ¶ "– 410
        # grammes de cocaïne," ¶ "– 1,3 kg de résine de cannabis,") continue its sentence: what was found is told with
        # the finding
        if joined and LIST_ITEM.match(part) and (listing or joined[-1].endswith(":")):
            joined[-1], listing = f"{joined[-1]} {part}", True
            continue
        joined.append(part)
        listing = False
    return [p[:MAX_PARAGRAPH] for p in joined]


# where the words naming a sentence's source may begin (Extractor._unattributed), and how long they may be
SOURCE_CUT = re.compile(r"[,»”\"]\s+")
SOURCE_TAIL = 150
# a town named after "de" (its article included: "de La Flèche") that the parse may attach to a noun of persons or of a
# unit (rules/words.toml: the persons' home, the unit's seat), not where the event happened (Extractor._affiliated)
HOME_OF = ("place.home_of_persons",)
# dates the parse attaches to another clock than the events': an announcement, an inquiry's opening
# (rules/words.toml; Extractor._own_clock)
OTHER_CLOCKS = (
    "date.clock_announced",
    "date.clock_announced_before",
    "date.clock_inquiry_opened",
    "date.clock_inquiry_started",
)
HOME_DE = r"(?:\bde|\bd['’]|\bdu)\s*(?:(?:la|le|les)\s+|l['’])?$"
# what a sentence that opens on a list of bare plural nouns (rules/words.toml violence.kinds_listed, which needs the
# morphologizer) looks like before any model runs: a first word in -s or -x and a comma within five words
KINDS_LISTED_CUE = r"\W*[\w'’-]+[sx](?:\s+[\w'’-]+){0,4}\s*,"


class Extractor:
    """One extractor per run: the gazetteer and the spaCy pipeline are loaded once."""

    def __init__(self, gazetteer: Gazetteer, nlp=None):
        self.gaz = gazetteer
        self.nlp = nlp
        self.ling = linguistics.Linguistics(nlp if nlp is not None else _sentence_model())  # lemmas, triggers, parse
        self.detector = detector.default()  # a learned sentence classifier, if rules/detector.json enables it

    def _split(self, paragraphs: list[str]) -> list[list[str]]:
        if self.nlp is None:
            return [[x.strip() for x in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«“])", p) if x.strip()] for p in paragraphs]
        return [
            _rejoin(doc.text, [(x.start_char, x.end_char) for x in doc.sents])
            for doc in self.nlp.pipe(paragraphs, batch_size=64)
        ]

    def extract_many(
        self, articles: list[Article], failed: Callable[[Article, Exception], None] | None = None
    ) -> list[list[Event]]:
        """Each article's events. With `failed`, an article whose extraction raises gets no events and is handed to
        `failed` with the error, and the batch goes on: one bad article must not cost a whole archive its events.
        Without it, the error is raised (tests and benchmarks want to see it)."""
        if failed is None:
            return self._many(articles, None)
        try:
            return self._many(articles, failed)
        except Exception as exc:  # a step the batch shares (the sentence splitter): again, one article at a time
            if len(articles) == 1:
                failed(articles[0], exc)
                return [[]]
            return [self.extract_many([a], failed)[0] for a in articles]

    def _many(self, given: list[Article], failed) -> list[list[Event]]:
        # the typographic hyphens some sites set in names ("Marie‑Galante", U+2011) are hyphens: else no name matches
        articles = [
            replace(a, title=a.title.translate(HYPHENS), text=without_agency_line(a.text.translate(HYPHENS)))
            for a in given
        ]
        self.gaz.forget()  # names are remembered within a batch only (benchmarks repeat the same batch)
        paragraphs = [_paragraphs(a.text) for a in articles]
        flat = [p for ps in paragraphs for p in ps]
        split = iter(self._split(flat))
        out = []
        for original, a, ps in zip(given, articles, paragraphs, strict=True):
            sentences = [next(split) for _ in ps]
            try:
                out.append(self._article(a, sentences))
            except Exception as exc:  # noqa: BLE001 - any bug on one article: reported by the caller, batch goes on
                if failed is None:
                    raise
                failed(original, exc)
                out.append([])
        return out

    def extract(self, article: Article) -> list[Event]:
        return self.extract_many([article])[0]

    def _excluded(self, text: str) -> bool:
        """Whether a sentence exclusion (rules/exclusions.toml, kind sentence) holds in `text`: its regular
        expressions (EXCLUDE) or its lemma patterns (linguistics)."""
        return any(p.search(text) for p in EXCLUDE) or self.ling.excluded(text) is not None

    def _drug_context(self, text: str, more: str = "") -> bool:
        """Whether a text names the drug trade (DRUG_CONTEXT, or `more`; then the lemma words of rules/words.toml),
        or its violence (VIOLENCE_CUES) with no other trade named."""
        if re.search(DRUG_CONTEXT + more, text, re.I) or self.ling.says("trade.seller", text):
            return True
        return bool(re.search(VIOLENCE_CUES, text, re.I)) and not self.ling.says("trade.other", text)

    # ------------------------------------------------------------------------------------------------------
    def _article(self, article: Article, paragraphs: list[list[str]]) -> list[Event]:
        self.ling.forget()  # clauses are remembered within an article only (benchmarks repeat the same articles)
        quantities.forget()  # and so are the value rules' answers
        whole = f"{article.title}\n{article.text}"
        if not self._drug_context(whole) or len(article.text.strip()) < 40:
            return []
        deps = self._geography(article, self.gaz.departements_in(whole))
        last_place = main_place = self._main_place(article, deps)
        area = operation_area(article.title, article.text[:LEAD], self.gaz.departements_in)
        label = label_area(article.text, self.gaz.departements_in)  # "Vendée" ¶ …: the article's label line
        events: list[Event] = []
        last_date = None
        story_day = None  # the day a sentence that only dates what was told gave (_story_day)
        district = None  # the place of the latest event told with its district
        headline_deal = territory.headline_point(article.title, self.ling)  # "un point de deal démantelé"
        spreads, separate = [], []  # operations told over several communes, communes told apart (operations.spread)
        named_before = []  # the latest place a sentence named, in any paragraph: where an operation's pieces began
        at, placed = -1, False  # the sentence's rank (_named_later); whether an event was placed before
        lead_in = []  # the town a paragraph ends on, telling no event: the scene of the next paragraph's first events
        told_last: list[Event] = []  # the events of the sentence just read
        home = None  # the home of persons an event was told at (geography.at_home): no scene, but "le domicile" after
        for sentences in paragraphs:
            first = len(events)  # the paragraph's own events start here
            paragraph_date = None
            placed_here = False  # whether a sentence of this paragraph gave the place the next ones carry over
            counted = None  # a sentence with no event before any operation of the paragraph (counting.counted_before)
            deal_context = headline_deal
            # the place named by the paragraph's latest sentence ("contrôlé un véhicule à X. Dans le coffre, ils ont
            # découvert …"): where the next event with no place of its own happened; first, the town the paragraph
            # before ended on (_lead_in), unless the paragraph is a subheading, which opens a section ("Plusieurs
            # saisies cet été sur la côte basque")
            heading = len(sentences) == 1 and not re.search(r"[.!?…»\"]\s*$", sentences[0])
            scene = [] if heading else lead_in
            carried_in, located_here = lead_in, []  # (a subheading naming no place keeps the lead-in; _lead_in)
            for k, sentence in enumerate(sentences):
                at += 1  # the sentence's rank in the article (_named_later)
                lead_in = []  # only the paragraph's last sentence leads into the next (a skipped one leads nowhere)
                before, counted = counted, None  # the sentence just before, when it told no event
                told_in = sentence  # the evidence of the sentence's events
                previous, told_last = told_last, []  # the events the sentence before told (_placed_after)
                bare = plain(sentence)
                own = recalls.without_record(bare)  # "un guetteur, qui sortait de prison, a été abattu"
                if own != bare and not self._excluded(own):
                    sentence = bare = own
                if self._excluded(bare):
                    recalled = recalls.told_after(bare)  # "la troisième fusillade, après celles du 3 …"
                    # "Après le coup de filet du 14 mai dans le quartier des Provinces, quatre hommes ont été condamnés"
                    recalled = recalled or recalls.background(bare, article.date)
                    if recalled is None or self._excluded(recalled):
                        # "… 380 kilos, 5 mises en examen"
                        counting.excluded_details(events[first:], sentence, events[-4:], article.date)
                        continue
                    sentence = recalled
                if prefilter.search(ABROAD, re.sub(FOREIGN_ROUTE, " ", sentence, flags=re.I), re.I):
                    # events abroad are not ours; details of ours may be there
                    if events:
                        counting.complete(events[-4:], events[first:], sentence, article.date)
                    continue
                sentence_places = self._places(sentence, deps)
                told_before, named_before = named_before, sentence_places[:1] or named_before
                over = spread(sentence, lambda text=sentence: self._mentions(text, deps), self.ling.lemmas, last_place)
                if over is not None:  # one operation told over several communes: its events are of all of them
                    # on the operation's dates, not the day it was announced ("Mardi, la gendarmerie a annoncé …")
                    told = self._own_clock(sentence, article.date)[0]
                    spreads.append((over, dates.resolve(told, article.date, last_date) or paragraph_date))
                elif len(sentence_places) > 1:  # "trois hommes à Lorient et trois autres à Lanester": told apart
                    separate.append(told_apart(sentence, sentence_places))
                produced = self._toll_list(sentence, deps, article.date)
                if produced:  # "Arles (trois blessés le 18 avril), Aix-en-Provence (quatre blessés le 20 avril)…"
                    events += produced
                    continue
                clauses = _clauses(sentence)
                sentence_anchor = last_date  # what the sentence's "la veille" counts from, whatever its clauses set
                counted_apart = False  # arrests counted place by place: no scene for what follows (operations)
                described = False  # a trigger the parse read as a description or a count: no detail either
                for clause in clauses:
                    text = plain(clause)
                    if not any(e.type == "shooting" for e in events + produced):
                        text = recalls.introduced(text)  # "les fusillades qui ont éclaté …", none told before
                    else:
                        text = recalls.without_shooting_told_again(text)  # "l'auteur des coups de feu", "le tir"
                    if not any(e.type == "seizure" for e in events + produced):
                        text = recalls.introduced_goods(text)  # "on ne connaît pas les volumes saisis", none before
                    text = recalls.followed(text)  # "cette saisie a été suivie d'une autre": another seizure
                    trigger_text = re.sub(BACK_REFERENCE + "|" + NOT_TRIGGERS, " ", text, flags=re.I)
                    trigger_text = re.sub(DESCRIBED_POINT, r"\1", trigger_text, flags=re.I)
                    types = self.ling.kinds(trigger_text)
                    described = described or self.ling.described(trigger_text)
                    learned = set()  # types the learned detector adds (detector.py); it may also veto the rules'
                    if self.detector is not None:
                        types, learned = self.detector.adjust(self.ling, text, types)
                    if (
                        deal_context
                        and re.search(
                            r"démant[eè]l|\bse reconstitu|s['’](?:est|était|sont|étaient) reconstitu|rouvert|"
                            r"se réinstall|fermé|\best apparu|s'est installé",
                            clause,
                            re.I,
                        )  # not "les enquêteurs ont reconstitué les rôles de chacun"
                        and not re.search(territory.OTHER_PREMISES, clause, re.I)  # "deux commerces …, un fermé"
                        and not re.search(TOLD_NETWORK, clause, re.I)  # "l'ampleur de l'organisation démantelée"
                    ):
                        types.append("dealing_point")
                    unnamed = "seizure" in types and not self._names_goods(goods(sentence))
                    listed = (  # a seizure told as a scene, naming no goods: they may be listed next to it, or after
                        # it when told by its noun on a day of its own ("La première saisie remonte au 1er décembre …")
                        listed_nearby(sentences, k, self.ling.triggers, self.ling.fired("seizure", trigger_text))
                        or recalls.dated_noun(
                            clause, self.ling.fired("seizure", trigger_text), article.date, article.text
                        )
                        if unnamed
                        else ""
                    )
                    around = listed or (  # "une seconde saisie", "suivie d'une autre": a seizure as the first
                        recalls.like_the_first(clause, events + produced) if "seizure" in types else ""
                    )
                    taken = "arrest" in types and measured_goods_only(trigger_text)  # (_refine: a seizure)
                    types = self._refine(list(dict.fromkeys(types)), trigger_text, sentence, around)
                    types = territory.refine(  # a network that settles, with no word of where it comes from
                        types, self.ling.fired("network_arrival", trigger_text), sentence, self.gaz.demonym
                    )
                    # "un trafic démantelé" is a point de deal's dismantling only in an article that names one
                    kept = territory.unnamed_point(types, self.ling.fired("dealing_point", trigger_text), whole)
                    # a date of another clock (the day it was announced, an inquiry opened) is no date of the
                    # clause's events (rules/words.toml date.clock_*): read without it, where an event is told
                    clocked, clocks = self._own_clock(clause, article.date) if types else (clause, [])
                    interval = dates.resolve(clocked, article.date, last_date)
                    from_story = story_day is not None and last_date == story_day  # counted from it, if relative
                    # … a network dismantled on a day of its own, then: an arrest (operations.dismantled_trade)
                    types = dismantled_trade(types, kept, bool(interval and interval[0]))
                    if interval and (interval[0] or types):  # a recent time told with an event ("Récemment, … à
                        paragraph_date = interval  # Bastia. Le même jour à Ajaccio, …"), not an older one before
                    if not types:
                        if interval and interval[0] and last_date and interval != dates.resolve(clause, article.date):
                            # "… tué ce lundi soir. Son corps a été découvert le lendemain matin." ¶ "La veille vers
                            # 20h20, les policiers sont intervenus pour un coup de feu": counted from the day told last
                            last_date = interval
                        elif _story_day(interval, article.date) and (
                            self.ling.says("date.took_place", text) or self.ling.says("date.unfolded", text)
                        ):
                            # "Les perquisitions ont eu lieu le mardi 4 mars" (the operation told again) ¶ "Le
                            # lendemain, un dixième suspect a été appréhendé": the day a sentence that dates what was
                            # told gives is the one "le lendemain", "la veille" count from, not the news of the day
                            last_date = story_day = interval
                        continue
                    vague = self._vague(clause, deps, last_place)
                    # (a list the clauses cut is the sentence's place: "… dans un hangar à X, une maison à Y" | "et un
                    # garage à Z")
                    listed_over = len(sentence_places) == 1 and sentence_places[0].precision == 3
                    listed_over = listed_over and sentence_places[0].text.split(",")[0] in clause
                    own_places = sentence_places if clause == sentence or listed_over else self._places(clause, deps)
                    places = own_places or sentence_places
                    said_in = clause if own_places else sentence
                    if types == ["arrest"] and places and all(residence(said_in, p, self.ling.lemmas) for p in places):
                        places = []  # "Trois jeunes hommes, dont un habitant de Lanester, …": a home, not the scene
                    # "deux jeunes de Vierzon", "les douaniers de Rennes", "les militaires de la compagnie de Mamers":
                    # the town of persons or of their unit (the parse), where they are from, not the event's place
                    homes = [p for p in places if self._affiliated(said_in, p)]
                    homed = [self._affiliated(said_in, homes[0])] if homes else []
                    places = [p for p in places if not any(p is h for h in homes)] if homes else places
                    if not places and {"intimidation", "shooting"} & set(types):  # "visant le commissariat d'Istres"
                        places = territory.target_places(clause, lambda t: self._places(t, deps))
                    named = places  # the places the clause or its sentence names (else one carried from before)
                    if not places and district and re.search(SAME_DISTRICT, clause, re.I):
                        places = [district]
                    if not places and home and re.search(SAME_HOME, clause, re.I):
                        places = [home]  # "… à son domicile de Fréjus" … "ils ont trouvé dans le domicile 300 plants"
                    seats = [h for h in homes if self._unit_before(said_in, h)]  # "les gendarmes de Noyon"
                    persons = [h for h in homes if not any(h is s for s in seats)]  # "deux jeunes de Vierzon"
                    if not places and seats and not (vague or scene or placed_here or last_place is main_place):
                        # "¶ Le 18 avril, les gendarmes de Noyon ont démantelé un point de deal": a new paragraph's
                        # operation by a town's unit, no place of its own: the unit's town, not the place an earlier
                        # paragraph's event was told at (the article's own town stays: "avec l'aide de la BAC de Lyon")
                        places, homed = seats, []
                    if not places:
                        places = [vague] if vague else (scene or ([last_place] if last_place else []))
                    if not places and area is None and set(types) <= {"seizure", "arrest"}:
                        # "un débarquement … à Saint-François." ¶ "L'intervention a abouti à des saisies de 239 kg"
                        places = told_before
                    if not places and persons:  # the persons' town, when the clause and the article name none better
                        places, homed = homes, []
                    if not places:  # an operation told with no town at all: "démantelé dans le Morbihan"
                        places = area_place(area, types, events + produced, clause, label)
                    if not places and seats:  # the officers' unit's town, when the article names no area either
                        places, homed = seats, []
                    if not places and (seat := deps.seat()) is not None and not tallied(clause):
                        # "… l'enquête ouverte par le parquet d'Auch": the one town the article names, as the
                        # seat of its institutions only (not in a tally: "162 opérations … le tribunal de Dijon")
                        places = [seat]
                    if vague and vague.precision == 2 and re.search(NEAR, vague.text):
                        places = [vague]  # "une maison isolée, près de Moissac": near the town, not in it
                    carried = places is not named and not (vague is not None and places == [vague])
                    own_when = interval or dates.resolve(
                        clocked if clause == sentence else self._own_clock(sentence, article.date)[0],
                        article.date,
                        last_date if clause == sentence else sentence_anchor,
                    )
                    when = own_when or paragraph_date
                    if when is None and story_day is not None and last_date == story_day and re.match(THESE, clause):
                        when = story_day  # "Lundi soir, la bagarre a dégénéré …" ¶ "Au cours de cette bagarre, un
                        # passant a reçu une balle": the day of what the sentence refers back to
                    borrowed = (
                        not (places or sentence_places or placed)
                        and _operation_of_a_day(types, when or last_date)
                        and (any(d.get("quantity") for d in quantities.drugs(clause)) or quantities.cash(clause))
                    )
                    placed = placed or bool(places)  # an event placed by the article's own words: none borrows after
                    if borrowed:
                        # an operation of a day told before any place, the article's first event: where the article
                        # names one later ("Lundi 20 mai, … 3,9 kilos ont été découverts." … "un trafic dans le quartier
                        # de Beauregard à Poissy"); no scene for what follows (the sentences before named none)
                        places = self._named_later(paragraphs, at, deps)
                    if when and when[0]:  # "la veille", "48 heures plus tard": counted from an event, not any date
                        last_date = when
                    reopened = prefilter.search(REOPENED, clause, re.I)
                    for kind in types:
                        if kind == "shooting" and recalls.heard_again(
                            clause, own_places, own_when, events + produced, self.ling
                        ):
                            continue  # "« On a entendu quatre ou cinq détonations »": the shooting told, heard
                        operations = [e for e in events + produced if e.type in ("seizure", "arrest")]
                        if (
                            kind == "arrest"
                            and operations
                            and _about_persons_told(sentence, article.date)
                            and all(residence(clause, p, self.ling.lemmas) for p in own_places)
                            # not "Le suspect avait été arrêté il y a trois ans": another time, another arrest;
                            # nor "La veille, un autre réseau avait été démantelé": another operation
                            and not counting.another_time(own_when, operations[-1])
                            and not recalls.another(clause, kind, sentence)
                        ):  # no place but where the persons live ("Son conducteur, domicilié à Pau, …")
                            # "Le conducteur a été interpellé puis déféré mercredi": the persons of the operation
                            # just told, not a new one
                            if operations[-1].count is None:
                                operations[-1].count = quantities.arrested(sentence)
                            continue
                        kind_places, kind_when = places, when
                        if len(types) > 1 and own_when:  # "interpellés jeudi … sur la fusillade survenue lundi"
                            kind_when = dates.from_trigger(clocked, self.ling.first(kind, clause), article.date) or when
                        if len(types) > 1 and len({p.code for p in own_places}) > 1:
                            kind_places, kind_when = self._nearest(kind, clause, own_places, when, article.date)
                        if kind == "network_arrival":  # where it settled, not the towns it comes from
                            origins = self._origins(clause)
                            # "venus de Nancy ou Metz, ils ont pris pied dans la Meuse": the département, not
                            # the one of a town they come from ("venus de Reims, dans la Marne")
                            theirs = {self.gaz.info.get(c, (None, 0))[0] for c in origins}
                            kind_places = territory.settled_places(
                                clause,
                                kind_places,
                                lambda t, theirs=theirs: (
                                    self._places(t, deps)
                                    or [p for p in [deps.departement_place(t)] if p and p.departement not in theirs]
                                ),
                                scene or [last_place],
                                origins,
                            )
                        # "trois hommes à Lorient et trois autres à Lanester": an arrest per commune, with its persons
                        # (a département too: "deux autres en Vendée et un autre à Vannes")
                        split = (
                            arrests_by_place(said_in, own_places or sentence_places, self.gaz.departements_in)
                            if kind == "arrest"
                            else []
                        )
                        if (
                            kind == "arrest"
                            and not split
                            and clause != sentence
                            and not any(c != clause and self.ling.triggers(c) for c in clauses)
                        ):  # "Deux personnes à Bourges, cinq à Nantes et une à Fort-de-France sont arrêtées": the
                            # list the clauses cut at "et une", its trigger in the last piece only
                            split = arrests_by_place(sentence, sentence_places, self.gaz.departements_in)
                        counted_apart = counted_apart or bool(split)
                        if kind == "arrest" and not split and types == ["arrest"]:  # "six hommes à Lorient et Lanester"
                            communes = arrests_listed(said_in, own_places or sentence_places, self.ling.lemmas)
                            split = [(p, quantities.arrested(sentence) if p is communes[0] else None) for p in communes]
                        apart = {id(p): n for p, n in split}
                        kind_places = [p for p, _ in split] or kind_places
                        several = kind in ("shooting", "intimidation", "dealing_point") or apart
                        told = []  # "à Pissevin et à Valdegour les 4 et 6 juin": one shooting per place, each its date
                        if kind == "shooting" and several:
                            named = recalls.apart(self._mentions(clause, deps))
                            told = recalls.paired(clause, len(named), article.date, kind_when)
                            kind_places = named if told else kind_places
                        for i, place in enumerate(kind_places[: 4 if several else 1]):
                            event = self._event(
                                kind,
                                clause,
                                sentence,
                                place,
                                told[i] if told else kind_when,
                                article.date,
                                single=len(clauses) == 1,
                            )
                            if event:
                                event.count = apart.get(id(place), event.count)
                                event.own_date = own_when is not None
                                event.story_date = last_date  # the latest event's date: counting.told_elsewhen
                                event.carried = carried  # counting.same: a place its sentence does not name
                                event.rules = (
                                    self.ling.fired(kind, trigger_text)
                                    or (["seizure.taken_by_an_arrest_verb"] if kind == "seizure" and taken else [])
                                    or [f"learned.{kind}" if kind in learned else f"{kind}.from_context"]
                                ) + event.rules  # and the words that gave a point's action (_event)
                                # "d'autres tirs", "un autre réseau", "Trois heures plus tard, …"
                                event.another = recalls.another(clause, kind, sentence)
                                if clocks and own_when != dates.resolve(clause, article.date, last_date):
                                    event.rules = [*event.rules, *clocks]  # dated without another clock's date
                                if homed:  # placed elsewhere than the town of its persons or their unit
                                    event.rules = [*event.rules, *homed]
                                if recalls.sequel(clause, sentence):
                                    event.rules = [*event.rules, recalls.SEQUEL_RULE]
                                if from_story and own_when and own_when != dates.resolve(sentence, article.date):
                                    event.rules = [*event.rules, "date.story_day"]  # "le lendemain" of that day
                                # "à la suite de la découverte d'un stock d'armes": the find that opened the case
                                event.opened = kind == "seizure" and recalls.opened_by(clause, event.rules)
                                # "plusieurs fusillades récentes": a series, perhaps a summary of those told
                                event.series = kind == "shooting" and recalls.series(
                                    trigger_text, self.ling.triggers(trigger_text)
                                )
                                counting.listed_goods(event, listed)  # "… 1 800 euros. C'est le résultat des fouilles"
                                produced.append(event)
                                if kind == "arrest" and not apart:  # "le 2 mai, puis quatre autres fin mai": two
                                    produced += self._batches(event, clause, sentence, place, article.date, kind_when)
                                if kind == "shooting" and not told:  # "il y a deux semaines, puis …": one per date
                                    produced += self._recalled(
                                        event, clause, sentence, place, article.date, kind_when, deps
                                    )
                            if event and kind == "dealing_point" and event.action == "dismantled" and reopened:
                                # "démantelé le 5 juin, le point de deal a rouvert dès le 12 juin": two events
                                after = clause[reopened.start() :]
                                again = dates.resolve(after, article.date, when)
                                told = kind_when
                                before = dates.resolve(clause[: reopened.start()], article.date, None)
                                if again and before and before != again and before[1] and before[1] <= article.date:
                                    # "le point de deal démantelé à l'automne a rouvert fin avril": the dismantling
                                    # takes the date told before the reopening, not the clause's first date found
                                    event.date_start, event.date_end = told = before
                                if again and again != told:
                                    produced.append(
                                        self._event(kind, after, sentence, place, again, article.date, False)
                                    )
                    if "network_arrival" in types:  # the towns a network comes from are no scene for what follows
                        origins = self._origins(clause)
                        places = [p for p in places if p.code is None or p.code not in origins]
                    if borrowed:  # a place borrowed from a later sentence is no scene for the next ones
                        pass
                    elif places and places[0].precision == 2:
                        if is_locality(places[0]):  # not a motorway: "sur l'A13" … "du quartier" is no motorway
                            district = places[0]  # "un petit village proche de X" … "dans le même secteur"
                    elif places and places[0] is not area and not counted_apart:  # the département is no scene
                        # an unnamed locality ("un petit village") is not where the story is, nor a bare "l'aéroport"
                        kept = carries_over(places[0], said_in, when, article.date)
                        home = places[0] if at_home(places[0], said_in) else home
                        # a round-up of towns of several départements ("à Villefranche-de-Rouergue (Aveyron), …, à
                        # Nersac (Charente)") is no scene for the story's next events: none of them is its town
                        kept = kept and len({p.departement for p in own_places if p.code}) < 2
                        last_place = places[0] if kept else last_place
                        placed_here = placed_here or kept
                        if re.search(DISTRICT, clause, re.I) or is_district(places[0]):
                            district = places[0]
                if self.ling.first("dealing_point", sentence):
                    deal_context = True
                vague_here = self._vague(sentence, deps, last_place)
                if vague_here or sentence_places:  # a locality near a town, else the town the sentence names
                    near = vague_here and (not sentence_places or re.search(NEAR, vague_here.text))
                    # the towns a network of the sentence comes from are no scene for the next sentence
                    arrived = any(e.type == "network_arrival" for e in produced)
                    origins = self._origins(sentence) if arrived else []
                    own = [p for p in sentence_places if p.code is None or p.code not in origins]
                    # "… renforcés par la BAC de Lyon." ¶ "Des armes ont été saisies": the seat of the officers' unit,
                    # the home of persons, is no scene for the next sentences either (_affiliated; a sentence that
                    # tells nothing is parsed for it only where officers are named right before the town)
                    own = [
                        p
                        for p in own
                        if not ((produced or self._unit_before(sentence, p)) and self._affiliated(sentence, p))
                    ]
                    if not produced:  # "Parmi eux, X, ex-joueur à Saint-Étienne." ¶ "Tous deux abattus …": a far town
                        # named in passing (a career, a comparison) by a sentence that tells nothing is no scene
                        own = [p for p in own if not deps.far_in_passing(p)]
                    scene = scene if counted_apart else [vague_here] if near else own[:1]
                    if sentence_places and own[:1] != sentence_places[:1]:  # a unit's seat is no place told before
                        named_before = own[:1] or told_before
                elif district and re.search(SAME_DISTRICT, sentence, re.I):
                    # "L'opération intervient après des mois de tensions dans le quartier. L'été dernier, des coups
                    # de feu …": the district told before is the scene, not the town of an earlier paragraph
                    scene = [district]
                lead_in = [] if produced else self._lead_in(sentence, sentence_places, deps)
                # a narrated scene, not a list ("à Epinal et sa banlieue, à Dompaire") nor words quoted
                if len({p.code for p in sentence_places}) == 1 and "«" not in sentence:
                    located_here = lead_in or located_here
                if produced:
                    for e in produced if told_in is not sentence else []:
                        e.evidence = told_in  # the article's sentence, not the recall cut from it
                    if events and not any(e.type in counting.TOLL_TYPES for e in produced):
                        # "Deux individus ont été interpellés et aucun policier n'a été blessé": the toll an
                        # operation's sentence tells is of the violence told before it
                        counting.toll_told(events[-4:], events[first:], sentence, article.date)
                    counting.counted_before(before, produced, article.date)
                    events += produced
                    told_last = produced
                elif not described:
                    if events:
                        counting.complete(events[-4:], events[first:], sentence, article.date)
                        counting.dated_by(events[-1], sentence, article.date)  # "Les faits se sont produits jeudi"
                    self._placed_after(previous, sentence, lead_in)  # "… Les faits se sont déroulés à Embrun"
                    if not any(e.type in ("seizure", "arrest") for e in events[first:]):
                        counted = sentence  # "huit jeunes … étaient en garde à vue" before "… les avaient arrêtés"
            if len(events) == first and not lead_in:  # a paragraph that tells no event leads in with the latest
                # town it located ("Le 2 mars, les douaniers arrêtent une camionnette au péage de Lançon-Provence. Son
                # chauffeur dit …" ¶ "Sous une bâche, …"), a subheading that names none with the town before it
                lead_in = carried_in if heading else located_here
        events = without_tallies(events, self.ling.lemmas, self.gaz.departements_in)  # a year's tally, a trend
        events = recalls.series_told_one_by_one(events)  # "plusieurs fusillades", told one by one too
        told = recalls.dated(events)  # the mentions told as events (dated, located, measured), before they merge
        gated = recalls.gated(article.title, _lead(article.text), GATE, LEAD_GATE)
        if gated:  # a piece about figures: they go before they merge into its events ("en 2024, 14 kilos" …)
            events = [e for e in events if recalls.told_as_event(e)]
        events = fold_arrests(counting.merge(located(spread_over(events, spreads, separate), area)))
        # "Oyonnax : un point de deal démantelé", told by the body as an operation only
        events += territory.point_of_the_headline(article.title, events, self.ling, article.text, main_place)
        events = territory.seizure_of_the_headline(article.title, events, self.ling)  # "… 45 000 € saisis"
        events = territory.goods_of_the_headline(article.title, events, self.ling)  # "… 80 kilos d'herbe saisis"
        if gated:
            # a statistics, policy, trial or opinion piece: only the events it tells as events (recalls.told_as_event:
            # tallies, yearly figures and undated activity are not events)
            events = recalls.through_gate(events, told)
        # "une fusillade dans la banlieue grenobloise" … "à Fontaine"; "près de Valence" … "à Saint-Péray"
        events = recalls.told_broadly(events, self.gaz.near_towns)
        # drame conjugal, lead
        return recalls.summaries(recalls.not_the_trades(article.title, article.text, events, self.ling))

    def _toll_list(self, sentence: str, deps, ref: date) -> list[Event]:
        """Shootings listed town by town with their toll and date in brackets, as a round-up tells them: "Arles
        (trois blessés le 18 avril), Cavaillon (deux morts le 1er mai), Avignon (deux morts le 10 avril et le 5 mai)".
        One shooting per town and date; a toll of as many victims as dates is one per date."""
        if not prefilter.search(r"fusillades?|règlements? de comptes|tirs|par balles?|kalachnikov", sentence, re.I):
            return []
        out = []
        for m in re.finditer(TOLL_ITEM, sentence):
            places = self._places(m.group("town"), deps)
            days = re.findall(rf"(\d{{1,2}})(?:er)? {dates.M}", m.group("dates"))
            if not places or not days or places[0].code is None:
                continue
            killed, injured = quantities.casualties(m.group("toll"))
            share = len(days) > 1 and (killed or injured or 0) == len(days)
            for day, month in days:
                when = dates.resolve(f"le {day} {month}", ref)
                event = self._event("shooting", m.group(0), sentence, places[0], when, ref, False)
                if event is None:
                    continue
                event.killed, event.injured = (
                    (1 if killed else None, 1 if injured else None) if share else (killed, injured)
                )
                event.own_date, event.rules = True, ["shooting.toll_list"]
                out.append(event)
        return out if len(out) >= 2 else []

    def _nearest(self, kind: str, clause: str, places: list, when, ref: date):
        """One clause, two events in two places ("soupçonnés d'avoir tiré le 2 février à Poitiers, ont été interpellés
        lundi à Châtellerault"): each takes the first place named within a few words after its trigger (else the
        nearest before it), and the first date from its trigger on."""
        at = self.ling.first(kind, clause)
        if at is None:
            return places, when
        after = [p for p in places if 0 <= p.start - at.start <= 90]
        near = after[0] if after else min(places, key=lambda p: abs(p.start - at.start))
        return [near], dates.resolve(clause[at.start :], ref) or when

    def _unweighed(self, text: str) -> bool:
        """Whether `text` names goods told with no figure that SEIZED does not spell: a firearm by its own name, cash
        told as money (rules/words.toml goods.unweighed, goods.cash_told_as_money)."""
        return bool(text.strip()) and (
            self.ling.says("goods.unweighed", text) or self.ling.says("goods.cash_told_as_money", text)
        )

    def _names_goods(self, told: str) -> bool:
        """Whether a seizure's sentence, with what names the trade and no goods blanked (`operations.goods`), names
        goods found: an amount, drugs, arms or cash (SEIZED), or goods told with no figure (_unweighed)."""
        return bool(re.search(SEIZED, told, re.I)) or self._unweighed(told)

    def _refine(self, types: list[str], clause: str, sentence: str, around: str = "") -> list[str]:
        low = clause.lower()
        if "dealing_point" in types:
            running = re.search(r"\b(?:fonctionne|tourne|sévit|est actif)\b", low) and "depuis" in low
            # "a permis de neutraliser un point", "la mise en place d'un point" (rules/words.toml)
            running = running or self.ling.says("point.put_out_of_action", low) or self.ling.says("point.set_up", low)
            running = running or bool(territory.TELL_AN_APPEARANCE & set(self.ling.fired("dealing_point", clause)))
            if not running and not re.search(
                r"démant[eè]l|fermé|tombé|apparu|installé|s'install\w*|reconstitu|"
                + territory.OPENED
                + r"|s'est implanté|fermer|mis fin|"
                r"(?:procédé à|ordonné) (?:sa |la )?fermeture|fermeture administrative|"
                r"rouvert|réinstall|" + territory.DISMANTLED_MORE + "|" + territory.APPEARED_MORE,
                low,
            ):
                types.remove("dealing_point")
            elif re.search(r"interpell", low) and "seizure" not in types and "arrest" not in types:
                types.append("arrest")
        told = goods(sentence) if "seizure" in types else ""
        # "une cache : 3 kilos de résine, …", unless the goods are listed next to it (listed_nearby)
        if "seizure" in types and not self._names_goods(told) and not self._names_goods(goods(around)):
            types.remove("seizure")
        elif (
            "seizure" in types
            and re.search(r"découvert", low)
            and not re.search(
                r"kg|kilo|gramme|drogue|cannabis|cocaïne|résine|herbe|pieds|euros|\barme|pistolet|plantation|zamal",
                told,
            )
            and not self._unweighed(told)
        ):
            types.remove("seizure")
        if "arrest" in types and (
            (
                re.search(r"\bavec\b|en possession d|porteur d|sur (?:lui|elle|eux)|transport|détenai|dissimul", low)
                and (quantities.drugs(clause) or quantities.cash(clause))
            )
            or measured_goods_only(clause)
        ):
            types[types.index("arrest")] = "seizure"  # "interpellé à Draguignan avec 100 grammes de cocaïne"
        if "seizure" in types and "arrest" in types:
            types.remove("arrest")
        if (
            "arrest" in types
            and re.search(r"garde à vue", low)
            and not re.search(r"coup de filet|interpell", low)
            # "Quatre suspects sont en garde à vue" is news; "Les neuf personnes …" goes back to it
            and ((quantities.arrested(clause) or 0) < 2 or re.match(r"\s*(?:les|ces)\s", low))
        ):
            types.remove("arrest")
        if "shooting" in types and not self._drug_context(
            sentence, r"|balle|tir|feu|fusil|détonation|abattu|pistolet|revolver|carabine|mitraill"
        ):
            types.remove("shooting")
        if (
            {"shooting", "intimidation"} & set(types)
            and re.match(KINDS_LISTED_CUE, sentence)
            and self.ling.says("violence.kinds_listed", sentence)
        ):
            # "Fusillades, rodéos urbains et trafics sont monnaie courante": kinds of violence, no occurrence
            types = [t for t in types if t not in ("shooting", "intimidation")]
        if (
            "shooting" in types
            and self.ling.says("violence.thrown", clause)  # stones, fireworks (rules/words.toml)
            and not re.search(r"balles?|coups? de feu|fusillade|kalachnikov|arme à feu|ouvert le feu", low)
        ):
            types[types.index("shooting")] = "intimidation"  # "pris pour cible par des mortiers d'artifice"
            types = list(dict.fromkeys(types))
        if (
            "arrest" in types
            and re.search(VEHICLES, low)
            and set(self.ling.fired("arrest", clause)) <= VEHICLE_ARRESTS
            and self.ling.says("vehicle.stopped", clause)
        ):
            types.remove("arrest")  # "quatre-vingts voitures ont été arrêtées lors du contrôle": vehicles, nobody
        if "intimidation" in types and "shooting" in types:
            types.remove("intimidation")  # one violent event: a shooting (a car burnt after it is part of it)
        if "network_arrival" in types and not re.search(
            r"install|implant|arrivée|arrivés?|venus?|venues?|viennent|débarqué|pris le contrôle|prendre le contrôle|"
            r"(?:pris|prendre|prennent) pied|se (?:battent|disputent)",
            low,
        ):
            types.remove("network_arrival")
        if (
            prefilter.search(r"perdu la vie|ont été tués|avaient été tués|tuées? par balles|tués par balles", low)
            and "shooting" not in types
        ):
            types.append("shooting")
        return types

    # places: press/geography.py, one resolver per article (ArticlePlaces); these calls keep the extractor's shape
    def _main_place(self, article: Article, deps: ArticlePlaces):
        return deps.main_place(article.title, article.text)

    def _geography(self, article: Article, named: list[str]) -> ArticlePlaces:
        return ArticlePlaces.read(self.gaz, article.title, article.text)

    def _named_later(self, paragraphs: list[list[str]], at: int, deps: ArticlePlaces) -> list:
        """The first place a sentence after the `at`-th names (not one abroad): the place of an article's first events
        when nothing before them named one. None when that sentence tells an event itself: the operation told again
        with its place ("… revenu sur la saisie record opérée mardi." … "100 kilos ont été saisis dans le port de
        Bastia"), or a step of it on another day, which makes its own event."""
        later = [s for sentences in paragraphs for s in sentences][at + 1 :]
        for sentence in later:
            if prefilter.search(ABROAD, re.sub(FOREIGN_ROUTE, " ", sentence, flags=re.I), re.I):
                continue
            places = self._places(sentence, deps)
            if places:
                return [] if self.ling.kinds(plain(sentence)) else places[:1]
        return []

    def _placed_after(self, told: list[Event], sentence: str, located: list) -> None:
        """Events whose sentence named no place of theirs, placed by the next sentence, which tells no event but where
        they took place ("1 kilo de résine a été découvert dans une voiture. Le contrôle se tenait près du pont, à
        Pertuis", "… Les faits se sont déroulés à Vitrolles"): there, not at the town carried from before."""
        if not told or not located or not any(self.ling.says(name, plain(sentence)) for name in TOOK_PLACE):
            return
        for event in told:
            if event.carried:
                relocate(event, located[0])
                event.carried = False

    def _lead_in(self, sentence: str, places: list, deps: ArticlePlaces) -> list:
        """The town a sentence that tells no event names after a locative ("… des signalements visant un jeune
        revendeur actif à Bressuire." ¶ "Le 2 mai, une perquisition …"): where the next paragraph's first events are
        when they name no place of their own, not the article's main town. Not a town named otherwise ("la drogue
        devait passer par Pointe-à-Pitre")."""
        if not places or not places[0].code or places[0].precision != 1:
            return []
        located = any(rank == 1 and place.code == places[0].code for rank, _, place in self._mentions(sentence, deps))
        return places[:1] if located else []

    def _places(self, text: str, deps: ArticlePlaces) -> list:
        return deps.places(self._unattributed(text))

    def _unattributed(self, text: str) -> str:
        """The text without the words that close it by naming who said it ("…, indique le chef de la sûreté de
        Compiègne", "… » a précisé mardi le commandant de la compagnie de Dax"): a reporting verb among the first
        words after a comma or a closing quote near the end (rules/words.toml, source.attribution). The speaker's town
        is no place of what the sentence tells."""
        for m in SOURCE_CUT.finditer(text):
            if len(text) - m.end() > SOURCE_TAIL:
                continue
            opening = " ".join(text[m.end() :].split()[:3])
            if self.ling.says("source.attribution", opening):
                return text[: m.start()]
        return text

    @staticmethod
    def _unit_before(text: str, place) -> bool:
        """Are officers or their unit named right before the town ("aux enquêteurs de Liévin", "la BAC de Lyon")?"""
        at = _name_at(text, place)
        return at >= 0 and bool(re.search(UNIT_BEFORE, text[max(0, at - 60) : at].lower()))

    def _affiliated(self, text: str, place) -> str | None:
        """The rule of rules/words.toml (HOME_OF) by which the parse attaches `place`, a commune named in `text` after
        "de", to a noun of persons, officers or their unit ("deux jeunes de Vierzon", "les policiers de la PJ de
        Bayonne"): their home or seat, not the place of what they did or underwent. Parsed only then."""
        at = _name_at(text, place)
        # "des" only after a unit ("la gendarmerie des Andelys", _unit_before): before a district ("le quartier des
        # …") it is far more common, and each match costs a parse
        if at < 0 or not (re.search(HOME_DE, text[:at], re.I) or self._unit_before(text, place)):
            return None
        for name in HOME_OF:
            if any(at <= start < at + len(place.text) for start, _ in self.ling.attached(name, text)):
                return name
        return None

    def _own_clock(self, text: str, ref: date) -> tuple[str, list[str]]:
        """`text` without the dates the parse attaches to another clock than its events' (OTHER_CLOCKS: "Ce jeudi 6
        mars, la préfecture a annoncé l'arrestation …", "une enquête ouverte en novembre a permis la saisie …"),
        blanked to keep the offsets: a complement that names a date with a start (not "a indiqué récemment") and holds
        no trigger; and the names of the rules that found them. Parsed only where a word of those clocks is there, and
        a date."""
        if (dates.resolve(text, ref) or (None,))[0] is None:
            return text, []  # no date to take away
        spans = [
            (name, start, end)
            for name, start, end in self.ling.phrases(OTHER_CLOCKS, text, "date")
            if (dates.resolve(text[start:end], ref) or (None,))[0] is not None  # a day or a span: not "récemment"
            and not any(start <= t.start < end for t in self.ling.triggers(text))
        ]
        for _, start, end in spans:
            text = text[:start] + " " * (end - start) + text[end:]
        return text, list(dict.fromkeys(name for name, _, _ in spans))

    def _mentions(self, text: str, deps: ArticlePlaces) -> list:
        return deps.mentions(text)

    def _vague(self, clause: str, deps: ArticlePlaces, last):
        return deps.vague(clause, last)

    def _event(self, kind, clause, sentence, place, interval, ref: date, single: bool) -> Event | None:
        if place is None:
            return None
        start, end = interval if interval else (None, ref)
        if end and end > ref:
            end = ref
        if start and end and start > end:
            start, end = None, ref
        event = Event(kind, date_start=start, date_end=end, evidence=sentence)
        relocate(event, place)
        counting.values(  # casualties, drugs, cash, weapons, persons arrested, a point's action and count
            event, clause, sentence, single, lambda: [c for c in _clauses(sentence) if not self.ling.triggers(c)]
        )
        if kind == "dealing_point" and self.ling.says("point.put_out_of_action", clause.lower()):
            event.action = "dismantled"  # "a permis de neutraliser un point de vente" (rules/words.toml)
            event.rules = ["point.put_out_of_action"]
        elif kind == "dealing_point" and self.ling.says("point.set_up", clause.lower()):
            event.action = "appeared"  # "la mise en place d'un point de deal"
            event.rules = ["point.set_up"]
        told = goods(sentence) if kind == "seizure" else ""
        if told and not re.search(SEIZED, told, re.I) and self._unweighed(told):
            event.rules = [*event.rules, "goods.unweighed"]  # "un revolver saisi", "des liquidités découvertes"
        if kind == "network_arrival":
            # "des bandes d'Avignon et de Cavaillon se battent … à Cavaillon": a town is no origin of its own network
            event.networks_from = [c for c in self._origins(clause) if c != place.code]
        return event

    def _recalled(self, event: Event, clause: str, sentence: str, place, ref: date, when, deps) -> list[Event]:
        """The other shootings of a recall that tells one on each of several dates (recalls.several); `event` takes
        the first date. A shooting told in a piece of its own (recalls.apart_told: "Après la fusillade de mars à
        Sevran, après celle de dimanche à Aulnay, des tirs ont visé …") is where its piece names a place, the last
        piece's (the clause's own shooting) where the clause placed it unless that place is a recalled one's."""
        fires = lambda text: "shooting" in self.ling.kinds(text)  # noqa: E731
        pieces = recalls.apart_told(plain(clause), ref, when, fires)
        told = [when for when, _ in pieces] or recalls.several(clause, ref, when, fires)
        if not told:
            return []
        places = [place] * len(told)
        if pieces:
            bare = plain(clause)  # one character for one: each piece in the clause's own words
            spans = [bare.find(piece) for _, piece in pieces]
            texts = [
                clause[i : i + len(piece)] if i >= 0 else piece for i, (_, piece) in zip(spans, pieces, strict=True)
            ]
            own = [(self._places(piece, deps) or [None])[0] for piece in texts]
            if len(own) == 1:  # the one shooting a clause tells is a recalled one ("au lendemain d'une fusillade à X")
                places = [own[0] or place]
            else:
                recalled = {p.text for p in own[:-1] if p is not None}
                places = [p or place for p in own[:-1]] + [place if place.text not in recalled else own[-1] or place]
            relocate(event, places[0])
        start, end = told[0]
        if start and end and start <= ref:
            event.date_start, event.date_end = start, min(end, ref)
        more = []
        for interval, where in zip(told[1:], places[1:], strict=True):
            other = self._event("shooting", clause, sentence, where, interval, ref, False)
            if other:
                other.own_date, other.rules = True, event.rules
                more.append(other)
        if pieces and len(more) == len(pieces) - 1:  # each its piece's toll ("après celle … qui a fait un mort")
            for told_one, piece in zip([event, *more], texts, strict=True):
                told_one.killed, told_one.injured = quantities.casualties(piece)
        else:
            recalls.tolls_apart(clause, [event, *more])  # "blessé jeudi …, où deux avaient déjà été blessés la veille"
        return more

    def _batches(self, event: Event, clause: str, sentence: str, place, ref: date, when) -> list[Event]:
        """The second arrest of a clause that tells one operation's arrests in two batches, each on its own date
        (counting.batches); `event` takes the first date."""
        told = counting.batches(clause, ref, when)
        if not told:
            return []
        (first, _), (second, persons) = told
        if first[0] > ref:
            return []
        event.date_start, event.date_end = first[0], min(first[1], ref)
        if counting.TWO_GOES.search(clause):  # "en deux temps" counts goes, not persons; a total is no batch's
            event.count = None
        other = self._event("arrest", clause, sentence, place, second, ref, False)
        if other is None:
            return []
        other.own_date, other.rules = True, [*event.rules, "arrest.second_batch"]
        other.count = persons
        return [other]

    def _origins(self, text: str) -> list[str]:
        text = territory.without_regions(text)  # "venues d'Orléans et de la région parisienne": Orléans only
        return list(dict.fromkeys(network_origins(self.gaz, text) + territory.origin_towns(self.gaz, text)))


def relocate(event: Event, place) -> None:
    """`event` at `place` (instead of where it was placed): its commune, département, words and precision, whether
    it is a district of its town (counting.same) and the town an unnamed place is near (recalls.told_broadly)."""
    event.commune, event.departement, event.place = place.code, place.departement, place.text
    event.geo_precision, event.district = place.precision, is_district(place)
    event.near = near_town(place)


def near_town(place) -> str | None:
    """The town an unnamed place is near ("près de Valence", geo_precision 2): recalls.told_broadly reads it."""
    if place.precision != 2 or place.code is not None or place.why is None:
        return None
    return getattr(place.why, "code", None)

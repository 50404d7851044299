"""Rules as data and the linguistic analysis (press/rules.py, press/linguistics.py, press/rules/*.toml): triggers are
lemma patterns, negation/modality/tense come from the parse, every rule is named, a bad rules file is refused at load
with the file and the rule named, and an event says which rules made it."""

from datetime import date

import pytest

from vigie import warehouse
from vigie.errors import VigieError
from vigie.press import recalls, rules
from vigie.press.articles import Article
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_extractor, load_nlp


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


def test_the_shipped_rules_load_and_are_all_named():
    triggers = rules.load()
    assert len(triggers.rules) >= 80 and len({r.name for r in triggers.rules}) == len(triggers.rules)
    assert sum(r.tokens is not None for r in triggers.rules) >= 75  # lemma patterns, not regular expressions
    assert len(rules.load_qualifiers().rules) >= 8
    exclusions = rules.load_exclusions()
    assert all(exclusions.rules[k] for k in rules.EXCLUSION_KINDS)


@pytest.mark.parametrize(
    "text,kind,rule",
    [
        ("les douaniers ont saisi 3 kilos", "seizure", "seizure.saisi"),
        ("3 kilos de cannabis, deux armes et 5 000 euros ont été saisis", "seizure", "seizure.saisi"),
        ("les policiers saisissent 3 kilos", "seizure", "seizure.saisi"),
        ("les gendarmes mettent la main sur 46 kilos de résine", "seizure", "seizure.mettre_la_main_sur"),
        ("ils ont mis la main sur une arme", "seizure", "seizure.mettre_la_main_sur"),
        ("un chargement de bananes contient 200 kilos de cocaïne", "seizure", "seizure.chargement_contenait"),
        ("les gendarmes interpellent deux hommes", "arrest", "arrest.interpelle"),
        ("deux guetteuses ont été alpaguées au pied de la tour", "arrest", "arrest.cueilli"),
        ("trois personnes sont finalement appréhendées", "arrest", "arrest.est_arrete"),
        ("des revendeurs se sont implantés dans le hall", "dealing_point", "dealing_point.vendeurs_installes"),
        ("un sac où étaient retrouvées 160 grammes de résine", "seizure", "seizure.etait_retrouve"),
        ("deux hommes ont été arrêtés", "arrest", "arrest.arrete"),
        ("de nouveaux points de deal s'installent à Nîmes", "dealing_point", "dealing_point.point_de_deal"),
        ("des tirs de mortier d'artifice visant le commissariat", "intimidation", "intimidation.mortiers_d_artifice"),
        ("l'homme a été abattu de plusieurs balles", "shooting", "shooting.abattu"),
        ("des trafiquants s'installent à Alès", "network_arrival", "network_arrival.installes_a"),
    ],
)
def test_a_trigger_is_a_lemma_in_any_of_its_forms(ling, text, kind, rule):
    assert rule in ling.fired(kind, text)


@pytest.mark.parametrize(
    "text,qualifier",
    [
        ("Personne n'a été interpellé.", "negation.personne_ne"),
        ("Aucun suspect n'a été interpellé.", "negation.aucun_sujet"),
        ("Aucune interpellation n'a eu lieu.", "negation.aucune_saisie"),
        ("Aucun suspect interpellé", "negation.aucun_nom_qualifie"),
        ("Aucun auteur interpellé à ce stade.", "negation.aucun_nom_qualifie"),
        ("Les policiers n'ont pas saisi de drogue.", "negation.ne_pas"),
        ("Les enquêteurs s'attendaient à saisir plusieurs kilos.", "modality.intention"),
        ("Les dealers seront interpellés.", "tense.futur"),
        ("L'opération s'est déroulée sans interpellation.", "negation.sans"),
        ("Les enquêteurs pensaient saisir une tonne de résine.", "modality.intention"),
        # descriptions, states and counts (effect "described"), and a hypothesis not ruled out
        ("C'est la barre où s'est installé depuis des années un point de deal.", "described.depuis_des_annees_sujet"),
        ("Un homme a été blessé près d'un point de deal.", "described.pres_de"),
        ("Ils vivent à proximité d'un point de vente.", "described.a_proximite_de"),
        ("Ils se sont réunis devant l'immeuble où le jeune homme a été abattu.", "described.lieu_ou_la_victime"),
        ("Dans le département, douze épisodes de tirs ont été recensés depuis mars.", "described.compte_recense"),
        ("Le préfet a rappelé que 3.100 interpellations ont eu lieu l'an dernier.", "described.des_milliers"),
        ("Le parquet n'exclut pas une forme de représailles.", "modality.hypothese_non_exclue"),
        ("Les enquêteurs découvrent un système bien rodé.", "described.decouvrir_un_fonctionnement"),
        # a word in a sense that is no event of ours (effect "other_sense")
        ("Le parquet a saisi la JIRS de Marseille.", "other_sense.saisir_la_justice"),
        ("Pour le juge d'instruction saisi, l'enquête commence.", "other_sense.saisir_la_justice_juge_saisi"),
        ("La brigade de recherches a été saisie de l'enquête.", "other_sense.saisir_de_l_enquete"),
        ("Les maires ont interpellé les ministres.", "other_sense.interpeller_qui_l_on_appelle"),
        ("Ce drame interpelle les habitants.", "other_sense.interpeller_qui_appelle"),
        ("Le trafic menace la tranquillité du quartier.", "other_sense.menace_d_une_chose"),
        ("Elle dénonce la drogue qui menace nos valeurs.", "other_sense.menace_d_une_chose_relative"),
    ],
)
def test_negation_modality_and_tense_come_from_the_parse(ling, text, qualifier):
    ling.dropped.clear()
    assert ling.triggers(text) == []
    assert [d.qualifier for d in ling.dropped] == [qualifier]


@pytest.mark.parametrize(
    "text,rule",
    [
        ("Les policiers ont pu saisir trois kilos.", "seizure.saisi"),  # done, not merely possible
        # the denial bears on the finding, not on the seizure joined to it
        ("Aucune drogue n'a été retrouvée, mais les enquêteurs ont saisi deux armes.", "seizure.saisi"),
        ("L'homme aurait été abattu de plusieurs balles.", "shooting.abattu"),  # the press's reported conditional
        ("Deux hommes n'ont été interpellés que le lendemain.", "arrest.interpelle"),  # restrictive, not negative
        # a place named by an act of the police, a new victim, a dated start: events
        ("Ils sont entrés dans un garage, où les policiers ont découvert 4 kilos.", "seizure.decouvert"),
        ("Ils se sont réunis dans la cité où un homme a été abattu samedi.", "shooting.abattu"),
        ("Un point de deal s'est installé depuis l'automne dernier.", "dealing_point.point_de_deal"),
        # "depuis des années" hung by the parser on the shooting: only verbs of settling and lasting are described
        ("Deux hommes ont été blessés par balle théâtre depuis des années de rivalités.", "shooting.blesse_par_balle"),
        ("Les policiers ont saisi 1.200 euros et 300 grammes de cocaïne.", "seizure.saisi"),
        # a police office that seizes goods, a person who threatens, a mayor the police arrest: events
        ("Les policiers de la brigade ont saisi trois kilos.", "seizure.saisi"),
        ("Il a menacé les policiers de mort.", "intimidation.menace"),
        ("Les policiers ont interpellé le maire de la commune.", "arrest.interpelle"),
    ],
)
def test_what_happened_is_kept(ling, text, rule):
    assert [t.rule for t in ling.triggers(text)] == [rule]


def test_a_denied_noun_denies_the_one_joined_to_it(ling):
    ling.dropped.clear()
    assert ling.kinds("L'opération n'a donné lieu à aucune saisie ni interpellation.") == []
    assert {d.qualifier for d in ling.dropped} >= {"negation.aucun_coordonne"}


def test_a_sentence_exclusion_may_be_a_lemma_in_any_of_its_forms(ling):
    """rules/exclusions.toml: the exclusions of kind sentence that named a word's inflections are lemma patterns."""
    assert ling.excluded("Les deux frères seront jugés en janvier prochain.") == "sentence.judicial.juges"
    assert ling.excluded("Les saisies ont été multipliées par trois.") == "sentence.statistics.multipliee_par"
    assert ling.excluded("Les tonnes de résine saisies en France l'an dernier.") == (
        "sentence.statistics.saisi_interpelle_france"
    )
    assert ling.excluded("Trois hommes ont été interpellés samedi à Nîmes.") is None


def test_a_point_de_deal_not_found_is_denied_with_the_finding(ling):
    ling.dropped.clear()
    assert ling.kinds("Les gendarmes ne trouvent pas un petit point de deal, mais un laboratoire.") == []
    assert {d.qualifier for d in ling.dropped} == {"negation.ne_pas", "negation.objet_d_un_verbe_nie"}


def test_the_parser_runs_only_where_it_can_change_the_outcome(ling):
    before = dict(ling.stats)
    ling.triggers("Trois hommes ont été interpellés mardi à Nîmes.")  # a trigger, no cue: no parse
    ling.triggers("Il ne pleuvait pas sur Nîmes mardi.")  # a cue, no trigger: no parse
    ling.triggers("Trois hommes ont été interpellés depuis lundi à Nîmes.")  # "depuis" counts with "année" only
    assert ling.stats["parsed"] == before["parsed"]
    ling.triggers("Trois hommes n'ont pas été interpellés mardi à Nîmes.")
    assert ling.stats["parsed"] == before["parsed"] + 1


def test_lemmas_come_from_the_model_table_with_the_participle_corrections(ling):
    doc = ling.doc("Ils ont saisi, abattu et mis la main sur des armes.")
    assert [t.lemma_ for t in doc if t.is_alpha] == [
        "il",
        "avoir",
        "saisir",
        "abattre",
        "et",
        "mettre",
        "le",
        "main",
    ] + [
        "sur",
        "un",
        "arme",
    ]


def test_a_word_is_a_lemma_and_a_tense_comes_from_the_morphology(ling):
    """rules/words.toml: 'revendeur' in any of its forms; 'entendre' in the present with a subject pronoun (from the
    morphologizer, not from the word's ending); the trade denied (from the parse)."""
    assert ling.says("trade.seller", "Deux revendeuses ont quitté la cité.")
    assert not ling.says("trade.seller", "Le vendeur de journaux a quitté la cité.")
    assert ling.says("shots.heard", "Les coups de feu ont été entendus vers minuit.")
    assert ling.says("shots.heard_as_a_rule", "Le soir, on entend des tirs.")
    assert ling.says("shots.heard_as_a_rule", "J'entends des détonations.")
    assert not ling.says("shots.heard_as_a_rule", "On a entendu des tirs.")
    assert not ling.says("shots.heard_as_a_rule", "Le soir, on entendait des tirs.")
    # a dependency pattern on the parse: the trade denied by a verb, not a hypothesis kept open
    assert ling.says("trade.denied", "Les faits ne relèvent pas d'un trafic de stupéfiants.")
    assert ling.says("trade.denied_with_another", "Les enquêteurs ne voient pas une rixe ou un trafic de drogue.")
    assert not ling.says("trade.denied", "Les enquêteurs n'excluent pas la piste d'un trafic de drogue.")
    assert not ling.says("trade.denied", "Le trafic ne cesse pas dans le quartier.")
    assert ling.says(
        "trade.denied_with_another_further", "Les enquêteurs ne parlent pas d'une guerre entre réseaux de trafic."
    )
    never = "Il ne se passe pas une semaine sans que la violence des réseaux de trafic ne fasse l'actualité."
    unknown = "L'auteur n'a pas été identifié, selon la police, qui enquête sur fond de trafic de stupéfiants."
    for text in (never, unknown):
        assert not any(ling.says(n, text) for n in recalls.DENIALS)


@pytest.mark.parametrize(
    "name,body,message",
    [
        (
            "triggers",
            '[[rule]]\nname = "x.a"\ntype = "seizure"\npattern = "saisi"\nweight = 2\n',
            r"rule 'x\.a': unknown field.*weight",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.b"\ntype = "seizure"\npattern = "sais(i"\n',
            r"rule 'x\.b': the pattern does not compile",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.t"\ntype = "seizure"\ntokens = [{LEMA = "saisir"}]\n',
            r"rule 'x\.t': the token pattern is not valid",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.u"\ntype = "seizure"\ntokens = [{LEMMA = "saisir", OP = "!!"}]\n',
            r"rule 'x\.u': the token pattern is not valid",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.o"\ntype = "seizure"\ntokens = [{LOWER = "la", OP = "?"}, {LEMMA = "saisie"}]\n',
            r"rule 'x\.o': the first token must not be optional",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.c"\ntype = "robbery"\npattern = "vol"\n',
            r"rule 'x\.c': type 'robbery' is not one of",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.d"\ntype = "seizure"\n',
            r"rule 'x\.d': missing field\(s\) pattern or tokens",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.e"\ntype = "seizure"\npattern = "a"\n' * 2,
            r"rule 'x\.e': a rule of this name comes earlier",
        ),
        ("triggers", "[[rule]\n", r"not a readable rules file"),
        (
            "triggers",
            '[lists]\ngoods = ["kilo"]\n[[rule]]\nname = "x.f"\ntype = "seizure"\n'
            'tokens = [{LEMMA = {IN = ["@good"]}}]\n',
            r"rule 'x\.f': no list named '@good' in the file's \[lists\] \(lists: @goods\)",
        ),
        (
            "triggers",
            '[[rule]]\nname = "x.g"\ntype = "seizure"\ntokens = [{LEMMA = {NOT_IN = "@goods"}}]\n',
            r"rule 'x\.g': no list named '@goods'.*\(lists: none\)",
        ),
        (
            "triggers",
            '[lists]\ngoods = ["kilo"]\n[[rule]]\nname = "x.h"\ntype = "seizure"\ntokens = [{LEMMA = "@goods"}]\n',
            r"rule 'x\.h': a list \('@goods'\) is named in IN or NOT_IN",
        ),
        (
            "triggers",
            '[lists]\ndrugs = ["@goods"]\ngoods = ["kilo", "@drugs"]\n[[rule]]\nname = "x.i"\ntype = "seizure"\n'
            'tokens = [{LEMMA = "saisir"}]\n',
            r"\[lists\]: list 'drugs' names itself",
        ),
        ("triggers", '[lists]\ngoods = "kilo"\n', r"\[lists\]: each list is a list of strings"),
        (
            "qualifiers",
            '[lists]\ncallers = ["maire"]\n[[qualifier]]\nname = "q.l"\neffect = "other_sense"\n'
            'dependency = [{RIGHT_ID = "t", RIGHT_ATTRS = {LEMMA = {IN = ["@caller"]}}}]\n',
            r"qualifier 'q\.l': no list named '@caller' in the file's \[lists\] \(lists: @callers\)",
        ),
        (
            "qualifiers",
            '[[qualifier]]\nname = "q.a"\neffect = "negated"\ndependency = [{RIGHT_ID = "t", RIGHT_ATTRS = {}}]\n'
            "scope = 1\n",
            r"qualifier 'q\.a': unknown field.*scope",
        ),
        (
            "qualifiers",
            '[[qualifier]]\nname = "q.b"\neffect = "negated"\ndependency = [{RIGHT_ID = "t", RIGHT_ATTRS = {}}, '
            '{LEFT_ID = "nowhere", REL_OP = ">", RIGHT_ID = "u", RIGHT_ATTRS = {}}]\n',
            r"qualifier 'q\.b': the dependency pattern is not valid",
        ),
        (
            "qualifiers",
            '[[qualifier]]\nname = "q.c"\neffect = "maybe"\ndependency = [{RIGHT_ID = "t", RIGHT_ATTRS = {}}]\n',
            r"qualifier 'q\.c': effect 'maybe'",
        ),
        (
            "exclusions",
            '[[exclusion]]\nname = "e.a"\nkind = "sentence"\npattern = "(a"\n',
            r"exclusion 'e\.a': the pattern",
        ),
        ("exclusions", '[[exclusion]]\nname = "e.b"\nkind = "weather"\npattern = "a"\n', r"exclusion 'e\.b': kind"),
        (
            "exclusions",
            '[[exclusion]]\nname = "e.c"\nkind = "gate"\ntokens = [{LEMMA = "juger"}]\n',
            r"exclusion 'e\.c': a lemma pattern \(tokens\) is read for kind sentence only",
        ),
        ("exclusions", '[[exclusion]]\nname = "e.d"\nkind = "sentence"\n', r"exclusion 'e\.d': give a pattern"),
        ("lemmas", '[lemmas]\n"Mis" = "mettre"\n', r"form 'Mis': a lower-case form"),
        ("words", '[[word]]\nname = "w.a"\ntokens = [{LEMA = "entendre"}]\n', r"word 'w\.a': the token pattern"),
        ("words", '[[word]]\nname = "w.b"\nlemma = "entendre"\n', r"word 'w\.b': unknown field.*lemma"),
        ("words", '[[words]]\nname = "w.c"\n', r"unknown section\(s\) words"),
        ("words", '[[word]]\nname = "w.d"\n', r"word 'w\.d': give tokens .* or dependency"),
        (
            "words",
            '[[word]]\nname = "w.e"\ndependency = [{RIGHT_ID = "v", RIGHT_ATTRS = {}}, '
            '{LEFT_ID = "x", REL_OP = ">", RIGHT_ID = "u", RIGHT_ATTRS = {}}]\n',
            r"word 'w\.e': the dependency pattern is not valid",
        ),
    ],
)
def test_a_bad_rules_file_is_refused_at_load_with_its_name(tmp_path, name, body, message):
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    loader = {
        "triggers": rules.load,
        "qualifiers": rules.load_qualifiers,
        "exclusions": rules.load_exclusions,
        "lemmas": rules.load_lemmas,
        "words": rules.load_words,
    }[name]
    with pytest.raises(VigieError, match=message) as info:
        loader(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "name, text, read, expected",
    [
        (
            "triggers",
            '[lists]\nunits = ["kilo", "gramme"]\ngoods = ["@units", "cocaïne"]\n'
            '[[rule]]\nname = "x.a"\ntype = "seizure"\n'
            'tokens = [{LEMMA = {IN = ["@goods", "arme"]}}, {LOWER = {NOT_IN = "@units"}, OP = "?"}]\n',
            lambda path: rules.load(path).rules[0].tokens,
            (
                {"LEMMA": {"IN": ["kilo", "gramme", "cocaïne", "arme"]}},
                {"LOWER": {"NOT_IN": ["kilo", "gramme"]}, "OP": "?"},
            ),
        ),
        (
            "qualifiers",
            '[lists]\ncallers = ["maire", "élu"]\n[[qualifier]]\nname = "q.a"\neffect = "other_sense"\n'
            'dependency = [{RIGHT_ID = "t", RIGHT_ATTRS = {LEMMA = "interpeller"}}, {LEFT_ID = "t", REL_OP = ">", '
            'RIGHT_ID = "c", RIGHT_ATTRS = {DEP = "nsubj", LEMMA = {IN = ["@callers", "habitant"]}}}]\n',
            lambda path: rules.load_qualifiers(path).rules[0].dependency[1]["RIGHT_ATTRS"],
            {"DEP": "nsubj", "LEMMA": {"IN": ["maire", "élu", "habitant"]}},
        ),
    ],
)
def test_a_named_list_is_its_words_where_it_is_named(tmp_path, name, text, read, expected):
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    assert read(path) == expected


def test_an_event_carries_the_rules_that_made_it(official_db):
    con = warehouse.connect(official_db, read_only=True)
    extractor = load_extractor(con=con)
    text = "Mardi, les policiers ont saisi 3 kilos de cocaïne à Bressuire. Des coups de feu avaient été tirés lundi."
    events = extractor.extract(Article("t", date(2024, 5, 2), "", text))
    con.close()
    assert [(e.type, e.rules) for e in events] == [
        ("seizure", ["seizure.saisi"]),
        ("shooting", ["shooting.coup_de_feu"]),
    ]
    assert events[0].to_dict()["rules"] == ["seizure.saisi"]


def test_the_fast_matcher_finds_what_the_written_patterns_find(ling):
    """linguistics.fast_first_token rewrites each rule's first token for speed (IN as variants, NOT_IN and REGEX
    checked on the matches) and skips sentences without the rule's anchor word: the matches must be those of the
    patterns as written, on the dev articles and the fixtures."""
    import json
    from pathlib import Path

    from conftest import SHARED
    from spacy.matcher import Matcher

    plain = Matcher(ling.nlp.vocab)
    for rule in ling.triggers_data.rules:
        if rule.tokens is not None:
            plain.add(rule.name, [list(rule.tokens)])
    paths = sorted((SHARED / "press" / "dev").glob("*.json")) + sorted(
        (Path(__file__).parent / "press_fixtures").glob("*.json")
    )
    sentences = [s for p in paths for s in json.loads(p.read_text(encoding="utf-8"))["text"].split(". ")]
    for sentence in sentences:
        doc = ling.doc(sentence)
        expected = {(ling.strings[m], doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for m, s, e in plain(doc)}
        found = {(t.rule, t.start, t.end) for t in ling._triggers(sentence, qualify=False) if t.rule in plain}
        assert found == expected, sentence

"""The press extractor on text that broke it (found by benchmarks/fuzz_press.py), and the guard that keeps one bad
article from costing a batch the others' events. Sentences are our own."""

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from vigie.cli import app
from vigie.press import dates, linguistics, quantities
from vigie.press.articles import Article
from vigie.press.extract import Extractor

REF = date(2023, 9, 18)  # a Monday


@pytest.mark.parametrize(
    "text",
    [
        "dans la nuit du 31 au 32 mai",  # date(…, 5, 32)
        "le 31 juin, des tirs ont été entendus",
        "le 30 février 2024",
        "les 30 et 31 juin",
        "dans la nuit de vendredi 30 à samedi 31 juin",
        "mi-mai 0000",  # year 0
        "il y a 100000000 jours",  # before year 1
    ],
)
def test_a_day_that_cannot_exist_is_no_date(text):
    assert dates.resolve(text, REF) is None


def test_counts_read_from_digits_are_whole():
    assert dates.resolve("il y a 3 ans", REF) == (date(2020, 1, 1), date(2020, 12, 31))  # 3.0 crashed date()
    assert dates.resolve("il y a 2 semaines", REF) == (date(2023, 9, 4), date(2023, 9, 4))
    assert dates.resolve("le 30 juin", REF) == (date(2023, 6, 30), date(2023, 6, 30))  # a day that exists still is


def test_a_weekday_before_year_one_is_no_date():
    assert dates.resolve("samedi soir", date(1, 1, 1)) is None  # a CMS's empty date read as 0001-01-01
    assert dates.resolve("samedi soir", REF) == (date(2023, 9, 16), date(2023, 9, 16))


def test_values_of_a_sentence_are_copies():
    """drugs and weapons remember their answer per sentence (each event of a long sentence asks again): what a caller
    completes must not change what the next one is given."""
    sentence = "Les douaniers ont saisi 12 kilos de résine et deux fusils à pompe à Sète."
    first = quantities.drugs(sentence)
    first[0]["quantity"] = 99
    first.append({"substance": "cocaine", "quantity": 1, "unit": "kg"})
    assert quantities.drugs(sentence) == [{"substance": "cannabis", "quantity": 12.0, "unit": "kg"}]
    arms = quantities.weapons(sentence, seized=True)
    arms[0]["count"] = 7
    assert quantities.weapons(sentence, seized=True)[0]["count"] == 2


def test_a_total_told_again_per_drug_is_read_right_after_the_mass():
    """The 'drugs in general' rule reads only the words right after a mass (not the whole rest of the sentence)."""
    found = quantities.drugs("Au total, 30 kilos de stupéfiants : 20 kilos de résine et 10 kilos de cocaïne.")
    assert {(d["substance"], d["quantity"]) for d in found} == {("cannabis", 20.0), ("cocaine", 10.0)}


def test_an_article_with_impossible_and_digit_dates_is_extracted(extractor):
    text = (
        "Dans la nuit du 31 au 32 mai, plusieurs coups de feu ont été tirés contre une façade du quartier du "
        "Mirail à Toulouse. Il y a 3 ans, un point de deal y avait déjà été démantelé. Personne n'a été blessé."
    )
    events = extractor.extract(Article("t", REF, "Toulouse : des tirs au Mirail", text))
    assert [(e.type, e.commune) for e in events if e.type == "shooting"] == [("shooting", "31555")]


ARTICLES = {
    "a1": ("Nîmes : un point de deal démantelé", "Mardi, les policiers ont démantelé un point de deal à Nîmes. "
           "Trois hommes ont été interpellés et 2 kilos de résine saisis dans un appartement."),
    "b2": ("Valence : coups de feu", "Dimanche soir, des coups de feu ont été tirés à Valence, dans la Drôme, sur "
           "fond de trafic de stupéfiants. Aucun blessé n'est à déplorer."),
    "c3": ("Sète : saisie de cocaïne", "Jeudi, les douaniers ont saisi 5 kilos de cocaïne à Sète, dans l'Hérault, "
           "lors du contrôle d'une voiture. Le conducteur a été interpellé."),
}  # fmt: skip


def test_one_failing_article_does_not_stop_the_batch(tmp_path, official_db, nlp, monkeypatch):
    """An unexpected error on one article of three: that article gets no events and one line on stderr naming it and
    the error (no traceback); the two others are written as without the failure, and the exit status stays 0."""
    import vigie.press.pipeline

    for name, (title, text) in ARTICLES.items():
        (tmp_path / f"{name}.json").write_text(
            json.dumps({"id": name, "date": "2024-03-12", "title": title, "text": text}), encoding="utf-8"
        )
    monkeypatch.setattr(vigie.press.pipeline, "load_nlp", lambda: nlp)  # the session's model: no second load
    runner = CliRunner()
    args = ["extract", str(tmp_path), "--jsonl", "--db", str(official_db)]
    healthy = runner.invoke(app, args)
    assert healthy.exit_code == 0, healthy.output
    expected = [json.loads(line) for line in healthy.stdout.splitlines()]
    assert all(x["events"] for x in expected)  # each of the three has events when nothing fails

    article = Extractor._article

    def faulty(self, a, paragraphs):
        if a.id == "b2":
            raise RuntimeError("injected\n[failure]")  # a message on two lines, with brackets rich would read as markup
        return article(self, a, paragraphs)

    monkeypatch.setattr(Extractor, "_article", faulty)
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a1", "b2", "c3"]
    assert lines[1]["events"] == []
    assert lines[0] == expected[0] and lines[2] == expected[2]
    warning = [line for line in result.stderr.splitlines() if line.startswith("b2:")]
    assert warning == ["b2: extraction failed (RuntimeError: injected [failure]); no events for this article."]
    assert "Traceback" not in result.stderr and "1 of 3 article(s) failed and have no events: b2." in result.stderr


def test_a_batch_step_that_fails_is_done_again_one_article_at_a_time(extractor, monkeypatch):
    """When a step the batch shares raises (the sentence splitter), the articles are taken one by one, and only the
    one that fails alone is reported."""
    split = Extractor._split

    def faulty(self, paragraphs):
        if any("Valence" in p for p in paragraphs):
            raise RuntimeError("splitter")
        return split(self, paragraphs)

    monkeypatch.setattr(Extractor, "_split", faulty)
    articles = [Article(name, date(2024, 3, 12), title, text) for name, (title, text) in ARTICLES.items()]
    failed = []
    results = extractor.extract_many(articles, lambda a, exc: failed.append((a.id, str(exc))))
    assert failed == [("b2", "splitter")]
    assert results[1] == [] and results[0] and results[2]
    with pytest.raises(RuntimeError):  # without `failed`, the error is raised as before
        extractor.extract_many(articles)


def test_a_run_on_clause_is_not_parsed(extractor):
    """The parse-based qualifiers (spaCy's DependencyMatcher, combinatorial in the clause's length) run on clauses,
    not on run-on text of hundreds of words: a 1,000-token 'clause' took half a minute, one article a whole batch's
    time."""
    ling = extractor.ling
    piece = "les gendarmes n'ont pas saisi de cannabis et personne n'a été interpellé dans la cité"
    parsed = ling.stats["parsed"]
    assert not [t for t in ling._triggers(piece) if t.kind == "seizure"]  # parsed: the denial holds
    assert ling.stats["parsed"] == parsed + 1
    run_on = ", ".join([piece] * 40)
    assert len(ling.doc(run_on)) > linguistics.MAX_PARSED
    ling._triggers(run_on)
    assert ling.stats["parsed"] == parsed + 1  # not parsed

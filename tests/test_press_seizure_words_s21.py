"""Seizures told in two more ordinary wordings (session 21): goods named only as illicit ("Une cargaison de
marchandises illicites a été saisie", extract.SEIZED) and a search said to have borne fruit, its goods listed after
it ("des perquisitions fructueuses : 250 grammes de cocaïne …", rules/triggers.toml seizure.fouille_fructueuse). Our
own sentences; fixtures 1154-1155 carry them in articles."""

from datetime import date

from vigie.press.articles import Article


def kinds(extractor, text, title="Un go-fast intercepté"):
    article = Article(id="t", date=date(2024, 6, 13), title=title, text=text)
    return [(e.type, e.count) for e in extractor.extract(article)]


def test_goods_named_only_as_illicit_make_a_seizure_with_its_arrests(extractor):
    text = (
        "Mercredi, au Marin, les douaniers ont contrôlé un bateau. Une cargaison de marchandises illicites a été "
        "saisie, et trois hommes ont été interpellés."
    )
    assert kinds(extractor, text) == [("seizure", 3)]
    # the words alone, with nothing seized, make none
    text = "Mercredi, au Marin, trois hommes ont été interpellés pour un trafic de produits illicites."
    assert kinds(extractor, text) == [("arrest", 3)]


def test_a_fruitful_search_with_its_goods_is_a_seizure(extractor):
    text = "Mardi, à Blois, les policiers ont mené des perquisitions fructueuses : 250 grammes de cocaïne, 2 300 euros."
    assert kinds(extractor, text, "Blois : coup de filet") == [("seizure", None)]
    text = "Mardi, à Blois, les policiers ont mené des perquisitions, sans résultat."
    assert kinds(extractor, text, "Blois : coup de filet") == []

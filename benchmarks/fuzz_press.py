"""Crash hunt for the press extractor: perturb real articles the way real text varies, extract each variant in
process, and collect every exception (and every variant that takes too long) with the variant that caused it.

One bad article must never cost the others their events (a user's archive of thousands of articles, a checker's
hidden set): this finds the articles that would. The perturbations are those of real press: numbers as digits or
words ("3" / "trois", "1,5", "1.500", "2 000", "18h30", "3e"), dates in every format ("le 03/04/2024",
"2024-04-03", "1er", "mi-juin", "fin 2023", "en 2019-2020", impossible days), quantities and units ("1 kg 5",
"500g", "2,5 t", "10.000 €", "5 M€"), unusual Unicode (non-breaking spaces, curly quotes, em dashes, ligatures,
emoji, zero-width characters, decomposed accents, other scripts' digits, superscripts), very long sentences,
lists, all-caps titles, empty title or text, HTML remnants, URLs, odd publication dates. Seeded: the same seed gives
the same variants.

The articles are those of the open annotated sets (../press_real*, ../press_written1..6; never the held-out ones)
and ../shared/press/dev. The extractor is built as `vigie extract` builds it, on a read-only warehouse.

    .venv/bin/python benchmarks/fuzz_press.py --variants 3000 --seed 1 --db /tmp/lead7/ref.duckdb --out /tmp/r10/fuzz
"""

from __future__ import annotations

import argparse
import json
import random
import re
import signal
import sys
import time
import traceback
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

WORK = Path(__file__).resolve().parents[2]
OPEN_SETS = [
    "press_real",
    *(f"press_real{i}" for i in range(2, 17)),
    *(f"press_written{i}" for i in range(1, 7)),
]  # press_real17, press_real18, press_written7, press_written8 are held out: never read here
WORDS = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
    "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "cent": 100, "mille": 1000,
}  # fmt: skip
DIGIT_WORD = {v: k for k, v in WORDS.items()}
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()

# -- perturbations: (rng, text) -> text ----------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def _insert(rng: random.Random, text: str, phrase: str) -> str:
    """`phrase` put into a random sentence: at its start, after a comma, or before its end."""
    spans = _sentences(text)
    if not spans:
        return phrase + " " + text
    a, b = rng.choice(spans)
    where = rng.choice(["start", "middle", "end"])
    if where == "start":
        return text[:a] + phrase.capitalize() + ", " + text[a:].lstrip()
    if where == "middle":
        cut = text.find(" ", (a + b) // 2, b)
        cut = cut if cut > 0 else a
        return text[:cut] + ", " + phrase + "," + text[cut:]
    end = b - 1 if text[b - 1 : b] in ".!?" else b
    return text[:end] + " " + phrase + text[end:]


def digits_to_words(rng, text):
    return re.sub(r"\b(\d{1,4})\b", lambda m: DIGIT_WORD.get(int(m.group(1)), m.group(1)) if rng.random() < 0.7
                  else m.group(1), text)  # fmt: skip


def words_to_digits(rng, text):
    pattern = r"\b(" + "|".join(WORDS) + r")\b"
    return re.sub(pattern, lambda m: str(WORDS[m.group(1).lower()]) if rng.random() < 0.7 else m.group(1), text,
                  flags=re.I)  # fmt: skip


NUMBER_FORMATS = [
    "1,5", "1.500", "2 000", "2\u00a0000", "2\u202f000", "18h30", "18 h 30", "3e", "3ème", "1er", "1ère", "IIIe",
    "0", "00", "007", "1 000 000", "12.345.678", "1,5 million", "deux millions", "3/4", "½", "50 %", "1e5", "10^6",
    "-5", "+3", "3-4", "3 à 4", "trois-quatre", "une dizaine", "des dizaines", "quatre-vingt-dix-neuf", "1 2 3",
    "999999999999999999999", "0,0001", "1,2,3", "1..5", "٣", "３", "²", "¹⁰", "Ⅳ", "1\u00a0kg\u00a05",
]  # fmt: skip


def number_formats(rng, text):
    """Numbers of the text rewritten in other formats, and formats inserted beside words that count."""
    fmts = NUMBER_FORMATS
    text = re.sub(r"\b\d+\b", lambda m: rng.choice(fmts) if rng.random() < 0.4 else m.group(0), text)
    for _ in range(rng.randint(1, 3)):
        n = rng.choice(fmts)
        text = _insert(rng, text, rng.choice([
            f"{n} personnes ont été interpellées", f"{n} coups de feu", f"{n} blessés", f"{n} morts",
            f"{n} kilos de cannabis", f"{n} grammes de cocaïne", f"{n} pieds de cannabis", f"{n} armes",
            f"{n} euros", f"{n} tirs", f"vers {n}", f"le {n} {rng.choice(MONTHS)}", f"{n} ans", f"{n} fois",
        ]))  # fmt: skip
    return text


def _date_phrases(rng) -> list[str]:
    d, m, y = rng.randint(0, 35), rng.randint(0, 14), rng.choice([1899, 1970, 2019, 2023, 2024, 2025, 2099, 20000])
    month = rng.choice(MONTHS)
    return [
        f"le {d:02d}/{m:02d}/{y}", f"le {d}/{m}/{y % 100:02d}", f"{y}-{m:02d}-{d:02d}", f"le {d}.{m}.{y}",
        f"le 1er {month}", f"le {d} {month}", f"le {d} {month} {y}", f"mi-{month}", f"fin {y}", f"début {y}",
        f"en {y}-{y + 1}", f"en {y}/{y + 1}", f"entre {y} et {y - 3}", f"depuis {y}", f"il y a {d} mois",
        f"il y a {d} ans", f"il y a {d} jours", f"il y a {rng.choice(list(WORDS))} semaines", "il y a 1,5 an",
        f"dans la nuit du {d} au {d + 1} {month}", f"dans la nuit du {d} au {d - 1} {month}",
        f"du {d} au {d + 2} {month}", f"les {d} et {d + 1} {month} {y}", f"entre le {d} et le {d - 2} {month}",
        "le 29 février", f"le 31 {month}", f"le 30 février {y}", f"le {d} {month} dernier", f"le {d} {month} prochain",
        "dans la nuit de samedi 12 à dimanche 13 février", "samedi 31 juin", f"mardi {d}", f"le mardi {d} {month}",
        f"courant {month}", f"au printemps {y}", f"l'hiver {y}", "l'été dernier", "cet automne", "la semaine passée",
        f"vers {d}h{m:02d}", f"à {d}h", f"à {d} heures {m}", "à 25h70", f"au {d}e siècle", f"dans les années {y % 100}",
        f"le week-end du {d} {month}", f"le {d}-{d + 1} {month}", f"{month} {y}", f"en {month}",
        "il y a un an jour pour jour",
        "le lendemain", f"{d} jours plus tard", f"{d} jours après", "la veille", "l'avant-veille", "avant-hier",
        f"depuis le {d} {month}", f"jusqu'au {d} {month}", f"au {d} {month}", f"le {d}er {month}",
    ]  # fmt: skip


def date_formats(rng, text):
    for _ in range(rng.randint(1, 4)):
        text = _insert(rng, text, rng.choice(_date_phrases(rng)))
    return text


def date_rewrite(rng, text):
    """Dates of the text ('le 3 juin', 'samedi 5 mars') with impossible or odd day numbers."""
    return re.sub(rf"\b(\d{{1,2}})(er)? ({'|'.join(MONTHS)})\b",
                  lambda m: f"{rng.choice([0, 29, 30, 31, 32, 99, int(m.group(1))])}{m.group(2) or ''} {m.group(3)}",
                  text)  # fmt: skip


QUANTITIES = [
    "1 kg 5", "500g", "2,5 t", "10.000 €", "5 M€", "1,5 M€", "3 Md€", "€5000", "5000 EUR", "100 000 euros",
    "2 kilos 300",
    "1,2 tonne", "une tonne et demie", "une demi-tonne", "un tiers de tonne", "0 kg", "1.5kg", "1,5kg", "300 gr",
    "30 g", "2 l", "12 kg de résine et 3 kg d'herbe", "1 kg 500 de cocaïne", "10 000 000 000 €", "1/2 kilo",
    "3 kg et demi", "environ 2 kg", "près de 40 kilos", "plus d'une tonne", "des centaines de kilos", "5 kg d'héroïne",
    "12 plaquettes de résine", "200 cachets d'ecstasy", "3 ballots", "une kalachnikov", "deux fusils d'assaut",
    "4 armes de poing", "1 000 pieds de cannabis", "200 000 € en liquide", "50 000 euros en petites coupures",
    "1,5 million d'euros", "deux millions d'euros", "5 millions €", "1 kilo 5", "un kilo 500", "2kg500", "7 kg.",
]  # fmt: skip


def quantities(rng, text):
    for _ in range(rng.randint(1, 4)):
        q = rng.choice(QUANTITIES)
        text = _insert(rng, text, rng.choice([
            f"les enquêteurs ont saisi {q}", f"{q} ont été découverts", f"la saisie de {q}", f"{q} de cannabis",
            f"{q} de cocaïne", q,
        ]))  # fmt: skip
    return text


def nbsp(rng, text):
    space = rng.choice(["\u00a0", "\u202f", "\u2009", "\u2007", "\t", "  ", "\u3000"])
    return re.sub(r" ", lambda m: space if rng.random() < 0.5 else " ", text)


def typography(rng, text):
    text = text.replace("'", rng.choice(["\u2019", "\u2018", "\u02bc", "´", "`", "'"]))
    text = re.sub(r'"([^"]*)"', lambda m: "« " + m.group(1) + " »", text)
    text = text.replace(" - ", rng.choice([" \u2014 ", " \u2013 ", " \u2012 ", "\u2014"]))
    text = text.replace("...", "\u2026")
    text = text.replace("oe", "\u0153").replace("fi", "\ufb01").replace("fl", "\ufb02")
    return text


def invisible(rng, text):
    chars = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060", "\u200e", "\u202e"]
    out = []
    for ch in text:
        out.append(ch)
        if rng.random() < 0.02:
            out.append(rng.choice(chars))
    return "".join(out)


def emoji(rng, text):
    for _ in range(rng.randint(1, 5)):
        text = _insert(rng, text, rng.choice(["🚨", "🔫", "👮‍♂️", "🇫🇷", "😱😱😱", "➡️", "✅", "❌", "©", "™", "𝐔𝐑𝐆𝐄𝐍𝐓"]))
    return text


def nfd(rng, text):
    return unicodedata.normalize(rng.choice(["NFD", "NFKD", "NFKC"]), text)


def long_sentence(rng, text):
    """Sentences joined by commas into one, or one sentence repeated hundreds of times without a full stop."""
    if rng.random() < 0.5:
        return re.sub(r"\.\s+", ", ", text)
    spans = _sentences(text)
    if not spans:
        return text
    a, b = rng.choice(spans)
    piece = text[a:b].rstrip(".!? ")
    return text[:a] + ", ".join([piece] * rng.randint(20, 200)) + "." + text[b:]


def lists(rng, text):
    bullet = rng.choice(["- ", "• ", "* ", "1) ", "– ", "> ", "· "])
    spans = _sentences(text)
    return "\n".join(bullet + text[a:b].strip() for a, b in spans)


def caps(rng, text):
    return text.upper() if rng.random() < 0.5 else text.title()


def html(rng, text):
    paragraphs = text.split("\n\n")
    tag = rng.choice(["<p>{}</p>", "<div class='x'>{}</div>", "{}<br/>", "<p>{}", "&nbsp;{}&nbsp;", "<b>{}</b>"])
    text = "\n".join(tag.format(p) for p in paragraphs)
    return rng.choice(["", "<script>var a = 1 < 2;</script>", "<!-- pub -->", "&amp; &eacute; &#233; &#x2019;"]) + text


def urls(rng, text):
    for _ in range(rng.randint(1, 3)):
        text = _insert(rng, text, rng.choice([
            "https://www.example.fr/faits-divers/2024/03/04/a-12345.html?utm=1#x", "www.ladepeche.fr",
            "contact@example.fr", "@Prefet_Gard", "#Marseille", "(Photo d'illustration AFP)", "Lire aussi : ",
            "[VIDÉO]", "{{placeholder}}", "\\n", "$1", "%s", "(((", ")))", "[[", "]]", "\\", "|", "^$", "(?P<x>",
        ]))  # fmt: skip
    return text


def structure(rng, text):
    """Paragraph breaks lost, multiplied, Windows line ends, a text cut mid-word, the text told twice, shuffled."""
    k = rng.randrange(7)
    if k == 0:
        return text.replace("\n", " ")
    if k == 1:
        return text.replace("\n", "\n\n\n\n")
    if k == 2:
        return text.replace("\n", "\r\n")
    if k == 3:
        return text[: rng.randrange(len(text) + 1)]
    if k == 4:
        return text + "\n\n" + text
    if k == 5:
        paragraphs = text.split("\n\n")
        rng.shuffle(paragraphs)
        return "\n\n".join(paragraphs)
    return "\r".join(text.split("\n"))


def punctuation(rng, text):
    marks = ["...", "?!", "!!!", " ;", " :", "(", ")", "«", "»", '"', "/", "’", ",,", ". .", "-", "--", "_", "..."]
    out = []
    for word in text.split(" "):
        out.append(word)
        if rng.random() < 0.05:
            out.append(rng.choice(marks))
    return " ".join(out)


def noise_words(rng, text):
    """Words the rules look for, in odd company: triggers alone, negations, towns and districts out of place."""
    for _ in range(rng.randint(1, 4)):
        text = _insert(rng, text, rng.choice([
            "à", "à à", "quartier", "le quartier de", "près de", "à hauteur de", "entre", "rue de", "dont", "dont un",
            "tirs", "fusillade", "saisi", "interpellé", "point de deal", "ne ... pas", "aucun", "sans", "personne",
            "à Saint-", "à L'", "à Le", "en Seine-Saint-Denis", "à Marseille (13)", "à Paris 18e", "Marseille 13e",
            "dans le 93", "à Y", "à Eu", "au Pin", "à Bordeaux, Lyon, Lille, Nantes, Rennes et Toulouse",
            "entre Lyon et", "aux abords de", "à proximité de la", "la cité", "Kervénanec", "en Corse-du-Sud",
            "à Saint-Denis (La Réunion)", "à Mayotte", "aux Antilles", "en Outre-mer", "au Maroc", "à l'étranger",
        ]))  # fmt: skip
    return text


TOLLS = [
    "3 blessés dont 1 mort", "un mort et 0 blessé", "deux blessés, dont un grièvement", "1 tué, 2 blessés",
    "aucun blessé", "pas de victime ni de blessé", "cinq blessés dont deux décédés", "un homme de 19 ans a été tué",
    "touché à la jambe", "blessé par balle à 3 reprises", "tué de 12 balles", "10 morts et 200 blessés",
    "un adolescent de 15 ans blessé", "aucune interpellation", "3 interpellations",
    "12 personnes placées en garde à vue",
    "une quinzaine de personnes interpellées", "2 hommes et 1 femme interpellés", "des tirs de mortier", "une rafale",
]  # fmt: skip
PLACES = [
    "à Saint-Denis (93)", "à Villeneuve-d\u2019Ascq", "à L'Haÿ-les-Roses", "à Œuilly", "à Sainte-Marie (La Réunion)",
    "à Saint-Laurent-du-Maroni", "à Paris (XVIIIe)", "dans le XIIIe arrondissement de Marseille", "à Lyon 8e",
    "à Marseille, Toulouse et Lille", "entre Nîmes et Montpellier", "près d'Avignon", "à hauteur de Valence",
    "sur l'A7", "à la gare Saint-Charles", "rue de Paris à Rennes", "au quartier des Izards", "cité des Tarterêts",
    "dans le Val-de-Marne", "en Guyane", "à Mamoudzou", "aux Mureaux", "à Y", "à Sainte-Anne", "au Havre",
]  # fmt: skip


def tolls(rng, text):
    for _ in range(rng.randint(1, 3)):
        text = _insert(rng, text, rng.choice(TOLLS))
    return text


def places(rng, text):
    for _ in range(rng.randint(1, 3)):
        text = _insert(rng, text, rng.choice(PLACES))
    return text


SPLICE: list = []  # every article's text, filled by main(): paragraphs of one article put into another


def splice(rng, text):
    other = rng.choice(SPLICE).split("\n\n") if SPLICE else []
    mine = text.split("\n\n")
    for p in rng.sample(other, min(len(other), rng.randint(1, 3))):
        mine.insert(rng.randrange(len(mine) + 1), p)
    return "\n\n".join(mine)


def drop_words(rng, text):
    return " ".join(w for w in text.split(" ") if rng.random() > 0.12)


PERTURBATIONS = [
    digits_to_words, words_to_digits, number_formats, date_formats, date_rewrite, quantities, nbsp, typography,
    invisible, emoji, nfd, long_sentence, lists, caps, html, urls, structure, punctuation, noise_words, tolls, places,
    splice, drop_words,
]  # fmt: skip


def odd_article(rng, article):
    """Whole-article oddities: empty or all-caps title, empty or blank text, a title only, odd publication dates."""
    k = rng.randrange(8)
    if k == 0:
        return replace(article, title="")
    if k == 1:
        return replace(article, title=article.title.upper())
    if k == 2:
        return replace(article, text=rng.choice(["", " ", "\n\n", ".", "à", "\u200b"]))
    if k == 3:
        return replace(article, text=article.title, title="")
    if k == 4:
        return replace(
            article, date=rng.choice([date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), date(1970, 1, 1)])
        )
    if k == 5:
        return replace(article, title=article.title + " " + article.text[:2000])
    if k == 6:
        return replace(article, title=article.title.replace(" : ", " :: ").replace(":", " - "))
    return replace(article, date=date(rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28)))


def variant(rng: random.Random, article):
    """One variant of `article` and the names of what was done to it."""
    names = []
    if rng.random() < 0.15:
        article = odd_article(rng, article)
        names.append("odd_article")
    for f in rng.sample(PERTURBATIONS, rng.choice([1, 1, 2, 2, 3])):
        field = "title" if rng.random() < 0.15 else "text"
        article = replace(article, **{field: f(rng, getattr(article, field))})
        names.append(f"{f.__name__}({field})")
    return article, names


# -- running -------------------------------------------------------------------------------------------------------


class TooLong(Exception):
    pass


def _alarm(signum, frame):
    raise TooLong("took longer than the limit")


def where(exc: BaseException) -> str:
    """The innermost frame of vigie's own code: where the crash happened."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/vigie/" in f.filename]
    f = frames[-1] if frames else traceback.extract_tb(exc.__traceback__)[-1]
    return f"{f.filename.split('/src/')[-1]}:{f.lineno} {f.name}"


def load_articles():
    from vigie.press.articles import read

    folders = [WORK / s / "articles" for s in OPEN_SETS] + [WORK / "shared" / "press" / "dev"]
    return [a for folder in folders for a in read(str(folder))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--variants", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="/tmp/lead7/ref.duckdb", help="a warehouse with the commune reference")
    parser.add_argument("--out", default="/tmp/fuzz_press", help="folder for the crashing variants")
    parser.add_argument("--limit", type=float, default=30, help="seconds per article after which it counts as a hang")
    parser.add_argument("--batch", type=int, default=1, help="variants extracted together, as `vigie extract` does")
    parser.add_argument("--only", help="run only the variants of this comma-separated list of numbers")
    args = parser.parse_args()
    from vigie.press.pipeline import load_extractor

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = load_articles()
    SPLICE.extend(a.text for a in articles)
    extractor = load_extractor(warehouse_path=Path(args.db))
    signal.signal(signal.SIGALRM, _alarm)
    only = {int(x) for x in args.only.split(",")} if args.only else None
    rng = random.Random(args.seed)
    crashes: dict[str, list[dict]] = {}
    ran, start = 0, time.perf_counter()
    slowest = (0.0, None)

    def record(key: str, entry: dict, art, trace: str) -> None:
        if len(crashes.setdefault(key, [])) < 5:
            (out / f"{art.id}.json").write_text(json.dumps(
                {"id": art.id, "date": art.date.isoformat(), "title": art.title, "text": art.text, "fuzz": entry,
                 "traceback": trace}, ensure_ascii=False, indent=1))  # fmt: skip
        crashes[key].append(entry)

    def attempt(batch: list) -> BaseException | None:
        signal.setitimer(signal.ITIMER_REAL, args.limit * len(batch))
        try:
            extractor.extract_many([art for art, _ in batch])
        except Exception as exc:  # noqa: BLE001 - every crash is what we look for
            exc.trace = traceback.format_exc()
            return exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return None

    batch: list = []
    for i in range(args.variants):
        base = articles[rng.randrange(len(articles))]
        seed = rng.randrange(2**32)  # each variant has its own seed: --only reruns it alone
        if only is not None and i not in only:
            continue
        art, names = variant(random.Random(seed), base)
        batch.append(
            (replace(art, id=f"v{i:05d}_{base.id}"), {"variant": i, "article": base.id, "perturbations": names})
        )
        if len(batch) < args.batch and i < args.variants - 1:
            continue
        t0 = time.perf_counter()
        exc = attempt(batch)
        took = (time.perf_counter() - t0) / len(batch)
        slowest = max(slowest, (took, batch[0][0].id), key=lambda x: x[0])
        if exc is not None:  # which one? each alone; a batch none of whose articles fails alone is recorded whole
            alone = [(art, entry, attempt([(art, entry)])) for art, entry in batch] if len(batch) > 1 else [
                (*batch[0], exc)]  # fmt: skip
            for art, entry, e in alone:
                if e is not None:
                    record(f"{type(e).__name__} at {where(e)}", {**entry, "error": f"{type(e).__name__}: {e}"}, art,
                           e.trace)  # fmt: skip
            if all(e is None for _, _, e in alone):
                ids = [entry["variant"] for _, entry in batch]
                record(f"in a batch only: {type(exc).__name__} at {where(exc)}",
                       {"variants": ids, "error": f"{type(exc).__name__}: {exc}"}, batch[0][0], exc.trace)  # fmt: skip
        ran += len(batch)
        batch = []
        if ran % 250 < args.batch:
            print(f"{ran} variants, {sum(map(len, crashes.values()))} crashes, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr)  # fmt: skip
    summary = {
        "seed": args.seed,
        "variants": ran,
        "batch": args.batch,
        "articles": len(articles),
        "seconds": round(time.perf_counter() - start, 1),
        "slowest": {"seconds per article": round(slowest[0], 2), "id": slowest[1]},
        "crashes": {
            k: {"count": len(v), "first": v[0]} for k, v in sorted(crashes.items(), key=lambda kv: -len(kv[1]))
        },
    }
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1))
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

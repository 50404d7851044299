"""A benchmark corpus for `vigie press ingest`: N articles in one JSONL file, generated from tests/press_fixtures.

Article i is fixture i mod 182 (the fixtures in name order), varied with a generator seeded by i:
- date: the publication date moved back by 0–1,500 days (relative dates, "samedi soir", follow it);
- towns: every town of ≥ 20,000 inhabitants the article names (whole-word match of its official name) is replaced,
  everywhere in the title and text, by a town of ≥ 10,000 inhabitants drawn from the commune reference;
- sentences: each paragraph after the first is kept with probability 0.8, and one of a few neutral sentences is
  added to a random paragraph, with the article's number, so that no two texts are the same (none is skipped as
  already stored); paragraphs of four neutral sentences (residents, mayor, landlord…) are then added until the text
  has 2,000 characters, the length of a short regional article (the fixtures alone average 390).
The corpus is realistic in length and in its mix of events, not in content.

    .venv/bin/python benchmarks/make_corpus.py --articles 20000 --out .cache/bench/corpus_20000.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from measure import ROOT, SHARED

FIXTURES = ROOT / "tests" / "press_fixtures"
COMMUNES = SHARED / "data" / "geo" / "decoupage-administratif-6.0.0" / "communes.json"
NEUTRAL = [
    "L'enquête a été confiée à la police judiciaire.",
    "Les investigations se poursuivent.",
    "Une cellule d'écoute a été mise en place à la mairie.",
    "Le maire a réagi dans la soirée sur les réseaux sociaux.",
    "Les riverains disent leur lassitude.",
    "Contactée, la préfecture n'a pas souhaité commenter.",
    "Plusieurs habitants rencontrés au pied des immeubles ont accepté de témoigner, sous couvert d'anonymat.",
    "« On ne laisse plus les enfants descendre seuls », confie une mère de famille installée ici depuis vingt ans.",
    "Le bailleur social promet de nouveaux travaux d'éclairage et la pose de portes sécurisées d'ici l'été.",
    "Une réunion publique doit se tenir le mois prochain en présence des élus et des associations du quartier.",
    "Les commerçants de la place centrale évoquent une baisse de leur chiffre d'affaires depuis plusieurs mois.",
    "L'opposition municipale réclame davantage de moyens pour la police municipale et la vidéoprotection.",
    "Les éducateurs de prévention rappellent que la plupart des jeunes du secteur n'ont rien à voir avec tout cela.",
    "Un numéro vert reste à la disposition des familles qui souhaitent être accompagnées.",
]
LENGTH = 2_000  # characters: a short regional press article (the fixtures alone average 390)


def towns() -> tuple[list[str], list[str]]:
    """(names of towns ≥ 20,000 to look for, longest first; names of towns ≥ 10,000 to put instead)."""
    rows = json.loads(COMMUNES.read_text(encoding="utf-8"))
    current = [r for r in rows if r.get("type") == "commune-actuelle" and r.get("population")]
    big = sorted({r["nom"] for r in current if r["population"] >= 20_000}, key=len, reverse=True)
    medium = sorted({r["nom"] for r in current if r["population"] >= 10_000})
    return big, medium


def vary(article: dict, i: int, big: re.Pattern, medium: list[str]) -> dict:
    rng = random.Random(i)
    day = date.fromisoformat(article["date"]) - timedelta(days=rng.randint(0, 1500))
    named = dict.fromkeys(big.findall(article["title"] + "\n" + article["text"]))
    swap = {name: rng.choice(medium) for name in named}

    def place(text: str) -> str:
        return big.sub(lambda m: swap[m.group(0)], text) if swap else text

    paragraphs = [p for p in article["text"].split("\n\n") if p.strip()]
    kept = paragraphs[:1] + [p for p in paragraphs[1:] if rng.random() < 0.8]
    k = rng.randrange(len(kept))
    kept[k] = kept[k] + " " + rng.choice(NEUTRAL) + f" ({i})"
    while sum(len(p) for p in kept) < LENGTH:  # background paragraphs, as real articles have
        kept.append(" ".join(rng.sample(NEUTRAL, 4)))
    return {
        "id": f"bench-{i:07d}",
        "date": day.isoformat(),
        "title": place(article["title"]),
        "text": place("\n\n".join(kept)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    fixtures = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    names, medium = towns()
    big = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.articles):
            out.write(json.dumps(vary(fixtures[i % len(fixtures)], i, big, medium), ensure_ascii=False) + "\n")
    print(f"{args.articles} articles from {len(fixtures)} fixtures → {args.out}")


if __name__ == "__main__":
    main()

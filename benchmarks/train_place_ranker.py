"""Could a learned ranker choose each press event's place better than the hand rules? Leave-one-set-out answer.

Usage (the annotated sets stay outside the repository; never pass a held-out set you must not open):
    .venv/bin/python benchmarks/train_place_ranker.py /work/press_real /work/press_real2 ... \
        --db /tmp/lead7/ref.duckdb [--scorer ../shared/press/score.py] [--model logit|lambdarank]

Each set is a folder with articles/ and gold/. The extractor runs on every set with its hand rules; every predicted
event paired by type with a gold event (score.py's match with same_location=False) gives one group of candidates:
every place its article names (each location once, described by how and where it is named: `features`), the rules'
own choice, and the départements of those places (and "several départements", commune and département null) as
areas of geo_precision 3. A candidate is right when it is the gold event's location (commune, else département),
as score.py compares them. The script prints:
- the ceiling: how often the gold location is among the named places, and among the candidates with the areas;
- leave-one-set-out: for each set, a model trained on the other sets' groups chooses the place of each of the set's
  events (the candidate it scores highest, the rules' choice on a tie), and the set is scored by score.py (matched
  events, false positives, relaxed location accuracy) against the rules' own output of the same run;
- the weights of the logit trained on every set.

`logit` is a conditional logit (a logistic regression without intercept on the differences between the right
candidate and each wrong one of an event, both signs: only what tells one event's candidates apart is learnt);
`lambdarank` is LightGBM's ranker with small trees. The rules' choice is a feature, so a model moves an event only
where the other features outweigh it. Session 8 (HEAD 434c1dd) found neither worth integrating: the rules chose the
right named place for 418 of the 422 paired events whose gold place the article names, and most errors left are a
town where the gold has an area (an operation spread over a département), about 16 cases in 443, on which these
features split about evenly (a headline naming a département and no town, no place in the event's sentence: 8 areas,
7 towns).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from press_compare import SCORER  # ../shared/press, wherever this script is run from

from vigie.press import articles as press_articles
from vigie.press.geography import ArticlePlaces, surfaces
from vigie.press.pipeline import load_extractor
from vigie.press.places import Place

LEAD = 400  # the lead: the first characters of the text, where the article says where it is

FEATURES = (
    "rule",  # the hand rules' choice
    "in_clause",  # named in the event's clause
    "in_sentence",  # named in the event's sentence
    "locative_in_sentence",  # named after "à", "dans", … in the sentence (rank 0 or 1)
    "officers_in_sentence",  # named as the officers' town in the sentence ("les gendarmes de X")
    "before_sentence",  # named before the sentence: 1 / (1 + the sentences between)
    "after_sentence",  # named only after the sentence
    "mentions",  # log(1 + how many times the article names it as a place)
    "locative_mentions",  # log(1 + how many times after a locative)
    "origin_mentions",  # log(1 + how many times as an origin, a home or an institution: "le parquet de X")
    "in_title",
    "in_lead",
    "main_town",  # one of the article's main towns (geography.main_towns)
    "first_main_town",
    "main_place",  # the article's main place (headline, else lead)
    "district",  # named as a district of its town
    "population",  # log10 of the commune's people (0 for a département)
    "near",  # geo_precision 2
    "area",  # geo_precision 3
    "departement_named",  # its département is named by the article
    # the département itself (geo_precision 3, commune null), or no département when the article's places span
    # several: an operation told across the communes of an area, with no one commune of its own
    "departement_level",
    "departement_level_no_place",  # … for an event whose sentence names no place
    "departement_level_communes",  # … log(1 + the communes of that area the article names as places)
    "departement_level_operation",  # … for a seizure or an arrest
    "several_departements",  # the area is several départements (departement null)
    "departement_in_title",  # … named by the headline (two or more named, for several départements)
    "departement_in_lead",  # … named by the lead
    "departement_level_title_town",  # … in an article whose headline names a commune as a place
)
OPERATIONS = {"seizure", "arrest"}


def location(place: Place) -> tuple:
    """The key the scorer compares places by: the commune, else the département."""
    return ("commune", place.code) if place.code else ("dep", place.departement)


@dataclass
class Named:
    """What the article says of one place (one location key)."""

    place: Place
    starts: list[int]
    ranks: list[int]
    origins: int = 0


def article_places(deps: ArticlePlaces) -> dict[tuple, Named]:
    """Every place the article names, once per article (kept on the resolver): location key → how it is named."""
    cached = getattr(deps, "_ranker_places", None)
    if cached is not None:
        return cached
    out: dict[tuple, Named] = {}
    for rank, start, place in sorted(deps.mentions(deps.text), key=lambda x: x[1]):
        named = out.setdefault(location(place), Named(place, [], []))
        named.starts.append(start)
        named.ranks.append(rank)
    for mention in surfaces(deps.text):  # origins, homes and institutions: no place, but say which town it is
        choice = deps.resolve(mention, deps.text)
        if choice.origin:
            found = deps.commune_at(mention.surface)
            if found is not None and location(found) in out:
                out[location(found)].origins += 1
    deps._ranker_places = out
    return out


def _sentence_index(text: str, at: int) -> int:
    return len(re.findall(r"[.!?]\s|\n", text[:at]))


def features(
    deps: ArticlePlaces, kind: str, clause: str, sentence: str, rule: Place, main: Place | None
) -> list[tuple]:
    """The candidates of one event as (location key, place, features): every place the article names, the rules'
    choice, and the départements of these places (and none, when they are several) as areas."""
    whole = deps.text
    named = article_places(deps)
    at = whole.find(sentence) if sentence else -1
    end = at + len(sentence) if at >= 0 else -1
    here = _sentence_index(whole, at) if at >= 0 else None
    title_end = whole.find("\n")
    in_clause = {location(p) for p in deps.places(clause)} if clause else set()
    sentence_ranks: dict[tuple, int] = {}
    for rank, _, place in deps.mentions(sentence) if sentence else []:
        key = location(place)
        sentence_ranks[key] = min(rank, sentence_ranks.get(key, 9))
    keys = dict.fromkeys([*named, location(rule)])
    communes = {}  # département → the communes named as places there
    for key in keys:
        place = rule if key == location(rule) else named[key].place
        if place.code:
            communes.setdefault(place.departement, set()).add(place.code)
    areas = {("dep", d): len(c) for d, c in communes.items() if d}
    if len(areas) > 1:
        areas[("dep", None)] = sum(areas.values())
    areas = {k: n for k, n in areas.items() if k not in keys}
    main_key = location(main) if main is not None else None
    out = []
    for key in keys:
        info = named.get(key)
        place = rule if key == location(rule) else info.place
        starts = info.starts if info else []
        f = dict.fromkeys(FEATURES, 0.0)
        f["rule"] = float(key == location(rule))
        f["in_clause"] = float(key in in_clause)
        f["in_sentence"] = float(key in sentence_ranks or (at >= 0 and any(at <= s < end for s in starts)))
        f["locative_in_sentence"] = float(sentence_ranks.get(key, 9) <= 1)
        f["officers_in_sentence"] = float(sentence_ranks.get(key) == 4)
        before = [s for s in starts if at >= 0 and s < at]
        if here is not None and before:
            f["before_sentence"] = 1.0 / (1.0 + here - _sentence_index(whole, before[-1]))
        f["after_sentence"] = float(here is not None and bool(starts) and not before and min(starts) >= end)
        f["mentions"] = math.log1p(len(starts))
        f["locative_mentions"] = math.log1p(sum(r <= 1 for r in (info.ranks if info else [])))
        f["origin_mentions"] = math.log1p(info.origins if info else 0)
        f["in_title"] = float(any(s < title_end for s in starts))
        f["in_lead"] = float(any(title_end < s < title_end + LEAD for s in starts))
        f["main_town"] = float(place.code in deps.towns if place.code else False)
        f["first_main_town"] = float(bool(deps.towns) and place.code == deps.towns[0])
        f["main_place"] = float(key == main_key)
        f["district"] = float(place.why is not None and not place.why.kind.startswith("commune"))
        population = deps.gaz.info.get(place.code, (None, 0))[1] if place.code else 0
        f["population"] = math.log10(population) if population and population > 0 else 0.0
        f["near"] = float(place.precision == 2)
        f["area"] = float(place.precision == 3)
        f["departement_named"] = float(place.departement in deps)
        out.append((key, place, f))
    no_place = not sentence_ranks
    title, lead = whole[: max(title_end, 0)], whole[max(title_end, 0) : max(title_end, 0) + LEAD]
    in_title, in_lead = deps.gaz.departements_in(title), deps.gaz.departements_in(lead)
    title_town = any(s < title_end for n in named.values() if n.place.code for s in n.starts)
    for key, n in areas.items():
        f = dict.fromkeys(FEATURES, 0.0)
        f["area"] = 1.0
        f["departement_named"] = float(key[1] in deps)
        f["departement_level"] = 1.0
        f["departement_level_no_place"] = float(no_place)
        f["departement_level_communes"] = math.log1p(n)
        f["departement_level_operation"] = float(kind in OPERATIONS)
        f["several_departements"] = float(key[1] is None)
        f["departement_in_title"] = float(key[1] in in_title if key[1] else len(in_title) > 1)
        f["departement_in_lead"] = float(key[1] in in_lead if key[1] else len(in_lead) > 1)
        f["departement_level_title_town"] = float(title_town)
        out.append((key, Place(None, key[1], rule.text, rule.start, 3), f))
    return out


# ------------------------------------------------------------------------------------------------ the experiment
def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("press_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def instrument(extractor) -> None:
    """Keep, on every event the extractor makes, the candidates of its place (`features`)."""
    geography, event_of = extractor._geography, extractor._event
    state = {}

    def _geography(article, named):
        deps = geography(article, named)
        state["deps"], state["main"] = deps, deps.main_place(article.title, article.text)
        return deps

    def _event(kind, clause, sentence, place, interval, ref, single):
        event = event_of(kind, clause, sentence, place, interval, ref, single)
        if event is not None:
            event.candidates = features(state["deps"], kind, clause, sentence, place, state["main"])
        return event

    extractor._geography, extractor._event = _geography, _event


def _located(event, place: Place) -> dict:
    out = event.to_dict()
    out.update(commune=place.code, departement=place.departement, place=place.text, geo_precision=place.precision)
    return out


@dataclass
class Group:
    """One event's candidates: their features (one row each), which are right, which one the rules chose."""

    x: np.ndarray
    right: np.ndarray
    rule: int
    named: np.ndarray  # a place the article names (not an area added as a candidate)


def groups(data, scorer) -> list[Group]:
    out = []
    for golds, events in data.values():
        preds = [scorer.Event(e.to_dict()) for e in events]
        for i, j in scorer.match(golds, preds, same_location=False):
            candidates = getattr(events[j], "candidates", None)
            if not candidates:
                continue
            target = golds[i].location
            right = [scorer.Event(_located(events[j], place)).location == target for _, place, _ in candidates]
            x = np.array([[f[n] for n in FEATURES] for _, _, f in candidates], dtype=float)
            rule = next(k for k, (_, _, f) in enumerate(candidates) if f["rule"])
            named = np.array([not f["departement_level"] for _, _, f in candidates])
            out.append(Group(x, np.array(right), rule, named))
    return out


def fit_logit(train: list[Group], c: float = 1.0):
    from sklearn.linear_model import LogisticRegression

    diffs = [pos - neg for g in train for pos in g.x[g.right] for neg in g.x[~g.right]]
    d = np.array(diffs)
    model = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    model.fit(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))])
    weights = model.coef_[0]
    return lambda x: x @ weights, weights


def fit_lambdarank(train: list[Group]):
    import lightgbm

    params = dict(objective="lambdarank", num_leaves=4, min_data_in_leaf=20, learning_rate=0.05, verbose=-1)
    data = lightgbm.Dataset(
        np.vstack([g.x for g in train]),
        np.concatenate([g.right for g in train]).astype(int),
        group=[len(g.right) for g in train],
    )
    booster = lightgbm.train({**params, "num_threads": 1}, data, 200)
    return booster.predict, None


def rescored(data, score, scorer):
    """The set's predictions with each event's place chosen by `score` (the rules' choice on a tie)."""
    pred = {}
    for aid, (_, events) in data.items():
        out = []
        for e in events:
            candidates = getattr(e, "candidates", None)
            if candidates and len(candidates) > 1:
                x = np.array([[f[n] for n in FEATURES] for _, _, f in candidates], dtype=float)
                s = score(x) + 1e-9 * x[:, FEATURES.index("rule")]
                out.append(scorer.Event(_located(e, candidates[int(np.argmax(s))][1])))
            else:
                out.append(scorer.Event(e.to_dict()))
        pred[aid] = out
    return pred


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, default=Path(SCORER) / "score.py")
    parser.add_argument("--model", choices=("logit", "lambdarank"), default="logit")
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    extractor = load_extractor(warehouse_path=args.db)
    instrument(extractor)
    sets = {}
    for folder in args.sets:
        found = press_articles.read(str(folder / "articles"))
        gold = scorer.load_gold(str(folder / "gold"))
        data = {
            a.id: (gold.get(a.id, []), events) for a, events in zip(found, extractor.extract_many(found), strict=True)
        }
        sets[folder.name] = (data, gold, groups(data, scorer))
    print(
        "ceiling: type-paired events whose gold location is a place the article names / is a candidate with the "
        "areas / is the rules' choice"
    )
    for name, (_, _, gs) in [*sets.items(), ("all", (None, None, [g for s in sets.values() for g in s[2]]))]:
        named = sum(bool((g.right & g.named).any()) for g in gs)
        anywhere = sum(bool(g.right.any()) for g in gs)
        rules = sum(bool(g.right[g.rule]) for g in gs)
        print(f"  {name:15s} {named:3d} / {anywhere:3d} / {rules:3d} of {len(gs):3d}")
    fit = fit_logit if args.model == "logit" else fit_lambdarank
    print(f"\nleave-one-set-out, {args.model} (rules → model): matched events, false positives, relaxed location")
    print("| held-out set | matched | false positives | relaxed location |\n|---|---|---|---|")
    deltas = []
    for name, (data, gold, _) in sets.items():
        score, _ = fit([g for other, (_, _, gs) in sets.items() if other != name for g in gs])
        before, _ = scorer.score(gold, {aid: [scorer.Event(e.to_dict()) for e in ev] for aid, (_, ev) in data.items()})
        after, _ = scorer.score(gold, rescored(data, score, scorer))
        deltas.append(after["matched"] - before["matched"])
        fp = [r["pred_events"] - r["matched"] for r in (before, after)]
        rl = [r["relaxed_location_accuracy"] or 0.0 for r in (before, after)]
        print(
            f"| {name} | {before['matched']} → {after['matched']} ({deltas[-1]:+d}) | {fp[0]} → {fp[1]} | "
            f"{rl[0]:.2f} → {rl[1]:.2f} |"
        )
    print(
        f"held-out sets won {sum(d > 0 for d in deltas)}, lost {sum(d < 0 for d in deltas)} (by more than one "
        f"event: {sum(d < -1 for d in deltas)}) of {len(deltas)}; matched events {sum(deltas):+d} in all"
    )
    if args.model == "logit":
        _, weights = fit_logit([g for _, _, gs in sets.values() for g in gs])
        print("\nweights of the logit trained on every set:")
        for f, w in zip(FEATURES, weights, strict=True):
            print(f"  {f:28s} {w:+.3f}")


if __name__ == "__main__":
    sys.exit(main())

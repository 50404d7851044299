"""Train the press extractor's learned sentence-level event detector (src/vigie/press/detector.py) and measure it
leave-one-set-out: at the sentence level (average precision per type) and at the event level (score.py's F1 of the
extractor with and without it).

Usage (the annotated sets stay outside the repository; never pass a held-out set you must not open):
    .venv/bin/python benchmarks/train_event_detector.py /work/press_real ... /work/shared/press/dev \
        --fixtures tests/press_fixtures --db /tmp/lead7/ref.duckdb [--events] \
        [--write src/vigie/press/rules/detector.json]

A set is a folder with articles/ and gold/, or a folder of dev-format articles with their events inline. Our own
fixtures (`--fixtures`) are always trained on and never held out, except the fixtures numbered 680–689, kept out of
every model so that tests/test_press_detector.py detects an article the model never saw.

Each article is split as the extractor splits it (its paragraphs, spaCy's sentences rejoined); the headline is one
more sentence. A sentence is positive for type T when a gold event of type T has its evidence in it, or it in the
evidence, or most of its words in the evidence. Features are detector.features of the plain sentence with the types
the trigger rules give it; only features seen in two training articles at least are kept. One logistic regression per
type (scikit-learn, liblinear, L2). The thresholds are chosen inside the training sets only: out-of-fold probabilities
by group k-fold over the training sets; `add` is the lowest probability from which the sentences the rules missed are
positive at a given precision at least, `drop` the highest below which the sentences the rules fired are positive at a
given rate at most (`--configs add:drop,…`, e.g. `0.6:none,0.6:0.005`; none: never drop).

Prints: the sentence-level average precision per type, pooled over the held-out sets, of the logit (and LightGBM with
`--lgbm`) against the rules' own sentence-level precision and recall; with `--events`, per held-out set the matched
events and predictions (F1) of the extractor without and with the models trained without that set, one column per
config, and the sums; with `--event-veto`, the same for a logit that drops the extractor's final events it scores
unlikely to be matched; with `--oracle`, the hook fed the gold types (a perfect detector); with `--ceiling`, the gold
events the extractor misses that no trigger of their type announces, and the model's probability on them.
`--write` trains on every set given with the first config and writes the detector file (`--enable`: on by default).
Session 9's tables and the decision to leave it off: BENCHMARKS.md, "Session 9: a learned event detector".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from press_compare import SCORER  # ../shared/press, wherever this script is run from
from train_place_ranker import load_scorer  # ../shared/press/score.py as a module (run from benchmarks/)

from vigie.press import articles as press_articles
from vigie.press import detector as press_detector
from vigie.press.extract import BACK_REFERENCE, DESCRIBED_POINT, EXCLUDE, NOT_TRIGGERS, _paragraphs
from vigie.press.geography import without_agency_line
from vigie.press.pipeline import load_extractor
from vigie.press.quantities import plain
from vigie.press.schema import TYPES

HELD_OUT_FIXTURES = range(680, 690)  # ours, never trained on: the test's unseen article
GRID_ADD = [round(x, 2) for x in np.arange(0.30, 0.96, 0.05)]
GRID_DROP = [0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.15, 0.2]


@dataclass
class Sentence:
    article: str
    feats: set[str]
    kinds: list[str]  # the types the trigger rules give it
    labels: set[str]  # the types of the gold events it states
    reached: bool  # not excluded whole by the extractor's sentence exclusions (the hook sees it)
    text: str = ""  # kept in memory only (never written)


@dataclass
class Set:
    name: str
    folder: Path
    articles: list = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    gold_events: dict = field(default_factory=dict)  # article id → raw gold events


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip().lower()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def overlaps(sentence: str, evidence: str) -> bool:
    s, e = _norm(sentence), _norm(evidence)
    if not s or not e:
        return False
    if s in e or e in s:
        return True
    ws, we = _words(s), set(_words(e))
    return len(ws) >= 4 and sum(w in we for w in ws) / len(ws) >= 0.8


def read_set(folder: Path, skip=()) -> Set:
    inline = not (folder / "articles").is_dir()
    found = press_articles.read(str(folder if inline else folder / "articles"))
    out = Set(folder.name, folder)
    gold_dir = folder if inline else folder / "gold"
    for a in found:
        if any(a.id.startswith(f"{n:03d}_") for n in skip):
            continue
        path = gold_dir / f"{a.id}.json"
        events = json.loads(path.read_text(encoding="utf-8")).get("events", []) if path.exists() else []
        out.articles.append(a)
        out.gold_events[a.id] = events
    return out


def sentences_of(extractor, s: Set) -> None:
    ling = extractor.ling
    texts = [without_agency_line(a.text) for a in s.articles]
    paragraphs = [_paragraphs(t) for t in texts]
    split = iter(extractor._split([p for ps in paragraphs for p in ps]))
    for a, ps in zip(s.articles, paragraphs, strict=True):
        ling.forget()
        sentences = [a.title] if a.title.strip() else []
        sentences += [x for _ in ps for x in next(split)]
        for sentence in sentences:
            text = plain(sentence)
            trigger_text = re.sub(BACK_REFERENCE + "|" + NOT_TRIGGERS, " ", text, flags=re.I)
            trigger_text = re.sub(DESCRIBED_POINT, r"\1", trigger_text, flags=re.I)
            kinds = ling.kinds(trigger_text)
            labels = {e["type"] for e in s.gold_events[a.id] if e.get("evidence") and overlaps(sentence, e["evidence"])}
            reached = not any(p.search(text) for p in EXCLUDE)
            s.sentences.append(
                Sentence(a.id, press_detector.features(ling, text, kinds), kinds, labels, reached, sentence)
            )


# ---- model -----------------------------------------------------------------------------------------------------
def vocabulary(sentences: list[Sentence], min_articles: int = 2) -> dict[str, int]:
    seen: dict[str, set] = {}
    for x in sentences:
        for f in x.feats:
            seen.setdefault(f, set()).add(x.article)
    kept = sorted(f for f, arts in seen.items() if len(arts) >= min_articles)
    return {f: i for i, f in enumerate(kept)}


def matrix(sentences: list[Sentence], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, x in enumerate(sentences):
        for f in x.feats:
            j = vocab.get(f)
            if j is not None:
                rows.append(i)
                cols.append(j)
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sentences), len(vocab)))


def labels(sentences: list[Sentence], kind: str) -> np.ndarray:
    return np.array([kind in x.labels for x in sentences], dtype=int)


def fit(sentences: list[Sentence], c: float, model: str = "logit"):
    """(vocabulary, per type: a function of a matrix → probabilities, and the logit's weights and bias)."""
    vocab = vocabulary(sentences)
    x = matrix(sentences, vocab)
    out = {}
    for kind in TYPES:
        y = labels(sentences, kind)
        if y.sum() < 2:
            out[kind] = None
            continue
        if model == "logit":
            from sklearn.linear_model import LogisticRegression

            m = LogisticRegression(C=c, solver="liblinear", max_iter=500).fit(x, y)
            out[kind] = (m.coef_[0].copy(), float(m.intercept_[0]))
        else:
            import lightgbm

            m = lightgbm.LGBMClassifier(
                n_estimators=200, learning_rate=0.05, num_leaves=15, min_child_samples=5, verbose=-1, n_jobs=1
            ).fit(x.astype(np.float32), y)
            out[kind] = m
    return vocab, out


def predict(vocab, models, sentences: list[Sentence]) -> dict[str, np.ndarray]:
    x = matrix(sentences, vocab)
    out = {}
    for kind, m in models.items():
        if m is None:
            out[kind] = np.zeros(len(sentences))
        elif isinstance(m, tuple):
            out[kind] = 1 / (1 + np.exp(-(x @ m[0] + m[1])))
        else:
            out[kind] = m.predict_proba(x.astype(np.float32))[:, 1]
    return out


def out_of_fold(sentences: list[Sentence], groups: list[str], c: float) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities of a group 4-fold over the training sets."""
    names = sorted(set(groups))
    probs = {k: np.zeros(len(sentences)) for k in TYPES}
    g = np.array(groups)
    for fold in [names[i::4] for i in range(4)]:
        test = np.isin(g, fold)
        vocab, models = fit([x for x, t in zip(sentences, test, strict=True) if not t], c)
        p = predict(vocab, models, [x for x, t in zip(sentences, test, strict=True) if t])
        for k in TYPES:
            probs[k][test] = p[k]
    return probs


def thresholds(sentences: list[Sentence], probs, add_precision: float, drop_rate: float | None):
    """Per type (add, drop) from the out-of-fold probabilities of the training sentences."""
    reached = np.array([x.reached for x in sentences])
    out = {}
    for k in TYPES:
        y = labels(sentences, k).astype(bool)
        fired = np.array([k in x.kinds for x in sentences])
        add, drop = 1.01, 0.0
        missed = reached & ~fired
        for t in GRID_ADD:
            sel = missed & (probs[k] >= t)
            if sel.sum() >= 3 and y[sel].mean() >= add_precision:
                add = t
                break
        for t in GRID_DROP if drop_rate is not None else []:
            sel = reached & fired & (probs[k] < t)
            if sel.sum() >= 3 and y[sel].mean() <= drop_rate:
                drop = t
        out[k] = (add, drop)
    return out


def train(sentences, groups, c: float, configs) -> list[press_detector.Detector]:
    """One detector per (add precision, drop rate or None) of `configs`: one fit, thresholds per config."""
    vocab, models = fit(sentences, c)
    probs = out_of_fold(sentences, groups, c)
    kinds = [k for k in TYPES if models[k] is not None]
    weights = {}
    for f, j in vocab.items():
        row = tuple(float(models[k][0][j]) for k in kinds)
        if max(abs(w) for w in row) >= 1e-4:
            weights[f] = row
    out = []
    for add_precision, drop_rate in configs:
        thr = thresholds(sentences, probs, add_precision, drop_rate)
        out.append(
            press_detector.Detector(
                tuple(kinds),
                weights,
                tuple(models[k][1] for k in kinds),
                tuple(thr[k][0] for k in kinds),
                tuple(thr[k][1] for k in kinds),
                enabled=True,
            )
        )
    return out


# ---- measures --------------------------------------------------------------------------------------------------
def sentence_loso(sets: list[Set], fixtures: Set | None, c: float, lgbm: bool) -> None:
    from sklearn.metrics import average_precision_score

    models = ["logit", "lgbm"] if lgbm else ["logit"]
    pooled = {m: {k: [] for k in TYPES} for m in models}
    truth = {k: [] for k in TYPES}
    rules = {k: [] for k in TYPES}
    for s in sets:
        train = [x for o in sets if o is not s for x in o.sentences] + (fixtures.sentences if fixtures else [])
        for m in models:
            vocab, fitted = fit(train, c, m)
            p = predict(vocab, fitted, s.sentences)
            for k in TYPES:
                pooled[m][k].append(p[k])
        for k in TYPES:
            truth[k].append(labels(s.sentences, k))
            rules[k].append(np.array([k in x.kinds for x in s.sentences]))
    print("\nsentence level, leave-one-set-out (pooled over the held-out sets): positives / sentences, average")
    print("precision of the model(s), the trigger rules' precision and recall as a classifier")
    head = " | ".join(f"AP {m}" for m in models)
    print(f"| type | positives | {head} | rules P | rules R |\n|---|---|{'---|' * len(models)}---|---|")
    for k in TYPES:
        y = np.concatenate(truth[k])
        r = np.concatenate(rules[k])
        aps = " | ".join(f"{average_precision_score(y, np.concatenate(pooled[m][k])):.3f}" for m in models)
        rp = y[r].mean() if r.any() else 0.0
        rr = r[y.astype(bool)].mean() if y.any() else 0.0
        print(f"| {k} | {y.sum()} / {len(y)} | {aps} | {rp:.3f} | {rr:.3f} |")


def parse_configs(text: str) -> list[tuple[float, float | None]]:
    """ "0.6:none,0.45:0.01" → [(0.6, None), (0.45, 0.01)]: add precision, drop rate (none: never drop)."""
    out = []
    for part in text.split(","):
        add, _, drop = part.partition(":")
        out.append((float(add), None if drop in ("", "none") else float(drop)))
    return out


def event_loso(sets, fixtures, extractor, scorer, configs, c: float) -> None:
    names = [f"add {a} drop {d if d is not None else 'off'}" for a, d in configs]
    print("\nevent level, leave-one-set-out: matched / predicted (F1) of the rules alone and with each detector;")
    print("the events the detector added (rule learned.<type>) in brackets")
    print(f"| held-out set | gold | rules | {' | '.join(names)} |\n|---|---|---|{'---|' * len(configs)}")
    sums = np.zeros((len(configs) + 1, 2), dtype=int)
    gold_sum = 0
    for s in sets:
        train_sets = [o for o in sets if o is not s] + ([fixtures] if fixtures else [])
        sentences = [x for o in train_sets for x in o.sentences]
        groups = [o.name for o in train_sets for _ in o.sentences]
        models = train(sentences, groups, c, configs)
        gold = scorer.load_gold(str(s.folder if not (s.folder / "gold").is_dir() else s.folder / "gold"))
        cells = []
        for i, det in enumerate([None, *models]):
            extractor.detector = det
            preds = extractor.extract_many(s.articles)
            added = sum(any(r.startswith("learned.") for r in e.rules) for ev in preds for e in ev)
            pred = {a.id: [scorer.Event(e.to_dict()) for e in ev] for a, ev in zip(s.articles, preds, strict=True)}
            res, _ = scorer.score({a.id: gold.get(a.id, []) for a in s.articles}, pred)
            sums[i] += [res["matched"], res["pred_events"]]
            cell = f"{res['matched']} / {res['pred_events']} ({res['f1'] or 0:.2f})"
            cells.append(cell + (f" [{added}]" if i else ""))
        extractor.detector = None
        gold_sum += res["gold_events"]
        print(f"| {s.name} | {res['gold_events']} | {' | '.join(cells)} |")
        if s is sets[0] or s.name in ("press_real11", "press_real12"):
            for name, m in zip(names, models, strict=True):
                thr = " ".join(f"{k[:5]} {x:.2f}/{y:.3f}" for k, x, y in zip(m.types, m.add, m.drop, strict=True))
                print(f"  ({s.name} held out, {name}: thresholds add/drop {thr})")
        sys.stdout.flush()

    def f1(m, p):
        return 2 * m / (gold_sum + p) if gold_sum + p else 0.0

    print(f"| all | {gold_sum} | {' | '.join(f'{m} / {p} ({f1(m, p):.3f})' for m, p in sums)} |")
    base = sums[0]
    for name, (m, p) in zip(names, sums[1:], strict=True):
        print(f"{name}: matched {m - base[0]:+d}, false positives {(p - m) - (base[1] - base[0]):+d}")


def event_examples(s: Set, extractor, scorer) -> list[Sentence]:
    """The extractor's events on a set (rules alone), each as an example: the features of its evidence sentence with
    its type, its rules' names and its headline's lemmas; its label "matched" when score.py pairs it with a gold
    event (type, place, date)."""
    extractor.detector = None
    out = []
    for a, ev in zip(s.articles, extractor.extract_many(s.articles), strict=True):
        golds = [scorer.Event(e) for e in s.gold_events[a.id]]
        matched = {j for _, j in scorer.match(golds, [scorer.Event(e.to_dict()) for e in ev])}
        title = {f"h:{w[2:]}" for w in press_detector.features(extractor.ling, plain(a.title)) if w.startswith("w:")}
        for j, e in enumerate(ev):
            feats = press_detector.features(extractor.ling, plain(e.evidence or ""), [e.type])
            feats |= {f"r:{r}" for r in e.rules} | {f"type:{e.type}"} | title
            out.append(Sentence(a.id, feats, [e.type], {"matched"} if j in matched else set(), True))
    return out


def event_veto(sets, extractor, scorer, c: float) -> None:
    """Leave-one-set-out of a veto on the extractor's final events: a logit of "this event is matched", trained on the
    other sets' events; an event whose probability is below a threshold chosen on the training sets' out-of-fold
    probabilities (the one that maximises their event F1) is dropped."""
    from sklearn.linear_model import LogisticRegression

    examples = {s.name: event_examples(s, extractor, scorer) for s in sets}
    gold = {s.name: sum(len(v) for v in s.gold_events.values()) for s in sets}

    def fitted(train):
        vocab = vocabulary(train)
        y = np.array(["matched" in x.labels for x in train], dtype=int)
        m = LogisticRegression(C=c, solver="liblinear", max_iter=500).fit(matrix(train, vocab), y)
        return lambda xs: m.predict_proba(matrix(xs, vocab))[:, 1]

    print("\nevent-level veto, leave-one-set-out: matched / predicted (F1), rules alone → with the veto")
    print("| held-out set | gold | rules | with the veto | threshold |\n|---|---|---|---|---|")
    sums = np.zeros(4, dtype=int)
    for s in sets:
        others = [o.name for o in sets if o is not s]
        oof_p, oof_y = [], []
        for fold in [others[i::4] for i in range(4)]:
            predict_ = fitted([x for o in others if o not in fold for x in examples[o]])
            held = [x for o in fold for x in examples[o]]
            oof_p.append(predict_(held))
            oof_y.append(np.array(["matched" in x.labels for x in held]))
        oof_p, oof_y = np.concatenate(oof_p), np.concatenate(oof_y)
        n_gold = sum(gold[o] for o in others)
        best = (2 * oof_y.sum() / (n_gold + len(oof_y)), 0.0)
        for t in np.arange(0.05, 0.95, 0.05):
            kept = oof_p >= t
            best = max(best, (2 * oof_y[kept].sum() / (n_gold + kept.sum()), round(float(t), 2)))
        threshold = best[1]
        p = fitted([x for o in others for x in examples[o]])(examples[s.name])
        y = np.array(["matched" in x.labels for x in examples[s.name]])
        kept = p >= threshold
        row = [y.sum(), len(y), y[kept].sum(), kept.sum()]
        sums += row
        g = gold[s.name]
        print(
            f"| {s.name} | {g} | {row[0]} / {row[1]} ({2 * row[0] / (g + row[1]):.2f}) | "
            f"{row[2]} / {row[3]} ({2 * row[2] / (g + row[3]):.2f}) | {threshold:.2f} |"
        )
    g = sum(gold.values())
    print(
        f"| all | {g} | {sums[0]} / {sums[1]} ({2 * sums[0] / (g + sums[1]):.3f}) | "
        f"{sums[2]} / {sums[3]} ({2 * sums[2] / (g + sums[3]):.3f}) | |"
    )
    print(f"matched {sums[2] - sums[0]:+d}, false positives {(sums[3] - sums[2]) - (sums[1] - sums[0]):+d}")


def ceiling(sets, fixtures, extractor, scorer, c: float) -> None:
    """What an added trigger could win at most: the gold events the extractor (rules alone) misses, split by whether
    a trigger rule of their type fires on one of their evidence sentences, and the highest probability the model
    trained without their set gives those sentences."""
    rows = []
    for s in sets:
        vocab, models = fit(
            [x for o in sets if o is not s for x in o.sentences] + (fixtures.sentences if fixtures else []), c
        )
        p = predict(vocab, models, s.sentences)
        extractor.detector = None
        for a, ev in zip(s.articles, extractor.extract_many(s.articles), strict=True):
            golds = s.gold_events[a.id]
            matched = {
                i for i, _ in scorer.match([scorer.Event(e) for e in golds], [scorer.Event(e.to_dict()) for e in ev])
            }
            here = [i for i, x in enumerate(s.sentences) if x.article == a.id]
            for i, g in enumerate(golds):
                told = [j for j in here if g.get("evidence") and overlaps(s.sentences[j].text, g["evidence"])]
                fired = any(g["type"] in s.sentences[j].kinds for j in told)
                top = max((p[g["type"]][j] for j in told), default=float("nan"))
                rows.append((s.name, a.id, g["type"], i in matched, fired, top))
    missed = [r for r in rows if not r[3]]
    silent = [r for r in missed if not r[4]]
    print(
        f"\nceiling: {len(rows)} gold events, {len(missed)} missed by the rules' extractor; {len(silent)} of these "
        f"have no trigger of their type on their evidence sentence (what an added trigger could win at most)"
    )
    for kind in TYPES:
        ids = [f"{r[1]}" for r in silent if r[2] == kind]
        if ids:
            print(f"  {kind}: {len(ids)} ({', '.join(ids)})")
    if silent:
        tops = np.array([r[5] for r in silent])
        print(
            "the model's highest probability on their evidence sentence (trained without their set): "
            + ", ".join(f"{q:.2f}" for q in sorted(tops, reverse=True))
        )


class Oracle:
    """A detector that knows the gold: it adds to a clause every type of a gold event whose evidence the clause
    overlaps (and vetoes nothing). What the hook could win with a perfect sentence classifier."""

    def __init__(self, s: Set):
        self.told = [(e["type"], e["evidence"]) for ev in s.gold_events.values() for e in ev if e.get("evidence")]

    def adjust(self, ling, text: str, types: list[str]) -> tuple[list[str], set[str]]:
        added = {t for t, evidence in self.told if t not in types and overlaps(text, evidence)}
        return [k for k in TYPES if k in types or k in added], added


def oracle(sets, extractor, scorer) -> None:
    print("\nthe hook with an oracle (every gold type added on its evidence's clauses): matched / predicted")
    print("| held-out set | gold | rules alone | oracle add | added |\n|---|---|---|---|---|")
    sums = np.zeros(5, dtype=int)
    for s in sets:
        gold = scorer.load_gold(str(s.folder if not (s.folder / "gold").is_dir() else s.folder / "gold"))
        row = []
        for det in (None, Oracle(s)):
            extractor.detector = det
            preds = extractor.extract_many(s.articles)
            pred = {a.id: [scorer.Event(e.to_dict()) for e in ev] for a, ev in zip(s.articles, preds, strict=True)}
            res, _ = scorer.score({a.id: gold.get(a.id, []) for a in s.articles}, pred)
            row += [res["matched"], res["pred_events"]]
        extractor.detector = None
        added = sum(any(r.startswith("learned.") for r in e.rules) for ev in preds for e in ev)
        sums += [res["gold_events"], *row]
        print(f"| {s.name} | {res['gold_events']} | {row[0]} / {row[1]} | {row[2]} / {row[3]} | {added} |")
    print(f"| all | {sums[0]} | {sums[1]} / {sums[2]} | {sums[3]} / {sums[4]} | |")


C = 0.5


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--fixtures", type=Path, help="our own fixtures (dev format): always trained on")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--scorer", type=Path, default=Path(SCORER) / "score.py")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength of the logits")
    parser.add_argument(
        "--configs",
        default="0.6:none",
        help="thresholds to measure: add precision:drop rate (none: never drop), comma-separated; --write uses the "
        "first",
    )
    parser.add_argument("--lgbm", action="store_true", help="also measure LightGBM at the sentence level")
    parser.add_argument("--events", action="store_true", help="the event-level leave-one-set-out (slow)")
    parser.add_argument("--event-veto", action="store_true", help="measure a veto on the final events (slow)")
    parser.add_argument("--ceiling", action="store_true", help="what an added trigger could win at most (slow)")
    parser.add_argument("--oracle", action="store_true", help="the hook with a detector that knows the gold")
    parser.add_argument("--no-sentences", action="store_true", help="skip the sentence-level measure")
    parser.add_argument("--write", type=Path, help="train on every set and write the detector file here")
    parser.add_argument("--enable", action="store_true", help="the written file enables the detector by default")
    args = parser.parse_args(argv)
    t0 = time.time()
    extractor = load_extractor(warehouse_path=args.db)
    extractor.detector = None
    sets = [read_set(f) for f in args.sets]
    fixtures = read_set(args.fixtures, HELD_OUT_FIXTURES) if args.fixtures else None
    for s in sets + ([fixtures] if fixtures else []):
        sentences_of(extractor, s)
    n = sum(len(s.sentences) for s in sets)
    print(
        f"{len(sets)} sets, {sum(len(s.articles) for s in sets)} articles, {n} sentences"
        + (f"; fixtures {len(fixtures.articles)} articles, {len(fixtures.sentences)} sentences" if fixtures else "")
        + f" (read and split in {time.time() - t0:.0f} s)"
    )
    if not args.no_sentences:
        sentence_loso(sets, fixtures, args.c, args.lgbm)
    if args.events:
        event_loso(sets, fixtures, extractor, load_scorer(args.scorer), parse_configs(args.configs), args.c)
    if args.oracle:
        oracle(sets, extractor, load_scorer(args.scorer))
    if args.ceiling:
        ceiling(sets, fixtures, extractor, load_scorer(args.scorer), args.c)
    if args.event_veto:
        event_veto(sets, extractor, load_scorer(args.scorer), args.c)
    if args.write:
        every = sets + ([fixtures] if fixtures else [])
        config = parse_configs(args.configs)[0]
        (model,) = train(
            [x for s in every for x in s.sentences], [s.name for s in every for _ in s.sentences], args.c, [config]
        )
        model = press_detector.Detector(model.types, model.weights, model.bias, model.add, model.drop, args.enable)
        note = (
            "Trained by benchmarks/train_event_detector.py on "
            + ", ".join(s.name for s in sets)
            + (" and our fixtures (680-689 left out)" if fixtures else "")
            + f"; C {args.c}, add precision {config[0]}, drop rate {config[1] if config[1] is not None else 'none'}"
        )
        args.write.write_text(json.dumps(model.to_dict(note), ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"\nwrote {args.write}: {len(model.weights)} features, add {model.add}, drop {model.drop}")
    print(f"done in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    sys.exit(main())

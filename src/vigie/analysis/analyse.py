"""Analyses run once per data version: at the end of `vigie build` (and `vigie press ingest`), or by
`vigie analyse`. Each step computes its result with the default parameters (stored.DEFAULTS), stores it in the
warehouse, and records what it computed in `analysis_run` (step, indicator, parameters, data version, payload).
Read commands, the API and the pages then only read (analysis.stored).

STEPS is a plain list: a new analysis is one function `step(con, indicator) -> (params, payload)` and one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb

from vigie import warehouse
from vigie.analysis import forecast, profile, stored
from vigie.errors import VigieError

# the indicators analysed by default (the dashboard's): trafficking and drug use
INDICATORS = ("trafic", "usage")


def _hotspots(con: duckdb.DuckDBPyConnection, indicator: str) -> tuple[dict, dict]:
    from vigie.analysis import hotspots as hs

    params = stored.DEFAULTS["hotspots"]
    result = hs.emerging_hotspots(con, indicator, **params)
    hs.save(con, result)
    return params, stored.hotspot_meta(result, params["permutations"], params["seed"])


def _onsets(con: duckdb.DuckDBPyConnection, indicator: str) -> tuple[dict, dict]:
    from vigie.analysis import onsets as on

    on.save(con, on.onsets(con, indicator))
    return stored.DEFAULTS["onsets"], {}


def _diffusion(con: duckdb.DuckDBPyConnection, indicator: str) -> tuple[dict, dict]:
    from vigie.analysis.diffusion import diffusion

    params = stored.DEFAULTS["diffusion"]
    wave = diffusion(con, stored._stored_onsets(con, indicator), params["hubs"], params["min_distance_km"])
    return params, stored.diffusion_result_payload(wave, indicator, params["min_distance_km"])


# (name, function, needs): steps run in this order; a step's `needs` must have succeeded for the same indicator
STEPS: list[tuple[str, Callable[[duckdb.DuckDBPyConnection, str], tuple[dict, dict]], tuple[str, ...]]] = [
    ("hotspots", _hotspots, ()),
    ("onsets", _onsets, ()),
    ("diffusion", _diffusion, ("onsets",)),
    # forecast hook (engineer C): add ("forecast", vigie.analysis.forecast.<step function>, ()) here; the function
    # takes (con, indicator), stores its own table and returns (params, payload) like the steps above.
    ("forecast", forecast.analyse_step, ()),  # early warning (issue 11)
]

# (name, function): steps over every indicator at once, run before the steps above and recorded with the indicator
# "all"; the function takes (con) and returns (params, payload)
NATIONAL_STEPS: list[tuple[str, Callable[[duckdb.DuckDBPyConnection], tuple[dict, dict]]]] = [
    (profile.NATIONAL_STEP, profile.store_national),  # a town's ranks and its size class's medians
]


def analyse(
    con: duckdb.DuckDBPyConnection,
    indicators: tuple[str, ...] | list[str] = INDICATORS,
    progress: Callable[[str], None] = lambda _: None,
    force: bool = False,
) -> list[dict]:
    """Run every step for every indicator on a writable connection (inside warehouse.writing). A step already
    stored for this data version with the default parameters is skipped unless `force`. Returns one record per
    step and indicator: {step, indicator, status ("computed", "current", "skipped", "failed"), reason}. A step that
    cannot run on these data (no commune reference, too few towns or years) is skipped with its reason, not an
    error."""
    report = []
    if not con.execute("SELECT 1 FROM commune_fact LIMIT 1").fetchone():
        return [{"step": "all", "indicator": "", "status": "skipped", "reason": "no commune base"}]
    if not con.execute("SELECT 1 FROM commune LIMIT 1").fetchone():
        return [{"step": "all", "indicator": "", "status": "skipped", "reason": "no commune reference"}]
    version = warehouse.facts_version(con)
    for name, step in NATIONAL_STEPS:
        report.append(
            _run(con, name, profile.NATIONAL_SCOPE, lambda c, _, step=step: step(c), version, force, progress)
        )
    for indicator in indicators:
        done: set[str] = set()
        for name, step, needs in STEPS:
            if any(n not in done for n in needs):
                report.append(
                    {"step": name, "indicator": indicator, "status": "skipped", "reason": "needs " + ", ".join(needs)}
                )
                continue
            record = _run(con, name, indicator, step, version, force, progress)
            report.append(record)
            if record["status"] in ("computed", "current"):
                done.add(name)
    return report


def _run(con, name: str, indicator: str, step, version: str, force: bool, progress) -> dict:
    """Run one step for one indicator unless stored for this data version with the default parameters; store its
    record in analysis_run. Returns {step, indicator, status, reason}."""
    info = stored.run_info(con, name, indicator)
    if info and not force and info["params"] == json.loads(json.dumps(stored.DEFAULTS.get(name, {}))):
        return {"step": name, "indicator": indicator, "status": "current", "reason": ""}
    progress(f"{name} of {indicator}")
    try:
        params, payload = step(con, indicator)
    except VigieError as exc:
        return {"step": name, "indicator": indicator, "status": "skipped", "reason": str(exc)}
    except Exception as exc:  # a bug in one step must not lose the build's data: said, and the rest goes on
        return {"step": name, "indicator": indicator, "status": "failed", "reason": f"{type(exc).__name__}: {exc}"}
    con.execute("DELETE FROM analysis_run WHERE step = ? AND indicator = ?", [name, indicator])
    con.execute(
        "INSERT INTO analysis_run (step, indicator, params, data_version, payload) VALUES (?, ?, ?, ?, ?)",
        [name, indicator, json.dumps(params), version, json.dumps(payload, ensure_ascii=False)],
    )
    return {"step": name, "indicator": indicator, "status": "computed", "reason": ""}

"""The forecast's reasons in French write their numbers the French way (vigie.fr.number): '6,7 faits par an',
'12 345 habitants', '+25 %'; the English words keep English numbers."""

from __future__ import annotations

import math
import re

from vigie.analysis import features as ft
from vigie.analysis.forecast import driver_text

NBSP = "\u00a0"


def test_french_reasons_use_french_numbers():
    unit = {"year": 2024, "hub": "Lyon"}
    assert driver_text("mean3", 6.66, unit) == ("6.7 cases a year over three years", "6,7 faits par an sur trois ans")
    assert driver_text("slope4", 3.0, unit)[1] == "tendance +3,0 faits par an"
    assert driver_text("slope4", -1.25, unit)[1] == "tendance -1,2 faits par an"
    assert driver_text("ratio_1y", 1.25, unit)[1] == f"+25{NBSP}% sur un an"
    assert driver_text("ratio_1y", 0.8, unit)[1] == f"-20{NBSP}% sur un an"
    assert driver_text("log_population", math.log1p(12345), unit)[1] == f"12{NBSP}345 habitants en 2024"
    assert driver_text("hub_km", 12.4, {"year": 2024})[1] == "à 12 km de la grande ville la plus proche"


def test_no_french_reason_has_an_english_decimal():
    """Every feature's French words, for a value with decimals: no '6.7', no '12,345' (English separators)."""
    unit = {"year": 2024, "hub": "Marseille"}
    checked = 0
    for name in ft.FEATURES:
        for value in (0.8, 6.66, 1234.56, -2.5):
            words = driver_text(name, value, unit)
            if words is None:
                continue
            checked += 1
            assert not re.search(r"\d\.\d", words[1]), (name, value, words[1])
            assert not re.search(r"\d,\d{3}\b", words[1]), (name, value, words[1])
    assert checked > 40

"""The official indicator labels of the SSMSI bases and the short slugs Vigie uses for them everywhere."""

from __future__ import annotations

import unicodedata

from vigie.errors import VigieError

# slug: (official label, alternative spellings seen in other editions)
INDICATORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "homicides": ("Homicides", ()),
    "tentatives_homicide": ("Tentatives d'homicide", ()),
    "violences_intrafamiliales": ("Violences physiques intrafamiliales", ()),
    "violences_hors_famille": ("Violences physiques hors cadre familial", ()),
    "violences_sexuelles": ("Violences sexuelles", ()),
    "vols_armes": ("Vols avec armes", ()),
    "vols_violents": ("Vols violents sans arme", ()),
    "vols_sans_violence": ("Vols sans violence contre des personnes", ()),
    "cambriolages": ("Cambriolages de logement", ()),
    "vols_vehicules": ("Vols de véhicule", ("Vols de véhicules",)),
    "vols_dans_vehicules": ("Vols dans les véhicules", ()),
    "vols_accessoires": ("Vols d'accessoires sur véhicules", ()),
    "destructions": ("Destructions et dégradations volontaires", ()),
    "usage": ("Usage de stupéfiants", ()),
    "usage_afd": ("Usage de stupéfiants (AFD)", ()),
    "usage_hors_afd": ("Usage de stupéfiants (hors AFD)", ()),
    "trafic": ("Trafic de stupéfiants", ()),
    "escroqueries": ("Escroqueries et fraudes aux moyens de paiement", ()),
    # the older nomenclature (editions up to 2023)
    "escroqueries_anc": ("Escroqueries", ()),
    "cbv": ("Coups et blessures volontaires", ()),
    "cbv_intrafamiliaux": ("Coups et blessures volontaires intrafamiliaux", ()),
    "cbv_autres": ("Autres coups et blessures volontaires", ()),
}

DRUGS = ("trafic", "usage", "usage_afd")
VIOLENCE = ("violences_hors_famille", "vols_armes", "homicides", "tentatives_homicide")


def label_key(label: str) -> str:
    """Compare labels without case, accents, curly quotes or extra spaces."""
    text = unicodedata.normalize("NFKD", label.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().split())


LABEL_TO_SLUG = {label_key(lab): slug for slug, (main, alts) in INDICATORS.items() for lab in (main, *alts)}


def slug_of(label: str, where: str) -> str:
    try:
        return LABEL_TO_SLUG[label_key(label)]
    except KeyError:
        raise VigieError(
            f"{where}: unknown indicator label {label!r}. Known labels: "
            + "; ".join(main for main, _ in INDICATORS.values())
        ) from None


def check_slug(slug: str) -> str:
    if slug not in INDICATORS:
        raise VigieError(f"unknown indicator {slug!r}; choose one of: {', '.join(INDICATORS)}")
    return slug

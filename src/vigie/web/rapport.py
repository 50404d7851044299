"""GET /commune/{code}/rapport.pdf: the town report (vigie.report) as a PDF download, 404 in French otherwise."""

from __future__ import annotations

import html
import re

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from vigie.errors import VigieError
from vigie.web.deps import Warehouse

router = APIRouter()
CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")


def _not_found(message: str) -> HTMLResponse:
    body = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Rapport introuvable — Vigie</title></head>'
        f"<body><h1>Rapport introuvable</h1><p>{html.escape(message, quote=False)}</p>"
        '<p><a href="/">Retour à la carte</a></p>'
        "</body></html>"
    )
    return HTMLResponse(body, status_code=404)


@router.get(
    "/commune/{code}/rapport.pdf",
    response_class=Response,
    include_in_schema=False,  # a document for people, like the pages; the API is /api/v1
)
def rapport(code: str, con: Warehouse) -> Response:
    """The two-page town report of the commune with this INSEE code, in French."""
    from vigie.report import report_pdf

    wanted = code.strip().upper()
    if not CODE.fullmatch(wanted):
        return _not_found(f"« {code[:40]} » n'est pas un code de commune INSEE (5 caractères, par exemple 71153).")
    try:
        pdf, report = report_pdf(con, wanted)
    except VigieError:
        return _not_found(f"Aucune commune n'a le code « {wanted} ».")
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="rapport-{report["code"]}.pdf"'},
    )

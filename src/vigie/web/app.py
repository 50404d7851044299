"""The FastAPI application: the API under /api/v1, the dashboard pages and the town report, read-only."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from vigie.web.deps import WarehouseReader


def create_app(db: Path) -> FastAPI:
    """The app serving the warehouse at `db` (reopened whenever a build swaps in a new data version)."""
    app = FastAPI(
        title="Vigie",
        description="Observatoire de la diffusion du trafic de stupéfiants vers les villes moyennes (lecture seule).",
        version="1",
        docs_url=None,  # served from the npm copy of swagger-ui, not a CDN (see api.py)
        redoc_url=None,
    )
    app.state.reader = WarehouseReader(db)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    from vigie.web import api, pages

    api.install(app)  # Swagger UI from npm at /docs, the JSON error shape, 304 for a known data version
    app.include_router(api.router)
    app.include_router(pages.router)
    from vigie.web import rapport

    app.include_router(rapport.router)  # the town report, /commune/{code}/rapport.pdf
    return app

"""The dashboard pages, in French (Jinja2 templates), each rendering what one library function returns."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()

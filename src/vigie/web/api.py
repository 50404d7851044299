"""The HTTP API under /api/v1: each route calls one public library function and returns a pydantic model."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")

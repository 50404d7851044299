"""Vigie: an observatory of drug trafficking's spread into France's medium-sized towns."""

__version__ = "0.1.0"

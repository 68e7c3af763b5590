"""Chinese text search that behaves the same on SQLite and PostgreSQL.

Chinese has no spaces between words, so a two-character term such as 占道 must match inside longer text.
We keep one normalised `search_text` column per row (full-width to half-width, lower case, no spaces) and
match each query term as a substring (SQL LIKE '%term%'), ANDed. For catalogs of hundreds or thousands of
rows this is fast enough; larger tables (published decisions) add an index of their own.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC folds full-width letters and digits; lower case; white space removed."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def search_text(*parts: str) -> str:
    """The stored column: each part normalised, joined by a separator no query term contains."""
    return "|".join(normalise(part) for part in parts if part)


def search_terms(query: str) -> list[str]:
    """Split a query on white space (and Chinese/English commas) into normalised terms, at most eight."""
    terms = [normalise(term) for term in re.split(r"[\s,，、；;]+", query or "") if term.strip()]
    return [term for term in terms if term][:8]

"""The inventory file's columns: what the import reads and what its template shows."""

from __future__ import annotations

from typing import IO

from coordo.web.tabular import Column, Row, read_table

# The example row is fictional; importing it creates one building with one studio.
COLUMNS = (
    Column("building", "Maison des Tilleuls"),
    Column("address", "Rue de l'Exemple 1, 5000 Namur", required=False),
    Column("confidential", "no", required=False),
    Column("unit", "Studio 1"),
    Column("kind", "studio"),
    Column("capacity", "2"),
    Column("women_only", "yes", required=False),
    Column("family", "no", required=False),
    Column("accessible", "yes", required=False),
)


def read_rows(upload: IO[bytes], filename: str) -> list[Row]:
    """The file's lines under their column names; the first line is the header."""
    return read_table(upload, COLUMNS, filename=filename)

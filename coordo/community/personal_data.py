"""What the community app holds on a person: nothing yet.

The programme names a participant by a first name or pseudonym she chooses, never a
Person; attendance is counts only. Nothing here belongs in her subject-access export.
"""

from __future__ import annotations

from coordo import personal_data

SOURCES: tuple[personal_data.Source, ...] = ()

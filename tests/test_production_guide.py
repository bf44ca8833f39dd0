"""The production guide lists every environment variable Coordo reads, and no other."""

from __future__ import annotations

import re
from pathlib import Path

from coordo.operations.environment import ROOT, variables

GUIDE = ROOT / "docs" / "production.md"


def documented(guide: Path = GUIDE) -> set[str]:
    text = guide.read_text()
    section = text.split("\n## Environment variables\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)` \|", section, flags=re.MULTILINE))


def test_every_variable_the_settings_read_is_in_the_guide_and_nothing_else():
    read = set(variables())
    assert len(read) > 30  # the parser found them, not nothing
    assert read - documented() == set(), "add these to docs/production.md's table"
    assert documented() - read == set(), "these are no longer read: remove them"


def test_a_variable_read_by_os_environ_is_found_too(tmp_path):
    source = tmp_path / "settings.py"
    source.write_text(
        'import os\nA = os.environ.get("COORDO_A", "1")\nB = os.environ["COORDO_B"]\n'
        'C = env_int("COORDO_C", 3)\nD = os.getenv("COORDO_D")\n'
    )
    assert variables((source,)) == {
        "COORDO_A": "'1'",
        "COORDO_B": "(required)",
        "COORDO_C": "3",
        "COORDO_D": "None",
    }


def test_the_readme_points_to_the_guide():
    assert "docs/production.md" in (ROOT / "README.md").read_text()

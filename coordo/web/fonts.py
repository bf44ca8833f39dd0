"""The fonts every generated document embeds: Noto Sans for Latin, Arabic and Ethiopic
(Tigrinya, Amharic) scripts, bundled in coordo/web/fonts/ (SIL OFL 1.1, see OFL.txt), so a
PDF shows every name as written, whatever fonts the server has."""

from __future__ import annotations

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "fonts"
FAMILIES = {"Latin": "NotoSans", "Arabic": "NotoSansArabic", "Ethiopic": "NotoSansEthiopic"}


def path(family: str, *, bold: bool = False) -> Path:
    """The TTF file of `family` (a key of FAMILIES), regular or bold."""
    return DIRECTORY / f"{FAMILIES[family]}-{'Bold' if bold else 'Regular'}.ttf"


def font_face_css() -> str:
    """@font-face rules for WeasyPrint: one family "Coordo Sans" drawing each script from its font."""
    rules = []
    for family in FAMILIES:
        for bold in (False, True):
            source, weight = path(family, bold=bold).as_uri(), 700 if bold else 400
            rules.append(
                f"@font-face {{ font-family: 'Coordo {family}'; src: url('{source}');"
                f" font-weight: {weight}; }}"
            )
    return "\n".join(rules)


# The CSS font stack: Latin first, the other scripts where Latin has no glyph.
CSS_STACK = "'Coordo Latin', 'Coordo Arabic', 'Coordo Ethiopic', sans-serif"

"""Rendering a `Conflict` in the reader's language (English, French or Dutch)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from .catalogue import LANGUAGE_NAMES, LANGUAGES, MONTHS, TEMPLATES, WEEKDAYS, WORDS
from .model import Conflict


def render_conflict(conflict: Conflict, language: str = "en") -> str:
    """The conflict in words; `language` is "en", "fr" or "nl" (a tag like "fr-BE" works,
    anything else falls back to English)."""
    lang = language[:2].lower() if language[:2].lower() in LANGUAGES else "en"
    params = conflict.params
    code = conflict.code
    if code in ("understaffed",):
        count = len(params["available"])
        code = f"{code}_{count if count < 2 else 'n'}"
    elif code == "language_gap":
        count = len(params["languages"])
        code = f"{code}_{count if count < 3 else 'n'}"
    elif code in ("kept_ineligible", "kept_count"):
        code = f"{'kept' if code == 'kept_ineligible' else code}_{_kind(conflict)}"
    elif code == "kept_clash":
        code = f"kept_clash_{params['rule']}"
    fields = _fields(params, lang)
    if conflict.code == "kept_ineligible":
        fields["reason"] = _template(lang, f"reason_{params['reason']}").format(**fields)
    if conflict.code == "rule_conflict":
        fields["items"] = "; ".join(
            _template(lang, f"item_{item['rule']}").format(**_fields(item, lang))
            for item in params["items"]
        )
    return _template(lang, code).format(**fields)


def _kind(conflict: Conflict) -> str:
    return "previous" if "H9" in conflict.rules else "fixed"


def _template(lang: str, key: str) -> str:
    return TEMPLATES[lang].get(key) or TEMPLATES["en"][key]


def _fields(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Every parameter rendered for the template; unused ones are harmless."""
    out: dict[str, Any] = {k: v for k, v in params.items() if isinstance(v, str | int | float)}
    if "shift" in params:
        out["shift"] = shift_label(params["shift"], lang)
        out.setdefault("site", params["shift"].get("site", ""))
    if "shifts" in params:
        out["shifts"] = _join([shift_label(s, lang) for s in params["shifts"]], "and", lang)
    for key in ("available", "people", "members"):
        if key in params:
            out["names"] = _join(params[key], "and", lang)
            out["count"] = len(params[key])
    if "required" in params:
        out["people"] = _template(lang, "person" if params["required"] == 1 else "people")
    if params.get("languages"):
        names = [language_name(code, lang) for code in params["languages"]]
        out["langs"] = _join(names, "or", lang)
        out["a_langs"] = ("an " if out["langs"][0] in "AEIOU" else "a ") + out["langs"]
    if "period" in params:
        period = params["period"]
        out.update(rota=period["rota"], start=time_label(period["start"], lang))
        out["end"] = time_label(period["end"], lang)
    if "date" in params:
        out["date"] = date_label(date.fromisoformat(params["date"]), lang)
    if "month" in params:
        year, month = map(int, params["month"].split("-"))
        out["month"] = f"{MONTHS[lang][month - 1]} {year}"
    for key in ("limit_hours", "limit", "hours"):
        if key in params:
            out["limit" if key != "hours" else key] = _number(params[key], lang)
    if "shift" in params and "hours" not in out:
        start, end = (_parse(params["shift"][k]) for k in ("start", "end"))
        out["hours"] = _number((end - start).total_seconds() / 3600, lang)
    return out


def _parse(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M")  # noqa: DTZ007 (local wall-clock)


def _number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang in ("fr", "nl") else text


def _join(items: Sequence[str], word: str, lang: str) -> str:
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {WORDS[lang][word]} {items[-1]}"


def language_name(code: str, lang: str) -> str:
    names = LANGUAGE_NAMES.get(code)
    return names[LANGUAGES.index(lang)] if names else code


def date_label(day: date, lang: str) -> str:
    """ "Tuesday 3 March", "mardi 3 mars", "dinsdag 3 maart"."""
    return f"{WEEKDAYS[lang][day.weekday()]} {day.day} {MONTHS[lang][day.month - 1]}"


def time_label(value: str, lang: str) -> str:
    moment = _parse(value)
    return f"{date_label(moment.date(), lang)} {moment:%H:%M}"


def shift_label(ref: Mapping[str, str], lang: str) -> str:
    """ "Tuesday 3 March 09:00–12:00", with the site when the instance has several."""
    start, end = _parse(ref["start"]), _parse(ref["end"])
    until = "24:00" if end.date() > start.date() else f"{end:%H:%M}"
    label = f"{date_label(start.date(), lang)} {start:%H:%M}–{until}"
    if ref.get("site"):
        return _template(lang, "at_site").format(label=label, site=ref["site"])
    return label

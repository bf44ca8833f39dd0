"""The optimiser's reasons in plain words, in the reader's language: the one place that words them.

The optimiser writes facts (`optimiser.solution.explanation_facts`, `refusal_facts`,
`rules.Fit`); a proposal stores them, and every page and API answer turns them
into one or two sentences here, with the centres' names and gettext's catalogues.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext
from django.utils.translation import gettext as _

from coordo.dispatch.models import Region
from coordo.dispatch.optimiser.rules import Fit

CentreNames = Mapping[str, str]  # centre code -> the site's name


def join(items: Sequence[str], *, context: str = "list") -> str:
    """'a', 'a and b', 'a, b and c' in the active language; 'a, or b' for alternatives."""
    if len(items) <= 1:
        return "".join(items)
    if context == "alternatives":
        # Alternatives may hold commas themselves: a semicolon keeps them apart.
        return pgettext("alternatives", "%(items)s, or %(last)s") % {
            "items": _semicolon().join(items[:-1]),
            "last": items[-1],
        }
    return pgettext("list", "%(items)s and %(last)s") % {
        "items": ", ".join(items[:-1]),
        "last": items[-1],
    }


def _semicolon() -> str:
    # French puts a space before it.
    return pgettext("separator between clauses", "; ")


def proposal_text(explanation: Mapping[str, Any], unplaced_reason: str, names: CentreNames) -> str:
    """What a proposal's row says: why this unit, or why none."""
    kind = explanation.get("kind")
    if kind == "placed":
        return placement_text(explanation, names)
    if kind == "unplaced":
        return refusal_text(explanation, names)
    # Batches saved before the facts were kept hold a text per language, or nothing.
    legacy = explanation.get(get_language() or "en") or explanation.get("en")
    if legacy:
        return str(legacy)
    if unplaced_reason == "no_eligible_unit":
        return _("No unit in the network can take this household, even when empty.")
    if unplaced_reason == "capacity":
        return _("No suitable place was free today.")
    return ""


def household_facts(document: Mapping[str, Any]) -> dict[str, Any]:
    """Size and needs of a snapshot's household, as `problem_words` reads them."""
    needs = [name for name in ("medical", "accessible", "women_only") if document["needs"][name]]
    if document["unaccompanied_minor"]:
        needs.append("minor")
    return {"size": len(document["members"]), "needs": needs}


def _centre(code: str | None, names: CentreNames) -> str:
    return names.get(code or "", code or "")


def _region(code: str | None) -> str:
    return str(Region(code).label) if code in Region.values else code or ""


def _language(code: str) -> str:
    """A language's name inside a sentence ('en néerlandais', not 'en Néerlandais')."""
    names = {
        "fr": pgettext("in a sentence", "French"),
        "nl": pgettext("in a sentence", "Dutch"),
        "de": pgettext("in a sentence", "German"),
    }
    return names.get(code, code)


def unit_description(kind: str, beds: int, flags: Sequence[str]) -> str:
    if kind == "private":
        unit = ngettext(
            "A private unit with %(beds)s bed", "A private unit with %(beds)s beds", beds
        ) % {"beds": beds}
    else:
        unit = _("A bed in a shared room")
    features = {
        "women_only": _("women only"),
        "medical": _("medical place"),
        "accessible": _("reduced-mobility access"),
        "minors": _("for unaccompanied minors"),
    }
    named = [features[flag] for flag in flags if flag in features]
    if not named:
        return unit
    return _("%(unit)s (%(features)s)") % {"unit": unit, "features": ", ".join(named)}


def _needs(needs: Sequence[str]) -> str:
    words = {
        "medical": _("a medical place"),
        "accessible": _("reduced-mobility access"),
        "women_only": _("a women-only or private place"),
        "minor": _("a place for unaccompanied minors"),
    }
    return join([words[need] for need in needs if need in words])


def placement_text(facts: Mapping[str, Any], names: CentreNames) -> str:
    values = {
        "unit": unit_description(facts["unit_kind"], facts["beds"], facts["unit_flags"]),
        "centre": _centre(facts["centre"], names),
        "count": facts["eligible_units"],
        "needs": _needs(facts.get("needs", ())),
    }
    if facts.get("needs"):
        first = ngettext(
            "%(unit)s at %(centre)s: the only unit in the network that met this household's "
            "needs today (%(needs)s).",
            "%(unit)s at %(centre)s: one of %(count)s units in the network that met this "
            "household's needs today (%(needs)s).",
            facts["eligible_units"],
        )
    else:
        first = ngettext(
            "%(unit)s at %(centre)s: the only unit in the network that could take this "
            "household today.",
            "%(unit)s at %(centre)s: one of %(count)s units in the network that could take "
            "this household today.",
            facts["eligible_units"],
        )
    second = _preferences(facts, names)
    return f"{first % values} {second}".strip()


def _preferences(facts: Mapping[str, Any], names: CentreNames) -> str:
    """How well the unit matches the school language, family link and region asked for."""
    penalty = facts["penalty"]
    mismatches = []
    if penalty["school_language"]:
        mismatches.append(
            _("the children go to school in %(languages)s, the centre speaks %(language)s")
            % {
                "languages": join([_language(code) for code in facts["other_school_languages"]]),
                "language": _language(facts["centre_language"]),
            }
        )
    if penalty["family_link"]:
        mismatches.append(
            _("the family is at %(centre)s") % {"centre": _centre(facts["family_centre"], names)}
        )
    if penalty["region"]:
        mismatches.append(
            _("they asked for %(region)s, the centre is in %(centre_region)s")
            % {"region": _region(facts["region"]), "centre_region": _region(facts["centre_region"])}
        )
    if mismatches:
        values = {
            "mismatches": _semicolon().join(mismatches),
            "best": _centre(facts["best_centre"], names),
        }
        total = sum(penalty.values())
        if total > facts["best_penalty"] and facts["better_left_free"]:
            return (
                _(
                    "Not the best match (%(mismatches)s): a better one at %(best)s was still "
                    "free, but the search stopped before using it."
                )
                % values
            )
        if total > facts["best_penalty"]:
            return (
                _(
                    "Not the best match (%(mismatches)s): a better match at %(best)s went to "
                    "households with priority today."
                )
                % values
            )
        return (
            _(
                "Not a perfect match (%(mismatches)s), but no unit that could take it matched better today."
            )
            % values
        )
    matched = []
    if facts.get("school_languages"):
        matched.append(_("the children's school language"))
    if facts.get("family_centre"):
        matched.append(_("the family's centre"))
    if facts.get("region"):
        matched.append(_("the region asked for"))
    if not matched:
        return ""
    return _("It matches %(matched)s.") % {"matched": join(matched)}


def refusal_text(facts: Mapping[str, Any], names: CentreNames) -> str:
    if facts["reason"] == "no_eligible_unit":
        first = _("No unit in the network can take this household, even when empty.")
        if not facts["closest"]:
            return first
        alternatives = [
            problem_words(
                codes, facts, largest_beds=facts["largest_beds"] if list(codes) == ["D2"] else None
            )
            for codes in facts["closest"]
        ]
        problems = join(alternatives, context="alternatives")
        return f"{first} " + _("The closest units: %(problems)s.") % {"problems": problems}
    counted = {
        "full": lambda n: ngettext("%(n)s was full", "%(n)s were full", n),
        "intake": lambda n: ngettext(
            "%(n)s is in a centre that has reached its intake for today",
            "%(n)s are in centres that have reached their intake for today",
            n,
        ),
        "taken": lambda n: ngettext(
            "%(n)s went to a household with priority today",
            "%(n)s went to households with priority today",
            n,
        ),
        "left": lambda n: ngettext(
            "%(n)s was still free, but the search stopped before using it",
            "%(n)s were still free, but the search stopped before using them",
            n,
        ),
    }
    parts = [
        counted[key](facts[key]) % {"n": facts[key]} for key in counted if facts.get(key, 0) > 0
    ]
    count = facts["suitable_units"]
    first = ngettext(
        "No place was free today: %(count)s unit suits this household (%(parts)s).",
        "No place was free today: %(count)s units suit this household (%(parts)s).",
        count,
    ) % {"count": count, "parts": ", ".join(parts)}
    named = [_centre(code, names) for code in facts["centres"]]
    if not named:
        return first
    more = facts.get("centre_count", len(named)) - len(named)
    if more > 0:
        second = ngettext(
            "The best matches are at %(centres)s and %(more)s other centre.",
            "The best matches are at %(centres)s and %(more)s other centres.",
            more,
        ) % {"centres": ", ".join(named), "more": more}
    else:
        second = ngettext("It is at %(centres)s.", "They are at %(centres)s.", count) % {
            "centres": join(named)
        }
    return f"{first} {second}"


# The rules whose words do not depend on the household (D2, D4 and D7 do: `_problem`).
_PROBLEMS = {
    "D3": gettext_lazy("a shared room, for one person only"),
    "D5": gettext_lazy("a mixed shared room, and a women-only or private place is needed"),
    "D6": gettext_lazy("women only, and the household includes an adult man"),
    "D9": gettext_lazy("in a centre excluded for this household's safety"),
    "full": gettext_lazy("no bed free today"),
    "taken": gettext_lazy("already given to another household of this batch"),
    "intake": gettext_lazy("the centre has reached its intake for today"),
}


def _problem(code: str, size: int, needs: Sequence[str], largest_beds: int | None) -> str:
    if code == "D2" and largest_beds:
        return ngettext(
            "too small for %(size)s persons (the largest has %(beds)s bed)",
            "too small for %(size)s persons (the largest has %(beds)s beds)",
            largest_beds,
        ) % {"size": size, "beds": largest_beds}
    if code == "D2":
        return _("too small for %(size)s persons") % {"size": size}
    if code == "D4" and "medical" in needs and "accessible" in needs:
        return _("not a medical place with reduced-mobility access")
    if code == "D4" and "medical" in needs:
        return _("not a medical place")
    if code == "D4":
        return _("no reduced-mobility access")
    if code == "D7" and "minor" in needs:
        return _("not for unaccompanied minors")
    if code == "D7":
        return _("reserved for unaccompanied minors")
    return str(_PROBLEMS.get(code, ""))  # an unknown code says nothing


def problem_words(
    codes: Sequence[str], household: Mapping[str, Any], *, largest_beds: int | None = None
) -> str:
    """What keeps a household out of a unit, rule by rule; `household` gives size and needs."""
    size, needs = household["size"], household.get("needs", ())
    words = [_problem(code, size, needs, largest_beds) for code in codes]
    return _semicolon().join(word for word in words if word)


def fit_label(fit: Fit, household: Mapping[str, Any], names: CentreNames) -> str:
    """One line of the override list: the unit, its free beds, and whether it suits."""
    verdict = (
        _("does not suit: %(problems)s") % {"problems": problem_words(fit.problems, household)}
        if fit.problems
        else _("suits this household")
    )
    return ngettext(
        "%(unit)s · %(centre)s — %(free)s of %(beds)s bed free — %(verdict)s",
        "%(unit)s · %(centre)s — %(free)s of %(beds)s beds free — %(verdict)s",
        fit.beds,
    ) % {
        "unit": fit.unit,
        "centre": _centre(fit.centre, names),
        "free": fit.free,
        "beds": fit.beds,
        "verdict": verdict,
    }


def unfit_message(fit: Fit, household: Mapping[str, Any]) -> str:
    return _("%(unit)s does not suit this household: %(problems)s.") % {
        "unit": fit.unit,
        "problems": problem_words(fit.problems, household),
    }


def stage_text(stage: str) -> str:
    stages = {
        "V": _("placing the vulnerable first"),
        "P": _("placing as many persons as possible"),
        "W": _("giving priority to who waited longest"),
        "Q": _("matching school language, family and region"),
    }
    return stages.get(stage, stage)


def progress_text(progress: Mapping[str, Any]) -> str:
    """The running batch, e.g. 'Matching …, after 3.1 s: 12 vulnerable persons …'."""
    score = progress["score"]
    return _(
        "Now %(stage)s, after %(elapsed)s s: %(persons)s persons placed so far, "
        "%(vulnerable)s of them vulnerable."
    ) % {
        "stage": stage_text(progress["stage"]),
        "elapsed": progress["elapsed"],
        "persons": score["P"],
        "vulnerable": score["V"],
    }


def result_text(result: Mapping[str, Any], persons: int) -> str:
    """The finished batch: how good the plan is, in words."""
    score = result["score"]
    if result.get("cancelled"):
        first = _("Stopped after %(seconds)s s; this plan will not be decided.")
    elif result["status"] == "optimal":
        first = _("The best possible plan was found in %(seconds)s s.")
    else:
        first = _(
            "A good plan was found in %(seconds)s s; the search stopped before proving it the best."
        )
    second = _("%(placed)s of %(persons)s persons placed, %(vulnerable)s of them vulnerable.")
    values = {
        "seconds": result["solve_seconds"],
        "placed": score["P"],
        "persons": persons,
        "vulnerable": score["V"],
    }
    return f"{first % values} {second % values}"

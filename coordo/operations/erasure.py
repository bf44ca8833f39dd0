"""A person's erasure request (GDPR art. 17): what may be erased is, what must be kept says why.

Each retention rule decides for its rows about her: an `erasable` rule's rows are deleted
or anonymised now, as the rule would at the end of its period (one audit row each); a
KEPT or non-erasable rule's rows stay, with the rule's basis as the reason. Her identity
goes last, and only when nothing kept by law still needs to name her. A legal hold
refuses the request. The outcome (counts per rule, no content) is the answer she is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coordo import retention
from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.operations.retention import act
from coordo.people.models import Person

IDENTITY_RULE = "person_identity"


@dataclass(frozen=True)
class Outcome:
    rule: retention.Rule
    rows: int
    erased: bool
    reason: str | Promise  # why kept; empty when erased


@transaction.atomic
def erase_person(person: Person, *, by: Principal) -> list[Outcome]:
    by.require(Perm.ERASURE, person.site_id)
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.legal_hold_at is not None:
        raise ValidationError(_("A legal hold keeps her records: lift it first."))
    audit.record(AuditAction.DELETE, principal=by, obj=person, object_type="people.person_erasure")
    outcomes = []
    kept_by_law = False
    for rule in retention.rules():
        if rule.key == IDENTITY_RULE:
            continue
        rows = list(retention.about(rule, person.pk))
        if not rows:
            continue
        erasable = rule.erasable and rule.action != retention.Action.KEPT
        kept_by_law |= not rule.erasable
        if erasable:
            _erase(rule, rows, by)
        outcomes.append(Outcome(rule, len(rows), erasable, "" if erasable else rule.basis))
    identity = next(rule for rule in retention.rules() if rule.key == IDENTITY_RULE)
    if kept_by_law:
        reason = _("Records kept by law still point at her; her identity stays with them.")
        outcomes.append(Outcome(identity, 1, False, reason))
    else:
        _erase(identity, [person], by)
        outcomes.append(Outcome(identity, 1, True, ""))
    return outcomes


def _erase(rule: retention.Rule, rows: list[Model], by: Principal) -> None:
    action = AuditAction.DELETE if rule.action == retention.Action.PURGE else AuditAction.UPDATE
    for row in rows:
        audit.record(action, principal=by, obj=row)
    act(rule, rows)

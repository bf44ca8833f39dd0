"""How an action ends its write: the fields it may set, validation, the save, the audit row.

Every create action builds its row, then `save_new` validates, inserts and audits it
(`save_new_with_file` where the row comes with a file just stored); an update calls
`save_changed` (after `full_clean()` where the action validates); a removal,
`delete_audited`. The permission check and the domain rules stay in the action,
before these calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from coordo.access import audit
from coordo.access.models import AuditAction
from coordo.access.scoping import Principal


def assign(obj: models.Model, names: Iterable[str], fields: Mapping[str, Any]) -> None:
    """Copy onto `obj` those of `fields` an action lets its caller set, and no other."""
    for name in names:
        if name in fields:
            setattr(obj, name, fields[name])


def save_new[M: models.Model](obj: M, *, by: Principal, site_id: int | None = None) -> M:
    """Validate, insert and audit one new row (`site_id` for rows without their own)."""
    obj.full_clean()
    obj.save()
    audit.record(AuditAction.CREATE, principal=by, obj=obj, site_id=site_id)
    return obj


def save_new_with_file[M: models.Model](
    obj: M, *, file_field: str, by: Principal, site_id: int | None = None
) -> M:
    """Insert and audit one new row whose `file_field` holds a file just stored (the row was
    validated before): if the row cannot be written, the file is removed — nothing half-kept."""
    try:
        obj.save()
    except Exception:
        stored = getattr(obj, file_field)
        if stored:
            stored.delete(save=False)
        raise
    audit.record(AuditAction.CREATE, principal=by, obj=obj, site_id=site_id)
    return obj


def save_changed[M: models.Model](
    obj: M,
    *,
    by: Principal,
    fields: Iterable[str] | None = None,
    site_id: int | None = None,
    object_type: str = "",
) -> M:
    """Save a change (only `fields`, when given) and audit it."""
    obj.save(update_fields=fields)
    audit.record(
        AuditAction.UPDATE, principal=by, obj=obj, site_id=site_id, object_type=object_type
    )
    return obj


def delete_audited(obj: models.Model, *, by: Principal, site_id: int | None = None) -> None:
    """Audit the removal (while the row still has its id), then delete the row."""
    audit.record(AuditAction.DELETE, principal=by, obj=obj, site_id=site_id)
    obj.delete()

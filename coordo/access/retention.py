"""The audit trail's retention: kept, because deleting rows would break its hash chain."""

from django.utils.translation import gettext_lazy as _

from coordo.retention import Action, Rule

RULES = (
    Rule(
        "audit_rows",
        _("Audit trail"),
        "access.AuditEvent",
        Action.KEPT,
        # GDPR art. 5(2), 32: the trail proves who read what. It is append-only and hash
        # chained (coordo/access/audit_chain.py): deleting old rows would make
        # `audit_chain verify` fail. Its rows hold identifiers only, never a value, and an
        # identifier stops naming anyone once the record is purged. A checkpoint of the
        # chain before archiving old rows is left to do; to be confirmed by the DPO.
        _("Kept: append-only and hash-chained; it holds identifiers, never a value."),
        order=99,
    ),
)

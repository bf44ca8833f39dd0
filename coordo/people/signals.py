"""What people tells the apps that hold something on a person because she consented to it.

People imports no app that builds on it (docs/ARCHITECTURE.md), so an app that must undo
something when a consent ends connects a receiver here, from a module its `AppConfig`
names in `registers`.
"""

from __future__ import annotations

from django.dispatch import Signal

consent_withdrawn = Signal()
"""Sent by `actions.record_consent`, inside its transaction, for a record withdrawing a
consent: `record` (the withdrawal: its person, purpose and date) and `by` (who records it).
A receiver undoes what that consent allowed, in the same transaction (an error it raises
refuses the withdrawal: nothing half-done), and returns one sentence for the worker saying
what it undid, or None when it undid nothing."""

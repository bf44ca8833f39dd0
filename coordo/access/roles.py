"""Roles and site kinds: the vocabulary every app shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    MEDICAL = "medical", _("Medical staff")
    HOST = "host", _("Host")
    DISPATCHER = "dispatcher", _("Dispatcher")
    FINANCE = "finance", _("Finance")
    RESEARCHER = "researcher", _("Researcher")
    FUNDER = "funder", _("Funder")
    ADMIN = "admin", _("Administrator")
    # Belgian wellbeing-at-work law: the register of acts of violence by third parties.
    PREVENTION_ADVISOR = "prevention_advisor", _("Prevention advisor (psycho-social)")
    DIRECTOR = "director", _("Direction")


class SiteKind(models.TextChoices):
    TRANSITIONAL_HOUSING = "transitional_housing", _("Transitional housing")
    SHELTER = "shelter", _("Shelter")
    FRONT_DESK = "front_desk", _("Front desk")
    DROP_IN = "drop_in", _("Drop-in centre")
    ARRIVAL_CENTRE = "arrival_centre", _("Arrival centre")
    RECEPTION_CENTRE = "reception_centre", _("Reception centre")

"""Registration, social screening and medical screening: who may write what."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import verified_client
from coordo.access.models import AuditEvent
from coordo.dispatch import actions
from coordo.dispatch.models import Arrival, MedicalScreening, SocialScreening
from coordo.dispatch.tests.conftest import principal
from coordo.dispatch.tests.factories import make_arrival, make_family

pytestmark = pytest.mark.django_db


def test_register_arrival_writes_one_audit_row(arrival_site, dispatcher):
    household = make_family(arrival_site, "Camara", 2018)
    arrival = actions.register_arrival(
        household, registered=date(2026, 11, 22), by=principal(dispatcher)
    )
    assert (arrival.site_id, arrival.status, arrival.key) == (
        arrival_site.pk,
        "waiting",
        f"A{arrival.pk}",
    )
    assert list(
        AuditEvent.objects.filter(object_type="dispatch.arrival").values_list("action", "object_id")
    ) == [("create", str(arrival.pk))]


def test_a_household_is_registered_once(arrival_site, dispatcher):
    household = make_family(arrival_site, "Camara")
    actions.register_arrival(household, registered=date(2026, 11, 22), by=principal(dispatcher))
    with pytest.raises(ValidationError) as error:
        actions.register_arrival(household, registered=date(2026, 11, 22), by=principal(dispatcher))
    assert error.value.message_dict == {"household": ["This household is already registered."]}
    assert Arrival.objects.count() == 1


def test_registration_date_cannot_be_in_the_future(arrival_site, dispatcher):
    household = make_family(arrival_site, "Camara")
    with pytest.raises(ValidationError) as error:
        actions.register_arrival(household, registered=date(2026, 11, 24), by=principal(dispatcher))
    assert error.value.message_dict == {"registered": ["The registration date is in the future."]}


def test_social_screening_records_exclusions_and_family_centre(arrival_site, dispatcher, network):
    arrival = make_arrival(make_family(arrival_site, "Camara", 2017), by=dispatcher, screened=False)
    screening = actions.record_social_screening(
        arrival,
        by=principal(dispatcher),
        school_language="fr",
        region="brussels",
        family_centre=network["BXL"],
        flags=["violence"],
        women_only=True,
        unaccompanied_minor=False,
        excluded_centres=[network["GNT"]],
    )
    assert list(screening.excluded_centres.values_list("code", flat=True)) == ["GNT"]
    assert (screening.family_centre, screening.flags) == (network["BXL"], ["violence"])


def test_family_centre_cannot_be_excluded(arrival_site, dispatcher, network):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher, screened=False)
    with pytest.raises(ValidationError) as error:
        actions.record_social_screening(
            arrival,
            by=principal(dispatcher),
            family_centre=network["BXL"],
            excluded_centres=[network["BXL"]],
        )
    assert error.value.message_dict == {
        "excluded_centres": ["The family's centre cannot also be excluded for safety."]
    }


def test_unknown_vulnerability_is_refused(arrival_site, dispatcher):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher, screened=False)
    with pytest.raises(ValidationError) as error:
        actions.record_social_screening(arrival, by=principal(dispatcher), flags=["tall"])
    assert error.value.message_dict == {"flags": ["Unknown vulnerability: tall"]}


def test_only_the_medical_role_records_a_medical_screening(arrival_site, dispatcher, nurse):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher)
    with pytest.raises(PermissionDenied):
        actions.record_medical_screening(
            arrival,
            details="Asthme",
            needs_medical=True,
            needs_accessible=False,
            by=principal(dispatcher),
        )
    screening = actions.record_medical_screening(
        arrival,
        details="Asthme",
        needs_medical=True,
        needs_accessible=False,
        by=principal(nurse),
    )
    assert list(MedicalScreening.objects.values_list("details", "needs_medical")) == [
        ("Asthme", True)
    ]
    assert (
        AuditEvent.objects.filter(
            object_type="dispatch.medicalscreening", object_id=str(screening.pk)
        ).count()
        == 1
    )
    assert "Asthme" not in repr(list(AuditEvent.objects.values_list()))


PREGNANCY_REFUSED = (
    "Pregnant: nobody in this household is recorded as a woman aged 12 to 55. Correct the "
    "flag, or tick the confirmation if it is right."
)


def test_a_pregnancy_flag_for_a_man_is_refused_unless_confirmed(arrival_site, dispatcher):
    arrival = make_arrival(
        make_family(arrival_site, "Haddad", 2019, head_sex="M"), by=dispatcher, screened=False
    )  # a father and his son of seven
    with pytest.raises(ValidationError) as error:
        actions.record_social_screening(arrival, by=principal(dispatcher), flags=["pregnant"])
    assert error.value.message_dict == {"flags": [PREGNANCY_REFUSED]}
    assert not SocialScreening.objects.exists()
    actions.record_social_screening(
        arrival,
        by=principal(dispatcher),
        flags=["pregnant"],
        pregnancy_confirmed=True,
    )
    assert SocialScreening.objects.get().flags == ["pregnant"]


def test_a_pregnancy_flag_for_a_woman_of_childbearing_age_needs_no_confirmation(
    arrival_site, dispatcher
):
    arrival = make_arrival(make_family(arrival_site, "Camara"), by=dispatcher, screened=False)
    actions.record_social_screening(
        arrival, by=principal(dispatcher), flags=["pregnant"]
    )  # Hawa Camara, born in 1988
    assert SocialScreening.objects.get().flags == ["pregnant"]


def test_the_screening_form_asks_to_confirm_a_pregnancy_flag_for_a_man(
    arrival_site, dispatcher, network
):
    arrival = make_arrival(
        make_family(arrival_site, "Haddad", head_sex="M"), by=dispatcher, screened=False
    )
    client = verified_client(dispatcher)
    url = reverse("dispatch_arrival_social", args=[arrival.pk])
    response = client.post(url, {"flags": ["pregnant"]})
    assert response.status_code == 200
    assert response.context["form"].errors == {"flags": [PREGNANCY_REFUSED]}
    assert 'name="pregnancy_confirmed"' in response.content.decode()
    assert not SocialScreening.objects.exists()
    response = client.post(url, {"flags": ["pregnant"], "pregnancy_confirmed": "on"})
    assert response.status_code == 302
    assert SocialScreening.objects.get().flags == ["pregnant"]
    # Edited later, the confirmation given then is still ticked.
    form = client.get(url).context["form"]
    assert form["pregnancy_confirmed"].value() is True

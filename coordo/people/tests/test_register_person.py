from __future__ import annotations

from datetime import date

import pytest

from conftest import make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.people.models import Person

VALID = {"first_name": "Selam", "last_name": "Tesfamariam", "birth_year": "1994", "sex": "F"}


@pytest.mark.django_db
def test_a_social_worker_registers_a_person_at_their_current_site(social_worker, site):
    response = verified_client(social_worker).post("/people/new/", VALID)
    person = Person.objects.get()
    assert response.url == f"/people/{person.pk}/"
    assert (person.site, person.created_by, person.search_name) == (
        site,
        social_worker,
        "selam tesfamariam",
    )
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(person.pk)).count() == 1
    )


@pytest.mark.django_db
def test_a_look_alike_shows_a_duplicate_warning_before_anything_is_written(social_worker, site):
    existing = make_person(site, "Sélam", "Tesfamariam", birth_year=1994)
    client = verified_client(social_worker)
    response = client.post("/people/new/", VALID)
    assert response.status_code == 200
    assert f'href="/people/{existing.pk}/"' in response.content.decode()
    assert "may already be registered" in response.content.decode()
    assert Person.objects.count() == 1
    confirmed = client.post("/people/new/", {**VALID, "confirm_not_duplicate": "on"})
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_names_in_the_other_order_are_also_flagged(social_worker, site):
    make_person(site, "Tesfamariam", "Selam", birth_year=1994)
    response = verified_client(social_worker).post("/people/new/", VALID)
    assert "may already be registered" in response.content.decode()


@pytest.mark.django_db
def test_the_duplicate_warning_never_reveals_a_person_of_another_site(social_worker, other_site):
    make_person(other_site, "Selam", "Tesfamariam", birth_year=1994)
    response = verified_client(social_worker).post("/people/new/", VALID)
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_wrong_national_number_is_refused_next_to_its_field(social_worker):
    response = verified_client(social_worker).post(
        "/people/new/", {**VALID, "national_number": "85.07.30-033.29"}
    )
    form = response.context["form"]
    assert list(form.errors) == ["national_number"]
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_a_national_number_typed_with_dots_and_dashes_is_kept_as_digits(social_worker):
    verified_client(social_worker).post(
        "/people/new/", {**VALID, "birth_year": "1985", "national_number": "85.07.30-033.28"}
    )
    assert Person.objects.get().national_number == "85073003328"


@pytest.mark.django_db
def test_a_birth_year_that_contradicts_the_birth_date_is_refused(social_worker):
    response = verified_client(social_worker).post(
        "/people/new/", {**VALID, "birth_date": "1990-05-01", "birth_year": "1994"}
    )
    assert list(response.context["form"].errors) == ["birth_year"]


@pytest.mark.django_db
def test_the_birth_year_is_completed_from_the_birth_date(social_worker):
    data = {**VALID, "birth_year": "", "birth_date": "2001-02-03"}
    verified_client(social_worker).post("/people/new/", data)
    assert Person.objects.get().birth_year == 2001


@pytest.mark.django_db
def test_a_dispatcher_cannot_register_anyone(site):
    from conftest import make_user

    dispatcher = make_user(site, "dispatcher")
    assert verified_client(dispatcher).post("/people/new/", VALID).status_code == 403
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_an_edit_keeps_the_history_in_the_audit_trail(social_worker, person):
    client = verified_client(social_worker)
    data = {
        "first_name": "Éloïse",
        "last_name": "Van den Broeck",
        "birth_date": "1990-04-02",
        "birth_year": "1990",
        "sex": "F",
        "phone": "+32 471 00 00 00",
    }
    assert client.post(f"/people/{person.pk}/edit/", data).status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.search_name) == ("+32 471 00 00 00", "eloise van den broeck")
    assert person.birth_date == date(1990, 4, 2)
    assert (
        AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(person.pk)).count() == 1
    )

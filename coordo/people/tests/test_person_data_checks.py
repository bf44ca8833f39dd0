"""Birth year bounds, the birth inside a national number, and numbers held twice."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import make_person, verified_client
from coordo.access.models import AuditAction, AuditEvent
from coordo.access.scoping import principal_for_user
from coordo.people import actions
from coordo.people.models import Person

pytestmark = pytest.mark.django_db

VALID = {"first_name": "Selam", "last_name": "Tesfamariam", "sex": "F"}
BORN_1985_07_30 = "85073003328"  # typed as on the card: 85.07.30-033.28
BORN_2017_07_30 = "17073003384"  # check digits computed on 2 + the first nine: born in 2000s
BORN_1917_07_30 = "17073003355"  # the same first nine digits, check digits of the 1900s
BORN_1985_MONTH_UNKNOWN = "85000004195"


def register(social_worker, site, **fields):
    return actions.register_person(
        site=site,
        by=principal_for_user(social_worker),
        **{**VALID, **fields},
    )


def errors_of(social_worker, site, **fields) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        register(social_worker, site, **fields)
    return error.value.message_dict


@pytest.mark.parametrize("year", [1850, 1899, 3000])
def test_an_implausible_birth_year_is_refused_with_a_message_on_the_field(
    social_worker, site, year
):
    last = timezone.localdate().year
    response = verified_client(social_worker).post(
        "/people/new/", {**VALID, "birth_year": str(year)}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Enter a birth year between 1900 and {last}." in body
    assert "Constraint" not in body
    assert Person.objects.count() == 0


def test_next_year_is_refused_and_this_year_accepted(social_worker, site):
    this_year = timezone.localdate().year
    assert errors_of(social_worker, site, birth_year=this_year + 1) == {
        "birth_year": [f"Enter a birth year between 1900 and {this_year}."]
    }
    assert register(social_worker, site, birth_year=this_year).birth_year == this_year


def test_a_birth_date_before_1900_is_refused(social_worker, site):
    errors = errors_of(social_worker, site, birth_date=date(1850, 1, 1))
    assert errors["birth_date"] == ["Enter a birth date from 1900 on."]


def test_the_desk_form_bounds_the_year_the_same_way(social_worker, site):
    response = verified_client(social_worker).post(
        "/front-desk/",
        {**VALID, "birth_year": "3000", "kind": "information", "urgency": "normal"},
    )
    assert "Enter a birth year between 1900 and" in response.content.decode()
    assert Person.objects.count() == 0


def test_the_national_number_must_match_the_birth_date(social_worker, site):
    assert errors_of(
        social_worker, site, birth_date=date(1990, 7, 30), national_number=BORN_1985_07_30
    ) == {
        "national_number": [
            "This national number is of someone born on 30/07/1985, "
            "but the birth date entered is 30/07/1990."
        ]
    }
    person = register(
        social_worker, site, birth_date=date(1985, 7, 30), national_number=BORN_1985_07_30
    )
    assert person.birth_year == 1985


def test_the_page_names_the_national_number_field_with_day_first_dates(social_worker, site):
    response = verified_client(social_worker).post(
        "/people/new/",
        {**VALID, "birth_date": "1990-04-02", "national_number": "85.07.30-033.28"},
    )
    form = response.context["form"]
    assert form.errors["national_number"] == [
        "This national number is of someone born on 30/07/1985, "
        "but the birth date entered is 02/04/1990."
    ]
    assert Person.objects.count() == 0


def test_the_national_number_must_match_the_birth_year(social_worker, site):
    assert errors_of(social_worker, site, birth_year=1986, national_number=BORN_1985_07_30) == {
        "national_number": [
            "This national number is of someone born in 1985, but the birth year entered is 1986."
        ]
    }


def test_the_century_is_read_from_the_check_digits(social_worker, site):
    assert register(social_worker, site, birth_year=2017, national_number=BORN_2017_07_30)
    assert errors_of(
        social_worker, site, first_name="Hiwet", birth_year=1917, national_number=BORN_2017_07_30
    ) == {
        "national_number": [
            "This national number is of someone born in 2017, but the birth year entered is 1917."
        ]
    }
    assert register(
        social_worker, site, first_name="Abeba", birth_year=1917, national_number=BORN_1917_07_30
    )


def test_an_unknown_month_in_the_number_is_not_held_against_the_date(social_worker, site):
    person = register(
        social_worker, site, birth_date=date(1985, 3, 9), national_number=BORN_1985_MONTH_UNKNOWN
    )
    assert person.national_number == BORN_1985_MONTH_UNKNOWN
    assert errors_of(
        social_worker,
        site,
        first_name="Hiwet",
        birth_date=date(1984, 3, 9),
        national_number=BORN_1985_MONTH_UNKNOWN,
    )["national_number"] == [
        "This national number is of someone born in 1985, but the birth date entered is 09/03/1984."
    ]


def test_a_number_held_by_a_visible_person_warns_before_anything_is_written(social_worker, site):
    holder = make_person(site, "Almaz", "Gebremedhin", birth_year=1985)
    holder.national_number = BORN_1985_07_30
    holder.save()
    client = verified_client(social_worker)
    data = {**VALID, "birth_year": "1985", "national_number": "85.07.30-033.28"}
    response = client.post("/people/new/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "This national number is already recorded" in body
    assert f'href="/people/{holder.pk}/"' in body
    assert Person.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.SEARCH).count() == 1
    confirmed = client.post("/people/new/", {**data, "confirm_not_duplicate": "on"})
    assert confirmed.status_code == 302
    assert Person.objects.filter(national_number=BORN_1985_07_30).count() == 2


def test_a_number_held_at_a_site_out_of_sight_is_never_revealed(
    social_worker, site, other_site, foreign_site
):
    for place in (other_site, foreign_site):
        hidden = make_person(place, "Hidden", f"Holder {place.pk}", birth_year=1985)
        hidden.national_number = BORN_1985_07_30
        hidden.save()
    data = {**VALID, "birth_year": "1985", "national_number": "85.07.30-033.28"}
    response = verified_client(social_worker).post("/people/new/", data, follow=True)
    body = response.content.decode()
    assert "Hidden" not in body
    assert "already recorded" not in body
    assert Person.objects.filter(site=site, national_number=BORN_1985_07_30).count() == 1


def test_an_edit_that_gives_a_visible_persons_number_warns_then_saves(social_worker, site, person):
    holder = make_person(site, "Almaz", "Gebremedhin", birth_year=1985)
    holder.national_number = BORN_1985_07_30
    holder.save()
    client = verified_client(social_worker)
    data = {"first_name": person.first_name, "last_name": person.last_name, "sex": "F"}
    data |= {"birth_year": "1985", "national_number": BORN_1985_07_30}
    body = client.post(f"/people/{person.pk}/edit/", data).content.decode()
    assert f'href="/people/{holder.pk}/"' in body
    assert "This is a different person: save anyway" in body
    person.refresh_from_db()
    assert person.national_number == ""
    response = client.post(f"/people/{person.pk}/edit/", {**data, "confirm_not_duplicate": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.national_number == BORN_1985_07_30


def test_an_edit_without_a_twin_offers_no_confirmation_box(social_worker, person):
    body = verified_client(social_worker).get(f"/people/{person.pk}/edit/").content.decode()
    assert "confirm_not_duplicate" not in body

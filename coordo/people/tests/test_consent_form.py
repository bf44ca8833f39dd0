"""A consent is recorded as given or withdrawn only when the worker says which."""

from __future__ import annotations

import pytest

from conftest import verified_client
from coordo.people.models import ConsentRecord

pytestmark = pytest.mark.django_db


def post(client, person, **fields):
    data = {"purpose": "share_sites", "date": "2026-11-20", **fields}
    return client.post(f"/people/{person.pk}/consents/", data, follow=True)


def test_a_purpose_without_a_choice_records_nothing_and_names_the_field(social_worker, person):
    response = post(verified_client(social_worker), person)
    assert ConsentRecord.objects.count() == 0
    assert "Consent: Choose whether the consent is given or withdrawn." in response.content.decode()


@pytest.mark.parametrize(("answer", "given"), [("yes", True), ("no", False)])
def test_the_explicit_choice_is_recorded(social_worker, person, answer, given):
    post(verified_client(social_worker), person, given=answer)
    assert list(ConsentRecord.objects.values_list("purpose", "given")) == [("share_sites", given)]


def test_the_form_offers_both_answers_with_none_ticked(social_worker, person):
    body = verified_client(social_worker).get(f"/people/{person.pk}/").content.decode()
    form = body.split(f'action="/people/{person.pk}/consents/"')[1].split("</form>")[0]
    assert 'type="radio" name="given" value="yes"' in form
    assert 'type="radio" name="given" value="no"' in form
    assert "checked" not in form
    assert "Untick" not in body

"""Every number a form takes is bounded, and ids out of range are invalid choices, not 500s."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from django import forms
from django.core.validators import MaxValueValidator

import coordo
from conftest import verified_client
from coordo.access.ids import MAX_ID, RecordsChoiceField, parse_id
from coordo.access.models import User
from coordo.people.models import Person

TOO_LARGE = str(MAX_ID + 1)


def form_classes() -> Iterator[type[forms.BaseForm]]:
    root = Path(coordo.__file__).parent
    for path in sorted(root.glob("*/forms.py")) + sorted(root.glob("*/forms/*.py")):
        module = importlib.import_module(
            ".".join(("coordo", *path.relative_to(root).with_suffix("").parts))
        )
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def bounded_by_model(form: type[forms.BaseForm], name: str) -> bool:
    """A model form's number is checked by the model too, against the column's range."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None or name not in {f.name for f in model._meta.get_fields()}:
        return False
    validators = model._meta.get_field(name).validators
    return any(isinstance(v, MaxValueValidator) for v in validators)


def test_every_number_and_every_list_of_ids_a_form_takes_is_bounded() -> None:
    unbounded = []
    for form in form_classes():
        for name, field in form.base_fields.items():
            if (
                isinstance(field, forms.IntegerField)
                and None in (field.min_value, field.max_value)
                and not bounded_by_model(form, name)
            ):
                unbounded.append(f"{form.__module__}.{form.__name__}.{name}")
            if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(
                field, RecordsChoiceField
            ):
                unbounded.append(f"{form.__module__}.{form.__name__}.{name}")
    assert unbounded == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        (" 12 ", 12),
        (str(MAX_ID), MAX_ID),
        (TOO_LARGE, None),
        ("0", None),
        ("-3", None),
        ("", None),
        ("²", None),
        ("1e3", None),
        (None, None),
    ],
)
def test_parse_id(raw: object, expected: int | None) -> None:
    assert parse_id(raw) == expected


@pytest.mark.django_db
def test_a_list_of_ids_out_of_range_is_an_invalid_choice(person: Person) -> None:
    field = RecordsChoiceField(queryset=Person.objects.all())
    assert list(field.clean([str(person.pk)])) == [person]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(person.pk), TOO_LARGE])
    assert refused.value.messages == [f"“{TOO_LARGE}” is not a valid value."]


@pytest.mark.django_db
def test_the_admit_page_with_a_household_id_out_of_range_shows_the_form(
    coordinator: User,
) -> None:
    answer = verified_client(coordinator).get("/housing/stays/admit/", {"household": TOO_LARGE})
    assert answer.status_code == 200


@pytest.mark.django_db
def test_admitting_members_out_of_range_names_the_field(coordinator: User) -> None:
    answer = verified_client(coordinator).post(
        "/housing/stays/admit/", {"members": [TOO_LARGE], "start": "2026-12-01"}
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["members"] == [f"“{TOO_LARGE}” is not a valid value."]

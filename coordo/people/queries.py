"""Reads of persons and households, always starting from what the principal may see."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from coordo.access.policy import Perm
from coordo.access.scoping import Principal
from coordo.people.models import ConsentRecord, Household, HouseholdMember, Person
from coordo.people.search import name_similarity, normalise, search_name

DUPLICATE_THRESHOLD = 0.85


def persons_visible_to(principal: Principal, perm: Perm = Perm.PERSON_VIEW) -> QuerySet[Person]:
    return Person.objects.visible_to(principal, perm).select_related("site")


def households_visible_to(principal: Principal) -> QuerySet[Household]:
    return Household.objects.visible_to(principal, Perm.PERSON_VIEW).select_related("site", "head")


def get_person(principal: Principal, person_id: int, perm: Perm = Perm.PERSON_VIEW) -> Person:
    return get_object_or_404(persons_visible_to(principal, perm), pk=person_id)


def get_household(principal: Principal, household_id: int) -> Household:
    members = HouseholdMember.objects.select_related("person").order_by("person__birth_year")
    return get_object_or_404(
        households_visible_to(principal).prefetch_related(Prefetch("members", queryset=members)),
        pk=household_id,
    )


def search_persons(
    principal: Principal, query: str, *, site_id: int | None = None
) -> QuerySet[Person]:
    """By name (partial, accent-insensitive, any word order) or by a four-digit birth year."""
    persons = persons_visible_to(principal)
    if site_id is not None:
        persons = persons.filter(site_id=site_id)
    query = query.strip()
    if query.isdigit() and len(query) == 4:
        return persons.filter(birth_year=int(query))
    for word in normalise(query).split():
        persons = persons.filter(search_name__contains=word)
    return persons


def possible_duplicates(
    principal: Principal, first_name: str, last_name: str, birth_year: int | None
) -> list[Person]:
    """Persons the principal can see who look like the one being created."""
    wanted = search_name(first_name, last_name)
    words = wanted.split()
    if not words:
        return []
    # Narrow in the database on the rarest-looking word, then compare whole names here.
    longest = max(words, key=len)
    candidates = persons_visible_to(principal).filter(search_name__contains=longest[:4])
    found = []
    for person in candidates[:200]:
        similar = name_similarity(wanted, person.search_name) >= DUPLICATE_THRESHOLD
        same_year = birth_year is None or person.birth_year in (None, birth_year)
        if similar and same_year:
            found.append(person)
    return found


def persons_with_national_number(
    principal: Principal, national_number: str, *, excluding: int | None = None
) -> list[Person]:
    """Other persons holding this national number, among those whose number the principal
    may read: a holder the principal may not see is never revealed, not even by a hint."""
    if not national_number:
        return []
    holders = persons_visible_to(principal, Perm.PERSON_VIEW_CONFIDENTIAL).filter(
        national_number=national_number
    )
    if excluding is not None:
        holders = holders.exclude(pk=excluding)
    return list(holders[:20])


def consents_in_force(person: Person) -> dict[str, ConsentRecord]:
    """The latest record per purpose."""
    latest: dict[str, ConsentRecord] = {}
    for record in person.consents.select_related("recorded_by").all():
        latest.setdefault(record.purpose, record)
    return latest


def has_consent(person: Person, purpose: str) -> bool:
    record = consents_in_force(person).get(purpose)
    return bool(record and record.given)

"""Plain functions that build rows; override only what the test needs."""

import datetime
import itertools

from dramas.models import Drama, Network
from people.models import Alias, Person, Role

_seq = itertools.count(1)


def make_network(**overrides):
    n = next(_seq)
    return Network.objects.create(**{"name": f"Network {n}", **overrides})


def make_drama(**overrides):
    n = next(_seq)
    fields = {"title": f"Drama {n}", "premiere_on": datetime.date(2025, 1, 4)}
    return Drama.objects.create(**{**fields, **overrides})


def make_person(*, aliases=(), **overrides):
    n = next(_seq)
    person = Person.objects.create(**{"name": f"Person {n}", **overrides})
    for alias in aliases:
        Alias.objects.create(person=person, name=alias)
    return person


def make_cast(drama=None, person=None, **overrides):
    fields = {"character_name": f"Character {next(_seq)}", "tier": Role.Tier.LEAD}
    return Role.objects.create(
        drama=drama or make_drama(),
        person=person or make_person(),
        category=Role.Category.CAST,
        **{**fields, **overrides},
    )


def make_crew(drama=None, person=None, job=Role.Job.DIRECTOR, **overrides):
    return Role.objects.create(
        drama=drama or make_drama(),
        person=person or make_person(),
        category=Role.Category.CREW,
        job=job,
        **overrides,
    )

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from people.models import Role
from tests.factories import make_cast, make_crew, make_drama, make_person

pytestmark = pytest.mark.django_db
D = datetime.date


def test_known_for_puts_lead_roles_and_key_crew_jobs_first():
    person = make_person(name="Park Shin Woo")
    current = make_drama(premiere_on=D(2025, 1, 4))
    make_crew(current, person, job=Role.Job.DIRECTOR)
    directed = make_crew(make_drama(premiere_on=D(2020, 6, 20)), person)
    make_cast(make_drama(premiere_on=D(2023, 1, 1)), person, tier=Role.Tier.CAMEO)
    produced = make_crew(make_drama(premiere_on=D(2024, 1, 1)), person, job="producer")

    known = person.known_for(exclude=current)

    cameo = person.credits.get(tier=Role.Tier.CAMEO)
    assert known == [directed, produced, cameo]


def test_known_for_is_callable_with_no_arguments_and_returns_real_credits():
    person = make_person()
    lead = make_cast(person=person, tier=Role.Tier.LEAD)

    assert person.known_for() == [lead]


def test_known_for_honours_a_cut_off_date():
    person = make_person()
    make_cast(make_drama(premiere_on=D(2025, 1, 1)), person)
    older = make_cast(make_drama(premiere_on=D(2016, 8, 24)), person)

    assert person.known_for(before=D(2024, 12, 16)) == [older]


def test_two_people_may_share_a_name():
    first, second = make_person(name="Kim Ji Won"), make_person(name="Kim Ji Won")

    assert first.slug != second.slug


def test_cast_credit_with_a_job_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_cast(job=Role.Job.DIRECTOR)


def test_crew_credit_with_a_character_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_crew(character_name="Gong Ryong")


def test_crew_credit_without_a_job_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_crew(job="")


def test_cast_credit_without_a_tier_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        make_cast(tier="")


def test_duplicate_credit_is_refused_by_the_database():
    credit = make_cast(character_name="Gong Ryong")

    with pytest.raises(IntegrityError):
        make_cast(credit.drama, credit.person, character_name="Gong Ryong")


def test_one_person_may_hold_several_credits_on_one_drama():
    drama, person = make_drama(), make_person()
    make_crew(drama, person, job=Role.Job.DIRECTOR)
    make_crew(drama, person, job=Role.Job.SCREENWRITER)
    make_cast(drama, person, tier=Role.Tier.CAMEO)

    assert person.credits.filter(drama=drama).count() == 3


def test_credit_validation_explains_a_job_on_a_cast_credit():
    role = Role(
        drama=make_drama(),
        person=make_person(),
        category="cast",
        tier="lead",
        job="director",
    )

    with pytest.raises(
        ValidationError, match="cast credit needs a tier and has no crew job"
    ):
        role.full_clean()


def test_a_name_whose_key_runs_past_its_column_is_kept(db):
    # Each "﷽" is one character of the name and 24 letters of its key.
    name = "\ufdfd" * 10

    person = make_person(name=name, aliases=[name])

    person.refresh_from_db()
    assert person.name == name
    assert person.name_key == "bismillahalrahmanalrahim" * 6 + "bismil"
    assert len(person.aliases.get().name_key) == 150

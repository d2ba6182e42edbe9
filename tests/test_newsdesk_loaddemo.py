import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dramas.models import Drama
from people.models import Person

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row of every model, so a second run can be compared field by field."""
    return {
        model._meta.label: sorted(map(repr, model._default_manager.values_list()))
        for model in apps.get_models()
        if model._meta.app_label in {"dramas", "people", "auth", "images", "articles"}
    }


def test_loaddemo_twice_leaves_exactly_the_same_rows(capsys):
    call_command("loaddemo")
    first = snapshot()

    call_command("loaddemo")

    assert snapshot() == first
    assert get_user_model().objects.filter(is_staff=True).count() == 3


def test_loaddemo_holds_the_reference_show_and_its_makers():
    call_command("loaddemo")

    drama = Drama.objects.get(slug="when-the-stars-gossip")
    cast = {c.person.name: c.character_name for c in drama.credits.cast()}
    director = Person.objects.get(name="Park Shin Woo")
    writer = Person.objects.get(name="Seo Sook Hyang")
    assert (drama.native_title, drama.network.name) == ("별들에게 물어봐", "tvN")
    assert str(drama.premiere_on) == "2025-01-04"
    assert cast["Lee Min Ho"] == "Gong Ryong"
    assert cast["Gong Hyo Jin"] == "Eve Kim"
    assert cast["Heo Nam Jun"] == ""
    assert (
        director.known_for(exclude=drama)[0].drama.title == "It's Okay to Not Be Okay"
    )
    assert writer.known_for(exclude=drama)[0].drama.title == "Don't Dare to Dream"


def test_loaddemo_prints_the_password_only_in_debug(settings, capsys):
    settings.DEBUG = False
    call_command("loaddemo", password="quiet-password-1")

    assert "quiet-password-1" not in capsys.readouterr().out


def test_loaddemo_adds_stories_in_every_state_through_the_workflow():
    from articles.models import Article, StatusChange

    call_command("loaddemo")

    states = set(Article.objects.values_list("status", flat=True))
    published = Article.objects.get(status="published")
    assert states == {"published", "in_review", "scheduled", "draft"}
    assert published.lead_image is not None
    assert str(published.first_published_at.date()) == "2024-12-16"
    assert StatusChange.objects.filter(
        article=published, by__username="editor"
    ).exists()
    # Checked as a save in the desk checks them: none says "Not checked yet".
    assert not Article.objects.filter(desk_checked_at__isnull=True).exists()


def test_loaddemo_refuses_an_empty_password():
    with pytest.raises(CommandError, match="Give the demo accounts a password"):
        call_command("loaddemo", password=" ")

    assert not get_user_model().objects.exists()


def test_loaddemo_prints_a_password_only_when_it_logs_in(settings, capsys):
    settings.DEBUG = True
    call_command("loaddemo", password="first-password-1")
    call_command("loaddemo")  # the default password, for accounts that exist

    first, second = capsys.readouterr().out.split("Demo desk:")[1:]
    assert "demo password: first-password-1" in first
    assert "stars-gossip-demo" not in second
    assert "they keep the password they were given before this run" in second


def test_loaddemo_names_the_password_only_for_the_accounts_it_logs_in(settings, capsys):
    from django.contrib.auth import get_user_model

    settings.DEBUG = True
    # A desk that had one demo account already, with its own password.
    get_user_model().objects.create_user("admin", password="admins-own-1")
    call_command("loaddemo", password="first-password-1")

    out = capsys.readouterr().out
    assert (
        "Log in to the desk (/admin/) as editor or journalist; demo password: "
        "first-password-1 (admin keeps the password given before this run)" in out
    )

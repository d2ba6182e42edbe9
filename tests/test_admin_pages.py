import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from dramas.models import Drama
from newsdesk import demo
from newsdesk.desk_time import desk_time
from people.models import Person
from tests.factories import (
    make_article,
    make_cast,
    make_crew,
    make_drama,
    make_image,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db


def admin_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        yield reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if model_admin.has_add_permission(request):
            yield reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        row = model._default_manager.order_by("pk").first()
        if row is not None:
            yield reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk]
            )


def test_every_admin_page_loads_for_a_superuser(superuser_client, django_user_model):
    demo.load_show_data()

    chief = django_user_model.objects.get(username="chief")
    urls = list(admin_urls(chief))
    for url in urls:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
    assert len(urls) > 10


def test_drama_admin_filters_and_searches_without_error(superuser_client):
    demo.load_show_data()
    url = reverse("admin:dramas_drama_changelist")

    for query in [
        "status=ended",
        "status=upcoming",
        "status=bogus",
        "premiere_year=2025",
        "premiere_year=abc",
        "q=Jealousy Incarnate",
        "q=별들에게",
    ]:
        response = superuser_client.get(f"{url}?{query}")
        assert response.status_code == 200, query


def test_drama_admin_finds_a_show_by_an_alternative_title(superuser_client):
    demo.load_show_data()
    url = reverse("admin:dramas_drama_changelist")

    response = superuser_client.get(url, {"q": "Jealousy Incarnate"})

    assert list(response.context["cl"].result_list)[0].slug == "dont-dare-to-dream"


def test_drama_admin_finds_the_shows_missing_a_finale_date(superuser_client):
    today = timezone.localdate()
    months = datetime.timedelta(days=30)
    stale = make_drama(title="Stale", premiere_on=today - 9 * months, finale_on=None)
    make_drama(title="Fresh", premiere_on=today - 2 * months, finale_on=None)
    make_drama(
        title="Finished", premiere_on=today - 9 * months, finale_on=today - 6 * months
    )
    make_drama(title="Announced", premiere_on=None, finale_on=None)
    url = reverse("admin:dramas_drama_changelist")

    everything = superuser_client.get(url).text
    missing = superuser_client.get(url, {"status": "finale_missing"})

    assert "Airing over 8 months: finale date missing?" in everything
    assert [drama.title for drama in missing.context["cl"].result_list] == ["Stale"]
    assert "Airing? No finale date" in missing.text
    assert everything.count("Airing? No finale date") == 1
    assert stale.status == Drama.Status.AIRING  # readers' rule unchanged


def reads(client, url):
    client.get(url)  # the desk's navigation is kept after the first page
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("side", ["drama", "person"])
def test_credit_tables_take_the_same_reads_however_many_credits(superuser_client, side):
    # Each credit's row read its person twice and its drama once: 208 queries for
    # a show with 66 credits on the bench desk.
    def form_with(credits):
        drama, person = make_drama(), make_person()
        for _ in range(credits):
            make_cast(**{side: drama if side == "drama" else person})
            make_crew(**{side: drama if side == "drama" else person})
        shown = drama if side == "drama" else person
        return reverse(f"admin:{shown._meta.app_label}_{side}_change", args=[shown.pk])

    assert reads(superuser_client, form_with(1)) == reads(
        superuser_client, form_with(6)
    )


def test_credit_list_shows_the_newest_credits_first(superuser_client):
    earlier = make_cast(drama=make_drama(title="Alpha"))
    later = make_cast(drama=make_drama(title="Zebra"))

    response = superuser_client.get(reverse("admin:people_role_changelist"))

    assert list(response.context["cl"].result_list) == [later, earlier]


def test_drama_form_asks_for_a_missing_finale_date(superuser_client):
    today = timezone.localdate()
    stale = make_drama(premiere_on=datetime.date(2025, 1, 4), finale_on=None)
    ended = make_drama(premiere_on=datetime.date(2025, 1, 4), finale_on=today)

    def form(drama):
        url = reverse("admin:dramas_drama_change", args=[drama.pk])
        return superuser_client.get(url).text

    asked = "premiered on 4 January 2025 and has no finale date"
    assert asked in form(stale)
    assert asked not in form(ended)


@pytest.mark.parametrize(
    "spelling", ["Lee Min-ho", "Lee Minho", "lee min ho", "이민호"]
)
def test_person_admin_search_finds_any_spelling(superuser_client, spelling):
    demo.load_show_data()

    response = superuser_client.get(
        reverse("admin:people_person_changelist"), {"q": spelling}
    )

    assert [p.name for p in response.context["cl"].result_list] == ["Lee Min Ho"]


def test_desk_home_names_who_is_signed_in_and_offers_a_draft(client):
    journalist = make_user(
        "Journalist", username="jo", first_name="Min Ji", last_name="Park"
    )
    client.force_login(journalist)

    html = client.get(reverse("admin:index")).text

    assert "Signed in as <strong>Min Ji Park</strong>." in html
    assert (
        f'<a href="{reverse("admin:articles_draft")}">Draft a story from a show</a>'
        in html
    )


def test_date_only_fields_take_the_browsers_date_picker(superuser_client):
    demo.load_show_data()
    drama = Drama.objects.get(title="When the Stars Gossip")
    person = Person.objects.filter(birth_date__isnull=False).first()
    image = make_image(kind="poster", unveiled_on=datetime.date(2024, 12, 16))
    forms = [
        (drama, "premiere_on", "2025-01-04"),
        (person, "birth_date", person.birth_date.isoformat()),
        (image, "unveiled_on", "2024-12-16"),
    ]

    for row, field, shown in forms:
        opts = row._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
        html = superuser_client.get(url).text

        tag = re.search(rf'<input [^>]*name="{field}"[^>]*>', html).group()
        assert 'type="date"' in tag and f'value="{shown}"' in tag, tag
        # Django's calendar, and its "hours behind server time" note, key on it.
        assert "vDateField" not in tag


def test_a_date_typed_in_the_date_picker_is_saved(superuser_client):
    person = make_person(name="Kim Ha Na")
    url = reverse("admin:people_person_change", args=[person.pk])
    form = {
        "name": "Kim Ha Na",
        "slug": person.slug,
        "birth_date": "1995-03-08",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "credits-2-TOTAL_FORMS": "0",
        "credits-2-INITIAL_FORMS": "0",
    }

    response = superuser_client.post(url, form)

    assert response.status_code == 302, response.text[:2000]
    person.refresh_from_db()
    assert person.birth_date == datetime.date(1995, 3, 8)


def sidebar(client, url):
    page = client.get(url).text
    return page[page.index('<nav class="sticky" id="nav-sidebar"') :].split("</nav>")[0]


def test_desk_sidebar_marks_the_screen_it_is_on(superuser_client):
    stories = reverse("admin:articles_article_changelist")
    dramas = reverse("admin:dramas_drama_changelist")
    sidebar(superuser_client, stories)

    on_dramas = sidebar(superuser_client, dramas)
    on_stories = sidebar(superuser_client, stories)

    assert f'<a href="{dramas}" aria-current="page">' in on_dramas
    assert f'<a href="{stories}" aria-current="page">' not in on_dramas
    assert f'<a href="{stories}" aria-current="page">' in on_stories


def test_desk_sidebar_shows_each_user_only_the_screens_they_may_open(
    superuser_client, client, journalist
):
    stories = reverse("admin:articles_article_changelist")
    groups, add_user = reverse("admin:auth_group_changelist"), "/admin/auth/user/add/"
    chiefs = sidebar(superuser_client, stories)
    assert f'href="{groups}"' in chiefs and f'href="{add_user}"' in chiefs
    client.force_login(journalist)

    theirs = sidebar(client, stories)

    assert f'href="{groups}"' not in theirs and f'href="{add_user}"' not in theirs
    assert f'<a href="{stories}" aria-current="page">' in theirs


@pytest.mark.parametrize("key", ["a b", "é", "x\ty", "{a|b}^", "a_b/c:d", "50%", 12])
def test_list_links_escape_any_key_as_reverse_does(django_user_model, key):
    chief = django_user_model.objects.create_superuser("chief", password="pw-chief-1")
    request = RequestFactory().get(reverse("admin:auth_user_changelist"))
    request.user = chief
    changelist = admin.site._registry[django_user_model].get_changelist_instance(
        request
    )

    link = changelist.url_for_result(django_user_model(pk=key))

    assert link == reverse("admin:auth_user_change", args=[quote(key)])


def test_desk_writes_dates_day_first(superuser_client):
    Drama.objects.create(title="When the Stars Gossip", premiere_on="2025-01-04")

    page = superuser_client.get(reverse("admin:dramas_drama_changelist")).text

    assert "4 Jan 2025" in page and "Jan. 4, 2025" not in page


def test_desk_home_gives_the_year_of_an_older_story(superuser_client):
    went_live = datetime.datetime(2024, 12, 16, 2, 0, tzinfo=datetime.UTC)
    make_article(headline="First look", status="published", publish_at=went_live)

    html = superuser_client.get(reverse("admin:index")).text

    assert "Mon 16 Dec 2024, 11:00" in html


@pytest.mark.parametrize("month", range(1, 13))
def test_desk_time_writes_what_the_desk_format_writes(month):
    moment = datetime.datetime(2025, month, 4, 10, 5, tzinfo=datetime.UTC)

    assert desk_time(moment) == date_format(localtime(moment), "DATETIME_FORMAT")

"""Random and hostile input against every reader URL and every admin form: no 5xx.

The URLs are discovered from the URLconf and the forms from the admin's registry, so a
new page or a new model is fuzzed without touching this file.
"""

import os
import re
from urllib.parse import quote, urlencode

import pytest
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import previews, services
from articles.models import Article
from dramas.models import Drama
from newsdesk.demo import load_show_data
from tests.factories import make_article, make_image, make_user, picture_bytes

pytestmark = pytest.mark.django_db

# The fixtures hold the rows every example reads; examples only add to them.
# No example database: a failure prints its example, and CI starts fresh anyway.
FUZZ = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "-1",
    "0",
    "abc",
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "2024-13-45",
    "0000-00-00",
    "9999-12-31 23:59",
    "%",
    "%zz%ff%",
    "' OR 1=1 --",
    "1; DROP TABLE articles_article",
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "별들에게 물어봐",
    "\u202egnp.exe",
    "😀" * 100,
    "\r\nSet-Cookie: x=1",
]
# Surrogates cannot be encoded at all, so no browser can send them.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers().map(str))


def examples(budget):
    """CI's budget per test; NEWSDESK_FUZZ_SCALE=10 hunts ten times as long."""
    return budget * int(os.environ.get("NEWSDESK_FUZZ_SCALE", "1"))


KEYS = ["page", "q", "date", "year", "status", "kind", "network", "o", "format"]


def reader_routes(patterns=None, prefix=""):
    """Every route a reader can reach, as (route, converters); the admin left out."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(("admin/", "media/", "static/", "^media", "^static")):
            continue
        if isinstance(entry, URLResolver):
            yield from reader_routes(entry.url_patterns, route)
        else:
            yield route, getattr(entry.pattern, "converters", {})


def fill(route, values):
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], route)


@pytest.fixture
def reader_data(db):
    """Show data, live stories about it, and a preview link; real slugs to fuzz with."""
    dramas, people = load_show_data()
    editor = make_user("Editor")
    story = make_article(status="published", publish_at=timezone.now())
    story.dramas.set(dramas.values())
    story.people.set(people.values())
    draft = make_article(by=editor)
    link = services.create_preview_link(draft, by=editor)
    return {
        "slug": [*dramas, *people, story.slug, draft.slug],
        "token": [previews.token_for(link), "x" * 300],
    }


def path_value(name, converter, real):
    """A value the converter accepts (so the view runs), real or random, or garbage."""
    matching = st.from_regex(converter.regex, fullmatch=True).filter(
        lambda value: "/" not in value
    )
    known = st.sampled_from(real.get(name, ["x"]))
    garbage = st.sampled_from(HOSTILE).map(lambda value: quote(value, safe=""))
    return st.one_of(known, known, matching.map(lambda v: quote(v, safe="")), garbage)


@st.composite
def reader_requests(draw, routes, real):
    route, converters = draw(st.sampled_from(routes))
    values = {n: draw(path_value(n, c, real)) for n, c in converters.items()}
    pairs = draw(st.lists(st.tuples(st.sampled_from(KEYS) | TEXT, VALUE), max_size=4))
    query = urlencode(pairs)
    if draw(st.booleans()):
        query += "&" + draw(st.sampled_from(["%", "%zz", "page=%ff%fe", "&&=&", "a"]))
    return f"{fill(route, values)}?{query}"


def test_reader_urls_are_all_fuzzed(reader_data):
    names = {route for route, _ in reader_routes()}

    assert {"", "stories/", "dramas/<slug:slug>/", "robots.txt"} <= names
    assert len(names) >= 10


@settings(FUZZ, max_examples=examples(100))
@given(data=st.data())
def test_reader_urls_never_answer_5xx(reader_data, data):
    client = Client(raise_request_exception=False)
    url = data.draw(reader_requests(list(reader_routes()), reader_data))

    response = client.get(url)

    assert response.status_code < 500, url


# The admin: every registered model's add and change form, as a superuser.


def widget_names(name, field):
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        return [f"{name}{suffix}" for suffix in widget.widgets_names]
    return [name]


def field_value(field):
    """A hostile or random value for one form field, by its kind."""
    if isinstance(field, forms.FileField):
        return st.sampled_from(
            [
                SimpleUploadedFile("x.jpg", b"\x00" * 10),
                SimpleUploadedFile("../../x.php", b"<?php ?>"),
                SimpleUploadedFile("still.jpg", picture_bytes(size=(40, 30))),
                "",
            ]
        )
    if isinstance(field, forms.ModelMultipleChoiceField):
        return st.lists(VALUE | st.sampled_from(["1", "2", "999999"]), max_size=3)
    numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
    dates = st.sampled_from(["2024-02-30", "2024-13-45", "1-1-1", "10000-01-01"])
    if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        return numbers | VALUE
    if isinstance(field, (forms.DateField, forms.DateTimeField, forms.TimeField)):
        return dates | VALUE
    return VALUE


@st.composite
def admin_post(draw, form, formsets):
    data = {}
    for name, field in form.base_fields.items():
        for key in widget_names(name, field):
            if draw(st.integers(0, 9)):  # now and then, a field is left out
                data[key] = draw(field_value(field))
    for formset in formsets:
        prefix = formset.prefix
        rows = draw(st.integers(0, 2))
        initial = draw(st.sampled_from([0, formset.initial_form_count()]))
        data[f"{prefix}-TOTAL_FORMS"] = str(rows + initial)
        data[f"{prefix}-INITIAL_FORMS"] = str(initial)
        for row in range(rows + initial):
            for name, field in formset.form.base_fields.items():
                data[f"{prefix}-{row}-{name}"] = draw(field_value(field))
    return data


def change_target(model):
    """An existing row to post a change form for (never the signed-in superuser)."""
    if model is User:
        return make_user("Journalist")
    if model is Group:
        return Group.objects.first()
    if model is Article:
        article = make_article()
        article.dramas.set(Drama.objects.all()[:1])
        return article
    if model._meta.label == "images.Image":
        return make_image(data=picture_bytes(size=(400, 300)))
    return model.objects.first()


def admin_urls(model, target):
    info = model._meta.app_label, model._meta.model_name
    urls = [reverse("admin:{}_{}_add".format(*info))]
    if target is not None:
        urls.append(reverse("admin:{}_{}_change".format(*info), args=[target.pk]))
    return urls


@pytest.fixture(params=list(admin.site._registry), ids=lambda model: model.__name__)
def admin_case(request, db):
    """A superuser's client, a model's admin and its add and change URLs."""
    chief = User.objects.create_superuser("fuzz-chief", password=None)
    load_show_data()
    model = request.param
    target = change_target(model)
    client = Client(raise_request_exception=False)
    client.force_login(chief)
    forms_by_url = {}
    for url in admin_urls(model, target):
        obj = target if url.endswith("/change/") else None
        forms_by_url[url] = admin_forms(admin.site._registry[model], chief, obj)
    return client, forms_by_url


def admin_forms(model_admin, user, obj):
    request = RequestFactory().get("/")
    request.user = user
    form = model_admin.get_form(request, obj)
    formsets = model_admin.get_formsets_with_inlines(request, obj)
    instance = obj or model_admin.model()
    return form, [formset(instance=instance) for formset, _ in formsets]


@settings(FUZZ, max_examples=examples(8))
@given(data=st.data())
def test_admin_forms_never_answer_5xx(admin_case, data):
    client, forms_by_url = admin_case
    url = data.draw(st.sampled_from(sorted(forms_by_url)))
    form, formsets = forms_by_url[url]

    response = client.post(url, data.draw(admin_post(form, formsets)))

    assert response.status_code < 500, (url, response.content[:3000])


# The admin's lists and its autocomplete, by query string: filters, search, ordering,
# date hierarchy, pages.


def changelist_keys(model_admin):
    keys = ["q", "o", "p", "e", "all", "_to_field", "_popup"]
    for entry in model_admin.list_filter:
        name = entry[0] if isinstance(entry, tuple) else entry
        keys.append(getattr(name, "parameter_name", None) or f"{name}__exact")
    if field := model_admin.date_hierarchy:
        keys += [f"{field}__year", f"{field}__month", f"{field}__day"]
    return keys


@pytest.fixture
def admin_lists(db):
    chief = User.objects.create_superuser("list-chief", password=None)
    load_show_data()
    make_article(status="published", publish_at=timezone.now())
    client = Client(raise_request_exception=False)
    client.force_login(chief)
    return client


@settings(FUZZ, max_examples=examples(30))
@given(data=st.data())
def test_admin_lists_and_autocomplete_never_answer_5xx(admin_lists, data):
    model, model_admin = data.draw(st.sampled_from(list(admin.site._registry.items())))
    info = model._meta.app_label, model._meta.model_name
    keys = changelist_keys(model_admin)
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(keys), VALUE), max_size=4))
    url = f"{reverse('admin:{}_{}_changelist'.format(*info))}?{urlencode(pairs)}"
    if data.draw(st.booleans()):
        field = data.draw(st.sampled_from(["dramas", "people", "lead_image"]))
        term = urlencode({"term": data.draw(VALUE)})
        query = f"app_label=articles&model_name=article&field_name={field}&{term}"
        url = f"{reverse('admin:autocomplete')}?{query}"

    response = admin_lists.get(url)

    assert response.status_code < 500, url

"""The picture tag and the library's reads: posters, portraits, no query per image."""

import datetime

import pytest
from django.template import Context, Template

from images.models import Image, prefetch_portraits
from people.models import Person
from tests.factories import make_drama, make_image, make_person, picture_bytes

pytestmark = pytest.mark.django_db

SMALL = picture_bytes(size=(700, 500))


def render(source, **context):
    return Template("{% load pictures %}" + source).render(Context(context))


def test_picture_writes_sources_srcset_sizes_dimensions_alt_and_credit():
    image = make_image(data=SMALL, alt_text="Gong Hyo Jin in orbit", credit="tvN")

    html = render('{% picture image sizes="50vw" %}', image=image)

    assert '<source type="image/webp" srcset="' in html
    assert " 320w, " in html and " 640w" in html
    assert 'sizes="50vw"' in html
    assert 'width="640" height="457"' in html
    assert 'alt="Gong Hyo Jin in orbit"' in html
    assert 'loading="lazy"' in html
    assert "Image: tvN" in html


def test_picture_loads_a_lead_image_eagerly():
    image = make_image(data=SMALL)

    html = render("{% picture image eager=True %}", image=image)

    assert 'loading="eager" fetchpriority="high"' in html
    assert 'loading="lazy"' not in html


def test_picture_escapes_alt_text_and_credit():
    image = make_image(data=SMALL, alt_text='"><script>x</script>', credit="<b>tvN</b>")

    html = render("{% picture image %}", image=image)

    assert "<script>" not in html and "<b>" not in html


def test_picture_of_no_image_writes_nothing():
    assert render("{% picture image %}", image=None) == ""


def test_picture_adds_no_query_per_image(django_assert_max_num_queries):
    for n in range(6):
        make_image(data=SMALL, alt_text=f"Still {n}")

    with django_assert_max_num_queries(2):
        images = list(Image.objects.with_renditions())
        html = render(
            '{% for i in images %}{% picture i shape="square" %}{% endfor %}',
            images=images,
        )

    assert html.count("<picture>") == 6


def test_posters_lists_a_dramas_posters_newest_first():
    drama = make_drama()
    older = make_image(
        data=SMALL, kind="poster", unveiled_on=datetime.date(2024, 11, 1)
    )
    newer = make_image(
        data=SMALL, kind="teaser_poster", unveiled_on=datetime.date(2024, 12, 16)
    )
    still = make_image(data=SMALL, kind="still")
    for image in (older, newer, still):
        image.dramas.add(drama)

    assert list(drama.images.posters()) == [newer, older]


def test_prefetch_portraits_gives_every_person_their_portrait_in_two_queries(
    django_assert_max_num_queries,
):
    people = [make_person() for _ in range(5)]
    for person in people:
        make_image(data=SMALL, kind="portrait").people.add(person)
    make_image(data=SMALL, kind="still").people.add(people[0])

    with django_assert_max_num_queries(3):
        found = list(Person.objects.prefetch_related(prefetch_portraits()))
        html = render(
            '{% for p in people %}{% picture p.portraits.0 shape="square" %}'
            "{% endfor %}",
            people=found,
        )

    assert [len(p.portraits) for p in found] == [1] * 5
    assert html.count("<picture>") == 5


def test_portraits_are_newest_first():
    person = make_person()
    first = make_image(data=SMALL, kind="portrait")
    second = make_image(data=SMALL, kind="portrait")
    for image in (first, second):
        image.people.add(person)

    assert list(person.images.portraits()) == [second, first]


def test_portrait_shows_a_persons_newest_portrait_square():
    person = make_person()
    make_image(data=SMALL, kind="portrait", alt_text="Older").people.add(person)
    make_image(data=SMALL, kind="portrait", alt_text="Newer").people.add(person)

    html = render("{% portrait person %}", person=person)

    assert 'alt="Newer"' in html
    assert 'width="320" height="320"' in html


def test_portrait_uses_prefetched_portraits_without_a_query(
    django_assert_num_queries,
):
    person = make_person()
    make_image(data=SMALL, kind="portrait").people.add(person)
    found = Person.objects.prefetch_related(prefetch_portraits()).get(pk=person.pk)

    with django_assert_num_queries(0):
        html = render("{% portrait person %}", person=found)

    assert "<picture>" in html


def test_portrait_of_someone_without_one_writes_nothing():
    assert render("{% portrait person %}", person=make_person()) == ""

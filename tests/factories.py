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


def make_user(group=None, **overrides):
    from django.contrib.auth.models import Group, User

    n = next(_seq)
    fields = {"username": f"user{n}", "is_staff": True, "first_name": f"Writer{n}"}
    user = User.objects.create_user(**{**fields, **overrides})
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def make_article(by=None, **overrides):
    """A story in any state; rows are built directly, as a fixture, not a workflow."""
    from articles.models import Article, Byline

    by = by or make_user("Journalist")
    n = next(_seq)
    fields = {
        "headline": f"Story {n}",
        "body": "<p>Lee Min Ho leads the cast.</p>",
        "created_by": by,
    }
    article = Article.objects.create(**{**fields, **overrides})
    Byline.objects.create(article=article, user=by)
    return article


def picture_bytes(fmt="JPEG", size=(1600, 1200), mode="RGB", colour=(200, 60, 90)):
    """An image file built in memory with Pillow, e.g. picture_bytes("PNG")."""
    import io

    from PIL import Image as Picture

    out = io.BytesIO()
    Picture.new(mode, size, colour).save(out, fmt)
    return out.getvalue()


def make_image(*, data=None, name="still.jpg", **overrides):
    """An Image uploaded through the library's checks, with its renditions cut."""
    from django.core.files.base import ContentFile

    from images import services
    from images.models import Image
    from newsdesk import imaging

    master = imaging.clean_upload(ContentFile(data or picture_bytes(), name=name))
    fields = {"alt_text": "A still", "credit": "tvN"}
    image = Image(file=ContentFile(master.data, name=master.name))
    for field, value in {**fields, **overrides}.items():
        setattr(image, field, value)
    services.save_image(image)
    return image

"""Placeholder art for the demo desk, drawn with Pillow: the real artwork is not ours.

Each picture says plainly that it is demo artwork, and is credited so.
"""

import datetime
import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_text_list
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont

from dramas.models import Drama
from newsdesk import imaging
from people.models import Person

from . import services
from .models import Image

CREDIT = "Demo artwork"
POSTER_DRAMA = "when-the-stars-gossip"
POSTER_CAST = ["lee-min-ho", "gong-hyo-jin", "oh-jung-se", "heo-nam-jun"]


@transaction.atomic
def load_demo_images():
    """The demo drama's poster and a portrait of each of its people; safe to re-run."""
    drama = Drama.objects.get(slug=POSTER_DRAMA)
    cast = [Person.objects.get(slug=slug) for slug in POSTER_CAST]
    images = [load_poster(drama, cast)]
    people = Person.objects.filter(credits__drama=drama).distinct().order_by("slug")
    images += [load_portrait(person) for person in people]
    return images


def load_poster(drama, cast):
    names = [person.name for person in cast]
    image = Image.objects.posters().filter(credit=CREDIT, dramas=drama).first()
    if image is None or _file_missing(image):
        art = poster_art(drama.title, names, colour_for(drama.slug))
        image = image or Image()
        image.file = upload(art, f"{drama.slug}-demo-poster.png")
    image.kind = Image.Kind.POSTER
    image.unveiled_on = datetime.date(2024, 12, 16)
    image.credit = CREDIT
    image.usage_note = "Made for the demo desk; not the official poster."
    image.alt_text = (
        f"Demo artwork standing in for the {drama.title} poster: the title and the "
        f"names {get_text_list(names, 'and')} in white on a coloured field."
    )
    image.focal_y = 0.4
    return save(image, dramas=[drama], people=cast)


def load_portrait(person):
    image = Image.objects.portraits().filter(credit=CREDIT, people=person).first()
    if image is None or _file_missing(image):
        art = portrait_art(person.name, colour_for(person.slug))
        image = image or Image()
        image.file = upload(art, f"{person.slug}-demo-portrait.png")
    image.kind = Image.Kind.PORTRAIT
    image.credit = CREDIT
    image.usage_note = "Made for the demo desk; not a photograph."
    image.alt_text = (
        f"Demo artwork standing in for a portrait of {person.name}: "
        "initials and name on a coloured field."
    )
    return save(image, people=[person])


def _file_missing(image):
    """A demo picture whose file is gone (a database restored without its media
    folder): drawn again, rather than failing the whole load."""
    return not image.file.name or not image.file.storage.exists(image.file.name)


def upload(art, name):
    """Our own art goes through the same checks as an editor's upload."""
    master = imaging.clean_upload(ContentFile(art, name=name))
    return ContentFile(master.data, name=master.name)


def save(image, *, dramas=(), people=()):
    # Renditions already cut from this very file are kept, so a re-run writes nothing.
    services.save_image(image)
    image.dramas.set(dramas)
    image.people.set(people)
    return image


def colour_for(slug):
    """A steady, fairly dark colour per name, so every run draws the same art."""
    red, green, blue = hashlib.sha256(slug.encode()).digest()[:3]
    return (40 + red // 3, 40 + green // 3, 70 + blue // 3)


def poster_art(title, names, colour):
    art = Picture.new("RGB", (1000, 1500), colour)
    draw = ImageDraw.Draw(art)
    draw.rectangle((40, 40, 959, 1459), outline="white", width=4)
    centred(art, 140, "DEMO ARTWORK", 40)
    centred(art, 200, "not the official poster", 32)
    for n, line in enumerate(wrap(title.upper(), 14)):
        centred(art, 520 + n * 110, line, 96)
    for n, name in enumerate(names):
        centred(art, 1050 + n * 64, name, 44)
    return png(art)


def portrait_art(name, colour):
    art = Picture.new("RGB", (800, 1000), colour)
    draw = ImageDraw.Draw(art)
    draw.ellipse((200, 180, 600, 580), outline="white", width=6)
    initials = "".join(part[0] for part in name.split()[:2])
    # Everything sits inside the middle 800x800, so the square crop keeps it all.
    centred(art, 380, initials, 150)
    centred(art, 680, name, 60)
    centred(art, 790, "DEMO ARTWORK", 36)
    return png(art)


def centred(art, y, text, size):
    font = ImageFont.load_default(size=size)
    ImageDraw.Draw(art).text((art.width / 2, y), text, "white", font, anchor="mm")


def wrap(text, width):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def png(art):
    out = io.BytesIO()
    art.save(out, "PNG")
    return out.getvalue()

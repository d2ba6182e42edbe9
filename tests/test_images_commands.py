"""regenerate_renditions, the demo pictures in loaddemo, and the bomb's memory."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from images.models import Image, Rendition
from people.models import Person
from tests.factories import make_image, picture_bytes
from tests.test_images_upload import png_claiming

pytestmark = pytest.mark.django_db

SMALL = picture_bytes(size=(700, 500))


@pytest.fixture(params=["suffixes", "overwrites"])
def storage(request, settings, media_root):
    """Django's file storage, which gives a taken name a suffix, and one that writes
    over it, as S3 through django-storages does by default."""
    options = {"allow_overwrite": request.param == "overwrites"}
    backend = "django.core.files.storage.FileSystemStorage"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": backend, "OPTIONS": options},
    }
    return request.param


def test_regenerate_renditions_recuts_every_image_with_a_progress_bar():
    images = [make_image(data=SMALL) for _ in range(2)]
    Rendition.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()

    call_command("regenerate_renditions", stdout=out, stderr=err)

    assert all(image.renditions.count() > 10 for image in images)
    assert "Stored" in out.getvalue()
    assert "2/2" in err.getvalue()


def test_regenerate_renditions_that_fails_partway_keeps_every_picture_whole(
    storage, media_root, disk_full_at
):
    image = make_image(data=SMALL)
    before = {r.file.name for r in image.renditions.all()}
    disk_full_at(5)

    with pytest.raises(CommandError, match="disk full"):
        call_command("regenerate_renditions", stdout=io.StringIO(), verbosity=0)

    # Readers' pages still name the old renditions, and every one is still there.
    assert {r.file.name for r in image.renditions.all()} == before
    assert all(image.file.storage.exists(name) for name in before)
    stored = {str(p.relative_to(media_root)) for p in media_root.rglob("*")}
    assert {n for n in stored if "/renditions/" in n and "." in n} == before


def test_missing_only_after_a_full_recut_recuts_nothing(storage):
    image = make_image(data=SMALL)
    call_command("regenerate_renditions", stdout=io.StringIO(), verbosity=0)
    after_recut = {r.file.name for r in image.renditions.all()}
    out = io.StringIO()

    call_command("regenerate_renditions", "--missing-only", stdout=out, verbosity=0)

    assert "Stored 0 renditions." in out.getvalue()
    assert {r.file.name for r in image.renditions.all()} == after_recut
    assert all(image.file.storage.exists(name) for name in after_recut)


def test_regenerate_renditions_refuses_an_unknown_id():
    image = make_image(data=SMALL)

    with pytest.raises(CommandError, match="No image with id 999999 in the library"):
        call_command("regenerate_renditions", str(image.pk), "999999")


def test_regenerate_renditions_reports_a_missing_file_and_goes_on():
    broken, fine = make_image(data=SMALL), make_image(data=SMALL)
    broken.file.storage.delete(broken.file.name)

    with pytest.raises(CommandError, match=f"image {broken.pk} "):
        call_command("regenerate_renditions", stdout=io.StringIO(), verbosity=0)

    assert fine.renditions.exists()


@pytest.mark.parametrize("name", ["", "../outside/still.jpg"])
def test_regenerate_renditions_reports_a_row_with_no_file_of_its_own_and_goes_on(
    name,
):
    broken, fine = make_image(data=SMALL), make_image(data=SMALL)
    Image.objects.filter(pk=broken.pk).update(file=name)

    with pytest.raises(CommandError, match=f"image {broken.pk} "):
        call_command("regenerate_renditions", stdout=io.StringIO(), verbosity=0)

    assert fine.renditions.exists()


def test_loaddemo_adds_the_poster_and_portraits_with_real_renditions():
    call_command("loaddemo", stdout=io.StringIO())

    poster = Image.objects.posters().get(dramas__slug="when-the-stars-gossip")
    people = set(poster.people.values_list("slug", flat=True))
    gong = Person.objects.get(slug="gong-hyo-jin")
    assert people == {"lee-min-ho", "gong-hyo-jin", "oh-jung-se", "heo-nam-jun"}
    assert str(poster.unveiled_on) == "2024-12-16"
    assert poster.credit == "Demo artwork"
    assert poster.alt_text.startswith("Demo artwork standing in for")
    assert poster.social_card is not None
    assert gong.images.portraits().get().renditions.filter(shape="square").exists()


def test_loaddemo_twice_does_not_pile_up_files(media_root):
    call_command("loaddemo", stdout=io.StringIO())
    first = sorted(p for p in media_root.rglob("*") if p.is_file())

    call_command("loaddemo", stdout=io.StringIO())

    assert sorted(p for p in media_root.rglob("*") if p.is_file()) == first


BOMB_CHILD = """
import resource, sys
limit = 512 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from django.conf import settings
settings.configure()
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from newsdesk import imaging
try:
    imaging.clean_upload(ContentFile(sys.stdin.buffer.read(), name="bomb.png"))
except ValidationError as error:
    print(error.code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_decompression_bomb_is_refused_within_512_mb():
    # A child process under a hard 512 MB address-space limit: decoding the claimed
    # 50,000 x 50,000 pixels (7.5 GB) would fail there with MemoryError.
    child = subprocess.run(
        [sys.executable, "-c", BOMB_CHILD],
        input=png_claiming(50_000, 50_000),
        capture_output=True,
        timeout=60,
        check=True,
    )

    code, peak_kb = child.stdout.decode().split()
    assert code == "too_many_pixels"
    assert int(peak_kb) < 512 * 1024


def test_loaddemo_draws_a_demo_picture_again_when_its_file_is_gone():
    call_command("loaddemo", stdout=io.StringIO())
    portrait = Person.objects.get(slug="gong-hyo-jin").images.portraits().get()
    portrait.file.storage.delete(portrait.file.name)

    call_command("loaddemo", stdout=io.StringIO())

    portrait.refresh_from_db()
    assert portrait.file.storage.exists(portrait.file.name)
    assert portrait.renditions.filter(shape="square").exists()
    assert Person.objects.get(slug="gong-hyo-jin").images.portraits().count() == 1

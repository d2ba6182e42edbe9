"""Renditions cut at upload: sizes, formats, crops on the focal point, no metadata."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, features
from PIL import Image as Picture

from articles.models import Article
from images import services
from images.models import Image, Rendition
from newsdesk import imaging
from tests.factories import make_article, make_image, picture_bytes

pytestmark = pytest.mark.django_db


def opened(rendition):
    with rendition.file.open("rb") as file:
        picture = Picture.open(io.BytesIO(file.read()))
        picture.load()
        return picture


def rotated_photo_with_gps():
    """60x40, red left and blue right, which EXIF says to turn a quarter clockwise."""
    photo = Picture.new("RGB", (600, 400), "red")
    photo.paste((0, 0, 255), (300, 0, 600, 400))
    exif = Picture.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "GossipCam"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 33.0, 59.0),
    }
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_renditions_cover_every_width_up_to_the_original_in_each_format():
    image = make_image(data=picture_bytes(size=(1500, 1000)))

    widths = {
        fmt: sorted(r.width for r in image.renditions_of("original") if r.format == fmt)
        for fmt in imaging.web_formats()
    }

    assert widths["jpeg"] == [320, 480, 640, 960, 1280]
    assert widths["webp"] == widths["jpeg"]
    assert ("avif" in widths) == features.check("avif")


def test_renditions_are_stored_in_the_format_and_size_they_claim():
    image = make_image(data=picture_bytes(size=(2400, 1600)))

    for rendition in image.renditions.all():
        picture = opened(rendition)
        assert (
            picture.format
            == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[rendition.format]
        )
        assert picture.size == (rendition.width, rendition.height)


def test_renditions_include_the_social_square_and_poster_crops():
    image = make_image(data=picture_bytes(size=(2400, 1600)))

    assert (image.social_card.width, image.social_card.height) == (1200, 630)
    assert {(r.width, r.height) for r in image.renditions_of("square")} == {
        (160, 160),
        (320, 320),
        (640, 640),
    }
    assert all(r.height * 2 == r.width * 3 for r in image.renditions_of("poster"))


def test_renditions_upscale_a_small_picture_only_for_the_social_card():
    image = make_image(data=picture_bytes(size=(300, 200)))

    others = [r for r in image.renditions.all() if r.shape != "social"]
    assert max(r.width for r in others) == 300
    assert {r.width for r in image.renditions_of("original")} == {300}
    assert (image.social_card.width, image.social_card.height) == (1200, 630)


def test_a_strip_far_taller_than_wide_is_scaled_to_fit_every_format(superuser_client):
    # 320 x 20,000: at its own width, as tall as WebP cannot encode (16,383 at most).
    data = picture_bytes("PNG", size=(320, 20_000))

    response = superuser_client.post(
        reverse("admin:images_image_add"),
        {
            "file": SimpleUploadedFile("strip.png", data),
            "kind": "still",
            "alt_text": "A webtoon panel",
            "credit": "Naver Webtoon",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )

    assert response.status_code == 302
    image = Image.objects.get(alt_text="A webtoon panel")
    tallest = max(image.renditions.all(), key=lambda r: r.height)
    assert tallest.height == imaging.MAX_SIDE
    assert opened(tallest).size == (tallest.width, imaging.MAX_SIDE)


def test_a_failed_cut_leaves_no_file_behind(media_root, disk_full_at):
    calls = disk_full_at(3)

    with pytest.raises(OSError, match="disk full"):
        make_image(data=picture_bytes(size=(1500, 1000)))

    assert len(calls) == 3
    assert [p for p in media_root.rglob("*") if p.is_file()] == []
    assert not Image.objects.exists() and not Rendition.objects.exists()


@pytest.mark.parametrize("focal", [(0.0, 0.0), (0.9, 0.2), (1.0, 1.0), (0.3, 0.7)])
def test_every_crop_holds_the_focal_point(focal):
    size = (3000, 1000)

    for shape in imaging.shapes().values():
        box = imaging.focal_box(size, shape.aspect or 3.0, focal)
        x, y = focal[0] * size[0], focal[1] * size[1]
        assert box[0] <= x <= box[2] and box[1] <= y <= box[3]
        assert box[2] <= size[0] and box[3] <= size[1]


def test_crops_follow_the_focal_point_the_editor_sets():
    left_red = Picture.new("RGB", (1800, 600), "blue")
    left_red.paste((255, 0, 0), (0, 0, 300, 600))
    out = io.BytesIO()
    left_red.save(out, "PNG")

    image = make_image(data=out.getvalue(), name="wide.png", focal_x=0.05)

    poster = opened(image.rendition("poster", width=320))
    assert poster.getpixel((10, 100))[0] > 200
    assert poster.getpixel((poster.width - 5, 100))[2] > 200


def test_hand_set_crop_is_honoured(superuser_client):
    image = make_image(data=picture_bytes(size=(2000, 1000)))
    url = reverse("admin:images_image_change", args=[image.pk])
    form = change_form(image, crop_square="1200, 100, 800, 800")

    response = superuser_client.post(url, form)

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.crops == {"square": [1200, 100, 800, 800]}
    planned = [p for p in imaging.plan((2000, 1000), (0.5, 0.5), image.crops)]
    assert {p.box for p in planned if p.shape == "square"} == {(1200, 100, 2000, 900)}
    assert image.rendition("square").width == 640


def test_hand_set_crop_outside_the_picture_is_refused(superuser_client):
    image = make_image(data=picture_bytes(size=(2000, 1000)))
    url = reverse("admin:images_image_change", args=[image.pk])

    response = superuser_client.post(
        url, change_form(image, crop_poster="0, 0, 700, 1200")
    )

    assert response.status_code == 200
    assert (
        "This crop goes outside the picture, which is 2000×1000 pixels" in response.text
    )
    assert Image.objects.get().crops == {}


def test_exif_orientation_is_applied_and_exif_and_gps_are_gone(media_root):
    image = make_image(data=rotated_photo_with_gps(), name="phone.jpg")

    assert (image.width, image.height) == (400, 600)
    with image.file.open("rb") as file:
        master = Picture.open(file)
        assert master.getpixel((200, 20))[0] > 200  # red, once on the left, is on top
        assert master.getpixel((200, 580))[2] > 200
    for path in (p for p in media_root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert b"GossipCam" not in data and b"Exif" not in data, path
        assert not Picture.open(path).getexif()


def test_a_new_focal_point_recuts_the_crops_and_drops_the_old_files(
    superuser_client, django_capture_on_commit_callbacks
):
    image = make_image(data=picture_bytes(size=(2000, 1000)))
    old = {r.file.name for r in image.renditions_of("poster")}
    storage = Rendition._meta.get_field("file").storage
    url = reverse("admin:images_image_change", args=[image.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, change_form(image, focal_x="0.9"))

    assert response.status_code == 302
    new = {r.file.name for r in Image.objects.get().renditions_of("poster")}
    assert new and not new & old
    assert not any(storage.exists(name) for name in old)


def test_a_cached_page_shows_the_new_crop_at_once(
    superuser_client, django_capture_on_commit_callbacks
):
    image = make_image(data=picture_bytes(size=(2000, 1000)))
    story = make_article(
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
        lead_image=image,
    )
    reader = Client()
    old = reader.get(story.get_absolute_url()).text
    url = reverse("admin:images_image_change", args=[image.pk])

    with django_capture_on_commit_callbacks(execute=True):
        superuser_client.post(url, change_form(image, focal_x="0.9"))

    social = Image.objects.get().renditions_of("social")[0].file.url
    assert social not in old
    assert social in reader.get(story.get_absolute_url()).text


def test_a_recut_of_an_image_loaded_with_some_shapes_keeps_the_others(
    media_root, disk_full_at
):
    image = make_image(data=picture_bytes(size=(700, 500)))
    before = {r.file.name for r in image.renditions.all()}
    squares_only = Image.objects.with_renditions("square").get(pk=image.pk)
    disk_full_at(5)

    with pytest.raises(OSError, match="disk full"):
        services.make_renditions(squares_only, force=True)

    assert {r.file.name for r in image.renditions.all()} == before
    assert all(image.file.storage.exists(name) for name in before)


def test_a_recut_of_an_image_loaded_with_some_shapes_replaces_every_shape(
    media_root, django_capture_on_commit_callbacks
):
    image = make_image(data=picture_bytes(size=(700, 500)))
    planned = image.renditions.count()
    squares_only = Image.objects.with_renditions("square").get(pk=image.pk)

    with django_capture_on_commit_callbacks(execute=True):
        services.make_renditions(squares_only, force=True)

    rows = Rendition.objects.filter(image=image)
    assert rows.count() == planned
    assert all(image.file.storage.exists(row.file.name) for row in rows)


@pytest.mark.parametrize("name", ["poster.jpg", "my poster (final).jpg"])
@pytest.mark.parametrize("overwrites", [False, True])
def test_two_uploads_with_one_name_keep_two_files(
    settings, media_root, overwrites, name
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"allow_overwrite": overwrites},
        },
    }
    red = stored_as_named(picture_bytes(colour=(255, 0, 0)), name)
    blue = stored_as_named(picture_bytes(colour=(0, 0, 255)), name)

    assert red.file.name != blue.file.name
    assert opened_master(red).getpixel((0, 0))[0] > 200
    assert opened_master(blue).getpixel((0, 0))[2] > 200


def stored_as_named(data, name):
    """An image whose file keeps `name` as given, as an import from a script may."""
    image = Image(file=ContentFile(data, name=name), alt_text="A still", credit="tvN")
    services.save_image(image)
    return image


def opened_master(image):
    with Image.objects.get(pk=image.pk).file.open("rb") as file:
        return Picture.open(io.BytesIO(file.read())).convert("RGB")


def test_deleting_an_image_deletes_its_files(
    media_root, django_capture_on_commit_callbacks
):
    image = make_image()

    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert [p for p in media_root.rglob("*") if p.is_file()] == []


def test_save_image_keeps_renditions_that_are_already_right():
    image = make_image()
    before = set(image.renditions.values_list("pk", "file"))

    made = services.make_renditions(image)

    assert made == 0
    assert set(image.renditions.values_list("pk", "file")) == before


def change_form(image, **overrides):
    form = {
        "kind": image.kind,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "usage_note": image.usage_note,
        "unveiled_on": "",
        "focal_x": str(image.focal_x),
        "focal_y": str(image.focal_y),
        "crop_poster": "",
        "crop_square": "",
        "crop_social": "",
    }
    return {**form, **overrides}

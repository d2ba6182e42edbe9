"""Hostile and broken files through the admin's upload form: refused or cleaned."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as Picture
from PIL import features

from images.models import Image
from tests.factories import make_image, picture_bytes

pytestmark = pytest.mark.django_db


def upload(client, data, name="upload.jpg", **fields):
    form = {
        "file": SimpleUploadedFile(name, data),
        "kind": "still",
        "alt_text": "Lee Min Ho on set",
        "credit": "tvN",
        "focal_x": "0.5",
        "focal_y": "0.5",
        **fields,
    }
    return client.post(reverse("admin:images_image_add"), form)


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def png_claiming(width, height):
    """A PNG whose header claims `width` x `height`, with almost no pixel data."""

    def chunk(kind, body):
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def jpeg_claiming(width, height):
    """A small JPEG whose frame header (SOF0) claims `width` x `height`."""
    data = bytearray(picture_bytes("JPEG", size=(64, 48)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def animated(fmt):
    frames = [Picture.new("RGB", (40, 40), colour) for colour in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=100)
    return out.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
REFUSED = [
    ("bomb.png", png_claiming(50_000, 50_000), "over 40 megapixels"),
    ("bomb.jpg", jpeg_claiming(60_000, 60_000), "over 40 megapixels"),
    ("just-over.png", png_claiming(8000, 5001), "over 40 megapixels"),
    ("cut.jpg", picture_bytes("JPEG")[:2000], "damaged or cut short"),
    ("notes.jpg", b"Not a picture: the desk's notes.\n" * 20, "not an image file"),
    ("logo.svg", SVG, "SVG drawings are not accepted"),
    ("logo.jpg", SVG, "SVG drawings are not accepted"),
    ("spin.gif", animated("GIF"), "GIF files"),
    ("spin.webp", animated("WEBP"), "Animated images are not accepted"),
    ("spin.png", animated("PNG"), "Animated images are not accepted"),
    ("empty.jpg", b"", "empty"),
    ("page.html", b"<html><script>alert(1)</script></html>", "not an image file"),
]


@pytest.mark.parametrize(
    ("name", "data", "message"), REFUSED, ids=[r[0] for r in REFUSED]
)
def test_upload_form_refuses_hostile_files_with_a_clear_message(
    superuser_client, media_root, name, data, message
):
    response = upload(superuser_client, data, name)

    assert response.status_code == 200
    assert message in response.text
    assert not Image.objects.exists()
    assert stored_files(media_root) == []


def test_upload_form_refuses_a_file_over_the_size_limit(
    superuser_client, settings, media_root
):
    settings.NEWSDESK_IMAGE_MAX_BYTES = 40_000
    noise = Picture.effect_noise((400, 400), 90).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)

    response = upload(superuser_client, out.getvalue())

    assert len(out.getvalue()) > 40_000
    assert "the limit is 39 KB. Export a smaller JPEG" in response.text
    assert not Image.objects.exists()


def test_upload_form_tells_the_browser_the_limit_and_the_formats(
    superuser_client, settings
):
    settings.NEWSDESK_IMAGE_MAX_BYTES = 40_000
    settings.NEWSDESK_IMAGE_MAX_PIXELS = 12_000_000

    html = superuser_client.get(reverse("admin:images_image_add")).text

    # upload-size.js refuses a bigger file before it is sent; the chooser offers
    # the formats the library takes.
    assert 'data-max-bytes="40000" data-max-size="39 KB"' in html
    assert 'accept="image/jpeg,image/png,image/webp' in html
    assert "up to 39 KB and 12 megapixels" in html
    assert "images/upload-size.js" in html


def test_upload_form_judges_the_content_not_the_file_name(superuser_client):
    response = upload(superuser_client, picture_bytes("PNG"), "poster.bin")

    assert response.status_code == 302
    assert Image.objects.get().file.name.endswith(".png")


def test_upload_strips_a_payload_appended_to_a_valid_png(superuser_client, media_root):
    payload = b"<html><script>alert('gossip')</script></html>"

    response = upload(superuser_client, picture_bytes("PNG") + payload, "a.png")

    assert response.status_code == 302
    files = stored_files(media_root)
    assert len(files) > 10
    assert not any(b"script" in path.read_bytes() for path in files)


def test_upload_turns_a_cmyk_jpeg_into_srgb(superuser_client):
    cmyk = picture_bytes("JPEG", mode="CMYK", colour=(0, 200, 200, 0))

    upload(superuser_client, cmyk)

    with Image.objects.get().file.open("rb") as file:
        master = Picture.open(file)
        assert master.mode == "RGB"
        red, green, blue = master.getpixel((10, 10))
    assert red > 200 and green < 100 and blue < 100


def test_upload_scales_a_16_bit_png_to_8_bits_without_clipping(superuser_client):
    grey = picture_bytes("PNG", size=(64, 64), mode="I;16", colour=40_000)

    upload(superuser_client, grey, "grey.png")

    with Image.objects.get().file.open("rb") as file:
        master = Picture.open(file)
        assert master.mode == "RGB"
        assert 150 <= master.getpixel((5, 5))[0] <= 160


def test_upload_keeps_a_webp(superuser_client):
    response = upload(superuser_client, picture_bytes("WEBP"), "still.webp")

    image = Image.objects.get()
    assert response.status_code == 302
    assert (image.width, image.height) == (1600, 1200)


@pytest.mark.skipif(not features.check("avif"), reason="Pillow without AVIF")
def test_upload_keeps_an_avif_where_pillow_reads_it(superuser_client):
    response = upload(superuser_client, picture_bytes("AVIF"), "still.avif")

    assert response.status_code == 302
    assert Image.objects.get().renditions.filter(format="avif").exists()


def test_upload_gives_a_transparent_palette_png_an_alpha_channel(superuser_client):
    palette = Picture.new("P", (80, 60), 0)
    palette.info["transparency"] = 0
    out = io.BytesIO()
    palette.save(out, "PNG", transparency=0)

    upload(superuser_client, out.getvalue(), "logo.png")

    with Image.objects.get().file.open("rb") as file:
        assert Picture.open(file).mode == "RGBA"


# Pillow warns of the broken EXIF this test sends on purpose.
@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_upload_survives_exif_too_broken_to_read(superuser_client):
    jpeg = picture_bytes("JPEG", size=(120, 80))
    garbage = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff" + b"\x07" * 40
    segment = b"\xff\xe1" + struct.pack(">H", len(garbage) + 2) + garbage

    response = upload(superuser_client, jpeg[:2] + segment + jpeg[2:])

    assert response.status_code == 302
    assert (Image.objects.get().width, Image.objects.get().height) == (120, 80)


def test_a_form_refused_for_another_field_asks_for_the_good_file_again(
    superuser_client,
):
    response = upload(superuser_client, picture_bytes(), focal_x="2")

    assert not Image.objects.exists()
    assert "The file was fine, but browsers do not keep a chosen file" in (
        response.text
    )
    refused = upload(superuser_client, b"not a picture", focal_x="2")
    assert "The file was fine" not in refused.text


def test_each_crop_has_an_example_of_its_shape_and_the_preview_comes_once_saved(
    superuser_client,
):
    image = make_image()
    added = superuser_client.get(reverse("admin:images_image_add")).text
    html = superuser_client.get(
        reverse("admin:images_image_change", args=[image.pk])
    ).text

    # A 2:3 box, a square and 1200 x 630.
    for example in ["120, 0, 600, 900", "200, 40, 480, 480", "0, 90, 1200, 630"]:
        assert f"e.g. {example}." in html
    assert "Click the preview to set it" in html
    assert "Click the preview to set it" not in added

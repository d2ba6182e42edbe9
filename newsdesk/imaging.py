"""Pillow work for the image library: refuse unsafe uploads, re-encode what is kept,
cut renditions.

Nothing here touches the database or storage (images/services.py does), so every step
can be tested on bytes in memory.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from PIL import Image, ImageCms, ImageOps, features

MB = 1024 * 1024

# The file extension each accepted format is stored under.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}


@dataclass(frozen=True)
class Shape:
    aspect: float | None  # width / height; None keeps the picture's own
    widths: tuple[int, ...]
    formats: tuple[str, ...]
    upscale: bool = False  # social networks want the full size, even from less


def web_formats():
    """Rendition formats, best first: AVIF only where the installed Pillow writes it."""
    return ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")


def shapes():
    """Every rendition shape, keyed like Rendition.Shape."""
    web = web_formats()
    return {
        "original": Shape(None, (320, 480, 640, 960, 1280, 1600, 1920), web),
        "poster": Shape(2 / 3, (320, 480, 640, 960), web),
        "square": Shape(1.0, (160, 320, 640), ("webp", "jpeg")),
        "social": Shape(1200 / 630, (1200,), ("jpeg",), upscale=True),
    }


@dataclass(frozen=True)
class Master:
    """A cleaned upload: re-encoded bytes with no metadata, ready to store."""

    data: bytes
    name: str
    width: int
    height: int


@dataclass(frozen=True)
class Planned:
    shape: str
    format: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in the master
    width: int
    height: int


def max_bytes():
    return getattr(settings, "NEWSDESK_IMAGE_MAX_BYTES", 25 * MB)


def max_pixels():
    return getattr(settings, "NEWSDESK_IMAGE_MAX_PIXELS", 40_000_000)


def _accepted():
    return ["JPEG", "PNG", "WebP"] + (["AVIF"] if features.check("avif") else [])


def accepted_formats():
    kinds = _accepted()
    return ", ".join(kinds[:-1]) + " or " + kinds[-1]


def accepted_types():
    """For a file input's `accept`: the file chooser offers these first."""
    return ",".join(f"image/{kind.lower()}" for kind in _accepted())


def readable(size):
    return f"{round(size / MB, 1):g} MB" if size >= MB else f"{size // 1024} KB"


def refusal(message, code):
    return ValidationError(message, code=code)


def clean_upload(upload):
    """Check an uploaded file and return it re-encoded, or raise ValidationError."""
    size = upload.size or 0
    if size == 0:
        raise refusal("The file is empty. Choose the image file again.", "empty")
    if size > max_bytes():
        raise refusal(
            f"The file is {readable(size)}; the limit is {readable(max_bytes())}. "
            "Export a smaller JPEG or WebP and upload that.",
            "too_big",
        )
    picture, kind = read(upload)
    return encode_master(picture, kind, getattr(upload, "name", "") or "image")


def read(file):
    """Sniff, check and decode `file`; return the normalized picture and its format."""
    file.seek(0)
    kind = sniff(file.read(64))
    file.seek(0)
    return normalize(decode(file, kind)), kind


def sniff(head):
    """The Pillow format the first bytes announce; refuse anything we do not take."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:12] in (b"ftypavif", b"ftypavis") and features.check("avif"):
        return "AVIF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        raise refusal(
            "GIF files (animated or not) are not accepted. "
            f"Upload a {accepted_formats()}.",
            "gif",
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")):
        raise refusal(
            "SVG drawings are not accepted: they can carry scripts. "
            f"Upload a {accepted_formats()}.",
            "svg",
        )
    raise refusal(
        f"This is not an image file we accept. Upload a {accepted_formats()} "
        "(the content counts, not the file name).",
        "unsupported",
    )


def too_many_pixels():
    return refusal(
        f"The image is over {max_pixels() / 1e6:.0f} megapixels (or claims to be). "
        "Export it smaller, for example 4000 pixels wide, and upload that.",
        "too_many_pixels",
    )


def decode(file, kind):
    """Open and decode `file`, checking the size its header claims before decoding."""
    try:
        picture = Image.open(file, formats=[kind])
        if picture.width * picture.height > max_pixels():
            raise too_many_pixels()
        if getattr(picture, "n_frames", 1) > 1:
            raise refusal(
                "Animated images are not accepted. Upload a still frame.", "animated"
            )
        picture.load()
    except Image.DecompressionBombError as error:
        raise too_many_pixels() from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise refusal(
            "The file is damaged or cut short, so it cannot be read as an image. "
            "Export it again and upload the new file.",
            "damaged",
        ) from error
    return picture


def normalize(picture):
    """Upright, sRGB, 8 bits per channel, and no metadata at all."""
    try:
        # In place: a copy of a 40-megapixel picture would cost another 120 MB.
        ImageOps.exif_transpose(picture, in_place=True)
    except (OSError, SyntaxError, ValueError, KeyError, TypeError):
        pass  # EXIF too broken to read an orientation from: keep the pixels as sent
    picture = to_srgb(picture)
    picture = to_8bit(picture)
    picture.info = {}
    return picture


def to_srgb(picture):
    icc = picture.info.get("icc_profile")
    if not icc:
        return picture
    mode = "RGBA" if picture.mode in ("RGBA", "LA", "PA") else "RGB"
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            picture, source, ImageCms.createProfile("sRGB"), outputMode=mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken or mismatched profile: fall back to Pillow's plain conversion.
        return picture


def to_8bit(picture):
    if picture.mode.startswith("I"):
        # 16-bit greys: scale 0..65535 down; a plain convert() would clip to white.
        picture = picture.convert("I").point(lambda value: value * (1 / 257))
        return picture.convert("L").convert("RGB")
    has_alpha = picture.has_transparency_data
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and picture.getextrema()[3][0] == 255:
        picture = picture.convert("RGB")  # an alpha channel with nothing see-through
    return picture


def encode_master(picture, kind, filename):
    # Lossless stays lossless (screenshots, logos, transparency); photos become JPEG.
    lossless = kind == "PNG" or picture.mode == "RGBA"
    fmt = "PNG" if lossless else "JPEG"
    out = io.BytesIO()
    if lossless:
        picture.save(out, "PNG", compress_level=6)
    else:
        picture.save(out, "JPEG", quality=92, subsampling="4:2:0", optimize=True)
    stem = slugify(filename.rsplit(".", 1)[0])[:60].strip("-") or "image"
    name = f"{stem}.{EXTENSIONS[fmt]}"
    return Master(out.getvalue(), name, picture.width, picture.height)


def focal_box(size, aspect, focal):
    """The largest box of `aspect` in `size`, centred on `focal` (0..1 fractions)."""
    width, height = size
    if width / height > aspect:
        box_w, box_h = max(1, round(height * aspect)), height
    else:
        box_w, box_h = width, max(1, round(width / aspect))
    left = clamp(round(focal[0] * width - box_w / 2), 0, width - box_w)
    top = clamp(round(focal[1] * height - box_h / 2), 0, height - box_h)
    return (left, top, left + box_w, top + box_h)


def fit_box(box, aspect):
    """The largest box of `aspect` centred inside an editor's hand-drawn `box`."""
    left, top, right, bottom = box
    inner = focal_box((right - left, bottom - top), aspect, (0.5, 0.5))
    return (left + inner[0], top + inner[1], left + inner[2], top + inner[3])


def clamp(value, low, high):
    return max(low, min(value, high))


def check_crop(crop, size):
    """Refuse a hand-set crop [left, top, width, height] that leaves the picture."""
    if not (isinstance(crop, list | tuple) and len(crop) == 4):
        raise refusal("Give four numbers: left, top, width, height.", "crop_shape")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in crop):
        raise refusal("Use whole pixels for left, top, width and height.", "crop_shape")
    left, top, width, height = crop
    if width < 1 or height < 1 or left < 0 or top < 0:
        raise refusal(
            "Width and height must be at least 1, left and top at least 0.", "crop"
        )
    if left + width > size[0] or top + height > size[1]:
        raise refusal(
            f"This crop goes outside the picture, which is {size[0]}×{size[1]} pixels: "
            f"left + width must be at most {size[0]}, top + height at most {size[1]}.",
            "crop_outside",
        )


# No rendition is longer than this on either side: WebP stops at 16,383 pixels, and
# no page shows a picture anywhere near it. A strip far taller than wide (a webtoon
# panel) is scaled down to fit, narrower.
MAX_SIDE = 8192


def plan(size, focal, crops):
    """Every rendition to make for a master of `size`, as Planned rows."""
    planned = []
    for name, shape in shapes().items():
        if shape.aspect is None:
            box = (0, 0, *size)
        elif name in crops:
            left, top, width, height = crops[name]
            box = fit_box((left, top, left + width, top + height), shape.aspect)
        else:
            box = focal_box(size, shape.aspect, focal)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        # Widths past the box are skipped (bar the social card); each shape gets one.
        fits = [w for w in shape.widths if w <= box_w or shape.upscale]
        sizes = {}
        for width in fits or [box_w]:
            height = max(1, round(width / (shape.aspect or box_w / box_h)))
            if height > MAX_SIDE:
                width, height = max(1, round(width * MAX_SIDE / height)), MAX_SIDE
            sizes[width] = height  # widths scaled down to fit may meet: one each
        for width, height in sizes.items():
            planned += [Planned(name, fmt, box, width, height) for fmt in shape.formats]
    return planned


def resize(picture, planned):
    """`picture` cut to `planned.box` and scaled to its size; any format is encoded
    from this one frame."""
    size = (planned.width, planned.height)
    lanczos = Image.Resampling.LANCZOS
    frame = picture.resize(size, lanczos, box=planned.box, reducing_gap=3)
    frame.info = {}
    return frame


def encode(frame, fmt):
    """Bytes of `frame` as a rendition in `fmt` ("avif", "webp" or "jpeg")."""
    data = io.BytesIO()
    if fmt == "jpeg":
        frame = flatten(frame) if frame.mode != "RGB" else frame
        frame.save(data, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "webp":
        frame.save(data, "WEBP", quality=80, method=4)
    else:
        frame.save(data, "AVIF", quality=55, speed=8)
    return data.getvalue()


def flatten(picture):
    """JPEG has no transparency: lay the picture on white."""
    canvas = Image.new("RGB", picture.size, "white")
    canvas.paste(picture, mask=picture.getchannel("A"))
    return canvas

from django import template

register = template.Library()

# <source> elements, best first; JPEG is the <img> itself, for every browser.
SOURCE_FORMATS = ["avif", "webp"]


@register.inclusion_tag("images/picture.html")
def picture(
    image, shape="original", sizes="100vw", eager=False, credit=True, caption=False
):
    """A <picture> of `image` in `shape` with its credit line, lazily loaded.

    {% picture story.lead_image sizes="(min-width: 60rem) 60rem, 100vw" eager=True %}
    Uses the prefetched renditions (Image.objects.with_renditions()): no query here.
    """
    if image is None:
        return {}
    renditions = image.renditions_of(shape)
    jpeg = [r for r in renditions if r.format == "jpeg"]
    fallback = image.rendition(shape, width=960)
    return {
        "image": image,
        "sources": [
            {"type": f"image/{fmt}", "srcset": srcset(renditions, fmt)}
            for fmt in SOURCE_FORMATS
            if any(r.format == fmt for r in renditions)
        ],
        "src": fallback.file.url if fallback else image.file.url,
        "srcset": srcset(jpeg, "jpeg") if len(jpeg) > 1 else "",
        "width": fallback.width if fallback else image.width,
        "height": fallback.height if fallback else image.height,
        "sizes": sizes,
        "eager": eager,
        "credit": credit and image.credit,
        "caption": caption and image.caption,
    }


def srcset(renditions, fmt):
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions if r.format == fmt)

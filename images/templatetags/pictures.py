from django import template

from images.models import Rendition

register = template.Library()

# <source> elements, best first; JPEG is the <img> itself, for every browser.
SOURCE_FORMATS = ["avif", "webp"]


@register.inclusion_tag("images/picture.html")
def picture(
    image, shape="original", sizes="100vw", eager=False, credit=True, caption=False
):
    """A <picture> of `image` in `shape` with its credit line, lazily loaded.

    {% picture story.lead_image sizes="(min-width: 60rem) 60rem, 100vw" eager=True %}
    Uses the prefetched renditions (Image.objects.with_renditions(shape), or
    renditions_in and prefetch_renditions): no query here.
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


@register.inclusion_tag("images/picture.html")
def portrait(person, sizes="12rem", eager=False, credit=True):
    """`person`'s newest library portrait, square: {% portrait person %}.

    Uses person.portraits when the page prefetched them (prefetch_portraits()), so a
    list of people costs no query per person; otherwise two queries for this one.
    """
    portraits = getattr(person, "portraits", None)
    if portraits is None:
        square = Rendition.Shape.SQUARE
        portraits = person.images.portraits().with_renditions(square)[:1]
    image = portraits[0] if portraits else None
    return picture(image, shape="square", sizes=sizes, eager=eager, credit=credit)

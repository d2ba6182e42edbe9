"""Writes to the image library: an image's renditions follow its file, focal point and
crops, and its files leave storage when it goes.

Rendition names carry a digest of what they were cut from, so a new crop gets a new
address (no stale copy in a CDN) and an unchanged one is kept as it is.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from newsdesk import imaging
from newsdesk.caching import purge_public_pages
from newsdesk.file_names import found_in, free_name

from .models import Rendition

# Bump when the encoder settings in newsdesk.imaging change, so every address changes.
RENDITION_VERSION = 1


@transaction.atomic
def save_image(image, *, recut=True, previous_file=""):
    """Save `image`; with `recut`, bring its renditions in step with it."""
    image.full_clean(exclude=["file"], validate_unique=False)
    uploaded = not image.file._committed  # this save stores a new file
    image.save()
    try:
        if recut:
            make_renditions(image)
    except BaseException:
        # The rows roll back; the file this save stored goes with them.
        if uploaded:
            image.file.storage.delete(image.file.name)
        raise
    if previous_file and previous_file != image.file.name:
        delete_on_commit(image.file.storage, [previous_file])


@transaction.atomic
def make_renditions(image, *, force=False):
    """Cut and store every rendition `image` calls for, reusing those already right.

    With `force`, re-encode them all (after a change of encoder settings).
    """
    with image.file.open("rb") as file:
        picture, _ = imaging.read(file)
    storage = Rendition._meta.get_field("file").storage
    # Every row, read and replaced through Rendition, whatever `image` was loaded
    # with: a reader page's prefetch holds only the shapes it shows, and
    # image.renditions would read (and delete) only those.
    old = {r.file.name: r for r in Rendition.objects.filter(image=image)}
    focal = (image.focal_x, image.focal_y)
    kept, todo = [], []
    for planned in imaging.plan(picture.size, focal, image.crops or {}):
        name = rendition_name(image, planned)
        # A forced recut may have stored it beside its name (cut, free_name).
        stored = found_in(name, old)
        if not force and stored and storage.exists(stored):
            kept.append(stored)
        else:
            todo.append((planned, name))
    made = cut(storage, image, picture, todo, in_use=old)
    Rendition.objects.filter(image=image).exclude(file__in=kept).delete()
    Rendition.objects.bulk_create(made)
    current = set(kept) | {r.file.name for r in made}
    if gone := [name for name in old if name not in current]:
        # Cached pages name the old addresses: render them again, first, as a
        # storage error in the deletes would stop the callbacks after it.
        transaction.on_commit(purge_public_pages)
        delete_on_commit(storage, gone)
    return len(made)


def cut(storage, image, picture, todo, *, in_use=()):
    """Store each (planned, name); one resize serves every format of a size. If one
    fails, those stored before it are deleted: their rows will never be written.

    A file a rendition row names (`in_use`) is never written over or deleted here,
    even when a cut goes to its name (a forced recut): the new one is stored under a
    free name beside it, and the old one goes once the rows that name it have been
    replaced (delete_on_commit). A recut that fails partway leaves every picture
    whole, on a storage that overwrites a taken name (S3's default) as on one that
    does not."""
    made, frame, frame_key = [], None, None
    try:
        for planned, name in todo:
            if (planned.box, planned.width) != frame_key:
                frame = imaging.resize(picture, planned)
                frame_key = (planned.box, planned.width)
            if name in in_use:
                name = free_name(storage, name, taken=in_use)
            elif storage.exists(name):
                storage.delete(name)  # left by a cut whose rows were never written
            data = ContentFile(imaging.encode(frame, planned.format))
            made.append(rendition_row(image, planned, storage.save(name, data)))
    except BaseException:
        for row in made:
            if row.file.name not in in_use:
                storage.delete(row.file.name)
        raise
    return made


def rendition_name(image, planned):
    source = f"{image.file.name}|{planned.box}|{RENDITION_VERSION}"
    digest = hashlib.sha256(source.encode()).hexdigest()[:10]
    extension = imaging.EXTENSIONS[planned.format.upper()]
    return (
        f"images/renditions/{image.pk}/"
        f"{planned.shape}-{planned.width}w-{digest}.{extension}"
    )


def rendition_row(image, planned, name):
    return Rendition(
        image=image,
        shape=planned.shape,
        format=planned.format,
        width=planned.width,
        height=planned.height,
        file=name,
    )


def delete_on_commit(storage, names):
    """Delete files once the rows that point at them are surely gone."""

    def delete():
        for name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(delete)


def forget_files(sender, instance, **kwargs):
    """pre_delete receiver: an image's file and renditions go with its row."""
    names = [r.file.name for r in instance.renditions.all()]
    if instance.file:
        names.append(instance.file.name)
    delete_on_commit(instance.file.storage, names)

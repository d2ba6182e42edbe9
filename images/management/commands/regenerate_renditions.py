from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from images import services
from images.models import Image

# What one image may raise without stopping the rest: a file unreadable or damaged,
# and rows no upload makes (no file at all, a path outside the media folder).
CANNOT_CUT = (OSError, ValidationError, ValueError, SuspiciousFileOperation)


class Command(BaseCommand):
    help = (
        "Cut and store every rendition of the image library again (after a change of "
        "sizes or encoder settings). Readers never wait for this: pages keep the old "
        "renditions until the new ones are saved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "ids", nargs="*", type=int, help="Only these images (by id); default all."
        )
        parser.add_argument(
            "--missing-only",
            action="store_true",
            help="Keep renditions already stored; cut only the missing ones.",
        )

    def handle(self, *args, ids, missing_only, verbosity, **options):
        images = Image.objects.order_by("pk")
        if ids:
            images = images.filter(pk__in=ids)
            if unknown := sorted(set(ids) - set(images.values_list("pk", flat=True))):
                raise CommandError(
                    f"No image with id {', '.join(map(str, unknown))} in the library. "
                    "Ids are in the image's admin address: /admin/images/image/<id>/."
                )
        failed, made = [], 0
        progress = tqdm(
            images.iterator(chunk_size=100),
            total=images.count(),
            desc="Images",
            unit="image",
            # The raw stream: OutputWrapper would end every "\r" redraw with a newline.
            file=self.stderr._out,
            disable=verbosity == 0,
        )
        for image in progress:
            try:
                made += services.make_renditions(image, force=not missing_only)
            except CANNOT_CUT as error:
                reason = " ".join(getattr(error, "messages", [str(error)]))
                failed.append(f"image {image.pk} ({image.file.name}): {reason}")
        self.stdout.write(f"Stored {made} renditions.")
        if failed:
            raise CommandError("Could not cut:\n" + "\n".join(failed))

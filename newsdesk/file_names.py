"""Free names for new files, whatever a storage does with a name that is taken.

Django's file system storage adds a suffix to a taken name, but S3 through
django-storages overwrites it by default (`file_overwrite`), and so does
`FileSystemStorage(allow_overwrite=True)`. Newsdesk picks free names itself, so no
upload or rendition ever lands on a file a row still names.
"""

import os

from django.utils.crypto import get_random_string


def free_name(storage, name, *, taken=()):
    """`name` if nothing is stored there and it is not in `taken`; else `name` with
    Django's "_" and seven characters before the extension, free in the same way."""
    stem, extension = os.path.splitext(name)
    while name in taken or storage.exists(name):
        name = f"{stem}_{get_random_string(7)}{extension}"
    return name


def found_in(name, names):
    """The name among `names` that free_name() gave `name`: itself, or it with the
    suffix; None if neither is there."""
    if name in names:
        return name
    stem, extension = os.path.splitext(name)
    return next(
        (n for n in names if n.startswith(f"{stem}_") and n.endswith(extension)), None
    )

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from articles.drafting import KINDS, draft_story, get_kind
from dramas.models import Drama
from newsdesk.command_line import iso_date

# Where `make run` serves the desk; the printed address starts with it.
DESK_URL = "http://127.0.0.1:8000"
# Command-line options and the kind inputs they fill.
INPUTS = {"image": "--image", "credits": "--credit", "video": "--video"}


def _said(error):
    """An error as the command line names things: "--video: This field is required."."""
    if not hasattr(error, "error_dict"):
        return " ".join(getattr(error, "messages", [str(error)]))
    return " ".join(
        message
        if field == NON_FIELD_ERRORS
        else f"{INPUTS.get(field, field)}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


class Command(BaseCommand):
    help = (
        "Draft a story from the show data, e.g. `draft_story poster-reveal "
        "when-the-stars-gossip`, and print the new draft's address in the desk."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"The kind of story: {', '.join(KINDS)}.")
        parser.add_argument("drama", help="The show's slug: when-the-stars-gossip.")
        parser.add_argument(
            "--image",
            type=int,
            help="poster-reveal: the poster's ID (default: newest).",
        )
        parser.add_argument(
            "--credit",
            type=int,
            action="append",
            dest="credits",
            help="casting-news: a cast credit's ID; repeat it for several.",
        )
        parser.add_argument("--video", help="trailer: where to watch it (https://…).")
        parser.add_argument(
            "--teaser", action="store_true", help="trailer: it is a teaser."
        )
        parser.add_argument(
            "--as",
            dest="username",
            help="Whose draft it is (default: the first superuser).",
        )
        parser.add_argument(
            "--date",
            type=iso_date,
            help="The story's date (default: today, desk time).",
        )

    def handle(self, *args, kind, drama, username, date, **options):
        try:
            story_kind = get_kind(kind)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        inputs = self._inputs(story_kind, options)
        try:
            article = draft_story(
                kind,
                by=self._user(username),
                drama=self._drama(drama),
                at=date,
                **inputs,
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(_said(error)) from None
        path = reverse("admin:articles_article_change", args=[article.pk])
        self.stdout.write(f"Drafted “{article.headline}”.")
        self.stdout.write(f"{DESK_URL}{path}")

    def _inputs(self, story_kind, options):
        takes = set(story_kind.form_class.base_fields)
        given = {name: options[name] for name in INPUTS if options[name] is not None}
        if options["teaser"]:
            given["teaser"] = True
        if refused := sorted(set(given) - takes):
            flags = ", ".join(INPUTS.get(name, f"--{name}") for name in refused)
            raise CommandError(f"A {story_kind.name} story does not take {flags}.")
        return given

    def _drama(self, slug):
        drama = Drama.objects.filter(slug=slug).first()
        if drama is None:
            raise CommandError(f"There is no show with the slug “{slug}”.")
        return drama

    def _user(self, username):
        users = get_user_model().objects
        if username:
            user = users.filter(username=username).first()
            if user is None:
                raise CommandError(f"There is no user called “{username}”.")
            return user
        user = users.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("There is no superuser to own the draft: pass --as.")
        return user

from django.core.management.base import BaseCommand, CommandError

from articles import deskcheck, services
from articles.deskcheck import ERROR
from articles.models import Article
from newsdesk.command_line import iso_date


class Command(BaseCommand):
    help = "Check a story against the show data; exits non-zero when there is an error."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The story's slug.")
        parser.add_argument(
            "--date",
            type=iso_date,
            help=(
                "Check as of this date (YYYY-MM-DD), without keeping the findings "
                "on the story; default: its publication date, findings kept."
            ),
        )

    def handle(self, *args, slug, date, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No story with the slug “{slug}”.")
        # A check as of another day answers "what if"; the desk sees today's.
        if date is None:
            findings = services.check_copy(article)
        else:
            findings = deskcheck.run(article, on=date)
        for finding in findings:
            self.stdout.write(f"{finding.level.upper()}: {finding.message}")
            if finding.sentence:
                self.stdout.write(f"    “{finding.sentence}”")
        errors = sum(f.level == ERROR for f in findings)
        if errors:
            raise CommandError(
                f"{errors} error(s): not ready to publish.", returncode=1
            )
        self.stdout.write(f"No errors ({len(findings)} findings).")

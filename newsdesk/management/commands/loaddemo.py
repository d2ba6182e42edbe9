from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.demo import load_demo_stories
from images.demo import load_demo_images
from newsdesk import demo


class Command(BaseCommand):
    help = "Load the demo desk (When the Stars Gossip and its people). Safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="stars-gossip-demo",
            help="Password for demo accounts that do not exist yet.",
        )

    def handle(self, *args, password, **options):
        if not password.strip():
            raise CommandError(
                "Give the demo accounts a password (--password), or leave the "
                "option out for the default."
            )
        dramas, people = demo.load_show_data()
        self.stdout.write(f"Demo desk: {len(dramas)} dramas, {len(people)} people.")
        self.stdout.write(f"Image library: {len(load_demo_images())} demo pictures.")
        created = demo.ensure_accounts(password)
        if created:
            self.stdout.write(f"Created demo accounts: {', '.join(created)}.")
        stories = load_demo_stories()
        if stories:
            self.stdout.write(f"Demo stories: {len(stories)} added.")
        if settings.DEBUG:
            # Existing accounts keep their password: name it only for those it
            # logs in.
            accounts = [username for username, *_ in demo.ACCOUNTS]
            taking = demo.accounts_taking(password, created=created)
            others = [username for username in accounts if username not in taking]
            if not taking:
                said = (
                    f"as {_listed(accounts, 'or')}; they keep the password they "
                    "were given before this run"
                )
            else:
                said = f"as {_listed(taking, 'or')}; demo password: {password}"
                if others:
                    said += (
                        f" ({_listed(others, 'and')} "
                        f"{'keeps' if len(others) == 1 else 'keep'} the password "
                        "given before this run)"
                    )
            self.stdout.write(f"Log in to the desk (/admin/) {said}")


def _listed(names, conjunction):
    """ "a", "a or b", "a, b or c"."""
    return f" {conjunction} ".join(filter(None, [", ".join(names[:-1]), names[-1]]))

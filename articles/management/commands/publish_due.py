from django.core.management.base import BaseCommand

from articles import services


class Command(BaseCommand):
    help = (
        "Record the publication of scheduled stories whose time has come. Readers "
        "see them from their minute regardless; run this every minute from cron or "
        "a systemd timer. Safe to run several copies at once."
    )

    def handle(self, *args, **options):
        count = services.publish_due()
        self.stdout.write(
            f"Recorded {count} scheduled stor{'y' if count == 1 else 'ies'}."
        )

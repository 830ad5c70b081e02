from django.core.management.base import BaseCommand

from publishing.workflow import items_go_live


class Command(BaseCommand):
    help = (
        "Do the follow-up work (search index, page cache) for scheduled items that have come due. "
        "Readers see a scheduled item at its time without this; run it from cron every minute. Idempotent."
    )

    def handle(self, *args, **options):
        done = items_go_live()
        self.stdout.write(f"{len(done)} scheduled item(s) came due.")

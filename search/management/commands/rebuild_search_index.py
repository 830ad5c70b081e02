from django.core.management.base import BaseCommand

from search.indexing import index_rebuild


class Command(BaseCommand):
    help = "Empty the search index and build it again from every published item (scheduled ones included)."

    def handle(self, *args, **options):
        count = index_rebuild()
        self.stdout.write(f"Search index rebuilt: {count} item(s).")

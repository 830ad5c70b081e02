from django.core.management.base import BaseCommand

from search.indexing import index_rebuild
from search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Empty the search index and build it again from every published item (scheduled ones included) "
        "and every registered landing page."
    )

    def handle(self, *args, **options):
        count = index_rebuild()
        pages = SearchEntry.objects.exclude(page_name="").count()
        self.stdout.write(f"Search index rebuilt: {count} item(s) and {pages} landing page(s).")

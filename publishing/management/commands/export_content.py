from django.core.management.base import BaseCommand

from publishing.loaders import content_export


class Command(BaseCommand):
    help = (
        "Write the database's content out as Markdown files with front matter, in the demo-content layout: "
        "every item and pending draft, template files, search synonyms and best bets (not history or the "
        "workflow log). load_demo_content --path loads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Folder to write into (created if missing).")

    def handle(self, *args, **options):
        count = content_export(root=options["destination"])
        self.stdout.write(f"Exported {count} items and search entries to {options['destination']}.")

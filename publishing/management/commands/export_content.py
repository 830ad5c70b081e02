from django.core.management.base import BaseCommand

from publishing.loaders import content_export


class Command(BaseCommand):
    help = "Write every item in the database out as Markdown files with front matter, in the demo-content layout."

    def add_arguments(self, parser):
        parser.add_argument("destination", help="Folder to write into (created if missing).")

    def handle(self, *args, **options):
        count = content_export(root=options["destination"])
        self.stdout.write(f"Exported {count} items to {options['destination']}.")

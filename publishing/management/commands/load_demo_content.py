from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from publishing.loaders import ContentError, content_load


class Command(BaseCommand):
    help = (
        "Load the demo content, or a folder written by export_content, into the database. All or nothing, and "
        "idempotent: creates what is missing, updates what only the loader has touched, never overwrites an "
        "editor's change."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(Path(settings.BASE_DIR) / "content"), help="Content folder.")

    def handle(self, *args, **options):
        try:
            report = content_load(root=options["path"])
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. {error.path}: {error.problem}") from None
        self.stdout.write(
            f"Demo content: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept_editor_changes)} kept as editors changed them."
        )

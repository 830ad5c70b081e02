from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tools.readiness import definition
from tools.readiness_sheets import TEMPLATE_SOURCE, template_source


class Command(BaseCommand):
    help = (
        "Write the readiness self-assessment template's spreadsheet source from tools/readiness.yaml, "
        "the definition the online tool reads, so the two ask the same questions and score them the same way."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only say whether the source is up to date.")

    def handle(self, *args, check=False, **options):
        path = settings.BASE_DIR / TEMPLATE_SOURCE
        text = template_source(definition())
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if check:
            if current != text:
                raise CommandError(f"{TEMPLATE_SOURCE} is out of date: run manage.py write_readiness_template")
            self.stdout.write(f"{TEMPLATE_SOURCE} is up to date.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {TEMPLATE_SOURCE} from tools/readiness.yaml.")

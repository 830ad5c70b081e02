import pytest
from django.core.management import call_command
from django.db import transaction

from tests.search.helpers import ensure_default_synonyms


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content loaded once for the module, removed again afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        ensure_default_synonyms()
        call_command("load_demo_content", verbosity=0)
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)

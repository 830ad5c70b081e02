"""The running API, served by gunicorn as production serves it, answers as its own OpenAPI schema says:
schemathesis generates requests from the schema for every operation and checks each answer against it."""

import pytest
import schemathesis
from django.db import connection
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import make_change_note, make_guide, make_question, make_topic
from tests.servers import PRODUCTION_LIKE, gunicorn_server

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs a server process against PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 40


def database_env():
    db = connection.settings_dict
    return {"DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"}


def test_every_operation_answers_as_the_schema_says(tmp_path):
    topic = make_topic("HR")
    guide = make_guide("Joining a cluster", topics=[topic], history_period="2005 to 2010")
    make_change_note(guide, "First published.")
    make_question("Will we lose control?", topics=[topic])
    env = {
        **PRODUCTION_LIKE,
        **database_env(),
        "PAGE_CACHE_ENABLED": "true",
        "PAGE_CACHE_DIR": str(tmp_path),
        "API_RATE_LIMIT": "100000/minute",
    }
    with gunicorn_server(env) as base:
        schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {operation.path for operation in operations} >= {"/api/v1/items/", "/api/v1/items/{kind}/{slug}/"}
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))  # fmt: skip
            def answers_as_documented(case):
                case.call_and_validate(base_url=base, checks=CHECKS)

            answers_as_documented()

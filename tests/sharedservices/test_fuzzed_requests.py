"""Generated junk sent to every reader URL and public form never causes a 500 or unescaped reflection."""

import string
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_question

# A marker that would become a real element if any response reflected input unescaped.
PROBE = "<x-probe onmouseover=alert(1)>"

READER_URL_NAMES = [
    ("home", []),
    ("about", []),
    ("accessibility", []),
    ("privacy", []),
    ("faq:index", []),
    ("topics:index", []),
    ("guidance:index", []),
    ("toolkit:index", []),
    ("toolkit:templates", []),
    ("search:index", []),
]
SLUG_URL_PREFIXES = ["/faq/", "/topics/", "/guidance/", "/toolkit/", "/toolkit/templates/", "/preview/"]


def reader_urls():
    return [reverse(name, args=args) for name, args in READER_URL_NAMES]


junk = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=string.printable, max_size=100),
    st.sampled_from(
        [
            PROBE,
            "\x00",
            "'\"",
            "-",
            "OR",
            '"',
            "{{ 7*7 }}",
            "{% debug %}",
            "' OR 1=1 --",
            "🤝🏽",
            "مرحبا",
            "%00",
            "..%2F",
        ]
    ),
    st.text(max_size=20).map(lambda t: t + PROBE),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_safe(response, sent):
    assert response.status_code < 500, f"{response.status_code} for {sent!r}"
    body = response.content.decode(errors="replace")
    assert "<x-probe" not in body, f"unescaped reflection of {sent!r}"


@pytest.fixture
def some_content(db):
    """One published question so that detail pages exist."""
    return make_question(slug="a-question")


@FUZZ
@given(key=junk, value=junk, page=st.one_of(junk, st.integers()))
def test_query_strings_on_every_reader_url(client, some_content, key, value, page):
    for url in reader_urls():
        query = urlencode({key: value, "q": value, "page": page, "kind": value, "topic": value})
        assert_safe(client.get(f"{url}?{query}"), query)


@FUZZ
@given(segment=junk)
def test_path_segments_under_every_section(client, some_content, segment):
    for prefix in SLUG_URL_PREFIXES:
        path = prefix + quote(segment, safe="") + "/"
        assert_safe(client.get(path), path)


@FUZZ
@given(header=junk)
def test_headers_on_reader_pages(client, some_content, header):
    safe_header = header.encode("latin-1", errors="ignore").decode("latin-1").replace("\n", " ").replace("\r", " ")
    response = client.get(
        "/faq/a-question/",
        HTTP_ACCEPT_LANGUAGE=safe_header,
        HTTP_USER_AGENT=safe_header,
        HTTP_REFERER=safe_header,
        HTTP_IF_NONE_MATCH=safe_header,
        HTTP_IF_MODIFIED_SINCE=safe_header,
        HTTP_COOKIE=f"sessionid={quote(header)[:100]}",
    )
    assert_safe(response, header)


@FUZZ
@given(username=junk, password=junk, code=junk)
def test_the_sign_in_form(client, db, username, password, code):
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password, "code": code})
    assert_safe(response, (username, password, code))


@FUZZ
@given(code=junk)
def test_the_two_factor_set_up_form(client, db, code):
    from django.contrib.auth.models import User

    user = User.objects.filter(username="fuzz").first() or User.objects.create_user("fuzz", is_staff=True)
    client.force_login(user)
    assert_safe(client.post("/admin/two-factor/", {"code": code}), code)


def test_a_five_thousand_character_path_is_a_quick_404(client, db):
    assert client.get("/faq/" + "a" * 5000 + "/").status_code == 404


def test_a_ten_thousand_character_query_is_answered_normally(client, db):
    for url in reader_urls():
        assert client.get(url, {"q": "x" * 10_000}).status_code < 500

"""Over 2,000 hostile requests against the production topology: nginx in front of gunicorn, DEBUG off, Redis and
PostgreSQL. Header, path, query, body, upload and method variants are each sent through the proxy and straight to
gunicorn (as a client on the proxy's trusted address could). None may give a 5xx or reflect a payload unescaped,
and every page the cache holds afterwards must be exactly the normal page for its address.
"""

import contextlib
import gzip
import io
import re
import socket
import urllib.parse
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import redis
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test import Client

from sharedservices import page_cache
from tests.factories import make_editor, make_example, make_guide, make_question, make_stage, make_template, minimal_pdf
from tests.servers import PRODUCTION_LIKE, TEST_REDIS_URL, gunicorn_server, nginx_proxy
from toolkit.files.generation import generate

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="runs server processes against PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

PAYLOADS = [
    "<x-probe-1 onmouseover=alert(1)>",
    '"><x-probe-2>',
    "'><x-probe-3 src=x>",
    "</script><x-probe-4>",
    "<x-probe-5>{{7*7}}{% debug %}",
]
PROBE_MARK = re.compile(rb"<x-probe-\d")
READER_PATHS = [
    "/",
    "/faq/",
    "/search/",
    "/faq/hostile-question/",
    "/guidance/",
    "/guidance/providers/",
    "/guidance/hostile-guide/",
    "/toolkit/",
    "/toolkit/vision/",
    "/toolkit/templates/",
    "/toolkit/templates/hostile-template/",
    "/toolkit/examples/",
    "/topics/",
    "/about/",
    "/tools/readiness/",
    "/tools/savings/",
]


@dataclass(frozen=True)
class Attempt:
    label: str
    raw: bytes
    # A body sent in full after gunicorn has refused it unread may meet a reset connection (gunicorn does not
    # linger as nginx does), so bodies over the limit go through the proxy only.
    direct: bool = True


@dataclass
class Answer:
    status: int
    head: bytes
    body: bytes


def request(method, target, headers=(), body=b"", host="127.0.0.1"):
    """The bytes of one HTTP/1.1 request, exactly as given (nothing is checked or escaped)."""
    lines = [f"{method} {target} HTTP/1.1".encode("latin-1", "replace"), b"Host: " + host.encode("latin-1", "replace")]
    lines += [f"{name}: {value}".encode("latin-1", "replace") for name, value in headers]
    if body and not any(name.lower() == "content-length" for name, _ in headers):
        lines.append(f"Content-Length: {len(body)}".encode())
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def send(port, raw):
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        with contextlib.suppress(OSError):  # refused mid-body (413): the answer is still there to read
            sock.sendall(raw)
        chunks = []
        try:
            while data := sock.recv(65536):
                chunks.append(data)
        except ConnectionResetError:
            pass
    data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", head)
    return Answer(int(match.group(1)) if match else 0, head, decoded_body(head, body))


def decoded_body(head, body):
    if re.search(rb"(?im)^transfer-encoding:\s*chunked", head):
        out, rest = [], body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0] or b"0", 16)
            if size == 0:
                break
            out.append(rest[:size])
            rest = rest[size + 2 :]
        body = b"".join(out)
    if re.search(rb"(?im)^content-encoding:\s*gzip", head):
        body = gzip.decompress(body)
    return body


# The variants ---------------------------------------------------------------------------------------


def path_attempts():
    segments = [
        *PAYLOADS,
        *(urllib.parse.quote(p, safe="") for p in PAYLOADS),
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "%2e%2e/",
        "a" * 3000,
        "🤝🏽مرحبا",
        "%C0%AE%C0%AE/",
        ";jsessionid=1",
    ]
    attempts = []
    for path in READER_PATHS:
        for segment in segments:
            attempts.append(Attempt(f"path {path} + {segment[:20]}", request("GET", path + segment + "/")))
    attempts += [
        Attempt(f"raw path {p}", request("GET", p))
        for p in ["//evil.example/", "/static/../sharedservices/settings.py", "/faq/../admin/", "*", "/\\evil"]
    ]
    return attempts


def query_attempts():
    queries = [
        *(f"q={urllib.parse.quote(p)}" for p in PAYLOADS),
        *(f"page={urllib.parse.quote(p)}" for p in PAYLOADS),
        *(f"stage={urllib.parse.quote(p)}&format={urllib.parse.quote(p)}" for p in PAYLOADS),
        *(f"{urllib.parse.quote(p)}=1" for p in PAYLOADS),
        *(f"kind={urllib.parse.quote(p)}&topic={urllib.parse.quote(p)}&audience=x" for p in PAYLOADS),
        "page=99999999999999999999999",
        "page=-1",
        "page=1&page=2&page=" + "9" * 50,
        "q=" + "x" * 5000,
        "q=%00%ff%fe",
        "q=%",
        "&".join(f"kind=k{n}" for n in range(200)),
        "utm_source=campaign&fbclid=abc",
        "q=hr&q=" + urllib.parse.quote(PAYLOADS[0]),
    ]
    # Every page that reads a query (the first twelve), and most that do not.
    paths = READER_PATHS[:12]
    return [Attempt(f"query {path}?{q[:30]}", request("GET", f"{path}?{q}")) for path in paths for q in queries]


def header_attempts():
    variants = [
        ("Host", "evil.example"),
        ("Host", PAYLOADS[0]),
        ("X-Forwarded-Host", "evil.example"),
        ("X-Forwarded-For", PAYLOADS[1]),
        ("X-Forwarded-Proto", "https"),
        ("SCRIPT_NAME", "/faq"),
        ("Script-Name", "/faq"),
        ("PATH_INFO", "/admin/"),
        ("X-Original-URL", "/admin/"),
        ("X-Rewrite-URL", "/admin/"),
        ("Accept-Encoding", "gzip"),
        ("Accept-Encoding", "gzip;q=0, identity"),
        ("Accept-Encoding", PAYLOADS[2]),
        ("If-None-Match", PAYLOADS[0]),
        ("If-Modified-Since", PAYLOADS[3]),
        ("Range", "bytes=0-10,5-1"),
        ("Cookie", "sessionid=" + "a" * 32),
        ("Cookie", "csrftoken=" + urllib.parse.quote(PAYLOADS[1])),
        ("Cookie", "messages=" + "x" * 4000),
        ("Referer", PAYLOADS[0]),
        ("User-Agent", PAYLOADS[4]),
        ("Accept-Language", PAYLOADS[2]),
        ("Accept", PAYLOADS[1]),
        ("Content-Type", PAYLOADS[0]),
        ("X-Long", "x" * 7000),
    ]
    attempts = []
    for path in READER_PATHS[::2]:
        for name, value in variants:
            host = value if name == "Host" else "127.0.0.1"
            headers = [] if name == "Host" else [(name, value)]
            attempts.append(Attempt(f"header {name} on {path}", request("GET", path, headers, host=host)))
        many = [(f"X-Many-{n}", "y") for n in range(90)]
        attempts.append(Attempt(f"90 headers on {path}", request("GET", path, many)))
    return attempts


def method_attempts():
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "PROPFIND", "HEAD", "get", "GETX"]
    return [Attempt(f"{method} {path}", request(method, path)) for path in READER_PATHS for method in methods]


def body_attempts():
    form = "q=" + urllib.parse.quote(PAYLOADS[0]) + "&csrfmiddlewaretoken=" + urllib.parse.quote(PAYLOADS[1])
    multipart = (
        '--b\r\nContent-Disposition: form-data; name="' + PAYLOADS[1] + '"; filename="' + PAYLOADS[0] + '"\r\n'
        "Content-Type: text/html\r\n\r\n" + PAYLOADS[3] + "\r\n--b--\r\n"
    ).encode()
    big_field = b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\n' + b"u" * 5_000_000 + b"\r\n--b--\r\n"
    bodies = [
        ([("Content-Type", "application/x-www-form-urlencoded")], form.encode()),
        ([("Content-Type", "application/json")], b'{"q": "' + PAYLOADS[0].encode() + b'"}'),
        ([("Content-Type", "multipart/form-data; boundary=b")], multipart),
        ([("Content-Type", "multipart/form-data; boundary=b"), ("Content-Length", "209715200")], b""),
        ([("Content-Type", "multipart/form-data")], b"--\r\n\r\n"),
        ([("Content-Length", "-5")], b""),
        ([("Transfer-Encoding", "chunked"), ("Content-Length", "4")], b"0\r\n\r\nGET /admin/ HTTP/1.1\r\n\r\n"),
        ([("Content-Type", "application/x-www-form-urlencoded")], b"a=" + b"b" * 3_000_000),
        ([("Content-Type", "text/plain")], b"x" * 1_500_000),
        ([("Content-Type", "multipart/form-data; boundary=b")], big_field),
    ]
    # The tools' steps take POST: every body a reader could send them must get a page, never an error.
    paths = ["/", "/faq/", "/search/", "/admin/login/", "/toolkit/templates/", "/tools/readiness/answers/",
             "/tools/savings/estimate/", "/tools/savings/download/"]  # fmt: skip
    return [
        Attempt(f"body {n} to {path}", request("POST", path, headers, body), direct=len(body) < 1_000_000)
        for path in paths
        for n, (headers, body) in enumerate(bodies)
    ]


# Uploads by a signed-in editor --------------------------------------------------------------------------


def with_members(data, members, comment=b""):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        for name, content in members.items():
            target.writestr(name, content)
        target.comment = comment
    return buffer.getvalue()


def space_bomb():
    content = (
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
        + '<text:p>a<text:s text:c="200000000"/>b</text:p>' * 5
        + "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def hostile_files():
    odt = generate("document", "# Vision\n\nWords.\n", "odt", "Vision")
    docx = generate("document", "# Vision\n\nWords.\n", "docx", "Vision")
    xlsx = generate("sheets", "sheets:\n  - name: S\n    rows:\n      - [a, 1]\n", "xlsx", "S")
    exe = b"MZ\x90\x00" + b"\x00" * 200
    return [
        ("upload_odt", "bomb.odt", space_bomb()),
        ("upload_odt", PAYLOADS[0] + ".odt", with_members(odt, {"payload.exe": exe})),
        ("upload_odt", "macros.odt", with_members(odt, {"Basic/Standard/Module1.xml": b"<x/>"})),
        ("upload_odt", "../../traversal.odt", with_members(odt, {"../" + PAYLOADS[0] + ".xml": b"<x/>"})),
        ("upload_odt", "page.odt", b"<html><body>" + PAYLOADS[0].encode() + b"</body></html>"),
        ("upload_odt", "zip.odt", with_members(odt, {"a.xml": b" " * 8_000_000})),
        ("upload_docx", "macros.docx", with_members(docx, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"})),
        ("upload_docx", "appended.docx", docx + b"<html><script>alert(1)</script></html>"),
        ("upload_docx", "comment.docx", with_members(docx, {}, comment=PAYLOADS[1].encode())),
        ("upload_docx", "page.docx", with_members(docx, {"index.html": PAYLOADS[0].encode()})),
        ("upload_xlsx", "bin.xlsx", with_members(xlsx, {"xl/evil.bin": exe})),
        (
            "upload_pdf",
            "script.pdf",
            minimal_pdf("<< /S /JavaScript /JS (app.alert(1)) >>", catalog_extra="/OpenAction 4 0 R "),
        ),
        ("upload_pdf", "html.pdf", b"%PDF-1.7\n" + PAYLOADS[0].encode()),
        ("upload_pdf", "program.pdf", b"%PDF-1.7\n" + exe),
    ]


def multipart(fields, file_field, file_name, data):
    boundary = "hostile-boundary-7f3a"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()


def signed_in_editor(port):
    """(Cookie header, CSRF token) of an editor signed in through the server on `port`."""
    answer = send(port, request("GET", "/admin/login/"))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', answer.body).group(1).decode()
    csrf = re.search(rb"csrftoken=([^;]+)", answer.head).group(1).decode()
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "erin", "password": "correct-horse-battery-staple"}
    )
    headers = [("Cookie", f"csrftoken={csrf}"), ("Content-Type", "application/x-www-form-urlencoded")]
    signed = send(port, request("POST", "/admin/login/?next=/admin/", headers, form.encode()))
    assert signed.status == 302, signed.head
    session = re.search(rb"sessionid=([^;]+)", signed.head).group(1).decode()
    cookie = f"csrftoken={csrf}; sessionid={session}"
    page = send(port, request("GET", "/admin/", [("Cookie", cookie)]))
    assert page.status == 200
    return cookie, token


def upload_attempts(template, port):
    cookie, token = signed_in_editor(port)
    fields = {
        "csrfmiddlewaretoken": token,
        "title": template.title,
        "slug": template.slug,
        "summary": template.summary,
        "body": template.body,
        "stage": template.stage_id,
        "provenance": template.provenance,
        "file_version": template.file_version,
        "audience": template.audience,
        "owner": template.owner,
        "change_type": "minor",
        "seen_version": template.version,
    }
    path = f"/admin/toolkit/template/{template.pk}/change/"
    attempts = []
    for file_field, file_name, data in hostile_files():
        content_type, body = multipart(fields, file_field, file_name, data)
        headers = [("Cookie", cookie), ("Content-Type", content_type)]
        attempts.append(Attempt(f"upload {file_name}", request("POST", path, headers, body)))
    oversized = [
        ("Cookie", cookie),
        ("Content-Type", "multipart/form-data; boundary=x"),
        ("Content-Length", "25000000"),
    ]
    attempts.append(Attempt("upload of 25 MB", request("POST", path, oversized)))
    return attempts


# The run ----------------------------------------------------------------------------------------------------


@pytest.fixture
def content():
    """A little of every kind of content, at the addresses READER_PATHS names, and an editor."""
    make_question(title="A hostile question?", slug="hostile-question")
    make_guide("A hostile guide", slug="hostile-guide")
    stage = make_stage("Vision", position=1, slug="vision")
    make_example("A hostile example", stage=stage)
    make_editor("erin")
    return make_template("A hostile template", stage=stage, files=["odt"], slug="hostile-template")


def database_url():
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"


def stored_pages():
    """Every page of the current generation the Redis page cache holds, as (encoding, address, response)."""
    token = RedisCache(TEST_REDIS_URL, {"KEY_PREFIX": "ssg-gen"}).get("content-generation")["token"]
    client = redis.Redis.from_url(TEST_REDIS_URL)
    keys = [key.decode() for key in client.scan_iter(f"ssg:1:page:{token}:*", count=1000)]
    client.close()
    pages = RedisCache(TEST_REDIS_URL, {"KEY_PREFIX": "ssg"})
    stored = []
    for key in keys:
        entry = pages.get(key.split(":", 2)[2])
        if entry is not None:
            stored.append((key.split(":")[4], *page_cache.from_stored(entry)))
    return stored


def test_two_thousand_hostile_requests_cause_no_error_no_reflection_and_no_poisoned_page(content):
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    env = {
        **PRODUCTION_LIKE,
        "DATABASE_URL": database_url(),
        "REDIS_URL": TEST_REDIS_URL,
        "PAGE_CACHE_ENABLED": "true",
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    with gunicorn_server(env, workers=2) as app, nginx_proxy(app) as proxy:
        ports = {"through nginx": int(proxy.rsplit(":", 1)[1]), "to gunicorn": int(app.rsplit(":", 1)[1])}
        attempts = path_attempts() + query_attempts() + header_attempts() + method_attempts() + body_attempts()
        # Uploads first: one may be stored (see below) and start a new generation before the pages are cached.
        uploads = [
            (where, port, attempt) for where, port in ports.items() for attempt in upload_attempts(content, port)
        ]
        with ThreadPoolExecutor(max_workers=4) as pool:
            answers = list(pool.map(lambda job: (job, send(job[1], job[2].raw)), uploads))
        plan = [
            (where, port, attempt)
            for where, port in ports.items()
            for attempt in attempts
            if attempt.direct or where == "through nginx"
        ]
        with ThreadPoolExecutor(max_workers=6) as pool:
            answers += list(pool.map(lambda job: (job, send(job[1], job[2].raw)), plan))
        stored = stored_pages()

    assert len(answers) >= 2000
    failures = [
        f"{where}: {attempt.label} -> {answer.status}"
        for (where, _, attempt), answer in answers
        if not 100 <= answer.status < 500
    ]
    assert failures == []
    reflected = [
        f"{where}: {attempt.label}"
        for (where, _, attempt), answer in answers
        if PROBE_MARK.search(answer.body)
        or PROBE_MARK.search(answer.head)
        or any(p.encode() in answer.body for p in PAYLOADS)
    ]
    assert reflected == []
    # Every hostile upload is refused (the admin page again, with its message, or 413), except the spaces bomb:
    # once its spaces are clamped it is a harmless, readable document, and may be stored once.
    uploads = [(attempt.label, answer) for (_, _, attempt), answer in answers if attempt.label.startswith("upload")]
    stored_uploads = [label for label, answer in uploads if answer.status == 302]
    assert set(stored_uploads) <= {"upload bomb.odt"} and len(stored_uploads) <= 1
    assert [(label, answer.status) for label, answer in uploads if answer.status not in (200, 302, 413)] == []
    refused = [(label, answer.body) for label, answer in uploads if answer.status == 200]
    assert [label for label, body in refused if b"Please correct the error" not in body] == []

    # Every page the cache holds is the normal page for its address, and only reader pages were stored.
    assert len(stored) >= len(READER_PATHS)
    for encoding, address, response in stored:
        assert urllib.parse.urlsplit(address).path in READER_PATHS, address
        body = gzip.decompress(response.content) if encoding == "gzip" else response.content
        normal = Client().get(address)
        assert normal.status_code == 200, address
        assert body == normal.content, f"the cached {address} ({encoding}) differs from the normal page"

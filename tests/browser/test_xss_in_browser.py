"""A page whose body holds every known XSS payload runs none of them in a real browser."""

import pytest

from tests.factories import make_question
from tests.publishing.test_markdown_sanitising import XSS_PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_xss_corpus_in_a_published_body_runs_no_script(new_context, bypass_csp):
    # With the CSP bypassed, only the sanitiser stands between the payloads and the reader.
    page = new_context(bypass_csp=bypass_csp).new_page()
    body = "\n\n".join(f"Payload {n}:\n\n{payload}" for n, payload in enumerate(XSS_PAYLOADS))
    question = make_question(title="XSS corpus?", body=body, summary="<script>alert('summary')</script>")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # Anything that runs would call one of these; record rather than rely on dialogs alone.
    page.add_init_script(
        "window.__ran = []; for (const name of ['alert', 'confirm', 'prompt']) {"
        "  const original = window[name]; window[name] = (...args) => { window.__ran.push(name); };"
        "}"
    )
    page.goto(question.get_absolute_url())
    # Move the pointer over everything and click links, as a curious reader would.
    for link in page.locator("main a").all()[:80]:
        link.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran") == []
    assert dialogs == []
    assert "Payload 0:" in page.inner_text("main")

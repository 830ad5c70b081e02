"""A template's entry in a list and its downloads: every editor-written value shown as text, never as markup."""

import pytest

from tests.factories import make_stage, make_template

pytestmark = pytest.mark.django_db

TITLE = 'Fees & "charges" <b>tracker</b>'
SUMMARY = "Costs <script>alert(1)</script> per service"


@pytest.mark.parametrize("team_email", ["", "team@example.gov.uk"])
def test_a_templates_title_summary_and_stage_are_escaped_wherever_its_entry_is_written(client, settings, team_email):
    settings.TEAM_EMAIL = team_email
    stage = make_stage("Plan & <i>design</i>", slug="plan", position=1)
    template = make_template(TITLE, stage=stage, summary=SUMMARY, files=["odt"], file_version="1.2")
    pages = ["/toolkit/templates/", "/toolkit/plan/", template.get_absolute_url()]
    for url in pages:
        html = client.get(url).content.decode()
        assert "<b>tracker</b>" not in html and "<script>alert(1)" not in html and "<i>design</i>" not in html, url
        assert "Fees &amp; &quot;charges&quot; &lt;b&gt;tracker&lt;/b&gt;" in html, url
        assert 'span class="govuk-visually-hidden"> of Fees &amp; &quot;charges&quot;' in html, url
        assert "Version 1.2" in html, url
    listed = client.get("/toolkit/templates/").content.decode()
    assert "Costs &lt;script&gt;alert(1)&lt;/script&gt; per service" in listed
    assert 'Stage: <a class="govuk-link" href="/toolkit/plan/">Plan &amp; &lt;i&gt;design&lt;/i&gt;</a>' in listed
    if team_email:
        assert "subject=Accessible%20format%20request%3A%20Fees%20%26%20%22charges%22%20%3Cb%3E" in listed

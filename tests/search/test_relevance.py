"""Relevance over the real demo content: realistic questions, each with the page that must be in the top 3.

Run after `load_demo_content`, on whichever database the suite uses. A failure here means
ranking, synonyms or stemming got worse for a real reader's question.
"""

import pytest

from search.selectors import SearchParams, search_run

# Also makes pytest-django set up the test database before the module fixture below uses it.
pytestmark = pytest.mark.django_db

# (what a reader types, the page that answers it)
QUERIES = [
    ("will I lose my job", "/faq/will-people-lose-their-jobs/"),
    ("how much can we save", "/faq/how-much-can-be-saved/"),
    ("HR finance procurment", "/guidance/beyond-hr-finance-and-procurement/"),
    ("what are shared services", "/faq/what-are-shared-services/"),
    ("will we lose control", "/faq/will-we-lose-control/"),
    ("is it just outsourcing", "/faq/is-it-just-outsourcing/"),
    ("offshore", "/faq/will-services-be-offshored/"),
    ("is shared services an IT project", "/faq/is-it-an-it-project/"),
    ("service level agreement penalties", "/toolkit/templates/service-level-agreement/"),
    ("minimum number of employees for a shared service centre", "/guidance/scale-and-viability/"),
    ("20000 employees", "/guidance/scale-and-viability/"),
    ("business case savings model", "/toolkit/templates/outline-business-case-savings-model/"),
    ("benchmarking costs", "/guidance/measuring-value-and-benchmarking/"),
    ("better value", "/faq/how-do-we-know-it-is-better-value/"),
    ("retained functions", "/guidance/retained-functions/"),
    ("what stays in my department", "/guidance/retained-functions/"),
    ("transition plan", "/toolkit/templates/transition-plan/"),
    ("vision statement template", "/toolkit/templates/vision-statement/"),
    ("DWP savings", "/toolkit/examples/dwp-shared-service-centre/"),
    ("Department for Work and Pensions", "/toolkit/examples/dwp-shared-service-centre/"),
    ("local government", "/faq/local-government-shared-services/"),
    ("CIO council", "/faq/cio-and-cto-councils/"),
    ("Transformational Government strategy", "/faq/where-has-the-drive-for-sharing-come-from/"),
    ("our department is different", "/faq/my-department-is-different/"),
    ("readiness self assessment", "/toolkit/templates/readiness-self-assessment/"),
    ("benefits realisation", "/toolkit/templates/benefits-realisation-tracker/"),
    ("phone internet letter", "/guidance/serving-customers-through-several-channels/"),
    ("supplier market buying power", "/guidance/working-with-the-supplier-market/"),
    ("expert help", "/guidance/using-expert-capabilities/"),
    ("governance and programme management", "/guidance/governance-and-programme-management/"),
    ("estates audit travel", "/guidance/beyond-hr-finance-and-procurement/"),
    ("benefits of sharing services", "/faq/what-are-the-benefits/"),
    ("SSC scale", "/guidance/scale-and-viability/"),
    ("redundancy", "/faq/will-people-lose-their-jobs/"),
    ("standard processes", "/toolkit/examples/standard-processes-across-organisations/"),
    ("front line services", "/faq/front-line-shared-services/"),
    ("find out more about shared services", "/faq/where-can-i-find-more-information/"),
    ("where can I get more information", "/faq/more-information-about-shared-services-in-government/"),
    ("design stage", "/toolkit/design/"),
    ("how do I set up a shared service", "/faq/guidance-on-setting-up-shared-services/"),
    ("Pan Government Shared Services Group", "/faq/how-does-the-team-help-deliver-change/"),
    ("what makes it succeed", "/faq/what-makes-an-implementation-succeed/"),
    ("joining an existing shared service centre", "/toolkit/examples/cabinet-office-moving-to-dwp/"),
    ("central government progress", "/faq/what-progress-has-been-made/"),
    ("how is shared services different from outsourcing", "/guidance/shared-services-and-outsourcing/"),
    ("should we move to a shared service", "/guidance/deciding-whether-to-move-to-a-shared-service/"),
]


def test_there_are_at_least_25_queries_covering_every_kind():
    assert len(QUERIES) >= 25
    urls = {url for _, url in QUERIES}
    for prefix in ("/faq/", "/guidance/", "/toolkit/templates/", "/toolkit/examples/"):
        assert any(url.startswith(prefix) for url in urls), prefix


@pytest.mark.parametrize(("query", "url"), QUERIES)
def test_the_answer_is_in_the_top_three(demo_content, query, url):
    outcome = search_run(params=SearchParams(q=query))
    top = [result.entry.url for result in outcome.results[:3]]
    assert url in top, f"{query!r}: got {top}"

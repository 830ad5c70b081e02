"""Every question the old Cabinet Office site answered has a published answer, with its facts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from faq.models import Question

# The old site's questions, as it asked them, and where the portal answers each.
SEED_QUESTIONS = {
    "What is the Shared Services Team?": "what-is-the-shared-services-team",
    "What do we mean by shared services?": "what-are-shared-services",
    "How is the Shared Service Team helping deliver change?": "how-does-the-team-help-deliver-change",
    "Where has the drive towards sharing come from?": "where-has-the-drive-for-sharing-come-from",
    "What are the benefits from sharing services?": "what-are-the-benefits",
    "What activity falls under the remit of the Shared Services team?": "what-does-the-team-cover",
    "What are the critical factors that lead to a successful implementation?": "what-makes-an-implementation-succeed",
    "Will I lose control when moving to a shared service platform?": "will-we-lose-control",
    "My department is different. How can it work for me?": "my-department-is-different",
    "How can I get more information about all aspects of shared services?": "where-can-i-find-more-information",
    "Isn't shared services just outsourcing by another name?": "is-it-just-outsourcing",
    "Is Shared services an IT project?": "is-it-an-it-project",
    "Where can I get more information about Shared Services in Government?": (
        "more-information-about-shared-services-in-government"
    ),
    "Where can I get guidance on setting up shared services in Government?": "guidance-on-setting-up-shared-services",
    "Is this just about corporate services or is the work wider than that?": "is-it-only-corporate-services",
    "How does this fit with the work of the CIO and CTO Councils?": "cio-and-cto-councils",
    "Who is looking at sharing services at the front line?": "front-line-shared-services",
    "Does this mean that transactional corporate services are going to be offshored?": "will-services-be-offshored",
    "What progress has been made in creating shared services in central government?": "what-progress-has-been-made",
    "What is the level of savings?": "how-much-can-be-saved",
    "Does shared services mean people will lose their jobs?": "will-people-lose-their-jobs",
    "What is local government doing in the area of shared services?": "local-government-shared-services",
    "How do departments know that shared services will provide better value than their current services?": (
        "how-do-we-know-it-is-better-value"
    ),
}

# Facts and figures the seed gives, and the answer that must carry each.
SEED_FACTS = [
    ("how-much-can-be-saved", ["20%", "40%", "£50m", "Department for Work and Pensions"]),
    ("what-are-the-benefits", ["Better services", "Cost savings", "experience for employees", "20%", "40%"]),
    ("what-makes-an-implementation-succeed", ["20,000", "50,000", "scale", "governance", "expert", "supplier market"]),
    (
        "what-does-the-team-cover",
        [
            "HM Revenue and Customs",
            "National Offender Management Service",
            "Ministry of Defence",
            "Department for Transport",
            "Rural Affairs",
            "Cabinet Office",
        ],
    ),
    ("my-department-is-different", ["phone", "online", "letter", "Transport for London", "National Health Service"]),
    (
        "is-it-only-corporate-services",
        ["banking", "vetting", "debt recovery", "fraud", "audit", "travel", "correspondence"],
    ),
    ("is-it-an-it-project", ["enterprise resource planning (ERP)"]),
    ("is-it-just-outsourcing", ["retained functions"]),
    ("will-services-be-offshored", ["foreseeable future"]),
    ("how-do-we-know-it-is-better-value", ["benchmark", "every year"]),
    ("cio-and-cto-councils", ["Chief Information Officer (CIO) Council", "Chief Technology Officer (CTO) Council"]),
    ("local-government-shared-services", ["Improvement and Development Agency"]),
    ("where-has-the-drive-for-sharing-come-from", ["Transformational Government", "November 2005"]),
    ("how-does-the-team-help-deliver-change", ["Pan Government Shared Services Group", "benchmarking"]),
]


@pytest.fixture
def demo_content(db):
    """The repository's demo content, loaded as `make run` loads it."""
    call_command("load_demo_content")


def test_every_seed_question_has_a_published_answer(demo_content, client):
    published = set(Question.objects.published().values_list("slug", flat=True))
    missing = {question: slug for question, slug in SEED_QUESTIONS.items() if slug not in published}
    assert missing == {}
    for slug in SEED_QUESTIONS.values():
        assert client.get(reverse("faq:detail", args=[slug])).status_code == 200


@pytest.mark.parametrize(("slug", "facts"), SEED_FACTS)
def test_answer_carries_the_seed_facts(demo_content, slug, facts):
    question = Question.objects.published().get(slug=slug)
    text = f"{question.summary} {question.body}".lower()
    assert [fact for fact in facts if fact.lower() not in text] == []


def test_every_answer_has_owner_topics_review_date_and_a_short_summary(demo_content):
    for question in Question.objects.published().prefetch_related("topics"):
        assert question.owner and question.review_due, question.slug
        assert question.topics.exists(), question.slug
        assert len(question.summary) < 160, question.slug
        assert question.title.endswith("?"), question.slug


def test_faq_page_lists_every_seed_question_in_ordered_categories(demo_content, client):
    page = client.get(reverse("faq:index")).content.decode()
    for slug in SEED_QUESTIONS.values():
        assert f'href="/faq/{slug}/"' in page
    positions = [page.index(f'id="{slug}"') for slug in ("about-shared-services", "benefits-and-savings", "more-help")]
    assert positions == sorted(positions)

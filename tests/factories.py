"""Small hand-written factories for everything the tests make.

Content is published (ten days ago) unless a status says otherwise; a title is enough to make
anything, and the rest of its fields can be given by keyword.
"""

import datetime
import io
import itertools

from django.contrib.auth.models import Group, User
from django.utils import timezone
from django.utils.text import slugify

from benchmarks.models import BenchmarkReturn, FiguresStatus
from directory.models import Cluster, Organisation, Provider
from faq.models import Category, Question
from guidance.models import Guide
from publishing.groups import EDITORS, PUBLISHERS, sync_groups
from publishing.markdown import render_markdown
from publishing.models import Audience, ChangeNote, Status, Topic
from toolkit.files.generation import generate
from toolkit.files.storage import template_file_store
from toolkit.files.validation import check_file_bytes
from toolkit.models import Example, Stage, Template, TemplateFile

PASSWORD = "correct-horse-battery-staple"

SHEETS_SOURCE = """
sheets:
  - name: Costs
    widths: [30, 15]
    rows:
      - ["{title}"]
      - []
      - ["Item", "Cost (£)"]
      - ["Staff", 100]
      - ["Systems", 50]
      - ["Total", "=SUM(B4:B5)"]
"""

_numbers = itertools.count(1)


# Publication


def days_ago(days):
    """The moment `days` days before now."""
    return timezone.now() - datetime.timedelta(days=days)


def publication(status=Status.PUBLISHED, *, publish_at=None, updated_days_ago=10):
    """Workflow fields for `status`; a published or withdrawn item went live publish_at or updated_days_ago ago."""
    if status not in (Status.PUBLISHED, Status.WITHDRAWN):
        return {"status": status, "publish_at": publish_at}
    publish_at = publish_at or days_ago(updated_days_ago)
    return {
        "status": status,
        "publish_at": publish_at,
        "first_published_at": publish_at,
        "last_major_change_at": publish_at,
    }


def make_change_note(item, note, *, days_ago=1):
    """A public change note on `item`, made `days_ago` days ago."""
    changed_at = timezone.now() - datetime.timedelta(days=days_ago)
    return ChangeNote.objects.create(item=item, changed_at=changed_at, note=note)


def _create(model, values, fields, topics):
    """One item made from its defaults overridden by the caller's fields, then put on its topics."""
    item = model.objects.create(**{**values, **fields})
    if topics:
        item.topics.set(topics)
    return item


# People


def make_user(username="user", *groups, superuser=False):
    """A staff user with the test password, in the named groups."""
    sync_groups()
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True, is_superuser=superuser)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_editor(username="editor"):
    """A member of the Editors group."""
    return make_user(username, EDITORS)


def make_publisher(username="publisher"):
    """A member of the Publishers group."""
    return make_user(username, PUBLISHERS)


# What content is grouped by


def make_topic(title=None, **fields):
    """A topic whose address comes from its title ("HR" is /topics/hr/) unless a slug is given."""
    title = title or f"Topic {next(_numbers)}"
    return Topic.objects.create(**{"title": title, "slug": slugify(title), **fields})


def make_category(title=None, **fields):
    """An FAQ category, listed after the categories made before it unless given a position."""
    number = next(_numbers)
    title = title or f"Category {number}"
    return Category.objects.create(**{"title": title, "slug": slugify(title), "position": number, **fields})


# Content


def make_question(
    title=None,
    *,
    category=None,
    status=Status.PUBLISHED,
    publish_at=None,
    updated_days_ago=10,
    topics=(),
    **fields,
):
    """An FAQ answer, in a new category unless given one."""
    number = next(_numbers)
    values = {
        "title": title or f"Question {number}?",
        "slug": f"question-{number}",
        "summary": "A short answer.",
        "category": category or make_category(),
        **publication(status, publish_at=publish_at, updated_days_ago=updated_days_ago),
    }
    return _create(Question, values, fields, topics)


def make_questions(
    count,
    *,
    category=None,
    title="Question {n:03}?",
    body="",
    status=Status.PUBLISHED,
    publish_at=None,
    topics=(),
    **fields,
):
    """Many FAQ answers in one category in a few queries, positioned in the order they are made (0, 1, 2…)."""
    category = category or make_category()
    body_html, headings = render_markdown(body)
    questions = Question.objects.bulk_create(
        Question(
            title=title.format(n=n),
            slug=f"{category.slug}-q{next(_numbers)}",
            summary=f"Answer {n}.",
            body=body,
            body_html=body_html,
            headings=headings,
            category=category,
            **{"position": n, **publication(status, publish_at=publish_at), **fields},
        )
        for n in range(count)
    )
    Through = Question.topics.through
    Through.objects.bulk_create(Through(question=q, topic=t) for q in questions for t in topics)
    return questions


def make_guide(
    title=None,
    *,
    audience=Audience.EVERYONE,
    status=Status.PUBLISHED,
    publish_at=None,
    updated_days_ago=10,
    topics=(),
    **fields,
):
    """A guide for everyone unless given an audience."""
    number = next(_numbers)
    values = {
        "title": title or f"Guide {number}",
        "slug": f"guide-{number}",
        "summary": "A short guide.",
        "audience": audience,
        **publication(status, publish_at=publish_at, updated_days_ago=updated_days_ago),
    }
    return _create(Guide, values, fields, topics)


def make_guides(count, *, audience=Audience.EVERYONE, topics=(), body="Some words.", **fields):
    """Many published guides in a few queries, each with the topics and a "First published." change note."""
    body_html, headings = render_markdown(body)
    numbers = [next(_numbers) for _ in range(count)]
    guides = Guide.objects.bulk_create(
        Guide(
            title=f"Bulk guide {number}",
            slug=f"bulk-guide-{number}",
            summary=f"Summary of bulk guide {number}.",
            body=body,
            body_html=body_html,
            headings=headings,
            audience=audience,
            position=position,
            **{**publication(), **fields},
        )
        for position, number in enumerate(numbers)
    )
    Through = Guide.topics.through
    Through.objects.bulk_create(Through(guide=g, topic=t) for g in guides for t in topics)
    ChangeNote.objects.bulk_create(
        ChangeNote(item=g, changed_at=g.first_published_at, note="First published.") for g in guides
    )
    return guides


def make_stage(title=None, *, status=Status.PUBLISHED, publish_at=None, updated_days_ago=10, topics=(), **fields):
    """A toolkit stage with every part a stage page shows, after the stages made before it unless given a position."""
    number = next(_numbers)
    title = title or f"Stage {number}"
    name = title.lower()
    values = {
        "title": title,
        "slug": f"stage-{number}",
        "position": number,
        "summary": f"Summary of {name}.",
        "purpose": f"Purpose of {name}.",
        "activities": "First activity\nSecond activity",
        "outputs": "First output\nSecond output",
        "decision": f"Are we ready to leave {name}?",
        "checklist": "First check\nSecond check",
        **publication(status, publish_at=publish_at, updated_days_ago=updated_days_ago),
    }
    return _create(Stage, values, fields, topics)


def make_example(
    title=None, *, stage=None, status=Status.PUBLISHED, publish_at=None, updated_days_ago=10, topics=(), **fields
):
    """A worked example, in a new stage unless given one."""
    number = next(_numbers)
    title = title or f"Example {number}"
    values = {
        "title": title,
        "slug": f"example-{number}",
        "summary": f"Summary of {title.lower()}.",
        "organisation": "A department",
        "stage": stage or make_stage(),
        **publication(status, publish_at=publish_at, updated_days_ago=updated_days_ago),
    }
    return _create(Example, values, fields, topics)


def minimal_pdf(*extra_objects, catalog_extra="", words="A template"):
    """A small, well-formed PDF: one blank page, plus any extra objects (numbered from 4) and catalog keys."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    out = io.BytesIO()
    out.write(f"%PDF-1.7\n% {words}\n".encode())
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_template_file(file_format="odt", words="Sample template words"):
    """A real, checked file of the given format holding `words`, stored under a generated name."""
    if file_format in ("odt", "docx"):
        data = generate("document", f"# {words}\n\n{words} paragraph.\n\n- {words} bullet\n", file_format, words)
    elif file_format in ("ods", "xlsx"):
        data = generate("sheets", SHEETS_SOURCE.format(title=words), file_format, words)
    else:
        data = minimal_pdf(words=words)
    return template_file_store(checked=check_file_bytes(data, file_format), original_name=f"{words}.{file_format}")


def make_template(
    title=None,
    *,
    stage=None,
    files=(),
    status=Status.PUBLISHED,
    publish_at=None,
    updated_days_ago=10,
    topics=(),
    **fields,
):
    """A template in a new stage unless given one, offering `files`: template files, or formats to make one of."""
    number = next(_numbers)
    title = title or f"Template {number}"
    values = {
        "title": title,
        "slug": f"template-{number}",
        "summary": f"Summary of {title.lower()}.",
        "stage": stage or make_stage(),
        **publication(status, publish_at=publish_at, updated_days_ago=updated_days_ago),
    }
    template = _create(Template, values, fields, topics)
    if files:
        template.files.set([f if isinstance(f, TemplateFile) else make_template_file(f, title) for f in files])
    return template


# Readers' feedback


def make_feedback(page="/faq/", answer="not_useful", *, days_ago=0, **fields):
    """A reader's answer about `page`, received `days_ago` days ago."""
    from feedback.models import Feedback

    received_at = timezone.now() - datetime.timedelta(days=days_ago)
    return Feedback.objects.create(page=page, answer=answer, received_at=received_at, **fields)


# The directory

DIRECTORY_SOURCE = {
    "title": "A report",
    "publisher": "National Audit Office",
    "date": "2024-10",
    "url": "https://example.org/r",
}


def make_organisation(title=None, *, abbreviation="", status=Status.PUBLISHED, **fields):
    """An organisation citing one source; its slug is its abbreviation in lower case when it has one."""
    number = next(_numbers)
    values = {
        "title": title or f"Organisation {number}",
        "slug": abbreviation.lower() or f"organisation-{number}",
        "abbreviation": abbreviation,
        "summary": "An organisation.",
        "sources": [DIRECTORY_SOURCE],
        **publication(status),
    }
    return _create(Organisation, values, fields, ())


def make_organisations(count, **fields):
    """Many published organisations in one query, slugs org-1, org-2 …"""
    numbers = [next(_numbers) for _ in range(count)]
    return Organisation.objects.bulk_create(
        Organisation(
            title=f"Bulk organisation {n}",
            slug=f"org-{n}",
            abbreviation=f"BO{n}",
            summary="An organisation.",
            sources=[DIRECTORY_SOURCE],
            **{**publication(), **fields},
        )  # fmt: skip
        for n in numbers
    )


def member(organisation, *, lead=False, since="2024-10", until=""):
    """A membership entry naming the organisation, citing source 1."""
    entry = {"organisation": organisation.slug, "from": since, "sources": [1]}
    if until:
        entry["to"] = until
    if lead:
        entry["lead"] = True
    return entry


def make_cluster(title=None, *, members=(), status=Status.PUBLISHED, **fields):
    """A cluster of the given organisations (the first is its lead), on a cited platform and status."""
    number = next(_numbers)
    values = {
        "title": title or f"Cluster {number}",
        "slug": slugify(title) if title else f"cluster-{number}",
        "summary": "A cluster.",
        "as_of": datetime.date(2026, 11, 1),
        "memberships": [member(organisation, lead=n == 0) for n, organisation in enumerate(members)],
        "platform": {"name": "Cloud platform", "date": "2024-10", "sources": [1]},
        "progress": {"stage": "Live", "date": "2025", "sources": [1]},
        "sources": [DIRECTORY_SOURCE],
        **publication(status),
    }
    return _create(Cluster, values, fields, ())


def make_provider(title=None, *, customers=(), status=Status.PUBLISHED, **fields):
    number = next(_numbers)
    values = {
        "title": title or f"Provider {number}",
        "slug": slugify(title) if title else f"provider-{number}",
        "summary": "A provider.",
        "customers": [{"organisation": o.slug, "from": "2013", "sources": [1]} for o in customers],
        "started": {"date": "2013", "sources": [1]},
        "sources": [DIRECTORY_SOURCE],
        **publication(status),
    }
    return _create(Provider, values, fields, ())


# The corporate-service benchmarks

BENCHMARK_FIGURES = {
    "running_costs": 1_000_000,
    "organisation_spend": 2_000_000,
    "employees_served": 770,
    "hr_staff": 10,
    "hr_cost": 20_000,
    "finance_cost": 20_000,
    "procurement_cost": 5_000,
    "it_cost": 55_000,
}


def benchmark_values(*, organisation=None, sample_name="", year=2022, **fields):
    """The fields of a published return: sample data under a sample name unless an organisation is given."""
    number = next(_numbers)
    name = organisation.title if organisation else (sample_name or f"Example department {number}")
    status = FiguresStatus.MANAGEMENT_INFORMATION if organisation else FiguresStatus.SAMPLE
    return {
        "title": f"{name}: {year} to {year + 1}",
        "slug": f"return-{number}",
        "summary": "Figures.",
        "organisation": organisation,
        "sample_name": "" if organisation else name,
        "financial_year": year,
        "figures_status": status,
        **BENCHMARK_FIGURES,
        **publication(),
        **fields,
    }


def make_benchmark_return(**fields):
    """One published return (sample data unless an organisation is given)."""
    return BenchmarkReturn.objects.create(**benchmark_values(**fields))


def make_benchmark_returns(count, *, clusters=(), years=(2022,), **fields):
    """Many published sample returns in one query, spread over the clusters and years."""
    clusters = list(clusters) or [None]
    return BenchmarkReturn.objects.bulk_create(
        BenchmarkReturn(**benchmark_values(
            year=years[index % len(years)], cluster=clusters[index % len(clusters)],
            hr_staff=1 + index % 20, **fields,
        ))
        for index in range(count)
    )  # fmt: skip

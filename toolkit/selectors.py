"""The toolkit's reader pages: what each page shows, read with a small, fixed number of queries."""

from django.urls import reverse
from django.utils import timezone

from publishing.compiled import CompiledQuerySet
from publishing.pagination import (
    SHORTLIST_LENGTH,
    CompiledShortlists,
    GroupedList,
    Shortlist,
    page_of,
    page_url,
    shortlists,
)
from toolkit.models import (
    PROVENANCE_HINTS,
    TEMPLATE_LISTED,
    Example,
    FileFormat,
    Provenance,
    Stage,
    Template,
    with_listed_files,
)


def stage_lists(stage, live, now=None):
    """A stage's examples, related guides and answers: the examples and guides point at the live stage `live`,
    the answers are the stage's own (a pending draft's preview shows the answers the draft would link)."""
    return [
        Example.objects.for_stage(live.pk, now),
        live.related_guides.published(now),
        stage.related_questions.published(now),
    ]


STAGE_LISTED = {"fields": ("id", "title", "slug", "summary"), "order": ("title", "id")}
# A live stage's first few examples, guides and answers, in one query compiled once per process.
first_of_live_stage = CompiledShortlists(
    lambda stage, now: stage_lists(stage, stage, now), SHORTLIST_LENGTH, **STAGE_LISTED
)


# The stages in order, and a stage's first templates (one more than shown, to know whether there are more): the
# same queries on every stage's page but for the stage and the time, compiled once per process.
path_of_stages = CompiledQuerySet(lambda _, now: Stage.objects.in_order(now).only("title", "slug", "position"))
first_templates_of_stage = CompiledQuerySet(
    lambda _, stage_id, now: Template.objects.for_stage(stage_id, now)[: SHORTLIST_LENGTH + 1]
)


def templates_shortlist(stage_id):
    """A stage's first few templates, each with what its entry shows of its files."""
    fetched = with_listed_files(first_templates_of_stage("stage", stage_id=stage_id, now=timezone.now()))
    return Shortlist(fetched[:SHORTLIST_LENGTH], len(fetched) > SHORTLIST_LENGTH)


def stage_page(stage):
    """A stage's reader page (and preview): where it sits on the path, and the first few of its
    templates, examples, answers and guides, linking to the full lists."""
    path = path_of_stages("stages", now=timezone.now())
    index = next((i for i, step in enumerate(path) if step.pk == stage.original_id), None)
    if stage.is_original:
        examples, related_guides, related_questions = first_of_live_stage(stage)
    else:
        lists = stage_lists(stage, stage.original)
        examples, related_guides, related_questions = shortlists(lists, SHORTLIST_LENGTH, **STAGE_LISTED)
    return {
        "item": stage,
        "stage": stage,
        "stage_number": None if index is None else index + 1,
        "stage_count": len(path),
        "previous_stage": path[index - 1] if index else None,
        "next_stage": path[index + 1] if index is not None and index + 1 < len(path) else None,
        "templates": templates_shortlist(stage.original_id),
        "examples": examples,
        "related_questions": related_questions,
        "related_guides": related_guides,
    }


def example_page(example):
    return {
        "item": example,
        "example": example,
        "templates": templates_shortlist(example.stage_id),
    }


def template_page(template):
    """A template's reader page (and preview), with what its downloads show of its files."""
    with_listed_files([template])
    return {"item": template, "template": template}


TEMPLATES_PER_PAGE = 20
EXAMPLES_PER_PAGE = 20


def stages_in_order():
    return path_of_stages("stages", now=timezone.now())


def template_list_page(*, stage_slugs, formats, page_number):
    """The templates list, filtered by stages and formats. Values that match no stage or format are
    ignored, so an old or edited link still shows a list."""
    stages = stages_in_order()
    chosen_stages = [slug for slug in stage_slugs if slug in {s.slug for s in stages}]
    chosen_formats = known_formats(formats)
    filters = [("stage", slug) for slug in chosen_stages] + [("format", value) for value in chosen_formats]
    shown_stages = [stage for stage in stages if not chosen_stages or stage.slug in chosen_stages]
    templates = Template.objects.filtered(formats=chosen_formats).only(*TEMPLATE_LISTED)
    page = page_of(
        in_stage_order(templates, shown_stages, then=with_listed_files),
        page_number,
        TEMPLATES_PER_PAGE,
        url_for=lambda number: page_url(reverse("toolkit:templates"), filters, number),
    )
    return {
        "page": page,
        "templates": page.object_list,
        "stages": stages,
        "formats": FileFormat.choices,
        "chosen_stages": chosen_stages,
        "chosen_formats": chosen_formats,
        "filtered": bool(filters),
        "provenance_labels": [(label, PROVENANCE_HINTS[value]) for value, label in Provenance.choices],
    }


def known_formats(formats):
    return [value for value in formats if value in FileFormat.values]


def example_list_page(*, stage_slug, page_number):
    """The worked examples list, optionally for one stage (an unknown stage is ignored)."""
    stages = stages_in_order()
    chosen_stage = next((stage for stage in stages if stage.slug == stage_slug), None)
    filters = [("stage", chosen_stage.slug)] if chosen_stage else []
    page = page_of(
        in_stage_order(Example.objects.all(), [chosen_stage] if chosen_stage else stages),
        page_number,
        EXAMPLES_PER_PAGE,
        url_for=lambda number: page_url(reverse("toolkit:examples"), filters, number),
    )
    return {"page": page, "examples": page.object_list, "stages": stages, "chosen_stage": chosen_stage}


def in_stage_order(items, stages, then=None):
    """Published items of these stages, stage by stage and by title, paged cheaply (see GroupedList)."""
    return GroupedList(
        items.published().defer("body", "body_html", "headings"),
        stages,
        group_field="stage",
        order=("title", "id"),
        then=then,
        every_published=not items.query.has_filters(),
    )


def downloadable_file(template, file_format):
    """The file readers may download, or None: only a template published now offers its files."""
    if not template.is_published_now:
        return None
    return template.files.filter(format=file_format).first()

"""Loading the toolkit's demo content, exporting it and loading the export again."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage

from publishing.loaders import ContentError, content_export, content_load
from publishing.models import LoadedContent
from toolkit.models import Example, Stage, Template, TemplateFile

pytestmark = pytest.mark.django_db


def snapshot():
    """Everything readers can see of the toolkit, in a comparable form."""
    common = ["title", "slug", "summary", "body", "audience", "owner", "status", "review_due", "first_published_at",
              "last_major_change_at"]  # fmt: skip

    def fields(item, names):
        return {name: getattr(item, name) for name in common + names} | {
            "topics": sorted(t.slug for t in item.topics.all()),
            "history": [(n.changed_at, n.note) for n in item.public_change_history()],
        }

    return {
        "stages": [
            fields(s, ["position", "purpose", "activities", "outputs", "decision", "checklist"])
            | {"questions": sorted(q.slug for q in s.related_questions.all())}
            for s in Stage.objects.order_by("slug")
        ],
        "examples": [fields(e, ["organisation"]) | {"stage": e.stage.slug} for e in Example.objects.order_by("slug")],
        "templates": [
            fields(t, ["provenance", "file_version"])
            | {"stage": t.stage.slug, "files": {f.format: (f.sha256, f.size, f.text) for f in t.files.all()}}
            for t in Template.objects.order_by("slug")
        ],
    }


def test_demo_content_loads_stages_in_order_with_examples_and_templates(demo_toolkit):
    assert list(Stage.objects.in_order().values_list("slug", flat=True)) == [
        "vision", "strategy-and-business-case", "design", "procurement-and-build", "transition", "operation",
    ]  # fmt: skip
    assert Example.objects.published().count() == 5
    assert Template.objects.published().count() == 7
    savings = Template.objects.get(slug="outline-business-case-savings-model")
    assert savings.stage.slug == "strategy-and-business-case" and savings.provenance == "written-for-toolkit"
    assert sorted(f.format for f in savings.files.all()) == ["ods", "xlsx"]
    design = Stage.objects.get(slug="design")
    assert design.activity_list[0].startswith("Map the current transactional processes")
    assert "will-we-lose-control" in design.related_questions.values_list("slug", flat=True)


def test_template_text_is_extracted_for_search(demo_toolkit):
    sla = Template.objects.get(slug="service-level-agreement")
    text = sla.file_text()
    assert "When service levels are missed" in text
    assert "service credits" in text
    assert text.count("When service levels are missed") == 1, "the ODT and DOCX words are given once"
    tracker = Template.objects.get(slug="benefits-realisation-tracker").file_text()
    assert "Saving against baseline" in tracker


def test_loading_again_changes_nothing_and_stores_no_new_files(demo_toolkit):
    files = TemplateFile.objects.count()
    report = content_load(root=demo_toolkit)
    toolkit_paths = [p for p in report.created + report.updated if "toolkit" in str(p)]
    assert toolkit_paths == []
    assert TemplateFile.objects.count() == files == 14


def test_changed_source_makes_a_new_file_and_keeps_the_old_one(demo_toolkit):
    template = Template.objects.get(slug="vision-statement")
    old = template.files.get(format="odt")
    source = demo_toolkit / "toolkit" / "template-sources" / "vision-statement.document.md"
    source.write_text(source.read_text() + "\n## A new section\n\nNew words.\n")
    report = content_load(root=demo_toolkit)
    assert demo_toolkit / "toolkit" / "templates" / "vision-statement.md" in report.updated
    new = template.files.get(format="odt")
    assert new != old and "A new section" in new.text
    assert default_storage.exists(old.file.name)


def test_export_then_load_gives_back_the_same_toolkit_with_the_same_files(demo_toolkit, tmp_path):
    before = snapshot()
    exported = tmp_path / "exported"
    content_export(root=exported)
    files = sorted(p.name for p in (exported / "toolkit" / "templates" / "files").iterdir())
    assert "vision-statement-1.0.odt" in files and "transition-plan-1.0.xlsx" in files
    assert len(files) == 14
    assert not (exported / "toolkit" / "template-sources").exists()

    # Start again from nothing but the export.
    Template.objects.all().delete()
    Example.objects.all().delete()
    Stage.objects.all().delete()
    LoadedContent.objects.filter(
        content_type__in=[ContentType.objects.get_for_model(m) for m in (Stage, Example, Template)]
    ).delete()
    content_load(root=exported)
    assert snapshot() == before


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def replace_in(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def load_fails(root, expected_path, message):
    with pytest.raises(ContentError) as failure:
        content_load(root=root)
    assert failure.value.path == expected_path
    assert message in failure.value.problem
    assert not Stage.objects.exists() and not Template.objects.exists(), "nothing is loaded"


def test_template_naming_an_unknown_stage_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "templates" / "vision-statement.md"
    replace_in(path, "stage: vision", "stage: daydream")
    load_fails(toolkit_content, path, "unknown stage 'daydream'")


def test_example_naming_an_unknown_stage_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "examples" / "dwp-shared-service-centre.md"
    replace_in(path, "stage: operation", "stage: retirement")
    load_fails(toolkit_content, path, "unknown stage 'retirement'")


def test_template_without_a_source_stops_the_load(toolkit_content):
    (toolkit_content / "toolkit" / "template-sources" / "vision-statement.document.md").unlink()
    path = toolkit_content / "toolkit" / "templates" / "vision-statement.md"
    load_fails(toolkit_content, path, "no source for the odt file")


def test_unknown_provenance_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "templates" / "vision-statement.md"
    replace_in(path, "provenance: written-for-toolkit", "provenance: borrowed")
    load_fails(toolkit_content, path, "'provenance' must be one of")


def test_unknown_format_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "templates" / "vision-statement.md"
    replace_in(path, "formats: [odt, docx]", "formats: [odt, wpd]")
    load_fails(toolkit_content, path, "unknown format wpd")


def test_document_format_from_a_spreadsheet_source_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "templates" / "transition-plan.md"
    replace_in(path, "formats: [ods, xlsx]", "formats: [ods, docx]")
    load_fails(toolkit_content, path, "no source for the docx file")


def test_bad_formula_stops_the_load_naming_the_source(toolkit_content):
    path = toolkit_content / "toolkit" / "template-sources" / "transition-plan.sheets.yaml"
    write(path, 'sheets:\n  - name: Plan\n    rows:\n      - ["Total", "=SUMX(B1:B4)"]\n')
    load_fails(toolkit_content, path, "the function SUMX is not supported")


def test_sheet_name_too_long_for_spreadsheets_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "template-sources" / "transition-plan.sheets.yaml"
    write(path, "sheets:\n  - name: A sheet name much longer than thirty-one characters\n    rows:\n      - [x]\n")
    load_fails(toolkit_content, path, "longer than 31 characters")


def test_stage_cannot_take_the_address_of_the_templates_page(toolkit_content):
    stages = toolkit_content / "toolkit" / "stages"
    path = stages / "templates.md"
    path.write_text((stages / "vision.md").read_text().replace("position: 1", "position: 7"))
    load_fails(toolkit_content, path, "a stage cannot be called 'templates'")


def test_unquoted_version_that_is_not_a_version_stops_the_load(toolkit_content):
    path = toolkit_content / "toolkit" / "templates" / "vision-statement.md"
    replace_in(path, 'version: "1.0"', "version: latest")
    load_fails(toolkit_content, path, "'version' must be numbers and full stops")


def test_exported_file_that_is_not_what_it_claims_stops_the_load(toolkit_content):
    write(
        toolkit_content / "toolkit" / "templates" / "files" / "vision-statement-1.0.odt", "<html>not a document</html>"
    )
    path = toolkit_content / "toolkit" / "templates" / "files" / "vision-statement-1.0.odt"
    load_fails(toolkit_content, path, "It is a web page")

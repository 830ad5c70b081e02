"""Directory content files: checked before anything is written, and a wrong entry named with its file."""

import pytest

from directory.models import Cluster, Organisation
from publishing.loaders import ContentError, content_load, write_source

pytestmark = pytest.mark.django_db

SOURCE = {"title": "A report", "publisher": "National Audit Office", "date": "2024-10", "url": "https://example.org/r"}


def write(root, folder, slug, **meta):
    write_source(root / "directory" / folder / f"{slug}.md", {"title": slug.upper(), "summary": "Words.", **meta}, "")


@pytest.mark.parametrize(
    ("membership", "problem"),
    [
        ({"organisation": "nobody", "from": "2024", "sources": [1]}, "names an unknown organisation 'nobody'"),
        ({"organisation": "dwp", "from": "2024", "sources": [2]}, "there is no source 2"),
        ({"organisation": "dwp", "from": "2024", "sources": [1], "joined": "2024"}, "unknown key 'joined'"),
        ({"organisation": "dwp", "sources": [1]}, "give at least one date (from or to)"),
    ],
)
def test_a_wrong_membership_stops_the_load_naming_the_file_and_loads_nothing(tmp_path, membership, problem):
    write(tmp_path, "organisations", "dwp", sources=[SOURCE])
    write(tmp_path, "clusters", "synergy", as_of="2026-11-27", sources=[SOURCE], memberships=[membership])
    with pytest.raises(ContentError) as raised:
        content_load(root=tmp_path)
    assert raised.value.path.name == "synergy.md"
    assert problem in raised.value.problem
    assert not Cluster.objects.exists()


def test_two_current_leads_are_refused(tmp_path):
    write(tmp_path, "organisations", "dwp", sources=[SOURCE])
    write(tmp_path, "organisations", "ho", sources=[SOURCE])
    leads = [{"organisation": slug, "lead": True, "from": "2024", "sources": [1]} for slug in ("dwp", "ho")]
    write(tmp_path, "clusters", "synergy", as_of="2026-11-27", sources=[SOURCE], memberships=leads)
    with pytest.raises(ContentError, match="only one current member can be the lead"):
        content_load(root=tmp_path)


def test_a_parent_named_later_in_the_folder_is_linked(tmp_path):
    write(tmp_path, "organisations", "agency", parent="zdept", sources=[SOURCE])
    write(tmp_path, "organisations", "zdept", sources=[SOURCE])
    content_load(root=tmp_path)
    assert Organisation.objects.get(slug="agency").parent.slug == "zdept"

"""Demo content for the directory: one file per organisation, cluster and provider under content/directory/,
and the timeline as one list. Dated relations are written as YAML lists in the front matter."""

from django.core.exceptions import ValidationError

from directory import facts
from directory.models import Cluster, Milestone, Organisation, OrganisationType, Provider
from publishing.content_fields import LINKS, Choice, Date, Field, Invalid, Parent, Related, Sources, Text, known_slugs
from publishing.loaders import ListLoader, PublishedContentLoader
from publishing.sources import check_date


class Facts(Field):
    """A dated relation or a single dated fact, checked against the file's own sources and organisations."""

    def __init__(self, key, spec, *, many=True):
        super().__init__(key, default=[] if many else {})
        self.spec, self.many = spec, many

    def read(self, source, known):
        raw = source.meta.get(self.key)
        count = len(source.meta.get("sources") or [])
        cleaner = facts.clean_entries if self.many else facts.clean_record
        try:
            value = cleaner(self.spec, raw, source_count=count)
        except ValidationError as error:
            raise Invalid(f"'{self.key}': {' '.join(error.messages)}") from None
        entries = value if self.many else [value]
        unknown = sorted(facts.organisation_slugs(entries) - known_slugs(known, Organisation))
        if unknown:
            raise Invalid(f"'{self.key}' names an unknown organisation '{unknown[0]}'")
        return value


class OptionalParent(Parent):
    """A foreign key that may be empty, named by slug."""

    def __init__(self, key, **options):
        Field.__init__(self, key, **options)

    def read(self, source, known):
        if source.meta.get(self.key) in (None, ""):
            return None
        return super().read(source, known)

    def apply(self, item, slug):
        if slug is None:
            setattr(item, self.attr, None)
        else:
            super().apply(item, slug)

    def current(self, item):
        related = getattr(item, self.attr)
        return related.slug if related else None


class LinkedParent(OptionalParent):
    """The parent organisation: set once every organisation exists (a parent may come later in the folder)."""

    phase = LINKS

    def apply(self, item, slug):
        super().apply(item, slug)
        type(item).objects.filter(pk=item.pk).update(parent=item.parent)


class OrganisationLoader(PublishedContentLoader):
    directory = "directory/organisations"
    model = Organisation
    fields = (
        *PublishedContentLoader.fields,
        Text("abbreviation", max_length=20),
        Choice("organisation_type", OrganisationType.values, default=OrganisationType.DEPARTMENT, always=True),
        LinkedParent("parent"),
        Facts("parent_cited", facts.CITATION, many=False),
        Facts("former_names", facts.FORMER_NAME),
        Facts("closed", facts.EVENT, many=False),
        Related("successors"),
    )


class ClusterLoader(PublishedContentLoader):
    directory = "directory/clusters"
    model = Cluster
    fields = (
        *PublishedContentLoader.fields,
        Date("as_of", required=True),
        Facts("memberships", facts.MEMBER),
        Facts("platform", facts.PLATFORM, many=False),
        Facts("suppliers", facts.SUPPLIER),
        Facts("progress", facts.PROGRESS, many=False),
        Facts("targets", facts.TARGET),
    )

    def check(self, source, known):
        leads = [entry for entry in source.values["memberships"] if entry.get("lead") and facts.is_current(entry)]
        if len(leads) > 1:
            raise Invalid("'memberships': only one current member can be the lead")


class ProviderLoader(PublishedContentLoader):
    directory = "directory/providers"
    model = Provider
    fields = (
        *PublishedContentLoader.fields,
        Facts("operators", facts.OPERATOR),
        Facts("customers", facts.CUSTOMER),
        Facts("started", facts.EVENT, many=False),
        Facts("ended", facts.EVENT, many=False),
    )


class MilestoneDate(Text):
    def from_file(self, raw, known):
        value = raw.isoformat() if hasattr(raw, "isoformat") else str(raw)
        try:
            return check_date(value, "the milestone")
        except ValidationError as error:
            raise Invalid(" ".join(error.messages)) from None


class MilestoneSources(Sources):
    def from_file(self, raw, known):
        value = super().from_file(raw, known)
        if not value:
            raise Invalid("'sources': cite at least one source")
        return value


class MilestoneLoader(ListLoader):
    path = "directory/timeline.yaml"
    model = Milestone
    entry_name = "milestone"
    identity = ("date", "title")
    fields = (
        MilestoneDate("date", required=True),
        Text("title", required=True, max_length=200),
        Choice("category", Milestone.Category.values, required=True),
        Text("description", max_length=300),
        Text("link", max_length=200),
        MilestoneSources("sources", required=True),
    )

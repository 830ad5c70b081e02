"""What each directory page shows. Every page reads a fixed number of queries, however many organisations,
clusters or providers there are: dated relations are stored on their items, and the organisations they
name are fetched together by slug."""

import re
from dataclasses import dataclass, field

from directory import facts
from directory.models import Cluster, Milestone, Organisation, Provider
from publishing.sources import date_text, numbered

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,120}")
# Guidance and toolkit pages a reader is sent to next from an answer (addresses on this site).
READ_NEXT = [
    ("Joining your cluster", "/guidance/joining-your-cluster/"),
    ("The five clusters", "/guidance/the-five-clusters/"),
    ("Shared services today", "/guidance/shared-services-today/"),
    ("The toolkit: from deciding to moving", "/toolkit/"),
]


@dataclass
class Fact:
    """One entry of a dated relation, with the sources it cites resolved from the item that holds it."""

    entry: dict
    owner: object
    organisation: object = None

    @property
    def citations(self):
        listed = numbered(self.owner.sources)
        return [listed[n - 1] for n in self.entry.get("sources", []) if 0 < n <= len(listed)]

    @property
    def period(self):
        return facts.period_text(self.entry)

    @property
    def date(self):
        return date_text(self.entry.get("date", ""))

    @property
    def when(self):
        """The fact's dates as readers read them: a period, a date, or when a source listed it."""
        if self.period:
            return self.period[0].upper() + self.period[1:]
        if self.date:
            return self.date
        reported = date_text(self.entry.get("reported", ""))
        return f"Named in a source dated {reported}" if reported else ""

    @property
    def when_in_sentence(self):
        """The dates after a comma: "from April 2023"."""
        when = self.when
        return when[:1].lower() + when[1:]

    @property
    def details(self):
        parts = [self.entry.get(key, "") for key in ("role", "value", "detail", "note")]
        return ". ".join(part.rstrip(".") for part in parts if part) + ("." if any(parts) else "")

    @property
    def name(self):
        if self.organisation is not None:
            return self.organisation.title
        return self.entry.get("name") or self.entry.get("organisation", "")


def fact(entry, owner):
    return Fact(entry, owner) if entry else None


def _resolve(entries, owner, organisations):
    return [Fact(entry, owner, organisations.get(entry.get("organisation"))) for entry in entries]


def _organisations(slugs):
    return Organisation.objects.only("title", "slug", "abbreviation", "summary").at_slugs(slugs)


def published_clusters():
    return list(Cluster.objects.published().order_by("title", "pk"))


@dataclass
class ClusterCard:
    cluster: object
    lead: Fact | None
    members: list
    former: list = field(default_factory=list)

    @property
    def platform(self):
        return fact(self.cluster.platform, self.cluster)

    @property
    def progress(self):
        return fact(self.cluster.progress, self.cluster)

    @property
    def members_fact(self):
        """All current members as one fact for a summary: their dates, and every source they cite."""
        numbers = sorted({n for member in self.members for n in member.entry.get("sources", [])})
        dates = sorted({member.entry.get("from", "") for member in self.members} - {""})
        entry = {"from": dates[0], "sources": numbers} if dates else {"sources": numbers}
        return Fact(entry, self.cluster)

    @property
    def suppliers(self):
        return [Fact(entry, self.cluster) for entry in self.cluster.suppliers]

    @property
    def targets(self):
        return [Fact(entry, self.cluster) for entry in self.cluster.targets]


def cluster_cards(clusters):
    slugs = set().union(*(facts.organisation_slugs(c.memberships) for c in clusters)) if clusters else set()
    organisations = _organisations(slugs)
    cards = []
    for cluster in clusters:
        members = _resolve(cluster.current_members(), cluster, organisations)
        lead = next((member for member in members if member.entry.get("lead")), None)
        former = _resolve(cluster.former_members(), cluster, organisations)
        cards.append(ClusterCard(cluster, lead, members, former))
    return cards


def providers_by_era():
    """Providers running today, then those that have ended, each list in title order."""
    providers = list(Provider.objects.published().only("title", "slug", "summary", "started", "ended"))
    return [p for p in providers if p.is_current], [p for p in providers if not p.is_current]


def overview_page():
    current, past = providers_by_era()
    clusters = published_clusters()
    return {
        "cards": cluster_cards(clusters),
        "current_providers": current,
        "past_providers": past,
        "as_of": max((cluster.as_of for cluster in clusters), default=None),
    }


def cluster_page(cluster):
    card = cluster_cards([cluster])[0]
    return {"item": cluster, "cluster": cluster, "card": card, "show_review_dates": True, "read_next": READ_NEXT}


@dataclass
class Answer:
    """Which cluster an organisation is in: directly, through its parent department, or through the
    organisations that took over its work; or in none we know of."""

    organisation: object
    memberships: list  # ClusterMembership
    through: object = None  # the parent department whose cluster this is
    successors: list = field(default_factory=list)  # (successor organisation, its memberships)

    @property
    def closed(self):
        return fact(self.organisation.closed, self.organisation)

    @property
    def found(self):
        return bool(self.memberships or any(found for _, found in self.successors))


@dataclass
class ClusterMembership:
    card: ClusterCard
    fact: Fact


def memberships_of(slug, cards):
    found = []
    for card in cards:
        for member in card.members:
            if member.entry.get("organisation") == slug:
                found.append(ClusterMembership(card, member))
    return found


def answer_for(organisation, cards=None):
    cards = cluster_cards(published_clusters()) if cards is None else cards
    found = memberships_of(organisation.slug, cards)
    if found:
        return Answer(organisation, found)
    parent = organisation.parent if organisation.parent_id else None
    if parent is not None and parent.is_published_now:
        through = memberships_of(parent.slug, cards)
        if through:
            return Answer(organisation, through, through=parent)
    successors = [(successor, memberships_of(successor.slug, cards)) for successor in _successors(organisation)]
    return Answer(organisation, [], successors=successors)


def _successors(organisation):
    # .all(), so a list of organisations can prefetch them; what readers may see is still the QuerySet's rule.
    return [successor for successor in organisation.successors.all() if successor.is_published_now]


def providers_serving(organisation):
    """Providers whose customers include the organisation (read from every published provider's list)."""
    providers = Provider.objects.published().only("title", "slug", "summary", "customers", "sources", "ended")
    serving = []
    for provider in providers:
        for entry in provider.customers:
            if entry.get("organisation") == organisation.slug:
                serving.append(Fact(entry, provider, provider))
    return serving


def organisation_page(organisation):
    answer = answer_for(organisation)
    return {
        "item": organisation,
        "organisation": organisation,
        "answer": answer,
        "parent": fact(organisation.parent_cited, organisation),
        "former_names": [Fact(entry, organisation) for entry in organisation.former_names],
        "served_by": providers_serving(organisation),
        "show_review_dates": True,
        "read_next": READ_NEXT,
    }


def provider_page(provider):
    organisations = _organisations(facts.organisation_slugs(provider.customers))
    return {
        "item": provider,
        "provider": provider,
        "operators": [Fact(entry, provider) for entry in provider.operators],
        "customers": _resolve(provider.customers, provider, organisations),
        "started": fact(provider.started, provider),
        "ended": fact(provider.ended, provider),
        "show_review_dates": True,
        "read_next": READ_NEXT,
    }


@dataclass
class Year:
    year: str
    milestones: list


def timeline_page():
    """The timeline, year by year: each milestone with its date as precise as its sources, and its sources."""
    years = {}
    for milestone in Milestone.objects.all():
        milestone.date_text = date_text(milestone.date)
        milestone.source_list = numbered(milestone.sources)
        years.setdefault(milestone.date[:4], []).append(milestone)
    return {"years": [Year(year, milestones) for year, milestones in years.items()]}


@dataclass
class Choice:
    value: str  # the organisation's slug
    label: str
    selected: bool = False


def organisation_choices():
    """The question page's options: each organisation by its current name, then by each former name,
    every option naming the organisation it resolves to. In alphabetical order of what readers see."""
    choices = []
    for organisation in Organisation.objects.published().only("title", "slug", "abbreviation", "former_names"):
        choices.append(Choice(organisation.slug, organisation.name_with_abbreviation))
        for former in organisation.former_names:
            name = " ".join(filter(None, [former.get("name"), f"({former['abbreviation']})"
                                          if former.get("abbreviation") else ""]))  # fmt: skip
            choices.append(Choice(organisation.slug, f"{name}, now {organisation.short_name}"))
    return sorted(choices, key=lambda choice: choice.label.lower())


def organisation_picker(choices, error=None):
    """The GOV.UK select macro's options: the question as the page's heading, and every organisation by every name."""
    items = [{"value": "", "text": "Choose an organisation"}]
    items += [{"value": choice.value, "text": choice.label, "selected": choice.selected} for choice in choices]
    return {
        "items": items,
        "label": {"text": "Which cluster is my department in?", "classes": "govuk-label--l", "isPageHeading": True},
        "hint": {"text": "Choose your department or agency. Former names are listed too, such as DLUHC or NOMS."},
        "error": {"text": error} if error else None,
        "attributes": {"data-module": "app-organisation-picker"},
    }


def which_cluster_page(slug):
    """The question page: the choices, and the answer for the organisation chosen (None if none was)."""
    choices = organisation_choices()
    current = next((c for c in choices if c.value == slug and "now " not in c.label), None)
    chosen = current or next((c for c in choices if c.value == slug), None)
    if chosen:
        chosen.selected = True
    context = {"choices": choices, "chosen": slug or "", "read_next": READ_NEXT}
    if slug:
        organisation = None
        if SLUG.fullmatch(slug):
            organisation = Organisation.objects.published().select_related("parent").filter(slug=slug).first()
        context["organisation"] = organisation
        context["answer"] = answer_for(organisation) if organisation else None
    return context


def search_words(item):
    """Words readers search a directory page by: every name and abbreviation it has had, and the question
    the directory answers, so "which cluster is DWP in" finds the DWP page."""
    if isinstance(item, Organisation):
        names = " ".join(item.all_names)
        return f"{names}. Which cluster is {item.short_name} in? {item.short_name} cluster."
    if isinstance(item, Cluster):
        return f"{item.title}. {(item.platform or {}).get('name', '')}"
    names = " ".join(entry.get("name", "") for entry in item.operators)
    return f"{item.title}. {names}"

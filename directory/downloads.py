"""The directory as open data: a CSV of organisations and their clusters, and JSON of every cluster,
organisation and provider. Each fact carries its dates and its sources, and the files carry the date
the clusters' facts were last checked ("as of")."""

import csv
import io

from directory import facts
from directory.models import Organisation, Provider
from directory.selectors import Fact, answer_for, cluster_cards, published_clusters

CSV_COLUMNS = [
    "organisation", "abbreviation", "former_names", "organisation_page", "cluster", "role", "member_from",
    "member_to", "how", "platform", "platform_date", "status", "status_date", "cluster_as_of", "sources",
]  # fmt: skip


def _source_text(citations):
    return "; ".join(f"{s.publisher}, {s.title}, {s.date or 'undated'}, {s.url}" for s in citations)


def _sources(citations):
    return [{"title": s.title, "publisher": s.publisher, "date": s.date, "url": s.url} for s in citations]


def _former_names(organisation):
    return "; ".join(
        " ".join(
            filter(
                None,
                [
                    entry.get("name"),
                    entry.get("abbreviation") and f"({entry['abbreviation']})",
                    facts.period_text(entry),
                ],
            )
        )  # fmt: skip
        for entry in organisation.former_names
    )


def _membership_row(organisation, membership, how):
    card, member = membership.card, membership.fact
    platform, progress = card.platform, card.progress
    citations = member.citations + (platform.citations if platform else []) + (progress.citations if progress else [])
    return {
        "cluster": card.cluster.title,
        "role": "lead" if member.entry.get("lead") else "member",
        "member_from": member.entry.get("from", ""),
        "member_to": member.entry.get("to", ""),
        "how": how,
        "platform": platform.entry["name"] if platform else "",
        "platform_date": platform.entry["date"] if platform else "",
        "status": progress.entry["stage"] if progress else "",
        "status_date": progress.entry["date"] if progress else "",
        "cluster_as_of": card.cluster.as_of.isoformat(),
        "sources": _source_text(dict.fromkeys(citations)),
    }


def organisation_rows():
    """One row per organisation and cluster it is in (directly, or through its parent or successors);
    one row with an empty cluster for an organisation in none."""
    cards = cluster_cards(published_clusters())
    organisations = Organisation.objects.published().select_related("parent").prefetch_related("successors")
    rows = []
    for organisation in organisations:
        base = {
            "organisation": organisation.title,
            "abbreviation": organisation.abbreviation,
            "former_names": _former_names(organisation),
            "organisation_page": organisation.get_absolute_url(),
        }
        answer = answer_for(organisation, cards)
        how = f"through its parent, {answer.through.short_name}" if answer.through else "member"
        found = [(m, how) for m in answer.memberships]
        for successor, memberships in answer.successors:
            found += [(m, f"through its successor, {successor.short_name}") for m in memberships]
        rows += [{**base, **_membership_row(organisation, m, why)} for m, why in found] or [base]
    return rows


def as_csv():
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(organisation_rows())
    return out.getvalue()


def _fact_data(item_fact, *keys):
    if item_fact is None:
        return None
    return {**{key: item_fact.entry.get(key, "") for key in keys}, "sources": _sources(item_fact.citations)}


def _entries(entries, owner, *keys):
    return [_fact_data(Fact(entry, owner), *keys) for entry in entries]


def _cluster_data(card):
    cluster = card.cluster
    return {
        "name": cluster.title,
        "slug": cluster.slug,
        "page": cluster.get_absolute_url(),
        "as_of": cluster.as_of.isoformat(),
        "summary": cluster.summary,
        "members": _entries(cluster.memberships, cluster, "organisation", "lead", "from", "to", "note"),
        "platform": _fact_data(card.platform, "name", "date"),
        "suppliers": _entries(cluster.suppliers, cluster, "name", "role", "value", "date"),
        "status": _fact_data(card.progress, "stage", "detail", "date"),
        "targets": _entries(cluster.targets, cluster, "what", "target", "date"),
    }


def _organisation_data(organisation):
    parent_cited = Fact(organisation.parent_cited, organisation) if organisation.parent_cited else None
    return {
        "name": organisation.title,
        "slug": organisation.slug,
        "abbreviation": organisation.abbreviation,
        "type": organisation.organisation_type,
        "page": organisation.get_absolute_url(),
        "parent": organisation.parent.slug if organisation.parent else None,
        "parent_cited": _fact_data(parent_cited, "date"),
        "former_names": _entries(organisation.former_names, organisation, "name", "abbreviation", "from", "to"),
        "closed": _fact_data(Fact(organisation.closed, organisation), "date", "note") if organisation.closed else None,
        "successors": [successor.slug for successor in organisation.successors.all() if successor.is_original],
    }


def _provider_data(provider):
    return {
        "name": provider.title,
        "slug": provider.slug,
        "page": provider.get_absolute_url(),
        "summary": provider.summary,
        "operators": _entries(provider.operators, provider, "name", "from", "to", "note"),
        "customers": _entries(provider.customers, provider, "organisation", "name", "from", "to", "note"),
        "started": _fact_data(Fact(provider.started, provider), "date", "note") if provider.started else None,
        "ended": _fact_data(Fact(provider.ended, provider), "date", "note") if provider.ended else None,
    }


def as_data():
    clusters = published_clusters()
    organisations = Organisation.objects.published().select_related("parent").prefetch_related("successors")
    return {
        "as_of": max((cluster.as_of for cluster in clusters), default=None),
        "clusters": [_cluster_data(card) for card in cluster_cards(clusters)],
        "organisations": [_organisation_data(organisation) for organisation in organisations],
        "providers": [_provider_data(provider) for provider in Provider.objects.published()],
    }

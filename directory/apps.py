from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Directory of clusters, organisations and providers"

    def ready(self):
        from directory.loaders import ClusterLoader, MilestoneLoader, OrganisationLoader, ProviderLoader
        from directory.models import Cluster, Milestone, Organisation, Provider
        from directory.selectors import cluster_page, organisation_page, provider_page, search_words
        from publishing.registry import register, register_supporting

        register(
            Organisation,
            label="Organisation",
            heading="Organisations",
            template="directory/organisation_detail.html",
            page=organisation_page,
            loaders=[OrganisationLoader],
            search_text=search_words,
        )
        register(
            Cluster,
            label="Cluster",
            heading="Clusters",
            template="directory/cluster_detail.html",
            page=cluster_page,
            loaders=[ClusterLoader],
            search_text=search_words,
        )
        register(
            Provider,
            label="Shared service provider",
            heading="Shared service providers",
            template="directory/provider_detail.html",
            page=provider_page,
            loaders=[ProviderLoader],
            search_text=search_words,
        )
        register_supporting(Milestone, loaders=[MilestoneLoader])
        register_landing_pages()


def register_landing_pages():
    """The directory's own pages, found by what readers ask for like the other landing pages."""
    from publishing.registry import register_landing_page

    register_landing_page(
        "directory:overview",
        title="Directory of clusters, organisations and providers",
        summary="The 5 clusters with their lead departments, members and progress, and the shared service "
        "providers past and present.",
        phrases=["directory", "clusters", "shared service centres", "shared service providers", "who provides"],
        label="Directory",
    )
    register_landing_page(
        "directory:which-cluster",
        title="Which cluster is my organisation in?",
        summary="Choose your department or body to see its cluster, the lead department, the platform and "
        "where it stands.",
        phrases=["which cluster", "my cluster", "cluster my department", "find my cluster"],
        label="Directory",
    )
    register_landing_page(
        "directory:timeline",
        title="Timeline of shared services in government",
        summary="Centres, strategies and reports from 2005 to today, in date order.",
        phrases=["timeline", "history of shared services", "shared services since 2005"],
        label="Directory",
    )

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

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    # Editors keep synonyms and best bets, which change what readers see: the publishing
    # groups get permissions on this app, and the page cache starts afresh when they change.
    content_app = True

    def ready(self):
        from search import signals

        signals.connect_receivers()

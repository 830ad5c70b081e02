from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from publishing.registry import register_supporting
        from search import signals
        from search.loaders import BestBetLoader, PhraseSynonymLoader, SynonymLoader
        from search.models import BestBet, PhraseSynonym, SearchEntry, Synonym

        # Editors keep synonyms and best bets, which change what readers find; the index itself is read-only.
        register_supporting(Synonym, loaders=[SynonymLoader])
        register_supporting(PhraseSynonym, loaders=[PhraseSynonymLoader])
        register_supporting(BestBet, loaders=[BestBetLoader])
        register_supporting(SearchEntry, editor_actions=["view"], publisher_actions=["view"])
        signals.connect_receivers()

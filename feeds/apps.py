from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """Atom feeds of major changes, the sitemap and robots.txt: everything read from the content-kind registry."""

    name = "feeds"
    verbose_name = "Feeds and sitemap"

from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "benchmarks"
    verbose_name = "Corporate-service benchmarks"

    def ready(self):
        from benchmarks.loaders import BenchmarkReturnLoader
        from benchmarks.models import BenchmarkReturn
        from benchmarks.selectors import return_page, search_words
        from publishing.registry import register

        register(
            BenchmarkReturn,
            label="Benchmark return",
            heading="Corporate-service benchmarks",
            template="benchmarks/return_detail.html",
            page=return_page,
            loaders=[BenchmarkReturnLoader],
            search_text=search_words,
        )

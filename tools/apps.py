from django.apps import AppConfig


class ToolsConfig(AppConfig):
    name = "tools"
    verbose_name = "Tools for deciding"

    def ready(self):
        from publishing.registry import register_landing_page
        from tools.catalogue import INDEX, TOOLS

        # The tools hold no content: search indexes their pages, and recommends them when a search asks for them.
        for tool in TOOLS:
            register_landing_page(
                tool.url_name,
                title=tool.name,
                summary=tool.summary,
                phrases=tool.search_phrases,
                label="Online tool",
                recommend=True,
            )
        register_landing_page(**INDEX, label="Online tools", recommend=True)

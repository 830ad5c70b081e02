from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self):
        from guidance.loaders import GuideLoader
        from guidance.models import AUDIENCE_LEADS, AUDIENCE_PAGE_TITLES, Guide
        from guidance.selectors import guide_page
        from publishing.models import Audience
        from publishing.registry import register, register_landing_page

        register(
            Guide,
            label="Guidance",
            heading="Guidance",
            template="guidance/guide_detail.html",
            page=guide_page,
            loaders=[GuideLoader],
        )

        register_landing_page(
            "guidance:index",
            title="Guidance",
            summary="Guidance on shared corporate services for the organisations that provide them and the "
            "departments that use them.",
            phrases=("all the guidance", "guides", "advice"),
            label="Section",
        )
        audience_pages = {
            Audience.PROVIDERS: ("providers", "provider guidance", "run a shared service", "set up a shared service"),
            Audience.CUSTOMERS: ("customers", "customer guidance", "use a shared service", "using a shared service"),
        }
        for audience, phrases in audience_pages.items():
            register_landing_page(
                "guidance:audience",
                kwargs={"audience": str(audience)},
                title=AUDIENCE_PAGE_TITLES[audience],
                summary=AUDIENCE_LEADS[audience],
                phrases=(f"guides for {audience}", f"advice for {audience}", *phrases),
                label="Section",
                audience=str(audience),
            )

from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


class PortalAdminConfig(AdminConfig):
    default_site = "sharedservices.admin_site.PortalAdminSite"


# Third-party apps renamed for the admin's home page, which shows an app's name as its section heading.
class SignInRecordsConfig(AxesConfig):
    verbose_name = "Sign-in records"


class TwoFactorDevicesConfig(TOTPConfig):
    verbose_name = "Two-factor devices"


class SharedServicesConfig(AppConfig):
    name = "sharedservices"
    verbose_name = "Shared Services Guidance"

    def ready(self):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        from publishing.registry import register_supporting
        from sharedservices import audit, checks  # noqa: F401 - connect the sign-in audit receivers and checks
        from sharedservices.page_cache import connect_invalidation

        connect_invalidation()
        register_pages_for_search()
        # Publishers read the sign-in records to see who signed in and who failed; editors do not see them.
        for record in (AccessAttempt, AccessLog, AccessFailureLog):
            register_supporting(record, editor_actions=[], publisher_actions=["view"], cached=False)


def register_pages_for_search():
    """The about, accessibility and privacy pages, indexed with their own text and the words readers use for them."""
    from publishing.registry import register_landing_page
    from sharedservices.selectors import template_text

    pages = [
        (
            "about",
            "About Shared Services Guidance",
            "What this guidance is, who is responsible for shared services policy and how to contact the team.",
            ("about this website", "contact the team", "contact us", "email the team", "who runs this website"),
            "pages/about.html",
        ),
        (
            "accessibility",
            "Accessibility statement",
            "How accessible this website is, how to report a problem and how to ask for content in another format.",
            ("accessibility", "report an accessibility problem", "another format", "alternative format", "WCAG"),
            "pages/accessibility.html",
        ),
        (
            "privacy",
            "Privacy notice",
            "What personal data this website collects, why, how long it is kept and your rights.",
            ("privacy", "personal data", "data protection", "cookies", "your rights"),
            "pages/privacy.html",
        ),
    ]
    for url_name, title, summary, phrases, template_name in pages:
        register_landing_page(
            url_name,
            title=title,
            summary=summary,
            phrases=phrases,
            label="About this website",
            search_text=lambda template_name=template_name: template_text(template_name),
        )

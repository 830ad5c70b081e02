"""Deployment checks for details only the running team can give: contact address, data controller, log retention."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

UNSET_DETAILS = {
    "TEAM_EMAIL": "the address readers write to for help, accessible formats and their data rights",
    "DATA_CONTROLLER": "the organisation that is the data controller, named in the privacy notice",
    "LOG_RETENTION": "how long server logs are kept, stated in the privacy notice (for example '30 days')",
}


@register(Tags.security, deploy=True)
def contact_and_legal_details_set(app_configs, **kwargs):
    """A production site must not show readers placeholders where a contact address or legal statement belongs."""
    return [
        Warning(
            f"{name} is not set, so readers see a placeholder instead of {meaning}.",
            hint=f"Set the {name} environment variable.",
            id=f"sharedservices.W{number:03d}",
        )
        for number, (name, meaning) in enumerate(UNSET_DETAILS.items(), start=1)
        if not getattr(settings, name, "").strip() or getattr(settings, name).strip().endswith("example.gov.uk")
    ]

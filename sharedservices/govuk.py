"""GOV.UK Frontend components rendered by their official macros (govuk-frontend-jinja).

Django's Jinja2 template engine (named "govuk" in settings.TEMPLATES) holds one Jinja
environment for the life of the process, so each macro is compiled once; the Django page
templates call `render` through the tags in sharedservices/templatetags/govuk_tags.py.
Parameters are the ones the GOV.UK Design System documents for each component's macro.
"""

from functools import cache

import jinja2
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

ENGINE = "govuk"


def environment(**options):
    """The Jinja environment of the "govuk" engine: the macros from the installed package, and nothing else."""
    options["loader"] = jinja2.PrefixLoader({"govuk_frontend_jinja": jinja2.PackageLoader("govuk_frontend_jinja")})
    # The macros test for options that are left out; DebugUndefined (Django's default when DEBUG is on)
    # would print them instead.
    options.update(undefined=jinja2.Undefined, auto_reload=False)
    options.pop("autoescape", None)
    return jinja2.Environment(autoescape=True, **options)


def macro_name(component):
    """ "summary-list" -> "govukSummaryList", the name the package gives each component's macro."""
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


@cache
def _macro(component):
    env = engines[ENGINE].env
    try:
        template = env.get_template(f"govuk_frontend_jinja/components/{component}/macro.html")
    except jinja2.TemplateNotFound:
        raise ValueError(f"GOV.UK Frontend has no component called {component!r}") from None
    return getattr(template.module, macro_name(component))


def render(component, params) -> SafeString:
    """The HTML of one component. Text options are escaped; `html` options must already be safe."""
    _check_html_is_safe(params)
    return mark_safe(str(_macro(component)(params)))  # noqa: S308 - the macro escapes text, and html was safe


def _check_html_is_safe(value, key=""):
    """Refuse a plain string as an `html`/`…Html` option: the macro would print it unescaped."""
    if isinstance(value, dict):
        for name, item in value.items():
            _check_html_is_safe(item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_html_is_safe(item, key)
    elif (key == "html" or key.endswith("Html")) and isinstance(value, str) and not hasattr(value, "__html__"):
        raise TypeError(f"the {key!r} option must be safe HTML (format_html or a rendered template), not a str")

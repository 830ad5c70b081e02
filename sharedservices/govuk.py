"""GOV.UK Frontend components rendered by their official macros (govuk-frontend-jinja).

Django's Jinja2 template engine (named "govuk" in settings.TEMPLATES) holds one Jinja
environment for the life of the process, so each macro is compiled once; the Django page
templates call `render` through the tags in sharedservices/templatetags/govuk_tags.py.
Parameters are the ones the GOV.UK Design System documents for each component's macro.
"""

import re
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


class Skeleton:
    """A component rendered once by its macro with markers where its html options go, filled in on each use.

    For a component whose other options are fixed in the template (a feedback button, a "Change history"
    details, a template's "Request an accessible format"), the macro's work is the same every time; only the
    html changes. The macro stays the only source of the markup. `fill` returns None when a value is empty,
    since a macro may leave an empty option out altogether; the caller then renders through the macro.
    """

    def __init__(self, component, params, slots):
        markers = {slot: f"\x00{slot}\x00" for slot in slots}
        html = str(_macro(component)({**params, **{slot: mark_safe(m) for slot, m in markers.items()}}))  # noqa: S308
        if any(html.count(markers[slot]) != 1 for slot in slots):
            raise ValueError(f"{component} does not show each of {sorted(slots)} exactly once")
        self.slots = sorted(slots, key=lambda slot: html.find(markers[slot]))
        self.parts = re.split("|".join(map(re.escape, markers.values())), html)

    def fill(self, values):
        filled = [self.parts[0]]
        for slot, after in zip(self.slots, self.parts[1:], strict=True):
            value = values[slot]
            _check_html_is_safe(value, slot)
            if not str(value).strip():
                return None
            filled += [str(value).strip(), after]  # the macros trim their html options
        return mark_safe("".join(filled))  # noqa: S308 - the macro's own markup around values checked safe

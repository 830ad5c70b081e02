"""The site's URLs plus stand-in toolkit addresses, for tests that run before the toolkit's own URLs exist."""

from django.http import HttpResponse
from django.urls import NoReverseMatch, include, path, reverse

from sharedservices.urls import urlpatterns as site_urlpatterns


def stand_in(request, slug=""):
    return HttpResponse("toolkit page")


toolkit_patterns = (
    [
        path("", stand_in, name="index"),
        path("<slug:slug>/", stand_in, name="stage"),
        path("examples/<slug:slug>/", stand_in, name="example"),
        path("templates/<slug:slug>/", stand_in, name="template"),
    ],
    "toolkit",
)

urlpatterns = [path("toolkit/", include(toolkit_patterns)), *site_urlpatterns]


def use_toolkit_urls(settings):
    """Make toolkit item addresses resolve: the real ones if the toolkit has them, these stand-ins if not."""
    try:
        reverse("toolkit:stage", args=["vision"])
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__

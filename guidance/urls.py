from django.urls import path, register_converter

from guidance import views
from publishing.models import Audience


class AudienceConverter:
    """The two audiences with a guidance page of their own."""

    regex = "providers|customers"

    def to_python(self, value):
        return Audience(value)

    def to_url(self, value):
        return str(value)


register_converter(AudienceConverter, "audience")

app_name = "guidance"

urlpatterns = [
    path("", views.guide_index, name="index"),
    path("<audience:audience>/", views.guide_list, name="audience"),
    path("<slug:slug>/", views.guide_detail, name="detail"),
]

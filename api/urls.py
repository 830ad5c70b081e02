from django.urls import path, re_path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.as_reader_view(views.Documentation, "script"), name="docs"),
    path("v1/openapi.json", views.as_reader_view(views.Schema), name="schema"),
    path(
        "v1/items/",
        views.as_reader_view(views.ItemList, "kind", "topic", "audience", "updated_since", "page"),
        name="items",
    ),
    path("v1/items/<str:kind>/<str:slug>/", views.as_reader_view(views.ItemDetail), name="item"),
    path("v1/search/", views.as_reader_view(views.Search, "q", "kind", "topic", "audience", "page"), name="search"),
    path("v1/kinds/", views.as_reader_view(views.KindList), name="kinds"),
    path("v1/topics/", views.as_reader_view(views.TopicList), name="topics"),
    # Any other address under /api/ is a JSON 404, as the schema says, never the HTML page for readers.
    re_path(r"^", views.not_found),
]

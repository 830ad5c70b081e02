from django.urls import path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("", views.stage_list, name="index"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<slug:slug>/", views.template_detail, name="template"),
    path("templates/<slug:slug>/<slug:file_format>/download/", views.template_download, name="download"),
    path("examples/", views.example_list, name="examples"),
    path("examples/<slug:slug>/", views.example_detail, name="example"),
    path("<slug:slug>/", views.stage_detail, name="stage"),
]

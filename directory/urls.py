from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("providers/<slug:slug>/", views.provider_detail, name="provider"),
    path("timeline/", views.timeline, name="timeline"),
    path("which-cluster/", views.which_cluster, name="which-cluster"),
    path("directory.csv", views.directory_csv, name="csv"),
    path("directory.json", views.directory_json, name="json"),
]

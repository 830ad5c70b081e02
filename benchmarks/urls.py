from django.urls import path

from benchmarks import views

app_name = "benchmarks"

urlpatterns = [
    path("", views.index, name="index"),
    path("benchmarks.csv", views.benchmarks_csv, name="csv"),
    path("<slug:slug>/", views.return_detail, name="return"),
]

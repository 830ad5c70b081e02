from django.urls import path

from topics import views

app_name = "topics"

urlpatterns = [
    path("", views.topic_list, name="index"),
    path("<slug:slug>/", views.topic_detail, name="detail"),
    path("<slug:slug>/<slug:kind>/", views.topic_kind_list, name="kind"),
]

from django.urls import path

from publishing import topic_views

app_name = "topics"

urlpatterns = [
    path("", topic_views.topic_list, name="index"),
    path("<slug:slug>/", topic_views.topic_detail, name="detail"),
]

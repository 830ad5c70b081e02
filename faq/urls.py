from django.urls import path

from faq import views

app_name = "faq"

urlpatterns = [
    path("", views.question_list, name="index"),
    path("<slug:slug>/", views.question_detail, name="detail"),
]

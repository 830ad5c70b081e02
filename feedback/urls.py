from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("report/", views.report, name="report"),
    path("thanks/", views.thanks, name="thanks"),
]

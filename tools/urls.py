from django.urls import path

from tools import views

app_name = "tools"

urlpatterns = [
    path("", views.tool_list, name="index"),
    path("readiness/", views.readiness_start, name="readiness"),
    path("readiness/answers/", views.readiness_answers, name="readiness-answers"),
    path("readiness/printable/", views.readiness_printable, name="readiness-printable"),
    path("readiness/download/", views.readiness_download, name="readiness-download"),
    path("savings/", views.savings_start, name="savings"),
    path("savings/estimate/", views.savings_estimate, name="savings-estimate"),
    path("savings/download/", views.savings_download, name="savings-download"),
]

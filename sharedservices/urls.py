from django.contrib import admin
from django.urls import include, path

from sharedservices import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    # Browsers ask for /favicon.ico on pages that do not name an icon (the admin).
    path("favicon.ico", views.favicon),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("faq/", include("faq.urls")),
    path("topics/", include("topics.urls")),
    path("preview/", include("publishing.urls")),
    path("guidance/", include("guidance.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("directory/", include("directory.urls")),
    path("search/", include("search.urls")),
    path("feedback/", include("feedback.urls")),
    path("", include("feeds.urls")),
    path("api/", include("api.urls")),
    path("tools/", include("tools.urls")),
    path("benchmarks/", include("benchmarks.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "sharedservices.views.bad_request"
handler403 = "sharedservices.views.permission_denied"
handler404 = "sharedservices.views.page_not_found"
handler500 = "sharedservices.views.server_error"

from django.urls import path

from feeds import views

app_name = "feeds"

urlpatterns = [
    path("feeds/updates.atom", views.site_feed, name="updates"),
    path("feeds/topics/<slug:slug>.atom", views.topic_feed, name="topic"),
    path("feeds/kinds/<slug:kind>.atom", views.kind_feed, name="kind"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots, name="robots"),
]

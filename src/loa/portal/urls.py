"""Citizens' pages: no sign-in, fast on a cheap phone. Each area adds its own URLs."""

from django.urls import include, path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.portal_home, name="home"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit"),
    path("", include("loa.portal.procedures.urls")),
    path("", include("loa.portal.feedback.urls")),
    path("", include("loa.portal.surveys.urls")),
    path("", include("loa.portal.indices.urls")),
]

"""Public indices pages (filled in by their issue)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

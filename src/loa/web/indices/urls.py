"""Staff indices pages."""

from django.urls import URLPattern

app_name = "indices"

urlpatterns: list[URLPattern] = []

"""Staff procedures pages."""

from django.urls import URLPattern

app_name = "procedures"

urlpatterns: list[URLPattern] = []

"""Public indices pages: a unit's assessment results over the years."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/<int:unit_id>/chi-so/", views.unit_indices, name="indices"),
]

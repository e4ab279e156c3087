"""Staff procedures pages."""

from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("", views.unit_choice, name="list"),
    path("don-vi/<int:unit_id>/", views.unit_procedures, name="unit"),
    path("<int:procedure_id>/niem-yet/", views.toggle_desk, name="toggle-desk"),
]

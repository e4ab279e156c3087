"""Public procedures pages, under the portal namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/<int:unit_id>/thu-tuc/", views.procedure_list, name="procedures"),
    path("don-vi/<int:unit_id>/thu-tuc/<int:procedure_id>/", views.procedure_detail, name="procedure"),
]

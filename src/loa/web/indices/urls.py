"""Staff indices pages."""

from django.urls import path

from . import views

app_name = "indices"

urlpatterns = [
    path("don-vi/<int:unit_id>/", views.unit_indices, name="unit"),
    path("don-vi/<int:unit_id>/them/", views.index_create, name="create"),
    path("<int:value_id>/sua/", views.index_edit, name="edit"),
    path("nhap/", views.index_import, name="import"),
]

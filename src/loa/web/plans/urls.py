"""Plan pages: list, detail, and the import of a plan document."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("nhap/", views.import_upload, name="import"),
    path("nhap/<int:import_id>/", views.import_review, name="import-review"),
    path("nhap/<int:import_id>/tien-do/", views.import_progress, name="import-progress"),
]

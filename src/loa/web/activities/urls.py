"""Activity log URLs."""

from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("", views.activity_list, name="list"),
    path("moi/", views.activity_create, name="create"),
    path("<int:activity_id>/", views.activity_detail, name="detail"),
    path("<int:activity_id>/sua/", views.activity_edit, name="edit"),
    path("<int:activity_id>/xoa/", views.activity_delete, name="delete"),
    path("tep/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("tep/<int:attachment_id>/xoa/", views.attachment_delete, name="attachment-delete"),
]

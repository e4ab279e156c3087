"""Staff feedback pages, at /phan-anh/."""

from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.feedback_list, name="list"),
    path("<int:feedback_id>/", views.feedback_detail, name="detail"),
    path("<int:feedback_id>/giao/", views.feedback_assign, name="assign"),
    path("<int:feedback_id>/chon-ky/", views.feedback_select, name="select"),
    path("<int:feedback_id>/tra-loi/", views.feedback_answer, name="answer"),
    path("<int:feedback_id>/cong-khai/", views.feedback_publish, name="publish"),
    path("<int:feedback_id>/tep/<int:attachment_id>/", views.attachment_download, name="attachment"),
]

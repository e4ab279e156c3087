"""Plan pages: list, detail, editing of the plan and its task appendix, and document import."""

from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("moi/", views.plan_create, name="create"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/sua/", views.plan_edit, name="edit"),
    path("<int:plan_id>/ban-hanh/", views.plan_issue, name="issue"),
    path("<int:plan_id>/ket-thuc/", views.plan_close, name="close"),
    path("<int:plan_id>/nhiem-vu/them/", views.task_add, name="task-add"),
    path("nhiem-vu/<int:task_id>/", views.task_detail, name="task-detail"),
    path("nhiem-vu/<int:task_id>/dong/", views.task_row, name="task-row"),
    path("nhiem-vu/<int:task_id>/sua/", views.task_edit, name="task-edit"),
    path("nhiem-vu/<int:task_id>/xoa/", views.task_delete, name="task-delete"),
    path("nhiem-vu/<int:task_id>/di-chuyen/", views.task_move, name="task-move"),
    path("<int:plan_id>/lap-ke-hoach-cap-duoi/", views.plan_derive, name="derive"),
    path("don-vi/<int:unit_id>/cap-duoi/", views.subordinate_conformity, name="subordinates"),
    path("phan-tich-thoi-gian/", views.timing_preview, name="timing-preview"),
    path("nhap/", views.import_upload, name="import"),
    path("nhap/<int:import_id>/", views.import_review, name="import-review"),
    path("nhap/<int:import_id>/tien-do/", views.import_progress, name="import-progress"),
]

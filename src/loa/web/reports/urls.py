"""Report and generated-file URLs."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("moi/", views.report_create, name="create"),
    path("<int:report_id>/", views.report_detail, name="detail"),
    path("<int:report_id>/cap-nhat/", views.report_refresh, name="refresh"),
    path("<int:report_id>/gui/", views.report_submit, name="submit"),
    path("<int:report_id>/xem-xet/", views.report_review, name="review"),
    path("don-vi/<int:unit_id>/", views.unit_reports, name="unit"),
    path("van-ban/", views.build_request, name="build-request"),
    path("van-ban/<int:build_id>/", views.build_status, name="build"),
    path("van-ban/<int:build_id>/tai-ve/", views.build_download, name="build-download"),
]

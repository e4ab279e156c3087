"""Staff page URLs."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import dashboards, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="web/login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit-detail"),
    path("don-vi/<int:unit_id>/tong-quan/", dashboards.unit_dashboard, name="dashboard"),
    path("don-vi/<int:unit_id>/nhat-ky/", views.change_log, name="change-log"),
    path("toan-quoc/", dashboards.national_dashboard, name="national"),
]

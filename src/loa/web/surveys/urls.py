"""Staff surveys pages."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("don-vi/<int:unit_id>/", views.unit_surveys, name="unit"),
    path("don-vi/<int:unit_id>/tao/", views.survey_create, name="create"),
    path("don-vi/<int:unit_id>/tong-hop/", views.unit_rollup, name="rollup"),
    path("<int:survey_id>/", views.survey_detail, name="detail"),
    path("<int:survey_id>/sua/", views.survey_edit, name="edit"),
    path("<int:survey_id>/mo/", views.survey_open, name="open"),
    path("<int:survey_id>/dong/", views.survey_close, name="close"),
    path("<int:survey_id>/ma/", views.survey_tokens, name="tokens"),
    path("<int:survey_id>/ket-qua/", views.survey_results, name="results"),
]

"""Public surveys pages (in the "portal" namespace, under /cong-khai/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/<int:unit_id>/khao-sat/", views.surveys, name="surveys"),
    path("don-vi/<int:unit_id>/khao-sat/<int:survey_id>/", views.survey_form, name="survey"),
    path("don-vi/<int:unit_id>/khao-sat/<int:survey_id>/cam-on/", views.survey_thanks, name="survey-thanks"),
    path(
        "don-vi/<int:unit_id>/khao-sat/<int:survey_id>/ket-qua/", views.survey_results, name="survey-results"
    ),
]

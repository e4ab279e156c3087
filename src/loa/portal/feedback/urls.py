"""Public feedback and Q&A pages, inside the "portal" namespace at /cong-khai/."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/<int:unit_id>/phan-anh/gui/", views.feedback_submit, name="feedback-submit"),
    path("don-vi/<int:unit_id>/phan-anh/", views.feedback_published, name="feedback-published"),
    path("don-vi/<int:unit_id>/hoi-dap/", views.questions, name="questions"),
    path("theo-doi/", views.feedback_lookup, name="feedback-lookup"),
    path("theo-doi/<str:code>/", views.feedback_track, name="feedback-track"),
    path("theo-doi/<str:code>/danh-gia/", views.feedback_rate, name="feedback-rate"),
]

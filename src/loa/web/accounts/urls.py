"""Account URLs: personal API tokens."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("api/", views.token_list, name="api-tokens"),
    path("api/ma-moi/", views.token_created, name="api-token-created"),
    path("api/<int:token_id>/thu-hoi/", views.token_revoke, name="api-token-revoke"),
]

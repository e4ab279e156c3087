"""API authentication: the session for the pages' own calls, personal tokens for integrations.

A token of scope "read" may only read: any write is refused with 403 before the view
runs. Unit-scoped permissions are those of the token's user, enforced by the services
and the `*_visible_to` querysets as everywhere else.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import APIKeyCookie, HttpBearer

from loa.accounts.models import ApiToken
from loa.accounts.services import user_for_token

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """`Authorization: Bearer loa_<prefix>_<secret>`."""

    openapi_description = "Mã truy cập cá nhân (tạo ở trang Tài khoản → Mã truy cập API)."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = user_for_token(token)
        if found is None:
            return None
        user, api_token = found
        if api_token.scope == ApiToken.Scope.READ and request.method not in SAFE_METHODS:
            raise AuthorizationError(message="This token may only read.")
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in session of the staff pages (CSRF-checked for writes)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


AUTH = [TokenAuth(), SessionAuth()]

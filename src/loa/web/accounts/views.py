"""Personal API tokens: list, create (the plain token is shown once), revoke; and the page
shown when sign-in is locked after too many wrong passwords."""

from __future__ import annotations

import datetime as dt
import math
from http import HTTPStatus
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from loa.accounts.models import ApiToken
from loa.accounts.services import create_api_token, revoke_api_token
from loa.errors import DomainError

from .forms import ApiTokenForm

# The plain token waits in the session for the one page that shows it, then is dropped.
NEW_TOKEN_KEY = "loa_new_api_token"


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = create_api_token(
                request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                actor=request.user,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            request.session[NEW_TOKEN_KEY] = {"id": token.pk, "raw": raw}
            return redirect("accounts:api-token-created")
    tokens = ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created_at", "-pk")
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "form": form})


@never_cache
@login_required
def token_created(request: HttpRequest) -> HttpResponse:
    shown = request.session.pop(NEW_TOKEN_KEY, None)
    if not shown:
        return redirect("accounts:api-tokens")
    token = get_object_or_404(ApiToken, pk=shown["id"], user_id=request.user.pk)
    return render(request, "accounts/api_token_created.html", {"token": token, "raw": shown["raw"]})


@require_POST
@login_required
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user_id=request.user.pk)
    revoke_api_token(token, actor=request.user)
    messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": token.name})
    return redirect("accounts:api-tokens")


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """Sign-in refused for a while (django-axes' AXES_LOCKOUT_CALLABLE): 429, and when to retry.

    Serves the staff sign-in and the admin's. Every attempt during the lock restarts it
    (axes' default), so the retry time counts from this attempt.
    """
    cool_off: dt.timedelta = settings.AXES_COOLOFF_TIME
    attempted_at = getattr(request, "axes_attempt_time", None) or timezone.now()
    context = {
        "minutes": max(1, math.ceil(cool_off.total_seconds() / 60)),
        "retry_at": attempted_at + cool_off,
        "login_url": request.path,
    }
    page = render(request, "accounts/locked_out.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    page["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return page

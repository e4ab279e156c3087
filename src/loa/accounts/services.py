"""Writes of users and memberships."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loa.audit.models import Verb
from loa.audit.services import record_change
from loa.errors import DomainError
from loa.units.models import Unit

from .choices import Role
from .models import ApiToken, Membership, User
from .permissions import can_manage_unit, ensure, forget_scopes


@transaction.atomic
def grant_role(user: User, unit: Unit, role: Role, *, actor: Any) -> Membership:
    """Give `user` a role on `unit` (replacing any role they had there). Unit admins only."""
    ensure(actor is None or can_manage_unit(actor, unit))
    membership, _created = Membership.objects.update_or_create(user=user, unit=unit, defaults={"role": role})
    forget_scopes(user)
    record_change(
        actor=actor,
        unit=unit,
        verb=Verb.MEMBERSHIP_GRANTED,
        target=membership,
        summary=f"{user.username}: {role.label}",
        after={"user": user.username, "role": role.value},
    )
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, actor: Any) -> None:
    """Remove a membership. Unit admins only."""
    ensure(can_manage_unit(actor, membership.unit))
    record_change(
        actor=actor,
        unit=membership.unit,
        verb=Verb.MEMBERSHIP_REVOKED,
        target=membership,
        summary=f"{membership.user.username}: {membership.get_role_display()}",
        before={"user": membership.user.username, "role": membership.role},
    )
    forget_scopes(membership.user)
    membership.delete()


TOKEN_PREFIX_BYTES = 6
TOKEN_SECRET_BYTES = 24


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_token(user: Any, *, name: str, scope: str, actor: Any) -> tuple[ApiToken, str]:
    """A new token of `user` (only the user themself may make one); the plain token is returned once."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Chỉ chính người dùng mới tạo được mã truy cập của mình."))
    if scope not in ApiToken.Scope.values:
        raise DomainError(_("Phạm vi không hợp lệ: %(scope)s.") % {"scope": scope})
    name = " ".join(name.split())[:100] or _("Mã truy cập")
    prefix = secrets.token_hex(TOKEN_PREFIX_BYTES)
    secret = secrets.token_urlsafe(TOKEN_SECRET_BYTES)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, key_hash=hash_secret(secret), scope=scope
    )
    return token, f"loa_{prefix}_{secret}"


@transaction.atomic
def revoke_api_token(token: ApiToken, *, actor: Any) -> ApiToken:
    if actor is None or actor.pk != token.user_id:
        raise PermissionDenied(_("Chỉ chính người dùng mới thu hồi được mã truy cập của mình."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str) -> tuple[Any, ApiToken] | None:
    """The active user and token a presented token belongs to, or None."""
    parts = raw.strip().split("_")
    if len(parts) < 3 or parts[0] != "loa":
        return None
    prefix, secret = parts[1], "_".join(parts[2:])
    token = ApiToken.objects.select_related("user").filter(prefix=prefix, revoked_at__isnull=True).first()
    if (
        token is None
        or not hmac.compare_digest(token.key_hash, hash_secret(secret))
        or not token.user.is_active
    ):
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
    return token.user, token

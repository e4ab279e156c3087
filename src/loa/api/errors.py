"""Consistent errors: 400 with field messages, 401, 403, 404, 409 — never a 500 for input."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from loa.errors import DomainError


def install(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=400)

    @api.exception_handler(NinjaValidationError)
    def malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        # Input that does not fit the schema (bad JSON, a date in the wrong form): 400, as
        # for input the services refuse, with the field-by-field messages.
        return api.create_response(request, {"detail": "invalid", "fields": exc.errors}, status=400)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return api.create_response(request, {"detail": "invalid", "fields": fields}, status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": "not found"}, status=404)

    @api.exception_handler(OverflowError)
    def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
        # A number no column can hold (an id of 2**70): bad input, not a server fault.
        return api.create_response(request, {"detail": "number out of range"}, status=400)

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return api.create_response(request, {"detail": "conflict with existing data"}, status=409)

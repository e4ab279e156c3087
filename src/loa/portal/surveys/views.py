"""Citizens' satisfaction surveys: the open surveys of a unit, the form (made for a phone,
no JavaScript), a thank-you page and the published results.

A person answers once: with the single-use token of the link (`?ma=…`), or else once per
browser, known by a random key in a signed cookie set when the form is first shown.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache

from loa.errors import DomainError
from loa.scoring.sipas import ELEMENT_LABELS, KIND_LABELS, SCALE, Element
from loa.surveys.charts import index_chart
from loa.surveys.choices import RespondentGroup
from loa.surveys.models import Survey
from loa.surveys.queries import has_answered, open_surveys_for, public_surveys_for, survey_result
from loa.surveys.services import is_accepting, new_device_key, submit_response
from loa.units.models import Unit

DEVICE_COOKIE = "loa_khao_sat"
DEVICE_SALT = "loa.surveys.device"
DEVICE_MAX_AGE = 2 * 365 * 24 * 3600


def _device_key(request: HttpRequest) -> str:
    key = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    return key or ""


def _remember_device(request: HttpRequest, response: HttpResponse, key: str) -> HttpResponse:
    response.set_signed_cookie(
        DEVICE_COOKIE,
        key,
        salt=DEVICE_SALT,
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _public_survey(unit_id: int, survey_id: int) -> Survey:
    unit = get_object_or_404(Unit, pk=unit_id)
    return get_object_or_404(public_surveys_for(unit).select_related("unit"), pk=survey_id)


@cache_control(public=True, max_age=60)
def surveys(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    open_now = list(open_surveys_for(unit))
    ended = [s for s in public_surveys_for(unit)[:20] if s not in open_now]
    return render(
        request, "portal/surveys/surveys.html", {"unit": unit, "open_now": open_now, "ended": ended}
    )


@never_cache
def survey_form(request: HttpRequest, unit_id: int, survey_id: int) -> HttpResponse:
    survey = _public_survey(unit_id, survey_id)
    token = request.POST.get("ma", "") if request.method == "POST" else request.GET.get("ma", "")
    token = token.strip()[:32]
    device = _device_key(request) or new_device_key()
    questions = list(survey.questions.all())
    error = ""
    chosen: dict[int, int] = {}
    group = ""
    if request.method == "POST":
        for question in questions:
            value = request.POST.get(f"q{question.pk}", "")
            if value.isdigit():
                chosen[question.pk] = int(value)
        group = request.POST.get("doi_tuong", "")
        try:
            submit_response(
                survey,
                scores=chosen,
                token_code=token,
                device_key="" if token else device,
                group=group,
            )
        except DomainError as exc:
            error = str(exc)
        else:
            thanks = reverse("portal:survey-thanks", args=[survey.unit_id, survey.pk])
            return _remember_device(request, redirect(thanks), device)
    context = {
        "unit": survey.unit,
        "survey": survey,
        "questions": [(q, ELEMENT_LABELS[Element(q.element)]) for q in questions],
        "scale": SCALE,
        "groups": RespondentGroup.choices,
        "token": token,
        "chosen": chosen,
        "group": group,
        "error": error,
        "accepting": is_accepting(survey),
        "answered": not token and has_answered(survey, device),
    }
    status = 400 if error else 200
    return _remember_device(
        request, render(request, "portal/surveys/survey_form.html", context, status=status), device
    )


@cache_control(public=True, max_age=300)
def survey_thanks(request: HttpRequest, unit_id: int, survey_id: int) -> HttpResponse:
    survey = _public_survey(unit_id, survey_id)
    return render(request, "portal/surveys/survey_thanks.html", {"unit": survey.unit, "survey": survey})


@cache_control(public=True, max_age=30)
def survey_results(request: HttpRequest, unit_id: int, survey_id: int) -> HttpResponse:
    survey = _public_survey(unit_id, survey_id)
    found = survey_result(survey)
    per_element = found.result.per_element
    context = {
        "unit": survey.unit,
        "survey": survey,
        "found": found,
        "elements": [(ELEMENT_LABELS[e], per_element.get(e)) for e in Element],
        "rule_label": KIND_LABELS[found.rule.kind],
        "accepting": is_accepting(survey),
        "chart": mark_safe(index_chart(found, title=_("Chỉ số hài lòng theo yếu tố")))
        if found.responses
        else "",
    }
    return render(request, "portal/surveys/survey_results.html", context)

"""Staff pages of satisfaction surveys: create from the SIPAS template, edit, open and close,
single-use tokens, results with charts, and a roll-up over the units below."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loa.accounts.queries import units_visible_to
from loa.errors import DomainError
from loa.scoring.sipas import ELEMENT_LABELS, KIND_LABELS, Element, parse_aggregation
from loa.surveys import services
from loa.surveys.charts import index_chart, units_chart
from loa.surveys.permissions import can_manage_surveys
from loa.surveys.queries import (
    SurveyIndex,
    respondent_groups,
    rollup_for,
    survey_index_for,
    survey_result,
    surveys_visible_to,
)

from .forms import NewSurveyForm, SurveyForm, TokenForm


def _year(request: HttpRequest) -> int:
    text = request.GET.get("nam", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year


def _elements(found: SurveyIndex | None) -> list[tuple[str, float | None]]:
    per_element = found.result.per_element if found else {}
    return [(ELEMENT_LABELS[e], per_element.get(e)) for e in Element]


@login_required
def unit_surveys(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    surveys = surveys_visible_to(request.user).filter(unit=unit).order_by("-opens_on", "-pk")
    can_manage = can_manage_surveys(request.user, unit)
    context = {"unit": unit, "surveys": surveys, "can_manage": can_manage, "form": NewSurveyForm()}
    return render(request, "surveys/unit_surveys.html", context)


@login_required
def survey_create(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    form = NewSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey_from_template(unit, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã tạo phiếu khảo sát theo mẫu SIPAS."))
            return redirect("surveys:edit", survey_id=survey.pk)
    return render(request, "surveys/survey_create.html", {"unit": unit, "form": form})


@login_required
def survey_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    context = {
        "survey": survey,
        "questions": survey.questions.all(),
        "can_manage": can_manage_surveys(request.user, survey.unit),
        "responses": survey.responses.count(),
        "tokens": survey.tokens.count(),
        "rule_label": KIND_LABELS[parse_aggregation(survey.aggregation).kind],
        "public_url": request.build_absolute_uri(reverse("portal:survey", args=[survey.unit_id, survey.pk])),
    }
    return render(request, "surveys/survey_detail.html", context)


@login_required
def survey_edit(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    form = SurveyForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(
                survey, data=form.survey_input(), questions=form.question_texts(), actor=request.user
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu phiếu khảo sát."))
            return redirect("surveys:detail", survey_id=survey.pk)
    return render(request, "surveys/survey_edit.html", {"survey": survey, "form": form})


def _transition(request: HttpRequest, survey_id: int, action: Any, done: str) -> HttpResponse:
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    try:
        action(survey, actor=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("surveys:detail", survey_id=survey.pk)


@login_required
@require_POST
def survey_open(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _transition(request, survey_id, services.open_survey, _("Phiếu khảo sát bắt đầu lấy ý kiến."))


@login_required
@require_POST
def survey_close(request: HttpRequest, survey_id: int) -> HttpResponse:
    return _transition(request, survey_id, services.close_survey, _("Phiếu khảo sát đã kết thúc."))


@login_required
def survey_tokens(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.generate_tokens(survey, count=form.cleaned_data["count"], actor=request.user)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("surveys:tokens", survey_id=survey.pk)
    base = request.build_absolute_uri(reverse("portal:survey", args=[survey.unit_id, survey.pk]))
    tokens = [(token, f"{base}?ma={token.code}") for token in survey.tokens.all()]
    context = {
        "survey": survey,
        "form": form,
        "tokens": tokens,
        "unused": sum(1 for token, _url in tokens if token.used_at is None),
        "can_manage": can_manage_surveys(request.user, survey.unit),
    }
    return render(request, "surveys/survey_tokens.html", context)


@login_required
def survey_results(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(surveys_visible_to(request.user), pk=survey_id)
    found = survey_result(survey)
    chart = index_chart(found, title=_("Chỉ số hài lòng theo yếu tố")) if found.responses else ""
    context = {
        "survey": survey,
        "found": found,
        "elements": _elements(found if found.responses else None),
        "groups": respondent_groups(survey),
        "rule_label": KIND_LABELS[found.rule.kind],
        "chart": mark_safe(chart),  # the chart module escapes every text it writes
    }
    return render(request, "surveys/survey_results.html", context)


@login_required
def unit_rollup(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    year = _year(request)
    found = survey_index_for(unit, year)
    rows = rollup_for(unit, year)
    answered = [(child.name, child_index.result.overall) for child, child_index in rows if child_index]
    context = {
        "unit": unit,
        "year": year,
        "years": list(range(timezone.localdate().year, 2020, -1)),
        "found": found,
        "elements": _elements(found),
        "rows": rows,
        "rule_label": KIND_LABELS[found.rule.kind] if found else "",
        "chart": mark_safe(index_chart(found, title=_("Chỉ số hài lòng theo yếu tố"), index=1))
        if found
        else "",
        "units_chart": mark_safe(
            units_chart(answered, title=_("Chỉ số hài lòng của các đơn vị trực thuộc"), index=2)
        )
        if answered
        else "",
    }
    return render(request, "surveys/unit_rollup.html", context)

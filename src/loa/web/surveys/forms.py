"""Staff forms of surveys: period and formula, question wording, tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loa.scoring.sipas import KIND_LABELS, AggregationKind, parse_aggregation
from loa.surveys.models import Survey
from loa.surveys.services import MAX_TOKENS_PER_BATCH, SurveyInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KIND_CHOICES = [(kind.value, KIND_LABELS[kind]) for kind in AggregationKind]


class NewSurveyForm(forms.Form):
    title = forms.CharField(label=_("Tên phiếu khảo sát"), max_length=300)
    opens_on = forms.DateField(label=_("Bắt đầu lấy ý kiến"), widget=DATE)
    closes_on = forms.DateField(label=_("Kết thúc lấy ý kiến"), widget=DATE)


class SurveyForm(NewSurveyForm):
    aggregation_kind = forms.ChoiceField(label=_("Cách tính chỉ số"), choices=KIND_CHOICES)

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "title": survey.title,
                "opens_on": survey.opens_on,
                "closes_on": survey.closes_on,
                "aggregation_kind": parse_aggregation(survey.aggregation).kind.value,
            },
        )
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        editable = survey.status == "draft"
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=f"{question.position}. {question.get_element_display()}",
                max_length=500,
                initial=question.text,
                disabled=not editable,
            )

    def survey_input(self) -> SurveyInput:
        data = self.cleaned_data
        return SurveyInput(
            title=data["title"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            aggregation_kind=data["aggregation_kind"],
        )

    def question_texts(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q_{q.pk}"] for q in self.questions}


class TokenForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số mã cần tạo"), min_value=1, max_value=MAX_TOKENS_PER_BATCH, initial=20
    )

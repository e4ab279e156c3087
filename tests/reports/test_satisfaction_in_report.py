"""Satisfaction survey results feed the periodic report of the window they fall in."""

from __future__ import annotations

import pytest
from django.utils import timezone

from loa.accounts.choices import Role
from loa.reports.services import create_report
from loa.tracking.reporting import period_containing
from loa.units.choices import Era, Level
from tests.activities import member_of
from tests.surveys import answer_all, open_survey_of
from tests.units.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_quarterly_report_counts_the_surveys_answered_in_its_window() -> None:
    province = UnitFactory(level=Level.PROVINCE, era=Era.CURRENT)
    commune = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    neighbour = UnitFactory(level=Level.COMMUNE, era=Era.CURRENT, parent=province)
    survey = open_survey_of(commune)
    answer_all(survey, 5, device="phone-1")
    answer_all(survey, 2, device="phone-2")
    answer_all(open_survey_of(neighbour), 1, device="phone-3")
    quarter = period_containing(timezone.localdate(), "quarterly")
    editor = member_of(commune, Role.EDITOR)

    report = create_report(commune, kind="quarterly", year=quarter.year, index=quarter.index, actor=editor)

    # top-2-box: one response of two rates every element 4–5
    assert (report.figures["sipas_responses"], report.figures["sipas_overall"]) == (2, 50.0)
    assert "Khảo sát sự hài lòng: 2 phiếu, chỉ số hài lòng chung 50,0 %." in report.narrative["results"]
    staff = member_of(province, Role.EDITOR)
    rollup = create_report(province, kind="quarterly", year=quarter.year, index=quarter.index, actor=staff)
    assert rollup.figures["sipas_responses"] == 3  # the province's roll-up pools its communes

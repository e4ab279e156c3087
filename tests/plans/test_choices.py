"""The Django choices and the pure core's enums speak the same values."""

from loa.plans import choices
from loa.text import timing
from loa.text.plan_import.channels import CHANNELS
from loa.tracking.fulfilment import Status


def test_recurrence_values_match_the_timing_parser() -> None:
    assert set(choices.Recurrence.values) == {r.value for r in timing.Recurrence}


def test_reporting_periods_and_measures_match_the_timing_parser() -> None:
    assert set(choices.ReportingPeriod.values) == {p.value for p in timing.ReportingPeriod}
    assert set(choices.Measure.values) == {m.value for m in timing.Measure}


def test_channels_are_the_importers_closed_list_of_plan_json_v1() -> None:
    assert list(choices.Channel.values) == list(CHANNELS)
    assert len(CHANNELS) == 17


def test_occurrence_statuses_are_the_fulfilment_rules_statuses() -> None:
    assert set(choices.OccurrenceStatus.values) == {s.value for s in Status}

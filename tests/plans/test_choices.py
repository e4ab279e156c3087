"""The Django choices and the pure core's enums speak the same values."""

from loa.plans import choices
from loa.text import timing


def test_recurrence_values_match_the_timing_parser() -> None:
    assert set(choices.Recurrence.values) == {r.value for r in timing.Recurrence}


def test_reporting_periods_and_measures_match_the_timing_parser() -> None:
    assert set(choices.ReportingPeriod.values) == {p.value for p in timing.ReportingPeriod}
    assert set(choices.Measure.values) == {m.value for m in timing.Measure}


def test_channels_are_the_closed_list_of_plan_json_v1() -> None:
    assert set(choices.Channel.values) == {
        "radio",
        "tv",
        "portal",
        "social",
        "newspaper",
        "panel_poster",
        "leaflet",
        "conference",
        "training",
        "contest",
        "dialogue",
        "survey",
        "public_listing",
        "hotline",
        "mobile_loudspeaker",
        "meeting_integration",
        "other",
    }

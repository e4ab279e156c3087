"""Factories for plans and tasks."""

from __future__ import annotations

import factory

from loa.plans.models import Plan, Task


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    unit = factory.SubFactory("tests.units.factories.UnitFactory")
    year = 2026
    title = "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2026"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Nhiệm vụ tuyên truyền số {n}")
    timing_text = "Hàng tháng"
    recurrence = "monthly"

"""Factories for users and memberships."""

from __future__ import annotations

import factory

from loa.accounts.choices import Role
from loa.accounts.models import Membership, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    is_staff = True
    password = factory.django.Password("mat-khau-thu-nghiem")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory("tests.units.factories.UnitFactory")
    role = Role.EDITOR

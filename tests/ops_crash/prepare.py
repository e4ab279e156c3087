"""Make the database the crash tests' servers run on.

Migrates, then adds a commune, its editor (and a signed-in session of theirs) and `PLANS`
draft plans imported from the seed document LOA_CRASH_SEED through the same engine and
service as the import pages (the plans whose files the report-build test asks for). Run as ``python -m
tests.ops_crash.prepare`` with DJANGO_SETTINGS_MODULE, LOA_DATABASE_URL and LOA_CRASH_MEDIA
set (the harness does); prints what the tests need as one line of JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import django

USERNAME = "crash.editor"
PASSWORD = "crash-test-2026"
PLANS = 6


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client

    from loa.accounts.choices import Role
    from loa.accounts.models import Membership
    from loa.plans.choices import ImportStatus
    from loa.plans.importing import draft_from_imported
    from loa.plans.models import PlanImport
    from loa.plans.services import save_imported_plan
    from loa.text.plan_import import import_plan_text, read_document
    from loa.units.choices import Era, Level, UnitKind
    from loa.units.models import Unit

    call_command("migrate", verbosity=0, interactive=False)
    province = Unit.objects.create(
        era=Era.CURRENT,
        level=Level.PROVINCE,
        kind=UnitKind.PROVINCE,
        code="990001",
        name="Tỉnh Thử Sập Nguồn",
        codename="thu_sap_nguon",
        valid_from=dt.date(2025, 7, 1),
    )
    commune = Unit.objects.create(
        era=Era.CURRENT,
        level=Level.COMMUNE,
        kind=UnitKind.COMMUNE,
        code="990002",
        name="Xã Thử Sập Nguồn",
        codename="xa_thu_sap_nguon",
        parent=province,
        valid_from=dt.date(2025, 7, 1),
    )
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
    Membership.objects.create(user=user, unit=commune, role=Role.ADMIN)

    seed = Path(os.environ["LOA_CRASH_SEED"])
    data = seed.read_bytes()
    text = read_document(data, seed.name)
    draft = draft_from_imported(import_plan_text(text, source_name=seed.name, source_format="txt"))
    plans = []
    for _n in range(PLANS):
        plan_import = PlanImport(
            unit=commune,
            uploaded_by=user,
            original_name=seed.name,
            size=len(data),
            status=ImportStatus.READY,
            progress=100,
            source_text=text,
            draft=draft,
        )
        plan_import.file.save(seed.name, ContentFile(data), save=False)
        plan_import.save()
        # No number: a unit may hold only one plan of each number a year.
        plans.append(save_imported_plan(plan_import, draft={**draft, "number": ""}, actor=user).pk)
    # The editor's signed-in session, as the sign-in page would make it (the tests start from here).
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    info = {
        "unit": commune.pk,
        "username": USERNAME,
        "password": PASSWORD,
        "plans": plans,
        "session": session,
    }
    print(json.dumps(info))


if __name__ == "__main__":
    main()

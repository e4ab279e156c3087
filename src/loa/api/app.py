"""The API object: authentication, errors, and one router per area."""

from __future__ import annotations

from ninja import NinjaAPI

from . import errors
from .auth import AUTH
from .routers import activities, feedback, indices, plans, reports, surveys, units

api = NinjaAPI(
    title="Loa API",
    version="1",
    description="Kế hoạch, hoạt động, báo cáo tuyên truyền CCHC; quyền theo đơn vị như trên các trang.",
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
)
errors.install(api)
api.add_router("/units", units.router, tags=["units"])
api.add_router("/plans", plans.router, tags=["plans"])
api.add_router("/activities", activities.router, tags=["activities"])
api.add_router("/reports", reports.router, tags=["reports"])
api.add_router("/feedback", feedback.router, tags=["feedback"])
api.add_router("/surveys", surveys.router, tags=["surveys"])
api.add_router("/indices", indices.router, tags=["indices"])

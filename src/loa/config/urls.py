"""The URL map: staff pages, admin, i18n switch."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from loa.api.app import api
from loa.web import health

admin.site.site_header = _("Loa — Quản trị")
admin.site.site_title = _("Loa")
admin.site.index_title = _("Quản trị dữ liệu")

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("suc-khoe/", health.health, name="health"),
    path("api/v1/", api.urls),
    path("ke-hoach/", include("loa.web.plans.urls")),
    path("hoat-dong/", include("loa.web.activities.urls")),
    path("bao-cao/", include("loa.web.reports.urls")),
    path("cong-khai/", include("loa.portal.urls")),
    path("thu-tuc/", include("loa.web.procedures.urls")),
    path("phan-anh/", include("loa.web.feedback.urls")),
    path("khao-sat/", include("loa.web.surveys.urls")),
    path("chi-so/", include("loa.web.indices.urls")),
    path("tai-khoan/", include("loa.web.accounts.urls")),
    path("", include("loa.web.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)

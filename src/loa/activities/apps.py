from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "loa.activities"
    verbose_name = _("Hoạt động tuyên truyền")

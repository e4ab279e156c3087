from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "loa.web"
    verbose_name = _("Trang nghiệp vụ")

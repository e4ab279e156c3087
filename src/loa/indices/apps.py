from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicesConfig(AppConfig):
    name = "loa.indices"
    verbose_name = _("Chỉ số đánh giá")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "loa.accounts"
    verbose_name = _("Người dùng và phân quyền")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KleanConfig(AppConfig):
    name = "klean"
    verbose_name = _("K-LEAN")

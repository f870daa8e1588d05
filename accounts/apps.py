from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and organisations")

    # Contributions to shared machinery (klean.extensions).
    personal_data = "accounts.personal_data.account_entries"
    permission_tables = "accounts.access.permission_tables"

    def ready(self):
        from django.db.models import signals

        from accounts import signals as cache_invalidation

        cache_invalidation.connect(signals)

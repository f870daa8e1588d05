"""A person chooses their idea and action e-mails, from the account page, in Chromium."""

import pytest
from django.urls import reverse

from ideas.models import NotificationSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switch_the_weekly_digest_off_and_choose_nynorsk(ui, cast, password):
    ui.log_in(cast.employee.email, password)
    ui.visit(reverse("accounts:account"))
    ui.page.locator(f'a[href="{reverse("ideas:notifications")}"]').click()
    ui.page.wait_for_load_state()
    ui.check("idea-notifications")
    ui.page.locator("#id_weekly_digest").uncheck()
    ui.page.locator("#id_language").select_option("nn")
    ui.page.locator("form.card button[type=submit]").click()
    ui.page.wait_for_load_state()
    ui.check("idea-notifications-saved")
    row = NotificationSettings.objects.get(user=cast.employee)
    assert (row.stage_changes, row.assignments, row.weekly_digest, row.language) == (
        True,
        True,
        False,
        "nn",
    )

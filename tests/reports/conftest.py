from contextlib import contextmanager

import pytest

from projects.models import ProjectRole
from tests.factories import MembershipFactory, TeamMemberFactory


@pytest.fixture(autouse=True)
def reports_root(settings, tmp_path):
    """Each test's report files in a folder of its own, to count them."""
    settings.REPORTS_ROOT = tmp_path / "private"
    return settings.REPORTS_ROOT


def files_in(root) -> list[str]:
    """Every file under the report folder, temporary ones included."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def member(cast, project):
    """The employee on the project's team as a member: reads the reports."""
    TeamMemberFactory(project=project, user=cast.employee, role=ProjectRole.MEMBER)
    return cast.employee


@pytest.fixture
def steering(cast, project):
    """A steering group member: reads the reports, does not ask for them."""
    user = MembershipFactory(organisation=cast.organisation).user
    TeamMemberFactory(project=project, user=user, role=ProjectRole.STEERING_GROUP)
    return user


@contextmanager
def broker(url: str):
    """Publish tasks to the broker at ``url`` instead of running them in-process."""
    from klean.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def reset_pools():
        app._pool = None
        app.amqp._producer_pool = None

    def purge_memory():
        if url.startswith("memory://"):  # one in-process queue for every test
            app.control.purge()

    app.conf.broker_url, app.conf.task_always_eager = url, False
    reset_pools()
    purge_memory()
    try:
        yield app
    finally:
        purge_memory()
        app.conf.broker_url, app.conf.task_always_eager = saved
        reset_pools()

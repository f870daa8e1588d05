"""``ideas.benefits.aggregate_benefits`` sums in the database what
``ideas.benefits.benefits`` sums in Python: the dashboards' benefits are the
benefits page's, over one project or many."""

import random
from decimal import Decimal

import pytest

from ideas.benefits import aggregate_benefits, benefits, stage_totals
from ideas.models import Idea, Stage
from tests.factories import IdeaFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def amount(rng, places):
    if rng.random() < 0.3:
        return None
    return Decimal(rng.randrange(0, 10**7)).scaleb(-places)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_database_sums_agree_with_the_benefits_page_s(cast, seed):
    rng = random.Random(seed)
    projects = [ProjectFactory(organisation=cast.organisation) for _ in range(3)]
    for _ in range(60):
        IdeaFactory(
            project=rng.choice(projects),
            stage=rng.choice(Stage.values),
            expected_hours=amount(rng, 1),
            expected_nok=amount(rng, 2),
            realised_hours=amount(rng, 1),
            realised_nok=amount(rng, 2),
        )
    for project in projects:
        ideas = Idea.objects.filter(project=project)
        assert aggregate_benefits(ideas) == benefits(list(ideas))
    everything = Idea.objects.filter(project__in=projects)
    assert aggregate_benefits(everything) == benefits(list(everything))


def test_parked_and_rejected_ideas_count_for_nothing(cast):
    project = ProjectFactory(organisation=cast.organisation)
    IdeaFactory(project=project, stage=Stage.PARKED, expected_hours=10, realised_hours=5)
    IdeaFactory(project=project, stage=Stage.REJECTED, expected_nok=10)
    IdeaFactory(project=project, stage=Stage.IMPLEMENT, expected_hours=3, realised_hours=9)
    result = aggregate_benefits(Idea.objects.filter(project=project))
    assert (result.expected.hours, result.expected.nok, result.expected.ideas) == (3, 0, 1)
    assert (result.realised.hours, result.realised.ideas) == (0, 0)


def test_no_ideas_is_nothing_expected_and_nothing_realised(cast):
    result = aggregate_benefits(Idea.objects.none())
    assert result.expected.hours == result.realised.nok == 0
    assert result.expected.ftes == Decimal("0.00")


def test_the_totals_per_stage_are_one_query(cast, django_assert_num_queries):
    project = ProjectFactory(organisation=cast.organisation)
    IdeaFactory.create_batch(5, project=project, stage=Stage.DONE, realised_hours=1)
    with django_assert_num_queries(1):
        totals = stage_totals(Idea.objects.filter(project=project))
    assert totals[Stage.DONE].ideas == 5 and totals[Stage.DONE].realised_hours == 5

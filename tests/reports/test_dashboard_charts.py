"""The charts the dashboards add to klean/charts.py: images with a name and a
text alternative, no style or script, the amounts written beside their bars."""

from decimal import Decimal

import pytest

from klean.charts import amount_bars, average_line, bars, progress_bar, titled

pytestmark = pytest.mark.usefixtures("in_english")


def test_a_titled_chart_starts_with_its_title_and_keeps_its_label():
    chart = titled(bars([("A", 1)], total=1, label="A: 1"), "Ideas <per> stage")
    assert chart.startswith('<svg class="chart chart--bars"')
    head, rest = chart.split(">", 1)
    assert rest.startswith("<title>Ideas &lt;per&gt; stage</title>")
    assert 'role="img"' in head and 'aria-label="A: 1"' in head


def test_amount_bars_scale_to_the_largest_and_write_each_amount():
    chart = amount_bars(
        [("Expected", Decimal(200), "200 hours"), ("Realised", Decimal(50), "50 hours")],
        label="Expected 200, realised 50",
    )
    assert 'width="100.00%"' in chart and 'width="25.00%"' in chart
    assert "200 hours" in chart and "50 hours" in chart
    assert "style" not in chart and "<script" not in chart
    assert 'aria-label="Expected 200, realised 50"' in chart


def test_amount_bars_of_nothing_are_empty_bars():
    chart = amount_bars([("Expected", 0, "0"), ("Realised", 0, "0")], label="nothing")
    assert chart.count('width="0.00%"') == 2


def test_a_name_in_a_chart_is_escaped():
    assert "<b>" not in amount_bars([("<b>x</b>", 1, "<i>1</i>")], label="<x>")


@pytest.mark.parametrize(
    ("progress", "width"),
    [(None, "0.0"), (Decimal("-0.5"), "0.0"), (Decimal("0.5"), "50.0"), (Decimal(2), "100.0")],
)
def test_the_progress_bar_is_filled_as_far_as_the_goal_has_come(progress, width):
    chart = progress_bar(progress, label="Half way")
    assert f'class="chart__bar" x="0" y="1" width="{width}%"' in chart
    assert 'role="img" aria-label="Half way"' in chart


def test_the_average_line_leaves_a_gap_where_a_month_has_no_value():
    chart = average_line(
        [("Jan", Decimal(4)), ("Feb", None), ("Mar", Decimal(3)), ("Apr", Decimal(5))],
        low=1,
        high=5,
        label="Satisfaction",
    )
    assert chart.count('class="chart__point"') == 3
    assert chart.count("<line x1=") == 1  # Mar → Apr only
    assert ">Jan</text>" in chart and ">Apr</text>" in chart and ">Feb</text>" not in chart
    for tick in range(1, 6):
        assert f">{tick}</text>" in chart


def test_the_average_line_puts_a_higher_value_higher_up():
    chart = average_line([("A", Decimal(1)), ("B", Decimal(5))], low=1, high=5, label="x")
    points = chart.split("<circle")[1:]
    low_y = float(points[0].split('cy="')[1].split('"')[0])
    high_y = float(points[1].split('cy="')[1].split('"')[0])
    assert high_y < low_y

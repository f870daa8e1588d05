"""The goal trend chart (klean.charts): server-rendered SVG with a date axis, a
value axis, the target and the baseline labelled, filling its card."""

import re
from datetime import date
from decimal import Decimal

from django.utils import translation

from klean.charts import sparkline, trend

BASELINE = (date(2026, 1, 1), Decimal(2))
MEASURED = [(date(2026, 3, 2), Decimal("1.75")), (date(2026, 11, 26), Decimal("1.5"))]


def chart(measurements=MEASURED, **changes):
    arguments = {
        "baseline": BASELINE,
        "target": Decimal(1),
        "label": "Ventetid: fra 2 til 1,5 dager, mål 1 dager",
        "baseline_label": "Baseline 2 days",
        "target_label": "Target 1 days",
        **changes,
    }
    return trend(measurements, **arguments)


def texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_the_date_axis_shows_the_first_and_last_date_in_the_reader_s_format():
    with translation.override("nb"):
        assert {"01.01.2026", "26.11.2026"} <= set(texts(chart()))
    with translation.override("en"):
        assert {"1 Jan 2026", "26 Nov 2026"} <= set(texts(chart()))


def test_every_measurement_has_a_tick_on_the_date_axis():
    assert chart().count('class="chart__tick"') == 3  # the baseline and two measurements


def test_the_value_axis_has_a_few_ticks_in_the_reader_s_number_format():
    with translation.override("nb"):
        labels = texts(chart())
        assert {"1", "1,25", "1,5", "1,75", "2"} <= set(labels)
    with translation.override("en"):
        assert {"1.25", "1.75"} <= set(texts(chart()))


def test_the_target_line_and_the_baseline_are_labelled_and_marked():
    svg = chart()
    assert "Target 1 days" in texts(svg) and "Baseline 2 days" in texts(svg)
    assert 'class="chart__target"' in svg and 'class="chart__baseline"' in svg
    assert svg.count('class="chart__baseline-point"') == 1
    assert svg.count('class="chart__point"') == 2


def test_the_chart_fills_its_card_and_keeps_its_text_readable():
    """Percent positions on a fixed height: the chart is as wide as its card and
    text keeps its size (a viewBox would shrink it to nothing on a phone)."""
    opening = re.match(r"<svg [^>]*>", chart()).group(0)
    assert 'width="100%"' in opening and 'height="' in opening
    assert "viewBox" not in opening


def test_the_chart_is_an_image_with_a_text_alternative_and_no_style_or_script():
    svg = chart(label="Ventetid <b>& mer</b>")
    assert 'role="img"' in svg
    assert 'aria-label="Ventetid &lt;b&gt;&amp; mer&lt;/b&gt;"' in svg
    assert "style=" not in svg and "<script" not in svg


def test_before_any_measurement_the_chart_shows_the_baseline_alone():
    with translation.override("nb"):
        svg = chart([])
    assert texts(svg).count("01.01.2026") == 1
    assert svg.count('class="chart__baseline-point"') == 1
    assert 'class="chart__point"' not in svg


def test_the_sparkline_stays_small_and_keeps_a_text_alternative():
    svg = sparkline(MEASURED, baseline=BASELINE, target=Decimal(1), label="Ventetid")
    opening = re.match(r"<svg [^>]*>", svg).group(0)
    assert 'width="160"' in opening and 'role="img"' in opening
    assert 'aria-label="Ventetid"' in opening
    assert "style=" not in svg

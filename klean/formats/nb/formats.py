"""Norsk bokmål: 26.11.2026 and 26.11.2026 14:05; 1 200,5."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 26.11.2026, also 1.2.2026
    "%d.%m.%y",  # 26.11.26
    "%Y-%m-%d",  # 2026-11-26
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

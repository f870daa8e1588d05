"""English as written in Norway: 26 November 2026, 26 Nov 2026 14:05; 1,200.5.

Dates typed by hand are day first (26.11.2026 or 26/11/2026), never the
American month first.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # 26.11.2026
    "%d.%m.%y",  # 26.11.26
    "%d/%m/%Y",  # 26/11/2026
    "%Y-%m-%d",  # 2026-11-26
    "%d %B %Y",  # 26 November 2026
    "%d %b %Y",  # 26 Nov 2026
]
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

"""Date and number formats per language (settings.FORMAT_MODULE_PATH).

Only what differs from Django's own locale formats is here: dates read
26.11.2026 in bokmål and nynorsk (Django's default spells the month, "26.
november 2026", which reads oddly in tables) and "26 November 2026" in
English (not the American "Nov. 26, 2026"). Date fields take a date typed by
hand as day.month.year – the first input format is also how a date field
shows its value – and ISO 2026-11-26, as browsers and scripts send it.
"""

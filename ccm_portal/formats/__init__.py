"""Dates and times as the United Nations writes them in each interface language
(FORMAT_MODULE_PATH): "20 February 2026, 10:00", "20 février 2026, 10 h 00",
"20 de febrero de 2026, 10:00". Templates and code name the format ("DATE_FORMAT",
"DATETIME_FORMAT", "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT"), never a pattern, so each language
gets its own; whatever a module here leaves out (input formats, separators) is Django's."""

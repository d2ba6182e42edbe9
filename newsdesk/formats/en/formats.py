"""The desk's dates and times: day first, 24-hour, as the newsroom writes them
("4 Jan 2025", "26 Nov 2026, 06:51"), wherever Django shows a date without being
told a format (admin columns and read-only fields, messages). English's own formats
("Jan. 4, 2025", "6:51 a.m.") remain for what is not set here. Reader pages name
their formats in the templates."""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"

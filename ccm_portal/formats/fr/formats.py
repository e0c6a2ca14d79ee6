# Le français des Nations Unies : « 20 février 2026, 10 h 00 ».
DATE_FORMAT = "j F Y"
TIME_FORMAT = r"G \h i"
DATETIME_FORMAT = r"j F Y, G \h i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = r"d/m/Y G \h i"
FIRST_DAY_OF_WEEK = 1

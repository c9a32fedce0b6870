# Dates written out in full in English sentences: "June 19, 2024", not Django's default "June 19, 2024." abbreviations.
DATE_FORMAT = "F j, Y"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"

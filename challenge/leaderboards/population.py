"""Population figures shipped as data, for the per-capita view (source and year in the CSV header)."""

import csv
from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l

SOURCE_FILE = Path(__file__).with_name("population.csv")
SOURCE = _l("World Bank, World Development Indicators: Population, total (SP.POP.TOTL)")
SOURCE_URL = "https://data.worldbank.org/indicator/SP.POP.TOTL"
YEAR = 2019


@cache
def populations() -> dict[str, int]:
    with SOURCE_FILE.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return {row["country"]: int(row["population"]) for row in csv.DictReader(lines)}


def per_100k(value: int, country: str) -> float | None:
    population = populations().get(country)
    return None if not population else value * 100_000 / population

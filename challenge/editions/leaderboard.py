"""One edition's leaderboards: its countries and organisations, by participants, with their
completion rate, read from the edition tallies (tallies.py) and held back below the privacy
threshold with complementary suppression (participation/public.py), so that the edition's total
minus the groups shown never isolates a few people, for participants or for completions."""

from dataclasses import asdict, dataclass, field

from sqlalchemy import or_, select

from challenge.editions.tallies import (
    COMPLETIONS,
    PARTICIPANTS,
    country_scope,
    edition_scope,
    organisation_scope,
)
from challenge.extensions import db
from challenge.moderation.names import public_organisation_columns
from challenge.participation.models import Tally
from challenge.participation.organisations import Organisation
from challenge.participation.public import suppress


@dataclass
class Group:
    key: str  # a country code, or an organisation's slug
    name: str | None  # an organisation's approved name; countries are named when shown
    participants: int
    completions: int | None  # None: held back (fewer than the threshold, or derivable)

    @property
    def rate(self) -> int | None:
        if self.completions is None or not self.participants:
            return None
        return round(100 * self.completions / self.participants)


@dataclass
class Standings:
    participants: int | None
    completions: int | None
    countries: list[Group] = field(default_factory=list)
    organisations: list[Group] = field(default_factory=list)
    other_countries: int = 0  # people in the countries held back, together (0 or >= k)
    other_organisations: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Standings":
        return cls(
            participants=data["participants"],
            completions=data["completions"],
            countries=[Group(**group) for group in data["countries"]],
            organisations=[Group(**group) for group in data["organisations"]],
            other_countries=data["other_countries"],
            other_organisations=data["other_organisations"],
        )

    @property
    def is_empty(self) -> bool:
        return not self.countries and not self.organisations


def _figures(item_id: int) -> dict[tuple[str, str], int]:
    rows = db.session.execute(
        select(Tally.metric, Tally.scope, Tally.value).where(
            Tally.metric.in_([PARTICIPANTS, COMPLETIONS]),
            or_(
                Tally.scope == edition_scope(item_id),
                Tally.scope.like(country_scope(item_id, "%")),
                Tally.scope.like(organisation_scope(item_id, 0).replace(":0:", ":%:")),
            ),
        )
    )
    return {(metric, scope): value for metric, scope, value in rows}


def _organisation_names(ids: list[int]) -> dict[int, tuple[str, str]]:
    """Verified organisations whose names moderators approved: {id: (name, slug)}."""
    if not ids:
        return {}
    name, slug = public_organisation_columns()
    rows = db.session.execute(
        select(Organisation.id, name, slug).where(
            Organisation.id.in_(ids), Organisation.verified_at.is_not(None)
        )
    )
    return {id_: (name, slug) for id_, name, slug in rows if name is not None}


def _ranked(
    groups: list[Group], participants: int, completions: int, k: int
) -> tuple[list[Group], int]:
    kept = suppress(groups, lambda group: group.participants, participants, k)
    shown = sorted(kept.shown, key=lambda group: (-group.participants, group.key))
    # Completions are people too: a shown group's figure must not single out a few finishers,
    # directly or by difference from the edition's total.
    counted = suppress(shown, lambda group: group.completions or 0, completions, k)
    for group in counted.hidden:
        group.completions = None
    return shown, kept.other_people


def standings(item_id: int, k: int) -> Standings:
    """The edition's figures now, as the public may see them."""
    figures = _figures(item_id)
    everyone = figures.get((PARTICIPANTS, edition_scope(item_id)), 0)
    finished = figures.get((COMPLETIONS, edition_scope(item_id)), 0)
    country_prefix = country_scope(item_id, "")
    countries = [
        Group(
            scope.removeprefix(country_prefix),
            None,
            value,
            figures.get((COMPLETIONS, scope), 0),
        )
        for (metric, scope), value in figures.items()
        if metric == PARTICIPANTS and scope.startswith(country_prefix) and value > 0
    ]
    by_organisation = {
        int(scope.split(":")[1]): (value, figures.get((COMPLETIONS, scope), 0))
        for (metric, scope), value in figures.items()
        if metric == PARTICIPANTS and scope.startswith("org:") and value > 0
    }
    names = _organisation_names(sorted(by_organisation))
    organisations = [
        Group(names[id_][1], names[id_][0], people, done)
        for id_, (people, done) in by_organisation.items()
        if id_ in names
    ]
    shown_countries, other_countries = _ranked(countries, everyone, finished, k)
    shown_organisations, other_organisations = _ranked(organisations, everyone, finished, k)
    return Standings(
        participants=everyone if everyone >= k else None,
        completions=finished if finished >= k else None,
        countries=shown_countries,
        organisations=shown_organisations,
        other_countries=other_countries,
        other_organisations=other_organisations,
    )

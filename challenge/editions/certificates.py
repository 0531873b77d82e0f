"""Finishing an edition earns a certificate: editions describe themselves to the certificates
service and issue one in the transaction of the check-in that finished the edition."""

from flask import url_for

from challenge.certificates import operations as certificate_operations
from challenge.certificates import queries as certificate_queries
from challenge.certificates.registry import Subject, subject
from challenge.editions import queries, rules, standing
from challenge.editions.hooks import on_completed

KIND = "edition"


@subject(KIND)
def describe(slug: str, locale: str) -> Subject | None:
    entry = queries.edition(slug, locale)
    if entry is None:
        return None
    summary = entry.shown.summary or entry.theme
    return Subject(
        title=entry.title,
        summary=summary,
        url=url_for("editions.edition", locale=locale, slug=slug),
    )


@on_completed
def issue_certificate(participant, completion: standing.Completion) -> None:
    """The certificate states the date the participant finished, in their window's time zone."""
    entry = queries.edition(completion.edition_slug, participant.locale or "en")
    if entry is None:
        return
    window = rules.window_for(entry.plan, queries.participant_country(participant))
    certificate_operations.issue(
        participant,
        KIND,
        completion.edition_slug,
        completion.local_date(window),
        locale=participant.locale or "en",
    )


def certificate_of(participant, slug: str):
    """The participant's certificate for this edition, if they finished it."""
    return certificate_queries.held_by(participant, KIND, slug)

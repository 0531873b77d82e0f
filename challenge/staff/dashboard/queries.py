"""The campaign dashboard's figures, all read from tallies kept at write time: totals, days,
countries and lessons from the participation tallies, the quiz questions answered wrong from the
answer tallies (challenge/quizzes/answer_tallies.py). No query here grows with the attempts."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import case, func, select

from challenge.clock import utcnow
from challenge.content.queries import Shown, published_items
from challenge.extensions import db
from challenge.lessons.operations import lesson_scope
from challenge.participation import tallies
from challenge.participation.models import DailyTally, Tally
from challenge.participation.organisations import Organisation
from challenge.quizzes.answer_tallies import chosen, stored
from challenge.quizzes.scoring import questions_of

DAYS = 30
TOTAL_METRICS = ("participants", "pledges", "lessons", "quiz_attempts", "quiz_passes")
DAILY_METRICS = ("participants", "pledges", "lessons", "quiz_passes")
COUNTRY_SCOPE = "country:"


@dataclass(frozen=True)
class Totals:
    participants: int
    pledges: int
    lessons: int
    quiz_attempts: int
    quiz_passes: int
    organisations: int
    verified_organisations: int


@dataclass(frozen=True)
class Day:
    day: dt.date
    participants: int  # who first took part that day
    pledges: int
    lessons: int
    quiz_passes: int


@dataclass(frozen=True)
class CountryFigures:
    country: str
    participants: int
    pledges: int
    lessons: int
    quiz_passes: int


@dataclass(frozen=True)
class LessonReads:
    lesson: Shown
    all_time: int
    recent: int  # in the last DAYS days


@dataclass(frozen=True)
class QuestionMisses:
    quiz: Shown
    number: int
    question_id: str
    title: Markup  # in the staff member's language (or the source's, untranslated)
    attempts: int
    wrong: int

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.attempts if self.attempts else 0.0


def window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or utcnow().date()
    return today - dt.timedelta(days=DAYS - 1), today


def totals() -> Totals:
    values = dict(
        db.session.execute(
            select(Tally.metric, Tally.value).where(
                Tally.scope == "all", Tally.metric.in_(TOTAL_METRICS)
            )
        ).all()
    )
    organisations, verified = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Organisation.verified_at.is_not(None), 1), else_=0)), 0),
        ).select_from(Organisation)
    ).one()
    return Totals(
        **{metric: int(values.get(metric, 0)) for metric in TOTAL_METRICS},
        organisations=int(organisations),
        verified_organisations=int(verified),
    )


def daily(country: str | None = None, today: dt.date | None = None) -> list[Day]:
    """The last DAYS days, everywhere or in one country: one query on the daily tallies."""
    start, end = window(today)
    scope = f"{COUNTRY_SCOPE}{country}" if country else "all"
    values = {
        (metric, day): value
        for metric, day, value in db.session.execute(
            select(DailyTally.metric, DailyTally.day, DailyTally.value).where(
                DailyTally.scope == scope,
                DailyTally.metric.in_(DAILY_METRICS),
                DailyTally.day.between(start, end),
            )
        )
    }
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    return [
        Day(day, *(int(values.get((metric, day), 0)) for metric in DAILY_METRICS)) for day in days
    ]


def countries(today: dt.date | None = None) -> list[CountryFigures]:
    """Every country with activity in the last DAYS days, most new participants first."""
    start, end = window(today)
    figures: dict[str, dict[str, int]] = defaultdict(dict)
    rows = db.session.execute(
        select(DailyTally.metric, DailyTally.scope, func.sum(DailyTally.value))
        .where(
            DailyTally.metric.in_(DAILY_METRICS),
            # "country:IN" exactly, never "pledge:3:country:IN"
            DailyTally.scope.like(COUNTRY_SCOPE + "__"),
            DailyTally.day.between(start, end),
        )
        .group_by(DailyTally.metric, DailyTally.scope)
    )
    for metric, scope, value in rows:
        figures[scope[len(COUNTRY_SCOPE) :]][metric] = int(value or 0)
    found = [
        CountryFigures(code, *(values.get(metric, 0) for metric in DAILY_METRICS))
        for code, values in figures.items()
        if any(values.values())
    ]
    return sorted(found, key=lambda row: (-row.participants, -row.pledges, row.country))


def most_read_lessons(locale: str, today: dt.date | None = None) -> list[LessonReads]:
    start, end = window(today)
    lessons = published_items("lesson", locale)
    scopes = [lesson_scope(lesson.item.id) for lesson in lessons]
    all_time = tallies.read("lessons", scopes)
    recent = dict(
        db.session.execute(
            select(DailyTally.scope, func.sum(DailyTally.value))
            .where(
                DailyTally.metric == "lessons",
                DailyTally.scope.in_(scopes),
                DailyTally.day.between(start, end),
            )
            .group_by(DailyTally.scope)
        ).all()
    )
    reads = [
        LessonReads(lesson, all_time[scope], int(recent.get(scope) or 0))
        for lesson, scope in zip(lessons, scopes, strict=True)
    ]
    return sorted(reads, key=lambda row: (-row.all_time, -row.recent, row.lesson.item.position))


def answer_counts() -> list[tuple[int, str, str, int]]:
    """(quiz item id, question id, the options chosen, attempts): the answer tallies, kept at
    write time (challenge/quizzes/answer_tallies.py), a few rows per question."""
    return [(item, question, answer, int(n)) for (item, question, answer), n in stored().items()]


def wrong_answers(locale: str) -> list[QuestionMisses]:
    """Per quiz and question: attempts and wrong answers (not exactly the right options, as scored,
    against the quiz as published now), most often wrong first. The loop below runs over distinct
    answers, not over attempts."""
    quizzes = {quiz.item.id: quiz for quiz in published_items("quiz", locale)}
    questions = {
        item_id: {question.id: question for question in questions_of(quiz.data, locale)}
        for item_id, quiz in quizzes.items()
    }
    attempts: dict[tuple[int, str], int] = defaultdict(int)
    wrong: dict[tuple[int, str], int] = defaultdict(int)
    for item_id, question_id, answer, count in answer_counts():
        question = questions.get(item_id, {}).get(question_id)
        if question is None:  # an archived quiz, or a question since removed
            continue
        attempts[(item_id, question_id)] += count
        if chosen(answer) != question.correct:
            wrong[(item_id, question_id)] += count
    rows = []
    for (item_id, question_id), count in attempts.items():
        question = questions[item_id][question_id]
        rows.append(
            QuestionMisses(
                quiz=quizzes[item_id],
                number=question.number,
                question_id=question_id,
                title=question.title,
                attempts=count,
                wrong=wrong[(item_id, question_id)],
            )
        )
    return sorted(rows, key=lambda row: (-row.wrong, -row.wrong_rate, row.quiz.slug, row.number))

from flask import abort, redirect, render_template, request, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from challenge import ratelimits
from challenge.caching import public_page
from challenge.cards import card_response, card_url
from challenge.content.queries import published_item
from challenge.extensions import csrf
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant
from challenge.quizzes import attempts, bp
from challenge.quizzes.forms import QuizForm
from challenge.quizzes.operations import AlreadySubmitted, record_attempt
from challenge.quizzes.queries import attempt_by_nonce, attempt_of, quiz_list, quiz_page, statuses
from challenge.quizzes.scoring import Tampered, questions_of, read_answers, score
from challenge.quizzes.shared import read_token, share_token


def find_quiz(slug: str):
    quiz = quiz_page(slug, current_locale())
    if quiz is None:
        abort(404)
    return quiz


def shown_questions(quiz, nonce: str | None):
    seed = nonce if quiz.data.get("shuffle") else None
    return questions_of(quiz.data, current_locale(), shuffle_seed=seed)


def card_text(quiz) -> dict:
    return {"heading": _("Quiz"), "title": quiz.title, "locale": quiz.locale}


def shared_card_text(quiz, shared) -> dict:
    figures = {"score": format_number(shared.score), "total": format_number(shared.max_score)}
    if shared.passed:
        heading = _("Quiz passed: %(score)s out of %(total)s", **figures)
    else:
        heading = _("Quiz score: %(score)s out of %(total)s", **figures)
    return {"heading": heading, "title": quiz.title, "locale": quiz.locale}


def shared_line(shared) -> str:
    figures = {"score": format_number(shared.score), "total": format_number(shared.max_score)}
    if shared.passed:
        return _("Someone passed this quiz with %(score)s out of %(total)s. Can you?", **figures)
    return _("Someone scored %(score)s out of %(total)s on this quiz. Try it yourself.", **figures)


def find_shared(slug: str, token: str):
    quiz = find_quiz(slug)
    shared = read_token(slug, token)
    if shared is None:
        abort(404)
    return quiz, shared


def render_quiz(quiz, form, nonce, *, chosen=None, missing=(), status=200):
    lesson_slug = quiz.item.data.get("lesson")
    form.attempt.data = nonce
    return render_template(
        "quizzes/quiz.html",
        quiz=quiz,
        form=form,
        questions=shown_questions(quiz, nonce),
        chosen=chosen or {},
        missing=list(missing),
        lesson=published_item("lesson", lesson_slug, current_locale()) if lesson_slug else None,
        status=statuses(current_participant()).get(quiz.item.id),
        card_image=card_url("quizzes.card", card_text(quiz), slug=quiz.slug),
    ), status


def refuse(quiz, message, status=400):
    return render_template("quizzes/refused.html", quiz=quiz, message=message), status


@bp.get("/")
@public_page
def index():
    return render_template(
        "quizzes/index.html",
        quizzes=quiz_list(current_locale()),
        statuses=statuses(current_participant()),
    )


@bp.get("/<slug>")
def quiz(slug: str):
    quiz = find_quiz(slug)
    form = QuizForm().for_participant(current_participant())
    return render_quiz(quiz, form, attempts.start(slug))


@bp.get("/<slug>/card.png")
def card(slug: str):
    """The quiz's share card (challenge/cards), for its page's Open Graph tags."""
    return card_response(**card_text(find_quiz(slug)))


@bp.post("/<slug>")
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@ratelimits.writes()
@ratelimits.participation()
def submit(slug: str):
    quiz = find_quiz(slug)
    participant = current_participant()
    form = QuizForm().for_participant(participant)
    nonce = form.attempt.data or ""
    used = attempt_by_nonce(nonce) if nonce else None
    if used is not None:
        owned = participant is not None and used.participant_id == participant.id
        return render_template(
            "quizzes/already.html", quiz=quiz, attempt=used if owned else None
        ), 409
    questions = shown_questions(quiz, nonce)
    try:
        answers, missing = read_answers(questions, request.form)
    except Tampered as refused:
        return refuse(quiz, str(refused))
    if not attempts.is_open(slug, nonce):
        # Not a form this browser was given: start a fresh attempt, keeping the answers.
        form.form_errors.append(
            _l(
                "This quiz form has expired or was opened elsewhere. Check your answers and send them again."
            )
        )
        return render_quiz(quiz, form, attempts.start(slug), chosen=answers, status=400)
    form_ok = form.validate()
    if missing or not form_ok:
        return render_quiz(quiz, form, nonce, chosen=answers, missing=missing, status=400)
    result = score(questions, answers, quiz.item.data.get("pass_mark", 70))
    try:
        attempt = record_attempt(
            quiz.item,
            nonce=nonce,
            answers=answers,
            result=result,
            country=form.country.data if form.country else None,
            locale=current_locale(),
        )
    except AlreadySubmitted:
        return render_template("quizzes/already.html", quiz=quiz, attempt=None), 409
    attempts.close(slug, nonce)
    return redirect(url_for("quizzes.result", slug=slug, attempt_id=attempt.id))


@bp.get("/<slug>/attempts/<int(max=2147483647):attempt_id>")
def result(slug: str, attempt_id: int):
    quiz = find_quiz(slug)
    attempt = attempt_of(current_participant(), attempt_id, quiz.item.id)
    if attempt is None:
        abort(404)
    lesson_slug = quiz.item.data.get("lesson")
    return render_template(
        "quizzes/result.html",
        quiz=quiz,
        attempt=attempt,
        questions=questions_of(quiz.data, current_locale()),
        lesson=published_item("lesson", lesson_slug, current_locale()) if lesson_slug else None,
        shared_token=share_token(
            slug, score=attempt.score, max_score=attempt.max_score, passed=attempt.passed
        ),
    )


@bp.get("/<slug>/shared/<token>")
@public_page
def shared(slug: str, token: str):
    """A result as others see it when it is shared: the score, the quiz, and nobody's name."""
    quiz, result = find_shared(slug, token)
    return render_template(
        "quizzes/shared.html",
        quiz=quiz,
        result=result,
        line=shared_line(result),
        token=token,
        card_image=card_url(
            "quizzes.shared_card", shared_card_text(quiz, result), slug=slug, token=token
        ),
    )


@bp.get("/<slug>/shared/<token>/card.png")
def shared_card(slug: str, token: str):
    quiz, result = find_shared(slug, token)
    return card_response(**shared_card_text(quiz, result))

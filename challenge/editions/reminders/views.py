from flask import abort, render_template, request
from flask_login import current_user

from challenge import ratelimits
from challenge.accounts import consents
from challenge.clock import utcnow
from challenge.editions import bp, rules
from challenge.editions.forms import CheckInForm
from challenge.editions.reminders import operations, tokens
from challenge.editions.reminders.forms import ReminderForm
from challenge.editions.views import edition_or_404, render_edition
from challenge.extensions import csrf, db
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant


@bp.post("/<slug>/reminders")
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@ratelimits.writes()
def ask_for_reminders(slug: str):
    entry = edition_or_404(slug)
    participant = current_participant()
    form = ReminderForm()
    if not form.validate_on_submit():
        check_in = CheckInForm(formdata=None).for_participant(participant)
        return render_edition(entry, check_in, status=400, reminder_form=form)
    if form.needs_guardian():
        # Nothing is kept, not even the age band: the edition works without reminders.
        return render_template("editions/reminders/refused.html", edition=entry)
    country = form.country.data  # where the person lives sets the window
    window = rules.window_for(entry.plan, country)
    if rules.phase(window, rules.local_date(window, utcnow())) != rules.ENDED:
        operations.subscribe(entry.item_id, form.email.data, current_locale(), country)
        if current_user.is_authenticated and form.email.data == current_user.email:
            consents.give(current_user.id, consents.REMINDERS)  # withdrawn on the account page
        db.session.commit()
    # The same answer whether the address was new, waiting or confirmed: nothing to enumerate.
    return render_template("editions/reminders/asked.html", edition=entry)


@bp.route("/reminders/confirm/<token>", methods=["GET", "POST"])
@csrf.exempt  # the signed link is the credential; challenge/cross_origin.py still applies
@ratelimits.writes()
def confirm_reminders(token: str):
    """GET shows a button (so a link scanner confirms nothing); POST confirms."""
    payload = tokens.read("confirm", token, max_age=tokens.CONFIRM_MAX_AGE)
    if payload is None:
        abort(404)
    if request.method == "GET":
        return render_template("editions/reminders/confirm.html", done=False)
    if not operations.confirm(payload["id"], str(payload.get("nonce", ""))):
        abort(404)
    db.session.commit()
    return render_template("editions/reminders/confirm.html", done=True)


@bp.route("/reminders/stop/<token>", methods=["GET", "POST"])
# Exempt from Flask-WTF's token check, on purpose and only here: RFC 8058's one-click POST comes
# from the recipient's mail provider, with no cookie, session or form token, and must work. The
# signed link is the credential, it can only unsubscribe, and cross_origin.py still refuses a
# browser's cross-site POST.
@csrf.exempt
@ratelimits.writes()
def unsubscribe_reminders(token: str):
    payload = tokens.read("unsubscribe", token)
    if payload is None:
        abort(404)
    if request.method == "GET":
        return render_template("editions/reminders/unsubscribe.html", done=False)
    operations.unsubscribe(payload["id"])
    db.session.commit()
    return render_template("editions/reminders/unsubscribe.html", done=True)

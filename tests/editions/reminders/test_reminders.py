"""Daily reminders: double opt-in through the real queue and a real SMTP server, one message per
subscriber and day with RFC 8058 headers, one-click unsubscribe, and the purge after the edition."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from sqlalchemy import func, select

from challenge.accounts.models import Consent
from challenge.accounts.operations import hash_password
from challenge.editions.reminders.models import EditionReminder
from challenge.extensions import db
from tests.factories import form_token, submit
from tests.support.accounts import ADULT
from tests.support.editions import BEFORE, EDITION, sync_fixture
from tests.support.factories import AccountFactory
from tests.support.jobs import queued_settings, run_periodic, work

ASK = "/en/editions/test-week/reminders"
ADDRESS = "reader@example.com"
PASSWORD = "a long enough passphrase"
# Tokyo's window, 4-6 March 2024: 09:00 there on day 1 is midnight UTC.
DAY_1_MORNING = dt.datetime(2024, 3, 4, 1, 0)  # 10:00 in Tokyo
DAY_1_EARLY = dt.datetime(2024, 3, 3, 22, 0)  # 07:00 in Tokyo: too early
DAY_2_MORNING = dt.datetime(2024, 3, 5, 1, 0)
AFTER_END = dt.datetime(2024, 3, 7, 1, 41)  # the purge runs at minute 41


@pytest.fixture
def mail_app(make_app, mail_server, tmp_path):
    app = make_app(**mail_server.settings, **queued_settings(tmp_path))
    sync_fixture(app)
    return app


def link_in(message, path: str) -> str:
    text = message.get_body(("plain",)).get_content()
    (link,) = re.findall(rf"https?://\S*{re.escape(path)}\S*", text)
    return urlsplit(link).path


def reminders(app) -> list[EditionReminder]:
    with app.app_context():
        found = list(db.session.scalars(select(EditionReminder)))
        db.session.expunge_all()
        return found


def ask(app, email=ADDRESS, **extra):
    with time_machine.travel(BEFORE, tick=False):
        return app.test_client().post(ASK, data={**ADULT, "email": email, **extra})


def subscribe_and_confirm(app, mailbox) -> None:
    assert ask(app).status_code == 200
    work(app)
    (confirmation,) = mailbox.wait_for(1)
    assert confirmation["To"] == ADDRESS
    link = link_in(confirmation, "/reminders/confirm/")
    client = app.test_client()
    assert client.get(link).status_code == 200
    assert reminders(app)[0].confirmed_at is None  # a GET (a link scanner) confirms nothing
    assert client.post(link).status_code == 200
    assert reminders(app)[0].confirmed_at is not None
    mailbox.clear()


def test_the_edition_page_offers_the_form(edition_app):
    with time_machine.travel(BEFORE, tick=False):
        page = edition_app.test_client().get(EDITION).text
    assert f'action="{ASK}"' in page and 'name="email"' in page and 'name="homepage"' in page


def test_opt_in_then_confirm_then_one_reminder_a_day_with_one_click_headers(mail_app, mail_server):
    mailbox = mail_server.mailbox
    subscribe_and_confirm(mail_app, mailbox)

    assert run_periodic(mail_app, "edition-reminders", DAY_1_EARLY) == "0 queued"
    assert run_periodic(mail_app, "edition-reminders", DAY_1_MORNING) == "1 queued"
    later = DAY_1_MORNING + dt.timedelta(minutes=15)  # the next run, the same local day
    assert run_periodic(mail_app, "edition-reminders", later) == "0 queued"
    work(mail_app)
    (reminder,) = mailbox.wait_for(1)
    assert reminder["To"] == ADDRESS and "Day 1" in reminder["Subject"]
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = reminder["List-Unsubscribe"].strip()  # a long header is folded (RFC 5322)
    assert header.startswith("<http") and "/reminders/stop/" in header and header.endswith(">")
    text = reminder.get_body(("plain",)).get_content()
    assert header[1:-1] in text and "/en/editions/test-week" in text

    assert run_periodic(mail_app, "edition-reminders", DAY_2_MORNING) == "1 queued"
    work(mail_app)
    assert len(mailbox.wait_for(2)) == 2 and "Day 2" in mailbox.messages[1]["Subject"]


def test_an_unconfirmed_address_gets_nothing_but_its_confirmation(mail_app, mail_server):
    assert ask(mail_app).status_code == 200
    assert ask(mail_app, email="other@example.com").status_code == 200
    work(mail_app)
    assert len(mail_server.mailbox.wait_for(2)) == 2
    mail_server.mailbox.clear()
    assert run_periodic(mail_app, "edition-reminders", DAY_1_MORNING) == "0 queued"
    work(mail_app)
    assert mail_server.mailbox.wait_for(1, timeout=1) == []


def test_one_click_post_without_cookies_unsubscribes_at_once(mail_app, mail_server):
    mailbox = mail_server.mailbox
    subscribe_and_confirm(mail_app, mailbox)
    assert run_periodic(mail_app, "edition-reminders", DAY_1_MORNING) == "1 queued"
    work(mail_app)
    (reminder,) = mailbox.wait_for(1)
    stop = urlsplit(reminder["List-Unsubscribe"].strip()[1:-1]).path
    mailbox.clear()

    fresh = mail_app.test_client(use_cookies=False)
    assert "<button" in fresh.get(stop).text and reminders(mail_app)  # GET only asks
    response = fresh.post(stop, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert reminders(mail_app) == []
    assert run_periodic(mail_app, "edition-reminders", DAY_2_MORNING) == "0 queued"
    work(mail_app)
    assert mailbox.wait_for(1, timeout=1) == []
    assert fresh.post(stop[:-3] + "xyz").status_code == 404  # a forged link does nothing


def test_addresses_are_purged_once_the_edition_has_ended(mail_app, mail_server):
    subscribe_and_confirm(mail_app, mail_server.mailbox)
    assert (
        run_periodic(mail_app, "purge-edition-reminders", DAY_2_MORNING.replace(minute=41))
        == "0 deleted"
    )
    assert len(reminders(mail_app)) == 1
    assert run_periodic(mail_app, "purge-edition-reminders", AFTER_END) == "1 deleted"
    with mail_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(EditionReminder)) == 0


def test_a_bad_address_or_a_filled_honeypot_stores_nothing(mail_app):
    assert ask(mail_app, email="not an address").status_code == 400
    assert ask(mail_app, homepage="http://spam.example").status_code == 400
    assert reminders(mail_app) == []


def test_the_confirmation_and_the_reminder_come_in_the_language_of_the_page(mail_app, mail_server):
    mailbox = mail_server.mailbox
    with time_machine.travel(BEFORE, tick=False):
        sent = mail_app.test_client().post(
            "/ja/editions/test-week/reminders", data={**ADULT, "email": ADDRESS}
        )
    assert sent.status_code == 200 and 'lang="ja"' in sent.text
    work(mail_app)
    (confirmation,) = mailbox.wait_for(1)
    assert confirmation["Subject"] == "毎日のリマインダーを確認する"
    link = link_in(confirmation, "/reminders/confirm/")
    assert link.startswith("/ja/") and mail_app.test_client().post(link).status_code == 200
    mailbox.clear()
    assert run_periodic(mail_app, "edition-reminders", DAY_1_MORNING) == "1 queued"
    work(mail_app)
    (reminder,) = mailbox.wait_for(1)
    assert "1日目" in reminder["Subject"]
    assert "今日のアクション" in reminder.get_body(("plain",)).get_content()


def test_an_account_holder_withdraws_the_reminders_consent_and_they_stop(mail_app, mail_server):
    mailbox = mail_server.mailbox
    with mail_app.app_context():
        account = AccountFactory(email=ADDRESS, password_hash=hash_password(PASSWORD))
        account_id = account.id
    client = mail_app.test_client()
    # All in the edition's time: a session cookie signed in the future would not be read.
    with time_machine.travel(BEFORE, tick=False):
        logged_in = submit(client, "/en/account/login", {"email": ADDRESS, "password": PASSWORD})
        assert logged_in.status_code == 302
        assert submit(client, ASK, {**ADULT, "email": ADDRESS}, page=EDITION).status_code == 200
        work(mail_app)
        (confirmation,) = mailbox.wait_for(1)
        assert client.post(link_in(confirmation, "/reminders/confirm/")).status_code == 200
        assert run_periodic(mail_app, "edition-reminders", DAY_1_MORNING) == "1 queued"

        page = client.get("/en/account/").text
        assert "Daily reminders by email during an edition" in page
        (path,) = re.findall(r'action="(/en/account/consents/\d+/withdraw)"', page)
        assert client.post(path, data=form_token(page)).status_code == 302
    assert reminders(mail_app) == []  # at once, not at the next purge
    mailbox.clear()
    work(mail_app)  # the reminder queued before the withdrawal
    assert mailbox.wait_for(1, timeout=1) == []
    with mail_app.app_context():
        consent = db.session.scalar(select(Consent).where(Consent.account_id == account_id))
        assert consent.purpose == "reminders" and consent.withdrawn_at is not None


def test_below_the_countrys_threshold_no_address_is_kept(mail_app):
    for country, band in (("IN", "16-17"), ("US", "under-13"), ("AU", "16-17"), ("JP", "13-15")):
        answer = ask(mail_app, age_band=band, country=country)
        assert answer.status_code == 200
        assert "You can follow the edition without reminders" in answer.text
        assert ADDRESS not in answer.text
    assert reminders(mail_app) == []
    assert work(mail_app) == 0  # no confirmation queued


def test_the_age_question_comes_first_and_is_neutral(edition_app):
    with time_machine.travel(BEFORE, tick=False):
        page = edition_app.test_client().get(EDITION).text
        unanswered = edition_app.test_client().post(ASK, data={"email": ADDRESS, "country": "IN"})
    form = page[page.index(f'action="{ASK}"') :]
    assert form.index('name="age_band"') < form.index('name="email"')
    assert form.count('name="age_band"') == 4 and "checked" not in form.split("</form>")[0]
    assert 'id="reminder-country"' in form
    assert unanswered.status_code == 400 and "Choose your age." in unanswered.text

from flask import Response, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from challenge import ratelimits
from challenge.caching import public_page
from challenge.cards import card_png, card_response, card_url
from challenge.extensions import csrf
from challenge.i18n.locales import current_locale
from challenge.participation.identity import current_participant
from challenge.pledges import bp
from challenge.pledges.badge import CONTENT_SECURITY_POLICY as BADGE_CSP
from challenge.pledges.badge import badge_svg
from challenge.pledges.forms import PledgeForm
from challenge.pledges.operations import take_pledge
from challenge.pledges.queries import pledge_count, pledge_list, pledge_page, public_wall, taken_by
from challenge.pledges.thanks import just_taken, remember_taken, thank_you_page


def find_pledge(slug: str):
    pledge = pledge_page(slug, current_locale())
    if pledge is None:
        abort(404)
    return pledge


def counted_with(item_id: int) -> int:
    """The pledge's count for someone who has taken it: at least them, though the count is
    written behind and may not include the last second's pledges yet (participation/fold.py)."""
    return max(pledge_count(item_id), 1)


def card_text(pledge) -> dict:
    return {"heading": _("Take the pledge"), "title": pledge.title, "locale": pledge.locale}


@bp.get("/")
@public_page
def index():
    return render_template("pledges/index.html", pledges=pledge_list(current_locale()))


@bp.route("/<slug>", methods=["GET", "POST"])
@csrf.exempt  # a shared page's form: challenge/cross_origin.py guards it
@public_page
@ratelimits.writes()
@ratelimits.participation()
def pledge(slug: str):
    pledge = find_pledge(slug)
    participant = current_participant()
    taken = taken_by(participant, pledge.item.id)
    form = PledgeForm(
        display_name=participant.display_name if participant else None,
        show_name=participant.show_name if participant else False,
    ).for_participant(participant)
    status = 200
    if form.is_submitted():
        if form.validate():
            created = take_pledge(
                pledge.item,
                country=form.country.data if form.country else None,
                locale=current_locale(),
                display_name=form.display_name.data,
                show_name=form.show_name.data,
                organisation_id=form.organisation.id if form.organisation else None,
            )
            if not created:
                return render_template(
                    "pledges/already.html", pledge=pledge, count=counted_with(pledge.item.id)
                )
            remember_taken(pledge.item.id)
            return redirect(url_for("pledges.thanks", slug=slug))
        status = 400
    return render_template(
        "pledges/pledge.html",
        pledge=pledge,
        form=form,
        taken=taken,
        count=pledge_count(pledge.item.id),
        wall=public_wall(pledge.item.id, viewer=participant),
        card_image=card_url("pledges.card", card_text(pledge), slug=pledge.slug),
    ), status


@bp.get("/<slug>/thanks")
def thanks(slug: str):
    pledge = find_pledge(slug)
    if not just_taken(pledge.item.id) and taken_by(current_participant(), pledge.item.id) is None:
        return redirect(url_for("pledges.pledge", slug=slug))
    return thank_you_page(pledge, counted_with(pledge.item.id))


@bp.get("/<slug>/badge.svg")
def badge(slug: str):
    pledge = find_pledge(slug)
    svg = badge_svg(
        heading=_("I took the pledge"),
        title=pledge.title,
        campaign=_("Quad Cyber Challenge"),
        locale=pledge.locale,
    )
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Content-Security-Policy"] = BADGE_CSP
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


@bp.get("/<slug>/badge.png")
def badge_png(slug: str):
    """The badge as a 1200x630 PNG, for Open Graph cards and downloads."""
    pledge = find_pledge(slug)
    png = card_png(
        heading=_("I took the pledge"),
        title=pledge.title,
        campaign=_("Quad Cyber Challenge"),
        locale=pledge.locale,
        font_dirs=current_app.config["BADGE_FONT_DIRS"],
    )
    response = Response(png, mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/<slug>/card.png")
def card(slug: str):
    """The pledge's share card (challenge/cards), for its page's Open Graph tags."""
    return card_response(**card_text(find_pledge(slug)))

"""A posting's page, and the page saying a posting exists only in the other language."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, url_for

from jobboard import eligibility, markdown
from jobboard.accommodation import contact_for
from jobboard.i18n import other_lang
from jobboard.search.engine import PostingDetail
from jobboard.views import jsonld, search_index
from jobboard.views.links import posting_url

bp = Blueprint("posting", __name__)


def apply_link(detail: PostingDetail) -> str | None:
    """Where to apply for an open posting (its apply_url, else JOBBOARD_APPLY_URL_TEMPLATE
    filled with its id); None when it is closed or archived, or nothing is known."""
    if detail.status != "open":
        return None
    posting = detail.posting
    return eligibility.apply_url(posting.apply_url, posting.source_id,
                                 current_app.config.get("APPLY_URL_TEMPLATE"))


@bp.get("/en/jobs/<slug>", defaults={"lang": "en"})
@bp.get("/fr/emplois/<slug>", defaults={"lang": "fr"})
def show(lang: str, slug: str):
    """Title, facts, sanitized body, translation link and schema.org JSON-LD."""
    detail = search_index().posting(lang, slug)
    if detail is None:
        abort(404)
    if detail.translation:
        alternate = posting_url(*detail.translation)
    else:
        alternate = url_for("posting.untranslated", lang=other_lang(lang), source=lang, slug=slug)
    body = markdown.render(detail.posting.body)
    apply_url, own_url = apply_link(detail), posting_url(lang, slug, True)
    accommodation = None
    if detail.status == "open":  # a closed process takes no more requests
        accommodation = contact_for(detail.posting.accommodation_email,
                                    detail.posting.accommodation_phone, current_app.config)
    return render_template(
        "posting.html", detail=detail, posting=detail.posting, body=body,
        accommodation=accommodation,
        alternate_url=alternate, has_translation=detail.translation is not None,
        apply_url=apply_url, own_url=own_url,
        structured_data=jsonld.job_posting(detail.posting, own_url, body, apply_url),
    )


@bp.get("/en/jobs/<any(fr):source>/<slug>", defaults={"lang": "en"})
@bp.get("/fr/emplois/<any(en):source>/<slug>", defaults={"lang": "fr"})
def untranslated(lang: str, source: str, slug: str):
    """Where the language toggle of an untranslated posting leads: say so, link the original."""
    detail = search_index().posting(source, slug)
    if detail is None:
        abort(404)
    if detail.translation:  # translated since the link was made
        return redirect(posting_url(*detail.translation))
    return render_template(
        "untranslated.html", posting=detail.posting, source=source,
        original_url=posting_url(source, slug), alternate_url=posting_url(source, slug))

"""The pages around search: language choice, health check, robots.txt and sitemap.xml."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for

from jobboard.i18n import force_lang
from jobboard.search.engine import IndexMissing
from jobboard.views import search_index
from jobboard.views.links import posting_url

bp = Blueprint("pages", __name__)


@bp.get("/")
def splash():
    """Choose English or Français (the Canada.ca splash page pattern)."""
    with force_lang("en"):  # a bilingual page: English first, French parts tagged lang="fr"
        return render_template("splash.html")


@bp.get("/en", defaults={"lang": "en"}, strict_slashes=False)
@bp.get("/fr", defaults={"lang": "fr"}, strict_slashes=False)
def language_home(lang: str):
    """/en and /fr lead to the search page in that language."""
    return redirect(url_for("search.search", lang=lang))


@bp.get("/healthz")
def healthz():
    """Liveness and index state for monitoring: 200 with counts, 503 without an index (and on
    a cluster node, 503 while it is too far behind the published generation)."""
    node, code = {}, 200
    if current_app.config.get("MODE") == "cluster":
        from jobboard.cluster.health import node_health

        code, node = node_health(Path(current_app.config["INDEX_DIR"]))
    try:
        stats = search_index().stats()
    except IndexMissing:
        return jsonify({"status": "no_index", "generation": None, "documents": 0, **node}), 503
    return jsonify({"status": "ok" if code == 200 else "behind", "generation": stats.generation,
                    "documents": stats.documents, "postings": stats.postings,
                    "per_language": stats.per_language, "built_at": stats.built_at,
                    **node}), code


@bp.get("/robots.txt")
def robots():
    """Crawl the public pages, not the API, the HR tools or the webhook."""
    lines = ["User-agent: *", "Disallow: /api/", "Disallow: /en/hr/", "Disallow: /fr/rh/",
             "Disallow: /hooks/", "Allow: /",
             f"Sitemap: {url_for('pages.sitemap', _external=True)}", ""]
    return "\n".join(lines), 200, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/sitemap.xml")
def sitemap():
    """Both search pages and every posting, each with its other-language alternate."""
    by_key: dict[str, dict[str, str]] = {}
    for posting in search_index().postings():
        by_key.setdefault(posting.key, {})[posting.lang] = posting_url(
            posting.lang, posting.slug, external=True)
    searches = {lang: url_for("search.search", lang=lang, _external=True) for lang in ("en", "fr")}
    entries = [searches, *(by_key[key] for key in sorted(by_key))]
    body = render_template("sitemap.xml", entries=entries, root=request.url_root)
    return body, 200, {"Content-Type": "application/xml; charset=utf-8"}

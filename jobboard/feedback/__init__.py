"""Accessibility statement and barrier feedback (issue 16).

`public` serves the statement (/en/accessibility, /fr/accessibilite) with its feedback form,
`store` keeps and follows up feedback without Flask (`models`: its table in the HR database),
`acknowledge` emails an acknowledgement, `hr_views` adds the HR/QA pages to the HR blueprint.
The audit summary the statement shows is `jobboard.a11y.published`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def init_app(app: Flask) -> None:
    """The statement's blueprint and the footer's link helper."""
    from jobboard.feedback import models, public  # noqa: F401 - models: the table must be known
    from jobboard.feedback.messages import REPLY_LABELS
    from jobboard.hr.auth import safe_next

    app.register_blueprint(public.bp)
    app.jinja_env.globals.update(barrier_url=public.barrier_url, reply_labels=REPLY_LABELS)
    # A reported page is linked from the HR pages only when it is a path on this site.
    app.jinja_env.filters.update(same_site=safe_next)

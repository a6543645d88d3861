"""What narrows a search besides words and facets: SLE results ("jobs I qualify for"), a
minimum salary and a date posted, as boolean arrays over posting numbers, and the counts of
the salary and date choices (each counted over the postings matching everything else).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from jobboard import sle
from jobboard.search.catalog import Catalog

POSTED_DAYS = (1, 7, 30)  # "posted in the last N days": posted N days ago or less


def sle_groups(catalog: Catalog, request) -> dict[str, np.ndarray]:
    """{sle.MEETS: postings kept, sle.UNSTATED: postings stating no profile} for the
    request's results, by verdict on each distinct (requirement, profile) of the view."""
    view = catalog.views[request.ui_lang]
    verdicts = [sle.verdict(request.sle, request.sle_lang, requirement, profile)
                for requirement, profile in view.languages]
    return {group: np.array([v == group for v in verdicts], dtype=bool)[view.language_of]
            if verdicts else np.zeros(len(catalog), dtype=bool)
            for group in (sle.MEETS, sle.UNSTATED)}


def range_masks(catalog: Catalog, request, today: dt.date) -> dict[str, np.ndarray]:
    """{"salary_min": …, "posted": …} for the ones the request sets."""
    view, masks = catalog.views[request.ui_lang], {}
    if request.salary_min is not None:
        masks["salary_min"] = view.salary_max >= request.salary_min
    if request.posted is not None:
        masks["posted"] = (view.date_posted > 0) & (
            view.date_posted >= today.toordinal() - request.posted)
    return masks


def range_counts(catalog: Catalog, request, candidates: dict[str, np.ndarray],
                 matches: np.ndarray, today: dt.date) -> list[tuple[str, list]]:
    """[(name, [(value or None for any, count), …])] for salary_min and posted: amounts from
    the postings' own salaries (`Catalog.salary_steps`), the chosen value always listed,
    choices matching nothing left out."""
    view, found = catalog.views[request.ui_lang], []
    for name, steps in (("salary_min", catalog.salary_steps(request.ui_lang)),
                        ("posted", POSTED_DAYS)):
        keep = candidates.get(name, matches)
        chosen = getattr(request, name)
        steps = sorted({*steps, chosen} - {None})
        if name == "salary_min":
            values, limits = np.sort(view.salary_max[keep]), steps
        else:
            values = np.sort(view.date_posted[keep & (view.date_posted > 0)])
            limits = [today.toordinal() - days for days in steps]
        counted = values.size - np.searchsorted(values, limits, side="left")
        found.append((name, [(None, int(keep.sum()))] + [
            (step, count) for step, count in zip(steps, counted.tolist(), strict=True)
            if count or step == chosen]))
    return found

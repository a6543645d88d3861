"""Locale selection, translation functions and Babel formatting, all in one place.

The locale comes from the URL (/en/…, /fr/…, or ?lang= on the API), then Accept-Language,
then English. Numbers, money and dates are formatted for en_CA or fr_CA.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, request
from flask_babel import Babel, force_locale, get_locale, get_translations
from flask_babel.speaklater import LazyString

from jobboard.config import ROOT
from jobboard.langs import LANGS

__all__ = ["_", "_l", "_n", "LANGS", "TRANSLATIONS", "compile_catalogs", "current_lang",
           "force_lang", "format_closing", "format_date", "format_money", "format_number",
           "init_app", "other_lang"]

LOCALES = {"en": "en_CA", "fr": "fr_CA"}
# Parsed once: Locale.parse on every formatted number was a tenth of a search page's time.
_BABEL_LOCALES = {lang: Locale.parse(code) for lang, code in LOCALES.items()}
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
# Absolute: Flask-Babel would resolve a relative folder against the package, not the repo root.
TRANSLATIONS = ROOT / "translations"
# Government of Canada job postings close at 23:59 Pacific time on the closing date.
CLOSING_TIME = dt.time(23, 59)


def select_lang() -> str:
    """en or fr for this request: URL prefix, ?lang= (API), Accept-Language, then English."""
    lang = (request.view_args or {}).get("lang")
    if lang in LANGS:
        return lang
    prefix = request.path.strip("/").split("/", 1)[0]
    if prefix in LANGS:
        return prefix
    if request.args.get("lang") in LANGS:
        return request.args["lang"]
    return request.accept_languages.best_match(LANGS) or "en"


def _select_locale() -> str:
    return LOCALES[select_lang()]


def current_lang() -> str:
    """The request's language code: "en" or "fr"."""
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGS else "en"


def other_lang(lang: str | None = None) -> str:
    """The other official language: "en" -> "fr"."""
    return "fr" if (lang or current_lang()) == "en" else "en"


def force_lang(lang: str):
    """Context manager: translate and format in lang for a while (bilingual pages)."""
    return force_locale(LOCALES[lang])


def _locale() -> Locale:
    return _BABEL_LOCALES[current_lang()]


@lru_cache(maxsize=4096, typed=True)
def _decimal(value: int | float, lang: str) -> str:
    return numbers.format_decimal(value, locale=_BABEL_LOCALES[lang])


def format_number(value: int | float, lang: str | None = None) -> str:
    """12345 -> "12,345" (en_CA) or "12 345" (fr_CA, with a no-break space)."""
    # Cached: a search page formats some 80 facet counts, mostly the same few hundred numbers.
    return _decimal(value, lang or current_lang())


def format_money(amount: int | float) -> str:
    """Whole dollars: 88000 -> "$88,000" (en_CA) or "88 000 $" (fr_CA)."""
    # Cached like numbers: a page of results shows some 40 salaries, mostly the same ones,
    # and Babel takes 60 µs for each.
    return _money(amount, current_lang())


@lru_cache(maxsize=4096, typed=True)
def _money(amount: int | float, lang: str) -> str:
    locale = _BABEL_LOCALES[lang]
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return numbers.format_currency(amount, "CAD", format=pattern, locale=locale,
                                   currency_digits=False)


@lru_cache(maxsize=4096)
def _date(day: dt.date, form: str, lang: str) -> str:
    return dates.format_date(day, form, locale=_BABEL_LOCALES[lang])


def format_date(day: dt.date, form: str = "long", lang: str | None = None) -> str:
    """2027-01-15 -> "January 15, 2027" (en_CA) or "15 janvier 2027" (fr_CA)."""
    return _date(day, form, lang or current_lang())


def format_closing(day: dt.date) -> str:
    """Closing moment with its time zone: "January 15, 2027, 11:59 p.m. Pacific time"."""
    time = dates.format_time(CLOSING_TIME, "short", locale=_locale())
    return _("%(date)s, %(time)s Pacific time", date=format_date(day), time=time)


def compile_catalogs(directory: Path = TRANSLATIONS) -> list[Path]:
    """Write messages.mo next to each messages.po that is newer; return the files written."""
    written = []
    for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo_path)
    return written


# The catalogue of each locale, found in one dict look-up. Flask-Babel's gettext looks up the
# request's domain, locale and catalogue on every call (each through `g`, and its cache key
# formats the locale as a string): 7 µs a string instead of 2, with some 70 strings translated
# in Python and 100 in the template of a search page. Emptied by init_app: a new app reads the
# catalogues again, as Flask-Babel's own cache (per app) would.
_CATALOGS: dict[tuple[str, str | None], object] = {}


def _catalog():
    locale = get_locale()
    if locale is None:  # outside a request: Flask-Babel's (untranslated) fallback
        return get_translations()
    key = (locale.language, locale.territory)
    found = _CATALOGS.get(key)
    if found is None:
        found = _CATALOGS[key] = get_translations()
    return found


def _(string: str, **variables) -> str:
    """Translate string into the request's language, then fill in %(name)s variables."""
    found = _catalog().ugettext(string)
    return found % variables if variables else found


def _n(singular: str, plural: str, num: int, **variables) -> str:
    """Singular or plural (the locale's rules for num), translated; %(num)s is num."""
    variables.setdefault("num", num)
    return _catalog().ungettext(singular, plural, num) % variables


def _l(string: str, **variables) -> LazyString:
    """`_` when the string is used, not now: for labels defined at import time."""
    return LazyString(_, string, **variables)


def _template_gettext(app: Flask) -> None:
    """Give templates the same quick gettext and ngettext (Jinja's i18n extension, new style:
    it fills in the variables and escapes them)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: _catalog().ugettext(string),
        ngettext=lambda singular, plural, n: _catalog().ungettext(singular, plural, n),
        pgettext=lambda context, string: _catalog().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: _catalog().unpgettext(
            context, singular, plural, n),
        newstyle=True)


def init_app(app: Flask) -> None:
    """Install Flask-Babel, the locale selector and the formatting filters."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=_select_locale, default_locale="en_CA")
    _CATALOGS.clear()
    _template_gettext(app)
    app.jinja_env.filters.update(number=format_number, money=format_money,
                                 date=format_date, closing=format_closing)
    app.jinja_env.globals.update(current_lang=current_lang, other_lang=other_lang,
                                 language_name=LANGUAGE_NAMES.get, _l=_l, _n=_n)

"""English and French analyzers.

French: "L’équipe d’analyse des données" -> ["equip", "analys", "donne"];
"développeur·euse" -> ["developpeur"]; "développeuse" -> ["developpeur"].
English: "Developers' data-driven services" -> ["develop", "data", "driven", "servic"].

Order matters: accents are folded BEFORE the Snowball stemmer, otherwise "employe" and
"employé" stem differently. Filters are module-level classes because Whoosh pickles the schema.
"""

from __future__ import annotations

import re
import unicodedata

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

# A word: letters/digits and combining accents, possibly joined by invisible characters
# (soft hyphen, zero-width space/joiners, word joiner) or an inclusive middle dot.
_LETTER = r"[^\W_]|[\u0300-\u036f]"
_JOINER = r"[\u00ad\u200b\u200c\u200d\u2060\u00b7\u2027\u22c5]"
WORD_PATTERN = rf"(?:{_LETTER})+(?:{_JOINER}+(?:{_LETTER})+)*"

_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060]")
_INCLUSIVE_DOT = re.compile(r"[\u00b7\u2027\u22c5]")

# Elided forms (l’, d’, qu’, jusqu’…) end up as their own tokens once apostrophes split words.
FRENCH_ELISIONS = frozenset(
    {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
# Whoosh's French list lacks a few very common words ("les", "cette").
FRENCH_STOPWORDS = frozenset(stopwords_for_language("fr")) | FRENCH_ELISIONS | {
    "les", "cet", "cette", "cela", "ça", "dont", "où", "ils", "elles", "leurs"}
ENGLISH_STOPWORDS = frozenset(stopwords_for_language("en"))


class WordFilter(Filter):
    """Compose accents (NFC), drop invisible characters, keep the base of inclusive forms.

    "de\u0301veloppeur" -> "développeur"; "sécu\u00adrité" -> "sécurité"; "adjoint·e" -> "adjoint".
    """

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if not text.isascii():  # most tokens are plain ASCII: skip the work
                text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
                token.text = _INCLUSIVE_DOT.split(text, maxsplit=1)[0]
            yield token


class FoldFilter(Filter):
    """Fold accents ("é" -> "e", "œ" -> "oe") with Whoosh's accent map; ASCII tokens skip it."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.isascii():
                token.text = token.text.translate(accent_map)
            yield token


# Feminine -> masculine on folded text, so "développeuse" meets "développeur",
# "conceptrice" meets "concepteur", "employée" meets "employé" and "conseillère" meets
# "conseiller" after stemming (Snowball alone stems them apart).
_FEMININE = [
    (re.compile(r"euse(s?)$"), r"eur\1"),
    (re.compile(r"trice(s?)$"), r"teur\1"),
    (re.compile(r"(?<=[a-z]{3})ee(s?)$"), r"e\1"),
    (re.compile(r"(?<=[a-z]{3})eres?$"), "er"),  # conseillère(s), infirmière, première
    (re.compile(r"(?<=[a-z]{4})ers$"), "er"),  # "conseillers": Snowball keeps it apart
]


class FrenchGenderFilter(Filter):
    """Folded feminine endings to masculine: "developpeuse" -> "developpeur"."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 5:
                for pattern, replacement in _FEMININE:
                    text, count = pattern.subn(replacement, text)
                    if count:
                        break
            token.text = text
            yield token


def french_analyzer():
    """Tokenize on apostrophes, lowercase, stop words, fold accents, de-feminise, stem."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | WordFilter()
        | LowercaseFilter()
        | StopFilter(stoplist=FRENCH_STOPWORDS, minsize=1)
        | FoldFilter()
        | FrenchGenderFilter()
        | StemFilter(lang="fr", cachesize=100_000)
    )


def english_analyzer():
    """Tokenize, lowercase, stop words, fold accents, Snowball English stemming."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | WordFilter()
        | LowercaseFilter()
        | StopFilter(stoplist=ENGLISH_STOPWORDS, minsize=2)
        | FoldFilter()
        | StemFilter(lang="en", cachesize=100_000)
    )


def spelling_analyzer():
    """Lower-cased words of 4+ letters, accents kept, for "did you mean": "Données" -> "données".

    Deliberately cheap (it runs over every document): no stop words, since "did you mean" only
    corrects words of 4 letters or more, and no joiner handling.
    """
    return RegexTokenizer(r"[^\W\d_]{4,}") | LowercaseFilter()


def folded_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words, no stemming: "Déve·loppeur*" -> ["deve"] (for prefixes)."""
    analyzer = RegexTokenizer(WORD_PATTERN) | WordFilter() | LowercaseFilter() | FoldFilter()
    return [token.text for token in analyzer(text)]


ANALYZERS = {"en": english_analyzer, "fr": french_analyzer}
_SHARED = {lang: make() for lang, make in ANALYZERS.items()}  # keeps the stemmer caches warm


def shared(lang: str):
    """The process-wide analyzer of a language (its stemming cache stays warm)."""
    return _SHARED[lang]


def tokens(lang: str, text: str) -> list[str]:
    """Analyzed tokens of text in a language, as indexed: ("fr", "Données") -> ["don"]."""
    return [token.text for token in _SHARED[lang](text)]

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
from functools import lru_cache

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.analysis.analyzers import CompositeAnalyzer
from whoosh.lang import stopwords_for_language

from jobboard.langs import fold_accents

# A word: letters/digits and combining accents, possibly joined by invisible characters
# (soft hyphen, zero-width space/joiners, word joiner) or an inclusive middle dot.
_LETTER = r"[^\W_]|[\u0300-\u036f]"
_JOINER = r"[\u00ad\u200b\u200c\u200d\u2060\u00b7\u2027\u22c5\u2022\u2219]"
# Inclusive endings written with a period, a hyphen or parentheses, kept with their word:
# "candidat.e.s", "citoyen-ne-s", "candidat(e)s", "chef(fe)", "conseiller(ère)s".
_ENDING = r"(?i:e|es|s|fe|ve|se|ne|le|te|euse|trice|rice|ice|ere|ère|eure)(?![^\W_])"
_INCLUSIVE_ENDING = rf"(?:(?:[.\-]{_ENDING})+|\({_ENDING}\)s?(?![^\W_]))"
WORD_PATTERN = (rf"(?:{_LETTER})+(?:{_JOINER}+(?:{_LETTER})+)*"
                rf"(?:{_INCLUSIVE_ENDING})?")
# The same words in a text without combining accents (nearly all: text is mostly NFC), where a
# letter is one character class instead of an alternation: 30 % less time to tokenize a body.
_PLAIN_WORD = re.compile(rf"[^\W_]+(?:{_JOINER}+[^\W_]+)*(?:{_INCLUSIVE_ENDING})?")
_COMBINING = re.compile(r"[\u0300-\u036f]")

_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060]")
_INCLUSIVE_DOT = re.compile(r"[\u00b7\u2027\u22c5\u2022\u2219.(-]")

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
            elif not text.isalnum():  # "candidat.e.s" -> "candidat"
                token.text = _INCLUSIVE_DOT.split(text, maxsplit=1)[0]
            yield token


class FoldFilter(Filter):
    """Fold accents ("é" -> "e") as `langs.fold_accents` does."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_accents(token.text)
            yield token


# Feminine -> masculine on folded text, so "développeuse" meets "développeur",
# "conceptrice" meets "concepteur", "employée" meets "employé" and "conseillère" meets
# "conseiller" after stemming (Snowball alone stems them apart).
_FEMININE = [
    (re.compile(r"^cheffe(s?)$"), r"chef\1"),  # cheffe de projet, cheffes d'équipe
    # -esse only where it makes a job title (adresse, vitesse, grossesse stay as they are).
    (re.compile(r"^(hot|maitr|mair|poet|pretr|notair|peintr|chanoin|abb)esse(s?)$"),
     r"\1e\2"),
    (re.compile(r"^doctoresse(s?)$"), r"docteur\1"),
    (re.compile(r"euse(s?)$"), r"eur\1"),
    (re.compile(r"trice(s?)$"), r"teur\1"),
    (re.compile(r"(?<=[a-z]{3})ee(s?)$"), r"e\1"),
    (re.compile(r"(?<=[a-z]{3})eres?$"), "er"),  # conseillère(s), infirmière, première
    (re.compile(r"(?<=[a-z]{4})ers$"), "er"),  # "conseillers": Snowball keeps it apart
]


class FrenchGenderFilter(Filter):
    """Folded feminine endings to masculine: "developpeuse" -> "developpeur", "cheffe" ->
    "chef", "hotesse" -> "hote" ("-eure" needs no rule: Snowball stems "professeure" and
    "ingenieure" with their masculine)."""

    def __call__(self, tokens):
        for token in tokens:
            text = token.text
            if len(text) > 4:
                for pattern, replacement in _FEMININE:
                    text, count = pattern.subn(replacement, text)
                    if count:
                        break
            token.text = text
            yield token


MEMO_SIZE = 200_000  # distinct words remembered per analyzer; ~30 MB at most


class MemoAnalyzer(CompositeAnalyzer):
    """A RegexTokenizer and filters, with each distinct word analyzed once: the same tokens.

    Most words of a corpus repeat, and the filters see one word at a time, so their result is
    cached per word (word -> final text, or None for a stop word). The filters must map each
    token to one token or drop it, and drop it only through a renumbering StopFilter: positions
    are renumbered as StopFilter does (the first kept token keeps its position, the next ones
    follow it). The tokenizer's loop is inlined (a generator per token less); calls the cache
    cannot answer exactly (stop words kept, no stemming, untokenized text) run the plain chain.
    The cache is bounded and never pickled into the schema.
    """

    def __init__(self, tokenizer: RegexTokenizer, *filters):
        super().__init__(tokenizer, *filters)
        tokenizer = self.items[0]
        if (not isinstance(tokenizer, RegexTokenizer) or tokenizer.gaps
                or tokenizer.expression.groups):
            raise TypeError("MemoAnalyzer starts with a RegexTokenizer matching whole words")
        self._memo: dict[str, str | None] = {}

    def __getstate__(self):
        return {name: value for name, value in self.__dict__.items() if name != "_memo"}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._memo = {}

    def __call__(self, value, no_morph=False, **kwargs):
        if no_morph or not kwargs.get("removestops", True) or not kwargs.get("tokenize", True):
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return self._memoised(value, **kwargs)

    def _memoised(self, value: str, positions=False, chars=False, keeporiginal=False,
                  start_pos=0, start_char=0, tokenize=True, **kwargs):
        assert isinstance(value, str), f"{value!r} is not a string"
        token = Token(positions, chars, **kwargs)
        memo = self._memo
        pos = None
        for index, match in enumerate(self._expression(value).finditer(value)):
            text = match.group(0)
            final = memo.get(text, _UNSEEN)
            if final is _UNSEEN:
                final = self._analyze(text)
            if final is None:
                continue
            token.text = final
            token.boost = 1.0
            if keeporiginal:
                token.original = text
            if positions:
                pos = start_pos + index if pos is None else pos + 1
                token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token

    def positions(self, value: str) -> dict[str, list[int]]:
        """Analyzed word -> its positions, as `self(value, positions=True)` gives them, without
        a Token per word (for `schema.WordPositions`): "the data of data" -> {"data": [1, 2]}."""
        memo, analyze = self._memo, self._analyze
        finals = [memo[word] if word in memo else analyze(word)
                  for word in self._expression(value).findall(value)]
        found: dict[str, list[int]] = {}
        first = next((index for index, final in enumerate(finals) if final is not None), 0)
        kept = [final for final in finals if final is not None]
        for pos, final in enumerate(kept, first):
            if final in found:
                found[final].append(pos)
            else:
                found[final] = [pos]
        return found

    def _expression(self, value: str) -> re.Pattern:
        expression = self.items[0].expression
        if expression.pattern == WORD_PATTERN and not _COMBINING.search(value):
            return _PLAIN_WORD
        return expression

    def _analyze(self, word: str) -> str | None:
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        stream = iter([Token(text=word)])
        for item in self.items[1:]:
            stream = item(stream)
        final = self._memo[word] = next((token.text for token in stream), None)
        return final


_UNSEEN = object()


def french_analyzer():
    """Tokenize on apostrophes, lowercase, stop words, fold accents, de-feminise, stem."""
    return MemoAnalyzer(
        RegexTokenizer(WORD_PATTERN)
        | WordFilter()
        | LowercaseFilter()
        | StopFilter(stoplist=FRENCH_STOPWORDS, minsize=1)
        | FoldFilter()
        | FrenchGenderFilter()
        | StemFilter(lang="fr", cachesize=100_000),
    )


def english_analyzer():
    """Tokenize, lowercase, stop words, fold accents, Snowball English stemming."""
    return MemoAnalyzer(
        RegexTokenizer(WORD_PATTERN)
        | WordFilter()
        | LowercaseFilter()
        | StopFilter(stoplist=ENGLISH_STOPWORDS, minsize=2)
        | FoldFilter()
        | StemFilter(lang="en", cachesize=100_000),
    )


_FOLDING = RegexTokenizer(WORD_PATTERN) | WordFilter() | LowercaseFilter() | FoldFilter()


def folded_words(text: str) -> list[str]:
    """Lower-cased, accent-folded words, no stemming: "Déve·loppeur*" -> ["deve"] (for prefixes)."""
    return list(_folded(text))


@lru_cache(maxsize=8192)
def _folded(text: str) -> tuple[str, ...]:
    # Remembered: each search folds its words and the phrases of their equivalents groups.
    return tuple(token.text for token in _FOLDING(text))


ANALYZERS = {"en": english_analyzer, "fr": french_analyzer}
_SHARED = {lang: make() for lang, make in ANALYZERS.items()}  # keeps the stemmer caches warm


def shared(lang: str):
    """The process-wide analyzer of a language (its stemming cache stays warm)."""
    return _SHARED[lang]


def tokens(lang: str, text: str) -> list[str]:
    """Analyzed tokens of text in a language, as indexed: ("fr", "Données") -> ["don"]."""
    return list(_tokens(lang, text, id(_SHARED[lang])))


def identity() -> tuple[int, int]:
    """Which shared analyzers are in use (tests replace them): a key for what is remembered
    from their tokens."""
    return id(_SHARED["en"]), id(_SHARED["fr"])


@lru_cache(maxsize=8192)
def _tokens(lang: str, text: str, _analyzer: int) -> tuple[str, ...]:
    # Remembered: a search analyses each of its words, and each phrase its words expand to,
    # in both languages (some 40 calls for "developer"); its callers are all query-time.
    # Keyed by the analyzer too, which tests replace.
    return tuple(token.text for token in _SHARED[lang](text))

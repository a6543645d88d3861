"""Deterministic synthetic postings: `generate(folder, documents, seed)` -> folder/content/{en,fr}.

N counts DOCUMENTS (Markdown files, what `reindex` counts and indexes), not translation keys:
N = 10,000 is about 5,100 postings, of which 4,900 EN/FR pairs sharing a translationKey and
1 in 50 postings in one language only (as on the real site). The same seed gives the same
bytes, and a larger N starts with the same postings as a smaller one.

    python -m benchmarks.generate /tmp/bench --documents 10000 --seed 1
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import random
import string
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from benchmarks import phrases, words

ANCHOR = dt.date(2026, 12, 1)  # dates are spread around this day; pass today for open postings
SINGLE_EVERY = 50  # one posting in 50 exists in one language only
MIN_WORDS, MAX_WORDS = 300, 800
# Real postings (../shared/corpus/cds): median 735 words, a long tail up to 14,700.
LONG_TAIL_SHARE, LONG_TAIL_WORDS = 0.03, (5_000, 15_000)


@dataclass(frozen=True)
class BodyWords:
    """How long bodies are: a uniform range (the default, 300-800 words), or a median with the
    spread and long tail of real postings ("750": most 350-1,600 words, 3 % of 5,000-15,000).

    BodyWords.parse("300-800") -> BodyWords(300, 800, None); BodyWords.parse("750") ->
    BodyWords(None, None, 750)
    """

    low: int | None = MIN_WORDS
    high: int | None = MAX_WORDS
    median: int | None = None

    @classmethod
    def parse(cls, text: str) -> BodyWords:
        low, dash, high = text.partition("-")
        if dash:
            if not (low.isdigit() and high.isdigit() and 160 <= int(low) < int(high) - 160):
                raise ValueError(f"body words {text!r}: LOW-HIGH with 160 <= LOW < HIGH - 160")
            return cls(int(low), int(high))
        if not text.isdigit() or int(text) < 100:
            raise ValueError(f"body words {text!r}: a median of 100 or more, or LOW-HIGH")
        return cls(None, None, int(text))

    def draw(self, rng: random.Random) -> int:
        """The longer language's body length for one posting."""
        if self.median is None:
            return rng.randint(self.low + 100, self.high - 60)
        if rng.random() < LONG_TAIL_SHARE:
            return rng.randint(*LONG_TAIL_WORDS)
        return max(100, round(self.median * math.exp(rng.gauss(0.0, 0.4))))

    def __str__(self) -> str:
        if self.median is None:
            return f"{self.low}-{self.high}"
        return f"median {self.median}, {LONG_TAIL_SHARE:.0%} of {LONG_TAIL_WORDS[0]:,}+"


class Zipf:
    """Weighted choice where the k-th item has weight 1/(k+1)**s: few common, many rare."""

    def __init__(self, items, s: float = 1.0):
        self.items = tuple(items)
        self.cumulative = list(itertools.accumulate(1 / (k + 1) ** s for k in range(len(items))))

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _codenames(count: int) -> tuple[str, ...]:
    rng = random.Random(20261129)
    names: dict[str, None] = {}
    while len(names) < count:
        name = "".join(rng.choice(words.SYLLABLES) for _ in range(rng.choice((2, 3, 3))))
        names[name.capitalize()] = None
    return tuple(names)


_DOMAIN = Zipf(words.DOMAINS, 0.6)
_DEPARTMENT = Zipf(words.DEPARTMENTS, 0.8)
_REQUIREMENT = Zipf(words.LANGUAGE_REQUIREMENTS, 1.0)
_TENURE = Zipf(words.TENURES, 1.0)
_CITY = Zipf(words.CITIES, 1.1)
_TEAM = Zipf(words.TEAMS, 0.8)
_AUDIENCE = Zipf(words.AUDIENCES, 0.8)
_VALUE = Zipf(words.VALUES, 0.5)
NAMES = Zipf(_codenames(4000), 1.0)
_FIELDS = string.Formatter()


def _slots(template_pair: tuple[str, str]) -> tuple[str, ...]:
    # Sorted: set order changes with PYTHONHASHSEED, and the draws must not.
    return tuple(sorted({name for text in template_pair for _, name, _, _ in _FIELDS.parse(text)
                         if name}))


_TEMPLATES = {name: tuple((pair, _slots(pair)) for pair in getattr(phrases, name))
              for name in ("INTRO", "DUTIES", "SKILLS", "CONTEXT")}


@dataclass(frozen=True)
class Summary:
    """What `generate` wrote."""

    content_dir: Path
    documents: int
    postings: int
    pairs: int
    seconds: float


class _Posting:
    """Random draws for one posting, shared by its English and French texts."""

    def __init__(self, number: int, rng: random.Random, anchor: dt.date,
                 body_words: BodyWords = BodyWords()):
        self.number, self.rng = number, rng
        self.domain: words.Domain = _DOMAIN(rng)
        title = rng.choice(self.domain.titles)
        senior = rng.choice(words.SENIORITY)
        self.title = (senior[0] + (title[0].lower() if senior[0] else title[0]),
                      title[1] + senior[1])
        self.department = _DEPARTMENT(rng)
        self.city = _CITY(rng)
        level = rng.choice(self.domain.levels)
        span = 1 if rng.random() < 0.7 else 2 if rng.random() < 0.85 else 3
        levels = [lv for lv in self.domain.levels if level <= lv < level + span]
        group = "CS" if self.domain.group == "IT" and rng.random() < 0.05 else self.domain.group
        self.classification = [f"{group}-{lv:02d}" for lv in levels]
        steps = level - self.domain.levels[0]
        self.salary_min = int(round(self.domain.salary_base * 1.09 ** steps, -3))
        self.salary_max = self.salary_min + 1000 * rng.randint(4, 12)
        self.requirement = _REQUIREMENT(rng)
        self.profile = (rng.choice(words.PROFILES) if self.requirement.startswith("bilingual")
                        else None)
        self.tenure = _TENURE(rng)
        places = {self.city}
        while rng.random() < 0.35 and len(places) < 3:
            places.add(_CITY(rng))
        self.locations = sorted(places, key=words.CITIES.index)
        if rng.random() < 0.1:
            self.locations.append(words.REMOTE)
        self.closing = anchor + dt.timedelta(days=rng.randint(-60, 180))
        self.posted = min(anchor, self.closing - dt.timedelta(days=rng.randint(14, 75)))
        self.archived = rng.random() < 0.04
        self.clearance = rng.choice(phrases.CLEARANCES)
        self.target = body_words.draw(rng)  # the longer language's length

    def _fill(self, slots: tuple[str, ...]) -> tuple[dict, dict]:
        rng, domain = self.rng, self.domain
        other = _DOMAIN(rng) if rng.random() < 0.15 else domain
        en: dict[str, str] = {}
        fr: dict[str, str] = {}
        for slot in slots:
            if slot in ("topic", "topic2"):
                pair = rng.choice(other.topics if slot == "topic" else domain.topics)
            elif slot in ("skill", "skill2"):
                pair = rng.choice(other.skills if slot == "skill" else domain.skills)
            elif slot == "duty":
                pair = rng.choice(domain.duties)
            elif slot == "team":
                pair = _TEAM(rng)
            elif slot == "audience":
                pair = _AUDIENCE(rng)
            elif slot in ("value", "value2"):
                pair = _VALUE(rng)
            elif slot == "name":
                name = NAMES(rng)
                pair = (name, name)
            elif slot == "years":
                years = str(rng.randint(2, 8))
                pair = (years, years)
            elif slot == "city":
                pair = tuple(place.split(",")[0].split(" (")[0] for place in self.city)
            elif slot == "dept":
                pair = words.DEPARTMENT_NAMES[self.department]
            else:  # title
                pair = (self.title[0].lower(), self.title[1].lower())
            en[slot], fr[slot] = pair
        return en, fr

    def sentence(self, pool: str) -> tuple[str, str]:
        """One sentence from a template pool of `phrases`, (English, French)."""
        (en_text, fr_text), slots = self.rng.choice(_TEMPLATES[pool])
        en, fr = self._fill(slots)
        return _capital(en_text.format(**en)), _capital(fr_text.format(**fr))

    def bodies(self) -> tuple[str, str]:
        """Markdown bodies, (English, French): intro, duties, skills, team, conditions, apply."""
        rng = self.rng
        sections: list[tuple[str, list[tuple[str, str]], bool]] = [
            ("", [self.sentence("INTRO") for _ in range(rng.randint(2, 3))], False),
            ("duties", [self.sentence("DUTIES") for _ in range(rng.randint(4, 7))], True),
            ("skills", [self.sentence("SKILLS") for _ in range(rng.randint(4, 7))], True),
            ("context", [], False),
            ("conditions", [self._conditions(), self._requirement(), _pair(phrases.SECURITY, {
                "clearance": self.clearance[0], "clearance_fr": self.clearance[1]})], False),
            ("apply", [self._apply()], False),
        ]
        count = [sum(len(pair[side].split()) for _, items, _ in sections for pair in items)
                 for side in (0, 1)]
        context = sections[3][1]
        while max(count) < self.target or not context:
            context.append(self.sentence("CONTEXT"))
            count = [count[side] + len(context[-1][side].split()) for side in (0, 1)]
        return tuple(_render(sections, side) for side in (0, 1))

    def _conditions(self) -> tuple[str, str]:
        def money(amount):
            return f"{amount:,}".replace(",", "\u00a0")

        en_places = _enumerate([p[0] for p in self.locations], "and")
        fr_places = _enumerate([p[1] for p in self.locations], "et")
        tenure = words.TENURE_TEXT[self.tenure]
        return (phrases.CONDITIONS[0].format(tenure=tenure[0], places=en_places,
                                             salary_min=self.salary_min,
                                             salary_max=self.salary_max),
                phrases.CONDITIONS[1].format(tenure=tenure[1],
                                             places=fr_places,
                                             salary_min_fr=money(self.salary_min),
                                             salary_max_fr=money(self.salary_max)))

    def _requirement(self) -> tuple[str, str]:
        text = words.REQUIREMENT_TEXT[self.requirement]
        profile = f" ({self.profile})" if self.profile else ""
        return _pair(phrases.REQUIREMENT, {"requirement": text[0], "profile": profile},
                     {"requirement": text[1], "profile": profile})

    def _apply(self) -> tuple[str, str]:
        day = self.closing
        return (phrases.APPLY[0].format(closing=f"{day:%B} {day.day}, {day.year}"),
                phrases.APPLY[1].format(
                    closing_fr=f"{day.day} {phrases.MONTHS_FR[day.month - 1]} {day.year}"))

    def files(self) -> list[tuple[str, str, str]]:
        """[(lang, file name, text)] for the languages this posting exists in."""
        en_body, fr_body = self.bodies()
        description = self.description()
        key = f"bench-{self.number:06d}"
        langs = ("en", "fr")
        if self.number % SINGLE_EVERY == SINGLE_EVERY - 1:
            langs = ("en",) if (self.number // SINGLE_EVERY) % 2 == 0 else ("fr",)
        out = []
        for lang in langs:
            side = 0 if lang == "en" else 1
            meta = {
                "title": self.title[side], "description": description[side],
                "translationKey": key, "id": key, "archived": self.archived,
                "classification": self.classification, "language_requirement": self.requirement,
                **({"language_profile": self.profile} if self.profile else {}),
                "locations": [place[side] for place in self.locations], "tenure": self.tenure,
                "department": self.department, "salary_min": self.salary_min,
                "salary_max": self.salary_max, "closing_date": self.closing.isoformat(),
                "date": self.posted.isoformat(),
            }
            name = f"{slugify(self.title[side])}-{self.number:06d}.md"
            out.append((lang, name, _front_matter(meta) + (en_body, fr_body)[side]))
        return out

    def description(self) -> tuple[str, str]:
        """The one-sentence front-matter description, (English, French)."""
        en, fr = self._fill(("dept", "title", "topic", "topic2"))
        return (_capital(phrases.DESCRIPTION[0].format(**en)),
                _capital(phrases.DESCRIPTION[1].format(**fr)))


def _pair(templates: tuple[str, str], en: dict, fr: dict | None = None) -> tuple[str, str]:
    return templates[0].format(**en), templates[1].format(**(en if fr is None else fr))


def _enumerate(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{'; '.join(items[:-1])} {conjunction} {items[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(sections, side: int) -> str:
    parts = []
    for heading, items, bullets in sections:
        if heading:
            parts.append(f"## {phrases.HEADINGS[heading][side]}")
        texts = [item[side] for item in items]
        parts.append("\n".join(f"- {t}" for t in texts) if bullets else " ".join(texts))
    return "\n\n".join(parts) + "\n"


def _front_matter(meta: dict) -> str:
    # JSON scalars and flow lists are valid YAML; dates stay bare so YAML reads them as dates.
    lines = ["---"]
    for name, value in meta.items():
        if name in ("closing_date", "date"):
            lines.append(f"{name}: {value}")
        else:
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


def slugify(text: str) -> str:
    """ASCII file-name slug: "Développeur·euse de logiciels" -> "developpeur-euse-de-logiciels"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


def generate(folder: Path | str, documents: int, seed: int = 1,
             anchor: dt.date = ANCHOR, body_words: BodyWords = BodyWords()) -> Summary:
    """Write `documents` Markdown files into folder/content/{en,fr}; same seed, same files."""
    started = time.perf_counter()
    content = Path(folder) / "content"
    for lang in ("en", "fr"):
        (content / lang).mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = postings = pairs = 0
    for number in itertools.count():
        if written >= documents:
            break
        files = _Posting(number, rng, anchor, body_words).files()[: documents - written]
        for lang, name, text in files:
            (content / lang / name).write_text(text, encoding="utf-8")
        written += len(files)
        postings += 1
        pairs += len(files) == 2
    return Summary(content, written, postings, pairs, round(time.perf_counter() - started, 2))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="writes FOLDER/content/en and /fr")
    parser.add_argument("--documents", "-n", type=int, default=1000,
                        help="number of Markdown files (about half as many EN/FR pairs)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--anchor", type=dt.date.fromisoformat, default=ANCHOR,
                        help="dates are spread around this day (YYYY-MM-DD)")
    parser.add_argument("--body-words", type=BodyWords.parse, default=BodyWords(),
                        help="body length: LOW-HIGH words (default 300-800) or a median with "
                             "real postings' long tail (750 is the real corpus's)")
    args = parser.parse_args(argv)
    summary = generate(args.folder, args.documents, args.seed, args.anchor, args.body_words)
    print(f"{summary.documents} documents ({summary.postings} postings, {summary.pairs} pairs) "
          f"in {summary.content_dir} in {summary.seconds} s")


if __name__ == "__main__":
    main()

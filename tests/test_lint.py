"""Content lint (jobboard/lint.py): on real postings and on synthetic ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import CORPUS

from jobboard import lint
from jobboard.postings import load_all

TODAY = dt.date(2026, 12, 4)


def write(root: Path, rel: str, front: str, body: str = "Body.") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front.strip()}\n---\n{body}", encoding="utf-8")


def codes(result, path: str | None = None) -> list[str]:
    return sorted(p.code for p in result.problems if path is None or p.file == path)


@pytest.fixture(scope="module")
def corpus():
    return load_all(CORPUS, today=TODAY, open_days=60)


def _find(result, code, path):
    return [p for p in result.problems if p.code == code and p.file == path]


@pytest.mark.corpus
def test_real_test_postings_are_hidden_and_said_so(corpus):
    hidden = {entry.path for entry in corpus.hidden}
    for path in ("en/new-job-posting--e5d452ed-eff5-4927-b4f9-fd488a6a0507.md",
                 "en/test-job-post--test-lever-id.md",
                 "fr/fr-technical-recruiter--40976f1c-32e5-4bc6-a521-36d6af43c63e.md",
                 "fr/government-of-canada-it-senior-strategist-fr--4bf2b501-23a8-4592-a1ea-"
                 "35c93bafe3e0.md"):
        assert path in hidden
        assert _find(corpus, "placeholder", path), path
    assert not hidden & {entry.path for entry in corpus.entries}
    titles = [p.title for p in corpus.postings]
    assert not [t for t in titles if t.lower().startswith(("test", "new job posting"))]
    # real postings that only mention a test are kept
    assert any("covid" in p.path for p in corpus.postings if p.lang == "fr")


@pytest.mark.corpus
def test_real_files_get_each_lint_warning_with_line_and_fix(corpus):
    advisor = "en/senior-policy-advisor--289adf15-22f1-44fb-885c-3b2ea720183b.md"
    [skipped] = _find(corpus, "skipped_heading", advisor)
    assert skipped.line == 18 and "We’re looking for someone who will:" in skipped.reason
    assert skipped.hint == "use ## for this heading"
    [here] = _find(corpus, "vague_link", "en/outreach-assistant-co-op.md")
    assert here.line == 19 and "“here”" in here.reason
    [ici] = _find(corpus, "vague_link", "fr/assistant-de-liaison-et-diffusion-etudiant.md")
    assert "“ici”" in ici.reason
    html = _find(corpus, "html_text",
                 "en/test-job-post-devsecops--a3772e8b-c531-4177-9227-1b1b0790243b.md")
    assert {p.field for p in html} == {"description"}
    assert any(p.code == "open_without_closing" for p in corpus.problems)
    conflicts = [p for p in corpus.problems if p.code == "pair_status_conflict"]
    assert len(conflicts) >= 10 and all(p.values()["shown"] == "archived" for p in conflicts)
    person = "en/people-and-culture-coordinator.md"
    [requirement] = _find(corpus, "pair_requirement_conflict", person)
    assert "bilingual_imperative" in requirement.reason and "fr/" in requirement.reason
    assert all(p.severity == "warning" for p in corpus.problems
               if p.code not in ("yaml_single_quotes", "yaml_not_indented_in"))


def test_synthetic_files_get_every_warning(tmp_path):
    write(tmp_path, "en/a.md", 'title: "Developer"\ntranslationKey: a\nclosing_date: 2027-01-31',
          "## Role\n\n#### Tasks\n\nApply [click here](https://x.example).\n"
          "See [our site](http://insecure.example) and ![](https://x.example/i.png).\n\n"
          '<p>More <a href="https://x.example/a">Cliquez ici</a></p>\n<img src="y.png">\n')
    write(tmp_path, "fr/a.md", 'title: "Développeur"\ntranslationKey: a\narchived: true\n'
          'closing_date: 2027-02-28')
    write(tmp_path, "en/b.md", 'title: "Writer"\ndescription: "<p>Write &#8211; edit</p>"\n'
          'date: 2026-01-01\ntranslationKey: b')
    write(tmp_path, "en/c.md", 'title: "Developer"\ntranslationKey: c\nclosing_date: 2027-01-01')
    write(tmp_path, "en/g.md", 'title: "developer"\ntranslationKey: g\nclosing_date: 2027-01-01')
    write(tmp_path, "en/d.md", 'title: "Lorem"\ndescription: "Lorem ipsum dolor"')
    write(tmp_path, "en/e.md", 'title: "Test Job"\ndraft: false\nclosing_date: 2027-01-01\n'
          "translationKey: e")
    write(tmp_path, "en/f.md", 'title: "Secret plan"\ndraft: true')
    write(tmp_path, "fr/h.md", 'title: "Test Engineer"\nclosing_date: 2027-01-01')
    result = load_all(tmp_path, today=TODAY, open_days=60)
    a = [p for p in result.problems if p.file == "en/a.md"]
    assert [(p.code, p.line) for p in a if p.field == "body"] == [
        ("skipped_heading", 8), ("vague_link", 10), ("insecure_link", 11),
        ("image_without_alt", 11), ("vague_link", 13), ("image_without_alt", 14)]
    assert {"pair_status_conflict", "pair_closing_conflict"} <= set(codes(result, "en/a.md"))
    assert "2027-01-31" in next(p for p in a if p.code == "pair_closing_conflict").reason
    assert codes(result, "en/b.md") == ["html_text", "open_too_long", "open_without_closing"]
    assert result.postings[[p.path for p in result.postings].index("en/b.md")].description == \
        "Write – edit"
    assert codes(result, "en/d.md") == ["placeholder"]
    assert {e.path: e.hidden for e in result.hidden} == {"en/d.md": "placeholder",
                                                         "en/f.md": "draft"}
    assert {"en/e.md", "fr/h.md"} <= {p.path for p in result.postings}  # real ones
    assert codes(result, "en/e.md") == ["missing_translation"]
    # en/a.md is archived through its French file: only c and g are open twice
    twice = [p for p in result.problems if p.code == "open_twice"]
    assert sorted(p.file for p in twice) == ["en/c.md", "en/g.md"]
    assert all("en/c.md, en/g.md" in p.reason for p in twice)


def test_a_large_group_of_copies_names_a_few_files_and_counts_them_all(tmp_path):
    from jobboard.lint import FILES_NAMED

    copies = 4 * FILES_NAMED
    for number in range(copies):
        write(tmp_path, f"en/copy-{number:02d}.md",
              f'title: "Analyst"\ntranslationKey: k{number}\nclosing_date: 2027-01-01', "Text.")
    twice = [p for p in load_all(tmp_path, today=TODAY).problems if p.code == "open_twice"]
    assert len(twice) == copies
    named = ", ".join(f"en/copy-{n:02d}.md" for n in range(FILES_NAMED))
    for found in twice:
        assert f"open under {copies} translation keys: {named}, …" in found.reason
        assert "en/copy-05.md" not in found.reason and len(found.reason) < 300


def test_no_text_is_lost_by_the_lint(tmp_path):
    body = "## A\n\n#### B\n\n[ici](http://x.example) <b>gras</b>\n"
    write(tmp_path, "fr/a.md", 'title: "Analyste"\nclosing_date: 2027-01-01', body)
    [posting] = load_all(tmp_path, today=TODAY).postings
    assert posting.body == body.strip()


TRICKY_HEADINGS = [
    "## A\n#### B\n", "# Title #\n## x ##  \n### ###\n####### seven\n#nospace\n",
    "  ## two spaces\n   ### three\n    #### code\n", "Para\n## interrupts\ntext\n",
    "- item\n  ## in the item\n", "1. x\n\n   ### deep\n", "Heading\n===\n", "Sub\n---\n",
    "* * *\n## after a rule\n", "## trailing \\#\n", "##\tTab\n", "## Café ## \n",
    "   ###    spaced   ###   \n", "## a#\n## b #c\n", "- ## in a list\n", "+ - # nested\n",
    "2) ## numbered\n", "#\n##\n", "## x\n___\n", "> ## quoted\n", "```\n## fenced\n```\n",
    "## Ça va ?\n\n#### Oui\n\nTexte « cité ».\n", "## a ##b\n", "### ##\n", "## ## ##\n",
    # rules and code on the first or the last line, with no newline around them
    "---\n## after a first-line rule\n", "## before a last-line rule\n- - -", "Sub\n===",
    "    # code first\n## b\n", "## a\n3. #", "## a\n   ___   ",
]


@pytest.mark.parametrize("body", TRICKY_HEADINGS)
def test_headings_found_without_parsing_are_the_ones_markdown_finds(body, monkeypatch):
    fast = list(lint._walk(body))
    monkeypatch.setattr(lint, "_plain_headings", lambda text: None)
    assert fast == list(lint._walk(body))


def test_most_bodies_skip_the_markdown_parser():
    plain = [lint._plain_headings(body) is not None for body in TRICKY_HEADINGS]
    assert 8 <= sum(plain) < len(plain)


def test_checks_across_files_use_the_one_status_rule_for_every_combination():
    """Statuses are computed for all files at once: each pair's conflict names the statuses
    `status.file_status` gives its files one by one."""
    import itertools

    from jobboard import status
    from jobboard.records import Entry

    days = (None, TODAY - dt.timedelta(days=400), TODAY - dt.timedelta(days=1), TODAY,
            TODAY + dt.timedelta(days=30))
    kinds = list(itertools.product((False, True), days, days))  # archived, closing, posted
    entries, expected = [], {}
    for n, (english, french) in enumerate(itertools.product(kinds, kinds)):
        for lang, (archived, closing, posted) in (("en", english), ("fr", french)):
            entries.append(Entry(lang, f"k{n}", f"s{n}", f"{lang}/{n}.md", archived, posted,
                                 10, "h", True, True, f"T{n}", None, closing, "BBB/BBB"))
            expected[f"{lang}/{n}.md"] = status.file_status(archived, closing, posted, TODAY,
                                                             60)
    found = lint.check_across(entries, TODAY, 60)
    conflicts = {p.file: dict(p.params) for p in found if p.code == "pair_status_conflict"}
    pairs = {}
    for entry in entries:
        pairs.setdefault(entry.key, []).append(entry.path)
    assert len(pairs) == len(kinds) ** 2
    for en_path, fr_path in pairs.values():
        if expected[en_path] == expected[fr_path]:
            assert en_path not in conflicts
        else:
            assert (conflicts[en_path]["mine"], conflicts[en_path]["theirs"]) == (
                expected[en_path], expected[fr_path])
    assert 0 < len(conflicts) < len(entries)

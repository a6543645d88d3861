import datetime as dt
from pathlib import Path

import pytest

from jobboard.lint import CODES as LINT_CODES
from jobboard.postings import MAX_FILE_BYTES, load_all

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
BROKEN = {
    "fr/responsable-dequipe--aaaa.md": (4, "title", "apostrophe inside single quotes"),
    "fr/concepteur-trice-dinteraction-developpeur-se-front-end--ef1dd61a-bceb-42b5-9029-"
    "5cb139a9c12f.md": (4, "title", "apostrophe inside single quotes"),
    "fr/concepteur-trice-dinteraction-developpeur-se-front-end-fr---ef1dd61a-bceb-42b5-9029-"
    "5cb139a9c12f.md": (4, "title", "apostrophe inside single quotes"),
    "en/senior-stakeholder-relations-advisor---strategic-engagement---685e34db-a7c9-4476-bc60-"
    "ae1c1e751763.md": (8, "description", "line 8 is not indented"),
    "en/senior-stakeholder-relations-advisor-strategic-engagement---685e34db-a7c9-4476-bc60-"
    "ae1c1e751763.md": (8, "description", "line 8 is not indented"),
}
GOOD = """---
title: "Analyste des politiques"
translationKey: "policy"
classification: ["EC-05"]
language_requirement: bilingual_imperative
language_profile: CBC/CBC
closing_date: 2027-01-31
---
Un corps de texte.
"""


def not_lint(result) -> list:
    """The problems that are not content lint (tests/test_lint.py has those)."""
    return [p for p in result.problems if p.code not in LINT_CODES]


def write(root: Path, rel: str, data: bytes | str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_sample_content_loads_without_problems():
    result = load_all(ROOT / "content")
    assert not_lint(result) == []
    # what the sample shows HR on purpose: an image in the raw-HTML posting, postings in one
    # language, two pairs without closing date
    assert sorted({(p.code, p.file.split("/")[0]) for p in result.problems}) == [
        ("image_without_alt", "en"), ("image_without_alt", "fr"), ("missing_translation", "en"),
        ("missing_translation", "fr"), ("open_without_closing", "en"),
        ("open_without_closing", "fr")]
    assert len(result.postings) >= 41
    keys = {p.key for p in result.postings if p.lang == "en"} & {
        p.key for p in result.postings if p.lang == "fr"}
    assert len(keys) >= 20


@pytest.mark.corpus
def test_real_corpus_reports_the_five_broken_files_and_loses_nothing_else():
    result = load_all(CORPUS)
    errors = [p for p in result.problems if p.severity == "error"]
    assert {p.file for p in errors} == set(BROKEN)
    for problem in errors:
        line, field, reason = BROKEN[problem.file]
        assert (problem.line, problem.field) == (line, field)
        assert reason in problem.reason and problem.hint
    titles = [p for p in errors if p.field == "title"]
    assert all("use double quotes" in p.hint for p in titles)
    kept = {p.path for p in result.postings} | {entry.path for entry in result.hidden}
    dropped = {path for c in result.collapsed for path in c.dropped}
    every_file = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.md")}
    assert kept | dropped | set(BROKEN) == every_file
    assert not kept & dropped


@pytest.mark.corpus
def test_copies_sharing_a_translation_key_collapse_to_one_per_language():
    result = load_all(CORPUS)
    seen = [(p.lang, p.key) for p in result.postings]
    assert len(seen) == len(set(seen))
    assert result.collapsed
    for collapse in result.collapsed:
        assert collapse.kept not in collapse.dropped
        copies = [p for p in result.postings if (p.lang, p.key) == (collapse.lang, collapse.key)]
        assert [p.path for p in copies] == [collapse.kept]


@pytest.mark.parametrize(("rel", "data", "field", "reason"), [
    ("en/latin1.md", "---\ntitle: Caf\xe9\n---\nbody".encode("latin-1"), "file",
     "is not valid UTF-8"),
    ("en/binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "file", "binary file"),
    ("en/huge.md", b"---\ntitle: Huge\n---\n" + b"word " * (MAX_FILE_BYTES // 4), "body",
     "over the"),
    ("en/empty.md", b"", "file", "empty"),
    ("en/no-front-matter.md", b"# Just a heading\n\nSome text.", "front matter",
     "no front matter"),
    ("en/no-title.md", b"---\ndescription: no title here\n---\nbody", "title", "missing"),
    ("en/bad-yaml.md", b"---\ntitle: 'L'equipe'\n---\nbody", "title", "apostrophe"),
    ("notes/unknown-lang.md", b"---\ntitle: Where am I\n---\nbody", "lang", "unknown"),
])
def test_bad_files_become_problems_and_nothing_else_is_lost(tmp_path, rel, data, field, reason):
    write(tmp_path, "fr/good.md", GOOD)
    write(tmp_path, rel, data)
    result = load_all(tmp_path)
    assert [p.path for p in result.postings] == ["fr/good.md"]
    [problem] = not_lint(result)
    assert (problem.file, problem.field, problem.severity) == (rel, field, "error")
    assert reason in problem.reason and problem.hint


def test_ten_megabyte_body_is_refused_quickly(tmp_path):
    write(tmp_path, "en/ten-mb.md", b"---\ntitle: Big\n---\n" + b"x" * 10_000_000)
    [problem] = not_lint(load_all(tmp_path))
    assert "over the" in problem.reason


@pytest.mark.parametrize(("front", "field", "reason"), [
    ('classification: ["XX-03", "IT-03"]', "classification", "unknown occupational group"),
    ("closing_date: next friday", "closing_date", "is not a date"),
    ("date: 2026-13-45", "date", "is not a date"),
    ("language_requirement: klingon", "language_requirement", "is not a language requirement"),
    ("salary_min: lots", "salary_min", "is not an amount"),
    ("tenure: forever", "tenure", "is not a known tenure"),
    ("archived: maybe", "archived", "is not true or false"),
])
def test_bad_optional_fields_are_warnings_and_the_posting_is_kept(tmp_path, front, field,
                                                                 reason):
    write(tmp_path, "en/x.md", f"---\ntitle: X\n{front}\n---\nbody")
    result = load_all(tmp_path)
    assert len(result.postings) == 1
    [problem] = not_lint(result)
    assert (problem.field, problem.severity) == (field, "warning")
    assert reason in problem.reason


def test_unknown_code_is_dropped_but_known_code_kept(tmp_path):
    write(tmp_path, "en/x.md", '---\ntitle: X\nclassification: ["XX-03", "it3"]\n---\nbody')
    [posting] = load_all(tmp_path).postings
    assert [c.code for c in posting.classifications] == ["IT-03"]
    assert posting.classification_source == "front matter"


def test_translation_key_used_twice_in_one_language_is_reported(tmp_path):
    write(tmp_path, "fr/a.md", GOOD)
    write(tmp_path, "fr/b.md", GOOD.replace("archived", "x") + "\nA longer body wins.\n")
    result = load_all(tmp_path)
    assert [p.path for p in result.postings] == ["fr/b.md"]
    [problem] = not_lint(result)
    assert problem.file == "fr/a.md" and problem.field == "translationKey"
    assert "fr/b.md" in problem.reason
    assert result.collapsed[0].dropped == ("fr/a.md",)


def test_structured_fields_and_pairing(tmp_path):
    write(tmp_path, "fr/analyste.md", GOOD)
    write(tmp_path, "en/analyst.md", GOOD.replace("Analyste des politiques", "Policy analyst"))
    result = load_all(tmp_path)
    french = next(p for p in result.postings if p.lang == "fr")
    assert french.slug == "analyste" and french.uid == "fr-analyste"
    assert [c.code for c in french.classifications] == ["EC-05"]
    assert (french.language_requirement, french.language_profile) == (
        "bilingual_imperative", "CBC/CBC")
    assert french.closing_date == dt.date(2027, 1, 31)
    assert french.status(dt.date(2027, 1, 31)) == "open"
    assert french.status(dt.date(2027, 2, 1)) == "closed"
    assert result.translation_of(french).path == "en/analyst.md"


def test_body_values_fill_missing_front_matter_and_record_their_source(tmp_path):
    write(tmp_path, "en/x.md", "---\ntitle: X\nlanguage_requirement: english_essential\n---\n"
          "This position is classified as IT-03. It is bilingual imperative CBC/CBC.")
    [posting] = load_all(tmp_path).postings
    assert [c.code for c in posting.classifications] == ["IT-03"]
    assert posting.classification_source == "body"
    assert posting.language_requirement == "english_essential"
    assert posting.language_requirement_source == "front matter"


def test_language_from_lang_field_outside_language_folders(tmp_path):
    write(tmp_path, "postings/x.md", "---\ntitle: X\nlang: fr\n---\nbody")
    [posting] = load_all(tmp_path).postings
    assert posting.lang == "fr"


def test_missing_content_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_all(tmp_path / "nope")


def test_province_codes_and_yes_no_words_stay_text_while_booleans_still_read(tmp_path):
    """YAML 1.1 reads ON, no, yes, off as booleans: "Ottawa, ON" unquoted lost the province."""
    front = GOOD.replace('closing_date:', 'locations: [Ottawa, ON, Regina, SK]\narchived: yes\n'
                                          'tenure: No\nclosing_date:')
    write(tmp_path, "en/a.md", front.replace("Analyste des politiques", "Analyst"))
    write(tmp_path, "en/b.md", GOOD.replace('closing_date:', 'archived: TRUE\nclosing_date:')
          .replace('translationKey: "policy"', 'translationKey: "other"'))
    result = load_all(tmp_path)
    a, b = sorted(result.postings, key=lambda p: p.path)
    assert a.locations == ("Ottawa", "ON", "Regina", "SK")
    assert a.archived is True and b.archived is True
    assert not [p for p in not_lint(result) if p.field == "archived"]


def test_many_files_parsed_by_two_processes_load_as_in_one(monkeypatch):
    import os

    from jobboard import postings
    alone = load_all(CORPUS)
    forked: list[int] = []
    parse = postings.load_posting

    def counted(path, root):
        forked.append(os.getpid())
        return parse(path, root)

    monkeypatch.setattr(postings, "load_posting", counted)
    assert len(alone.records) >= postings.PARALLEL_FROM
    both = load_all(CORPUS, procs=2)
    assert forked == []  # the children's calls are theirs: none ran in this process
    assert both.records == alone.records and both.entries == alone.entries
    assert both.problems == alone.problems and both.parsed == alone.parsed

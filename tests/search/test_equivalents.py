"""Bilingual equivalents: the reviewed list, HR's own file, and their effect on real postings."""

import shutil

import pytest

from jobboard.search import equivalents
from jobboard.search.engine import SearchIndex
from jobboard.search.equivalents import Equivalents, EquivalentsError, parse
from jobboard.search.parse import parse_user_query
from jobboard.search.query import SearchRequest

ALL = {"status": ("all",)}


def keys(index, today, q, lang="en", size=10):
    results = index.search(SearchRequest(q=q, ui_lang=lang, filters=ALL, page_size=size),
                           today=today)
    return [hit.key for hit in results.hits]


def test_the_reviewed_list_is_valid_and_bilingual():
    groups = parse(equivalents.CURATED.read_text(encoding="utf-8"), equivalents.CURATED)
    assert len(groups) >= 80
    phrases = {phrase for group in groups for phrase in group}
    for needed in ("dev", "HR", "RH", "IT", "TI", "QA", "UX", "PM", "développeur", "developer",
                   "chef de projet", "gestionnaire de projet", "data scientist",
                   "scientifique des données", "programmeur"):
        assert needed in phrases


@pytest.mark.parametrize(("q", "lang", "expected"), [
    ("programmeur généraliste", "fr", "fullstack-notify"),  # synonym of développeur
    ("dev python", "en", "senior-software-developer-python"),  # abbreviation
    ("coordonnateur RH", "fr", "people-ops-coordinator"),  # RH = ressources humaines
    ("chief of staff", "fr", "chef-de-cabinet"),  # an English title on the French pages
    ("chef de produit", "fr", "senior-product-manager"),  # = gestionnaire de produits
    ("marketing specialist", "en", "technical-marketer"),
    ("DEI", "en", "diversity-inclusion-manager"),
    ("site reliability engineer", "en", "covid-alert-sre-dev"),
])
def test_equivalents_find_postings_worded_otherwise(corpus_index, today, q, lang, expected):
    assert expected in keys(corpus_index, today, q, lang)


class _Without:
    def current(self):
        return Equivalents((), ("none",))


@pytest.mark.parametrize(("q", "lang"), [("developer", "en"), ("content designer", "en"),
                                         ("conseiller", "fr"), ("policy advisor", "en"),
                                         ("gestionnaire", "fr")])
def test_the_best_matches_of_the_typed_words_keep_their_places(corpus_index, today, q, lang):
    plain = SearchIndex(corpus_index.index_dir)
    plain.equivalents = _Without()
    typed = set(keys(plain, today, q, lang, size=100))
    widened = keys(corpus_index, today, q, lang, size=100)
    assert corpus_index.search(SearchRequest(q=q, ui_lang=lang), today=today).also_searched
    assert typed <= set(widened)
    assert set(widened[:min(10, len(typed))]) <= typed  # others come after


def test_people_are_told_what_was_also_searched(corpus_index, today):
    results = corpus_index.search(SearchRequest(q="developer", filters=ALL), today=today)
    assert "développeur" in results.also_searched
    assert corpus_index.search(SearchRequest(q="python", filters=ALL),
                               today=today).also_searched == ()


def test_longest_phrase_wins_and_feminine_forms_meet_their_group():
    known = Equivalents((("full stack developer", "développeur généraliste"),
                         ("developer", "développeur"), ("full stack", "généraliste")))
    [span] = known.expansions(parse_user_query("full stack developer"))
    assert (span.first, span.last, span.texts) == (0, 2, ("développeur généraliste",))
    [span] = known.expansions(parse_user_query("développeuses"))
    assert span.texts == ("developer",)
    assert known.expansions(parse_user_query('"developer" analy*')) == []


def test_groups_sharing_a_phrase_merge():
    known = Equivalents((("HR", "human resources"), ("RH", "ressources humaines", "HR")))
    assert set(known.lookup("RH")) == {"HR", "human resources", "ressources humaines"}


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("- [dev, developer]\n- dev\n", 2, "a group must be a list of phrases"),
    ("- [dev]\n", 1, "at least two phrases"),
    ("- [dev, developer]\n- [x, Dév]\n", 2, "“Dév” is already in the group on line 1"),
    ("- [a, {b: c}]\n", 1, "each phrase must be a word"),
    ("- [a, b\n", 2, "not valid YAML"),
    ("dev: developer\n", 1, "the file must be a list of groups"),
    (f"- [a, {'word ' * 7}]\n", 1, "too long"),
    ("- [a, '!!']\n", 1, "no letters or digits"),
])
def test_bad_files_name_the_line_and_the_problem(text, line, problem):
    with pytest.raises(EquivalentsError) as error:
        parse(text, "content/equivalents.yaml")
    assert error.value.line == line and problem in error.value.problem
    assert str(error.value).startswith(f"content/equivalents.yaml:{line}: ")


def test_hr_entries_apply_at_once_without_a_reindex(sample_index, today, tmp_path):
    index = SearchIndex(sample_index.index_dir, content_dir=tmp_path)
    assert index.search(SearchRequest(q="zorblax"), today=today).total == 0
    (tmp_path / "equivalents.yaml").write_text("- [zorblax, economist]\n", encoding="utf-8")
    found = index.search(SearchRequest(q="zorblax"), today=today)
    assert found.total > 0 and "economist" in found.also_searched
    (tmp_path / "equivalents.yaml").write_text("- [zorblax\n", encoding="utf-8")  # broken
    assert index.search(SearchRequest(q="zorblax"), today=today).total == 0
    assert index.search(SearchRequest(q="dev"), today=today).also_searched  # reviewed list


def test_check_content_reports_a_broken_equivalents_file(tmp_path):
    from click.testing import CliRunner

    from jobboard.cli import cli
    from tests.search.conftest import SAMPLE

    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    runner = CliRunner()
    assert runner.invoke(cli, ["check-content", str(content)]).exit_code == 0
    (content / "equivalents.yaml").write_text("- [dev, developer]\n- [QA]\n", encoding="utf-8")
    result = runner.invoke(cli, ["check-content", str(content)])
    assert result.exit_code == 1
    assert f"{content / 'equivalents.yaml'}:2: a group needs at least two phrases" in result.output

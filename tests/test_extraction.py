"""Body extraction measured against hand-labelled real postings (read in place)."""

import csv
from pathlib import Path

import frontmatter
import pytest

from jobboard import extraction, taxonomy

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "cds"
DATA = Path(__file__).parent / "data"
BILINGUAL = {"bilingual", "bilingual_imperative", "bilingual_non_imperative"}


def _labels(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _score(rows: list[dict]) -> dict[str, tuple[float, float]]:
    counts = {"classification": [0, 0, 0], "language": [0, 0, 0]}  # tp, fp, fn
    for row in rows:
        post = frontmatter.load(CORPUS / row["file"])
        found = extraction.extract(post.content, row["lang"])
        expected = {c.code for c in taxonomy.parse_classifications(row["classifications"])}
        got = {c.code for c in found.classifications}
        tally = counts["classification"]
        tally[0] += len(got & expected)
        tally[1] += len(got - expected)
        tally[2] += len(expected - got)
        want, have = row["language_requirement"] or None, found.language_requirement
        right = want == have or (want == "bilingual" and have in BILINGUAL)
        tally = counts["language"]
        if want and have:
            tally[0 if right else 1] += 1
            tally[2] += 0 if right else 1
        elif have:
            tally[1] += 1
        elif want:
            tally[2] += 1
    return {name: (tp / max(1, tp + fp), tp / max(1, tp + fn))
            for name, (tp, fp, fn) in counts.items()}


@pytest.mark.corpus
@pytest.mark.parametrize("labels", ["extraction_labels.tsv", "extraction_labels_heldout.tsv"])
def test_extraction_precision_and_recall_on_labelled_real_postings(labels):
    rows = _labels(labels)
    assert len(rows) >= 40
    scores = _score(rows)
    for name, (precision, recall) in scores.items():
        print(f"{labels} {name}: precision {precision:.3f}, recall {recall:.3f}")
        assert precision >= 0.95 and recall >= 0.95, (name, precision, recall)


@pytest.mark.parametrize(("body", "codes"), [
    ("This position is classified as CS-03, CS-04 or CS-05 in the Computer Systems group.",
     ["IT-03", "IT-04", "IT-05"]),
    ("Ce poste est classé [AS-02 ou AS-03](https://example.com/view?id=1#toc12259).",
     ["AS-02", "AS-03"]),
    ("This role is classified as **EC 06-07** in the Economics group.", ["EC-06", "EC-07"]),
    ("classified as CS4/CS5 in the Computer Systems group", ["IT-04", "IT-05"]),
    ("classified as an IT-4, previously CS-4", ["IT-04"]),
    ("We use languages such as Python and Go.", []),
])
def test_find_classifications(body, codes):
    assert [c.code for c in extraction.extract(body, "en").classifications] == codes


POOL_EN = ("A pool of qualified persons resulting from this process MAY be created and MAY be "
           "used to fill similar positions, with linguistic profiles (english essential, "
           "bilingual imperative BBB/BBB, bilingual imperative CBC/CBC).")
POOL_FR = ("Un bassin de personnes qualifiées pourrait être utilisé afin de pourvoir des postes "
           "semblables dont le profil linguistique (anglais essentiel, bilingue impératif "
           "BBB/BBB, bilingue impératif CBC/CBC) peut varier.")


@pytest.mark.parametrize(("body", "requirement", "profile"), [
    (POOL_EN, None, None),
    (POOL_FR, None, None),
    (f"This position is bilingual imperative CBC/CBC.\n\n{POOL_EN}", "bilingual_imperative",
     "CBC/CBC"),
    (f"Exigences linguistiques : bilingue impératif CBC/CBC.\n\n{POOL_FR}",
     "bilingual_imperative", "CBC/CBC"),
    ("Language requirement: bilingual non-imperative BBB/BBB.", "bilingual_non_imperative",
     "BBB/BBB"),
    ("Bilingualism is required for this position.", "bilingual", None),
    ("In government speak, this role is ‘CBC’.", "bilingual", "CBC/CBC"),
    ("Selon les catégories gouvernementales, ce rôle est « CBC ».", "bilingual", "CBC/CBC"),
    ("This position is English Essential, with Bilingualism as an asset.", "english_essential",
     None),
    ("Bilingualism would be considered an asset.", None, None),
    ("un poste bilingue impératif (CBC) et un poste anglais essentiel", "various", None),
    # Either staffing option: bilingual, neither imperative nor non-imperative; profile kept.
    ("Language requirement: Bilingual imperative/non-imperative CBC/CBC.", "bilingual",
     "CBC/CBC"),
    ("This position is Bilingual Non-imperative or Imperative (BBB/BBB).", "bilingual",
     "BBB/BBB"),
    ("Exigences linguistiques : bilingue impératif ou non impératif CBC/CBC.", "bilingual",
     "CBC/CBC"),
    ("Exigence linguistique : bilingue impératif/non impératif CBC/CBC", "bilingual",
     "CBC/CBC"),
    # A bare profile right after the category.
    ("Ce poste est bilingue impératif CBC.", "bilingual_imperative", "CBC/CBC"),
    ("Il est désigné « bilingue impératif (BBB)* ».", "bilingual_imperative", "BBB/BBB"),
    ("We need strong communication skills in either English or French.",
     "english_or_french_essential", None),
])
def test_find_language_requirement_ignores_pool_boilerplate(body, requirement, profile):
    found = extraction.extract(body, "en")
    assert (found.language_requirement, found.language_profile) == (requirement, profile)


@pytest.mark.parametrize("name", [
    "fr/administrateur-de-recrutement-administratrice-de-recrutement.md",
    "en/recruitment-administrator.md",
])
def test_a_profile_right_after_the_category_is_read_on_real_postings(name):
    # « Il est désigné "bilingue impératif (BBB)*" »: the profile used to be lost.
    found = extraction.extract(frontmatter.load(CORPUS / name).content, name[:2])
    assert (found.language_requirement, found.language_profile) == (
        "bilingual_imperative", "BBB/BBB")

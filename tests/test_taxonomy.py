import pytest

from jobboard import taxonomy


@pytest.mark.parametrize(("text", "codes", "written"), [
    ("IT-03", ["IT-03"], ["IT-03"]),
    ("IT03", ["IT-03"], ["IT-03"]),
    ("it 3", ["IT-03"], ["IT-03"]),
    ("IT-3", ["IT-03"], ["IT-03"]),
    ("IT\u201103", ["IT-03"], ["IT-03"]),
    ("CS-03, CS-04 or CS-05", ["IT-03", "IT-04", "IT-05"], ["CS-03", "CS-04", "CS-05"]),
    ("CS-03, CS-04 ou CS-05", ["IT-03", "IT-04", "IT-05"], ["CS-03", "CS-04", "CS-05"]),
    ("EC-06/EC-07", ["EC-06", "EC-07"], ["EC-06", "EC-07"]),
    ("FI-02", ["CT-FIN-02"], ["FI-02"]),
    ("CT-FIN-02", ["CT-FIN-02"], ["CT-FIN-02"]),
    ("ct fin 2", ["CT-FIN-02"], ["CT-FIN-02"]),
    ("IT-04 (formerly CS-04)", ["IT-04"], ["IT-04"]),
    ("no code here", [], []),
])
def test_parse_classifications(text, codes, written):
    found = taxonomy.parse_classifications(text)
    assert [c.code for c in found] == codes
    assert [c.written for c in found] == written


def test_legacy_code_is_flagged_and_labelled_in_both_languages():
    code = taxonomy.parse_classification_value("CS-04")
    assert (code.code, code.written, code.is_legacy) == ("IT-04", "CS-04", True)
    assert taxonomy.group_label("IT", "fr") == "Technologies de l’information"
    assert taxonomy.group_label("IT", "en") == "Information Technology"


@pytest.mark.parametrize(("value", "message"), [
    ("XX-03", "unknown occupational group “XX”"),
    ("IT", "a classification looks like IT-03"),
    ("IT-03, IT-04", "a classification looks like IT-03"),
])
def test_parse_classification_value_explains_bad_codes(value, message):
    with pytest.raises(ValueError, match=message):
        taxonomy.parse_classification_value(value)


@pytest.mark.parametrize(("text", "code"), [
    ("english_essential", "english_essential"),
    ("English essential", "english_essential"),
    ("Anglais essentiel", "english_essential"),
    ("Français essentiel", "french_essential"),
    ("French essential", "french_essential"),
    ("English or French essential", "english_or_french_essential"),
    ("Anglais ou français essentiel", "english_or_french_essential"),
    ("English or French", "english_or_french_essential"),
    ("Bilingual imperative", "bilingual_imperative"),
    ("Bilingual - imperative", "bilingual_imperative"),
    ("Bilingue - Impératif", "bilingual_imperative"),
    ("bilingue imperatif", "bilingual_imperative"),
    ("Bilingual non-imperative", "bilingual_non_imperative"),
    ("Bilingue non impératif", "bilingual_non_imperative"),
    ("Bilingual imperative/non-imperative", "bilingual"),  # either staffing option
    ("Bilingue impératif ou non impératif", "bilingual"),
    ("Various", "various"),
    ("Divers", "various"),
    ("Bilingual", "bilingual"),
    ("bilingue", "bilingual"),
    ("Klingon essential", None),
])
def test_parse_language_requirement(text, code):
    assert taxonomy.parse_language_requirement(text) == code


def test_every_requirement_has_both_labels():
    for code, labels in taxonomy.LANGUAGE_REQUIREMENTS.items():
        assert labels["en"] and labels["fr"] and labels["en"] != code


@pytest.mark.parametrize(("text", "profile"), [
    ("BBB/BBB", "BBB/BBB"), ("cbc / cbc", "CBC/CBC"), ("CBC", "CBC/CBC"),
    ("bilingue impératif CBC/CBC", "CBC/CBC"), ("EEE/EEE", "EEE/EEE"), ("nonsense", None),
])
def test_parse_language_profile(text, profile):
    assert taxonomy.parse_language_profile(text) == profile


@pytest.mark.parametrize(("have", "need", "meets"), [
    ("CBC", "BBB/BBB", True), ("BBB", "CBC/CBC", False), ("EEE", "CCC/CCC", True),
    ("CAC", "BBB", False), ("ABA", "AAA", True),
])
def test_profile_meets_orders_levels_a_b_c_e(have, need, meets):
    assert taxonomy.profile_meets(have, need) is meets

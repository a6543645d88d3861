"""Accommodation contacts (jobboard/accommodation.py): front matter, defaults, tel: links."""

import pytest

from jobboard.accommodation import Contact, contact_for, parse
from jobboard.postings import load_posting


@pytest.mark.parametrize("value, email, phone", [
    ("hire@example.gc.ca", "hire@example.gc.ca", None),
    ({"email": "hire@example.gc.ca", "phone": "613-555-0100"}, "hire@example.gc.ca",
     "613-555-0100"),
    ({"email": "hire@example.gc.ca", "phone": "+1 (613) 555-0100 poste 44"},
     "hire@example.gc.ca", "+1 (613) 555-0100 poste 44"),
    (None, None, None),
])
def test_front_matter_forms(value, email, phone):
    problems = []
    assert parse({"accommodation_contact": value}, "en/a.md", problems) == {
        "accommodation_email": email, "accommodation_phone": phone}
    assert problems == []


@pytest.mark.parametrize("value, reason", [
    ("not an address", "“not an address” is not an email address"),
    ({"email": "a@b.ca", "phone": "call me"}, "“call me” is not a telephone number"),
    ({"mail": "a@b.ca"}, "unknown key(s) mail"),
])
def test_bad_values_are_warnings_naming_the_field(value, reason):
    problems = []
    parse({"accommodation_contact": value}, "fr/b.md", problems)
    assert [(p.file, p.field, p.reason, p.severity) for p in problems] == [
        ("fr/b.md", "accommodation_contact", reason, "warning")]


def test_a_posting_file_carries_its_contact(tmp_path):
    path = tmp_path / "en" / "job.md"
    path.parent.mkdir()
    path.write_text('---\ntitle: Job\naccommodation_contact:\n  email: x@example.gc.ca\n'
                    '  phone: "819-555-0199"\n---\nBody.\n', encoding="utf-8")
    posting, problems = load_posting(path, tmp_path)
    assert problems == []
    assert (posting.accommodation_email, posting.accommodation_phone) == (
        "x@example.gc.ca", "819-555-0199")


@pytest.mark.parametrize("email, phone, settings, expected", [
    ("own@x.ca", "613-555-0100", {"ACCOMMODATION_EMAIL": "d@x.ca"},
     Contact("own@x.ca", "613-555-0100")),
    (None, None, {"ACCOMMODATION_EMAIL": "d@x.ca", "ACCOMMODATION_PHONE": "1-800-555-0100"},
     Contact("d@x.ca", "1-800-555-0100")),
    (None, "613-555-0100", {"FEEDBACK_EMAIL": "f@x.ca"}, Contact("f@x.ca", None)),
    (None, None, {}, None),
])
def test_the_posting_wins_then_the_settings(email, phone, settings, expected):
    assert contact_for(email, phone, settings) == expected


@pytest.mark.parametrize("phone, tel", [
    ("613-555-0100", "tel:6135550100"),
    ("+1 (613) 555-0100 ext. 12", "tel:+16135550100;ext=12"),
])
def test_tel_links(phone, tel):
    assert Contact("a@b.ca", phone).tel == tel

import pytest

from jobboard import eligibility


@pytest.mark.parametrize(("body", "areas"), [
    ("Who can apply: Persons residing in Canada and Canadian citizens residing abroad.",
     ("public",)),
    ("**Qui est admissible :** les fonctionnaires fédéraux", ("public_service",)),
    ("This process is open to students enrolled full time.", ("students",)),
    ("Ce processus est ouvert aux étudiant·e·s à temps plein.", ("students",)),
    ("Who can apply: persons residing in the National Capital Region", ("region",)),
    ("Area of selection: employees of the federal public service and students",
     ("students", "public_service")),
    # a team helping public servants, a candidate open to feedback: not who can apply
    ("We help public servants. You are open to feedback from the public.", ()),
    ("We are working in the open to help everyone across government.", ()),
])
def test_areas_in_body_reads_only_statements_of_who_can_apply(body, areas):
    assert eligibility.areas_in_body(body) == areas


@pytest.mark.parametrize(("value", "areas"), [
    ("public_service", ("public_service",)), ("public servants", ("public_service",)),
    ("Ouvert au public", ("public",)), ("Students", ("students",)), ("nonsense", ()),
])
def test_parse_area(value, areas):
    assert eligibility.parse_area(value) == areas


@pytest.mark.parametrize(("own", "source_id", "template", "url"), [
    ("https://apply.example/1", "0b4e2d9a-aaaa", "https://x/{leverId}", "https://apply.example/1"),
    (None, "0b4e2d9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "https://jobs.example/{leverId}/apply",
     "https://jobs.example/0b4e2d9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/apply"),
    (None, "jb-2026-0011", "https://jobs.example/{leverId}", "https://jobs.example/jb-2026-0011"),
    (None, "test-lever-id", "https://jobs.example/{leverId}", None),
    (None, "aaaa", "https://jobs.example/{leverId}", None),
    (None, "https://elsewhere/x", "https://jobs.example/{leverId}", None),
    (None, "jb-2026-0011", None, None),
    (None, None, "https://jobs.example/{leverId}", None),
])
def test_apply_url_prefers_the_postings_own_then_the_template(own, source_id, template, url):
    assert eligibility.apply_url(own, source_id, template) == url


@pytest.mark.parametrize(("value", "ok"), [
    ("https://jobs.example/apply", True), ("http://x.example", True),
    ("javascript:alert(1)", False), ("/relative", False), ("https://", False),
])
def test_is_web_address(value, ok):
    assert eligibility.is_web_address(value) is ok

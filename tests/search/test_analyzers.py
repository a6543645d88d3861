import pytest

from jobboard.search.analyzers import folded_words, tokens


@pytest.mark.parametrize(("text", "expected"), [
    ("L’équipe d’analyse des données", ["equip", "analys", "don"]),
    ("l'équipe d'analyse", ["equip", "analys"]),
    ("qu’il jusqu’à lorsqu’on cette", []),
    ("l’analyste qu’elle", ["analyst"]),
    ("employé employée employe employees", ["employ", "employ", "employ", "employ"]),
    ("données donnees donnée", ["don", "don", "don"]),
    ("sécurité securite", ["securit", "securit"]),
    ("développeur·euse développeuse développeurs", ["developpeur"] * 3),
    ("concepteur·trice conceptrice", ["concepteur", "concepteur"]),
    ("conseillère conseiller conseillères", ["conseil"] * 3),
    ("infirmière infirmier première premier", ["infirmi", "infirmi", "premi", "premi"]),
    ("adjoint·e adjointe candidat·e·s", ["adjoint", "adjoint", "candidat"]),
    ("Ottawa\u00a0(Ontario)", ["ottaw", "ontario"]),
    ("peut\u2011être", ["peut", "etre"]),
    ("sécu\u00adrité", ["securit"]),
    ("sécu\u200brité", ["securit"]),
    ("de\u0301veloppeur", ["developpeur"]),
    ("Gestionnaire des politiques", ["gestionnair", "polit"]),
    ("le la les de du des et à", []),
])
def test_french_analyzer(text, expected):
    assert tokens("fr", text) == expected


# Feminine job titles as French postings and the OQLF write them, each meeting its masculine.
@pytest.mark.parametrize(("feminine", "masculine"), [
    ("la cheffe de la gestion de portefeuille", "le chef de la gestion de portefeuille"),
    ("cheffes d’équipe", "chefs d’équipe"),
    ("professeure adjointe", "professeur adjoint"),
    ("professeures", "professeurs"),
    ("ingénieure logiciel", "ingénieur logiciel"),
    ("ingénieure de fiabilité des sites", "ingénieur de fiabilité des sites"),
    ("auteure", "auteur"),
    ("docteure", "docteur"),
    ("hôtesse d’accueil", "hôte d’accueil"),
    ("maîtresse d’œuvre", "maître d’œuvre"),
    ("mairesse", "maire"),
    ("doctoresse", "docteur"),
    ("Candidat·e·s", "candidats"),
    ("candidat.e.s sélectionné.e.s", "candidats sélectionnés"),
    ("citoyen-ne-s", "citoyens"),
    ("candidat(e)s", "candidats"),
    ("conseiller(ère)s", "conseillers"),
    ("Développeur-développeuse principal.e", "développeur-développeur principal"),
    ("chef(fe) d’équipe", "chef d’équipe"),
    ("directeur•trice", "directeur"),
    ("ÉTUDIANT.E.S", "étudiants"),
])
def test_french_feminine_and_inclusive_forms_meet_the_masculine(feminine, masculine):
    assert tokens("fr", feminine) == tokens("fr", masculine) != []


@pytest.mark.parametrize("word", ["adresse", "vitesse", "grossesse", "jeunesse", "promesse",
                                  "greffe", "U.S.", "e-mail", "peut-être"])
def test_words_that_only_look_feminine_are_left_alone(word):
    stripped = {"adresse": "adre", "vitesse": "vit", "grossesse": "gross", "jeunesse": "jeun",
                "promesse": "prom", "greffe": "gref"}
    assert all(token != stripped.get(word) for token in tokens("fr", word))


@pytest.mark.parametrize(("text", "expected"), [
    ("Developers' data-driven services", ["develop", "data", "driven", "servic"]),
    ("developer development developing", ["develop"] * 3),
    ("The policy analyst", ["polici", "analyst"]),
    ("CDS’s café résumé", ["cds", "cafe", "resum"]),
    ("sécu\u00adrity", ["secur"]),
    ("the and of to", []),
])
def test_english_analyzer(text, expected):
    assert tokens("en", text) == expected


@pytest.mark.parametrize(("accented", "plain"), [
    ("développeur", "developpeur"), ("données", "donnees"), ("sécurité", "securite"),
    ("employé", "employe"), ("équipe", "equipe"), ("télétravail", "teletravail"),
    ("Québec", "quebec"), ("intérim", "interim"),
])
def test_french_folding_before_stemming_makes_accents_optional(accented, plain):
    assert tokens("fr", accented) == tokens("fr", plain) != []


def test_folded_words_keep_prefixes_unstemmed():
    assert folded_words("Analy* Déve·loppeur") == ["analy", "deve"]


def test_texts_without_combining_accents_are_split_by_the_quicker_pattern():
    """The plain-letters pattern finds exactly the words of WORD_PATTERN in texts without
    combining accents (every sample posting, and inclusive and joined forms)."""
    import re

    from helpers import CONTENT

    from jobboard.search import analyzers

    texts = [path.read_text(encoding="utf-8") for path in sorted(CONTENT.rglob("*.md"))]
    texts += ["candidat.e.s citoyen-ne-s chef(fe) conseiller(ère)s étudiant(e)s x.y 3.e",
              "dé\u00adveloppeur·euse co\u200bop a\u2060b _a_b é_ 12ème C++ l’été (e) -ne"]
    full = re.compile(analyzers.WORD_PATTERN)
    for text in texts:
        assert not analyzers._COMBINING.search(text)
        assert analyzers._PLAIN_WORD.findall(text) == full.findall(text)
    assert len(texts) > 20


def test_combining_accents_still_join_their_letters():
    assert tokens("fr", "de\u0301veloppeuse et cafe\u0301") == tokens("fr", "développeuse et café")

"""Sentence templates of the synthetic postings, as (English, French) pairs with named slots.

Slots: {title} {team} {dept} {topic} {topic2} {duty} {skill} {skill2} {audience} {value}
{value2} {name} {years} {city}. French slot values carry their article ("l’équipe", "les
données"), so templates put them after words that never elide: sur, pour, avec, dans.
"""

from __future__ import annotations

INTRO = (
    ("{dept} is hiring a new {title} to join its {team} in {city}.",
     "{dept} recrute un·e {title} pour se joindre à son {team} à {city}."),
    ("Do you want to improve how government serves {audience}? Our {team} is looking for you.",
     "Vous voulez améliorer la façon dont le gouvernement sert {audience}? Notre "
     "{team} vous cherche."),
    ("We are creating a pool of qualified candidates for {title} positions.",
     "Nous créons un bassin de candidat·e·s qualifié·e·s pour des postes de {title}."),
    ("The {name} project needs people who care about {topic} and about {audience}.",
     "Le projet {name} a besoin de personnes qui s’intéressent vraiment à {topic} et "
     "à {audience}."),
    ("This is an opportunity to work on {topic} with a team that values {value} and {value2}.",
     "C’est l’occasion de travailler sur {topic} avec une équipe qui valorise {value} "
     "et {value2}."),
)

DUTIES = (
    ("{duty} for the {name} program", "{duty} pour le programme {name}"),
    ("{duty} with partners across the {team}", "{duty} avec les partenaires de l’{team}"),
    ("Work on {topic} and {topic2}", "Travailler sur {topic} et sur {topic2}"),
    ("{duty}, then explain the results plainly to managers",
     "{duty}, puis expliquer clairement les résultats aux gestionnaires"),
    ("Share what you learn about {topic} with other teams",
     "Faire connaître ce que vous apprenez sur {topic} aux autres équipes"),
    ("Help modernize {topic} so that it serves {audience} better",
     "Aider à moderniser {topic} afin qu’elle serve mieux {audience}"),
    ("{duty} in an agile, open and collaborative way",
     "{duty} d’une manière agile, ouverte et collaborative"),
    ("Coach colleagues on {skill} and {skill2}", "Encadrer vos collègues avec {skill} et {skill2}"),
)

SKILLS = (
    ("At least {years} years of experience with {skill}",
     "Au moins {years} ans d’expérience avec {skill}"),
    ("Experience with {skill} and {skill2}", "De l’expérience avec {skill} et avec {skill2}"),
    ("A degree from a recognized post-secondary institution, or an acceptable combination of "
     "education, training and experience",
     "Un diplôme d’un établissement d’enseignement postsecondaire reconnu, ou une combinaison "
     "acceptable d’études, de formation et d’expérience"),
    ("Knowledge of {topic} in a government context",
     "Une connaissance concrète dans le domaine suivant : {topic}, dans un contexte "
     "gouvernemental"),
    ("The ability to explain complex ideas about {topic} in plain language",
     "La capacité d’expliquer en langage clair des idées complexes sur {topic}"),
    ("You are curious, you ask questions and you learn quickly",
     "Vous êtes curieux·euse, vous posez des questions et vous apprenez rapidement"),
    ("Experience working with {audience} is an asset",
     "L’expérience auprès de ce public est un atout : {audience}"),
    ("You treat people with {value} and you show {value2} every day",
     "Vous faites preuve au quotidien de qualités comme {value} et {value2}"),
)

CONTEXT = (
    ("Our {team} works closely with {dept} and with provinces and territories.",
     "Notre {team} travaille étroitement avec {dept} ainsi qu’avec les provinces et "
     "les territoires."),
    ("Last year, the team shipped {name}, a new service used by {audience}.",
     "L’an dernier, l’équipe a lancé {name}, un nouveau service utilisé par {audience}."),
    ("We believe that {value} and {value2} make better public services.",
     "Nous croyons qu’avec {value} et {value2}, on obtient de meilleurs services publics."),
    ("You will join colleagues who are experts in {skill}, {topic} and {topic2}.",
     "Vous vous joindrez à des collègues spécialistes de plusieurs domaines : "
     "{skill}, {topic} et {topic2}."),
    ("The work on {topic} is still at an early stage, so your ideas will shape it.",
     "Le travail sur {topic} n’en est qu’à ses débuts : vos idées l’orienteront."),
    ("Most of the team works in {city}, but people also join us from across the country.",
     "La plupart des membres de l’équipe travaillent à {city}, mais d’autres se joignent à nous "
     "partout au pays."),
    ("We use open standards and publish our code whenever we can, including the code of {name}.",
     "Nous utilisons des normes ouvertes et publions notre code lorsque c’est possible, y compris "
     "celui de {name}."),
    ("Our priorities for the next year are {topic}, {topic2} and the {name} project.",
     "Nos priorités pour la prochaine année sont {topic}, {topic2} et le projet {name}."),
    ("Since we started, we have tested every change with {audience} before releasing it.",
     "Depuis nos débuts, nous mettons à l’essai chaque changement auprès de ce public avant sa "
     "mise en service : {audience}."),
    ("We measure our success by what {audience} can do more easily, not by the number of "
     "documents we produce.",
     "Nous mesurons notre succès à ce qu’on peut faire plus facilement, et non au nombre de "
     "documents produits, en pensant d’abord au public suivant : {audience}."),
    ("Everyone on the team, from the {title} to the director, shares the work on {topic}.",
     "Tout le monde dans l’équipe, du ou de la {title} jusqu’à la direction, partage le travail "
     "sur {topic}."),
    ("You will have time for learning: {skill} courses, conferences and communities of practice.",
     "Vous aurez du temps pour apprendre : cours sur {skill}, conférences et communautés de "
     "pratique."),
)

HEADINGS = {
    "duties": ("What you will do", "Ce que vous ferez"),
    "skills": ("Who you are", "Qui vous êtes"),
    "context": ("About the team", "À propos de l’équipe"),
    "conditions": ("Conditions of employment", "Conditions d’emploi"),
    "apply": ("How to apply", "Comment postuler"),
}

CONDITIONS = (
    "This is {tenure} in {places}. The salary is ${salary_min:,} to ${salary_max:,} a year.",
    "Il s’agit d’{tenure} à {places}. Le salaire varie de {salary_min_fr} $ à {salary_max_fr} $ "
    "par année.",
)
REQUIREMENT = (
    "Language requirement: {requirement}{profile}.",
    "Exigence linguistique : {requirement}{profile}.",
)
SECURITY = (
    "You must obtain and keep a {clearance} security clearance.",
    "Vous devez obtenir et conserver une cote de sécurité de niveau {clearance_fr}.",
)
CLEARANCES = (("Reliability", "fiabilité"), ("Secret", "secret"), ("Top Secret", "très secret"))
APPLY = (
    "Apply before {closing} with a résumé and a short letter that shows how you meet each "
    "qualification. We are committed to employment equity: women, Indigenous peoples, persons "
    "with disabilities and members of visible minorities are encouraged to apply. Tell us what "
    "accommodation you need at any stage.",
    "Postulez avant le {closing_fr} en joignant un curriculum vitæ et une courte lettre qui "
    "montre comment vous répondez à chaque qualification. Nous souscrivons à l’équité en matière "
    "d’emploi : les femmes, les Autochtones, les personnes en situation de handicap et les "
    "membres des minorités visibles sont invité·e·s à postuler. Dites-nous quelles mesures "
    "d’adaptation il vous faut, à n’importe quelle étape.",
)
DESCRIPTION = (
    "{dept} is looking for a new {title} to work on {topic} and {topic2}.",
    "{dept} cherche un·e {title} pour travailler sur {topic} et sur {topic2}.",
)
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")

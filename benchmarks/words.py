"""Vocabulary of the synthetic postings: occupational domains and EN/FR phrase pairs.

Every entry is an (English, French) pair so one set of random draws writes both languages of a
posting. French keeps its typography: accents, elisions (l’, d’, qu’) with the curly apostrophe,
inclusive forms (développeur·euse, candidat·e·s). Lists are ordered from common to rare: the
generator draws them with Zipf-like weights, so some words are in most postings and others in few.
"""

from __future__ import annotations

from dataclasses import dataclass

Pair = tuple[str, str]


@dataclass(frozen=True)
class Domain:
    """A family of jobs: its classification group and levels, titles and subject matter."""

    name: str
    group: str
    levels: tuple[int, ...]
    salary_base: int  # salary_min at the lowest level; each level adds about 9 %
    titles: tuple[Pair, ...]
    topics: tuple[Pair, ...]  # noun phrases, used after "on"/"sur"
    duties: tuple[Pair, ...]  # verb phrases, infinitive
    skills: tuple[Pair, ...]  # noun phrases, used after "experience with"/"expérience en"


DOMAINS: tuple[Domain, ...] = (
    Domain(
        "it", "IT", (1, 2, 3, 4, 5), 62000,
        (("Software developer", "Développeur·euse de logiciels"),
         ("Data engineer", "Ingénieur·e de données"),
         ("Cloud engineer", "Ingénieur·e infonuagique"),
         ("Security analyst", "Analyste de la sécurité"),
         ("Front-end developer", "Développeur·euse frontal·e"),
         ("Site reliability engineer", "Ingénieur·e en fiabilité de site"),
         ("Technical architect", "Architecte technique"),
         ("Database administrator", "Administrateur·rice de bases de données")),
        (("data pipelines", "les pipelines de données"),
         ("cloud infrastructure", "l’infrastructure infonuagique"),
         ("web applications", "les applications Web"),
         ("identity and access management", "la gestion des identités et des accès"),
         ("continuous integration", "l’intégration continue"),
         ("application programming interfaces", "les interfaces de programmation"),
         ("legacy systems", "les systèmes patrimoniaux"),
         ("network security", "la sécurité des réseaux"),
         ("observability and monitoring", "l’observabilité et la surveillance")),
        (("design and build secure services", "concevoir et construire des services sécurisés"),
         ("review code written by colleagues", "réviser le code écrit par vos collègues"),
         ("automate deployments", "automatiser les déploiements"),
         ("migrate applications to the cloud", "migrer des applications vers le nuage"),
         ("respond to security incidents", "intervenir lors d’incidents de sécurité"),
         ("maintain databases and backups", "maintenir les bases de données et les sauvegardes"),
         ("write automated tests", "écrire des tests automatisés")),
        (("Python", "Python"), ("JavaScript", "JavaScript"), ("SQL", "SQL"),
         ("Kubernetes", "Kubernetes"), ("Terraform", "Terraform"), ("Java", "Java"),
         ("PostgreSQL", "PostgreSQL"), ("Linux administration", "l’administration Linux"),
         ("Go", "Go"), ("React", "React"), ("threat modelling", "la modélisation des menaces")),
    ),
    Domain(
        "policy", "EC", (2, 3, 4, 5, 6, 7), 64000,
        (("Policy analyst", "Analyste des politiques"),
         ("Economist", "Économiste"),
         ("Data scientist", "Scientifique des données"),
         ("Senior policy advisor", "Conseiller·ère principal·e en politiques"),
         ("Research analyst", "Analyste de recherche"),
         ("Evaluation officer", "Agent·e d’évaluation")),
        (("labour market trends", "les tendances du marché du travail"),
         ("housing affordability", "l’abordabilité du logement"),
         ("income security programs", "les programmes de sécurité du revenu"),
         ("regulatory modernization", "la modernisation de la réglementation"),
         ("immigration levels", "les niveaux d’immigration"),
         ("public health outcomes", "les résultats en santé publique"),
         ("program evaluation", "l’évaluation de programmes"),
         ("Indigenous economic development", "le développement économique autochtone")),
        (("analyze survey and administrative data",
          "analyser des données d’enquête et administratives"),
         ("write briefing notes for senior management",
          "rédiger des notes d’information pour la haute direction"),
         ("build statistical models", "construire des modèles statistiques"),
         ("consult stakeholders and partners", "consulter les intervenants et les partenaires"),
         ("prepare memoranda to Cabinet", "préparer des mémoires au Cabinet"),
         ("forecast program costs", "prévoir les coûts des programmes")),
        (("econometrics", "l’économétrie"), ("R", "R"), ("Stata", "Stata"),
         ("policy development", "l’élaboration de politiques"),
         ("quantitative research", "la recherche quantitative"),
         ("machine learning", "l’apprentissage automatique"),
         ("cost-benefit analysis", "l’analyse coûts-avantages")),
    ),
    Domain(
        "admin", "AS", (1, 2, 3, 4, 5, 6, 7), 52000,
        (("Administrative officer", "Agent·e administratif·ive"),
         ("Program officer", "Agent·e de programme"),
         ("Business analyst", "Analyste d’affaires"),
         ("Project coordinator", "Coordonnateur·rice de projets"),
         ("Executive assistant", "Adjoint·e de direction"),
         ("Planning advisor", "Conseiller·ère en planification")),
        (("correspondence and records", "la correspondance et les dossiers"),
         ("corporate planning", "la planification ministérielle"),
         ("grants and contributions", "les subventions et contributions"),
         ("access to information requests", "les demandes d’accès à l’information"),
         ("governance committees", "les comités de gouvernance"),
         ("business processes", "les processus opérationnels")),
        (("coordinate meetings and travel", "coordonner les réunions et les déplacements"),
         ("track files and deadlines", "assurer le suivi des dossiers et des échéances"),
         ("draft correspondence", "rédiger de la correspondance"),
         ("prepare reports for management", "préparer des rapports pour la direction"),
         ("map and improve processes", "cartographier et améliorer les processus")),
        (("Microsoft Excel", "Microsoft Excel"), ("GCdocs", "GCdocs"),
         ("project management", "la gestion de projets"),
         ("records management", "la gestion de l’information"),
         ("procurement processes", "les processus d’approvisionnement")),
    ),
    Domain(
        "service", "CR", (3, 4, 5), 48000,
        (("Citizen services officer", "Agent·e des services aux citoyens"),
         ("Client service clerk", "Commis au service à la clientèle"),
         ("Payment processing clerk", "Commis au traitement des paiements"),
         ("Case processing agent", "Agent·e de traitement des dossiers")),
        (("passport applications", "les demandes de passeport"),
         ("employment insurance claims", "les demandes d’assurance-emploi"),
         ("pension benefits", "les prestations de pension"),
         ("social insurance numbers", "les numéros d’assurance sociale"),
         ("client enquiries", "les demandes de renseignements de la clientèle")),
        (("answer questions in person and by phone",
          "répondre aux questions en personne et au téléphone"),
         ("verify documents and identity", "vérifier les documents et l’identité"),
         ("process applications accurately", "traiter les demandes avec exactitude"),
         ("enter data in case management systems",
          "saisir des données dans les systèmes de gestion des cas")),
        (("customer service", "le service à la clientèle"), ("data entry", "la saisie de données"),
         ("conflict resolution", "la résolution de conflits"),
         ("attention to detail", "le souci du détail")),
    ),
    Domain(
        "finance", "CT-FIN", (1, 2, 3, 4), 60000,
        (("Financial officer", "Agent·e financier·ère"),
         ("Financial analyst", "Analyste financier·ère"),
         ("Budget analyst", "Analyste du budget"),
         ("Senior financial advisor", "Conseiller·ère financier·ère principal·e")),
        (("budget forecasts", "les prévisions budgétaires"),
         ("cost recovery", "le recouvrement des coûts"),
         ("financial statements", "les états financiers"),
         ("internal controls", "les contrôles internes"),
         ("salary forecasting", "la prévision salariale")),
        (("monitor budgets and expenditures", "surveiller les budgets et les dépenses"),
         ("prepare financial reports", "préparer des rapports financiers"),
         ("advise managers on resource allocation",
          "conseiller les gestionnaires sur l’affectation des ressources"),
         ("reconcile accounts", "faire le rapprochement des comptes")),
        (("SAP", "SAP"), ("accounting", "la comptabilité"),
         ("the Financial Administration Act", "la Loi sur la gestion des finances publiques"),
         ("financial modelling", "la modélisation financière")),
    ),
    Domain(
        "comms", "IS", (2, 3, 4, 5), 58000,
        (("Communications advisor", "Conseiller·ère en communications"),
         ("Content designer", "Concepteur·rice de contenu"),
         ("Web editor", "Rédacteur·rice Web"),
         ("Translator", "Traducteur·rice")),
        (("plain language content", "le contenu en langage clair"),
         ("social media campaigns", "les campagnes sur les médias sociaux"),
         ("media relations", "les relations avec les médias"),
         ("web content", "le contenu Web"),
         ("internal communications", "les communications internes")),
        (("write and edit content in plain language",
          "rédiger et réviser du contenu en langage clair"),
         ("plan communications strategies", "planifier des stratégies de communication"),
         ("test content with users", "mettre à l’essai le contenu avec les utilisateur·rice·s"),
         ("translate documents", "traduire des documents")),
        (("content design", "la conception de contenu"), ("editing", "la révision"),
         ("Canada.ca", "Canada.ca"),
         ("search engine optimization", "l’optimisation pour les moteurs de recherche")),
    ),
    Domain(
        "design", "IT", (2, 3, 4), 65000,
        (("Service designer", "Concepteur·rice de services"),
         ("User researcher", "Chercheur·euse en expérience utilisateur"),
         ("Accessibility specialist", "Spécialiste de l’accessibilité"),
         ("Product manager", "Gestionnaire de produits"),
         ("Interaction designer", "Concepteur·rice d’interactions")),
        (("digital services", "les services numériques"),
         ("user experience", "l’expérience utilisateur"),
         ("accessibility standards", "les normes d’accessibilité"),
         ("service delivery", "la prestation de services"),
         ("design systems", "les systèmes de conception")),
        (("run usability tests", "mener des essais d’utilisabilité"),
         ("interview people who use the service",
          "interviewer les personnes qui utilisent le service"),
         ("prototype new ideas", "prototyper de nouvelles idées"),
         ("audit pages for accessibility", "vérifier l’accessibilité des pages")),
        (("Figma", "Figma"), ("WCAG", "WCAG"), ("screen readers", "les lecteurs d’écran"),
         ("service design", "la conception de services"),
         ("user research", "la recherche sur les utilisateurs")),
    ),
    Domain(
        "hr", "PE", (2, 3, 4, 5), 61000,
        (("Human resources advisor", "Conseiller·ère en ressources humaines"),
         ("Staffing officer", "Agent·e de dotation"),
         ("Labour relations advisor", "Conseiller·ère en relations de travail"),
         ("Classification analyst", "Analyste de la classification")),
        (("staffing processes", "les processus de dotation"),
         ("workplace wellness", "le mieux-être en milieu de travail"),
         ("employment equity", "l’équité en matière d’emploi"),
         ("organizational design", "la conception organisationnelle")),
        (("advise managers on staffing options",
          "conseiller les gestionnaires sur les options de dotation"),
         ("write job descriptions", "rédiger des descriptions de travail"),
         ("run selection processes", "mener des processus de sélection"),
         ("handle grievances", "traiter les griefs")),
        (("the Public Service Employment Act", "la Loi sur l’emploi dans la fonction publique"),
         ("classification", "la classification"), ("Phoenix", "Phénix"),
         ("collective agreements", "les conventions collectives")),
    ),
    Domain(
        "science", "EG", (3, 4, 5, 6), 57000,
        (("Laboratory technician", "Technicien·ne de laboratoire"),
         ("Environmental scientist", "Scientifique de l’environnement"),
         ("Inspector", "Inspecteur·rice"),
         ("Biologist", "Biologiste")),
        (("water quality", "la qualité de l’eau"),
         ("food safety", "la salubrité des aliments"),
         ("product recalls", "les rappels de produits"),
         ("field sampling", "l’échantillonnage sur le terrain"),
         ("laboratory analysis", "l’analyse en laboratoire")),
        (("collect and test samples", "prélever et analyser des échantillons"),
         ("inspect facilities", "inspecter des installations"),
         ("calibrate instruments", "étalonner des instruments"),
         ("document findings", "documenter les constatations")),
        (("chemistry", "la chimie"), ("microbiology", "la microbiologie"),
         ("quality assurance", "l’assurance de la qualité"), ("GIS", "les SIG")),
    ),
    Domain(
        "executive", "EX", (1, 2, 3), 122000,
        (("Director", "Directeur·rice"),
         ("Executive director", "Directeur·rice exécutif·ive"),
         ("Director general", "Directeur·rice général·e")),
        (("digital transformation", "la transformation numérique"),
         ("organizational strategy", "la stratégie organisationnelle"),
         ("partnerships with provinces", "les partenariats avec les provinces"),
         ("operational excellence", "l’excellence opérationnelle")),
        (("lead multidisciplinary teams", "diriger des équipes multidisciplinaires"),
         ("set the strategic direction", "établir l’orientation stratégique"),
         ("manage a budget of several million dollars",
          "gérer un budget de plusieurs millions de dollars"),
         ("represent the department at senior committees",
          "représenter le ministère aux comités de la haute direction")),
        (("people management", "la gestion des personnes"),
        ("change management", "la gestion du changement"),
         ("financial management", "la gestion financière")),
    ),
)

# (English prefix, French suffix) of a title: "Senior Economist", "Économiste principal·e".
SENIORITY: tuple[Pair, ...] = (("", ""), ("Senior ", " principal·e"), ("Junior ", " débutant·e"),
                               ("Lead ", " en chef"))

TEAMS: tuple[Pair, ...] = (
    ("digital delivery team", "équipe de prestation numérique"),
    ("policy branch", "direction des politiques"),
    ("operations sector", "secteur des opérations"),
    ("data and analytics unit", "unité des données et de l’analytique"),
    ("client experience directorate", "direction de l’expérience client"),
    ("chief information office", "bureau du dirigeant principal de l’information"),
    ("regional office", "bureau régional"),
    ("innovation lab", "laboratoire d’innovation"),
    ("corporate services", "services ministériels"),
    ("enterprise architecture group", "groupe de l’architecture d’entreprise"),
)

AUDIENCES: tuple[Pair, ...] = (
    ("people in Canada", "la population canadienne"),
    ("seniors", "les aîné·e·s"),
    ("newcomers to Canada", "les nouveaux·elles arrivant·e·s au Canada"),
    ("small businesses", "les petites entreprises"),
    ("students", "les étudiant·e·s"),
    ("veterans", "les vétéran·e·s"),
    ("Indigenous communities", "les communautés autochtones"),
    ("rural communities", "les collectivités rurales"),
    ("public servants", "les fonctionnaires"),
    ("persons with disabilities", "les personnes en situation de handicap"),
)

VALUES: tuple[Pair, ...] = (
    ("collaboration", "la collaboration"), ("respect", "le respect"),
    ("curiosity", "la curiosité"), ("integrity", "l’intégrité"),
    ("inclusion", "l’inclusion"), ("transparency", "la transparence"),
    ("accountability", "la responsabilisation"), ("excellence", "l’excellence"),
)

CITIES: tuple[Pair, ...] = (
    ("Ottawa, ON", "Ottawa (Ontario)"), ("Gatineau, QC", "Gatineau (Québec)"),
    ("Toronto, ON", "Toronto (Ontario)"), ("Montréal, QC", "Montréal (Québec)"),
    ("Vancouver, BC", "Vancouver (Colombie-Britannique)"),
    ("Halifax, NS", "Halifax (Nouvelle-Écosse)"),
    ("Winnipeg, MB", "Winnipeg (Manitoba)"), ("Edmonton, AB", "Edmonton (Alberta)"),
    ("Québec, QC", "Québec (Québec)"), ("Moncton, NB", "Moncton (Nouveau-Brunswick)"),
    ("Calgary, AB", "Calgary (Alberta)"), ("Regina, SK", "Regina (Saskatchewan)"),
    ("Victoria, BC", "Victoria (Colombie-Britannique)"),
    ("St. John’s, NL", "St. John’s (Terre-Neuve-et-Labrador)"),
    ("Charlottetown, PE", "Charlottetown (Île-du-Prince-Édouard)"),
    ("Whitehorse, YT", "Whitehorse (Yukon)"),
    ("Yellowknife, NT", "Yellowknife (Territoires du Nord-Ouest)"),
    ("Iqaluit, NU", "Iqaluit (Nunavut)"),
)
REMOTE: Pair = ("Remote (anywhere in Canada)", "Télétravail (partout au Canada)")

DEPARTMENTS: tuple[str, ...] = ("esdc", "cds", "statcan", "tbs", "ssc", "ircc", "hc", "psc")
DEPARTMENT_NAMES: dict[str, Pair] = {
    "cds": ("the Canadian Digital Service", "le Service numérique canadien"),
    "esdc": ("Employment and Social Development Canada", "Emploi et Développement social Canada"),
    "tbs": ("the Treasury Board Secretariat", "le Secrétariat du Conseil du Trésor"),
    "ssc": ("Shared Services Canada", "Services partagés Canada"),
    "psc": ("the Public Service Commission", "la Commission de la fonction publique"),
    "statcan": ("Statistics Canada", "Statistique Canada"),
    "ircc": ("Immigration, Refugees and Citizenship Canada",
             "Immigration, Réfugiés et Citoyenneté Canada"),
    "hc": ("Health Canada", "Santé Canada"),
}

TENURES: tuple[str, ...] = ("indeterminate", "term", "acting", "assignment_secondment", "casual",
                            "student")
TENURE_TEXT: dict[str, Pair] = {
    "indeterminate": ("an indeterminate (permanent) position", "un poste d’une durée indéterminée"),
    "term": ("a term position of 12 to 24 months",
             "un poste d’une durée déterminée de 12 à 24 mois"),
    "acting": ("an acting appointment", "une nomination intérimaire"),
    "assignment_secondment": ("an assignment or secondment", "une affectation ou un détachement"),
    "casual": ("a casual position of up to 90 days", "un emploi occasionnel d’au plus 90 jours"),
    "student": ("a student position", "un emploi étudiant"),
}

LANGUAGE_REQUIREMENTS: tuple[str, ...] = (
    "english_or_french_essential", "bilingual_imperative", "english_essential",
    "bilingual_non_imperative", "french_essential", "various")
REQUIREMENT_TEXT: dict[str, Pair] = {
    "english_essential": ("English essential", "anglais essentiel"),
    "french_essential": ("French essential", "français essentiel"),
    "english_or_french_essential": ("English or French essential", "anglais ou français essentiel"),
    "bilingual_imperative": ("bilingual imperative", "bilingue impératif"),
    "bilingual_non_imperative": ("bilingual non-imperative", "bilingue non impératif"),
    "various": ("various requirements depending on the position",
                "exigences variées selon le poste"),
}
PROFILES: tuple[str, ...] = ("BBB/BBB", "CBC/CBC", "CBC/CBC", "BBB/BBB", "CCC/CCC", "BBC/BBC")

# Syllables of invented project and system names: a long tail of rare words, like the proper
# nouns of real postings (names of systems, teams, programs).
SYLLABLES: tuple[str, ...] = (
    "ka", "vo", "rin", "ta", "mel", "so", "dra", "li", "nor", "quen", "bax", "tu", "zel", "fa",
    "ri", "om", "pla", "ne", "gor", "vi", "sta", "lun", "ex", "cor", "mi", "da", "thor", "wen",
)

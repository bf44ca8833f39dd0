"""Words for conflicts in English, French and Dutch.

The solver runs without Django, so it cannot use the project's gettext catalogues;
this small table is the whole of its user-facing text. Templates use str.format
fields that `messages.render_conflict` fills with already-rendered pieces.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "nl")

WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}  # fmt: skip

# ISO 639 code -> (English, French, Dutch); an unknown code is shown as it is.
LANGUAGE_NAMES = {
    "am": ("Amharic", "amharique", "Amhaars"),
    "ar": ("Arabic", "arabe", "Arabisch"),
    "bg": ("Bulgarian", "bulgare", "Bulgaars"),
    "bn": ("Bengali", "bengali", "Bengaals"),
    "de": ("German", "allemand", "Duits"),
    "en": ("English", "anglais", "Engels"),
    "es": ("Spanish", "espagnol", "Spaans"),
    "fa": ("Persian", "persan", "Perzisch"),
    "ff": ("Fula", "peul", "Fula"),
    "fr": ("French", "français", "Frans"),
    "ha": ("Hausa", "haoussa", "Hausa"),
    "hi": ("Hindi", "hindi", "Hindi"),
    "it": ("Italian", "italien", "Italiaans"),
    "ka": ("Georgian", "géorgien", "Georgisch"),
    "ku": ("Kurdish", "kurde", "Koerdisch"),
    "ln": ("Lingala", "lingala", "Lingala"),
    "nl": ("Dutch", "néerlandais", "Nederlands"),
    "om": ("Oromo", "oromo", "Oromo"),
    "pl": ("Polish", "polonais", "Pools"),
    "prs": ("Dari", "dari", "Dari"),
    "ps": ("Pashto", "pachto", "Pasjtoe"),
    "pt": ("Portuguese", "portugais", "Portugees"),
    "ro": ("Romanian", "roumain", "Roemeens"),
    "ru": ("Russian", "russe", "Russisch"),
    "sq": ("Albanian", "albanais", "Albanees"),
    "so": ("Somali", "somali", "Somalisch"),
    "sw": ("Swahili", "swahili", "Swahili"),
    "ti": ("Tigrinya", "tigrinya", "Tigrinya"),
    "tr": ("Turkish", "turc", "Turks"),
    "uk": ("Ukrainian", "ukrainien", "Oekraïens"),
    "ur": ("Urdu", "ourdou", "Urdu"),
    "wo": ("Wolof", "wolof", "Wolof"),
}

WORDS = {
    "en": {"and": "and", "or": "or"},
    "fr": {"and": "et", "or": "ou"},
    "nl": {"and": "en", "or": "of"},
}

# `{shift}`, `{person}`, `{date}`, `{month}`, `{langs}` (joined with "or"),
# `{names}` (joined with "and") arrive rendered.
TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "at_site": "{label} at {site}",
        "understaffed_0": "{shift} needs {required} {people}; nobody is available.",
        "understaffed_1": "{shift} needs {required} {people}; only {names} is available.",
        "understaffed_n": "{shift} needs {required} {people}; only {names} are available.",
        "person": "person",
        "people": "people",
        "language_gap_1": "{shift} needs {a_langs} speaker; nobody available speaks it.",
        "language_gap_2": "{shift} needs {a_langs} speaker; nobody available speaks either.",
        "language_gap_n": "{shift} needs {a_langs} speaker; nobody available speaks any of them.",
        "shift_too_long": "{shift} lasts {hours} hours, more than the {limit} hours one person "
        "may work in a day.",
        "kept_fixed": "{person} is fixed on {shift}, but {reason}.",
        "kept_previous": "{person} works {shift} in the published plan, but {reason}.",
        "reason_site": "{person} does not work at {site}",
        "reason_women_only": "{site} is for women only",
        "reason_unavailable": "{person} is not available at that time",
        "reason_absent": "{person} is absent that day",
        "kept_count_fixed": "{names} are fixed on {shift}, but it needs only {required}.",
        "kept_count_previous": "{shift} is already published with {count} ({names}) and can no "
        "longer change, but it needs {required}.",
        "fixed_vs_previous": "{person} is fixed on {shift}, but that shift is already published "
        "without them and can no longer change.",
        "kept_clash_H3": "The shifts fixed or published for {person} overlap: {shifts}.",
        "kept_clash_H4": "The shifts fixed or published for {person} add up to more than "
        "{limit} hours in one day: {shifts}.",
        "kept_clash_H5": "The shifts fixed or published for {person} leave less than {limit} "
        "hours of rest overnight: {shifts}.",
        "kept_clash_H6": "{person} has more shifts fixed or published than the monthly limit "
        "of {limit}: {shifts}.",
        "monthly_capacity": "In {month}, the shifts at {site} need {demand} people in all, but "
        "the people available there can work at most {capacity} shifts within their monthly "
        "limits.",
        "language_capacity": "In {month}, {demand} shifts at {site} need {a_langs} speaker, but "
        "the speakers available can take at most {capacity} of them within their monthly limits.",
        "oncall_all_absent": "Every member of the on-call rota {rota} ({names}) is away at some "
        "time in the on-call period from {start} to {end}.",
        "oncall_alone": "The on-call rota {rota} has a single member, {member}, who may not hold "
        "two periods in a row.",
        "rule_conflict": "These rules cannot all be met together: {items}.",
        "no_plan": "No plan meets every rule, and the solver could not find out why in time.",
        "item_H1": "{shift} needs {required} {people}",
        "item_H7": "{shift} needs {a_langs} speaker",
        "item_H4": "{person} works at most {limit} hours on {date}",
        "item_H5": "{person} needs {limit} hours of rest after {date}",
        "item_H6": "{person} works at most {limit} shifts in {month}",
        "item_H8": "{person} is fixed on {shift}",
        "item_H9": "{shift} keeps its published team ({names})",
        "item_O1": "the on-call period from {start} to {end} needs a member of rota {rota}",
        "item_O3": "nobody holds two on-call periods of rota {rota} in a row (up to {start})",
    },
    "fr": {
        "at_site": "{label} ({site})",
        "understaffed_0": "{shift} demande {required} {people}, mais personne n'est disponible.",
        "understaffed_1": "{shift} demande {required} {people}, mais une seule est "
        "disponible : {names}.",
        "understaffed_n": "{shift} demande {required} {people}, mais seules {count} sont "
        "disponibles : {names}.",
        "person": "personne",
        "people": "personnes",
        "language_gap_1": "{shift} demande une personne parlant {langs} ; aucune personne "
        "disponible ne parle cette langue.",
        "language_gap_2": "{shift} demande une personne parlant {langs} ; aucune personne "
        "disponible ne parle l'une de ces langues.",
        "language_gap_n": "{shift} demande une personne parlant {langs} ; aucune personne "
        "disponible ne parle l'une de ces langues.",
        "shift_too_long": "{shift} dure {hours} heures, plus que les {limit} heures qu'une "
        "personne peut travailler par jour.",
        "kept_fixed": "{person} est affecté·e d'office à {shift}, mais {reason}.",
        "kept_previous": "{person} travaille {shift} selon le planning publié, mais {reason}.",
        "reason_site": "{person} ne travaille pas sur le site {site}",
        "reason_women_only": "le site {site} est réservé aux femmes",
        "reason_unavailable": "{person} n'est pas disponible à cette heure-là",
        "reason_absent": "{person} est absent·e ce jour-là",
        "kept_count_fixed": "{names} sont affecté·e·s d'office à {shift}, qui ne demande que "
        "{required} personne(s).",
        "kept_count_previous": "{shift} est déjà publié avec {count} personne(s) ({names}) et ne "
        "peut plus changer, mais il en demande {required}.",
        "fixed_vs_previous": "{person} est affecté·e d'office à {shift}, mais ce créneau est déjà "
        "publié sans cette personne et ne peut plus changer.",
        "kept_clash_H3": "Les créneaux imposés ou publiés de {person} se chevauchent : {shifts}.",
        "kept_clash_H4": "Les créneaux imposés ou publiés de {person} dépassent {limit} heures "
        "sur une journée : {shifts}.",
        "kept_clash_H5": "Les créneaux imposés ou publiés de {person} laissent moins de {limit} "
        "heures de repos la nuit : {shifts}.",
        "kept_clash_H6": "{person} a plus de créneaux imposés ou publiés que sa limite mensuelle "
        "de {limit} : {shifts}.",
        "monthly_capacity": "En {month}, les créneaux du site {site} demandent {demand} "
        "présences, mais les personnes disponibles ne peuvent en assurer que {capacity} dans "
        "leurs limites mensuelles.",
        "language_capacity": "En {month}, {demand} créneaux du site {site} demandent une personne "
        "parlant {langs}, mais ces personnes ne peuvent en assurer que {capacity} dans leurs "
        "limites mensuelles.",
        "oncall_all_absent": "Tous les membres de la garde {rota} ({names}) sont absents à un "
        "moment de la période de garde du {start} au {end}.",
        "oncall_alone": "La garde {rota} n'a qu'un membre, {member}, qui ne peut pas assurer "
        "deux périodes d'affilée.",
        "rule_conflict": "Ces règles ne peuvent pas être respectées ensemble : {items}.",
        "no_plan": "Aucun planning ne respecte toutes les règles, et le solveur n'a pas pu en "
        "trouver la raison à temps.",
        "item_H1": "{shift} demande {required} {people}",
        "item_H7": "{shift} demande une personne parlant {langs}",
        "item_H4": "{person} travaille au plus {limit} heures le {date}",
        "item_H5": "{person} doit se reposer {limit} heures après le {date}",
        "item_H6": "{person} fait au plus {limit} créneaux en {month}",
        "item_H8": "{person} est affecté·e d'office à {shift}",
        "item_H9": "{shift} garde l'équipe publiée ({names})",
        "item_O1": "la période de garde du {start} au {end} demande un membre de la garde {rota}",
        "item_O3": "personne n'assure deux périodes de la garde {rota} d'affilée (jusqu'au {start})",
    },
    "nl": {
        "at_site": "{label} in {site}",
        "understaffed_0": "{shift} heeft {required} {people} nodig; niemand is beschikbaar.",
        "understaffed_1": "{shift} heeft {required} {people} nodig; alleen {names} is beschikbaar.",
        "understaffed_n": "{shift} heeft {required} {people} nodig; alleen {names} zijn "
        "beschikbaar.",
        "person": "persoon",
        "people": "personen",
        "language_gap_1": "{shift} heeft iemand nodig die {langs} spreekt; niemand die "
        "beschikbaar is spreekt die taal.",
        "language_gap_2": "{shift} heeft iemand nodig die {langs} spreekt; niemand die "
        "beschikbaar is spreekt een van beide.",
        "language_gap_n": "{shift} heeft iemand nodig die {langs} spreekt; niemand die "
        "beschikbaar is spreekt een van die talen.",
        "shift_too_long": "{shift} duurt {hours} uur, langer dan de {limit} uur die iemand per "
        "dag mag werken.",
        "kept_fixed": "{person} is vast ingepland op {shift}, maar {reason}.",
        "kept_previous": "{person} werkt {shift} volgens de gepubliceerde planning, maar {reason}.",
        "reason_site": "{person} werkt niet in {site}",
        "reason_women_only": "{site} is alleen voor vrouwen",
        "reason_unavailable": "{person} is op dat uur niet beschikbaar",
        "reason_absent": "{person} is die dag afwezig",
        "kept_count_fixed": "{names} zijn vast ingepland op {shift}, maar die shift heeft er "
        "maar {required} nodig.",
        "kept_count_previous": "{shift} is al gepubliceerd met {count} ({names}) en kan niet "
        "meer veranderen, maar heeft er {required} nodig.",
        "fixed_vs_previous": "{person} is vast ingepland op {shift}, maar die shift is al zonder "
        "die persoon gepubliceerd en kan niet meer veranderen.",
        "kept_clash_H3": "De vaste of gepubliceerde shifts van {person} overlappen: {shifts}.",
        "kept_clash_H4": "De vaste of gepubliceerde shifts van {person} zijn samen langer dan "
        "{limit} uur op één dag: {shifts}.",
        "kept_clash_H5": "De vaste of gepubliceerde shifts van {person} laten minder dan {limit} "
        "uur nachtrust: {shifts}.",
        "kept_clash_H6": "{person} heeft meer vaste of gepubliceerde shifts dan de maandlimiet "
        "van {limit}: {shifts}.",
        "monthly_capacity": "In {month} hebben de shifts in {site} samen {demand} bezettingen "
        "nodig, maar de beschikbare mensen kunnen binnen hun maandlimiet hoogstens {capacity} "
        "shifts doen.",
        "language_capacity": "In {month} hebben {demand} shifts in {site} iemand nodig die "
        "{langs} spreekt, maar die mensen kunnen er binnen hun maandlimiet hoogstens {capacity} "
        "doen.",
        "oncall_all_absent": "Alle leden van de wachtdienst {rota} ({names}) zijn ergens "
        "afwezig tijdens de wachtperiode van {start} tot {end}.",
        "oncall_alone": "De wachtdienst {rota} heeft maar één lid, {member}, die geen twee "
        "periodes na elkaar mag nemen.",
        "rule_conflict": "Deze regels kunnen niet allemaal samen gelden: {items}.",
        "no_plan": "Geen enkele planning volgt alle regels, en de solver kon niet op tijd "
        "achterhalen waarom.",
        "item_H1": "{shift} heeft {required} {people} nodig",
        "item_H7": "{shift} heeft iemand nodig die {langs} spreekt",
        "item_H4": "{person} werkt hoogstens {limit} uur op {date}",
        "item_H5": "{person} heeft {limit} uur rust nodig na {date}",
        "item_H6": "{person} doet hoogstens {limit} shifts in {month}",
        "item_H8": "{person} is vast ingepland op {shift}",
        "item_H9": "{shift} houdt het gepubliceerde team ({names})",
        "item_O1": "de wachtperiode van {start} tot {end} heeft een lid van {rota} nodig",
        "item_O3": "niemand neemt twee wachtperiodes van {rota} na elkaar (tot {start})",
    },
}

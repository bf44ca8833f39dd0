"""Fictional names, realistic for the people Belgian reception services meet.

Mixed by hand from common given names and family names of each community; any
resemblance to a real person is chance. (first names F, first names M, last names)
"""

from __future__ import annotations

COMMUNITIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]] = {
    # community: (female first names, male first names, last names, nationality, languages)
    "belgian_fr": (
        ("Élodie", "Maëlle", "Camille", "Océane", "Sophie", "Aurélie", "Noémie", "Chloé", "Inès"),
        ("Théo", "Julien", "Maxime", "Lucas", "Hugo", "Nathan"),
        ("Dubois", "Lambert", "Dupont", "Leclercq", "Lejeune", "Renard", "Gérard", "Mercier", "Collard"),
        "BE", ("fr",),
    ),
    "belgian_nl": (
        ("Anke", "Sofie", "Lotte", "Femke", "Ine", "Griet", "Elke", "Jolien", "Marieke"),
        ("Wout", "Pieter", "Joris", "Bram", "Stijn", "Sander"),
        ("Peeters", "Janssens", "Maes", "Van den Broeck", "De Smet", "Claes", "Wouters", "Verhulst", "Van Damme"),
        "BE", ("nl", "fr"),
    ),
    "eritrean": (
        ("Selam", "Abrehet", "Mehret", "Saba", "Helen", "Luwam", "Feven", "Yodit"),
        ("Yohannes", "Tesfay", "Dawit", "Filmon", "Biniam", "Robel"),
        ("Tesfamariam", "Gebremedhin", "Haile", "Weldemichael", "Kidane", "Berhane", "Ghebreyesus"),
        "ER", ("ti",),
    ),
    "afghan": (
        ("Farida", "Zahra", "Marzia", "Shukria", "Nilofar", "Parwana", "Fereshta"),
        ("Ahmad", "Jawad", "Farid", "Mustafa", "Najib", "Sohail"),
        ("Ahmadi", "Rahimi", "Hashimi", "Noori", "Sultani", "Karimi", "Azizi"),
        "AF", ("prs", "ps"),
    ),
    "syrian": (
        ("Rania", "Nour", "Lina", "Hala", "Yasmin", "Dima", "Reem"),
        ("Omar", "Khaled", "Samer", "Rami", "Bilal", "Tarek"),
        ("Haddad", "Khoury", "Al-Hassan", "Nasser", "Sabbagh", "Darwish", "Halabi"),
        "SY", ("ar",),
    ),
    "guinean": (
        ("Mariama", "Fatoumata", "Aïssatou", "Kadiatou", "Hawa", "Oumou", "Djenabou"),
        ("Mamadou", "Alpha", "Ibrahima", "Thierno", "Ousmane", "Sekou"),
        ("Diallo", "Bah", "Barry", "Sow", "Camara", "Baldé", "Condé"),
        "GN", ("fr", "ff"),
    ),
    "congolese": (
        ("Ngalula", "Mbuyi", "Kapinga", "Nsimba", "Mwamba", "Bijou", "Grâce"),
        ("Tshibanda", "Kalonji", "Mukendi", "Ilunga", "Kasongo", "Makiese"),
        ("Mukendi", "Tshibangu", "Kabongo", "Lukusa", "Mbala", "Nzuzi", "Kanku"),
        "CD", ("fr", "ln"),
    ),
    "somali": (
        ("Hodan", "Ayaan", "Sahra", "Fadumo", "Nimco", "Ifrah"),
        ("Abdirahman", "Mohamed", "Liban", "Abdullahi", "Hassan"),
        ("Warsame", "Farah", "Abdi", "Jama", "Osman", "Hirsi", "Nur"),
        "SO", ("so",),
    ),
    "moroccan": (
        ("Salma", "Imane", "Khadija", "Samira", "Naima", "Loubna"),
        ("Youssef", "Mehdi", "Anas", "Hamza", "Karim"),
        ("El Amrani", "Bouzid", "Benali", "El Idrissi", "Tahiri", "Ouahbi"),
        "MA", ("ar", "fr"),
    ),
    "ukrainian": (
        ("Olena", "Iryna", "Kateryna", "Oksana", "Nataliia", "Yuliia"),
        ("Andrii", "Dmytro", "Oleksii", "Serhii"),
        ("Kovalenko", "Bondarenko", "Tkachenko", "Shevchuk", "Melnyk", "Kravets"),
        "UA", ("uk", "ru"),
    ),
}  # fmt: skip

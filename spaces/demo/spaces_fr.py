"""Demo spaces in France, placed by the communes file from their town and postcode.

Facts come from ``shared/demo-content.md``; every sentence is our own. Amenities,
seats, hours and prices are plausible values for trying the site, not a survey.
"""

SPACES_FR = [
    {
        "key": "quincaillerie-gueret",
        "values": {
            "name": "La Quincaillerie",
            "kind": "tiers_lieu",
            "status": "open",
            "source_language": "fr",
            "town": "Guéret",
            "postcode": "23000",
            "country": "FR",
            "seats": 20,
            "opening_hours": "Mo-Fr 09:00-18:00",
            "price_day": "12",
            "price_month": "150",
            "has_wifi": True,
            "wifi_mbps": 100,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "offers_events": True,
            "offers_support": True,
            "wheelchair_access": True,
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Tiers-lieu de l'agglomération du Grand Guéret, avec un espace de coworking "
                    "pour indépendants, télétravailleurs et porteurs de projets."
                ),
                "description": (
                    "La Quincaillerie est le tiers-lieu du Grand Guéret, au cœur de la "
                    "préfecture de la Creuse : on y vient pour travailler, se rencontrer et "
                    "faire avancer ses projets.\n\n"
                    "Son espace de coworking s'ouvre à la journée comme au mois :\n\n"
                    "- postes de travail avec Wi-Fi, imprimante et scanner ;\n"
                    "- salle de réunion avec vidéoprojecteur ;\n"
                    "- cuisine partagée pour la pause de midi.\n\n"
                    "Des rencontres et des ateliers ouverts à tous ponctuent l'année."
                ),
            },
            "en": {
                "short_description": (
                    "Tiers-lieu of the Grand Guéret conurbation, with a coworking space for "
                    "freelancers, remote workers and project leaders."
                ),
                "description": (
                    "La Quincaillerie is the tiers-lieu of Grand Guéret, in the main town of "
                    "the Creuse: a place to work, meet people and move projects forward.\n\n"
                    "Its coworking space can be used by the day or by the month:\n\n"
                    "- desks with Wi-Fi, printer and scanner;\n"
                    "- a meeting room with a projector;\n"
                    "- a shared kitchen for lunch.\n\n"
                    "Meet-ups and workshops open to everyone take place through the year."
                ),
            },
            "es": {
                "short_description": (
                    "Tercer lugar de la aglomeración del Grand Guéret, con un espacio de "
                    "coworking para autónomos, teletrabajadores y emprendedores."
                ),
                "description": (
                    "La Quincaillerie es el tercer lugar del Grand Guéret, en la capital del "
                    "departamento de la Creuse: un sitio para trabajar, conocer gente y sacar "
                    "adelante proyectos.\n\n"
                    "Su espacio de coworking se alquila por días o por meses:\n\n"
                    "- puestos con wifi, impresora y escáner;\n"
                    "- sala de reuniones con proyector;\n"
                    "- cocina compartida para el almuerzo.\n\n"
                    "A lo largo del año organiza encuentros y talleres abiertos a todo el mundo."
                ),
            },
        },
    },
    {
        # The exact town is not known: placed at the intercommunality's seat (data/demo-places.md).
        "key": "le-chai",
        "values": {
            "name": "Le Chai",
            "kind": "tiers_lieu",
            "status": "open",
            "source_language": "fr",
            "town": "Genouillac",
            "postcode": "23350",
            "country": "FR",
            "seats": 8,
            "opening_hours": "Tu,Th 09:00-17:00",
            "price_day": "10",
            "price_month": "120",
            "has_wifi": True,
            "wifi_mbps": 30,
            "has_printer": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "offers_events": True,
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Tiers-lieu du territoire des Portes de la Creuse en Marche, dans le nord "
                    "de la Creuse, avec un espace de coworking."
                ),
                "description": (
                    "Le Chai est un tiers-lieu de la communauté de communes Portes de la Creuse "
                    "en Marche, un territoire rural du nord de la Creuse.\n\n"
                    "Il comprend un petit espace de coworking, avec une salle de réunion et "
                    "une cuisine.\n\n"
                    "Habitants, associations et indépendants s'y retrouvent aussi pour des "
                    "rencontres et des animations."
                ),
            },
            "en": {
                "short_description": (
                    "Tiers-lieu in the Portes de la Creuse en Marche area, in the north of the "
                    "Creuse, with a coworking space."
                ),
                "description": (
                    "Le Chai is a tiers-lieu of the Portes de la Creuse en Marche community of "
                    "communes, a rural area in the north of the Creuse.\n\n"
                    "It includes a small coworking space, with a meeting room and a kitchen.\n\n"
                    "Residents, associations and freelancers also gather there for meetings "
                    "and events."
                ),
            },
            "es": {
                "short_description": (
                    "Tercer lugar del territorio Portes de la Creuse en Marche, al norte de la "
                    "Creuse, con un espacio de coworking."
                ),
                "description": (
                    "Le Chai es un tercer lugar de la mancomunidad Portes de la Creuse en "
                    "Marche, un territorio rural del norte de la Creuse.\n\n"
                    "Cuenta con un pequeño espacio de coworking, con sala de reuniones y "
                    "cocina.\n\n"
                    "Vecinos, asociaciones y autónomos se reúnen también allí para encuentros "
                    "y actividades."
                ),
            },
        },
    },
    {
        "key": "elan-lezat",
        "values": {
            "name": "eLAN",
            "kind": "coworking",
            "status": "open",
            "source_language": "fr",
            "town": "Lézat-sur-Lèze",
            "postcode": "09210",
            "country": "FR",
            "seats": 12,
            "opening_hours": "Mo-Fr 08:30-12:30,13:30-19:00; Sa 09:00-12:00",
            "price_day": "10",
            "price_month": "130",
            "has_wifi": True,
            "wifi_mbps": 50,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_training_room": True,
            "offers_events": True,
            "offers_support": True,
            "networks": ["cowopy"],
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Espace de coworking ouvert à l'automne 2014 dans l'ancienne école "
                    "communale de Lézat-sur-Lèze ; espace pilote du réseau pyrénéen Cowopy."
                ),
                "description": (
                    "eLAN occupe depuis l'automne 2014 les murs de l'ancienne école communale "
                    "de Lézat-sur-Lèze, en Ariège.\n\n"
                    "C'est l'un des espaces pilotes du réseau pyrénéen de coworking : il a "
                    "accueilli en septembre 2015 une journée itinérante Cowopy consacrée aux "
                    "nouvelles façons d'entreprendre en milieu rural.\n\n"
                    "Sur place : bureaux partagés, salle de réunion avec vidéoprojecteur, "
                    "salle de formation et cuisine."
                ),
            },
            "en": {
                "short_description": (
                    "Coworking space opened in autumn 2014 in the former village school of "
                    "Lézat-sur-Lèze; pilot space of the Pyrenean network Cowopy."
                ),
                "description": (
                    "Since autumn 2014, eLAN has been housed in the former village school of "
                    "Lézat-sur-Lèze, in the Ariège.\n\n"
                    "It is a pilot space of the Pyrenean coworking network: in September 2015 "
                    "it hosted a travelling Cowopy day on new ways of doing business in rural "
                    "areas.\n\n"
                    "On site: shared desks, a meeting room with a projector, a training room "
                    "and a kitchen."
                ),
            },
            "es": {
                "short_description": (
                    "Espacio de coworking abierto en otoño de 2014 en la antigua escuela "
                    "municipal de Lézat-sur-Lèze; espacio piloto de la red pirenaica Cowopy."
                ),
                "description": (
                    "Desde el otoño de 2014, eLAN ocupa la antigua escuela municipal de "
                    "Lézat-sur-Lèze, en el Ariège.\n\n"
                    "Es un espacio piloto de la red pirenaica de coworking: en septiembre de "
                    "2015 acogió una jornada itinerante de Cowopy sobre nuevas formas de "
                    "emprender en el medio rural.\n\n"
                    "En el espacio: puestos compartidos, sala de reuniones con proyector, sala "
                    "de formación y cocina."
                ),
            },
        },
    },
    {
        "key": "tiers-lieu-gascogne",
        "values": {
            "name": "Tiers-Lieu de Gascogne",
            "kind": "tiers_lieu",
            "status": "open",
            "source_language": "fr",
            "town": "Hagetmau",
            "postcode": "40700",
            "country": "FR",
            "seats": 10,
            "opening_hours": "Mo-Fr 09:00-12:00,14:00-18:00",
            "price_day": "12",
            "price_month": "140",
            "has_wifi": True,
            "wifi_mbps": 100,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_training_room": True,
            "offers_events": True,
            "offers_support": True,
            "offers_domiciliation": True,
            "wheelchair_access": True,
            "networks": ["cooperative-tiers-lieux"],
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Tiers-lieu installé dans les locaux rénovés de l'Amicale Laïque "
                    "d'Hagetmau et porté par une coopérative d'activité et d'emploi."
                ),
                "description": (
                    "En Chalosse, le Tiers-Lieu de Gascogne a pris place dans les locaux "
                    "rénovés de l'Amicale Laïque d'Hagetmau.\n\n"
                    "Une coopérative d'activité et d'emploi le fait vivre : les entrepreneurs "
                    "qu'elle accompagne y trouvent un bureau, des collègues et des conseils "
                    "pour développer leur activité.\n\n"
                    "Le lieu reçoit aussi des journées d'échange entre tiers-lieux, comme le "
                    "Petit Ramdam de novembre 2014."
                ),
            },
            "en": {
                "short_description": (
                    "Tiers-lieu in the renovated premises of the Amicale Laïque in Hagetmau, "
                    "run by a business and employment cooperative."
                ),
                "description": (
                    "In the Chalosse hills, the Tiers-Lieu de Gascogne has moved into the "
                    "renovated premises of Hagetmau's Amicale Laïque.\n\n"
                    "It is run by a business and employment cooperative: the entrepreneurs it "
                    "supports find a desk, colleagues and advice to grow their business.\n\n"
                    "The place also hosts exchange days between tiers-lieux, such as the Petit "
                    "Ramdam of November 2014."
                ),
            },
            "es": {
                "short_description": (
                    "Tercer lugar en los locales renovados de la Amicale Laïque de Hagetmau, "
                    "impulsado por una cooperativa de actividad y empleo."
                ),
                "description": (
                    "En la comarca de Chalosse, el Tiers-Lieu de Gascogne se ha instalado en "
                    "los locales renovados de la Amicale Laïque de Hagetmau.\n\n"
                    "Lo gestiona una cooperativa de actividad y empleo: los emprendedores a "
                    "los que acompaña encuentran allí un puesto, compañeros y asesoramiento "
                    "para hacer crecer su actividad.\n\n"
                    "También acoge jornadas de intercambio entre terceros lugares, como el "
                    "Petit Ramdam de noviembre de 2014."
                ),
            },
        },
    },
    {
        "key": "le-multiple",
        "values": {
            "name": "Le Multiple",
            "kind": "tiers_lieu",
            "status": "open",
            "source_language": "fr",
            "town": "Toulouse",
            "postcode": "31000",
            "country": "FR",
            "seats": 30,
            "opening_hours": "Mo-Th 09:00-19:00; Fr 09:00-17:00",
            "price_day": "15",
            "price_month": "200",
            "has_wifi": True,
            "wifi_mbps": 500,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_phone_booth": True,
            "has_training_room": True,
            "offers_events": True,
            "offers_support": True,
            "wheelchair_access": True,
            "networks": ["cowopy"],
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Lieu collaboratif toulousain qui réunit un fab lab d'environ 900 membres "
                    "et un espace de coworking et de résidence pour entrepreneurs de "
                    "l'économie sociale et solidaire."
                ),
                "description": (
                    "Le Multiple rassemble deux mondes sous le même toit :\n\n"
                    "- un **fab lab** d'environ 900 membres, dont un tiers d'étudiants ;\n"
                    "- un espace de **coworking et de résidence** pour les entrepreneurs de "
                    "l'économie sociale et solidaire.\n\n"
                    "Les résidents profitent des machines et des savoir-faire de l'atelier, "
                    "et les makers croisent des porteurs de projets à impact.\n\n"
                    "Salles de réunion et de formation, cabine téléphonique et cuisine "
                    "complètent l'ensemble."
                ),
            },
            "en": {
                "short_description": (
                    "Collaborative place in Toulouse bringing together a fab lab of about 900 "
                    "members and a coworking and residency space for social-economy "
                    "entrepreneurs."
                ),
                "description": (
                    "Le Multiple brings two worlds under one roof:\n\n"
                    "- a **fab lab** with about 900 members, a third of them students;\n"
                    "- a **coworking and residency** space for social and solidarity economy "
                    "entrepreneurs.\n\n"
                    "Residents use the workshop's machines and know-how, and makers meet "
                    "people building projects with a social impact.\n\n"
                    "Meeting and training rooms, a phone booth and a kitchen complete the "
                    "place."
                ),
            },
            "es": {
                "short_description": (
                    "Lugar colaborativo de Toulouse que reúne un fab lab de unos 900 miembros "
                    "y un espacio de coworking y residencia para emprendedores de la economía "
                    "social y solidaria."
                ),
                "description": (
                    "Le Multiple junta dos mundos bajo el mismo techo:\n\n"
                    "- un **fab lab** de unos 900 miembros, un tercio de ellos estudiantes;\n"
                    "- un espacio de **coworking y residencia** para emprendedores de la "
                    "economía social y solidaria.\n\n"
                    "Los residentes aprovechan las máquinas y los conocimientos del taller, y "
                    "los makers conocen a personas con proyectos de impacto social.\n\n"
                    "Salas de reuniones y de formación, cabina telefónica y cocina completan "
                    "el conjunto."
                ),
            },
        },
    },
    {
        "key": "lan-berri",
        "values": {
            "name": "Atelier Lan Berri",
            "kind": "coworking",
            "status": "open",
            "source_language": "fr",
            "town": "Anglet",
            "postcode": "64600",
            "country": "FR",
            "seats": 15,
            "opening_hours": "Mo-Fr 09:00-18:00",
            "price_day": "15",
            "price_month": "180",
            "has_wifi": True,
            "wifi_mbps": 300,
            "has_printer": True,
            "has_projector": True,
            "has_visio_room": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "offers_events": True,
            "wheelchair_access": True,
            "networks": ["cowopy", "cooperative-tiers-lieux"],
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Espace de coworking à Anglet, sur la côte basque, pour travailler près de "
                    "chez soi entre Bayonne et Biarritz."
                ),
                "description": (
                    "L'Atelier Lan Berri — « travail nouveau » en basque — accueille "
                    "indépendants et télétravailleurs à Anglet, dans les Pyrénées-Atlantiques."
                    "\n\n"
                    "Postes à la journée ou au mois, salle de réunion équipée pour la "
                    "visioconférence et cuisine partagée : de quoi travailler près de chez soi "
                    "sans rester seul.\n\n"
                    "Pensez à vérifier les horaires d'ouverture avant votre première venue."
                ),
            },
            "en": {
                "short_description": (
                    "Coworking space in Anglet, on the Basque coast, to work close to home "
                    "between Bayonne and Biarritz."
                ),
                "description": (
                    'Atelier Lan Berri — "new work" in Basque — welcomes freelancers and '
                    "remote workers in Anglet, in the Pyrénées-Atlantiques.\n\n"
                    "Desks by the day or by the month, a meeting room set up for video calls "
                    "and a shared kitchen: everything needed to work near home without "
                    "working alone.\n\n"
                    "Check the opening hours before your first visit."
                ),
            },
            "es": {
                "short_description": (
                    "Espacio de coworking en Anglet, en la costa vasca, para trabajar cerca de "
                    "casa entre Baiona y Biarritz."
                ),
                "description": (
                    "El Atelier Lan Berri («trabajo nuevo» en euskera) recibe a autónomos y "
                    "teletrabajadores en Anglet, en los Pirineos Atlánticos.\n\n"
                    "Puestos por días o por meses, sala de reuniones preparada para "
                    "videoconferencias y cocina compartida: todo para trabajar cerca de casa "
                    "sin trabajar solo.\n\n"
                    "Consulta el horario de apertura antes de tu primera visita."
                ),
            },
        },
    },
    {
        "key": "prayssac",
        "values": {
            "name": "Espace de travail partagé de Prayssac",
            "kind": "mini_cowork",
            "status": "project",
            "source_language": "fr",
            "town": "Prayssac",
            "postcode": "46220",
            "country": "FR",
            "seats": 3,
            "has_wifi": True,
            "wifi_mbps": 30,
            "has_printer": True,
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Projet de mini-cowork de deux ou trois places dans un commerce du village "
                    "de Prayssac, dans la vallée du Lot."
                ),
                "description": (
                    "Un commerce du bourg prévoit de réserver un coin de sa boutique à deux ou "
                    "trois postes de travail.\n\n"
                    "L'idée : offrir aux habitants qui télétravaillent une bonne connexion et "
                    "un peu de compagnie, sans prendre la route de Cahors.\n\n"
                    "Le projet est en préparation ; horaires et tarifs seront publiés à "
                    "l'ouverture."
                ),
            },
            "en": {
                "short_description": (
                    "Planned mini-cowork of two or three desks in a village shop in Prayssac, "
                    "in the Lot valley."
                ),
                "description": (
                    "A shop in the village centre plans to set aside a corner for two or three "
                    "desks.\n\n"
                    "The aim: give residents who work remotely a good connection and some "
                    "company, without driving to Cahors.\n\n"
                    "The project is being prepared; opening hours and prices will be published "
                    "when it opens."
                ),
            },
            "es": {
                "short_description": (
                    "Proyecto de minicoworking de dos o tres puestos en un comercio del pueblo "
                    "de Prayssac, en el valle del Lot."
                ),
                "description": (
                    "Un comercio del centro del pueblo quiere reservar un rincón de la tienda "
                    "para dos o tres puestos de trabajo.\n\n"
                    "La idea: ofrecer a los vecinos que teletrabajan una buena conexión y algo "
                    "de compañía, sin tener que ir hasta Cahors.\n\n"
                    "El proyecto está en preparación; el horario y las tarifas se publicarán "
                    "cuando abra."
                ),
            },
        },
    },
    {
        "key": "luzech",
        "values": {
            "name": "Espace de coworking de Luzech",
            "kind": "coworking",
            "status": "open",
            "source_language": "fr",
            "town": "Luzech",
            "postcode": "46140",
            "country": "FR",
            "seats": 6,
            "opening_hours": "Mo,We,Fr 09:00-17:00",
            "price_day": "10",
            "price_month": "120",
            "has_wifi": True,
            "wifi_mbps": 50,
            "has_printer": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "wheelchair_access": False,
        },
        "translations": {
            "fr": {
                "short_description": (
                    "Petit espace de travail partagé au cœur de Luzech, village lové dans un "
                    "méandre du Lot."
                ),
                "description": (
                    "Six postes, une petite salle de réunion et une cuisine : l'espace de "
                    "Luzech mise sur la simplicité.\n\n"
                    "Il ouvre trois jours par semaine pour les habitants de la vallée qui "
                    "veulent sortir de chez eux pour travailler.\n\n"
                    "Accès par un escalier : l'espace n'est malheureusement pas accessible "
                    "en fauteuil roulant."
                ),
            },
            "en": {
                "short_description": (
                    "Small shared workspace in the centre of Luzech, a village nestled in a "
                    "bend of the river Lot."
                ),
                "description": (
                    "Six desks, a small meeting room and a kitchen: the Luzech space keeps "
                    "things simple.\n\n"
                    "It opens three days a week for people of the valley who would rather not "
                    "work from home.\n\n"
                    "Access is by stairs: the space is unfortunately not wheelchair "
                    "accessible."
                ),
            },
            "es": {
                "short_description": (
                    "Pequeño espacio de trabajo compartido en el centro de Luzech, un pueblo "
                    "en un meandro del río Lot."
                ),
                "description": (
                    "Seis puestos, una pequeña sala de reuniones y una cocina: el espacio de "
                    "Luzech apuesta por la sencillez.\n\n"
                    "Abre tres días por semana para los vecinos del valle que prefieren no "
                    "trabajar desde casa.\n\n"
                    "Se accede por una escalera: por desgracia, no es accesible en silla de "
                    "ruedas."
                ),
            },
        },
    },
]

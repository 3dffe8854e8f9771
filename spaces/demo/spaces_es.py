"""Demo spaces in Spain, placed at their town's coordinates (see ``data/demo-places.md``).

The communes file only covers France, so each entry carries its point and the
province/region (``extra``), which ``services.space_save`` does not take for now.
Facts come from ``shared/demo-content.md``; every sentence is our own.
"""

BASQUE_COUNTRY = {"region": "Euskadi", "departement": "Bizkaia", "timezone": "Europe/Madrid"}
TARRAGONA = {"region": "Catalunya", "departement": "Tarragona", "timezone": "Europe/Madrid"}
BARCELONA = {"region": "Catalunya", "departement": "Barcelona", "timezone": "Europe/Madrid"}

SPACES_ES = [
    {
        "key": "zawp",
        "values": {
            "name": "Zawp",
            "kind": "tiers_lieu",
            "status": "open",
            "source_language": "es",
            "town": "Bilbao",
            "country": "ES",
            "latitude": 43.271,
            "longitude": -2.963,
            "seats": 20,
            "opening_hours": "Mo-Sa 10:00-20:00",
            "price_day": "12",
            "price_month": "150",
            "has_wifi": True,
            "wifi_mbps": 300,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_training_room": True,
            "offers_events": True,
            "networks": ["cowopy"],
        },
        "extra": BASQUE_COUNTRY,
        "translations": {
            "es": {
                "short_description": (
                    "Tercer lugar cultural en Zorrotzaurre, el barrio de Bilbao en plena "
                    "transformación, con coworking, talleres y actividades abiertas."
                ),
                "description": (
                    "Zawp está en Zorrotzaurre, antigua zona industrial de la ría de Bilbao "
                    "que vive hoy una profunda transformación urbana.\n\n"
                    "Mezcla cultura, creación y trabajo: espacio de coworking, salas para "
                    "talleres y una programación abierta a la gente del barrio.\n\n"
                    "En enero de 2015 acogió una mesa redonda sobre si los espacios de "
                    "coworking son lugares innovadores para la formación."
                ),
            },
            "fr": {
                "short_description": (
                    "Tiers-lieu culturel de Zorrotzaurre, quartier de Bilbao en pleine "
                    "mutation, avec coworking, ateliers et activités ouvertes."
                ),
                "description": (
                    "Zawp est installé à Zorrotzaurre, ancienne zone industrielle au bord de "
                    "la ria de Bilbao, aujourd'hui en pleine transformation urbaine.\n\n"
                    "Le lieu mêle culture, création et travail : espace de coworking, salles "
                    "d'ateliers et une programmation ouverte aux habitants du quartier.\n\n"
                    "En janvier 2015, il a accueilli une table ronde sur la place des espaces "
                    "de coworking dans la formation."
                ),
            },
            "en": {
                "short_description": (
                    "Cultural tiers-lieu in Zorrotzaurre, a Bilbao district in transition, "
                    "with coworking, workshops and open activities."
                ),
                "description": (
                    "Zawp sits in Zorrotzaurre, a former industrial area on the Bilbao "
                    "estuary that is going through a deep urban transformation.\n\n"
                    "It mixes culture, creation and work: a coworking space, workshop rooms "
                    "and a programme open to the people of the district.\n\n"
                    "In January 2015 it hosted a round table asking whether coworking spaces "
                    "are innovative places for training."
                ),
            },
        },
    },
    {
        "key": "design-kabi",
        "values": {
            "name": "Design Kabi",
            "kind": "coworking",
            "status": "open",
            "source_language": "es",
            "town": "Bilbao",
            "country": "ES",
            "latitude": 43.263,
            "longitude": -2.935,
            "seats": 12,
            "opening_hours": "Mo-Fr 09:00-19:00",
            "price_day": "15",
            "price_month": "180",
            "has_wifi": True,
            "wifi_mbps": 300,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "wheelchair_access": True,
            "networks": ["cowopy"],
        },
        "extra": BASQUE_COUNTRY,
        "translations": {
            "es": {
                "short_description": (
                    "Espacio de coworking en Bilbao para profesionales independientes y "
                    "pequeños equipos."
                ),
                "description": (
                    "Kabi significa «nido» en euskera, y eso quiere ser este coworking de "
                    "Bilbao: un sitio donde instalarse y crecer.\n\n"
                    "Ofrece puestos por días o por meses, sala de reuniones con proyector, "
                    "impresora y escáner, y una cocina compartida."
                ),
            },
            "fr": {
                "short_description": (
                    "Espace de coworking à Bilbao pour les indépendants et les petites équipes."
                ),
                "description": (
                    "Kabi veut dire « nid » en basque, et c'est ce que veut être ce coworking "
                    "de Bilbao : un endroit où s'installer et grandir.\n\n"
                    "Postes à la journée ou au mois, salle de réunion avec vidéoprojecteur, "
                    "imprimante et scanner, cuisine partagée."
                ),
            },
            "en": {
                "short_description": "Coworking space in Bilbao for freelancers and small teams.",
                "description": (
                    'Kabi means "nest" in Basque, and that is what this Bilbao coworking '
                    "space aims to be: a place to settle in and grow.\n\n"
                    "Desks by the day or by the month, a meeting room with a projector, a "
                    "printer and scanner, and a shared kitchen."
                ),
            },
        },
    },
    {
        "key": "somorrostro",
        "values": {
            "name": "Centro de Formación Somorrostro",
            "kind": "training_centre",
            "status": "open",
            "source_language": "es",
            "town": "Muskiz",
            "postcode": "48550",
            "country": "ES",
            "latitude": 43.323,
            "longitude": -3.122,
            "seats": 20,
            "opening_hours": "Mo-Fr 08:00-21:00",
            "price_day": "10",
            "price_month": "120",
            "has_wifi": True,
            "wifi_mbps": 300,
            "has_printer": True,
            "has_scanner": True,
            "has_projector": True,
            "has_air_conditioning": True,
            "has_visio_room": True,
            "has_meeting_room": True,
            "has_training_room": True,
            "offers_events": True,
            "offers_support": True,
            "wheelchair_access": True,
            "networks": ["cowopy"],
        },
        "extra": BASQUE_COUNTRY,
        "translations": {
            "es": {
                "short_description": (
                    "Centro de formación de Muskiz con unos 5.000 alumnos; en 1997 abrió en "
                    "Gordexola uno de los primeros telecentros rurales de España."
                ),
                "description": (
                    "El Centro de Formación Somorrostro, en Muskiz (Bizkaia), cuenta con unos "
                    "5.000 alumnos.\n\n"
                    "Su relación con el trabajo a distancia viene de lejos: en 1997 puso en "
                    "marcha en Gordexola uno de los primeros telecentros rurales del país.\n\n"
                    "Hoy ofrece a emprendedores y profesionales puestos de trabajo, aulas de "
                    "formación, salas de reuniones y una sala de videoconferencia."
                ),
            },
            "fr": {
                "short_description": (
                    "Centre de formation de Muskiz qui compte environ 5 000 élèves ; il a "
                    "lancé en 1997 à Gordexola l'un des premiers télécentres ruraux "
                    "d'Espagne."
                ),
                "description": (
                    "Le Centro de Formación Somorrostro, à Muskiz (Biscaye), compte environ "
                    "5 000 élèves.\n\n"
                    "Le travail à distance ne lui est pas nouveau : dès 1997, il a ouvert à "
                    "Gordexola l'un des premiers télécentres ruraux du pays.\n\n"
                    "Il propose aujourd'hui aux entrepreneurs et aux professionnels des "
                    "postes de travail, des salles de formation et de réunion et une salle "
                    "de visioconférence."
                ),
            },
            "en": {
                "short_description": (
                    "Training centre in Muskiz with about 5,000 students; in 1997 it opened "
                    "one of Spain's first rural telecentres, in Gordexola."
                ),
                "description": (
                    "Centro de Formación Somorrostro, in Muskiz (Biscay), has about 5,000 "
                    "students.\n\n"
                    "Remote work is nothing new to it: as early as 1997 it set up one of the "
                    "country's first rural telecentres, in Gordexola.\n\n"
                    "Today it offers entrepreneurs and professionals desks, training rooms, "
                    "meeting rooms and a video-conference room."
                ),
            },
        },
    },
    {
        "key": "la-magrana",
        "values": {
            "name": "Espai La Magrana",
            "kind": "coworking",
            "status": "open",
            "source_language": "es",
            "town": "Valls",
            "country": "ES",
            "latitude": 41.288,
            "longitude": 1.252,
            "seats": 10,
            "opening_hours": "Mo-Fr 09:00-13:30,16:00-19:30",
            "price_day": "10",
            "price_month": "130",
            "has_wifi": True,
            "wifi_mbps": 100,
            "has_printer": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_training_room": True,
            "offers_events": True,
            "networks": ["cowocat", "cowopy"],
        },
        "extra": TARRAGONA,
        "translations": {
            "es": {
                "short_description": (
                    "Coworking rural en Valls, capital del Alt Camp, miembro de la red "
                    "catalana Cowocat."
                ),
                "description": (
                    "Espai La Magrana es uno de los coworkings rurales de la red Cowocat, en "
                    "Valls (Alt Camp).\n\n"
                    "Ha acogido una jornada de la red pirenaica Cowopy con una mesa redonda "
                    "sobre coworking y universidades y un explorcamp sobre modelos de "
                    "cooperación.\n\n"
                    "Dispone de sala de reuniones, aula de formación y cocina."
                ),
            },
            "ca": {
                "short_description": (
                    "Coworking rural a Valls, capital de l'Alt Camp, membre de la xarxa "
                    "catalana Cowocat."
                ),
                "description": (
                    "L'Espai La Magrana és un dels coworkings rurals de la xarxa Cowocat, a "
                    "Valls (Alt Camp).\n\n"
                    "Hi ha tingut lloc una jornada de la xarxa pirinenca Cowopy, amb una "
                    "taula rodona sobre coworking i universitats i un explorcamp sobre "
                    "models de cooperació.\n\n"
                    "Disposa de sala de reunions, aula de formació i cuina."
                ),
            },
            "fr": {
                "short_description": (
                    "Coworking rural à Valls, capitale de l'Alt Camp, membre du réseau "
                    "catalan Cowocat."
                ),
                "description": (
                    "L'Espai La Magrana est l'un des coworkings ruraux du réseau Cowocat, à "
                    "Valls (Alt Camp).\n\n"
                    "Il a accueilli une journée du réseau pyrénéen Cowopy, avec une table "
                    "ronde sur le coworking et les universités et un explorcamp sur les "
                    "modèles de coopération.\n\n"
                    "Il dispose d'une salle de réunion, d'une salle de formation et d'une "
                    "cuisine."
                ),
            },
            "en": {
                "short_description": (
                    "Rural coworking space in Valls, the main town of the Alt Camp, member of "
                    "the Catalan network Cowocat."
                ),
                "description": (
                    "Espai La Magrana is one of the rural coworking spaces of the Cowocat "
                    "network, in Valls (Alt Camp).\n\n"
                    "It hosted a day of the Pyrenean network Cowopy, with a round table on "
                    "coworking and universities and an explorcamp on cooperation models.\n\n"
                    "It has a meeting room, a training room and a kitchen."
                ),
            },
        },
    },
    {
        "key": "el-taller",
        "values": {
            "name": "El Taller Coworking",
            "kind": "coworking",
            "status": "open",
            "source_language": "es",
            "town": "La Selva del Camp",
            "postcode": "43470",
            "country": "ES",
            "latitude": 41.216,
            "longitude": 1.137,
            "seats": 8,
            "opening_hours": "Mo-Fr 08:30-14:30",
            "price_day": "10",
            "price_month": "120",
            "has_wifi": True,
            "wifi_mbps": 100,
            "has_printer": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "wheelchair_access": True,
            "networks": ["cowocat", "cowopy"],
        },
        "extra": TARRAGONA,
        "translations": {
            "es": {
                "short_description": (
                    "Coworking rural en La Selva del Camp (Baix Camp), dentro de la red Cowocat."
                ),
                "description": (
                    "El Taller Coworking acerca el trabajo compartido a La Selva del Camp, en "
                    "el Baix Camp.\n\n"
                    "Es uno de los espacios rurales de la red Cowocat: puestos por días o por "
                    "meses, sala de reuniones y cocina, a pocos minutos de Reus."
                ),
            },
            "ca": {
                "short_description": (
                    "Coworking rural a la Selva del Camp (Baix Camp), dins de la xarxa Cowocat."
                ),
                "description": (
                    "El Taller Coworking porta el treball compartit a la Selva del Camp, al "
                    "Baix Camp.\n\n"
                    "És un dels espais rurals de la xarxa Cowocat: llocs per dies o per "
                    "mesos, sala de reunions i cuina, a pocs minuts de Reus."
                ),
            },
            "fr": {
                "short_description": (
                    "Coworking rural à La Selva del Camp (Baix Camp), au sein du réseau Cowocat."
                ),
                "description": (
                    "El Taller Coworking apporte le travail partagé à La Selva del Camp, dans "
                    "le Baix Camp.\n\n"
                    "C'est l'un des espaces ruraux du réseau Cowocat : postes à la journée ou "
                    "au mois, salle de réunion et cuisine, à quelques minutes de Reus."
                ),
            },
            "en": {
                "short_description": (
                    "Rural coworking space in La Selva del Camp (Baix Camp), part of the "
                    "Cowocat network."
                ),
                "description": (
                    "El Taller Coworking brings shared work to La Selva del Camp, in the Baix "
                    "Camp.\n\n"
                    "It is one of the rural spaces of the Cowocat network: desks by the day "
                    "or by the month, a meeting room and a kitchen, a few minutes from Reus."
                ),
            },
        },
    },
    {
        "key": "vapor-lab",
        "values": {
            "name": "Vapor Lab",
            "kind": "coworking",
            "status": "open",
            "source_language": "es",
            "town": "Reus",
            "country": "ES",
            "latitude": 41.156,
            "longitude": 1.108,
            "seats": 25,
            "opening_hours": "24/7",
            "price_day": "15",
            "price_month": "190",
            "price_notes": "Acceso 24/7 con tarjeta para las cuotas mensuales.",
            "has_wifi": True,
            "wifi_mbps": 600,
            "has_printer": True,
            "has_scanner": True,
            "has_air_conditioning": True,
            "has_projector": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_phone_booth": True,
            "offers_events": True,
            "wheelchair_access": True,
            "networks": ["cowocat", "cowopy"],
        },
        "extra": TARRAGONA,
        "translations": {
            "es": {
                "short_description": (
                    "Coworking de la red Cowocat en Reus, con acceso a cualquier hora para "
                    "quienes tienen cuota mensual."
                ),
                "description": (
                    "Vapor Lab reúne en Reus a autónomos, emprendedores y teletrabajadores del "
                    "Camp de Tarragona.\n\n"
                    "- acceso 24/7 con tarjeta para las cuotas mensuales;\n"
                    "- sala de reuniones, cabina telefónica y cocina;\n"
                    "- aire acondicionado y fibra.\n\n"
                    "Forma parte de la red catalana Cowocat."
                ),
            },
            "ca": {
                "short_description": (
                    "Coworking de la xarxa Cowocat a Reus, amb accés a qualsevol hora per a "
                    "qui té quota mensual."
                ),
                "description": (
                    "Vapor Lab aplega a Reus autònoms, emprenedors i teletreballadors del "
                    "Camp de Tarragona.\n\n"
                    "- accés 24/7 amb targeta per a les quotes mensuals;\n"
                    "- sala de reunions, cabina telefònica i cuina;\n"
                    "- aire condicionat i fibra.\n\n"
                    "Forma part de la xarxa catalana Cowocat."
                ),
            },
            "fr": {
                "short_description": (
                    "Coworking du réseau Cowocat à Reus, accessible à toute heure pour les "
                    "abonnés au mois."
                ),
                "description": (
                    "Vapor Lab réunit à Reus indépendants, entrepreneurs et télétravailleurs "
                    "du Camp de Tarragona.\n\n"
                    "- accès 24 h/24 par badge pour les abonnés au mois ;\n"
                    "- salle de réunion, cabine téléphonique et cuisine ;\n"
                    "- climatisation et fibre.\n\n"
                    "Il fait partie du réseau catalan Cowocat."
                ),
            },
            "en": {
                "short_description": (
                    "Cowocat coworking space in Reus, open around the clock to monthly members."
                ),
                "description": (
                    "Vapor Lab brings together freelancers, entrepreneurs and remote workers "
                    "of the Camp de Tarragona in Reus.\n\n"
                    "- 24/7 badge access for monthly members;\n"
                    "- meeting room, phone booth and kitchen;\n"
                    "- air conditioning and fibre.\n\n"
                    "It belongs to the Catalan network Cowocat."
                ),
            },
        },
    },
    {
        "key": "alpha-espai",
        "values": {
            "name": "Alpha Espai",
            "kind": "coworking",
            "status": "open",
            "source_language": "es",
            "town": "Barcelona",
            "country": "ES",
            "latitude": 41.383,
            "longitude": 2.183,
            "seats": 35,
            "area_m2": 300,
            "opening_hours": "Mo-Fr 09:00-20:00",
            "price_day": "20",
            "price_month": "250",
            "has_wifi": True,
            "wifi_mbps": 1000,
            "has_printer": True,
            "has_scanner": True,
            "has_air_conditioning": True,
            "has_projector": True,
            "has_visio_room": True,
            "has_meeting_room": True,
            "has_kitchen": True,
            "has_phone_booth": True,
            "offers_cleaning": True,
            "offers_events": True,
            "offers_mail_handling": True,
            "offers_domiciliation": True,
            "offers_support": True,
            "wheelchair_access": True,
            "networks": ["cowocat"],
        },
        "extra": BARCELONA,
        "translations": {
            "es": {
                "short_description": (
                    "Coworking de 300 m² en Barcelona, gestionado por quien coordina la red "
                    "catalana Cowocat."
                ),
                "description": (
                    "Alpha Espai ofrece 300 m² de trabajo compartido en Barcelona. Lo "
                    "gestiona la persona que coordina la red Cowocat, que une unos 150 "
                    "espacios en Cataluña.\n\n"
                    "Además de los puestos, el espacio propone domiciliación de empresas, "
                    "gestión del correo, limpieza, salas de reuniones y de videoconferencia, "
                    "y acompañamiento a los proyectos."
                ),
            },
            "ca": {
                "short_description": (
                    "Coworking de 300 m² a Barcelona, gestionat per qui coordina la xarxa "
                    "catalana Cowocat."
                ),
                "description": (
                    "Alpha Espai ofereix 300 m² de treball compartit a Barcelona. El "
                    "gestiona la persona que coordina la xarxa Cowocat, que aplega uns 150 "
                    "espais a Catalunya.\n\n"
                    "A més dels llocs de treball, l'espai proposa domiciliació d'empreses, "
                    "gestió del correu, neteja, sales de reunions i de videoconferència, i "
                    "acompanyament als projectes."
                ),
            },
            "fr": {
                "short_description": (
                    "Coworking de 300 m² à Barcelone, géré par la personne qui coordonne le "
                    "réseau catalan Cowocat."
                ),
                "description": (
                    "Alpha Espai offre 300 m² de travail partagé à Barcelone. Il est géré par "
                    "la personne qui coordonne le réseau Cowocat, lequel fédère environ 150 "
                    "espaces en Catalogne.\n\n"
                    "En plus des postes, l'espace propose domiciliation d'entreprise, gestion "
                    "du courrier, ménage, salles de réunion et de visioconférence, et "
                    "accompagnement des projets."
                ),
            },
            "en": {
                "short_description": (
                    "300 m² coworking space in Barcelona, run by the coordinator of the "
                    "Catalan network Cowocat."
                ),
                "description": (
                    "Alpha Espai offers 300 m² of shared workspace in Barcelona. It is run by "
                    "the coordinator of the Cowocat network, which links about 150 spaces "
                    "across Catalonia.\n\n"
                    "Besides desks, the space offers business domiciliation, mail handling, "
                    "cleaning, meeting and video-conference rooms, and support for projects."
                ),
            },
        },
    },
]

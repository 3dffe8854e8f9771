"""Demo conversations between the demo members of community/demo_members.py."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from messaging.models import Message, Participant
from messaging.services import get_or_create_thread

# (first member, second member, [(author, text), ...]), oldest message first.
DEMO_THREADS = [
    (
        "thomas",
        "lea",
        [
            (
                "thomas",
                "Bonjour Léa, j'ai vu que tu proposais un coup de main en comptabilité. "
                "Je passe en société l'an prochain et je suis un peu perdu.",
            ),
            (
                "lea",
                "Bonjour Thomas ! Avec plaisir. Je suis à eLAN le mardi et le jeudi, "
                "on peut s'appeler jeudi midi ?",
            ),
            ("thomas", "Parfait, jeudi midi. En échange je peux regarder ton site web."),
        ],
    ),
    (
        "maite",
        "camille",
        [
            (
                "camille",
                "Kaixo Maite, pour le Petit Ramdam on cherche quelqu'un pour traduire "
                "le programme en basque et en espagnol. Ça te dirait ?",
            ),
            (
                "maite",
                "Oui, volontiers ! Envoie-moi le texte, je te le rends en fin de semaine.",
            ),
        ],
    ),
    (
        "jordi",
        "ane",
        [
            (
                "jordi",
                "Hola Ane, en La Magrana organizamos un taller de diseño de servicios en "
                "mayo. ¿Te interesaría facilitarlo con nosotros?",
            ),
            ("ane", "¡Hola Jordi! Me encantaría. ¿Qué fechas tenéis en mente?"),
            ("jordi", "El 14 o el 21 de mayo. Te mando el borrador del programa."),
        ],
    ),
]


@transaction.atomic
def load_demo_messages() -> int:
    """Create the demo conversations whose members exist; return the messages created.

    Idempotent: a pair that already has messages is left alone. No email is sent.
    """
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in={name for pair in DEMO_THREADS for name in pair[:2]}
        )
    }
    created = 0
    now = timezone.now()
    for first, second, lines in DEMO_THREADS:
        if first not in users or second not in users:
            continue
        thread = get_or_create_thread(users[first], users[second])
        if thread.messages.exists():
            continue
        start = now - timedelta(days=2, hours=len(lines))
        for index, (author, text) in enumerate(lines):
            message = Message.objects.create(thread=thread, sender=users[author], body=text)
            # Spread over time so that the conversation reads like one.
            message.created_at = start + timedelta(hours=index)
            message.save(update_fields=["created_at"])
            # Writing reads what came before; the first member has read everything.
            Participant.objects.filter(thread=thread, user=users[author]).update(
                read_up_to=message.pk
            )
            created += 1
        thread.last_message_at = message.created_at
        thread.save(update_fields=["last_message_at"])
        Participant.objects.filter(thread=thread, user=users[first]).update(read_up_to=message.pk)
    return created

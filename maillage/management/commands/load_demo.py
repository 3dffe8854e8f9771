from django.conf import settings
from django.core.management.base import BaseCommand

from community.demo import load_demo_community
from events.demo import load_demo_events
from messaging.demo import load_demo_messages
from opportunities.demo import load_demo_opportunities
from spaces.demo import DEMO_PASSWORD, USERS, load_demo
from surveys.demo import load_demo_surveys


class Command(BaseCommand):
    help = (
        "Load the demo networks and spaces, and in DEBUG the role accounts and demo members "
        "with their exchanges, opportunities and messages; safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=f"Also create the accounts (password {DEMO_PASSWORD!r}) when DEBUG is off.",
        )

    def handle(self, *args, with_users=False, **options):
        create_users = with_users or settings.DEBUG
        if not create_users:
            names = ", ".join(spec["username"] for spec in USERS)
            self.stdout.write(
                f"Role accounts ({names}) and demo members not created: their password is "
                "public and DEBUG is off. Pass --with-users to create them anyway."
            )
        result = load_demo(with_users=create_users)
        self.stdout.write(
            f"demo data: {result.spaces} spaces ({result.created} created, "
            f"{result.updated} updated), {result.networks} networks, "
            f"users: {', '.join(result.users) or 'not created'}"
        )
        if create_users:
            members = load_demo_community()
            opportunities = load_demo_opportunities()
            messages = load_demo_messages()
            events = load_demo_events()
            surveys = load_demo_surveys()
            self.stdout.write(
                f"community: {members} demo members; created {opportunities} opportunities, "
                f"{messages} messages, {events} events and {surveys} surveys"
            )

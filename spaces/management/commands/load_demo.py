from django.conf import settings
from django.core.management.base import BaseCommand

from spaces.demo import DEMO_PASSWORD, USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo networks and spaces (and role accounts in DEBUG); safe to re-run."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-users",
            action="store_true",
            help=f"Also create the role accounts (password {DEMO_PASSWORD!r}) when DEBUG is off.",
        )

    def handle(self, *args, with_users=False, **options):
        create_users = with_users or settings.DEBUG
        if not create_users:
            names = ", ".join(spec["username"] for spec in USERS)
            self.stdout.write(
                f"Role accounts ({names}) not created: their password is public and DEBUG is "
                "off. Pass --with-users to create them anyway."
            )
        result = load_demo(with_users=create_users)
        self.stdout.write(
            f"demo data: {result.spaces} spaces ({result.created} created, "
            f"{result.updated} updated), {result.networks} networks, "
            f"users: {', '.join(result.users) or 'not created'}"
        )

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts import actions
from accounts.models import Office, Role, User


class Command(BaseCommand):
    help = (
        "Create the first administrator. The one-time password comes from "
        "RIGHTSDESK_ADMIN_PASSWORD or is generated and printed once. Does nothing if the user exists."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"administrator {username!r} exists; password unchanged")
            return
        office = Office.objects.filter(is_head_office=True).first()
        given = os.environ.get("RIGHTSDESK_ADMIN_PASSWORD") or None
        _user, password = actions.create_user(
            username=username, role=Role.ADMIN, office=office, password=given, actor=None
        )
        self.stdout.write(self.style.SUCCESS(f"administrator {username!r} created"))
        if given is None:
            self.stdout.write(f"one-time password: {password}")
        self.stdout.write("At first sign-in the administrator sets up two-factor login.")

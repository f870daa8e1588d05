from django.core.management.base import BaseCommand

from accounts.access import permission_table_markdown


class Command(BaseCommand):
    help = "Print the roles × permissions table for README.md."

    def handle(self, *args, **options):
        self.stdout.write(permission_table_markdown())

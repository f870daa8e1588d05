from django.core.management.base import BaseCommand

from accounts.access import permission_table_markdown, project_permission_table_markdown


class Command(BaseCommand):
    help = "Print the role tables for README.md: organisation roles, then project roles."

    def handle(self, *args, **options):
        self.stdout.write("Organisation roles:\n")
        self.stdout.write(permission_table_markdown())
        self.stdout.write("\nProject roles:\n")
        self.stdout.write(project_permission_table_markdown())

from django.core.management.base import BaseCommand

from klean.extensions import contributions


class Command(BaseCommand):
    help = "Print the role tables for README.md, as each app declares them."

    def handle(self, *args, **options):
        for _config, tables in contributions("permission_tables"):
            for title, markdown in tables():
                self.stdout.write(f"{title}:\n{markdown}\n")

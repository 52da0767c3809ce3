from django.core.management.base import BaseCommand
from django.db import transaction

from forums import counters


class Command(BaseCommand):
    help = (
        "Recompute every thread's and category's post and thread counts and last-post "
        "pointers from the posts themselves, and say how many rows were wrong."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            before = counters.snapshot()
            counters.recount_all()
            after = counters.snapshot()
        for table in ("threads", "categories"):
            wrong = sum(1 for pk, row in after[table].items() if before[table].get(pk) != row)
            self.stdout.write(f"{table}: {len(after[table])} recounted, {wrong} corrected")

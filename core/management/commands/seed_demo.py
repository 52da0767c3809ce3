import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import registry
from core.search import indexing_suspended


class Command(BaseCommand):
    help = (
        "Fill the site with clearly fictional demo records for every content type, built on the "
        "real reference data. Idempotent: running it again with the same scale changes nothing. "
        "--scale 1 is the small set `make run` loads; larger scales feed the benchmarks. "
        "Records are not indexed one by one: run `update_index` or `rebuild_index` after."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiplier for record counts.")
        parser.add_argument("--seed", type=int, default=2004, help="Random seed (repeatable).")

    def handle(self, *args, scale, seed, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        seeders = registry.seeders()
        if not seeders:
            raise CommandError("No app has registered demo data.")
        for seeder in seeders:
            rng = random.Random(f"{seed}:{seeder.key}")
            with indexing_suspended(), transaction.atomic():
                created = seeder.run(scale=scale, rng=rng, stdout=self.stdout)
            self.stdout.write(f"{seeder.key}: {created or 0} created")

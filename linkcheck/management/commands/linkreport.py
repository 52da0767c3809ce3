from django.core.management.base import BaseCommand

from linkcheck import reports
from linkcheck.outcomes import Outcome


class Command(BaseCommand):
    help = "Print the health of the site's outbound links: totals, then by owner organisation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--broken", action="store_true", help="Also list every broken link and where it is."
        )

    def handle(self, *args, broken, **options):
        totals = reports.totals()
        total = sum(totals.values())
        self.stdout.write(f"{total} link{'s' if total != 1 else ''} on the site")
        for outcome in Outcome:
            self.stdout.write(f"  {outcome.label:<17} {totals[outcome.value]:>6}")
        owners = reports.health_by_owner()
        if owners:
            self.stdout.write("")
            self.stdout.write(
                f"{'Organisation':<40} {'links':>6} {'working':>8} {'broken':>7} "
                f"{'unverified':>10} {'unchecked':>9}"
            )
            for owner in owners:
                self.stdout.write(
                    f"{owner.short_name[:40]:<40} {owner.total:>6} {owner.working:>8} "
                    f"{owner.broken:>7} {owner.unverified:>10} {owner.unchecked:>9}"
                )
        if broken:
            self.stdout.write("")
            for usage in reports.broken_usages():
                since = usage.link.first_failed_at
                owner = usage.owner.short_name if usage.owner else "(no owner)"
                when = f" broken since {since:%d %b %Y}" if since else ""
                self.stdout.write(
                    f"{owner}: {usage.record_label} ({usage.field_name}) {usage.link.url}{when}"
                )

from django.core.management.base import BaseCommand

from digests.models import SCHEDULED, Run
from digests.tasks import finish_if_done, plan, send_batch_here, start_run


class Command(BaseCommand):
    help = (
        "Send this period's daily, weekly or monthly digests now, in this process: the job "
        "beat starts on schedule, with its batches run here instead of on workers (a mail "
        "server that is down is retried a few times, waiting up to 30 s). Safe to run again: "
        "members already sent this period's digest get nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=[k.value for k in SCHEDULED])

    def handle(self, *args, frequency, **options):
        run = start_run(frequency)
        batches = plan(run)
        for batch in batches:
            send_batch_here(run, batch)
        finish_if_done(run)
        run = Run.objects.with_counts().get(pk=run.pk)
        self.stdout.write(
            f"{run}: {run.members} members, {run.sent} sent, {run.skipped} with nothing new, "
            f"{run.failed} failed ({len(batches)} batch{'es' if len(batches) != 1 else ''} "
            "this time)."
        )

import time

from django.core.management.base import BaseCommand

from linkcheck.checker import run_checks
from linkcheck.models import Link
from linkcheck.outcomes import ErrorKind, Outcome
from linkcheck.recording import record_results


def describe(result):
    if result.deferred:
        return "deferred: the host asked us to wait"
    if result.error_kind and result.error_kind != ErrorKind.HTTP_STATUS:
        return f"{ErrorKind(result.error_kind).label}: {result.error_detail}"[:120]
    text = f"HTTP {result.status_code}" if result.status_code else ""
    if result.redirect_chain:
        hops = len(result.redirect_chain)
        text += f" after {hops} redirect{'s' if hops > 1 else ''} to {result.final_url}"
    if result.suggested_url:
        text += f"; moved permanently, suggest {result.suggested_url}"
    return text


class Command(BaseCommand):
    help = (
        "Check links now and print one line per URL and a summary. With no arguments, every "
        "stored link that is due; --all, every stored link; or the URLs given (stored ones "
        "have their result saved, others are only checked, never stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", help="URLs to check instead of the due links.")
        parser.add_argument("--all", action="store_true", help="Check every stored link.")

    def handle(self, *args, urls, all, **options):
        if urls:
            wanted = list(dict.fromkeys(u.strip() for u in urls))
        elif all:
            wanted = list(Link.objects.values_list("url", flat=True))
        else:
            wanted = list(Link.objects.due().values_list("url", flat=True))
        if not wanted:
            self.stdout.write("No links to check.")
            return
        started = time.monotonic()
        results = run_checks(wanted)
        stored = {link.url: link for link in record_results(results)}
        tally = dict.fromkeys(Outcome.values, 0)
        failing = 0
        for url in wanted:
            result = results[url]
            link = stored.get(url)
            if link is None:
                verdict = "deferred" if result.deferred else result.outcome
                note = " (not stored)"
            else:
                verdict = link.outcome
                note = ""
                if result.failed and not link.is_broken:
                    failing += 1
                    note = f" (failed {link.consecutive_failures} time(s) in a row; not yet broken)"
            tally[verdict] = tally.get(verdict, 0) + 1
            label = Outcome(verdict).label if verdict in Outcome.values else verdict
            self.stdout.write(f"{label:<17} {url}  {describe(result)}{note}")
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Checked {len(wanted)} link{'s' if len(wanted) != 1 else ''} in {elapsed:.1f} s: "
            f"{tally[Outcome.WORKING]} working, {tally[Outcome.BROKEN]} broken, "
            f"{tally[Outcome.UNVERIFIED]} could not verify"
            + (f", {failing} failing but not yet called broken" if failing else "")
            + (f", {tally['deferred']} deferred" if tally.get("deferred") else "")
            + "."
        )

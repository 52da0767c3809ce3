"""CSV exports for spreadsheet users: streamed, UTF-8 with a byte-order mark, formula-safe.

A leaf module (it imports no app), so every content app may use it, like the registry.

Excel opens a CSV as UTF-8 only when it starts with a byte-order mark, so "Tower Hamlets –
smart cards" keeps its dash. A cell that starts with =, +, -, @, a tab or a carriage return
would be run as a formula by a spreadsheet (CSV injection, as OWASP describes it); such text
is prefixed with an apostrophe, which spreadsheets show as text. Numbers, dates and booleans
are written as values, never neutralised: a negative amount stays a number.
"""

import csv
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import StreamingHttpResponse

BYTE_ORDER_MARK = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text, never evaluate."""
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def cell(value) -> str | int | Decimal:
    """One value as a CSV cell: text neutralised, lists joined with "; ", None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return neutralise("; ".join(str(item) for item in value))
    return neutralise(str(value))


class _Echo:
    """A file-like object whose write() hands the line back, for streaming."""

    def write(self, value):
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterable[str]:
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow([cell(name) for name in header])
    for row in rows:
        yield writer.writerow([cell(value) for value in row])


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A streamed download; `rows` is consumed lazily (pass a generator over .iterator())."""
    response = StreamingHttpResponse(
        csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

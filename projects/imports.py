"""Importing projects from a CSV file in admin: check every row first, import only a clean file.

A small importer of our own rather than django-import-export: each row is validated by an
ordinary ModelForm (the model's own rules: dates, money, URLs, unique slugs, clean()), the
owner rule is the admin's own (an editor may add or change only their organisations'
projects), references are matched by slug or name with a message naming the column, and
the whole file is saved in one transaction or not at all. django-import-export would bring
its own resources, widgets and templates to configure for taggit and the scoping rule, for
less control over the messages, which are what this feature is for.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from contacts.models import Organisation, OrganisationKind

from .models import Programme, Project, ProjectStatus

MAX_FILE_BYTES = 1024 * 1024
MAX_ROWS = 1000
LIST_SEPARATOR = ";"
CHANGE_REASON = "Imported from CSV"

# (column, required, what it holds): the import template and the page describing it.
COLUMNS = (
    ("title", True, "The project's name."),
    ("slug", False, "Its web address, e.g. east-london-smart-cards. Left empty, made from "
     "the title. A slug that is already in the register updates that project."),
    ("summary", True, "One sentence."),
    ("description", False, "Markdown."),
    ("status", True, "proposed, active, completed or closed."),
    ("programme", True, "The programme or funding stream, by name or slug."),
    ("lead_organisation", True, "By slug or full name; it must be an organisation whose "
     "records you edit."),
    ("partners", False, "Organisations by slug or full name, separated by semicolons."),
    ("london_wide", False, "yes if the project covers all 33 local authorities."),
    ("areas", False, "Local authorities by slug or name, separated by semicolons."),
    ("start_date", False, "YYYY-MM-DD or DD/MM/YYYY."),
    ("end_date", False, "YYYY-MM-DD or DD/MM/YYYY."),
    ("budget", False, "In pounds, e.g. 250000 or £250,000."),
    ("funding_awarded", False, "In pounds."),
    ("website", False, "A full address starting https://"),
    ("topics", False, "Separated by semicolons, e.g. smart cards; customer services."),
    ("outcomes", False, "Outcomes and lessons learned, Markdown."),
    ("last_reviewed_on", False, "YYYY-MM-DD; left empty, today."),
    ("published", False, "yes or no; left empty, yes."),
)  # fmt: skip
COLUMN_NAMES = tuple(name for name, _, _ in COLUMNS)
REQUIRED_COLUMNS = tuple(name for name, required, _ in COLUMNS if required)
TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0"}


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, size, columns)."""


class ProjectImportForm(forms.ModelForm):
    website = forms.URLField(max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Project
        fields = [
            "title",
            "slug",
            "summary",
            "description",
            "status",
            "programme",
            "lead_organisation",
            "partners",
            "london_wide",
            "areas",
            "start_date",
            "end_date",
            "budget",
            "funding_awarded",
            "website",
            "outcomes",
            "last_reviewed_on",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            form_field.error_messages["required"] = "This cell is empty, and it is required."


@dataclass
class ImportRow:
    number: int
    values: dict
    project: Project | None = None
    errors: list = field(default_factory=list)
    form: ProjectImportForm | None = None
    topics: list = field(default_factory=list)

    @property
    def action(self):
        return "Update" if self.project else "Add"

    def error(self, column, message):
        self.errors.append((column, message))


@dataclass
class ImportResult:
    rows: list
    file_errors: list = field(default_factory=list)

    @property
    def errors(self):
        return [
            (row.number, column, message) for row in self.rows for column, message in row.errors
        ]

    @property
    def is_clean(self):
        return not self.file_errors and not self.errors


def decode(content: bytes) -> str:
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError("The file is larger than 1 MB. Split it into smaller files.")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”."
        ) from error


class ProjectImporter:
    """Checks (and, when every row is clean, saves) the projects in a CSV file.

    `may_edit(organisation_id)` is the admin's owner rule for the user importing.
    """

    def __init__(self, may_edit):
        self.may_edit = may_edit
        organisations = list(Organisation.objects.only("pk", "slug", "name", "short_name", "kind"))
        self.organisations = _lookup(organisations, ("slug", "name", "short_name"))
        self.local_authorities = _lookup(
            [o for o in organisations if o.kind == OrganisationKind.LOCAL_AUTHORITY],
            ("slug", "name", "short_name"),
        )
        self.programmes = _lookup(list(Programme.objects.all()), ("slug", "name"))
        self.statuses = {}
        for value, label in ProjectStatus.choices:
            self.statuses[value] = self.statuses[label.casefold()] = value

    def check(self, text: str) -> ImportResult:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip().lower() for name in (reader.fieldnames or [])]
        file_errors = _header_errors(header)
        if file_errors:
            return ImportResult(rows=[], file_errors=file_errors)
        reader.fieldnames = header
        rows, seen_slugs = [], {}
        for number, record in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                return ImportResult(
                    rows=[], file_errors=[f"The file has more than {MAX_ROWS} projects."]
                )
            values = {name: (record.get(name) or "").strip() for name in COLUMN_NAMES}
            if None in record:
                values["_extra"] = True
            if not any(values.get(name) for name in COLUMN_NAMES):
                continue  # a blank line in the spreadsheet
            rows.append(self._check_row(number, values, seen_slugs))
        if not rows:
            file_errors.append("The file has a header row but no projects.")
        return ImportResult(rows=rows, file_errors=file_errors)

    def _check_row(self, number, values, seen_slugs):
        row = ImportRow(number=number, values=values)
        if values.get("_extra"):
            row.error("(row)", "This row has more cells than the header row has columns.")
        slug = values["slug"] or slugify(values["title"])[:200]
        if slug in seen_slugs:
            row.error("slug", f"Row {seen_slugs[slug]} already has the slug “{slug}”.")
        seen_slugs.setdefault(slug, number)
        row.project = Project.objects.filter(slug=slug).first() if slug else None
        if row.project is not None and not self.may_edit(row.project.lead_organisation_id):
            # Nothing about a project the importer may not edit: it may be someone's draft.
            row.error("slug", f"The slug “{slug}” is taken: choose another.")

        data = {
            "title": values["title"],
            "slug": slug,
            "summary": values["summary"],
            "description": values["description"],
            "website": values["website"],
            "outcomes": values["outcomes"],
            "start_date": values["start_date"],
            "end_date": values["end_date"],
            "status": self._status(row, values["status"]),
            "programme": self._pk(row, "programme", self.programmes, values["programme"]),
            "lead_organisation": self._pk(
                row, "lead_organisation", self.organisations, values["lead_organisation"]
            ),
            "partners": self._pks(row, "partners", self.organisations, values["partners"]),
            "areas": self._areas(row, values),
            "london_wide": self._flag(row, "london_wide", values["london_wide"], False)
            or values["areas"].casefold() == "london-wide",
            "is_published": self._flag(row, "published", values["published"], True),
            "budget": self._money(row, "budget", values["budget"]),
            "funding_awarded": self._money(row, "funding_awarded", values["funding_awarded"]),
            "last_reviewed_on": values["last_reviewed_on"]
            or (row.project.last_reviewed_on if row.project else timezone.localdate()).isoformat(),
        }
        lead = data["lead_organisation"]
        if lead and not self.may_edit(lead):
            row.error(
                "lead_organisation",
                f"You cannot add projects for {values['lead_organisation']}: choose an "
                "organisation whose records you edit.",
            )
        form = ProjectImportForm(
            data={name: value for name, value in data.items() if value is not None},
            instance=row.project,
        )
        already = {column for column, _ in row.errors}
        if not form.is_valid():
            for name, messages in form.errors.items():
                column = {"is_published": "published", "__all__": "(row)"}.get(name, name)
                if column in already:
                    continue
                for message in messages:
                    row.error(column, message)
        row.form = form
        row.topics = [t.strip() for t in values["topics"].split(LIST_SEPARATOR) if t.strip()]
        too_long = [topic for topic in row.topics if len(topic) > 100]
        if too_long:
            row.error("topics", f"“{too_long[0][:40]}…” is longer than 100 characters.")
        return row

    # Cell readers: each reports its own problem and gives None (the form then says
    # "required" only where nothing was written).

    def _status(self, row, cell):
        if not cell:
            return None
        if cell.casefold() not in self.statuses:
            row.error("status", f"“{cell}” is not one of: {', '.join(ProjectStatus.values)}.")
            return None
        return self.statuses[cell.casefold()]

    def _pk(self, row, column, table, name):
        if not name:
            return None
        found = table.get(name.casefold())
        if found is None:
            row.error(column, f"No {column.replace('_', ' ')} is called “{name}”.")
            return None
        return found.pk

    def _pks(self, row, column, table, cell, noun="organisation"):
        found = []
        for name in (part.strip() for part in cell.split(LIST_SEPARATOR)):
            if not name:
                continue
            match = table.get(name.casefold())
            if match is None:
                row.error(column, f"No {noun} is called “{name}”.")
            else:
                found.append(match.pk)
        return found

    def _areas(self, row, values):
        cell = values["areas"]
        if cell.casefold() == "london-wide":
            return []
        return self._pks(row, "areas", self.local_authorities, cell, "London local authority")

    def _flag(self, row, column, cell, default):
        word = cell.casefold()
        if not word:
            return default
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        row.error(column, f"Write yes or no, not “{cell}”.")
        return default

    def _money(self, row, column, cell):
        if not cell:
            return None
        try:
            amount = Decimal(cell.replace("£", "").replace(",", "").strip())
        except InvalidOperation:
            row.error(column, f"“{cell}” is not an amount in pounds, like 250000 or £250,000.")
            return None
        return str(amount)

    def save(self, result: ImportResult) -> int:
        """Save every row in one transaction; call only with a clean result."""
        if not result.is_clean:
            raise ValueError("Only a clean file is imported.")
        with transaction.atomic():
            for row in result.rows:
                project = row.form.save(commit=False)
                project._change_reason = CHANGE_REASON
                project.save()
                row.form.save_m2m()
                project.topics.set(row.topics)
        return len(result.rows)


def _lookup(records, attributes):
    table = {}
    for record in records:
        for attribute in attributes:
            value = getattr(record, attribute, "")
            if value:
                table.setdefault(value.casefold(), record)
    return table


def _header_errors(header):
    errors = []
    if not header:
        return ["The file is empty. The first row must name the columns."]
    unknown = [name for name in header if name and name not in COLUMN_NAMES]
    if unknown:
        errors.append(
            f"The file has columns this import does not know: {', '.join(unknown)}. "
            "Use the column names of the template."
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        errors.append(f"The file has no column for: {', '.join(missing)}.")
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        errors.append(f"These columns appear twice: {', '.join(duplicated)}.")
    return errors


def template_csv() -> str:
    """The header row and one example row, for editors to fill in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMN_NAMES)
    writer.writerow(
        [
            "Example: shared smart card scheme",
            "",
            "One card for libraries, leisure centres and travel concessions.",
            "",
            "active",
            "Invest to Save",
            "newham",
            "tower-hamlets; hackney",
            "no",
            "newham; tower-hamlets; hackney",
            "2003-04-01",
            "2006-03-31",
            "1200000",
            "800000",
            "https://www.example.org/smart-cards",
            "smart cards; customer services",
            "",
            "",
            "yes",
        ]
    )
    return "\ufeff" + buffer.getvalue()

"""What an uploaded paper really is, judged by its bytes, never by its name or the browser.

Accepted: PDF (starts "%PDF-"), Word (DOCX) and Excel (XLSX) files, which are zip archives
holding "[Content_Types].xml" and word/document.xml or xl/workbook.xml, OpenDocument text
(ODT), a zip whose first entry "mimetype" says so, and CSV, plain text that decodes as UTF-8
or Windows-1252 with no control characters. An archive is refused when it would unpack to
more than MAX_UNCOMPRESSED_BYTES, holds more than MAX_ENTRIES entries, compresses any entry
more than MAX_RATIO times (the marks of a zip bomb), or uses a compression other than the
two documents use (stored, deflated). Those sizes come from the archive's directory, which
may lie, so the only part unpacked, "mimetype", is read with a hard cap on the bytes that
come out, never trusting the size it declares.

No upload is ever larger than MAX_UPLOAD_MB (a setting) on disk: `CappedUploadHandler`
stops keeping a file's bytes past it and reports its real size, which `identify` refuses.
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler

MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
DOCUMENT_COMPRESSION = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MIMETYPE_MAX_BYTES = 100


def max_upload_mb() -> int:
    return settings.MAX_UPLOAD_MB


def max_upload_bytes() -> int:
    return max_upload_mb() * 1024 * 1024


class CappedUploadHandler(TemporaryFileUploadHandler):
    """Django's upload to a temporary file, which keeps no more than the largest upload
    allowed (and one byte) of any file; the file's `size` is what the request really held."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = max_upload_bytes() + 1 - self.received
        self.received += len(raw_data)
        if room > 0:
            self.file.write(raw_data[:room])

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.size = self.received
        return upload


@dataclass(frozen=True)
class FileFormat:
    key: str
    abbreviation: str
    name: str
    content_type: str


FORMATS = {
    format.key: format
    for format in (
        FileFormat("pdf", "PDF", "Portable Document Format", "application/pdf"),
        FileFormat(
            "docx",
            "DOCX",
            "Microsoft Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileFormat(
            "xlsx",
            "XLSX",
            "Microsoft Excel spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileFormat("odt", "ODT", "OpenDocument text document", ODT_MIMETYPE.decode()),
        FileFormat("csv", "CSV", "Comma-separated values", "text/csv"),
    )
}
ACCEPTED_IN_WORDS = "a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or CSV file"


def size_in_words(size: int) -> str:
    """GOV.UK's way: 512 bytes, 245 KB, 1.2 MB."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _refuse(name, reason):
    return ValidationError(f"“{name}” {reason}", code="invalid_file")


def _looks_like(head: bytes) -> str:
    """What a refused file seems to be, to say so plainly."""
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return " It looks like a program, which cannot be uploaded."
    if head[:4] in (b"\x89PNG", b"GIF8") or head[:3] == b"\xff\xd8\xff":
        return " It looks like a picture."
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            " It looks like an old-style Word or Excel file (.doc or .xls): save it as .docx "
            "or .xlsx and upload that."
        )
    return ""


def _read_capped(archive, entry, cap: int) -> bytes | None:
    """The entry's bytes, or None if unpacking it gives more than `cap`, whatever it says."""
    with archive.open(entry) as part:
        data = part.read(cap + 1)
    return None if len(data) > cap else data


def _zip_format(name, data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise _refuse(name, "is a damaged archive and cannot be read.") from error
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise _refuse(
                name,
                f"holds {len(entries):,} parts; at most {MAX_ENTRIES:,} are "
                "allowed. It may be a zip bomb.",
            )
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNCOMPRESSED_BYTES:
            raise _refuse(
                name,
                f"would unpack to {size_in_words(unpacked)}; at most "
                f"{size_in_words(MAX_UNCOMPRESSED_BYTES)} is allowed. It may be a zip bomb.",
            )
        if any(entry.compress_type not in DOCUMENT_COMPRESSION for entry in entries):
            raise _refuse(name, "is compressed in a way documents are not. It may be a zip bomb.")
        for entry in entries:
            if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise _refuse(
                    name, "is compressed far more than a document can be. It may be a zip bomb."
                )
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            raise _refuse(
                name,
                f"is an Office file of a kind that cannot be uploaded. Upload {ACCEPTED_IN_WORDS}.",
            )
        if entries and entries[0].filename == "mimetype":
            mimetype = _read_capped(archive, entries[0], MIMETYPE_MAX_BYTES)
            if mimetype is not None and mimetype.strip() == ODT_MIMETYPE:
                return "odt"
            raise _refuse(
                name, f"is an OpenDocument file other than text. Upload {ACCEPTED_IN_WORDS}."
            )
    raise _refuse(name, f"is a zip archive, not a document. Upload {ACCEPTED_IN_WORDS}.")


def _is_text(data: bytes) -> bool:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(ord(char) < 32 and char not in "\t\r\n" for char in text)
    return False


def identify(upload) -> tuple[str, int]:
    """The format key and size of an uploaded file, or a ValidationError saying why not."""
    name = getattr(upload, "name", "The file").rsplit("/", 1)[-1]
    size = upload.size
    if size == 0:
        raise _refuse(name, "is empty.")
    if size > max_upload_bytes():
        raise _refuse(
            name,
            f"is larger than {max_upload_mb()} MB, the largest file you can "
            "upload. Make it smaller (for example, save a PDF with smaller pictures) or link to "
            "it instead.",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if data.startswith(b"%PDF-"):
        return "pdf", size
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(name, data), size
    if _is_text(data):
        return "csv", size
    raise _refuse(name, f"is not {ACCEPTED_IN_WORDS}.{_looks_like(data[:8])}")

"""Small real PDF files with a text layer, made with pypdf: the demo papers and the tests'.

Each page holds lines of Helvetica text, so pypdf (and any reader) can extract them."""

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    TextStringObject,
)

A4 = (595, 842)
LINES_PER_PAGE = 45


def _escape(line: str) -> bytes:
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return text.encode("cp1252", errors="replace")


def _page_stream(lines) -> bytes:
    commands = [b"BT /F1 11 Tf 14 TL 56 790 Td"]
    commands += [b"(" + _escape(line) + b") '" for line in lines]
    commands.append(b"ET")
    return b"\n".join(commands)


def text_pdf(title: str, pages: list[list[str]]) -> bytes:
    """A PDF of `pages`, each a list of lines (keep lines under about 90 characters)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    for lines in pages:
        page = writer.add_blank_page(*A4)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(_page_stream(lines[:LINES_PER_PAGE]))
        page.replace_contents(ContentStream(stream, writer))
    writer.add_metadata({NameObject("/Title"): TextStringObject(title)})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()

"""What every e-mail the site sends shares: subjects on one line, and what a visitor typed
set apart from the site's own words."""

QUOTE_MARK = "> "


def single_line(subject) -> str:
    """`subject` with its line breaks (and runs of spaces) made single spaces.

    A header cannot hold a line break: Django refuses the whole message, so a title with one
    would stop the e-mail from going at all.
    """
    return " ".join(str(subject).split())


def quoted(text) -> str:
    """`text` as an e-mail quotation, every line marked, so that nothing a visitor wrote can
    pass for the site's own words (a link, an instruction, a signature)."""
    lines = str(text).splitlines() or [""]
    return "\n".join(f"{QUOTE_MARK}{line}".rstrip() for line in lines)

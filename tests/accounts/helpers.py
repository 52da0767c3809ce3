"""Small helpers shared by the accounts tests."""

import re

PASSWORD = "correct-horse-battery"


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def sign_in(client, email, password=PASSWORD, **extra):
    """Post allauth's sign-in form, as a person does."""
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def error_summary(html: str) -> str:
    """The GOV.UK error summary's markup, or "" when the page has none."""
    match = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    return match.group(0) if match else ""


def input_value(html: str, name: str):
    """The value attribute of the input named `name`, or None when it has none."""
    tag = re.search(rf'<input[^>]*\bname="{re.escape(name)}"[^>]*>', html)
    assert tag, f"no input named {name}"
    value = re.search(r'\bvalue="([^"]*)"', tag.group(0))
    return value.group(1) if value else None

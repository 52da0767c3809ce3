from axe_playwright_python.sync_playwright import Axe

# The rule sets GOV.UK Frontend's own tests run axe with.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

_axe = Axe()


def assert_accessible(page, context=None):
    """No axe violations on the page, or in the part of it `context` names (axe's own
    include/exclude form)."""
    results = _axe.run(page, context=context, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

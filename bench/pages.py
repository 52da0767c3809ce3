"""Time the public pages and count their SQL queries at a given demo-data scale.

    VAR_DIR=/tmp/lc-bench .venv/bin/python bench/pages.py --scale 10 --repeat 20

Uses its own SQLite database under VAR_DIR (or DATABASE_URL if set), fills it with
`load_reference_data` and `seed_demo --scale N`, then requests each page through Django's
test client. Prints a Markdown table for docs/benchmarks.md.
"""

from common import (
    migrate_and_load_reference_data,
    page_arguments,
    page_client,
    print_page_table,
    seed_demo,
    setup_django,
)


def main():
    args = page_arguments(__doc__)
    setup_django()
    from contacts.models import Contact, Group, Organisation

    client = page_client()
    migrate_and_load_reference_data()
    seed_seconds = seed_demo(args.scale)

    pages = {
        "home": "/",
        "organisations": "/organisations/",
        "organisation (Camden)": Organisation.objects.get(slug="camden").get_absolute_url(),
        "contacts": "/contacts/",
        "contact": Contact.objects.public().first().get_absolute_url(),
        "groups": "/groups/",
        "group": Group.objects.first().get_absolute_url(),
    }
    print(
        f"Scale {args.scale}: {Organisation.objects.count()} organisations, "
        f"{Contact.objects.count()} contacts, {Group.objects.count()} groups; "
        f"seed_demo took {seed_seconds:.1f} s.\n"
    )
    print_page_table(client, pages, args.repeat)


if __name__ == "__main__":
    main()

"""Time the project register's pages, feed and CSV export at a given demo-data scale.

    VAR_DIR=/tmp/lc-bench-projects .venv/bin/python bench/projects.py --scale 10 --repeat 20

Like bench/pages.py: its own database under VAR_DIR (or DATABASE_URL), filled by
`load_reference_data` and `seed_demo --scale N` (60 projects a scale), pages requested
through Django's test client, streamed answers read to their end. Prints a Markdown table.
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
    from projects.models import Project

    client = page_client()
    migrate_and_load_reference_data()
    seed_seconds = seed_demo(args.scale)

    filters = "?status=active&programme=invest-to-save&sub_region=east&topic=smart-cards"
    pages = {
        "projects": "/projects/",
        "projects, four filters": "/projects/" + filters,
        "projects, text and year": "/projects/?q=smart+card&year=2025&sort=start",
        "project": Project.objects.public().first().get_absolute_url(),
        "organisation (Newham)": "/organisations/newham/",
        "feed": "/projects/feed/",
        "export, all": "/projects/export.csv",
        "export, east": "/projects/export.csv?sub_region=east",
    }
    print(
        f"Scale {args.scale}: {Project.objects.count()} projects; "
        f"seed_demo (every app) took {seed_seconds:.1f} s.\n"
    )
    print_page_table(client, pages, args.repeat, show_bytes=True)


if __name__ == "__main__":
    main()

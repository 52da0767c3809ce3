"""Load the facts in contacts/reference_data.py: London's 33 local authorities with their
London Plan (2004) sub-regions, the GLA, the partner bodies, and the role areas.

Idempotent: rows are matched by slug and saved only when a fact differs, so a second run
changes nothing and says so.

Sources for the dates (a body closed on the day given unless its precision says otherwise):
- Association of London Government: renamed London Councils in October 2006 (London
  Councils' own history; Wikipedia, "London Councils"). Only the month is documented, so
  the date is stored with month precision.
- Office of the Deputy Prime Minister: renamed the Department for Communities and Local
  Government in the reshuffle of 5 May 2006 (The National Archives, catalogue CLG).
- Department for Communities and Local Government: renamed the Ministry of Housing,
  Communities and Local Government on 8 January 2018 (Civil Service World, 9 January 2018).
  The ministry was the Department for Levelling Up, Housing and Communities from September
  2021 to July 2024 and then took back its 2018 name; it is recorded under that name.
- Government Office for London: closed on 31 March 2011 with the other Government Offices
  for the regions, as the coalition government announced in 2010 (BBC News, 20 May 2010).
- Office of the e-Envoy: replaced by the Cabinet Office's e-Government Unit in 2004 (The
  Guardian, 3 June 2004, reports it formally ceasing to exist that week; the unit's first
  head started in September 2004). Sources differ on the month, so only the year is stored.
- Metropolitan Police Authority: abolished on 16 January 2012, its functions passing to the
  Mayor's Office for Policing and Crime (Police Reform and Social Responsibility Act 2011;
  BBC News, January 2012).
- London Fire and Emergency Planning Authority: abolished on 1 April 2018 and replaced by
  the London Fire Commissioner (Policing and Crime Act 2017; London Fire Brigade news,
  1 April 2018).
- London Voluntary Service Council: placed in creditors' voluntary liquidation on
  31 October 2017 (Civil Society News); no body took over its role as a whole, so it has no
  successor.

Left active for want of a documented date: the London Libraries Development Agency and the
e-Government Unit, both since wound up. Sub-regions follow the London Plan (2004), as in force
2004-2008 (the Plan's sub-regions then matched the Learning and Skills Council areas):
Central 6 (Camden, Islington, Kensington and Chelsea, Southwark, Wandsworth, Westminster),
East 10 (with the City of London), North 4, South 7 (with Lambeth), West 6.
"""

from django.core.management.base import BaseCommand

from contacts.reference_data import load_reference_data


class Command(BaseCommand):
    help = (
        "Load London's 33 local authorities, the GLA, the partner bodies and the role areas. "
        "Idempotent: a second run changes nothing."
    )

    def handle(self, *args, **options):
        result = load_reference_data()
        if result.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Reference data: {result.created} created, {result.updated} updated, "
                    f"{result.unchanged} unchanged."
                )
            )
        else:
            self.stdout.write(
                f"Reference data is up to date: nothing changed ({result.unchanged} rows checked)."
            )

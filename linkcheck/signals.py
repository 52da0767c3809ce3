from django.dispatch import Signal

# Sent after a run's results are saved. `working` is the set of URLs found working, so that
# apps can note when their records' links were last verified; `links` are the saved Links.
links_checked = Signal()

"""The demo's annual report narratives, for `seed_demo` (called from dashboards/demo.py).

Every section of the current and the previous reporting year gets the words a partnership's
business unit would write, so that producing the report after seeding gives a complete report
that reads like a real one. A section already written is left alone: a second run changes
nothing, and nothing the person typed in the demo is overwritten.

The other apps' demos date their records relative to the day of seeding, so most of them fall in
the current reporting year. `seed_previous_year` adds what a complete previous year needs and
they do not give it (a Rapid Review and the learning review it led to, published; a multi-agency
and a single-agency audit; a joint targeted area inspection; a newsletter article on the review's
learning), dated inside the previous reporting year whatever the day of seeding, and one
single-agency audit from the year before it, so that lessons recur across years. Each is skipped
whole if its reference or title exists.

`seed_publication` (the `publication_step` of `seed_demo`, run last of all, so that the
version it produces holds the approved contributions and the year's progress that other demo
steps add) gives the previous (last complete) year its publication trail: a version of
the PDF produced (rendered there and then), finalised, published on the partnership's website
and sent to the national Panel and Foundations within the 7 days (the clock met). A year that
is already finalised is left alone, and so are a finalised year's narratives.

The parts, by what each seeds: `narratives`, `previous_year`, `funding`, `publication`,
`contributions` (the contributions asked for and written) and `progress` (the previous year's
progress against its priorities); the steps `seed_demo` runs are offered here.
"""

from . import contributions, progress
from .funding import seed_funding
from .narratives import TEXTS, seed
from .previous_year import seed_previous_year
from .publication import publication_step, seed_publication

__all__ = [
    "TEXTS",
    "contributions",
    "progress",
    "publication_step",
    "seed",
    "seed_funding",
    "seed_previous_year",
    "seed_publication",
]

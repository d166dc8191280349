"""What the report's summary says about the stuurgroep's meetings, from the stored figures: the
changed figures and status moves since a date, the editors' texts, and the date before which milestones count as due.

The one place that feeds `build_report`'s keyword arguments `since`, `changes`, `texts` and
`due_before` from storage, for the command line and the download on the page alike.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.figures.actuals import Actuals
from lib.plan.schema import Plan
from lib.progress.changes import changes_since
from lib.report.actions import steering_part
from lib.steering.book import Steering
from lib.store.meetings import due_before, next_meeting
from lib.store.store import Store


def meeting_inputs(
    plan: Plan,
    store: Store,
    year: int,
    as_of: date,
    *,
    since: date | None = None,
    include_concept: bool = False,
    actuals: Actuals | None = None,
    progress: pd.DataFrame | None = None,
) -> dict:
    """The keyword arguments of build_report that come from storage.

    changes: the city's changed figures and status moves of `year` since 00:00 on `since` (none
    without a date);
    texts: the approved toelichting and maatregelen (with concepts when those are counted);
    due_before: the next meeting after `as_of`, or six weeks on;
    steering: the actions and the previous meeting's decisions (lib/report/actions.py).
    meeting: with `since`, the day of the next meeting (the vergaderstuk's), or None.
    actuals, progress: the figures counted now and their progress table, where the caller has
    them already (the dashboard), so changes_since does not read and judge them again.
    """
    changes: list[dict] = []
    if since is not None:
        # every change; the summary takes the kinds it shows (lib/report/summary.py)
        changes = changes_since(
            plan,
            store,
            since,
            year=year,
            today=as_of,
            include_concept=include_concept,
            actuals=actuals,
            progress=progress,
        )
    meetings = store.meetings()
    following = next_meeting(meetings, as_of) if since is not None else None
    return {
        "since": since,
        "changes": changes,
        "texts": store.texts(include_concept=include_concept),
        "due_before": due_before(meetings, as_of),
        "meeting": following.day if following else None,  # the vergaderstuk is for it
        "steering": steering_part(Steering.open(store), as_of),
    }

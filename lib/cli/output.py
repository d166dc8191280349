"""How the listing commands print their rows: CSV with a header (the default) or JSON."""

from __future__ import annotations

import csv
import json
import sys

from lib.cells import csv_cell


def write_rows(rows: list[dict], fields: list[str], form: str) -> None:
    """`rows` on stdout: a JSON array of objects (null where a field does not apply), or CSV
    with `fields` as its header, empty where a field does not apply. An editor's text must not
    become a live formula in a spreadsheet (lib/cells.py)."""
    if form == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    writer = csv.DictWriter(sys.stdout, fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else csv_cell(row[k]) for k in fields})

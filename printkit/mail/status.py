"""The `Lookup status` column: what `printkit lookup` says of each row, and what letters make of it.

The lookup writes it; the mailing reads it, so a row whose MP was not found is rejected
with the lookup's reason. Printing never needs the lookup itself (nor the network).
"""

from __future__ import annotations

from printkit.mail.spreadsheet import Row, Table

STATUS = "Lookup status"
FOUND = "found"
KEPT = "kept"  # the spreadsheet already names the recipient: the organiser's word wins
NOT_FOUND = "not found: "  # followed by the reason


def rejection(table: Table, row: Row) -> str | None:
    """Why lookup found no recipient for `row` (from its `Lookup status`), or None."""
    status = table.value(row, STATUS)
    return status[len(NOT_FOUND) :] if status.startswith(NOT_FOUND) else None

"""What the management commands share in reading their arguments."""

import argparse
import datetime


def iso_date(text):
    """An argparse type: a date given as YYYY-MM-DD, with a message that says so."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a date: give it as YYYY-MM-DD."
        ) from None

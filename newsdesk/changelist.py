"""The admin's lists, made to survive a hand-made date hierarchy.

Django turns `?<field>__year=…` into a range of instants and catches ValueError only
around the first of them: a year too long for C raised OverflowError, and year 1 in a
zone ahead of UTC (its first instant is before year 1 in UTC) raised it only when the
query ran, so the list answered 500. Such a year is a bad lookup like any other: the
list shows again with `?e=1`.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views import main


class ChangeList(main.ChangeList):
    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            return super().get_results(request)
        except OverflowError as error:
            raise IncorrectLookupParameters(error) from error


def install():
    """ModelAdmin.get_changelist() imports ChangeList from main when it is called."""
    main.ChangeList = ChangeList

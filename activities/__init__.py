"""Side effects of a case: loading calendar data, the register, notifications. All idempotent."""

from activities.calendar import CalendarActivities
from activities.notify import NotifyActivities
from activities.record import RecordActivities


def all_activities(settings) -> list:
    """Every activity function the worker registers, bound to these settings."""
    return [
        *CalendarActivities(settings).functions(),
        *RecordActivities(settings).functions(),
        *NotifyActivities(settings).functions(),
    ]


__all__ = ["CalendarActivities", "NotifyActivities", "RecordActivities", "all_activities"]

"""Side effects of a case, each idempotent: loading calendar data (`Calendars`), register writes
(`Records`), notifications (`Notifications`) through a mail transport (`mail`). Each class receives its
dependencies in its constructor; the worker builds one of each (`runtime.case_worker`) and registers
their bound methods, and the workflow calls them by reference."""

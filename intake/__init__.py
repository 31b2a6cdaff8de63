"""The mailbox as the front door: requests that arrive by email, taken from an IMAP folder exactly once,
each recorded in the register as a request awaiting triage (docs/administrator.md, "The mailbox")."""

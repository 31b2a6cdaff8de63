"""The mailbox as the front door: requests that arrive by email, taken from an IMAP folder exactly once,
each recorded in the register as a request awaiting triage (README, "Receiving requests by email")."""

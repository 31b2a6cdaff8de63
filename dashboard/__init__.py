"""The managers' dashboard: server-rendered pages over the register and Temporal, no JavaScript."""

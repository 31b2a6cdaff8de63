"""The application around the engine: settings glue, the register, Temporal connection, commands."""

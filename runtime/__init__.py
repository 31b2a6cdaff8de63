"""What every process of this project needs to run: its Temporal connection and payload codec, the case
worker's definition, the one-line errors that end a command, and a clean exit."""

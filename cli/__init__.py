"""The staff command line behind `starter.py`: its parser, commands and rendering."""

"""Moving a team's open cases in from a spreadsheet export."""

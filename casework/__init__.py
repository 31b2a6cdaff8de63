"""What staff do to cases, whatever the front end: start, record, view and list them through Temporal,
each input checked by the engine first; today's date where the authority is; reading what a person typed."""

-- Schema version 4: the check-in page's counts for one event read only that event's accepted
-- scans, from the index alone (event_id, verdict, secret, direction; the id is the rowid).
-- Without it, "who is inside" walked the scans of every event through checkins_secret: fine
-- for one concert, slow after a season of them.

CREATE INDEX checkins_event_accepted ON checkins (event_id, verdict, secret, direction);

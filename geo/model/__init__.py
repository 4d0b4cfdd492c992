"""The domain model: the islands' geometry, the history (control, claims, events, sources), each
side's perspective, and the questions asked of them (status on a day, the replay timeline)."""

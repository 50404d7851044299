"""The face of Vigie: the HTTP API, the French dashboard and the town report, read-only over the warehouse."""

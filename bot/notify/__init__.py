"""New-rating notifications: the outbox worker, its messages, and the operator's status."""

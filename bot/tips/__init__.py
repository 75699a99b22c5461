"""Daily tips: which tip (rotation), to whom (subscriptions), exactly once (delivery) and the shared
broadcast runner. May import the foundation, knowledge and state; never answer internals, report."""

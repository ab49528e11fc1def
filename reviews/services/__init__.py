"""Writes to case reviews, by sub-domain: `reviews.py` (reviews of every kind, their stages,
events, documents and access log), `rapid.py` (serious incident notifications and Rapid Reviews,
with their requests, chronology, panel and decision), `cdop.py` (child death review learning
and learning from reviews published elsewhere)."""

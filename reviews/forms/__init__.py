"""Forms for case reviews, by sub-domain as the services and views: `reviews.py` (opening a
review, its details, events, documents, joint reviews), `rapid.py` (notifications, Rapid
Reviews, requests, chronology, panel, decision), `cdop.py` (CDOP reports, referrals, learning
from reviews published elsewhere)."""

"""Serious incident notifications and the Rapid Review, up to its decision and the opening of
the review it decides on. Their URLs are in reviews/urls.py; `context.rapid_review_context`
feeds the sections the review detail page includes.

notifications.py: notifications and opening their Rapid Review; requests.py: the agency summary
requests; review.py: chronology, panel, the Rapid Review's dates, decision and follow-on review.
"""

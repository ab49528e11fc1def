"""Case review pages, by sub-domain as the services and forms: reviews/ (reviews, clocks,
documents, access log), rapid/ (notifications, Rapid Reviews, requests), cdop.py (child death
review and external learning). common.py has the scoped, logged review lookup they share."""

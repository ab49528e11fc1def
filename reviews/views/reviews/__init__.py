"""Case review pages: the lists and their export, the review page with its stages and clocks,
the forms of each stage, joint DHR and LCSPR, documents, the clock board and the access log.

`lists.py` has the list and the clock board, `detail.py` the review page, `changes.py` the
forms, `documents.py` uploads and downloads, `access_log.py` the log. Every page that shows a
review's detail writes the access log (`reviews.views.common.review_for`). Their URLs are in
reviews/urls.py.
"""

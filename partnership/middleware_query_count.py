"""Count the database queries each request makes, for the benchmark (`make bench`).

Only installed when the QUERY_COUNT_HEADER setting is on (bench/run.py turns it on through the
environment; it is off everywhere else). It wraps the default connection with
`connection.execute_wrapper` for the length of the request and puts the count in an
`X-Query-Count` header, so the benchmark can read queries per request from a production-like
server (DEBUG off) without Django's debug query log. Queries made while a streaming response
is being consumed are not counted: the header is sent before the body.
"""

from django.db import connection


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response

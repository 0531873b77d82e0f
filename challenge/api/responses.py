"""Open-data responses: CORS for GET, ETag with conditional requests, short public caching, CSV."""

import csv
import io
import json

from flask import Response, current_app, request

from challenge.errors import json_error
from challenge.spreadsheets import safe_cell

MAX_AGE = 60  # seconds; the figures move, but a minute's staleness is fine for open data


def finish(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Vary"] = "Accept-Encoding"
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.add_etag()
    return response.make_conditional(request)


def json_response(data: dict, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = current_app.response_class(body, status=status, mimetype="application/json")
    return finish(response) if status == 200 else response


def csv_response(header: list[str], rows: list[list], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    response = current_app.response_class(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return finish(response)


def error(message: str, status: int = 400) -> Response:
    return json_error(message, status)

"""Log records carry the request id, so a log line can be matched to its audit rows."""

from __future__ import annotations

import logging

from coordo.access.request_context import current_request_id


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True

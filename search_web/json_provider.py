"""The JSON twins' encoder: orjson, behind Flask's own JSON provider.

A `/search.json` answer is about 20 KB (hits, snippets, every facet value with its toggle URL), and
the standard library's encoder was a tenth of a served request's CPU; orjson writes the same JSON as
UTF-8 bytes in a fraction of that. Types JSON does not know go through Flask's own `default` (a date
as an HTTP date, a dataclass as a dict, Markup as its HTML), so the output means what Flask's would;
a value orjson refuses (an int past 64 bits, a float subclass) is written by the standard encoder.
One difference is kept on purpose: a NaN is written as null (the standard encoder's NaN is not JSON).
`dumps` with options of its own (the `tojson` filter passes sort_keys) is the standard encoder's."""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

# dates and dataclasses reach Flask's default, as with the standard encoder; int keys become text
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


class OrjsonProvider(DefaultJSONProvider):
    ensure_ascii = False  # readable Chinese in the JSON twins (orjson never escapes it)
    sort_keys = False

    def encode(self, obj: Any) -> bytes:
        try:
            return orjson.dumps(obj, default=self.default, option=_OPTIONS)
        except orjson.JSONEncodeError:
            return super().dumps(obj, separators=(",", ":")).encode("utf-8")

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs:
            return super().dumps(obj, **kwargs)  # a caller asking for the standard encoder's options
        return self.encode(obj).decode("utf-8")

    def response(self, *args: Any, **kwargs: Any):
        obj = self._prepare_response_obj(args, kwargs)
        body: Any = self.encode(obj) + b"\n"  # Flask's response class takes bytes; its stubs say str
        return self._app.response_class(body, mimetype=self.mimetype)

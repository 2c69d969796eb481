"""Facets and filters for messages by what their conversation says (company) and by chat day.

`company` lives on conversations, not messages, so a column facet cannot count it;
these facet classes join it in and toggle plain query parameters (`_company=`,
`_day=`) that `filters_from_request` turns back into SQL. Default facets skip
result sets too big to count within a page's time budget (a million messages).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .compat import BadRequest, Facet, FilterArguments, QueryInterrupted, path_with_added_args, path_with_removed_args

#: conversation columns a message can be faceted and filtered by -> query parameter
CONVERSATION_COLUMNS = {"company": "_company", "channel": "_channel"}
DAY_PARAM = "_day"


#: default (metadata) facets are counted only up to this many rows; past it they
#: report "timed out" at once instead of spending the page's time budget. A facet
#: asked for in the query string is always counted, within facet_time_limit_ms.
DEFAULT_FACET_MAX_ROWS = 5_000


class _ToggleFacet(Facet):
    """Shared shape of a facet whose values toggle one query parameter."""

    def _columns(self) -> list[tuple[str, str]]:
        """(column, source) per configured facet, once each; a request beats metadata."""
        chosen: dict[str, str] = {}
        for config in self.get_configs():
            column = config["config"].get("column") or config["config"].get("simple")
            if column and chosen.get(column) != "request":
                chosen[column] = config["source"]
        return list(chosen.items())

    async def _worth_counting(self, source: str) -> bool:
        if source != "metadata":
            return True
        # row_count is None when Datasette's count was skipped or timed out: too big
        return self.row_count is not None and self.row_count <= DEFAULT_FACET_MAX_ROWS

    async def _results(self, name: str, param: str, sql: str) -> tuple[list[dict[str, Any]], list[str]]:
        size = self.get_facet_size()
        try:
            rows = await self.ds.execute(
                self.database, f"{sql} limit {size + 1}", self.params,
                truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"),
            )
        except QueryInterrupted:
            return [], [name]
        pairs = self.get_querystring_pairs()
        values = []
        for row in rows.rows[:size]:
            value = str(row["value"])
            selected = (param, value) in pairs
            if selected:
                toggle = path_with_removed_args(self.request, {param: value})
            else:
                toggle = path_with_added_args(self.request, {param: value})
            values.append({
                "value": row["value"],
                "label": row["value"],
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle)),
                "selected": selected,
            })
        return [{
            "name": name,
            "type": self.type,
            "hideable": False,
            "toggle_url": self.ds.urls.path(self.request.path),
            "results": values,
            "truncated": len(rows.rows) > size,
        }], []

    async def _table_has(self, column: str) -> bool:
        if not self.table:
            return False
        return column in await self.ds.get_database(self.database).table_columns(self.table)


class ConversationFacet(_ToggleFacet):
    """`{"conversation": "company"}`: count messages by their conversation's company."""

    type = "conversation"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        if not await self._table_has("conversation_id"):
            return results, timed_out
        for column, source in self._columns():
            if column not in CONVERSATION_COLUMNS:
                raise BadRequest(f"messages can be faceted by the conversation's {', '.join(CONVERSATION_COLUMNS)}")
            if not await self._worth_counting(source):
                timed_out.append(column)
                continue
            sql = (
                f'select c."{column}" as value, count(*) as count from ({self.sql}) t'
                f' join conversations c on c.id = t.conversation_id where c."{column}" is not null'
                f' group by c."{column}" order by count desc, value'
            )
            r, t = await self._results(column, CONVERSATION_COLUMNS[column], sql)
            results += r
            timed_out += t
        return results, timed_out


class MessageFacet(_ToggleFacet):
    """`{"message": "role"}`: Datasette's column facet, with the default-facet row bound."""

    type = "message"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        for column, source in self._columns():
            if not await self._table_has(column):
                continue
            if not await self._worth_counting(source):
                timed_out.append(column)
                continue
            sql = (
                f'select "{column}" as value, count(*) as count from ({self.sql})'
                f' where "{column}" is not null group by "{column}" order by count desc, value'
            )
            param = f"{column}__exact" if column.startswith("_") else column
            r, t = await self._results(column, param, sql)
            results += r
            timed_out += t
        return results, timed_out


class DayFacet(_ToggleFacet):
    """`{"day": "sent_at"}`: count messages by the date in the chat's own zone.

    `sent_at` is stored with the chat's offset, so its first ten characters are
    the local date; Datasette's date facet would use the UTC date instead.
    """

    type = "day"

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        results: list[dict[str, Any]] = []
        timed_out: list[str] = []
        for column, source in self._columns():
            if column != "sent_at" or not await self._table_has("sent_at"):
                continue
            if not await self._worth_counting(source):
                timed_out.append(column)
                continue
            sql = (
                f'select substr("sent_at", 1, 10) as value, count(*) as count from ({self.sql})'
                f' where "sent_at" is not null group by value order by count desc, value desc'
            )
            r, t = await self._results(column, DAY_PARAM, sql)
            results += r
            timed_out += t
        return results, timed_out


async def filters_for(request: Any, database: Any, table: str) -> FilterArguments | None:
    """`_company=`, `_channel=` and `_day=` as SQL on a table of an archive."""
    columns = set(await database.table_columns(table))
    where: list[str] = []
    params: dict[str, Any] = {}
    described: list[str] = []
    if "conversation_id" in columns:
        for column, param in CONVERSATION_COLUMNS.items():
            values = request.args.getlist(param)
            if not values:
                continue
            names = []
            for i, value in enumerate(values):
                names.append(f":chat_archiver_{column}_{i}")
                params[f"chat_archiver_{column}_{i}"] = value
            where.append(f'conversation_id in (select id from conversations where "{column}" in ({", ".join(names)}))')
            described.append(f"{column} is " + " or ".join(f'"{v}"' for v in values))
    days = request.args.getlist(DAY_PARAM)
    if days and "sent_at" in columns:
        clauses = []
        for i, day in enumerate(days):
            try:
                start = dt.date.fromisoformat(day)
            except ValueError:
                raise BadRequest(f"{DAY_PARAM}= takes a date like 2025-03-04, not {day!r}") from None
            params[f"chat_archiver_day_{i}"] = start.isoformat()
            params[f"chat_archiver_next_{i}"] = (start + dt.timedelta(days=1)).isoformat()
            # a range, not substr(), so the index on sent_at serves it
            clauses.append(f'("sent_at" >= :chat_archiver_day_{i} and "sent_at" < :chat_archiver_next_{i})')
        where.append("(" + " or ".join(clauses) + ")")
        described.append("sent on " + " or ".join(days) + " (the chat's own date)")
    if not where:
        return None
    return FilterArguments(where, params, described)

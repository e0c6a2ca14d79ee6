"""What a public page shows, and what a change to a record makes stale: the dependency tags of
the page cache (ccm_portal/lib/cache.py).

Tags are found, not declared: while a page is rendered for the cache, every SQL query it runs
is read, and the page depends on

- ``<model>.<key>=<value>`` for a query narrowed to some rows by one of its conditions, an
  equality (or ``IN``) on a key column of its table: the primary key, a foreign key or a unique
  field (a meeting by its slug, the agenda items of meeting 12, the versions of documents
  1, 2 and 3). Only rows with that value can change its result;
- ``<model>.id=<pk>`` for every record the page loads along a foreign key (``select_related``);
- ``<model>:*`` (the list tag) for any other use of a table: a list, a count, a filter or an
  order through a join, raw SQL. So does a query narrowed to more than NARROW_LIMIT values (it
  is then as good as a list). A page with no query depends on nothing but the site-wide version.

A record saved or deleted (or a many-to-many link added or removed) bumps its model's list
tag and a key tag for each key column, with the value it has and the value it had when loaded
(a document moved from one meeting to another refreshes both meetings' pages). Only models of
the apps that call ``watch_app_models`` are tracked, as before: a change to another app's
records never refreshed the public pages.

Why versions per tag rather than an index from tags to pages: an index must be updated by
every stored page and read whole by every change, and a lost index entry (eviction, a full
cache) serves a stale page; a version per tag is one key written per change, and a page whose
tag versions are missing is simply rendered again. A bumped tag holds the time of the change;
a stored page is valid while every tag it depends on was last bumped before the page began
rendering (see cache.py).

These receivers only keep the page cache correct; they carry no business logic.
"""

import hashlib
import logging
import threading
import time
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models import ForeignObject, Model
from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.db.models.sql import compiler as sql_compiler
from django.db.models.sql.where import AND

logger = logging.getLogger(__name__)

TAG_KEY_PREFIX = "public-pages:tag:"
NARROW_LIMIT = 25  # more values than this in one query: the page depends on the whole list
ORIGINALS = "_public_pages_keys"  # the key values a record had when it was loaded


@dataclass(frozen=True)
class Watched:
    label: str
    table: str
    pk: str
    keys: tuple[str, ...]  # attnames: primary key, foreign keys, unique fields

    @property
    def list_tag(self) -> str:
        return f"{self.label}:*"


_watched: dict[str, Watched] = {}  # by table name
_recording: ContextVar[set | None] = ContextVar("public_pages_recording", default=None)
_current_query: ContextVar = ContextVar("public_pages_query", default=None)


def tag_key(tag: str) -> str:
    return TAG_KEY_PREFIX + hashlib.blake2b(tag.encode(), digest_size=16).hexdigest()


def _describe(model) -> Watched:
    meta = model._meta.concrete_model._meta
    keys = [meta.pk.attname]
    for field in meta.concrete_fields:
        if field.attname in keys:
            continue
        if isinstance(field, ForeignObject) or field.unique:
            keys.append(field.attname)
    return Watched(label=meta.label_lower, table=meta.db_table, pk=meta.pk.attname, keys=tuple(keys))


def watched_models() -> list:
    """Every model whose records public pages track, by label."""
    return sorted(_watched.values(), key=lambda watched: watched.label)


def watched_model(model) -> Watched | None:
    return _watched.get(model._meta.concrete_model._meta.db_table)


# --- recording what a page reads -------------------------------------------------------------


@contextmanager
def recording():
    """Collect the tags of everything read in this block (one rendered page)."""
    tags: set[str] = set()
    token = _recording.set(tags)
    try:
        with connection.execute_wrapper(_read_query):
            yield tags
    finally:
        _recording.reset(token)
        _collapse(tags)


def _collapse(tags: set[str]) -> None:
    """A page that depends on many rows of a model depends on the whole list instead."""
    per_model: dict[str, set[str]] = {}
    for tag in tags:
        if "=" in tag:
            label = tag.partition("=")[0].rsplit(".", 1)[0]  # app.model.attname=value
            per_model.setdefault(label, set()).add(tag)
    for label, narrow in per_model.items():
        if len(narrow) > NARROW_LIMIT:
            tags.difference_update(narrow)
            tags.add(f"{label}:*")


_original_execute_sql = sql_compiler.SQLCompiler.execute_sql


def _execute_sql(self, *args, **kwargs):
    if _recording.get() is None:
        return _original_execute_sql(self, *args, **kwargs)
    token = _current_query.set(self.query)
    try:
        return _original_execute_sql(self, *args, **kwargs)
    finally:
        _current_query.reset(token)


def _read_query(execute, sql, params, many, context):
    tags = _recording.get()
    if tags is not None:
        tags.update(tags_for_query(_current_query.get(), sql))
    return execute(sql, params, many, context)


def _tables_in(sql: str) -> Counter:
    tables: Counter = Counter()
    for marker in ('FROM "', 'JOIN "'):
        start = 0
        while (start := sql.find(marker, start)) != -1:
            start += len(marker)
            end = sql.find('"', start)
            tables[sql[start:end]] += 1
    return tables


def _top_level_tail(sql: str) -> str:
    """The SQL after the FROM clause of the outer query (WHERE, GROUP BY, ORDER BY ...)."""
    depth, in_quote, seen_from = 0, "", False
    upper = sql.upper()
    for index, char in enumerate(sql):
        if in_quote:
            in_quote = "" if char == in_quote else in_quote
        elif char in "'\"":
            in_quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and char == " ":
            word = upper[index : index + 10]
            if not seen_from:
                seen_from = word.startswith(" FROM ")
            elif word.startswith((" WHERE ", " GROUP BY ", " HAVING ", " ORDER BY ", " LIMIT ", " UNION ")):
                return sql[index:]
    return ""


def _narrowing(query, alias: str, watched: Watched) -> set[str] | None:
    """Key tags when a top-level condition keeps only the rows with given key values."""
    where = query.where
    if where.connector != AND or where.negated:
        return None
    best = None
    for child in where.children:
        if not isinstance(child, Exact | In) or not isinstance(child.lhs, Col) or child.lhs.alias != alias:
            continue
        attname = child.lhs.target.attname
        if attname not in watched.keys or hasattr(child.rhs, "resolve_expression"):
            continue
        values = list(child.rhs) if isinstance(child, In) else [child.rhs]
        values = [_plain(value) for value in values]
        if best is None or len(values) < len(best):
            best = {f"{watched.label}.{attname}={value}" for value in values}
    return best


def _plain(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, tuple) and len(value) == 1:
        return value[0]
    return value


def tags_for_query(query, sql: str) -> set[str]:
    """The tags of one query (see the module's docstring). ``query`` is None for raw SQL."""
    tables = _tables_in(sql)
    handled: Counter = Counter()
    tags: set[str] = set()
    if query is not None and query.model is not None and not query.combinator:
        base = query.base_table
        base_join = query.alias_map.get(base)
        watched = watched_model(query.model)
        if watched is not None and base_join is not None and base_join.table_name == watched.table:
            handled[watched.table] += 1
            tags |= _narrowing(query, base, watched) or {watched.list_tag}
            if not (query.values_select or query.annotations or query.extra or query.group_by):
                handled.update(_covered_joins(query, base, _top_level_tail(sql)))
    for table, count in tables.items():
        watched = _watched.get(table)
        if watched is not None and count > handled[table]:
            tags.add(watched.list_tag)
    return tags


def _covered_joins(query, base: str, tail: str) -> list[str]:
    """Tables joined only to load the record a foreign key points to (select_related): the
    records loaded carry their own tags (post_init), and which one is joined depends only on
    the foreign key of a row already covered."""
    covered, tables = {base}, []
    for alias, join in query.alias_map.items():
        if alias == base or not query.alias_refcount.get(alias):
            continue
        forward = isinstance(getattr(join, "join_field", None), ForeignObject)
        if (
            forward
            and join.parent_alias in covered
            and getattr(join, "filtered_relation", None) is None
            and f'"{alias}".' not in tail
            and f" {alias}." not in tail
        ):
            covered.add(alias)
            tables.append(join.table_name)
    return tables


def _loaded(sender, instance, **kwargs) -> None:
    watched = watched_model(sender)
    values = instance.__dict__
    instance.__dict__[ORIGINALS] = {attname: values.get(attname) for attname in watched.keys}
    tags = _recording.get()
    if tags is not None:
        tags.add(f"{watched.label}.{watched.pk}={values.get(watched.pk)}")


# --- what a change makes stale ---------------------------------------------------------------


def tags_for_record(instance) -> set[str]:
    """The tags a change to this record bumps: its model's list and its key values, as they
    are now and as they were when it was loaded (and the same for its parent models)."""
    tags: set[str] = set()
    originals = instance.__dict__.get(ORIGINALS) or {}
    for model in [type(instance), *type(instance)._meta.get_parent_list()]:
        watched = watched_model(model)
        if watched is None:
            continue
        tags.add(watched.list_tag)
        for attname in watched.keys:
            for value in (instance.__dict__.get(attname), originals.get(attname)):
                if value is not None:
                    tags.add(f"{watched.label}.{attname}={value}")
    return tags


class _Pending(threading.local):
    def __init__(self):
        self.tags: set[str] = set()


_pending = _Pending()


def page_cache():
    """The cache the public pages live in (the default one unless PUBLIC_PAGE_CACHE_ALIAS)."""
    return caches[getattr(settings, "PUBLIC_PAGE_CACHE_ALIAS", "default")]


def bump_tags(tags: set[str]) -> None:
    """Make every page depending on these tags stale: now, and again once the transaction
    commits (a page rendered meanwhile from the old rows is then not kept either). The
    bumps after commit are gathered, one write per transaction."""
    if not tags:
        return
    _write(tags)
    _pending.tags |= tags
    transaction.on_commit(_flush)


def _flush() -> None:
    tags, _pending.tags = _pending.tags, set()
    if tags:
        _write(tags)


class _LastBump:
    at = 0  # when this process last bumped a tag or the site-wide version

    def set_now(self) -> int:
        self.at = time.time_ns()
        return self.at


last_bump = _LastBump()


def _write(tags: set[str]) -> None:
    now = last_bump.set_now()
    try:
        page_cache().set_many({tag_key(tag): now for tag in tags}, timeout=None)
    except Exception:  # the cache is down: pages are not served from it either
        logger.warning("Could not mark public pages out of date", exc_info=True)


def record_changed(instance) -> None:
    """Make the pages showing this record stale (for writes that send no signal, such as
    ``QuerySet.update()``: call it with the record as loaded)."""
    bump_tags(tags_for_record(instance))


def _record_changed(sender, instance, **kwargs) -> None:
    record_changed(instance)
    if kwargs.get("created") is not None:  # post_save: the next change starts from these values
        watched = watched_model(sender)
        instance.__dict__[ORIGINALS] = {attname: instance.__dict__.get(attname) for attname in watched.keys}


def _links_changed(sender, instance, action, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    watched = watched_model(sender)
    if action == "pre_clear":
        own = next(
            f for f in sender._meta.concrete_fields if f.related_model is type(instance)._meta.concrete_model
        )
        other = next(f for f in sender._meta.concrete_fields if isinstance(f, ForeignObject) and f is not own)
        pk_set = set(
            sender.objects.filter(**{own.attname: instance.pk}).values_list(other.attname, flat=True)
        )
    tags = {watched.list_tag}
    for field in sender._meta.concrete_fields:
        if not isinstance(field, ForeignObject):
            continue
        if field.related_model is type(instance)._meta.concrete_model:
            tags.add(f"{watched.label}.{field.attname}={instance.pk}")
        if field.related_model is model._meta.concrete_model:
            tags.update(f"{watched.label}.{field.attname}={pk}" for pk in pk_set or ())
    bump_tags(tags)


def watch(model) -> None:
    """Track one model: its rows in the pages' tags, and its changes."""
    watched = _describe(model)
    _watched[watched.table] = watched
    uid = f"public-pages:{model._meta.label}"
    post_init.connect(_loaded, sender=model, dispatch_uid=f"{uid}:init")
    post_save.connect(_record_changed, sender=model, dispatch_uid=f"{uid}:save")
    post_delete.connect(_record_changed, sender=model, dispatch_uid=f"{uid}:delete")
    if model._meta.auto_created:
        m2m_changed.connect(_links_changed, sender=model, dispatch_uid=f"{uid}:m2m")


def install() -> None:
    """Read the queries of pages being recorded (once per process)."""
    if sql_compiler.SQLCompiler.execute_sql is not _execute_sql:
        sql_compiler.SQLCompiler.execute_sql = _execute_sql

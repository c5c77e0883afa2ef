/* bo-event.c — an event on sale at this counter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-event.h"

#include <glib/gi18n-lib.h>

struct _BoEvent
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *starts_at;
  char    *ends_at;
  char    *venue_name;
  char    *timezone;
  char    *currency;
  char    *status;
};

G_DEFINE_FINAL_TYPE (BoEvent, bo_event, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-catalog-error-quark, bo_catalog_error)

#define EVENT_COLUMNS "id, name, starts_at, ends_at, venue_name, timezone, currency, status"

static BoEvent *
event_from_row (sqlite3_stmt *stmt)
{
  BoEvent *self = g_object_new (BO_TYPE_EVENT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->name = bo_store_column_dup_text (stmt, 1);
  self->starts_at = bo_store_column_dup_text (stmt, 2);
  self->ends_at = bo_store_column_dup_text (stmt, 3);
  self->venue_name = bo_store_column_dup_text (stmt, 4);
  self->timezone = bo_store_column_dup_text (stmt, 5);
  self->currency = bo_store_column_dup_text (stmt, 6);
  self->status = bo_store_column_dup_text (stmt, 7);
  return self;
}

static void
bo_event_finalize (GObject *object)
{
  BoEvent *self = BO_EVENT (object);

  g_free (self->name);
  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self->venue_name);
  g_free (self->timezone);
  g_free (self->currency);
  g_free (self->status);
  G_OBJECT_CLASS (bo_event_parent_class)->finalize (object);
}

static void
bo_event_class_init (BoEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_event_finalize;
}

static void
bo_event_init (BoEvent *self)
{
}

gint64
bo_event_get_id (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), 0);
  return self->id;
}

const char *
bo_event_get_name (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->name;
}

const char *
bo_event_get_starts_at (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->starts_at;
}

const char *
bo_event_get_ends_at (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->ends_at;
}

const char *
bo_event_get_venue_name (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->venue_name;
}

const char *
bo_event_get_timezone (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->timezone;
}

const char *
bo_event_get_currency (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->currency;
}

const char *
bo_event_get_status (BoEvent *self)
{
  g_return_val_if_fail (BO_IS_EVENT (self), NULL);
  return self->status;
}

BoEvent *
bo_event_lookup (BoStore *store,
                 gint64   id,
                 GError **error)
{
  sqlite3_stmt *stmt;
  BoEvent *event = NULL;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store, "SELECT " EVENT_COLUMNS " FROM events WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    event = event_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, BO_CATALOG_ERROR, BO_CATALOG_ERROR_NOT_FOUND,
                 _("There is no event %lld"), (long long) id);
  else
    bo_store_set_error (store, error, "event");
  sqlite3_reset (stmt);
  return event;
}

GListModel *
bo_event_list (BoStore *store,
               GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (BO_TYPE_EVENT);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store,
                           "SELECT " EVENT_COLUMNS " FROM events ORDER BY starts_at, id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (BoEvent) event = event_from_row (stmt);

      g_list_store_append (list, event);
    }
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "events");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* bo-ticket-type.c — what can be sold for an event, at what price, and how many are left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-ticket-type.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-event.h"

struct _BoTicketType
{
  GObject  parent_instance;

  gint64   id;
  gint64   event_id;
  char    *name;
  gint64   price;
  gint64   fee;
  gint     tax_rate_bp;
  gint64   capacity;
  gint64   sold;
  gint64   allocation_left;
  gboolean active;
};

G_DEFINE_FINAL_TYPE (BoTicketType, bo_ticket_type, G_TYPE_OBJECT)

/* allocation_left sums the unreleased allocations this counter holds for the type. */
#define TICKET_TYPE_SELECT \
  "SELECT t.id, t.event_id, t.name, t.price, t.fee, t.tax_rate_bp, t.capacity, t.sold, t.active, " \
  "       (SELECT sum (a.quantity - a.used) FROM allocations a " \
  "         WHERE a.ticket_type_id = t.id AND a.released_at IS NULL) " \
  "  FROM ticket_types t "

static BoTicketType *
ticket_type_from_row (sqlite3_stmt *stmt)
{
  BoTicketType *self = g_object_new (BO_TYPE_TICKET_TYPE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->event_id = sqlite3_column_int64 (stmt, 1);
  self->name = bo_store_column_dup_text (stmt, 2);
  self->price = sqlite3_column_int64 (stmt, 3);
  self->fee = sqlite3_column_int64 (stmt, 4);
  self->tax_rate_bp = sqlite3_column_int (stmt, 5);
  self->capacity = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6);
  self->sold = sqlite3_column_int64 (stmt, 7);
  self->active = sqlite3_column_int (stmt, 8) != 0;
  self->allocation_left = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1
                          : sqlite3_column_int64 (stmt, 9);
  return self;
}

static void
bo_ticket_type_finalize (GObject *object)
{
  BoTicketType *self = BO_TICKET_TYPE (object);

  g_free (self->name);
  G_OBJECT_CLASS (bo_ticket_type_parent_class)->finalize (object);
}

static void
bo_ticket_type_class_init (BoTicketTypeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_ticket_type_finalize;
}

static void
bo_ticket_type_init (BoTicketType *self)
{
}

gint64
bo_ticket_type_get_id (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->id;
}

gint64
bo_ticket_type_get_event_id (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->event_id;
}

const char *
bo_ticket_type_get_name (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), NULL);
  return self->name;
}

gint64
bo_ticket_type_get_price (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->price;
}

gint64
bo_ticket_type_get_fee (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->fee;
}

gint
bo_ticket_type_get_tax_rate_bp (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->tax_rate_bp;
}

gint64
bo_ticket_type_get_capacity (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), -1);
  return self->capacity;
}

gint64
bo_ticket_type_get_sold (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), 0);
  return self->sold;
}

gint64
bo_ticket_type_get_available (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), -1);

  if (self->capacity < 0)
    return -1;
  return MAX (self->capacity - self->sold, 0);
}

gint64
bo_ticket_type_get_allocation_left (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), -1);
  return self->allocation_left;
}

gboolean
bo_ticket_type_get_active (BoTicketType *self)
{
  g_return_val_if_fail (BO_IS_TICKET_TYPE (self), FALSE);
  return self->active;
}

BoTicketType *
bo_ticket_type_lookup (BoStore *store,
                       gint64   id,
                       GError **error)
{
  sqlite3_stmt *stmt;
  BoTicketType *found = NULL;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store, TICKET_TYPE_SELECT "WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = ticket_type_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, BO_CATALOG_ERROR, BO_CATALOG_ERROR_NOT_FOUND,
                 _("There is no ticket type %lld"), (long long) id);
  else
    bo_store_set_error (store, error, "ticket type");
  sqlite3_reset (stmt);
  return found;
}

GListModel *
bo_ticket_type_list_for_event (BoStore *store,
                               gint64   event_id,
                               GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (BO_TYPE_TICKET_TYPE);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store,
                           TICKET_TYPE_SELECT "WHERE t.event_id = ?1 ORDER BY t.position, t.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, event_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (BoTicketType) type = ticket_type_from_row (stmt);

      g_list_store_append (list, type);
    }
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "ticket types");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

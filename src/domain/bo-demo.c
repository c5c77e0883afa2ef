/* bo-demo.c — a demo catalogue and operators for trying the app without a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-demo.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-operator.h"
#include "domain/bo-time.h"

#define DEMO_TIMEZONE "Europe/Sarajevo"
#define DEMO_VENUE    "Narodno pozorište Sarajevo"

/* Names are proper nouns of a made-up programme; they stay untranslated like real listings. */
static const BoDemoEvent demo_events[] = {
  { 1, "Sevdah Night: Amira & Friends", 0, 20, 0, 150 },
  { 2, "Sarajevo Jazz Trio", 1, 19, 30, 120 },
  { 3, "The Little Prince (children’s theatre)", 3, 11, 0, 75 },
};

/* "Front row" of event 2 has one seat left, so the sold-out path is one sale away. */
static const BoDemoTicketType demo_types[] = {
  { 11, 1, "Standing", 2500, 150, 1700, 400, 212 },
  { 12, 1, "Seated", 3900, 200, 1700, 150, 97 },
  { 13, 1, "Student", 1500, 100, 1700, 60, 18 },
  { 21, 2, "Regular", 1800, 100, 1700, 120, 41 },
  { 22, 2, "Front row", 4500, 250, 1700, 10, 9 },
  { 31, 3, "Child", 800, 0, 1700, 200, 35 },
  { 32, 3, "Adult", 1200, 0, 1700, -1, 20 },
};

const BoDemoEvent *
bo_demo_get_events (guint *out_n)
{
  g_return_val_if_fail (out_n != NULL, NULL);

  *out_n = G_N_ELEMENTS (demo_events);
  return demo_events;
}

const BoDemoTicketType *
bo_demo_get_ticket_types (guint *out_n)
{
  g_return_val_if_fail (out_n != NULL, NULL);

  *out_n = G_N_ELEMENTS (demo_types);
  return demo_types;
}

void
bo_demo_event_times (const BoDemoEvent *event,
                     GTimeZone         *tz,
                     char             **out_starts,
                     char             **out_ends)
{
  g_autoptr (GDateTime) now = bo_time_now ();
  g_autoptr (GDateTime) local_now = g_date_time_to_timezone (now, tz);
  g_autoptr (GDateTime) day = g_date_time_add_days (local_now, event->days_from_today);
  g_autoptr (GDateTime) starts = NULL;
  g_autoptr (GDateTime) ends = NULL;

  g_return_if_fail (event != NULL && out_starts != NULL && out_ends != NULL);

  starts = g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                            g_date_time_get_day_of_month (day), event->hour, event->minute, 0);
  ends = g_date_time_add_minutes (starts, event->duration_minutes);
  /* Tonight's show would be over late in the evening, and the demo (and every test that sells
   * for it) would find nothing on sale: it starts at the top of the current hour instead. */
  if (g_date_time_compare (ends, now) <= 0)
    {
      g_clear_pointer (&starts, g_date_time_unref);
      g_clear_pointer (&ends, g_date_time_unref);
      starts = g_date_time_new (tz, g_date_time_get_year (local_now),
                                g_date_time_get_month (local_now),
                                g_date_time_get_day_of_month (local_now),
                                g_date_time_get_hour (local_now), 0, 0);
      ends = g_date_time_add_minutes (starts, event->duration_minutes);
    }
  *out_starts = bo_time_format (starts);
  *out_ends = bo_time_format (ends);
}

static gboolean
upsert_event (BoStore           *store,
              GTimeZone         *tz,
              const BoDemoEvent *event,
              GError           **error)
{
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt;

  bo_demo_event_times (event, tz, &starts, &ends);
  stmt = bo_store_prepare (store,
                           "INSERT INTO events (id, name, starts_at, ends_at, venue_name, timezone, "
                           "  currency, status, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'EUR', 'on_sale', ?7) "
                           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                           "  starts_at = excluded.starts_at, ends_at = excluded.ends_at, "
                           "  venue_name = excluded.venue_name, timezone = excluded.timezone, "
                           "  status = 'on_sale', updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, event->id);
  sqlite3_bind_text (stmt, 2, event->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, starts, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, ends, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, DEMO_VENUE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, DEMO_TIMEZONE, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  return bo_store_step_done (store, stmt, error);
}

static gboolean
upsert_ticket_type (BoStore                *store,
                    const BoDemoTicketType *type,
                    int                     position,
                    GError                **error)
{
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt;

  /* sold is only set when the type is new: a refresh must not undo what was sold since. */
  stmt = bo_store_prepare (store,
                           "INSERT INTO ticket_types (id, event_id, name, price, fee, tax_rate_bp, "
                           "  capacity, sold, active, position, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10) "
                           "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
                           "  price = excluded.price, fee = excluded.fee, "
                           "  tax_rate_bp = excluded.tax_rate_bp, capacity = excluded.capacity, "
                           "  active = 1, position = excluded.position, "
                           "  updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, type->id);
  sqlite3_bind_int64 (stmt, 2, type->event_id);
  sqlite3_bind_text (stmt, 3, type->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, type->price);
  sqlite3_bind_int64 (stmt, 5, type->fee);
  sqlite3_bind_int (stmt, 6, type->tax_rate_bp);
  if (type->capacity >= 0)
    sqlite3_bind_int64 (stmt, 7, type->capacity);
  sqlite3_bind_int64 (stmt, 8, type->sold);
  sqlite3_bind_int (stmt, 9, position);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  return bo_store_step_done (store, stmt, error);
}

/* The demo operators are only made in a store that has no operators at all: a store someone
 * set up by hand keeps exactly the people it has. */
static gboolean
ensure_operators (BoStore *store,
                  GError **error)
{
  g_autoptr (GPtrArray) existing = bo_operator_list (store, error);
  g_autoptr (BoOperator) manager = NULL;
  g_autoptr (BoOperator) cashier = NULL;

  if (existing == NULL)
    return FALSE;
  if (existing->len > 0)
    return TRUE;

  manager = bo_operator_add (store, NULL, "Manager", BO_ROLE_MANAGER, BO_DEMO_MANAGER_PIN, error);
  if (manager == NULL)
    return FALSE;
  cashier = bo_operator_add (store, manager, "Cashier", BO_ROLE_CASHIER, BO_DEMO_CASHIER_PIN, error);
  return cashier != NULL;
}

gboolean
bo_demo_populate (BoStore  *store,
                  BoDevice *device,
                  GError  **error)
{
  g_autoptr (GTimeZone) tz = NULL;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_DEVICE (device), FALSE);

  tz = g_time_zone_new_identifier (DEMO_TIMEZONE);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  if (!bo_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (demo_events); i++)
    if (!upsert_event (store, tz, &demo_events[i], error))
      goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (demo_types); i++)
    if (!upsert_ticket_type (store, &demo_types[i], (int) i, error))
      goto fail;
  if (!bo_store_set_meta (store, "demo", "1", error))
    goto fail;
  if (!bo_store_commit (store, error))
    return FALSE;

  /* Operators need their own transactions (PIN hashing is slow; keep the catalogue's short). */
  return ensure_operators (store, error);

fail:
  bo_store_rollback (store);
  return FALSE;
}

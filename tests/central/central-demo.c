/* central-demo.c — the demo catalogue (--demo) and the big event (--demo-tickets N)
 *
 * The catalogue is the counter's own demo (bo_demo_get_events () and
 * bo_demo_get_ticket_types () of src/domain/bo-demo.c): the same events, ticket types,
 * prices, capacities and sold counts, so a counter switched from its demo data to this server
 * sees the same programme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "central-private.h"

#include "domain/bo-demo.h"
#include "domain/bo-time.h"

static const BoDemoEvent big_event = { 4, "Big Arena Night", 7, 20, 0, 180 };
#define BIG_TYPE_ID 41

static const char *const first_names[] = {
  "Amira", "Emir", "Lejla", "Adnan", "Selma", "Haris", "Ajla", "Tarik", "Naida", "Kenan",
  "Merima", "Dino", "Ena", "Mirza", "Hana", "Alen",
};
static const char *const last_names[] = {
  "Hodžić", "Begović", "Kovačević", "Mehić", "Delić", "Hadžić", "Softić", "Omerović",
  "Ibrahimović", "Babić", "Jusić", "Karić",
};

static gboolean
fail (CentralDb *db,
      GError   **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", central_db_errmsg (db));
  central_db_rollback (db);
  return FALSE;
}

static gboolean
insert_event (CentralDb         *db,
              GTimeZone         *tz,
              const BoDemoEvent *event,
              const char        *now)
{
  g_autofree char *starts_text = NULL;
  g_autofree char *ends_text = NULL;
  gint64 seq = central_db_next_seq (db, 1);

  bo_demo_event_times (event, tz, &starts_text, &ends_text);

  return seq > 0 &&
         central_db_exec (db,
                          "INSERT INTO events (id, name, starts_at, ends_at, venue_name, "
                          "  timezone, currency, status, updated_at, change_seq) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'EUR', 'on_sale', ?7, ?8)",
                          "itttttti", event->id, event->name, starts_text, ends_text,
                          CENTRAL_VENUE_NAME, CENTRAL_VENUE_TZ, now, seq);
}

static gboolean
insert_type (CentralDb              *db,
             const BoDemoTicketType *type,
             const char             *now)
{
  gint64 seq = central_db_next_seq (db, 1);

  return seq > 0 &&
         central_db_exec (db,
                          "INSERT INTO ticket_types (id, event_id, name, price, fee, "
                          "  tax_rate_bp, capacity, sold, updated_at, change_seq) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          "iitiiioiti", type->id, type->event_id, type->name, type->price,
                          type->fee, (gint64) type->tax_rate_bp, type->capacity, type->sold,
                          now, seq);
}

/* N online tickets of type 41 in one transaction, with reserved change numbers: opaque
 * 32-character secrets, two tickets per online order. */
static gboolean
insert_big_event (CentralDb  *db,
                  GTimeZone  *tz,
                  guint       n_tickets,
                  const char *now)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  BoDemoTicketType type = { BIG_TYPE_ID, big_event.id, "General", 3000, 0, 1700,
                            (gint64) n_tickets + 1000, n_tickets };
  g_autoptr (GRand) rand = g_rand_new_with_seed (4);
  gint64 first_seq;

  if (!insert_event (db, tz, &big_event, now) || !insert_type (db, &type, now))
    return FALSE;
  first_seq = central_db_next_seq (db, n_tickets);
  if (first_seq < 0)
    return FALSE;

  for (guint i = 0; i < n_tickets; i++)
    {
      char secret[33];
      char code[6];
      g_autofree char *attendee = NULL;
      guint order = i / 2;

      /* The first 8 characters are unique (the index), the rest random. */
      g_snprintf (secret, 9, "W%07X", i);
      for (int c = 8; c < 32; c++)
        secret[c] = alphabet[g_rand_int_range (rand, 0, 32)];
      secret[32] = '\0';
      code[0] = 'W';
      for (int c = 4; c >= 1; c--, order /= 32)
        code[c] = alphabet[order % 32];
      code[5] = '\0';
      attendee = g_strdup_printf ("%s %s", first_names[i % G_N_ELEMENTS (first_names)],
                                  last_names[(i / 7) % G_N_ELEMENTS (last_names)]);
      if (!central_db_exec (db,
                            "INSERT INTO tickets (secret, event_id, ticket_type_id, order_code, "
                            "  attendee_name, status, updated_at, change_seq) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, 'valid', ?6, ?7)",
                            "tiitt" "ti", secret, big_event.id, (gint64) BIG_TYPE_ID, code,
                            attendee, now, first_seq + i))
        return FALSE;
    }
  return TRUE;
}

gboolean
central_demo_populate (CentralDb *db,
                       gboolean   catalogue,
                       guint      demo_tickets,
                       GError   **error)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (CENTRAL_VENUE_TZ);
  g_autofree char *now = bo_time_now_iso ();
  gint64 exists;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  if (!central_db_begin (db))
    return fail (db, error);

  /* Once per database: a restarted server keeps what was sold since. */
  if (catalogue)
    {
      int found = central_db_get_int (db, &exists, "SELECT COUNT(*) FROM events WHERE id = 1",
                                      NULL);

      if (found < 0)
        return fail (db, error);
      if (exists == 0)
        {
          guint n_events, n_types;
          const BoDemoEvent *events = bo_demo_get_events (&n_events);
          const BoDemoTicketType *types = bo_demo_get_ticket_types (&n_types);

          for (guint i = 0; i < n_events; i++)
            if (!insert_event (db, tz, &events[i], now))
              return fail (db, error);
          for (guint i = 0; i < n_types; i++)
            if (!insert_type (db, &types[i], now))
              return fail (db, error);
        }
    }
  if (demo_tickets > 0)
    {
      int found = central_db_get_int (db, &exists, "SELECT COUNT(*) FROM events WHERE id = ?1",
                                      "i", big_event.id);

      if (found < 0)
        return fail (db, error);
      if (exists == 0 && !insert_big_event (db, tz, demo_tickets, now))
        return fail (db, error);
    }
  if (!central_db_commit (db))
    return fail (db, error);
  return TRUE;
}

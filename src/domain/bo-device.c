/* bo-device.c — this counter's identity: server device id, Ed25519 key pair, ticket serials
 *
 * The secret key is copied out of SQLite into sodium_malloc'd memory (guard pages, mlock'd
 * where the limits allow, read-only after loading) and wiped by sodium_free() when the object
 * goes away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-device.h"
#include "domain/bo-crypto.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "domain/bo-ticket-secret.h"
#include "domain/bo-time.h"

struct _BoDevice
{
  GObject  parent_instance;

  guint32  id;                                     /* server device id, 0 before registration */
  char    *name;
  guint8   public_key[BO_ED25519_PUBLIC_KEY_LEN];
  guint8  *secret_key;                             /* sodium_malloc'd, BO_ED25519_SECRET_KEY_LEN */
};

G_DEFINE_FINAL_TYPE (BoDevice, bo_device, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-device-error-quark, bo_device_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One past the last serial a u32 can hold; next_serial may reach it (nothing left). */
#define SERIAL_END G_GINT64_CONSTANT (4294967296)

static gboolean
set_damaged (GError **error)
{
  g_set_error_literal (error, BO_DEVICE_ERROR, BO_DEVICE_ERROR_DAMAGED,
                       _("The device keys stored in the database are damaged"));
  return FALSE;
}

/* Reads the device row into @self. Sets *@out_found to FALSE (and returns TRUE) when there is
 * no row yet. */
static gboolean
read_device_row (BoDevice *self,
                 BoStore  *store,
                 gboolean *out_found,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT server_device_id, name, public_key, secret_key "
                           "FROM device WHERE id = 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      *out_found = FALSE;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "device");
      sqlite3_reset (stmt);
      return FALSE;
    }

  if (sqlite3_column_bytes (stmt, 2) != BO_ED25519_PUBLIC_KEY_LEN ||
      sqlite3_column_bytes (stmt, 3) != BO_ED25519_SECRET_KEY_LEN)
    {
      sqlite3_reset (stmt);
      return set_damaged (error);
    }

  self->id = (guint32) sqlite3_column_int64 (stmt, 0);
  g_free (self->name);
  self->name = bo_store_column_dup_text (stmt, 1);
  memcpy (self->public_key, sqlite3_column_blob (stmt, 2), BO_ED25519_PUBLIC_KEY_LEN);
  memcpy (self->secret_key, sqlite3_column_blob (stmt, 3), BO_ED25519_SECRET_KEY_LEN);
  sqlite3_reset (stmt);

  /* A libsodium secret key carries its public half in its last 32 bytes: a mismatch means the
   * row was edited, and every signature would then fail to verify. */
  if (sodium_memcmp (self->secret_key + 32, self->public_key, BO_ED25519_PUBLIC_KEY_LEN) != 0)
    return set_damaged (error);

  *out_found = TRUE;
  return TRUE;
}

/* Makes sure device_keys lists our public key under our current id (a check-in on this
 * counter looks its own tickets' key up there like any other device's). */
static gboolean
publish_own_key (BoDevice *self,
                 BoStore  *store,
                 GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = bo_store_prepare (store,
                           "INSERT INTO device_keys (device_id, public_key, revoked_at) "
                           "VALUES (?1, ?2, NULL) "
                           "ON CONFLICT (device_id) DO UPDATE "
                           "SET public_key = excluded.public_key, revoked_at = NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_blob (stmt, 2, self->public_key, BO_ED25519_PUBLIC_KEY_LEN, SQLITE_STATIC);
  return bo_store_step_done (store, stmt, error);
}

static gboolean
own_key_published (BoDevice *self,
                   BoStore  *store,
                   gboolean *out_published,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT public_key FROM device_keys WHERE device_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "device_keys");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_published = rc == SQLITE_ROW &&
                   sqlite3_column_bytes (stmt, 0) == BO_ED25519_PUBLIC_KEY_LEN &&
                   memcmp (sqlite3_column_blob (stmt, 0), self->public_key,
                           BO_ED25519_PUBLIC_KEY_LEN) == 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
create_device_row (BoDevice *self,
                   BoStore  *store,
                   GError  **error)
{
  g_autofree char *now = bo_time_now_iso ();
  sqlite3_stmt *stmt;
  gboolean ok;

  crypto_sign_keypair (self->public_key, self->secret_key);

  stmt = bo_store_prepare (store,
                           "INSERT INTO device (id, public_key, secret_key, created_at) "
                           "VALUES (1, ?1, ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, self->public_key, BO_ED25519_PUBLIC_KEY_LEN, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, self->secret_key, BO_ED25519_SECRET_KEY_LEN, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  ok = bo_store_step_done (store, stmt, error);
  /* Drop the binding so the statement cache holds no pointer to the key. */
  sqlite3_clear_bindings (stmt);
  if (!ok)
    return FALSE;

  self->id = 0;
  g_clear_pointer (&self->name, g_free);
  return publish_own_key (self, store, error);
}

static void
bo_device_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BoDevice *self = BO_DEVICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bo_device_finalize (GObject *object)
{
  BoDevice *self = BO_DEVICE (object);

  /* sodium_free() zeroes the key before unmapping it, whatever its protection. */
  g_clear_pointer (&self->secret_key, sodium_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (bo_device_parent_class)->finalize (object);
}

static void
bo_device_class_init (BoDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bo_device_get_property;
  object_class->finalize = bo_device_finalize;

  properties[PROP_ID] =
    g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bo_device_init (BoDevice *self)
{
}

BoDevice *
bo_device_load (BoStore *store,
                GError **error)
{
  g_autoptr (BoDevice) self = NULL;
  gboolean found = FALSE;
  gboolean published = FALSE;
  gboolean own_transaction;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bo_crypto_init ();

  self = g_object_new (BO_TYPE_DEVICE, NULL);
  self->secret_key = sodium_malloc (BO_ED25519_SECRET_KEY_LEN);
  if (self->secret_key == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _("Not enough memory to hold the device key"));
      return NULL;
    }

  /* The usual case, a device that exists and knows its key, needs no write lock. */
  if (!read_device_row (self, store, &found, error))
    return NULL;
  if (found && !own_key_published (self, store, &published, error))
    return NULL;

  if (!found || !published)
    {
      /* Inside a caller's transaction the work joins it; otherwise it gets its own, and the
       * row is read again under the write lock because another process (the GUI and a CLI
       * on the same file) may have created it meanwhile. */
      own_transaction = !bo_store_in_transaction (store);
      if (own_transaction && !bo_store_begin (store, error))
        return NULL;

      if (!read_device_row (self, store, &found, error) ||
          (!found && !create_device_row (self, store, error)) ||
          (found && !publish_own_key (self, store, error)) ||
          (own_transaction && !bo_store_commit (store, error)))
        {
          if (own_transaction)
            bo_store_rollback (store);
          return NULL;
        }
    }

  sodium_mprotect_readonly (self->secret_key);
  return g_steal_pointer (&self);
}

guint32
bo_device_get_id (BoDevice *self)
{
  g_return_val_if_fail (BO_IS_DEVICE (self), 0);
  return self->id;
}

const char *
bo_device_get_name (BoDevice *self)
{
  g_return_val_if_fail (BO_IS_DEVICE (self), NULL);
  return self->name;
}

const guint8 *
bo_device_get_public_key (BoDevice *self)
{
  g_return_val_if_fail (BO_IS_DEVICE (self), NULL);
  return self->public_key;
}

void
bo_device_sign (BoDevice     *self,
                const guint8 *data,
                gsize         len,
                guint8       *signature)
{
  g_return_if_fail (BO_IS_DEVICE (self));
  g_return_if_fail (self->secret_key != NULL);
  g_return_if_fail (data != NULL || len == 0);
  g_return_if_fail (signature != NULL);

  crypto_sign_detached (signature, NULL, data, len, self->secret_key);
}

gboolean
bo_device_take_serials (BoDevice *self,
                        BoStore  *store,
                        guint     count,
                        guint32  *out_first,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 first;
  int rc;

  g_return_val_if_fail (BO_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (bo_store_in_transaction (store), FALSE);
  g_return_val_if_fail (count > 0, FALSE);
  g_return_val_if_fail (out_first != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One statement reserves the range: the guard in WHERE keeps next_serial within the
   * column's CHECK, so exhaustion shows as "no row" rather than a constraint error. */
  stmt = bo_store_prepare (store,
                           "UPDATE device SET next_serial = next_serial + ?1 "
                           "WHERE id = 1 AND next_serial + ?1 <= ?2 "
                           "RETURNING next_serial - ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, count);
  sqlite3_bind_int64 (stmt, 2, SERIAL_END);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, BO_DEVICE_ERROR, BO_DEVICE_ERROR_SERIALS_EXHAUSTED,
                   _("This counter has run out of ticket numbers (%u more requested); "
                     "it must be registered again as a new device"),
                   count);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "take serials");
      sqlite3_reset (stmt);
      return FALSE;
    }
  first = sqlite3_column_int64 (stmt, 0);
  /* Finish the statement: RETURNING has done all its changes by the first row, but stepping
   * to the end releases it cleanly. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return bo_store_set_error (store, error, "take serials");

  g_assert (first >= 1 && first + count <= SERIAL_END);
  *out_first = (guint32) first;
  return TRUE;
}

char *
bo_device_make_secret (BoDevice *self,
                       guint32   event_id,
                       guint32   ticket_type_id,
                       guint32   serial)
{
  BoTicketPayload payload = { 0 };

  g_return_val_if_fail (BO_IS_DEVICE (self), NULL);
  g_return_val_if_fail (self->secret_key != NULL, NULL);

  payload.device_id = self->id;
  payload.event_id = event_id;
  payload.ticket_type_id = ticket_type_id;
  payload.serial = serial;
  /* The nonce makes a secret unguessable from its neighbours' serials. */
  randombytes_buf (payload.nonce, sizeof payload.nonce);

  return bo_ticket_secret_sign (&payload, self->secret_key);
}

guint8 *
bo_device_lookup_key (BoStore  *store,
                      guint32   device_id,
                      gboolean *out_revoked,
                      GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree guint8 *key = NULL;
  gboolean revoked;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (out_revoked != NULL)
    *out_revoked = FALSE;

  stmt = bo_store_prepare (store,
                           "SELECT public_key, revoked_at IS NOT NULL "
                           "FROM device_keys WHERE device_id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, device_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "device_keys");
      sqlite3_reset (stmt);
      return NULL;
    }
  if (sqlite3_column_bytes (stmt, 0) != BO_ED25519_PUBLIC_KEY_LEN)
    {
      sqlite3_reset (stmt);
      set_damaged (error);
      return NULL;
    }
  key = g_memdup2 (sqlite3_column_blob (stmt, 0), BO_ED25519_PUBLIC_KEY_LEN);
  revoked = sqlite3_column_int (stmt, 1) != 0;
  sqlite3_reset (stmt);

  if (out_revoked != NULL)
    *out_revoked = revoked;
  return g_steal_pointer (&key);
}

gboolean
bo_device_set_registration (BoDevice   *self,
                            BoStore    *store,
                            guint32     device_id,
                            const char *name,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  guint32 old_id;

  g_return_val_if_fail (BO_IS_DEVICE (self), FALSE);
  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (bo_store_in_transaction (store), FALSE);
  g_return_val_if_fail (device_id != 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = bo_store_prepare (store,
                           "UPDATE device SET server_device_id = ?1, name = ?2 WHERE id = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, device_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!bo_store_step_done (store, stmt, error))
    return FALSE;

  /* Only our own key row moves: a row under the old id with some other key came from the
   * server's key list and is not ours to delete. */
  old_id = self->id;
  if (old_id != device_id)
    {
      stmt = bo_store_prepare (store,
                               "DELETE FROM device_keys WHERE device_id = ?1 AND public_key = ?2",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, old_id);
      sqlite3_bind_blob (stmt, 2, self->public_key, BO_ED25519_PUBLIC_KEY_LEN, SQLITE_STATIC);
      if (!bo_store_step_done (store, stmt, error))
        return FALSE;
    }

  self->id = device_id;
  if (!publish_own_key (self, store, error))
    {
      self->id = old_id;
      return FALSE;
    }

  /* The object follows the row at once; a caller whose transaction then rolls back must drop
   * this device and load it again. */
  if (old_id != device_id)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
  return TRUE;
}

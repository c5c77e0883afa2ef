/* bo-operator.c — people at the counter, their roles and PIN login
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "domain/bo-operator.h"

#include <glib/gi18n-lib.h>

#include "domain/bo-pin.h"
#include "domain/bo-time.h"

#define BO_OPERATOR_NAME_MAX 64

struct _BoOperator
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  BoRole   role;
};

G_DEFINE_FINAL_TYPE (BoOperator, bo_operator, G_TYPE_OBJECT)
G_DEFINE_QUARK (bo-operator-error-quark, bo_operator_error)

static BoOperator *
operator_new (gint64      id,
              const char *name,
              BoRole      role)
{
  BoOperator *self = g_object_new (BO_TYPE_OPERATOR, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->role = role;
  return self;
}

static gint64
now_unix (void)
{
  g_autoptr (GDateTime) now = bo_time_now ();

  return g_date_time_to_unix (now);
}

static gint64
meta_int (BoStore    *store,
          const char *key)
{
  g_autofree char *text = bo_store_get_meta (store, key);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* Wrong PINs are counted in the store, under the write lock, so that two programs on the same
 * counter (the window and the CLI) share one count and a restart does not reset it. */
static void
record_pin_result (BoStore *store,
                   gboolean success)
{
  g_autoptr (GError) error = NULL;
  gint64 failures;

  if (success && meta_int (store, "pin_failures") == 0)
    return;

  if (!bo_store_begin (store, &error))
    {
      g_warning ("Cannot record a PIN attempt: %s", error->message);
      return;
    }

  failures = success ? 0 : meta_int (store, "pin_failures") + 1;
  if (failures >= BO_PIN_FREE_ATTEMPTS)
    {
      guint shift = (guint) MIN (failures - BO_PIN_FREE_ATTEMPTS, 16);
      gint64 delay = MIN ((gint64) BO_PIN_BASE_DELAY_S << shift, BO_PIN_MAX_DELAY_S);
      g_autofree char *until = g_strdup_printf ("%" G_GINT64_FORMAT, now_unix () + delay);

      bo_store_set_meta (store, "pin_locked_until", until, &error);
    }
  else if (failures == 0)
    {
      bo_store_set_meta (store, "pin_locked_until", NULL, &error);
    }

  if (error == NULL)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, failures);

      bo_store_set_meta (store, "pin_failures", count, &error);
    }
  if (error == NULL)
    bo_store_commit (store, &error);
  else
    bo_store_rollback (store);

  if (error != NULL)
    g_warning ("Cannot record a PIN attempt: %s", error->message);
}

static void
bo_operator_finalize (GObject *object)
{
  BoOperator *self = BO_OPERATOR (object);

  g_clear_pointer (&self->name, g_free);
  G_OBJECT_CLASS (bo_operator_parent_class)->finalize (object);
}

static void
bo_operator_class_init (BoOperatorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bo_operator_finalize;
}

static void
bo_operator_init (BoOperator *self)
{
}

const char *
bo_role_to_string (BoRole role)
{
  return role == BO_ROLE_MANAGER ? "manager" : "cashier";
}

gboolean
bo_role_from_string (const char *text,
                     BoRole     *out_role)
{
  if (g_strcmp0 (text, "cashier") == 0)
    *out_role = BO_ROLE_CASHIER;
  else if (g_strcmp0 (text, "manager") == 0)
    *out_role = BO_ROLE_MANAGER;
  else
    return FALSE;
  return TRUE;
}

gint64
bo_operator_get_id (BoOperator *self)
{
  g_return_val_if_fail (BO_IS_OPERATOR (self), 0);
  return self->id;
}

const char *
bo_operator_get_name (BoOperator *self)
{
  g_return_val_if_fail (BO_IS_OPERATOR (self), NULL);
  return self->name;
}

BoRole
bo_operator_get_role (BoOperator *self)
{
  g_return_val_if_fail (BO_IS_OPERATOR (self), BO_ROLE_CASHIER);
  return self->role;
}

gboolean
bo_operator_can (BoOperator *self,
                 BoRight     right)
{
  g_return_val_if_fail (BO_IS_OPERATOR (self), FALSE);

  switch (right)
    {
    case BO_RIGHT_SELL:
    case BO_RIGHT_CHECK_IN:
    case BO_RIGHT_OPEN_SHIFT:
    case BO_RIGHT_CASH_MOVEMENT:
      return TRUE;
    case BO_RIGHT_CLOSE_SHIFT:
    case BO_RIGHT_REFUND:
    case BO_RIGHT_VOID:
    case BO_RIGHT_OVERRIDE_CAPACITY:
    case BO_RIGHT_COMPLIMENTARY:
    case BO_RIGHT_MANAGE_OPERATORS:
    default:
      return self->role == BO_ROLE_MANAGER;
    }
}

/* Whole sentences, so translators never have to glue fragments together. */
static const char *
describe_right (BoRight right)
{
  switch (right)
    {
    case BO_RIGHT_CLOSE_SHIFT:
      return _("Only a manager can close a shift.");
    case BO_RIGHT_REFUND:
      return _("Only a manager can refund tickets.");
    case BO_RIGHT_VOID:
      return _("Only a manager can void a sale.");
    case BO_RIGHT_OVERRIDE_CAPACITY:
      return _("Only a manager can sell beyond the available capacity.");
    case BO_RIGHT_COMPLIMENTARY:
      return _("Only a manager can give complimentary tickets.");
    case BO_RIGHT_MANAGE_OPERATORS:
      return _("Only a manager can manage operators.");
    case BO_RIGHT_SELL:
    case BO_RIGHT_CHECK_IN:
    case BO_RIGHT_OPEN_SHIFT:
    case BO_RIGHT_CASH_MOVEMENT:
    default:
      return _("This operator is not allowed to do this.");
    }
}

gboolean
bo_operator_require (BoOperator *self,
                     BoRight     right,
                     GError    **error)
{
  g_return_val_if_fail (BO_IS_OPERATOR (self), FALSE);

  if (bo_operator_can (self, right))
    return TRUE;

  g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED,
               /* Translators: the first %s is a sentence like "Only a manager can refund
                * tickets.", the second an operator's name */
               _("%s %s is signed in as a cashier."), describe_right (right), self->name);
  return FALSE;
}

static gboolean
validate_name (const char *name,
               GError    **error)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL) ||
      g_utf8_strlen (name, -1) > BO_OPERATOR_NAME_MAX ||
      g_unichar_isspace (g_utf8_get_char (name)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name)))))
    {
      g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID,
                   _("An operator’s name must be 1 to %d characters without leading or trailing spaces"),
                   BO_OPERATOR_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID,
                       _("An operator’s name cannot contain control characters"));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
any_manager (BoStore *store,
             GError **error,
             gboolean *out_any)
{
  sqlite3_stmt *stmt = bo_store_prepare (store,
                                         "SELECT EXISTS (SELECT 1 FROM operators "
                                         "WHERE role = 'manager' AND active)",
                                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      bo_store_set_error (store, error, "operators");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* Checks @pin against every active operator's hash (or only @name's). Argon2id hashes are
 * salted, so there is no index to look a PIN up by; a counter has a handful of operators. */
static BoOperator *
find_by_pin (BoStore    *store,
             const char *name,
             gboolean    managers_first,
             const char *pin,
             GError    **error)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) roles = g_array_new (FALSE, FALSE, sizeof (BoRole));
  sqlite3_stmt *stmt;
  int rc;

  stmt = bo_store_prepare (store,
                           "SELECT id, name, role, pin_hash FROM operators "
                           "WHERE active AND (?1 IS NULL OR name = ?1) "
                           "ORDER BY CASE WHEN ?2 AND role = 'manager' THEN 0 ELSE 1 END, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, managers_first);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      BoRole role = BO_ROLE_CASHIER;

      bo_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role);
      g_array_append_val (ids, id);
      g_array_append_val (roles, role);
      g_ptr_array_add (names, bo_store_column_dup_text (stmt, 1));
      g_ptr_array_add (hashes, bo_store_column_dup_text (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "operators");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < hashes->len; i++)
    {
      if (bo_pin_verify (hashes->pdata[i], pin))
        return operator_new (g_array_index (ids, gint64, i), names->pdata[i],
                             g_array_index (roles, BoRole, i));
    }
  return NULL;
}

BoOperator *
bo_operator_add (BoStore    *store,
                 BoOperator *actor,
                 const char *name,
                 BoRole      role,
                 const char *pin,
                 GError    **error)
{
  g_autoptr (BoOperator) clash = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean have_manager = FALSE;
  gint64 id;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (actor == NULL || BO_IS_OPERATOR (actor), NULL);

  if (!validate_name (name, error))
    return NULL;
  if (!bo_pin_is_valid (pin, &local_error))
    {
      g_set_error_literal (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID, local_error->message);
      return NULL;
    }

  if (!bo_store_begin (store, error))
    return NULL;

  if (!any_manager (store, error, &have_manager))
    goto fail;
  if (actor != NULL)
    {
      if (!bo_operator_require (actor, BO_RIGHT_MANAGE_OPERATORS, error))
        goto fail;
    }
  else if (have_manager || role != BO_ROLE_MANAGER)
    {
      /* Without an actor, only the very first manager of a store can be made (bootstrap). */
      g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_NOT_ALLOWED,
                   _("Only a manager can add operators"));
      goto fail;
    }

  /* PIN-only login needs every PIN to name one operator. */
  clash = find_by_pin (store, NULL, FALSE, pin, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (clash != NULL)
    {
      g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_PIN_TAKEN,
                   _("Another operator already uses this PIN; choose a different one"));
      goto fail;
    }

  hash = bo_pin_hash (pin, error);
  if (hash == NULL)
    goto fail;
  now = bo_time_now_iso ();

  stmt = bo_store_prepare (store,
                           "INSERT INTO operators (name, role, pin_hash, created_at) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, bo_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (bo_store_get_db (store)) == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_EXISTS,
                     _("There is already an operator called “%s”"), name);
      else
        bo_store_set_error (store, error, "add operator");
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  id = bo_store_last_insert_rowid (store);

  if (!bo_store_commit (store, error))
    return NULL;
  return operator_new (id, name, role);

fail:
  bo_store_rollback (store);
  return NULL;
}

guint
bo_operator_throttle_remaining (BoStore *store)
{
  gint64 until, now;

  g_return_val_if_fail (BO_IS_STORE (store), 0);

  until = meta_int (store, "pin_locked_until");
  now = now_unix ();
  return until > now ? (guint) (until - now) : 0;
}

gint64
bo_operator_get_last_sign_in (BoStore *store)
{
  g_return_val_if_fail (BO_IS_STORE (store), 0);

  return meta_int (store, "last_sign_in");
}

gboolean
bo_operator_remember_sign_in (BoStore    *store,
                              BoOperator *operator,
                              GError    **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (BO_IS_STORE (store), FALSE);
  g_return_val_if_fail (BO_IS_OPERATOR (operator), FALSE);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, operator->id);
  return bo_store_set_meta (store, "last_sign_in", id, error);
}

static BoOperator *
login (BoStore    *store,
       const char *name,
       gboolean    managers_first,
       const char *pin,
       GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  BoOperator *found;
  guint wait;

  wait = bo_operator_throttle_remaining (store);
  if (wait > 0)
    {
      g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_THROTTLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong PINs. Try again in %u second.",
                                "Too many wrong PINs. Try again in %u seconds.", wait),
                   wait);
      return NULL;
    }

  if (pin != NULL && bo_pin_is_valid (pin, NULL))
    found = find_by_pin (store, name, managers_first, pin, &local_error);
  else
    found = NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  record_pin_result (store, found != NULL);
  if (found == NULL)
    g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_WRONG_PIN, _("Wrong PIN"));
  return found;
}

BoOperator *
bo_operator_login (BoStore    *store,
                   const char *pin,
                   GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  return login (store, NULL, FALSE, pin, error);
}

/**
 * bo_operator_login_approver:
 *
 * Who typed @pin, for an approval (a manager's PIN for a refund, say): as bo_operator_login(),
 * but the managers' hashes are tried first, so that an approval costs one Argon2id check per
 * manager rather than one per operator. The caller still checks the role: a cashier's PIN
 * finds the cashier, so that they can be told they cannot approve.
 */
BoOperator *
bo_operator_login_approver (BoStore    *store,
                            const char *pin,
                            GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  return login (store, NULL, TRUE, pin, error);
}

BoOperator *
bo_operator_login_named (BoStore    *store,
                         const char *name,
                         const char *pin,
                         GError    **error)
{
  g_return_val_if_fail (BO_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return login (store, name, FALSE, pin, error);
}

BoOperator *
bo_operator_lookup (BoStore *store,
                    gint64   id,
                    GError **error)
{
  sqlite3_stmt *stmt;
  BoOperator *found = NULL;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store, "SELECT name, role FROM operators WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      BoRole role = BO_ROLE_CASHIER;

      bo_role_from_string ((const char *) sqlite3_column_text (stmt, 1), &role);
      found = operator_new (id, (const char *) sqlite3_column_text (stmt, 0), role);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, BO_OPERATOR_ERROR, BO_OPERATOR_ERROR_INVALID,
                 _("There is no operator %lld"), (long long) id);
  else
    bo_store_set_error (store, error, "operator");
  sqlite3_reset (stmt);
  return found;
}

GPtrArray *
bo_operator_list (BoStore *store,
                  GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BO_IS_STORE (store), NULL);

  stmt = bo_store_prepare (store,
                           "SELECT id, name, role FROM operators WHERE active ORDER BY name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BoRole role = BO_ROLE_CASHIER;

      bo_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role);
      g_ptr_array_add (list, operator_new (sqlite3_column_int64 (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1), role));
    }
  if (rc != SQLITE_DONE)
    {
      bo_store_set_error (store, error, "operators");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

/* bo-worker-staff.c — operator and shift jobs of the database worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ui/bo-worker.h"

typedef struct {
  BoOperator *operator;
  char       *name;
  char       *text;
  gint64      amount;
} StaffData;

static void
staff_data_free (gpointer data)
{
  StaffData *d = data;

  g_clear_object (&d->operator);
  g_free (d->name);
  /* PINs pass through here: do not leave them in freed memory. */
  if (d->text != NULL)
    memset (d->text, 0, strlen (d->text));
  g_free (d->text);
  g_free (d);
}

static StaffData *
staff_data_new (BoOperator *operator,
                const char *name,
                const char *text,
                gint64      amount)
{
  StaffData *d = g_new0 (StaffData, 1);

  d->operator = operator != NULL ? g_object_ref (operator) : NULL;
  d->name = g_strdup (name);
  d->text = g_strdup (text);
  d->amount = amount;
  return d;
}

static gboolean
list_operators_job (BoStore        *store,
                    BoDevice       *device,
                    gpointer        data,
                    gpointer       *out_result,
                    GDestroyNotify *out_free,
                    GCancellable   *cancellable,
                    GError        **error)
{
  GPtrArray *operators = bo_operator_list (store, error);

  if (operators == NULL)
    return FALSE;
  *out_result = operators;
  *out_free = (GDestroyNotify) g_ptr_array_unref;
  return TRUE;
}

void
bo_worker_list_operators_async (BoWorker            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_list_operators_async, list_operators_job, NULL, NULL,
                       cancellable, callback, user_data);
}

GPtrArray *
bo_worker_list_operators_finish (BoWorker      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_list_operators_async, error);
}

static gboolean
add_first_manager_job (BoStore        *store,
                       BoDevice       *device,
                       gpointer        data,
                       gpointer       *out_result,
                       GDestroyNotify *out_free,
                       GCancellable   *cancellable,
                       GError        **error)
{
  StaffData *d = data;
  BoOperator *manager;

  manager = bo_operator_add (store, NULL, d->name, BO_ROLE_MANAGER, d->text, error);
  if (manager == NULL)
    return FALSE;
  *out_result = manager;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_add_first_manager_async (BoWorker            *self,
                                   const char          *name,
                                   const char          *pin,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_add_first_manager_async, add_first_manager_job,
                       staff_data_new (NULL, name, pin, 0), staff_data_free,
                       cancellable, callback, user_data);
}

BoOperator *
bo_worker_add_first_manager_finish (BoWorker      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_add_first_manager_async, error);
}

static gboolean
login_job (BoStore        *store,
           BoDevice       *device,
           gpointer        data,
           gpointer       *out_result,
           GDestroyNotify *out_free,
           GCancellable   *cancellable,
           GError        **error)
{
  StaffData *d = data;
  BoOperator *operator;

  if (d->name != NULL)
    operator = bo_operator_login_named (store, d->name, d->text, error);
  else
    operator = bo_operator_login (store, d->text, error);
  if (operator == NULL)
    return FALSE;
  *out_result = operator;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_login_async (BoWorker            *self,
                       const char          *name,
                       const char          *pin,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (pin != NULL);

  bo_worker_run_async (self, bo_worker_login_async, login_job,
                       staff_data_new (NULL, name, pin, 0), staff_data_free,
                       cancellable, callback, user_data);
}

BoOperator *
bo_worker_login_finish (BoWorker      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_login_async, error);
}

static gboolean
throttle_job (BoStore        *store,
              BoDevice       *device,
              gpointer        data,
              gpointer       *out_result,
              GDestroyNotify *out_free,
              GCancellable   *cancellable,
              GError        **error)
{
  *out_result = GUINT_TO_POINTER (bo_operator_throttle_remaining (store));
  return TRUE;
}

void
bo_worker_throttle_async (BoWorker            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_throttle_async, throttle_job, NULL, NULL,
                       cancellable, callback, user_data);
}

guint
bo_worker_throttle_finish (BoWorker      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return GPOINTER_TO_UINT (bo_worker_run_finish (self, result, bo_worker_throttle_async, error));
}

static gboolean
current_shift_job (BoStore        *store,
                   BoDevice       *device,
                   gpointer        data,
                   gpointer       *out_result,
                   GDestroyNotify *out_free,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  BoShift *shift = bo_shift_get_current (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_result = shift;
  *out_free = shift != NULL ? g_object_unref : NULL;
  return TRUE;
}

void
bo_worker_current_shift_async (BoWorker            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  bo_worker_run_async (self, bo_worker_current_shift_async, current_shift_job, NULL, NULL,
                       cancellable, callback, user_data);
}

BoShift *
bo_worker_current_shift_finish (BoWorker      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_current_shift_async, error);
}

static gboolean
open_shift_job (BoStore        *store,
                BoDevice       *device,
                gpointer        data,
                gpointer       *out_result,
                GDestroyNotify *out_free,
                GCancellable   *cancellable,
                GError        **error)
{
  StaffData *d = data;
  BoShift *shift = bo_shift_open (store, device, d->operator, d->amount, error);

  if (shift == NULL)
    return FALSE;
  *out_result = shift;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_open_shift_async (BoWorker            *self,
                            BoOperator          *operator,
                            gint64               float_amount,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  bo_worker_run_async (self, bo_worker_open_shift_async, open_shift_job,
                       staff_data_new (operator, NULL, NULL, float_amount), staff_data_free,
                       cancellable, callback, user_data);
}

BoShift *
bo_worker_open_shift_finish (BoWorker      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_open_shift_async, error);
}

static gboolean
move_cash_job (BoStore        *store,
               BoDevice       *device,
               gpointer        data,
               gpointer       *out_result,
               GDestroyNotify *out_free,
               GCancellable   *cancellable,
               GError        **error)
{
  StaffData *d = data;

  if (!bo_shift_move_cash (store, device, d->operator, d->amount, d->text, error))
    return FALSE;
  return current_shift_job (store, device, NULL, out_result, out_free, cancellable, error);
}

void
bo_worker_move_cash_async (BoWorker            *self,
                           BoOperator          *operator,
                           gint64               amount,
                           const char          *reason,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  bo_worker_run_async (self, bo_worker_move_cash_async, move_cash_job,
                       staff_data_new (operator, NULL, reason, amount), staff_data_free,
                       cancellable, callback, user_data);
}

BoShift *
bo_worker_move_cash_finish (BoWorker      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_move_cash_async, error);
}

static gboolean
close_shift_job (BoStore        *store,
                 BoDevice       *device,
                 gpointer        data,
                 gpointer       *out_result,
                 GDestroyNotify *out_free,
                 GCancellable   *cancellable,
                 GError        **error)
{
  StaffData *d = data;
  BoShift *shift = bo_shift_close (store, device, d->operator, d->amount, error);

  if (shift == NULL)
    return FALSE;
  *out_result = shift;
  *out_free = g_object_unref;
  return TRUE;
}

void
bo_worker_close_shift_async (BoWorker            *self,
                             BoOperator          *operator,
                             gint64               cash_counted,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BO_IS_OPERATOR (operator));

  bo_worker_run_async (self, bo_worker_close_shift_async, close_shift_job,
                       staff_data_new (operator, NULL, NULL, cash_counted), staff_data_free,
                       cancellable, callback, user_data);
}

BoShift *
bo_worker_close_shift_finish (BoWorker      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return bo_worker_run_finish (self, result, bo_worker_close_shift_async, error);
}
